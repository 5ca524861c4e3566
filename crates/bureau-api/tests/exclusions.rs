//! Exclusions (不宜调往) through the dispatcher, on a bureau that is not the sample (测试县公安局):
//! set on the board as one undoable step, shown on the person, honoured by the solve (the
//! checker agrees), carried in the exported bureau file, and refused with the field at fault.

use bureau_api::{Api, ErrorCode};
use bureau_core::templates::{apply, Template};
use bureau_core::{BureauFile, Tier};
use bureau_storage::Workspace;
use serde_json::{json, Value};

fn api(dir: &tempfile::TempDir) -> (Api, BureauFile) {
    let bureau = bureau_samples::test_county();
    let (structure, draft) = apply(Template::OnePlusFive, &bureau);
    let file = BureauFile::new(bureau, structure, Some(draft));
    let ws = Workspace::create(&dir.path().join("w.bpw"), &file, "方案一").expect("create");
    (Api::new(ws), file)
}

fn person(api: &Api, pn: &str) -> Value {
    api.call("people", json!({}))
        .expect("people")
        .as_array()
        .and_then(|a| a.iter().find(|p| p["police_number"] == pn).cloned())
        .expect("the person")
}

#[test]
fn an_exclusion_is_an_undoable_step_the_solve_honours_and_the_file_carries() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (api, file) = api(&dir);
    let grassroots =
        |unit: &str| file.structure.unit(unit).map(|u| u.tier) == Some(Tier::Grassroots);
    let first = api.call("solve", json!({})).expect("solve");
    assert_eq!(first["status"], "optimal", "{}", first["diagnosis"]);
    let sent_down = first["moves"]
        .as_array()
        .expect("moves")
        .iter()
        .find(|m| grassroots(m["to"].as_str().unwrap_or("")))
        .and_then(|m| m["police_number"].as_str())
        .expect("the solve sends someone down")
        .to_owned();

    let set = api
        .call(
            "set_exclusions",
            json!({"police_number": sent_down, "grassroots": true}),
        )
        .expect("set");
    assert_eq!(set["exclusions_changed"], true);
    assert_eq!(set["can_undo"], true);
    assert!(set["undo_label"]
        .as_str()
        .is_some_and(|l| l.contains(&sent_down)));
    assert_eq!(person(&api, &sent_down)["excluded_grassroots"], true);

    let second = api.call("solve", json!({})).expect("solve");
    assert_eq!(second["status"], "optimal", "{}", second["diagnosis"]);
    let now = second["assignment"][&sent_down].as_str().expect("placed");
    assert!(!grassroots(now), "{sent_down} still sent to {now}");
    let hard: Vec<&Value> = second["violations"]
        .as_array()
        .expect("violations")
        .iter()
        .filter(|v| v["hard"] == true)
        .collect();
    assert!(hard.is_empty(), "{hard:?}");

    let undone = api.call("undo", json!({})).expect("undo");
    assert_eq!(undone["exclusions_changed"], true);
    assert_eq!(person(&api, &sent_down)["excluded_grassroots"], false);
    api.call("redo", json!({})).expect("redo");
    assert_eq!(person(&api, &sent_down)["excluded_grassroots"], true);

    // The bureau file carries it, and reads back (the API lets go of the workspace first).
    drop(api);
    let mut ws = Workspace::open(&dir.path().join("w.bpw")).expect("open");
    let id = ws.scenarios().expect("scenarios")[0].id;
    let exported = ws.export_bureau_file(id).expect("export").to_json_pretty();
    let back = BureauFile::parse(&exported).expect("the exported file reads back");
    let draft = back.draft.expect("draft");
    assert!(
        draft
            .exclusions
            .iter()
            .any(|x| x.police_number == sent_down && x.unit.is_none()),
        "{:?}",
        draft.exclusions
    );
}

#[test]
fn a_bad_exclusion_is_refused_and_changes_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (api, file) = api(&dir);
    let pn = file.people[0].police_number.clone();
    let state = api.call("edit_state", json!({})).expect("state");
    let e = api
        .call(
            "set_exclusions",
            json!({"police_number": pn, "units": ["no-such-unit"]}),
        )
        .expect_err("unknown unit");
    assert_eq!(e.code, ErrorCode::BadRequest);
    assert!(
        e.message.contains("units") && e.message.contains("no-such-unit"),
        "{}",
        e.message
    );
    let e = api
        .call(
            "set_exclusions",
            json!({"police_number": "X-404", "grassroots": true}),
        )
        .expect_err("unknown person");
    assert_eq!(e.code, ErrorCode::BadRequest);
    assert!(e.message.contains("X-404"), "{}", e.message);
    assert_eq!(api.call("edit_state", json!({})).expect("state"), state);
    assert!(Api::METHODS.contains(&"set_exclusions"));
}
