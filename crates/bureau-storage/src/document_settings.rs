//! A scenario's document settings (文号, 密级, 主送, 署名, dates … as the export dialog last left
//! them), kept as JSON text in `scenario.document_settings`: their shape and validation belong
//! to bureau-io, this module only stores them, audited. NULL means the defaults.
//!
//! Unlike the plan data, they may be written on an approved scenario: how an approved plan is
//! issued (its 文号, its date) is settled after the approval.

use serde_json::Value;

use crate::scenario_columns::{self, ScenarioColumn};
use crate::{StorageError, Workspace};

impl Workspace {
    /// The stored settings of a scenario, `None` when it has never been exported with settings.
    pub fn document_settings(&mut self, scenario_id: i64) -> Result<Option<Value>, StorageError> {
        let tx = self.read()?;
        scenario_columns::read_json(&tx, scenario_id, ScenarioColumn::DocumentSettings)
    }

    /// Stores a scenario's settings (`None`: back to the defaults) and audits the change
    /// (action `document_settings`, with the values before and after). Writing the same
    /// settings again changes nothing and is not audited.
    pub fn set_document_settings(
        &mut self,
        scenario_id: i64,
        settings: Option<&Value>,
    ) -> Result<(), StorageError> {
        let tx = self.write()?;
        let before: Option<String> =
            scenario_columns::read(&tx, scenario_id, ScenarioColumn::DocumentSettings)?;
        let after = settings.map(Value::to_string);
        if before == after {
            return Ok(());
        }
        let before_value: Option<Value> = before.and_then(|t| serde_json::from_str(&t).ok());
        scenario_columns::write_text(
            &tx,
            scenario_id,
            ScenarioColumn::DocumentSettings,
            after.as_deref(),
        )?;
        scenario_columns::touch(&tx, scenario_id)?;
        crate::audit::append(
            &tx,
            Some(scenario_id),
            "document_settings",
            &serde_json::json!({"before": before_value, "after": settings}),
        )?;
        tx.commit()?;
        Ok(())
    }
}
