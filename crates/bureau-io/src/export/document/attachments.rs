//! The plan's attachments (附件), each a table with its title, in the order a reform plan lists
//! them: 机构设置及职能对照表, 人员编制和领导职数分配表, 改革前后警力配置对比表, 人员转隶名单 (every
//! person), 政策指标核对表, with station figures 派出所警力配置测算表 (`workload_table.rs`),
//! 派出所社区民警名单 (`community_list.rs`) and, when other scenarios are compared, 方案比选表.
//! Figures come from `bureau_core::metrics`; the words are the bureau's, never the app's.
//!
//! New attachments are added to [`attachments`], which fixes their order and numbering.

use std::collections::HashMap;

use bureau_core::metrics::{establishment, is_move, MoveIndex, Transfer, UnitMetrics};
use bureau_core::move_reasons::MoveReasons;
use bureau_core::rule_results::RuleResult;
use bureau_core::rules::{Rule, RuleKind};
use bureau_core::squad_workload::Squads;
use bureau_core::workload::Stations;
use bureau_core::{Bureau, Metrics, Operation, Scenario, Structure, Tier, Unit};

use super::attachment::{Attachment, Grid};
use super::sections::pct;
use crate::export::report::{transfer_label, unit_headers, FORCE_FIGURES};
use crate::export::squad_workload_table::squad_workload_table;
use crate::export::table::headers_and_widths;
use crate::export::workload_table::{split_grids, workload_table};

/// An attachment of one table: `columns` its headers with their relative widths, `has_total`
/// as in [`Grid`].
fn one<S: AsRef<str>>(
    title: &str,
    columns: &[(S, f64)],
    rows: Vec<Vec<String>>,
    has_total: bool,
) -> Attachment {
    let (headers, widths) = headers_and_widths(columns);
    Attachment {
        title: title.to_owned(),
        grids: vec![Grid {
            headers,
            widths,
            rows,
            has_total,
        }],
    }
}

/// What the attachments read.
pub struct AttachmentFacts<'a> {
    pub bureau: &'a Bureau,
    pub scenario: &'a Scenario,
    pub rules: &'a [Rule],
    pub results: &'a [RuleResult],
    pub metrics: &'a Metrics,
    /// (label, metrics, hard rules failing) of the plan and each compared scenario.
    pub compared: Vec<(String, Metrics, usize)>,
}

/// Every attachment, in the order they are numbered.
pub fn attachments(f: &AttachmentFacts<'_>) -> Vec<Attachment> {
    let mut out = vec![
        structure_table(f),
        establishment_table(f),
        deployment_table(f),
        transfer_list(f),
        policy_table(f),
    ];
    // After the 测算表: the paper's text points to that one by its number (附件6).
    out.extend(workload_attachment(f.bureau, f.scenario, f.rules));
    out.extend(super::community_list::attachment(
        f.bureau, f.scenario, f.metrics,
    ));
    if f.compared.len() > 1 {
        out.push(comparison_table(f));
    }
    out
}

fn strings(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| (*s).to_owned()).collect()
}

fn top_level(st: &Structure) -> impl Iterator<Item = &Unit> {
    st.units.iter().filter(|u| u.parent.is_none())
}

fn children<'a>(st: &'a Structure, id: &'a str) -> impl Iterator<Item = &'a Unit> + 'a {
    st.units
        .iter()
        .filter(move |c| c.parent.as_deref() == Some(id))
}

fn old_name(bureau: &Bureau, id: &str) -> String {
    bureau
        .old_unit(id)
        .map_or_else(|| id.to_owned(), |u| u.name.clone())
}

fn structure_table(f: &AttachmentFacts<'_>) -> Attachment {
    let st = &f.scenario.structure;
    let rows = top_level(st)
        .map(|u| {
            let subs: Vec<&str> = children(st, &u.id).map(|c| c.name.as_str()).collect();
            let from: Vec<String> = st
                .merge_map
                .iter()
                .filter(|e| e.to.iter().any(|to| st.top_level(to) == u.id))
                .map(|e| old_name(f.bureau, &e.from))
                .collect();
            let functions: Vec<&str> = u
                .functions
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .collect();
            vec![
                u.name.clone(),
                match (u.tier, u.operation) {
                    (Tier::Grassroots, _) => "基层所队".to_owned(),
                    (Tier::Office, Operation::Physical) => "实体化".to_owned(),
                    (Tier::Office, Operation::Virtual) => "虚拟化".to_owned(),
                },
                subs.join("、"),
                functions.join("；"),
                from.join("、"),
            ]
        })
        .collect();
    one(
        "机构设置及职能对照表",
        &[
            ("机构", 14.0),
            ("运行方式", 8.0),
            ("内设机构", 18.0),
            ("主要职责", 32.0),
            ("由原单位组建", 20.0),
        ],
        rows,
        false,
    )
}

/// A unit's posts with its sub-units' (正职, 副职).
fn posts(st: &Structure, u: &Unit) -> (u32, u32) {
    children(st, &u.id).fold((u.head_posts, u.deputy_posts), |(h, d), c| {
        (
            h.saturating_add(c.head_posts),
            d.saturating_add(c.deputy_posts),
        )
    })
}

fn establishment_table(f: &AttachmentFacts<'_>) -> Attachment {
    let st = &f.scenario.structure;
    let mut total = [0u32; 4];
    let mut rows: Vec<Vec<String>> = top_level(st)
        .map(|u| {
            let (officers, auxiliaries) = establishment(&st.units, &u.id);
            let (heads, deputies) = posts(st, u);
            for (t, v) in total
                .iter_mut()
                .zip([officers, auxiliaries, heads, deputies])
            {
                *t = t.saturating_add(v);
            }
            vec![
                u.name.clone(),
                officers.to_string(),
                auxiliaries.to_string(),
                heads.to_string(),
                deputies.to_string(),
            ]
        })
        .collect();
    let mut last = vec!["合计".to_owned()];
    last.extend(total.iter().map(u32::to_string));
    rows.push(last);
    one(
        "人员编制和领导职数分配表",
        &[
            ("机构", 24.0),
            ("民警编制", 12.0),
            ("辅警编制", 12.0),
            ("正职职数", 12.0),
            ("副职职数", 12.0),
        ],
        rows,
        true,
    )
}

fn deployment_table(f: &AttachmentFacts<'_>) -> Attachment {
    let st = &f.scenario.structure;
    let by_id: HashMap<&str, &UnitMetrics> = f
        .metrics
        .new_units
        .iter()
        .map(|m| (m.unit_id.as_str(), m))
        .collect();
    let mut total = [0u32; 8];
    let mut rows: Vec<Vec<String>> = top_level(st)
        .map(|u| {
            let m = by_id.get(u.id.as_str());
            let get = |g: fn(&UnitMetrics) -> u32| m.map_or(0, |m| g(m));
            let (officer_est, aux_est) = establishment(&st.units, &u.id);
            let (head_posts, deputy_posts) = posts(st, u);
            let values = [
                officer_est,
                get(|m| m.officers_total),
                aux_est,
                get(|m| m.auxiliaries_total),
                head_posts,
                deputy_posts,
                get(|m| m.heads),
                get(|m| m.deputies),
            ];
            for (t, v) in total.iter_mut().zip(values) {
                *t = t.saturating_add(v);
            }
            let mut row = vec![
                u.name.clone(),
                match u.tier {
                    Tier::Office => "机关".to_owned(),
                    Tier::Grassroots => "基层".to_owned(),
                },
            ];
            row.extend(values.iter().map(u32::to_string));
            row
        })
        .collect();
    let mut last = vec!["合计".to_owned(), String::new()];
    last.extend(total.iter().map(u32::to_string));
    rows.push(last);
    let m = f.metrics;
    let line = |label: &str, before: u32, after: u32| {
        vec![label.to_owned(), before.to_string(), after.to_string()]
    };
    let mut overall = vec![line("民警总数", m.total_officers, m.total_officers)];
    overall.extend(
        FORCE_FIGURES
            .iter()
            .map(|(label, get)| line(label, get(&m.before), get(&m.after))),
    );
    overall.push(vec![
        "派出所民警占比".to_owned(),
        pct(m.station_share_before),
        pct(m.station_share),
    ]);
    let overall = Grid {
        headers: strings(&["指标", "改革前", "改革后"]),
        widths: vec![30.0, 15.0, 15.0],
        rows: overall,
        has_total: false,
    };
    Attachment {
        title: "改革前后警力配置对比表".into(),
        grids: vec![
            overall,
            Grid {
                headers: unit_headers(&["单位", "层级"]),
                widths: vec![26.0, 7.0, 9.0, 9.0, 9.0, 9.0, 9.0, 9.0, 9.0, 9.0],
                rows,
                has_total: true,
            },
        ],
    }
}

fn transfer_list(f: &AttachmentFacts<'_>) -> Attachment {
    let st = &f.scenario.structure;
    let reasons = MoveReasons::new(f.bureau, st, f.rules, &f.scenario.draft);
    let moves = MoveIndex::new(st);
    let mut rows = Vec::with_capacity(f.bureau.people.len().saturating_add(1));
    for (i, p) in f.bureau.people.iter().enumerate() {
        let placed = f
            .scenario
            .draft
            .assignment
            .get(&p.police_number)
            .and_then(|id| st.unit(id));
        // 方式 as every output counts it (the text's 下沉 and 内部调配 figures, the workbook's
        // 全员转隶名单).
        let mode = match f.bureau.old_unit(&p.current_unit) {
            Some(old) => moves.transfer(p, old, placed),
            None => Transfer::Unplaced,
        };
        let (unit, parent, reason) = match placed {
            Some(to) => {
                let parent = to
                    .parent
                    .as_deref()
                    .and_then(|id| st.unit(id))
                    .map_or_else(String::new, |u| u.name.clone());
                // The reason of a move (调整原因), as every output counts it; a transfer with
                // the function needs none beside its 方式.
                let reason = if is_move(st, &p.current_unit, &to.id) {
                    reasons.reason(p, &to.id).zh()
                } else {
                    ""
                };
                (to.name.clone(), parent, reason)
            }
            None => ("待安置".to_owned(), String::new(), ""),
        };
        rows.push(vec![
            (i + 1).to_string(),
            p.police_number.clone(),
            p.name.clone(),
            if p.is_officer() { "民警" } else { "辅警" }.to_owned(),
            old_name(f.bureau, &p.current_unit),
            unit,
            parent,
            transfer_label(mode).to_owned(),
            reason.to_owned(),
        ]);
    }
    rows.push(vec![
        "合计".to_owned(),
        String::new(),
        format!("{}人", f.bureau.people.len()),
        String::new(),
        String::new(),
        String::new(),
        String::new(),
        String::new(),
        String::new(),
    ]);
    one(
        "人员转隶名单",
        &[
            ("序号", 6.0),
            ("警号", 10.0),
            ("姓名", 8.0),
            ("类别", 6.0),
            ("原单位", 17.0),
            ("新单位", 17.0),
            ("新上级部门", 15.0),
            ("方式", 9.0),
            ("调整原因", 13.0),
        ],
        rows,
        true,
    )
}

fn is_share(kind: &RuleKind) -> bool {
    matches!(
        kind,
        RuleKind::StationShare { .. }
            | RuleKind::CommunityShare { .. }
            | RuleKind::StationCommunityShare { .. }
            | RuleKind::OfficeReduction { .. }
    )
}

/// A rule's text as the committee reads it: unit names, ranges with ～.
fn described(r: &RuleResult, rule: Option<&Rule>, st: &Structure) -> String {
    let mut text = r.description_zh.clone();
    if let Some(u) = rule
        .and_then(|rule| rule.kind.unit())
        .and_then(|id| st.unit(id))
    {
        text = text.replacen(u.id.as_str(), &u.name, 1);
    }
    text.replace(" – ", "～")
        .replace('–', "～")
        .replace("在 ", "在")
        .replace(" 之间", "之间")
}

fn policy_table(f: &AttachmentFacts<'_>) -> Attachment {
    let st = &f.scenario.structure;
    let mut rows = Vec::new();
    let (mut bounds, mut bounds_met) = (0usize, 0usize);
    let mut bounds_source = String::new();
    for r in f.results {
        let rule = f.rules.iter().find(|x| x.id == r.rule_id);
        if rule.is_some_and(|x| matches!(x.kind, RuleKind::UnitHeadcount { .. })) {
            bounds += 1;
            bounds_met += usize::from(r.passed);
            if bounds_source.is_empty() {
                bounds_source = r.source_zh.clone();
            }
            continue;
        }
        let share = rule.is_some_and(|x| is_share(&x.kind));
        // The requirement as the rule states it (40%, 54.6%); the plan's figure to one decimal.
        let shown = |x: Option<f64>, as_given: bool| match x {
            None => "—".to_owned(),
            Some(x) if share && as_given => bureau_core::rules::share_as_stated(x),
            Some(x) if share => pct(x),
            Some(x) => format!("{}", x.round()),
        };
        rows.push(vec![
            described(r, rule, st),
            shown(r.required, true),
            shown(r.actual, false),
            if r.passed { "符合" } else { "不符合" }.to_owned(),
            r.source_zh.clone(),
        ]);
    }
    if bounds > 0 {
        rows.push(vec![
            "各单位民警人数在核定范围内".to_owned(),
            format!("{bounds}个单位"),
            format!("{bounds_met}个单位符合"),
            if bounds_met == bounds {
                "符合"
            } else {
                "不符合"
            }
            .to_owned(),
            bounds_source,
        ]);
    }
    one(
        "政策指标核对表",
        &[
            ("指标", 28.0),
            ("要求", 10.0),
            ("实际", 10.0),
            ("结果", 8.0),
            ("政策依据", 26.0),
        ],
        rows,
        false,
    )
}

fn comparison_table(f: &AttachmentFacts<'_>) -> Attachment {
    type Get = fn(&Metrics, usize) -> String;
    let lines: [(&str, Get); 12] = [
        ("机关民警", |m, _| m.after.office_officers.to_string()),
        ("基层所队民警", |m, _| {
            m.after.grassroots_officers.to_string()
        }),
        ("派出所民警占比", |m, _| pct(m.station_share)),
        ("基层所队民警占比", |m, _| pct(m.grassroots_share)),
        ("社区民警占派出所民警比例", |m, _| {
            pct(m.community_share)
        }),
        ("机关民警精简比例", |m, _| pct(m.office_reduction)),
        ("调整人数", |m, _| m.moved.to_string()),
        ("机关民警下沉人数", |m, _| m.moved_down.to_string()),
        ("部门内部调配人数", |m, _| {
            m.moved_within.to_string()
        }),
        ("内设机构数", |m, _| m.office_departments.to_string()),
        ("满足本人意愿人数", |m, _| m.wishes_met.to_string()),
        ("未满足的刚性指标", |_, n| n.to_string()),
    ];
    let rows = lines
        .iter()
        .map(|(label, get)| {
            std::iter::once((*label).to_owned())
                .chain(f.compared.iter().map(|(_, m, n)| get(m, *n)))
                .collect()
        })
        .collect();
    let mut columns = vec![("指标", 24.0)];
    columns.extend(
        f.compared
            .iter()
            .map(|(label, _, _)| (label.as_str(), 12.0)),
    );
    one("方案比选表", &columns, rows, false)
}

/// The attachment: the stations' tables, then the traffic squads' (`None` when neither has
/// figures). Titled by the stations' table, or by the squads' when only they are measured.
fn workload_attachment(bureau: &Bureau, scenario: &Scenario, rules: &[Rule]) -> Option<Attachment> {
    let stations = workload_table(bureau, scenario, rules);
    let squads = squad_workload_table(bureau, scenario, rules);
    let title = stations.as_ref().or(squads.as_ref())?.title.clone();
    let mut grids = stations
        .map(|t| split_grids::<Stations>(&t))
        .unwrap_or_default();
    grids.extend(
        squads
            .map(|t| split_grids::<Squads>(&t))
            .unwrap_or_default(),
    );
    Some(Attachment { title, grids })
}
