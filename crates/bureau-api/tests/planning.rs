//! Rules, rule results and background jobs through the dispatcher. Jobs run on a thread here
//! (no worker binary); `crates/bureau-cli/tests/jobs.rs` covers the child-process worker.

use std::path::Path;
use std::time::{Duration, Instant};

use bureau_api::{Api, ErrorCode};
use bureau_core::BureauFile;
use bureau_storage::Workspace;
use serde_json::{json, Value};

fn api_on(dir: &tempfile::TempDir, fixture: &str) -> Api {
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("../../fixtures/{fixture}")),
    )
    .expect("fixture");
    let file = BureauFile::parse(&text).expect("valid");
    Api::new(Workspace::create(&dir.path().join("w.bpw"), &file, "方案一").expect("create"))
}

fn wait_for(api: &Api, job: &Value) -> Value {
    let started = Instant::now();
    loop {
        let status = api
            .call("job_status", json!({ "job_id": job["job_id"] }))
            .expect("status");
        if status["state"] != "running" {
            return status;
        }
        assert!(started.elapsed() < Duration::from_secs(120), "job hangs");
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn rules_default_then_custom_then_default_again() {
    let dir = tempfile::tempdir().expect("tempdir");
    let api = api_on(&dir, "tiny.json");
    let rules = api.call("rules", json!({})).expect("rules");
    let station = &rules[0];
    assert_eq!(station["rule"]["id"], "station_share");
    assert_eq!(
        station["rule"]["kind"],
        json!({"type": "station_share", "min": 0.4})
    );
    assert!(station["source_zh"].as_str().is_some_and(|s| !s.is_empty()));

    let mut custom: Vec<Value> = rules
        .as_array()
        .expect("array")
        .iter()
        .map(|v| v["rule"].clone())
        .collect();
    custom[0]["kind"]["min"] = json!(0.5);
    let after = api
        .call("set_rules", json!({ "rules": custom }))
        .expect("set");
    assert_eq!(after[0]["rule"]["kind"]["min"], 0.5);
    assert_eq!(
        api.call("rules", json!({})).expect("rules")[0]["rule"]["kind"]["min"],
        0.5
    );
    // check and rule_results use the scenario's rules.
    let results = api.call("rule_results", json!({})).expect("results");
    assert_eq!(results[0]["required"], 0.5);

    // A bad rule set is refused precisely and changes nothing.
    custom[0]["kind"]["min"] = json!(1.5);
    let err = api
        .call("set_rules", json!({ "rules": custom }))
        .expect_err("refused");
    assert_eq!(err.code, ErrorCode::BadRequest);
    assert!(err.message.contains("rules[0].kind.min"), "{}", err.message);
    assert_eq!(
        api.call("rules", json!({})).expect("rules")[0]["rule"]["kind"]["min"],
        0.5
    );

    api.call("set_rules", json!({ "rules": null }))
        .expect("reset");
    assert_eq!(
        api.call("rules", json!({})).expect("rules")[0]["rule"]["kind"]["min"],
        0.4
    );
}

#[test]
fn custom_rules_survive_export_and_reimport() {
    let dir = tempfile::tempdir().expect("tempdir");
    let api = api_on(&dir, "tiny.json");
    let mut rules: Vec<Value> = api
        .call("rules", json!({}))
        .expect("rules")
        .as_array()
        .expect("array")
        .iter()
        .map(|v| v["rule"].clone())
        .collect();
    rules[0]["kind"]["min"] = json!(0.45);
    api.call("set_rules", json!({ "rules": rules }))
        .expect("set");
    drop(api);
    let mut ws = Workspace::open(&dir.path().join("w.bpw")).expect("open");
    let id = ws.current_scenario_id().expect("id");
    let file = ws.export_bureau_file(id).expect("export");
    let text = file.to_json_pretty();
    let back = BureauFile::parse(&text).expect("parses");
    assert_eq!(back.rules.as_ref().map(|r| r.len()), Some(rules.len()));
    let again = Workspace::create(&dir.path().join("again.bpw"), &back, "x").expect("create");
    let api = Api::new(again);
    assert_eq!(
        api.call("rules", json!({})).expect("rules")[0]["rule"]["kind"]["min"],
        0.45
    );
}

#[test]
fn a_solve_job_returns_what_a_direct_solve_returns() {
    let dir = tempfile::tempdir().expect("tempdir");
    let api = api_on(&dir, "tiny.json");
    let job = api.call("solve_start", json!({})).expect("start");
    let status = wait_for(&api, &job);
    assert_eq!(status["state"], "done", "{status}");
    assert_eq!(status["kind"], "solve");
    assert_eq!(status["progress"]["phase"], "finished");
    let direct = api.call("solve", json!({})).expect("solve");
    assert_eq!(status["result"]["assignment"], direct["assignment"]);
    assert_eq!(status["result"]["objective"], direct["objective"]);
    assert_eq!(status["result"]["status"], "optimal");
}

#[test]
fn a_tradeoff_job_sweeps_and_reports_progress() {
    let dir = tempfile::tempdir().expect("tempdir");
    let api = api_on(&dir, "tiny.json");
    let job = api
        .call(
            "tradeoff_start",
            json!({"rule_id": "station_share", "from": 0.3, "to": 0.9, "step": 0.1}),
        )
        .expect("start");
    let status = wait_for(&api, &job);
    assert_eq!(status["state"], "done", "{status}");
    let points = status["result"]["points"].as_array().expect("points");
    assert!(!points.is_empty());
    assert_eq!(status["progress"]["done"], status["progress"]["total"]);
    assert_eq!(points[0]["value"], 0.3);
    // Tiny has 9 officers and 3 station posts' worth of room: 90% cannot be reached.
    assert!(status["result"]["first_infeasible"].is_number(), "{status}");
}

#[test]
fn bad_job_requests_are_refused_before_anything_runs() {
    let dir = tempfile::tempdir().expect("tempdir");
    let api = api_on(&dir, "tiny.json");
    for args in [
        json!({"rule_id": "nope", "from": 0.4, "to": 0.6, "step": 0.1}),
        json!({"rule_id": "station_share", "from": 0.6, "to": 0.4, "step": 0.1}),
        json!({"rule_id": "station_share", "from": 0.4, "to": 1.6, "step": 0.1}),
        json!({"rule_id": "posts_within_limits", "from": 0.4, "to": 0.6, "step": 0.1}),
    ] {
        let err = api
            .call("tradeoff_start", args.clone())
            .expect_err("refused");
        assert_eq!(err.code, ErrorCode::BadRequest, "{args}: {}", err.message);
    }
    let err = api
        .call("solve_start", json!({"time_limit_seconds": -1}))
        .expect_err("refused");
    assert_eq!(err.code, ErrorCode::BadRequest);
    let err = api
        .call("job_status", json!({"job_id": 999}))
        .expect_err("unknown");
    assert_eq!(err.code, ErrorCode::NotFound);
    let err = api
        .call("job_cancel", json!({"job_id": 999}))
        .expect_err("unknown");
    assert_eq!(err.code, ErrorCode::NotFound);
}

#[test]
fn a_cancelled_job_stays_cancelled() {
    let dir = tempfile::tempdir().expect("tempdir");
    let api = api_on(&dir, "county.json");
    let job = api
        .call(
            "tradeoff_start",
            json!({"rule_id": "station_share", "from": 0.3, "to": 0.5, "step": 0.01}),
        )
        .expect("start");
    let status = api
        .call("job_cancel", json!({"job_id": job["job_id"]}))
        .expect("cancel");
    assert_eq!(status["state"], "cancelled");
    std::thread::sleep(Duration::from_millis(200));
    let status = api
        .call("job_status", json!({"job_id": job["job_id"]}))
        .expect("status");
    assert_eq!(status["state"], "cancelled");
    assert!(status["result"].is_null());
}

#[test]
fn diagnose_names_the_rule_and_the_shortfall() {
    let dir = tempfile::tempdir().expect("tempdir");
    let api = api_on(&dir, "county-infeasible.json");
    let d = api.call("diagnose", json!({})).expect("diagnose");
    assert_eq!(d["feasible"], false);
    let station = d["diagnosis"]
        .as_array()
        .expect("array")
        .iter()
        .find(|s| s["rule_id"] == "station_share")
        .cloned()
        .expect("station share diagnosed");
    assert_eq!(station["shortfall"], 28);
    let dir = tempfile::tempdir().expect("tempdir");
    let api = api_on(&dir, "tiny.json");
    let d = api.call("diagnose", json!({})).expect("diagnose");
    assert_eq!(d["feasible"], true);
    assert_eq!(d["diagnosis"], json!([]));
}
