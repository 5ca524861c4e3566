//! Why no plan exists, named honestly. With priced transfers every unit is open to everyone,
//! so only two things can hold a plan back: a pin, and a hard rule enforced on placements
//! (进机关须持专业等级资格, a hard 五零下沉). Each rule that falls short because of them is
//! named with its units and the people held back, by unit; a rule that cannot hold even with
//! every such restriction lifted conflicts with the other rules or the structure itself.
//!
//! Two elastic linear programmes answer it. The plan's own model with every hard row elastic
//! says how far each rule falls short with every restriction in place (the least total
//! shortfall). The relaxed model opens every unit to pinned people too and leaves out no
//! placement for a rule; a placement a restriction forbids costs one (per person), a hard
//! rule's slack costs more than lifting everyone. Its optimum lifts as few restrictions as
//! possible; the rules whose rows rely on those placements are the ones they block. The unpin
//! hint (`unpin.rs`) is offered only when the plan it implies passes the independent
//! checker, or an ordinary solve with exactly those people unpinned finds one.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use crate::rules::{describe_in, Lang};
use crate::structure_check::unmapped_old_units as unmapped;

use super::highs_adapter::{self, Kind, RawSolution, RawStatus};
use super::model::{self, Blocker, Deadline, Input, LinearModel, Sense};
use super::{shortfall_text, Shortfall, SolveError, SolveRequest, SolveSettings};

mod unpin;

use unpin::unpin_hint;

/// Below this, a slack or a deficit is rounding.
pub(super) const EPS: f64 = 1e-6;

/// Old units that hold people but that the merge map sends nowhere (as the structure designer
/// flags them), with how many each holds: the structure must say where they go before a plan
/// can be made, or every one of them would count as adjusted wherever the price sends them.
pub(super) fn unmapped_old_units(req: &SolveRequest<'_>) -> Option<Shortfall> {
    let mut missing: Vec<(&str, &str, usize)> = Vec::new();
    for old in unmapped(req.bureau, req.structure) {
        let people = req
            .bureau
            .people
            .iter()
            .filter(|p| p.current_unit == old.id)
            .count();
        if people > 0 {
            missing.push((old.id.as_str(), old.name.as_str(), people));
        }
    }
    if missing.is_empty() {
        return None;
    }
    let total: usize = missing.iter().map(|m| m.2).sum();
    let zh: Vec<String> = missing
        .iter()
        .map(|(_, name, n)| format!("{name}（{n} 人）"))
        .collect();
    let en: Vec<String> = missing
        .iter()
        .map(|(_, name, n)| format!("{name} ({n} people)"))
        .collect();
    Some(Shortfall {
        rule_id: "merge_map".into(),
        units: missing.iter().map(|m| m.0.to_string()).collect(),
        shortfall: u32::try_from(total).unwrap_or(u32::MAX),
        people: Vec::new(),
        message_zh: format!(
            "合并映射未给出以下原单位的去向：{}。请先在机构设计中为其指定新单位，再求解。",
            zh.join("、")
        ),
        message_en: format!(
            "the merge map does not say where these old units go: {}. Give each a new unit in \
             the structure designer, then solve.",
            en.join(", ")
        ),
    })
}

/// A row as both models build it: its rule, unit and sense.
type RowKey = (usize, Option<usize>, bool);

fn key(row: &model::Row) -> RowKey {
    (row.rule, row.unit, row.sense == Sense::AtMost)
}

/// How far each hard row of the plan's own model falls short at least, with every pin and
/// placement rule in place (soft rows relaxed for free): the rows that keep slack, by key.
/// `None` when even that model leaves someone nowhere to go.
fn shortfalls(
    req: &SolveRequest<'_>,
    model: &LinearModel,
    deadline: Deadline,
) -> Result<Option<HashMap<RowKey, f64>>, SolveError> {
    let penalties: Vec<Option<f64>> = model
        .rows
        .iter()
        .map(|r| Some(if req.rules[r.rule].hard { 1.0 } else { 0.0 }))
        .collect();
    let settings = left(req.settings, deadline);
    let mut raw = highs_adapter::solve(model, &penalties, 0.0, &settings, Kind::Linear)?;
    let hard_slack = |raw: &RawSolution| {
        model
            .rows
            .iter()
            .zip(&raw.slack)
            .any(|(r, s)| req.rules[r.rule].hard && *s > EPS)
    };
    if raw.status == RawStatus::Optimal && !hard_slack(&raw) {
        // Short only in whole people: the integer version says by how many.
        raw = highs_adapter::solve(model, &penalties, 0.0, &settings, Kind::Integer)?;
    }
    if raw.slack.is_empty() {
        return Ok(None);
    }
    let mut out: HashMap<RowKey, f64> = HashMap::new();
    for (row, s) in model.rows.iter().zip(&raw.slack) {
        if req.rules[row.rule].hard && *s > EPS {
            *out.entry(key(row)).or_default() += s;
        }
    }
    Ok(Some(out))
}

/// The diagnosis of a model that has no feasible plan (`model` is the plan's own).
pub(super) fn diagnose(
    req: &SolveRequest<'_>,
    model: &LinearModel,
    deadline: Deadline,
) -> Result<Vec<Shortfall>, SolveError> {
    let short = shortfalls(req, model, deadline)?;
    let Ok(relaxed) = model::build(&Input {
        request: *req,
        deadline,
        relax: true,
    }) else {
        return Ok(vec![time_limit()]);
    };
    let mut relaxed = prune(relaxed, req);
    // Moves only break ties: all of them together cost less than lifting one restriction.
    let people = req.bureau.people.len() as f64;
    let dearest = relaxed
        .candidates
        .iter()
        .map(|c| c.cost.abs())
        .fold(0.0, f64::max);
    let tie = 0.1 / (people * dearest + 1.0);
    for c in &mut relaxed.candidates {
        c.cost = c.cost * tie + if c.blocked.is_some() { 1.0 } else { 0.0 };
    }
    // Only hard rows are left (see `prune`); their slack costs more than lifting everyone.
    let penalties: Vec<Option<f64>> = vec![Some(people + 1.0); relaxed.rows.len()];
    // Linear: the integer version costs seconds of branching on a city; the counts it
    // reports are rounded up, and the hint is verified by the checker or an integer solve.
    // Only when the linear optimum finds nothing (the plan fails on whole people alone) is
    // the integer version solved.
    let mut raw = highs_adapter::solve(
        &relaxed,
        &penalties,
        1.0,
        &left(req.settings, deadline),
        Kind::Linear,
    )?;
    if raw.status == RawStatus::Optimal && blocked_rules(req, &relaxed, &raw, None).is_empty() {
        raw = highs_adapter::solve(
            &relaxed,
            &penalties,
            1.0,
            &left(req.settings, deadline),
            Kind::Integer,
        )?;
    }
    match raw.status {
        RawStatus::TimeLimit if raw.counts.is_empty() => return Ok(vec![time_limit()]),
        RawStatus::Infeasible => {
            // Every unit is open and every hard row elastic: only a structure without units
            // can leave people nowhere to go.
            return Ok(vec![Shortfall {
                rule_id: "structure".into(),
                units: Vec::new(),
                shortfall: 0,
                people: Vec::new(),
                message_zh: "新机构中没有可安置人员的单位".into(),
                message_en: "the new structure has no unit to place people in".into(),
            }]);
        }
        _ => {}
    }
    let mut out = blocked_rules(req, &relaxed, &raw, short.as_ref());
    if let Some(hint) = unpin_hint(req, &relaxed, &raw, deadline)? {
        out.push(hint);
    }
    Ok(out)
}

/// Keeps the hard rows only (soft rules cannot make a plan infeasible), and drops the
/// placements a rule forbids into units no hard row asks more people of: they cannot help any
/// rule (a person kept out of a unit by a rule still has the grassroots).
fn prune(model: LinearModel, req: &SolveRequest<'_>) -> LinearModel {
    let hard_rows: Vec<model::Row> = model
        .rows
        .into_iter()
        .filter(|r| req.rules.get(r.rule).is_some_and(|rule| rule.hard))
        .collect();
    let mut wanted = vec![false; model.candidates.len()];
    for row in hard_rows
        .iter()
        .filter(|r| r.sense == Sense::AtLeast && r.rhs > EPS)
    {
        for &(c, k) in &row.terms {
            wanted[c] |= k > 0.0;
        }
    }
    let keep = |c: usize| {
        !matches!(
            model.candidates[c].blocked,
            Some(Blocker::Rule(_) | Blocker::Exclusion | Blocker::RolePin)
        ) || wanted[c]
    };
    let mut renumber = vec![usize::MAX; model.candidates.len()];
    let mut candidates = Vec::new();
    for (c, cand) in model.candidates.iter().enumerate() {
        if keep(c) {
            renumber[c] = candidates.len();
            candidates.push(cand.clone());
        }
    }
    let kept = |cs: &[usize]| -> Vec<usize> {
        cs.iter()
            .filter(|&&c| keep(c))
            .map(|&c| renumber[c])
            .collect()
    };
    let by_group = model.by_group.iter().map(|cs| kept(cs)).collect();
    let pools = model
        .pools
        .iter()
        .map(|pool| model::Pool {
            candidates: kept(&pool.candidates),
            ..pool.clone()
        })
        .collect();
    let rows = hard_rows
        .into_iter()
        .map(|mut row| {
            row.terms = row
                .terms
                .into_iter()
                .filter(|&(c, _)| keep(c))
                .map(|(c, k)| (renumber[c], k))
                .collect();
            row
        })
        .collect();
    LinearModel {
        candidates,
        by_group,
        pools,
        rows,
        ..model
    }
}

/// The placements of the relaxed plan `raw` that break a restriction, with how many people
/// each places.
pub(super) fn lifted(relaxed: &LinearModel, raw: &RawSolution) -> Vec<(usize, u32)> {
    relaxed
        .candidates
        .iter()
        .enumerate()
        .filter_map(|(c, cand)| {
            let n = raw.counts.get(c).copied().unwrap_or(0);
            (cand.blocked.is_some() && n > 0).then_some((c, n))
        })
        .collect()
}

pub(super) fn left(settings: &SolveSettings, deadline: Deadline) -> SolveSettings {
    SolveSettings {
        time_limit_seconds: deadline
            .remaining_seconds()
            .unwrap_or(settings.time_limit_seconds),
        ..settings.clone()
    }
}

fn time_limit() -> Shortfall {
    Shortfall {
        rule_id: "time_limit".into(),
        units: Vec::new(),
        shortfall: 0,
        people: Vec::new(),
        message_zh: "诊断在时间限制内未完成；请放宽时间限制后重试".into(),
        message_en: "the diagnosis did not finish within the time limit; allow more time".into(),
    }
}

/// People a restriction holds back from one rule, by the unit they are held in (the pinned
/// department for pins, the old unit for a placement rule).
#[derive(Default)]
struct HeldBack {
    people: u32,
    by_unit: BTreeMap<String, u32>,
}

/// Per hard rule: how far it falls short (by `short_by_row`, the plan's own elastic model,
/// when known; otherwise without the placements the relaxed optimum needed restrictions lifted
/// for), and which restrictions hold it back. A rule whose row keeps slack even in the relaxed
/// model conflicts with the other rules whatever the placements.
fn blocked_rules(
    req: &SolveRequest<'_>,
    relaxed: &LinearModel,
    raw: &RawSolution,
    short_by_row: Option<&HashMap<RowKey, f64>>,
) -> Vec<Shortfall> {
    let value = |c: usize| raw.values.get(c).copied().unwrap_or(0.0);
    // The counterfactual: lifted placements undone. A person freed from a pin goes back to
    // the pinned unit (the group's one unblocked own candidate); one a rule kept out is
    // simply not there.
    let mut pin_of: Vec<Option<usize>> = vec![None; relaxed.groups.len()];
    for (c, cand) in relaxed.candidates.iter().enumerate() {
        if cand.blocked.is_none() && cand.pool.is_none() {
            pin_of[cand.group] = Some(c);
        }
    }
    let mut undone: Vec<f64> = (0..relaxed.candidates.len())
        .map(|c| {
            if relaxed.candidates[c].blocked.is_none() {
                value(c)
            } else {
                0.0
            }
        })
        .collect();
    let lifted = lifted(relaxed, raw);
    for &(c, _) in &lifted {
        let cand = &relaxed.candidates[c];
        if cand.blocked == Some(Blocker::Pin) {
            if let Some(pin) = pin_of[cand.group] {
                undone[pin] += value(c);
            }
        }
    }
    let mut out = Vec::new();
    for (ri, rule) in req.rules.iter().enumerate().filter(|(_, r)| r.hard) {
        let mut short = 0.0;
        let mut over = false;
        let mut units = Vec::new();
        let mut conflict = false;
        let mut held: BTreeMap<Blocker, HeldBack> = BTreeMap::new();
        let mut taken: BTreeSet<RowKey> = BTreeSet::new();
        for (row, s) in relaxed
            .rows
            .iter()
            .zip(&raw.slack)
            .filter(|(r, _)| r.rule == ri)
        {
            let relaxed_gap = if *s > EPS {
                *s
            } else {
                let free: f64 = row.terms.iter().map(|&(c, k)| k * undone[c]).sum();
                match row.sense {
                    Sense::AtLeast => row.rhs - free,
                    Sense::AtMost => free - row.rhs,
                }
            };
            // Rows sharing a key (a unit's head and deputy posts) share its shortfall: the
            // first one takes it.
            let gap = match short_by_row {
                Some(short) if taken.insert(key(row)) => {
                    short.get(&key(row)).copied().unwrap_or(0.0)
                }
                Some(_) => 0.0,
                None => relaxed_gap,
            };
            if gap <= EPS {
                continue;
            }
            conflict |= *s > EPS;
            short += gap;
            over |= row.sense == Sense::AtMost;
            if let Some(u) = row.unit {
                units.push(req.structure.units[u].id.clone());
            }
            let coef: HashMap<usize, f64> = row.terms.iter().copied().collect();
            for &(c, n) in &lifted {
                let cand = &relaxed.candidates[c];
                let Some(blocker) = cand.blocked else {
                    continue;
                };
                // What the lifted placement does for the row, against undoing it.
                let back = match blocker {
                    Blocker::Pin => pin_of[cand.group].and_then(|p| coef.get(&p)).copied(),
                    Blocker::Rule(_) | Blocker::Exclusion | Blocker::RolePin => None,
                };
                let delta = coef.get(&c).copied().unwrap_or(0.0) - back.unwrap_or(0.0);
                let helps = match row.sense {
                    Sense::AtLeast => delta > 0.0,
                    Sense::AtMost => delta < 0.0,
                };
                if !helps {
                    continue;
                }
                let p = &req.bureau.people[cand.person];
                let at = match blocker {
                    Blocker::Pin => pinned_department(req, &p.police_number),
                    Blocker::Rule(_) | Blocker::Exclusion | Blocker::RolePin => {
                        p.current_unit.clone()
                    }
                };
                let h = held.entry(blocker).or_default();
                h.people += n;
                *h.by_unit.entry(at).or_default() += n;
            }
        }
        if short <= EPS {
            continue;
        }
        let shortfall = (short - EPS).ceil() as u32;
        let (why_zh, why_en) = if conflict {
            whatever_the_placements(req, relaxed)
        } else {
            why(req, &held)
        };
        units.dedup();
        out.push(shortfall_text(
            rule,
            req.structure,
            units,
            shortfall,
            over,
            why_zh,
            why_en,
        ));
    }
    out
}

/// Why a rule that keeps slack in the relaxed model cannot hold: nothing a planner can lift
/// would help (naming the placement rules the relaxed model lifted, when there are any).
fn whatever_the_placements(req: &SolveRequest<'_>, relaxed: &LinearModel) -> (String, String) {
    let lifted: BTreeSet<usize> = relaxed
        .candidates
        .iter()
        .filter_map(|c| match c.blocked {
            Some(Blocker::Rule(r)) => Some(r),
            _ => None,
        })
        .collect();
    let placement_rules: Vec<(String, String)> = lifted
        .into_iter()
        .filter_map(|r| req.rules.get(r))
        .map(|r| {
            (
                format!("“{}”", describe_in(&r.kind, Lang::ZhCn, req.structure)),
                format!("\"{}\"", describe_in(&r.kind, Lang::En, req.structure)),
            )
        })
        .collect();
    let mut placement_rules = placement_rules;
    if relaxed
        .candidates
        .iter()
        .any(|c| c.blocked == Some(Blocker::Exclusion))
    {
        placement_rules.push(("“不宜调往”".into(), "the exclusions (不宜调往)".into()));
    }
    if relaxed
        .candidates
        .iter()
        .any(|c| c.blocked == Some(Blocker::RolePin))
    {
        placement_rules.push((
            "固定的社区民警身份".into(),
            "the pinned community roles".into(),
        ));
    }
    let (also_zh, also_en) = if placement_rules.is_empty() {
        (String::new(), String::new())
    } else {
        let zh: Vec<&str> = placement_rules.iter().map(|r| r.0.as_str()).collect();
        let en: Vec<&str> = placement_rules.iter().map(|r| r.1.as_str()).collect();
        (
            format!("、不受{}限制", zh.join("、")),
            format!(" and {} set aside", en.join(", ")),
        )
    };
    (
        format!("即使解除全部固定{also_zh}，此规则仍无法满足，须调整规则、编制或机构本身。"),
        format!(
            "even with every pin lifted{also_en} it cannot hold: the rule, the establishment or \
             the structure itself must change."
        ),
    )
}

/// "Held back by …" in both languages, one part per restriction.
fn why(req: &SolveRequest<'_>, held: &BTreeMap<Blocker, HeldBack>) -> (String, String) {
    let mut zh = Vec::new();
    let mut en = Vec::new();
    for (blocker, h) in held {
        let (list_zh, list_en) = unit_list(req, &h.by_unit, *blocker == Blocker::Pin);
        let n = h.people;
        match blocker {
            Blocker::Pin => {
                zh.push(format!("固定人员挡住 {n} 人（固定在{list_zh}）"));
                en.push(format!("pins hold back {n} (pinned in {list_en})"));
            }
            Blocker::RolePin => {
                zh.push(format!("固定的社区民警身份挡住 {n} 人（来自{list_zh}）"));
                en.push(format!(
                    "pinned community roles hold back {n} (from {list_en})"
                ));
            }
            Blocker::Exclusion => {
                zh.push(format!("“不宜调往”挡住 {n} 人（来自{list_zh}）"));
                en.push(format!(
                    "exclusions (不宜调往) hold back {n} (from {list_en})"
                ));
            }
            Blocker::Rule(r) => {
                let rule = &req.rules[*r];
                zh.push(format!(
                    "“{}”挡住 {n} 人（来自{list_zh}）",
                    describe_in(&rule.kind, Lang::ZhCn, req.structure)
                ));
                en.push(format!(
                    "\"{}\" holds back {n} (from {list_en})",
                    describe_in(&rule.kind, Lang::En, req.structure)
                ));
            }
        }
    }
    if zh.is_empty() {
        return (String::new(), String::new());
    }
    (
        format!("受阻于：{}。", zh.join("；")),
        format!("Held back by: {}.", en.join("; ")),
    )
}

/// "办公室 5 人、刑侦大队 2 人" / "办公室 5, 刑侦大队 2", by unit name (new departments for
/// pins, old units otherwise).
pub(super) fn unit_list(
    req: &SolveRequest<'_>,
    by_unit: &BTreeMap<String, u32>,
    new_units: bool,
) -> (String, String) {
    let name = |id: &str| -> String {
        let unit = if new_units {
            req.structure.unit(id)
        } else {
            req.bureau.old_unit(id)
        };
        unit.map_or_else(|| id.to_string(), |u| u.name.clone())
    };
    let zh: Vec<String> = by_unit
        .iter()
        .map(|(id, n)| format!("{} {n} 人", name(id)))
        .collect();
    let en: Vec<String> = by_unit
        .iter()
        .map(|(id, n)| format!("{} {n}", name(id)))
        .collect();
    (zh.join("、"), en.join(", "))
}

/// The top-level unit a person is pinned in.
pub(super) fn pinned_department(req: &SolveRequest<'_>, police_number: &str) -> String {
    req.draft
        .assignment
        .get(police_number)
        .map_or_else(String::new, |u| req.structure.top_level(u).to_string())
}
