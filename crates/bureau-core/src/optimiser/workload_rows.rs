//! The rule `station_workload` in the optimiser. Its demand depends on the station total,
//! which the plan decides, and rounding a share of a variable total is not linear; so the
//! rule is a second pass: the first solve (without it) decides how many officers go to the
//! stations, and this pass holds that total and adds, per station, its officers against its
//! demand at that total — soft (each officer off costs the rule's weight) or within the
//! hard band. Among the plans that send the same people down, the solver then picks the one
//! that puts them where the work is (`mod.rs` holds every candidate outside the stations at
//! the first plan's count, which keeps the second pass small). The rule `squad_workload`
//! does the same for the traffic squads, on their own figures and at their own total.

use crate::model::{Bureau, Structure, UnitId, UnitKind};
use crate::rules::{Rule, RuleKind};
use crate::squad_workload::{has_squad_figures, squad_demands};
use crate::workload::{has_figures, station_demands, WorkloadBand};

use super::model::{LinearModel, Row, Sense};

/// What a workload rule measures: the unit kind, and its demand per unit at a total.
struct Measure<'r> {
    kind: UnitKind,
    band: Option<&'r WorkloadBand>,
}

fn measure(rule: &Rule) -> Option<Measure<'_>> {
    match &rule.kind {
        RuleKind::StationWorkload { band, .. } => Some(Measure {
            kind: UnitKind::PoliceStation,
            band: band.as_ref(),
        }),
        RuleKind::SquadWorkload { band, .. } => Some(Measure {
            kind: UnitKind::TrafficSquad,
            band: band.as_ref(),
        }),
        _ => None,
    }
}

/// The rule's demand per unit at a total of `total` officers in its units.
fn demands(rule: &Rule, bureau: &Bureau, structure: &Structure, total: u32) -> Vec<(UnitId, u32)> {
    match &rule.kind {
        RuleKind::StationWorkload {
            weights,
            min_officers,
            ..
        } => station_demands(bureau, structure, weights, *min_officers, total)
            .into_iter()
            .map(|d| (d.unit, d.demand))
            .collect(),
        RuleKind::SquadWorkload {
            weights,
            min_officers,
            ..
        } => squad_demands(bureau, structure, weights, *min_officers, total)
            .into_iter()
            .map(|d| (d.unit, d.demand))
            .collect(),
        _ => Vec::new(),
    }
}

/// Whether the rule has figures to measure its units by.
fn measured(rule: &Rule, bureau: &Bureau, structure: &Structure) -> bool {
    match rule.kind {
        RuleKind::StationWorkload { .. } => has_figures(bureau, structure),
        RuleKind::SquadWorkload { .. } => has_squad_figures(bureau, structure),
        _ => false,
    }
}

/// Some workload rule has something to measure.
pub(super) fn applies(bureau: &Bureau, structure: &Structure, rules: &[Rule]) -> bool {
    rules.iter().any(|r| measured(r, bureau, structure))
}

/// Some workload rule is hard: a plan off its band is no plan.
pub(super) fn any_hard(rules: &[Rule]) -> bool {
    rules.iter().any(|r| r.hard && measure(r).is_some())
}

/// What a diagnosis says of each hard workload rule when the first pass found a plan and the
/// band left none: every other hard rule can hold, this band cannot.
pub(super) fn band_conflicts(rules: &[Rule]) -> Vec<super::Shortfall> {
    rules
        .iter()
        .filter(|r| r.hard)
        .filter_map(|r| measure(r).map(|m| (r, m)))
        .map(|(r, m)| {
            let (zh, en) = if m.kind == UnitKind::TrafficSquad {
                ("各交警中队", "every traffic squad")
            } else {
                ("各派出所", "every station")
            };
            super::Shortfall {
                rule_id: r.id.clone(),
                units: Vec::new(),
                shortfall: 0,
                people: Vec::new(),
                message_zh: format!(
                    "其他硬性规则均可满足，但无法使{zh}民警数都落在警力配置测算需求的允许偏差内；\
                     请放宽偏差或将该规则改为柔性。"
                ),
                message_en: format!(
                    "every other hard rule can hold, but no plan keeps {en} within the allowed \
                     deviation from its workload demand; widen the band or make the rule soft."
                ),
            }
        })
        .collect()
}

/// Whether each candidate places people in a unit a workload rule with figures measures:
/// the candidates the second pass may place again.
pub(super) fn measured_candidates(
    model: &LinearModel,
    bureau: &Bureau,
    structure: &Structure,
    rules: &[Rule],
) -> Vec<bool> {
    let kinds: Vec<UnitKind> = rules
        .iter()
        .filter(|r| measured(r, bureau, structure))
        .filter_map(|r| measure(r).map(|m| m.kind))
        .collect();
    model
        .candidates
        .iter()
        .map(|c| kinds.contains(&structure.units[c.unit].kind))
        .collect()
}

fn officer_in(
    model: &LinearModel,
    bureau: &Bureau,
    structure: &Structure,
    c: usize,
    kind: UnitKind,
) -> bool {
    let cand = &model.candidates[c];
    structure.units[cand.unit].kind == kind && bureau.people[cand.person].is_officer()
}

/// Adds the rows of every workload rule with figures, at the total of officers the first
/// solution (`counts` per candidate) places in its units, with their penalties (`None`:
/// hard). The total itself is held by two hard rows.
pub(super) fn add_rows(
    model: &mut LinearModel,
    penalties: &mut Vec<Option<f64>>,
    bureau: &Bureau,
    structure: &Structure,
    rules: &[Rule],
    settings: &super::SolveSettings,
    counts: &[u32],
) {
    for (ri, rule) in rules.iter().enumerate() {
        let Some(m) = measure(rule) else {
            continue;
        };
        if !measured(rule, bureau, structure) {
            continue;
        }
        let terms: Vec<(usize, f64)> = (0..model.candidates.len())
            .filter(|&c| officer_in(model, bureau, structure, c, m.kind))
            .map(|c| (c, 1.0))
            .collect();
        let total = terms
            .iter()
            .map(|&(c, _)| counts.get(c).copied().unwrap_or(0))
            .fold(0u32, u32::saturating_add);
        let mut by_unit: Vec<Vec<(usize, f64)>> = vec![Vec::new(); structure.units.len()];
        for &(c, k) in &terms {
            by_unit[model.candidates[c].unit].push((c, k));
        }
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
        push(None, terms.clone(), Sense::AtLeast, t, None);
        push(None, terms, Sense::AtMost, t, None);
        let soft = (!rule.hard).then(|| settings.weights.penalty(rule, settings.penalty_scale));
        for (unit, demand) in demands(rule, bureau, structure, total) {
            let Some(s) = structure.units.iter().position(|u| u.id == unit) else {
                continue;
            };
            let allowed = match (rule.hard, m.band) {
                (true, Some(b)) => b.allowance(demand),
                _ => 0,
            };
            let demand = f64::from(demand);
            let slack = f64::from(allowed);
            if demand - slack > 0.0 {
                push(
                    Some(s),
                    by_unit[s].clone(),
                    Sense::AtLeast,
                    demand - slack,
                    soft,
                );
            }
            push(
                Some(s),
                by_unit[s].clone(),
                Sense::AtMost,
                demand + slack,
                soft,
            );
        }
    }
}
