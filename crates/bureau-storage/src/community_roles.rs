//! A scenario's community roles (社区民警): who holds a community post in the plan where it
//! differs from the roster's mark, whose role is pinned, and who may hold one. Stored as JSON in
//! `scenario.community` (part of the draft); a change is one undoable step of the board's edit
//! log holding the value before and after, and audited. Accepting a solve writes its roles in
//! the same step as its placements.

use bureau_core::{CommunityEligibility, CommunityRoles};
use rusqlite::Transaction;

use crate::edit_log::{self, EditKind, EditOutcome, Side};
use crate::scenario_columns::{self, ScenarioColumn};
use crate::{audit, roster, StorageError, Workspace};

fn to_json(roles: &CommunityRoles) -> Result<String, StorageError> {
    serde_json::to_string(roles).map_err(|e| StorageError::Invalid(format!("community: {e}")))
}

/// The scenario's roles as stored (people who left the roster included: they count nowhere).
pub(crate) fn stored(
    tx: &Transaction<'_>,
    scenario_id: i64,
) -> Result<CommunityRoles, StorageError> {
    let roles = scenario_columns::read_json(tx, scenario_id, ScenarioColumn::Community)?;
    Ok(roles.unwrap_or_default())
}

/// Writes the scenario's roles (the default is stored as NULL).
pub(crate) fn write(
    tx: &Transaction<'_>,
    scenario_id: i64,
    roles: &CommunityRoles,
) -> Result<(), StorageError> {
    let json = if roles.is_default() {
        None
    } else {
        Some(to_json(roles)?)
    };
    scenario_columns::write_text(tx, scenario_id, ScenarioColumn::Community, json.as_deref())
}

/// Puts back the roles an edit-log row recorded (undo and redo).
pub(crate) fn restore(
    tx: &Transaction<'_>,
    scenario_id: i64,
    json: &str,
) -> Result<(), StorageError> {
    let roles: CommunityRoles = serde_json::from_str(json)
        .map_err(|e| StorageError::Damaged(format!("edit log community: {e}")))?;
    write(tx, scenario_id, &roles)
}

/// Refuses roles or pins naming someone not on the roster, a pin given twice, or an age limit
/// out of bounds.
fn validate(tx: &Transaction<'_>, roles: &CommunityRoles) -> Result<(), StorageError> {
    for number in roles.roles.keys() {
        if !roster::on_roster(tx, number)? {
            return Err(StorageError::Invalid(format!(
                "community.roles.{number}: unknown police number"
            )));
        }
    }
    let mut seen = std::collections::HashSet::new();
    for (i, number) in roles.pins.iter().enumerate() {
        if !roster::on_roster(tx, number)? || !seen.insert(number) {
            return Err(StorageError::Invalid(format!(
                "community.pins[{i}]: the police number of someone on the roster, once; found {number:?}"
            )));
        }
    }
    if let Some(age) = CommunityEligibility::max_age_out_of_range(roles.eligibility.max_age) {
        return Err(StorageError::Invalid(format!(
            "community.eligibility.max_age: an age between 18 and 100, found {age}"
        )));
    }
    Ok(())
}

/// Writes `roles` as part of the step `edits::apply` just logged, or as a step of its own
/// (kind `kind`) when that step logged nothing. Whether the roles changed.
pub(crate) fn log(
    tx: &Transaction<'_>,
    scenario_id: i64,
    roles: &CommunityRoles,
    step_logged: bool,
    kind: EditKind,
    label: &str,
) -> Result<bool, StorageError> {
    validate(tx, roles)?;
    let before = stored(tx, scenario_id)?;
    if &before == roles {
        return Ok(false);
    }
    write(tx, scenario_id, roles)?;
    let (before_json, after_json) = (to_json(&before)?, to_json(roles)?);
    let side = (Side::Community, before_json.as_str(), after_json.as_str());
    if step_logged {
        edit_log::add_to_latest(tx, scenario_id, side)?;
    } else {
        let none = Default::default();
        edit_log::log_step(tx, scenario_id, kind, label, &none, &none, Some(side))?;
    }
    scenario_columns::touch(tx, scenario_id)?;
    audit::append(
        tx,
        Some(scenario_id),
        "community",
        &serde_json::json!({ "before": before, "after": roles }),
    )?;
    Ok(true)
}

impl Workspace {
    /// The scenario's community roles.
    pub fn community_roles(&mut self, scenario_id: i64) -> Result<CommunityRoles, StorageError> {
        let tx = self.read()?;
        stored(&tx, scenario_id)
    }

    /// Replaces the scenario's community roles as one undoable step labelled `label`; refused
    /// (nothing written) on an unknown person, a repeated pin, an age limit out of bounds or an
    /// approved scenario. Roles equal to the stored ones log nothing.
    pub fn set_community_roles(
        &mut self,
        scenario_id: i64,
        roles: &CommunityRoles,
        label: &str,
    ) -> Result<EditOutcome, StorageError> {
        self.edit_step(scenario_id, "edit", |tx| {
            let changed = log(tx, scenario_id, roles, false, EditKind::Community, label)?;
            let mut out = edit_log::outcome(tx, scenario_id, Default::default())?;
            out.community_changed = changed;
            Ok(out)
        })
    }
}
