//! The bureau's details (name, kind, base month, background): one row for the whole workspace,
//! since every scenario plans the same bureau and roster. Changing the kind changes the ratio
//! rules' defaults (40% county, 50% city district); scenarios that already carry other ratios
//! are reported, and [`Workspace::switch_ratio_rules`] moves one of them to the new defaults.
//! An approved scenario that used the defaults keeps the ratios it was approved with: they
//! are written into it before the kind changes.

use bureau_core::rules::{default_rules, Rule, RuleKind};
use bureau_core::{BureauInfo, BureauKind, ScenarioStatus};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::{audit, roster, rule_sets, scenario_status, scenarios, StorageError, Workspace};

/// Longest bureau name and background (characters).
pub const MAX_BUREAU_NAME_CHARS: usize = 60;
pub const MAX_BACKGROUND_CHARS: usize = 20_000;

/// One scenario's ratio rules measured against the bureau kind's defaults.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct RatioRules {
    pub scenario_id: i64,
    pub scenario_name: String,
    /// The smallest station share / community share the scenario requires (None: no such rule).
    pub station_share: Option<f64>,
    pub community_share: Option<f64>,
    /// The kind's default for both.
    pub default_share: f64,
    /// A ratio rule differs from the default.
    pub differs: bool,
    /// Approved: read-only, it cannot be switched.
    pub approved: bool,
}

/// The share both "两个40%/50%" rules default to for a bureau kind.
pub fn default_share(kind: BureauKind) -> f64 {
    match kind {
        BureauKind::County => 0.4,
        BureauKind::CityDistrict => 0.5,
    }
}

fn is_ratio(kind: &RuleKind) -> bool {
    matches!(
        kind,
        RuleKind::StationShare { .. }
            | RuleKind::CommunityShare { .. }
            | RuleKind::StationCommunityShare { .. }
    )
}

fn ratio_min(kind: &RuleKind) -> Option<f64> {
    match kind {
        RuleKind::StationShare { min }
        | RuleKind::CommunityShare { min }
        | RuleKind::StationCommunityShare { min } => Some(*min),
        _ => None,
    }
}

impl Workspace {
    /// Replaces the bureau's details, audited. Refused, naming the field, when the name is
    /// empty or a text too long; nothing is written then. Answers how each scenario's ratio
    /// rules compare with the (new) kind's defaults.
    pub fn set_bureau_info(&mut self, info: &BureauInfo) -> Result<Vec<RatioRules>, StorageError> {
        let name = info.name.trim();
        if name.is_empty() {
            return Err(StorageError::Invalid(
                "bureau.name: expected a non-empty bureau name".into(),
            ));
        }
        let chars = name.chars().count();
        if chars > MAX_BUREAU_NAME_CHARS {
            return Err(StorageError::Invalid(format!(
                "bureau.name: expected at most {MAX_BUREAU_NAME_CHARS} characters, found {chars}"
            )));
        }
        let chars = info.background.chars().count();
        if chars > MAX_BACKGROUND_CHARS {
            return Err(StorageError::Invalid(format!(
                "bureau.background: expected at most {MAX_BACKGROUND_CHARS} characters, found {chars}"
            )));
        }
        let tx = self.write()?;
        let bureau = roster::load_bureau(&tx)?;
        let before = bureau.info.clone();
        let mut frozen = Vec::new();
        if before.kind != info.kind {
            for s in scenarios::list_scenarios(&tx)? {
                if s.status == ScenarioStatus::Approved
                    && rule_sets::stored_rules(&tx, s.id)?.is_none()
                {
                    let structure = scenarios::load_scenario(&tx, s.id)?.scenario.structure;
                    let rules = default_rules(&bureau, &structure);
                    rule_sets::write_rules(&tx, s.id, Some(&rules))?;
                    frozen.push(s.id);
                }
            }
        }
        let after = BureauInfo {
            name: name.to_owned(),
            kind: info.kind,
            as_of: info.as_of,
            background: info.background.clone(),
        };
        tx.execute(
            "UPDATE bureau SET name = ?1, kind = ?2, as_of = ?3, background = ?4 WHERE id = 1",
            rusqlite::params![
                after.name,
                crate::codec::enum_text(&after.kind),
                after.as_of.to_string(),
                after.background
            ],
        )?;
        audit::append(
            &tx,
            None,
            "bureau",
            &serde_json::json!({"before": before, "after": after, "rules_kept_for": frozen}),
        )?;
        let ratios = ratio_rules(&tx)?;
        tx.commit()?;
        Ok(ratios)
    }

    /// How every scenario's ratio rules compare with the bureau kind's defaults.
    pub fn ratio_rules(&mut self) -> Result<Vec<RatioRules>, StorageError> {
        let tx = self.read()?;
        ratio_rules(&tx)
    }

    /// Sets a scenario's ratio rules (station share, community shares) to the bureau kind's
    /// defaults, keeping its other rules; audited, refused on an approved scenario.
    pub fn switch_ratio_rules(&mut self, scenario_id: i64) -> Result<(), StorageError> {
        let tx = self.write()?;
        scenario_status::require_editable(&tx, scenario_id)?;
        let Some(before) = rule_sets::stored_rules(&tx, scenario_id)? else {
            // The defaults already follow the kind.
            return Ok(());
        };
        let kind = roster::load_bureau(&tx)?.info.kind;
        let share = default_share(kind);
        let after: Vec<Rule> = before
            .iter()
            .cloned()
            .map(|mut r| {
                match &mut r.kind {
                    RuleKind::StationShare { min }
                    | RuleKind::CommunityShare { min }
                    | RuleKind::StationCommunityShare { min } => *min = share,
                    _ => {}
                }
                r
            })
            .collect();
        if after == before {
            return Ok(());
        }
        rule_sets::write_rules(&tx, scenario_id, Some(&after))?;
        crate::scenario_columns::touch(&tx, scenario_id)?;
        audit::append(
            &tx,
            Some(scenario_id),
            "rules",
            &serde_json::json!({"before": before, "after": after, "ratio_defaults": share}),
        )?;
        tx.commit()?;
        Ok(())
    }
}

fn ratio_rules(tx: &rusqlite::Transaction<'_>) -> Result<Vec<RatioRules>, StorageError> {
    let bureau = roster::load_bureau(tx)?;
    let share = default_share(bureau.info.kind);
    let mut out = Vec::new();
    for s in scenarios::list_scenarios(tx)? {
        let rules = match rule_sets::stored_rules(tx, s.id)? {
            Some(rules) => rules,
            None => {
                let structure = scenarios::load_scenario(tx, s.id)?.scenario.structure;
                default_rules(&bureau, &structure)
            }
        };
        let min_of = |want: fn(&RuleKind) -> bool| {
            rules
                .iter()
                .filter(|r| want(&r.kind))
                .filter_map(|r| ratio_min(&r.kind))
                .reduce(f64::min)
        };
        let differs = rules
            .iter()
            .filter(|r| is_ratio(&r.kind))
            .filter_map(|r| ratio_min(&r.kind))
            .any(|m| (m - share).abs() > 1e-9);
        out.push(RatioRules {
            scenario_id: s.id,
            scenario_name: s.name,
            station_share: min_of(|k| matches!(k, RuleKind::StationShare { .. })),
            community_share: min_of(|k| matches!(k, RuleKind::CommunityShare { .. })),
            default_share: share,
            differs,
            approved: s.status == ScenarioStatus::Approved,
        });
    }
    Ok(out)
}
