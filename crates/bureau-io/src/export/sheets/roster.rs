//! Everyone's placement: the 全员转隶名单 (one row per person, in roster order, with the 方式 the
//! core decides — [`MoveIndex::transfer`], the function the metrics count with) and the count of
//! each 方式 with its definition and a 合计, from the metrics.

use std::collections::HashMap;

use bureau_core::metrics::{holds_community_post, MoveIndex, Transfer};
use bureau_core::{Bureau, Metrics, Scenario};

use super::{count, text, Sheet, Value};
use crate::export::report::transfer_label;

pub(super) fn roster_sheet(bureau: &Bureau, scenario: &Scenario) -> Sheet {
    let structure = &scenario.structure;
    let assignment = &scenario.draft.assignment;
    let moves = MoveIndex::new(structure);
    let old_units: HashMap<&str, &bureau_core::Unit> = bureau
        .old_units
        .iter()
        .map(|u| (u.id.as_str(), u))
        .collect();
    let rows = bureau
        .people
        .iter()
        .map(|p| {
            let old = old_units.get(p.current_unit.as_str()).copied();
            let placed = moves.placed(assignment, p);
            let transfer = match old {
                Some(old) => moves.transfer(p, old, placed),
                None => Transfer::Unplaced,
            };
            let community = old.is_some_and(|old| {
                holds_community_post(
                    bureau.info.as_of,
                    p,
                    placed.unwrap_or(old),
                    &scenario.draft.community,
                )
            });
            let (unit, department) = match placed {
                Some(u) => (
                    u.name.as_str(),
                    moves.top_level(&u.id).map_or("", |top| top.name.as_str()),
                ),
                None => ("", ""),
            };
            vec![
                text(p.police_number.clone()),
                text(p.name.clone()),
                text(if p.is_officer() { "民警" } else { "辅警" }),
                text(old.map_or(p.current_unit.as_str(), |u| u.name.as_str())),
                text(unit),
                text(department),
                text(transfer_label(transfer)),
                text(if community { "是" } else { "" }),
            ]
        })
        .collect();
    Sheet {
        name: "全员转隶名单".into(),
        title: "全员转隶名单".into(),
        headers: [
            "警号",
            "姓名",
            "类别",
            "原单位",
            "新单位",
            "新上级部门",
            "方式",
            "社区民警",
        ]
        .map(String::from)
        .to_vec(),
        widths: vec![10.0, 8.0, 5.0, 16.0, 16.0, 16.0, 9.0, 6.0],
        rows,
        total: None,
    }
}

/// People per 方式, each with the sentence that says what counts, and the 合计 (everyone).
pub(super) fn transfer_summary_sheet(m: &Metrics) -> Sheet {
    let everyone = m.total_officers.saturating_add(m.total_auxiliaries);
    let unplaced = m
        .unassigned_officers
        .saturating_add(m.unassigned_auxiliaries);
    let direct = everyone
        .saturating_sub(unplaced)
        .saturating_sub(m.moved)
        .saturating_sub(m.moved_within);
    let line = |t: Transfer, n: u32, what: &str| -> Vec<Value> {
        vec![text(transfer_label(t)), count(n), text(what)]
    };
    let mut rows = vec![
        line(
            Transfer::Direct,
            direct,
            "随原单位职能转入合并对应的新单位，不计入调整人数",
        ),
        line(
            Transfer::Within,
            m.moved_within,
            "转入原单位对应部门的其他室、队，不计入调整人数",
        ),
        line(
            Transfer::Down,
            m.moved_down,
            "机关民警调整至基层所队，计入调整人数",
        ),
        line(
            Transfer::Adjusted,
            m.moved.saturating_sub(m.moved_down),
            "其他调整至原单位对应部门以外单位的人员，计入调整人数",
        ),
    ];
    if unplaced > 0 {
        rows.push(line(
            Transfer::Unplaced,
            unplaced,
            "尚未安置到新机构，仍按原单位统计",
        ));
    }
    Sheet {
        name: "转隶方式汇总".into(),
        title: "人员转隶方式汇总".into(),
        headers: ["方式", "人数", "说明"].map(String::from).to_vec(),
        widths: vec![12.0, 8.0, 40.0],
        rows,
        total: Some(vec![text("合计"), count(everyone), text("")]),
    }
}
