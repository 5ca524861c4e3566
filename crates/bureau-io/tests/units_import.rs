//! Units import end to end on the county sample: its old units written as XLSX, UTF-8 CSV and
//! GBK CSV read back to exactly the same units, and each kind of bad row gives its exact
//! problem.

use bureau_core::{BureauFile, Operation, Tier, Unit, UnitKind};
use bureau_io::import::{read_units, units_csv, units_xlsx, Problem};

fn county() -> BureauFile {
    BureauFile::parse(include_str!("../../../fixtures/county.json")).expect("county sample parses")
}

fn units_of(file: &BureauFile, name: &str, bytes: &[u8]) -> Vec<Unit> {
    let read = read_units(name, bytes, &file.old_units);
    assert!(read.problems.is_empty(), "{:#?}", read.problems);
    assert_eq!(read.rows, file.old_units.len());
    read.units
}

#[test]
fn old_units_reimport_exactly_from_xlsx_and_csv() {
    let file = county();
    let xlsx = units_xlsx(&file.old_units).expect("writes");
    assert_eq!(units_of(&file, "单位.xlsx", &xlsx), file.old_units);
    let read = read_units("单位.xlsx", &xlsx, &file.old_units);
    assert_eq!(read.sheet.as_deref(), Some("单位编制"));

    let csv = units_csv(&file.old_units);
    assert_eq!(units_of(&file, "单位.csv", &csv), file.old_units);

    let text = String::from_utf8(csv).expect("utf-8");
    let (gbk, _, unmappable) = encoding_rs::GBK.encode(text.trim_start_matches('\u{feff}'));
    assert!(!unmappable);
    let read = read_units("单位-gbk.csv", &gbk, &file.old_units);
    assert_eq!(read.encoding.as_deref(), Some("gb18030"));
    assert_eq!(units_of(&file, "单位-gbk.csv", &gbk), file.old_units);
}

#[test]
fn without_an_id_column_units_match_by_name_and_new_ones_get_fresh_ids() {
    let file = county();
    let text = "单位名称,类型,层级,上级单位,民警编制,辅警编制,正职职数,副职职数\n\
                办公室,内设机构,机关,,12,10,1,2\n\
                新设所,派出所,基层,,20,30,1,1\n\
                新设所警务室,其他,基层,新设所,2,3,0,0\n";
    let read = read_units("u.csv", text.as_bytes(), &file.old_units);
    assert!(read.problems.is_empty(), "{:#?}", read.problems);
    let [office, station, room] = read.units.as_slice() else {
        panic!("three units, got {:?}", read.units);
    };
    assert_eq!(office.id, "o-bgs");
    assert_eq!(office.officer_establishment, 12);
    assert_eq!(station.id, "o-imp01");
    assert_eq!(station.kind, UnitKind::PoliceStation);
    assert_eq!(station.tier, Tier::Grassroots);
    assert_eq!(station.operation, Operation::Physical);
    assert_eq!(room.id, "o-imp02");
    assert_eq!(room.parent.as_deref(), Some("o-imp01"));
    assert_eq!(room.kind, UnitKind::Other);
}

fn problems(text: &str) -> Vec<Problem> {
    let file = county();
    let read = read_units("bad.csv", text.as_bytes(), &file.old_units);
    assert!(read.units.is_empty());
    read.problems
}

fn one(text: &str) -> (Option<usize>, Option<String>, String, String) {
    let p = problems(text);
    assert_eq!(p.len(), 1, "{p:#?}");
    let p = p.into_iter().next().expect("one problem");
    assert_eq!(p.file, "bad.csv");
    (p.row, p.column, p.value, p.expected.to_string())
}

const HEADER: &str =
    "单位编号,单位名称,类型,层级,上级单位,民警编制,辅警编制,正职职数,副职职数,运行方式,警务区数\n";

fn with(rows: &str) -> String {
    format!("{HEADER}{rows}")
}

#[test]
fn each_bad_value_is_reported_where_it_is() {
    let ok = "a,甲,部门,机关,,1,1,1,0,,\n";
    let cases: [(&str, usize, &str, &str, &str); 8] = [
        (
            "b,乙,部门,机关,,-1,1,1,0,,\n",
            3,
            "F (民警编制)",
            "-1",
            "a non-negative whole number",
        ),
        (
            "b,乙,部门,机关,,1,2.5,1,0,,\n",
            3,
            "G (辅警编制)",
            "2.5",
            "a non-negative whole number",
        ),
        (
            "b,乙,部门,机关,,1,1,,0,,\n",
            3,
            "H (正职职数)",
            "",
            "a non-negative whole number",
        ),
        (
            "b,乙,部门,机关,,1,1,1,x,,\n",
            3,
            "I (副职职数)",
            "x",
            "a non-negative whole number",
        ),
        (
            "b,乙,警务室,机关,,1,1,1,0,,\n",
            3,
            "C (类型)",
            "警务室",
            bureau_io_kinds(),
        ),
        (
            "b,乙,部门,中层,,1,1,1,0,,\n",
            3,
            "D (层级)",
            "中层",
            "机关 or 基层 (office or grassroots)",
        ),
        (
            "b,乙,部门,机关,,1,1,1,0,半实体,\n",
            3,
            "J (运行方式)",
            "半实体",
            "实体化 or 虚拟化 (physical or virtual), or empty",
        ),
        (
            "b,乙,部门,机关,,1,1,1,0,,-2\n",
            3,
            "K (警务区数)",
            "-2",
            "a non-negative whole number",
        ),
    ];
    for (row, line, column, value, expected) in cases {
        let (r, c, v, e) = one(&with(&format!("{ok}{row}")));
        assert_eq!(r, Some(line), "{row}");
        assert_eq!(c.as_deref(), Some(column), "{row}");
        assert_eq!(v, value, "{row}");
        assert_eq!(e, expected, "{row}");
    }
}

fn bureau_io_kinds() -> &'static str {
    "内设机构 (部门), 派出所, 交警中队, 其他 — or 合成作战中心, 下设机构, 看守所 \
     (department, police_station, traffic_squad, other, operations_centre, sub_unit, detention)"
}

#[test]
fn duplicates_unknown_parents_and_cycles_are_reported() {
    let (r, c, v, e) = one(&with(
        "a,甲,部门,机关,,1,1,1,0,,\na,乙,部门,机关,,1,1,1,0,,\n",
    ));
    assert_eq!(
        (r, c.as_deref(), v.as_str()),
        (Some(3), Some("A (单位编号)"), "a")
    );
    assert_eq!(e, "an id not already used on row 2");

    let (r, c, v, e) = one(&with(
        "a,甲,部门,机关,,1,1,1,0,,\nb,甲,部门,机关,,1,1,1,0,,\n",
    ));
    assert_eq!(
        (r, c.as_deref(), v.as_str()),
        (Some(3), Some("B (单位名称)"), "甲")
    );
    assert_eq!(e, "a name not already used on row 2");

    let (r, c, v, e) = one(&with("a,甲,部门,机关,丙,1,1,1,0,,\n"));
    assert_eq!(
        (r, c.as_deref(), v.as_str()),
        (Some(2), Some("E (上级单位)"), "丙")
    );
    assert_eq!(e, "the name or id of another unit in the file, or empty");

    let p = problems(&with(
        "a,甲,部门,机关,b,1,1,1,0,,\nb,乙,部门,机关,甲,1,1,1,0,,\nc,丙,部门,机关,,1,1,1,0,,\n",
    ));
    assert_eq!(p.len(), 2, "{p:#?}");
    assert_eq!(p[0].row, Some(2));
    assert_eq!(p[0].column.as_deref(), Some("E (上级单位)"));
    assert_eq!(p[0].value, "b");
    assert_eq!(
        p[0].expected.to_string(),
        "a parent chain without cycles (found 甲 → 乙 → 甲)"
    );
    assert_eq!(p[1].row, Some(3));
    assert_eq!(
        p[1].expected.to_string(),
        "a parent chain without cycles (found 乙 → 甲 → 乙)"
    );

    let (r, _, _, e) = one(&with("a,甲,部门,机关,a,1,1,1,0,,\n"));
    assert_eq!(r, Some(2));
    assert_eq!(e, "a parent chain without cycles (found 甲 → 甲)");
}

#[test]
fn missing_columns_and_unreadable_files() {
    let p = problems("单位名称,类型,层级\n甲,部门,机关\n");
    let missing: Vec<&str> = p.iter().filter_map(|p| p.column.as_deref()).collect();
    assert_eq!(missing, ["民警编制", "辅警编制", "正职职数", "副职职数"]);
    assert!(p.iter().all(|p| p.row == Some(1)));

    let (r, _, _, e) = one("just some text\n");
    assert_eq!(r, Some(1));
    assert!(e.starts_with("a header row naming the template columns (单位编号, 单位名称"));

    let (r, _, _, e) = one(HEADER);
    assert_eq!(r, None);
    assert_eq!(e, "at least one unit below the header row");

    let read = read_units("old.xls", &[0xD0, 0xCF, 0x11, 0xE0, 1, 2], &[]);
    assert_eq!(read.problems.len(), 1);
    assert!(read.problems[0]
        .expected
        .to_string()
        .contains("save it as .xlsx"));
}

#[test]
fn english_headers_are_accepted() {
    let text = "id,name,kind,tier,parent,officer_establishment,auxiliary_establishment,head_posts,deputy_posts,operation,grids\n\
                x1,Alpha,department,office,,3,4,1,1,virtual,\n\
                x2,Beta,police_station,grassroots,x1,5,6,1,2,,7\n";
    let read = read_units("en.csv", text.as_bytes(), &[]);
    assert!(read.problems.is_empty(), "{:#?}", read.problems);
    assert_eq!(read.units[0].operation, Operation::Virtual);
    assert_eq!(read.units[1].parent.as_deref(), Some("x1"));
    assert_eq!(read.units[1].grids, 7);
}
