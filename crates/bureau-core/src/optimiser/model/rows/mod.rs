//! The linear rows each rule adds to the model: one function per rule kind, grouped by what
//! the rule looks at (`shares.rs`: fractions of officers; `units.rs`: counts in one unit or
//! each; `people.rs`: who moves), and the dispatch that picks one per rule. Capacity and entry
//! rows live beside the code they share (`capacity.rs`, `entry.rs`); the workload rule's rows
//! wait for a first solve (`workload_rows.rs`). Nothing here reads the checker.

use crate::model::{Bureau, Person, Structure, Unit, UnitKind};
use crate::rules::{Rule, RuleKind};

use super::candidates::{person, UnitIndex};
use super::{capacity, entry, LinearModel, Row, Sense};

mod people;
mod shares;
mod units;

/// What every rule's rows are built from: the candidates so far, indexed by unit, and the
/// rule's position (each row names it).
struct Cx<'a> {
    model: &'a LinearModel,
    index: &'a UnitIndex,
    ri: usize,
    bureau: &'a Bureau,
    structure: &'a Structure,
}

impl Cx<'_> {
    fn units(&self) -> &[Unit] {
        &self.structure.units
    }

    /// Candidates `0..n`, in candidate order.
    fn candidates(&self) -> std::ops::Range<usize> {
        0..self.model.candidates.len()
    }

    fn person(&self, c: usize) -> &Person {
        person(self.bureau, self.model, c)
    }

    fn officer(&self, c: usize) -> bool {
        self.person(c).is_officer()
    }

    fn is_station(&self, c: usize) -> bool {
        self.units()[self.model.candidates[c].unit].kind == UnitKind::PoliceStation
    }

    /// 1 when candidate `c` places people who hold a community post there, else 0: roles are
    /// decisions of the model (`roles.rs`).
    fn community(&self, c: usize) -> f64 {
        f64::from(u8::from(self.model.candidates[c].role))
    }

    fn unit_index(&self, id: &str) -> Option<usize> {
        self.units().iter().position(|u| u.id == id)
    }

    fn row(&self, unit: Option<usize>, terms: Vec<(usize, f64)>, sense: Sense, rhs: f64) -> Row {
        Row {
            rule: self.ri,
            unit,
            terms,
            sense,
            rhs,
        }
    }
}

/// The rule fails whatever the assignment (e.g. the structure has fewer posts than before).
struct AlwaysFails;

/// Adds rule `ri`'s rows to `model`, or records it among the rules that always fail.
pub(super) fn add_rule_rows(
    model: &mut LinearModel,
    index: &UnitIndex,
    ri: usize,
    rule: &Rule,
    bureau: &Bureau,
    structure: &Structure,
) {
    let cx = Cx {
        model,
        index,
        ri,
        bureau,
        structure,
    };
    match rule_rows(&cx, &rule.kind) {
        Ok(rows) => model.rows.extend(rows),
        Err(AlwaysFails) => model.structurally_failing.push(ri),
    }
}

fn rule_rows(cx: &Cx<'_>, kind: &RuleKind) -> Result<Vec<Row>, AlwaysFails> {
    let (m, i, ri, b, s) = (cx.model, cx.index, cx.ri, cx.bureau, cx.structure);
    Ok(match kind {
        RuleKind::StationShare { min } => shares::station_share(cx, *min),
        RuleKind::CommunityShare { min } => shares::community_share(cx, *min),
        RuleKind::StationCommunityShare { min } => shares::station_community_share(cx, *min),
        RuleKind::OfficeReduction { min } => shares::office_reduction(cx, *min),
        RuleKind::GridCoverage => units::grid_coverage(cx),
        RuleKind::UnitHeadcount {
            unit,
            category,
            min,
            max,
        } => units::unit_headcount(cx, unit, *category, *min, *max),
        RuleKind::PostsWithinLimits => units::posts_within_limits(cx),
        RuleKind::TotalPostsKept => units::total_posts_kept(cx)?,
        RuleKind::SpecialityCoverage {
            unit,
            speciality,
            min,
        } => units::speciality_coverage(cx, unit, speciality, *min),
        RuleKind::AuxiliaryRatio { unit, min, max } => units::auxiliary_ratio(cx, unit, *min, *max),
        RuleKind::UnitEstablishment => capacity::establishment_rows(m, i, ri, b, s),
        RuleKind::UnitMinimum { min, units: set } => {
            capacity::minimum_rows(m, i, ri, b, s, *min, set)
        }
        RuleKind::EntryRequirement {
            unit,
            requires,
            share,
        } => entry::share_rows(m, i, ri, b, s, unit, requires, *share),
        RuleKind::MoveCap { max } => people::move_cap(cx, *max),
        // Enforced on the candidates themselves (excluded when hard, costed when soft).
        RuleKind::SeniorsToGrassroots { .. } | RuleKind::ProfessionalGradeForOffice => Vec::new(),
        // Their rows need the station or squad total a first solve decides (`workload_rows.rs`).
        RuleKind::StationWorkload { .. } | RuleKind::SquadWorkload { .. } => Vec::new(),
    })
}
