//! Assignments of people to new units, and the draft a bureau file may carry.

use std::collections::BTreeMap;
use ts_rs::TS;

use serde::{Deserialize, Serialize};

use super::{Person, PoliceNumber, UnitId, YearMonth};

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
    /// Who holds a community post (社区民警) in the plan, and who may.
    #[serde(default, skip_serializing_if = "CommunityRoles::is_default")]
    pub community: CommunityRoles,
}

/// The plan's community roles. A station officer holds a community post in the plan when they
/// may hold one ([`CommunityEligibility`]) and their role is set: by `roles` where the planner
/// or a solve decided it, otherwise by today's roster mark (`Person::community_police`), so a
/// draft that decided nothing keeps today's community officers in post.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct CommunityRoles {
    /// Police number → whether the plan gives them a community post, for officers whose role in
    /// the plan differs from today's mark.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub roles: BTreeMap<PoliceNumber, bool>,
    /// Officers whose role in the plan (held or not) the optimiser keeps.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub pins: Vec<PoliceNumber>,
    #[serde(default, skip_serializing_if = "CommunityEligibility::is_default")]
    pub eligibility: CommunityEligibility,
}

/// Who may hold a community post: always an officer who is not a head or deputy (the station's
/// leaders lead it); the planner may also exclude officers over an age.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct CommunityEligibility {
    /// Officers of this age or older (on the bureau's base month) hold no community post.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_age: Option<u32>,
}

impl CommunityEligibility {
    /// The ages a limit may name: a working officer's.
    pub const MAX_AGE_RANGE: std::ops::RangeInclusive<u32> = 18..=100;

    pub fn is_default(&self) -> bool {
        *self == Self::default()
    }

    /// The limit when it is outside [`Self::MAX_AGE_RANGE`]: every check of the limit (bureau
    /// file, storage, API) refuses on this one.
    pub fn max_age_out_of_range(max_age: Option<u32>) -> Option<u32> {
        max_age.filter(|a| !Self::MAX_AGE_RANGE.contains(a))
    }

    /// Whether `person` may hold a community post in the plan, on the bureau's base month.
    pub fn allows(&self, person: &Person, as_of: YearMonth) -> bool {
        crate::metrics::community_eligible(person)
            && self
                .max_age
                .is_none_or(|max| person.birth.age_on(as_of) < max)
    }
}

impl CommunityRoles {
    pub fn is_default(&self) -> bool {
        *self == Self::default()
    }

    /// The role the plan gives `person` wherever they are placed (it counts only at a station).
    pub fn role(&self, person: &Person) -> bool {
        self.roles
            .get(&person.police_number)
            .copied()
            .unwrap_or(person.community_police)
    }

    pub fn is_pinned(&self, police_number: &str) -> bool {
        self.pins.iter().any(|p| p == police_number)
    }

    /// Sets `person`'s role, keeping `roles` to the officers whose role differs from today's.
    pub fn set_role(&mut self, person: &Person, holds: bool) {
        if holds == person.community_police {
            self.roles.remove(&person.police_number);
        } else {
            self.roles.insert(person.police_number.clone(), holds);
        }
    }
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
