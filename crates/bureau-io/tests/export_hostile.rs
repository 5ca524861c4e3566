//! Hostile strings through every export, built directly into the bureau so that they skip the
//! input checks (as a value that reached storage another way would): control characters,
//! non-characters, formula starts, XML specials, right-to-left marks, 10,000-character names.
//! The DOCX's XML must parse with a real XML parser, the CSV's text cells must be neutralised
//! and the XLSX must hold text as text. Also: the units import refuses counts beyond the
//! documented maximum.

use std::io::{Cursor, Read};

use bureau_core::limits::MAX_COUNT;
use bureau_core::rules::default_rules;
use bureau_core::{Bureau, BureauFile, Scenario};
use bureau_io::export::{
    build_report, render_plan, write_document, DocDate, DocumentKind, DocumentSettings, Format,
    Report, ScenarioInput,
};
use bureau_io::import::read_units;
use calamine::{Data, Reader};
use proptest::prelude::*;
use quick_xml::events::Event;
use quick_xml::XmlVersion;

const HOSTILE: [&str; 12] = [
    "=HYPERLINK(\"http://evil\",\"点我\")",
    "+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(1)",
    "\t=1+1",
    "\r=1+1",
    "张\u{0}伟\u{1}\u{1b}[31m",
    "王\u{fffe}芳\u{ffff}\u{7f}\u{85}",
    "<&]]>\"'<w:t>",
    "\u{202e}\u{200f}李强\u{200e}",
    "]]><!--",
    "\u{fdd0}\u{1fffe}赵",
];

fn county() -> BureauFile {
    BureauFile::parse(include_str!("../../../fixtures/county.json")).expect("county parses")
}

/// The county with hostile strings in every name a report shows, and a draft moving a few
/// people so that the adjustment list has rows.
fn hostile(strings: &[String]) -> (Bureau, Scenario) {
    let (mut bureau, mut structure, draft) = county().into_parts();
    let mut draft = draft.unwrap_or_default();
    let mut s = strings.iter().cycle();
    let mut next = || s.next().cloned().unwrap_or_default();
    bureau.info.name = next();
    bureau.info.background = format!("{}\n{}", next(), next());
    for u in &mut bureau.old_units {
        u.name = next();
    }
    for u in &mut structure.units {
        u.name = next();
    }
    structure.name = next();
    for p in &mut bureau.people {
        p.name = next();
        p.rank = next();
    }
    let station = structure
        .units
        .iter()
        .find(|u| u.is_station())
        .map(|u| u.id.clone())
        .expect("a station");
    for p in bureau.people.iter().filter(|p| p.is_officer()).take(12) {
        draft
            .assignment
            .insert(p.police_number.clone(), station.clone());
    }
    let scenario = Scenario {
        id: 1,
        name: next(),
        structure,
        draft,
        notes: next(),
        created_at: String::new(),
        updated_at: String::new(),
    };
    (bureau, scenario)
}

fn report_of(bureau: &Bureau, scenario: &Scenario) -> Report {
    let rules = default_rules(bureau, &scenario.structure);
    let main = ScenarioInput {
        scenario,
        rules: &rules,
    };
    build_report(bureau, main, &[main], "2026年11月23日")
}

fn is_xml_char(c: char) -> bool {
    matches!(u32::from(c), 0x9 | 0xA | 0xD | 0x20..=0xD7FF | 0xE000..=0xFFFD | 0x10000..=0x10FFFF)
}

/// Well-formed XML 1.0: every character allowed, tags balanced and matched (quick-xml),
/// attributes well-formed, every reference a predefined entity or an allowed character.
fn assert_well_formed(part: &str, xml: &str) {
    if let Some(c) = xml.chars().find(|&c| !is_xml_char(c)) {
        panic!(
            "{part}: character U+{:04X} is not allowed in XML",
            u32::from(c)
        );
    }
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut depth = 0usize;
    loop {
        match reader.read_event() {
            Ok(Event::Eof) => break,
            Ok(Event::Start(e)) => {
                depth += 1;
                for a in e.attributes() {
                    let a = a.unwrap_or_else(|err| panic!("{part}: attribute: {err}"));
                    a.normalized_value(XmlVersion::Explicit1_0)
                        .unwrap_or_else(|err| panic!("{part}: attribute value: {err}"));
                }
            }
            Ok(Event::Empty(e)) => {
                for a in e.attributes() {
                    let a = a.unwrap_or_else(|err| panic!("{part}: attribute: {err}"));
                    a.normalized_value(XmlVersion::Explicit1_0)
                        .unwrap_or_else(|err| panic!("{part}: attribute value: {err}"));
                }
            }
            Ok(Event::End(_)) => {
                depth = depth
                    .checked_sub(1)
                    .unwrap_or_else(|| panic!("{part}: end tag without start"));
            }
            Ok(Event::GeneralRef(r)) => match r.resolve_char_ref() {
                Ok(Some(c)) => assert!(is_xml_char(c), "{part}: &#{};", u32::from(c)),
                Ok(None) => assert!(
                    ["lt", "gt", "amp", "quot", "apos"].contains(&&*r),
                    "{part}: unknown entity &{};",
                    &*r
                ),
                Err(err) => panic!("{part}: character reference: {err}"),
            },
            Ok(_) => {}
            Err(err) => panic!(
                "{part}: not well-formed at byte {}: {err}",
                reader.buffer_position()
            ),
        }
    }
    assert_eq!(depth, 0, "{part}: unclosed elements");
}

fn xml_parts(bytes: &[u8]) -> Vec<(String, String)> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).expect("a zip archive");
    let mut out = Vec::new();
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).expect("a part");
        let name = f.name().expect("a part name").into_owned();
        if name.ends_with(".xml") || name.ends_with(".rels") {
            let mut s = String::new();
            f.read_to_string(&mut s).expect("utf-8 part");
            out.push((name, s));
        }
    }
    out
}

/// Both papers (the plan, the request with the plan), notes written in, open as XML.
fn assert_docx_opens(bureau: &Bureau, scenario: &Scenario) {
    let rules = default_rules(bureau, &scenario.structure);
    let main = ScenarioInput {
        scenario,
        rules: &rules,
    };
    let day = DocDate {
        year: 2026,
        month: 11,
        day: 23,
    };
    for kind in [DocumentKind::Plan, DocumentKind::RequestWithPlan] {
        let mut settings = DocumentSettings::defaults_for(bureau, day);
        settings.kind = kind;
        settings.notes_in_document = true;
        // The organ's own fields are validated on entry; the hostile strings are the data's.
        settings.issuer = "某县公安局".into();
        settings.signature = "某县公安局".into();
        settings.printed_by = "某县公安局办公室".into();
        settings.document_number = "某公〔2026〕1号".into();
        let bytes = write_document(bureau, main, &[main], &settings).expect("renders");
        let parts = xml_parts(&bytes);
        assert!(parts.iter().any(|(n, _)| n == "word/document.xml"));
        for (name, xml) in &parts {
            assert_well_formed(name, xml);
        }
    }
}

/// CSV rows split by the RFC 4180 rules the writer follows.
fn csv_cells(text: &str) -> Vec<String> {
    let mut cells = Vec::new();
    let mut cell = String::new();
    let mut quoted = false;
    let mut chars = text.trim_start_matches('\u{feff}').chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                cell.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => cell.push(c),
            (false, '"') if cell.is_empty() => quoted = true,
            (false, ',') => cells.push(std::mem::take(&mut cell)),
            (false, '\r') if chars.peek() == Some(&'\n') => {}
            (false, '\n') => cells.push(std::mem::take(&mut cell)),
            (false, c) => cell.push(c),
        }
    }
    cells.push(cell);
    cells
}

fn assert_csv_neutralised(bureau: &Bureau, scenario: &Scenario, report: &Report) {
    let bytes = render_plan(bureau, scenario, report, Format::Csv).expect("renders");
    let text = String::from_utf8(bytes).expect("utf-8");
    assert!(
        !text
            .chars()
            .any(|c| bureau_core::limits::is_forbidden_char(c, true)),
        "a control character reached the CSV"
    );
    for cell in csv_cells(&text) {
        if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
            assert!(
                cell.parse::<f64>().is_ok(),
                "a live formula in the CSV: {cell:?}"
            );
        }
    }
}

#[test]
fn hostile_strings_give_a_docx_that_opens() {
    let strings: Vec<String> = HOSTILE.iter().map(|s| (*s).to_owned()).collect();
    let (bureau, scenario) = hostile(&strings);
    assert_docx_opens(&bureau, &scenario);
}

#[test]
fn hostile_strings_are_neutralised_in_the_csv() {
    let strings: Vec<String> = HOSTILE.iter().map(|s| (*s).to_owned()).collect();
    let (bureau, scenario) = hostile(&strings);
    let report = report_of(&bureau, &scenario);
    assert_csv_neutralised(&bureau, &scenario, &report);
    let text =
        String::from_utf8(render_plan(&bureau, &scenario, &report, Format::Csv).expect("csv"))
            .expect("utf-8");
    assert!(
        text.contains("'=HYPERLINK("),
        "the formula is kept, as text"
    );
    assert!(text.contains("'@SUM(1)"));
    // Numbers stay numbers, negative ones included.
    assert!(csv_cells(&text).iter().any(|c| c == "331"));
}

#[test]
fn hostile_strings_stay_text_in_the_xlsx() {
    let strings: Vec<String> = HOSTILE.iter().map(|s| (*s).to_owned()).collect();
    let (bureau, scenario) = hostile(&strings);
    let report = report_of(&bureau, &scenario);
    let bytes = render_plan(&bureau, &scenario, &report, Format::Xlsx).expect("renders");
    for (name, xml) in xml_parts(&bytes) {
        assert_well_formed(&name, &xml);
        assert!(
            !xml.contains("<f>") && !xml.contains("<f "),
            "{name} holds a formula"
        );
    }
    let mut book: calamine::Xlsx<_> =
        calamine::open_workbook_from_rs(Cursor::new(bytes)).expect("opens");
    let texts: Vec<String> = book
        .worksheets()
        .iter()
        .flat_map(|(_, range)| range.rows().flatten().cloned().collect::<Vec<_>>())
        .filter_map(|d| match d {
            Data::String(s) => Some(s),
            _ => None,
        })
        .collect();
    assert!(
        texts.iter().any(|s| s.starts_with("=HYPERLINK(")),
        "{texts:?}"
    );
    assert!(
        texts.iter().any(|s| s == "张伟[31m"),
        "control characters dropped: {texts:?}"
    );
}

#[test]
fn ten_thousand_character_names_export() {
    let long = "长".repeat(10_000);
    let (bureau, scenario) = hostile(&[long.clone(), format!("={long}")]);
    let report = report_of(&bureau, &scenario);
    assert_docx_opens(&bureau, &scenario);
    assert_csv_neutralised(&bureau, &scenario, &report);
    render_plan(&bureau, &scenario, &report, Format::Xlsx).expect("xlsx");
}

#[test]
fn units_import_refuses_counts_beyond_the_maximum() {
    let file = county();
    let text = format!(
        "单位编号,单位名称,类型,层级,上级单位,民警编制,辅警编制,正职职数,副职职数,运行方式,警务区数\n\
         a,甲,部门,机关,,1,1,1,0,,\n\
         b,乙,部门,机关,,{},1,1,0,,\n\
         c,丙,派出所,基层,,1,1,1,0,,{}\n",
        u32::MAX,
        MAX_COUNT + 1
    );
    let read = read_units("units.csv", text.as_bytes(), &file.old_units);
    assert!(read.units.is_empty());
    let found: Vec<(Option<usize>, Option<String>, String)> = read
        .problems
        .iter()
        .map(|p| (p.row, p.column.clone(), p.expected.to_string()))
        .collect();
    assert_eq!(
        found,
        vec![
            (
                Some(3),
                Some("F (民警编制)".to_owned()),
                format!("a count of at most {MAX_COUNT} (found {})", u32::MAX)
            ),
            (
                Some(4),
                Some("K (警务区数)".to_owned()),
                format!("a count of at most {MAX_COUNT} (found {})", MAX_COUNT + 1)
            ),
        ]
    );
    let ok = text
        .replace(&u32::MAX.to_string(), "5")
        .replace(&(MAX_COUNT + 1).to_string(), &MAX_COUNT.to_string());
    let read = read_units("units.csv", ok.as_bytes(), &file.old_units);
    assert!(read.problems.is_empty(), "{:#?}", read.problems);
}

fn hostile_string() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        prop::sample::select(HOSTILE.to_vec()).prop_map(str::to_owned),
        "[\\x00-\\x1f\\x7f-\\x9f\u{fffe}\u{ffff}<>&\"'=+@\\-]{0,6}",
        "\\PC{0,12}",
    ];
    prop::collection::vec(piece, 1..4).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn any_hostile_strings_export_safely(strings in prop::collection::vec(hostile_string(), 1..6)) {
        let (bureau, scenario) = hostile(&strings);
        let report = report_of(&bureau, &scenario);
        assert_docx_opens(&bureau, &scenario);
        assert_csv_neutralised(&bureau, &scenario, &report);
        render_plan(&bureau, &scenario, &report, Format::Xlsx).expect("xlsx");
    }
}
