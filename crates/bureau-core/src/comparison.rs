//! Scenarios side by side: the KPIs a party committee compares, headcount per department, the
//! flow of officers from old units to new departments, and who is placed differently. Pure:
//! the same figures feed the compare view and the exported documents.

use std::collections::{BTreeMap, HashMap};
use ts_rs::TS;

use serde::{Deserialize, Serialize};

use crate::metrics::compute_metrics;
use crate::model::{Assignment, Bureau, Draft, PoliceNumber, Post, Structure, Tier, UnitId};
use crate::rule_results::evaluate;
use crate::rules::Rule;

/// One scenario to compare.
#[derive(Debug, Clone, Copy)]
pub struct ScenarioInput<'a> {
    pub id: i64,
    pub name: &'a str,
    pub structure: &'a Structure,
    pub draft: &'a Draft,
    pub rules: &'a [Rule],
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ScenarioKpis {
    pub scenario_id: i64,
    pub name: String,
    /// 内设机构数: top-level office units (departments and centres), not stations or squads.
    pub units: u32,
    pub office_officers_before: u32,
    pub office_officers_after: u32,
    pub office_reduction: f64,
    pub station_share: f64,
    pub grassroots_share: f64,
    pub community_share: f64,
    pub moved: u32,
    pub moved_down: u32,
    /// Transfers inside a merge-map destination, not counted in `moved`.
    pub moved_within: u32,
    pub posts_before: u32,
    pub posts_after: u32,
    pub hard_rules_passed: u32,
    pub hard_rules_failed: u32,
    pub soft_rules_failed: u32,
    /// Office non-leader officers aged 50+ who are not at the grassroots.
    pub seniors_left_in_office: u32,
    /// Of the people who stated a wish, those placed in a wished department.
    pub wishes_met: u32,
    pub wishes_stated: u32,
}

/// Officers in one department (by name, so that different structures line up).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct DepartmentHeadcount {
    pub department: String,
    /// One entry per scenario, in the order given; `None` where the scenario has no such unit.
    pub officers: Vec<Option<u32>>,
}

/// Officers going from one old unit to one new top-level unit in one scenario.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Flow {
    pub scenario_id: i64,
    pub from_old_unit: String,
    pub to_department: String,
    pub officers: u32,
}

/// A person placed differently in at least two of the scenarios.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PlacementDifference {
    pub police_number: PoliceNumber,
    pub name: String,
    pub old_unit: UnitId,
    /// The unit (name) in each scenario, in the order given.
    pub placements: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Comparison {
    pub kpis: Vec<ScenarioKpis>,
    pub headcount: Vec<DepartmentHeadcount>,
    pub flows: Vec<Flow>,
    pub differences: Vec<PlacementDifference>,
}

/// Where someone ends up: the unit they are assigned to, else their old unit.
fn placed_unit<'a>(
    bureau: &'a Bureau,
    structure: &'a Structure,
    a: &'a Assignment,
    p: &'a crate::model::Person,
) -> (&'a str, Option<&'a crate::model::Unit>) {
    match a.get(&p.police_number).and_then(|u| structure.unit(u)) {
        Some(u) => (u.name.as_str(), Some(u)),
        None => (
            bureau
                .old_unit(&p.current_unit)
                .map_or(p.current_unit.as_str(), |u| u.name.as_str()),
            None,
        ),
    }
}

pub fn compare(bureau: &Bureau, scenarios: &[ScenarioInput<'_>]) -> Comparison {
    let as_of = bureau.info.as_of;
    let mut kpis = Vec::new();
    let mut headcount: BTreeMap<String, Vec<Option<u32>>> = BTreeMap::new();
    let mut order: Vec<String> = Vec::new();
    let mut flows = Vec::new();
    for (i, s) in scenarios.iter().enumerate() {
        let a = &s.draft.assignment;
        let m = compute_metrics(bureau, s.structure, a, &s.draft.community);
        let results = evaluate(bureau, s.structure, s.rules, a, s.draft);
        let count = |hard: bool, passed: bool| {
            results
                .iter()
                .filter(|r| r.hard == hard && r.passed == passed)
                .count() as u32
        };
        let mut seniors = 0;
        let mut flow: BTreeMap<(String, String), u32> = BTreeMap::new();
        for p in &bureau.people {
            let (_, unit) = placed_unit(bureau, s.structure, a, p);
            let top = unit.map(|u| s.structure.top_level(&u.id));
            let old = bureau.old_unit(&p.current_unit);
            let tier = unit.map(|u| u.tier).or(old.map(|u| u.tier));
            if p.is_officer()
                && p.post == Post::None
                && p.birth.age_on(as_of) >= 50
                && old.is_some_and(|u| u.tier == Tier::Office)
                && tier != Some(Tier::Grassroots)
            {
                seniors += 1;
            }
            if let (true, Some(top)) = (p.is_officer(), top) {
                let dept = s.structure.unit(top).map_or(top, |u| u.name.as_str());
                let from = old.map_or(p.current_unit.as_str(), |u| u.name.as_str());
                *flow.entry((from.to_owned(), dept.to_owned())).or_default() += 1;
            }
        }
        flows.extend(flow.into_iter().map(|((from, to), n)| Flow {
            scenario_id: s.id,
            from_old_unit: from,
            to_department: to,
            officers: n,
        }));
        let tops: Vec<&crate::model::Unit> = s
            .structure
            .units
            .iter()
            .filter(|u| u.parent.is_none())
            .collect();
        let by_id: HashMap<&str, u32> = m
            .new_units
            .iter()
            .map(|u| (u.unit_id.as_str(), u.officers_total))
            .collect();
        for u in &tops {
            let row = headcount.entry(u.name.clone()).or_insert_with(|| {
                order.push(u.name.clone());
                vec![None; scenarios.len()]
            });
            row[i] = Some(by_id.get(u.id.as_str()).copied().unwrap_or(0));
        }
        kpis.push(ScenarioKpis {
            scenario_id: s.id,
            name: s.name.to_owned(),
            units: m.office_departments,
            office_officers_before: m.before.office_officers,
            office_officers_after: m.after.office_officers,
            office_reduction: m.office_reduction,
            station_share: m.station_share,
            grassroots_share: m.grassroots_share,
            community_share: m.community_share,
            moved: m.moved,
            moved_down: m.moved_down,
            moved_within: m.moved_within,
            posts_before: m.before.head_posts.saturating_add(m.before.deputy_posts),
            posts_after: m.after.head_posts.saturating_add(m.after.deputy_posts),
            hard_rules_passed: count(true, true),
            hard_rules_failed: count(true, false),
            soft_rules_failed: count(false, false),
            seniors_left_in_office: seniors,
            wishes_met: m.wishes_met,
            wishes_stated: m.wishes_stated,
        });
    }
    let differences = bureau
        .people
        .iter()
        .filter_map(|p| {
            let placements: Vec<String> = scenarios
                .iter()
                .map(|s| {
                    placed_unit(bureau, s.structure, &s.draft.assignment, p)
                        .0
                        .to_owned()
                })
                .collect();
            placements
                .iter()
                .any(|x| *x != placements[0])
                .then(|| PlacementDifference {
                    police_number: p.police_number.clone(),
                    name: p.name.clone(),
                    old_unit: p.current_unit.clone(),
                    placements,
                })
        })
        .collect();
    Comparison {
        kpis,
        headcount: order
            .into_iter()
            .map(|d| DepartmentHeadcount {
                officers: headcount.remove(&d).unwrap_or_default(),
                department: d,
            })
            .collect(),
        flows,
        differences,
    }
}
