//! `planner import roster|units|stations|squads|structure|template|units-template|stations-template|squads-template`
//! and `planner export docx|xlsx|csv|structure`: the roster, the units, the stations' figures or
//! a scenario's new structure read from a spreadsheet into a workspace (all or nothing) and a
//! scenario written out as documents or as its structure sheet, through the same API methods the
//! app uses.

use std::path::{Path, PathBuf};

use bureau_api::{Api, ApiError, ErrorCode, ExportArgs, FileWritten};
use bureau_io::export::Format;
use bureau_io::import::Problem;
use clap::{Args, Subcommand, ValueEnum};

#[derive(Subcommand)]
pub enum ImportCommand {
    /// Replace the workspace's roster with a CSV (UTF-8 or GBK) or XLSX roster. Nothing changes
    /// when any row has a problem; every problem is printed with its row and column.
    Roster(ImportFile),
    /// Replace the workspace's units and their establishment and posts with a CSV or XLSX
    /// units file (单位编制). Nothing changes when any row has a problem or a unit left out is
    /// still referenced by people or a merge map; every problem is printed.
    Units(ImportFile),
    /// Replace the stations' jurisdiction figures with a CSV or XLSX 派出所辖区情况表. Nothing
    /// changes when any row has a problem; every problem is printed with its row and column.
    Stations(ImportFile),
    /// Write the station figures template (XLSX): the stations with their figures.
    StationsTemplate(TemplateFile),
    /// Replace the traffic squads' figures with a CSV or XLSX 交警中队辖区情况表. Nothing
    /// changes when any row has a problem; every problem is printed with its row and column.
    Squads(ImportFile),
    /// Write the squad figures template (XLSX): the traffic squads with their figures.
    SquadsTemplate(TemplateFile),
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
    UnitsTemplate(TemplateFile),
    /// Write the roster template (XLSX, Chinese headers, one example row, the units sheet).
    Template(TemplateFile),
}

// No doc comments on the two argument sets: clap would read them as the subcommands' help.
#[derive(Args)]
pub struct ImportFile {
    #[arg(value_name = "FILE")]
    file: PathBuf,
    #[arg(long, value_name = "FILE")]
    db: PathBuf,
    /// Only show what would change.
    #[arg(long)]
    dry_run: bool,
}

#[derive(Args)]
pub struct TemplateFile {
    #[arg(long, value_name = "FILE")]
    db: PathBuf,
    #[arg(long, value_name = "FILE")]
    out: PathBuf,
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
        ImportCommand::Roster(a) => import_roster(&a),
        ImportCommand::Units(a) => import_units(&a),
        ImportCommand::Stations(a) => import_stations(&a),
        ImportCommand::Squads(a) => import_squads(&a),
        ImportCommand::Structure {
            file,
            db,
            scenario,
            dry_run,
        } => import_structure(&ImportFile { file, db, dry_run }, scenario),
        ImportCommand::Template(t) => write_template(&t, Api::roster_template_to),
        ImportCommand::UnitsTemplate(t) => write_template(&t, Api::units_template_to),
        ImportCommand::StationsTemplate(t) => write_template(&t, Api::stations_template_to),
        ImportCommand::SquadsTemplate(t) => write_template(&t, Api::squads_template_to),
    }
}

/// A template written from the workspace, and its size said.
fn write_template(
    to: &TemplateFile,
    write: impl FnOnce(&Api, &Path) -> Result<FileWritten, ApiError>,
) -> Result<bool, ApiError> {
    let api = crate::passphrase::open_api(&to.db)?;
    let f = write(&api, &to.out)?;
    out!("wrote {} ({} bytes)", to.out.display(), f.size);
    Ok(true)
}

/// `file: N rows (sheet or encoding)`: how a file was read, ahead of what importing it does.
fn file_read(file: &str, rows: usize, sheet: &Option<String>, encoding: &Option<String>) -> String {
    let how = sheet.as_deref().or(encoding.as_deref()).unwrap_or_default();
    format!("{file}: {rows} rows ({how})")
}

/// `N new, N updated, N unchanged`: what a file does to the rows a workspace holds today.
fn changes(created: usize, updated: usize, unchanged: usize) -> String {
    format!("{created} new, {updated} updated, {unchanged} unchanged")
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

/// What an import's preview says, whatever the file holds: the problems in the file and the
/// other reasons it cannot be imported, else the lines saying what importing it does.
struct ImportPreview {
    problems: Vec<Problem>,
    others: Vec<String>,
    report: Vec<String>,
}

impl ImportPreview {
    fn new(problems: Vec<Problem>, report: Vec<String>) -> Self {
        Self {
            problems,
            others: Vec::new(),
            report,
        }
    }
}

/// Every import: the preview's refusal or report, the dry run's stop, then the import and
/// what it did (`import` gives the words after `imported into DB`).
fn run_import(
    a: &ImportFile,
    preview: impl FnOnce(&Api) -> Result<ImportPreview, ApiError>,
    import: impl FnOnce(&Api) -> Result<String, ApiError>,
) -> Result<bool, ApiError> {
    let api = crate::passphrase::open_api(&a.db)?;
    let preview = preview(&api)?;
    if refused(&a.file, &preview.problems, &preview.others) {
        return Ok(false);
    }
    for line in &preview.report {
        out!("{line}");
    }
    if a.dry_run {
        return Ok(true);
    }
    let done = import(&api)?;
    out!("imported into {}{done}", a.db.display());
    Ok(true)
}

fn import_roster(a: &ImportFile) -> Result<bool, ApiError> {
    run_import(
        a,
        |api| {
            let preview = api.import_preview_file(&a.file)?;
            let dropped: usize = preview
                .dropped_placements
                .iter()
                .map(|d| d.people.len())
                .sum();
            let read = preview.read;
            let summary = format!(
                "{}: {}, {} leave the roster, {} placements dropped",
                file_read(&read.file, read.rows, &read.sheet, &read.encoding),
                changes(read.created.len(), read.updated.len(), read.unchanged),
                read.removed.len(),
                dropped
            );
            Ok(ImportPreview::new(read.problems, vec![summary]))
        },
        |api| {
            let started = std::time::Instant::now();
            let done = api.import_roster_file(&a.file)?;
            Ok(format!(
                " in {:.2}s ({} new, {} updated, {} removed)",
                started.elapsed().as_secs_f64(),
                done.created,
                done.updated,
                done.removed
            ))
        },
    )
}

fn import_units(a: &ImportFile) -> Result<bool, ApiError> {
    run_import(
        a,
        |api| {
            let preview = api.units_import_preview_file(&a.file)?;
            let (read, effects) = (preview.read, preview.effects);
            let others = effects
                .refused
                .iter()
                .map(|r| format!("{}: {}", read.file, r.describe()))
                .collect();
            let mut report = vec![format!(
                "{}: {}, {} removed",
                file_read(&read.file, read.rows, &read.sheet, &read.encoding),
                changes(
                    effects.created.len(),
                    effects.updated.len(),
                    effects.unchanged
                ),
                effects.removed.len(),
            )];
            for u in &effects.updated {
                report.push(format!("  {} ({}): {}", u.name, u.id, u.changes.join(", ")));
            }
            Ok(ImportPreview {
                others,
                ..ImportPreview::new(read.problems, report)
            })
        },
        |api| {
            let done = api.import_units_file(&a.file)?;
            Ok(format!(
                " ({} new, {} updated, {} removed)",
                done.created, done.updated, done.removed
            ))
        },
    )
}

fn import_stations(a: &ImportFile) -> Result<bool, ApiError> {
    import_figures(
        a,
        "station",
        |api| {
            let p = api.stations_import_preview_file(&a.file)?;
            Ok(FiguresRead {
                count: p.stations.len(),
                file: p.read.file,
                rows: p.read.rows,
                missing: p.read.missing,
                problems: p.read.problems,
            })
        },
        |api| Ok(api.import_stations_file(&a.file)?.stations),
    )
}

fn import_squads(a: &ImportFile) -> Result<bool, ApiError> {
    import_figures(
        a,
        "traffic squad",
        |api| {
            let p = api.squads_import_preview_file(&a.file)?;
            Ok(FiguresRead {
                count: p.squads.len(),
                file: p.read.file,
                rows: p.read.rows,
                missing: p.read.missing,
                problems: p.read.problems,
            })
        },
        |api| Ok(api.import_squads_file(&a.file)?.squads),
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

/// The stations' and the squads' figures imports: one report for both.
fn import_figures(
    a: &ImportFile,
    units: &str,
    preview: impl FnOnce(&Api) -> Result<FiguresRead, ApiError>,
    import: impl FnOnce(&Api) -> Result<usize, ApiError>,
) -> Result<bool, ApiError> {
    run_import(
        a,
        |api| {
            let read = preview(api)?;
            let mut report = vec![format!(
                "{}: {} rows: figures for {} {units}(s)",
                read.file, read.rows, read.count
            )];
            if !read.missing.is_empty() {
                report.push(format!("  without figures: {}", read.missing.join("、")));
            }
            Ok(ImportPreview::new(read.problems, report))
        },
        |api| Ok(format!(" ({} {units}(s))", import(api)?)),
    )
}

fn import_structure(a: &ImportFile, scenario: Option<i64>) -> Result<bool, ApiError> {
    run_import(
        a,
        |api| {
            let read = api.structure_import_preview_file(scenario, &a.file)?;
            let summary = format!(
                "{}: {} rows: structure {}, {} units ({} new, {} removed), {} people return to their old unit",
                read.file,
                read.rows,
                read.name,
                read.units,
                read.added.len(),
                read.removed.len(),
                read.unplaced
            );
            Ok(ImportPreview::new(read.problems, vec![summary]))
        },
        |api| {
            let done = api.import_structure_file(scenario, &a.file)?;
            Ok(format!(
                " ({} units, {} people unplaced)",
                done.view.structure.units.len(),
                done.unplaced.len()
            ))
        },
    )
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
