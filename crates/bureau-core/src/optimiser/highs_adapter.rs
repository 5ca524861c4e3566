//! The one place that knows good_lp and HiGHS: turns a [`LinearModel`] into a MIP, solves it
//! with a time limit, and maps the solver's answer to a typed result. Never panics.

use std::time::Instant;

use good_lp::solvers::highs::{highs, HighsPresolveType};
use good_lp::{
    variable, Expression, ProblemVariables, ResolutionError, Solution, SolutionStatus, SolverModel,
    Variable, WithInitialSolution,
};

use super::model::{LinearModel, Sense};
use super::{SolveError, SolveSettings};

/// The gap HiGHS may leave between a plan and its bound: far below the smallest difference
/// between two plans' costs (a churn tie-break is 10⁻³ a person).
const MIP_ABS_GAP: f32 = 1e-6;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RawStatus {
    Optimal,
    TimeLimit,
    Infeasible,
}

#[derive(Debug, Clone)]
pub struct RawSolution {
    pub status: RawStatus,
    /// How many of its group each candidate places (empty when infeasible).
    pub counts: Vec<u32>,
    /// The same unrounded: fractional when solved as a linear programme.
    pub values: Vec<f64>,
    /// Slack per row (0 for rows without slack).
    pub slack: Vec<f64>,
    pub objective: f64,
    pub solve_seconds: f64,
    pub variables: usize,
    pub rows: usize,
}

impl RawSolution {
    /// A solve that found no plan: nothing placed, no objective.
    pub fn none(status: RawStatus, solve_seconds: f64, variables: usize, rows: usize) -> Self {
        RawSolution {
            status,
            counts: Vec::new(),
            values: Vec::new(),
            slack: Vec::new(),
            objective: f64::NAN,
            solve_seconds,
            variables,
            rows,
        }
    }
}

/// What [`solve`] solves for.
#[derive(Clone, Copy)]
pub enum Kind<'a> {
    /// Whole counts: a plan.
    Integer,
    /// The linear relaxation: counts and slacks may be fractional (`values`; `counts` rounds
    /// them up). Much faster on elastic models, whose integer version HiGHS has to branch on.
    Linear,
    /// Whole counts from a start: the solver only has to improve on it, over the candidates
    /// left free. Rows without a free candidate hold their fixed value: a soft one adds its
    /// penalty to the objective, a hard one the start breaks makes the problem infeasible.
    From(&'a Start<'a>),
}

/// Where a solve starts from: `counts`, a count per candidate, is handed to HiGHS as its first
/// incumbent (ignored when it breaks a hard row), and the candidates `fixed` says are held at
/// their count there: they are constants, not variables, so HiGHS sees only the rest.
pub struct Start<'a> {
    pub counts: &'a [u32],
    pub fixed: &'a dyn Fn(usize) -> bool,
}

/// A row's left-hand side: its free variables and the constant its fixed candidates add.
struct Lhs {
    expression: Expression,
    constant: f64,
    free: bool,
}

/// Solves `model` as `kind` says. How rows are relaxed: `penalties[i]` is the cost per unit of
/// slack on row `i`, or `None` for a hard row.
pub fn solve(
    model: &LinearModel,
    penalties: &[Option<f64>],
    cost_scale: f64,
    settings: &SolveSettings,
    kind: Kind<'_>,
) -> Result<RawSolution, SolveError> {
    let (start, linear) = match kind {
        Kind::Integer => (None, false),
        Kind::Linear => (None, true),
        Kind::From(start) => (Some(start), false),
    };
    let presolve = if settings.presolve {
        HighsPresolveType::On
    } else {
        HighsPresolveType::Off
    };
    let started_at =
        |c: usize| f64::from(start.and_then(|s| s.counts.get(c)).copied().unwrap_or(0));
    let mut vars = ProblemVariables::new();
    let count = |vars: &mut ProblemVariables, size: usize| match size {
        size if linear => vars.add(variable().min(0).max(size as f64)),
        1 => vars.add(variable().binary()),
        size => vars.add(variable().integer().min(0).max(size as f64)),
    };
    let x: Vec<Option<Variable>> = (0..model.candidates.len())
        .map(|c| match start {
            Some(start) if (start.fixed)(c) => None,
            _ => Some(count(&mut vars, model.capacity(c))),
        })
        .collect();
    let lhs = |terms: &mut dyn Iterator<Item = (usize, f64)>| {
        let mut out = Lhs {
            expression: Expression::from(0.0),
            constant: 0.0,
            free: false,
        };
        for (c, k) in terms {
            match x[c] {
                Some(v) => {
                    out.expression += k * v;
                    out.free = true;
                }
                None => out.constant += k * started_at(c),
            }
        }
        out
    };
    // How many of each pooled group leave its own candidates for its pool.
    let movers: Vec<Option<Variable>> = model
        .group_pool
        .iter()
        .zip(&model.groups)
        .map(|(pool, members)| pool.map(|_| count(&mut vars, members.len())))
        .collect();
    let row_lhs: Vec<Lhs> = model
        .rows
        .iter()
        .map(|row| lhs(&mut row.terms.iter().copied()))
        .collect();
    // A row's shortfall at the start (for rows that hold no free candidate).
    let off = |row: &super::model::Row, value: f64| match row.sense {
        Sense::AtLeast => row.rhs - value,
        Sense::AtMost => value - row.rhs,
    };
    let mut fixed_penalty = 0.0;
    let mut fixed_slack = vec![0.0; model.rows.len()];
    let mut broken = false;
    for (i, (row, l)) in model.rows.iter().zip(&row_lhs).enumerate() {
        if l.free {
            continue;
        }
        let short = off(row, l.constant);
        match penalties.get(i).copied().flatten() {
            Some(p) => {
                fixed_slack[i] = short.max(0.0).ceil();
                fixed_penalty += p * fixed_slack[i];
            }
            None => broken |= short > 1e-9,
        }
    }
    let slack: Vec<Option<Variable>> = penalties
        .iter()
        .zip(&row_lhs)
        // Integer: rows count people, so a row short by a fraction of one is short by a
        // whole one, as the checker reports it and the penalty is documented.
        .map(|(p, l)| {
            p.filter(|_| l.free).map(|_| {
                if linear {
                    vars.add(variable().min(0.0))
                } else {
                    vars.add(variable().integer().min(0.0))
                }
            })
        })
        .collect();
    let mut objective = Expression::from(fixed_penalty);
    for (c, (cand, var)) in model.candidates.iter().zip(&x).enumerate() {
        if cand.cost != 0.0 {
            match var {
                Some(v) => objective += cand.cost * cost_scale * *v,
                None => objective += cand.cost * cost_scale * started_at(c),
            }
        }
    }
    for (s, p) in slack.iter().zip(penalties) {
        if let (Some(s), Some(p)) = (s, p) {
            objective += *p * *s;
        }
    }
    // The model's size, as if nothing were fixed.
    let variables = x.len() + movers.iter().flatten().count() + penalties.iter().flatten().count();
    let rows = model.by_group.len() + model.pools.len() + model.rows.len();
    if broken {
        return Ok(RawSolution::none(
            RawStatus::Infeasible,
            0.0,
            variables,
            rows,
        ));
    }
    let initial = start.map(|start| initial_values(model, start.counts, &x, &movers, &slack));
    let mut problem = vars
        .minimise(objective.clone())
        .using(highs)
        .set_time_limit(settings.time_limit_seconds.max(0.1))
        .set_presolve(presolve);
    // Exact: HiGHS's default relative gap (1e-4) may stop at a plan a few thousandths worse
    // than the best; only an absolute gap far below any cost difference is left.
    problem = problem
        .set_mip_rel_gap(0.0)
        .and_then(|p| p.set_mip_abs_gap(MIP_ABS_GAP))
        .map_err(|e| SolveError::Solver(format!("HiGHS gap options: {e:?}")))?;
    problem.set_verbose(false);
    if let Some(initial) = initial {
        problem = problem.with_initial_solution(initial);
    }
    for ((choices, members), out) in model.by_group.iter().zip(&model.groups).zip(&movers) {
        let mut sum = lhs(&mut choices.iter().map(|&c| (c, 1.0)));
        if let Some(out) = out {
            sum.expression += *out;
            sum.free = true;
        }
        let rhs = members.len() as f64 - sum.constant;
        // A group with nothing free is settled, unless its fixed counts miss its size (then
        // the empty row tells HiGHS there is no plan).
        if sum.free || rhs.abs() > 1e-9 {
            problem = problem.with(sum.expression.eq(rhs));
        }
    }
    for pool in &model.pools {
        let joined: Expression = pool.groups.iter().filter_map(|&g| movers[g]).sum();
        let placed = lhs(&mut pool.candidates.iter().map(|&c| (c, 1.0)));
        problem = problem.with(joined.eq(placed.expression + placed.constant));
    }
    for ((row, s), l) in model.rows.iter().zip(&slack).zip(row_lhs) {
        if !l.free {
            continue;
        }
        let mut lhs = l.expression;
        match (row.sense, s) {
            (Sense::AtLeast, Some(s)) => lhs += *s,
            (Sense::AtMost, Some(s)) => lhs -= *s,
            (_, None) => {}
        }
        let rhs = row.rhs - l.constant;
        problem = match row.sense {
            Sense::AtLeast => problem.with(lhs.geq(rhs)),
            Sense::AtMost => problem.with(lhs.leq(rhs)),
        };
    }
    let started = Instant::now();
    let result = problem.solve();
    let solve_seconds = started.elapsed().as_secs_f64();
    match result {
        Ok(solution) => {
            let status = match solution.status() {
                SolutionStatus::Optimal => RawStatus::Optimal,
                // HiGHS proved the plan optimal within `MIP_ABS_GAP`; good_lp calls any gap
                // left above zero, however small, a gap limit.
                SolutionStatus::GapLimit => RawStatus::Optimal,
                SolutionStatus::TimeLimit => RawStatus::TimeLimit,
            };
            let values: Vec<f64> = x
                .iter()
                .enumerate()
                .map(|(c, v)| match v {
                    Some(v) => solution.value(*v),
                    None => started_at(c),
                })
                .collect();
            let counts = values
                .iter()
                .map(|v| {
                    let v = if linear { (v - 1e-6).ceil() } else { v.round() };
                    v.max(0.0) as u32
                })
                .collect();
            let slack = slack
                .iter()
                .zip(&fixed_slack)
                .map(|(s, fixed)| s.map_or(*fixed, |s| solution.value(s)))
                .collect();
            Ok(RawSolution {
                status,
                counts,
                values,
                slack,
                objective: solution.eval(&objective),
                solve_seconds,
                variables,
                rows,
            })
        }
        // HiGHS stopped (time limit) before it had any feasible point: no plan, not a failure.
        Err(ResolutionError::Other("NoSolutionFound")) => Ok(RawSolution::none(
            RawStatus::TimeLimit,
            solve_seconds,
            variables,
            rows,
        )),
        Err(ResolutionError::Infeasible) => Ok(RawSolution::none(
            RawStatus::Infeasible,
            solve_seconds,
            variables,
            rows,
        )),
        Err(e) => Err(SolveError::Solver(e.to_string())),
    }
}

/// Every variable's value for the counts `counts`: the candidates' counts, each pooled group's
/// movers (its members not placed on its own candidates) and each soft row's slack (how far
/// the counts fall on the wrong side of it).
fn initial_values(
    model: &LinearModel,
    counts: &[u32],
    x: &[Option<Variable>],
    movers: &[Option<Variable>],
    slack: &[Option<Variable>],
) -> Vec<(Variable, f64)> {
    let count = |c: usize| f64::from(counts.get(c).copied().unwrap_or(0));
    let mut out: Vec<(Variable, f64)> = x
        .iter()
        .enumerate()
        .filter_map(|(c, v)| v.map(|v| (v, count(c))))
        .collect();
    for ((choices, members), out_var) in model.by_group.iter().zip(&model.groups).zip(movers) {
        if let Some(v) = out_var {
            let placed: f64 = choices.iter().map(|&c| count(c)).sum();
            out.push((*v, (members.len() as f64 - placed).max(0.0)));
        }
    }
    for (row, s) in model.rows.iter().zip(slack) {
        if let Some(s) = s {
            let lhs: f64 = row.terms.iter().map(|&(c, k)| k * count(c)).sum();
            let off = match row.sense {
                Sense::AtLeast => row.rhs - lhs,
                Sense::AtMost => lhs - row.rhs,
            };
            out.push((*s, off.max(0.0).ceil()));
        }
    }
    out
}
