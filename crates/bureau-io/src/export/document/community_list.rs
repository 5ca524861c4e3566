//! The attachment 派出所社区民警名单: for every station of the new structure, its officers, the
//! community officers the plan names (警号 姓名) and their count. Who holds a post is
//! `bureau_core::metrics::holds_community_post`, the counts are the metrics' own, so the table,
//! the gauges and the paper's sentences agree.

use bureau_core::metrics::holds_community_post;
use bureau_core::{Bureau, Metrics, Scenario, UnitKind};

use super::attachment::{Attachment, Grid};

pub const TITLE: &str = "派出所社区民警名单";

/// The attachment, or `None` when the structure has no station.
pub fn attachment(bureau: &Bureau, scenario: &Scenario, metrics: &Metrics) -> Option<Attachment> {
    let st = &scenario.structure;
    let draft = &scenario.draft;
    let as_of = bureau.info.as_of;
    let mut rows = Vec::new();
    let (mut officers, mut community) = (0u32, 0u32);
    for unit in st
        .units
        .iter()
        .filter(|u| u.kind == UnitKind::PoliceStation)
    {
        let m = metrics.new_units.iter().find(|m| m.unit_id == unit.id);
        let (here, posts) = m.map_or((0, 0), |m| (m.officers, m.community_officers));
        officers = officers.saturating_add(here);
        community = community.saturating_add(posts);
        let names: Vec<String> = bureau
            .people
            .iter()
            .filter(|p| draft.assignment.get(&p.police_number) == Some(&unit.id))
            .filter(|p| holds_community_post(as_of, p, unit, &draft.community))
            .map(|p| format!("{} {}", p.police_number, p.name))
            .collect();
        rows.push(vec![
            (rows.len() + 1).to_string(),
            unit.name.clone(),
            here.to_string(),
            posts.to_string(),
            names.join("、"),
        ]);
    }
    if rows.is_empty() {
        return None;
    }
    rows.push(vec![
        "合计".to_owned(),
        String::new(),
        officers.to_string(),
        community.to_string(),
        String::new(),
    ]);
    Some(Attachment {
        title: TITLE.into(),
        grids: vec![Grid {
            headers: [
                "序号",
                "派出所",
                "民警",
                "社区民警",
                "社区民警名单（警号 姓名）",
            ]
            .map(String::from)
            .to_vec(),
            widths: vec![6.0, 18.0, 7.0, 9.0, 50.0],
            rows,
            has_total: true,
        }],
    })
}
