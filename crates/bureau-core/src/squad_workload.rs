//! The traffic squads' workload model (交警中队警力测算): the station model's method on a
//! traffic squad's own figures — road length, accidents, traffic calls, vehicles.
//!
//! share(q) = Σ_f w_f · x_f(q) / X_f ÷ Σ_f w_f over the factors with a positive bureau total,
//! and the demand shares the plan's squad total out by share with a floor per squad and
//! largest remainders ([`crate::weighted_demand::apportion`]), so that demands add up to the total.
//! Documented in `docs/workload.md`; the rule `squad_workload` reads it. The squads are one
//! [`WorkloadKind`]: what they share with the stations is computed in `workload_kind.rs`.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::model::{Assignment, Bureau, SquadFigures, Structure, UnitKind};
use crate::rules::{Rule, RuleKind};
use crate::weighted_demand::{factors, invalid_weight, weight_parts};
use crate::workload_kind::{
    demands, has_unit_figures, staffing_table, StaffingTable, UnitDemand, WorkloadKind,
};

/// The least a squad opens with: one officer on the road, one on accidents, one on duty.
pub const DEFAULT_SQUAD_MIN_OFFICERS: u32 = 3;

/// How much each squad factor weighs. Only ratios matter.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, TS)]
#[serde(default, deny_unknown_fields)]
pub struct SquadWeights {
    pub road_km: f64,
    pub accidents: f64,
    pub traffic_calls: f64,
    pub vehicles: f64,
}

impl Default for SquadWeights {
    /// Road length and accidents carry a squad's work (patrol posts, scene work and case
    /// files); calls add dispatch; vehicles stand for enforcement load (`docs/workload.md`).
    fn default() -> Self {
        SquadWeights {
            road_km: 0.30,
            accidents: 0.30,
            traffic_calls: 0.25,
            vehicles: 0.15,
        }
    }
}

const NAMES: [&str; 4] = ["road_km", "accidents", "traffic_calls", "vehicles"];

impl SquadWeights {
    /// The weights by factor, in the order of [`SquadContributions`].
    pub fn as_array(&self) -> [f64; 4] {
        [
            self.road_km,
            self.accidents,
            self.traffic_calls,
            self.vehicles,
        ]
    }

    /// Every weight finite and in [0, 1000], and at least one positive: the field that is not.
    pub fn invalid_field(&self) -> Option<&'static str> {
        invalid_weight(NAMES, self.as_array())
    }
}

/// One squad's weighted factor shares: they add up to its demand share.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize, TS)]
pub struct SquadContributions {
    pub road_km: f64,
    pub accidents: f64,
    pub traffic_calls: f64,
    pub vehicles: f64,
}

/// A new squad's place in the model.
pub type SquadDemand = UnitDemand<SquadFigures, SquadContributions>;

/// The traffic squads as a kind of the workload model.
pub struct Squads;

impl WorkloadKind for Squads {
    type Figures = SquadFigures;
    type Weights = SquadWeights;
    type Contributions = SquadContributions;
    const UNIT: UnitKind = UnitKind::TrafficSquad;

    fn figures(bureau: &Bureau) -> &[SquadFigures] {
        &bureau.squad_figures
    }

    fn unit_of(f: &SquadFigures) -> &str {
        &f.unit
    }

    fn merged(unit: &str, parts: &[&SquadFigures]) -> SquadFigures {
        let sum = |f: fn(&SquadFigures) -> u32| {
            parts.iter().map(|p| f(p)).fold(0u32, u32::saturating_add)
        };
        SquadFigures {
            unit: unit.into(),
            road_km: parts.iter().map(|p| p.road_km).sum(),
            accidents: sum(|p| p.accidents),
            traffic_calls: sum(|p| p.traffic_calls),
            vehicles: sum(|p| p.vehicles),
        }
    }

    fn factor_values(f: &SquadFigures) -> Vec<f64> {
        vec![
            f.road_km,
            f64::from(f.accidents),
            f64::from(f.traffic_calls),
            f64::from(f.vehicles),
        ]
    }

    fn weight_values(w: &SquadWeights) -> Vec<f64> {
        w.as_array().to_vec()
    }

    fn contributions(shares: &[f64]) -> SquadContributions {
        let [road_km, accidents, traffic_calls, vehicles] = factors(shares);
        SquadContributions {
            road_km,
            accidents,
            traffic_calls,
            vehicles,
        }
    }

    fn contribution_values(c: &SquadContributions) -> Vec<f64> {
        vec![c.road_km, c.accidents, c.traffic_calls, c.vehicles]
    }

    fn parameters(rules: &[Rule]) -> (SquadWeights, u32) {
        squad_parameters(rules)
    }

    fn method_sentence(w: &SquadWeights, floor: u32) -> (String, String) {
        squad_method_sentence(w, floor)
    }
}

/// Every traffic squad of `structure` with its figures, contributions, share and demand at a
/// squad total of `total` officers with at least `floor` each.
pub fn squad_demands(
    bureau: &Bureau,
    structure: &Structure,
    weights: &SquadWeights,
    floor: u32,
    total: u32,
) -> Vec<SquadDemand> {
    demands::<Squads>(bureau, structure, weights, floor, total)
}

/// Whether the bureau has figures for any squad of `structure`: without them the rule
/// `squad_workload` has nothing to measure and holds.
pub fn has_squad_figures(bureau: &Bureau, structure: &Structure) -> bool {
    has_unit_figures::<Squads>(bureau, structure)
}

/// The method for squads in one sentence (zh-CN, en), for the plan document's section on
/// staffing: the factors named with the share their weight becomes, and the floor.
pub fn squad_method_sentence(weights: &SquadWeights, floor: u32) -> (String, String) {
    let w = weights.as_array();
    let zh_names = ["道路里程", "年交通事故数", "年交通警情数", "机动车保有量"];
    let en_names = ["road length", "accidents", "traffic calls", "vehicles"];
    let part = |names: [&str; 4], sep: &str| weight_parts(w, names, sep);
    (
        format!(
            "各交警中队警力需求按辖区{}的权重，以各项指标占全局合计的比例加权测算，再按交警中队警力总数分配（每个中队不少于{}名民警，按最大余数取整）。",
            part(zh_names, "").join("、"),
            floor
        ),
        format!(
            "Each traffic squad's officer demand is its share of the squads' weighted figures ({}; each figure divided by the bureau's total), applied to the planned squad total with at least {} officers per squad and rounded by largest remainders.",
            part(en_names, " ").join(", "),
            floor
        ),
    )
}

/// The parameters of the scenario's `squad_workload` rule, or the defaults without one.
pub fn squad_parameters(rules: &[Rule]) -> (SquadWeights, u32) {
    rules
        .iter()
        .find_map(|r| match &r.kind {
            RuleKind::SquadWorkload {
                weights,
                min_officers,
                ..
            } => Some((*weights, *min_officers)),
            _ => None,
        })
        .unwrap_or((SquadWeights::default(), DEFAULT_SQUAD_MIN_OFFICERS))
}

/// The staffing calculation of a plan over its traffic squads, named for the UI's types.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(transparent)]
pub struct SquadTable(pub StaffingTable<SquadWeights, SquadFigures, SquadContributions>);

/// The squads' staffing calculation of `assignment` with the scenario's rules.
pub fn squad_table(
    bureau: &Bureau,
    structure: &Structure,
    rules: &[Rule],
    assignment: &Assignment,
) -> StaffingTable<SquadWeights, SquadFigures, SquadContributions> {
    staffing_table::<Squads>(bureau, structure, rules, assignment)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workload_kind::unit_shares;

    /// Each squad's contributions and their sum, its share.
    fn squad_shares(
        squads: &[(usize, Option<SquadFigures>)],
        w: &SquadWeights,
    ) -> Vec<(SquadContributions, f64)> {
        unit_shares::<Squads>(squads, w)
            .iter()
            .map(|c| (Squads::contributions(c), c.iter().sum()))
            .collect()
    }

    fn squad(
        unit: &str,
        road_km: f64,
        accidents: u32,
        traffic_calls: u32,
        vehicles: u32,
    ) -> (usize, Option<SquadFigures>) {
        (
            0,
            Some(SquadFigures {
                unit: unit.into(),
                road_km,
                accidents,
                traffic_calls,
                vehicles,
            }),
        )
    }

    #[test]
    fn shares_weigh_each_factor_by_the_bureau_total() {
        // Totals: road 400, accidents 100, calls 1000, vehicles 50,000.
        // A: 0.30·300/400 + 0.30·20/100 + 0.25·200/1000 + 0.15·10,000/50,000
        //  = 0.225 + 0.06 + 0.05 + 0.03 = 0.365; B the rest, 0.635.
        let squads = [
            squad("a", 300.0, 20, 200, 10_000),
            squad("b", 100.0, 80, 800, 40_000),
        ];
        let c = squad_shares(&squads, &SquadWeights::default());
        assert!((c[0].0.road_km - 0.225).abs() < 1e-12);
        assert!((c[0].0.accidents - 0.06).abs() < 1e-12);
        assert!((c[0].0.traffic_calls - 0.05).abs() < 1e-12);
        assert!((c[0].0.vehicles - 0.03).abs() < 1e-12);
        assert!((c[0].1 - 0.365).abs() < 1e-12);
        assert!((c[1].1 - 0.635).abs() < 1e-12);
    }

    #[test]
    fn a_factor_nobody_reported_drops_out() {
        // No vehicles anywhere: the other weights (0.85) are renormalised.
        let squads = [squad("a", 100.0, 10, 100, 0), squad("b", 100.0, 30, 300, 0)];
        let c = squad_shares(&squads, &SquadWeights::default());
        assert_eq!(c[0].0.vehicles, 0.0);
        let a = (0.30 * 0.5 + 0.30 * 0.25 + 0.25 * 0.25) / 0.85;
        assert!((c[0].1 - a).abs() < 1e-12);
        assert!((c[0].1 + c[1].1 - 1.0).abs() < 1e-12);
    }

    #[test]
    fn weights_out_of_range_are_named() {
        let w = SquadWeights {
            accidents: -1.0,
            ..SquadWeights::default()
        };
        assert_eq!(w.invalid_field(), Some("accidents"));
        let zero = SquadWeights {
            road_km: 0.0,
            accidents: 0.0,
            traffic_calls: 0.0,
            vehicles: 0.0,
        };
        assert_eq!(zero.invalid_field(), Some("road_km"));
        assert_eq!(SquadWeights::default().invalid_field(), None);
    }
}
