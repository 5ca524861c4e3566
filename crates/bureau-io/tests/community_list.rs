//! Community officers per station in the exports, on a generated bureau that is not the
//! sample (测试县公安局): after a solve that decides the roles, the paper's 派出所社区民警名单
//! names, station by station, exactly the officers the plan gives a post, its counts and 合计
//! are the metrics', and the workbook's 全员转隶名单 marks the same officers 社区民警 是.

use bureau_core::metrics::holds_community_post;
use bureau_core::optimiser::{solve, Mode, SolveRequest, SolveSettings, SolveStatus};
use bureau_core::rules::default_rules;
use bureau_core::templates::{apply, Template};
use bureau_core::{compute_metrics, Draft, Post, Scenario};
use bureau_io::export::document::community_list;
use bureau_io::export::Value;
use bureau_io::export::{build_report, plan_workbook, ScenarioInput};

#[test]
fn the_paper_and_the_workbook_list_the_plans_community_officers_per_station() {
    let mut bureau = bureau_samples::test_county();
    // Nobody marked today: every post listed is one the plan gives.
    for p in &mut bureau.people {
        p.community_police = false;
    }
    let (structure, _) = apply(Template::OnePlusFive, &bureau);
    let rules = default_rules(&bureau, &structure);
    let out = solve(&SolveRequest {
        bureau: &bureau,
        structure: &structure,
        rules: &rules,
        draft: &Draft::default(),
        mode: Mode::Plan,
        settings: &SolveSettings::default(),
    })
    .expect("solves");
    assert_eq!(out.status, SolveStatus::Optimal, "{:#?}", out.diagnosis);
    let scenario = Scenario {
        id: 1,
        name: "方案".into(),
        structure,
        draft: out.plan(&Draft::default()),
        notes: String::new(),
        created_at: String::new(),
        updated_at: String::new(),
    };
    let st = &scenario.structure;
    let draft = &scenario.draft;
    let m = compute_metrics(&bureau, st, &draft.assignment, &draft.community);
    assert!(m.after.community_officers > 0, "the share rule needs posts");

    let list = community_list::attachment(&bureau, &scenario, &m).expect("stations");
    assert_eq!(list.title, "派出所社区民警名单");
    let grid = &list.grids[0];
    let stations: Vec<_> = st.units.iter().filter(|u| u.is_station()).collect();
    assert_eq!(
        grid.rows.len(),
        stations.len() + 1,
        "a row per station and 合计"
    );
    let mut named = 0;
    for (row, unit) in grid.rows.iter().zip(&stations) {
        assert_eq!(row[1], unit.name);
        let names: Vec<&str> = row[4].split('、').filter(|s| !s.is_empty()).collect();
        assert_eq!(row[3], names.len().to_string(), "{row:?}");
        for entry in &names {
            let number = entry.split(' ').next().expect("警号 first");
            let p = bureau.person(number).expect("on the roster");
            assert_eq!(draft.assignment.get(number), Some(&unit.id));
            assert!(draft.community.role(p) && p.post == Post::None, "{entry}");
        }
        named += names.len();
    }
    let total = grid.rows.last().expect("合计");
    assert_eq!(total[0], "合计");
    assert_eq!(total[3], m.after.community_officers.to_string());
    assert_eq!(named as u32, m.after.community_officers);

    // The workbook's roster marks the same officers.
    let report = build_report(
        &bureau,
        ScenarioInput {
            scenario: &scenario,
            rules: &rules,
        },
        &[],
        "2026年11月30日",
    );
    let book = plan_workbook(&bureau, &scenario, &report);
    let roster = book.sheet("全员转隶名单").expect("the roster sheet");
    let column = roster
        .headers
        .iter()
        .position(|h| h == "社区民警")
        .expect("the role column");
    let marked: Vec<&str> = roster
        .rows
        .iter()
        .filter(|r| matches!(&r[column], Value::Text(t) if t == "是"))
        .filter_map(|r| match &r[0] {
            Value::Text(t) => Some(t.as_str()),
            _ => None,
        })
        .collect();
    assert_eq!(marked.len() as u32, m.after.community_officers);
    for number in marked {
        let p = bureau.person(number).expect("on the roster");
        let unit = st.unit(&draft.assignment[number]).expect("placed");
        assert!(holds_community_post(
            bureau.info.as_of,
            p,
            unit,
            &draft.community
        ));
    }
}
