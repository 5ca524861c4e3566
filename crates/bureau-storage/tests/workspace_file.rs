//! The workspace file against real SQLite files on disk: round trips, and the files it must refuse.

use std::path::{Path, PathBuf};

use bureau_core::BureauFile;
use bureau_storage::{StorageError, Workspace};

fn fixture(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../fixtures")
        .join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn tiny() -> BureauFile {
    BureauFile::parse(&fixture("tiny.json")).expect("tiny.json is valid")
}

fn temp_db(dir: &tempfile::TempDir) -> PathBuf {
    dir.path().join("w.bpw")
}

#[test]
fn bureau_file_round_trips_through_a_workspace_byte_for_byte() {
    for name in ["tiny.json", "county.json", "city.json"] {
        let Ok(text) = std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("../../fixtures")
                .join(name),
        ) else {
            assert_ne!(name, "tiny.json", "tiny.json must exist");
            continue;
        };
        let file = BureauFile::parse(&text).expect("fixture parses");
        let dir = tempfile::tempdir().expect("tempdir");
        let mut ws = Workspace::create(&temp_db(&dir), &file, "初始方案").expect("create");
        let id = ws.current_scenario_id().expect("current");
        let back = ws.export_bureau_file(id).expect("export");
        assert_eq!(back, file, "{name}");
        assert_eq!(back.to_json_pretty(), text, "{name}: text identical");
    }
}

#[test]
fn reopening_keeps_everything_and_the_current_scenario() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = temp_db(&dir);
    let file = tiny();
    drop(Workspace::create(&path, &file, "方案一").expect("create"));
    let mut ws = Workspace::open(&path).expect("open");
    let scenarios = ws.scenarios().expect("list");
    assert_eq!(scenarios.len(), 1);
    assert_eq!(scenarios[0].name, "方案一");
    assert_eq!(scenarios[0].structure_name, "1+2+2");
    let id = ws.current_scenario_id().expect("current");
    let s = ws.scenario(id).expect("scenario");
    assert_eq!(Some(s.draft), file.draft);
    assert_eq!(ws.bureau().expect("bureau").people.len(), 12);
}

#[test]
fn saving_a_draft_is_validated_and_all_or_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut ws = Workspace::create(&temp_db(&dir), &tiny(), "方案一").expect("create");
    let id = ws.current_scenario_id().expect("current");
    let before = ws.scenario(id).expect("scenario").draft;

    let mut bad = before.clone();
    bad.assignment
        .insert("100009".into(), "no-such-unit".into());
    let err = ws.save_draft(id, &bad).expect_err("unknown unit refused");
    assert!(matches!(err, StorageError::Invalid(_)), "{err}");
    assert_eq!(ws.scenario(id).expect("scenario").draft, before);

    let mut good = before.clone();
    good.assignment.insert("100009".into(), "n-ps2".into());
    good.pins.push("100009".into());
    ws.save_draft(id, &good).expect("valid draft saves");
    assert_eq!(ws.scenario(id).expect("scenario").draft, good);
}

#[test]
fn refuses_to_create_over_an_existing_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = temp_db(&dir);
    std::fs::write(&path, "precious").expect("write");
    let err = Workspace::create(&path, &tiny(), "x").expect_err("exists");
    assert!(matches!(err, StorageError::AlreadyExists(_)), "{err}");
    assert_eq!(std::fs::read_to_string(&path).expect("read"), "precious");
}

#[test]
fn refuses_files_that_are_not_workspaces() {
    let dir = tempfile::tempdir().expect("tempdir");
    let text = dir.path().join("notes.txt");
    std::fs::write(&text, "这不是数据库").expect("write");
    assert!(matches!(
        Workspace::open(&text),
        Err(StorageError::NotAWorkspace(_))
    ));

    let empty = dir.path().join("empty.bpw");
    std::fs::write(&empty, "").expect("write");
    assert!(matches!(
        Workspace::open(&empty),
        Err(StorageError::NotAWorkspace(_))
    ));

    let other = dir.path().join("other.sqlite");
    foreign_sqlite(&other);
    assert!(matches!(
        Workspace::open(&other),
        Err(StorageError::NotAWorkspace(_))
    ));
    let missing = dir.path().join("missing.bpw");
    assert!(matches!(
        Workspace::open(&missing),
        Err(StorageError::NotFound(_))
    ));
}

/// Another application's SQLite file, written without our crate.
fn foreign_sqlite(path: &Path) {
    // Build a real SQLite file, then clear its application id: that is what any other
    // application's SQLite file looks like to us.
    let ws = Workspace::create(path, &tiny(), "x").expect("create");
    drop(ws);
    let status = std::process::Command::new("python3")
        .arg("-c")
        .arg("import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute('PRAGMA application_id=0'); c.commit()")
        .arg(path)
        .status()
        .expect("python3 runs");
    assert!(status.success());
}

#[test]
fn refuses_a_workspace_from_a_newer_version_without_touching_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = temp_db(&dir);
    drop(Workspace::create(&path, &tiny(), "x").expect("create"));
    let status = std::process::Command::new("python3")
        .arg("-c")
        .arg("import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute('PRAGMA user_version=99'); c.commit()")
        .arg(&path)
        .status()
        .expect("python3 runs");
    assert!(status.success());
    let before = std::fs::read(&path).expect("read");
    match Workspace::open(&path) {
        Err(StorageError::NewerVersion { found: 99, .. }) => {}
        other => panic!("expected NewerVersion, got {other:?}"),
    }
    assert_eq!(std::fs::read(&path).expect("read"), before);
}

#[test]
fn a_damaged_file_is_reported_not_opened() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = temp_db(&dir);
    drop(Workspace::create(&path, &tiny(), "x").expect("create"));
    let mut bytes = std::fs::read(&path).expect("read");
    // Scribble over the second page onward: the header survives, the b-trees do not.
    let len = bytes.len();
    for b in &mut bytes[4096..len.min(4096 * 3)] {
        *b = 0xA5;
    }
    std::fs::write(&path, &bytes).expect("write");
    let err = Workspace::open(&path).expect_err("damaged");
    assert!(
        matches!(
            err,
            StorageError::Damaged(_) | StorageError::NotAWorkspace(_)
        ),
        "{err}"
    );
}
