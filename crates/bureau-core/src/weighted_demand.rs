//! What the station and the squad workload models share: the old units' figures gathered on
//! the new unit their people go to, the weighted share of each unit, a total shared out in
//! whole officers by those shares, the weights' check, the method's wording, and the staffing
//! table's headcounts and totals. The two models differ
//! only in their factors; the method is one (`docs/workload.md`), run by `workload_kind.rs`.

use std::collections::HashMap;

use crate::model::{Assignment, Bureau, CommunityRoles, Structure, UnitKind};
use crate::Metrics;

/// The figures of each new unit of `kind` (its index among the units): the figures of the
/// old units whose people go there by default (the first destination of their merge edge,
/// or the old unit of the same id); `None` without any.
pub(crate) fn gathered<'b, F>(
    bureau: &'b Bureau,
    structure: &Structure,
    figures: &'b [F],
    unit_of: fn(&F) -> &str,
    kind: UnitKind,
) -> Vec<(usize, Option<Vec<&'b F>>)> {
    let by_old: HashMap<&str, &F> = figures.iter().map(|f| (unit_of(f), f)).collect();
    let mut sums: HashMap<&str, Vec<&F>> = HashMap::new();
    for old in &bureau.old_units {
        let Some(f) = by_old.get(old.id.as_str()) else {
            continue;
        };
        let to = match structure.destinations(&old.id).first() {
            Some(to) => to.as_str(),
            None if structure.unit(&old.id).is_some() => old.id.as_str(),
            None => continue,
        };
        sums.entry(to).or_default().push(f);
    }
    structure
        .units
        .iter()
        .enumerate()
        .filter(|(_, u)| u.kind == kind)
        .map(|(i, u)| (i, sums.get(u.id.as_str()).cloned()))
        .collect()
}

/// Each unit's weighted factor shares: w_k · x_k / X_k ÷ Σ w over the factors with a positive
/// bureau total X_k and weight. Factors nobody reported drop out and the other weights are
/// divided by their sum; a unit without figures, or a bureau without any, gets zeros.
pub(crate) fn weighted_shares(values: &[Option<Vec<f64>>], w: &[f64]) -> Vec<Vec<f64>> {
    let n = w.len();
    let mut totals = vec![0.0f64; n];
    for x in values.iter().flatten() {
        for (t, v) in totals.iter_mut().zip(x) {
            *t += v;
        }
    }
    let counts = |k: usize| totals[k] > 0.0 && w[k] > 0.0;
    let used: f64 = (0..n).filter(|&k| counts(k)).map(|k| w[k]).sum();
    values
        .iter()
        .map(|x| match x {
            Some(x) if used > 0.0 => {
                let mut c = vec![0.0; n];
                for k in (0..n).filter(|&k| counts(k)) {
                    c[k] = w[k] * x[k] / totals[k] / used;
                }
                c
            }
            _ => vec![0.0; n],
        })
        .collect()
}

/// The first `N` of a kind's factor values (0 for any missing), to name them one by one.
pub(crate) fn factors<const N: usize>(values: &[f64]) -> [f64; N] {
    std::array::from_fn(|k| values.get(k).copied().unwrap_or(0.0))
}

/// Every weight finite and in [0, 1000], and at least one positive: the field that is not
/// (the first factor's when they add up to 0).
pub(crate) fn invalid_weight<const N: usize>(
    names: [&'static str; N],
    w: [f64; N],
) -> Option<&'static str> {
    for (name, w) in names.iter().zip(w) {
        if !(w.is_finite() && (0.0..=1000.0).contains(&w)) {
            return Some(name);
        }
    }
    (w.iter().sum::<f64>() <= 0.0).then_some(names[0])
}

/// The factors that weigh, each named with the share its weight becomes (`name{sep}12.5%`),
/// for the method's sentence.
pub(crate) fn weight_parts<const N: usize>(
    w: [f64; N],
    names: [&str; N],
    sep: &str,
) -> Vec<String> {
    let sum: f64 = w.iter().sum::<f64>().max(f64::MIN_POSITIVE);
    (0..N)
        .filter(|&k| w[k] > 0.0)
        .map(|k| {
            let pct = ((w[k] / sum) * 1000.0).round() / 10.0;
            format!("{}{sep}{}%", names[k], pct)
        })
        .collect()
}

/// The headcounts of a staffing table over the units of one kind: officers after (the plan's)
/// and before (today's, in the old units that go there), from [`crate::compute_metrics`].
pub(crate) struct Headcounts<'a> {
    bureau: &'a Bureau,
    structure: &'a Structure,
    kind: UnitKind,
    metrics: Metrics,
}

impl<'a> Headcounts<'a> {
    pub(crate) fn new(
        bureau: &'a Bureau,
        structure: &'a Structure,
        assignment: &Assignment,
        kind: UnitKind,
    ) -> Self {
        // Headcounts only: community roles do not enter the calculation.
        let roles = CommunityRoles::default();
        let metrics = crate::metrics::compute_metrics(bureau, structure, assignment, &roles);
        Headcounts {
            bureau,
            structure,
            kind,
            metrics,
        }
    }

    pub(crate) fn after(&self, id: &str) -> u32 {
        self.metrics
            .new_units
            .iter()
            .find(|m| m.unit_id == id)
            .map_or(0, |m| m.officers_total)
    }

    /// Σ after over the new units of the kind: the total at which demands are computed.
    pub(crate) fn total_after(&self) -> u32 {
        self.structure
            .units
            .iter()
            .filter(|u| u.kind == self.kind)
            .map(|u| self.after(&u.id))
            .fold(0u32, u32::saturating_add)
    }

    pub(crate) fn before(&self, id: &str) -> u32 {
        self.bureau
            .old_units
            .iter()
            .filter(|o| o.kind == self.kind)
            .filter(|o| match self.structure.destinations(&o.id).first() {
                Some(to) => to == id,
                None => o.id == id,
            })
            .filter_map(|o| self.metrics.old_units.iter().find(|m| m.unit_id == o.id))
            .map(|m| m.officers_total)
            .fold(0u32, u32::saturating_add)
    }
}

/// A staffing table's totals over its rows' (before, demand, gap): Σ before, Σ demand and
/// Σ |gap|, each saturating.
pub(crate) struct TableTotals {
    pub before: u32,
    pub demand: u32,
    pub deviation: u32,
}

impl TableTotals {
    pub(crate) fn of(rows: impl Iterator<Item = (u32, u32, i64)>) -> Self {
        let mut t = TableTotals {
            before: 0,
            demand: 0,
            deviation: 0,
        };
        for (before, demand, gap) in rows {
            t.before = t.before.saturating_add(before);
            t.demand = t.demand.saturating_add(demand);
            let off = u32::try_from(gap.unsigned_abs()).unwrap_or(u32::MAX);
            t.deviation = t.deviation.saturating_add(off);
        }
        t
    }
}

/// Shares `total` out by `shares` in whole officers that add up to `total` exactly: each
/// station first gets `floor` (stations whose proportional part falls below it are held at
/// it and the rest re-shared among the others), then the rest in proportion, rounded down,
/// and the officers left over go one each to the largest remainders (ties: earlier station).
/// When the floors alone exceed the total, floors are dropped and the total is shared in
/// proportion. Shares that add up to 0 are shared equally.
pub fn apportion(shares: &[f64], total: u32, floor: u32) -> Vec<u32> {
    let n = shares.len();
    if n == 0 {
        return Vec::new();
    }
    let sum: f64 = shares.iter().sum();
    let shares: Vec<f64> = if sum > 0.0 {
        shares.iter().map(|s| s / sum).collect()
    } else {
        vec![1.0 / n as f64; n]
    };
    let floor = if u64::from(floor) * n as u64 > u64::from(total) {
        0
    } else {
        floor
    };
    let mut held = vec![false; n];
    loop {
        let free: f64 = (0..n).filter(|&i| !held[i]).map(|i| shares[i]).sum();
        let rest = f64::from(total) - f64::from(floor) * held.iter().filter(|h| **h).count() as f64;
        let mut changed = false;
        for i in 0..n {
            let part = if free > 0.0 {
                rest * shares[i] / free
            } else {
                0.0
            };
            if !held[i] && part < f64::from(floor) {
                held[i] = true;
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    let free_n = held.iter().filter(|h| !**h).count();
    let held_total = floor as u64 * (n - free_n) as u64;
    let rest = u64::from(total).saturating_sub(held_total);
    let free: f64 = (0..n).filter(|&i| !held[i]).map(|i| shares[i]).sum();
    let mut out = vec![0u32; n];
    let mut remainders = Vec::with_capacity(free_n);
    let mut given = 0u64;
    for i in 0..n {
        if held[i] {
            out[i] = floor;
            continue;
        }
        let exact = if free > 0.0 {
            rest as f64 * shares[i] / free
        } else {
            rest as f64 / free_n as f64
        };
        let whole = exact.floor();
        out[i] = whole as u32;
        given += whole as u64;
        remainders.push((exact - whole, i));
    }
    // Remainders compared to 1e-9 so that float noise does not decide a tie.
    remainders.sort_by(|a, b| {
        if (a.0 - b.0).abs() < 1e-9 {
            a.1.cmp(&b.1)
        } else {
            b.0.total_cmp(&a.0)
        }
    });
    let mut left = rest.saturating_sub(given);
    for &(_, i) in remainders.iter().cycle().take(remainders.len() * 2) {
        if left == 0 {
            break;
        }
        out[i] += 1;
        left -= 1;
    }
    out
}
