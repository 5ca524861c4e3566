//! Every method callable by name, called with every shape of arguments (objects, arrays,
//! scalars, nested) that carries a path: a secret file outside the workspace, its folder,
//! `/proc/self/environ`, paths that do not exist, the workspace itself. Callers by name (the
//! webview, `planner serve`) must not be able to read, write or even probe a file: no answer
//! holds the secret or the environment, nothing outside the workspace folder changes or
//! appears, the workspace still opens with its data, and an existing path is answered exactly
//! like a missing one.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use base64::Engine;
use bureau_api::{Api, ErrorCode};
use bureau_core::BureauFile;
use bureau_storage::Workspace;
use serde_json::{json, Value};

const SECRET: &str = "SENTINEL-7f3a9c-the-secret-content";

/// Every file below `root` (except in `skip`) with its bytes.
fn files_below(root: &Path, skip: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![root.to_owned()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("read_dir") {
            let path = entry.expect("entry").path();
            if path.starts_with(skip) {
                continue;
            }
            if path.is_dir() {
                out.insert(path.clone(), Vec::new());
                stack.push(path);
            } else {
                let bytes = std::fs::read(&path).expect("read");
                out.insert(path, bytes);
            }
        }
    }
    out
}

/// Argument shapes around one path-looking value `p`.
fn shapes(p: &str) -> Vec<(&'static str, Value)> {
    let some_bytes = base64::engine::general_purpose::STANDARD.encode("警号,姓名\n1,甲\n");
    let mut out = vec![
        ("scalar string", json!(p)),
        ("array [p]", json!([p])),
        ("array [p, null, null]", json!([p, null, null])),
        ("array export order", json!([null, [], "csv", p])),
        ("array docx", json!([null, [], "docx", p])),
        ("array of arrays", json!([[p], [p, null]])),
        ("array of objects", json!([{"path": p}, {"file": p}])),
        ("number", json!(1)),
        ("boolean", json!(true)),
        ("object path", json!({"path": p})),
        (
            "object path and bytes",
            json!({"path": p, "bytes_base64": ""}),
        ),
        ("object path export", json!({"format": "csv", "path": p})),
        ("object path docx", json!({"format": "docx", "path": p})),
        ("object nested path", json!({"args": {"path": p}})),
        ("object path in path", json!({"path": {"path": p}})),
        ("object path list", json!({"path": [p]})),
        ("object file_name only", json!({"file_name": p})),
        (
            "object file_name and bytes",
            json!({"file_name": p, "bytes_base64": some_bytes}),
        ),
        ("object bytes are a path", json!({"bytes_base64": p})),
        ("object scenario id is a path", json!({"scenario_id": p})),
    ];
    for key in [
        "file",
        "file_path",
        "dir",
        "out",
        "output",
        "target",
        "db",
        "from",
        "to",
    ] {
        out.push(("object other key", json!({ key: p })));
    }
    out
}

/// An answer, with the path replaced by a placeholder, so answers for different paths compare.
fn normalised(answer: &Result<Value, bureau_api::ApiError>, p: &str) -> String {
    let text = match answer {
        Ok(v) => format!("ok {v}"),
        Err(e) => format!("err {}", serde_json::to_string(e).expect("json")),
    };
    text.replace(p, "<PATH>")
}

#[test]
fn no_argument_shape_reaches_a_file() {
    let root = tempfile::tempdir().expect("tempdir");
    let outside = root.path().join("outside");
    std::fs::create_dir(&outside).expect("mkdir");
    let secret = outside.join("secret.txt");
    std::fs::write(&secret, SECRET).expect("write");
    std::fs::write(
        outside.join("notes.csv"),
        format!("警号,姓名\n{SECRET},x\n"),
    )
    .expect("write");
    let ws_dir = root.path().join("ws");
    std::fs::create_dir(&ws_dir).expect("mkdir");
    let ws_path = ws_dir.join("w.bpw");
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/tiny.json"),
    )
    .expect("tiny.json");
    let file = BureauFile::parse(&text).expect("valid");
    let bureau_before = Workspace::create(&ws_path, &file, "方案一")
        .expect("create")
        .bureau()
        .expect("bureau");
    let cwd = std::env::current_dir().expect("cwd");
    let cwd_before = files_below(&cwd, &cwd.join("target"));
    let outside_before = files_below(root.path(), &ws_dir);
    let environment: Vec<String> = std::env::vars()
        .map(|(k, v)| format!("{k}={v}"))
        .filter(|kv| kv.len() > 12)
        .collect();

    let missing = outside.join("absent.txt");
    let ws_text = ws_path.display().to_string();
    let relative = "planner-shape-probe.csv";
    let probes: Vec<String> = vec![
        secret.display().to_string(),
        outside.display().to_string(),
        "/proc/self/environ".into(),
        missing.display().to_string(),
        outside.join("no/such/dir/x.docx").display().to_string(),
        ws_text.clone(),
        ws_dir.display().to_string(),
        relative.into(),
    ];

    let api = Api::open(&ws_path).expect("opens");
    let mut calls = 0;
    for method in Api::METHODS {
        for p in &probes {
            for (shape, args) in shapes(p) {
                let answer = api.call(method, args.clone());
                calls += 1;
                let text = normalised(&answer, p);
                assert!(
                    !text.contains(SECRET),
                    "{method} {shape} {p}: the secret leaked: {text}"
                );
                for kv in &environment {
                    assert!(
                        !text.contains(kv.as_str()),
                        "{method} {shape} {p}: the environment leaked"
                    );
                }
                if !args.is_object() {
                    let e = answer.expect_err("only objects are arguments");
                    assert_eq!(e.code, ErrorCode::BadRequest, "{method} {shape}: {e:?}");
                }
            }
        }
        // No existence oracle: a file that exists and one that does not get the same answer,
        // and so do a folder and a missing folder.
        for (there, absent) in [
            (secret.display().to_string(), missing.display().to_string()),
            (
                outside.display().to_string(),
                root.path().join("nowhere").display().to_string(),
            ),
            (
                ws_text.clone(),
                ws_dir.join("absent.bpw").display().to_string(),
            ),
        ] {
            for ((shape, a), (_, b)) in shapes(&there).into_iter().zip(shapes(&absent)) {
                assert_eq!(
                    normalised(&api.call(method, a), &there),
                    normalised(&api.call(method, b), &absent),
                    "{method} {shape}: {there} and {absent} are told apart"
                );
            }
        }
    }
    assert!(calls > Api::METHODS.len() * probes.len() * 20);
    drop(api);

    assert_eq!(
        files_below(root.path(), &ws_dir),
        outside_before,
        "nothing outside the workspace folder changed or appeared"
    );
    assert_eq!(
        files_below(&cwd, &cwd.join("target")),
        cwd_before,
        "nothing appeared in the working directory"
    );
    let mut ws = Workspace::open(&ws_path).expect("the workspace still opens");
    assert_eq!(ws.bureau().expect("bureau"), bureau_before);
    let names: Vec<String> = std::fs::read_dir(&ws_dir)
        .expect("read_dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|n| !n.starts_with("w.bpw"))
        .collect();
    assert_eq!(
        names,
        Vec::<String>::new(),
        "no stray file in the workspace folder"
    );
}

#[test]
fn arguments_are_one_object_or_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/tiny.json"),
    )
    .expect("tiny.json");
    let file = BureauFile::parse(&text).expect("valid");
    let api =
        Api::new(Workspace::create(&dir.path().join("w.bpw"), &file, "方案一").expect("create"));
    // By position, `[1]` would have been `{"scenario_id": 1}`.
    let e = api.call("overview", json!([1])).expect_err("array");
    assert_eq!(e.code, ErrorCode::BadRequest);
    assert!(
        e.message.contains("expected one JSON object"),
        "{}",
        e.message
    );
    assert!(e.message.contains("found an array"), "{}", e.message);
    for args in [json!("x"), json!(3), json!(false), json!([])] {
        let e = api.call("workspace_info", args).expect_err("not an object");
        assert_eq!(e.code, ErrorCode::BadRequest);
    }
    // The shape is checked before the method: an array to an unknown method is a bad request.
    let e = api.call("frobnicate", json!([])).expect_err("array");
    assert_eq!(e.code, ErrorCode::BadRequest);
    assert!(api.call("overview", json!({"scenario_id": 1})).is_ok());
    assert!(api.call("overview", Value::Null).is_ok());
    assert!(api.call("workspace_info", json!({})).is_ok());
    let e = api
        .call("roster_template", json!({"path": "/tmp/x.xlsx"}))
        .expect_err("no path field");
    assert_eq!(e.code, ErrorCode::BadRequest);
    assert!(api.call("roster_template", json!({})).is_ok());
}

#[test]
fn uploads_over_the_cap_are_refused_before_decoding() {
    let dir = tempfile::tempdir().expect("tempdir");
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/tiny.json"),
    )
    .expect("tiny.json");
    let file = BureauFile::parse(&text).expect("valid");
    let api =
        Api::new(Workspace::create(&dir.path().join("w.bpw"), &file, "方案一").expect("create"));
    let cap = bureau_api::MAX_UPLOAD_BYTES;
    // One byte over the cap, encoded; and text that is not even base64 (never decoded).
    let over = base64::engine::general_purpose::STANDARD.encode(vec![b'a'; cap + 1]);
    for bytes in [over, "!".repeat(cap / 3 * 4 + 8)] {
        for method in [
            "import_preview",
            "import_roster",
            "units_import_preview",
            "import_units",
        ] {
            let e = api
                .call(
                    method,
                    json!({"bytes_base64": bytes, "file_name": "big.xlsx"}),
                )
                .expect_err("too big");
            assert_eq!(e.code, ErrorCode::BadRequest);
            assert!(
                e.message.starts_with("big.xlsx: the file is 32.0 MiB")
                    && e.message.contains("files up to 32 MiB are accepted"),
                "{method}: {}",
                e.message
            );
        }
    }
    // Exactly at the cap is read (and found not to be a roster).
    let at = base64::engine::general_purpose::STANDARD.encode(vec![b'a'; cap]);
    let preview = api
        .call(
            "import_preview",
            json!({"bytes_base64": at, "file_name": "big.csv"}),
        )
        .expect("read");
    assert_eq!(preview["can_import"], false);
}
