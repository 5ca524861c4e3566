//! The optimiser: finds the assignment that meets every hard rule with the least weighted
//! moves (plus soft-rule penalties), or explains which rules cannot be met, by how much and
//! what holds them back.
//!
//! `model` builds the problem from domain data (pure), `highs_adapter` is the only code that
//! knows the solver, `diagnosis` explains an infeasible model. Requests and outcomes are serde
//! values so a host can run a solve in a child process.

mod diagnosis;
mod highs_adapter;
pub mod model;
mod solve_error;
pub mod tradeoff;
pub mod weights;
mod workload_rows;

use std::time::Instant;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::checker::{check, Violation};
use crate::metrics::{compute_metrics, Metrics};
use crate::model::{Assignment, Bureau, CommunityRoles, Draft, PoliceNumber, Structure, UnitId};
use crate::move_reasons::{MoveReason, MoveReasons};
use crate::rules::{describe_in, Lang, Rule};

use highs_adapter::{Kind, RawSolution, RawStatus};
use model::{Deadline, Input, LinearModel};

pub use solve_error::SolveError;
pub use tradeoff::{sweep_values, tradeoff, with_parameter, Tradeoff, TradeoffPoint};
pub use weights::{WeightError, Weights};

/// Plan: moves counted from today's units. Repair: from the planner's current draft.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Mode {
    #[default]
    Plan,
    Repair,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SolveSettings {
    /// What moves, transfers, wishes and the 50+ and establishment rules cost.
    pub weights: Weights,
    /// Tie-breaker: cost of placing someone elsewhere than the draft says.
    pub churn_weight: f64,
    /// Other soft rules' weights are multiplied by this (per whole officer short).
    pub penalty_scale: f64,
    pub time_limit_seconds: f64,
    /// Solve interchangeable people as integer counts (same optimum, far smaller model).
    pub aggregate: bool,
    /// HiGHS presolve. Off by default: these assignment models' LP relaxation is already
    /// integral, and presolve's probing cost more than the whole solve (city sample: 3.9 s
    /// with it, 1.1 s without, same optimum).
    pub presolve: bool,
}

impl Default for SolveSettings {
    fn default() -> Self {
        SolveSettings {
            weights: Weights::default(),
            churn_weight: 0.001,
            penalty_scale: 2.0,
            time_limit_seconds: 60.0,
            aggregate: true,
            presolve: false,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum SolveStatus {
    Optimal,
    Infeasible,
    TimeLimit,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Move {
    pub police_number: PoliceNumber,
    pub name: String,
    /// The old unit (plan mode) or the draft's unit (repair mode).
    pub from: UnitId,
    pub to: UnitId,
    /// Why, as [`crate::move_reasons`] gives it for every output.
    pub reason: MoveReason,
}

/// A hard rule that cannot be met, and by how much.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Shortfall {
    pub rule_id: String,
    pub units: Vec<UnitId>,
    /// People (officers, posts…) the rule falls short by, at best.
    pub shortfall: u32,
    /// The people a hint is about (e.g. the ones to unpin), when it names them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub people: Vec<PoliceNumber>,
    pub message_zh: String,
    pub message_en: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct SolveOutcome {
    pub status: SolveStatus,
    pub objective: Option<f64>,
    /// Police number → new unit id.
    pub assignment: Assignment,
    /// The plan's community roles: the draft's, with the role the solve gave each officer it
    /// placed at a station.
    #[serde(default)]
    pub community: CommunityRoles,
    pub moves: Vec<Move>,
    pub metrics: Option<Metrics>,
    /// What the independent checker finds in `assignment` (soft rules may appear).
    pub violations: Vec<Violation>,
    /// When infeasible: each hard rule that cannot hold, by how much.
    pub diagnosis: Vec<Shortfall>,
    pub build_seconds: f64,
    pub solve_seconds: f64,
    pub variables: usize,
    pub rows: usize,
}

#[derive(Debug, Clone, Copy)]
pub struct SolveRequest<'a> {
    pub bureau: &'a Bureau,
    pub structure: &'a Structure,
    pub rules: &'a [Rule],
    pub draft: &'a Draft,
    pub mode: Mode,
    pub settings: &'a SolveSettings,
}

/// Solves within `settings.time_limit_seconds`, model building included: when the limit
/// passes while the model is built, the outcome is [`SolveStatus::TimeLimit`] with a
/// `time_limit` entry in the diagnosis saying so.
pub fn solve(req: &SolveRequest<'_>) -> Result<SolveOutcome, SolveError> {
    let started = Instant::now();
    if let Some(refusal) = diagnosis::unmapped_old_units(req) {
        let raw = infeasible_placeholder(&LinearModel::default());
        return Ok(no_plan(SolveStatus::Infeasible, vec![refusal], 0.0, &raw));
    }
    let deadline = Deadline::after(started, req.settings.time_limit_seconds);
    let built = model::build(&Input {
        request: *req,
        deadline,
        relax: false,
    });
    let build_seconds = started.elapsed().as_secs_f64();
    let Ok(mut model) = built else {
        return Ok(not_built(build_seconds));
    };
    // The solver gets what is left of the limit.
    let left = diagnosis::left(req.settings, deadline);
    let req = &SolveRequest {
        settings: &left,
        ..*req
    };
    let mut penalties: Vec<Option<f64>> = model
        .rows
        .iter()
        .map(|r| {
            let rule = &req.rules[r.rule];
            let s = req.settings;
            (!rule.hard).then(|| s.weights.penalty(rule, s.penalty_scale))
        })
        .collect();
    let structural = structural_shortfalls(req, &model);
    let mut raw = if structural.is_empty() {
        highs_adapter::solve(&model, &penalties, 1.0, req.settings, Kind::Integer)?
    } else {
        infeasible_placeholder(&model)
    };
    // The second pass starts from the first plan, so only a plan HiGHS proved (or bounded)
    // is one to start from; values left by the time limit may break hard rows.
    let workload_pass = !raw.counts.is_empty()
        && raw.status == RawStatus::Optimal
        && workload_rows::applies(req.bureau, req.structure, req.rules);
    if workload_pass {
        workload_rows::add_rows(
            &mut model,
            &mut penalties,
            req.bureau,
            req.structure,
            req.rules,
            req.settings,
            &raw.counts,
        );
        // The second pass re-places the measured units' people only: every other candidate keeps
        // its count from the first plan (so who goes down is the first plan's), which leaves
        // HiGHS a small problem, started from the first plan. It runs within what is left of
        // the time limit. Should a hard band leave it without a plan, the whole model is
        // solved again (another choice of who goes down may meet the band); should it stop
        // without a plan while the rule is soft, the first plan stands.
        let second = SolveSettings {
            time_limit_seconds: (req.settings.time_limit_seconds - raw.solve_seconds).max(0.1),
            ..req.settings.clone()
        };
        let measured =
            workload_rows::measured_candidates(&model, req.bureau, req.structure, req.rules);
        let fixed = |c: usize| !measured[c];
        let start = highs_adapter::Start {
            counts: &raw.counts,
            fixed: &fixed,
        };
        let mut placed =
            highs_adapter::solve(&model, &penalties, 1.0, &second, Kind::From(&start))?;
        if placed.counts.is_empty() && workload_rows::any_hard(req.rules) {
            let spent = placed.solve_seconds;
            placed = highs_adapter::solve(&model, &penalties, 1.0, &second, Kind::Integer)?;
            placed.solve_seconds += spent;
        }
        placed.solve_seconds += raw.solve_seconds;
        if !placed.counts.is_empty()
            || placed.status == RawStatus::Infeasible
            || workload_rows::any_hard(req.rules)
        {
            raw = placed;
        } else {
            raw.solve_seconds = placed.solve_seconds;
            raw.status = RawStatus::TimeLimit;
        }
    }
    if raw.status == RawStatus::Infeasible {
        let mut diagnosis = structural;
        diagnosis.extend(diagnosis::diagnose(req, &model, deadline)?);
        if workload_pass {
            // The first pass met every other hard rule: the band is what no plan can hold.
            for conflict in workload_rows::band_conflicts(req.rules) {
                if !diagnosis.iter().any(|d| d.rule_id == conflict.rule_id) {
                    diagnosis.push(conflict);
                }
            }
        }
        return Ok(no_plan(
            SolveStatus::Infeasible,
            diagnosis,
            build_seconds,
            &raw,
        ));
    }
    let placed = disaggregate(&model, &raw.counts);
    if placed.len() != req.bureau.people.len() {
        // Stopped by the time limit before any plan was found: nothing to propose.
        return Ok(no_plan(
            SolveStatus::TimeLimit,
            Vec::new(),
            build_seconds,
            &raw,
        ));
    }
    let assignment = to_assignment(req, &model, &placed);
    let community = to_roles(req, &model, &placed);
    let moves = moves(req, &model, &placed);
    let metrics = compute_metrics(req.bureau, req.structure, &assignment, &community);
    let plan = Draft {
        community: community.clone(),
        ..req.draft.clone()
    };
    let violations = check(req.bureau, req.structure, req.rules, &assignment, &plan);
    if raw.status != RawStatus::Optimal && violations.iter().any(|v| v.hard) {
        // Stopped early, HiGHS may hand back values that are not a feasible plan; a plan is
        // only ever shown when the independent checker finds every hard rule met.
        return Ok(no_plan(
            SolveStatus::TimeLimit,
            Vec::new(),
            build_seconds,
            &raw,
        ));
    }
    Ok(SolveOutcome {
        status: match raw.status {
            RawStatus::Optimal => SolveStatus::Optimal,
            RawStatus::TimeLimit | RawStatus::Infeasible => SolveStatus::TimeLimit,
        },
        objective: Some(raw.objective),
        assignment,
        community,
        moves,
        metrics: Some(metrics),
        violations,
        diagnosis: Vec::new(),
        build_seconds,
        solve_seconds: raw.solve_seconds,
        variables: raw.variables,
        rows: raw.rows,
    })
}

/// The time limit passed while the model was being built: no plan, and a diagnosis that says
/// the limit, not the rules, is the reason.
fn not_built(build_seconds: f64) -> SolveOutcome {
    let raw = RawSolution::none(RawStatus::TimeLimit, 0.0, 0, 0);
    let diagnosis = vec![Shortfall {
        rule_id: "time_limit".into(),
        units: Vec::new(),
        shortfall: 0,
        people: Vec::new(),
        message_zh: "在时间限制内未能建立求解模型；请放宽时间限制后重试".into(),
        message_en: "the model could not be built within the time limit; allow more time".into(),
    }];
    no_plan(SolveStatus::TimeLimit, diagnosis, build_seconds, &raw)
}

fn no_plan(
    status: SolveStatus,
    diagnosis: Vec<Shortfall>,
    build_seconds: f64,
    raw: &RawSolution,
) -> SolveOutcome {
    SolveOutcome {
        status,
        objective: None,
        assignment: Assignment::new(),
        community: CommunityRoles::default(),
        moves: Vec::new(),
        metrics: None,
        violations: Vec::new(),
        diagnosis,
        build_seconds,
        solve_seconds: raw.solve_seconds,
        variables: raw.variables,
        rows: raw.rows,
    }
}

fn infeasible_placeholder(model: &LinearModel) -> RawSolution {
    RawSolution::none(
        RawStatus::Infeasible,
        0.0,
        model.candidates.len(),
        model.rows.len() + model.by_group.len() + model.pools.len(),
    )
}

/// Turns each group's counts back into named people, deterministically: members in roster
/// order fill the group's own candidates in unit order, the rest join the group's pool, whose
/// members (groups in order) fill its candidates in unit order.
fn disaggregate(model: &LinearModel, counts: &[u32]) -> Vec<(usize, usize)> {
    let count = |c: usize| counts.get(c).copied().unwrap_or(0);
    let mut placed = Vec::new();
    let mut movers: Vec<Vec<usize>> = vec![Vec::new(); model.pools.len()];
    for ((members, choices), pool) in model
        .groups
        .iter()
        .zip(&model.by_group)
        .zip(&model.group_pool)
    {
        let mut members = members.iter();
        for &c in choices {
            for _ in 0..count(c) {
                if let Some(&person) = members.next() {
                    placed.push((person, c));
                }
            }
        }
        if let Some(k) = pool {
            movers[*k].extend(members);
        }
    }
    for (pool, members) in model.pools.iter().zip(movers) {
        let mut members = members.into_iter();
        for &c in &pool.candidates {
            for _ in 0..count(c) {
                if let Some(person) = members.next() {
                    placed.push((person, c));
                }
            }
        }
    }
    placed.sort_unstable();
    placed
}

fn to_assignment(
    req: &SolveRequest<'_>,
    model: &LinearModel,
    placed: &[(usize, usize)],
) -> Assignment {
    placed
        .iter()
        .map(|&(person, c)| {
            (
                req.bureau.people[person].police_number.clone(),
                req.structure.units[model.candidates[c].unit].id.clone(),
            )
        })
        .collect()
}

/// The draft's roles with the role of every officer the plan places at a station, where their
/// candidate says whether they hold the post (an officer the plan's eligibility excludes has no
/// role candidate, and keeps whatever the draft says: it counts nowhere).
fn to_roles(
    req: &SolveRequest<'_>,
    model: &LinearModel,
    placed: &[(usize, usize)],
) -> CommunityRoles {
    let mut roles = req.draft.community.clone();
    let as_of = req.bureau.info.as_of;
    for &(person, c) in placed {
        let p = &req.bureau.people[person];
        let unit = &req.structure.units[model.candidates[c].unit];
        if unit.kind == crate::model::UnitKind::PoliceStation && roles.eligibility.allows(p, as_of)
        {
            roles.set_role(p, model.candidates[c].role);
        }
    }
    roles
}

impl SolveOutcome {
    /// The plan as a draft: `draft`'s pins and exclusions with this outcome's placements and
    /// community roles (what the checker and the metrics take).
    pub fn plan(&self, draft: &Draft) -> Draft {
        Draft {
            assignment: self.assignment.clone(),
            community: self.community.clone(),
            ..draft.clone()
        }
    }
}

fn moves(req: &SolveRequest<'_>, model: &LinearModel, placed: &[(usize, usize)]) -> Vec<Move> {
    let reasons = MoveReasons::new(req.bureau, req.structure, req.rules, req.draft);
    placed
        .iter()
        .filter(|&&(person, c)| model.moved(person, c))
        .map(|&(person, c)| {
            let p = &req.bureau.people[person];
            let from = match req.mode {
                Mode::Plan => p.current_unit.clone(),
                Mode::Repair => req
                    .draft
                    .assignment
                    .get(&p.police_number)
                    .cloned()
                    .unwrap_or_else(|| p.current_unit.clone()),
            };
            let to = &req.structure.units[model.candidates[c].unit].id;
            Move {
                police_number: p.police_number.clone(),
                name: p.name.clone(),
                from,
                to: to.clone(),
                reason: reasons.reason(p, to),
            }
        })
        .collect()
}

fn structural_shortfalls(req: &SolveRequest<'_>, model: &LinearModel) -> Vec<Shortfall> {
    model
        .structurally_failing
        .iter()
        .filter(|&&r| req.rules[r].hard)
        .map(|&r| {
            let rule = &req.rules[r];
            let v = check(
                req.bureau,
                req.structure,
                std::slice::from_ref(rule),
                &Assignment::new(),
                &Draft::default(),
            );
            let shortfall = v.first().map_or(0, |v| v.shortfall);
            shortfall_text(
                rule,
                req.structure,
                Vec::new(),
                shortfall,
                false,
                String::new(),
                String::new(),
            )
        })
        .collect()
}

fn shortfall_text(
    rule: &Rule,
    structure: &Structure,
    units: Vec<UnitId>,
    shortfall: u32,
    over: bool,
    why_zh: String,
    why_en: String,
) -> Shortfall {
    // A rule about one unit already names it; others list the units that fall short.
    let names: Vec<&str> = units
        .iter()
        .map(|id| structure.unit(id).map_or(id.as_str(), |u| u.name.as_str()))
        .collect();
    let (units_zh, units_en) = if names.is_empty() || rule.kind.unit().is_some() {
        (String::new(), String::new())
    } else {
        (
            format!("（{}）", names.join("、")),
            format!(" ({})", names.join(", ")),
        )
    };
    let (verb_zh, verb_en) = if over {
        ("超出", "over")
    } else {
        ("还差", "short")
    };
    Shortfall {
        rule_id: rule.id.clone(),
        message_zh: format!(
            "无法满足“{}”{units_zh}：至少{verb_zh} {shortfall} 人。{why_zh}",
            describe_in(&rule.kind, Lang::ZhCn, structure)
        ),
        message_en: format!(
            "cannot meet \"{}\"{units_en}: {verb_en} by at least {shortfall}. {why_en}",
            describe_in(&rule.kind, Lang::En, structure)
        ),
        units,
        shortfall,
        people: Vec::new(),
    }
}
