//! `planner import roster|units|stations|template|units-template|stations-template` and `planner export docx|xlsx|csv`: the roster read from a
//! spreadsheet into a workspace (all or nothing) and a scenario written out as documents,
//! through the same API methods the app uses.

use std::path::{Path, PathBuf};

use bureau_api::{ApiError, ErrorCode, ExportArgs};
use bureau_io::export::Format;
use clap::{Args, Subcommand, ValueEnum};

#[derive(Subcommand)]
pub enum ImportCommand {
    /// Replace the workspace's roster with a CSV (UTF-8 or GBK) or XLSX roster. Nothing changes
    /// when any row has a problem; every problem is printed with its row and column.
    Roster {
        #[arg(value_name = "FILE")]
        file: PathBuf,
        #[arg(long, value_name = "FILE")]
        db: PathBuf,
        /// Only show what would change.
        #[arg(long)]
        dry_run: bool,
    },
    /// Replace the workspace's units and their establishment and posts with a CSV or XLSX
    /// units file (单位编制). Nothing changes when any row has a problem or a unit left out is
    /// still referenced by people or a merge map; every problem is printed.
    Units {
        #[arg(value_name = "FILE")]
        file: PathBuf,
        #[arg(long, value_name = "FILE")]
        db: PathBuf,
        /// Only show what would change.
        #[arg(long)]
        dry_run: bool,
    },
    /// Replace the stations' jurisdiction figures with a CSV or XLSX 派出所辖区情况表. Nothing
    /// changes when any row has a problem; every problem is printed with its row and column.
    Stations {
        #[arg(value_name = "FILE")]
        file: PathBuf,
        #[arg(long, value_name = "FILE")]
        db: PathBuf,
        /// Only show what would change.
        #[arg(long)]
        dry_run: bool,
    },
    /// Write the station figures template (XLSX): the stations with their figures.
    StationsTemplate {
        #[arg(long, value_name = "FILE")]
        db: PathBuf,
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
    /// Write the units template (XLSX): the workspace's units in the units import's columns.
    UnitsTemplate {
        #[arg(long, value_name = "FILE")]
        db: PathBuf,
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
    /// Write the roster template (XLSX, Chinese headers, one example row, the units sheet).
    Template {
        #[arg(long, value_name = "FILE")]
        db: PathBuf,
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
}

#[derive(Clone, Copy, ValueEnum)]
pub enum FormatArg {
    Docx,
    Xlsx,
    Csv,
}

#[derive(Args)]
pub struct ExportCommand {
    #[arg(value_enum)]
    format: FormatArg,
    #[arg(long, value_name = "FILE")]
    db: PathBuf,
    /// Scenario name (or id); without it, the workspace's current scenario.
    #[arg(long, value_name = "NAME")]
    scenario: Option<String>,
    /// Scenarios (names or ids) compared in the document's last table.
    #[arg(long, value_name = "NAME")]
    compare: Vec<String>,
    #[arg(long, value_name = "FILE")]
    out: PathBuf,
}

/// Returns false when the roster or units file was refused (exit code 1).
pub fn import(command: ImportCommand) -> Result<bool, ApiError> {
    match command {
        ImportCommand::Units { file, db, dry_run } => import_units(&file, &db, dry_run),
        ImportCommand::Stations { file, db, dry_run } => import_stations(&file, &db, dry_run),
        ImportCommand::StationsTemplate { db, out } => {
            let api = crate::passphrase::open_api(&db)?;
            let f = api.stations_template_to(&out)?;
            out!("wrote {} ({} bytes)", out.display(), f.size);
            Ok(true)
        }
        ImportCommand::UnitsTemplate { db, out } => {
            let api = crate::passphrase::open_api(&db)?;
            let f = api.units_template_to(&out)?;
            out!("wrote {} ({} bytes)", out.display(), f.size);
            Ok(true)
        }
        ImportCommand::Roster { file, db, dry_run } => {
            let api = crate::passphrase::open_api(&db)?;
            let preview = api.import_preview_file(&file)?;
            for p in &preview.problems {
                err!("{p}");
            }
            if !preview.problems.is_empty() {
                err!(
                    "planner: {} problem(s) in {}; nothing was imported",
                    preview.problems.len(),
                    file.display()
                );
                return Ok(false);
            }
            let dropped: usize = preview
                .dropped_placements
                .iter()
                .map(|d| d.people.len())
                .sum();
            out!(
                "{}: {} rows ({}): {} new, {} updated, {} unchanged, {} leave the roster, {} placements dropped",
                preview.file,
                preview.rows,
                preview
                    .sheet
                    .clone()
                    .or(preview.encoding.clone())
                    .unwrap_or_default(),
                preview.created.len(),
                preview.updated.len(),
                preview.unchanged,
                preview.removed.len(),
                dropped
            );
            if dry_run {
                return Ok(true);
            }
            let started = std::time::Instant::now();
            let done = api.import_roster_file(&file)?;
            out!(
                "imported into {} in {:.2}s ({} new, {} updated, {} removed)",
                db.display(),
                started.elapsed().as_secs_f64(),
                done.created,
                done.updated,
                done.removed
            );
            Ok(true)
        }
        ImportCommand::Template { db, out } => {
            let api = crate::passphrase::open_api(&db)?;
            let f = api.roster_template_to(&out)?;
            out!("wrote {} ({} bytes)", out.display(), f.size);
            Ok(true)
        }
    }
}

fn import_units(file: &Path, db: &Path, dry_run: bool) -> Result<bool, ApiError> {
    let api = crate::passphrase::open_api(db)?;
    let preview = api.units_import_preview_file(file)?;
    for p in &preview.problems {
        err!("{p}");
    }
    for r in &preview.refused {
        err!("{}: {}", preview.file, r.describe());
    }
    let blocking = preview.problems.len() + preview.refused.len();
    if blocking > 0 {
        err!(
            "planner: {blocking} problem(s) in {}; nothing was imported",
            file.display()
        );
        return Ok(false);
    }
    out!(
        "{}: {} rows ({}): {} new, {} updated, {} unchanged, {} removed",
        preview.file,
        preview.rows,
        preview
            .sheet
            .clone()
            .or(preview.encoding.clone())
            .unwrap_or_default(),
        preview.created.len(),
        preview.updated.len(),
        preview.unchanged,
        preview.removed.len(),
    );
    for u in &preview.updated {
        out!("  {} ({}): {}", u.name, u.id, u.changes.join(", "));
    }
    if dry_run {
        return Ok(true);
    }
    let done = api.import_units_file(file)?;
    out!(
        "imported into {} ({} new, {} updated, {} removed)",
        db.display(),
        done.created,
        done.updated,
        done.removed
    );
    Ok(true)
}

fn import_stations(file: &Path, db: &Path, dry_run: bool) -> Result<bool, ApiError> {
    let api = crate::passphrase::open_api(db)?;
    let preview = api.stations_import_preview_file(file)?;
    for p in &preview.problems {
        err!("{p}");
    }
    if !preview.problems.is_empty() {
        err!(
            "planner: {} problem(s) in {}; nothing was imported",
            preview.problems.len(),
            file.display()
        );
        return Ok(false);
    }
    out!(
        "{}: {} rows: figures for {} station(s)",
        preview.file,
        preview.rows,
        preview.stations.len()
    );
    if !preview.missing.is_empty() {
        out!("  without figures: {}", preview.missing.join("、"));
    }
    if dry_run {
        return Ok(true);
    }
    let done = api.import_stations_file(file)?;
    out!(
        "imported into {} ({} station(s))",
        db.display(),
        done.stations
    );
    Ok(true)
}

pub fn export(command: ExportCommand) -> Result<bool, ApiError> {
    let api = crate::passphrase::open_api(&command.db)?;
    let scenarios = api.workspace_info()?.scenarios;
    let resolve = |name: &str| -> Result<i64, ApiError> {
        scenarios
            .iter()
            .find(|s| s.name == name)
            .map(|s| s.id)
            .or_else(|| {
                name.parse()
                    .ok()
                    .filter(|id| scenarios.iter().any(|s| s.id == *id))
            })
            .ok_or_else(|| {
                let names: Vec<&str> = scenarios.iter().map(|s| s.name.as_str()).collect();
                ApiError::new(
                    ErrorCode::NotFound,
                    format!(
                        "no scenario named {name:?}; the workspace has {}",
                        names.join(", ")
                    ),
                )
            })
    };
    let scenario_id = command.scenario.as_deref().map(resolve).transpose()?;
    let compare = command
        .compare
        .iter()
        .map(|n| resolve(n))
        .collect::<Result<Vec<_>, _>>()?;
    let format = match command.format {
        FormatArg::Docx => Format::Docx,
        FormatArg::Xlsx => Format::Xlsx,
        FormatArg::Csv => Format::Csv,
    };
    let f = api.export_document_to(
        &ExportArgs {
            scenario_id,
            compare,
            format,
        },
        &command.out,
    )?;
    out!("wrote {} ({} bytes)", command.out.display(), f.size);
    Ok(true)
}
