//! Hostile and careless files through the public readers: a sheet with cells at A1 and
//! XFD1048576, lying dimensions, zip bombs, junk that yields millions of problems, huge CSVs,
//! UTF-16 and undecodable text, BOMs, out-of-range years, control characters and police numbers
//! that differ only by spaces. Each gets one precise, located answer of bounded size.

mod hostile;

use bureau_core::BureauFile;
use bureau_io::import::{
    read_roster, read_units, roster_xlsx, units_csv, ImportContext, Problem, RosterPreview,
    MAX_PROBLEMS, MAX_ROWS,
};
use hostile::{number, text, workbook, Sheet};

fn county() -> &'static BureauFile {
    static FILE: std::sync::OnceLock<BureauFile> = std::sync::OnceLock::new();
    FILE.get_or_init(|| {
        BureauFile::parse(include_str!("../../../fixtures/county.json")).expect("parses")
    })
}

fn roster(name: &str, bytes: &[u8]) -> RosterPreview {
    let f = county();
    read_roster(
        name,
        bytes,
        &ImportContext {
            old_units: &f.old_units,
            new_units: &f.structure.units,
            as_of: f.bureau.as_of,
            existing: &f.people,
        },
    )
}

fn only_problem(problems: &[Problem]) -> &Problem {
    assert_eq!(problems.len(), 1, "{problems:#?}");
    &problems[0]
}

const HEAD: &str = "警号,姓名,性别,出生年月,人员类别,现单位\n";
const GOOD: &str = "A1,甲,男,1980.01,民警,办公室\n";

#[test]
fn the_far_cells_fixture_is_one_located_problem_not_an_abort() {
    let bytes = include_bytes!("../../../fixtures/hostile/far-cells.xlsx");
    assert!(bytes.len() < 2_000);
    let started = std::time::Instant::now();
    let preview = roster("far-cells.xlsx", bytes);
    let units = read_units("far-cells.xlsx", bytes, &[]);
    for p in [
        only_problem(&preview.problems),
        only_problem(&units.problems),
    ] {
        assert_eq!(p.sheet.as_deref(), Some("Sheet1"));
        assert_eq!(p.row, Some(1_048_576));
        assert_eq!(p.column.as_deref(), Some("XFD"));
        assert_eq!(p.value, "a filled cell at XFD1048576");
        assert_eq!(
            p.expected.to_string(),
            "cells within the first 100,000 rows and 200 columns (A1:GR100000): delete what lies beyond"
        );
    }
    // Not a timing assertion on the code: a guard that the test itself did not hang or swap.
    assert!(started.elapsed().as_secs() < 60);
}

#[test]
fn a_filled_cell_just_past_either_bound_is_refused_and_just_inside_is_read() {
    let far = |row: u64, column: u64| {
        workbook(&[Sheet {
            name: "花名册",
            dimension: Some("A1:XFD1048576"),
            cells: vec![
                text(0, 0, "警号"),
                text(0, 1, "姓名"),
                number(row, column, 1.0),
            ],
        }])
    };
    let refused = roster("x.xlsx", &far(0, 200));
    assert_eq!(
        only_problem(&refused.problems).value,
        "a filled cell at GS1"
    );
    let refused = roster("x.xlsx", &far(100_000, 0));
    assert_eq!(
        only_problem(&refused.problems).value,
        "a filled cell at A100001"
    );
    // Inside the bounds the sheet is read; it is a bad roster, not an unreadable file.
    for (row, column) in [(0, 199), (99_999, 0)] {
        let read = roster("x.xlsx", &far(row, column));
        assert!(
            read.problems
                .iter()
                .all(|p| !p.expected.to_string().contains("within the first")),
            "{:#?}",
            read.problems
        );
        assert!(
            read.problems.iter().any(|p| p.row.is_some()),
            "{:#?}",
            read.problems
        );
    }
}

#[test]
fn a_sheet_lying_about_its_dimension_reads_by_its_cells() {
    let f = county();
    let real = roster_xlsx(&f.people[..5], &f.old_units, &f.structure.units).expect("writes");
    let mut parts = hostile::unzip(&real);
    let sheet = parts
        .iter_mut()
        .find(|(name, _)| name == "xl/worksheets/sheet1.xml")
        .expect("a first sheet");
    let xml = String::from_utf8(sheet.1.clone()).expect("XML");
    let start = xml.find("<dimension ref=\"").expect("a dimension") + "<dimension ref=\"".len();
    let end = start + xml[start..].find('"').expect("closing quote");
    sheet.1 = format!("{}A1:XFD1048576{}", &xml[..start], &xml[end..]).into_bytes();
    let lying = hostile::zip(&parts);
    let preview = roster("lying.xlsx", &lying);
    assert!(preview.problems.is_empty(), "{:#?}", preview.problems);
    assert_eq!(preview.rows, 5);
    assert_eq!(preview.people, f.people[..5]);
}

#[test]
fn a_zip_bomb_is_refused_before_it_is_inflated_into_memory() {
    // 300 MiB of spaces inside a sheet deflate to about 300 KB.
    let mut xml = br#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"#.to_vec();
    xml.resize(xml.len() + (300 << 20), b' ');
    xml.extend_from_slice(b"</sheetData></worksheet>");
    let mut parts = hostile::unzip(&workbook(&[Sheet {
        name: "S",
        dimension: None,
        cells: vec![text(0, 0, "警号")],
    }]));
    for (name, data) in &mut parts {
        if name == "xl/worksheets/sheet1.xml" {
            *data = std::mem::take(&mut xml);
        }
    }
    let bomb = hostile::zip(&parts);
    assert!(bomb.len() < 4 << 20, "{} bytes", bomb.len());
    let p = roster("bomb.xlsx", &bomb).problems;
    let p = only_problem(&p);
    assert_eq!(p.row, None);
    assert_eq!(
        p.expected.to_string(),
        "an .xlsx workbook inflating to at most 256 MiB"
    );
    assert_eq!(
        p.value,
        "part xl/worksheets/sheet1.xml inflates past the limit"
    );
}

#[test]
fn a_junk_file_lists_a_thousand_problems_and_counts_the_rest() {
    let mut csv = String::from(HEAD);
    for i in 0..5_000 {
        csv.push_str(&format!("J{i},{},x,1800-99,工人,?\n", "名".repeat(300)));
    }
    let preview = roster("junk.csv", csv.as_bytes());
    assert_eq!(preview.problems.len(), MAX_PROBLEMS + 1);
    // Per row: gender, birth, category and unit; 20,000 in all.
    let last = &preview.problems[MAX_PROBLEMS];
    assert_eq!(last.row, None);
    assert_eq!(last.value, "…and 19,000 more");
    assert!(preview.people.is_empty());
    // The same through XLSX, where the junk rows sit below a real header.
    let mut cells = vec![
        text(0, 0, "警号"),
        text(0, 1, "姓名"),
        text(0, 2, "性别"),
        text(0, 3, "出生年月"),
        text(0, 4, "人员类别"),
        text(0, 5, "现单位"),
    ];
    for r in 1..3_000 {
        cells.extend([
            text(r, 0, &format!("J{r}")),
            text(r, 2, "x"),
            text(r, 5, "?"),
        ]);
    }
    let xlsx = workbook(&[Sheet {
        name: "junk",
        dimension: None,
        cells,
    }]);
    let preview = roster("junk.xlsx", &xlsx);
    assert_eq!(preview.problems.len(), MAX_PROBLEMS + 1);
    assert_eq!(preview.problems[MAX_PROBLEMS].value, "…and 13,995 more");
    assert!(preview.problems[0].value.chars().count() <= 201);
}

#[test]
fn a_csv_past_the_row_bound_is_refused_at_the_first_row_too_many() {
    let mut csv = String::from(HEAD);
    for i in 0..MAX_ROWS {
        csv.push_str(&format!("A{i},甲,男,1980.01,民警,办公室\n"));
    }
    let preview = roster("big.csv", csv.as_bytes());
    let p = only_problem(&preview.problems);
    assert_eq!(p.row, Some(MAX_ROWS + 1));
    assert_eq!(p.expected.to_string(), "at most 100,000 rows");
    let units = read_units("big.csv", csv.as_bytes(), &[]);
    assert_eq!(only_problem(&units.problems).row, Some(MAX_ROWS + 1));
}

#[test]
fn police_numbers_differing_only_by_spaces_are_one_person() {
    // Plain, ideographic and no-break spaces, and tabs, around the same number.
    let csv = format!(
        "{HEAD}\" A1\",甲,男,1980.01,民警,办公室\nA1\u{3000},乙,男,1980.01,民警,办公室\n\
         \u{a0}A1\t,丙,男,1980.01,民警,办公室\n"
    );
    let preview = roster("spaces.csv", csv.as_bytes());
    let rows: Vec<_> = preview
        .problems
        .iter()
        .map(|p| {
            (
                p.row,
                p.column.as_deref(),
                p.value.as_str(),
                p.expected.to_string(),
            )
        })
        .collect();
    let rows: Vec<_> = rows
        .iter()
        .map(|(r, c, v, e)| (*r, *c, *v, e.as_str()))
        .collect();
    assert_eq!(
        rows,
        [
            (
                Some(3),
                Some("A (警号)"),
                "A1",
                "a police number not already used on row 2"
            ),
            (
                Some(4),
                Some("A (警号)"),
                "A1",
                "a police number not already used on row 2"
            ),
        ]
    );
}

#[test]
fn a_birth_after_the_plans_month_is_refused_with_row_and_column() {
    let xlsx = workbook(&[Sheet {
        name: "花名册",
        dimension: None,
        cells: vec![
            text(0, 0, "警号"),
            text(0, 1, "姓名"),
            text(0, 2, "性别"),
            text(0, 3, "出生年月"),
            text(0, 4, "人员类别"),
            text(0, 5, "现单位"),
            text(1, 0, "A1"),
            text(1, 1, "甲"),
            text(1, 2, "男"),
            text(1, 3, "2027-01"),
            text(1, 4, "民警"),
            text(1, 5, "办公室"),
        ],
    }]);
    let preview = roster("late.xlsx", &xlsx);
    let p = only_problem(&preview.problems);
    assert_eq!(
        (
            p.sheet.as_deref(),
            p.row,
            p.column.as_deref(),
            p.value.as_str()
        ),
        (Some("花名册"), Some(2), Some("D (出生年月)"), "2027-01")
    );
    assert_eq!(
        p.expected.to_string(),
        "a birth month before the plan's month 2026-12"
    );
}

#[test]
fn utf16_text_is_named_as_such() {
    let csv = format!("{HEAD}{GOOD}");
    let mut le = vec![0xFF, 0xFE];
    le.extend(csv.encode_utf16().flat_map(u16::to_le_bytes));
    let be: Vec<u8> = csv.encode_utf16().flat_map(u16::to_be_bytes).collect();
    for (bytes, order) in [(le, "UTF-16LE"), (be, "UTF-16BE")] {
        let preview = roster("utf16.csv", &bytes);
        let p = only_problem(&preview.problems);
        assert_eq!(p.file, "utf16.csv");
        assert_eq!(p.value, format!("{order} text"));
        assert!(
            p.expected
                .to_string()
                .contains("file is UTF-16: save it as UTF-8 or GBK"),
            "{p:?}"
        );
        let units = read_units("utf16.csv", &bytes, &[]);
        assert!(only_problem(&units.problems)
            .expected
            .to_string()
            .contains("UTF-16"));
    }
}

#[test]
fn undecodable_bytes_are_located_by_line_and_offset() {
    let mut bytes = format!("{HEAD}{GOOD}").into_bytes();
    let at = bytes.len();
    bytes.extend(b"A2,\xFF\xFE\xFD,");
    bytes.extend("男,1980.01,民警,办公室\n".as_bytes());
    let p = roster("bad-bytes.csv", &bytes).problems;
    let p = only_problem(&p);
    assert_eq!(p.row, Some(3));
    assert_eq!(
        p.value,
        format!("bytes FF FE FD 2C at byte offset {}", at + 3)
    );
    assert!(
        p.expected.to_string().contains("neither UTF-8 nor GBK"),
        "{p:?}"
    );
}

#[test]
fn a_bom_in_front_of_gbk_text_is_named_as_the_reason() {
    let csv = format!("{HEAD}{GOOD}");
    let (gbk, _, _) = encoding_rs::GBK.encode(&csv);
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend(gbk.iter());
    let p = roster("bom-gbk.csv", &bytes).problems;
    let p = only_problem(&p);
    assert_eq!(
        (p.row, p.value.as_str()),
        (Some(1), "bytes BE AF BA C5 at byte offset 3")
    );
    assert!(
        p.expected.to_string().contains("byte-order mark (BOM)"),
        "{p:?}"
    );
    // A BOM inside a cell (two files joined) is named too, not read as part of the number.
    let joined = format!("\u{feff}{HEAD}{GOOD}\u{feff}A2,乙,女,1981.01,民警,办公室\n");
    let p = roster("joined.csv", joined.as_bytes()).problems;
    let p = only_problem(&p);
    assert_eq!((p.row, p.column.as_deref()), (Some(3), Some("A (警号)")));
    assert_eq!(p.value, "<U+FEFF>A2");
    assert!(
        p.expected
            .to_string()
            .contains("byte-order mark U+FEFF (BOM)"),
        "{p:?}"
    );
}

#[test]
fn a_year_before_1900_is_called_out_of_range() {
    let p = roster(
        "old.csv",
        format!("{HEAD}A2,乙,女,1800-01,民警,办公室\n").as_bytes(),
    )
    .problems;
    let p = only_problem(&p);
    assert_eq!(p.column.as_deref(), Some("D (出生年月)"));
    assert_eq!(
        p.expected.to_string(),
        "a year from 1900 to 2100 (year 1800 out of range)"
    );
}

#[test]
fn control_characters_in_any_text_cell_are_refused_and_never_echoed_raw() {
    let csv = format!(
        "{HEAD}A1,张\u{1b}[31m三,男,1980.01,民警,办公室\nA2\u{0},乙,女,1981.01,民警,办公室\n\
         A3,丙,女,1981.01,民警,办公\u{ffff}室\n"
    );
    let preview = roster("ctl.csv", csv.as_bytes());
    let got: Vec<_> = preview
        .problems
        .iter()
        .map(|p| {
            (
                p.row,
                p.column.as_deref(),
                p.value.as_str(),
                p.expected.to_string(),
            )
        })
        .collect();
    let got: Vec<_> = got
        .iter()
        .map(|(r, c, v, e)| (*r, *c, *v, e.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            (
                Some(2),
                Some("B (姓名)"),
                "张<U+001B>[31m三",
                "text without control characters (control character U+001B not allowed)"
            ),
            (
                Some(3),
                Some("A (警号)"),
                "A2<U+0000>",
                "text without control characters (control character U+0000 not allowed)"
            ),
            (
                Some(4),
                Some("F (现单位)"),
                "办公<U+FFFF>室",
                "text without control characters (non-character U+FFFF not allowed)"
            ),
        ]
    );
    // In XLSX too, with the sheet named; a line break separating list items is fine.
    let xlsx = workbook(&[Sheet {
        name: "名单",
        dimension: None,
        cells: vec![
            text(0, 0, "警号"),
            text(0, 1, "姓名"),
            text(0, 2, "性别"),
            text(0, 3, "出生年月"),
            text(0, 4, "人员类别"),
            text(0, 5, "现单位"),
            text(0, 6, "专长"),
            text(1, 0, "A1"),
            text(1, 1, "甲\u{7}"),
            text(1, 2, "男"),
            text(1, 3, "1980.01"),
            text(1, 4, "民警"),
            text(1, 5, "办公室"),
            text(1, 6, "治安\n刑侦"),
        ],
    }]);
    let preview = roster("ctl.xlsx", &xlsx);
    let p = only_problem(&preview.problems);
    assert_eq!(
        (p.sheet.as_deref(), p.row, p.column.as_deref()),
        (Some("名单"), Some(2), Some("B (姓名)"))
    );
    assert!(p
        .expected
        .to_string()
        .contains("control character U+0007 not allowed"));

    // Units: a name and a parent.
    let f = county();
    let text = String::from_utf8(units_csv(&f.old_units)[3..].to_vec()).expect("UTF-8");
    let first_name = &f.old_units[0].name;
    let mut chars = first_name.chars();
    let head = chars.next().expect("a name");
    let broken = format!("{head}\u{85}{}", chars.as_str());
    let bad = text.replacen(first_name.as_str(), &broken, 1);
    let read = read_units("units.csv", bad.as_bytes(), &f.old_units);
    let p = only_problem(&read.problems);
    assert_eq!(
        (p.row, p.column.as_deref()),
        (Some(2), Some("B (单位名称)"))
    );
    assert!(
        p.expected
            .to_string()
            .contains("control character U+0085 not allowed"),
        "{p:?}"
    );
}

#[test]
fn a_long_parent_cycle_is_reported_per_row_with_its_chain_cut() {
    let mut csv =
        String::from("单位编号,单位名称,类型,层级,上级单位,民警编制,辅警编制,正职职数,副职职数\n");
    let n = 20_000;
    for i in 0..n {
        csv.push_str(&format!(
            "u{i},单位{i},部门,机关,u{},1,1,1,0\n",
            (i + 1) % n
        ));
    }
    let read = read_units("ring.csv", csv.as_bytes(), &[]);
    assert_eq!(read.problems.len(), MAX_PROBLEMS + 1);
    assert_eq!(
        read.problems[0].expected.to_string(),
        "a parent chain without cycles (found 单位0 → 单位1 → 单位2 → 单位3 → 单位4 → 单位5 → \
         单位6 → 单位7 → 单位8 → 单位9 → 单位10 → 单位11 → …)"
    );
    assert_eq!(read.problems[MAX_PROBLEMS].value, "…and 19,000 more");
}

#[test]
fn a_cell_reference_past_any_sheet_is_an_unreadable_file_not_a_panic() {
    let xlsx = workbook(&[Sheet {
        name: "S",
        dimension: Some("A1:A99999999999"),
        cells: vec![text(0, 0, "警号"), number(99_999_999_998, 0, 1.0)],
    }]);
    let preview = roster("overflow.xlsx", &xlsx);
    let p = only_problem(&preview.problems);
    assert_eq!(p.row, None);
    assert!(p.expected.to_string().starts_with("a readable"), "{p:?}");
}
