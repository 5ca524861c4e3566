//! The planner's own text of a scenario's paper: the paragraphs they rewrote
//! (`document_paragraph`, keyed as bureau-io lays the paper out) and the 实施步骤 phases
//! (`scenario.document_phases`, JSON owned by bureau-io). Which keys exist and what a phase
//! holds belong to bureau-io; this module stores them, audited, on editable scenarios only:
//! the text is part of the plan an approval settles.

use rusqlite::{params, Transaction};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

use crate::scenario_columns::{self, ScenarioColumn};
use crate::{StorageError, Workspace};

/// A paragraph the planner rewrote: their text, and the default it replaced as that default
/// read when they wrote it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentParagraph {
    pub key: String,
    pub text: String,
    pub default_when_edited: String,
}

fn paragraphs(
    tx: &Transaction<'_>,
    scenario_id: i64,
) -> Result<Vec<DocumentParagraph>, StorageError> {
    let mut stmt = tx.prepare(
        "SELECT key, text, default_when_edited FROM document_paragraph
         WHERE scenario_id = ?1 ORDER BY key",
    )?;
    let rows = stmt.query_map([scenario_id], |r| {
        Ok(DocumentParagraph {
            key: r.get(0)?,
            text: r.get(1)?,
            default_when_edited: r.get(2)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

fn stored_phases(tx: &Transaction<'_>, scenario_id: i64) -> Result<Option<Value>, StorageError> {
    scenario_columns::read_json(tx, scenario_id, ScenarioColumn::DocumentPhases)
}

/// Copies a scenario's text to a new branch of it: the planner's paragraphs follow the plan.
pub fn copy_document_text(tx: &Transaction<'_>, from: i64, to: i64) -> Result<(), StorageError> {
    tx.execute(
        "INSERT INTO document_paragraph (scenario_id, key, text, default_when_edited)
         SELECT ?2, key, text, default_when_edited FROM document_paragraph WHERE scenario_id = ?1",
        [from, to],
    )?;
    scenario_columns::copy(tx, ScenarioColumn::DocumentPhases, from, to)
}

impl Workspace {
    /// The paragraphs a scenario's planner rewrote (by key) and its phases (`None`: the
    /// generated steps).
    pub fn document_text(
        &mut self,
        scenario_id: i64,
    ) -> Result<(Vec<DocumentParagraph>, Option<Value>), StorageError> {
        let tx = self.read()?;
        let phases = stored_phases(&tx, scenario_id)?;
        Ok((paragraphs(&tx, scenario_id)?, phases))
    }

    /// Stores the planner's version of one paragraph (`None`: back to the default), audited as
    /// `document_paragraph` with the text before and after. Writing what is stored already
    /// changes nothing and is not audited; an approved scenario refuses.
    pub fn set_document_paragraph(
        &mut self,
        scenario_id: i64,
        key: &str,
        paragraph: Option<&DocumentParagraph>,
    ) -> Result<(), StorageError> {
        let tx = self.write()?;
        crate::scenario_status::require_editable(&tx, scenario_id)?;
        let before = paragraphs(&tx, scenario_id)?
            .into_iter()
            .find(|p| p.key == key);
        if before.as_ref() == paragraph {
            return Ok(());
        }
        tx.execute(
            "DELETE FROM document_paragraph WHERE scenario_id = ?1 AND key = ?2",
            params![scenario_id, key],
        )?;
        if let Some(p) = paragraph {
            tx.execute(
                "INSERT INTO document_paragraph (scenario_id, key, text, default_when_edited)
                 VALUES (?1, ?2, ?3, ?4)",
                params![scenario_id, key, p.text, p.default_when_edited],
            )?;
        }
        scenario_columns::touch(&tx, scenario_id)?;
        crate::audit::append(
            &tx,
            Some(scenario_id),
            "document_paragraph",
            &json!({
                "key": key,
                "before": before.map(|p| p.text),
                "after": paragraph.map(|p| p.text.as_str()),
            }),
        )?;
        tx.commit()?;
        Ok(())
    }

    /// Stores a scenario's 实施步骤 phases (`None`: back to the generated steps), audited as
    /// `document_phases` with the phases before and after; an approved scenario refuses.
    pub fn set_document_phases(
        &mut self,
        scenario_id: i64,
        phases: Option<&Value>,
    ) -> Result<(), StorageError> {
        let tx = self.write()?;
        crate::scenario_status::require_editable(&tx, scenario_id)?;
        let before = stored_phases(&tx, scenario_id)?;
        if before.as_ref() == phases {
            return Ok(());
        }
        let text = phases.map(Value::to_string);
        scenario_columns::write_text(
            &tx,
            scenario_id,
            ScenarioColumn::DocumentPhases,
            text.as_deref(),
        )?;
        scenario_columns::touch(&tx, scenario_id)?;
        crate::audit::append(
            &tx,
            Some(scenario_id),
            "document_phases",
            &json!({"before": before, "after": phases}),
        )?;
        tx.commit()?;
        Ok(())
    }
}
