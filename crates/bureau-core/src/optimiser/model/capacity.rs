//! Rows that keep every unit of the structure between its minimum staffing and its
//! establishment (编制): officers and auxiliaries of a unit and its sub-units, against
//! `metrics::establishment`, the one definition every screen shows beside a headcount.

use std::collections::BTreeMap;

use crate::metrics::establishment;
use crate::model::{Bureau, Category, Structure, UnitId};

use super::candidates::{person, UnitIndex};
use super::{LinearModel, Row, Sense};

/// People a set of candidates could place at most (a group counted once per candidate: an
/// over-estimate, so a row is only left out when it can never bind).
fn reach(model: &LinearModel, terms: &[(usize, f64)]) -> u64 {
    terms
        .iter()
        .map(|&(c, _)| model.groups[model.candidates[c].group].len() as u64)
        .sum()
}

/// Officers and auxiliaries of each unit (sub-units included) at most its establishment.
pub(super) fn establishment_rows(
    model: &LinearModel,
    index: &UnitIndex,
    ri: usize,
    bureau: &Bureau,
    structure: &Structure,
) -> Vec<Row> {
    let mut rows = Vec::new();
    for (u, unit) in structure.units.iter().enumerate() {
        let (officers, auxiliaries) = establishment(&structure.units, &unit.id);
        let inside = index.within(u);
        for (category, limit) in [
            (Category::Officer, officers),
            (Category::Auxiliary, auxiliaries),
        ] {
            let terms: Vec<(usize, f64)> = inside
                .iter()
                .copied()
                .filter(|&c| person(bureau, model, c).category == category)
                .map(|c| (c, 1.0))
                .collect();
            if reach(model, &terms) > u64::from(limit) {
                rows.push(Row {
                    rule: ri,
                    unit: Some(u),
                    terms,
                    sense: Sense::AtMost,
                    rhs: f64::from(limit),
                });
            }
        }
    }
    rows
}

/// At least `min` officers in each unit (sub-units included; `set` overrides it per unit),
/// never more than the unit's officer establishment: a room without establishment needs none.
pub(super) fn minimum_rows(
    model: &LinearModel,
    index: &UnitIndex,
    ri: usize,
    bureau: &Bureau,
    structure: &Structure,
    min: u32,
    set: &BTreeMap<UnitId, u32>,
) -> Vec<Row> {
    let mut rows = Vec::new();
    for (u, unit) in structure.units.iter().enumerate() {
        let wanted = set.get(&unit.id).copied().unwrap_or(min);
        let need = wanted.min(establishment(&structure.units, &unit.id).0);
        if need == 0 {
            continue;
        }
        let terms = index
            .within(u)
            .into_iter()
            .filter(|&c| person(bureau, model, c).is_officer())
            .map(|c| (c, 1.0))
            .collect();
        rows.push(Row {
            rule: ri,
            unit: Some(u),
            terms,
            sense: Sense::AtLeast,
            rhs: f64::from(need),
        });
    }
    rows
}
