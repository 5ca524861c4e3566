//! Metrics of an assignment: headcounts per unit, office and grassroots totals, the policy
//! ratios, posts used, people moved and wishes met. Pure functions of (bureau, structure,
//! assignment). Every screen and document takes its figures from here, so that the solve
//! proposal, the gauges, the compare view and the exports can never disagree.
//!
//! People absent from the assignment are still in their old unit: they count there, at that
//! unit's tier, so that a half-finished draft still gives honest totals.

use std::collections::{HashMap, HashSet};
use ts_rs::TS;

use serde::{Deserialize, Serialize};

use crate::model::{
    Assignment, Bureau, CommunityRoles, Person, Post, Structure, Tier, Unit, UnitId, UnitKind,
    YearMonth,
};

/// Headcount and posts of one unit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct UnitMetrics {
    pub unit_id: UnitId,
    /// People placed directly in this unit.
    pub officers: u32,
    pub auxiliaries: u32,
    /// Including the unit's sub-units (equal to the direct counts for a leaf).
    pub officers_total: u32,
    pub auxiliaries_total: u32,
    pub community_officers: u32,
    /// Mid-level heads and deputies placed directly in this unit.
    pub heads: u32,
    pub deputies: u32,
    /// 编制 as shown beside `officers_total`: the unit's own plus its sub-units' (see
    /// [`establishment`]).
    pub officer_establishment: u32,
    pub auxiliary_establishment: u32,
}

/// Officers in the two tiers and at stations, for one side of the reform.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
pub struct TierTotals {
    pub office_officers: u32,
    pub grassroots_officers: u32,
    pub station_officers: u32,
    pub community_officers: u32,
    pub office_auxiliaries: u32,
    pub grassroots_auxiliaries: u32,
    pub heads: u32,
    pub deputies: u32,
    pub head_posts: u32,
    pub deputy_posts: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Metrics {
    pub total_officers: u32,
    pub total_auxiliaries: u32,
    pub unassigned_officers: u32,
    pub unassigned_auxiliaries: u32,
    /// Today, by old units.
    pub before: TierTotals,
    /// Under the assignment, by new units (unassigned people counted in their old unit).
    pub after: TierTotals,
    /// Station officers / all officers, after. 0 when there are no officers.
    pub station_share: f64,
    pub station_share_before: f64,
    /// Grassroots (stations and traffic squads) officers / all officers, after.
    pub grassroots_share: f64,
    /// Community officers / station officers, after.
    pub community_share: f64,
    /// (office before − office after) / office before.
    pub office_reduction: f64,
    /// People adjusted (调整人数): people placed in a new unit outside every department their
    /// old unit's merge map leads to (see [`is_move`]).
    pub moved: u32,
    /// Of those, office officers who went to the grassroots (警力下沉).
    pub moved_down: u32,
    /// Not counted in `moved`: people placed in another room of a department their old unit
    /// merges into (内部调配), e.g. from 刑侦大队 to the investigation department's 技术室.
    pub moved_within: u32,
    /// People who stated a wish, and of those the ones placed in a wished department
    /// (compared by top-level unit).
    pub wishes_stated: u32,
    pub wishes_met: u32,
    /// 内设机构数: top-level new units in the office tier (departments and centres).
    pub office_departments: u32,
    /// Top-level new units at the grassroots (stations and squads).
    pub grassroots_units: u32,
    pub old_units: Vec<UnitMetrics>,
    pub new_units: Vec<UnitMetrics>,
}

fn ratio(num: u32, den: u32) -> f64 {
    if den == 0 {
        0.0
    } else {
        f64::from(num) / f64::from(den)
    }
}

/// Where one person is, for counting: a unit and the structure it belongs to.
enum Place<'a> {
    Old(&'a Unit),
    New(&'a Unit),
}

impl<'a> Place<'a> {
    fn unit(&self) -> &'a Unit {
        match self {
            Place::Old(u) | Place::New(u) => u,
        }
    }
}

/// The figures of a plan: its placements and its community roles (the draft's
/// [`CommunityRoles`], or a solve's).
pub fn compute_metrics(
    bureau: &Bureau,
    structure: &Structure,
    assignment: &Assignment,
    roles: &CommunityRoles,
) -> Metrics {
    let old_index: HashMap<&str, &Unit> = bureau
        .old_units
        .iter()
        .map(|u| (u.id.as_str(), u))
        .collect();

    let moves = MoveIndex::new(structure);
    let mut old_counts = UnitTally::new(&bureau.old_units);
    let mut new_counts = UnitTally::new(&structure.units);
    let mut before = TierTotals::default();
    let mut after = TierTotals::default();
    let mut m = Metrics {
        total_officers: 0,
        total_auxiliaries: 0,
        unassigned_officers: 0,
        unassigned_auxiliaries: 0,
        before,
        after,
        station_share: 0.0,
        station_share_before: 0.0,
        grassroots_share: 0.0,
        community_share: 0.0,
        office_reduction: 0.0,
        moved: 0,
        moved_down: 0,
        moved_within: 0,
        wishes_stated: 0,
        wishes_met: 0,
        office_departments: 0,
        grassroots_units: 0,
        old_units: Vec::new(),
        new_units: Vec::new(),
    };

    for person in &bureau.people {
        if person.is_officer() {
            m.total_officers += 1;
        } else {
            m.total_auxiliaries += 1;
        }
        let Some(old_unit) = old_index.get(person.current_unit.as_str()).copied() else {
            continue; // validated away on load; tolerate rather than panic
        };
        let community_before = community_today(person, old_unit);
        add_person(&mut before, old_unit, person, community_before);
        old_counts.add(&old_unit.id, person, community_before);

        let place = match moves.placed(assignment, person) {
            Some(unit) => Place::New(unit),
            None => Place::Old(old_unit),
        };
        let community = holds_community_post(bureau.info.as_of, person, place.unit(), roles);
        add_person(&mut after, place.unit(), person, community);
        if !person.wishes.is_empty() {
            m.wishes_stated += 1;
            if let Place::New(unit) = &place {
                let top = structure.top_level(&unit.id);
                if person.wishes.iter().any(|w| structure.top_level(w) == top) {
                    m.wishes_met += 1;
                }
            }
        }
        let placed = match place {
            Place::New(unit) => {
                new_counts.add(&unit.id, person, community);
                Some(unit)
            }
            Place::Old(_) => None,
        };
        match moves.transfer(person, old_unit, placed) {
            Transfer::Unplaced if person.is_officer() => m.unassigned_officers += 1,
            Transfer::Unplaced => m.unassigned_auxiliaries += 1,
            Transfer::Direct => {}
            Transfer::Within => m.moved_within += 1,
            Transfer::Down => {
                m.moved += 1;
                m.moved_down += 1;
            }
            Transfer::Adjusted => m.moved += 1,
        }
    }

    (m.office_departments, m.grassroots_units) = unit_counts(&structure.units);
    add_posts(&mut before, &bureau.old_units);
    add_posts(&mut after, &structure.units);
    m.station_share = ratio(after.station_officers, m.total_officers);
    m.station_share_before = ratio(before.station_officers, m.total_officers);
    m.grassroots_share = ratio(after.grassroots_officers, m.total_officers);
    m.community_share = ratio(after.community_officers, after.station_officers);
    m.office_reduction = if before.office_officers == 0 {
        0.0
    } else {
        (f64::from(before.office_officers) - f64::from(after.office_officers))
            / f64::from(before.office_officers)
    };
    m.before = before;
    m.after = after;
    m.old_units = old_counts.finish(&bureau.old_units);
    m.new_units = new_counts.finish(&structure.units);
    m
}

/// Whether `person` holds a community post (社区民警) in the plan when placed at `placed_at`:
/// at a station, allowed by the plan's eligibility, and given the role by the plan
/// ([`CommunityRoles::role`]). The one definition the optimiser's model, the checker, the
/// metrics, the board and the exports count with.
pub fn holds_community_post(
    as_of: YearMonth,
    person: &Person,
    placed_at: &Unit,
    roles: &CommunityRoles,
) -> bool {
    placed_at.kind == UnitKind::PoliceStation
        && roles.eligibility.allows(person, as_of)
        && roles.role(person)
}

/// Whether `person` is a community officer today: at a station, marked 社区民警 on the roster,
/// and not one of its leaders ([`community_eligible`]).
pub fn community_today(person: &Person, old_unit: &Unit) -> bool {
    old_unit.kind == UnitKind::PoliceStation
        && community_eligible(person)
        && person.community_police
}

/// Who may be a community officer: an officer without a mid-level post. A station's head and
/// deputies lead the station; counting them as community police inflated the community share
/// above what the stations really staff, whatever the roster's role column says.
pub fn community_eligible(person: &Person) -> bool {
    person.is_officer() && person.post == Post::None
}

/// How one person reaches the new structure (方式), the one decision behind `moved`,
/// `moved_down` and `moved_within` and behind every list that shows a person's 方式.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Transfer {
    /// Not placed in the new structure yet: still counted in the old unit.
    Unplaced,
    /// 原职能转隶: to a unit the merge map gives the old unit.
    Direct,
    /// 内部调配: to another room of a department the old unit merges into; not a move.
    Within,
    /// 下沉: an officer from an office unit to the grassroots, outside the merge map.
    Down,
    /// 调整: any other placement outside the merge map.
    Adjusted,
}

impl Transfer {
    /// Counted in 调整人数 (`moved`).
    pub fn is_move(self) -> bool {
        matches!(self, Transfer::Down | Transfer::Adjusted)
    }
}

/// [`is_move`] for many people at once: each new unit's top-level unit and each old unit's
/// destinations are looked up once instead of per person (the board recomputes after every move).
pub struct MoveIndex<'a> {
    units: HashMap<&'a str, &'a Unit>,
    top: HashMap<&'a str, &'a str>,
    destination_tops: HashMap<&'a str, Vec<&'a str>>,
    destinations: HashMap<&'a str, &'a [UnitId]>,
}

impl<'a> MoveIndex<'a> {
    pub fn new(structure: &'a Structure) -> Self {
        MoveIndex {
            units: structure.units.iter().map(|u| (u.id.as_str(), u)).collect(),
            top: structure
                .units
                .iter()
                .map(|u| (u.id.as_str(), structure.top_level(&u.id)))
                .collect(),
            destination_tops: structure
                .merge_map
                .iter()
                .rev() // the first edge of an old unit wins, as in `destinations`
                .map(|e| {
                    (
                        e.from.as_str(),
                        e.to.iter().map(|d| structure.top_level(d)).collect(),
                    )
                })
                .collect(),
            destinations: structure
                .merge_map
                .iter()
                .rev()
                .map(|e| (e.from.as_str(), e.to.as_slice()))
                .collect(),
        }
    }

    /// Not a move, yet not one of the old unit's destination units itself: another room of
    /// the same department (内部调配).
    pub fn is_within(&self, old_unit: &str, new_unit: &str) -> bool {
        !self.is_move(old_unit, new_unit)
            && !self
                .destinations
                .get(old_unit)
                .is_some_and(|ds| ds.iter().any(|d| d == new_unit))
    }

    /// The new unit a person is placed in, or `None` when the assignment leaves them unplaced
    /// or names a unit the structure does not have (both are counted in the old unit).
    pub fn placed(&self, assignment: &Assignment, person: &Person) -> Option<&'a Unit> {
        assignment
            .get(&person.police_number)
            .and_then(|id| self.units.get(id.as_str()).copied())
    }

    /// The top-level unit that holds new unit `id` (itself when it has no parent).
    pub fn top_level(&self, id: &str) -> Option<&'a Unit> {
        let top = self.top.get(id).copied().unwrap_or(id);
        self.units.get(top).copied()
    }

    /// A person's 方式, from their old unit and the new unit they are placed in (if any).
    pub fn transfer(&self, person: &Person, old_unit: &Unit, placed: Option<&Unit>) -> Transfer {
        let Some(unit) = placed else {
            return Transfer::Unplaced;
        };
        if !self.is_move(&old_unit.id, &unit.id) {
            if self.is_within(&old_unit.id, &unit.id) {
                Transfer::Within
            } else {
                Transfer::Direct
            }
        } else if person.is_officer()
            && old_unit.tier == Tier::Office
            && unit.tier == Tier::Grassroots
        {
            Transfer::Down
        } else {
            Transfer::Adjusted
        }
    }

    pub fn is_move(&self, old_unit: &str, new_unit: &str) -> bool {
        let target = self.top.get(new_unit).copied().unwrap_or(new_unit);
        !self
            .destination_tops
            .get(old_unit)
            .is_some_and(|tops| tops.contains(&target))
    }
}

/// A move is a placement outside every destination the merge map gives the old unit, compared
/// by top-level unit: going from 刑侦大队 to any room of the investigation department is not a move.
pub fn is_move(structure: &Structure, old_unit: &str, new_unit: &str) -> bool {
    let target = structure.top_level(new_unit);
    !structure
        .destinations(old_unit)
        .iter()
        .any(|d| structure.top_level(d) == target)
}

fn add_person(t: &mut TierTotals, unit: &Unit, p: &Person, community: bool) {
    match (unit.tier, p.is_officer()) {
        (Tier::Office, true) => t.office_officers += 1,
        (Tier::Grassroots, true) => t.grassroots_officers += 1,
        (Tier::Office, false) => t.office_auxiliaries += 1,
        (Tier::Grassroots, false) => t.grassroots_auxiliaries += 1,
    }
    if p.is_officer() && unit.kind == UnitKind::PoliceStation {
        t.station_officers += 1;
        if community {
            t.community_officers += 1;
        }
    }
    match p.post {
        Post::Head => t.heads += 1,
        Post::Deputy => t.deputies += 1,
        Post::None => {}
    }
}

/// Saturating: posts come from files and imports, and a value that slipped past their bounds
/// must give a wrong-looking total rather than a panic.
fn add_posts(t: &mut TierTotals, units: &[Unit]) {
    t.head_posts = units.iter().fold(0, |s, u| s.saturating_add(u.head_posts));
    t.deputy_posts = units
        .iter()
        .fold(0, |s, u| s.saturating_add(u.deputy_posts));
}

/// Per-unit counters, rolled up to parents at the end.
struct UnitTally {
    direct: HashMap<String, UnitMetrics>,
}

impl UnitTally {
    fn new(units: &[Unit]) -> Self {
        let direct = units
            .iter()
            .map(|u| {
                let m = UnitMetrics {
                    unit_id: u.id.clone(),
                    officers: 0,
                    auxiliaries: 0,
                    officers_total: 0,
                    auxiliaries_total: 0,
                    community_officers: 0,
                    heads: 0,
                    deputies: 0,
                    officer_establishment: 0,
                    auxiliary_establishment: 0,
                };
                (u.id.clone(), m)
            })
            .collect();
        UnitTally { direct }
    }

    fn add(&mut self, unit: &str, p: &Person, community: bool) {
        let Some(m) = self.direct.get_mut(unit) else {
            return;
        };
        if p.is_officer() {
            m.officers += 1;
            if community {
                m.community_officers += 1;
            }
        } else {
            m.auxiliaries += 1;
        }
        match p.post {
            Post::Head => m.heads += 1,
            Post::Deputy => m.deputies += 1,
            Post::None => {}
        }
    }

    fn finish(mut self, units: &[Unit]) -> Vec<UnitMetrics> {
        let parent: HashMap<&str, &str> = units
            .iter()
            .filter_map(|u| u.parent.as_deref().map(|p| (u.id.as_str(), p)))
            .collect();
        let direct: Vec<(String, u32, u32)> = self
            .direct
            .values()
            .map(|m| (m.unit_id.clone(), m.officers, m.auxiliaries))
            .collect();
        for (id, officers, auxiliaries) in direct {
            // Add the unit's own people to itself and every ancestor, guarding against cycles.
            let mut at = Some(id.as_str());
            let mut seen = HashSet::new();
            while let Some(current) = at {
                if !seen.insert(current) {
                    break;
                }
                if let Some(m) = self.direct.get_mut(current) {
                    m.officers_total += officers;
                    m.auxiliaries_total += auxiliaries;
                }
                at = parent.get(current).copied();
            }
        }
        units
            .iter()
            .filter_map(|u| {
                let mut m = self.direct.remove(&u.id)?;
                (m.officer_establishment, m.auxiliary_establishment) = establishment(units, &u.id);
                Some(m)
            })
            .collect()
    }
}

/// 内设机构数 and 基层所队数 of a set of units (old or new): top-level units by tier, so a
/// department's rooms and a station's 警务室 are not counted again. The document's "X → Y"
/// and every screen count the same way.
pub fn unit_counts(units: &[Unit]) -> (u32, u32) {
    units
        .iter()
        .filter(|u| u.parent.is_none())
        .fold((0, 0), |(office, grassroots), u| match u.tier {
            Tier::Office => (office.saturating_add(1), grassroots),
            Tier::Grassroots => (office, grassroots.saturating_add(1)),
        })
}

/// 中层职数 of a set of units (old or new): every head and deputy post, sub-units included. In
/// u64: posts come from files, and no stored value may overflow the total.
pub fn mid_level_posts(units: &[Unit]) -> u64 {
    units
        .iter()
        .map(|u| u64::from(u.head_posts) + u64::from(u.deputy_posts))
        .sum()
}

/// A unit's 编制 (officers, auxiliaries) as shown beside its headcount: its own plus its
/// sub-units', because its headcount (`officers_total`) counts the sub-units' people too. A
/// department whose establishment is held by its rooms thus shows the rooms' sum, never 0.
/// Saturating, and bounded by the unit count so that a parent cycle (rejected on load anyway)
/// cannot recurse forever.
pub fn establishment(units: &[Unit], id: &str) -> (u32, u32) {
    fn go(units: &[Unit], id: &str, depth: usize) -> (u32, u32) {
        let Some(unit) = units.iter().find(|u| u.id == id) else {
            return (0, 0);
        };
        let own = (unit.officer_establishment, unit.auxiliary_establishment);
        if depth > units.len() {
            return own;
        }
        units
            .iter()
            .filter(|c| c.parent.as_deref() == Some(id))
            .map(|c| go(units, &c.id, depth + 1))
            .fold(own, |(o, a), (co, ca)| {
                (o.saturating_add(co), a.saturating_add(ca))
            })
    }
    go(units, id, 0)
}
