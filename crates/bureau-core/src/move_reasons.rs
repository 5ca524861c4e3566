//! Why each person is placed where a plan puts them (调整原因), derived from the same model the
//! optimiser solves: the pins, the merge map (a placement inside it is free), wishes, the 50+
//! rule, the speciality rules, the establishment, and the two classes a move is priced by (a
//! cross-department transfer, a move within the grassroots). Every output (solve proposal,
//! adjustment list, document) asks this module, so a reason is counted the same way
//! everywhere.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::metrics::{establishment, is_move};
use crate::model::{Assignment, Bureau, Draft, Person, Post, Structure, Tier, UnitKind};
use crate::rules::{Rule, RuleKind};

/// Ordered as a reader ranks them: the first that applies is the reason. The last two are
/// the classes the optimiser prices a move by (a cross-department transfer, a move within the
/// grassroots), so every move has a reason.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum MoveReason {
    /// 组织指定: the planner pinned the person there.
    Pinned,
    /// 原职能转隶: the merge map sends the old unit's function there (free, not a move).
    FunctionTransfer,
    /// 本人意愿: the person asked for that department.
    Wish,
    /// 五零下沉: an office non-leader officer of the 50+ rule's age sent to the grassroots.
    SeniorsDown,
    /// 专业对口: the person holds a speciality a coverage rule asks of the destination.
    Speciality,
    /// 下沉充实派出所: an office officer sent to a police station.
    StrengthenStation,
    /// 补足编制: the destination department has more establishment for the person's category
    /// than the merge map brings it.
    FillEstablishment,
    /// 跨部门调动: otherwise, a move into a unit outside the grassroots (priced as a transfer).
    CrossDepartment,
    /// 基层警力调配: otherwise, a move into a grassroots unit.
    Grassroots,
}

impl MoveReason {
    pub const ALL: [MoveReason; 9] = [
        MoveReason::Pinned,
        MoveReason::FunctionTransfer,
        MoveReason::Wish,
        MoveReason::SeniorsDown,
        MoveReason::Speciality,
        MoveReason::StrengthenStation,
        MoveReason::FillEstablishment,
        MoveReason::CrossDepartment,
        MoveReason::Grassroots,
    ];

    /// The label every output prints (the solve proposal, the adjustment list, the paper):
    /// words a bureau's own document may use.
    pub fn zh(self) -> &'static str {
        match self {
            MoveReason::Pinned => "组织指定",
            MoveReason::FunctionTransfer => "原职能转隶",
            MoveReason::Wish => "本人意愿",
            MoveReason::SeniorsDown => "五零下沉",
            MoveReason::Speciality => "专业对口",
            MoveReason::StrengthenStation => "下沉充实派出所",
            MoveReason::FillEstablishment => "补足编制",
            MoveReason::CrossDepartment => "跨部门调动",
            MoveReason::Grassroots => "基层警力调配",
        }
    }

    pub fn en(self) -> &'static str {
        match self {
            MoveReason::Pinned => "designated by the planner",
            MoveReason::FunctionTransfer => "function transferred",
            MoveReason::Wish => "own wish",
            MoveReason::SeniorsDown => "50+ to the grassroots",
            MoveReason::Speciality => "speciality needed there",
            MoveReason::StrengthenStation => "strengthens a police station",
            MoveReason::FillEstablishment => "fills the establishment",
            MoveReason::CrossDepartment => "cross-department transfer",
            MoveReason::Grassroots => "grassroots rebalancing",
        }
    }
}

/// What the reasons look at, prepared once for a plan.
pub struct MoveReasons<'a> {
    bureau: &'a Bureau,
    structure: &'a Structure,
    draft: &'a Draft,
    senior_age: Option<u32>,
    /// (unit, speciality) pairs a speciality rule asks for.
    wanted: Vec<(&'a str, &'a str)>,
    /// Top-level units whose establishment exceeds the people the merge map sends them:
    /// (officers, auxiliaries).
    understaffed: HashMap<&'a str, (bool, bool)>,
}

impl<'a> MoveReasons<'a> {
    pub fn new(
        bureau: &'a Bureau,
        structure: &'a Structure,
        rules: &'a [Rule],
        draft: &'a Draft,
    ) -> Self {
        let senior_age = rules.iter().find_map(|r| match r.kind {
            RuleKind::SeniorsToGrassroots { age } => Some(age),
            _ => None,
        });
        let wanted = rules
            .iter()
            .filter_map(|r| match &r.kind {
                RuleKind::SpecialityCoverage {
                    unit, speciality, ..
                } => Some((unit.as_str(), speciality.as_str())),
                _ => None,
            })
            .collect();
        // People the merge map sends to each top-level unit (to the first destination), by
        // category: officers, auxiliaries.
        let mut inflow: HashMap<&str, (u64, u64)> = HashMap::new();
        for p in &bureau.people {
            if let Some(d) = structure.destinations(&p.current_unit).first() {
                let sent = inflow.entry(structure.top_level(d)).or_default();
                if p.is_officer() {
                    sent.0 += 1;
                } else {
                    sent.1 += 1;
                }
            }
        }
        let understaffed = structure
            .units
            .iter()
            .filter(|u| u.parent.is_none())
            .map(|u| {
                let (officers, auxiliaries) = establishment(&structure.units, &u.id);
                let (o, a) = inflow.get(u.id.as_str()).copied().unwrap_or((0, 0));
                (
                    u.id.as_str(),
                    (u64::from(officers) > o, u64::from(auxiliaries) > a),
                )
            })
            .collect();
        MoveReasons {
            bureau,
            structure,
            draft,
            senior_age,
            wanted,
            understaffed,
        }
    }

    /// Why `person` is placed in the new unit `to` (its id).
    pub fn reason(&self, person: &Person, to: &str) -> MoveReason {
        let s = self.structure;
        let top = s.top_level(to);
        if self.draft.pins.contains(&person.police_number)
            && self
                .draft
                .assignment
                .get(&person.police_number)
                .map(String::as_str)
                == Some(to)
        {
            return MoveReason::Pinned;
        }
        if !is_move(s, &person.current_unit, to) {
            return MoveReason::FunctionTransfer;
        }
        if person.wishes.iter().any(|w| s.top_level(w) == top) {
            return MoveReason::Wish;
        }
        let unit = s.unit(to);
        let from_office = self
            .bureau
            .old_unit(&person.current_unit)
            .is_some_and(|u| u.tier == Tier::Office);
        let to_grassroots = unit.is_some_and(|u| u.tier == Tier::Grassroots);
        if let Some(age) = self.senior_age {
            if person.is_officer()
                && from_office
                && to_grassroots
                && person.post == Post::None
                && person.birth.age_on(self.bureau.info.as_of) >= age
            {
                return MoveReason::SeniorsDown;
            }
        }
        let within = |rule_unit: &str| to == rule_unit || s.top_level(to) == rule_unit;
        if person.is_officer()
            && self
                .wanted
                .iter()
                .any(|(u, spec)| within(u) && person.specialities.iter().any(|x| x == spec))
        {
            return MoveReason::Speciality;
        }
        if person.is_officer()
            && from_office
            && unit.is_some_and(|u| u.kind == UnitKind::PoliceStation)
        {
            return MoveReason::StrengthenStation;
        }
        let (officers, auxiliaries) = self.understaffed.get(top).copied().unwrap_or_default();
        if (person.is_officer() && officers) || (!person.is_officer() && auxiliaries) {
            return MoveReason::FillEstablishment;
        }
        if to_grassroots {
            MoveReason::Grassroots
        } else {
            MoveReason::CrossDepartment
        }
    }

    /// People adjusted (the moves `metrics` counts) under `assignment`, by reason, in
    /// [`MoveReason::ALL`] order, reasons nobody has left out.
    pub fn counts(&self, assignment: &Assignment) -> Vec<(MoveReason, u32)> {
        let mut counts: HashMap<MoveReason, u32> = HashMap::new();
        for p in &self.bureau.people {
            let Some(to) = assignment.get(&p.police_number) else {
                continue;
            };
            if self.structure.unit(to).is_none() || !is_move(self.structure, &p.current_unit, to) {
                continue;
            }
            *counts.entry(self.reason(p, to)).or_default() += 1;
        }
        MoveReason::ALL
            .into_iter()
            .filter_map(|r| counts.get(&r).map(|&n| (r, n)))
            .collect()
    }
}
