//! Document export of the county plan: the DOCX is unzipped and its page setup, fonts, footers
//! and table numbers checked against `compute_metrics`; the XLSX is read back with calamine.

use std::io::{Cursor, Read};

use bureau_core::rules::default_rules;
use bureau_core::{compute_metrics, Bureau, BureauFile, Metrics, Scenario};
use bureau_io::export::{build_report, render, Format, Report, ScenarioInput};
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
    let metrics = compute_metrics(&bureau, &scenario.structure, &scenario.draft.assignment);
    (report, metrics)
}

fn unzip(bytes: &[u8], name: &str) -> String {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).expect("a zip archive");
    let mut f = zip.by_name(name).expect(name);
    let mut s = String::new();
    f.read_to_string(&mut s).expect("utf-8");
    s
}

/// The text of each cell of each table, in document order.
fn tables(xml: &str) -> Vec<Vec<Vec<String>>> {
    xml.split("<w:tbl>")
        .skip(1)
        .map(|tbl| {
            let tbl = tbl.split("</w:tbl>").next().unwrap_or("");
            tbl.split("<w:tr>")
                .skip(1)
                .map(|tr| tr.split("<w:tc>").skip(1).map(cell_text).collect())
                .collect()
        })
        .collect()
}

fn cell_text(tc: &str) -> String {
    let mut out = String::new();
    for part in tc.split("<w:t").skip(1) {
        // Only <w:t> and <w:t xml:space=…>, not <w:tcPr>, <w:tcW>, …
        if !(part.starts_with('>') || part.starts_with(' ')) {
            continue;
        }
        if let Some((_, rest)) = part.split_once('>') {
            if let Some((text, _)) = rest.split_once("</w:t>") {
                out.push_str(text);
            }
        }
    }
    out
}

fn table_titled<'a>(
    all: &'a [Vec<Vec<String>>],
    first_header: &str,
    second: &str,
) -> &'a Vec<Vec<String>> {
    all.iter()
        .find(|t| {
            t.first().is_some_and(|h| {
                h.first().is_some_and(|c| c == first_header)
                    && h.get(1).is_some_and(|c| c == second)
            })
        })
        .expect("table present")
}

#[test]
fn the_docx_has_gbt9704_page_setup_fonts_and_page_numbers() {
    let (report, _) = report_with(1);
    let bytes = render(&report, Format::Docx).expect("renders");
    let doc = unzip(&bytes, "word/document.xml");
    assert!(
        doc.contains(r#"<w:pgSz w:w="11906" w:h="16838""#),
        "page size"
    );
    for (attr, twips) in [
        ("top", 2098),
        ("bottom", 1984),
        ("left", 1587),
        ("right", 1474),
    ] {
        assert!(
            doc.contains(&format!(r#"w:{attr}="{twips}""#)),
            "margin {attr}"
        );
    }
    assert!(
        doc.contains(r#"w:type="lines" w:linePitch="579""#),
        "22-line grid"
    );
    assert!(
        doc.contains(r#"<w:spacing w:val="-5" />"#),
        "28 characters a line"
    );
    for font in ["方正小标宋简体", "仿宋_GB2312", "黑体", "楷体_GB2312"] {
        assert!(
            doc.contains(&format!(r#"w:eastAsia="{font}""#)),
            "font {font}"
        );
    }
    assert!(doc.contains(r#"<w:sz w:val="44" />"#), "title 2号");
    assert!(doc.contains(r#"<w:sz w:val="32" />"#), "body 3号");
    for heading in [
        "一、改革背景",
        "二、机构设置",
        "（一）总体情况",
        "1．按调整原因统计",
        "（1）规则要求",
        "六、方案比较",
        "七、图表",
    ] {
        assert!(doc.contains(heading), "{heading}");
    }
    assert!(doc.contains("<w:drawing>"), "charts are embedded");
    let settings = unzip(&bytes, "word/settings.xml");
    assert!(settings.contains("evenAndOddHeaders"));
    let footers: Vec<String> = (1..=2)
        .map(|i| unzip(&bytes, &format!("word/footer{i}.xml")))
        .collect();
    for f in &footers {
        assert!(
            f.contains("— ") && f.contains(" —") && f.contains("PAGE"),
            "{f}"
        );
    }
    assert!(footers.iter().any(|f| f.contains(r#"w:val="right""#)));
    assert!(footers.iter().any(|f| f.contains(r#"w:val="left""#)));
}

#[test]
fn every_headcount_number_in_the_docx_equals_the_metrics() {
    let (report, m) = report_with(0);
    let bytes = render(&report, Format::Docx).expect("renders");
    let doc = unzip(&bytes, "word/document.xml");
    let all = tables(&doc);
    // Six tables in the body and the attachment 派出所警力配置测算表 (the county has figures).
    assert_eq!(all.len(), 7);

    let totals = table_titled(&all, "指标", "改革前");
    let expect = [
        ("民警总数", m.total_officers, m.total_officers),
        (
            "机关民警",
            m.before.office_officers,
            m.after.office_officers,
        ),
        (
            "基层所队民警",
            m.before.grassroots_officers,
            m.after.grassroots_officers,
        ),
        (
            "派出所民警",
            m.before.station_officers,
            m.after.station_officers,
        ),
        (
            "社区民警",
            m.before.community_officers,
            m.after.community_officers,
        ),
        ("正职职数", m.before.head_posts, m.after.head_posts),
    ];
    for (label, before, after) in expect {
        let row = totals.iter().find(|r| r[0] == label).expect(label);
        assert_eq!(
            (row[1].as_str(), row[2].as_str()),
            (before.to_string().as_str(), after.to_string().as_str()),
            "{label}"
        );
    }
    let share = totals
        .iter()
        .find(|r| r[0] == "派出所民警占比")
        .expect("share row");
    assert_eq!(share[2], format!("{:.1}%", m.station_share * 100.0));

    let (bureau, scenario) = county();
    for (units, metrics, name) in [
        (&bureau.old_units, &m.old_units, "old"),
        (&scenario.structure.units, &m.new_units, "new"),
    ] {
        let t = all
            .iter()
            .filter(|t| t[0][0] == "单位")
            .nth(if name == "old" { 0 } else { 1 })
            .expect("units table");
        assert_eq!(t.len(), units.len() + 1);
        for (row, unit) in t[1..].iter().zip(units.iter()) {
            let um = metrics
                .iter()
                .find(|x| x.unit_id == unit.id)
                .expect("metrics");
            assert_eq!(row[0].trim_start_matches('　'), unit.name);
            let numbers: Vec<u32> = row[2..]
                .iter()
                .map(|c| c.parse().expect("a number"))
                .collect();
            assert_eq!(
                numbers,
                [
                    um.officer_establishment,
                    um.officers_total,
                    um.auxiliary_establishment,
                    um.auxiliaries_total,
                    unit.head_posts,
                    unit.deputy_posts,
                    um.heads,
                    um.deputies
                ],
                "{}",
                unit.name
            );
        }
    }
    let adjustments = table_titled(&all, "警号", "姓名");
    assert!(m.moved >= 4);
    assert_eq!(adjustments.len() as u32 - 1, m.moved);
    let reasons: Vec<&str> = adjustments[1..].iter().map(|r| r[5].as_str()).collect();
    assert_eq!(reasons.iter().filter(|r| **r == "规划指定").count(), 1);
    assert!(reasons.contains(&"五零下沉"), "{reasons:?}");
    assert!(doc.contains(&format!("本方案共调整{}人", m.moved)));
}

#[test]
fn the_xlsx_has_one_sheet_per_table_with_numbers_equal_to_the_metrics() {
    let (report, m) = report_with(1);
    let bytes = render(&report, Format::Xlsx).expect("renders");
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
            "方案比较",
            "派出所警力配置测算表"
        ]
    );
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

    let (_, scenario) = county();
    let units = book.worksheet_range("改革后各单位").expect("sheet");
    for (r, unit) in units.rows().skip(1).zip(&scenario.structure.units) {
        let um = m
            .new_units
            .iter()
            .find(|x| x.unit_id == unit.id)
            .expect("metrics");
        assert_eq!(
            r[3],
            Data::Float(f64::from(um.officers_total)),
            "{}",
            unit.name
        );
        assert_eq!(
            r[5],
            Data::Float(f64::from(um.auxiliaries_total)),
            "{}",
            unit.name
        );
    }
    let rules = book.worksheet_range("指标核对").expect("sheet");
    let texts: Vec<String> = rules.rows().skip(1).map(|r| r[0].to_string()).collect();
    assert!(
        texts.iter().any(|t| t.starts_with("刑事侦查部民警人数")),
        "{texts:?}"
    );
    assert!(
        rules.rows().skip(1).all(|r| !r[5].to_string().is_empty()),
        "every rule has its policy source"
    );
    let moved = book.worksheet_range("人员调整").expect("sheet");
    assert_eq!(moved.height() as u32 - 1, m.moved);
    let cmp = book.worksheet_range("方案比较").expect("sheet");
    let moves = cmp
        .rows()
        .find(|r| r[0] == Data::String("调整人数".into()))
        .expect("row");
    assert_eq!(moves[1], Data::Float(f64::from(m.moved)));
    assert_eq!(moves[2], Data::Float(0.0));
}

#[test]
fn the_csv_starts_with_a_bom_and_lists_every_table() {
    let (report, m) = report_with(0);
    let bytes = render(&report, Format::Csv).expect("renders");
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"));
    let text = String::from_utf8(bytes).expect("utf-8");
    for t in report.tables() {
        assert!(text.contains(&t.title), "{}", t.title);
    }
    assert!(text.contains(&format!(
        "机关民警,{},{}\r\n",
        m.before.office_officers, m.after.office_officers
    )));
}
