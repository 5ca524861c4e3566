//! `planner`: the command-line host of Bureau Planner.
//!
//! Subcommands are thin: they parse arguments, call `bureau-api` (or the core directly for
//! file-to-file work) and print. Exit code 0 on success, 1 on a refused input, 2 on usage errors
//! (and on a plan `check` cannot read against its bureau).
#![forbid(unsafe_code)]

/// `println!` for output that may go into a pipe: when the reader has gone (`planner … | head`),
/// stop quietly instead of panicking. Control characters are shown as escapes
/// (`terminal::printable`).
macro_rules! out {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let line = format!($($arg)*);
        if writeln!(std::io::stdout(), "{}", $crate::terminal::printable(&line)).is_err() {
            std::process::exit(0);
        }
    }};
}

/// `eprintln!` with control characters shown as escapes (`terminal::printable`).
macro_rules! err {
    ($($arg:tt)*) => {{
        let line = format!($($arg)*);
        eprintln!("{}", $crate::terminal::printable(&line));
    }};
}

mod data_dir;
mod init_command;
mod io_commands;
mod passphrase;
mod plan_commands;
mod serve;
mod terminal;

use std::path::PathBuf;
use std::process::ExitCode;

use bureau_api::{ActivityLog, Api, ApiError, ErrorCode, ScenarioRef};
use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(
    name = "planner",
    version,
    about = "Bureau Planner: plan a police bureau's reorganisation"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Create a workspace: from a bureau file (one scenario with the file's structure and
    /// draft), or from the bureau's own units and roster files with a structure template.
    Init(init_command::InitArgs),
    /// Serve the API and the built UI on 127.0.0.1 (the same UI as the desktop app).
    Serve {
        /// Workspace file; without it, the default workspace. A file that does not exist yet is
        /// created from the county sample in the UI (which asks whether to encrypt it); an
        /// encrypted one is unlocked in the UI, or with PLANNER_PASSPHRASE.
        #[arg(long, value_name = "FILE")]
        db: Option<PathBuf>,
        /// 0 picks a free port.
        #[arg(long, default_value_t = 8787)]
        port: u16,
        /// The built UI (ui/dist).
        #[arg(long, value_name = "DIR")]
        ui_dir: Option<PathBuf>,
        /// Where the activity log goes (method names and outcomes only; no personal data).
        /// Default: the app's data folder.
        #[arg(long, value_name = "DIR")]
        log_dir: Option<PathBuf>,
    },
    /// Write a generated sample bureau file (county, city).
    Fixture {
        name: String,
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
    /// Print a scenario's metrics as JSON.
    Metrics {
        #[arg(long, value_name = "FILE")]
        db: PathBuf,
        #[arg(long)]
        scenario: Option<i64>,
    },
    /// Find the plan meeting every hard rule with the fewest weighted moves (default rules).
    Solve {
        #[arg(value_name = "BUREAU.json")]
        bureau: PathBuf,
        #[arg(long, value_enum, default_value_t = ModeArg::Plan)]
        mode: ModeArg,
        /// Seconds before the solver stops with its best plan so far.
        #[arg(long, default_value_t = 60.0)]
        time_limit: f64,
        /// Solve weights over the file's (or the defaults): move, cadre_move, transfer, wish,
        /// senior, establishment, community_role, e.g. `--weights move=1,transfer=2.5`.
        #[arg(long, value_name = "NAME=VALUE,…")]
        weights: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Check a plan against every rule; exits 1 when a hard rule fails.
    Check {
        #[arg(value_name = "BUREAU.json")]
        bureau: PathBuf,
        #[arg(value_name = "PLAN.json")]
        plan: PathBuf,
        #[arg(long)]
        json: bool,
    },
    /// The minimal moves as one rule's parameter is tightened step by step (e.g. the station
    /// share from 0.40 to 0.60), up to the first step no plan can meet.
    Tradeoff {
        #[arg(value_name = "BUREAU.json")]
        bureau: PathBuf,
        /// The rule whose parameter is swept, e.g. station_share.
        #[arg(long, default_value = "station_share")]
        rule: String,
        #[arg(long)]
        from: f64,
        #[arg(long)]
        to: f64,
        #[arg(long)]
        step: f64,
        #[arg(long, default_value_t = 60.0)]
        time_limit: f64,
        #[arg(long)]
        json: bool,
    },
    /// The workspace's audit trail.
    Audit {
        #[command(subcommand)]
        action: AuditAction,
    },
    /// Runs one background job: a work order on stdin, JSON lines on stdout (used by `serve`).
    #[command(hide = true)]
    Worker,
    /// Write a scenario back out as a bureau file.
    ExportBureau {
        #[arg(long, value_name = "FILE")]
        db: PathBuf,
        #[arg(long)]
        scenario: Option<i64>,
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
    /// Import a roster, the units, the station or squad figures (CSV or XLSX) or a structure sheet into
    /// a workspace, or write the templates.
    Import {
        #[command(subcommand)]
        what: io_commands::ImportCommand,
    },
    /// Export a scenario as a document: docx (GB/T 9704 style), xlsx or csv; or its new
    /// structure as a structure sheet (structure).
    Export(Box<io_commands::ExportCommand>),
}

#[derive(Subcommand)]
enum AuditAction {
    /// Re-computes the hash chain; exits 1 when any row was changed, inserted or removed.
    Verify {
        #[arg(long, value_name = "FILE")]
        db: PathBuf,
    },
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum ModeArg {
    Plan,
    Repair,
}

/// A refused plan (infeasible, or a hard rule failing) exits 1 without being an error.
struct Refused;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli.command) {
        Ok(Ok(())) => ExitCode::SUCCESS,
        Ok(Err(Refused)) => ExitCode::from(1),
        Err(e) => {
            err!("planner: {} ({})", e.message, code_name(e.code));
            ExitCode::from(1)
        }
    }
}

/// A `bad_request` from `solve` or `check` (weights out of bounds, a plan that cannot be read
/// against the bureau) is a usage error, not a plan that fails its rules: exit 2, as for bad
/// arguments.
fn usage_error_exits<T>(result: Result<T, ApiError>) -> Result<T, ApiError> {
    match result {
        Err(e) if e.code == ErrorCode::BadRequest => {
            err!("planner: {} ({})", e.message, code_name(e.code));
            std::process::exit(2)
        }
        other => other,
    }
}

fn code_name(code: ErrorCode) -> String {
    serde_json::to_value(code)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

fn io_error(path: &std::path::Path, e: std::io::Error) -> ApiError {
    ApiError::new(ErrorCode::Storage, format!("{}: {e}", path.display()))
}

fn run(command: Command) -> Result<Result<(), Refused>, ApiError> {
    let verdict = |ok: bool| if ok { Ok(()) } else { Err(Refused) };
    match command {
        Command::Solve {
            bureau,
            mode,
            time_limit,
            weights,
            json,
        } => {
            let mode = match mode {
                ModeArg::Plan => bureau_core::optimiser::Mode::Plan,
                ModeArg::Repair => bureau_core::optimiser::Mode::Repair,
            };
            let settings = plan_commands::SolveOptions {
                mode,
                time_limit,
                weights: weights.as_deref(),
                json,
            };
            usage_error_exits(plan_commands::solve_command(&bureau, &settings)).map(verdict)
        }
        Command::Tradeoff {
            bureau,
            rule,
            from,
            to,
            step,
            time_limit,
            json,
        } => plan_commands::tradeoff_command(
            &bureau,
            &plan_commands::SweepArgs {
                rule_id: &rule,
                from,
                to,
                step,
                time_limit,
                json,
            },
        )
        .map(verdict),
        Command::Audit {
            action: AuditAction::Verify { db },
        } => {
            let report = passphrase::open_api(&db)?.audit_verify()?;
            if report.intact {
                out!("audit trail intact: {} rows", report.rows);
            } else {
                out!(
                    "audit trail BROKEN at row {}: {}",
                    report.first_bad_row.unwrap_or(0),
                    report.problem.as_deref().unwrap_or("")
                );
            }
            Ok(verdict(report.intact))
        }
        Command::Worker => match bureau_api::run_worker() {
            0 => Ok(Ok(())),
            _ => Ok(Err(Refused)),
        },
        Command::Check { bureau, plan, json } => {
            usage_error_exits(plan_commands::check_command(&bureau, &plan, json)).map(verdict)
        }
        Command::Init(args) => init_command::init(args).map(Ok),
        Command::Serve {
            db,
            port,
            ui_dir,
            log_dir,
        } => {
            let path = db.unwrap_or_else(data_dir::default_workspace);
            let api = Api::start(&path, passphrase::from_env().as_deref())?;
            let log_dir = log_dir.unwrap_or_else(data_dir::default_log_dir);
            match ActivityLog::open(&log_dir) {
                Ok(log) => {
                    log.event(concat!(
                        "start host=serve version=",
                        env!("CARGO_PKG_VERSION")
                    ));
                    api.set_log(log);
                }
                Err(e) => err!(
                    "planner: warning: no activity log in {}: {e}",
                    log_dir.display()
                ),
            }
            if let Ok(exe) = std::env::current_exe() {
                api.set_worker(exe, vec!["worker".into()]);
            }
            let ui_dir = ui_dir.unwrap_or_else(data_dir::default_ui_dir);
            serve::run(api, port, ui_dir).map(Ok)
        }
        Command::Fixture { name, out } => {
            let file = bureau_samples::by_name(&name).ok_or_else(|| {
                ApiError::new(
                    ErrorCode::BadRequest,
                    format!("no sample named {name:?}; try county or city"),
                )
            })?;
            std::fs::write(&out, file.to_json_pretty()).map_err(|e| io_error(&out, e))?;
            out!("wrote {}", out.display());
            Ok(Ok(()))
        }
        Command::Metrics { db, scenario } => {
            let api = passphrase::open_api(&db)?;
            let metrics = api.metrics(ScenarioRef {
                scenario_id: scenario,
            })?;
            out!(
                "{}",
                serde_json::to_string_pretty(&metrics).unwrap_or_default()
            );
            Ok(Ok(()))
        }
        Command::ExportBureau { db, scenario, out } => {
            let written = passphrase::open_api(&db)?.export_bureau_file_to(scenario, &out)?;
            out!("wrote {}", written.path.display());
            Ok(Ok(()))
        }
        Command::Import { what } => io_commands::import(what).map(verdict),
        Command::Export(args) => io_commands::export(*args).map(verdict),
    }
}
