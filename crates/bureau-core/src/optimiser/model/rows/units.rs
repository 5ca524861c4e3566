//! Rows of the rules that count people in one named unit (its sub-units included) or in each
//! unit: grids, headcounts, posts, specialities, the auxiliary ratio.

use crate::metrics::mid_level_posts;
use crate::model::{Category, Post, UnitKind};

use super::{AlwaysFails, Cx, Row, Sense};

/// 一村一警: each station with grids holds at least one person per grid.
pub(super) fn grid_coverage(cx: &Cx<'_>) -> Vec<Row> {
    let units = cx.units();
    let mut rows = Vec::new();
    for s in
        (0..units.len()).filter(|&u| units[u].kind == UnitKind::PoliceStation && units[u].grids > 0)
    {
        let terms = cx.index.by_unit[s].iter().map(|&c| (c, 1.0)).collect();
        rows.push(cx.row(Some(s), terms, Sense::AtLeast, f64::from(units[s].grids)));
    }
    rows
}

/// People of `category` in `unit` (sub-units included) between `min` and `max`.
pub(super) fn unit_headcount(
    cx: &Cx<'_>,
    unit: &str,
    category: Category,
    min: Option<u32>,
    max: Option<u32>,
) -> Vec<Row> {
    let mut rows = Vec::new();
    if let Some(u) = cx.unit_index(unit) {
        let terms: Vec<(usize, f64)> = cx
            .index
            .within(u)
            .into_iter()
            .filter(|&c| cx.person(c).category == category)
            .map(|c| (c, 1.0))
            .collect();
        if let Some(lo) = min {
            rows.push(cx.row(Some(u), terms.clone(), Sense::AtLeast, f64::from(lo)));
        }
        if let Some(hi) = max {
            rows.push(cx.row(Some(u), terms, Sense::AtMost, f64::from(hi)));
        }
    }
    rows
}

/// 职数: heads and deputies placed directly in each unit within its posts, where the unit's
/// candidates could exceed them.
pub(super) fn posts_within_limits(cx: &Cx<'_>) -> Vec<Row> {
    let mut rows = Vec::new();
    for (u, unit) in cx.units().iter().enumerate() {
        for (post, limit) in [
            (Post::Head, unit.head_posts),
            (Post::Deputy, unit.deputy_posts),
        ] {
            let terms: Vec<(usize, f64)> = cx.index.by_unit[u]
                .iter()
                .copied()
                .filter(|&c| cx.person(c).post == post)
                .map(|c| (c, 1.0))
                .collect();
            // Counted in people, not candidates: a candidate may carry a whole group.
            let reach: usize = terms.iter().map(|&(c, _)| cx.model.capacity(c)).sum();
            if reach as u64 > u64::from(limit) {
                rows.push(cx.row(Some(u), terms, Sense::AtMost, f64::from(limit)));
            }
        }
    }
    rows
}

/// 中层职数不减: no rows; the structure alone decides it.
pub(super) fn total_posts_kept(cx: &Cx<'_>) -> Result<Vec<Row>, AlwaysFails> {
    let before = mid_level_posts(&cx.bureau.old_units);
    let after = mid_level_posts(cx.units());
    if after < before {
        Err(AlwaysFails)
    } else {
        Ok(Vec::new())
    }
}

/// Officers with `speciality` in `unit` (sub-units included) ≥ min.
pub(super) fn speciality_coverage(cx: &Cx<'_>, unit: &str, speciality: &str, min: u32) -> Vec<Row> {
    let Some(u) = cx.unit_index(unit) else {
        return Vec::new();
    };
    let terms = cx
        .index
        .within(u)
        .into_iter()
        .filter(|&c| {
            let p = cx.person(c);
            p.is_officer() && p.specialities.iter().any(|s| s == speciality)
        })
        .map(|c| (c, 1.0))
        .collect();
    vec![cx.row(Some(u), terms, Sense::AtLeast, f64::from(min))]
}

/// Auxiliaries per officer: min × officers ≤ auxiliaries ≤ max × officers in `unit` (sub-units included).
pub(super) fn auxiliary_ratio(cx: &Cx<'_>, unit: &str, min: f64, max: f64) -> Vec<Row> {
    let Some(u) = cx.unit_index(unit) else {
        return Vec::new();
    };
    let inside: Vec<usize> = cx.index.within(u);
    let coef = |c: usize, k: f64| if cx.officer(c) { -k } else { 1.0 };
    vec![
        cx.row(
            Some(u),
            inside.iter().map(|&c| (c, coef(c, min))).collect(),
            Sense::AtLeast,
            0.0,
        ),
        cx.row(
            Some(u),
            inside.iter().map(|&c| (c, coef(c, max))).collect(),
            Sense::AtMost,
            0.0,
        ),
    ]
}
