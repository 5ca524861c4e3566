//! A target structure: the new units and the merge map from old units to new ones.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{Unit, UnitId};

/// One old unit's destinations. An old unit can feed several new units (网警 feeds both the
/// command and the investigation department); its people follow the first by default.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct MergeEdge {
    pub from: UnitId,
    pub to: Vec<UnitId>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Structure {
    /// The planners' short name, e.g. "1+5(+N)+1".
    pub name: String,
    pub units: Vec<Unit>,
    pub merge_map: Vec<MergeEdge>,
}

impl Structure {
    pub fn unit(&self, id: &str) -> Option<&Unit> {
        self.units.iter().find(|u| u.id == id)
    }

    /// The top-level unit that contains `id` (itself when it has no parent).
    pub fn top_level<'a>(&'a self, id: &'a str) -> &'a str {
        let mut current = id;
        // Bounded by the unit count so that a cycle (rejected on load anyway) cannot hang us.
        for _ in 0..=self.units.len() {
            match self.unit(current).and_then(|u| u.parent.as_deref()) {
                Some(parent) => current = parent,
                None => break,
            }
        }
        current
    }

    /// Where an old unit's people go by default.
    pub fn destinations(&self, old_unit: &str) -> &[UnitId] {
        self.merge_map
            .iter()
            .find(|e| e.from == old_unit)
            .map_or(&[], |e| e.to.as_slice())
    }
}
