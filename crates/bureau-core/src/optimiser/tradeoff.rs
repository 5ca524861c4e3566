//! The trade-off sweep: how many moves a stricter rule costs. One rule parameter (e.g. the
//! station share) is stepped through a range and each step solved to optimality; the sweep
//! stops at the first infeasible step, since tightening further cannot make it feasible again.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::rules::{Rule, RuleKind};

use super::{solve, SolveError, SolveOutcome, SolveRequest, SolveStatus};

/// At most this many steps in one sweep: each is a full solve.
pub const MAX_STEPS: usize = 41;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct TradeoffPoint {
    pub value: f64,
    pub status: SolveStatus,
    /// People moved at the optimum (absent when infeasible).
    pub moves: Option<u32>,
    pub objective: Option<f64>,
}

/// A trade-off job's result (`job_status` of a `tradeoff_start` job).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Tradeoff {
    pub rule_id: String,
    pub points: Vec<TradeoffPoint>,
    /// The first value at which no plan meets every hard rule.
    pub first_infeasible: Option<f64>,
}

/// `from`, `from + step`, … up to `to` (inclusive, within rounding).
pub fn sweep_values(from: f64, to: f64, step: f64) -> Result<Vec<f64>, SolveError> {
    if !(from.is_finite() && to.is_finite() && step.is_finite()) {
        return Err(SolveError::Parameter(
            "from, to and step must be numbers".into(),
        ));
    }
    if step <= 0.0 || to < from {
        return Err(SolveError::Parameter(format!(
            "expected step > 0 and to ≥ from, found from {from}, to {to}, step {step}"
        )));
    }
    let count = ((to - from) / step + 1e-9).floor() as usize + 1;
    if count > MAX_STEPS {
        return Err(SolveError::Parameter(format!(
            "at most {MAX_STEPS} steps, found {count}: use a larger step"
        )));
    }
    // Rounded so that 0.4 + 3 × 0.05 prints as 0.55, not 0.5500000000000002.
    Ok((0..count)
        .map(|i| ((from + step * i as f64) * 1e9).round() / 1e9)
        .collect())
}

/// `rules` with the one numeric parameter of rule `rule_id` set to `value`.
pub fn with_parameter(rules: &[Rule], rule_id: &str, value: f64) -> Result<Vec<Rule>, SolveError> {
    let mut out = rules.to_vec();
    let rule = out.iter_mut().find(|r| r.id == rule_id).ok_or_else(|| {
        SolveError::Parameter(format!("no rule {rule_id:?} in the scenario's rules"))
    })?;
    let share = |v: f64| {
        if (0.0..=1.0).contains(&v) {
            Ok(v)
        } else {
            Err(SolveError::Parameter(format!(
                "a share between 0 and 1, found {v}"
            )))
        }
    };
    let count = |v: f64| {
        if v >= 0.0 && v <= f64::from(u32::MAX) {
            Ok(v.round() as u32)
        } else {
            Err(SolveError::Parameter(format!("a count ≥ 0, found {v}")))
        }
    };
    match &mut rule.kind {
        RuleKind::StationShare { min }
        | RuleKind::CommunityShare { min }
        | RuleKind::StationCommunityShare { min }
        | RuleKind::OfficeReduction { min } => *min = share(value)?,
        RuleKind::MoveCap { max } => *max = count(value)?,
        RuleKind::UnitMinimum { min, .. } => *min = count(value)?,
        RuleKind::SeniorsToGrassroots { age } => *age = count(value)?,
        RuleKind::SpecialityCoverage { min, .. } => *min = count(value)?,
        RuleKind::UnitHeadcount { max: Some(max), .. } => *max = count(value)?,
        _ => {
            return Err(SolveError::Parameter(format!(
                "rule {rule_id:?} has no single parameter to sweep"
            )))
        }
    }
    Ok(out)
}

/// Solves `req` once per value of `rule_id`'s parameter; `on_step(done, total)` after each.
pub fn tradeoff(
    req: &SolveRequest<'_>,
    rule_id: &str,
    values: &[f64],
    mut on_step: impl FnMut(usize, usize),
) -> Result<Tradeoff, SolveError> {
    let mut points = Vec::with_capacity(values.len());
    let mut first_infeasible = None;
    for (i, &value) in values.iter().enumerate() {
        let rules = with_parameter(req.rules, rule_id, value)?;
        let out: SolveOutcome = solve(&SolveRequest {
            rules: &rules,
            ..*req
        })?;
        let feasible = out.status == SolveStatus::Optimal
            || (out.status == SolveStatus::TimeLimit && out.objective.is_some());
        points.push(TradeoffPoint {
            value,
            status: out.status,
            moves: feasible.then_some(out.moves.len() as u32),
            objective: out.objective,
        });
        on_step(i + 1, values.len());
        if out.status == SolveStatus::Infeasible {
            first_infeasible = Some(value);
            break;
        }
    }
    Ok(Tradeoff {
        rule_id: rule_id.into(),
        points,
        first_infeasible,
    })
}
