//! Stand-ins describing, for the TypeScript generator only, the answers whose Rust types live
//! where the API does not derive `TS` (the optimiser and the checker keep their types free of
//! it). Each has the same JSON shape as its original — `tests/typescript.rs` serialises real
//! values of the originals and reads them back through these with unknown fields refused —
//! and the same name in TypeScript.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Mode {
    Plan,
    Repair,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum SolveStatus {
    Optimal,
    FeasibleWithGap,
    Infeasible,
    TimeLimit,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Move {
    pub police_number: String,
    pub name: String,
    /// The old unit (plan mode) or the draft's unit (repair mode).
    pub from: String,
    pub to: String,
    pub reason: bureau_core::move_reasons::MoveReason,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Shortfall {
    pub rule_id: String,
    pub units: Vec<String>,
    /// People (officers, posts…) the rule falls short by, at best.
    pub shortfall: u32,
    /// The people a hint is about (e.g. the ones to unpin), when it names them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub people: Vec<String>,
    pub message_zh: String,
    pub message_en: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Violation {
    pub rule_id: String,
    pub hard: bool,
    pub required: f64,
    pub actual: f64,
    pub shortfall: u32,
    /// The rule states a maximum and the assignment exceeds it.
    pub over: bool,
    pub units: Vec<String>,
    pub people: Vec<String>,
    pub message_zh: String,
    pub message_en: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct SolveOutcome {
    pub status: SolveStatus,
    pub objective: Option<f64>,
    /// Police number → new unit id.
    pub assignment: std::collections::BTreeMap<String, String>,
    /// The plan's community roles: `apply_changes` adopts them with the accepted changes.
    pub community: bureau_core::CommunityRoles,
    pub moves: Vec<Move>,
    pub metrics: Option<bureau_core::Metrics>,
    pub violations: Vec<Violation>,
    pub diagnosis: Vec<Shortfall>,
    pub build_seconds: f64,
    pub solve_seconds: f64,
    pub variables: usize,
    pub rows: usize,
}

/// A trade-off job's result (`job_status` of a `tradeoff_start` job).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct TradeoffPoint {
    pub value: f64,
    pub status: SolveStatus,
    /// People moved at the optimum (absent when infeasible).
    pub moves: Option<u32>,
    pub objective: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Tradeoff {
    pub rule_id: String,
    pub points: Vec<TradeoffPoint>,
    /// The first value at which no plan meets every hard rule.
    pub first_infeasible: Option<f64>,
}

/// The solve's weights (`bureau_core::optimiser::Weights`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Weights {
    #[serde(rename = "move")]
    pub person_move: f64,
    pub cadre_move: f64,
    pub transfer: f64,
    pub wish: f64,
    pub senior: f64,
    pub establishment: f64,
    pub community_role: f64,
}
