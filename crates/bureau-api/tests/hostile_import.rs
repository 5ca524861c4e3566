//! A hostile workbook through the methods the webview and `planner serve` call: the 1.5 KB
//! sheet with cells at A1 and XFD1048576 (which once made the reader allocate 549 GB and abort
//! the process) previews as one located problem, imports nothing, and leaves the API serving.

use base64::Engine;
use bureau_api::Api;
use serde_json::{json, Value};

#[test]
fn the_far_cells_workbook_previews_as_one_problem_and_the_api_keeps_serving() {
    let dir = tempfile::tempdir().expect("tempdir");
    let api = Api::start(&dir.path().join("w.bpw"), None).expect("start");
    api.call("workspace_create", json!({"encrypt": false}))
        .expect("create");
    let bytes = include_bytes!("../../../fixtures/hostile/far-cells.xlsx");
    let args = json!({
        "bytes_base64": base64::engine::general_purpose::STANDARD.encode(bytes),
        "file_name": "far-cells.xlsx",
    });
    for method in ["import_preview", "units_import_preview"] {
        let preview: Value = api.call(method, args.clone()).expect("previews");
        assert_eq!(preview["can_import"], false, "{method}");
        let problems = preview["problems"].as_array().expect("problems");
        assert_eq!(problems.len(), 1, "{method}: {problems:#?}");
        assert_eq!(problems[0]["sheet"], "Sheet1");
        assert_eq!(problems[0]["row"], 1_048_576);
        assert_eq!(problems[0]["column"], "XFD");
        assert_eq!(problems[0]["value"], "a filled cell at XFD1048576");
    }
    let e = api
        .call("import_roster", args)
        .expect_err("nothing imported");
    assert_eq!(e.code, bureau_api::ErrorCode::BadRequest);
    assert!(e.message.contains("XFD1048576"), "{}", e.message);
    api.workspace_info().expect("still serving");
}
