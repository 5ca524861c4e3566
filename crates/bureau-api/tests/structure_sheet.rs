//! The new structure as a spreadsheet through the dispatcher, on real workspace files: the
//! export reads back to the same structure (county, city, 测试县公安局, every template, and a
//! designed one with functions, deeper units and shared old units); a bad sheet is refused with
//! row and column and changes nothing; an import is one undoable, audited step; the bureau file
//! carries the imported structure whole.

use base64::Engine as _;
use bureau_api::{Api, ApiError, ErrorCode};
use bureau_core::templates::{apply, Template};
use bureau_core::{Bureau, BureauFile, Structure};
use bureau_io::import::Expected;
use bureau_storage::Workspace;
use serde_json::{json, Value};

fn api_for(dir: &tempfile::TempDir, file: &BureauFile) -> Api {
    Api::new(Workspace::create(&dir.path().join("w.bpw"), file, "初始方案").expect("create"))
}

fn with_template(bureau: Bureau, template: Template) -> BureauFile {
    let (structure, draft) = apply(template, &bureau);
    BureauFile::new(bureau, structure, Some(draft))
}

fn structure(api: &Api) -> Structure {
    let view = api.call("structure", json!({})).expect("structure");
    serde_json::from_value(view["structure"].clone()).expect("a structure")
}

fn sheet_bytes(api: &Api) -> Vec<u8> {
    let out = api.call("structure_sheet", json!({})).expect("sheet");
    assert!(out["file_name"]
        .as_str()
        .is_some_and(|n| n.starts_with("新机构设置表") && n.ends_with(".xlsx")));
    base64::engine::general_purpose::STANDARD
        .decode(out["bytes_base64"].as_str().expect("bytes"))
        .expect("base64")
}

fn send(api: &Api, method: &str, bytes: &[u8], name: &str) -> Result<Value, ApiError> {
    api.call(
        method,
        json!({
            "bytes_base64": base64::engine::general_purpose::STANDARD.encode(bytes),
            "file_name": name,
        }),
    )
}

/// Exports the structure, imports it into a fresh copy of the workspace whose structure was
/// emptied of everything but its name, and expects the same structure back.
fn round_trip(file: &BureauFile) {
    let dir = tempfile::tempdir().expect("tempdir");
    let api = api_for(&dir, file);
    let before = structure(&api);
    let bytes = sheet_bytes(&api);
    // Into the same workspace: nothing changes.
    let preview = send(&api, "structure_import_preview", &bytes, "s.xlsx").expect("preview");
    assert_eq!(preview["problems"], json!([]), "{preview}");
    assert_eq!(preview["can_import"], true);
    assert_eq!(preview["added"], json!([]));
    assert_eq!(preview["removed"], json!([]));
    send(&api, "import_structure", &bytes, "s.xlsx").expect("import");
    assert_eq!(structure(&api), before);
    // Into a workspace of the same bureau with a blank structure: the same units, ids aside.
    let blank_dir = tempfile::tempdir().expect("tempdir");
    let mut blank = file.clone();
    blank.structure = Structure {
        name: "空白".into(),
        units: Vec::new(),
        merge_map: Vec::new(),
    };
    blank.draft = None;
    let other = api_for(&blank_dir, &blank);
    send(&other, "import_structure", &bytes, "s.xlsx").expect("import into blank");
    let after = structure(&other);
    assert_eq!(after.name, before.name);
    let rename = |s: &Structure, id: &str| -> String {
        s.unit(id).map(|u| u.name.clone()).unwrap_or_default()
    };
    let strip = |s: &Structure| {
        let units: Vec<_> = s
            .units
            .iter()
            .map(|u| {
                let mut u = u.clone();
                u.parent = u.parent.as_deref().map(|p| rename(s, p));
                u.id = String::new();
                u
            })
            .collect();
        let map: Vec<_> = s
            .merge_map
            .iter()
            .map(|e| {
                (
                    e.from.clone(),
                    e.to.iter().map(|t| rename(s, t)).collect::<Vec<_>>(),
                )
            })
            .collect();
        (units, map)
    };
    assert_eq!(strip(&after), strip(&before));
}

#[test]
fn the_sheet_reads_back_to_the_same_structure_for_every_sample_and_template() {
    let county = BureauFile::parse(&bureau_samples::county().to_json_pretty()).expect("county");
    let city = bureau_samples::city();
    round_trip(&county);
    round_trip(&city);
    for template in [Template::OnePlusFive, Template::OnePlusThreePlusFour] {
        round_trip(&with_template(bureau_samples::test_county(), template));
        round_trip(&with_template(county.clone().into_parts().0, template));
        round_trip(&with_template(city.clone().into_parts().0, template));
    }
}

fn edit(api: &Api, edit: Value) -> Value {
    api.call("edit_structure", json!({ "edit": edit }))
        .unwrap_or_else(|e| panic!("{edit}: {e}"))
}

#[test]
fn a_designed_structure_with_functions_deeper_units_and_shared_old_units_reads_back() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = with_template(bureau_samples::test_county(), Template::OnePlusFive);
    let api = api_for(&dir, &file);
    let s = structure(&api);
    let sub = s
        .units
        .iter()
        .find(|u| u.parent.is_some())
        .expect("a sub-unit");
    let added = edit(
        &api,
        json!({"op": "add_unit", "name": "第一组", "parent": sub.id, "kind": "sub_unit", "tier": "office"}),
    );
    let deep = added["created"].as_str().expect("id").to_owned();
    edit(
        &api,
        json!({"op": "set_functions", "unit": deep, "functions": "情报研判\n视频侦查，\"引号\"\n=SUM(A1)"}),
    );
    edit(
        &api,
        json!({"op": "set_number", "unit": deep, "field": "officer_establishment", "value": 7}),
    );
    edit(
        &api,
        json!({"op": "set_operation", "unit": deep, "operation": "virtual"}),
    );
    // An old unit feeding three new units, its people to the last of them in sheet order.
    let old = &file.old_units[0].id;
    let tops: Vec<String> = s
        .units
        .iter()
        .filter(|u| u.parent.is_none())
        .map(|u| u.id.clone())
        .collect();
    edit(
        &api,
        json!({"op": "map_old_unit", "old_unit": old, "to": [tops[2], tops[0], deep]}),
    );
    edit(
        &api,
        json!({"op": "set_structure_name", "name": "本局方案"}),
    );
    let before = structure(&api);
    let bytes = sheet_bytes(&api);
    let dir2 = tempfile::tempdir().expect("tempdir");
    let mut fresh = file.clone();
    fresh.structure = before.clone();
    let other = api_for(&dir2, &fresh);
    send(&other, "import_structure", &bytes, "s.xlsx").expect("import");
    let after = structure(&other);
    assert_eq!(after, before);
    assert_eq!(after.name, "本局方案");
    assert_eq!(
        after.unit(&deep).expect("deep unit").functions,
        "情报研判\n视频侦查，\"引号\"\n=SUM(A1)"
    );
    // And the bureau file carries it all.
    drop(other);
    let mut ws = Workspace::open(&dir2.path().join("w.bpw")).expect("open");
    let id = ws.current_scenario_id().expect("current");
    let exported = ws.export_bureau_file(id).expect("export");
    let reread = BureauFile::parse(&exported.to_json_pretty()).expect("parse");
    assert_eq!(reread.structure, before);
}

fn csv(rows: &[&str]) -> Vec<u8> {
    let mut text = String::from(
        "部门,内设机构,层级,运行方式,民警编制,辅警编制,正职职数,副职职数,职能,由原单位组建\n",
    );
    for r in rows {
        text.push_str(r);
        text.push('\n');
    }
    text.into_bytes()
}

fn problems(api: &Api, bytes: &[u8]) -> Vec<(Option<u64>, String, String)> {
    let preview = send(api, "structure_import_preview", bytes, "s.csv").expect("preview");
    assert_eq!(preview["can_import"], false);
    preview["problems"]
        .as_array()
        .expect("problems")
        .iter()
        .map(|p| {
            (
                p["row"].as_u64(),
                p["column"].as_str().unwrap_or_default().to_owned(),
                serde_json::from_value::<Expected>(p["expected"].clone())
                    .map_or_else(|e| format!("not an expectation: {e}"), |e| e.to_string()),
            )
        })
        .collect()
}

#[test]
fn a_bad_sheet_is_refused_with_row_and_column_and_changes_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = with_template(bureau_samples::test_county(), Template::OnePlusFive);
    let api = api_for(&dir, &file);
    let before = structure(&api);
    let history = api.call("history", json!({})).expect("history");
    let old = &file.old_units[0].name;
    let cases: Vec<(Vec<u8>, u64, &str, &str)> = vec![
        (
            csv(&["指挥部,,机关,,10,2,1,2,,", "指挥部,,机关,,3,0,1,0,,"]),
            3,
            "A (部门)",
            "a name not already used under the same department (row 2)",
        ),
        (
            csv(&["指挥部,,机关,,10,2,1,2,,", "指挥部,综合室,机关,,-1,0,1,0,,"]),
            3,
            "E (民警编制)",
            "a non-negative whole number",
        ),
        (
            csv(&["指挥部,,机关,,10,2,1,2.5,,"]),
            2,
            "H (副职职数)",
            "a non-negative whole number",
        ),
        (
            csv(&["指挥部,,机关,,10,2,1,2,,不存在的大队"]),
            2,
            "J (由原单位组建)",
            "the names of today's units",
        ),
        (
            csv(&[",综合室,机关,,1,0,1,0,,"]),
            2,
            "A (部门)",
            "the name of a department",
        ),
        (
            csv(&["指挥部,,机关部门,,10,2,1,2,,"]),
            2,
            "C (层级)",
            "机关 or 基层",
        ),
        (
            csv(&["指挥部,,机关,半实体,10,2,1,2,,"]),
            2,
            "D (运行方式)",
            "实体化 or 虚拟化",
        ),
        (
            csv(&["指挥部,综合室,机关,,1,0,1,0,,"]),
            2,
            "A (部门)",
            "a department that has its own row",
        ),
        (
            csv(&[&format!("指挥部,,机关,,10,2,1,2,,{old}、{old}")]),
            2,
            "J (由原单位组建)",
            "each old unit once in a row",
        ),
    ];
    for (bytes, row, column, expected) in cases {
        let found = problems(&api, &bytes);
        assert!(
            found
                .iter()
                .any(|(r, c, e)| *r == Some(row) && c == column && e.starts_with(expected)),
            "expected row {row}, {column}: {expected}; found {found:?}"
        );
        let refused = send(&api, "import_structure", &bytes, "s.csv").expect_err("refused");
        assert_eq!(refused.code, ErrorCode::BadRequest);
        assert!(
            refused.message.contains("nothing was imported"),
            "{refused}"
        );
    }
    assert_eq!(structure(&api), before);
    assert_eq!(api.call("history", json!({})).expect("history"), history);
}

#[test]
fn an_import_is_one_undoable_audited_step_that_returns_people_of_removed_units() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = with_template(bureau_samples::test_county(), Template::OnePlusFive);
    let api = api_for(&dir, &file);
    let before = structure(&api);
    let placed_unit = file
        .draft
        .as_ref()
        .and_then(|d| d.assignment.values().next().cloned())
        .expect("someone placed");
    let placed_in = |s: &Structure, unit: &str| {
        file.draft
            .as_ref()
            .map_or(0, |d| d.assignment.values().filter(|u| *u == unit).count())
            * usize::from(s.unit(unit).is_some())
    };
    assert!(placed_in(&before, &placed_unit) > 0);
    // The sheet without that unit (and its sub-units): one department row less.
    let name = before.unit(&placed_unit).expect("unit").name.clone();
    let mut reduced = before.clone();
    reduced
        .units
        .retain(|u| u.id != placed_unit && u.parent.as_deref() != Some(placed_unit.as_str()));
    for e in &mut reduced.merge_map {
        e.to.retain(|t| reduced.units.iter().any(|u| u.id == *t));
    }
    reduced.merge_map.retain(|e| !e.to.is_empty());
    let bytes = bureau_io::export::structure_xlsx(&reduced, &file.old_units).expect("xlsx");
    let audit_before = api.call("history", json!({})).expect("history");
    let preview = send(&api, "structure_import_preview", &bytes, "s.xlsx").expect("preview");
    assert!(preview["removed"]
        .as_array()
        .expect("removed")
        .iter()
        .any(|n| *n == json!(name)));
    let unplaced = preview["unplaced"].as_u64().expect("count");
    assert!(unplaced > 0);
    let done = send(&api, "import_structure", &bytes, "s.xlsx").expect("import");
    assert_eq!(
        done["unplaced"].as_array().expect("list").len() as u64,
        unplaced
    );
    assert_eq!(structure(&api), reduced);
    let audit_after = api.call("history", json!({})).expect("history");
    assert_eq!(
        audit_after.as_array().expect("rows").len(),
        audit_before.as_array().expect("rows").len() + 1
    );
    api.call("undo", json!({})).expect("undo");
    assert_eq!(structure(&api), before);
    api.call("redo", json!({})).expect("redo");
    assert_eq!(structure(&api), reduced);
}

#[test]
fn an_approved_scenario_refuses_an_import() {
    let dir = tempfile::tempdir().expect("tempdir");
    let api = api_for(
        &dir,
        &with_template(bureau_samples::test_county(), Template::OnePlusFive),
    );
    let bytes = sheet_bytes(&api);
    let id = api.call("workspace_info", json!({})).expect("info")["current_scenario"].clone();
    for status in ["review", "approved"] {
        api.call(
            "set_scenario_status",
            json!({ "scenario_id": id, "status": status }),
        )
        .expect("status");
    }
    let refused = send(&api, "import_structure", &bytes, "s.xlsx").expect_err("read-only");
    assert_eq!(refused.code, ErrorCode::ReadOnly);
}
