//! The first-start wizard's files checked without a workspace: the bureau's details, its units
//! file (单位编制) and its roster (花名册) read exactly as `workspace_create_from_data` reads
//! them, answered as structured problems — which step, which file, row, column, a code from a
//! closed set, what was found and what was expected — so that the wizard keeps the planner on
//! the step at fault and localises by code, never by message text. Nothing is written.

use bureau_core::templates::Template;
use bureau_core::{BureauInfo, BureauKind, YearMonth};
use bureau_io::import::{read_units, Expected, Problem};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::documents::decode;
use crate::new_workspace::{default_template, read_first_roster, unstaffed};
use crate::{Api, ApiError, FileArgs};

/// What the wizard has so far: the details, and the files once chosen.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(optional_fields = nullable)]
pub struct CheckFilesArgs {
    pub name: String,
    pub kind: BureauKind,
    pub as_of: YearMonth,
    #[serde(default)]
    #[ts(as = "Option<_>", optional)]
    pub background: String,
    #[serde(default)]
    pub units: Option<FileArgs>,
    /// Read against the units file: checked only when that has no problem.
    #[serde(default)]
    pub roster: Option<FileArgs>,
    #[serde(default = "default_template")]
    #[ts(as = "Option<_>", optional)]
    pub template: Template,
}

/// The wizard step a problem belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum CheckStep {
    Details,
    Units,
    Roster,
}

/// What kind of problem: a closed set the UI maps to its texts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum CheckCode {
    /// The bureau's name is empty.
    NameEmpty,
    /// The bureau's name is longer than the workspace keeps.
    NameTooLong,
    /// The whole file cannot be read (format, size, encoding, no header row, no data rows).
    FileUnreadable,
    /// A column is missing from the header row, or given twice.
    HeaderColumn,
    /// One cell's value is not what the column takes.
    BadCell,
    /// A row is wrong as a whole.
    BadRow,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CheckProblem {
    pub step: CheckStep,
    pub code: CheckCode,
    /// The file's name (none for the details).
    pub file: Option<String>,
    pub sheet: Option<String>,
    pub row: Option<usize>,
    /// The column letter and its header as written, e.g. `C (性别)`; for the details, the field.
    pub column: Option<String>,
    pub found: String,
    /// What was expected there; the UI words it in the user's language.
    pub expected: Expected,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct FilesCheck {
    /// Units read from the units file (0 when it has problems or was not sent).
    pub units: usize,
    /// People read from the roster (0 when it has problems or was not sent).
    pub people: usize,
    pub problems: Vec<CheckProblem>,
    /// No problem: `workspace_create_from_data` with the same arguments would succeed.
    pub ok: bool,
}

fn located(step: CheckStep, header_line: Option<usize>, p: Problem) -> CheckProblem {
    let code = match (p.row, &p.column) {
        (None, _) => CheckCode::FileUnreadable,
        (Some(_), None) if matches!(p.expected, Expected::HeaderRow { .. }) => {
            CheckCode::FileUnreadable
        }
        (Some(r), _) if Some(r) == header_line => CheckCode::HeaderColumn,
        (Some(_), Some(_)) => CheckCode::BadCell,
        (Some(_), None) => CheckCode::BadRow,
    };
    CheckProblem {
        step,
        code,
        file: Some(p.file),
        sheet: p.sheet,
        row: p.row,
        column: p.column,
        found: p.value,
        expected: p.expected,
    }
}

/// The header row of a problem list: the row of problems that report a missing or repeated
/// column.
fn header_line(problems: &[Problem]) -> Option<usize> {
    problems
        .iter()
        .find(|p| {
            matches!(
                p.expected,
                Expected::ColumnHeaded { .. } | Expected::ColumnOnce
            )
        })
        .and_then(|p| p.row)
}

impl Api {
    /// Checks the wizard's details and files as `workspace_create_from_data` would, without a
    /// workspace and without writing anything.
    pub fn workspace_check_files(&self, req: CheckFilesArgs) -> Result<FilesCheck, ApiError> {
        let mut out = FilesCheck {
            units: 0,
            people: 0,
            problems: Vec::new(),
            ok: false,
        };
        let name = req.name.trim();
        let chars = name.chars().count();
        let details = |code, expected: Expected| CheckProblem {
            step: CheckStep::Details,
            code,
            file: None,
            sheet: None,
            row: None,
            column: Some("name".into()),
            found: name.to_owned(),
            expected,
        };
        if name.is_empty() {
            out.problems
                .push(details(CheckCode::NameEmpty, Expected::BureauName));
        } else if chars > bureau_storage::MAX_BUREAU_NAME_CHARS {
            out.problems.push(details(
                CheckCode::NameTooLong,
                Expected::AtMostCharacters {
                    max: bureau_storage::MAX_BUREAU_NAME_CHARS,
                    found: chars,
                },
            ));
        }
        let Some(units_file) = &req.units else {
            out.ok = out.problems.is_empty();
            return Ok(out);
        };
        let (units_name, units_bytes) = decode(units_file, "units")?;
        let read = read_units(&units_name, &units_bytes, &[]);
        if !read.problems.is_empty() {
            let header = header_line(&read.problems);
            out.problems.extend(
                read.problems
                    .into_iter()
                    .map(|p| located(CheckStep::Units, header, p)),
            );
            return Ok(out);
        }
        out.units = read.units.len();
        let Some(roster_file) = &req.roster else {
            out.ok = out.problems.is_empty();
            return Ok(out);
        };
        let info = BureauInfo {
            name: name.to_owned(),
            kind: req.kind,
            as_of: req.as_of,
            background: String::new(),
        };
        let bureau = unstaffed(info, read.units);
        let roster = read_first_roster(roster_file, &bureau, req.template)?;
        if roster.problems.is_empty() {
            out.people = roster.people.len();
        } else {
            let header = header_line(&roster.problems);
            out.problems.extend(
                roster
                    .problems
                    .into_iter()
                    .map(|p| located(CheckStep::Roster, header, p)),
            );
        }
        out.ok = out.problems.is_empty();
        Ok(out)
    }
}
