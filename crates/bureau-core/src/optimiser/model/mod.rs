//! The optimisation model built from domain data, as plain data: one candidate (0/1 choice) per
//! person and allowed unit, with its cost, and linear rows per rule (`rows/`). Pure: nothing
//! here knows the solver, so the model can be inspected and tested on its own.

use std::collections::{HashMap, HashSet};
use std::time::{Duration, Instant};

use crate::metrics::MoveIndex;
use crate::model::{Bureau, Person, Post, Qualification, Structure, Tier};
use crate::rules::{Rule, RuleKind};

use super::{Mode, SolveRequest, SolveSettings};

mod candidates;
mod capacity;
pub mod entry;
mod pools;
mod roles;
mod rows;
mod transfers;

use candidates::UnitIndex;
use rows::add_rule_rows;

/// A candidate: `count` people of one group placed in one unit (0/1 for a group of one).
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    /// The group's first member: every member looks the same to every rule and cost.
    pub person: usize,
    pub group: usize,
    /// The pool of movers it places, or none for one of its group's own candidates.
    pub pool: Option<usize>,
    pub unit: usize,
    pub cost: f64,
    pub moved: bool,
    /// The people it places hold a community post (社区民警) there (`roles.rs`).
    pub role: bool,
    /// In a relaxed model: the restriction this placement breaks (never set in a normal
    /// model, which leaves such placements out).
    pub blocked: Option<Blocker>,
}

/// What keeps a person out of a unit, lifted in the relaxed model the diagnosis solves to find
/// out which restriction holds a plan back.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Blocker {
    /// The person is pinned elsewhere.
    Pin,
    /// A hard rule enforced on placements (its index), e.g. 进机关须持专业等级资格.
    Rule(usize),
    /// The planner's exclusion (不宜调往) of the person from the unit.
    Exclusion,
    /// The person's community role (社区民警 or not) is pinned to the other choice.
    RolePin,
}

/// Movers of several groups who look the same to every rule and cost once they leave their
/// groups' own units: one candidate per unit serves them all. A group's members either stay
/// on its own candidates (its merge-map destinations, the draft) or join its pool.
#[derive(Debug, Clone, PartialEq)]
pub struct Pool {
    pub groups: Vec<usize>,
    /// People in its groups: the most it can place.
    pub size: usize,
    /// A member: every member looks the same to the pool's candidates.
    pub person: usize,
    pub candidates: Vec<usize>,
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

#[derive(Debug, Clone, PartialEq, Default)]
pub struct LinearModel {
    pub candidates: Vec<Candidate>,
    /// Interchangeable people (same old unit, category, post, role, qualification, wishes,
    /// draft unit and rule-relevant attributes; a pinned person alone, except in a relaxed model),
    /// in roster order.
    pub groups: Vec<Vec<usize>>,
    /// Each group's own candidates: their counts and the group's movers add up to its size.
    pub by_group: Vec<Vec<usize>>,
    /// Pools of movers: the movers of a pool's groups add up to its candidates' counts.
    pub pools: Vec<Pool>,
    /// Each group's pool; none for a pinned person or a model without aggregation, whose own
    /// candidates cover every unit it may go to.
    pub group_pool: Vec<Option<usize>>,
    /// Each person's group.
    pub group_of: Vec<usize>,
    pub rows: Vec<Row>,
    /// Rules that fail whatever the assignment (e.g. the structure has fewer posts).
    pub structurally_failing: Vec<usize>,
}

/// What a model is built from: the solve's request, and how.
pub struct Input<'a> {
    pub request: SolveRequest<'a>,
    /// Building gives up after this: a solve's time limit covers building its model too.
    pub deadline: Deadline,
    /// The relaxed model: every unit open to pinned people too and no placement left out for
    /// a hard rule; each placement a restriction forbids is tagged with its [`Blocker`].
    pub relax: bool,
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

impl LinearModel {
    /// The most people candidate `c` can place.
    pub fn capacity(&self, c: usize) -> usize {
        let cand = &self.candidates[c];
        match cand.pool {
            Some(k) => self.pools[k].size,
            None => self.groups[cand.group].len(),
        }
    }

    /// Whether placing `person` through candidate `c` is a move: a pool's placement is one
    /// unless it lands where the person's own group goes without moving.
    pub fn moved(&self, person: usize, c: usize) -> bool {
        let cand = &self.candidates[c];
        if cand.pool.is_none() {
            return cand.moved;
        }
        let own = self
            .group_of
            .get(person)
            .and_then(|&g| self.by_group.get(g));
        !own.is_some_and(|own| {
            own.iter()
                .any(|&d| self.candidates[d].unit == cand.unit && !self.candidates[d].moved)
        })
    }
}

fn find_rule(rules: &[Rule], pred: impl Fn(&RuleKind) -> bool) -> Option<(usize, &Rule)> {
    rules.iter().enumerate().find(|(_, r)| pred(&r.kind))
}

/// The model, or [`TimedOut`] when `input.deadline` passed while building it.
pub fn build(input: &Input<'_>) -> Result<LinearModel, TimedOut> {
    let Input {
        request:
            SolveRequest {
                bureau,
                structure,
                rules,
                draft,
                mode,
                settings,
            },
        deadline,
        relax,
    } = *input;
    let mut watch = Watch::new(deadline);
    let units = &structure.units;
    let mut top: Vec<&str> = Vec::with_capacity(units.len());
    for u in units {
        watch.now()?;
        top.push(structure.top_level(&u.id));
    }
    let position: HashMap<&str, usize> = units
        .iter()
        .enumerate()
        .map(|(i, u)| (u.id.as_str(), i))
        .collect();
    let pins: HashSet<&str> = draft.pins.iter().map(String::as_str).collect();
    let exclusions = entry::exclusions_by_person(draft);
    let moves = MoveIndex::new(structure);
    let costs = Costs {
        bureau,
        structure,
        settings,
        top: &top,
        seniors: find_rule(rules, |k| matches!(k, RuleKind::SeniorsToGrassroots { .. })),
        grade: find_rule(rules, |k| matches!(k, RuleKind::ProfessionalGradeForOffice)),
        barriers: entry::Barriers::new(rules, structure),
    };

    let specialities = rule_specialities(rules);
    let roles = roles::Roles::new(bureau, &draft.community);
    let groups = group_people(input, &pins, &exclusions, &roles, &mut watch)?;
    let mut group_of = vec![0; bureau.people.len()];
    for (gi, members) in groups.iter().enumerate() {
        for &m in members {
            group_of[m] = gi;
        }
    }
    // Units a person of each old unit reaches without a move (its merge-map destinations).
    let mut free_by_old: HashMap<&str, Vec<usize>> = HashMap::new();
    let mut candidates = Vec::new();
    let mut by_group = Vec::with_capacity(groups.len());
    let mut group_pool = Vec::with_capacity(groups.len());
    let mut pools = pools::Pools::default();
    for (gi, members) in groups.iter().enumerate() {
        watch.now()?;
        let pi = members[0];
        let p = &bureau.people[pi];
        let drafted = draft
            .assignment
            .get(&p.police_number)
            .and_then(|u| position.get(u.as_str()).copied());
        let pinned = drafted.is_some() && pins.contains(p.police_number.as_str());
        let is_senior = costs.is_senior(p);
        let excluded = exclusions.get(p.police_number.as_str());
        // A pinned person has one place; otherwise the units reachable without a move (and
        // the draft's) are the group's own candidates, and every other unit is reached
        // through the group's pool of movers, priced as a move. Someone with exclusions has
        // places of their own, so they stay out of the pools; relaxed, so does whoever a
        // restriction may hold back: every unit is their own candidate, each tagged.
        let pooled = !pinned
            && settings.aggregate
            && excluded.is_none()
            && roles.pinned(p).is_none()
            && !(relax && costs.may_forbid(p, is_senior));
        let direct: Vec<usize> = match drafted {
            Some(d) if pinned && !relax => vec![d],
            _ if !pooled => (0..units.len()).collect(),
            _ => {
                let free = free_by_old
                    .entry(p.current_unit.as_str())
                    .or_insert_with(|| {
                        (0..units.len())
                            .filter(|&u| !moves.is_move(&p.current_unit, &units[u].id))
                            .collect()
                    });
                let mut direct = free.clone();
                if let Some(d) = drafted {
                    direct.extend((0..units.len()).filter(|&u| top[u] == top[d]));
                    direct.push(d);
                    direct.sort_unstable();
                    direct.dedup();
                }
                direct
            }
        };
        let mut mine = Vec::new();
        for u in direct {
            watch.tick()?;
            let moved = match (mode, drafted) {
                (Mode::Repair, Some(d)) => top[d] != top[u],
                _ => moves.is_move(&p.current_unit, &units[u].id),
            };
            let entry = Entry {
                unit: u,
                moved,
                by_move: moves.is_move(&p.current_unit, &units[u].id),
                is_senior,
                pinned: pinned && drafted == Some(u),
                drafted: drafted == Some(u),
            };
            let barred = excluded
                .is_some_and(|xs| xs.iter().any(|x| entry::excludes(structure, x, &units[u])));
            if barred && !pinned && !relax {
                continue;
            }
            let (cost, blocked) = match costs.price(p, &entry) {
                Ok(cost) if pinned && drafted != Some(u) => (cost, Some(Blocker::Pin)),
                Ok(_) if barred && !pinned => (0.0, Some(Blocker::Exclusion)),
                Ok(cost) => (cost, None),
                Err(rule) if relax => (0.0, Some(Blocker::Rule(rule))),
                Err(_) => continue,
            };
            let lifted_role = roles
                .lifted(p, &units[u])
                .filter(|_| relax)
                .map(|role| (role, Some(blocked.unwrap_or(Blocker::RolePin))));
            let choices = roles
                .choices(p, &units[u], entry.by_move)
                .iter()
                .map(|&role| (role, blocked))
                .chain(lifted_role);
            for (role, blocked) in choices {
                mine.push(candidates.len());
                candidates.push(Candidate {
                    person: pi,
                    group: gi,
                    pool: None,
                    unit: u,
                    cost: cost + roles.cost(p, role, entry.by_move, &settings.weights),
                    moved,
                    role,
                    blocked,
                });
            }
        }
        by_group.push(mine);
        group_pool.push(pooled.then(|| {
            let key = pools::key(
                structure,
                rules,
                &moves,
                p,
                is_senior,
                &specialities,
                &roles,
            );
            pools.join(key, gi, members.len(), pi)
        }));
    }
    let pools = pools.into_pools();
    let mut pooled_candidates = Vec::with_capacity(pools.len());
    for (k, pool) in pools.iter().enumerate() {
        let p = &bureau.people[pool.person];
        let is_senior = costs.is_senior(p);
        let mut mine = Vec::new();
        for (u, unit) in units.iter().enumerate() {
            watch.tick()?;
            let entry = Entry {
                unit: u,
                moved: true,
                by_move: true,
                is_senior,
                pinned: false,
                drafted: false,
            };
            let Ok(cost) = costs.price(p, &entry) else {
                continue;
            };
            for &role in roles.choices(p, unit, true) {
                mine.push(candidates.len());
                candidates.push(Candidate {
                    person: pool.person,
                    group: pool.groups[0],
                    pool: Some(k),
                    unit: u,
                    cost: cost + roles.cost(p, role, true, &settings.weights),
                    moved: true,
                    role,
                    blocked: None,
                });
            }
        }
        pooled_candidates.push(mine);
    }
    let pools = pools
        .into_iter()
        .zip(pooled_candidates)
        .map(|(pool, candidates)| Pool { candidates, ..pool })
        .collect();

    let mut model = LinearModel {
        candidates,
        groups,
        by_group,
        pools,
        group_pool,
        group_of,
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

/// One placement to price: a unit, and what it means for the person placed there.
struct Entry {
    unit: usize,
    /// A move as the mode counts it (from today's unit, or from the draft in repair mode).
    moved: bool,
    /// Outside the merge map's destinations (what the qualification rule looks at).
    by_move: bool,
    is_senior: bool,
    pinned: bool,
    /// Where the draft already puts the person.
    drafted: bool,
}

/// What a placement costs, from the planner's weights and the rules priced on candidates.
struct Costs<'a> {
    bureau: &'a Bureau,
    structure: &'a Structure,
    settings: &'a SolveSettings,
    top: &'a [&'a str],
    seniors: Option<(usize, &'a Rule)>,
    grade: Option<(usize, &'a Rule)>,
    barriers: entry::Barriers<'a>,
}

impl Costs<'_> {
    /// Whether a hard rule enforced on placements may keep `p` out of some unit.
    fn may_forbid(&self, p: &Person, is_senior: bool) -> bool {
        let hard = |r: Option<(usize, &Rule)>| r.is_some_and(|(_, r)| r.hard);
        (is_senior && hard(self.seniors))
            || (p.is_officer() && !p.has(Qualification::ProfessionalGrade) && hard(self.grade))
            || self.barriers.may_bar(p)
    }

    fn is_senior(&self, p: &Person) -> bool {
        self.seniors.is_some_and(|(_, r)| match r.kind {
            RuleKind::SeniorsToGrassroots { age } => {
                p.is_officer()
                    && p.post == Post::None
                    && p.birth.age_on(self.bureau.info.as_of) >= age
                    && self
                        .bureau
                        .old_unit(&p.current_unit)
                        .is_some_and(|u| u.tier == Tier::Office)
            }
            _ => false,
        })
    }

    /// The placement's cost, or the index of the hard rule that forbids it (a person pinned
    /// there is never forbidden: a broken pin is the diagnosis's business).
    fn price(&self, p: &Person, e: &Entry) -> Result<f64, usize> {
        let settings = self.settings;
        let unit = &self.structure.units[e.unit];
        let mut cost = 0.0;
        let enters_office = p.is_officer()
            && unit.tier == Tier::Office
            && e.by_move
            && !p.has(Qualification::ProfessionalGrade);
        if enters_office {
            match self.grade {
                Some((ri, r)) if r.hard && !e.pinned => return Err(ri),
                Some((_, r)) => cost += settings.weights.penalty(r, settings.penalty_scale),
                None => {}
            }
        }
        for (ri, r) in self.barriers.barring(p, e.unit, e.by_move) {
            if r.hard && !e.pinned {
                return Err(ri);
            }
            cost += settings.weights.penalty(r, settings.penalty_scale);
        }
        if e.is_senior && unit.tier != Tier::Grassroots {
            match self.seniors {
                Some((ri, r)) if r.hard && !e.pinned => return Err(ri),
                Some((_, r)) => cost += settings.weights.penalty(r, settings.penalty_scale),
                None => {}
            }
        }
        if e.moved {
            let wished = p
                .wishes
                .iter()
                .any(|wish| self.structure.top_level(wish) == self.top[e.unit]);
            cost += transfers::move_cost(p, unit, wished, &settings.weights);
        }
        if !e.drafted {
            // Among equally good plans, prefer the one closest to the planner's draft.
            cost += settings.churn_weight;
        }
        Ok(cost)
    }
}

/// Groups people the model cannot tell apart, so that a city-sized bureau becomes a few
/// thousand integer counts instead of a quarter of a million binaries. The key holds every
/// attribute a cost or a rule looks at; pinned people stay alone (in a relaxed model they are
/// grouped with the people pinned to the same unit who look the same).
fn group_people(
    input: &Input<'_>,
    pins: &HashSet<&str>,
    exclusions: &HashMap<&str, Vec<&crate::model::Exclusion>>,
    roles: &roles::Roles<'_>,
    watch: &mut Watch,
) -> Result<Vec<Vec<usize>>, TimedOut> {
    let Input {
        request:
            SolveRequest {
                bureau,
                rules,
                draft,
                settings,
                ..
            },
        relax,
        ..
    } = *input;
    let senior_age = rules.iter().find_map(|r| match r.kind {
        RuleKind::SeniorsToGrassroots { age } => Some(age),
        _ => None,
    });
    let specialities = rule_specialities(rules);
    let mut index: HashMap<String, usize> = HashMap::new();
    let mut groups: Vec<Vec<usize>> = Vec::new();
    for (pi, p) in bureau.people.iter().enumerate() {
        watch.tick()?;
        let pinned = pins.contains(p.police_number.as_str());
        let alone = (pinned && !relax) || exclusions.contains_key(p.police_number.as_str());
        let key = if !settings.aggregate || alone {
            format!("#{pi}")
        } else {
            let senior = senior_age.is_some_and(|age| p.birth.age_on(bureau.info.as_of) >= age);
            let specs: Vec<&str> = specialities
                .iter()
                .copied()
                .filter(|s| p.specialities.iter().any(|x| x == s))
                .collect();
            format!(
                "{}|{:?}|{:?}|{}|{}|{}|{:?}|{:?}|{:?}|{}|{}|{pinned}",
                p.current_unit,
                p.category,
                p.post,
                p.community_police,
                p.has(Qualification::ProfessionalGrade),
                senior,
                p.wishes,
                draft.assignment.get(&p.police_number),
                specs,
                entry::key_part(rules, p),
                roles.key_part(p)
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

/// The specialities some rule counts: the only ones that tell people apart.
fn rule_specialities(rules: &[Rule]) -> Vec<&str> {
    rules
        .iter()
        .filter_map(|r| match &r.kind {
            RuleKind::SpecialityCoverage { speciality, .. } => Some(speciality.as_str()),
            _ => None,
        })
        .collect()
}
