//! Roster import end to end on the county sample: the template filled with the sample reads
//! back to exactly the same people (XLSX, UTF-8 CSV, GBK CSV), and each kind of bad row gives
//! its exact problem.

use bureau_core::{BureauFile, Person};
use bureau_io::import::{
    read_roster, roster_csv, roster_xlsx, template_xlsx, ImportContext, Problem,
};

fn county() -> BureauFile {
    BureauFile::parse(include_str!("../../../fixtures/county.json")).expect("county sample parses")
}

fn ctx(file: &BureauFile) -> ImportContext<'_> {
    ImportContext {
        old_units: &file.old_units,
        new_units: &file.structure.units,
        as_of: file.bureau.as_of,
        existing: &file.people,
    }
}

fn people_of(file: &BureauFile, name: &str, bytes: &[u8]) -> Vec<Person> {
    let preview = read_roster(name, bytes, &ctx(file));
    assert!(
        preview.problems.is_empty(),
        "{:#?}",
        &preview.problems[..preview.problems.len().min(5)]
    );
    assert_eq!(preview.unchanged, file.people.len());
    assert_eq!(preview.rows, file.people.len());
    assert!(preview.created.is_empty() && preview.updated.is_empty() && preview.removed.is_empty());
    preview.people
}

#[test]
fn the_filled_template_reimports_to_the_same_people_as_xlsx() {
    let file = county();
    let bytes = roster_xlsx(&file.people, &file.old_units, &file.structure.units).expect("writes");
    assert_eq!(people_of(&file, "花名册.xlsx", &bytes), file.people);
}

#[test]
fn the_filled_template_reimports_as_utf8_and_gbk_csv() {
    let file = county();
    let csv = roster_csv(&file.people, &file.old_units, &file.structure.units);
    assert!(csv.starts_with(b"\xEF\xBB\xBF"));
    assert_eq!(people_of(&file, "花名册.csv", &csv), file.people);
    let text = String::from_utf8(csv[3..].to_vec()).expect("utf-8");
    assert_eq!(people_of(&file, "no-bom.csv", text.as_bytes()), file.people);
    let (gbk, _, unmappable) = encoding_rs::GBK.encode(&text);
    assert!(!unmappable);
    let preview = read_roster("gbk.csv", &gbk, &ctx(&file));
    assert_eq!(preview.encoding.as_deref(), Some("gb18030"));
    assert_eq!(people_of(&file, "gbk.csv", &gbk), file.people);
}

#[test]
fn the_empty_template_reads_its_example_row_as_one_new_person() {
    let file = county();
    let bytes = template_xlsx(&file.old_units, &file.structure.units).expect("writes");
    let preview = read_roster("template.xlsx", &bytes, &ctx(&file));
    assert!(preview.problems.is_empty(), "{:?}", preview.problems);
    assert_eq!(preview.sheet.as_deref(), Some("花名册"));
    assert_eq!(preview.created.len(), 1);
    assert_eq!(preview.removed.len(), file.people.len());
}

#[test]
fn columns_in_any_order_with_english_headers_and_chinese_dates() {
    let file = county();
    let csv = "name,police_number,birth,gender,category,current_unit\n\
               李四,X1,1975年3月,女,辅警,城关派出所\n\
               王五,X2,1980/12,male,officer,o-bgs\n\
               赵六,X3,27454,男,民警,办公室\n";
    let preview = read_roster("en.csv", csv.as_bytes(), &ctx(&file));
    assert!(preview.problems.is_empty(), "{:?}", preview.problems);
    let p = &preview.people;
    assert_eq!(p[0].birth.to_string(), "1975-03");
    assert_eq!(p[1].birth.to_string(), "1980-12");
    assert_eq!(p[2].birth.to_string(), "1975-03");
    assert_eq!(p[0].current_unit, "o-ps01");
    assert_eq!(p[2].current_unit, "o-bgs");
}

fn one_problem(csv: &str) -> Shown {
    let file = county();
    let preview = read_roster("bad.csv", csv.as_bytes(), &ctx(&file));
    assert_eq!(preview.problems.len(), 1, "{:#?}", preview.problems);
    assert!(preview.people.is_empty());
    shown(&preview.problems[0])
}

/// A problem with what was expected in the English the CLI prints.
#[derive(Debug, PartialEq)]
struct Shown {
    file: String,
    sheet: Option<String>,
    row: Option<usize>,
    column: Option<String>,
    value: String,
    expected: String,
}

fn shown(p: &Problem) -> Shown {
    Shown {
        file: p.file.clone(),
        sheet: p.sheet.clone(),
        row: p.row,
        column: p.column.clone(),
        value: p.value.clone(),
        expected: p.expected.to_string(),
    }
}

const HEAD: &str = "警号,姓名,性别,出生年月,人员类别,现单位\n";

fn problem(row: usize, column: &str, value: &str, expected: &str) -> Shown {
    Shown {
        file: "bad.csv".into(),
        sheet: None,
        row: Some(row),
        column: Some(column.into()),
        value: value.into(),
        expected: expected.into(),
    }
}

#[test]
fn each_kind_of_bad_row_gives_its_exact_problem() {
    let good = "A1,甲,男,1980.01,民警,办公室\n";
    assert_eq!(
        one_problem(&format!("{HEAD}{good}A1,乙,女,1981.02,民警,办公室\n")),
        problem(
            3,
            "A (警号)",
            "A1",
            "a police number not already used on row 2"
        )
    );
    assert_eq!(
        one_problem(&format!("{HEAD}{good}A2,乙,女,1981.02,民警,不存在大队\n")),
        problem(
            3,
            "F (现单位)",
            "不存在大队",
            "the name or id of one of the workspace's 37 current units (old structure)"
        )
    );
    assert_eq!(
        one_problem(&format!("{HEAD}A2,乙,女,1981.13,民警,办公室\n")),
        problem(
            2,
            "D (出生年月)",
            "1981.13",
            "a month from 1 to 12 (month 13 out of range)"
        )
    );
    assert_eq!(
        one_problem(&format!("{HEAD}A2,乙,女,1900.01,民警,办公室\n")),
        problem(
            2,
            "D (出生年月)",
            "1900.01",
            "a birth month giving an age between 16 and 70 on 2026-12 (found age 126)"
        )
    );
    assert_eq!(
        one_problem(&format!("{HEAD}A2,乙,女,2030.01,民警,办公室\n")),
        problem(
            2,
            "D (出生年月)",
            "2030.01",
            "a birth month before the plan's month 2026-12"
        )
    );
    assert_eq!(
        one_problem(&format!("{HEAD}A2,乙,女,1981.01,协警,办公室\n")),
        problem(
            2,
            "E (人员类别)",
            "协警",
            "民警 or 辅警 (officer or auxiliary)"
        )
    );
    assert_eq!(
        one_problem(
            "警号,姓名,性别,出生年月,人员类别,现单位,职务\nA2,乙,女,1981.01,民警,办公室,局长\n"
        ),
        problem(
            2,
            "G (职务)",
            "局长",
            "正职, 副职 or 无 (head, deputy or none)"
        )
    );
    assert_eq!(
        one_problem("警号,姓名,性别,出生年月,现单位\nA2,乙,女,1981.01,办公室\n"),
        Shown {
            value: String::new(),
            column: Some("人员类别".into()),
            ..problem(1, "", "", "a column headed 人员类别 (or category)")
        }
    );
}

#[test]
fn every_problem_of_a_file_is_reported() {
    let file = county();
    let csv = format!(
        "{HEAD}A1,,x,1981,工人,?\nA1,乙,女,1981.01,民警,办公室\nA1,丙,女,1981.01,民警,办公室\n"
    );
    let preview = read_roster("bad.csv", csv.as_bytes(), &ctx(&file));
    let rows: Vec<(Option<usize>, Option<&str>)> = preview
        .problems
        .iter()
        .map(|p| (p.row, p.column.as_deref()))
        .collect();
    assert_eq!(
        rows,
        [
            (Some(2), Some("B (姓名)")),
            (Some(2), Some("C (性别)")),
            (Some(2), Some("E (人员类别)")),
            (Some(2), Some("D (出生年月)")),
            (Some(2), Some("F (现单位)")),
            (Some(3), Some("A (警号)")),
            (Some(4), Some("A (警号)")),
        ]
    );
    // Row 2 used the number first, even though the rest of row 2 is bad.
    assert!(preview.problems[5].expected.to_string().ends_with("row 2"));
    assert!(preview.problems[6].expected.to_string().ends_with("row 2"));
}

#[test]
fn unreadable_bytes_are_one_problem_not_a_panic() {
    let file = county();
    let preview = read_roster("x.xlsx", b"PK\x03\x04garbage", &ctx(&file));
    assert_eq!(preview.problems.len(), 1);
    assert_eq!(preview.problems[0].row, None);
    let preview = read_roster("x.xls", &[0xD0, 0xCF, 0x11, 0xE0, 1, 2], &ctx(&file));
    assert!(preview.problems[0].expected.to_string().contains(".xls"));
    let preview = read_roster("empty.csv", b"", &ctx(&file));
    assert_eq!(preview.problems.len(), 1);
}
