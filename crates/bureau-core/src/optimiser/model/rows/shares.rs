//! Rows of the rules that ask for a share of officers: at stations, community police among
//! station officers (overall and per station), and the office reduction.

use crate::model::{Tier, UnitKind};

use super::{Cx, Row, Sense};

/// 两个40%: officers at stations ≥ min × all officers.
pub(super) fn station_share(cx: &Cx<'_>, min: f64) -> Vec<Row> {
    let officers = cx.bureau.people.iter().filter(|p| p.is_officer()).count() as f64;
    let terms = cx
        .candidates()
        .filter(|&c| cx.officer(c) && cx.is_station(c))
        .map(|c| (c, 1.0))
        .collect();
    vec![cx.row(None, terms, Sense::AtLeast, min * officers)]
}

/// Community police among station officers: Σ (community − min) over station officers ≥ 0.
pub(super) fn community_share(cx: &Cx<'_>, min: f64) -> Vec<Row> {
    let terms = cx
        .candidates()
        .filter(|&c| cx.officer(c) && cx.is_station(c))
        .map(|c| (c, cx.community(c) - min))
        .collect();
    vec![cx.row(None, terms, Sense::AtLeast, 0.0)]
}

/// The community share in each station on its own.
pub(super) fn station_community_share(cx: &Cx<'_>, min: f64) -> Vec<Row> {
    let units = cx.units();
    let mut rows = Vec::new();
    for s in (0..units.len()).filter(|&u| units[u].kind == UnitKind::PoliceStation) {
        let terms = cx.index.by_unit[s]
            .iter()
            .copied()
            .filter(|&c| cx.officer(c))
            .map(|c| (c, cx.community(c) - min))
            .collect();
        rows.push(cx.row(Some(s), terms, Sense::AtLeast, 0.0));
    }
    rows
}

/// Office reduction: officers in office units ≤ (1 − min) × the officers there today.
pub(super) fn office_reduction(cx: &Cx<'_>, min: f64) -> Vec<Row> {
    let bureau = cx.bureau;
    let before = bureau
        .people
        .iter()
        .filter(|p| {
            p.is_officer()
                && bureau
                    .old_unit(&p.current_unit)
                    .is_some_and(|u| u.tier == Tier::Office)
        })
        .count() as f64;
    let terms = cx
        .candidates()
        .filter(|&c| cx.officer(c) && cx.units()[cx.model.candidates[c].unit].tier == Tier::Office)
        .map(|c| (c, 1.0))
        .collect();
    vec![cx.row(None, terms, Sense::AtMost, (1.0 - min) * before)]
}
