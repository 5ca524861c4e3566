//! The workload model (警力配置测算): from each station's jurisdiction figures to its share of
//! the bureau's demand and its officer demand at a planned station total.
//!
//! share(s) = Σ_f w_f · x_f(s) / X_f  ÷  Σ_f w_f, over the factors f the bureau has figures for
//! (X_f, the bureau's total, is positive), where x_f(s) is the station's figure: residents,
//! calls, criminal cases, public-order cases, area × travel factor, villages. The demand
//! shares a station total out by share, with a floor per station and largest remainders, so
//! that demands add up to the total exactly. Documented in `docs/workload.md`.
//!
//! The rule `station_workload`, the checker, the optimiser, the board and the documents all
//! take demands from here. The stations are one [`WorkloadKind`]: what they share with the
//! traffic squads is computed in `workload_kind.rs`.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::model::{Assignment, Bureau, StationFigures, Structure, UnitKind};
use crate::rules::{Rule, RuleKind, DEFAULT_MIN_OFFICERS};
pub use crate::weighted_demand::apportion;
use crate::weighted_demand::{factors, invalid_weight, weight_parts};
use crate::workload_kind::{
    demands, has_unit_figures, staffing_table, StaffingTable, UnitDemand, WorkloadKind,
};

/// How much each factor weighs. Only ratios matter: weights are divided by their sum.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, TS)]
#[serde(default, deny_unknown_fields)]
pub struct WorkloadWeights {
    pub population: f64,
    pub calls: f64,
    pub criminal_cases: f64,
    pub public_order_cases: f64,
    pub area: f64,
    pub villages: f64,
}

impl Default for WorkloadWeights {
    /// Calls and residents carry most of a station's daily work; cases add investigation
    /// time; area (with travel) and villages stand for the distance and the grid work that
    /// calls do not show (see `docs/workload.md`).
    fn default() -> Self {
        WorkloadWeights {
            population: 0.25,
            calls: 0.30,
            criminal_cases: 0.15,
            public_order_cases: 0.10,
            area: 0.10,
            villages: 0.10,
        }
    }
}

impl WorkloadWeights {
    /// The weights by factor, in the order of [`Contributions`].
    pub fn as_array(&self) -> [f64; 6] {
        [
            self.population,
            self.calls,
            self.criminal_cases,
            self.public_order_cases,
            self.area,
            self.villages,
        ]
    }

    /// Every weight finite and ≥ 0, and at least one positive: the field that is not.
    pub fn invalid_field(&self) -> Option<&'static str> {
        let names = [
            "population",
            "calls",
            "criminal_cases",
            "public_order_cases",
            "area",
            "villages",
        ];
        invalid_weight(names, self.as_array())
    }
}

/// A hard `station_workload` rule's tolerance: each station within ±k officers of its
/// demand, or within ±x of it (x a fraction, rounded down to whole officers).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, TS)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum WorkloadBand {
    Officers { k: u32 },
    Percent { x: f64 },
}

impl WorkloadBand {
    /// Officers a station may be off its demand.
    pub fn allowance(&self, demand: u32) -> u32 {
        match *self {
            WorkloadBand::Officers { k } => k,
            // Bounded: x is validated in [0, 1], demand ≤ the bureau's officers.
            WorkloadBand::Percent { x } => (x * f64::from(demand) + 1e-9).floor().max(0.0) as u32,
        }
    }
}

/// One station's weighted factor shares (each already divided by the bureau's total and by
/// the sum of the weights): they add up to the station's demand share.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize, TS)]
pub struct Contributions {
    pub population: f64,
    pub calls: f64,
    pub criminal_cases: f64,
    pub public_order_cases: f64,
    pub area: f64,
    pub villages: f64,
}

/// A new station's place in the model.
pub type StationDemand = UnitDemand<StationFigures, Contributions>;

/// The police stations as a kind of the workload model.
pub struct Stations;

impl WorkloadKind for Stations {
    type Figures = StationFigures;
    type Weights = WorkloadWeights;
    type Contributions = Contributions;
    const UNIT: UnitKind = UnitKind::PoliceStation;

    fn figures(bureau: &Bureau) -> &[StationFigures] {
        &bureau.station_figures
    }

    fn unit_of(f: &StationFigures) -> &str {
        &f.unit
    }

    /// Counts add up; the travel factor of a merged station is the area-weighted mean.
    fn merged(unit: &str, parts: &[&StationFigures]) -> StationFigures {
        let sum = |f: fn(&StationFigures) -> u32| {
            parts.iter().map(|p| f(p)).fold(0u32, u32::saturating_add)
        };
        let area: f64 = parts.iter().map(|p| p.area_km2).sum();
        let effective: f64 = parts.iter().map(|p| p.effective_area()).sum();
        let registered = parts
            .iter()
            .map(|p| p.registered_population)
            .try_fold(0u32, |s, r| r.map(|r| s.saturating_add(r)));
        let any_factor = parts.iter().any(|p| p.travel_factor.is_some());
        StationFigures {
            unit: unit.into(),
            resident_population: sum(|p| p.resident_population),
            registered_population: registered,
            area_km2: area,
            villages: sum(|p| p.villages),
            calls: sum(|p| p.calls),
            criminal_cases: sum(|p| p.criminal_cases),
            public_order_cases: sum(|p| p.public_order_cases),
            travel_factor: (any_factor && area > 0.0).then(|| effective / area),
        }
    }

    fn factor_values(f: &StationFigures) -> Vec<f64> {
        vec![
            f64::from(f.resident_population),
            f64::from(f.calls),
            f64::from(f.criminal_cases),
            f64::from(f.public_order_cases),
            f.effective_area(),
            f64::from(f.villages),
        ]
    }

    fn weight_values(w: &WorkloadWeights) -> Vec<f64> {
        w.as_array().to_vec()
    }

    fn contributions(shares: &[f64]) -> Contributions {
        let [population, calls, criminal_cases, public_order_cases, area, villages] =
            factors(shares);
        Contributions {
            population,
            calls,
            criminal_cases,
            public_order_cases,
            area,
            villages,
        }
    }

    fn contribution_values(c: &Contributions) -> Vec<f64> {
        vec![
            c.population,
            c.calls,
            c.criminal_cases,
            c.public_order_cases,
            c.area,
            c.villages,
        ]
    }

    fn parameters(rules: &[Rule]) -> (WorkloadWeights, u32) {
        parameters(rules)
    }

    fn method_sentence(w: &WorkloadWeights, floor: u32) -> (String, String) {
        method_sentence(w, floor)
    }
}

/// Every station of `structure` with its figures, contributions, share and demand at a
/// station total of `total` officers with at least `floor` each.
pub fn station_demands(
    bureau: &Bureau,
    structure: &Structure,
    weights: &WorkloadWeights,
    floor: u32,
    total: u32,
) -> Vec<StationDemand> {
    demands::<Stations>(bureau, structure, weights, floor, total)
}

/// Whether the bureau has figures for any station of `structure`: without them the model
/// has nothing to measure, and the rule `station_workload` holds trivially.
pub fn has_figures(bureau: &Bureau, structure: &Structure) -> bool {
    has_unit_figures::<Stations>(bureau, structure)
}

/// The method in one sentence, for the plan document's section on staffing.
pub fn method_sentence(weights: &WorkloadWeights, floor: u32) -> (String, String) {
    let w = weights.as_array();
    let zh_names = [
        "常住人口",
        "年接处警数",
        "年刑事案件数",
        "年治安案件数",
        "辖区面积（按交通地形系数折算）",
        "行政村（社区）数",
    ];
    let en_names = [
        "residents",
        "calls",
        "criminal cases",
        "public-order cases",
        "area (times the travel factor)",
        "villages",
    ];
    let zh_parts = weight_parts(w, zh_names, "");
    let en_parts = weight_parts(w, en_names, " ");
    (
        format!(
            "各派出所警力需求按辖区{}的权重，以各项指标占全局合计的比例加权测算需求占比，再按派出所警力总数分配（每所不少于{}名民警，按最大余数取整）。",
            zh_parts.join("、"),
            floor
        ),
        format!(
            "Each station's officer demand is its share of the bureau's weighted figures ({}; each figure divided by the bureau's total), applied to the planned station total with at least {} officers per station and rounded by largest remainders.",
            en_parts.join(", "),
            floor
        ),
    )
}

/// The parameters of the scenario's `station_workload` rule, or the defaults without one.
pub fn parameters(rules: &[Rule]) -> (WorkloadWeights, u32) {
    rules
        .iter()
        .find_map(|r| match &r.kind {
            RuleKind::StationWorkload {
                weights,
                min_officers,
                ..
            } => Some((*weights, *min_officers)),
            _ => None,
        })
        .unwrap_or((WorkloadWeights::default(), DEFAULT_MIN_OFFICERS))
}

/// The staffing calculation of a plan over its stations, named for the UI's types.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(transparent)]
pub struct StationTable(pub StaffingTable<WorkloadWeights, StationFigures, Contributions>);

/// The stations' staffing calculation of `assignment` with the scenario's rules.
pub fn station_table(
    bureau: &Bureau,
    structure: &Structure,
    rules: &[Rule],
    assignment: &Assignment,
) -> StaffingTable<WorkloadWeights, StationFigures, Contributions> {
    staffing_table::<Stations>(bureau, structure, rules, assignment)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn apportion_adds_up_and_rounds_by_largest_remainder() {
        // 10 × (0.5, 0.3, 0.2) is exact; 7 × … = 3.5, 2.1, 1.4 → 3, 2, 1 and one more to 3.5.
        assert_eq!(apportion(&[0.5, 0.3, 0.2], 10, 0), vec![5, 3, 2]);
        assert_eq!(apportion(&[0.5, 0.3, 0.2], 7, 0), vec![4, 2, 1]);
        // Equal remainders: the earlier station first.
        assert_eq!(apportion(&[1.0, 1.0, 1.0, 1.0], 6, 0), vec![2, 2, 1, 1]);
    }

    #[test]
    fn apportion_holds_small_stations_at_the_floor() {
        // 20 × (0.9, 0.05, 0.05) = 18, 1, 1; with a floor of 3: 3 + 3, and 14 to the first.
        assert_eq!(apportion(&[0.9, 0.05, 0.05], 20, 3), vec![14, 3, 3]);
        // Floors larger than the total are dropped.
        assert_eq!(apportion(&[0.9, 0.05, 0.05], 5, 3), vec![5, 0, 0]);
        assert_eq!(apportion(&[0.0, 0.0], 3, 0), vec![2, 1]);
    }
}
