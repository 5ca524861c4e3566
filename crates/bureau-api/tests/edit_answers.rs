//! Every board edit answers with what the screen shows after it — the changed people, the
//! metrics and the rule results — so the board needs no second call; and each edit is logged
//! by its own kind. On a bureau that is not the sample (测试县公安局).

use bureau_api::Api;
use bureau_core::templates::{apply, Template};
use bureau_core::BureauFile;
use bureau_storage::Workspace;
use serde_json::{json, Value};

fn api(dir: &tempfile::TempDir) -> Api {
    let bureau = bureau_samples::test_county();
    let (structure, draft) = apply(Template::OnePlusFive, &bureau);
    let file = BureauFile::new(bureau, structure, Some(draft));
    let ws = Workspace::create(&dir.path().join("w.bpw"), &file, "方案一").expect("create");
    Api::new(ws)
}

/// An officer placed outside every police station, and a station to send them to.
fn officer_and_station(api: &Api) -> (String, String) {
    let overview = api.call("overview", json!({})).expect("overview");
    let stations: Vec<String> = overview["new_units"]
        .as_array()
        .expect("units")
        .iter()
        .filter(|u| u["kind"] == "police_station")
        .filter_map(|u| u["id"].as_str().map(str::to_owned))
        .collect();
    let people = api.call("people", json!({})).expect("people");
    let person = people
        .as_array()
        .expect("people")
        .iter()
        .find(|p| {
            p["category"] == "officer"
                && p["post"] == "none"
                && p["unit"]
                    .as_str()
                    .is_some_and(|u| !stations.iter().any(|s| s == u))
        })
        .expect("an officer outside the stations");
    (
        person["police_number"].as_str().expect("pn").to_owned(),
        stations[0].clone(),
    )
}

/// The answer's rules are exactly what `rule_results` says right after the edit.
fn assert_rules_current(api: &Api, answer: &Value, what: &str) {
    let rules = answer["rules"]
        .as_array()
        .expect("the answer carries rules");
    assert!(
        !rules.is_empty(),
        "{what}: the scenario has rules to report"
    );
    let fresh = api.call("rule_results", json!({})).expect("rule_results");
    assert_eq!(answer["rules"], fresh, "{what}: rules as rule_results");
    let metrics = api.call("metrics", json!({})).expect("metrics");
    assert_eq!(answer["metrics"], metrics, "{what}: metrics as metrics");
}

#[test]
fn every_board_edit_answers_with_the_rule_results_after_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let api = api(&dir);
    let (pn, station) = officer_and_station(&api);
    let before = api.call("rule_results", json!({})).expect("rule_results");

    let state = api.call("edit_state", json!({})).expect("edit_state");
    assert_rules_current(&api, &state, "edit_state");

    let moved = api
        .call(
            "move_people",
            json!({"police_numbers": [pn], "to": station}),
        )
        .expect("move");
    assert_rules_current(&api, &moved, "move_people");
    assert_ne!(
        moved["rules"], before,
        "a move to a station changes a rule's figure"
    );

    let unpinned = api
        .call("set_pins", json!({"police_numbers": [pn], "pinned": false}))
        .expect("unpin");
    assert_rules_current(&api, &unpinned, "set_pins");

    let excluded = api
        .call(
            "set_exclusions",
            json!({"police_number": pn, "grassroots": true}),
        )
        .expect("exclusions");
    assert_rules_current(&api, &excluded, "set_exclusions");

    let back = api
        .call(
            "apply_changes",
            json!({"changes": [{"police_number": pn, "to": null}], "label": "back"}),
        )
        .expect("back to the old unit");
    assert_rules_current(&api, &back, "apply_changes");

    let undone = api.call("undo", json!({})).expect("undo");
    assert_rules_current(&api, &undone, "undo");
    let redone = api.call("redo", json!({})).expect("redo");
    assert_rules_current(&api, &redone, "redo");
}

/// The kinds of the logged steps, oldest first, as the audit trail recorded them.
fn logged_kinds(api: &Api) -> Vec<String> {
    let history = api.call("history", json!({})).expect("history");
    let mut entries: Vec<&Value> = history
        .as_array()
        .expect("entries")
        .iter()
        .filter(|e| e["action"] == "edit")
        .collect();
    entries.sort_by_key(|e| e["id"].as_i64());
    entries
        .iter()
        .filter_map(|e| e["detail"]["kind"].as_str().map(str::to_owned))
        .collect()
}

#[test]
fn a_drop_back_to_the_old_unit_is_logged_as_a_change_not_as_accepting_a_solve() {
    let dir = tempfile::tempdir().expect("tempdir");
    let api = api(&dir);
    let (pn, station) = officer_and_station(&api);
    api.call(
        "move_people",
        json!({"police_numbers": [pn], "to": station}),
    )
    .expect("move");
    api.call(
        "apply_changes",
        json!({"changes": [{"police_number": pn, "to": null}], "label": "back"}),
    )
    .expect("back to the old unit");
    api.call(
        "apply_changes",
        json!({"changes": [{"police_number": pn, "to": station}], "label": "accept", "from_solve": true}),
    )
    .expect("accept a solve's change");
    assert_eq!(logged_kinds(&api), ["move", "changes", "accept_solve"]);
}
