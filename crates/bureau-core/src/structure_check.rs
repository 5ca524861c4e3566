//! What the structure designer shows live beside the tree: the totals before and after (编制,
//! 职数, 内设机构) and a typed finding for each thing a planner should fix. Pure: a bureau, a
//! structure and (optionally) the scenario's rules in, numbers out; the UI phrases them.
//!
//! A department's establishment is its own plus its sub-units' (a department with sub-units
//! usually keeps 0 of its own and the sub-units carry it), the same sum the default headcount
//! rules use, so the designer and the rules panel never disagree.

use std::collections::HashSet;
use ts_rs::TS;

use serde::{Deserialize, Serialize};

use crate::model::{Bureau, Category, Structure, Tier, Unit};
use crate::rules::{Rule, RuleKind};

/// One number before (the old units) and after (the new structure).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct BeforeAfter {
    pub before: u32,
    pub after: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct StructureTotals {
    /// 民警编制
    pub officer_establishment: BeforeAfter,
    /// 辅警编制
    pub auxiliary_establishment: BeforeAfter,
    /// 职数: head and deputy posts together.
    pub posts: BeforeAfter,
    pub head_posts: BeforeAfter,
    pub deputy_posts: BeforeAfter,
    /// 内设机构: top-level office units (police stations and traffic squads are not counted).
    pub internal_units: BeforeAfter,
}

/// Something the planner should fix, with the unit and the numbers it is about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum StructureFinding {
    /// The new structure's officer establishment differs from today's: the staffing office
    /// approves the bureau's total, a reorganisation only redistributes it.
    OfficerEstablishmentChanged { before: u32, after: u32 },
    /// The same for auxiliaries.
    AuxiliaryEstablishmentChanged { before: u32, after: u32 },
    /// Fewer mid-level posts than today (中层职数不减).
    PostsReduced { before: u32, after: u32 },
    /// An old unit no new unit is formed from: its people have nowhere to go by default.
    UnmappedOldUnit { unit: String, name: String },
    /// A new unit (with its sub-units) has neither officer nor auxiliary establishment.
    UnitWithoutEstablishment { unit: String, name: String },
    /// A department's sub-units together have more officer establishment than the scenario's
    /// headcount rule allows the department.
    SubUnitsExceedDepartment {
        unit: String,
        name: String,
        sub_units: u32,
        department: u32,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct StructureCheck {
    pub totals: StructureTotals,
    pub findings: Vec<StructureFinding>,
}

/// Totals and findings for `structure` against `bureau`'s old units. `rules` are the
/// scenario's rules (its department caps); pass the defaults or nothing when it has none.
pub fn check_structure(bureau: &Bureau, structure: &Structure, rules: &[Rule]) -> StructureCheck {
    let sum = |units: &[Unit], f: fn(&Unit) -> u32| units.iter().map(f).sum::<u32>();
    let ba = |f: fn(&Unit) -> u32| BeforeAfter {
        before: sum(&bureau.old_units, f),
        after: sum(&structure.units, f),
    };
    let internal = |units: &[Unit]| {
        units
            .iter()
            .filter(|u| u.parent.is_none() && u.tier == Tier::Office)
            .count() as u32
    };
    let head_posts = ba(|u| u.head_posts);
    let deputy_posts = ba(|u| u.deputy_posts);
    let totals = StructureTotals {
        officer_establishment: ba(|u| u.officer_establishment),
        auxiliary_establishment: ba(|u| u.auxiliary_establishment),
        posts: BeforeAfter {
            before: head_posts.before + deputy_posts.before,
            after: head_posts.after + deputy_posts.after,
        },
        head_posts,
        deputy_posts,
        internal_units: BeforeAfter {
            before: internal(&bureau.old_units),
            after: internal(&structure.units),
        },
    };

    let mut findings = Vec::new();
    let o = totals.officer_establishment;
    if o.before != o.after {
        findings.push(StructureFinding::OfficerEstablishmentChanged {
            before: o.before,
            after: o.after,
        });
    }
    let a = totals.auxiliary_establishment;
    if a.before != a.after {
        findings.push(StructureFinding::AuxiliaryEstablishmentChanged {
            before: a.before,
            after: a.after,
        });
    }
    if totals.posts.after < totals.posts.before {
        findings.push(StructureFinding::PostsReduced {
            before: totals.posts.before,
            after: totals.posts.after,
        });
    }
    for old in unmapped_old_units(bureau, structure) {
        findings.push(StructureFinding::UnmappedOldUnit {
            unit: old.id.clone(),
            name: old.name.clone(),
        });
    }
    for u in &structure.units {
        let children = || {
            structure
                .units
                .iter()
                .filter(move |c| c.parent.as_deref() == Some(u.id.as_str()))
        };
        let officers =
            u.officer_establishment + children().map(|c| c.officer_establishment).sum::<u32>();
        let auxiliaries =
            u.auxiliary_establishment + children().map(|c| c.auxiliary_establishment).sum::<u32>();
        if officers == 0 && auxiliaries == 0 {
            findings.push(StructureFinding::UnitWithoutEstablishment {
                unit: u.id.clone(),
                name: u.name.clone(),
            });
        }
        if u.parent.is_some() {
            continue;
        }
        let sub_units: u32 = children().map(|c| c.officer_establishment).sum();
        if sub_units == 0 {
            continue;
        }
        if let Some(cap) = officer_cap(rules, &u.id) {
            if sub_units > cap {
                findings.push(StructureFinding::SubUnitsExceedDepartment {
                    unit: u.id.clone(),
                    name: u.name.clone(),
                    sub_units,
                    department: cap,
                });
            }
        }
    }
    StructureCheck { totals, findings }
}

/// Old units the merge map sends nowhere (a sub-unit follows its parent when it has no entry
/// of its own): the designer flags them and the optimiser refuses to plan while they hold
/// people.
pub fn unmapped_old_units<'a>(bureau: &'a Bureau, structure: &Structure) -> Vec<&'a Unit> {
    let mapped: HashSet<&str> = structure
        .merge_map
        .iter()
        .filter(|e| !e.to.is_empty())
        .map(|e| e.from.as_str())
        .collect();
    bureau
        .old_units
        .iter()
        .filter(|old| {
            !mapped.contains(old.id.as_str()) && !mapped.contains(old_top(bureau, &old.id))
        })
        .collect()
}

/// The tightest officer maximum the rules set on `unit`.
fn officer_cap(rules: &[Rule], unit: &str) -> Option<u32> {
    rules
        .iter()
        .filter_map(|r| match &r.kind {
            RuleKind::UnitHeadcount {
                unit: u,
                category: Category::Officer,
                max: Some(max),
                ..
            } if u == unit => Some(*max),
            _ => None,
        })
        .min()
}

fn old_top<'a>(bureau: &'a Bureau, id: &'a str) -> &'a str {
    let mut at = id;
    for _ in 0..=bureau.old_units.len() {
        match bureau.old_unit(at).and_then(|u| u.parent.as_deref()) {
            Some(parent) => at = parent,
            None => break,
        }
    }
    at
}
