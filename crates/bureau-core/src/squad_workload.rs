//! The traffic squads' workload model (交警中队警力测算): the station model's method on a
//! traffic squad's own figures — road length, accidents, traffic calls, vehicles.
//!
//! share(q) = Σ_f w_f · x_f(q) / X_f ÷ Σ_f w_f over the factors with a positive bureau total,
//! and the demand shares the plan's squad total out by share with a floor per squad and
//! largest remainders ([`crate::workload::apportion`]), so that demands add up to the total.
//! Documented in `docs/workload.md`; the rule `squad_workload` reads it.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::model::{Bureau, SquadFigures, Structure, UnitId, UnitKind};
use crate::weighted_demand::{
    gathered, invalid_weight, weight_parts, weighted_shares, Headcounts, TableTotals,
};
use crate::workload::apportion;

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

impl SquadContributions {
    fn total(&self) -> f64 {
        self.road_km + self.accidents + self.traffic_calls + self.vehicles
    }
}

/// A new squad's place in the model.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct SquadDemand {
    pub unit: UnitId,
    pub name: String,
    /// The sum of the old squads that merge into it; `None` without any.
    pub figures: Option<SquadFigures>,
    pub contributions: SquadContributions,
    /// Its share of the squads' demand, in [0, 1]; the shares add up to 1.
    pub share: f64,
    /// Officers it should have at the planned squad total.
    pub demand: u32,
}

/// The figures of each traffic squad of `structure` (its index among the units), summed
/// over the old squads whose people go there by default (the first destination of their
/// merge edge, or the old squad of the same id).
pub fn figures_by_squad(
    bureau: &Bureau,
    structure: &Structure,
) -> Vec<(usize, Option<SquadFigures>)> {
    gathered(
        bureau,
        structure,
        &bureau.squad_figures,
        |f| f.unit.as_str(),
        UnitKind::TrafficSquad,
    )
    .into_iter()
    .map(|(i, parts)| {
        let merged = parts.map(|parts| {
            let sum = |f: fn(&SquadFigures) -> u32| {
                parts.iter().map(|p| f(p)).fold(0u32, u32::saturating_add)
            };
            SquadFigures {
                unit: structure.units[i].id.clone(),
                road_km: parts.iter().map(|p| p.road_km).sum(),
                accidents: sum(|p| p.accidents),
                traffic_calls: sum(|p| p.traffic_calls),
                vehicles: sum(|p| p.vehicles),
            }
        });
        (i, merged)
    })
    .collect()
}

fn factor_values(f: &SquadFigures) -> [f64; 4] {
    [
        f.road_km,
        f64::from(f.accidents),
        f64::from(f.traffic_calls),
        f64::from(f.vehicles),
    ]
}

/// Each squad's contributions. Factors no squad reported (total 0) drop out and the other
/// weights are renormalised; without any figures every share is 0.
pub fn squad_shares(
    squads: &[(usize, Option<SquadFigures>)],
    weights: &SquadWeights,
) -> Vec<SquadContributions> {
    let values: Vec<Option<[f64; 4]>> = squads
        .iter()
        .map(|(_, f)| f.as_ref().map(factor_values))
        .collect();
    weighted_shares(&values, weights.as_array())
        .into_iter()
        .map(|c| SquadContributions {
            road_km: c[0],
            accidents: c[1],
            traffic_calls: c[2],
            vehicles: c[3],
        })
        .collect()
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
    let squads = figures_by_squad(bureau, structure);
    let contributions = squad_shares(&squads, weights);
    let share: Vec<f64> = contributions
        .iter()
        .map(SquadContributions::total)
        .collect();
    let demand = apportion(&share, total, floor);
    squads
        .into_iter()
        .zip(contributions)
        .zip(share.into_iter().zip(demand))
        .map(
            |(((i, figures), contributions), (share, demand))| SquadDemand {
                unit: structure.units[i].id.clone(),
                name: structure.units[i].name.clone(),
                figures,
                contributions,
                share,
                demand,
            },
        )
        .collect()
}

/// Whether the bureau has figures for any squad of `structure`: without them the rule
/// `squad_workload` has nothing to measure and holds.
pub fn has_squad_figures(bureau: &Bureau, structure: &Structure) -> bool {
    figures_by_squad(bureau, structure)
        .iter()
        .any(|(_, f)| f.is_some())
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
pub fn squad_parameters(rules: &[crate::rules::Rule]) -> (SquadWeights, u32) {
    rules
        .iter()
        .find_map(|r| match &r.kind {
            crate::rules::RuleKind::SquadWorkload {
                weights,
                min_officers,
                ..
            } => Some((*weights, *min_officers)),
            _ => None,
        })
        .unwrap_or((SquadWeights::default(), DEFAULT_SQUAD_MIN_OFFICERS))
}

/// One squad of the staffing calculation: its demand, and its officers before (today's, in
/// the old squads that merge into it) and after (the plan's).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct SquadRow {
    #[serde(flatten)]
    pub demand: SquadDemand,
    pub before: u32,
    pub after: u32,
    /// after − demand: positive over, negative short.
    pub gap: i64,
}

/// The squads' staffing calculation of a plan: every traffic squad, the totals, the method.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct SquadTable {
    /// The bureau has figures for a squad of the plan: without, nothing is measured.
    pub has_figures: bool,
    pub weights: SquadWeights,
    pub min_officers: u32,
    pub rows: Vec<SquadRow>,
    /// The plan's squad total, at which demands are computed (= Σ demand).
    pub total_after: u32,
    pub total_before: u32,
    pub total_demand: u32,
    /// Σ |gap|: officers off their squad's demand.
    pub total_deviation: u32,
    pub method_zh: String,
    pub method_en: String,
}

/// The squads' staffing calculation of `assignment` with the scenario's rules; headcounts
/// come from [`crate::metrics::compute_metrics`], as the stations'.
pub fn squad_table(
    bureau: &Bureau,
    structure: &Structure,
    rules: &[crate::rules::Rule],
    assignment: &crate::model::Assignment,
) -> SquadTable {
    let (weights, min_officers) = squad_parameters(rules);
    let heads = Headcounts::new(bureau, structure, assignment, UnitKind::TrafficSquad);
    let total_after = heads.total_after();
    let rows: Vec<SquadRow> = squad_demands(bureau, structure, &weights, min_officers, total_after)
        .into_iter()
        .map(|d| {
            let after = heads.after(&d.unit);
            SquadRow {
                gap: i64::from(after) - i64::from(d.demand),
                before: heads.before(&d.unit),
                after,
                demand: d,
            }
        })
        .collect();
    let totals = TableTotals::of(rows.iter().map(|r| (r.before, r.demand.demand, r.gap)));
    let (method_zh, method_en) = squad_method_sentence(&weights, min_officers);
    SquadTable {
        has_figures: rows.iter().any(|r| r.demand.figures.is_some()),
        weights,
        min_officers,
        total_before: totals.before,
        total_demand: totals.demand,
        total_deviation: totals.deviation,
        total_after,
        rows,
        method_zh,
        method_en,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
        assert!((c[0].road_km - 0.225).abs() < 1e-12);
        assert!((c[0].accidents - 0.06).abs() < 1e-12);
        assert!((c[0].traffic_calls - 0.05).abs() < 1e-12);
        assert!((c[0].vehicles - 0.03).abs() < 1e-12);
        assert!((c[0].total() - 0.365).abs() < 1e-12);
        assert!((c[1].total() - 0.635).abs() < 1e-12);
    }

    #[test]
    fn a_factor_nobody_reported_drops_out() {
        // No vehicles anywhere: the other weights (0.85) are renormalised.
        let squads = [squad("a", 100.0, 10, 100, 0), squad("b", 100.0, 30, 300, 0)];
        let c = squad_shares(&squads, &SquadWeights::default());
        assert_eq!(c[0].vehicles, 0.0);
        let a = (0.30 * 0.5 + 0.30 * 0.25 + 0.25 * 0.25) / 0.85;
        assert!((c[0].total() - a).abs() < 1e-12);
        assert!((c[0].total() + c[1].total() - 1.0).abs() < 1e-12);
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
