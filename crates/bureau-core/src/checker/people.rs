//! Checks of the rules about who goes where: seniors to the grassroots, the qualification and
//! entry requirements of those who move in, and the cap on moves.

use crate::model::{Person, PoliceNumber, Post, Qualification, Tier};
use crate::rules::Requirement;

use super::{ceil_u32, Ctx, RuleCheck, Violation, EPS};

/// Office non-leader officers aged `age` or more go to the grassroots (五零下沉): one
/// violation naming everyone left behind.
pub(super) fn seniors_to_grassroots(ctx: &Ctx<'_>, c: &RuleCheck<'_>, age: u32) -> Vec<Violation> {
    let as_of = ctx.bureau.info.as_of;
    let left: Vec<PoliceNumber> = ctx
        .placed()
        .filter(|(p, pl)| {
            p.is_officer()
                && p.post == Post::None
                && p.birth.age_on(as_of) >= age
                && ctx.old_tier(p) == Some(Tier::Office)
                && pl.unit.tier != Tier::Grassroots
        })
        .map(|(p, _)| p.police_number.clone())
        .collect();
    if !left.is_empty() {
        return vec![c.found(ctx, 0.0, left.len() as f64, left.len() as u32, vec![], left)];
    }
    Vec::new()
}

/// Officers entering an office unit from elsewhere hold a professional grade qualification.
pub(super) fn professional_grade_for_office(ctx: &Ctx<'_>, c: &RuleCheck<'_>) -> Vec<Violation> {
    let bad: Vec<PoliceNumber> = ctx
        .placed()
        .filter(|(p, pl)| {
            p.is_officer()
                && pl.is_new
                && pl.unit.tier == Tier::Office
                && !p.has(Qualification::ProfessionalGrade)
                && ctx.moves.is_move(&p.current_unit, &pl.unit.id)
        })
        .map(|(p, _)| p.police_number.clone())
        .collect();
    if !bad.is_empty() {
        return vec![c.found(ctx, 0.0, bad.len() as f64, bad.len() as u32, vec![], bad)];
    }
    Vec::new()
}

/// Officers moving into `unit` (sub-units included) meet `requires`: all of them, or at least
/// `share` of them.
pub(super) fn entry_requirement(
    ctx: &Ctx<'_>,
    c: &RuleCheck<'_>,
    unit: &str,
    requires: &Requirement,
    share: f64,
) -> Vec<Violation> {
    let mut entrants: Vec<&Person> = ctx
        .in_subtree(unit)
        .filter(|p| {
            p.is_officer()
                && ctx
                    .assignment
                    .get(&p.police_number)
                    .is_some_and(|to| ctx.moves.is_move(&p.current_unit, to))
        })
        .collect();
    entrants.sort_by(|a, b| a.police_number.cmp(&b.police_number));
    let n = entrants.len() as f64;
    let lacking: Vec<PoliceNumber> = entrants
        .iter()
        .filter(|p| !requires.held_by(p))
        .map(|p| p.police_number.clone())
        .collect();
    let held = n - lacking.len() as f64;
    if share >= 1.0 && !lacking.is_empty() {
        return vec![c.found(
            ctx,
            n,
            held,
            lacking.len() as u32,
            vec![unit.to_owned()],
            lacking,
        )];
    }
    if share < 1.0 && held + EPS < share * n {
        return vec![c.found(
            ctx,
            share,
            held / n,
            ceil_u32(share * n - held),
            vec![unit.to_owned()],
            lacking,
        )];
    }
    Vec::new()
}

/// At most `max` people moved.
pub(super) fn move_cap(ctx: &Ctx<'_>, c: &RuleCheck<'_>, max: u32) -> Vec<Violation> {
    let moved = ctx
        .bureau
        .people
        .iter()
        .filter(|p| {
            ctx.assignment
                .get(&p.police_number)
                .is_some_and(|u| ctx.moves.is_move(&p.current_unit, u))
        })
        .count() as u32;
    if moved > max {
        return vec![c.found(
            ctx,
            f64::from(max),
            f64::from(moved),
            moved - max,
            vec![],
            vec![],
        )];
    }
    Vec::new()
}
