//! The checks of the workload rules: the plan's station officers against the workload model's
//! demand (`crate::workload`, the one definition of it) at the plan's own station total, and
//! the traffic squads' against theirs (`crate::squad_workload`) at the plan's squad total.

use crate::model::{Category, UnitId, UnitKind};
use crate::squad_workload::{has_squad_figures, squad_demands, SquadWeights};
use crate::workload::{has_figures, station_demands, WorkloadBand, WorkloadWeights};

use super::{Ctx, RuleCheck, Violation};

/// Officers the assignment places in unit `id` (its own people, not its sub-units').
fn staffed(ctx: &Ctx<'_>, id: &str) -> u32 {
    ctx.placed_in(id)
        .filter(|p| p.category == Category::Officer)
        .count() as u32
}

/// The plan's officers in the units of `kind`, all together.
fn total_of(ctx: &Ctx<'_>, kind: UnitKind) -> u32 {
    ctx.structure
        .units
        .iter()
        .filter(|u| u.kind == kind)
        .map(|u| staffed(ctx, &u.id))
        .fold(0u32, u32::saturating_add)
}

/// The plan's station officers against the workload model's demand at the plan's own
/// station total: one violation carrying the total deviation (soft: every officer off;
/// hard: every officer beyond the band), naming each station that is off.
pub(super) fn station_workload(
    ctx: &Ctx<'_>,
    c: &RuleCheck<'_>,
    weights: &WorkloadWeights,
    min_officers: u32,
    band: Option<&WorkloadBand>,
) -> Vec<Violation> {
    if !has_figures(ctx.bureau, ctx.structure) {
        return Vec::new();
    }
    let total = total_of(ctx, UnitKind::PoliceStation);
    let demands: Vec<(UnitId, String, u32)> =
        station_demands(ctx.bureau, ctx.structure, weights, min_officers, total)
            .into_iter()
            .map(|d| (d.unit, d.name, d.demand))
            .collect();
    deviation(ctx, c, &demands, band)
}

/// The plan's traffic squad officers against the squads' demand at the plan's own squad
/// total, reported as the stations'.
pub(super) fn squad_workload(
    ctx: &Ctx<'_>,
    c: &RuleCheck<'_>,
    weights: &SquadWeights,
    min_officers: u32,
    band: Option<&WorkloadBand>,
) -> Vec<Violation> {
    if !has_squad_figures(ctx.bureau, ctx.structure) {
        return Vec::new();
    }
    let total = total_of(ctx, UnitKind::TrafficSquad);
    let demands: Vec<(UnitId, String, u32)> =
        squad_demands(ctx.bureau, ctx.structure, weights, min_officers, total)
            .into_iter()
            .map(|d| (d.unit, d.name, d.demand))
            .collect();
    deviation(ctx, c, &demands, band)
}

/// One violation carrying the officers off each unit's demand (beyond the band when the rule
/// is hard), naming each unit that is off; none when every unit is on its demand.
fn deviation(
    ctx: &Ctx<'_>,
    c: &RuleCheck<'_>,
    demands: &[(UnitId, String, u32)],
    band: Option<&WorkloadBand>,
) -> Vec<Violation> {
    let (rule, zh, en) = (c.rule, &c.zh, &c.en);
    let mut off = 0u32;
    let mut units = Vec::new();
    let mut parts_zh = Vec::new();
    let mut parts_en = Vec::new();
    for (unit, name, demand) in demands {
        let gap = i64::from(staffed(ctx, unit)) - i64::from(*demand);
        let allowed = match (rule.hard, band) {
            (false, _) => 0,
            (true, None) => 0,
            (true, Some(b)) => i64::from(b.allowance(*demand)),
        };
        let beyond = (gap.abs() - allowed).max(0);
        if beyond > 0 {
            off = off.saturating_add(u32::try_from(beyond).unwrap_or(u32::MAX));
            units.push(unit.clone());
            parts_zh.push(format!("{name}{gap:+}"));
            parts_en.push(format!("{name} {gap:+}"));
        }
    }
    (off > 0)
        .then(|| Violation {
            rule_id: rule.id.clone(),
            hard: rule.hard,
            required: 0.0,
            actual: f64::from(off),
            shortfall: off,
            over: false,
            units,
            people: Vec::new(),
            message_zh: format!("{zh}（偏离测算需求 {off} 人：{}）", parts_zh.join("、")),
            message_en: format!("{en} (off the demand by {off}: {})", parts_en.join(", ")),
        })
        .into_iter()
        .collect()
}
