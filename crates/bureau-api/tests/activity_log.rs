//! The activity log after a journey through the API — create, move, solve, accept, a roster
//! import full of errors that quote names, export, compare, history, lock and unlock — holds
//! method names and outcomes, and not one name or police number.

use base64::Engine;
use bureau_api::{ActivityLog, Api};
use serde_json::{json, Value};

const PASS: &str = "log test passphrase";

fn roster_secrets() -> Vec<String> {
    let file = bureau_api::sample_bureau_file().expect("sample");
    file.people
        .iter()
        .flat_map(|p| [p.name.clone(), p.police_number.to_string()])
        .collect()
}

#[test]
fn a_full_journey_leaves_no_personal_data_in_the_log() {
    let dir = tempfile::tempdir().expect("tempdir");
    let logs = dir.path().join("logs");
    let api = Api::start(&dir.path().join("w.bpw"), None).expect("start");
    api.set_log(ActivityLog::open(&logs).expect("log"));
    let call = |m: &str, a: Value| api.call(m, a);

    call(
        "workspace_create",
        json!({"encrypt": true, "passphrase": PASS}),
    )
    .expect("create");
    let file = bureau_api::sample_bureau_file().expect("sample");
    let person = file.people[0].police_number.to_string();
    call(
        "move_people",
        json!({"police_numbers": [person], "to": "d-ps01"}),
    )
    .expect("move");
    call("undo", json!({})).expect("undo");
    call("solve", json!({})).expect("solve");
    call("people", json!({})).expect("people");
    call("history", json!({})).expect("history");
    // A roster whose rows quote people and fail: the error messages carry their names.
    let csv = format!(
        "警号,姓名,性别,出生年月,人员类别,职级,职务,现单位\n{},{},男,1975.13,民警,,,不存在的单位\n",
        file.people[2].police_number, file.people[2].name
    );
    let bytes = base64::engine::general_purpose::STANDARD.encode(csv.as_bytes());
    let preview = call(
        "import_preview",
        json!({"bytes_base64": bytes, "file_name": format!("{}.csv", file.people[3].name)}),
    )
    .expect("a preview listing the problems");
    assert!(
        preview.to_string().contains(&file.people[3].name),
        "the problems quote the file name (a person here): the log must not"
    );
    call("export_document", json!({"format": "docx"})).expect("export");
    assert!(call("workspace_unlock", json!({"passphrase": "wrong"})).is_err());
    call("workspace_lock", Value::Null).expect("lock");
    assert!(call(
        "workspace_unlock",
        json!({"passphrase": file.people[4].name})
    )
    .is_err());
    call("workspace_unlock", json!({"passphrase": PASS})).expect("unlock");
    assert!(
        call(&file.people[5].name, json!({})).is_err(),
        "an unknown method named like a person"
    );

    let mut log = String::new();
    for entry in std::fs::read_dir(&logs).expect("log dir") {
        log.push_str(&std::fs::read_to_string(entry.expect("entry").path()).expect("read"));
    }
    assert!(log.contains(" call move_people ok "), "{log}");
    assert!(
        log.contains(" call workspace_unlock wrong_passphrase "),
        "{log}"
    );
    assert!(log.contains(" call (unknown) unknown_method "), "{log}");
    let found: Vec<String> = roster_secrets()
        .into_iter()
        .filter(|s| s.chars().count() >= 2 && log.contains(s.as_str()))
        .collect();
    assert_eq!(found, Vec::<String>::new(), "{log}");
    assert!(!log.contains(PASS));
}

#[test]
fn transports_may_not_name_file_paths() {
    let dir = tempfile::tempdir().expect("tempdir");
    let api = Api::start(&dir.path().join("w.bpw"), None).expect("start");
    api.call("workspace_create", json!({"encrypt": false}))
        .expect("create");
    let target = dir.path().join("overwritten.docx");
    let e = api
        .call("export_document", json!({"format": "docx", "path": target}))
        .expect_err("refused");
    assert_eq!(e.code, bureau_api::ErrorCode::BadRequest);
    assert!(!target.exists());
    let e = api
        .call("import_preview", json!({"path": "/etc/passwd"}))
        .expect_err("refused");
    assert_eq!(e.code, bureau_api::ErrorCode::BadRequest);
}
