//! The structure designer's operations, each a pure, validated step from one structure to the
//! next: add, rename, delete and move units; set a unit's kind, tier, operation, numbers,
//! functions; map an old unit onto new units; name the structure. A refused step names the
//! unit and the field and returns nothing, so the caller writes nothing.
//!
//! Deleting a unit deletes its sub-units too and takes it out of the merge map; the people the
//! draft placed in any of them go back to their old unit (unplaced), and the outcome lists them.
//! Renaming keeps the unit's id, so placements, pins and rules follow it.

use std::collections::HashSet;
use std::fmt;
use ts_rs::TS;

use serde::{Deserialize, Serialize};

use crate::model::{
    Bureau, Draft, MergeEdge, Operation, PoliceNumber, Structure, Tier, Unit, UnitId, UnitKind,
};
use crate::rules::Rule;

/// Longest unit or structure name (characters).
pub const MAX_NAME_CHARS: usize = 40;
/// Longest functions (职能) text (characters).
pub const MAX_FUNCTIONS_CHARS: usize = 4_000;
/// Largest establishment (民警 or 辅警) one unit may have: more than any bureau's total.
pub const MAX_ESTABLISHMENT: u32 = 100_000;
/// Largest number of head or deputy posts of one unit.
pub const MAX_POSTS: u32 = 100;
/// Largest number of grids (警务区) of one station.
pub const MAX_GRIDS: u32 = 10_000;

/// A unit's number the designer sets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum NumberField {
    OfficerEstablishment,
    AuxiliaryEstablishment,
    HeadPosts,
    DeputyPosts,
    Grids,
}

impl NumberField {
    pub fn as_str(self) -> &'static str {
        match self {
            NumberField::OfficerEstablishment => "officer_establishment",
            NumberField::AuxiliaryEstablishment => "auxiliary_establishment",
            NumberField::HeadPosts => "head_posts",
            NumberField::DeputyPosts => "deputy_posts",
            NumberField::Grids => "grids",
        }
    }

    pub fn max(self) -> u32 {
        match self {
            NumberField::OfficerEstablishment | NumberField::AuxiliaryEstablishment => {
                MAX_ESTABLISHMENT
            }
            NumberField::HeadPosts | NumberField::DeputyPosts => MAX_POSTS,
            NumberField::Grids => MAX_GRIDS,
        }
    }

    fn slot(self, u: &mut Unit) -> &mut u32 {
        match self {
            NumberField::OfficerEstablishment => &mut u.officer_establishment,
            NumberField::AuxiliaryEstablishment => &mut u.auxiliary_establishment,
            NumberField::HeadPosts => &mut u.head_posts,
            NumberField::DeputyPosts => &mut u.deputy_posts,
            NumberField::Grids => &mut u.grids,
        }
    }
}

/// One designer step. Numbers arrive as JSON numbers and are checked here (whole, 0 to the
/// field's maximum) so that the refusal names the unit and the field.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(tag = "op", rename_all = "snake_case", deny_unknown_fields)]
pub enum StructureEdit {
    /// A new unit, last among its siblings; `parent` makes it a sub-unit.
    AddUnit {
        name: String,
        #[serde(default)]
        #[ts(optional = nullable)]
        parent: Option<UnitId>,
        kind: UnitKind,
        tier: Tier,
    },
    RenameUnit {
        unit: UnitId,
        name: String,
    },
    /// Deletes the unit and its sub-units.
    DeleteUnit {
        unit: UnitId,
    },
    /// Moves a unit under `parent` (`None`: top level) at `index` among its new siblings
    /// (clamped to the end): reorders and re-parents.
    MoveUnit {
        unit: UnitId,
        #[serde(default)]
        #[ts(optional = nullable)]
        parent: Option<UnitId>,
        index: usize,
    },
    SetKind {
        unit: UnitId,
        kind: UnitKind,
    },
    SetTier {
        unit: UnitId,
        tier: Tier,
    },
    SetOperation {
        unit: UnitId,
        operation: Operation,
    },
    SetNumber {
        unit: UnitId,
        field: NumberField,
        value: f64,
    },
    SetFunctions {
        unit: UnitId,
        functions: String,
    },
    /// The new units an old unit is formed into (first: where its people go by default);
    /// empty leaves it unmapped.
    MapOldUnit {
        old_unit: UnitId,
        to: Vec<UnitId>,
    },
    SetStructureName {
        name: String,
    },
}

impl StructureEdit {
    /// A short label for the undo button and the audit trail.
    pub fn label(&self) -> String {
        match self {
            StructureEdit::AddUnit { name, .. } => format!("add_unit {name}"),
            StructureEdit::RenameUnit { unit, name } => format!("rename_unit {unit} {name}"),
            StructureEdit::DeleteUnit { unit } => format!("delete_unit {unit}"),
            StructureEdit::MoveUnit { unit, .. } => format!("move_unit {unit}"),
            StructureEdit::SetKind { unit, .. } => format!("set_kind {unit}"),
            StructureEdit::SetTier { unit, .. } => format!("set_tier {unit}"),
            StructureEdit::SetOperation { unit, .. } => format!("set_operation {unit}"),
            StructureEdit::SetNumber { unit, field, .. } => {
                format!("set_{} {unit}", field.as_str())
            }
            StructureEdit::SetFunctions { unit, .. } => format!("set_functions {unit}"),
            StructureEdit::MapOldUnit { old_unit, .. } => format!("map {old_unit}"),
            StructureEdit::SetStructureName { .. } => "set_structure_name".into(),
        }
    }
}

/// Why a step was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum EditProblem {
    EmptyName,
    NameTooLong,
    DuplicateName,
    UnknownUnit,
    UnknownParent,
    UnknownOldUnit,
    /// The move would make a unit its own ancestor.
    OwnAncestor,
    /// Not a whole number from 0 to the field's maximum.
    BadNumber,
    TextTooLong,
    /// The same new unit twice in one old unit's destinations.
    DuplicateDestination,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct StructureEditError {
    pub problem: EditProblem,
    /// The unit's id (an old unit's for `map_old_unit`), when the step names one.
    pub unit: Option<UnitId>,
    /// The unit's name, when it exists.
    pub unit_name: Option<String>,
    /// The field: `name`, `parent`, `to`, `officer_establishment`, …
    pub field: String,
    /// What was expected, in English.
    pub expected: String,
}

impl fmt::Display for StructureEditError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (&self.unit, &self.unit_name) {
            (Some(id), Some(name)) => write!(f, "unit {name} ({id}), ")?,
            (Some(id), None) => write!(f, "unit {id}, ")?,
            _ => write!(f, "structure, ")?,
        }
        write!(f, "field {}: expected {}", self.field, self.expected)
    }
}

impl std::error::Error for StructureEditError {}

/// A step's result: the new structure, the people it unplaced and the unit it created.
#[derive(Debug, Clone, PartialEq)]
pub struct StructureEditOutcome {
    pub structure: Structure,
    /// People the draft placed in a deleted unit: they are back in their old unit.
    pub unplaced: Vec<PoliceNumber>,
    /// The id of the unit `add_unit` created.
    pub created: Option<UnitId>,
}

/// Applies one step to `structure`; `draft` tells who is placed where.
pub fn apply_edit(
    bureau: &Bureau,
    structure: &Structure,
    draft: &Draft,
    edit: &StructureEdit,
) -> Result<StructureEditOutcome, StructureEditError> {
    let mut s = structure.clone();
    let mut created = None;
    match edit {
        StructureEdit::AddUnit {
            name,
            parent,
            kind,
            tier,
        } => {
            let name = checked_name(&s, None, name, parent.as_deref())?;
            if let Some(p) = parent {
                if s.unit(p).is_none() {
                    return Err(refusal(
                        EditProblem::UnknownParent,
                        Some(p.as_str()),
                        None,
                        "parent",
                        "the id of an existing unit (was it deleted?)".into(),
                    ));
                }
            }
            let id = fresh_id(&s);
            let unit = Unit {
                id: id.clone(),
                name,
                kind: *kind,
                tier: *tier,
                parent: parent.clone(),
                officer_establishment: 0,
                auxiliary_establishment: 0,
                head_posts: 0,
                deputy_posts: 0,
                operation: Operation::Physical,
                grids: 0,
                functions: String::new(),
            };
            let at = insertion_point(&s, parent.as_deref(), usize::MAX);
            s.units.insert(at, unit);
            created = Some(id);
        }
        StructureEdit::RenameUnit { unit, name } => {
            let parent = existing(&s, unit)?.parent.clone();
            let name = checked_name(&s, Some(unit.as_str()), name, parent.as_deref())?;
            unit_mut(&mut s, unit).name = name;
        }
        StructureEdit::DeleteUnit { unit } => {
            existing(&s, unit)?;
            let gone = subtree(&s, unit);
            s.units.retain(|u| !gone.contains(&u.id));
            for edge in &mut s.merge_map {
                edge.to.retain(|t| !gone.contains(t));
            }
            s.merge_map.retain(|e| !e.to.is_empty());
        }
        StructureEdit::MoveUnit {
            unit,
            parent,
            index,
        } => {
            let current = existing(&s, unit)?.clone();
            if let Some(p) = parent {
                if s.unit(p).is_none() {
                    return Err(refusal(
                        EditProblem::UnknownParent,
                        Some(unit.as_str()),
                        Some(current.name.as_str()),
                        "parent",
                        format!("the id of an existing unit, found {p:?}"),
                    ));
                }
                if subtree(&s, unit).contains(p) {
                    return Err(refusal(
                        EditProblem::OwnAncestor,
                        Some(unit.as_str()),
                        Some(current.name.as_str()),
                        "parent",
                        format!("a unit outside {}'s own sub-units", current.name),
                    ));
                }
            }
            if current.parent != *parent {
                checked_name(&s, Some(unit.as_str()), &current.name, parent.as_deref())?;
            }
            // The unit moves with its sub-units, which stay right after it.
            let gone = subtree(&s, unit);
            let mut block: Vec<Unit> = Vec::new();
            let mut rest: Vec<Unit> = Vec::new();
            for u in s.units.drain(..) {
                if gone.contains(&u.id) {
                    block.push(u);
                } else {
                    rest.push(u);
                }
            }
            s.units = rest;
            if let Some(first) = block.iter_mut().find(|u| u.id == *unit) {
                first.parent = parent.clone();
            }
            let at = insertion_point(&s, parent.as_deref(), *index);
            s.units.splice(at..at, block);
        }
        StructureEdit::SetKind { unit, kind } => {
            existing(&s, unit)?;
            unit_mut(&mut s, unit).kind = *kind;
        }
        StructureEdit::SetTier { unit, tier } => {
            existing(&s, unit)?;
            unit_mut(&mut s, unit).tier = *tier;
        }
        StructureEdit::SetOperation { unit, operation } => {
            existing(&s, unit)?;
            unit_mut(&mut s, unit).operation = *operation;
        }
        StructureEdit::SetNumber { unit, field, value } => {
            let name = existing(&s, unit)?.name.clone();
            let max = field.max();
            let whole = value.is_finite()
                && value.fract() == 0.0
                && *value >= 0.0
                && *value <= f64::from(max);
            if !whole {
                return Err(refusal(
                    EditProblem::BadNumber,
                    Some(unit.as_str()),
                    Some(name.as_str()),
                    field.as_str(),
                    format!("a whole number from 0 to {max}, found {value}"),
                ));
            }
            // In range and whole: the conversion is exact.
            *field.slot(unit_mut(&mut s, unit)) = *value as u32;
        }
        StructureEdit::SetFunctions { unit, functions } => {
            let name = existing(&s, unit)?.name.clone();
            let chars = functions.chars().count();
            if chars > MAX_FUNCTIONS_CHARS {
                return Err(refusal(
                    EditProblem::TextTooLong,
                    Some(unit.as_str()),
                    Some(name.as_str()),
                    "functions",
                    format!("at most {MAX_FUNCTIONS_CHARS} characters, found {chars}"),
                ));
            }
            unit_mut(&mut s, unit).functions = functions.trim_end().to_owned();
        }
        StructureEdit::MapOldUnit { old_unit, to } => {
            let Some(old) = bureau.old_unit(old_unit) else {
                return Err(refusal(
                    EditProblem::UnknownOldUnit,
                    Some(old_unit.as_str()),
                    None,
                    "from",
                    "the id of one of today's units".into(),
                ));
            };
            let mut seen = HashSet::new();
            for t in to {
                if s.unit(t).is_none() {
                    return Err(refusal(
                        EditProblem::UnknownUnit,
                        Some(old_unit.as_str()),
                        Some(old.name.as_str()),
                        "to",
                        format!("the id of an existing new unit (was it deleted?), found {t:?}"),
                    ));
                }
                if !seen.insert(t.as_str()) {
                    return Err(refusal(
                        EditProblem::DuplicateDestination,
                        Some(old_unit.as_str()),
                        Some(old.name.as_str()),
                        "to",
                        format!("each new unit once, found {t:?} twice"),
                    ));
                }
            }
            match s.merge_map.iter().position(|e| e.from == *old_unit) {
                Some(i) if to.is_empty() => {
                    s.merge_map.remove(i);
                }
                Some(i) => s.merge_map[i].to = to.clone(),
                None if to.is_empty() => {}
                None => {
                    // Kept in today's unit order, as templates write it.
                    let rank = |id: &str| bureau.old_units.iter().position(|u| u.id == id);
                    let mine = rank(old_unit);
                    let at = s
                        .merge_map
                        .iter()
                        .position(|e| rank(&e.from) > mine)
                        .unwrap_or(s.merge_map.len());
                    s.merge_map.insert(
                        at,
                        MergeEdge {
                            from: old_unit.clone(),
                            to: to.clone(),
                        },
                    );
                }
            }
        }
        StructureEdit::SetStructureName { name } => {
            let trimmed = name.trim();
            if trimmed.is_empty() {
                return Err(refusal(
                    EditProblem::EmptyName,
                    None,
                    None,
                    "structure.name",
                    "a non-empty structure name".into(),
                ));
            }
            let chars = trimmed.chars().count();
            if chars > MAX_NAME_CHARS {
                return Err(refusal(
                    EditProblem::NameTooLong,
                    None,
                    None,
                    "structure.name",
                    format!("at most {MAX_NAME_CHARS} characters, found {chars}"),
                ));
            }
            s.name = trimmed.to_owned();
        }
    }
    let unplaced = draft
        .assignment
        .iter()
        .filter(|(_, unit)| s.unit(unit).is_none())
        .map(|(number, _)| number.clone())
        .collect();
    Ok(StructureEditOutcome {
        structure: s,
        unplaced,
        created,
    })
}

/// How many people the draft places in `unit` or its sub-units: whom deleting it would send
/// back to their old unit (what `apply_edit`'s `unplaced` lists for that deletion), so the
/// designer can say so before it deletes. 0 for a unit the structure does not have.
pub fn placed_within(structure: &Structure, draft: &Draft, unit: &str) -> usize {
    if structure.unit(unit).is_none() {
        return 0;
    }
    let gone = subtree(structure, unit);
    draft
        .assignment
        .iter()
        .filter(|(_, placed)| gone.contains(placed.as_str()))
        .count()
}

/// The rules that still name units of `structure`, and how many were dropped because the unit
/// they name is gone.
pub fn rules_for(structure: &Structure, rules: Vec<Rule>) -> (Vec<Rule>, usize) {
    let before = rules.len();
    let kept: Vec<Rule> = rules
        .into_iter()
        .filter(|r| r.kind.unit().is_none_or(|u| structure.unit(u).is_some()))
        .collect();
    let dropped = before - kept.len();
    (kept, dropped)
}

fn refusal(
    problem: EditProblem,
    unit: Option<&str>,
    unit_name: Option<&str>,
    field: &str,
    expected: String,
) -> StructureEditError {
    StructureEditError {
        problem,
        unit: unit.map(str::to_owned),
        unit_name: unit_name.map(str::to_owned),
        field: field.into(),
        expected,
    }
}

fn existing<'a>(s: &'a Structure, id: &str) -> Result<&'a Unit, StructureEditError> {
    s.unit(id).ok_or_else(|| {
        refusal(
            EditProblem::UnknownUnit,
            Some(id),
            None,
            "unit",
            "the id of an existing unit (was it deleted?)".into(),
        )
    })
}

/// Only called after `existing` found the unit.
fn unit_mut<'a>(s: &'a mut Structure, id: &str) -> &'a mut Unit {
    let i = s.units.iter().position(|u| u.id == id).unwrap_or(0);
    &mut s.units[i]
}

/// A trimmed name that is non-empty, not too long and unique among `parent`'s children.
fn checked_name(
    s: &Structure,
    unit: Option<&str>,
    name: &str,
    parent: Option<&str>,
) -> Result<String, StructureEditError> {
    let shown = unit.and_then(|id| s.unit(id)).map(|u| u.name.as_str());
    let trimmed = name.trim();
    if trimmed.is_empty() {
        return Err(refusal(
            EditProblem::EmptyName,
            unit,
            shown,
            "name",
            "a non-empty unit name".into(),
        ));
    }
    let chars = trimmed.chars().count();
    if chars > MAX_NAME_CHARS {
        return Err(refusal(
            EditProblem::NameTooLong,
            unit,
            shown,
            "name",
            format!("at most {MAX_NAME_CHARS} characters, found {chars}"),
        ));
    }
    let clash = s
        .units
        .iter()
        .any(|u| u.parent.as_deref() == parent && u.name == trimmed && Some(u.id.as_str()) != unit);
    if clash {
        let within = parent
            .and_then(|p| s.unit(p))
            .map_or("the top level".to_owned(), |p| p.name.clone());
        return Err(refusal(
            EditProblem::DuplicateName,
            unit,
            shown,
            "name",
            format!("a name not already used within {within}, found {trimmed:?}"),
        ));
    }
    Ok(trimmed.to_owned())
}

/// `n-1`, `n-2`, …: the first id no unit has.
fn fresh_id(s: &Structure) -> UnitId {
    (1..)
        .map(|k| format!("n-{k}"))
        .find(|id| s.unit(id).is_none())
        .unwrap_or_default()
}

/// The unit and every unit below it.
fn subtree(s: &Structure, id: &str) -> HashSet<UnitId> {
    let mut out: HashSet<UnitId> = HashSet::from([id.to_owned()]);
    // Each pass adds a generation; a structure has no deeper chain than its unit count.
    for _ in 0..s.units.len() {
        let before = out.len();
        for u in &s.units {
            if u.parent.as_ref().is_some_and(|p| out.contains(p)) {
                out.insert(u.id.clone());
            }
        }
        if out.len() == before {
            break;
        }
    }
    out
}

/// Where in the unit list a unit goes to be `index`th among `parent`'s children (the end when
/// `index` is past them): units keep tree order, each parent followed by its sub-units.
fn insertion_point(s: &Structure, parent: Option<&str>, index: usize) -> usize {
    let siblings: Vec<usize> = (0..s.units.len())
        .filter(|&i| s.units[i].parent.as_deref() == parent)
        .collect();
    if let Some(&at) = siblings.get(index) {
        return at;
    }
    match siblings.last() {
        // After the last sibling and everything below it.
        Some(&last) => {
            let below = subtree(s, &s.units[last].id);
            let mut at = last + 1;
            while at < s.units.len() && below.contains(&s.units[at].id) {
                at += 1;
            }
            at
        }
        None => match parent {
            Some(p) => s
                .units
                .iter()
                .position(|u| u.id == p)
                .map_or(s.units.len(), |i| i + 1),
            None => s.units.len(),
        },
    }
}
