//! `planner import roster|units|stations|squads|structure|template|units-template|stations-template|squads-template`
//! and `planner export docx|xlsx|csv|structure`: the roster, the units, the stations' figures or
//! a scenario's new structure read from a spreadsheet into a workspace (all or nothing) and a
//! scenario written out as documents or as its structure sheet, through the same API methods the
//! app uses.

use std::path::{Path, PathBuf};

use bureau_api::{Api, ApiError, ErrorCode, ExportArgs};
use bureau_io::export::Format;
use bureau_io::import::Problem;
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
    /// Replace the traffic squads' figures with a CSV or XLSX 交警中队辖区情况表. Nothing
    /// changes when any row has a problem; every problem is printed with its row and column.
    Squads {
        #[arg(value_name = "FILE")]
        file: PathBuf,
        #[arg(long, value_name = "FILE")]
        db: PathBuf,
        /// Only show what would change.
        #[arg(long)]
        dry_run: bool,
    },
    /// Write the squad figures template (XLSX): the traffic squads with their figures.
    SquadsTemplate {
        #[arg(long, value_name = "FILE")]
        db: PathBuf,
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
    /// Replace a scenario's new structure with a structure sheet (新机构设置表, XLSX). Nothing
    /// changes when any row has a problem; every problem is printed with its row and column.
    Structure {
        #[arg(value_name = "FILE")]
        file: PathBuf,
        #[arg(long, value_name = "FILE")]
        db: PathBuf,
        /// Scenario id; without it, the workspace's current scenario.
        #[arg(long)]
        scenario: Option<i64>,
        /// Only show what would change.
        #[arg(long)]
        dry_run: bool,
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
    /// The scenario's new structure as a structure sheet (新机构设置表, XLSX).
    Structure,
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
    #[command(flatten)]
    paper: PaperArgs,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum PaperKind {
    /// 实施方案 alone.
    Plan,
    /// 请示 with the 实施方案 as its attachment.
    Request,
}

/// The DOCX's document settings, as in the export dialog: a JSON file (`--settings`, any of
/// the fields) and single flags over it; the rest as remembered for the scenario, else the
/// bureau's defaults. Used settings are remembered for the scenario.
#[derive(Args, Default)]
pub struct PaperArgs {
    /// JSON object with any document-settings fields (see docs/api.md, DocumentSettings).
    #[arg(long, value_name = "FILE")]
    settings: Option<PathBuf>,
    /// Which paper.
    #[arg(long, value_enum)]
    document: Option<PaperKind>,
    /// 稿别: none, for_review (送审稿), for_comment (征求意见稿), for_deliberation (审议稿).
    #[arg(long, value_name = "MARK")]
    draft_mark: Option<String>,
    /// 发文机关.
    #[arg(long)]
    issuer: Option<String>,
    /// 发文字号, e.g. 某公〔2026〕12号.
    #[arg(long, value_name = "文号")]
    number: Option<String>,
    /// 签发人.
    #[arg(long)]
    signer: Option<String>,
    /// 密级: none, internal (内部), secret (秘密), confidential (机密).
    #[arg(long, value_name = "LEVEL")]
    classification: Option<String>,
    /// 保密期限, e.g. 1年.
    #[arg(long)]
    secrecy_period: Option<String>,
    /// 份号 (six digits).
    #[arg(long)]
    copy_number: Option<String>,
    /// 紧急程度: none, urgent (加急), very_urgent (特急).
    #[arg(long)]
    urgency: Option<String>,
    /// 主送机关.
    #[arg(long)]
    addressee: Option<String>,
    /// 抄送机关.
    #[arg(long)]
    copied_to: Option<String>,
    /// 印发机关.
    #[arg(long)]
    printed_by: Option<String>,
    /// 印发日期, YYYY-MM-DD.
    #[arg(long, value_name = "DATE")]
    printed_on: Option<String>,
    /// 署名.
    #[arg(long)]
    signature: Option<String>,
    /// 成文日期, YYYY-MM-DD.
    #[arg(long, value_name = "DATE")]
    written_on: Option<String>,
    /// 联系人 (a 请示's 附注).
    #[arg(long)]
    contact: Option<String>,
    /// 电话 (a 请示's 附注).
    #[arg(long)]
    phone: Option<String>,
    /// 写入文稿: print the scenario's notes under 改革背景.
    #[arg(long)]
    notes_in_document: bool,
}

fn bad_arg(message: String) -> ApiError {
    ApiError::new(ErrorCode::BadRequest, message)
}

/// YYYY-MM-DD as the settings' date object.
fn date_arg(flag: &str, text: &str) -> Result<serde_json::Value, ApiError> {
    let parts: Vec<&str> = text.trim().split('-').collect();
    let nums: Option<Vec<u16>> = parts.iter().map(|p| p.parse().ok()).collect();
    match nums.as_deref() {
        Some([y, m, d]) => Ok(serde_json::json!({"year": y, "month": m, "day": d})),
        _ => Err(bad_arg(format!(
            "--{flag}: expected a date as YYYY-MM-DD, got {text:?} / 日期格式应为 YYYY-MM-DD"
        ))),
    }
}

/// The settings the flags ask for over `base` (the scenario's remembered ones or defaults).
fn paper_settings(
    paper: &PaperArgs,
    base: &bureau_io::export::DocumentSettings,
) -> Result<Option<bureau_io::export::DocumentSettings>, ApiError> {
    use serde_json::{json, Value};
    let mut value = serde_json::to_value(base)
        .map_err(|e| ApiError::new(ErrorCode::Internal, e.to_string()))?;
    let mut changed = false;
    let mut set = |key: &str, v: Value| {
        if let Some(obj) = value.as_object_mut() {
            obj.insert(key.to_owned(), v);
        }
        changed = true;
    };
    if let Some(path) = &paper.settings {
        let text = std::fs::read_to_string(path)
            .map_err(|e| ApiError::new(ErrorCode::NotFound, format!("{}: {e}", path.display())))?;
        let given: Value = serde_json::from_str(&text).map_err(|e| {
            bad_arg(format!(
                "{}: not JSON ({e}) / 不是有效的 JSON",
                path.display()
            ))
        })?;
        let Value::Object(fields) = given else {
            return Err(bad_arg(format!(
                "{}: expected a JSON object of document settings / 应为文稿设置的 JSON 对象",
                path.display()
            )));
        };
        for (k, v) in fields {
            set(&k, v);
        }
    }
    if let Some(kind) = paper.document {
        let kind = match kind {
            PaperKind::Plan => "plan",
            PaperKind::Request => "request_with_plan",
        };
        set("kind", json!(kind));
    }
    let texts = [
        ("draft_mark", &paper.draft_mark),
        ("issuer", &paper.issuer),
        ("document_number", &paper.number),
        ("signer", &paper.signer),
        ("classification", &paper.classification),
        ("secrecy_period", &paper.secrecy_period),
        ("copy_number", &paper.copy_number),
        ("urgency", &paper.urgency),
        ("addressee", &paper.addressee),
        ("copied_to", &paper.copied_to),
        ("printed_by", &paper.printed_by),
        ("signature", &paper.signature),
        ("contact", &paper.contact),
        ("phone", &paper.phone),
    ];
    for (key, v) in texts {
        if let Some(v) = v {
            set(key, json!(v));
        }
    }
    if let Some(d) = &paper.printed_on {
        set("printed_on", date_arg("printed-on", d)?);
    }
    if let Some(d) = &paper.written_on {
        set("written_on", date_arg("written-on", d)?);
    }
    if paper.notes_in_document {
        set("notes_in_document", json!(true));
    }
    if !changed {
        return Ok(None);
    }
    let settings = serde_json::from_value(value)
        .map_err(|e| bad_arg(format!("document settings: {e} / 文稿设置有误")))?;
    Ok(Some(settings))
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
        ImportCommand::Squads { file, db, dry_run } => import_squads(&file, &db, dry_run),
        ImportCommand::SquadsTemplate { db, out } => {
            let api = crate::passphrase::open_api(&db)?;
            let f = api.squads_template_to(&out)?;
            out!("wrote {} ({} bytes)", out.display(), f.size);
            Ok(true)
        }
        ImportCommand::Structure {
            file,
            db,
            scenario,
            dry_run,
        } => import_structure(&file, &db, scenario, dry_run),
        ImportCommand::UnitsTemplate { db, out } => {
            let api = crate::passphrase::open_api(&db)?;
            let f = api.units_template_to(&out)?;
            out!("wrote {} ({} bytes)", out.display(), f.size);
            Ok(true)
        }
        ImportCommand::Roster { file, db, dry_run } => {
            let api = crate::passphrase::open_api(&db)?;
            let preview = api.import_preview_file(&file)?;
            if refused(&file, &preview.read.problems, &[]) {
                return Ok(false);
            }
            let dropped: usize = preview
                .dropped_placements
                .iter()
                .map(|d| d.people.len())
                .sum();
            let read = &preview.read;
            out!(
                "{}: {} new, {} updated, {} unchanged, {} leave the roster, {} placements dropped",
                file_read(&read.file, read.rows, &read.sheet, &read.encoding),
                preview.read.created.len(),
                preview.read.updated.len(),
                preview.read.unchanged,
                preview.read.removed.len(),
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

/// `file: N rows (sheet or encoding)`: how a file was read, ahead of what importing it does.
fn file_read(file: &str, rows: usize, sheet: &Option<String>, encoding: &Option<String>) -> String {
    let how = sheet.as_deref().or(encoding.as_deref()).unwrap_or_default();
    format!("{file}: {rows} rows ({how})")
}

/// Prints a file's problems, then the other reasons it cannot be imported; true (and a closing
/// line saying nothing was imported) when there is any.
fn refused(file: &Path, problems: &[Problem], others: &[String]) -> bool {
    for p in problems {
        err!("{p}");
    }
    for why in others {
        err!("{why}");
    }
    let blocking = problems.len() + others.len();
    if blocking > 0 {
        err!(
            "planner: {blocking} problem(s) in {}; nothing was imported",
            file.display()
        );
    }
    blocking > 0
}

fn import_units(file: &Path, db: &Path, dry_run: bool) -> Result<bool, ApiError> {
    let api = crate::passphrase::open_api(db)?;
    let preview = api.units_import_preview_file(file)?;
    let references: Vec<String> = preview
        .effects
        .refused
        .iter()
        .map(|r| format!("{}: {}", preview.read.file, r.describe()))
        .collect();
    if refused(file, &preview.read.problems, &references) {
        return Ok(false);
    }
    let read = &preview.read;
    out!(
        "{}: {} new, {} updated, {} unchanged, {} removed",
        file_read(&read.file, read.rows, &read.sheet, &read.encoding),
        preview.effects.created.len(),
        preview.effects.updated.len(),
        preview.effects.unchanged,
        preview.effects.removed.len(),
    );
    for u in &preview.effects.updated {
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
    import_figures(
        file,
        db,
        dry_run,
        "station",
        |api| {
            let p = api.stations_import_preview_file(file)?;
            Ok(FiguresRead {
                count: p.stations.len(),
                file: p.read.file,
                rows: p.read.rows,
                missing: p.read.missing,
                problems: p.read.problems,
            })
        },
        |api| Ok(api.import_stations_file(file)?.stations),
    )
}

fn import_squads(file: &Path, db: &Path, dry_run: bool) -> Result<bool, ApiError> {
    import_figures(
        file,
        db,
        dry_run,
        "traffic squad",
        |api| {
            let p = api.squads_import_preview_file(file)?;
            Ok(FiguresRead {
                count: p.squads.len(),
                file: p.read.file,
                rows: p.read.rows,
                missing: p.read.missing,
                problems: p.read.problems,
            })
        },
        |api| Ok(api.import_squads_file(file)?.squads),
    )
}

/// What a figures file's preview says, whichever units' figures it holds.
struct FiguresRead {
    file: String,
    rows: usize,
    count: usize,
    missing: Vec<String>,
    problems: Vec<Problem>,
}

/// The stations' and the squads' figures imports: one report, one refusal, one dry run.
fn import_figures(
    file: &Path,
    db: &Path,
    dry_run: bool,
    units: &str,
    preview: impl FnOnce(&Api) -> Result<FiguresRead, ApiError>,
    import: impl FnOnce(&Api) -> Result<usize, ApiError>,
) -> Result<bool, ApiError> {
    let api = crate::passphrase::open_api(db)?;
    let preview = preview(&api)?;
    if refused(file, &preview.problems, &[]) {
        return Ok(false);
    }
    out!(
        "{}: {} rows: figures for {} {units}(s)",
        preview.file,
        preview.rows,
        preview.count
    );
    if !preview.missing.is_empty() {
        out!("  without figures: {}", preview.missing.join("、"));
    }
    if dry_run {
        return Ok(true);
    }
    let done = import(&api)?;
    out!("imported into {} ({done} {units}(s))", db.display());
    Ok(true)
}

fn import_structure(
    file: &Path,
    db: &Path,
    scenario: Option<i64>,
    dry_run: bool,
) -> Result<bool, ApiError> {
    let api = crate::passphrase::open_api(db)?;
    let preview = api.structure_import_preview_file(scenario, file)?;
    if refused(file, &preview.problems, &[]) {
        return Ok(false);
    }
    out!(
        "{}: {} rows: structure {}, {} units ({} new, {} removed), {} people return to their old unit",
        preview.file,
        preview.rows,
        preview.name,
        preview.units,
        preview.added.len(),
        preview.removed.len(),
        preview.unplaced
    );
    if dry_run {
        return Ok(true);
    }
    let done = api.import_structure_file(scenario, file)?;
    out!(
        "imported into {} ({} units, {} people unplaced)",
        db.display(),
        done.view.structure.units.len(),
        done.unplaced.len()
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
        FormatArg::Structure => {
            let f = api.structure_sheet_to(scenario_id, &command.out)?;
            out!("wrote {} ({} bytes)", command.out.display(), f.size);
            return Ok(true);
        }
        FormatArg::Docx => Format::Docx,
        FormatArg::Xlsx => Format::Xlsx,
        FormatArg::Csv => Format::Csv,
    };
    let settings = match format {
        Format::Docx => {
            let base = api
                .document_settings(bureau_api::ScenarioRef { scenario_id })?
                .settings;
            paper_settings(&command.paper, &base)?
        }
        _ => None,
    };
    let f = api.export_document_to(
        &ExportArgs {
            scenario_id,
            compare,
            format,
            settings,
        },
        &command.out,
    )?;
    out!("wrote {} ({} bytes)", command.out.display(), f.size);
    Ok(true)
}
