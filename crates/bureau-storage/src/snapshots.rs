//! In-memory copies of the roster and of scenarios for the planning board's hot path, so that
//! a move on the city sample (6,000 people) does not re-read the whole roster from SQLite.
//!
//! A copy is valid while nothing else has written: the key is this connection's
//! `total_changes()` and `PRAGMA data_version` (which changes when another connection commits).
//! The board's own edits keep the copies valid by patching the scenario's draft with the step's
//! changed placements and moving the key past their own write.

use std::collections::HashMap;
use std::sync::Arc;

use bureau_core::{Bureau, Scenario};
use rusqlite::Connection;

use crate::edit_log::{EditKind, EditOutcome, Replay};
use crate::edits::{self, Target};
use crate::placements::PlacementSet;
use crate::{StorageError, Workspace};

pub type Key = (i64, u64);

#[derive(Debug, Default)]
pub struct Snapshots {
    key: Option<Key>,
    bureau: Option<Arc<Bureau>>,
    scenarios: HashMap<i64, Arc<Scenario>>,
}

pub fn key(conn: &Connection) -> Result<Key, StorageError> {
    let data_version: i64 = conn.query_row("PRAGMA data_version", [], |r| r.get(0))?;
    Ok((data_version, conn.total_changes()))
}

impl Snapshots {
    /// Drops every copy unless they were taken at `now`.
    pub fn validate(&mut self, now: Key) {
        if self.key != Some(now) {
            *self = Snapshots {
                key: Some(now),
                ..Snapshots::default()
            };
        }
    }

    pub fn is_valid(&self, now: Key) -> bool {
        self.key == Some(now)
    }

    pub fn bureau(&self) -> Option<Arc<Bureau>> {
        self.bureau.clone()
    }

    pub fn set_bureau(&mut self, bureau: Arc<Bureau>) {
        self.bureau = Some(bureau);
    }

    pub fn scenario(&self, id: i64) -> Option<Arc<Scenario>> {
        self.scenarios.get(&id).cloned()
    }

    pub fn set_scenario(&mut self, scenario: Arc<Scenario>) {
        self.scenarios.insert(scenario.id, scenario);
    }

    /// After the board's own write: the roster is unchanged; the scenario's draft gets the
    /// step's placements (or is dropped when `patch` is false). A pin the step adds goes last:
    /// after an undo that restores an old pin, the copy's pin order can differ from the file's
    /// (pins are a set to the board and the metrics).
    pub fn after_edit(&mut self, now: Key, scenario_id: i64, changed: &PlacementSet, patch: bool) {
        self.key = Some(now);
        let Some(cached) = self.scenarios.remove(&scenario_id) else {
            return;
        };
        if !patch {
            return;
        }
        let mut scenario = Arc::unwrap_or_clone(cached);
        let draft = &mut scenario.draft;
        for (police_number, placement) in changed {
            let was_pinned = draft.pins.contains(police_number);
            match placement {
                Some(p) => {
                    draft
                        .assignment
                        .insert(police_number.clone(), p.unit.clone());
                    if p.pinned && !was_pinned {
                        draft.pins.push(police_number.clone());
                    }
                    if !p.pinned && was_pinned {
                        draft.pins.retain(|x| x != police_number);
                    }
                }
                None => {
                    draft.assignment.remove(police_number);
                    draft.pins.retain(|x| x != police_number);
                }
            }
        }
        self.scenarios.insert(scenario_id, Arc::new(scenario));
    }
}

impl Workspace {
    /// The roster and a scenario as the board reads them on every edit: shared in-memory
    /// copies, re-read only when something other than the board's own edits wrote. A copy's
    /// `updated_at` may lag behind the file.
    pub fn snapshot(
        &mut self,
        scenario_id: i64,
    ) -> Result<(Arc<Bureau>, Arc<Scenario>), StorageError> {
        let now = self.change_key()?;
        self.snapshots.validate(now);
        let bureau = match self.snapshots.bureau() {
            Some(b) => b,
            None => {
                let b = Arc::new(self.bureau()?);
                self.snapshots.set_bureau(b.clone());
                b
            }
        };
        let scenario = match self.snapshots.scenario(scenario_id) {
            Some(s) => s,
            None => {
                let s = Arc::new(self.scenario(scenario_id)?);
                self.snapshots.set_scenario(s.clone());
                s
            }
        };
        Ok((bureau, scenario))
    }

    /// Applies a change set to a scenario's placements and logs it as one undoable step, in one
    /// transaction (unknown people or units change nothing; a new step clears the redo
    /// stack), keeping the board's copies current.
    pub fn apply_edit_tracked(
        &mut self,
        scenario_id: i64,
        kind: EditKind,
        label: &str,
        targets: &[Target],
    ) -> Result<EditOutcome, StorageError> {
        self.tracked(scenario_id, |ws| {
            ws.edit_step(scenario_id, "edit", |tx| {
                edits::apply(tx, scenario_id, kind, label, targets)
            })
        })
    }

    /// [`Workspace::set_exclusions`], keeping the board's copies current (the scenario's copy
    /// is re-read).
    pub fn set_exclusions_tracked(
        &mut self,
        scenario_id: i64,
        list: &[bureau_core::Exclusion],
        label: &str,
    ) -> Result<EditOutcome, StorageError> {
        self.tracked(scenario_id, |ws| {
            ws.set_exclusions(scenario_id, list, label)
        })
    }

    /// [`Workspace::set_community_roles`], keeping the board's copies current.
    pub fn set_community_roles_tracked(
        &mut self,
        scenario_id: i64,
        roles: &bureau_core::CommunityRoles,
        label: &str,
    ) -> Result<EditOutcome, StorageError> {
        self.tracked(scenario_id, |ws| {
            ws.set_community_roles(scenario_id, roles, label)
        })
    }

    /// Applies a change set and adopts an accepted solve's community roles as one step (they
    /// are undone together), keeping the board's copies current.
    pub fn apply_edit_with_roles_tracked(
        &mut self,
        scenario_id: i64,
        kind: EditKind,
        label: &str,
        targets: &[Target],
        roles: &bureau_core::CommunityRoles,
    ) -> Result<EditOutcome, StorageError> {
        self.tracked(scenario_id, |ws| {
            ws.edit_step(scenario_id, "edit", |tx| {
                edits::apply_with_roles(tx, scenario_id, kind, label, targets, roles)
            })
        })
    }

    /// [`Workspace::undo`], keeping the board's copies current.
    pub fn undo_tracked(&mut self, scenario_id: i64) -> Result<EditOutcome, StorageError> {
        self.tracked(scenario_id, |ws| ws.replay(scenario_id, Replay::Undo))
    }

    /// [`Workspace::redo`], keeping the board's copies current.
    pub fn redo_tracked(&mut self, scenario_id: i64) -> Result<EditOutcome, StorageError> {
        self.tracked(scenario_id, |ws| ws.replay(scenario_id, Replay::Redo))
    }

    /// Runs one step and brings the board's copies up to date with it: the changed placements
    /// are patched into the scenario's copy, unless the step changed the structure or the
    /// exclusions (then the copy is dropped and re-read). Copies that were already stale
    /// before the step are left to be re-read anyway.
    fn tracked(
        &mut self,
        scenario_id: i64,
        step: impl FnOnce(&mut Self) -> Result<EditOutcome, StorageError>,
    ) -> Result<EditOutcome, StorageError> {
        let fresh = self.snapshots.is_valid(self.change_key()?);
        let outcome = step(self)?;
        if fresh {
            let patch = !(outcome.structure_changed
                || outcome.exclusions_changed
                || outcome.community_changed);
            let now = self.change_key()?;
            self.snapshots
                .after_edit(now, scenario_id, &outcome.changed, patch);
        }
        Ok(outcome)
    }
}
