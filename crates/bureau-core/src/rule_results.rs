//! Every rule of a set evaluated on an assignment, passing or not, with the numbers behind it:
//! what the live rules panel and the reports show. Pass/fail comes from the independent
//! checker, so this view can never disagree with `check`; the measured value of a rule that
//! passes comes from the metrics.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::checker::{check, Violation};
use crate::metrics::{compute_metrics, Metrics};
use crate::model::{Assignment, Bureau, Category, Draft, PoliceNumber, Structure, UnitId};
use crate::rules::{describe_in, source, Lang, Rule, RuleKind};

/// The pseudo-rule under which the checker reports pins that are not kept.
pub const PINS_RULE_ID: &str = "pins";

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct RuleResult {
    pub rule_id: String,
    pub hard: bool,
    pub passed: bool,
    /// What the rule asks for and what the assignment gives (shares as fractions, else
    /// counts); `None` where one number cannot summarise the rule (e.g. one row per unit).
    pub required: Option<f64>,
    pub actual: Option<f64>,
    /// People the rule is short (or over) by, summed over its units.
    pub shortfall: u32,
    /// The rule states a maximum and `shortfall` is by how much it is exceeded (超出), not
    /// how far a minimum is missed (差).
    #[serde(default)]
    pub over: bool,
    /// What a failing rule concerns, for highlighting.
    pub units: Vec<UnitId>,
    pub people: Vec<PoliceNumber>,
    pub description_zh: String,
    pub description_en: String,
    pub source_zh: String,
    pub source_en: String,
}

/// Evaluates `rules` (and the draft's pins) on `assignment`, one result per rule in order,
/// then one for the pins when the draft has any.
pub fn evaluate(
    bureau: &Bureau,
    structure: &Structure,
    rules: &[Rule],
    assignment: &Assignment,
    draft: &Draft,
) -> Vec<RuleResult> {
    let violations = check(bureau, structure, rules, assignment, draft);
    let metrics = compute_metrics(bureau, structure, assignment, &draft.community);
    let mut out: Vec<RuleResult> = rules
        .iter()
        .map(|rule| {
            let mine: Vec<&Violation> =
                violations.iter().filter(|v| v.rule_id == rule.id).collect();
            let (required, actual) = match mine.first() {
                Some(v) if mine.len() == 1 => (Some(v.required), Some(v.actual)),
                Some(_) => (None, None),
                None => measure(&rule.kind, &metrics),
            };
            result(
                &rule.id,
                rule.hard,
                &mine,
                required,
                actual,
                Texts {
                    description_zh: describe_in(&rule.kind, Lang::ZhCn, structure),
                    description_en: describe_in(&rule.kind, Lang::En, structure),
                    source_zh: source(&rule.kind, Lang::ZhCn).into(),
                    source_en: source(&rule.kind, Lang::En).into(),
                },
            )
        })
        .collect();
    if !draft.pins.is_empty() {
        let broken: Vec<&Violation> = violations
            .iter()
            .filter(|v| v.rule_id == PINS_RULE_ID)
            .collect();
        let kept = draft.pins.len() - broken.len().min(draft.pins.len());
        out.push(result(
            PINS_RULE_ID,
            true,
            &broken,
            Some(draft.pins.len() as f64),
            Some(kept as f64),
            Texts {
                description_zh: "固定人员留在指定单位".into(),
                description_en: "pinned people stay where pinned".into(),
                source_zh: "规划人员设定".into(),
                source_en: "the planner".into(),
            },
        ));
    }
    out
}

struct Texts {
    description_zh: String,
    description_en: String,
    source_zh: String,
    source_en: String,
}

fn result(
    rule_id: &str,
    hard: bool,
    violations: &[&Violation],
    required: Option<f64>,
    actual: Option<f64>,
    texts: Texts,
) -> RuleResult {
    let mut units: Vec<UnitId> = Vec::new();
    let mut people: Vec<PoliceNumber> = Vec::new();
    for v in violations {
        units.extend(
            v.units
                .iter()
                .filter(|u| !units.contains(u))
                .cloned()
                .collect::<Vec<_>>(),
        );
        people.extend(v.people.iter().cloned());
    }
    RuleResult {
        rule_id: rule_id.into(),
        hard,
        passed: violations.is_empty(),
        required,
        actual,
        shortfall: violations
            .iter()
            .fold(0, |s: u32, v| s.saturating_add(v.shortfall)),
        over: violations.iter().any(|v| v.over),
        units,
        people,
        description_zh: texts.description_zh,
        description_en: texts.description_en,
        source_zh: texts.source_zh,
        source_en: texts.source_en,
    }
}

/// The measured value of a rule that passes, where one number tells it.
fn measure(kind: &RuleKind, m: &Metrics) -> (Option<f64>, Option<f64>) {
    let posts =
        |t: &crate::metrics::TierTotals| f64::from(t.head_posts) + f64::from(t.deputy_posts);
    match kind {
        RuleKind::StationShare { min } => (Some(*min), Some(m.station_share)),
        RuleKind::CommunityShare { min } => (Some(*min), Some(m.community_share)),
        RuleKind::OfficeReduction { min } => (Some(*min), Some(m.office_reduction)),
        RuleKind::MoveCap { max } => (Some(f64::from(*max)), Some(f64::from(m.moved))),
        RuleKind::TotalPostsKept => (Some(posts(&m.before)), Some(posts(&m.after))),
        RuleKind::SeniorsToGrassroots { .. } | RuleKind::ProfessionalGradeForOffice => {
            (Some(0.0), Some(0.0))
        }
        RuleKind::UnitHeadcount {
            unit,
            category,
            min,
            max,
        } => {
            let n = m.new_units.iter().find(|u| &u.unit_id == unit).map(|u| {
                f64::from(match category {
                    Category::Officer => u.officers_total,
                    Category::Auxiliary => u.auxiliaries_total,
                })
            });
            (max.or(*min).map(f64::from), n)
        }
        RuleKind::StationCommunityShare { .. }
        | RuleKind::GridCoverage
        | RuleKind::PostsWithinLimits
        | RuleKind::SpecialityCoverage { .. }
        | RuleKind::AuxiliaryRatio { .. }
        | RuleKind::UnitEstablishment
        | RuleKind::UnitMinimum { .. }
        | RuleKind::EntryRequirement { .. } => (None, None),
        // The checker reports the total deviation whenever there is any; none is 0.
        RuleKind::StationWorkload { .. } | RuleKind::SquadWorkload { .. } => (Some(0.0), Some(0.0)),
    }
}
