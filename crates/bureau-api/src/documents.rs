//! Import and export methods: the roster and the units with their establishment read from
//! CSV/XLSX (preview, then an all-or-nothing import), their templates, and a scenario exported
//! as DOCX, XLSX or CSV. The methods here are the ones callers reach by name: files come in as
//! base64 bytes and go out as base64 bytes, and no request type has a path field, so a page
//! cannot name a file on disk. The typed calls with paths (the CLI) are in `local_files.rs`.

use std::path::{Path, PathBuf};
use ts_rs::TS;

use base64::Engine;
use bureau_io::export::{
    build_report, document, render_plan, write_document_with_text, DocumentSettings, Format,
    ScenarioInput,
};
use bureau_io::import::{
    read_roster, read_units, template_xlsx, units_xlsx, ImportContext, Problem, RosterPreview,
    UnitsRead,
};
use bureau_storage::{DroppedPlacements, UnitsImportEffects, Workspace};
use serde::{Deserialize, Serialize};

use crate::document_settings::{remember, settings_view, today};
use crate::{Api, ApiError, ErrorCode};

/// Largest file accepted for import, decoded: far above any bureau's roster, small enough that
/// a stray upload cannot exhaust memory.
pub const MAX_UPLOAD_BYTES: usize = 32 * 1024 * 1024;

/// A file sent to the API: its bytes (base64) and its name. There is deliberately no path:
/// callers by name must not be able to make the host read a file.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(optional_fields = nullable)]
pub struct FileArgs {
    pub bytes_base64: String,
    #[serde(default)]
    pub file_name: Option<String>,
}

/// What importing a roster would do (and every problem that prevents it): the file as the io
/// crate read it, and what the workspace would lose.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct ImportPreview {
    #[serde(flatten)]
    pub read: RosterPreview,
    /// Placements (and pins) dropped in each scenario because the person leaves the roster.
    pub dropped_placements: Vec<DroppedPlacements>,
    /// True when there are no problems: `import_roster` would succeed.
    pub can_import: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct ImportResult {
    pub created: usize,
    pub updated: usize,
    pub unchanged: usize,
    pub removed: usize,
    pub dropped_placements: Vec<DroppedPlacements>,
}

/// What importing a units file would do (and every problem or reference that prevents it): the
/// file as the io crate read it, and what replacing the units would create, update, remove
/// and refuse (empty while the file has problems).
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct UnitsImportPreview {
    #[serde(flatten)]
    pub read: UnitsRead,
    #[serde(flatten)]
    pub effects: UnitsImportEffects,
    /// True when there are no problems and nothing is refused: `import_units` would succeed.
    pub can_import: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct UnitsImportResult {
    pub created: usize,
    pub updated: usize,
    pub unchanged: usize,
    pub removed: usize,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(optional_fields = nullable)]
pub struct ExportArgs {
    #[serde(default)]
    pub scenario_id: Option<i64>,
    /// Scenarios compared with the main one in the document's last table.
    #[serde(default)]
    #[ts(as = "Option<_>", optional)]
    pub compare: Vec<i64>,
    pub format: Format,
    /// The DOCX's settings (which paper, 文号, 密级 …): validated, used and remembered for the
    /// scenario. Absent: the scenario's remembered settings, else the bureau's defaults.
    #[serde(default)]
    pub settings: Option<DocumentSettings>,
}

/// A produced file, returned as bytes for the caller to save.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct FileOut {
    pub file_name: String,
    pub mime: String,
    pub size: usize,
    pub bytes_base64: String,
}

/// A produced document before it is encoded or written.
pub(crate) struct Produced {
    pub file_name: String,
    pub format: Format,
    pub bytes: Vec<u8>,
}

impl Produced {
    pub(crate) fn into_file_out(self) -> FileOut {
        FileOut {
            file_name: self.file_name,
            mime: self.format.mime().into(),
            size: self.bytes.len(),
            bytes_base64: base64::engine::general_purpose::STANDARD.encode(&self.bytes),
        }
    }
}

/// `bad_request` naming a file's size and the limit, in MiB.
pub(crate) fn too_large(name: &str, bytes: u64) -> ApiError {
    const MIB: f64 = 1024.0 * 1024.0;
    #[allow(clippy::cast_precision_loss)] // a size shown to one decimal
    let shown = bytes as f64 / MIB;
    ApiError::bad_request(format!(
        "{name}: the file is {shown:.1} MiB; files up to {} MiB are accepted",
        MAX_UPLOAD_BYTES / (1024 * 1024)
    ))
}

/// The file's display name (`default_name` for bytes without one) and its decoded bytes. The
/// size is checked on the base64 text, before anything is allocated for the decoded bytes.
pub(crate) fn decode(args: &FileArgs, default_name: &str) -> Result<(String, Vec<u8>), ApiError> {
    let name = args
        .file_name
        .clone()
        .unwrap_or_else(|| default_name.into());
    let b64 = args.bytes_base64.trim();
    // Four base64 characters carry three bytes, less one for each padding character.
    let padding = b64.bytes().rev().take_while(|b| *b == b'=').count().min(2) as u64;
    let len = b64.len() as u64;
    let decoded_len = ((len / 4) * 3 + (len % 4) * 3 / 4).saturating_sub(padding);
    if decoded_len > MAX_UPLOAD_BYTES as u64 {
        return Err(too_large(&name, decoded_len));
    }
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(b64)
        .map_err(|e| {
            ApiError::bad_request(format!("arguments: bytes_base64 is not base64 ({e})"))
        })?;
    Ok((name, bytes))
}

fn preview_on(
    ws: &mut Workspace,
    name: &str,
    bytes: &[u8],
) -> Result<(ImportPreview, Vec<bureau_core::Person>), ApiError> {
    let bureau = ws.bureau()?;
    let current = ws.current_scenario_id()?;
    let structure = ws.scenario(current)?.structure;
    let mut preview = read_roster(
        name,
        bytes,
        &ImportContext {
            old_units: &bureau.old_units,
            new_units: &structure.units,
            as_of: bureau.info.as_of,
            existing: &bureau.people,
        },
    );
    let dropped_placements = if preview.is_ok() {
        ws.roster_import_effects(&preview.people)?
    } else {
        Vec::new()
    };
    let people = std::mem::take(&mut preview.people);
    Ok((
        ImportPreview {
            can_import: preview.is_ok(),
            read: preview,
            dropped_placements,
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
    let mut read = read_units(name, bytes, &bureau.old_units);
    let effects = if read.is_ok() {
        ws.units_import_effects(&read.units)?
    } else {
        UnitsImportEffects::default()
    };
    let units = std::mem::take(&mut read.units);
    Ok((
        UnitsImportPreview {
            can_import: read.is_ok() && effects.refused.is_empty(),
            read,
            effects,
        },
        units,
    ))
}

/// `bad_request` listing the first five problems of a file (the preview gives them all).
pub(crate) fn refused(what: &str, problems: &[Problem]) -> ApiError {
    let first: Vec<String> = problems.iter().take(5).map(|p| p.to_string()).collect();
    ApiError::bad_request(format!(
        "the {what} has {} problem(s), nothing was imported: {}{}",
        problems.len(),
        first.join("; "),
        if problems.len() > 5 { "; …" } else { "" }
    ))
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
        let (name, bytes) = decode(&args, "roster")?;
        self.import_preview_bytes(&name, &bytes)
    }

    /// Replaces the roster with the file's people in one transaction. Refused with
    /// `bad_request` (nothing changes) when the file has any problem; the message lists the
    /// first ones (`import_preview` gives them all).
    pub fn import_roster(&self, args: FileArgs) -> Result<ImportResult, ApiError> {
        let (name, bytes) = decode(&args, "roster")?;
        self.import_roster_bytes(&name, &bytes)
    }

    /// The roster template (XLSX) with the workspace's units listed on a second sheet.
    pub fn roster_template(&self) -> Result<FileOut, ApiError> {
        Ok(self.produce_roster_template()?.into_file_out())
    }

    /// Reads a units file (单位编制) and says what importing it would do; changes nothing.
    pub fn units_import_preview(&self, args: FileArgs) -> Result<UnitsImportPreview, ApiError> {
        let (name, bytes) = decode(&args, "units")?;
        self.units_import_preview_bytes(&name, &bytes)
    }

    /// Replaces the old units (establishment, posts, names, kinds, tiers, parents) with the
    /// file's in one transaction. Refused with `bad_request` (nothing changes) when the file
    /// has any problem or a unit absent from it is still referenced by people or a merge map.
    pub fn import_units(&self, args: FileArgs) -> Result<UnitsImportResult, ApiError> {
        let (name, bytes) = decode(&args, "units")?;
        self.import_units_bytes(&name, &bytes)
    }

    /// The units template (XLSX): the workspace's old units in the import's columns.
    pub fn units_template(&self) -> Result<FileOut, ApiError> {
        Ok(self.produce_units_template()?.into_file_out())
    }

    /// A scenario (default: the current one) as a document, optionally compared with others.
    pub fn export_document(&self, args: ExportArgs) -> Result<FileOut, ApiError> {
        Ok(self.produce_document(&args)?.into_file_out())
    }

    pub(crate) fn import_preview_bytes(
        &self,
        name: &str,
        bytes: &[u8],
    ) -> Result<ImportPreview, ApiError> {
        let mut ws = self.ws()?;
        Ok(preview_on(&mut ws, name, bytes)?.0)
    }

    pub(crate) fn import_roster_bytes(
        &self,
        name: &str,
        bytes: &[u8],
    ) -> Result<ImportResult, ApiError> {
        let mut ws = self.ws()?;
        let (preview, people) = preview_on(&mut ws, name, bytes)?;
        if !preview.read.problems.is_empty() {
            return Err(refused("roster", &preview.read.problems));
        }
        let dropped = ws.replace_roster(&people)?;
        Ok(ImportResult {
            created: preview.read.created.len(),
            updated: preview.read.updated.len(),
            unchanged: preview.read.unchanged,
            removed: preview.read.removed.len(),
            dropped_placements: dropped,
        })
    }

    pub(crate) fn units_import_preview_bytes(
        &self,
        name: &str,
        bytes: &[u8],
    ) -> Result<UnitsImportPreview, ApiError> {
        let mut ws = self.ws()?;
        Ok(units_preview_on(&mut ws, name, bytes)?.0)
    }

    pub(crate) fn import_units_bytes(
        &self,
        name: &str,
        bytes: &[u8],
    ) -> Result<UnitsImportResult, ApiError> {
        let mut ws = self.ws()?;
        let (preview, units) = units_preview_on(&mut ws, name, bytes)?;
        if !preview.read.problems.is_empty() {
            return Err(refused("units file", &preview.read.problems));
        }
        let done = ws.replace_old_units(&units)?;
        Ok(UnitsImportResult {
            created: done.created.len(),
            updated: done.updated.len(),
            unchanged: done.unchanged,
            removed: done.removed.len(),
        })
    }

    pub(crate) fn produce_roster_template(&self) -> Result<Produced, ApiError> {
        let mut ws = self.ws()?;
        let bureau = ws.bureau()?;
        let current = ws.current_scenario_id()?;
        let structure = ws.scenario(current)?.structure;
        drop(ws);
        let bytes = template_xlsx(&bureau.old_units, &structure.units)
            .map_err(|e| ApiError::internal(format!("writing the template: {e}")))?;
        Ok(Produced {
            file_name: "花名册导入模板.xlsx".into(),
            format: Format::Xlsx,
            bytes,
        })
    }

    pub(crate) fn produce_units_template(&self) -> Result<Produced, ApiError> {
        let bureau = self.ws()?.bureau()?;
        let bytes = units_xlsx(&bureau.old_units)
            .map_err(|e| ApiError::internal(format!("writing the template: {e}")))?;
        Ok(Produced {
            file_name: "单位编制导入模板.xlsx".into(),
            format: Format::Xlsx,
            bytes,
        })
    }

    pub(crate) fn produce_document(&self, args: &ExportArgs) -> Result<Produced, ApiError> {
        let mut ws = self.ws()?;
        let id = crate::planning::resolve(&mut ws, args.scenario_id)?;
        let bureau = ws.bureau()?;
        let main = ws.scenario(id)?;
        let main_rules = ws.scenario_rules(id)?;
        let mut others = Vec::new();
        for other in args.compare.iter().filter(|o| **o != id) {
            others.push((ws.scenario(*other)?, ws.scenario_rules(*other)?));
        }
        let settings = match (&args.settings, args.format) {
            (Some(given), Format::Docx) => {
                remember(&mut ws, id, Some(given))?;
                given.clone()
            }
            _ => settings_view(&mut ws, id)?.settings,
        };
        let own = crate::document_text::own_text(&mut ws, id)?;
        drop(ws);
        let inputs: Vec<ScenarioInput<'_>> = others
            .iter()
            .map(|(s, r)| ScenarioInput {
                scenario: s,
                rules: r,
            })
            .collect();
        let main_input = ScenarioInput {
            scenario: &main,
            rules: &main_rules,
        };
        if args.format == Format::Docx {
            let bytes = write_document_with_text(&bureau, main_input, &inputs, &settings, &own)?;
            return Ok(Produced {
                file_name: document::file_name(&bureau, &settings),
                format: Format::Docx,
                bytes,
            });
        }
        let report = build_report(&bureau, main_input, &inputs, &today().written());
        let bytes = render_plan(&bureau, &main, &report, args.format)?;
        let file_name = format!(
            "{}-{}.{}",
            bureau.info.name,
            main.name,
            args.format.extension()
        );
        Ok(Produced {
            file_name,
            format: args.format,
            bytes,
        })
    }
}
