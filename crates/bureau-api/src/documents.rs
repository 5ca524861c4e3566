//! Import and export methods: the roster and the units with their establishment read from
//! CSV/XLSX (preview, then an all-or-nothing import), their templates, and a scenario exported as DOCX, XLSX or CSV. Files come
//! either as a `path` (desktop dialogs, the CLI) or as base64 bytes (the browser); exports
//! are written to `path` or returned as base64 for the UI to download.

use std::path::{Path, PathBuf};

use base64::Engine;
use bureau_io::export::{build_report, render, Format, ScenarioInput};
use bureau_io::import::{
    read_roster, read_units, template_xlsx, units_xlsx, ImportContext, PersonLine, Problem,
};
use bureau_storage::{DroppedPlacements, RefusedUnit, UnitLine, Workspace};
use serde::{Deserialize, Serialize};

use crate::{Api, ApiError, ErrorCode};

/// A file given to the API: a path on this machine, or its bytes (base64) and name.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FileArgs {
    #[serde(default)]
    pub path: Option<PathBuf>,
    #[serde(default)]
    pub bytes_base64: Option<String>,
    #[serde(default)]
    pub file_name: Option<String>,
}

/// What importing a roster would do (and every problem that prevents it).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ImportPreview {
    pub file: String,
    pub sheet: Option<String>,
    pub encoding: Option<String>,
    pub rows: usize,
    pub created: Vec<PersonLine>,
    pub updated: Vec<PersonLine>,
    pub unchanged: usize,
    pub removed: Vec<PersonLine>,
    /// Placements (and pins) dropped in each scenario because the person leaves the roster.
    pub dropped_placements: Vec<DroppedPlacements>,
    pub problems: Vec<Problem>,
    /// True when there are no problems: `import_roster` would succeed.
    pub can_import: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ImportResult {
    pub created: usize,
    pub updated: usize,
    pub unchanged: usize,
    pub removed: usize,
    pub dropped_placements: Vec<DroppedPlacements>,
}

/// What importing a units file would do (and every problem or reference that prevents it).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct UnitsImportPreview {
    pub file: String,
    pub sheet: Option<String>,
    pub encoding: Option<String>,
    pub rows: usize,
    pub created: Vec<UnitLine>,
    pub updated: Vec<UnitLine>,
    pub unchanged: usize,
    /// Units absent from the file that nobody references: they are removed.
    pub removed: Vec<UnitLine>,
    /// Units absent from the file that people or merge maps still reference: they block it.
    pub refused: Vec<RefusedUnit>,
    pub problems: Vec<Problem>,
    /// True when there are no problems and nothing is refused: `import_units` would succeed.
    pub can_import: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct UnitsImportResult {
    pub created: usize,
    pub updated: usize,
    pub unchanged: usize,
    pub removed: usize,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExportArgs {
    #[serde(default)]
    pub scenario_id: Option<i64>,
    /// Scenarios compared with the main one in the document's last table.
    #[serde(default)]
    pub compare: Vec<i64>,
    pub format: Format,
    /// Where to write; without it the bytes come back as base64.
    #[serde(default)]
    pub path: Option<PathBuf>,
}

/// A produced file: written to `path`, or returned as `bytes_base64`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct FileOut {
    pub file_name: String,
    pub mime: String,
    pub size: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path: Option<PathBuf>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bytes_base64: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TemplateArgs {
    #[serde(default)]
    pub path: Option<PathBuf>,
}

fn bad(message: impl Into<String>) -> ApiError {
    ApiError::new(ErrorCode::BadRequest, message)
}

/// The file's display name (`default_name` for bytes without one) and bytes.
pub(crate) fn load(args: &FileArgs, default_name: &str) -> Result<(String, Vec<u8>), ApiError> {
    match (&args.path, &args.bytes_base64) {
        (Some(path), None) => {
            let bytes = std::fs::read(path).map_err(|e| match e.kind() {
                std::io::ErrorKind::NotFound => ApiError::new(
                    ErrorCode::NotFound,
                    format!("{}: no such file", path.display()),
                ),
                _ => ApiError::new(ErrorCode::Storage, format!("{}: {e}", path.display())),
            })?;
            let name = args.file_name.clone().unwrap_or_else(|| {
                path.file_name().map_or_else(
                    || path.display().to_string(),
                    |n| n.to_string_lossy().into_owned(),
                )
            });
            Ok((name, bytes))
        }
        (None, Some(b64)) => {
            let bytes = base64::engine::general_purpose::STANDARD
                .decode(b64.trim())
                .map_err(|e| bad(format!("arguments: bytes_base64 is not base64 ({e})")))?;
            Ok((
                args.file_name
                    .clone()
                    .unwrap_or_else(|| default_name.into()),
                bytes,
            ))
        }
        _ => Err(bad("arguments: give exactly one of path and bytes_base64")),
    }
}

fn preview_on(
    ws: &mut Workspace,
    name: &str,
    bytes: &[u8],
) -> Result<(ImportPreview, Vec<bureau_core::Person>), ApiError> {
    let bureau = ws.bureau()?;
    let current = ws.current_scenario_id()?;
    let structure = ws.scenario(current)?.structure;
    let preview = read_roster(
        name,
        bytes,
        &ImportContext {
            old_units: &bureau.old_units,
            new_units: &structure.units,
            as_of: bureau.info.as_of,
            existing: &bureau.people,
        },
    );
    let dropped = if preview.is_ok() {
        ws.roster_import_effects(&preview.people)?
    } else {
        Vec::new()
    };
    let people = preview.people;
    Ok((
        ImportPreview {
            can_import: preview.problems.is_empty(),
            file: preview.file,
            sheet: preview.sheet,
            encoding: preview.encoding,
            rows: preview.rows,
            created: preview.created,
            updated: preview.updated,
            unchanged: preview.unchanged,
            removed: preview.removed,
            dropped_placements: dropped,
            problems: preview.problems,
        },
        people,
    ))
}

fn units_preview_on(
    ws: &mut Workspace,
    name: &str,
    bytes: &[u8],
) -> Result<(UnitsImportPreview, Vec<bureau_core::Unit>), ApiError> {
    let bureau = ws.bureau()?;
    let read = read_units(name, bytes, &bureau.old_units);
    let mut preview = UnitsImportPreview {
        file: read.file,
        sheet: read.sheet,
        encoding: read.encoding,
        rows: read.rows,
        created: Vec::new(),
        updated: Vec::new(),
        unchanged: 0,
        removed: Vec::new(),
        refused: Vec::new(),
        can_import: false,
        problems: read.problems,
    };
    if preview.problems.is_empty() {
        let effects = ws.units_import_effects(&read.units)?;
        preview.can_import = effects.refused.is_empty();
        preview.created = effects.created;
        preview.updated = effects.updated;
        preview.unchanged = effects.unchanged;
        preview.removed = effects.removed;
        preview.refused = effects.refused;
    }
    Ok((preview, read.units))
}

/// `bad_request` listing the first five problems of a file (the preview gives them all).
pub(crate) fn refused(what: &str, problems: &[Problem]) -> ApiError {
    let first: Vec<String> = problems.iter().take(5).map(|p| p.to_string()).collect();
    bad(format!(
        "the {what} has {} problem(s), nothing was imported: {}{}",
        problems.len(),
        first.join("; "),
        if problems.len() > 5 { "; …" } else { "" }
    ))
}

fn write_or_return(
    bytes: Vec<u8>,
    file_name: String,
    format: Format,
    path: Option<PathBuf>,
) -> Result<FileOut, ApiError> {
    let size = bytes.len();
    match path {
        Some(path) => {
            write_atomically(&path, &bytes)?;
            Ok(FileOut {
                file_name,
                mime: format.mime().into(),
                size,
                path: Some(path),
                bytes_base64: None,
            })
        }
        None => Ok(FileOut {
            file_name,
            mime: format.mime().into(),
            size,
            path: None,
            bytes_base64: Some(base64::engine::general_purpose::STANDARD.encode(&bytes)),
        }),
    }
}

/// Writes next to the target and renames, so that a failure never leaves half a document.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), ApiError> {
    let err =
        |e: std::io::Error| ApiError::new(ErrorCode::Storage, format!("{}: {e}", path.display()));
    let mut tmp = path.as_os_str().to_owned();
    tmp.push(".partial");
    let tmp = PathBuf::from(tmp);
    std::fs::write(&tmp, bytes).map_err(err)?;
    std::fs::rename(&tmp, path).map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        err(e)
    })
}

impl Api {
    /// Reads a roster file and says what importing it would do; changes nothing.
    pub fn import_preview(&self, args: FileArgs) -> Result<ImportPreview, ApiError> {
        let (name, bytes) = load(&args, "roster")?;
        let mut ws = self.ws()?;
        Ok(preview_on(&mut ws, &name, &bytes)?.0)
    }

    /// Replaces the roster with the file's people in one transaction. Refused with
    /// `bad_request` (nothing changes) when the file has any problem; the message lists the
    /// first ones (`import_preview` gives them all).
    pub fn import_roster(&self, args: FileArgs) -> Result<ImportResult, ApiError> {
        let (name, bytes) = load(&args, "roster")?;
        let mut ws = self.ws()?;
        let (preview, people) = preview_on(&mut ws, &name, &bytes)?;
        if !preview.problems.is_empty() {
            return Err(refused("roster", &preview.problems));
        }
        let dropped = ws.replace_roster(&people)?;
        Ok(ImportResult {
            created: preview.created.len(),
            updated: preview.updated.len(),
            unchanged: preview.unchanged,
            removed: preview.removed.len(),
            dropped_placements: dropped,
        })
    }

    /// The roster template (XLSX) with the workspace's units listed on a second sheet.
    pub fn roster_template(&self, args: TemplateArgs) -> Result<FileOut, ApiError> {
        let mut ws = self.ws()?;
        let bureau = ws.bureau()?;
        let current = ws.current_scenario_id()?;
        let structure = ws.scenario(current)?.structure;
        drop(ws);
        let bytes = template_xlsx(&bureau.old_units, &structure.units).map_err(|e| {
            ApiError::new(ErrorCode::Internal, format!("writing the template: {e}"))
        })?;
        write_or_return(bytes, "花名册导入模板.xlsx".into(), Format::Xlsx, args.path)
    }

    /// Reads a units file (单位编制) and says what importing it would do; changes nothing.
    pub fn units_import_preview(&self, args: FileArgs) -> Result<UnitsImportPreview, ApiError> {
        let (name, bytes) = load(&args, "units")?;
        let mut ws = self.ws()?;
        Ok(units_preview_on(&mut ws, &name, &bytes)?.0)
    }

    /// Replaces the old units (establishment, posts, names, kinds, tiers, parents) with the
    /// file's in one transaction. Refused with `bad_request` (nothing changes) when the file
    /// has any problem or a unit absent from it is still referenced by people or a merge map.
    pub fn import_units(&self, args: FileArgs) -> Result<UnitsImportResult, ApiError> {
        let (name, bytes) = load(&args, "units")?;
        let mut ws = self.ws()?;
        let (preview, units) = units_preview_on(&mut ws, &name, &bytes)?;
        if !preview.problems.is_empty() {
            return Err(refused("units file", &preview.problems));
        }
        let done = ws.replace_old_units(&units)?;
        Ok(UnitsImportResult {
            created: done.created.len(),
            updated: done.updated.len(),
            unchanged: done.unchanged,
            removed: done.removed.len(),
        })
    }

    /// The units template (XLSX): the workspace's old units in the import's columns.
    pub fn units_template(&self, args: TemplateArgs) -> Result<FileOut, ApiError> {
        let bureau = self.ws()?.bureau()?;
        let bytes = units_xlsx(&bureau.old_units).map_err(|e| {
            ApiError::new(ErrorCode::Internal, format!("writing the template: {e}"))
        })?;
        write_or_return(
            bytes,
            "单位编制导入模板.xlsx".into(),
            Format::Xlsx,
            args.path,
        )
    }

    /// A scenario (default: the current one) as a document, optionally compared with others.
    pub fn export_document(&self, args: ExportArgs) -> Result<FileOut, ApiError> {
        let mut ws = self.ws()?;
        let id = crate::planning::resolve(&mut ws, args.scenario_id)?;
        let bureau = ws.bureau()?;
        let main = ws.scenario(id)?;
        let main_rules = ws.scenario_rules(id)?;
        let mut others = Vec::new();
        for other in args.compare.iter().filter(|o| **o != id) {
            others.push((ws.scenario(*other)?, ws.scenario_rules(*other)?));
        }
        drop(ws);
        let inputs: Vec<ScenarioInput<'_>> = others
            .iter()
            .map(|(s, r)| ScenarioInput {
                scenario: s,
                rules: r,
            })
            .collect();
        let report = build_report(
            &bureau,
            ScenarioInput {
                scenario: &main,
                rules: &main_rules,
            },
            &inputs,
            &today(),
        );
        let bytes =
            render(&report, args.format).map_err(|e| ApiError::new(ErrorCode::Internal, e))?;
        let file_name = format!(
            "{}-{}.{}",
            bureau.info.name,
            main.name,
            args.format.extension()
        );
        write_or_return(bytes, file_name, args.format, args.path)
    }
}

/// Today's date for the document, e.g. 2026年11月23日 (UTC; the host's clock, read here and
/// nowhere in the core).
fn today() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let (y, m, d) = bureau_io::export::civil_date(i64::try_from(secs / 86_400).unwrap_or(0));
    format!("{y}年{m}月{d}日")
}
