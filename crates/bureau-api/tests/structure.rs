//! The structure designer and the bureau details through the dispatcher, on a real workspace
//! file: steps are stored, audited, undone and redone with the board's log; refused steps and
//! approved scenarios change nothing; deleting a unit returns its people; changing the bureau's
//! kind reports and switches the ratio rules.

use std::path::Path;

use bureau_api::{Api, ErrorCode};
use bureau_core::BureauFile;
use bureau_storage::Workspace;
use serde_json::{json, Value};

fn county_api(dir: &tempfile::TempDir) -> Api {
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/county.json"),
    )
    .expect("fixture");
    let file = BureauFile::parse(&text).expect("valid");
    Api::new(Workspace::create(&dir.path().join("w.bpw"), &file, "初始方案").expect("create"))
}

fn edit(api: &Api, edit: Value) -> Result<Value, bureau_api::ApiError> {
    api.call("edit_structure", json!({ "edit": edit }))
}

fn unit<'a>(view: &'a Value, name: &str) -> &'a Value {
    view["structure"]["units"]
        .as_array()
        .expect("units")
        .iter()
        .find(|u| u["name"] == name)
        .unwrap_or_else(|| panic!("no unit {name}"))
}

fn audit_rows(api: &Api) -> usize {
    api.call("history", json!({}))
        .expect("history")
        .as_array()
        .expect("rows")
        .len()
}

#[test]
fn a_designed_department_is_stored_audited_and_undoable() {
    let dir = tempfile::tempdir().expect("tempdir");
    let api = county_api(&dir);
    let view = api.call("structure", json!({})).expect("structure");
    assert_eq!(view["read_only"], false);
    assert_eq!(view["structure"]["name"], "1+5(+N)+1");
    let before_units = view["structure"]["units"].as_array().expect("units").len();
    let audit_before = audit_rows(&api);

    let added = edit(
        &api,
        json!({"op": "add_unit", "name": "预审办案大队", "kind": "department", "tier": "office"}),
    )
    .expect("added");
    let dept = added["created"].as_str().expect("id").to_owned();
    let sub = edit(
        &api,
        json!({"op": "add_unit", "name": "预审室", "parent": dept, "kind": "sub_unit", "tier": "office"}),
    )
    .expect("added")["created"]
        .as_str()
        .expect("id")
        .to_owned();
    // A new unit has no establishment yet: the check says so.
    let findings = sub_findings(&api);
    assert!(findings
        .iter()
        .any(|f| f["code"] == "unit_without_establishment" && f["unit"] == sub.as_str()));
    for (field, value) in [
        ("officer_establishment", 6),
        ("auxiliary_establishment", 2),
        ("head_posts", 1),
        ("deputy_posts", 1),
    ] {
        edit(
            &api,
            json!({"op": "set_number", "unit": sub, "field": field, "value": value}),
        )
        .expect("set");
    }
    edit(
        &api,
        json!({"op": "set_functions", "unit": dept, "functions": "刑事案件预审\n办案质量把关"}),
    )
    .expect("functions");
    let old = api.call("structure", json!({})).expect("structure")["old_units"][0]["id"]
        .as_str()
        .expect("id")
        .to_owned();
    let view = edit(
        &api,
        json!({"op": "map_old_unit", "old_unit": old, "to": [dept]}),
    )
    .expect("mapped");
    assert_eq!(unit(&view, "预审室")["officer_establishment"], 6);
    assert_eq!(
        unit(&view, "预审办案大队")["functions"],
        "刑事案件预审\n办案质量把关"
    );
    assert!(view["structure"]["merge_map"]
        .as_array()
        .expect("map")
        .iter()
        .any(|e| e["from"] == old.as_str() && e["to"] == json!([dept])));
    assert!(audit_rows(&api) >= audit_before + 8);
    let history = api.call("history", json!({"limit": 1})).expect("history");
    assert_eq!(history[0]["action"], "structure");

    // Stored in the file: a fresh Api over the same file sees it.
    drop(api);
    let api = Api::new(Workspace::open(&dir.path().join("w.bpw")).expect("reopen"));
    let view = api.call("structure", json!({})).expect("structure");
    assert_eq!(
        view["structure"]["units"].as_array().expect("units").len(),
        before_units + 2
    );
    assert_eq!(unit(&view, "预审室")["auxiliary_establishment"], 2);

    // Undo walks back through the designer's steps with the board's undo.
    let undone = api.call("undo", json!({})).expect("undo");
    assert_eq!(undone["structure_changed"], true);
    let view = api.call("structure", json!({})).expect("structure");
    assert!(!view["structure"]["merge_map"]
        .as_array()
        .expect("map")
        .iter()
        .any(|e| e["to"] == json!([dept])));
    api.call("redo", json!({})).expect("redo");
    let view = api.call("structure", json!({})).expect("structure");
    assert!(view["structure"]["merge_map"]
        .as_array()
        .expect("map")
        .iter()
        .any(|e| e["from"] == old.as_str() && e["to"] == json!([dept])));
}

fn sub_findings(api: &Api) -> Vec<Value> {
    api.call("structure", json!({})).expect("structure")["check"]["findings"]
        .as_array()
        .expect("findings")
        .clone()
}

#[test]
fn deleting_a_unit_with_people_returns_them_and_undo_brings_them_back() {
    let dir = tempfile::tempdir().expect("tempdir");
    let api = county_api(&dir);
    let view = api.call("structure", json!({})).expect("structure");
    let station = view["structure"]["units"]
        .as_array()
        .expect("units")
        .iter()
        .find(|u| u["kind"] == "police_station")
        .expect("a station")["id"]
        .as_str()
        .expect("id")
        .to_owned();
    let placed_there = |api: &Api| {
        api.call("people", json!({}))
            .expect("people")
            .as_array()
            .expect("people")
            .iter()
            .filter(|p| p["unit"] == station.as_str())
            .count()
    };
    let n = placed_there(&api);
    assert!(n > 0);
    // The view says beforehand how many a deletion sends back (the designer asks first).
    let said = view["placed"]
        .as_array()
        .expect("placed")
        .iter()
        .find(|p| p["unit"] == station.as_str())
        .expect("the station's count")["people"]
        .as_u64();
    assert_eq!(said, Some(n as u64));
    let unplaced_before = unplaced(&api);

    let out = edit(&api, json!({"op": "delete_unit", "unit": station})).expect("deleted");
    assert_eq!(out["unplaced"].as_array().expect("list").len(), n);
    assert_eq!(placed_there(&api), 0);
    assert_eq!(unplaced(&api), unplaced_before + n);
    // The old station is unmapped now, and the check says so.
    assert!(out["check"]["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .any(|f| f["code"] == "unmapped_old_unit"));

    api.call("undo", json!({})).expect("undo");
    assert_eq!(placed_there(&api), n);
    assert_eq!(unplaced(&api), unplaced_before);
    api.call("redo", json!({})).expect("redo");
    assert_eq!(placed_there(&api), 0);
}

fn unplaced(api: &Api) -> usize {
    api.call("people", json!({}))
        .expect("people")
        .as_array()
        .expect("people")
        .iter()
        .filter(|p| p["unit"].is_null())
        .count()
}

#[test]
fn refused_steps_name_unit_and_field_and_change_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let api = county_api(&dir);
    let before = api.call("structure", json!({})).expect("structure");
    let rows = audit_rows(&api);
    let first = before["structure"]["units"][0]["id"]
        .as_str()
        .expect("id")
        .to_owned();
    let first_name = before["structure"]["units"][0]["name"]
        .as_str()
        .expect("name")
        .to_owned();
    for (step, field) in [
        (
            json!({"op": "set_number", "unit": first, "field": "officer_establishment", "value": -3}),
            "officer_establishment",
        ),
        (
            json!({"op": "set_number", "unit": first, "field": "deputy_posts", "value": 1.5}),
            "deputy_posts",
        ),
        (
            json!({"op": "set_number", "unit": first, "field": "officer_establishment", "value": 1e9}),
            "officer_establishment",
        ),
        (
            json!({"op": "rename_unit", "unit": first, "name": "  "}),
            "name",
        ),
        (
            json!({"op": "move_unit", "unit": first, "parent": first, "index": 0}),
            "parent",
        ),
    ] {
        let e = edit(&api, step.clone()).expect_err("refused");
        assert_eq!(e.code, ErrorCode::InvalidStructure, "{step}");
        assert!(e.message.contains(&first_name), "{step}: {}", e.message);
        assert!(e.message.contains(field), "{step}: {}", e.message);
    }
    let e = edit(
        &api,
        json!({"op": "add_unit", "name": "研判室", "parent": "gone", "kind": "sub_unit", "tier": "office"}),
    )
    .expect_err("refused");
    assert_eq!(e.code, ErrorCode::InvalidStructure);
    assert!(e.message.contains("parent"), "{}", e.message);
    assert_eq!(api.call("structure", json!({})).expect("structure"), before);
    assert_eq!(audit_rows(&api), rows);
}

#[test]
fn an_approved_scenario_is_read_only_in_the_designer() {
    let dir = tempfile::tempdir().expect("tempdir");
    let api = county_api(&dir);
    let id = api.call("workspace_info", Value::Null).expect("info")["current_scenario"].clone();
    for status in ["review", "approved"] {
        api.call(
            "set_scenario_status",
            json!({"scenario_id": id, "status": status}),
        )
        .expect("status");
    }
    let view = api.call("structure", json!({})).expect("structure");
    assert_eq!(view["read_only"], true);
    let e =
        edit(&api, json!({"op": "set_structure_name", "name": "1+4+1"})).expect_err("read-only");
    assert_eq!(e.code, ErrorCode::ReadOnly);
    assert_eq!(api.call("structure", json!({})).expect("structure"), view);
}

#[test]
fn deleting_a_unit_drops_the_scenarios_own_rules_about_it_and_undo_restores_them() {
    let dir = tempfile::tempdir().expect("tempdir");
    let api = county_api(&dir);
    let rules: Vec<Value> = api
        .call("rules", json!({}))
        .expect("rules")
        .as_array()
        .expect("rules")
        .iter()
        .map(|v| v["rule"].clone())
        .collect();
    let about = rules
        .iter()
        .find(|r| r["kind"]["unit"].is_string())
        .expect("a unit rule")["kind"]["unit"]
        .as_str()
        .expect("unit")
        .to_owned();
    api.call("set_rules", json!({"rules": rules}))
        .expect("stored");
    let out = edit(&api, json!({"op": "delete_unit", "unit": about})).expect("deleted");
    assert!(out["dropped_rules"].as_u64().expect("n") >= 1);
    let names_unit = |api: &Api| {
        api.call("rules", json!({}))
            .expect("rules")
            .as_array()
            .expect("rules")
            .iter()
            .any(|v| v["rule"]["kind"]["unit"] == about.as_str())
    };
    assert!(!names_unit(&api));
    api.call("undo", json!({})).expect("undo");
    assert!(names_unit(&api));
}

#[test]
fn bureau_details_are_set_audited_and_a_kind_change_offers_the_ratio_defaults() {
    let dir = tempfile::tempdir().expect("tempdir");
    let api = county_api(&dir);
    let e = api
        .call("set_bureau_info", json!({"name": "   "}))
        .expect_err("refused");
    assert_eq!(e.code, ErrorCode::BadRequest);
    assert!(e.message.contains("bureau.name"), "{}", e.message);
    assert_eq!(
        api.call("bureau_info", Value::Null).expect("info")["bureau"]["name"],
        "青山县公安局"
    );

    // One scenario with its own rules (the county's 40%), one branch approved on the defaults.
    let current =
        api.call("workspace_info", Value::Null).expect("info")["current_scenario"].clone();
    let rules: Vec<Value> = api
        .call("rules", json!({}))
        .expect("rules")
        .as_array()
        .expect("rules")
        .iter()
        .map(|v| v["rule"].clone())
        .collect();
    let approved = api
        .call("branch_scenario", json!({"name": "已批方案"}))
        .expect("branch")["id"]
        .clone();
    api.call("set_rules", json!({"scenario_id": current, "rules": rules}))
        .expect("own rules");
    for status in ["review", "approved"] {
        api.call(
            "set_scenario_status",
            json!({"scenario_id": approved, "status": status}),
        )
        .expect("status");
    }
    let rows = audit_rows(&api);
    let out = api
        .call(
            "set_bureau_info",
            json!({"name": "测试区公安分局", "kind": "city_district", "as_of": "2027-03", "background": "改革背景"}),
        )
        .expect("set");
    assert_eq!(out["bureau"]["name"], "测试区公安分局");
    assert_eq!(out["bureau"]["as_of"], "2027-03");
    assert_eq!(audit_rows(&api), rows + 1);
    let ratio = |out: &Value, id: &Value| {
        out["ratio_rules"]
            .as_array()
            .expect("list")
            .iter()
            .find(|r| r["scenario_id"] == *id)
            .expect("scenario")
            .clone()
    };
    let mine = ratio(&out, &current);
    assert_eq!(mine["differs"], true);
    assert_eq!(mine["station_share"], 0.4);
    assert_eq!(mine["default_share"], 0.5);
    // The approved scenario keeps the ratios it was approved with.
    let theirs = ratio(&out, &approved);
    assert_eq!(
        (theirs["station_share"].clone(), theirs["approved"].clone()),
        (json!(0.4), json!(true))
    );

    let out = api.call("switch_ratio_rules", json!({})).expect("switched");
    let mine = ratio(&out, &current);
    assert_eq!(
        (mine["differs"].clone(), mine["station_share"].clone()),
        (json!(false), json!(0.5))
    );
    let e = api
        .call("switch_ratio_rules", json!({"scenario_id": approved}))
        .expect_err("approved");
    assert_eq!(e.code, ErrorCode::ReadOnly);
}

#[test]
fn each_unit_carries_its_establishment_with_its_sub_units() {
    let dir = tempfile::tempdir().expect("tempdir");
    let api = county_api(&dir);
    let dept = edit(
        &api,
        json!({"op": "add_unit", "name": "预审办案大队", "kind": "department", "tier": "office"}),
    )
    .expect("added")["created"]
        .as_str()
        .expect("id")
        .to_owned();
    edit(
        &api,
        json!({"op": "set_number", "unit": dept, "field": "officer_establishment", "value": 2}),
    )
    .expect("own");
    let mut view = Value::Null;
    for (name, officers, auxiliaries) in [("预审一室", 5, 1), ("预审二室", 4, 3)] {
        let sub = edit(
            &api,
            json!({"op": "add_unit", "name": name, "parent": dept, "kind": "sub_unit", "tier": "office"}),
        )
        .expect("added")["created"]
            .as_str()
            .expect("id")
            .to_owned();
        edit(
            &api,
            json!({"op": "set_number", "unit": sub, "field": "officer_establishment", "value": officers}),
        )
        .expect("officers");
        view = edit(
            &api,
            json!({"op": "set_number", "unit": sub, "field": "auxiliary_establishment", "value": auxiliaries}),
        )
        .expect("auxiliaries");
    }
    let of = |view: &Value, id: &str| {
        view["establishment"]
            .as_array()
            .expect("establishment")
            .iter()
            .find(|e| e["unit"] == id)
            .cloned()
            .expect("the unit's establishment")
    };
    // Its own 2 plus its rooms' 5 and 4; the auxiliaries are the rooms' only.
    let e = of(&view, &dept);
    assert_eq!(
        (e["officers"].as_u64(), e["auxiliaries"].as_u64()),
        (Some(11), Some(4))
    );
    let units = view["structure"]["units"].as_array().expect("units");
    assert_eq!(
        view["establishment"].as_array().expect("list").len(),
        units.len()
    );
    // The read answers the same.
    let read = api.call("structure", json!({})).expect("structure");
    assert_eq!(of(&read, &dept), e);
}
