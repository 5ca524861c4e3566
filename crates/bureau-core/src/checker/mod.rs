//! The independent checker: re-evaluates every rule on an assignment in plain Rust, without
//! the solver, so that every optimiser result can be verified by code that shares nothing with
//! the model that produced it. One function per rule kind, grouped by what the rule looks at
//! (`shares.rs`, `units.rs`, `people.rs`, `workload.rs`); `Ctx::check_rule` picks one.
//!
//! People absent from the assignment count in their old unit (as in `metrics`).

use std::collections::{HashMap, HashSet};

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::metrics::{holds_community_post, MoveIndex};
use crate::model::{
    Assignment, Bureau, Category, CommunityRoles, Draft, Person, PoliceNumber, Structure, Tier,
    Unit, UnitId, UnitKind,
};
use crate::rules::{describe_in, Lang, Rule, RuleKind};

mod people;
mod shares;
mod units;
mod workload;

const EPS: f64 = 1e-9;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Violation {
    pub rule_id: String,
    pub hard: bool,
    /// What the rule asks for and what the assignment gives (shares as fractions, else counts).
    pub required: f64,
    pub actual: f64,
    /// How many people the rule is off by (officers, posts, moves…): short of a minimum, or
    /// over a maximum when `over` is set.
    pub shortfall: u32,
    /// The rule states a maximum and the assignment exceeds it (超出), rather than falling
    /// short of a minimum (差).
    #[serde(default)]
    pub over: bool,
    pub units: Vec<UnitId>,
    pub people: Vec<PoliceNumber>,
    pub message_zh: String,
    pub message_en: String,
}

/// An entry of a plan's assignment naming a person or a unit the bureau does not have.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnknownEntry {
    pub police_number: PoliceNumber,
    pub unit: UnitId,
    /// No one on the roster has this police number.
    pub unknown_person: bool,
    /// No unit of the new structure has this id.
    pub unknown_unit: bool,
}

impl std::fmt::Display for UnknownEntry {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut what = Vec::new();
        if self.unknown_person {
            what.push(format!("unknown police number {:?}", self.police_number));
        }
        if self.unknown_unit {
            what.push(format!(
                "unknown unit {:?} (expected the id of one of structure.units)",
                self.unit
            ));
        }
        write!(
            f,
            "assignment[{:?}] = {:?}: {}",
            self.police_number,
            self.unit,
            what.join(", ")
        )
    }
}

/// Every entry of `assignment` that names someone not on the roster or a unit not in
/// `structure`, in the assignment's order. [`check`] would pass over such entries (the person
/// counted nowhere, or in their old unit), so a plan read from a file is refused on them first.
pub fn unknown_entries(
    bureau: &Bureau,
    structure: &Structure,
    assignment: &Assignment,
) -> Vec<UnknownEntry> {
    let people: HashSet<&str> = bureau
        .people
        .iter()
        .map(|p| p.police_number.as_str())
        .collect();
    assignment
        .iter()
        .filter_map(|(number, unit)| {
            let unknown_person = !people.contains(number.as_str());
            let unknown_unit = structure.unit(unit).is_none();
            (unknown_person || unknown_unit).then(|| UnknownEntry {
                police_number: number.clone(),
                unit: unit.clone(),
                unknown_person,
                unknown_unit,
            })
        })
        .collect()
}

/// Where each person ends up: a new unit, or their old unit while unassigned.
struct Placement<'a> {
    unit: &'a Unit,
    is_new: bool,
}

/// Checks `rules` on `assignment`; `draft` supplies the pins (pinned people must stay where
/// the draft puts them), the exclusions and the plan's community roles (who holds a community
/// post is read from the plan, never from a model). Returns every violation, hard and soft.
pub fn check(
    bureau: &Bureau,
    structure: &Structure,
    rules: &[Rule],
    assignment: &Assignment,
    draft: &Draft,
) -> Vec<Violation> {
    let old: HashMap<&str, &Unit> = bureau
        .old_units
        .iter()
        .map(|u| (u.id.as_str(), u))
        .collect();
    let new: HashMap<&str, &Unit> = structure.units.iter().map(|u| (u.id.as_str(), u)).collect();
    let placements: Vec<Option<Placement<'_>>> = bureau
        .people
        .iter()
        .map(|p| {
            match assignment
                .get(&p.police_number)
                .and_then(|id| new.get(id.as_str()))
            {
                Some(unit) => Some(Placement { unit, is_new: true }),
                None => old.get(p.current_unit.as_str()).map(|unit| Placement {
                    unit,
                    is_new: false,
                }),
            }
        })
        .collect();
    let mut by_unit: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, pl) in placements.iter().enumerate() {
        if let Some(pl) = pl.as_ref().filter(|pl| pl.is_new) {
            by_unit.entry(pl.unit.id.as_str()).or_default().push(i);
        }
    }
    let parents = structure
        .units
        .iter()
        .filter_map(|u| u.parent.as_deref().map(|p| (u.id.as_str(), p)))
        .collect();
    let ctx = Ctx {
        bureau,
        structure,
        roles: &draft.community,
        placements,
        assignment,
        parents,
        moves: MoveIndex::new(structure),
        old: old.clone(),
        by_unit,
    };
    let mut out = Vec::new();
    for number in &draft.pins {
        let wanted = draft.assignment.get(number);
        if wanted.is_some() && assignment.get(number) != wanted {
            out.push(violation(
                "pins",
                true,
                1.0,
                0.0,
                1,
                wanted.into_iter().cloned().collect(),
                vec![number.clone()],
                format!("固定人员 {number} 未留在指定单位"),
                format!("pinned person {number} is not where pinned"),
            ));
        }
    }
    out.extend(ctx.check_exclusions(draft));
    for rule in rules {
        out.extend(ctx.check_rule(rule));
    }
    out
}

#[allow(clippy::too_many_arguments)]
fn violation(
    rule_id: &str,
    hard: bool,
    required: f64,
    actual: f64,
    shortfall: u32,
    units: Vec<UnitId>,
    people: Vec<PoliceNumber>,
    message_zh: String,
    message_en: String,
) -> Violation {
    Violation {
        rule_id: rule_id.into(),
        hard,
        required,
        actual,
        shortfall,
        // Every rule that states a maximum reports the maximum as `required` and the larger
        // count as `actual`; every minimum the other way round.
        over: actual > required,
        units,
        people,
        message_zh,
        message_en,
    }
}

fn ceil_u32(x: f64) -> u32 {
    if x <= EPS {
        0
    } else {
        (x - EPS).ceil() as u32
    }
}

/// A rule's description followed by where and by how much it fails: "…（某所正职超出 1）" /
/// "… (某所 heads: over by 1)". `at` names the unit (empty for a bureau-wide rule), `what_zh`
/// and `what_en` the post concerned (empty for headcounts).
fn amounts(
    zh: &str,
    en: &str,
    at: &str,
    what_zh: &str,
    what_en: &str,
    over: bool,
    n: u32,
) -> (String, String) {
    let (word_zh, word_en) = if over {
        ("超出", "over by")
    } else {
        ("差", "short by")
    };
    let en_at = if at.is_empty() && what_en.is_empty() {
        String::new()
    } else {
        format!("{at}{what_en}: ")
    };
    (
        format!("{zh}（{at}{what_zh}{word_zh} {n}）"),
        format!("{en} ({en_at}{word_en} {n})"),
    )
}

/// One rule under check: its description in both languages, from which every violation's
/// message is made.
struct RuleCheck<'r> {
    rule: &'r Rule,
    zh: String,
    en: String,
    /// A rule that names its unit says so in its description; the others (one check per
    /// unit) name the units at fault in each message.
    names_unit: bool,
}

impl<'r> RuleCheck<'r> {
    fn new(ctx: &Ctx<'_>, rule: &'r Rule) -> Self {
        RuleCheck {
            rule,
            zh: describe_in(&rule.kind, Lang::ZhCn, ctx.structure),
            en: describe_in(&rule.kind, Lang::En, ctx.structure),
            names_unit: rule.kind.unit().is_some(),
        }
    }

    /// A violation off by `shortfall`, its message naming `units` unless the rule names its own.
    fn found(
        &self,
        ctx: &Ctx<'_>,
        required: f64,
        actual: f64,
        shortfall: u32,
        units: Vec<UnitId>,
        people: Vec<PoliceNumber>,
    ) -> Violation {
        let at = if self.names_unit {
            String::new()
        } else {
            ctx.unit_names(&units)
        };
        let (zh, en) = amounts(
            &self.zh,
            &self.en,
            &at,
            "",
            "",
            actual > required,
            shortfall,
        );
        violation(
            &self.rule.id,
            self.rule.hard,
            required,
            actual,
            shortfall,
            units,
            people,
            zh,
            en,
        )
    }

    /// A violation at `unit`: its count of `what` (民警, 正职…) against the limit `required`.
    fn at_unit(
        &self,
        unit: &Unit,
        what_zh: &str,
        what_en: &str,
        required: u32,
        actual: u32,
        people: Vec<PoliceNumber>,
    ) -> Violation {
        let n = actual.abs_diff(required);
        let over = actual > required;
        let (zh, en) = amounts(&self.zh, &self.en, &unit.name, what_zh, what_en, over, n);
        violation(
            &self.rule.id,
            self.rule.hard,
            f64::from(required),
            f64::from(actual),
            n,
            vec![unit.id.clone()],
            people,
            zh,
            en,
        )
    }
}

struct Ctx<'a> {
    bureau: &'a Bureau,
    structure: &'a Structure,
    roles: &'a CommunityRoles,
    placements: Vec<Option<Placement<'a>>>,
    assignment: &'a Assignment,
    /// New unit id → its parent's id.
    parents: HashMap<&'a str, &'a str>,
    moves: MoveIndex<'a>,
    old: HashMap<&'a str, &'a Unit>,
    /// People (roster indices) placed in each new unit.
    by_unit: HashMap<&'a str, Vec<usize>>,
}

impl<'a> Ctx<'a> {
    fn placed(&self) -> impl Iterator<Item = (&'a Person, &Placement<'a>)> {
        self.bureau
            .people
            .iter()
            .zip(&self.placements)
            .filter_map(|(p, pl)| pl.as_ref().map(|pl| (p, pl)))
    }

    /// People placed in `unit` of the new structure or any unit below it.
    fn in_subtree(&self, unit: &str) -> impl Iterator<Item = &'a Person> + '_ {
        let unit = unit.to_owned();
        self.by_unit
            .iter()
            .filter(move |(id, _)| self.within(id, &unit))
            .flat_map(|(_, people)| people.iter().map(|&i| &self.bureau.people[i]))
    }

    /// People placed directly in new unit `id`, in roster order.
    fn placed_in(&self, id: &str) -> impl Iterator<Item = &'a Person> + '_ {
        self.by_unit
            .get(id)
            .into_iter()
            .flatten()
            .map(|&i| &self.bureau.people[i])
    }

    fn within(&self, id: &str, ancestor: &str) -> bool {
        let mut at = Some(id);
        let mut steps = 0;
        while let Some(current) = at {
            if current == ancestor {
                return true;
            }
            steps += 1;
            if steps > self.structure.units.len() {
                return false;
            }
            at = self.parents.get(current).copied();
        }
        false
    }

    fn check_rule(&self, rule: &Rule) -> Vec<Violation> {
        let c = RuleCheck::new(self, rule);
        match &rule.kind {
            RuleKind::StationShare { min } => shares::station_share(self, &c, *min),
            RuleKind::CommunityShare { min } => shares::community_share(self, &c, *min),
            RuleKind::StationCommunityShare { min } => {
                shares::station_community_share(self, &c, *min)
            }
            RuleKind::OfficeReduction { min } => shares::office_reduction(self, &c, *min),
            RuleKind::GridCoverage => units::grid_coverage(self, &c),
            RuleKind::UnitHeadcount {
                unit,
                category,
                min,
                max,
            } => units::unit_headcount(self, &c, unit, *category, *min, *max),
            RuleKind::PostsWithinLimits => units::posts_within_limits(self, &c),
            RuleKind::TotalPostsKept => units::total_posts_kept(self, &c),
            RuleKind::SpecialityCoverage {
                unit,
                speciality,
                min,
            } => units::speciality_coverage(self, &c, unit, speciality, *min),
            RuleKind::AuxiliaryRatio { unit, min, max } => {
                units::auxiliary_ratio(self, &c, unit, *min, *max)
            }
            RuleKind::UnitEstablishment => units::unit_establishment(self, &c),
            RuleKind::UnitMinimum { min, units } => units::unit_minimum(self, &c, *min, units),
            RuleKind::SeniorsToGrassroots { age } => people::seniors_to_grassroots(self, &c, *age),
            RuleKind::ProfessionalGradeForOffice => people::professional_grade_for_office(self, &c),
            RuleKind::EntryRequirement {
                unit,
                requires,
                share,
            } => people::entry_requirement(self, &c, unit, requires, *share),
            RuleKind::MoveCap { max } => people::move_cap(self, &c, *max),
            RuleKind::StationWorkload {
                weights,
                min_officers,
                band,
            } => workload::station_workload(self, &c, weights, *min_officers, band.as_ref()),
            RuleKind::SquadWorkload {
                weights,
                min_officers,
                band,
            } => workload::squad_workload(self, &c, weights, *min_officers, band.as_ref()),
        }
    }

    /// Each exclusion of the draft whose person the assignment places where it says they must
    /// not go (the unit or below it; any grassroots unit): one hard violation per person.
    fn check_exclusions(&self, draft: &Draft) -> Vec<Violation> {
        let mut out = Vec::new();
        for x in &draft.exclusions {
            let Some(placed) = self
                .assignment
                .get(&x.police_number)
                .and_then(|id| self.structure.unit(id))
            else {
                continue;
            };
            let (broken, where_zh, where_en) = match &x.unit {
                Some(unit) => {
                    let name = self.unit_names(std::slice::from_ref(unit));
                    (self.within(&placed.id, unit), name.clone(), name)
                }
                None => (
                    placed.tier == Tier::Grassroots,
                    "基层所队".to_owned(),
                    "the grassroots".to_owned(),
                ),
            };
            if broken {
                let n = &x.police_number;
                out.push(violation(
                    "exclusions",
                    true,
                    0.0,
                    1.0,
                    1,
                    vec![placed.id.clone()],
                    vec![n.clone()],
                    format!("{n} 不宜调往{where_zh}，却被安排在{}", placed.name),
                    format!(
                        "{n} must not go to {where_en}, yet is placed in {}",
                        placed.name
                    ),
                ));
            }
        }
        out
    }

    /// Officers and auxiliaries placed in each new unit or below it, by unit id: each
    /// person added to their unit and every ancestor (bounded, as `within`).
    fn subtree_counts(&self) -> HashMap<&'a str, (u32, u32)> {
        let mut counts: HashMap<&'a str, (u32, u32)> = HashMap::new();
        for (&id, people) in &self.by_unit {
            let officers = people
                .iter()
                .filter(|&&i| self.bureau.people[i].is_officer())
                .count() as u32;
            let auxiliaries = people.len() as u32 - officers;
            let mut at = Some(id);
            for _ in 0..=self.structure.units.len() {
                let Some(current) = at else { break };
                let c = counts.entry(current).or_default();
                c.0 += officers;
                c.1 += auxiliaries;
                at = self.parents.get(current).copied();
            }
        }
        counts
    }

    /// The names of new units `ids` (the id where a unit has none), joined for a message.
    fn unit_names(&self, ids: &[UnitId]) -> String {
        ids.iter()
            .map(|id| {
                self.structure
                    .unit(id)
                    .map_or(id.as_str(), |u| u.name.as_str())
            })
            .collect::<Vec<_>>()
            .join("、")
    }

    fn community(&self, p: &Person, pl: &Placement<'_>) -> bool {
        holds_community_post(self.bureau.info.as_of, p, pl.unit, self.roles)
    }

    fn old_tier(&self, p: &Person) -> Option<Tier> {
        self.old.get(p.current_unit.as_str()).map(|u| u.tier)
    }

    fn stations(&self) -> impl Iterator<Item = &'a Unit> {
        self.structure
            .units
            .iter()
            .filter(|u| u.kind == UnitKind::PoliceStation)
    }

    /// Applies `test(officers, community officers)` to each new station.
    fn per_station<T>(&self, test: impl Fn(u32, u32) -> Option<T>) -> Vec<(UnitId, T)> {
        let mut counts: HashMap<&str, (u32, u32)> = HashMap::new();
        for (p, pl) in self.placed() {
            if pl.is_new && pl.unit.is_station() && p.category == Category::Officer {
                let c = counts.entry(pl.unit.id.as_str()).or_default();
                c.0 += 1;
                c.1 += u32::from(self.community(p, pl));
            }
        }
        let mut seen = HashSet::new();
        self.stations()
            .filter(|s| seen.insert(s.id.as_str()))
            .filter_map(|s| {
                let (o, c) = counts.get(s.id.as_str()).copied().unwrap_or((0, 0));
                test(o, c).map(|t| (s.id.clone(), t))
            })
            .collect()
    }
}
