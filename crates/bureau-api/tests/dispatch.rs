//! The API through its by-name dispatcher, as the Tauri command and the HTTP server call it.

use std::path::Path;

use bureau_api::{Api, ErrorCode};
use bureau_core::{compute_metrics, BureauFile};
use bureau_storage::Workspace;
use serde_json::{json, Value};

fn tiny_api(dir: &tempfile::TempDir) -> (Api, BureauFile) {
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/tiny.json"),
    )
    .expect("tiny.json");
    let file = BureauFile::parse(&text).expect("valid");
    let ws = Workspace::create(&dir.path().join("w.bpw"), &file, "方案一").expect("create");
    (Api::new(ws), file)
}

#[test]
fn overview_carries_structure_and_the_core_metrics() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (api, file) = tiny_api(&dir);
    let overview = api.call("overview", json!({})).expect("overview");
    let draft = file.draft.clone().expect("draft");
    let (bureau, structure, _) = file.into_parts();
    let expected = compute_metrics(&bureau, &structure, &draft.assignment, &draft.community);
    assert_eq!(
        overview["metrics"],
        serde_json::to_value(&expected).expect("json")
    );
    assert_eq!(overview["bureau"]["name"], "样例县公安局");
    assert_eq!(overview["scenario"]["name"], "方案一");
    assert_eq!(overview["scenario"]["structure_name"], "1+2+2");
    assert_eq!(overview["old_units"].as_array().map(Vec::len), Some(5));
    assert_eq!(overview["new_units"].as_array().map(Vec::len), Some(5));
    assert_eq!(overview["merge_map"][2]["to"], json!(["n-inv", "n-cmd"]));
    // Null arguments mean "no arguments", as an empty HTTP body does.
    assert_eq!(
        api.call("overview", Value::Null).expect("null args"),
        overview
    );
}

#[test]
fn workspace_info_lists_scenarios() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (api, _) = tiny_api(&dir);
    let info = api.call("workspace_info", Value::Null).expect("info");
    assert_eq!(info["bureau"]["kind"], "county");
    assert_eq!(info["bureau"]["as_of"], "2026-12");
    assert_eq!(info["scenarios"][0]["name"], "方案一");
    assert_eq!(info["current_scenario"], info["scenarios"][0]["id"]);
}

#[test]
fn errors_carry_a_code_and_a_precise_message() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (api, _) = tiny_api(&dir);
    let e = api.call("frobnicate", json!({})).expect_err("unknown");
    assert_eq!(e.code, ErrorCode::UnknownMethod);
    assert!(e.message.contains("overview"), "{}", e.message);

    let e = api
        .call("overview", json!({"scenario_id": "one"}))
        .expect_err("bad type");
    assert_eq!(e.code, ErrorCode::BadRequest);
    let e = api
        .call("overview", json!({"scenario": 1}))
        .expect_err("unknown field");
    assert_eq!(e.code, ErrorCode::BadRequest);
    assert!(e.message.contains("scenario"), "{}", e.message);
    let e = api
        .call("overview", json!({"scenario_id": 42}))
        .expect_err("missing");
    assert_eq!(e.code, ErrorCode::NotFound);
    let e = api
        .call("workspace_info", json!({"x": 1}))
        .expect_err("no args expected");
    assert_eq!(e.code, ErrorCode::BadRequest);
    for m in Api::METHODS {
        assert_ne!(
            api.call(m, json!({})).map_err(|e| e.code),
            Err(ErrorCode::UnknownMethod),
            "{m}"
        );
    }
}

#[test]
fn first_start_creates_the_sample_and_later_starts_reopen_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir
        .path()
        .join("data/cn.bureauplanner.desktop/workspace.bpw");
    let api = Api::start(&path, None).expect("first start");
    api.call("workspace_create", json!({"encrypt": false}))
        .expect("create from the sample");
    let sample = bureau_api::sample_bureau_file().expect("sample");
    let info = api.workspace_info().expect("info");
    assert_eq!(info.bureau, sample.bureau);
    drop(api);
    let again = Api::start(&path, None).expect("second start");
    assert_eq!(
        again.workspace_info().expect("info").scenarios,
        info.scenarios
    );
}

#[test]
fn a_damaged_workspace_is_reported_and_left_alone() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("workspace.bpw");
    std::fs::write(&path, b"not a database at all").expect("write");
    let e = Api::start(&path, None).expect_err("refused");
    assert_eq!(e.code, ErrorCode::NotAWorkspace);
    assert_eq!(
        std::fs::read(&path).expect("read"),
        b"not a database at all"
    );
}

#[test]
fn solve_proposes_a_plan_and_check_reports_the_draft() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (api, _) = tiny_api(&dir);
    let plan = api.call("solve", json!({"mode": "plan"})).expect("solve");
    assert_eq!(plan["status"], "optimal");
    assert_eq!(plan["moves"][0]["police_number"], "100006");
    // Solving proposes; it does not change the scenario.
    let violations = api.call("check", json!({})).expect("check");
    assert!(violations.is_array());
    let e = api
        .call("solve", json!({"mode": "sideways"}))
        .expect_err("bad mode");
    assert_eq!(e.code, ErrorCode::BadRequest);
}
