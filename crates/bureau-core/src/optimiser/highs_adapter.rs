//! The one place that knows good_lp and HiGHS: turns a [`LinearModel`] into a MIP, solves it
//! with a time limit, and maps the solver's answer to a typed result. Never panics.

use std::time::Instant;

use good_lp::solvers::highs::{highs, HighsPresolveType};
use good_lp::{
    variable, Expression, ProblemVariables, ResolutionError, Solution, SolutionStatus, SolverModel,
    Variable, WithInitialSolution,
};

use super::model::{LinearModel, Sense};
use super::SolveSettings;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RawStatus {
    Optimal,
    FeasibleWithGap,
    TimeLimit,
    Infeasible,
}

#[derive(Debug, Clone)]
pub struct RawSolution {
    pub status: RawStatus,
    /// How many of its group each candidate places (empty when infeasible).
    pub counts: Vec<u32>,
    /// Slack per row (0 for rows without slack).
    pub slack: Vec<f64>,
    pub objective: f64,
    pub solve_seconds: f64,
    pub variables: usize,
    pub rows: usize,
}

/// How rows are relaxed: `penalties[i]` is the cost per unit of slack on row `i`, or `None`
/// for a hard row.
pub fn solve(
    model: &LinearModel,
    penalties: &[Option<f64>],
    cost_scale: f64,
    settings: &SolveSettings,
) -> Result<RawSolution, String> {
    solve_from(model, penalties, cost_scale, settings, None)
}

/// Where a solve starts from: `counts`, a count per candidate, is handed to HiGHS as its first
/// incumbent (ignored when it breaks a hard row), and the candidates `fixed` says are held at
/// their count there.
pub struct Start<'a> {
    pub counts: &'a [u32],
    pub fixed: &'a dyn Fn(usize) -> bool,
}

/// As [`solve`], from `start`: the solver only has to improve on it, over the candidates left
/// free.
pub fn solve_from(
    model: &LinearModel,
    penalties: &[Option<f64>],
    cost_scale: f64,
    settings: &SolveSettings,
    start: Option<&Start<'_>>,
) -> Result<RawSolution, String> {
    let presolve = if settings.presolve {
        HighsPresolveType::On
    } else {
        HighsPresolveType::Off
    };
    let mut vars = ProblemVariables::new();
    let count = |vars: &mut ProblemVariables, size: usize| match size {
        1 => vars.add(variable().binary()),
        size => vars.add(variable().integer().min(0).max(size as f64)),
    };
    let x: Vec<Variable> = (0..model.candidates.len())
        .map(|c| match start {
            Some(start) if (start.fixed)(c) => {
                let n = f64::from(start.counts.get(c).copied().unwrap_or(0));
                vars.add(variable().integer().min(n).max(n))
            }
            _ => count(&mut vars, model.capacity(c)),
        })
        .collect();
    // How many of each pooled group leave its own candidates for its pool.
    let movers: Vec<Option<Variable>> = model
        .group_pool
        .iter()
        .zip(&model.groups)
        .map(|(pool, members)| pool.map(|_| count(&mut vars, members.len())))
        .collect();
    let slack: Vec<Option<Variable>> = penalties
        .iter()
        // Integer: rows count people, so a row short by a fraction of one is short by a
        // whole one, as the checker reports it and the penalty is documented.
        .map(|p| p.map(|_| vars.add(variable().integer().min(0.0))))
        .collect();
    let mut objective = Expression::from(0.0);
    for (c, var) in model.candidates.iter().zip(&x) {
        if c.cost != 0.0 {
            objective += c.cost * cost_scale * *var;
        }
    }
    for (s, p) in slack.iter().zip(penalties) {
        if let (Some(s), Some(p)) = (s, p) {
            objective += *p * *s;
        }
    }
    let variables = x.len() + movers.iter().flatten().count() + slack.iter().flatten().count();
    let initial = start.map(|start| initial_values(model, start.counts, &x, &movers, &slack));
    let mut problem = vars
        .minimise(objective.clone())
        .using(highs)
        .set_time_limit(settings.time_limit_seconds.max(0.1))
        .set_presolve(presolve);
    problem.set_verbose(false);
    if let Some(initial) = initial {
        problem = problem.with_initial_solution(initial);
    }
    let mut rows = 0;
    for ((choices, members), out) in model.by_group.iter().zip(&model.groups).zip(&movers) {
        let mut sum: Expression = choices.iter().map(|&c| x[c]).sum();
        if let Some(out) = out {
            sum += *out;
        }
        problem = problem.with(sum.eq(members.len() as f64));
        rows += 1;
    }
    for pool in &model.pools {
        let joined: Expression = pool.groups.iter().filter_map(|&g| movers[g]).sum();
        let placed: Expression = pool.candidates.iter().map(|&c| x[c]).sum();
        problem = problem.with(joined.eq(placed));
        rows += 1;
    }
    for (row, s) in model.rows.iter().zip(&slack) {
        let mut lhs: Expression = row.terms.iter().map(|&(c, k)| k * x[c]).sum();
        match (row.sense, s) {
            (Sense::AtLeast, Some(s)) => lhs += *s,
            (Sense::AtMost, Some(s)) => lhs -= *s,
            (_, None) => {}
        }
        problem = match row.sense {
            Sense::AtLeast => problem.with(lhs.geq(row.rhs)),
            Sense::AtMost => problem.with(lhs.leq(row.rhs)),
        };
        rows += 1;
    }
    let started = Instant::now();
    let result = problem.solve();
    let solve_seconds = started.elapsed().as_secs_f64();
    match result {
        Ok(solution) => {
            let status = match solution.status() {
                SolutionStatus::Optimal => RawStatus::Optimal,
                SolutionStatus::GapLimit => RawStatus::FeasibleWithGap,
                SolutionStatus::TimeLimit => RawStatus::TimeLimit,
            };
            let counts = x
                .iter()
                .map(|v| solution.value(*v).round().max(0.0) as u32)
                .collect();
            let slack = slack
                .iter()
                .map(|s| s.map_or(0.0, |s| solution.value(s)))
                .collect();
            Ok(RawSolution {
                status,
                counts,
                slack,
                objective: solution.eval(&objective),
                solve_seconds,
                variables,
                rows,
            })
        }
        // HiGHS stopped (time limit) before it had any feasible point: no plan, not a failure.
        Err(ResolutionError::Other("NoSolutionFound")) => Ok(RawSolution {
            status: RawStatus::TimeLimit,
            counts: Vec::new(),
            slack: Vec::new(),
            objective: f64::NAN,
            solve_seconds,
            variables,
            rows,
        }),
        Err(ResolutionError::Infeasible) => Ok(RawSolution {
            status: RawStatus::Infeasible,
            counts: Vec::new(),
            slack: Vec::new(),
            objective: f64::NAN,
            solve_seconds,
            variables,
            rows,
        }),
        Err(e) => Err(format!("HiGHS: {e}")),
    }
}

/// Every variable's value for the counts `counts`: the candidates' counts, each pooled group's
/// movers (its members not placed on its own candidates) and each soft row's slack (how far
/// the counts fall on the wrong side of it).
fn initial_values(
    model: &LinearModel,
    counts: &[u32],
    x: &[Variable],
    movers: &[Option<Variable>],
    slack: &[Option<Variable>],
) -> Vec<(Variable, f64)> {
    let count = |c: usize| f64::from(counts.get(c).copied().unwrap_or(0));
    let mut out: Vec<(Variable, f64)> = x.iter().enumerate().map(|(c, v)| (*v, count(c))).collect();
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
