//! A scenario's rule set: stored as JSON in `scenario.rules`, NULL meaning the defaults for the
//! bureau's kind (so that improved defaults reach scenarios the planner never customised).

use bureau_core::rules::{default_rules, validate_rules, Rule};
use rusqlite::Transaction;

use crate::scenario_columns::{self, ScenarioColumn};
use crate::{roster, scenarios, StorageError, Workspace};

pub fn rules_json(rules: Option<&[Rule]>) -> Result<Option<String>, StorageError> {
    rules
        .map(serde_json::to_string)
        .transpose()
        .map_err(|e| StorageError::Invalid(format!("rules: {e}")))
}

/// The stored rules, `None` when the scenario uses the defaults.
pub fn stored_rules(
    tx: &Transaction<'_>,
    scenario_id: i64,
) -> Result<Option<Vec<Rule>>, StorageError> {
    scenario_columns::read_json(tx, scenario_id, ScenarioColumn::Rules)
}

/// Writes a scenario's rules (`None`: the defaults).
pub fn write_rules(
    tx: &Transaction<'_>,
    scenario_id: i64,
    rules: Option<&[Rule]>,
) -> Result<(), StorageError> {
    let json = rules_json(rules)?;
    scenario_columns::write_text(tx, scenario_id, ScenarioColumn::Rules, json.as_deref())
}

impl Workspace {
    /// The rules a scenario is planned against: its own, or the defaults for the bureau.
    pub fn scenario_rules(&mut self, scenario_id: i64) -> Result<Vec<Rule>, StorageError> {
        let tx = self.read()?;
        match stored_rules(&tx, scenario_id)? {
            Some(rules) => Ok(rules),
            None => {
                let bureau = roster::load_bureau(&tx)?;
                let structure = scenarios::load_scenario(&tx, scenario_id)?
                    .scenario
                    .structure;
                Ok(default_rules(&bureau, &structure))
            }
        }
    }

    /// The scenario's own rules; `None` when it uses the defaults for the bureau.
    pub fn stored_scenario_rules(
        &mut self,
        scenario_id: i64,
    ) -> Result<Option<Vec<Rule>>, StorageError> {
        let tx = self.read()?;
        stored_rules(&tx, scenario_id)
    }

    /// Replaces a scenario's rules (`None`: back to the defaults) after validating them
    /// against its structure; nothing changes when they are refused.
    pub fn set_scenario_rules(
        &mut self,
        scenario_id: i64,
        rules: Option<&[Rule]>,
    ) -> Result<(), StorageError> {
        let tx = self.write()?;
        crate::scenario_status::require_editable(&tx, scenario_id)?;
        let structure = scenarios::load_scenario(&tx, scenario_id)?
            .scenario
            .structure;
        let before = stored_rules(&tx, scenario_id)?;
        if let Some(rules) = rules {
            validate_rules(rules, &structure).map_err(|(i, field, expected)| {
                StorageError::Invalid(format!("rules[{i}].{field}: expected {expected}"))
            })?;
        }
        write_rules(&tx, scenario_id, rules)?;
        scenario_columns::touch(&tx, scenario_id)?;
        crate::audit::append(
            &tx,
            Some(scenario_id),
            "rules",
            &serde_json::json!({"before": before, "after": rules}),
        )?;
        tx.commit()?;
        Ok(())
    }
}
