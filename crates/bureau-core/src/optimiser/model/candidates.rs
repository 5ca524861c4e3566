//! Where the candidates are: the person each places, and the candidates by unit and subtree
//! that every rule's rows read.

use std::collections::HashMap;

use crate::model::{Bureau, Person, Structure};

use super::LinearModel;

/// The person candidate `c` places (its group's first member).
pub(super) fn person<'a>(bureau: &'a Bureau, model: &LinearModel, c: usize) -> &'a Person {
    &bureau.people[model.candidates[c].person]
}

/// Candidates by the unit they place people in, and each unit's subtree, so that a rule about
/// one unit looks at that unit's candidates only (a 25,000-person bureau has ~10^5 candidates
/// and a hundred unit rules).
pub(super) struct UnitIndex {
    pub(super) by_unit: Vec<Vec<usize>>,
    /// Each unit and every unit below it.
    subtree: Vec<Vec<usize>>,
}

impl UnitIndex {
    pub(super) fn new(model: &LinearModel, structure: &Structure) -> Self {
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
    pub(super) fn within(&self, u: usize) -> Vec<usize> {
        let mut out: Vec<usize> = self.subtree[u]
            .iter()
            .flat_map(|&v| self.by_unit[v].iter().copied())
            .collect();
        out.sort_unstable();
        out
    }
}
