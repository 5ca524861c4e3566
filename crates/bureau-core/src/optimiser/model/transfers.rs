//! Priced transfers: every unit is open to everyone unless a rule forbids it. A placement
//! inside the merge map's destinations is free (原职能转隶); any other placement is a move and
//! costs the planner's move weight (a cadre's, for a head or deputy), plus the transfer weight
//! when it leaves for a unit outside the grassroots (跨部门调动); a wished unit discounts it.

use crate::model::{Person, Post, Tier, Unit};

use super::super::Weights;

/// The price of moving `p` to `unit` (only called for a placement that is a move).
pub(super) fn move_cost(p: &Person, unit: &Unit, wished: bool, w: &Weights) -> f64 {
    let mut cost = if p.post == Post::None {
        w.person_move
    } else {
        w.cadre_move
    };
    if unit.tier != Tier::Grassroots {
        cost += w.transfer;
    }
    if wished {
        cost *= w.wish;
    }
    cost
}
