//! The plan as tables, independent of the output format: built once from the core's values
//! (metrics from `compute_metrics`, rule results from the independent checker) and rendered
//! by the DOCX, XLSX and CSV writers, so that every format shows the same numbers.

use std::collections::HashMap;

use bureau_core::metrics::TierTotals;
use bureau_core::metrics::{is_move, Transfer, UnitMetrics};
use bureau_core::move_reasons::MoveReasons;
use bureau_core::rule_results::RuleResult;
use bureau_core::rules::Rule;
use bureau_core::{Bureau, Metrics, Scenario, Structure, Tier, Unit};

use super::measure::{measure, Measured};
use super::table::{Table, Value};

fn t(s: impl Into<String>) -> Value {
    Value::Text(s.into())
}

fn n(x: u32) -> Value {
    Value::Int(i64::from(x))
}

/// One scenario with the rules it is checked against.
#[derive(Debug, Clone, Copy)]
pub struct ScenarioInput<'a> {
    pub scenario: &'a Scenario,
    pub rules: &'a [Rule],
}

#[derive(Debug, Clone)]
pub struct Report {
    pub title: String,
    /// The issue date as written in the document, e.g. 2026年11月23日.
    pub date: String,
    pub bureau_name: String,
    pub scenario_name: String,
    pub structure_name: String,
    /// Paragraphs of the reform background.
    pub background: Vec<String>,
    pub metrics: Metrics,
    pub structure: Table,
    pub totals: Table,
    pub old_units: Table,
    pub new_units: Table,
    pub compliance: Table,
    pub adjustments: Table,
    /// Present when compared scenarios were given.
    pub comparison: Option<Table>,
    /// Hard rules failing, for the summary sentence.
    pub hard_failures: usize,
    /// (name, officers after) per top-level new unit, for the chart.
    pub chart_bars: Vec<(String, u32)>,
    /// 派出所警力配置测算表 (with station figures only).
    pub workload: Option<Table>,
    /// 交警中队警力配置测算表 (with squad figures only).
    pub squad_workload: Option<Table>,
}

impl Report {
    /// Every table in document order.
    pub fn tables(&self) -> Vec<&Table> {
        let mut out = vec![
            &self.structure,
            &self.totals,
            &self.old_units,
            &self.new_units,
            &self.compliance,
            &self.adjustments,
        ];
        if let Some(c) = &self.comparison {
            out.push(c);
        }
        out.extend(&self.workload);
        out.extend(&self.squad_workload);
        out
    }
}

/// Builds the report of `main`, comparing it with `others` (may be empty). `date` is supplied
/// by the host: the core and this crate read no clock.
pub fn build_report(
    bureau: &Bureau,
    main: ScenarioInput<'_>,
    others: &[ScenarioInput<'_>],
    date: &str,
) -> Report {
    let s = main.scenario;
    let Measured {
        metrics,
        results,
        hard_failures,
        ..
    } = measure(bureau, main.scenario, main.rules);
    let comparison = (!others.is_empty()).then(|| {
        let all: Vec<ScenarioInput<'_>> = std::iter::once(main)
            .chain(others.iter().copied())
            .collect();
        comparison_table(bureau, &all)
    });
    let chart_bars = s
        .structure
        .units
        .iter()
        .filter(|u| u.parent.is_none())
        .filter_map(|u| {
            let m = metrics.new_units.iter().find(|m| m.unit_id == u.id)?;
            Some((u.name.clone(), m.officers_total))
        })
        .collect();
    Report {
        title: format!("{}机构改革实施方案", bureau.info.name),
        date: date.to_owned(),
        bureau_name: bureau.info.name.clone(),
        scenario_name: s.name.clone(),
        structure_name: s.structure.name.clone(),
        background: bureau
            .info
            .background
            .lines()
            .chain(s.notes.lines())
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(str::to_owned)
            .collect(),
        structure: structure_table(bureau, s),
        totals: totals_table(&metrics),
        old_units: units_table(
            "表3 改革前各单位警力",
            "改革前各单位",
            &bureau.old_units,
            &metrics.old_units,
        ),
        new_units: units_table(
            "表4 改革后各单位警力",
            "改革后各单位",
            &s.structure.units,
            &metrics.new_units,
        ),
        compliance: compliance_table(main.rules, &results, &s.structure),
        adjustments: adjustments_table(bureau, s, main.rules),
        comparison,
        hard_failures,
        chart_bars,
        metrics,
        workload: super::workload_table::workload_table(bureau, s, main.rules),
        squad_workload: super::squad_workload_table::squad_workload_table(bureau, s, main.rules),
    }
}

fn structure_table(bureau: &Bureau, s: &Scenario) -> Table {
    let mut rows = Vec::new();
    let st = &s.structure;
    let old_name = |id: &str| {
        bureau
            .old_unit(id)
            .map_or(id.to_owned(), |u| u.name.clone())
    };
    for top in st.units.iter().filter(|u| u.parent.is_none()) {
        let subs: Vec<&str> = st
            .units
            .iter()
            .filter(|c| c.parent.as_deref() == Some(top.id.as_str()))
            .map(|c| c.name.as_str())
            .collect();
        let from: Vec<String> = st
            .merge_map
            .iter()
            .filter(|e| {
                e.to.iter()
                    .any(|to| to == &top.id || st.top_level(to) == top.id)
            })
            .map(|e| old_name(&e.from))
            .collect();
        rows.push(vec![
            t(top.name.clone()),
            t(tier_label(top.tier)),
            t(subs.join("、")),
            t(from.join("、")),
        ]);
    }
    Table::new(
        "表1 新机构设置及原单位对应",
        "机构设置",
        &[
            ("新机构", 22.0),
            ("层级", 10.0),
            ("内设（室/队/中心）", 28.0),
            ("由原单位组建", 36.0),
        ],
        rows,
    )
}

fn tier_label(t: Tier) -> &'static str {
    match t {
        Tier::Office => "机关",
        Tier::Grassroots => "基层",
    }
}

/// A figure counted on both sides of the reform: today by old units, after the plan by new
/// units.
pub(crate) type SideFigure = (&'static str, fn(&TierTotals) -> u32);

/// The force on both sides, in the order every before-and-after table lists it.
pub(crate) const FORCE_FIGURES: [SideFigure; 6] = [
    ("机关民警", |s| s.office_officers),
    ("基层所队民警", |s| s.grassroots_officers),
    ("派出所民警", |s| s.station_officers),
    ("社区民警", |s| s.community_officers),
    ("机关辅警", |s| s.office_auxiliaries),
    ("基层辅警", |s| s.grassroots_auxiliaries),
];

/// The middle-level leaders and posts on both sides.
const LEADER_FIGURES: [SideFigure; 4] = [
    ("中层正职（实有）", |s| s.heads),
    ("中层副职（实有）", |s| s.deputies),
    ("正职职数", |s| s.head_posts),
    ("副职职数", |s| s.deputy_posts),
];

fn totals_table(m: &Metrics) -> Table {
    let (b, a) = (&m.before, &m.after);
    let row = |label: &str, before: Value, after: Value| vec![t(label), before, after];
    let mut rows = vec![
        row("民警总数", n(m.total_officers), n(m.total_officers)),
        row("辅警总数", n(m.total_auxiliaries), n(m.total_auxiliaries)),
    ];
    rows.extend(
        FORCE_FIGURES
            .iter()
            .chain(&LEADER_FIGURES)
            .map(|(label, get)| row(label, n(get(b)), n(get(a)))),
    );
    rows.extend([
        row(
            "派出所民警占比",
            Value::Share(m.station_share_before),
            Value::Share(m.station_share),
        ),
        row("内设机构数", t("—"), n(m.office_departments)),
        row("基层所队数", t("—"), n(m.grassroots_units)),
        row("调整人数", t("—"), n(m.moved)),
        row("部门内部调配人数", t("—"), n(m.moved_within)),
        row("提出本人意愿人数", t("—"), n(m.wishes_stated)),
        row("满足本人意愿人数", t("—"), n(m.wishes_met)),
    ]);
    Table::new(
        "表2 改革前后警力总体对比",
        "总体对比",
        &[("指标", 22.0), ("改革前", 12.0), ("改革后", 12.0)],
        rows,
    )
}

/// The figures every table of units shows after a unit's name: establishment and people of
/// each category, then posts and who holds them.
pub(crate) const UNIT_FIGURE_HEADERS: [&str; 8] = [
    "民警编制",
    "民警实有",
    "辅警编制",
    "辅警实有",
    "正职职数",
    "副职职数",
    "正职实有",
    "副职实有",
];

/// A unit's figures in [`UNIT_FIGURE_HEADERS`] order (0 for a unit the metrics do not list).
pub(crate) fn unit_figures(u: &Unit, m: Option<&UnitMetrics>) -> [u32; 8] {
    let get = |f: fn(&UnitMetrics) -> u32| m.map_or(0, f);
    [
        get(|m| m.officer_establishment),
        get(|m| m.officers_total),
        get(|m| m.auxiliary_establishment),
        get(|m| m.auxiliaries_total),
        u.head_posts,
        u.deputy_posts,
        get(|m| m.heads),
        get(|m| m.deputies),
    ]
}

/// `first` columns, then the unit figures' headers.
pub(crate) fn unit_headers(first: &[&str]) -> Vec<String> {
    first
        .iter()
        .chain(&UNIT_FIGURE_HEADERS)
        .map(|h| (*h).to_owned())
        .collect()
}

fn units_table(title: &str, sheet: &str, units: &[Unit], metrics: &[UnitMetrics]) -> Table {
    let by_id: HashMap<&str, &UnitMetrics> =
        metrics.iter().map(|m| (m.unit_id.as_str(), m)).collect();
    let rows = units
        .iter()
        .map(|u| {
            let name = if u.parent.is_some() {
                format!("　{}", u.name)
            } else {
                u.name.clone()
            };
            let mut row = vec![t(name), t(tier_label(u.tier))];
            row.extend(unit_figures(u, by_id.get(u.id.as_str()).copied()).map(n));
            row
        })
        .collect();
    Table {
        title: title.into(),
        sheet: sheet.into(),
        headers: unit_headers(&["单位", "层级"]),
        widths: vec![20.0, 7.5, 8.0, 8.0, 8.0, 8.0, 8.0, 8.0, 8.0, 8.0],
        rows,
    }
}

/// Shares are shown as percentages, counts as numbers.
fn is_share_rule(rule_id: &str, rules: &[Rule]) -> bool {
    use bureau_core::rules::RuleKind::*;
    rules.iter().find(|r| r.id == rule_id).is_some_and(|r| {
        matches!(
            r.kind,
            StationShare { .. }
                | CommunityShare { .. }
                | StationCommunityShare { .. }
                | OfficeReduction { .. }
        )
    })
}

/// The rule's Chinese description with the unit it names written by name, not by id.
fn described(r: &RuleResult, rules: &[Rule], structure: &Structure) -> String {
    let unit = rules
        .iter()
        .find(|rule| rule.id == r.rule_id)
        .and_then(|rule| rule.kind.unit())
        .and_then(|id| structure.unit(id));
    match unit {
        Some(u) => r.description_zh.replacen(u.id.as_str(), &u.name, 1),
        None => r.description_zh.clone(),
    }
}

fn compliance_table(rules: &[Rule], results: &[RuleResult], structure: &Structure) -> Table {
    let rows = results
        .iter()
        .map(|r| {
            let share = is_share_rule(&r.rule_id, rules);
            let value = |x: Option<f64>| match x {
                None => t("—"),
                Some(x) if share => Value::Share(x),
                Some(x) => Value::Int(x.round() as i64),
            };
            vec![
                t(described(r, rules, structure)),
                value(r.required),
                value(r.actual),
                t(if r.passed { "符合" } else { "不符合" }),
                t(if r.hard { "刚性" } else { "倾向性" }),
                t(r.source_zh.clone()),
            ]
        })
        .collect();
    Table::new(
        "表5 政策指标核对",
        "指标核对",
        &[
            ("规则", 25.0),
            ("要求", 8.5),
            ("实际", 8.5),
            ("结果", 9.0),
            ("类型", 9.0),
            ("政策依据", 24.0),
        ],
        rows,
    )
}

fn adjustments_table(bureau: &Bureau, s: &Scenario, rules: &[Rule]) -> Table {
    let reasons = MoveReasons::new(bureau, &s.structure, rules, &s.draft);
    let mut rows = Vec::new();
    for p in &bureau.people {
        let Some(to_id) = s.draft.assignment.get(&p.police_number) else {
            continue;
        };
        let Some(to) = s.structure.unit(to_id) else {
            continue;
        };
        if !is_move(&s.structure, &p.current_unit, to_id) {
            continue;
        }
        let from = bureau
            .old_unit(&p.current_unit)
            .map_or(p.current_unit.clone(), |u| u.name.clone());
        let to_name = match to.parent.as_deref().and_then(|id| s.structure.unit(id)) {
            Some(parent) => format!("{}{}", parent.name, to.name),
            None => to.name.clone(),
        };
        rows.push(vec![
            t(p.police_number.clone()),
            t(p.name.clone()),
            t(if p.is_officer() { "民警" } else { "辅警" }),
            t(from),
            t(to_name),
            // 调整原因: the core's reason, so that the list, the document and the solve
            // proposal count reasons alike.
            t(reasons.reason(p, &to.id).zh()),
        ]);
    }
    Table::new(
        "表6 人员调整名单",
        "人员调整",
        &[
            ("警号", 10.0),
            ("姓名", 8.0),
            ("类别", 6.0),
            ("原单位", 16.0),
            ("拟调整至", 24.0),
            ("调整原因", 10.0),
        ],
        rows,
    )
}

fn comparison_table(bureau: &Bureau, all: &[ScenarioInput<'_>]) -> Table {
    let computed: Vec<(Metrics, usize)> = all
        .iter()
        .map(|i| {
            let m = measure(bureau, i.scenario, i.rules);
            (m.metrics, m.hard_failures)
        })
        .collect();
    type Get = fn(&(Metrics, usize)) -> Value;
    let lines: [(&str, Get); 12] = [
        ("机关民警", |(m, _)| n(m.after.office_officers)),
        ("基层所队民警", |(m, _)| {
            n(m.after.grassroots_officers)
        }),
        ("派出所民警占比", |(m, _)| {
            Value::Share(m.station_share)
        }),
        ("基层所队民警占比", |(m, _)| {
            Value::Share(m.grassroots_share)
        }),
        ("社区民警占派出所民警比例", |(m, _)| {
            Value::Share(m.community_share)
        }),
        ("机关民警精简比例", |(m, _)| {
            Value::Share(m.office_reduction)
        }),
        ("调整人数", |(m, _)| n(m.moved)),
        ("机关民警下沉人数", |(m, _)| n(m.moved_down)),
        ("部门内部调配人数", |(m, _)| n(m.moved_within)),
        ("内设机构数", |(m, _)| n(m.office_departments)),
        ("满足本人意愿人数", |(m, _)| n(m.wishes_met)),
        ("未满足的刚性规则", |(_, f)| Value::Int(*f as i64)),
    ];
    let rows = lines
        .iter()
        .map(|(label, get)| {
            std::iter::once(t(*label))
                .chain(computed.iter().map(get))
                .collect()
        })
        .collect();
    let mut columns = vec![("指标", 24.0)];
    columns.extend(all.iter().map(|i| (i.scenario.name.as_str(), 14.0)));
    Table::new("表7 方案比较", "方案比较", &columns, rows)
}

/// How a 方式 is written in the workbook's 全员转隶名单 and the paper's 人员转隶名单.
pub fn transfer_label(t: Transfer) -> &'static str {
    match t {
        Transfer::Direct => "原职能转隶",
        Transfer::Within => "内部调配",
        Transfer::Down => "下沉",
        Transfer::Adjusted => "调整",
        Transfer::Unplaced => "未安置",
    }
}
