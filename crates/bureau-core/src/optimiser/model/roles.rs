//! Community roles as decisions. A placement at a station may carry a community post
//! (社区民警): each candidate there is split in two, one holding the post and one not, so a
//! group's role count at a station is a count ≤ its count there. Only officers the plan's
//! eligibility allows get a role candidate. Keeping today's community officer in post at a
//! station they are not moved to is free (their only candidate there holds the post, since a
//! post only ever helps the community rules, which are minima); giving the post to anyone else
//! costs the planner's `community_role` weight. A pinned role is the draft's, fixed.

use crate::metrics::community_today;
use crate::model::{Bureau, CommunityRoles, Person, Unit, UnitKind};

use super::super::Weights;

/// The plan's roles as the model sees them.
pub(super) struct Roles<'a> {
    bureau: &'a Bureau,
    roles: &'a CommunityRoles,
}

impl<'a> Roles<'a> {
    pub(super) fn new(bureau: &'a Bureau, roles: &'a CommunityRoles) -> Self {
        Roles { bureau, roles }
    }

    fn eligible(&self, p: &Person) -> bool {
        self.roles.eligibility.allows(p, self.bureau.info.as_of)
    }

    /// A community officer today who stays at a station without a move keeps the post free.
    fn free(&self, p: &Person, by_move: bool) -> bool {
        !by_move
            && self
                .bureau
                .old_unit(&p.current_unit)
                .is_some_and(|old| community_today(p, old))
    }

    /// The roles a placement of `p` at `unit` may carry.
    pub(super) fn choices(&self, p: &Person, unit: &Unit, by_move: bool) -> &'static [bool] {
        if unit.kind != UnitKind::PoliceStation || !self.eligible(p) {
            return &[false];
        }
        match self.pinned(p) {
            Some(true) => &[true],
            Some(false) => &[false],
            None if self.free(p, by_move) => &[true],
            None => &[false, true],
        }
    }

    /// In a relaxed model: the role a pin forbids at `unit`, offered as a lifted candidate so
    /// that a diagnosis can say how many pinned roles hold a community rule back.
    pub(super) fn lifted(&self, p: &Person, unit: &Unit) -> Option<bool> {
        if unit.kind != UnitKind::PoliceStation || !self.eligible(p) {
            return None;
        }
        self.pinned(p).map(|role| !role)
    }

    /// What holding the post adds to a placement's cost: nothing for a kept or pinned post.
    pub(super) fn cost(&self, p: &Person, role: bool, by_move: bool, w: &Weights) -> f64 {
        if role && self.pinned(p).is_none() && !self.free(p, by_move) {
            w.community_role
        } else {
            0.0
        }
    }

    /// The role the draft pins, if any.
    pub(super) fn pinned(&self, p: &Person) -> Option<bool> {
        self.roles
            .is_pinned(&p.police_number)
            .then(|| self.roles.role(p))
    }

    /// What tells people apart for their roles: eligibility and a pinned role (today's mark is
    /// in the group key already).
    pub(super) fn key_part(&self, p: &Person) -> String {
        format!("{}{:?}", self.eligible(p), self.pinned(p))
    }
}
