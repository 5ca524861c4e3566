//! Community roles (社区民警) through the dispatcher, on a bureau that is not the sample
//! (测试县公安局): a solve names the holders, accepting it adopts its
//! placements and roles in one undoable step, the board gives, takes and pins a role as one
//! step each with the gauges in its answer, the bureau file carries the roles, and a bad
//! request changes nothing.

use bureau_api::{Api, ErrorCode};
use bureau_core::templates::{apply, Template};
use bureau_core::{BureauFile, CommunityRoles, Post};
use bureau_storage::Workspace;
use serde_json::{json, Value};

/// The generated county; `unmarked`: its roster marks nobody as community police, so that
/// every post in a plan is one the plan gives.
fn api(dir: &tempfile::TempDir, unmarked: bool) -> (Api, BureauFile) {
    let mut bureau = bureau_samples::test_county();
    if unmarked {
        for p in &mut bureau.people {
            p.community_police = false;
        }
    }
    let (structure, draft) = apply(Template::OnePlusFive, &bureau);
    let file = BureauFile::new(bureau, structure, Some(draft));
    let ws = Workspace::create(&dir.path().join("w.bpw"), &file, "方案一").expect("create");
    (Api::new(ws), file)
}

fn people(api: &Api) -> Vec<Value> {
    api.call("people", json!({}))
        .expect("people")
        .as_array()
        .cloned()
        .expect("a list")
}

fn holders(api: &Api) -> usize {
    people(api)
        .iter()
        .filter(|p| p["community_role"] == true)
        .count()
}

/// Whether `unit` (a person's `unit` as `people` answers it) is a police station.
fn at_station(file: &BureauFile, unit: &Value) -> bool {
    unit.as_str()
        .and_then(|u| file.structure.unit(u))
        .is_some_and(|u| u.is_station())
}

/// A station officer who may hold a community post and holds none.
fn eligible_station_officer<'a>(file: &BureauFile, people: &'a [Value]) -> &'a Value {
    people
        .iter()
        .find(|p| {
            p["community_eligible"] == true
                && p["community_role"] == false
                && at_station(file, &p["unit"])
        })
        .expect("an eligible station officer")
}

fn community_officers(v: &Value) -> u64 {
    v["metrics"]["after"]["community_officers"]
        .as_u64()
        .expect("a count")
}

#[test]
fn accepting_a_solve_adopts_its_roles_in_the_same_undoable_step() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (api, _) = api(&dir, true);
    let before = api.call("edit_state", json!({})).expect("state");
    assert_eq!(community_officers(&before), 0, "nobody is marked today");
    let out = api.call("solve", json!({})).expect("solve");
    assert_eq!(out["status"], "optimal", "{}", out["diagnosis"]);
    let roles: CommunityRoles =
        serde_json::from_value(out["community"].clone()).expect("the plan's roles");
    assert!(!roles.roles.is_empty(), "the share rule needs posts given");
    let changes: Vec<Value> = out["moves"]
        .as_array()
        .expect("moves")
        .iter()
        .map(|m| json!({"police_number": m["police_number"], "to": m["to"]}))
        .collect();
    let accepted = api
        .call(
            "apply_changes",
            json!({"changes": changes, "label": "accept", "from_solve": true,
                   "community": out["community"]}),
        )
        .expect("accept");
    assert_eq!(accepted["community_changed"], true);
    let expected = out["metrics"]["after"]["community_officers"].as_u64();
    assert_eq!(Some(community_officers(&accepted)), expected);
    assert!(community_officers(&accepted) > 0);
    assert_eq!(holders(&api) as u64, community_officers(&accepted));

    let undone = api.call("undo", json!({})).expect("undo");
    assert_eq!(undone["community_changed"], true);
    assert_eq!(
        community_officers(&undone),
        0,
        "one undo reverts roles and placements"
    );
    assert_eq!(holders(&api), 0);
    let redone = api.call("redo", json!({})).expect("redo");
    assert_eq!(community_officers(&redone), community_officers(&accepted));
}

#[test]
fn the_board_gives_takes_and_pins_a_role_and_the_file_carries_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (api, file) = api(&dir, false);
    let everyone = people(&api);
    let officer = eligible_station_officer(&file, &everyone);
    let pn = officer["police_number"].as_str().expect("pn").to_owned();
    let leader = everyone
        .iter()
        .find(|p| {
            p["category"] == "officer"
                && p["post"] != json!(Post::None)
                && at_station(&file, &p["unit"])
        })
        .and_then(|p| p["police_number"].as_str())
        .expect("a station leader")
        .to_owned();
    let start = api.call("edit_state", json!({})).expect("state");

    let given = api
        .call(
            "set_community_role",
            json!({"police_number": pn, "holds": true}),
        )
        .expect("give");
    assert_eq!(given["community_changed"], true);
    assert_eq!(community_officers(&given), community_officers(&start) + 1);
    let share = given["metrics"]["community_share"].as_f64().expect("share");
    assert!(share > 0.0);
    let pinned = api
        .call(
            "set_community_role",
            json!({"police_number": pn, "pinned": true}),
        )
        .expect("pin");
    let me = people(&api)
        .into_iter()
        .find(|p| p["police_number"] == pn)
        .expect("me");
    assert_eq!(
        (me["community_role"].clone(), me["community_pinned"].clone()),
        (json!(true), json!(true))
    );
    assert!(pinned["undo_label"]
        .as_str()
        .is_some_and(|l| l.contains(&pn)));

    // A station leader may not hold a post: refused, nothing changes.
    let e = api
        .call(
            "set_community_role",
            json!({"police_number": leader, "holds": true}),
        )
        .expect_err("a leader");
    assert_eq!(e.code, ErrorCode::BadRequest);
    assert!(e.message.contains(&leader), "{}", e.message);
    let e = api
        .call(
            "set_community_role",
            json!({"police_number": "X-404", "holds": true}),
        )
        .expect_err("unknown");
    assert_eq!(e.code, ErrorCode::BadRequest);
    let now = api.call("edit_state", json!({})).expect("state");
    assert_eq!(now["revision"], pinned["revision"]);

    // Undo the pin, then the post: back to the start.
    api.call("undo", json!({})).expect("undo pin");
    let back = api.call("undo", json!({})).expect("undo post");
    assert_eq!(community_officers(&back), community_officers(&start));
    api.call("redo", json!({})).expect("redo post");
    api.call("redo", json!({})).expect("redo pin");

    let history = api.call("history", json!({})).expect("history");
    assert!(
        history
            .as_array()
            .expect("rows")
            .iter()
            .any(|r| r["action"] == "community"),
        "audited"
    );

    drop(api);
    let mut ws = Workspace::open(&dir.path().join("w.bpw")).expect("open");
    let id = ws.scenarios().expect("scenarios")[0].id;
    let exported = ws.export_bureau_file(id).expect("export").to_json_pretty();
    let back = BureauFile::parse(&exported).expect("the exported file reads back");
    let community = back.draft.expect("draft").community;
    assert_eq!(community.roles.get(&pn), Some(&true));
    assert_eq!(community.pins, vec![pn]);
}

#[test]
fn an_age_limit_is_an_undoable_step_and_a_bad_one_changes_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (api, _) = api(&dir, false);
    let start = api.call("edit_state", json!({})).expect("state");
    assert!(community_officers(&start) > 0);
    let e = api
        .call("set_community_eligibility", json!({"max_age": 5}))
        .expect_err("too young");
    assert_eq!(e.code, ErrorCode::BadRequest);
    assert!(e.message.contains("max_age"), "{}", e.message);
    assert_eq!(api.call("edit_state", json!({})).expect("state"), start);

    // 18: every officer is at least that old, so nobody holds a post.
    let limited = api
        .call("set_community_eligibility", json!({"max_age": 18}))
        .expect("limit");
    assert_eq!(limited["community_changed"], true);
    assert_eq!(community_officers(&limited), 0);
    assert!(people(&api)
        .iter()
        .all(|p| p["community_eligible"] == false));
    let weights = api.call("weights", json!({})).expect("weights");
    assert_eq!(weights["community_max_age"], 18);
    let undone = api.call("undo", json!({})).expect("undo");
    assert_eq!(community_officers(&undone), community_officers(&start));
    assert_eq!(
        api.call("weights", json!({})).expect("weights")["community_max_age"],
        json!(null)
    );
}

/// The board's copy of the people after a step: the previous list with the answer's `changed`
/// entries laid over it, as the screen does without reading `people` again.
fn patched(before: &[Value], answer: &Value) -> Vec<Value> {
    let mut out = before.to_vec();
    for c in answer["changed"].as_array().expect("changed") {
        let me = out
            .iter_mut()
            .find(|p| p["police_number"] == c["police_number"])
            .expect("a listed person is on the roster");
        for (key, value) in c.as_object().expect("an entry") {
            me[key] = value.clone();
        }
    }
    out
}

#[test]
fn every_community_step_answers_the_people_it_changed_so_the_screen_needs_no_second_call() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (api, file) = api(&dir, false);
    let mut shown = people(&api);
    let officer = eligible_station_officer(&file, &shown);
    let pn = officer["police_number"].as_str().expect("pn").to_owned();
    let age = officer["age"].as_u64().expect("age");
    let steps = [
        (
            "set_community_role",
            json!({"police_number": pn, "holds": true}),
        ),
        (
            "set_community_role",
            json!({"police_number": pn, "pinned": true}),
        ),
        ("set_community_eligibility", json!({"max_age": age})),
        ("undo", json!({})),
        ("redo", json!({})),
        ("set_community_eligibility", json!({"max_age": null})),
        ("undo", json!({})),
        ("undo", json!({})),
        ("undo", json!({})),
    ];
    for (method, args) in steps {
        let answer = api.call(method, args.clone()).expect(method);
        assert_eq!(answer["community_changed"], true, "{method} {args}");
        assert!(
            !answer["changed"].as_array().expect("changed").is_empty(),
            "{method} {args} lists whom it changed"
        );
        shown = patched(&shown, &answer);
        assert_eq!(
            shown,
            people(&api),
            "{method} {args}: the answer alone updates the screen"
        );
    }
}
