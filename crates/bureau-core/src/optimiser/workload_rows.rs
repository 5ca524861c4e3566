//! The rule `station_workload` in the optimiser. Its demand depends on the station total,
//! which the plan decides, and rounding a share of a variable total is not linear; so the
//! rule is a second pass: the first solve (without it) decides how many officers go to the
//! stations, and this pass holds that total and adds, per station, its officers against its
//! demand at that total — soft (each officer off costs the rule's weight) or within the
//! hard band. Among the plans that send the same people down, the solver then picks the one
//! that puts them where the work is (`mod.rs` holds every candidate outside the stations at
//! the first plan's count, which keeps the second pass small).

use crate::model::{Bureau, Structure, UnitKind};
use crate::rules::{Rule, RuleKind};
use crate::workload::{has_figures, station_demands};

use super::model::{LinearModel, Row, Sense};

/// The workload rules that have something to measure (the bureau has station figures).
pub(super) fn applies(bureau: &Bureau, structure: &Structure, rules: &[Rule]) -> bool {
    rules
        .iter()
        .any(|r| matches!(r.kind, RuleKind::StationWorkload { .. }))
        && has_figures(bureau, structure)
}

/// Some workload rule is hard: a plan off its band is no plan.
pub(super) fn any_hard(rules: &[Rule]) -> bool {
    rules
        .iter()
        .any(|r| r.hard && matches!(r.kind, RuleKind::StationWorkload { .. }))
}

/// What a diagnosis says of each hard workload rule when the first pass found a plan and the
/// band left none: every other hard rule can hold, this band cannot.
pub(super) fn band_conflicts(rules: &[Rule]) -> Vec<super::Shortfall> {
    rules
        .iter()
        .filter(|r| r.hard && matches!(r.kind, RuleKind::StationWorkload { .. }))
        .map(|r| super::Shortfall {
            rule_id: r.id.clone(),
            units: Vec::new(),
            shortfall: 0,
            people: Vec::new(),
            message_zh:
                "其他硬性规则均可满足，但无法使各派出所民警数都落在警力配置测算需求的允许偏差内；\
                         请放宽偏差或将该规则改为柔性。"
                    .into(),
            message_en: "every other hard rule can hold, but no plan keeps every station within \
                         the allowed deviation from its workload demand; widen the band or make \
                         the rule soft."
                .into(),
        })
        .collect()
}

/// Whether each candidate places people in a station.
pub(super) fn station_candidates(model: &LinearModel, structure: &Structure) -> Vec<bool> {
    model
        .candidates
        .iter()
        .map(|c| structure.units[c.unit].kind == UnitKind::PoliceStation)
        .collect()
}

fn station_officer(model: &LinearModel, bureau: &Bureau, structure: &Structure, c: usize) -> bool {
    let cand = &model.candidates[c];
    structure.units[cand.unit].kind == UnitKind::PoliceStation
        && bureau.people[cand.person].is_officer()
}

/// Officers a solution (counts per candidate) places in stations.
pub(super) fn station_total(
    model: &LinearModel,
    bureau: &Bureau,
    structure: &Structure,
    counts: &[u32],
) -> u32 {
    (0..model.candidates.len())
        .filter(|&c| station_officer(model, bureau, structure, c))
        .map(|c| counts.get(c).copied().unwrap_or(0))
        .fold(0u32, u32::saturating_add)
}

/// Adds the rows of every workload rule at station total `total`, with their penalties
/// (`None`: hard). The total itself is held by two hard rows.
pub(super) fn add_rows(
    model: &mut LinearModel,
    penalties: &mut Vec<Option<f64>>,
    bureau: &Bureau,
    structure: &Structure,
    rules: &[Rule],
    settings: &super::SolveSettings,
    total: u32,
) {
    let station_terms: Vec<(usize, f64)> = (0..model.candidates.len())
        .filter(|&c| station_officer(model, bureau, structure, c))
        .map(|c| (c, 1.0))
        .collect();
    let mut by_station: Vec<Vec<(usize, f64)>> = vec![Vec::new(); structure.units.len()];
    for &(c, k) in &station_terms {
        by_station[model.candidates[c].unit].push((c, k));
    }
    for (ri, rule) in rules.iter().enumerate() {
        let RuleKind::StationWorkload {
            weights,
            min_officers,
            band,
        } = &rule.kind
        else {
            continue;
        };
        let mut push = |unit: Option<usize>, terms: Vec<(usize, f64)>, sense, rhs: f64, p| {
            model.rows.push(Row {
                rule: ri,
                unit,
                terms,
                sense,
                rhs,
            });
            penalties.push(p);
        };
        let t = f64::from(total);
        push(None, station_terms.clone(), Sense::AtLeast, t, None);
        push(None, station_terms.clone(), Sense::AtMost, t, None);
        let soft = (!rule.hard).then(|| settings.weights.penalty(rule, settings.penalty_scale));
        for d in station_demands(bureau, structure, weights, *min_officers, total) {
            let Some(s) = structure.units.iter().position(|u| u.id == d.unit) else {
                continue;
            };
            let allowed = match (rule.hard, band) {
                (true, Some(b)) => b.allowance(d.demand),
                _ => 0,
            };
            let demand = f64::from(d.demand);
            let slack = f64::from(allowed);
            if demand - slack > 0.0 {
                push(
                    Some(s),
                    by_station[s].clone(),
                    Sense::AtLeast,
                    demand - slack,
                    soft,
                );
            }
            push(
                Some(s),
                by_station[s].clone(),
                Sense::AtMost,
                demand + slack,
                soft,
            );
        }
    }
}
