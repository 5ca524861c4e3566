//! The one API every host calls: the desktop shell through a single Tauri command, `planner
//! serve` over HTTP, and the CLI directly. Methods take typed requests and return typed
//! responses; [`Api::call`] is the by-name dispatcher both transports share.
//!
//! **API boundary:** hosts depend on this crate only; errors leave it as [`ApiError`]
//! (`{code, message}`) with a closed set of codes the UI localises.
#![forbid(unsafe_code)]

mod activity_log;
mod board;
mod bureau;
mod dispatch;
mod document_settings;
mod document_text;
mod documents;
mod error;
mod figures_file;
mod first_start_check;
pub mod jobs;
mod local_files;
mod method_table;
mod methods;
mod new_workspace;
mod planning;
mod samples;
mod scenarios;
mod session;
mod solve_settings;
mod squad_workload;
pub use squad_workload::{SquadsImportPreview, SquadsImportResult};
mod station_workload;
pub use station_workload::{StationsImportPreview, StationsImportResult};
mod structure;
mod structure_sheet;
pub mod typescript;
mod workload_settings;
pub use workload_settings::{SetWorkloadSettingsArgs, WorkloadSettingsView};

pub use activity_log::{ActivityLog, Outcome, LOG_FILE};
pub use board::{
    ApplyChangesArgs, Change, Changed, CommunityState, EditResult, MovePeopleArgs, PersonView,
    SetCommunityEligibilityArgs, SetCommunityRoleArgs, SetExclusionsArgs, SetPinsArgs,
};
pub use bureau::{BureauDetails, SetBureauArgs};
/// Hosts make their data folder owner-only with this (see `docs/security.md`).
pub use bureau_storage::ensure_private_dir;
pub use document_settings::{DocumentSettingsView, SetDocumentSettingsArgs};
pub use document_text::{
    DocumentTextView, ResetDocumentParagraphArgs, SetDocumentParagraphArgs, SetDocumentPhasesArgs,
};
pub use documents::{
    write_atomically, ExportArgs, FileArgs, FileOut, ImportPreview, ImportResult,
    UnitsImportPreview, UnitsImportResult, MAX_UPLOAD_BYTES,
};
pub use error::{ApiError, ErrorCode};
pub use first_start_check::{CheckCode, CheckFilesArgs, CheckProblem, CheckStep, FilesCheck};
pub use jobs::worker::run_worker;
pub use local_files::FileWritten;
pub use methods::{Api, Overview, ScenarioRef, SolveArgs, WorkspaceInfo};
pub use new_workspace::{CreateFromDataArgs, CreateFromFileArgs};
pub use planning::{Diagnosis, JobRef, JobStarted, RuleView, SetRulesArgs, TradeoffArgs};
pub use samples::{sample_bureau_file, SAMPLE_SCENARIO_NAME};
pub use scenarios::{
    BranchArgs, CompareArgs, CreateArgs, HistoryArgs, NameArgs, NotesArgs, RenameArgs, ScenarioId,
    StatusArgs, TrashedScenario,
};
pub use session::{
    ChangePassphraseArgs, CreateWorkspaceArgs, IdleLockArgs, UnlockArgs, WorkspaceState,
    WorkspaceStatus,
};
pub use solve_settings::{SetWeightsArgs, WeightsView};
pub use structure::{
    EditStructureArgs, StructureEditResult, StructureView, UnitEstablishment, UnitPlaced,
};
pub use structure_sheet::{StructureFileArgs, StructureImportPreview};
