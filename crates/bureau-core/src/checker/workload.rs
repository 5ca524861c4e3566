//! The check of the workload rule: the plan's station officers against the workload model's
//! demand (`crate::workload`, the one definition of it) at the plan's own station total.

use crate::model::{Category, Unit};
use crate::workload::{has_figures, station_demands, WorkloadBand, WorkloadWeights};

use super::{Ctx, RuleCheck, Violation};

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
    let (rule, zh, en) = (c.rule, &c.zh, &c.en);
    if !has_figures(ctx.bureau, ctx.structure) {
        return Vec::new();
    }
    let staffed = |id: &str| {
        ctx.placed_in(id)
            .filter(|p| p.category == Category::Officer)
            .count() as u32
    };
    let stations: Vec<&Unit> = ctx.stations().collect();
    let total: u32 = stations.iter().map(|s| staffed(&s.id)).sum();
    let demands = station_demands(ctx.bureau, ctx.structure, weights, min_officers, total);
    let mut off = 0u32;
    let mut units = Vec::new();
    let mut parts_zh = Vec::new();
    let mut parts_en = Vec::new();
    for d in &demands {
        let have = staffed(&d.unit);
        let gap = i64::from(have) - i64::from(d.demand);
        let allowed = match (rule.hard, band) {
            (false, _) => 0,
            (true, None) => 0,
            (true, Some(b)) => i64::from(b.allowance(d.demand)),
        };
        let beyond = (gap.abs() - allowed).max(0);
        if beyond > 0 {
            off = off.saturating_add(beyond as u32);
            units.push(d.unit.clone());
            parts_zh.push(format!("{}{:+}", d.name, gap));
            parts_en.push(format!("{} {:+}", d.name, gap));
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
