//! A scenario: one candidate plan the reform office keeps, compares and may submit.

use serde::{Deserialize, Serialize};

use super::{Draft, Structure};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Scenario {
    /// Assigned by the workspace; stable for the scenario's life.
    pub id: i64,
    pub name: String,
    pub structure: Structure,
    /// The assignment and the pins.
    pub draft: Draft,
    #[serde(default)]
    pub notes: String,
    /// RFC 3339 UTC timestamps.
    pub created_at: String,
    pub updated_at: String,
}

/// What lists and pickers show of a scenario without loading its assignment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScenarioSummary {
    pub id: i64,
    pub name: String,
    pub structure_name: String,
    pub updated_at: String,
}
