//! Policy rules as data: each rule is a typed value with its parameters, hard or soft, and the
//! policy it comes from. Rules live in bureau files and workspaces; [`default_rules`] gives the
//! set a bureau of each kind starts with.

mod text;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::limits::{MAX_AGE, MAX_COUNT};
use crate::model::{Bureau, BureauKind, Category, Qualification, Structure, UnitId, UnitKind};
use crate::squad_workload::{has_squad_figures, SquadWeights, DEFAULT_SQUAD_MIN_OFFICERS};
use crate::workload::{has_figures, WorkloadBand, WorkloadWeights};

pub use text::{describe, describe_in, pct as share_as_stated, source, Lang};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Rule {
    /// Stable within a rule set, e.g. `station_share`.
    pub id: String,
    pub kind: RuleKind,
    /// A hard rule must hold; a soft one is penalised by `weight` per officer short.
    pub hard: bool,
    #[serde(default = "default_weight")]
    pub weight: f64,
}

fn default_weight() -> f64 {
    1.0
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum RuleKind {
    /// Station officers ≥ `min` of all officers (两个40%).
    StationShare { min: f64 },
    /// Community police ≥ `min` of all station officers.
    CommunityShare { min: f64 },
    /// Community police ≥ `min` of each station's officers.
    StationCommunityShare { min: f64 },
    /// Each station has at least one person (officer or auxiliary) per grid it covers (一村一警).
    GridCoverage,
    /// Headcount of one category in a unit, its sub-units included.
    UnitHeadcount {
        unit: UnitId,
        category: Category,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        min: Option<u32>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        max: Option<u32>,
    },
    /// Mid-level heads and deputies placed in each unit within its posts (职数).
    PostsWithinLimits,
    /// The new structure offers at least as many mid-level posts as the old one (中层职数不减).
    TotalPostsKept,
    /// Office officers reduced by at least `min` of today's.
    OfficeReduction { min: f64 },
    /// Office non-leader officers aged `age` or more go to the grassroots (五零下沉).
    SeniorsToGrassroots { age: u32 },
    /// Officers entering an office unit from elsewhere hold a professional grade qualification.
    ProfessionalGradeForOffice,
    /// Unit `unit` (sub-units included) has at least `min` officers with `speciality`.
    SpecialityCoverage {
        unit: UnitId,
        speciality: String,
        min: u32,
    },
    /// Auxiliaries per officer in `unit` (sub-units included) within [min, max].
    AuxiliaryRatio { unit: UnitId, min: f64, max: f64 },
    /// At most `max` people moved.
    MoveCap { max: u32 },
    /// Every unit's officers and auxiliaries, sub-units included, within its establishment
    /// (编制, as `metrics::establishment` defines it).
    UnitEstablishment,
    /// Every unit keeps at least `min` officers, sub-units included (`units` sets another
    /// minimum for some units), never more than its officer establishment: no unit is emptied.
    UnitMinimum {
        min: u32,
        #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
        units: BTreeMap<UnitId, u32>,
    },
    /// Each station's officers follow its demand from the workload model (警力配置测算) at
    /// the plan's station total: soft, every officer off the demand is penalised; hard, each
    /// station stays within `band` of it (±0 without one).
    StationWorkload {
        #[serde(default)]
        weights: WorkloadWeights,
        /// The floor of the demand: officers every station needs whatever its figures.
        #[serde(default = "default_min_officers")]
        min_officers: u32,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        band: Option<WorkloadBand>,
    },
    /// Each traffic squad's officers follow its demand from the squad workload model
    /// (road length, accidents, traffic calls, vehicles) at the plan's squad total; soft or
    /// within `band` as `StationWorkload`.
    SquadWorkload {
        #[serde(default)]
        weights: SquadWeights,
        /// The floor of the demand: officers every squad needs whatever its figures.
        #[serde(default = "default_squad_min_officers")]
        min_officers: u32,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        band: Option<WorkloadBand>,
    },
    /// Officers who enter `unit` (sub-units included) by a move hold `requires`: all of them
    /// when `share` is 1, else at least `share` of them (准入要求). Officers the merge map
    /// carries there, and those already there, are never forced out.
    EntryRequirement {
        unit: UnitId,
        requires: Requirement,
        #[serde(default = "whole_share")]
        #[ts(as = "Option<_>", optional)]
        share: f64,
    },
}

fn whole_share() -> f64 {
    1.0
}

/// What an entry requirement asks of an officer: a speciality (专长, as the roster spells it)
/// or a qualification.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum Requirement {
    Speciality(String),
    Qualification(Qualification),
}

impl Requirement {
    pub fn held_by(&self, p: &crate::model::Person) -> bool {
        match self {
            Requirement::Speciality(s) => p.specialities.iter().any(|x| x == s),
            Requirement::Qualification(q) => p.has(*q),
        }
    }
}

fn default_min_officers() -> u32 {
    DEFAULT_MIN_OFFICERS
}

fn default_squad_min_officers() -> u32 {
    DEFAULT_SQUAD_MIN_OFFICERS
}

/// The demand's floor per station by default: a duty officer, a community officer and a case
/// officer, the least a station can open its doors with.
pub const DEFAULT_MIN_OFFICERS: u32 = 3;

/// The default weight of `station_workload`: each officer off the demand costs 0.4 (× the
/// penalty scale of 2), less than half a move, so the rule steers whom the plan sends down
/// but does not move today's station officers between stations (a transfer evens out two
/// officers of deviation: 0.8 < 1). Raise it above 0.25 to rebalance the stations too.
pub const DEFAULT_WORKLOAD_WEIGHT: f64 = 0.2;

impl RuleKind {
    /// The unit a rule names, for validation.
    pub fn unit(&self) -> Option<&str> {
        match self {
            RuleKind::UnitHeadcount { unit, .. }
            | RuleKind::SpecialityCoverage { unit, .. }
            | RuleKind::AuxiliaryRatio { unit, .. }
            | RuleKind::EntryRequirement { unit, .. } => Some(unit),
            _ => None,
        }
    }

    /// A workload rule's first weight out of range (each rule kind weighs its own demands).
    fn invalid_workload_weight(&self) -> Option<&'static str> {
        match self {
            RuleKind::StationWorkload { weights, .. } => weights.invalid_field(),
            RuleKind::SquadWorkload { weights, .. } => weights.invalid_field(),
            _ => None,
        }
    }
}

impl RuleKind {
    /// The counts a rule names, by field, for the bounds check.
    fn counts(&self) -> Vec<(&'static str, u32)> {
        match self {
            RuleKind::UnitHeadcount { min, max, .. } => [("kind.min", *min), ("kind.max", *max)]
                .into_iter()
                .filter_map(|(f, n)| n.map(|n| (f, n)))
                .collect(),
            RuleKind::SpecialityCoverage { min, .. } => vec![("kind.min", *min)],
            RuleKind::MoveCap { max } => vec![("kind.max", *max)],
            RuleKind::UnitMinimum { min, units } => std::iter::once(("kind.min", *min))
                .chain(units.values().map(|n| ("kind.units", *n)))
                .collect(),
            RuleKind::StationWorkload {
                min_officers, band, ..
            }
            | RuleKind::SquadWorkload {
                min_officers, band, ..
            } => {
                let mut v = vec![("kind.min_officers", *min_officers)];
                if let Some(WorkloadBand::Officers { k }) = band {
                    v.push(("kind.band.k", *k));
                }
                v
            }
            _ => Vec::new(),
        }
    }
}

/// Checks what the types cannot: unique ids, units that exist in `structure`, shares in
/// [0, 1], ordered ranges, non-negative weights, counts and ages within `limits`. On failure: the rule's index, the field and
/// what was expected there.
pub fn validate_rules(
    rules: &[Rule],
    structure: &Structure,
) -> Result<(), (usize, String, String)> {
    let mut ids = std::collections::HashSet::new();
    for (i, r) in rules.iter().enumerate() {
        let fail = |field: &str, expected: String| Err((i, field.to_owned(), expected));
        if r.id.trim().is_empty() {
            return fail("id", "a non-empty rule id".into());
        }
        if !ids.insert(r.id.as_str()) {
            return fail("id", format!("a unique rule id; {:?} appears twice", r.id));
        }
        if !(r.weight.is_finite() && r.weight >= 0.0) {
            return fail("weight", format!("a weight ≥ 0, found {}", r.weight));
        }
        if let Some(unit) = r.kind.unit() {
            if structure.unit(unit).is_none() {
                return fail(
                    "kind.unit",
                    format!("the id of one of structure.units, found {unit:?}"),
                );
            }
        }
        if let RuleKind::UnitMinimum { units, .. } = &r.kind {
            if let Some(unit) = units.keys().find(|u| structure.unit(u).is_none()) {
                return fail(
                    "kind.units",
                    format!("ids of structure.units as keys, found {unit:?}"),
                );
            }
        }
        for (field, n) in r.kind.counts() {
            if n > MAX_COUNT {
                return fail(field, format!("a count of at most {MAX_COUNT}, found {n}"));
            }
        }
        match &r.kind {
            RuleKind::SeniorsToGrassroots { age } if *age > MAX_AGE => {
                return fail(
                    "kind.age",
                    format!("an age of at most {MAX_AGE}, found {age}"),
                );
            }
            RuleKind::StationShare { min }
            | RuleKind::CommunityShare { min }
            | RuleKind::StationCommunityShare { min }
            | RuleKind::OfficeReduction { min }
                if !(0.0..=1.0).contains(min) =>
            {
                return fail("kind.min", format!("a share between 0 and 1, found {min}"));
            }
            RuleKind::EntryRequirement { share, .. } if !(*share > 0.0 && *share <= 1.0) => {
                return fail(
                    "kind.share",
                    format!("a share above 0 and at most 1, found {share}"),
                );
            }
            RuleKind::EntryRequirement {
                requires: Requirement::Speciality(s),
                ..
            } if s.trim().is_empty() => {
                return fail("kind.requires.speciality", "a non-empty speciality".into());
            }
            RuleKind::UnitHeadcount {
                min: Some(lo),
                max: Some(hi),
                ..
            } if lo > hi => {
                return fail(
                    "kind.max",
                    format!("a maximum ≥ the minimum {lo}, found {hi}"),
                );
            }
            RuleKind::AuxiliaryRatio { min, max, .. }
                if !(min.is_finite() && max.is_finite() && *min >= 0.0 && min <= max) =>
            {
                return fail(
                    "kind.max",
                    format!("0 ≤ min ≤ max, found min {min} and max {max}"),
                );
            }
            RuleKind::StationWorkload { band, .. } | RuleKind::SquadWorkload { band, .. } => {
                if let Some(field) = r.kind.invalid_workload_weight() {
                    return fail(
                        &format!("kind.weights.{field}"),
                        "weights between 0 and 1000, at least one of them positive".into(),
                    );
                }
                if let Some(WorkloadBand::Percent { x }) = band {
                    if !(0.0..=1.0).contains(x) {
                        return fail("kind.band.x", format!("a share between 0 and 1, found {x}"));
                    }
                }
            }
            _ => {}
        }
    }
    Ok(())
}

fn rule(id: &str, kind: RuleKind, hard: bool) -> Rule {
    Rule {
        id: id.into(),
        kind,
        hard,
        weight: 1.0,
    }
}

/// The rules a bureau starts with: the ministry's shares (40% for a county bureau, 50% for a
/// city district), posts, qualifications, the 50+ preference, each new top-level unit's
/// establishment as its officer maximum (hard), and for every unit, sub-units included, its
/// establishment of officers and auxiliaries and at least one officer (soft: priced per whole
/// person by the establishment weight), and the entry requirements of [`entry_defaults`] (hard).
pub fn default_rules(bureau: &Bureau, structure: &Structure) -> Vec<Rule> {
    let share = match bureau.info.kind {
        BureauKind::County => 0.4,
        BureauKind::CityDistrict => 0.5,
    };
    let mut rules = vec![
        rule("station_share", RuleKind::StationShare { min: share }, true),
        rule(
            "community_share",
            RuleKind::CommunityShare { min: share },
            true,
        ),
        rule("grid_coverage", RuleKind::GridCoverage, false),
        rule("posts_within_limits", RuleKind::PostsWithinLimits, true),
        rule("total_posts_kept", RuleKind::TotalPostsKept, true),
        rule(
            "professional_grade_for_office",
            RuleKind::ProfessionalGradeForOffice,
            true,
        ),
        rule(
            "seniors_to_grassroots",
            RuleKind::SeniorsToGrassroots { age: 50 },
            false,
        ),
        rule("unit_establishment", RuleKind::UnitEstablishment, false),
        rule(
            "unit_minimum",
            RuleKind::UnitMinimum {
                min: 1,
                units: BTreeMap::new(),
            },
            false,
        ),
    ];
    rules.extend(entry_defaults(structure));
    if has_figures(bureau, structure) {
        rules.push(Rule {
            weight: DEFAULT_WORKLOAD_WEIGHT,
            ..rule(
                "station_workload",
                RuleKind::StationWorkload {
                    weights: WorkloadWeights::default(),
                    min_officers: DEFAULT_MIN_OFFICERS,
                    band: None,
                },
                false,
            )
        });
    }
    if has_squad_figures(bureau, structure) {
        rules.push(Rule {
            weight: DEFAULT_WORKLOAD_WEIGHT,
            ..rule(
                "squad_workload",
                RuleKind::SquadWorkload {
                    weights: SquadWeights::default(),
                    min_officers: DEFAULT_SQUAD_MIN_OFFICERS,
                    band: None,
                },
                false,
            )
        });
    }
    for u in structure.units.iter().filter(|u| u.parent.is_none()) {
        // Saturating: a stored out-of-range establishment must not panic here.
        let establishment = structure
            .units
            .iter()
            .filter(|c| c.parent.as_deref() == Some(u.id.as_str()))
            .fold(u.officer_establishment, |sum, c| {
                sum.saturating_add(c.officer_establishment)
            });
        if establishment == 0 || u.kind == UnitKind::Other {
            continue;
        }
        rules.push(rule(
            &format!("establishment:{}", u.id),
            RuleKind::UnitHeadcount {
                unit: u.id.clone(),
                category: Category::Officer,
                min: None,
                max: Some(establishment),
            },
            true,
        ));
    }
    rules
}

/// The speciality a traffic squad asks of officers who enter it.
pub const TRAFFIC_SPECIALITY: &str = "交通";
/// The share of officers entering a legal-affairs sub-unit who hold 法律职业资格.
pub const LEGAL_SHARE: f64 = 0.5;

/// Whether a unit does legal-affairs work (法制, 执法业务): its name says so, as the
/// templates and planners name such rooms, so that a bureau's own names are recognised too.
fn is_legal_affairs(unit: &crate::model::Unit) -> bool {
    unit.kind == UnitKind::SubUnit
        && ["法制", "执法业务", "法务"]
            .iter()
            .any(|w| unit.name.contains(w))
}

/// Entry requirements every structure starts with (hard): each traffic squad takes only
/// officers with the traffic speciality; each legal-affairs sub-unit takes officers of whom at
/// least [`LEGAL_SHARE`] hold 法律职业资格.
pub fn entry_defaults(structure: &Structure) -> Vec<Rule> {
    let mut rules = Vec::new();
    for u in &structure.units {
        let requires = if u.kind == UnitKind::TrafficSquad {
            (Requirement::Speciality(TRAFFIC_SPECIALITY.into()), 1.0)
        } else if is_legal_affairs(u) {
            (
                Requirement::Qualification(Qualification::Legal),
                LEGAL_SHARE,
            )
        } else {
            continue;
        };
        rules.push(rule(
            &format!("entry:{}", u.id),
            RuleKind::EntryRequirement {
                unit: u.id.clone(),
                requires: requires.0,
                share: requires.1,
            },
            // Soft: a roster may carry few specialities, and a hard default could leave a
            // bureau without any plan; each officer entering without it is penalised.
            false,
        ));
    }
    rules
}
