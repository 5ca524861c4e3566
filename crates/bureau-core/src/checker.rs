//! The independent checker: re-evaluates every rule on an assignment in plain Rust, without
//! the solver, so that every optimiser result can be verified by code that shares nothing with
//! the model that produced it.
//!
//! People absent from the assignment count in their old unit (as in `metrics`).

use std::collections::{HashMap, HashSet};

use serde::{Deserialize, Serialize};

use crate::metrics::{establishment, holds_community_post, MoveIndex};
use crate::model::{
    Assignment, Bureau, Category, CommunityRoles, Draft, Person, PoliceNumber, Post, Qualification,
    Structure, Tier, Unit, UnitId, UnitKind,
};
use crate::rules::{describe_in, Lang, Rule, RuleKind};

const EPS: f64 = 1e-9;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
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
        let en = describe_in(&rule.kind, Lang::En, self.structure);
        let zh = describe_in(&rule.kind, Lang::ZhCn, self.structure);
        // A rule that names its unit says so in its description; the others (one check per
        // unit) name the units at fault here.
        let names_unit = rule.kind.unit().is_some();
        let v = |required: f64,
                 actual: f64,
                 shortfall: u32,
                 units: Vec<UnitId>,
                 people: Vec<PoliceNumber>| {
            let at = if names_unit {
                String::new()
            } else {
                self.unit_names(&units)
            };
            let (zh, en) = amounts(&zh, &en, &at, "", "", actual > required, shortfall);
            violation(
                &rule.id, rule.hard, required, actual, shortfall, units, people, zh, en,
            )
        };
        let officers = self.bureau.people.iter().filter(|p| p.is_officer()).count() as f64;
        match &rule.kind {
            RuleKind::StationShare { min } => {
                let at_stations = self
                    .placed()
                    .filter(|(p, pl)| p.is_officer() && pl.unit.is_station())
                    .count() as f64;
                let share = if officers > 0.0 {
                    at_stations / officers
                } else {
                    0.0
                };
                // A bureau without officers has no share to miss (as the model's row 0 ≥ 0).
                if officers > 0.0 && share + EPS < *min {
                    return vec![v(
                        *min,
                        share,
                        ceil_u32(min * officers - at_stations),
                        vec![],
                        vec![],
                    )];
                }
            }
            RuleKind::CommunityShare { min } => {
                let station: Vec<(&Person, &Placement<'_>)> = self
                    .placed()
                    .filter(|(p, pl)| p.is_officer() && pl.unit.is_station())
                    .collect();
                let community = station
                    .iter()
                    .filter(|(p, pl)| self.community(p, pl))
                    .count() as f64;
                let n = station.len() as f64;
                if n > 0.0 && community / n + EPS < *min {
                    return vec![v(
                        *min,
                        community / n,
                        ceil_u32(min * n - community),
                        vec![],
                        vec![],
                    )];
                }
            }
            RuleKind::StationCommunityShare { min } => {
                return self
                    .per_station(|officers, community| {
                        let n = officers as f64;
                        (n > 0.0 && (community as f64) / n + EPS < *min).then(|| {
                            (
                                *min,
                                community as f64 / n,
                                ceil_u32(min * n - community as f64),
                            )
                        })
                    })
                    .into_iter()
                    .map(|(unit, (req, act, short))| v(req, act, short, vec![unit], vec![]))
                    .collect();
            }
            RuleKind::GridCoverage => {
                let mut out = Vec::new();
                for s in self.stations() {
                    let people = self.placed_in(&s.id).count() as u32;
                    if people < s.grids {
                        out.push(v(
                            f64::from(s.grids),
                            f64::from(people),
                            s.grids - people,
                            vec![s.id.clone()],
                            vec![],
                        ));
                    }
                }
                return out;
            }
            RuleKind::UnitHeadcount {
                unit,
                category,
                min,
                max,
            } => {
                let n = self
                    .in_subtree(unit)
                    .filter(|p| p.category == *category)
                    .count() as u32;
                if let Some(lo) = min.filter(|lo| n < *lo) {
                    return vec![v(
                        f64::from(lo),
                        f64::from(n),
                        lo - n,
                        vec![unit.clone()],
                        vec![],
                    )];
                }
                if let Some(hi) = max.filter(|hi| n > *hi) {
                    return vec![v(
                        f64::from(hi),
                        f64::from(n),
                        n - hi,
                        vec![unit.clone()],
                        vec![],
                    )];
                }
            }
            RuleKind::PostsWithinLimits => {
                let mut out = Vec::new();
                for u in &self.structure.units {
                    let here: Vec<&Person> = self.placed_in(&u.id).collect();
                    for (post, limit) in
                        [(Post::Head, u.head_posts), (Post::Deputy, u.deputy_posts)]
                    {
                        let holders: Vec<PoliceNumber> = here
                            .iter()
                            .filter(|p| p.post == post)
                            .map(|p| p.police_number.clone())
                            .collect();
                        let n = holders.len() as u32;
                        if n > limit {
                            let (post_zh, post_en) = match post {
                                Post::Head => ("正职", " heads"),
                                _ => ("副职", " deputies"),
                            };
                            let (message_zh, message_en) =
                                amounts(&zh, &en, &u.name, post_zh, post_en, true, n - limit);
                            out.push(violation(
                                &rule.id,
                                rule.hard,
                                f64::from(limit),
                                f64::from(n),
                                n - limit,
                                vec![u.id.clone()],
                                holders,
                                message_zh,
                                message_en,
                            ));
                        }
                    }
                }
                return out;
            }
            RuleKind::TotalPostsKept => {
                // In u64: posts come from files, and no stored value may overflow a total.
                let posts = |units: &[Unit]| -> u64 {
                    units
                        .iter()
                        .map(|u| u64::from(u.head_posts) + u64::from(u.deputy_posts))
                        .sum()
                };
                let before = posts(&self.bureau.old_units);
                let after = posts(&self.structure.units);
                if after < before {
                    return vec![v(
                        before as f64,
                        after as f64,
                        u32::try_from(before - after).unwrap_or(u32::MAX),
                        vec![],
                        vec![],
                    )];
                }
            }
            RuleKind::OfficeReduction { min } => {
                let before = self
                    .bureau
                    .people
                    .iter()
                    .filter(|p| p.is_officer() && self.old_tier(p) == Some(Tier::Office))
                    .count() as f64;
                let after = self
                    .placed()
                    .filter(|(p, pl)| p.is_officer() && pl.unit.tier == Tier::Office)
                    .count() as f64;
                let cap = (1.0 - min) * before;
                if after > cap + EPS {
                    let reduction = if before > 0.0 {
                        (before - after) / before
                    } else {
                        0.0
                    };
                    return vec![v(*min, reduction, ceil_u32(after - cap), vec![], vec![])];
                }
            }
            RuleKind::SeniorsToGrassroots { age } => {
                let as_of = self.bureau.info.as_of;
                let left: Vec<PoliceNumber> = self
                    .placed()
                    .filter(|(p, pl)| {
                        p.is_officer()
                            && p.post == Post::None
                            && p.birth.age_on(as_of) >= *age
                            && self.old_tier(p) == Some(Tier::Office)
                            && pl.unit.tier != Tier::Grassroots
                    })
                    .map(|(p, _)| p.police_number.clone())
                    .collect();
                if !left.is_empty() {
                    return vec![v(0.0, left.len() as f64, left.len() as u32, vec![], left)];
                }
            }
            RuleKind::ProfessionalGradeForOffice => {
                let bad: Vec<PoliceNumber> = self
                    .placed()
                    .filter(|(p, pl)| {
                        p.is_officer()
                            && pl.is_new
                            && pl.unit.tier == Tier::Office
                            && !p.has(Qualification::ProfessionalGrade)
                            && self.moves.is_move(&p.current_unit, &pl.unit.id)
                    })
                    .map(|(p, _)| p.police_number.clone())
                    .collect();
                if !bad.is_empty() {
                    return vec![v(0.0, bad.len() as f64, bad.len() as u32, vec![], bad)];
                }
            }
            RuleKind::SpecialityCoverage {
                unit,
                speciality,
                min,
            } => {
                let n = self
                    .in_subtree(unit)
                    .filter(|p| p.is_officer() && p.specialities.iter().any(|s| s == speciality))
                    .count() as u32;
                if n < *min {
                    return vec![v(
                        f64::from(*min),
                        f64::from(n),
                        min - n,
                        vec![unit.clone()],
                        vec![],
                    )];
                }
            }
            RuleKind::AuxiliaryRatio { unit, min, max } => {
                let people: Vec<&Person> = self.in_subtree(unit).collect();
                let o = people.iter().filter(|p| p.is_officer()).count() as f64;
                let a = people.len() as f64 - o;
                if a + EPS < min * o {
                    return vec![v(
                        *min,
                        if o > 0.0 { a / o } else { 0.0 },
                        ceil_u32(min * o - a),
                        vec![unit.clone()],
                        vec![],
                    )];
                }
                if a > max * o + EPS {
                    return vec![v(
                        *max,
                        if o > 0.0 { a / o } else { f64::INFINITY },
                        ceil_u32(a - max * o),
                        vec![unit.clone()],
                        vec![],
                    )];
                }
            }
            RuleKind::UnitEstablishment => {
                let counts = self.subtree_counts();
                let mut out = Vec::new();
                for u in &self.structure.units {
                    let limits = establishment(&self.structure.units, &u.id);
                    let have = counts.get(u.id.as_str()).copied().unwrap_or((0, 0));
                    for (n, limit, who_zh, who_en) in [
                        (have.0, limits.0, "民警", " officers"),
                        (have.1, limits.1, "辅警", " auxiliaries"),
                    ] {
                        if n > limit {
                            let (message_zh, message_en) =
                                amounts(&zh, &en, &u.name, who_zh, who_en, true, n - limit);
                            out.push(violation(
                                &rule.id,
                                rule.hard,
                                f64::from(limit),
                                f64::from(n),
                                n - limit,
                                vec![u.id.clone()],
                                vec![],
                                message_zh,
                                message_en,
                            ));
                        }
                    }
                }
                return out;
            }
            RuleKind::UnitMinimum { min, units } => {
                let counts = self.subtree_counts();
                let mut out = Vec::new();
                for u in &self.structure.units {
                    let wanted = units.get(&u.id).copied().unwrap_or(*min);
                    let need = wanted.min(establishment(&self.structure.units, &u.id).0);
                    let n = counts.get(u.id.as_str()).map_or(0, |c| c.0);
                    if n < need {
                        let (message_zh, message_en) =
                            amounts(&zh, &en, &u.name, "民警", " officers", false, need - n);
                        out.push(violation(
                            &rule.id,
                            rule.hard,
                            f64::from(need),
                            f64::from(n),
                            need - n,
                            vec![u.id.clone()],
                            vec![],
                            message_zh,
                            message_en,
                        ));
                    }
                }
                return out;
            }
            RuleKind::EntryRequirement {
                unit,
                requires,
                share,
            } => {
                let mut entrants: Vec<&Person> = self
                    .in_subtree(unit)
                    .filter(|p| {
                        p.is_officer()
                            && self
                                .assignment
                                .get(&p.police_number)
                                .is_some_and(|to| self.moves.is_move(&p.current_unit, to))
                    })
                    .collect();
                entrants.sort_by(|a, b| a.police_number.cmp(&b.police_number));
                let n = entrants.len() as f64;
                let lacking: Vec<PoliceNumber> = entrants
                    .iter()
                    .filter(|p| !requires.held_by(p))
                    .map(|p| p.police_number.clone())
                    .collect();
                let held = n - lacking.len() as f64;
                if *share >= 1.0 && !lacking.is_empty() {
                    return vec![v(
                        n,
                        held,
                        lacking.len() as u32,
                        vec![unit.clone()],
                        lacking,
                    )];
                }
                if *share < 1.0 && held + EPS < share * n {
                    return vec![v(
                        *share,
                        held / n,
                        ceil_u32(share * n - held),
                        vec![unit.clone()],
                        lacking,
                    )];
                }
            }
            RuleKind::StationWorkload {
                weights,
                min_officers,
                band,
            } => {
                return self
                    .workload(rule, &zh, &en, weights, *min_officers, band.as_ref())
                    .into_iter()
                    .collect();
            }
            RuleKind::MoveCap { max } => {
                let moved = self
                    .bureau
                    .people
                    .iter()
                    .filter(|p| {
                        self.assignment
                            .get(&p.police_number)
                            .is_some_and(|u| self.moves.is_move(&p.current_unit, u))
                    })
                    .count() as u32;
                if moved > *max {
                    return vec![v(
                        f64::from(*max),
                        f64::from(moved),
                        moved - max,
                        vec![],
                        vec![],
                    )];
                }
            }
        }
        Vec::new()
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

    /// The plan's station officers against the workload model's demand at the plan's own
    /// station total: one violation carrying the total deviation (soft: every officer off;
    /// hard: every officer beyond the band), naming each station that is off.
    fn workload(
        &self,
        rule: &Rule,
        zh: &str,
        en: &str,
        weights: &crate::workload::WorkloadWeights,
        min_officers: u32,
        band: Option<&crate::workload::WorkloadBand>,
    ) -> Option<Violation> {
        if !crate::workload::has_figures(self.bureau, self.structure) {
            return None;
        }
        let staffed = |id: &str| {
            self.placed_in(id)
                .filter(|p| p.category == Category::Officer)
                .count() as u32
        };
        let stations: Vec<&Unit> = self.stations().collect();
        let total: u32 = stations.iter().map(|s| staffed(&s.id)).sum();
        let demands = crate::workload::station_demands(
            self.bureau,
            self.structure,
            weights,
            min_officers,
            total,
        );
        let mut off = 0u32;
        let mut units = Vec::new();
        let mut parts_zh = Vec::new();
        let mut parts_en = Vec::new();
        for d in &demands {
            let have = staffed(&d.unit);
            let gap = i64::from(have) - i64::from(d.demand);
            let allowed = match (rule.hard, band) {
                (false, _) => 0,
                (true, None) => 0,
                (true, Some(b)) => i64::from(b.allowance(d.demand)),
            };
            let beyond = (gap.abs() - allowed).max(0);
            if beyond > 0 {
                off = off.saturating_add(beyond as u32);
                units.push(d.unit.clone());
                parts_zh.push(format!("{}{:+}", d.name, gap));
                parts_en.push(format!("{} {:+}", d.name, gap));
            }
        }
        (off > 0).then(|| Violation {
            rule_id: rule.id.clone(),
            hard: rule.hard,
            required: 0.0,
            actual: f64::from(off),
            shortfall: off,
            over: false,
            units,
            people: Vec::new(),
            message_zh: format!("{zh}（偏离测算需求 {off} 人：{}）", parts_zh.join("、")),
            message_en: format!("{en} (off the demand by {off}: {})", parts_en.join(", ")),
        })
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
