//! Checks of the rules that count people in one named unit (its sub-units included) or in
//! each unit: grids, headcounts, posts, specialities, the auxiliary ratio, establishment and
//! minimum staffing.

use std::collections::BTreeMap;

use crate::metrics::{establishment, mid_level_posts};
use crate::model::{Category, Person, PoliceNumber, Post, UnitId};

use super::{ceil_u32, Ctx, RuleCheck, Violation, EPS};

/// Each station has at least one person (officer or auxiliary) per grid it covers (一村一警).
pub(super) fn grid_coverage(ctx: &Ctx<'_>, c: &RuleCheck<'_>) -> Vec<Violation> {
    let mut out = Vec::new();
    for s in ctx.stations() {
        let people = ctx.placed_in(&s.id).count() as u32;
        if people < s.grids {
            out.push(c.found(
                ctx,
                f64::from(s.grids),
                f64::from(people),
                s.grids - people,
                vec![s.id.clone()],
                vec![],
            ));
        }
    }
    out
}

/// Headcount of one category in a unit, its sub-units included.
pub(super) fn unit_headcount(
    ctx: &Ctx<'_>,
    c: &RuleCheck<'_>,
    unit: &str,
    category: Category,
    min: Option<u32>,
    max: Option<u32>,
) -> Vec<Violation> {
    let n = ctx
        .in_subtree(unit)
        .filter(|p| p.category == category)
        .count() as u32;
    if let Some(lo) = min.filter(|lo| n < *lo) {
        return vec![c.found(
            ctx,
            f64::from(lo),
            f64::from(n),
            lo - n,
            vec![unit.to_owned()],
            vec![],
        )];
    }
    if let Some(hi) = max.filter(|hi| n > *hi) {
        return vec![c.found(
            ctx,
            f64::from(hi),
            f64::from(n),
            n - hi,
            vec![unit.to_owned()],
            vec![],
        )];
    }
    Vec::new()
}

/// Mid-level heads and deputies placed in each unit within its posts (职数): one violation
/// per unit and post over, naming the holders.
pub(super) fn posts_within_limits(ctx: &Ctx<'_>, c: &RuleCheck<'_>) -> Vec<Violation> {
    let mut out = Vec::new();
    for u in &ctx.structure.units {
        let here: Vec<&Person> = ctx.placed_in(&u.id).collect();
        for (post, limit) in [(Post::Head, u.head_posts), (Post::Deputy, u.deputy_posts)] {
            let holders: Vec<PoliceNumber> = here
                .iter()
                .filter(|p| p.post == post)
                .map(|p| p.police_number.clone())
                .collect();
            let n = holders.len() as u32;
            if n > limit {
                let (post_zh, post_en) = match post {
                    Post::Head => ("正职", " heads"),
                    _ => ("副职", " deputies"),
                };
                out.push(c.at_unit(u, post_zh, post_en, limit, n, holders));
            }
        }
    }
    out
}

/// The new structure offers at least as many mid-level posts as the old one (中层职数不减).
pub(super) fn total_posts_kept(ctx: &Ctx<'_>, c: &RuleCheck<'_>) -> Vec<Violation> {
    let before = mid_level_posts(&ctx.bureau.old_units);
    let after = mid_level_posts(&ctx.structure.units);
    if after < before {
        return vec![c.found(
            ctx,
            before as f64,
            after as f64,
            u32::try_from(before - after).unwrap_or(u32::MAX),
            vec![],
            vec![],
        )];
    }
    Vec::new()
}

/// Unit `unit` (sub-units included) has at least `min` officers with `speciality`.
pub(super) fn speciality_coverage(
    ctx: &Ctx<'_>,
    c: &RuleCheck<'_>,
    unit: &str,
    speciality: &str,
    min: u32,
) -> Vec<Violation> {
    let n = ctx
        .in_subtree(unit)
        .filter(|p| p.is_officer() && p.specialities.iter().any(|s| s == speciality))
        .count() as u32;
    if n < min {
        return vec![c.found(
            ctx,
            f64::from(min),
            f64::from(n),
            min - n,
            vec![unit.to_owned()],
            vec![],
        )];
    }
    Vec::new()
}

/// Auxiliaries per officer in `unit` (sub-units included) within [min, max].
pub(super) fn auxiliary_ratio(
    ctx: &Ctx<'_>,
    c: &RuleCheck<'_>,
    unit: &str,
    min: f64,
    max: f64,
) -> Vec<Violation> {
    let people: Vec<&Person> = ctx.in_subtree(unit).collect();
    let o = people.iter().filter(|p| p.is_officer()).count() as f64;
    let a = people.len() as f64 - o;
    if a + EPS < min * o {
        return vec![c.found(
            ctx,
            min,
            if o > 0.0 { a / o } else { 0.0 },
            ceil_u32(min * o - a),
            vec![unit.to_owned()],
            vec![],
        )];
    }
    if a > max * o + EPS {
        return vec![c.found(
            ctx,
            max,
            if o > 0.0 { a / o } else { f64::INFINITY },
            ceil_u32(a - max * o),
            vec![unit.to_owned()],
            vec![],
        )];
    }
    Vec::new()
}

/// Every unit's officers and auxiliaries, sub-units included, within its establishment (编制).
pub(super) fn unit_establishment(ctx: &Ctx<'_>, c: &RuleCheck<'_>) -> Vec<Violation> {
    let counts = ctx.subtree_counts();
    let mut out = Vec::new();
    for u in &ctx.structure.units {
        let limits = establishment(&ctx.structure.units, &u.id);
        let have = counts.get(u.id.as_str()).copied().unwrap_or((0, 0));
        for (n, limit, who_zh, who_en) in [
            (have.0, limits.0, "民警", " officers"),
            (have.1, limits.1, "辅警", " auxiliaries"),
        ] {
            if n > limit {
                out.push(c.at_unit(u, who_zh, who_en, limit, n, vec![]));
            }
        }
    }
    out
}

/// Every unit keeps at least `min` officers (`units` sets another minimum for some), never
/// more than its officer establishment.
pub(super) fn unit_minimum(
    ctx: &Ctx<'_>,
    c: &RuleCheck<'_>,
    min: u32,
    units: &BTreeMap<UnitId, u32>,
) -> Vec<Violation> {
    let counts = ctx.subtree_counts();
    let mut out = Vec::new();
    for u in &ctx.structure.units {
        let wanted = units.get(&u.id).copied().unwrap_or(min);
        let need = wanted.min(establishment(&ctx.structure.units, &u.id).0);
        let n = counts.get(u.id.as_str()).map_or(0, |c| c.0);
        if n < need {
            out.push(c.at_unit(u, "民警", " officers", need, n, vec![]));
        }
    }
    out
}
