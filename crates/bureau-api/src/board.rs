//! The planning board's methods: the roster as the board shows it, and the edits a planner makes
//! on it (moves, pins, exclusions, a change list, undo/redo). Every edit is one undoable step in
//! the workspace's edit log, runs under one hold of the session lock, and answers with the
//! changed people, the metrics and the rule results, so the screen needs no second call.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::Arc;
use ts_rs::TS;

use bureau_core::metrics::{holds_community_post, is_move};
use bureau_core::rule_results::{evaluate, RuleResult};
use bureau_core::rules::Rule;
use bureau_core::{
    compute_metrics, Bureau, Category, CommunityEligibility, CommunityRoles, Draft, Exclusion,
    Gender, Metrics, Person, Post, Qualification, Scenario, Structure, UnitId,
};
use bureau_storage::{EditKind, EditOutcome, EditState, Target, Workspace};
use serde::{Deserialize, Serialize};

use crate::planning::{resolve, scenario_rules};
use crate::{Api, ApiError, ScenarioRef};

/// One person as the board shows them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct PersonView {
    pub police_number: String,
    pub name: String,
    pub category: Category,
    pub gender: Gender,
    /// Whole years on the bureau's `as_of` month.
    pub age: u32,
    pub rank: String,
    pub post: Post,
    pub old_unit: UnitId,
    /// The new unit, or `None` while the person is still in the old unit.
    pub unit: Option<UnitId>,
    pub pinned: bool,
    /// Placed outside every destination the merge map gives the old unit.
    pub moved: bool,
    pub specialities: Vec<String>,
    pub qualifications: Vec<Qualification>,
    /// Today's roster mark (社区民警).
    pub community_police: bool,
    #[serde(flatten)]
    pub community: CommunityState,
    pub wishes: Vec<UnitId>,
    /// Units the person must not be sent to (不宜调往), sub-units included.
    #[serde(default)]
    pub excluded_units: Vec<UnitId>,
    /// The person must not be sent to any grassroots unit.
    #[serde(default)]
    pub excluded_grassroots: bool,
}

/// A person's community state (社区民警) in the plan, as `people` and every edit's `changed`
/// answer it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CommunityState {
    /// Holds a community post where the draft places them (`metrics::holds_community_post`).
    #[serde(default)]
    pub community_role: bool,
    /// May hold a community post under the plan's eligibility.
    #[serde(default)]
    pub community_eligible: bool,
    /// The optimiser keeps this person's role (held or not) as the draft says.
    #[serde(default)]
    pub community_pinned: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(optional_fields = nullable)]
pub struct MovePeopleArgs {
    #[serde(default)]
    pub scenario_id: Option<i64>,
    pub police_numbers: Vec<String>,
    pub to: UnitId,
    /// Pin the moved people where they land (default true).
    #[serde(default)]
    pub pin: Option<bool>,
    #[serde(default)]
    pub label: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(optional_fields = nullable)]
pub struct SetPinsArgs {
    #[serde(default)]
    pub scenario_id: Option<i64>,
    pub police_numbers: Vec<String>,
    pub pinned: bool,
}

/// One change of a change list: `to: null` sends the person back to the old unit.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(optional_fields = nullable)]
pub struct Change {
    pub police_number: String,
    pub to: Option<UnitId>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(optional_fields = nullable)]
pub struct ApplyChangesArgs {
    #[serde(default)]
    pub scenario_id: Option<i64>,
    pub changes: Vec<Change>,
    #[serde(default)]
    #[ts(as = "Option<_>", optional)]
    pub label: String,
    /// `None` keeps each person's pin as it is.
    #[serde(default)]
    pub pin: Option<bool>,
    /// The changes are (part of) a solve result: logged as accepting it, not as a plain change
    /// list (default false).
    #[serde(default)]
    pub from_solve: Option<bool>,
    /// The solve's community roles, adopted in the same step (accepting a solve).
    #[serde(default)]
    pub community: Option<CommunityRoles>,
}

/// One officer's community role: `holds` sets whether the plan gives them a community post,
/// `pinned` whether the optimiser must keep it; either may be left out.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(optional_fields = nullable)]
pub struct SetCommunityRoleArgs {
    #[serde(default)]
    pub scenario_id: Option<i64>,
    pub police_number: String,
    #[serde(default)]
    pub holds: Option<bool>,
    #[serde(default)]
    pub pinned: Option<bool>,
}

/// One person's exclusions, replacing the ones they had.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(optional_fields = nullable)]
pub struct SetExclusionsArgs {
    #[serde(default)]
    pub scenario_id: Option<i64>,
    pub police_number: String,
    /// Units of the scenario's structure (sub-units included).
    #[serde(default)]
    #[ts(as = "Option<_>", optional)]
    pub units: Vec<UnitId>,
    /// The whole grassroots (基层所队).
    #[serde(default)]
    #[ts(as = "Option<_>", optional)]
    pub grassroots: bool,
}

/// A person's placement after a step (`unit: None`: back in the old unit).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Changed {
    pub police_number: String,
    pub unit: Option<UnitId>,
    pub pinned: bool,
    pub moved: bool,
    /// Their community state where the step leaves them.
    #[serde(flatten)]
    pub community: CommunityState,
}

/// Who may hold a community post in the plan, besides the rule that heads and deputies never
/// do: `max_age` excludes officers that age or older (`None`: no age limit).
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(optional_fields = nullable)]
pub struct SetCommunityEligibilityArgs {
    #[serde(default)]
    pub scenario_id: Option<i64>,
    #[serde(default)]
    pub max_age: Option<u32>,
}

/// What every edit answers: the scenario's metrics and rule results after it, the undo/redo
/// state and the people the step changed (their placement, or their community role,
/// eligibility or role pin), so that the screen can update without another call.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct EditResult {
    pub metrics: Metrics,
    /// Every rule evaluated on the draft after the step (as `rule_results` answers).
    pub rules: Vec<RuleResult>,
    #[serde(flatten)]
    pub state: EditState,
    pub changed: Vec<Changed>,
    /// The step (an undo or redo of a structure designer step) changed the structure too:
    /// screens re-read it.
    #[serde(default)]
    pub structure_changed: bool,
    /// The step (or its undo/redo) changed someone's exclusions: screens re-read the people.
    #[serde(default)]
    pub exclusions_changed: bool,
    /// The step (or its undo/redo) changed community roles; `changed` lists everyone whose role,
    /// eligibility or role pin it changed.
    #[serde(default)]
    pub community_changed: bool,
}

/// The bureau's person of `police_number`, or `bad_request` naming the field.
fn person_of<'b>(bureau: &'b Bureau, police_number: &str) -> Result<&'b Person, ApiError> {
    bureau.person(police_number).ok_or_else(|| {
        ApiError::bad_request(format!(
            "police_number: unknown police number {police_number:?}"
        ))
    })
}

fn non_empty(police_numbers: &[String]) -> Result<(), ApiError> {
    if police_numbers.is_empty() {
        return Err(ApiError::bad_request(
            "police_numbers: expected at least one",
        ));
    }
    Ok(())
}

fn unit_name<'a>(structure: &'a Structure, id: &'a str) -> &'a str {
    structure.unit(id).map_or(id, |u| u.name.as_str())
}

impl Api {
    /// Everyone on the roster with their place in the scenario's draft, in roster order.
    pub fn people(&self, req: ScenarioRef) -> Result<Vec<PersonView>, ApiError> {
        let (bureau, scenario) = self.snapshot(req.scenario_id)?;
        let draft = &scenario.draft;
        let structure = &scenario.structure;
        let pins: HashSet<&str> = draft.pins.iter().map(String::as_str).collect();
        let as_of = bureau.info.as_of;
        Ok(bureau
            .people
            .iter()
            .cloned()
            .map(|person| {
                let unit = placed_unit(&scenario, &person.police_number);
                let moved = unit
                    .as_deref()
                    .is_some_and(|u| is_move(structure, &person.current_unit, u));
                let mine = || {
                    draft
                        .exclusions
                        .iter()
                        .filter(|x| x.police_number == person.police_number)
                };
                let excluded_units = mine().filter_map(|x| x.unit.clone()).collect();
                let excluded_grassroots = mine().any(|x| x.unit.is_none());
                let community = community_state(&bureau, &scenario, &person, unit.as_deref());
                PersonView {
                    community,
                    pinned: pins.contains(person.police_number.as_str()),
                    age: person.birth.age_on(as_of),
                    police_number: person.police_number,
                    name: person.name,
                    category: person.category,
                    gender: person.gender,
                    rank: person.rank,
                    post: person.post,
                    old_unit: person.current_unit,
                    unit,
                    moved,
                    specialities: person.specialities,
                    qualifications: person.qualifications,
                    community_police: person.community_police,
                    wishes: person.wishes,
                    excluded_units,
                    excluded_grassroots,
                }
            })
            .collect())
    }

    /// Moves people to one new unit (pinned there unless `pin: false`), as one step.
    pub fn move_people(&self, req: MovePeopleArgs) -> Result<EditResult, ApiError> {
        non_empty(&req.police_numbers)?;
        let pin = req.pin.unwrap_or(true);
        let targets: Vec<Target> = req
            .police_numbers
            .iter()
            .map(|pn| Target {
                police_number: pn.clone(),
                unit: Some(req.to.clone()),
                pinned: Some(pin),
            })
            .collect();
        self.edit(req.scenario_id, |structure, _| {
            let label = req.label.clone().unwrap_or_else(|| {
                format!(
                    "{} → {}",
                    req.police_numbers.join(", "),
                    unit_name(structure, &req.to)
                )
            });
            Ok((EditKind::Move, label, targets))
        })
    }

    /// Pins or unpins people where the draft places them, as one step.
    pub fn set_pins(&self, req: SetPinsArgs) -> Result<EditResult, ApiError> {
        non_empty(&req.police_numbers)?;
        self.edit(req.scenario_id, |_, draft| {
            let targets = req
                .police_numbers
                .iter()
                .map(|pn| match draft.assignment.get(pn) {
                    Some(unit) => Ok(Target {
                        police_number: pn.clone(),
                        unit: Some(unit.clone()),
                        pinned: Some(req.pinned),
                    }),
                    None => Err(ApiError::bad_request(format!(
                        "police number {pn:?} is not placed in a new unit; move it to pin it"
                    ))),
                })
                .collect::<Result<Vec<_>, _>>()?;
            let names = req.police_numbers.join(", ");
            Ok(if req.pinned {
                (EditKind::Pin, format!("pin {names}"), targets)
            } else {
                (EditKind::Unpin, format!("unpin {names}"), targets)
            })
        })
    }

    /// Applies a change list (all or part of a solve result) as one step.
    pub fn apply_changes(&self, req: ApplyChangesArgs) -> Result<EditResult, ApiError> {
        if req.changes.is_empty() && req.community.is_none() {
            return Err(ApiError::bad_request("changes: expected at least one"));
        }
        let targets = req
            .changes
            .iter()
            .map(|c| Target {
                police_number: c.police_number.clone(),
                unit: c.to.clone(),
                pinned: if c.to.is_none() { Some(false) } else { req.pin },
            })
            .collect();
        let label = if req.label.trim().is_empty() {
            format!("{} changes", req.changes.len())
        } else {
            req.label.clone()
        };
        let kind = if req.from_solve.unwrap_or(false) {
            EditKind::AcceptSolve
        } else {
            EditKind::Changes
        };
        let Some(roles) = &req.community else {
            return self.edit(req.scenario_id, |_, _| Ok((kind, label, targets)));
        };
        let mut ws = self.ws()?;
        let id = resolve(&mut ws, req.scenario_id)?;
        let (bureau, before) = ws.snapshot(id)?;
        known_roles(&bureau, roles)?;
        let outcome = ws.apply_edit_with_roles_tracked(id, kind, &label, &targets, roles)?;
        answer(&mut ws, id, outcome, Some(&before))
    }

    /// Sets the plan's community eligibility as one undoable step; an age outside 18–100 is
    /// refused naming `max_age`, and nothing changes.
    pub fn set_community_eligibility(
        &self,
        req: SetCommunityEligibilityArgs,
    ) -> Result<EditResult, ApiError> {
        if let Some(age) = CommunityEligibility::max_age_out_of_range(req.max_age) {
            return Err(ApiError::bad_request(format!(
                "max_age: expected an age between 18 and 100, found {age}"
            )));
        }
        let mut ws = self.ws()?;
        let id = resolve(&mut ws, req.scenario_id)?;
        let (_, scenario) = ws.snapshot(id)?;
        let mut roles = scenario.draft.community.clone();
        roles.eligibility.max_age = req.max_age;
        let label = match req.max_age {
            Some(age) => format!("社区民警 < {age} 岁"),
            None => "社区民警不限年龄".to_owned(),
        };
        let outcome = ws.set_community_roles_tracked(id, &roles, &label)?;
        answer(&mut ws, id, outcome, Some(&scenario))
    }

    /// Gives or takes one officer's community post, or pins or unpins it, as one undoable step.
    pub fn set_community_role(&self, req: SetCommunityRoleArgs) -> Result<EditResult, ApiError> {
        let mut ws = self.ws()?;
        let id = resolve(&mut ws, req.scenario_id)?;
        let (bureau, scenario) = ws.snapshot(id)?;
        let person = person_of(&bureau, &req.police_number)?;
        let mut roles = scenario.draft.community.clone();
        if let Some(holds) = req.holds {
            if holds && !roles.eligibility.allows(person, bureau.info.as_of) {
                return Err(ApiError::bad_request(format!(
                    "holds: {} may not hold a community post (a station's head or deputy, an \
                     auxiliary, or excluded by the plan's eligibility)",
                    person.police_number
                )));
            }
            roles.set_role(person, holds);
        }
        match req.pinned {
            Some(true) if !roles.is_pinned(&person.police_number) => {
                roles.pins.push(person.police_number.clone())
            }
            Some(false) => roles.pins.retain(|n| n != &person.police_number),
            _ => {}
        }
        let label = match (req.holds, req.pinned) {
            (Some(true), _) => format!("社区民警 {}", person.police_number),
            (Some(false), _) => format!("取消社区民警 {}", person.police_number),
            (None, Some(true)) => format!("pin role {}", person.police_number),
            (None, _) => format!("unpin role {}", person.police_number),
        };
        let outcome = ws.set_community_roles_tracked(id, &roles, &label)?;
        answer(&mut ws, id, outcome, Some(&scenario))
    }

    /// Replaces one person's exclusions (不宜调往) as one undoable step.
    pub fn set_exclusions(&self, req: SetExclusionsArgs) -> Result<EditResult, ApiError> {
        let mut ws = self.ws()?;
        let id = resolve(&mut ws, req.scenario_id)?;
        let (bureau, scenario) = ws.snapshot(id)?;
        let person = person_of(&bureau, &req.police_number)?;
        if let Some(u) = req
            .units
            .iter()
            .find(|u| scenario.structure.unit(u).is_none())
        {
            return Err(ApiError::bad_request(format!(
                "units: the id of a unit of this scenario's structure, found {u:?}"
            )));
        }
        let mut list: Vec<Exclusion> = scenario
            .draft
            .exclusions
            .iter()
            .filter(|x| x.police_number != req.police_number)
            .cloned()
            .collect();
        let mut units = req.units.clone();
        units.sort();
        units.dedup();
        let mine = req
            .grassroots
            .then_some(None)
            .into_iter()
            .chain(units.into_iter().map(Some))
            .map(|unit| Exclusion {
                police_number: req.police_number.clone(),
                unit,
            });
        list.extend(mine);
        let label = format!("exclusions {}", person.police_number);
        let outcome = ws.set_exclusions_tracked(scenario.id, &list, &label)?;
        answer(&mut ws, scenario.id, outcome, None)
    }

    pub fn undo(&self, req: ScenarioRef) -> Result<EditResult, ApiError> {
        let mut ws = self.ws()?;
        let id = resolve(&mut ws, req.scenario_id)?;
        let (_, before) = ws.snapshot(id)?;
        let outcome = ws.undo_tracked(id)?;
        answer(&mut ws, id, outcome, Some(&before))
    }

    pub fn redo(&self, req: ScenarioRef) -> Result<EditResult, ApiError> {
        let mut ws = self.ws()?;
        let id = resolve(&mut ws, req.scenario_id)?;
        let (_, before) = ws.snapshot(id)?;
        let outcome = ws.redo_tracked(id)?;
        answer(&mut ws, id, outcome, Some(&before))
    }

    pub fn edit_state(&self, req: ScenarioRef) -> Result<EditResult, ApiError> {
        let mut ws = self.ws()?;
        let id = resolve(&mut ws, req.scenario_id)?;
        let outcome = EditOutcome {
            state: ws.edit_state(id)?,
            changed: Default::default(),
            structure_changed: false,
            exclusions_changed: false,
            community_changed: false,
        };
        answer(&mut ws, id, outcome, None)
    }

    /// Runs one edit under one hold of the session lock: `make` sees the scenario's structure
    /// and draft and returns the step to apply.
    fn edit(
        &self,
        scenario_id: Option<i64>,
        make: impl FnOnce(&Structure, &Draft) -> Result<(EditKind, String, Vec<Target>), ApiError>,
    ) -> Result<EditResult, ApiError> {
        let mut ws = self.ws()?;
        let id = resolve(&mut ws, scenario_id)?;
        let (_, before) = ws.snapshot(id)?;
        let (kind, label, targets) = make(&before.structure, &before.draft)?;
        let outcome = ws.apply_edit_tracked(id, kind, &label, &targets)?;
        answer(&mut ws, id, outcome, None)
    }

    /// The roster and the scenario from the workspace's in-memory copies (cheap after the
    /// first call, and after the board's own edits).
    fn snapshot(&self, scenario_id: Option<i64>) -> Result<(Arc<Bureau>, Arc<Scenario>), ApiError> {
        let mut ws = self.ws()?;
        let id = resolve(&mut ws, scenario_id)?;
        Ok(ws.snapshot(id)?)
    }
}

/// What an edit answers, read under the lock the edit held; `before` is the scenario before a
/// step that may have changed community roles, to list whose role, eligibility or pin changed.
fn answer(
    ws: &mut Workspace,
    id: i64,
    outcome: EditOutcome,
    before: Option<&Scenario>,
) -> Result<EditResult, ApiError> {
    let (bureau, scenario) = ws.snapshot(id)?;
    let rules = scenario_rules(ws, id, &bureau, &scenario.structure)?;
    Ok(result(&bureau, &scenario, &rules, outcome, before))
}

fn result(
    bureau: &Bureau,
    scenario: &Scenario,
    rules: &[Rule],
    outcome: EditOutcome,
    before: Option<&Scenario>,
) -> EditResult {
    let (structure, draft) = (&scenario.structure, &scenario.draft);
    // The placements the step wrote, then everyone whose community state it changed.
    let mut listed: BTreeMap<&str, Option<(Option<UnitId>, bool)>> = outcome
        .changed
        .iter()
        .map(|(pn, p)| {
            (
                pn.as_str(),
                Some((
                    p.as_ref().map(|p| p.unit.clone()),
                    p.as_ref().is_some_and(|p| p.pinned),
                )),
            )
        })
        .collect();
    if let Some(before) = before.filter(|_| outcome.community_changed) {
        for person in &bureau.people {
            let pn = person.police_number.as_str();
            let then = community_state(bureau, before, person, placed_unit(before, pn).as_deref());
            let now = community_state(
                bureau,
                scenario,
                person,
                placed_unit(scenario, pn).as_deref(),
            );
            if then != now {
                listed.entry(pn).or_insert(None);
            }
        }
    }
    // One pass over the roster for the listed people (a change list can be long).
    let people: HashMap<&str, &bureau_core::Person> = bureau
        .people
        .iter()
        .filter(|p| listed.contains_key(p.police_number.as_str()))
        .map(|p| (p.police_number.as_str(), p))
        .collect();
    let changed = listed
        .into_iter()
        .map(|(police_number, placement)| {
            let (unit, pinned) = placement.unwrap_or_else(|| {
                let pinned = draft.pins.iter().any(|p| p == police_number);
                (placed_unit(scenario, police_number), pinned)
            });
            let person = people.get(police_number).copied();
            let community = person
                .map(|p| community_state(bureau, scenario, p, unit.as_deref()))
                .unwrap_or_default();
            Changed {
                community,
                moved: match (person, unit.as_deref()) {
                    (Some(p), Some(new)) => is_move(structure, &p.current_unit, new),
                    _ => false,
                },
                pinned,
                unit,
                police_number: police_number.to_owned(),
            }
        })
        .collect();
    EditResult {
        metrics: compute_metrics(bureau, structure, &draft.assignment, &draft.community),
        rules: evaluate(bureau, structure, rules, &draft.assignment, draft),
        state: outcome.state,
        changed,
        structure_changed: outcome.structure_changed,
        exclusions_changed: outcome.exclusions_changed,
        community_changed: outcome.community_changed,
    }
}

/// The new unit the scenario's draft places a person in (`None`: still in the old unit, or
/// placed in a unit the structure no longer has).
fn placed_unit(scenario: &Scenario, police_number: &str) -> Option<UnitId> {
    scenario
        .draft
        .assignment
        .get(police_number)
        .filter(|u| scenario.structure.unit(u).is_some())
        .cloned()
}

/// A person's community state in a scenario, standing in `unit` (`None`: the old unit).
fn community_state(
    bureau: &Bureau,
    scenario: &Scenario,
    person: &Person,
    unit: Option<&str>,
) -> CommunityState {
    let as_of = bureau.info.as_of;
    let roles = &scenario.draft.community;
    let at = unit
        .and_then(|u| scenario.structure.unit(u))
        .or_else(|| bureau.old_unit(&person.current_unit));
    CommunityState {
        community_role: at.is_some_and(|at| holds_community_post(as_of, person, at, roles)),
        community_eligible: roles.eligibility.allows(person, as_of),
        community_pinned: roles.is_pinned(&person.police_number),
    }
}

/// Refuses roles naming someone not on the roster (before anything is written).
fn known_roles(bureau: &Bureau, roles: &CommunityRoles) -> Result<(), ApiError> {
    let unknown = roles
        .roles
        .keys()
        .chain(&roles.pins)
        .find(|n| bureau.person(n).is_none());
    match unknown {
        Some(n) => Err(ApiError::bad_request(format!(
            "community: unknown police number {n:?}"
        ))),
        None => Ok(()),
    }
}
