//! The unit tables, before and after: one row per unit, each department followed by its rooms,
//! the parent named in its own column (a filter, not indentation, tells them apart), and a 合计
//! row of the metrics' totals. A department's headcount and 编制 include its rooms', so the 合计
//! of those columns adds up the top-level rows; posts and heads are each unit's own.

use std::collections::HashMap;

use bureau_core::metrics::TierTotals;
use bureau_core::metrics::UnitMetrics;
use bureau_core::{Bureau, Metrics, Structure, Unit};

use super::{count, text, tier_label, Sheet, Value};
use crate::export::report::{unit_figures, unit_headers};

const WIDTHS: [f64; 11] = [20.0, 16.0, 6.0, 8.0, 8.0, 8.0, 8.0, 8.0, 8.0, 8.0, 8.0];

pub(super) fn old_units_sheet(bureau: &Bureau, m: &Metrics) -> Sheet {
    let rows = unit_rows(&bureau.old_units, &m.old_units);
    let establishment = top_level_establishment(&bureau.old_units, &m.old_units);
    let b = &m.before;
    Sheet {
        name: "改革前各单位".into(),
        title: "改革前各单位警力".into(),
        headers: unit_headers(&["单位", "上级单位", "层级"]),
        widths: WIDTHS.to_vec(),
        rows,
        total: Some(total_row(establishment, b)),
    }
}

/// The units of the new structure, then the people it does not place yet (counted in their old
/// units by the metrics), so that the 合计 is the bureau's headcount.
pub(super) fn new_units_sheet(structure: &Structure, m: &Metrics) -> Sheet {
    let mut rows = unit_rows(&structure.units, &m.new_units);
    let a = &m.after;
    if m.unassigned_officers > 0 || m.unassigned_auxiliaries > 0 {
        let placed = |f: fn(&UnitMetrics) -> u32| {
            m.new_units.iter().fold(0u32, |s, u| s.saturating_add(f(u)))
        };
        rows.push(vec![
            text("未安置人员（仍在原单位）"),
            text(""),
            text(""),
            text("—"),
            count(m.unassigned_officers),
            text("—"),
            count(m.unassigned_auxiliaries),
            text("—"),
            text("—"),
            count(a.heads.saturating_sub(placed(|u| u.heads))),
            count(a.deputies.saturating_sub(placed(|u| u.deputies))),
        ]);
    }
    let establishment = top_level_establishment(&structure.units, &m.new_units);
    Sheet {
        name: "改革后各单位".into(),
        title: "改革后各单位警力".into(),
        headers: unit_headers(&["单位", "上级单位", "层级"]),
        widths: WIDTHS.to_vec(),
        rows,
        total: Some(total_row(establishment, a)),
    }
}

/// 合计: headcounts and posts from the metrics' tier totals (everyone, wherever counted),
/// 编制 as the sum of the top-level units' (each its own plus its rooms').
fn total_row(establishment: (u32, u32), t: &TierTotals) -> Vec<Value> {
    vec![
        text("合计"),
        text(""),
        text(""),
        count(establishment.0),
        count(t.office_officers.saturating_add(t.grassroots_officers)),
        count(establishment.1),
        count(
            t.office_auxiliaries
                .saturating_add(t.grassroots_auxiliaries),
        ),
        count(t.head_posts),
        count(t.deputy_posts),
        count(t.heads),
        count(t.deputies),
    ]
}

fn top_level_establishment(units: &[Unit], metrics: &[UnitMetrics]) -> (u32, u32) {
    let tops: Vec<&str> = units
        .iter()
        .filter(|u| u.parent.is_none())
        .map(|u| u.id.as_str())
        .collect();
    metrics
        .iter()
        .filter(|m| tops.contains(&m.unit_id.as_str()))
        .fold((0u32, 0u32), |(o, a), m| {
            (
                o.saturating_add(m.officer_establishment),
                a.saturating_add(m.auxiliary_establishment),
            )
        })
}

/// Each top-level unit followed by its sub-units (depth first), then any unit whose parent is
/// missing, so that every unit appears exactly once.
fn ordered(units: &[Unit]) -> Vec<&Unit> {
    let mut children: HashMap<&str, Vec<&Unit>> = HashMap::new();
    for u in units {
        if let Some(p) = u.parent.as_deref() {
            children.entry(p).or_default().push(u);
        }
    }
    let mut out: Vec<&Unit> = Vec::with_capacity(units.len());
    let mut seen = std::collections::HashSet::new();
    let mut stack: Vec<&Unit> = units.iter().filter(|u| u.parent.is_none()).rev().collect();
    while let Some(u) = stack.pop() {
        if !seen.insert(u.id.as_str()) {
            continue;
        }
        out.push(u);
        if let Some(kids) = children.get(u.id.as_str()) {
            stack.extend(kids.iter().rev());
        }
    }
    out.extend(units.iter().filter(|u| !seen.contains(u.id.as_str())));
    out
}

fn unit_rows(units: &[Unit], metrics: &[UnitMetrics]) -> Vec<Vec<Value>> {
    let by_id: HashMap<&str, &UnitMetrics> =
        metrics.iter().map(|m| (m.unit_id.as_str(), m)).collect();
    let names: HashMap<&str, &str> = units
        .iter()
        .map(|u| (u.id.as_str(), u.name.as_str()))
        .collect();
    ordered(units)
        .into_iter()
        .map(|u| {
            let parent = u
                .parent
                .as_deref()
                .map_or("", |p| names.get(p).copied().unwrap_or(p));
            let mut row = vec![text(u.name.clone()), text(parent), text(tier_label(u.tier))];
            row.extend(unit_figures(u, by_id.get(u.id.as_str()).copied()).map(count));
            row
        })
        .collect()
}
