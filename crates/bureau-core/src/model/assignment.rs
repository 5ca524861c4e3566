//! Assignments of people to new units, and the draft a bureau file may carry.

use std::collections::BTreeMap;
use ts_rs::TS;

use serde::{Deserialize, Serialize};

use super::{PoliceNumber, UnitId};

/// Person → new unit. People who are absent are still unassigned: they sit in their old unit.
pub type Assignment = BTreeMap<PoliceNumber, UnitId>;

/// A planner's draft: an assignment and the people pinned where it puts them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Draft {
    #[serde(default)]
    pub assignment: Assignment,
    /// Police numbers of people who must stay where the assignment puts them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub pins: Vec<PoliceNumber>,
    /// Places people must not be sent to (不宜调往), as the planner set them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub exclusions: Vec<Exclusion>,
}

/// 不宜调往: `police_number` must not be placed in `unit` or any unit below it, or, without a
/// unit, in any grassroots unit (e.g. for health). A hard constraint of the plan.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Exclusion {
    pub police_number: PoliceNumber,
    /// A unit of the scenario's structure; absent: the whole grassroots (基层所队).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<UnitId>,
}
