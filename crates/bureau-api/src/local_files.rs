//! The typed calls that take a path on this machine: the CLI reads a roster or units file and
//! writes templates and documents where its user says. None of them is reachable through
//! `Api::call`: a caller by name (the webview, `planner serve`) has no way to name a file.

use std::path::{Path, PathBuf};
use ts_rs::TS;

use serde::{Deserialize, Serialize};

use crate::documents::{too_large, MAX_UPLOAD_BYTES};
use crate::new_workspace::CreateFromDataArgs;
use crate::{
    write_atomically, Api, ApiError, ErrorCode, ExportArgs, FileArgs, ImportPreview, ImportResult,
    UnitsImportPreview, UnitsImportResult, WorkspaceInfo,
};

/// A produced file written to disk.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct FileWritten {
    pub path: PathBuf,
    pub file_name: String,
    pub mime: String,
    pub size: usize,
}

/// The file's name for messages and its bytes, refusing a file over the upload limit before
/// reading it.
fn read_local(path: &Path) -> Result<(String, Vec<u8>), ApiError> {
    let io = |e: std::io::Error| match e.kind() {
        std::io::ErrorKind::NotFound => ApiError::new(
            ErrorCode::NotFound,
            format!("{}: no such file", path.display()),
        ),
        _ => ApiError::new(ErrorCode::Storage, format!("{}: {e}", path.display())),
    };
    let name = path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let size = std::fs::metadata(path).map_err(io)?.len();
    if size > MAX_UPLOAD_BYTES as u64 {
        return Err(too_large(&path.display().to_string(), size));
    }
    let bytes = std::fs::read(path).map_err(io)?;
    Ok((name, bytes))
}

fn written(path: &Path, produced: crate::documents::Produced) -> Result<FileWritten, ApiError> {
    write_atomically(path, &produced.bytes)?;
    Ok(FileWritten {
        path: path.to_owned(),
        file_name: produced.file_name,
        mime: produced.format.mime().into(),
        size: produced.bytes.len(),
    })
}

/// A file on disk as the bytes a caller by name would send.
fn file_args(path: &Path) -> Result<FileArgs, ApiError> {
    use base64::Engine as _;
    let (name, bytes) = read_local(path)?;
    Ok(FileArgs {
        bytes_base64: base64::engine::general_purpose::STANDARD.encode(bytes),
        file_name: Some(name),
    })
}

impl Api {
    /// `workspace_create_from_data` with the units file and the roster read from disk (the
    /// files `req` carries are replaced).
    pub fn workspace_create_from_files(
        &self,
        mut req: CreateFromDataArgs,
        units: &Path,
        roster: &Path,
    ) -> Result<WorkspaceInfo, ApiError> {
        req.units = file_args(units)?;
        req.roster = file_args(roster)?;
        self.workspace_create_from_data(req)
    }

    /// `import_preview` of a file on disk.
    pub fn import_preview_file(&self, path: &Path) -> Result<ImportPreview, ApiError> {
        let (name, bytes) = read_local(path)?;
        self.import_preview_bytes(&name, &bytes)
    }

    /// `import_roster` of a file on disk.
    pub fn import_roster_file(&self, path: &Path) -> Result<ImportResult, ApiError> {
        let (name, bytes) = read_local(path)?;
        self.import_roster_bytes(&name, &bytes)
    }

    /// `units_import_preview` of a file on disk.
    pub fn units_import_preview_file(&self, path: &Path) -> Result<UnitsImportPreview, ApiError> {
        let (name, bytes) = read_local(path)?;
        self.units_import_preview_bytes(&name, &bytes)
    }

    /// `import_units` of a file on disk.
    pub fn import_units_file(&self, path: &Path) -> Result<UnitsImportResult, ApiError> {
        let (name, bytes) = read_local(path)?;
        self.import_units_bytes(&name, &bytes)
    }

    /// `structure_import_preview` of a file on disk.
    pub fn structure_import_preview_file(
        &self,
        scenario_id: Option<i64>,
        path: &Path,
    ) -> Result<crate::StructureImportPreview, ApiError> {
        let (name, bytes) = read_local(path)?;
        Ok(self.structure_preview_bytes(scenario_id, &name, &bytes)?.0)
    }

    /// `import_structure` of a file on disk.
    pub fn import_structure_file(
        &self,
        scenario_id: Option<i64>,
        path: &Path,
    ) -> Result<crate::StructureEditResult, ApiError> {
        let (name, bytes) = read_local(path)?;
        self.import_structure_bytes(scenario_id, &name, &bytes)
    }

    /// A scenario's structure sheet written to `path`.
    pub fn structure_sheet_to(
        &self,
        scenario_id: Option<i64>,
        path: &Path,
    ) -> Result<FileWritten, ApiError> {
        written(path, self.produce_structure_sheet(scenario_id)?)
    }

    /// `stations_import_preview` of a file on disk.
    pub fn stations_import_preview_file(
        &self,
        path: &Path,
    ) -> Result<crate::StationsImportPreview, ApiError> {
        let (name, bytes) = read_local(path)?;
        self.stations_import_preview_bytes(&name, &bytes)
    }

    /// `import_stations` of a file on disk.
    pub fn import_stations_file(
        &self,
        path: &Path,
    ) -> Result<crate::StationsImportResult, ApiError> {
        let (name, bytes) = read_local(path)?;
        self.import_stations_bytes(&name, &bytes)
    }

    /// The station figures template written to `path`.
    pub fn stations_template_to(&self, path: &Path) -> Result<FileWritten, ApiError> {
        written(path, self.produce_stations_template()?)
    }

    /// `squads_import_preview` of a file on disk.
    pub fn squads_import_preview_file(
        &self,
        path: &Path,
    ) -> Result<crate::SquadsImportPreview, ApiError> {
        let (name, bytes) = read_local(path)?;
        self.squads_import_preview_bytes(&name, &bytes)
    }

    /// `import_squads` of a file on disk.
    pub fn import_squads_file(&self, path: &Path) -> Result<crate::SquadsImportResult, ApiError> {
        let (name, bytes) = read_local(path)?;
        self.import_squads_bytes(&name, &bytes)
    }

    /// The squad figures template written to `path`.
    pub fn squads_template_to(&self, path: &Path) -> Result<FileWritten, ApiError> {
        written(path, self.produce_squads_template()?)
    }

    /// The roster template written to `path`.
    pub fn roster_template_to(&self, path: &Path) -> Result<FileWritten, ApiError> {
        written(path, self.produce_roster_template()?)
    }

    /// The units template written to `path`.
    pub fn units_template_to(&self, path: &Path) -> Result<FileWritten, ApiError> {
        written(path, self.produce_units_template()?)
    }

    /// Creates the absent workspace from a bureau file on disk with one scenario named
    /// `scenario_name`; the file's problems are reported with its path and the place in it.
    pub fn workspace_create_from_bureau_path(
        &self,
        req: crate::CreateWorkspaceArgs,
        path: &Path,
        scenario_name: &str,
    ) -> Result<WorkspaceInfo, ApiError> {
        let (_, bytes) = read_local(path)?;
        let text = String::from_utf8(bytes).map_err(|e| {
            ApiError::new(
                ErrorCode::BadRequest,
                format!(
                    "{}: expected a bureau file (.json, UTF-8 text), found bytes that are not \
                     UTF-8 at byte {}",
                    path.display(),
                    e.utf8_error().valid_up_to()
                ),
            )
        })?;
        let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
        let file = bureau_core::BureauFile::parse(text).map_err(|e| {
            let mut err = ApiError::from(e);
            err.message = format!("{}: {}", path.display(), err.message);
            err
        })?;
        self.create_workspace_from(&req, &file, scenario_name)
    }

    /// A scenario (the current one without `scenario_id`) as a bureau file written to `path`:
    /// the bureau, the scenario's structure, its draft and its rules.
    pub fn export_bureau_file_to(
        &self,
        scenario_id: Option<i64>,
        path: &Path,
    ) -> Result<FileWritten, ApiError> {
        let file = {
            let mut ws = self.ws()?;
            let id = crate::planning::resolve(&mut ws, scenario_id)?;
            ws.export_bureau_file(id)?
        };
        let bytes = file.to_json_pretty().into_bytes();
        write_atomically(path, &bytes)?;
        Ok(FileWritten {
            path: path.to_owned(),
            file_name: path.file_name().map_or_else(
                || path.display().to_string(),
                |n| n.to_string_lossy().into_owned(),
            ),
            mime: "application/json".into(),
            size: bytes.len(),
        })
    }

    /// A scenario's document written to `path`.
    pub fn export_document_to(
        &self,
        args: &ExportArgs,
        path: &Path,
    ) -> Result<FileWritten, ApiError> {
        written(path, self.produce_document(args)?)
    }
}
