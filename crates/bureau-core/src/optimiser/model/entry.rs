//! Who may be placed where: entry requirements (准入要求, a rule kind) and the planner's
//! per-person exclusions (不宜调往, in the draft). Both are read on candidates — a forbidden
//! placement is no candidate at all when hard — except an entry requirement with a share
//! below one, which is a row over the officers who enter the unit by a move.
//!
//! The functions here are also what a diagnosis asks when it names the blocker: whether a
//! rule or an exclusion keeps a person out of a unit.

use std::collections::HashMap;

use crate::metrics::MoveIndex;
use crate::model::{Bureau, Draft, Exclusion, Person, Structure, Tier, Unit};
use crate::rules::{Requirement, Rule, RuleKind};

use super::candidates::{person, UnitIndex};
use super::{LinearModel, Row, Sense};

/// Whether `unit` is `ancestor` or lies below it in `structure` (bounded by the unit count,
/// so that a refused parent cycle cannot hang).
pub fn within(structure: &Structure, unit: &str, ancestor: &str) -> bool {
    let mut at = Some(unit);
    for _ in 0..=structure.units.len() {
        match at {
            Some(id) if id == ancestor => return true,
            Some(id) => at = structure.unit(id).and_then(|u| u.parent.as_deref()),
            None => return false,
        }
    }
    false
}

/// Whether exclusion `x` keeps its person out of `unit` (a unit of `structure`).
pub fn excludes(structure: &Structure, x: &Exclusion, unit: &Unit) -> bool {
    match &x.unit {
        Some(id) => within(structure, &unit.id, id),
        None => unit.tier == Tier::Grassroots,
    }
}

/// Whether entry requirement `kind` bars officer `p` from `unit` when the placement is a move
/// (`by_move`): the unit lies within the rule's unit, `p` lacks what it requires, and the rule
/// asks it of everyone entering (a share of one). `false` for any other rule kind.
pub fn bars(
    structure: &Structure,
    kind: &RuleKind,
    p: &Person,
    unit: &Unit,
    by_move: bool,
) -> bool {
    match kind {
        RuleKind::EntryRequirement {
            unit: at,
            requires,
            share,
        } => {
            *share >= 1.0
                && by_move
                && p.is_officer()
                && !requires.held_by(p)
                && within(structure, &unit.id, at)
        }
        _ => false,
    }
}

/// The draft's exclusions by police number.
pub(super) fn exclusions_by_person(draft: &Draft) -> HashMap<&str, Vec<&Exclusion>> {
    let mut out: HashMap<&str, Vec<&Exclusion>> = HashMap::new();
    for x in &draft.exclusions {
        out.entry(x.police_number.as_str()).or_default().push(x);
    }
    out
}

/// Rules asking everyone who enters to hold something, per unit of the structure: the
/// candidates' check is then a lookup.
pub(super) struct Barriers<'a> {
    /// For each unit, the entry rules (whole share) that apply within it, with their index
    /// among the solve's rules (what a diagnosis names).
    by_unit: Vec<Vec<(usize, &'a Rule)>>,
}

impl<'a> Barriers<'a> {
    pub(super) fn new(rules: &'a [Rule], structure: &Structure) -> Self {
        let whole: Vec<(usize, &Rule)> = rules
            .iter()
            .enumerate()
            .filter(
                |(_, r)| matches!(r.kind, RuleKind::EntryRequirement { share, .. } if share >= 1.0),
            )
            .collect();
        let by_unit = structure
            .units
            .iter()
            .map(|u| {
                whole
                    .iter()
                    .copied()
                    .filter(|(_, r)| match &r.kind {
                        RuleKind::EntryRequirement { unit, .. } => within(structure, &u.id, unit),
                        _ => false,
                    })
                    .collect()
            })
            .collect();
        Barriers { by_unit }
    }

    /// The rules that bar officer `p` from unit `u` on a move.
    pub(super) fn barring(&self, p: &Person, u: usize, by_move: bool) -> Vec<(usize, &'a Rule)> {
        if !(by_move && p.is_officer()) {
            return Vec::new();
        }
        self.by_unit[u]
            .iter()
            .copied()
            .filter(|(_, r)| lacks(r, p))
            .collect()
    }

    /// Whether a hard rule here may bar officer `p` from some unit.
    pub(super) fn may_bar(&self, p: &Person) -> bool {
        p.is_officer()
            && self
                .by_unit
                .iter()
                .flatten()
                .any(|(_, r)| r.hard && lacks(r, p))
    }
}

fn lacks(r: &Rule, p: &Person) -> bool {
    match &r.kind {
        RuleKind::EntryRequirement { requires, .. } => !requires.held_by(p),
        _ => false,
    }
}

/// What entry rules look at, as a key part for grouping people: the required specialities and
/// qualifications `p` holds.
pub(super) fn key_part(rules: &[Rule], p: &Person) -> String {
    let mut held: Vec<&Requirement> = rules
        .iter()
        .filter_map(|r| match &r.kind {
            RuleKind::EntryRequirement { requires, .. } if requires.held_by(p) => Some(requires),
            _ => None,
        })
        .collect();
    held.sort_by_key(|r| format!("{r:?}"));
    held.dedup();
    format!("{held:?}")
}

/// What share rows look at, as a key part for pooling movers: the units under an entry
/// requirement below one that `p` reaches without a move. A pool's members then agree on
/// whether a placement there is a move, so that someone who would enter such a unit freely
/// cannot be counted, through the pool, as a qualified officer entering it by a move.
pub(super) fn free_part(
    structure: &Structure,
    rules: &[Rule],
    moves: &MoveIndex,
    p: &Person,
) -> String {
    let mut free: Vec<&str> = Vec::new();
    for r in rules {
        if let RuleKind::EntryRequirement { unit, share, .. } = &r.kind {
            if *share < 1.0 {
                free.extend(
                    structure
                        .units
                        .iter()
                        .filter(|u| within(structure, &u.id, unit))
                        .filter(|u| !moves.is_move(&p.current_unit, &u.id))
                        .map(|u| u.id.as_str()),
                );
            }
        }
    }
    free.sort_unstable();
    free.dedup();
    format!("{free:?}")
}

/// The share row of an entry requirement below one: Σ (holds − share) over officers entering
/// `unit` (sub-units included) by a move ≥ 0. A pool's members agree on which units here are
/// moves (`free_part`), so its representative answers for all of them.
#[allow(clippy::too_many_arguments)]
pub(super) fn share_rows(
    model: &LinearModel,
    index: &UnitIndex,
    ri: usize,
    bureau: &Bureau,
    structure: &Structure,
    unit: &str,
    requires: &Requirement,
    share: f64,
) -> Vec<Row> {
    if share >= 1.0 {
        return Vec::new();
    }
    let Some(u) = structure.units.iter().position(|x| x.id == unit) else {
        return Vec::new();
    };
    let moves = MoveIndex::new(structure);
    let terms = index
        .within(u)
        .into_iter()
        .filter(|&c| {
            let cand = &model.candidates[c];
            let p = person(bureau, model, c);
            p.is_officer() && moves.is_move(&p.current_unit, &structure.units[cand.unit].id)
        })
        .map(|c| {
            let held = f64::from(u8::from(requires.held_by(person(bureau, model, c))));
            (c, held - share)
        })
        .collect();
    vec![Row {
        rule: ri,
        unit: Some(u),
        terms,
        sense: Sense::AtLeast,
        rhs: 0.0,
    }]
}
