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
    // (JSON pointer to overwrite, new value, the path the error must name)
    let cases = [
        (
            "/people/2/current_unit",
            json!("o-nowhere"),
            "people[2].current_unit",
        ),
        (
            "/people/4/police_number",
            json!("100001"),
            "people[4].police_number",
        ),
        ("/people/3/wishes", json!(["  "]), "people[3].wishes[0]"),
        (
            "/structure/merge_map/0/to",
            json!([]),
            "structure.merge_map[0].to",
        ),
        (
            "/structure/merge_map/1/from",
            json!("o-office"),
            "structure.merge_map[1].from",
        ),
        (
            "/structure/units/1/parent",
            json!("n-zzz"),
            "structure.units[1].parent",
        ),
        (
            "/structure/units/0/parent",
            json!("n-cmd-zh"),
            "structure.units[0].parent",
        ),
        ("/old_units/1/id", json!("o-office"), "old_units[1].id"),
        (
            "/draft/assignment/100001",
            json!("o-office"),
            "draft.assignment.100001",
        ),
        ("/draft/pins", json!(["100009"]), "draft.pins[0]"),
        ("/bureau/name", json!("  "), "bureau.name"),
    ];
    for (pointer, value, path) in cases {
        let mut doc = tiny();
        set(&mut doc, pointer, value);
        let e = error_of(&doc);
        assert!(e.starts_with(path), "expected {path}, got {e}");
    }
}

/// Sets (or adds) the member a JSON pointer names.
fn set(doc: &mut Value, pointer: &str, value: Value) {
    let (parent, key) = pointer.rsplit_once('/').expect("a pointer");
    match doc.pointer_mut(parent).expect("parent exists in tiny.json") {
        Value::Object(map) => {
            map.insert(key.to_owned(), value);
        }
        Value::Array(items) => items[key.parse::<usize>().expect("index")] = value,
        other => panic!("cannot set {key} in {other}"),
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
