//! The workload model over one kind of grassroots unit: what a kind brings ([`WorkloadKind`]:
//! its figures, weights and contributions, how the figures of merged units add up, the
//! factors' values, its rule's parameters and the method's wording) and what every kind
//! computes the same way — each unit's figures, contributions, share and demand at the kind's
//! total ([`demands`]), and the staffing table of a plan ([`staffing_table`]). The stations'
//! kind is in `workload.rs`, the traffic squads' in `squad_workload.rs`; `docs/workload.md`.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::model::{Assignment, Bureau, Structure, UnitId, UnitKind};
use crate::rules::Rule;
use crate::weighted_demand::{apportion, gathered, weighted_shares, Headcounts, TableTotals};

/// A kind of unit the workload model measures on figures of its own.
pub trait WorkloadKind {
    /// One unit's figures, as its figures file reports them.
    type Figures: Clone;
    /// How much each factor weighs; only ratios matter.
    type Weights: Copy;
    /// One unit's weighted factor shares, one field per factor.
    type Contributions;
    /// The units measured.
    const UNIT: UnitKind;

    /// The bureau's figures of this kind, one per old unit.
    fn figures(bureau: &Bureau) -> &[Self::Figures];
    /// The old unit a row of figures is for.
    fn unit_of(f: &Self::Figures) -> &str;
    /// The figures of new unit `unit` from those of the old units whose people go there.
    fn merged(unit: &str, parts: &[&Self::Figures]) -> Self::Figures;
    /// The factors' values, in the order of [`WorkloadKind::weight_values`].
    fn factor_values(f: &Self::Figures) -> Vec<f64>;
    fn weight_values(w: &Self::Weights) -> Vec<f64>;
    /// The contributions from the weighted shares, in the factors' order.
    fn contributions(shares: &[f64]) -> Self::Contributions;
    /// The contributions back as shares, in the factors' order.
    fn contribution_values(c: &Self::Contributions) -> Vec<f64>;
    /// The weights and the floor of the scenario's rule of this kind, or the defaults.
    fn parameters(rules: &[Rule]) -> (Self::Weights, u32);
    /// The method in one sentence (zh-CN, en), for the plan document's section on staffing.
    fn method_sentence(w: &Self::Weights, floor: u32) -> (String, String);
}

/// A new unit's place in the model.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct UnitDemand<F, C> {
    /// The unit's id in the structure.
    pub unit: UnitId,
    pub name: String,
    /// Its figures: the sum of the old units that merge into it; `None` without any.
    pub figures: Option<F>,
    pub contributions: C,
    /// Its share of the demand of the units of its kind, in [0, 1]; the shares add up to 1.
    pub share: f64,
    /// Officers it should have at the planned total of its kind.
    pub demand: u32,
}

/// One unit of a staffing calculation (警力配置测算表): its demand, and its officers before
/// (today's, in the old units that merge into it) and after (the plan's).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct StaffingRow<F, C> {
    #[serde(flatten)]
    pub demand: UnitDemand<F, C>,
    pub before: u32,
    pub after: u32,
    /// after − demand: positive over, negative short.
    pub gap: i64,
}

/// The staffing calculation of a plan over the units of one kind: every unit, the totals,
/// and the method.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct StaffingTable<W, F, C> {
    /// The bureau has figures for a unit of the plan: without, nothing is measured.
    pub has_figures: bool,
    pub weights: W,
    pub min_officers: u32,
    pub rows: Vec<StaffingRow<F, C>>,
    /// The plan's total over the units of the kind, at which demands are computed
    /// (= Σ demand).
    pub total_after: u32,
    pub total_before: u32,
    pub total_demand: u32,
    /// Σ |gap|: officers off their unit's demand.
    pub total_deviation: u32,
    pub method_zh: String,
    pub method_en: String,
}

/// A kind's demand of one unit.
pub type DemandOf<K> = UnitDemand<<K as WorkloadKind>::Figures, <K as WorkloadKind>::Contributions>;
/// A kind's staffing table.
pub type TableOf<K> = StaffingTable<
    <K as WorkloadKind>::Weights,
    <K as WorkloadKind>::Figures,
    <K as WorkloadKind>::Contributions,
>;

/// The figures of each unit of kind `K` of `structure` (its index among the units), merged
/// over the old units whose people go there by default (the first destination of their
/// merge edge, or the old unit of the same id); `None` without any.
pub fn figures_by_unit<K: WorkloadKind>(
    bureau: &Bureau,
    structure: &Structure,
) -> Vec<(usize, Option<K::Figures>)> {
    gathered(bureau, structure, K::figures(bureau), K::unit_of, K::UNIT)
        .into_iter()
        .map(|(i, parts)| (i, parts.map(|fs| K::merged(&structure.units[i].id, &fs))))
        .collect()
}

/// Each unit's contributions. Factors no unit reported (bureau total 0) drop out and the
/// other weights are divided by their sum; without any figures every share is 0.
pub fn unit_shares<K: WorkloadKind>(
    units: &[(usize, Option<K::Figures>)],
    weights: &K::Weights,
) -> Vec<Vec<f64>> {
    let values: Vec<Option<Vec<f64>>> = units
        .iter()
        .map(|(_, f)| f.as_ref().map(K::factor_values))
        .collect();
    weighted_shares(&values, &K::weight_values(weights))
}

/// Every unit of kind `K` of `structure` with its figures, contributions, share and demand
/// at a total of `total` officers with at least `floor` each.
pub fn demands<K: WorkloadKind>(
    bureau: &Bureau,
    structure: &Structure,
    weights: &K::Weights,
    floor: u32,
    total: u32,
) -> Vec<DemandOf<K>> {
    let units = figures_by_unit::<K>(bureau, structure);
    let parts = unit_shares::<K>(&units, weights);
    let share: Vec<f64> = parts.iter().map(|c| c.iter().sum()).collect();
    let demand = apportion(&share, total, floor);
    units
        .into_iter()
        .zip(parts)
        .zip(share.into_iter().zip(demand))
        .map(|(((i, figures), parts), (share, demand))| UnitDemand {
            unit: structure.units[i].id.clone(),
            name: structure.units[i].name.clone(),
            figures,
            contributions: K::contributions(&parts),
            share,
            demand,
        })
        .collect()
}

/// Whether the bureau has figures for any unit of kind `K` of `structure`: without them the
/// model has nothing to measure, and the kind's rule holds trivially.
pub fn has_unit_figures<K: WorkloadKind>(bureau: &Bureau, structure: &Structure) -> bool {
    figures_by_unit::<K>(bureau, structure)
        .iter()
        .any(|(_, f)| f.is_some())
}

/// The staffing calculation of `assignment` over the units of kind `K` with the scenario's
/// rules; headcounts come from [`crate::metrics::compute_metrics`].
pub fn staffing_table<K: WorkloadKind>(
    bureau: &Bureau,
    structure: &Structure,
    rules: &[Rule],
    assignment: &Assignment,
) -> TableOf<K> {
    let (weights, min_officers) = K::parameters(rules);
    let heads = Headcounts::new(bureau, structure, assignment, K::UNIT);
    let total_after = heads.total_after();
    let rows: Vec<StaffingRow<_, _>> =
        demands::<K>(bureau, structure, &weights, min_officers, total_after)
            .into_iter()
            .map(|d| {
                let after = heads.after(&d.unit);
                StaffingRow {
                    gap: i64::from(after) - i64::from(d.demand),
                    before: heads.before(&d.unit),
                    after,
                    demand: d,
                }
            })
            .collect();
    let totals = TableTotals::of(rows.iter().map(|r| (r.before, r.demand.demand, r.gap)));
    let (method_zh, method_en) = K::method_sentence(&weights, min_officers);
    StaffingTable {
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
