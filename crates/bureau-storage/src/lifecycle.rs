//! A scenario's life: branch, rename, annotate, review and approve, delete to the trash and
//! restore; the planner's name; and the audit trail's reading side. Every change here is
//! written with its audit row in one transaction. An approved scenario is read-only.

use bureau_core::model::ScenarioStatus;
use bureau_core::templates::{self, Template};
use rusqlite::{params, OptionalExtension, Transaction};
use serde_json::json;

use crate::audit::{self, AuditEntry, AuditReport};
use crate::scenario_columns::{self, ScenarioColumn};
use crate::scenario_status::{require_editable, status_of};
use crate::scenarios::{self, insert_structure, load_structure};
use crate::settings::{set_setting, setting, CURRENT_SCENARIO, PLANNER_NAME};
use crate::{StorageError, Workspace};

/// Longest scenario name and notes accepted (characters).
pub const MAX_NAME_CHARS: usize = 60;
pub const MAX_NOTES_CHARS: usize = 20_000;

fn checked_name(
    tx: &Transaction<'_>,
    name: &str,
    except: Option<i64>,
) -> Result<String, StorageError> {
    let name = name.trim();
    if name.is_empty() {
        return Err(StorageError::Invalid("a scenario needs a name".into()));
    }
    let chars = name.chars().count();
    if chars > MAX_NAME_CHARS {
        return Err(StorageError::Invalid(format!(
            "a scenario name has at most {MAX_NAME_CHARS} characters, found {chars}"
        )));
    }
    let clash: Option<(i64, Option<String>)> = tx
        .query_row(
            "SELECT id, deleted_at FROM scenario WHERE name = ?1 AND id IS NOT ?2",
            params![name, except],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    match clash {
        Some((_, Some(_))) => Err(StorageError::Invalid(format!(
            "a scenario named {name:?} is in the trash; restore or rename it first"
        ))),
        Some(_) => Err(StorageError::Invalid(format!(
            "a scenario named {name:?} already exists"
        ))),
        None => Ok(name.to_owned()),
    }
}

fn scalar(tx: &Transaction<'_>, sql: &str, id: i64) -> Result<String, StorageError> {
    tx.query_row(sql, [id], |r| r.get(0))
        .optional()?
        .ok_or_else(|| StorageError::NotFound(format!("scenario {id}")))
}

impl Workspace {
    /// A new scenario branched from `from`: its structure, draft, rules, notes and the
    /// planner's document text, as a draft.
    pub fn branch_scenario(&mut self, from: i64, name: &str) -> Result<i64, StorageError> {
        let tx = self.write()?;
        status_of(&tx, from)?;
        let name = checked_name(&tx, name, None)?;
        let source = scenarios::load_scenario(&tx, from)?.scenario;
        let structure_id: i64 = scenario_columns::read(&tx, from, ScenarioColumn::StructureId)?;
        let structure = load_structure(&tx, structure_id)?;
        let new_structure = insert_structure(&tx, &structure)?;
        let rules: Option<String> = scenario_columns::read(&tx, from, ScenarioColumn::Rules)?;
        let id = scenarios::insert_scenario(
            &tx,
            &scenarios::NewScenario {
                name: &name,
                structure_id: new_structure,
                draft: &source.draft,
                notes: &source.notes,
                rules_json: rules.as_deref(),
            },
        )?;
        tx.execute(
            "UPDATE scenario SET parent_id = ?1 WHERE id = ?2",
            params![from, id],
        )?;
        crate::solve_weights::copy_weights(&tx, from, id)?;
        crate::document_text::copy_document_text(&tx, from, id)?;
        audit::append(
            &tx,
            Some(id),
            "branch",
            &json!({"from": from, "from_name": source.name, "name": name}),
        )?;
        tx.commit()?;
        Ok(id)
    }

    /// A new draft scenario from a structure template applied to the workspace's bureau.
    pub fn create_scenario(&mut self, name: &str, template: Template) -> Result<i64, StorageError> {
        let tx = self.write()?;
        let name = checked_name(&tx, name, None)?;
        let bureau = crate::roster::load_bureau(&tx)?;
        let (structure, draft) = templates::apply(template, &bureau);
        let structure_id = insert_structure(&tx, &structure)?;
        let id = scenarios::insert_scenario(
            &tx,
            &scenarios::NewScenario {
                name: &name,
                structure_id,
                draft: &draft,
                notes: "",
                rules_json: None,
            },
        )?;
        audit::append(
            &tx,
            Some(id),
            "create",
            &json!({"name": name, "template": template.name()}),
        )?;
        tx.commit()?;
        Ok(id)
    }

    pub fn rename_scenario(&mut self, id: i64, name: &str) -> Result<(), StorageError> {
        let tx = self.write()?;
        require_editable(&tx, id)?;
        let name = checked_name(&tx, name, Some(id))?;
        let before = scalar(&tx, "SELECT name FROM scenario WHERE id = ?1", id)?;
        tx.execute(
            "UPDATE scenario SET name = ?1 WHERE id = ?2",
            params![name, id],
        )?;
        scenario_columns::touch(&tx, id)?;
        audit::append(
            &tx,
            Some(id),
            "rename",
            &json!({"before": before, "after": name}),
        )?;
        tx.commit()?;
        Ok(())
    }

    pub fn set_scenario_notes(&mut self, id: i64, notes: &str) -> Result<(), StorageError> {
        let tx = self.write()?;
        require_editable(&tx, id)?;
        let chars = notes.chars().count();
        if chars > MAX_NOTES_CHARS {
            return Err(StorageError::Invalid(format!(
                "notes have at most {MAX_NOTES_CHARS} characters, found {chars}"
            )));
        }
        let before = scalar(&tx, "SELECT notes FROM scenario WHERE id = ?1", id)?;
        tx.execute(
            "UPDATE scenario SET notes = ?1 WHERE id = ?2",
            params![notes, id],
        )?;
        scenario_columns::touch(&tx, id)?;
        audit::append(
            &tx,
            Some(id),
            "notes",
            &json!({"before": before, "after": notes}),
        )?;
        tx.commit()?;
        Ok(())
    }

    /// draft ⇄ review → approved. Approval is final: branch an approved scenario to change it.
    pub fn set_scenario_status(
        &mut self,
        id: i64,
        status: ScenarioStatus,
    ) -> Result<(), StorageError> {
        use ScenarioStatus::*;
        let tx = self.write()?;
        let before = status_of(&tx, id)?;
        match (before, status) {
            (a, b) if a == b => return Ok(()),
            (Draft, Review) | (Review, Draft) | (Review, Approved) => {}
            (a, b) => {
                return Err(StorageError::Invalid(format!(
                    "a scenario cannot go from {} to {}",
                    a.as_str(),
                    b.as_str()
                )))
            }
        }
        tx.execute(
            "UPDATE scenario SET status = ?1 WHERE id = ?2",
            params![status.as_str(), id],
        )?;
        scenario_columns::touch(&tx, id)?;
        audit::append(
            &tx,
            Some(id),
            "status",
            &json!({"before": before.as_str(), "after": status.as_str()}),
        )?;
        tx.commit()?;
        Ok(())
    }

    /// Moves a scenario to the trash (recoverable). The last scenario cannot be deleted; when
    /// the current one goes, another becomes current.
    pub fn delete_scenario(&mut self, id: i64) -> Result<(), StorageError> {
        let tx = self.write()?;
        require_editable(&tx, id)?;
        let live: i64 = tx.query_row(
            "SELECT count(*) FROM scenario WHERE deleted_at IS NULL",
            [],
            |r| r.get(0),
        )?;
        if live <= 1 {
            return Err(StorageError::Invalid(
                "the last scenario cannot be deleted".into(),
            ));
        }
        let name = scalar(&tx, "SELECT name FROM scenario WHERE id = ?1", id)?;
        tx.execute(
            "UPDATE scenario SET deleted_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = ?1",
            [id],
        )?;
        if setting(&tx, CURRENT_SCENARIO)?.as_deref() == Some(id.to_string().as_str()) {
            let next: i64 = tx.query_row(
                "SELECT id FROM scenario WHERE deleted_at IS NULL ORDER BY id LIMIT 1",
                [],
                |r| r.get(0),
            )?;
            set_setting(&tx, CURRENT_SCENARIO, &next.to_string())?;
        }
        audit::append(&tx, Some(id), "delete", &json!({"name": name}))?;
        tx.commit()?;
        Ok(())
    }

    pub fn restore_scenario(&mut self, id: i64) -> Result<(), StorageError> {
        let tx = self.write()?;
        let name = scalar(
            &tx,
            "SELECT name FROM scenario WHERE id = ?1 AND deleted_at IS NOT NULL",
            id,
        )?;
        tx.execute("UPDATE scenario SET deleted_at = NULL WHERE id = ?1", [id])?;
        audit::append(&tx, Some(id), "restore", &json!({"name": name}))?;
        tx.commit()?;
        Ok(())
    }

    /// Scenarios in the trash: (id, name, deleted at).
    pub fn trash(&mut self) -> Result<Vec<(i64, String, String)>, StorageError> {
        let tx = self.read()?;
        let mut stmt = tx.prepare(
            "SELECT id, name, deleted_at FROM scenario WHERE deleted_at IS NOT NULL ORDER BY deleted_at DESC",
        )?;
        let rows = crate::table_rows::collect(
            stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?,
        )?;
        Ok(rows)
    }

    pub fn planner_name(&mut self) -> Result<String, StorageError> {
        let tx = self.read()?;
        Ok(setting(&tx, PLANNER_NAME)?.unwrap_or_default())
    }

    /// The name written into every later audit row.
    pub fn set_planner_name(&mut self, name: &str) -> Result<(), StorageError> {
        let name = name.trim();
        if name.chars().count() > MAX_NAME_CHARS {
            return Err(StorageError::Invalid(format!(
                "a name has at most {MAX_NAME_CHARS} characters"
            )));
        }
        let tx = self.write()?;
        let before = setting(&tx, PLANNER_NAME)?.unwrap_or_default();
        set_setting(&tx, PLANNER_NAME, name)?;
        audit::append(
            &tx,
            None,
            "planner_name",
            &json!({"before": before, "after": name}),
        )?;
        tx.commit()?;
        Ok(())
    }

    pub fn audit_verify(&mut self) -> Result<AuditReport, StorageError> {
        let tx = self.read()?;
        audit::verify(&tx)
    }

    pub fn history(
        &mut self,
        scenario_id: Option<i64>,
        person: Option<&str>,
        unit: Option<&str>,
        limit: u32,
    ) -> Result<Vec<AuditEntry>, StorageError> {
        let tx = self.read()?;
        audit::history(&tx, scenario_id, person, unit, limit)
    }
}
