//! First start from the bureau's own data: a workspace created from the bureau's details, its
//! units file (单位编制) and its roster (花名册), with a structure template to start the
//! designer from; or from a bureau file (.json) brought from another machine. Nothing is
//! written until everything has been read without a problem, and the file is created whole or
//! not at all, so a refused or cancelled start leaves no workspace.

use bureau_core::templates::{apply, Template};
use bureau_core::{Bureau, BureauFile, BureauInfo, BureauKind, Unit, YearMonth};
use bureau_io::import::{read_roster, read_units, ImportContext, RosterPreview};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::documents::{decode, refused};
use crate::{Api, ApiError, CreateWorkspaceArgs, FileArgs, WorkspaceInfo, SAMPLE_SCENARIO_NAME};

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(optional_fields = nullable)]
pub struct CreateFromDataArgs {
    pub name: String,
    pub kind: BureauKind,
    /// 基准时间: the month the plan takes effect.
    pub as_of: YearMonth,
    #[serde(default)]
    #[ts(as = "Option<_>", optional)]
    pub background: String,
    /// The units with their establishment and posts (CSV or XLSX).
    pub units: FileArgs,
    /// The roster (CSV or XLSX); its 现单位 column names the units file's units.
    pub roster: FileArgs,
    #[serde(default = "default_template")]
    #[ts(as = "Option<_>", optional)]
    pub template: Template,
    #[serde(default)]
    #[ts(as = "Option<_>", optional)]
    pub encrypt: bool,
    #[serde(default)]
    pub passphrase: Option<String>,
}

/// A bureau file (.json, e.g. exported on another machine) and how to store the workspace.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(optional_fields = nullable)]
pub struct CreateFromFileArgs {
    pub file: FileArgs,
    #[serde(default)]
    #[ts(as = "Option<_>", optional)]
    pub encrypt: bool,
    #[serde(default)]
    pub passphrase: Option<String>,
}

pub(crate) fn default_template() -> Template {
    Template::OnePlusFive
}

impl Api {
    /// Creates the absent workspace from the bureau's own files. Refused with `bad_request`
    /// (nothing written) for an empty name or any problem in either file (the message lists
    /// the first ones with file, sheet, row and column).
    pub fn workspace_create_from_data(
        &self,
        req: CreateFromDataArgs,
    ) -> Result<WorkspaceInfo, ApiError> {
        let name = req.name.trim();
        if name.is_empty() {
            return Err(ApiError::bad_request(
                "bureau.name: expected a non-empty bureau name",
            ));
        }
        let chars = name.chars().count();
        if chars > bureau_storage::MAX_BUREAU_NAME_CHARS {
            return Err(ApiError::bad_request(format!(
                "bureau.name: expected at most {} characters, found {chars}",
                bureau_storage::MAX_BUREAU_NAME_CHARS
            )));
        }
        let (units_name, units_bytes) = decode(&req.units, "units")?;
        let read = read_units(&units_name, &units_bytes, &[]);
        if !read.problems.is_empty() {
            return Err(refused("units file", &read.problems));
        }
        let info = BureauInfo {
            name: name.to_owned(),
            kind: req.kind,
            as_of: req.as_of,
            background: req.background.trim().to_owned(),
        };
        let mut bureau = unstaffed(info, read.units);
        let roster = read_first_roster(&req.roster, &bureau, req.template)?;
        if !roster.problems.is_empty() {
            return Err(refused("roster", &roster.problems));
        }
        bureau.people = roster.people;
        let (structure, draft) = apply(req.template, &bureau);
        let file = BureauFile::new(bureau, structure, Some(draft));
        file.validate()?;
        self.create_read_workspace(&file, req.encrypt, req.passphrase)
    }
}

impl Api {
    /// Creates the absent workspace from a bureau file's bytes: one scenario with the file's
    /// structure, draft and rules. Refused (nothing written) with `invalid_bureau_file` naming
    /// the file and the place in it (path, line and column), `newer_version` for a file from a
    /// newer Bureau Planner, or `bad_request` for bytes that are not UTF-8 text.
    pub fn workspace_create_from_file(
        &self,
        req: CreateFromFileArgs,
    ) -> Result<WorkspaceInfo, ApiError> {
        let (name, bytes) = decode(&req.file, "bureau file")?;
        let text = std::str::from_utf8(&bytes).map_err(|e| {
            ApiError::bad_request(format!(
                "{name}: expected a bureau file (.json, UTF-8 text), found bytes that are not \
                 UTF-8 at byte {}",
                e.valid_up_to()
            ))
        })?;
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let file = BureauFile::parse(text).map_err(|e| {
            let mut err = ApiError::from(e);
            err.message = format!("{name}: {}", err.message);
            err
        })?;
        self.create_read_workspace(&file, req.encrypt, req.passphrase)
    }
}

impl Api {
    /// Creates the absent workspace from a bureau file read from the planner's own files, with
    /// its one scenario, encrypted when asked.
    fn create_read_workspace(
        &self,
        file: &BureauFile,
        encrypt: bool,
        passphrase: Option<String>,
    ) -> Result<WorkspaceInfo, ApiError> {
        let store = CreateWorkspaceArgs {
            encrypt,
            passphrase,
        };
        self.create_workspace_from(&store, file, SAMPLE_SCENARIO_NAME)
    }
}

/// A bureau of its units alone, before its roster is read.
pub(crate) fn unstaffed(info: BureauInfo, old_units: Vec<Unit>) -> Bureau {
    Bureau {
        info,
        old_units,
        people: Vec::new(),
        station_figures: Vec::new(),
        squad_figures: Vec::new(),
    }
}

/// The first roster read against the bureau's own units: the structure the template builds
/// depends on the units only, and the roster's 意愿 may name its units.
pub(crate) fn read_first_roster(
    file: &FileArgs,
    bureau: &Bureau,
    template: Template,
) -> Result<RosterPreview, ApiError> {
    let (outline, _) = apply(template, bureau);
    let (name, bytes) = decode(file, "roster")?;
    Ok(read_roster(
        &name,
        &bytes,
        &ImportContext {
            old_units: &bureau.old_units,
            new_units: &outline.units,
            as_of: bureau.info.as_of,
            existing: &[],
        },
    ))
}
