//! The working tables of the county plan: the XLSX read back with calamine and the CSV, their
//! numbers checked against `compute_metrics`. (The DOCX paper is checked element by element in
//! bureau-api's `document_gbt9704` test.)

use std::io::Cursor;

use bureau_core::rules::default_rules;
use bureau_core::{compute_metrics, Bureau, BureauFile, Metrics, Scenario};
use bureau_io::export::{build_report, render_plan, Format, Report, ScenarioInput};
use calamine::{Data, Reader};

fn county() -> (Bureau, Scenario) {
    let file = BureauFile::parse(include_str!("../../../fixtures/county.json")).expect("parses");
    let (bureau, structure, draft) = file.into_parts();
    let mut draft = draft.unwrap_or_default();
    // Move a few office officers down to the first station: one pinned, one aged 50+.
    let station = structure
        .units
        .iter()
        .find(|u| u.is_station())
        .map(|u| u.id.clone())
        .expect("a station");
    let office: Vec<&bureau_core::Person> = bureau
        .people
        .iter()
        .filter(|p| {
            p.is_officer()
                && bureau
                    .old_unit(&p.current_unit)
                    .is_some_and(|u| u.tier == bureau_core::Tier::Office)
        })
        .collect();
    let senior = office
        .iter()
        .find(|p| p.post == bureau_core::Post::None && p.birth.age_on(bureau.info.as_of) >= 50)
        .expect("a senior office officer");
    let mut movers: Vec<String> = office
        .iter()
        .take(3)
        .map(|p| p.police_number.clone())
        .collect();
    movers.push(senior.police_number.clone());
    for n in &movers {
        draft.assignment.insert(n.clone(), station.clone());
    }
    draft.pins.push(movers[0].clone());
    let scenario = Scenario {
        id: 1,
        name: "初始方案".into(),
        structure,
        draft,
        notes: String::new(),
        created_at: String::new(),
        updated_at: String::new(),
    };
    (bureau, scenario)
}

fn report_with(others: usize) -> (Report, Metrics) {
    let (bureau, scenario) = county();
    let rules = default_rules(&bureau, &scenario.structure);
    let mut empty = scenario.clone();
    empty.name = "不调整".into();
    empty.draft = Default::default();
    let main = ScenarioInput {
        scenario: &scenario,
        rules: &rules,
    };
    let other = ScenarioInput {
        scenario: &empty,
        rules: &rules,
    };
    let others: Vec<ScenarioInput<'_>> = std::iter::repeat_n(other, others).collect();
    let report = build_report(&bureau, main, &others, "2026年11月23日");
    let metrics = compute_metrics(
        &bureau,
        &scenario.structure,
        &scenario.draft.assignment,
        &scenario.draft.community,
    );
    (report, metrics)
}

#[test]
fn the_xlsx_has_one_sheet_per_table_with_numbers_equal_to_the_metrics() {
    let (report, m) = report_with(1);
    let (bureau, scenario) = county();
    let bytes = render_plan(&bureau, &scenario, &report, Format::Xlsx).expect("renders");
    let mut book = calamine::open_workbook_auto_from_rs(Cursor::new(bytes)).expect("opens");
    assert_eq!(
        book.sheet_names(),
        [
            "机构设置",
            "总体对比",
            "改革前各单位",
            "改革后各单位",
            "指标核对",
            "人员调整",
            "转隶方式汇总",
            "全员转隶名单",
            "方案比较",
            "派出所警力配置测算表",
            "交警中队警力配置测算表"
        ]
    );
    // The squads' sheet: its 合计 row's 改革后 is the squads' officers in the metrics.
    let squads = book
        .worksheet_range("交警中队警力配置测算表")
        .expect("sheet");
    let total = squads.rows().next_back().expect("合计 row").to_vec();
    assert_eq!(total[0], Data::String("合计".into()));
    let squad_officers: u32 = scenario
        .structure
        .units
        .iter()
        .filter(|u| u.kind == bureau_core::UnitKind::TrafficSquad)
        .filter_map(|u| m.new_units.iter().find(|n| n.unit_id == u.id))
        .map(|n| n.officers_total)
        .sum();
    assert!(squad_officers > 0);
    assert_eq!(total[12], Data::Float(f64::from(squad_officers)));
    let totals = book.worksheet_range("总体对比").expect("sheet");
    let row = |label: &str| {
        totals
            .rows()
            .find(|r| r[0] == Data::String(label.into()))
            .map(|r| r.to_vec())
            .expect(label)
    };
    assert_eq!(
        row("机关民警")[1],
        Data::Float(f64::from(m.before.office_officers))
    );
    assert_eq!(
        row("机关民警")[2],
        Data::Float(f64::from(m.after.office_officers))
    );
    assert_eq!(
        row("派出所民警")[2],
        Data::Float(f64::from(m.after.station_officers))
    );
    assert_eq!(row("派出所民警占比")[2], Data::Float(m.station_share));

    let units = book.worksheet_range("改革后各单位").expect("sheet");
    for unit in &scenario.structure.units {
        let um = m
            .new_units
            .iter()
            .find(|x| x.unit_id == unit.id)
            .expect("metrics");
        // Rooms share names across departments (综合室): a row is its name and its parent.
        let parent = unit
            .parent
            .as_deref()
            .and_then(|p| scenario.structure.unit(p))
            .map_or(Data::Empty, |p| Data::String(p.name.clone()));
        let r = units
            .rows()
            .skip(2)
            .find(|r| r[0] == Data::String(unit.name.clone()) && r[1] == parent)
            .expect("a row per unit, its parent named beside it");
        assert_eq!(
            r[4],
            Data::Float(f64::from(um.officers_total)),
            "{}",
            unit.name
        );
        assert_eq!(
            r[6],
            Data::Float(f64::from(um.auxiliaries_total)),
            "{}",
            unit.name
        );
    }
    let rules = book.worksheet_range("指标核对").expect("sheet");
    let texts: Vec<String> = rules.rows().skip(2).map(|r| r[0].to_string()).collect();
    assert!(
        texts.iter().any(|t| t.starts_with("刑事侦查部民警人数")),
        "{texts:?}"
    );
    assert!(
        rules.rows().skip(2).all(|r| !r[5].to_string().is_empty()),
        "every rule has its policy source"
    );
    let moved = book.worksheet_range("人员调整").expect("sheet");
    assert_eq!(moved.height() as u32 - 2, m.moved);
    let cmp = book.worksheet_range("方案比较").expect("sheet");
    let moves = cmp
        .rows()
        .find(|r| r[0] == Data::String("调整人数".into()))
        .expect("row");
    assert_eq!(moves[1], Data::Float(f64::from(m.moved)));
    assert_eq!(moves[2], Data::Float(0.0));
}

#[test]
fn the_csv_starts_with_a_bom_and_lists_every_sheet() {
    let (report, m) = report_with(0);
    let (bureau, scenario) = county();
    let bytes = render_plan(&bureau, &scenario, &report, Format::Csv).expect("renders");
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"));
    let text = String::from_utf8(bytes).expect("utf-8");
    for title in ["新机构设置及原单位对应", "改革后各单位警力", "全员转隶名单"]
    {
        assert!(text.contains(title), "{title}");
    }
    assert!(text.contains(&format!(
        "机关民警,{},{}\r\n",
        m.before.office_officers, m.after.office_officers
    )));
    assert!(text.contains(&format!("合计,{},", m.total_officers + m.total_auxiliaries)));
}
