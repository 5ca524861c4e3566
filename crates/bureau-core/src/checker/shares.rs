//! Checks of the rules that ask for a share of officers: at stations, community police among
//! station officers (overall and per station), and the office reduction.

use crate::model::{Person, Tier};

use super::{ceil_u32, Ctx, Placement, RuleCheck, Violation, EPS};

/// Station officers ≥ `min` of all officers (两个40%).
pub(super) fn station_share(ctx: &Ctx<'_>, c: &RuleCheck<'_>, min: f64) -> Vec<Violation> {
    let officers = ctx.bureau.people.iter().filter(|p| p.is_officer()).count() as f64;
    let at_stations = ctx
        .placed()
        .filter(|(p, pl)| p.is_officer() && pl.unit.is_station())
        .count() as f64;
    let share = if officers > 0.0 {
        at_stations / officers
    } else {
        0.0
    };
    // A bureau without officers has no share to miss (as the model's row 0 ≥ 0).
    if officers > 0.0 && share + EPS < min {
        return vec![c.found(
            ctx,
            min,
            share,
            ceil_u32(min * officers - at_stations),
            vec![],
            vec![],
        )];
    }
    Vec::new()
}

/// Community police ≥ `min` of all station officers.
pub(super) fn community_share(ctx: &Ctx<'_>, c: &RuleCheck<'_>, min: f64) -> Vec<Violation> {
    let station: Vec<(&Person, &Placement<'_>)> = ctx
        .placed()
        .filter(|(p, pl)| p.is_officer() && pl.unit.is_station())
        .collect();
    let community = station
        .iter()
        .filter(|(p, pl)| ctx.community(p, pl))
        .count() as f64;
    let n = station.len() as f64;
    if n > 0.0 && community / n + EPS < min {
        return vec![c.found(
            ctx,
            min,
            community / n,
            ceil_u32(min * n - community),
            vec![],
            vec![],
        )];
    }
    Vec::new()
}

/// Community police ≥ `min` of each station's officers: one violation per station short.
pub(super) fn station_community_share(
    ctx: &Ctx<'_>,
    c: &RuleCheck<'_>,
    min: f64,
) -> Vec<Violation> {
    ctx.per_station(|officers, community| {
        let n = officers as f64;
        (n > 0.0 && (community as f64) / n + EPS < min).then(|| {
            (
                min,
                community as f64 / n,
                ceil_u32(min * n - community as f64),
            )
        })
    })
    .into_iter()
    .map(|(unit, (req, act, short))| c.found(ctx, req, act, short, vec![unit], vec![]))
    .collect()
}

/// Office officers reduced by at least `min` of today's.
pub(super) fn office_reduction(ctx: &Ctx<'_>, c: &RuleCheck<'_>, min: f64) -> Vec<Violation> {
    let before = ctx
        .bureau
        .people
        .iter()
        .filter(|p| p.is_officer() && ctx.old_tier(p) == Some(Tier::Office))
        .count() as f64;
    let after = ctx
        .placed()
        .filter(|(p, pl)| p.is_officer() && pl.unit.tier == Tier::Office)
        .count() as f64;
    let cap = (1.0 - min) * before;
    if after > cap + EPS {
        let reduction = if before > 0.0 {
            (before - after) / before
        } else {
            0.0
        };
        return vec![c.found(ctx, min, reduction, ceil_u32(after - cap), vec![], vec![])];
    }
    Vec::new()
}
