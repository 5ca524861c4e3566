//! The objective's weights a planner sets (求解设置): what a move, a cadre's move, a
//! cross-department transfer, a wish, a 50+ officer left in the office, a unit off its
//! establishment and a community post given to someone new cost. Stored per scenario and in the bureau file; bounded so that no setting
//! makes the objective overflow or reward a move.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::rules::{Rule, RuleKind};

/// Largest weight a planner may give: far above any sensible ratio between two costs, and small
/// enough that a county's total stays exact in an `f64`.
pub const MAX_WEIGHT: f64 = 1000.0;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(default, deny_unknown_fields)]
pub struct Weights {
    /// Cost of moving one person who holds no mid-level post.
    #[serde(rename = "move")]
    pub person_move: f64,
    /// Cost of moving a mid-level head or deputy (in place of `move`).
    pub cadre_move: f64,
    /// Added to a move into a unit outside the grassroots (跨部门调动): the grassroots take
    /// people the reform sends down, other departments take them only at this extra price.
    pub transfer: f64,
    /// A move to a unit the person wished for costs this fraction of its price (0–1).
    pub wish: f64,
    /// Per office non-leader officer of the 50+ rule's age left outside the grassroots, while
    /// that rule is soft (times the rule's own weight).
    pub senior: f64,
    /// Per whole person over a unit's establishment or short of its minimum, while those rules
    /// are soft (times the rule's own weight).
    pub establishment: f64,
    /// Cost of giving a community post (社区民警) to an officer who does not hold one today at
    /// a station they stay at: keeping today's community officers in post is free.
    pub community_role: f64,
}

impl Default for Weights {
    fn default() -> Self {
        Weights {
            person_move: 1.0,
            cadre_move: 3.0,
            transfer: 1.0,
            wish: 0.5,
            senior: 2.0,
            establishment: 2.0,
            community_role: 0.1,
        }
    }
}

/// The weights by the names the bureau file, the CLI and the API use.
pub const NAMES: [&str; 7] = [
    "move",
    "cadre_move",
    "transfer",
    "wish",
    "senior",
    "establishment",
    "community_role",
];

/// A weight refused: its name and what was expected there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WeightError {
    pub field: String,
    pub expected: String,
}

impl std::fmt::Display for WeightError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "weights.{}: expected {}", self.field, self.expected)
    }
}

impl Weights {
    pub fn get(&self, name: &str) -> Option<f64> {
        Some(match name {
            "move" => self.person_move,
            "cadre_move" => self.cadre_move,
            "transfer" => self.transfer,
            "wish" => self.wish,
            "senior" => self.senior,
            "establishment" => self.establishment,
            "community_role" => self.community_role,
            _ => return None,
        })
    }

    fn slot(&mut self, name: &str) -> Option<&mut f64> {
        Some(match name {
            "move" => &mut self.person_move,
            "cadre_move" => &mut self.cadre_move,
            "transfer" => &mut self.transfer,
            "wish" => &mut self.wish,
            "senior" => &mut self.senior,
            "establishment" => &mut self.establishment,
            "community_role" => &mut self.community_role,
            _ => return None,
        })
    }

    /// Each weight finite and within its range: `wish` in [0, 1], the others in
    /// [0, [`MAX_WEIGHT`]]. The first one out of range, by name.
    pub fn validate(&self) -> Result<(), WeightError> {
        for name in NAMES {
            let value = self.get(name).unwrap_or(f64::NAN);
            let max = if name == "wish" { 1.0 } else { MAX_WEIGHT };
            if !(value.is_finite() && (0.0..=max).contains(&value)) {
                return Err(WeightError {
                    field: name.to_owned(),
                    expected: format!("a number between 0 and {max}, found {value}"),
                });
            }
        }
        Ok(())
    }

    /// These weights with `name=value` pairs (`move=1,transfer=2.5`) applied, validated.
    pub fn with_pairs(&self, pairs: &str) -> Result<Weights, WeightError> {
        let mut out = self.clone();
        for pair in pairs.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let Some((name, value)) = pair.split_once('=') else {
                return Err(WeightError {
                    field: pair.to_owned(),
                    expected: "name=value".into(),
                });
            };
            let name = name.trim();
            let known = NAMES.join(", ");
            let slot = out.slot(name).ok_or_else(|| WeightError {
                field: name.to_owned(),
                expected: format!("one of {known}"),
            })?;
            *slot = value.trim().parse::<f64>().map_err(|_| WeightError {
                field: name.to_owned(),
                expected: format!("a number, found {:?}", value.trim()),
            })?;
        }
        out.validate()?;
        Ok(out)
    }

    /// The cost of one soft rule's slack, per whole person: the 50+ and establishment rules
    /// take the planner's weights, the others `penalty_scale`; each times the rule's weight.
    pub fn penalty(&self, rule: &Rule, penalty_scale: f64) -> f64 {
        let per_person = match rule.kind {
            RuleKind::SeniorsToGrassroots { .. } => self.senior,
            RuleKind::UnitEstablishment | RuleKind::UnitMinimum { .. } => self.establishment,
            _ => penalty_scale,
        };
        rule.weight * per_person
    }
}
