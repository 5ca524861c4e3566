//! `planner solve`, `planner check` and `planner tradeoff`: the optimiser, the independent
//! checker and the trade-off sweep on a bureau file, for planners who work from the command
//! line and for scripted checks. The file's own rules apply, else the defaults for its kind.

use std::path::Path;

use bureau_api::{ApiError, ErrorCode};
use bureau_core::checker::{check, unknown_entries};
use bureau_core::optimiser::{
    solve, sweep_values, tradeoff, Mode, SolveRequest, SolveSettings, SolveStatus, Weights,
};
use bureau_core::rules::{default_rules, Rule};
use bureau_core::{Assignment, Bureau, BureauFile, CommunityRoles, Draft, Structure};
use serde::Deserialize;

fn read_bureau(path: &Path) -> Result<BureauFile, ApiError> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| ApiError::new(ErrorCode::Storage, format!("{}: {e}", path.display())))?;
    BureauFile::parse(&text).map_err(|e| {
        let mut err = ApiError::from(e);
        err.message = format!("{}: {}", path.display(), err.message);
        err
    })
}

/// The file's rules, else the defaults for the bureau's kind.
fn rules_of(rules: Option<Vec<Rule>>, bureau: &Bureau, structure: &Structure) -> Vec<Rule> {
    rules.unwrap_or_else(|| default_rules(bureau, structure))
}

/// What `planner solve` was asked for.
pub struct SolveOptions<'a> {
    pub mode: Mode,
    pub time_limit: f64,
    /// `name=value` pairs over the file's weights.
    pub weights: Option<&'a str>,
    pub json: bool,
}

/// The file's weights (else the defaults) with `pairs` applied; a bad pair is refused naming
/// the weight and what was expected.
fn weights_of(file: Option<Weights>, pairs: Option<&str>) -> Result<Weights, ApiError> {
    let weights = file.unwrap_or_default();
    match pairs {
        None => Ok(weights),
        Some(pairs) => weights
            .with_pairs(pairs)
            .map_err(|e| ApiError::new(ErrorCode::BadRequest, format!("--weights: {e}"))),
    }
}

/// Prints the plan; returns whether a plan meeting every hard rule was found.
pub fn solve_command(path: &Path, options: &SolveOptions<'_>) -> Result<bool, ApiError> {
    let SolveOptions {
        mode,
        time_limit,
        weights,
        json,
    } = *options;
    let file = read_bureau(path)?;
    let file_rules = file.rules.clone();
    let weights = weights_of(file.weights.clone(), weights)?;
    let (bureau, structure, draft) = file.into_parts();
    let draft = draft.unwrap_or_default();
    let rules = rules_of(file_rules, &bureau, &structure);
    let settings = SolveSettings {
        time_limit_seconds: time_limit,
        weights,
        ..SolveSettings::default()
    };
    let outcome = solve(&SolveRequest {
        bureau: &bureau,
        structure: &structure,
        rules: &rules,
        draft: &draft,
        mode,
        settings: &settings,
    })
    .map_err(ApiError::from)?;
    if json {
        out!(
            "{}",
            serde_json::to_string_pretty(&outcome).unwrap_or_default()
        );
    } else {
        out!(
            "status: {:?}  objective: {}  moves: {}  variables: {}  rows: {}  build {:.3}s  solve {:.3}s",
            outcome.status,
            outcome.objective.map_or("-".into(), |o| format!("{o:.3}")),
            outcome.moves.len(),
            outcome.variables,
            outcome.rows,
            outcome.build_seconds,
            outcome.solve_seconds
        );
        if let Some(m) = &outcome.metrics {
            out!(
                "station share {:.1}% (before {:.1}%), community share {:.1}%, grassroots share {:.1}%, office {} → {} ({:.1}% less), moved down {}",
                m.station_share * 100.0,
                m.station_share_before * 100.0,
                m.community_share * 100.0,
                m.grassroots_share * 100.0,
                m.before.office_officers,
                m.after.office_officers,
                m.office_reduction * 100.0,
                m.moved_down
            );
        }
        for mv in &outcome.moves {
            out!(
                "  {} {}: {} → {}  {}",
                mv.police_number,
                mv.name,
                mv.from,
                mv.to,
                mv.reason.zh()
            );
        }
        for d in &outcome.diagnosis {
            out!("  ✗ {}\n    {}", d.message_zh, d.message_en);
        }
        for v in &outcome.violations {
            out!(
                "  {} {}: {}",
                if v.hard { "hard" } else { "soft" },
                v.rule_id,
                v.message_en
            );
        }
    }
    Ok(outcome.status != SolveStatus::Infeasible)
}

#[derive(Deserialize)]
struct PlanFile {
    assignment: Assignment,
    /// The plan's community roles (as `planner solve --json` writes them); absent: the bureau
    /// file draft's.
    #[serde(default)]
    community: Option<CommunityRoles>,
}

/// Prints violations; returns whether every hard rule holds. A plan naming a police number or
/// unit the bureau lacks is refused as a bad request, every such entry listed.
pub fn check_command(bureau_path: &Path, plan_path: &Path, json: bool) -> Result<bool, ApiError> {
    let file = read_bureau(bureau_path)?;
    let text = std::fs::read_to_string(plan_path)
        .map_err(|e| ApiError::new(ErrorCode::Storage, format!("{}: {e}", plan_path.display())))?;
    let plan: PlanFile = serde_json::from_str(&text).map_err(|e| {
        ApiError::new(
            ErrorCode::BadRequest,
            format!(
                "{}: expected a plan with an \"assignment\" object: {e}",
                plan_path.display()
            ),
        )
    })?;
    let file_rules = file.rules.clone();
    let (bureau, structure, draft) = file.into_parts();
    let mut draft: Draft = draft.unwrap_or_default();
    if let Some(roles) = plan.community {
        let people = &bureau;
        if let Some(n) = roles
            .roles
            .keys()
            .chain(&roles.pins)
            .find(|n| people.person(n).is_none())
        {
            return Err(ApiError::new(
                ErrorCode::BadRequest,
                format!(
                    "{}: community names unknown police number {n:?}",
                    plan_path.display()
                ),
            ));
        }
        draft.community = roles;
    }
    let rules = rules_of(file_rules, &bureau, &structure);
    let unknown = unknown_entries(&bureau, &structure, &plan.assignment);
    if !unknown.is_empty() {
        let entries: Vec<String> = unknown.iter().map(ToString::to_string).collect();
        return Err(ApiError::new(
            ErrorCode::BadRequest,
            format!(
                "{}: {} assignment entr{} name{} no one or nowhere in {}: {}",
                plan_path.display(),
                unknown.len(),
                if unknown.len() == 1 { "y" } else { "ies" },
                if unknown.len() == 1 { "s" } else { "" },
                bureau_path.display(),
                entries.join("; ")
            ),
        ));
    }
    let violations = check(&bureau, &structure, &rules, &plan.assignment, &draft);
    if json {
        out!(
            "{}",
            serde_json::to_string_pretty(&violations).unwrap_or_default()
        );
    } else if violations.is_empty() {
        out!("every rule holds ({} rules)", rules.len());
    } else {
        for v in &violations {
            out!(
                "{} {}: {} (required {}, actual {}, {} {})",
                if v.hard { "hard" } else { "soft" },
                v.rule_id,
                v.message_en,
                v.required,
                v.actual,
                if v.over { "over by" } else { "short by" },
                v.shortfall
            );
        }
    }
    Ok(!violations.iter().any(|v| v.hard))
}

/// What `planner tradeoff` sweeps.
pub struct SweepArgs<'a> {
    pub rule_id: &'a str,
    pub from: f64,
    pub to: f64,
    pub step: f64,
    pub time_limit: f64,
    pub json: bool,
}

/// Prints the minimal moves at each step of a rule's parameter, up to the first infeasible one.
pub fn tradeoff_command(path: &Path, args: &SweepArgs<'_>) -> Result<bool, ApiError> {
    let file = read_bureau(path)?;
    let file_rules = file.rules.clone();
    let weights = file.weights.clone().unwrap_or_default();
    let (bureau, structure, draft) = file.into_parts();
    let draft = draft.unwrap_or_default();
    let rules = rules_of(file_rules, &bureau, &structure);
    let values = sweep_values(args.from, args.to, args.step)?;
    let settings = SolveSettings {
        time_limit_seconds: args.time_limit,
        weights,
        ..SolveSettings::default()
    };
    let req = SolveRequest {
        bureau: &bureau,
        structure: &structure,
        rules: &rules,
        draft: &draft,
        mode: Mode::Plan,
        settings: &settings,
    };
    let json = args.json;
    let result = tradeoff(&req, args.rule_id, &values, |done, total| {
        if !json {
            eprint!("\r{done}/{total} solved");
        }
    })?;
    if json {
        out!(
            "{}",
            serde_json::to_string_pretty(&result).unwrap_or_default()
        );
    } else {
        eprintln!();
        out!(
            "{:>8}  {:<12}  {:>6}  {:>10}",
            "value",
            "status",
            "moves",
            "objective"
        );
        for p in &result.points {
            out!(
                "{:>8}  {:<12}  {:>6}  {:>10}",
                p.value,
                format!("{:?}", p.status),
                p.moves.map_or("-".into(), |m| m.to_string()),
                p.objective.map_or("-".into(), |o| format!("{o:.3}"))
            );
        }
        match result.first_infeasible {
            Some(v) => out!("first infeasible at {v}"),
            None => out!("every step is feasible"),
        }
    }
    Ok(true)
}
