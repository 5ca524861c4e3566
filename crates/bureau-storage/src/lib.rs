//! The workspace file: one SQLite database holding one bureau, its roster, its structures and
//! its scenarios.
//!
//! **Architecture invariant:** this is the only crate that speaks SQL. Every write runs in a
//! transaction; the schema comes from embedded, versioned migrations; a file is checked
//! (application id, schema version, `integrity_check`) before anything reads it. One process
//! holds a workspace at a time (`process_lock.rs`); its files are owner-only (`file_modes.rs`).
#![forbid(unsafe_code)]

mod audit;
mod bureau_details;
mod codec;
mod community_roles;
mod document_settings;
mod document_text;
mod edit_log;
mod edits;
mod encryption;
mod error;
mod exclusions;
mod figures_import;
mod file_modes;
mod lifecycle;
mod migrations;
mod placements;
mod process_lock;
mod roster;
mod roster_import;
mod rule_sets;
mod scenario_columns;
mod scenario_status;
mod scenarios;
mod settings;
mod snapshots;
mod solve_weights;
mod squad_figures;
mod station_figures;
mod structure_design;
mod table_rows;
mod units_import;
mod workspace;

pub use audit::{AuditEntry, AuditReport};
pub use bureau_details::{default_share, RatioRules, MAX_BACKGROUND_CHARS, MAX_BUREAU_NAME_CHARS};
pub use document_text::DocumentParagraph;
pub use edit_log::{EditKind, EditOutcome, EditState, Replay};
pub use edits::Target;
pub use encryption::{check_new_passphrase, file_kind, FileKind, MIN_PASSPHRASE_CHARS};
pub use error::StorageError;
pub use file_modes::{create_private_dir_all, ensure_private_dir};
pub use lifecycle::{MAX_NAME_CHARS, MAX_NOTES_CHARS};
pub use placements::{Placement, PlacementSet};
pub use process_lock::{lock_path, ProcessLock};
pub use roster_import::DroppedPlacements;
pub use structure_design::StructureStep;
pub use units_import::{RefusedUnit, UnitLine, UnitsImportEffects};
pub use workspace::{Workspace, DEFAULT_IDLE_LOCK_SECONDS, MAX_IDLE_LOCK_SECONDS};
