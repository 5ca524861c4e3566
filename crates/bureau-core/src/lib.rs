//! Bureau Planner's core: the domain model of a bureau's reorganisation, the bureau file
//! (the JSON interchange format), and pure metrics over an assignment.
//!
//! **Architecture invariant:** this crate knows nothing about Tauri, SQL, HTTP or the file
//! system. It takes values and returns values, so every host and every test can use it as is.
#![forbid(unsafe_code)]

pub mod bureau_file;
pub mod checker;
pub mod comparison;
pub mod limits;
pub mod metrics;
pub mod model;
pub mod move_reasons;
pub mod optimiser;
pub mod rule_results;
pub mod rules;
pub mod squad_workload;
pub mod structure_check;
pub mod structure_edit;
pub mod templates;
mod weighted_demand;
pub mod workload;
pub mod workload_kind;

pub use bureau_file::{BureauFile, BureauFileError};
pub use metrics::{compute_metrics, Metrics};
pub use model::*;
