//! Pools of movers. Once a person leaves the units their merge map (or the draft) gives them,
//! their old unit no longer matters: what a move costs and what every rule counts depend only
//! on who they are. Groups that look the same in that light share one candidate per unit, so
//! opening every unit to everyone adds pools × units candidates, not groups × units.

use std::collections::HashMap;

use crate::metrics::MoveIndex;
use crate::model::{Person, Qualification, Structure};
use crate::rules::Rule;

use super::Pool;

/// Everything a mover's cost or a rule looks at: category, post, whether they may hold a
/// community post (a mover's post is always a new one, `roles.rs`), the qualification, the 50+
/// rule, the specialities some rule counts, what entry rules require and the departments
/// they wish for, and which units under an entry share they reach without a move.
pub(super) fn key(
    structure: &Structure,
    rules: &[Rule],
    moves: &MoveIndex,
    p: &Person,
    is_senior: bool,
    specialities: &[&str],
    roles: &super::roles::Roles<'_>,
) -> String {
    let community = roles.key_part(p);
    let specs: Vec<&str> = specialities
        .iter()
        .copied()
        .filter(|s| p.specialities.iter().any(|x| x == s))
        .collect();
    let mut wished: Vec<&str> = p.wishes.iter().map(|w| structure.top_level(w)).collect();
    wished.sort_unstable();
    wished.dedup();
    format!(
        "{:?}|{:?}|{}|{}|{}|{:?}|{:?}|{}|{}",
        p.category,
        p.post,
        community,
        p.has(Qualification::ProfessionalGrade),
        is_senior,
        specs,
        wished,
        super::entry::key_part(rules, p),
        super::entry::free_part(structure, rules, moves, p)
    )
}

/// Pools being formed, by key.
#[derive(Default)]
pub(super) struct Pools {
    index: HashMap<String, usize>,
    pools: Vec<Pool>,
}

impl Pools {
    /// Puts group `group` (of `size` people, `person` among them) in the pool of `key`.
    pub(super) fn join(&mut self, key: String, group: usize, size: usize, person: usize) -> usize {
        let k = *self.index.entry(key).or_insert_with(|| {
            self.pools.push(Pool {
                groups: Vec::new(),
                size: 0,
                person,
                candidates: Vec::new(),
            });
            self.pools.len() - 1
        });
        let pool = &mut self.pools[k];
        pool.groups.push(group);
        pool.size += size;
        k
    }

    pub(super) fn into_pools(self) -> Vec<Pool> {
        self.pools
    }
}
