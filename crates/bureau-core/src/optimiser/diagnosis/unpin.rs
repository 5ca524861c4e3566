//! The unpin hint: when pins alone hold a plan back, the people whose pins the relaxed optimum
//! lifted, offered only once the plan they imply passes the independent checker, or an ordinary
//! solve with exactly those people unpinned finds one.

use std::collections::{BTreeMap, BTreeSet};

use crate::checker::check;
use crate::model::{Assignment, Draft};

use super::super::highs_adapter::{self, Kind, RawSolution, RawStatus};
use super::super::model::{self, Blocker, Deadline, Input, LinearModel};
use super::super::{Shortfall, SolveError, SolveRequest};
use super::{left, lifted, pinned_department, unit_list, EPS};

/// When pins alone hold the plan back: the people to unpin, offered only once the plan they
/// imply passes the checker or an ordinary solve with exactly them unpinned finds a plan.
pub(super) fn unpin_hint(
    req: &SolveRequest<'_>,
    relaxed: &LinearModel,
    raw: &RawSolution,
    deadline: Deadline,
) -> Result<Option<Shortfall>, SolveError> {
    let hard_slack = raw.slack.iter().any(|s| *s > EPS);
    let lifted = lifted(relaxed, raw);
    let pins_only = lifted
        .iter()
        .all(|&(c, _)| relaxed.candidates[c].blocked == Some(Blocker::Pin));
    if hard_slack || lifted.is_empty() || !pins_only {
        return Ok(None);
    }
    // Group members are interchangeable: unpin the first ones of each group (the ones
    // `relaxed_assignment` sends to the lifted placements).
    let mut taken: BTreeMap<usize, usize> = BTreeMap::new();
    let mut unpin: BTreeSet<&str> = BTreeSet::new();
    let mut by_unit: BTreeMap<String, u32> = BTreeMap::new();
    for &(c, n) in &lifted {
        let group = relaxed.candidates[c].group;
        let from = taken.entry(group).or_default();
        for &pi in relaxed.groups[group].iter().skip(*from).take(n as usize) {
            let p = &req.bureau.people[pi];
            unpin.insert(p.police_number.as_str());
            *by_unit
                .entry(pinned_department(req, &p.police_number))
                .or_default() += 1;
        }
        *from += n as usize;
    }
    let draft = Draft {
        assignment: req.draft.assignment.clone(),
        pins: req
            .draft
            .pins
            .iter()
            .filter(|n| !unpin.contains(n.as_str()))
            .cloned()
            .collect(),
        exclusions: req.draft.exclusions.clone(),
        community: req.draft.community.clone(),
    };
    let holds = relaxed_assignment(req, relaxed, raw).is_some_and(|assignment| {
        check(req.bureau, req.structure, req.rules, &assignment, &draft)
            .iter()
            .all(|v| !v.hard)
    });
    if !holds && !solvable(req, &draft, deadline)? {
        return Ok(None);
    }
    let (list_zh, list_en) = unit_list(req, &by_unit, true);
    let n = unpin.len();
    let mut names: Vec<&str> = unpin.iter().copied().collect();
    let more = names.len() > 10;
    names.truncate(10);
    Ok(Some(Shortfall {
        rule_id: "pins".into(),
        units: by_unit.keys().cloned().collect(),
        shortfall: u32::try_from(n).unwrap_or(u32::MAX),
        people: unpin.iter().map(|n| n.to_string()).collect(),
        message_zh: format!(
            "解除 {n} 人的固定即可得到方案（已重新核验）：{list_zh}；警号 {}{}。",
            names.join("、"),
            if more { " 等" } else { "" }
        ),
        message_en: format!(
            "unpinning {n} people makes a plan possible (verified): {list_en}; police \
             numbers {}{}.",
            names.join(", "),
            if more { " and others" } else { "" }
        ),
    }))
}

/// The relaxed optimum as named people, when its counts are whole: in each group the lifted
/// placements take the first members, then the group's own placements, and the rest join its
/// pool, whose members fill the pool's placements in order. `None` when fractional or when
/// somebody is left without a unit.
fn relaxed_assignment(
    req: &SolveRequest<'_>,
    relaxed: &LinearModel,
    raw: &RawSolution,
) -> Option<Assignment> {
    if raw.values.iter().any(|v| (v - v.round()).abs() >= EPS) {
        return None;
    }
    let count = |c: usize| raw.values.get(c).map_or(0, |v| v.round().max(0.0) as usize);
    let mut assignment = Assignment::new();
    let mut place = |pi: usize, c: usize| {
        let unit = &req.structure.units[relaxed.candidates[c].unit];
        assignment.insert(req.bureau.people[pi].police_number.clone(), unit.id.clone());
    };
    let mut movers: Vec<Vec<usize>> = vec![Vec::new(); relaxed.pools.len()];
    for ((members, own), pool) in relaxed
        .groups
        .iter()
        .zip(&relaxed.by_group)
        .zip(&relaxed.group_pool)
    {
        let lifted = own
            .iter()
            .filter(|&&c| relaxed.candidates[c].blocked.is_some());
        let kept = own
            .iter()
            .filter(|&&c| relaxed.candidates[c].blocked.is_none());
        let mut members = members.iter().copied();
        for &c in lifted.chain(kept) {
            for pi in members.by_ref().take(count(c)) {
                place(pi, c);
            }
        }
        if let Some(k) = pool {
            movers[*k].extend(members);
        }
    }
    for (pool, members) in relaxed.pools.iter().zip(movers) {
        let mut members = members.into_iter();
        for &c in &pool.candidates {
            for pi in members.by_ref().take(count(c)) {
                place(pi, c);
            }
        }
    }
    (assignment.len() == req.bureau.people.len()).then_some(assignment)
}

/// Whether the ordinary model with `draft`'s pins has a plan: a feasibility question, so
/// costs and soft rules are left out (any plan found ends the search).
fn solvable(req: &SolveRequest<'_>, draft: &Draft, deadline: Deadline) -> Result<bool, SolveError> {
    let Ok(mut model) = model::build(&Input {
        request: SolveRequest { draft, ..*req },
        deadline,
        relax: false,
    }) else {
        return Ok(false);
    };
    for c in &mut model.candidates {
        c.cost = 0.0;
    }
    let penalties: Vec<Option<f64>> = model
        .rows
        .iter()
        .map(|r| (!req.rules[r.rule].hard).then_some(0.0))
        .collect();
    let raw = highs_adapter::solve(
        &model,
        &penalties,
        1.0,
        &left(req.settings, deadline),
        Kind::Integer,
    )?;
    Ok(raw.status == RawStatus::Optimal
        || (raw.status == RawStatus::TimeLimit && !raw.counts.is_empty()))
}
