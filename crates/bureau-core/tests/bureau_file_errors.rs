//! Malformed bureau files are refused with the path in the document and what was expected.

use bureau_core::BureauFile;
use serde_json::{json, Value};

fn tiny() -> Value {
    serde_json::from_str(include_str!("../../../fixtures/tiny.json")).expect("tiny is JSON")
}

fn error_of(doc: &Value) -> String {
    BureauFile::parse(&doc.to_string())
        .expect_err("must be refused")
        .to_string()
}

#[test]
fn syntax_errors_give_line_and_column() {
    let err = BureauFile::parse("{\n  \"format\": \n}").expect_err("bad JSON");
    assert_eq!(err.path, "(document)");
    assert_eq!(err.line_column, Some((3, 1)));
}

#[test]
fn wrong_types_name_the_field() {
    let mut doc = tiny();
    doc["people"][3]["birth"] = json!("1990-13");
    let e = error_of(&doc);
    assert!(e.starts_with("people[3].birth"), "{e}");
    assert!(e.contains("YYYY-MM"), "{e}");

    let mut doc = tiny();
    doc["old_units"][1]["kind"] = json!("castle");
    let e = error_of(&doc);
    assert!(e.starts_with("old_units[1].kind"), "{e}");

    let mut doc = tiny();
    doc["people"][0]["colour"] = json!("blue");
    let e = error_of(&doc);
    assert!(e.contains("colour"), "{e}");
}

#[test]
fn broken_references_name_the_field() {
    let cases: Vec<(Box<dyn Fn(&mut Value)>, &str)> = vec![
        (
            Box::new(|d| d["people"][2]["current_unit"] = json!("o-nowhere")),
            "people[2].current_unit",
        ),
        (
            Box::new(|d| d["people"][4]["police_number"] = json!("100001")),
            "people[4].police_number",
        ),
        (
            Box::new(|d| d["people"][3]["wishes"] = json!(["n-moon"])),
            "people[3].wishes[0]",
        ),
        (
            Box::new(|d| d["structure"]["merge_map"][0]["to"] = json!([])),
            "structure.merge_map[0].to",
        ),
        (
            Box::new(|d| d["structure"]["merge_map"][1]["from"] = json!("o-office")),
            "structure.merge_map[1].from",
        ),
        (
            Box::new(|d| d["structure"]["units"][1]["parent"] = json!("n-zzz")),
            "structure.units[1].parent",
        ),
        (
            Box::new(|d| d["structure"]["units"][0]["parent"] = json!("n-cmd-zh")),
            "structure.units[0].parent",
        ),
        (
            Box::new(|d| d["old_units"][1]["id"] = json!("o-office")),
            "old_units[1].id",
        ),
        (
            Box::new(|d| d["draft"]["assignment"]["100001"] = json!("o-office")),
            "draft.assignment.100001",
        ),
        (
            Box::new(|d| d["draft"]["pins"] = json!(["100009"])),
            "draft.pins[0]",
        ),
        (
            Box::new(|d| d["bureau"]["name"] = json!("  ")),
            "bureau.name",
        ),
    ];
    for (mangle, path) in cases {
        let mut doc = tiny();
        mangle(&mut doc);
        let e = error_of(&doc);
        assert!(e.starts_with(path), "expected {path}, got {e}");
    }
}

#[test]
fn newer_files_are_recognised() {
    let mut doc = tiny();
    doc["version"] = json!(7);
    let err = BureauFile::parse(&doc.to_string()).expect_err("newer");
    assert!(err.newer_version);
    let mut doc = tiny();
    doc["format"] = json!("something-else");
    assert!(error_of(&doc).starts_with("format"));
}

#[test]
fn arbitrary_bytes_never_panic() {
    for text in [
        "",
        "null",
        "[]",
        "{}",
        "\u{feff}{}",
        "{\"format\": 1}",
        "😀",
    ] {
        assert!(BureauFile::parse(text).is_err());
    }
}
