//! A scenario: one candidate plan the reform office keeps, compares and may submit.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{Draft, Structure};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
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

/// Where a scenario is on its way to the party committee. Approved scenarios are read-only.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ScenarioStatus {
    #[default]
    Draft,
    Review,
    Approved,
}

impl ScenarioStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            ScenarioStatus::Draft => "draft",
            ScenarioStatus::Review => "review",
            ScenarioStatus::Approved => "approved",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        [Self::Draft, Self::Review, Self::Approved]
            .into_iter()
            .find(|s| s.as_str() == text)
    }
}

/// What lists and pickers show of a scenario without loading its assignment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ScenarioSummary {
    pub id: i64,
    pub name: String,
    pub structure_name: String,
    pub updated_at: String,
    #[serde(default)]
    pub status: ScenarioStatus,
    /// The scenario this one was branched from.
    #[serde(default)]
    pub parent_id: Option<i64>,
    #[serde(default)]
    pub notes: String,
}
