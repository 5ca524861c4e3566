//! The working spreadsheets of a solved plan, unzipped: every sheet's print setup (A4
//! landscape, fit to one page wide, title and header rows repeated and frozen, the title merged
//! across the table), the 合计 rows equal to the metrics, and the 全员转隶名单 with one row per
//! person whose 方式 counts are the metrics' own. On the county and city samples and on
//! 测试县公安局, whose workbook must hold no string of the sample.

use std::collections::HashMap;
use std::io::{Cursor, Read};

use bureau_core::optimiser::{solve, Mode, SolveRequest, SolveSettings, SolveStatus};
use bureau_core::rules::default_rules;
use bureau_core::templates::{apply, Template};
use bureau_core::{compute_metrics, Bureau, Metrics, Scenario, Structure, Tier};
use bureau_io::export::{build_report, render_plan, Format, ScenarioInput};
use calamine::{Data, Reader, Xlsx};

/// The scenario with the solver's plan accepted, less `unplace` people taken out again.
fn solved(bureau: &Bureau, structure: Structure, unplace: usize) -> Scenario {
    let rules = default_rules(bureau, &structure);
    let out = solve(&SolveRequest {
        bureau,
        structure: &structure,
        rules: &rules,
        draft: &Default::default(),
        mode: Mode::Plan,
        settings: &SolveSettings::default(),
    })
    .expect("solves");
    assert_eq!(out.status, SolveStatus::Optimal);
    let mut draft = bureau_core::Draft {
        assignment: out.assignment,
        pins: Vec::new(),
        exclusions: Vec::new(),
        community: out.community,
    };
    for p in bureau.people.iter().rev().take(unplace) {
        draft.assignment.remove(&p.police_number);
    }
    Scenario {
        id: 1,
        name: "方案".into(),
        structure,
        draft,
        notes: String::new(),
        created_at: String::new(),
        updated_at: String::new(),
    }
}

fn xlsx_of(bureau: &Bureau, scenario: &Scenario) -> (Vec<u8>, Metrics) {
    let rules = default_rules(bureau, &scenario.structure);
    let main = ScenarioInput {
        scenario,
        rules: &rules,
    };
    let report = build_report(bureau, main, &[], "2026年11月23日");
    let bytes = render_plan(bureau, scenario, &report, Format::Xlsx).expect("renders");
    let m = compute_metrics(
        bureau,
        &scenario.structure,
        &scenario.draft.assignment,
        &scenario.draft.community,
    );
    (bytes, m)
}

fn parts(bytes: &[u8]) -> HashMap<String, String> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).expect("a zip archive");
    (0..zip.len())
        .filter_map(|i| {
            let mut f = zip.by_index(i).expect("entry");
            let name = f.name().expect("a part name").into_owned();
            let mut text = String::new();
            f.read_to_string(&mut text).ok()?;
            Some((name, text))
        })
        .collect()
}

/// Each worksheet's name, in workbook order (the writer numbers its parts in that order).
fn sheet_names(workbook_xml: &str) -> Vec<String> {
    workbook_xml
        .split("<sheet ")
        .skip(1)
        .map(|s| {
            let start = s.find("name=\"").expect("name") + 6;
            let end = start + s[start..].find('"').expect("quote");
            s[start..end].to_owned()
        })
        .collect()
}

fn column_letter(n: usize) -> char {
    char::from(b'A' + u8::try_from(n).expect("few columns"))
}

/// Print setup, title and frozen header rows of every sheet, read from the XML itself.
fn check_print_setup(
    label: &str,
    parts: &HashMap<String, String>,
    book: &mut Xlsx<Cursor<Vec<u8>>>,
) {
    let workbook = &parts["xl/workbook.xml"];
    let names = sheet_names(workbook);
    assert!(names.len() >= 8, "{label}: {names:?}");
    for (i, name) in names.iter().enumerate() {
        let xml = &parts[&format!("xl/worksheets/sheet{}.xml", i + 1)];
        let at = |what: &str| assert!(xml.contains(what), "{label} {name}: no {what} in\n{xml}");
        at(r#"<pageSetUpPr fitToPage="1"/>"#);
        let setup = xml
            .split("<pageSetup ")
            .nth(1)
            .and_then(|s| s.split("/>").next())
            .unwrap_or_else(|| panic!("{label} {name}: no pageSetup"));
        for attr in [
            r#"paperSize="9""#,
            r#"orientation="landscape""#,
            r#"fitToHeight="0""#,
        ] {
            assert!(
                setup.contains(attr),
                "{label} {name}: {attr} not in {setup}"
            );
        }
        // fitToWidth defaults to 1 when absent, and must not say otherwise.
        assert!(
            !setup.contains("fitToWidth=") || setup.contains(r#"fitToWidth="1""#),
            "{label} {name}: {setup}"
        );
        at(r#"<pane ySplit="2" topLeftCell="A3" activePane="bottomLeft" state="frozen"/>"#);
        at("&amp;P");
        let titles = format!(
            r#"<definedName name="_xlnm.Print_Titles" localSheetId="{i}">'{name}'!$1:$2</definedName>"#
        );
        let titles_plain = format!(
            r#"<definedName name="_xlnm.Print_Titles" localSheetId="{i}">{name}!$1:$2</definedName>"#
        );
        assert!(
            workbook.contains(&titles) || workbook.contains(&titles_plain),
            "{label} {name}: the title rows are not repeated:\n{workbook}"
        );
        let range = book.worksheet_range(name).expect("sheet");
        let width = range.width();
        assert!(width >= 2, "{label} {name}");
        at(&format!(
            r#"<mergeCell ref="A1:{}1"/>"#,
            column_letter(width - 1)
        ));
        // Row 1 the title, row 2 the headers: both text.
        let rows: Vec<&[Data]> = range.rows().take(2).collect();
        assert!(
            matches!(&rows[0][0], Data::String(s) if !s.is_empty()),
            "{label} {name}"
        );
        assert!(
            rows[1]
                .iter()
                .all(|c| matches!(c, Data::String(s) if !s.is_empty())),
            "{label} {name}: {:?}",
            rows[1]
        );
    }
}

fn num(d: &Data) -> u32 {
    match d {
        Data::Float(f) => *f as u32,
        Data::Int(i) => *i as u32,
        other => panic!("not a number: {other:?}"),
    }
}

fn text(d: &Data) -> String {
    match d {
        Data::String(s) => s.clone(),
        Data::Empty => String::new(),
        other => other.to_string(),
    }
}

/// The unit tables: each row's parent column names a unit of the table, no name is indented,
/// the top-level rows add up to the 合计 and the 合计 is the metrics' total.
fn check_unit_table(
    label: &str,
    book: &mut Xlsx<Cursor<Vec<u8>>>,
    sheet: &str,
    m: &Metrics,
    after: bool,
) {
    let range = book.worksheet_range(sheet).expect("sheet");
    let rows: Vec<&[Data]> = range.rows().skip(2).collect();
    let (total, body) = rows.split_last().expect("rows");
    assert_eq!(text(&total[0]), "合计", "{label} {sheet}");
    let names: Vec<String> = body.iter().map(|r| text(&r[0])).collect();
    for r in body {
        let name = text(&r[0]);
        assert!(
            !name.starts_with([' ', '　']),
            "{label} {sheet}: {name:?} is indented"
        );
        let parent = text(&r[1]);
        assert!(
            parent.is_empty() || names.contains(&parent),
            "{label} {sheet}: {parent}"
        );
    }
    let tops: Vec<&&[Data]> = body.iter().filter(|r| text(&r[1]).is_empty()).collect();
    let sum = |c: usize| {
        tops.iter()
            .filter(|r| r[c] != Data::String("—".into()))
            .map(|r| num(&r[c]))
            .sum::<u32>()
    };
    let t = if after { &m.after } else { &m.before };
    let expected = [
        (4, m.total_officers),
        (6, m.total_auxiliaries),
        (7, t.head_posts),
        (8, t.deputy_posts),
        (9, t.heads),
        (10, t.deputies),
    ];
    for (c, want) in expected {
        assert_eq!(num(&total[c]), want, "{label} {sheet}: 合计 column {c}");
    }
    for c in [3, 4, 5, 6] {
        assert_eq!(
            sum(c),
            num(&total[c]),
            "{label} {sheet}: column {c} does not add up"
        );
    }
}

/// The 全员转隶名单: one row per person, in roster order, 方式 counted as the metrics count.
fn check_roster(label: &str, book: &mut Xlsx<Cursor<Vec<u8>>>, bureau: &Bureau, m: &Metrics) {
    let range = book.worksheet_range("全员转隶名单").expect("sheet");
    let header: Vec<String> = range
        .rows()
        .nth(1)
        .expect("header")
        .iter()
        .map(text)
        .collect();
    assert_eq!(
        header,
        [
            "警号",
            "姓名",
            "类别",
            "原单位",
            "新单位",
            "新上级部门",
            "方式",
            "社区民警"
        ]
    );
    let rows: Vec<&[Data]> = range.rows().skip(2).collect();
    assert_eq!(
        rows.len(),
        bureau.people.len(),
        "{label}: one row per person"
    );
    for (r, p) in rows.iter().zip(&bureau.people) {
        assert_eq!(text(&r[0]), p.police_number, "{label}");
        assert_eq!(
            text(&r[2]),
            if p.is_officer() { "民警" } else { "辅警" },
            "{label}"
        );
    }
    let mut by_way: HashMap<String, u32> = HashMap::new();
    for r in &rows {
        *by_way.entry(text(&r[6])).or_default() += 1;
    }
    let unplaced = m.unassigned_officers + m.unassigned_auxiliaries;
    let everyone = m.total_officers + m.total_auxiliaries;
    let expected = [
        ("下沉", m.moved_down),
        ("调整", m.moved - m.moved_down),
        ("内部调配", m.moved_within),
        ("未安置", unplaced),
        ("原职能转隶", everyone - unplaced - m.moved - m.moved_within),
    ];
    for (way, n) in expected {
        assert_eq!(by_way.get(way).copied().unwrap_or(0), n, "{label}: {way}");
    }
    assert_eq!(
        by_way.values().sum::<u32>(),
        everyone,
        "{label}: {by_way:?}"
    );
    let community = rows.iter().filter(|r| text(&r[7]) == "是").count() as u32;
    assert_eq!(community, m.after.community_officers, "{label}: 社区民警");
    // Placed people name their new unit and its department; unplaced ones neither.
    for r in &rows {
        let placed = text(&r[6]) != "未安置";
        assert_eq!(!text(&r[4]).is_empty(), placed, "{label}: {r:?}");
        assert_eq!(!text(&r[5]).is_empty(), placed, "{label}: {r:?}");
    }

    // The summary sheet shows the same counts and the 合计 of everyone.
    let summary = book.worksheet_range("转隶方式汇总").expect("sheet");
    let lines: HashMap<String, u32> = summary
        .rows()
        .skip(2)
        .map(|r| (text(&r[0]), num(&r[1])))
        .collect();
    for (way, n) in expected {
        if n > 0 || way != "未安置" {
            assert_eq!(lines.get(way).copied(), Some(n), "{label}: 汇总 {way}");
        }
    }
    assert_eq!(
        lines.get("合计").copied(),
        Some(everyone),
        "{label}: 汇总 合计"
    );
}

fn check(label: &str, bureau: &Bureau, scenario: &Scenario) -> Vec<u8> {
    let (bytes, m) = xlsx_of(bureau, scenario);
    assert!(
        m.moved > 0 && m.moved_down > 0,
        "{label}: the plan moves nobody down"
    );
    let parts = parts(&bytes);
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(bytes.clone())).expect("opens");
    check_print_setup(label, &parts, &mut book);
    check_unit_table(label, &mut book, "改革前各单位", &m, false);
    check_unit_table(label, &mut book, "改革后各单位", &m, true);
    check_roster(label, &mut book, bureau, &m);
    bytes
}

#[test]
fn the_county_workbook_lists_everyone_and_prints() {
    let (bureau, structure, _) = bureau_samples::county().into_parts();
    let scenario = solved(&bureau, structure, 0);
    check("county", &bureau, &scenario);
}

#[test]
fn the_city_workbook_lists_everyone_and_prints() {
    let (bureau, structure, _) = bureau_samples::city().into_parts();
    let scenario = solved(&bureau, structure, 0);
    check("city", &bureau, &scenario);
}

#[test]
fn a_new_bureaus_workbook_is_its_own_and_counts_the_unplaced() {
    let bureau = bureau_samples::test_county();
    let (structure, _) = apply(Template::OnePlusFive, &bureau);
    let scenario = solved(&bureau, structure, 3);
    let m = compute_metrics(
        &bureau,
        &scenario.structure,
        &scenario.draft.assignment,
        &scenario.draft.community,
    );
    assert_eq!(m.unassigned_officers + m.unassigned_auxiliaries, 3);
    let bytes = check("测试县", &bureau, &scenario);

    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(bytes.clone())).expect("opens");
    // Every printed sheet's title names the bureau whose workbook it is.
    for name in book.sheet_names() {
        let range = book.worksheet_range(&name).expect("sheet");
        let title = range.get((0, 0)).map(text).unwrap_or_default();
        assert!(
            title.starts_with(bureau_samples::TEST_BUREAU_NAME),
            "sheet {name}: title {title:?} does not name the bureau"
        );
    }
    let units = book.worksheet_range("改革后各单位").expect("sheet");
    let unplaced = units
        .rows()
        .find(|r| text(&r[0]).starts_with("未安置"))
        .expect("a row for the unplaced");
    assert_eq!(num(&unplaced[4]) + num(&unplaced[6]), 3);

    // Nothing of the sample: its name, its stations and squads, its people.
    let (sample, _, _) = bureau_samples::county().into_parts();
    let mut strings = vec!["青山".to_owned(), sample.info.name.clone()];
    strings.extend(
        sample
            .old_units
            .iter()
            .filter(|u| u.tier == Tier::Grassroots)
            .map(|u| u.name.clone()),
    );
    strings.extend(sample.people.iter().map(|p| p.name.clone()));
    let all: String = parts(&bytes).into_values().collect();
    assert!(all.contains(bureau_samples::TEST_BUREAU_NAME) || all.contains(&bureau.people[0].name));
    for s in &strings {
        assert!(
            !all.contains(s.as_str()),
            "the sample's {s:?} is in the new bureau's workbook"
        );
    }
}
