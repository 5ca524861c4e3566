//! The optimisation model built from domain data, as plain data: one candidate (0/1 choice) per
//! person and allowed unit, with its cost, and linear rows per rule. Pure: nothing here knows
//! the solver, so the model can be inspected and tested on its own.

use std::collections::{HashMap, HashSet};
use std::time::{Duration, Instant};

use crate::metrics::{counts_as_community, is_move};
use crate::model::{Bureau, Draft, Person, Post, Qualification, Structure, Tier, UnitKind};
use crate::rules::{Rule, RuleKind};

use super::{Mode, SolveSettings};

/// A candidate: `count` people of one group placed in one unit (0/1 for a group of one).
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    /// The group's first member: every member looks the same to every rule and cost.
    pub person: usize,
    pub group: usize,
    pub unit: usize,
    pub cost: f64,
    pub moved: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sense {
    AtLeast,
    AtMost,
}

/// Σ coefficient × candidate (sense) rhs, on behalf of one rule (and one unit, if any).
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub rule: usize,
    pub unit: Option<usize>,
    pub terms: Vec<(usize, f64)>,
    pub sense: Sense,
    pub rhs: f64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct LinearModel {
    pub candidates: Vec<Candidate>,
    /// Interchangeable people (same old unit, category, post, role, qualification, wishes,
    /// draft unit and rule-relevant attributes; never pinned), in roster order.
    pub groups: Vec<Vec<usize>>,
    /// Each group's candidates: their counts add up to the group's size.
    pub by_group: Vec<Vec<usize>>,
    pub rows: Vec<Row>,
    /// Rules that fail whatever the assignment (e.g. the structure has fewer posts).
    pub structurally_failing: Vec<usize>,
}

pub struct Input<'a> {
    pub bureau: &'a Bureau,
    pub structure: &'a Structure,
    pub rules: &'a [Rule],
    pub draft: &'a Draft,
    pub mode: Mode,
    pub settings: &'a SolveSettings,
    /// Building gives up after this: a solve's time limit covers building its model too.
    pub deadline: Deadline,
}

/// A point in time after which model building stops, or none.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Deadline(Option<Instant>);

impl Deadline {
    pub fn none() -> Self {
        Deadline(None)
    }

    /// `seconds` after `from`; none when `seconds` is not a usable duration (negative, NaN,
    /// infinite, too large), so that no setting can make the arithmetic panic.
    pub fn after(from: Instant, seconds: f64) -> Self {
        Deadline(
            Duration::try_from_secs_f64(seconds)
                .ok()
                .and_then(|d| from.checked_add(d)),
        )
    }

    pub fn passed(self) -> bool {
        self.0.is_some_and(|at| Instant::now() >= at)
    }

    /// Seconds left (0 when passed), or `None` without a deadline.
    pub fn remaining_seconds(self) -> Option<f64> {
        self.0
            .map(|at| at.saturating_duration_since(Instant::now()).as_secs_f64())
    }
}

/// Model building stopped at its deadline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TimedOut;

/// The deadline, read at every step that may be slow (`now`) or every `EVERY` cheap steps
/// (`tick`: one per person while grouping).
struct Watch {
    deadline: Deadline,
    calls: u32,
}

impl Watch {
    const EVERY: u32 = 64;

    fn new(deadline: Deadline) -> Self {
        Watch { deadline, calls: 0 }
    }

    fn tick(&mut self) -> Result<(), TimedOut> {
        self.calls = self.calls.wrapping_add(1);
        if self.calls.is_multiple_of(Self::EVERY) && self.deadline.passed() {
            Err(TimedOut)
        } else {
            Ok(())
        }
    }

    fn now(&self) -> Result<(), TimedOut> {
        if self.deadline.passed() {
            Err(TimedOut)
        } else {
            Ok(())
        }
    }
}

fn find_rule(rules: &[Rule], pred: impl Fn(&RuleKind) -> bool) -> Option<&Rule> {
    rules.iter().find(|r| pred(&r.kind))
}

/// The model, or [`TimedOut`] when `input.deadline` passed while building it.
pub fn build(input: &Input<'_>) -> Result<LinearModel, TimedOut> {
    let Input {
        bureau,
        structure,
        rules,
        draft,
        mode,
        settings,
        deadline,
    } = *input;
    let mut watch = Watch::new(deadline);
    let units = &structure.units;
    let mut top: Vec<&str> = Vec::with_capacity(units.len());
    for u in units {
        watch.now()?;
        top.push(structure.top_level(&u.id));
    }
    let index_of = |id: &str| units.iter().position(|u| u.id == id);
    let is_grassroots: Vec<bool> = units.iter().map(|u| u.tier == Tier::Grassroots).collect();
    let pins: HashSet<&str> = draft.pins.iter().map(String::as_str).collect();
    let seniors = find_rule(rules, |k| matches!(k, RuleKind::SeniorsToGrassroots { .. }));
    let grade = find_rule(rules, |k| matches!(k, RuleKind::ProfessionalGradeForOffice));
    let as_of = bureau.info.as_of;

    let groups = group_people(input, &pins, &mut watch)?;
    let mut candidates = Vec::new();
    let mut by_group = Vec::with_capacity(groups.len());
    for (gi, members) in groups.iter().enumerate() {
        watch.now()?;
        let pi = members[0];
        let p = &bureau.people[pi];
        let drafted = draft
            .assignment
            .get(&p.police_number)
            .and_then(|u| index_of(u));
        let allowed: Vec<usize> = match drafted {
            Some(u) if pins.contains(p.police_number.as_str()) => vec![u],
            _ => {
                let dest_tops: HashSet<&str> = structure
                    .destinations(&p.current_unit)
                    .iter()
                    .map(|d| structure.top_level(d))
                    .collect();
                let mut allowed: Vec<usize> = (0..units.len())
                    .filter(|&i| {
                        dest_tops.contains(top[i]) || is_grassroots[i] || Some(i) == drafted
                    })
                    .collect();
                if allowed.is_empty() {
                    allowed = (0..units.len()).collect();
                }
                allowed
            }
        };
        let pinned = allowed.len() == 1 && pins.contains(p.police_number.as_str());
        let is_senior = seniors.is_some_and(|r| match r.kind {
            RuleKind::SeniorsToGrassroots { age } => {
                p.is_officer()
                    && p.post == Post::None
                    && p.birth.age_on(as_of) >= age
                    && bureau
                        .old_unit(&p.current_unit)
                        .is_some_and(|u| u.tier == Tier::Office)
            }
            _ => false,
        });
        let mut mine = Vec::new();
        for u in allowed {
            watch.now()?;
            let unit = &units[u];
            let moved = match mode {
                Mode::Plan => is_move(structure, &p.current_unit, &unit.id),
                Mode::Repair => match drafted {
                    Some(d) => top[d] != top[u],
                    None => is_move(structure, &p.current_unit, &unit.id),
                },
            };
            let enters_office = p.is_officer()
                && unit.tier == Tier::Office
                && is_move(structure, &p.current_unit, &unit.id)
                && !p.has(Qualification::ProfessionalGrade);
            let mut cost = 0.0;
            if enters_office {
                match grade {
                    Some(r) if r.hard && !pinned => continue,
                    Some(r) => cost += r.weight * settings.penalty_scale,
                    None => {}
                }
            }
            if is_senior && unit.tier != Tier::Grassroots {
                match seniors {
                    Some(r) if r.hard && !pinned => continue,
                    Some(r) => cost += r.weight * settings.penalty_scale,
                    None => {}
                }
            }
            if moved {
                let mut w = settings.move_weight;
                if p.post != Post::None {
                    w *= settings.cadre_factor;
                }
                if p.wishes
                    .iter()
                    .any(|wish| structure.top_level(wish) == top[u])
                {
                    w *= settings.wish_factor;
                }
                cost += w;
            }
            if drafted != Some(u) {
                // Among equally good plans, prefer the one closest to the planner's draft.
                cost += settings.churn_weight;
            }
            mine.push(candidates.len());
            candidates.push(Candidate {
                person: pi,
                group: gi,
                unit: u,
                cost,
                moved,
            });
        }
        by_group.push(mine);
    }

    let mut model = LinearModel {
        candidates,
        groups,
        by_group,
        rows: Vec::new(),
        structurally_failing: Vec::new(),
    };
    let index = UnitIndex::new(&model, structure);
    for (ri, rule) in rules.iter().enumerate() {
        watch.now()?;
        add_rule_rows(&mut model, &index, ri, rule, bureau, structure);
    }
    Ok(model)
}

/// Groups people the model cannot tell apart, so that a city-sized bureau becomes a few
/// thousand integer counts instead of a quarter of a million binaries. The key holds every
/// attribute a cost or a rule looks at; pinned people stay alone.
fn group_people(
    input: &Input<'_>,
    pins: &HashSet<&str>,
    watch: &mut Watch,
) -> Result<Vec<Vec<usize>>, TimedOut> {
    let Input {
        bureau,
        rules,
        draft,
        settings,
        ..
    } = *input;
    let senior_age = rules.iter().find_map(|r| match r.kind {
        RuleKind::SeniorsToGrassroots { age } => Some(age),
        _ => None,
    });
    let specialities: Vec<&str> = rules
        .iter()
        .filter_map(|r| match &r.kind {
            RuleKind::SpecialityCoverage { speciality, .. } => Some(speciality.as_str()),
            _ => None,
        })
        .collect();
    let mut index: HashMap<String, usize> = HashMap::new();
    let mut groups: Vec<Vec<usize>> = Vec::new();
    for (pi, p) in bureau.people.iter().enumerate() {
        watch.tick()?;
        let key = if !settings.aggregate || pins.contains(p.police_number.as_str()) {
            format!("#{pi}")
        } else {
            let senior = senior_age.is_some_and(|age| p.birth.age_on(bureau.info.as_of) >= age);
            let specs: Vec<&str> = specialities
                .iter()
                .copied()
                .filter(|s| p.specialities.iter().any(|x| x == s))
                .collect();
            format!(
                "{}|{:?}|{:?}|{}|{}|{}|{:?}|{:?}|{:?}",
                p.current_unit,
                p.category,
                p.post,
                p.community_police,
                p.has(Qualification::ProfessionalGrade),
                senior,
                p.wishes,
                draft.assignment.get(&p.police_number),
                specs
            )
        };
        match index.get(&key) {
            Some(&g) => groups[g].push(pi),
            None => {
                index.insert(key, groups.len());
                groups.push(vec![pi]);
            }
        }
    }
    Ok(groups)
}

fn community(bureau: &Bureau, structure: &Structure, model: &LinearModel, c: usize) -> f64 {
    let p = person(bureau, model, c);
    let placed = &structure.units[model.candidates[c].unit];
    let counts = bureau
        .old_unit(&p.current_unit)
        .is_some_and(|old| counts_as_community(p, old, placed));
    f64::from(u8::from(counts))
}

fn person<'a>(bureau: &'a Bureau, model: &LinearModel, c: usize) -> &'a Person {
    &bureau.people[model.candidates[c].person]
}

/// Candidates by the unit they place people in, and each unit's subtree, so that a rule about
/// one unit looks at that unit's candidates only (a 25,000-person bureau has ~10^5 candidates
/// and a hundred unit rules).
struct UnitIndex {
    by_unit: Vec<Vec<usize>>,
    /// Each unit and every unit below it.
    subtree: Vec<Vec<usize>>,
}

impl UnitIndex {
    fn new(model: &LinearModel, structure: &Structure) -> Self {
        let units = &structure.units;
        let mut by_unit = vec![Vec::new(); units.len()];
        for (c, cand) in model.candidates.iter().enumerate() {
            by_unit[cand.unit].push(c);
        }
        let position: HashMap<&str, usize> = units
            .iter()
            .enumerate()
            .map(|(i, u)| (u.id.as_str(), i))
            .collect();
        let mut subtree = vec![Vec::new(); units.len()];
        for (u, unit) in units.iter().enumerate() {
            subtree[u].push(u);
            let mut at = unit.parent.as_deref();
            // Bounded: a (refused) parent cycle cannot loop forever.
            for _ in 0..units.len() {
                match at.and_then(|id| position.get(id)) {
                    Some(&a) => {
                        subtree[a].push(u);
                        at = units[a].parent.as_deref();
                    }
                    None => break,
                }
            }
        }
        UnitIndex { by_unit, subtree }
    }

    /// Candidates placing people in `u` or below it, in candidate order.
    fn within(&self, u: usize) -> Vec<usize> {
        let mut out: Vec<usize> = self.subtree[u]
            .iter()
            .flat_map(|&v| self.by_unit[v].iter().copied())
            .collect();
        out.sort_unstable();
        out
    }
}

fn add_rule_rows(
    model: &mut LinearModel,
    index: &UnitIndex,
    ri: usize,
    rule: &Rule,
    bureau: &Bureau,
    structure: &Structure,
) {
    let units = &structure.units;
    let n = model.candidates.len();
    let is_station = |c: usize| units[model.candidates[c].unit].kind == UnitKind::PoliceStation;
    let officer = |c: usize| person(bureau, model, c).is_officer();
    let unit_index = |id: &str| units.iter().position(|u| u.id == id);
    let mut rows = Vec::new();
    let row = |unit: Option<usize>, terms: Vec<(usize, f64)>, sense: Sense, rhs: f64| Row {
        rule: ri,
        unit,
        terms,
        sense,
        rhs,
    };
    match &rule.kind {
        RuleKind::StationShare { min } => {
            let officers = bureau.people.iter().filter(|p| p.is_officer()).count() as f64;
            let terms = (0..n)
                .filter(|&c| officer(c) && is_station(c))
                .map(|c| (c, 1.0))
                .collect();
            rows.push(row(None, terms, Sense::AtLeast, min * officers));
        }
        RuleKind::CommunityShare { min } => {
            let terms = (0..n)
                .filter(|&c| officer(c) && is_station(c))
                .map(|c| (c, community(bureau, structure, model, c) - min))
                .collect();
            rows.push(row(None, terms, Sense::AtLeast, 0.0));
        }
        RuleKind::StationCommunityShare { min } => {
            for s in (0..units.len()).filter(|&u| units[u].kind == UnitKind::PoliceStation) {
                let terms = index.by_unit[s]
                    .iter()
                    .copied()
                    .filter(|&c| officer(c))
                    .map(|c| (c, community(bureau, structure, model, c) - min))
                    .collect();
                rows.push(row(Some(s), terms, Sense::AtLeast, 0.0));
            }
        }
        RuleKind::GridCoverage => {
            for s in (0..units.len())
                .filter(|&u| units[u].kind == UnitKind::PoliceStation && units[u].grids > 0)
            {
                let terms = index.by_unit[s].iter().map(|&c| (c, 1.0)).collect();
                rows.push(row(
                    Some(s),
                    terms,
                    Sense::AtLeast,
                    f64::from(units[s].grids),
                ));
            }
        }
        RuleKind::UnitHeadcount {
            unit,
            category,
            min,
            max,
        } => {
            if let Some(u) = unit_index(unit) {
                let terms: Vec<(usize, f64)> = index
                    .within(u)
                    .into_iter()
                    .filter(|&c| person(bureau, model, c).category == *category)
                    .map(|c| (c, 1.0))
                    .collect();
                if let Some(lo) = min {
                    rows.push(row(Some(u), terms.clone(), Sense::AtLeast, f64::from(*lo)));
                }
                if let Some(hi) = max {
                    rows.push(row(Some(u), terms, Sense::AtMost, f64::from(*hi)));
                }
            }
        }
        RuleKind::PostsWithinLimits => {
            for (u, unit) in units.iter().enumerate() {
                for (post, limit) in [
                    (Post::Head, unit.head_posts),
                    (Post::Deputy, unit.deputy_posts),
                ] {
                    let terms: Vec<(usize, f64)> = index.by_unit[u]
                        .iter()
                        .copied()
                        .filter(|&c| person(bureau, model, c).post == post)
                        .map(|c| (c, 1.0))
                        .collect();
                    // Counted in people, not candidates: a candidate may carry a whole group.
                    let reach: usize = terms
                        .iter()
                        .map(|&(c, _)| model.groups[model.candidates[c].group].len())
                        .sum();
                    if reach as u64 > u64::from(limit) {
                        rows.push(row(Some(u), terms, Sense::AtMost, f64::from(limit)));
                    }
                }
            }
        }
        RuleKind::TotalPostsKept => {
            // In u64: posts come from files, and no stored value may overflow a total.
            let posts = |units: &[crate::model::Unit]| -> u64 {
                units
                    .iter()
                    .map(|u| u64::from(u.head_posts) + u64::from(u.deputy_posts))
                    .sum()
            };
            let before = posts(&bureau.old_units);
            let after = posts(units);
            if after < before {
                model.structurally_failing.push(ri);
            }
        }
        RuleKind::OfficeReduction { min } => {
            let before = bureau
                .people
                .iter()
                .filter(|p| {
                    p.is_officer()
                        && bureau
                            .old_unit(&p.current_unit)
                            .is_some_and(|u| u.tier == Tier::Office)
                })
                .count() as f64;
            let terms = (0..n)
                .filter(|&c| officer(c) && units[model.candidates[c].unit].tier == Tier::Office)
                .map(|c| (c, 1.0))
                .collect();
            rows.push(row(None, terms, Sense::AtMost, (1.0 - min) * before));
        }
        // Enforced on the candidates themselves (excluded when hard, costed when soft).
        RuleKind::SeniorsToGrassroots { .. } | RuleKind::ProfessionalGradeForOffice => {}
        // Its rows need the station total a first solve decides (`workload_rows.rs`).
        RuleKind::StationWorkload { .. } => {}
        RuleKind::SpecialityCoverage {
            unit,
            speciality,
            min,
        } => {
            if let Some(u) = unit_index(unit) {
                let terms = index
                    .within(u)
                    .into_iter()
                    .filter(|&c| {
                        let p = person(bureau, model, c);
                        p.is_officer() && p.specialities.iter().any(|s| s == speciality)
                    })
                    .map(|c| (c, 1.0))
                    .collect();
                rows.push(row(Some(u), terms, Sense::AtLeast, f64::from(*min)));
            }
        }
        RuleKind::AuxiliaryRatio { unit, min, max } => {
            if let Some(u) = unit_index(unit) {
                let inside: Vec<usize> = index.within(u);
                let coef = |c: usize, k: f64| if officer(c) { -k } else { 1.0 };
                rows.push(row(
                    Some(u),
                    inside.iter().map(|&c| (c, coef(c, *min))).collect(),
                    Sense::AtLeast,
                    0.0,
                ));
                rows.push(row(
                    Some(u),
                    inside.iter().map(|&c| (c, coef(c, *max))).collect(),
                    Sense::AtMost,
                    0.0,
                ));
            }
        }
        RuleKind::MoveCap { max } => {
            let terms = (0..n)
                .filter(|&c| model.candidates[c].moved)
                .map(|c| (c, 1.0))
                .collect();
            rows.push(row(None, terms, Sense::AtMost, f64::from(*max)));
        }
    }
    model.rows.extend(rows);
}
