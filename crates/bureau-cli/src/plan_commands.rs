//! `planner solve` and `planner check`: the optimiser and the independent checker on a bureau
//! file, for planners who work from the command line and for scripted checks.

use std::path::Path;

use bureau_api::{ApiError, ErrorCode};
use bureau_core::checker::check;
use bureau_core::optimiser::{solve, Mode, SolveRequest, SolveSettings, SolveStatus};
use bureau_core::rules::default_rules;
use bureau_core::{Assignment, BureauFile};
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

/// Prints the plan; returns whether a plan meeting every hard rule was found.
pub fn solve_command(
    path: &Path,
    mode: Mode,
    time_limit: f64,
    json: bool,
) -> Result<bool, ApiError> {
    let file = read_bureau(path)?;
    let (bureau, structure, draft) = file.into_parts();
    let draft = draft.unwrap_or_default();
    let rules = default_rules(&bureau, &structure);
    let settings = SolveSettings {
        time_limit_seconds: time_limit,
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
    .map_err(|e| ApiError::new(ErrorCode::Internal, e))?;
    if json {
        println!(
            "{}",
            serde_json::to_string_pretty(&outcome).unwrap_or_default()
        );
    } else {
        println!(
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
            println!(
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
            println!(
                "  {} {}: {} → {}",
                mv.police_number, mv.name, mv.from, mv.to
            );
        }
        for d in &outcome.diagnosis {
            println!("  ✗ {}\n    {}", d.message_zh, d.message_en);
        }
        for v in &outcome.violations {
            println!(
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
}

/// Prints violations; returns whether every hard rule holds.
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
    let (bureau, structure, draft) = file.into_parts();
    let draft = draft.unwrap_or_default();
    let rules = default_rules(&bureau, &structure);
    let violations = check(&bureau, &structure, &rules, &plan.assignment, &draft);
    if json {
        println!(
            "{}",
            serde_json::to_string_pretty(&violations).unwrap_or_default()
        );
    } else if violations.is_empty() {
        println!("every rule holds ({} rules)", rules.len());
    } else {
        for v in &violations {
            println!(
                "{} {}: {} (required {}, actual {}, short by {})",
                if v.hard { "hard" } else { "soft" },
                v.rule_id,
                v.message_en,
                v.required,
                v.actual,
                v.shortfall
            );
        }
    }
    Ok(!violations.iter().any(|v| v.hard))
}
