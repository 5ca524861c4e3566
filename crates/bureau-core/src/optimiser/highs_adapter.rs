//! The one place that knows good_lp and HiGHS: turns a [`LinearModel`] into a MIP, solves it
//! with a time limit, and maps the solver's answer to a typed result. Never panics.

use std::time::Instant;

use good_lp::solvers::highs::{highs, HighsPresolveType};
use good_lp::{
    variable, Expression, ProblemVariables, ResolutionError, Solution, SolutionStatus, SolverModel,
    Variable,
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
    /// The same unrounded: fractional when solved as a linear programme.
    pub values: Vec<f64>,
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
    solve_as(model, penalties, cost_scale, settings, false)
}

/// The linear relaxation: counts and slacks may be fractional (`values`; `counts` rounds
/// them up). Much faster on elastic models, whose integer version HiGHS has to branch on.
pub fn solve_linear(
    model: &LinearModel,
    penalties: &[Option<f64>],
    cost_scale: f64,
    settings: &SolveSettings,
) -> Result<RawSolution, String> {
    solve_as(model, penalties, cost_scale, settings, true)
}

fn solve_as(
    model: &LinearModel,
    penalties: &[Option<f64>],
    cost_scale: f64,
    settings: &SolveSettings,
    linear: bool,
) -> Result<RawSolution, String> {
    let presolve = if settings.presolve {
        HighsPresolveType::On
    } else {
        HighsPresolveType::Off
    };
    let mut vars = ProblemVariables::new();
    let count = |vars: &mut ProblemVariables, size: usize| match size {
        size if linear => vars.add(variable().min(0).max(size as f64)),
        1 => vars.add(variable().binary()),
        size => vars.add(variable().integer().min(0).max(size as f64)),
    };
    let x: Vec<Variable> = (0..model.candidates.len())
        .map(|c| count(&mut vars, model.capacity(c)))
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
        .map(|p| {
            p.map(|_| {
                if linear {
                    vars.add(variable().min(0.0))
                } else {
                    vars.add(variable().integer().min(0.0))
                }
            })
        })
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
    let mut problem = vars
        .minimise(objective.clone())
        .using(highs)
        .set_time_limit(settings.time_limit_seconds.max(0.1))
        .set_presolve(presolve);
    problem.set_verbose(false);
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
            let values: Vec<f64> = x.iter().map(|v| solution.value(*v)).collect();
            let counts = values
                .iter()
                .map(|v| {
                    let v = if linear { (v - 1e-6).ceil() } else { v.round() };
                    v.max(0.0) as u32
                })
                .collect();
            let slack = slack
                .iter()
                .map(|s| s.map_or(0.0, |s| solution.value(s)))
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
        Err(ResolutionError::Other("NoSolutionFound")) => Ok(RawSolution {
            status: RawStatus::TimeLimit,
            counts: Vec::new(),
            values: Vec::new(),
            slack: Vec::new(),
            objective: f64::NAN,
            solve_seconds,
            variables,
            rows,
        }),
        Err(ResolutionError::Infeasible) => Ok(RawSolution {
            status: RawStatus::Infeasible,
            counts: Vec::new(),
            values: Vec::new(),
            slack: Vec::new(),
            objective: f64::NAN,
            solve_seconds,
            variables,
            rows,
        }),
        Err(e) => Err(format!("HiGHS: {e}")),
    }
}
