//! Scenarios through the dispatcher: branch the county, move five people in the branch,
//! compare — the five are the difference list, and every KPI equals the scenario's metrics.

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

#[test]
fn branch_move_five_and_compare() {
    let dir = tempfile::tempdir().expect("tempdir");
    let api = county_api(&dir);
    let base = api.call("workspace_info", Value::Null).expect("info")["current_scenario"]
        .as_i64()
        .expect("id");
    let branch = api
        .call("branch_scenario", json!({"name": "下沉方案"}))
        .expect("branch");
    let b = branch["id"].as_i64().expect("id");
    assert_eq!(branch["parent_id"], base);
    assert_eq!(branch["status"], "draft");

    // Five office officers go to the first police station in the branch.
    let people = api
        .call("people", json!({"scenario_id": b}))
        .expect("people");
    let overview = api
        .call("overview", json!({"scenario_id": b}))
        .expect("overview");
    let station = overview["new_units"]
        .as_array()
        .expect("units")
        .iter()
        .find(|u| u["kind"] == "police_station")
        .expect("a station")["id"]
        .clone();
    let office_ids: Vec<&str> = overview["old_units"]
        .as_array()
        .expect("old")
        .iter()
        .filter(|u| u["tier"] == "office")
        .filter_map(|u| u["id"].as_str())
        .collect();
    let five: Vec<Value> = people
        .as_array()
        .expect("people")
        .iter()
        .filter(|p| {
            p["category"] == "officer"
                && p["old_unit"]
                    .as_str()
                    .is_some_and(|u| office_ids.contains(&u))
        })
        .take(5)
        .map(|p| p["police_number"].clone())
        .collect();
    assert_eq!(five.len(), 5);
    api.call(
        "move_people",
        json!({"scenario_id": b, "police_numbers": five, "to": station}),
    )
    .expect("move");

    let cmp = api
        .call("compare", json!({"scenario_ids": [base, b]}))
        .expect("compare");
    let diffs = cmp["differences"].as_array().expect("differences");
    let moved: Vec<&Value> = diffs.iter().map(|d| &d["police_number"]).collect();
    assert_eq!(moved.len(), 5, "{diffs:?}");
    for n in &five {
        assert!(moved.contains(&n));
    }
    // Each scenario's KPIs are its metrics.
    for (i, id) in [base, b].into_iter().enumerate() {
        let m = api
            .call("metrics", json!({"scenario_id": id}))
            .expect("metrics");
        let k = &cmp["kpis"][i];
        assert_eq!(k["scenario_id"], id);
        assert_eq!(k["station_share"], m["station_share"]);
        assert_eq!(k["community_share"], m["community_share"]);
        assert_eq!(k["office_reduction"], m["office_reduction"]);
        assert_eq!(k["moved"], m["moved"]);
        assert_eq!(k["office_officers_after"], m["after"]["office_officers"]);
        let results = api
            .call("rule_results", json!({"scenario_id": id}))
            .expect("results");
        let hard_failed = results
            .as_array()
            .expect("results")
            .iter()
            .filter(|r| r["hard"] == true && r["passed"] == false)
            .count();
        assert_eq!(k["hard_rules_failed"], hard_failed);
    }
    let station_officers = |i: usize| cmp["kpis"][i]["station_share"].as_f64().expect("share");
    assert!(station_officers(1) > station_officers(0));
    assert_eq!(
        cmp["kpis"][1]["moved"].as_u64(),
        Some(cmp["kpis"][0]["moved"].as_u64().unwrap_or(0) + 5)
    );
    // Headcount rows line up by department, one value per scenario.
    assert!(cmp["headcount"]
        .as_array()
        .expect("rows")
        .iter()
        .all(|r| r["officers"].as_array().map(Vec::len) == Some(2)));
    assert!(!cmp["flows"].as_array().expect("flows").is_empty());

    // Bad requests.
    let err = api
        .call("compare", json!({"scenario_ids": [base]}))
        .expect_err("one");
    assert_eq!(err.code, ErrorCode::BadRequest);
    let err = api
        .call("compare", json!({"scenario_ids": [base, 999]}))
        .expect_err("unknown");
    assert_eq!(err.code, ErrorCode::NotFound);
}

#[test]
fn an_approved_scenario_answers_read_only_and_the_trail_verifies() {
    let dir = tempfile::tempdir().expect("tempdir");
    let api = county_api(&dir);
    api.call("set_planner_name", json!({"name": "李明"}))
        .expect("name");
    let id = api.call("workspace_info", Value::Null).expect("info")["current_scenario"].clone();
    api.call(
        "set_scenario_status",
        json!({"scenario_id": id, "status": "review"}),
    )
    .expect("review");
    api.call(
        "set_scenario_status",
        json!({"scenario_id": id, "status": "approved"}),
    )
    .expect("approve");
    let err = api
        .call("rename_scenario", json!({"scenario_id": id, "name": "x"}))
        .expect_err("read only");
    assert_eq!(err.code, ErrorCode::ReadOnly);
    let err = api
        .call("set_rules", json!({"rules": null}))
        .expect_err("read only");
    assert_eq!(err.code, ErrorCode::ReadOnly);
    let report = api.call("audit_verify", Value::Null).expect("verify");
    assert_eq!(report["intact"], true);
    let history = api
        .call("history", json!({"scenario_id": id}))
        .expect("history");
    assert_eq!(history[0]["action"], "status");
    assert_eq!(history[0]["actor"], "李明");
    assert_eq!(
        history[0]["detail"],
        json!({"before": "review", "after": "approved"})
    );
}

#[test]
fn scenarios_are_created_from_templates_and_solve() {
    let dir = tempfile::tempdir().expect("tempdir");
    let api = county_api(&dir);
    for (name, template, structure) in [
        ("一加三加四加一", "1+3+4+1", "1+3+4+1"),
        ("现行机构", "blank", "现行机构"),
        ("模板方案", "1+5(+N)+1", "1+5(+N)+1"),
    ] {
        let s = api
            .call(
                "create_scenario",
                json!({"name": name, "template": template}),
            )
            .expect("created");
        assert_eq!(s["structure_name"], structure);
        assert_eq!(s["status"], "draft");
        let id = s["id"].clone();
        let m = api
            .call("metrics", json!({"scenario_id": id}))
            .expect("metrics");
        assert_eq!(m["moved"], 0);
        let plan = api
            .call("solve", json!({"scenario_id": id}))
            .expect("solve");
        assert_eq!(
            plan["status"], "optimal",
            "{template}: {}",
            plan["diagnosis"]
        );
    }
    let err = api
        .call("create_scenario", json!({"name": "x", "template": "2+2"}))
        .expect_err("unknown template");
    assert_eq!(err.code, ErrorCode::BadRequest);
    let err = api
        .call(
            "create_scenario",
            json!({"name": "模板方案", "template": "blank"}),
        )
        .expect_err("duplicate name");
    assert_eq!(err.code, ErrorCode::BadRequest);
    let history = api.call("history", json!({})).expect("history");
    assert_eq!(history[0]["action"], "create");
    assert_eq!(history[0]["detail"]["template"], "1+5(+N)+1");
}

#[test]
fn edits_to_a_scenario_deleted_elsewhere_are_refused_and_touch_no_other() {
    let dir = tempfile::tempdir().expect("tempdir");
    let api = county_api(&dir);
    let first = api.call("workspace_info", Value::Null).expect("info")["current_scenario"].clone();
    let branch = api
        .call("branch_scenario", json!({"name": "分支"}))
        .expect("branch")["id"]
        .clone();
    // Another window deletes the first scenario; the current one moves on to the branch.
    api.call("delete_scenario", json!({"scenario_id": first}))
        .expect("delete");
    let before = api
        .call("people", json!({"scenario_id": branch}))
        .expect("people");
    let person = before[0]["police_number"].clone();
    let err = api
        .call(
            "move_people",
            json!({"scenario_id": first, "police_numbers": [person], "to": "d-ps01"}),
        )
        .expect_err("refused");
    assert_eq!(err.code, ErrorCode::NotFound);
    assert_eq!(
        api.call("people", json!({"scenario_id": branch}))
            .expect("people"),
        before
    );
}
