//! The workspace's life behind the API: absent → created (encrypted or not) → locked →
//! unlocked, with every other method refused while it is not open.

use bureau_api::{Api, ErrorCode};
use serde_json::{json, Value};

const PASS: &str = "correct horse battery";

fn call(api: &Api, method: &str, args: Value) -> Result<Value, ErrorCode> {
    api.call(method, args).map_err(|e| e.code)
}

fn state(api: &Api) -> String {
    call(api, "workspace_status", Value::Null).expect("status")["state"]
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

#[test]
fn first_start_creates_an_encrypted_workspace_that_locks_and_unlocks() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("sub/w.bpw");
    let api = Api::start(&path, None).expect("start");
    let status = call(&api, "workspace_status", Value::Null).expect("status");
    assert_eq!(status["state"], "absent");
    assert_eq!(status["file_name"], "w.bpw");
    assert_eq!(
        call(&api, "overview", json!({})),
        Err(ErrorCode::NoWorkspace)
    );

    assert_eq!(
        call(&api, "workspace_create", json!({"encrypt": true})),
        Err(ErrorCode::BadRequest),
        "no passphrase"
    );
    assert_eq!(
        call(
            &api,
            "workspace_create",
            json!({"encrypt": true, "passphrase": "short"})
        ),
        Err(ErrorCode::BadRequest)
    );
    assert!(!path.exists(), "refused creations leave no file");
    let info = call(
        &api,
        "workspace_create",
        json!({"encrypt": true, "passphrase": PASS}),
    )
    .expect("create");
    assert_eq!(info["bureau"]["name"], "青山县公安局");
    assert_eq!(
        call(&api, "workspace_create", json!({"encrypt": false})),
        Err(ErrorCode::BadRequest),
        "only once"
    );
    let before = call(&api, "metrics", json!({})).expect("metrics");

    call(&api, "set_idle_lock", json!({"seconds": 2})).expect("idle lock");
    let locked = call(&api, "workspace_lock", Value::Null).expect("lock");
    assert_eq!(locked["state"], "locked");
    assert_eq!(locked["idle_lock_seconds"], 2);
    for method in ["overview", "metrics", "people", "history", "rule_results"] {
        assert_eq!(
            call(&api, method, json!({})),
            Err(ErrorCode::Locked),
            "{method}"
        );
    }
    assert_eq!(
        call(
            &api,
            "workspace_unlock",
            json!({"passphrase": "wrong wrong"})
        ),
        Err(ErrorCode::WrongPassphrase)
    );
    assert_eq!(state(&api), "locked");
    call(&api, "workspace_unlock", json!({"passphrase": PASS})).expect("unlock");
    assert_eq!(call(&api, "metrics", json!({})).expect("metrics"), before);

    // A restarted host finds it locked.
    drop(api);
    let api = Api::start(&path, None).expect("restart");
    assert_eq!(state(&api), "locked");
    // A host holds the workspace even while it is locked: a second one is refused.
    let e = Api::start(&path, Some(PASS)).expect_err("one process at a time");
    assert_eq!(e.code, ErrorCode::WorkspaceInUse);
    drop(api);
    let api = Api::start(&path, Some(PASS)).expect("restart with key");
    assert_eq!(state(&api), "open");
    assert_eq!(
        call(&api, "workspace_status", Value::Null).expect("status")["idle_lock_seconds"],
        2
    );
}

#[test]
fn the_passphrase_changes_only_with_the_current_one() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("w.bpw");
    let api = Api::start(&path, None).expect("start");
    call(&api, "workspace_create", json!({"encrypt": false})).expect("create plain");
    assert_eq!(
        call(&api, "workspace_lock", Value::Null),
        Err(ErrorCode::BadRequest),
        "a plain workspace cannot lock"
    );
    let status = call(&api, "change_passphrase", json!({"new": PASS})).expect("encrypt");
    assert_eq!(status["encrypted"], true);

    assert_eq!(
        call(
            &api,
            "change_passphrase",
            json!({"current": "not the one", "new": "another passphrase"})
        ),
        Err(ErrorCode::WrongPassphrase)
    );
    call(
        &api,
        "change_passphrase",
        json!({"current": PASS, "new": "another passphrase"}),
    )
    .expect("change");
    call(&api, "workspace_lock", Value::Null).expect("lock");
    assert_eq!(
        call(&api, "workspace_unlock", json!({"passphrase": PASS})),
        Err(ErrorCode::WrongPassphrase)
    );
    call(
        &api,
        "workspace_unlock",
        json!({"passphrase": "another passphrase"}),
    )
    .expect("new passphrase");
    let status = call(
        &api,
        "change_passphrase",
        json!({"current": "another passphrase"}),
    )
    .expect("decrypt");
    assert_eq!(status["encrypted"], false);
    drop(api);
    let api = Api::start(&path, None).expect("restart");
    assert_eq!(state(&api), "open");
}

#[test]
fn locking_forgets_background_jobs() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("w.bpw");
    let api = Api::start(&path, None).expect("start");
    call(
        &api,
        "workspace_create",
        json!({"encrypt": true, "passphrase": PASS}),
    )
    .expect("create");
    let job = call(&api, "solve_start", json!({})).expect("start a solve");
    call(&api, "workspace_lock", Value::Null).expect("lock");
    call(&api, "workspace_unlock", json!({"passphrase": PASS})).expect("unlock");
    assert_eq!(
        call(&api, "job_status", json!({"job_id": job["job_id"]})),
        Err(ErrorCode::NotFound),
        "no plan with names survives a lock"
    );
}

#[test]
fn a_second_host_on_the_same_file_is_refused_in_every_state() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("w.bpw");
    // Absent: the first host will create it; a second must not create it too.
    let api = Api::start(&path, None).expect("start");
    let e = Api::start(&path, None).expect_err("second host");
    assert_eq!(e.code, ErrorCode::WorkspaceInUse);
    assert!(
        e.message.contains(&format!("pid {}", std::process::id())),
        "{}",
        e.message
    );
    call(
        &api,
        "workspace_create",
        json!({"encrypt": true, "passphrase": PASS}),
    )
    .expect("create");
    call(&api, "workspace_lock", json!({})).expect("lock");
    assert_eq!(state(&api), "locked");
    let e = Api::start(&path, Some(PASS)).expect_err("still held while locked");
    assert_eq!(e.code, ErrorCode::WorkspaceInUse);
    drop(api);
    let api = Api::start(&path, Some(PASS)).expect("free once the first host is gone");
    assert_eq!(state(&api), "open");
}
