//! Encrypted workspaces on disk: the file (and its WAL) shows no roster data, a wrong
//! passphrase is refused without touching the file, and re-keying keeps every row and the
//! audit chain.

use std::path::{Path, PathBuf};

use bureau_core::BureauFile;
use bureau_storage::{file_kind, FileKind, StorageError, Workspace};

const PASS: &str = "青山县-改革-2026";

fn county() -> BureauFile {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/county.json");
    let text = std::fs::read_to_string(&path).expect("county.json");
    BureauFile::parse(&text).expect("county parses")
}

/// The workspace file and its WAL, as they lie on disk.
fn bytes_on_disk(path: &Path) -> Vec<u8> {
    let mut all = std::fs::read(path).expect("workspace bytes");
    let mut wal = path.as_os_str().to_owned();
    wal.push("-wal");
    if let Ok(more) = std::fs::read(PathBuf::from(wal)) {
        all.extend(more);
    }
    all
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    !needle.is_empty() && haystack.windows(needle.len()).any(|w| w == needle)
}

/// The secrets found in `haystack`: one pass per distinct length, not one per secret.
fn found(haystack: &[u8], secrets: &[String]) -> Vec<String> {
    let set: std::collections::HashSet<&[u8]> = secrets.iter().map(|s| s.as_bytes()).collect();
    let lengths: std::collections::BTreeSet<usize> = set.iter().map(|s| s.len()).collect();
    let mut hits = std::collections::BTreeSet::new();
    for n in lengths {
        for w in haystack.windows(n) {
            if set.contains(w) {
                hits.insert(String::from_utf8_lossy(w).into_owned());
            }
        }
    }
    hits.into_iter().collect()
}

/// Names and police numbers of the roster: what must never be readable in the file.
fn secrets(file: &BureauFile) -> Vec<String> {
    file.people
        .iter()
        .flat_map(|p| [p.name.clone(), p.police_number.to_string()])
        .filter(|s| s.chars().count() >= 2)
        .collect()
}

#[test]
fn an_encrypted_file_holds_no_name_or_police_number_in_plain_bytes() {
    let file = county();
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("w.bpw");
    let mut ws = Workspace::create_with(&path, &file, "初始方案", Some(PASS)).expect("create");
    assert!(ws.is_encrypted());
    // Some writes, so the WAL holds pages too.
    ws.set_planner_name("王科长").expect("write");
    let id = ws.current_scenario_id().expect("current");
    ws.rename_scenario(id, "加密方案").expect("rename");

    let secrets = secrets(&file);
    assert!(secrets.len() >= 1000, "{} secrets", secrets.len());
    let on_disk = bytes_on_disk(&path);
    assert_eq!(found(&on_disk, &secrets), Vec::<String>::new());
    assert!(!contains(&on_disk, "加密方案".as_bytes()));
    assert!(!contains(&on_disk, b"SQLite format 3"));
    assert_eq!(file_kind(&path).expect("kind"), FileKind::Encrypted);

    // The same data in a plain workspace are readable: the check above can fail.
    let plain = dir.path().join("plain.bpw");
    Workspace::create(&plain, &file, "初始方案").expect("create plain");
    let plain_bytes = bytes_on_disk(&plain);
    assert!(found(&plain_bytes, &secrets).len() >= 1000);
}

#[test]
fn the_right_passphrase_opens_and_a_wrong_one_changes_nothing() {
    let file = county();
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("w.bpw");
    drop(Workspace::create_with(&path, &file, "初始方案", Some(PASS)).expect("create"));
    let before = std::fs::read(&path).expect("bytes");

    assert!(matches!(
        Workspace::open(&path),
        Err(StorageError::Encrypted(_))
    ));
    for wrong in ["", "青山县-改革-2025", "wrong passphrase", "a\0b"] {
        assert!(
            matches!(
                Workspace::open_with(&path, Some(wrong)),
                Err(StorageError::WrongPassphrase)
            ),
            "{wrong:?}"
        );
    }
    assert_eq!(
        std::fs::read(&path).expect("bytes"),
        before,
        "file untouched"
    );

    let mut ws = Workspace::open_with(&path, Some(PASS)).expect("opens");
    assert_eq!(ws.bureau().expect("bureau").people.len(), file.people.len());
    assert!(ws.audit_verify().expect("verify").intact);
}

#[test]
fn changing_the_passphrase_keeps_every_row_and_the_audit_chain() {
    let file = county();
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("w.bpw");
    let mut ws = Workspace::create(&path, &file, "初始方案").expect("create plain");
    ws.set_planner_name("李处长").expect("write");
    let people = ws.bureau().expect("bureau").people;

    // Plain → encrypted.
    ws.change_passphrase(Some(PASS)).expect("encrypt");
    assert!(ws.is_encrypted());
    assert_eq!(file_kind(&path).expect("kind"), FileKind::Encrypted);
    assert!(ws.check_passphrase(PASS).expect("check"));
    assert!(!ws.check_passphrase("not it at all").expect("check"));

    // Encrypted → new passphrase.
    ws.change_passphrase(Some("另一个口令-abcdef"))
        .expect("rekey");
    drop(ws);
    assert!(matches!(
        Workspace::open_with(&path, Some(PASS)),
        Err(StorageError::WrongPassphrase)
    ));
    let mut ws = Workspace::open_with(&path, Some("另一个口令-abcdef")).expect("new key opens");
    assert_eq!(ws.bureau().expect("bureau").people, people);
    assert_eq!(ws.planner_name().expect("name"), "李处长");
    let report = ws.audit_verify().expect("verify");
    assert!(report.intact, "{report:?}");
    let passphrase_rows = ws
        .history(None, None, None, 100)
        .expect("history")
        .into_iter()
        .filter(|e| e.action == "passphrase")
        .count();
    assert_eq!(passphrase_rows, 2, "each change is audited");

    // Encrypted → plain.
    ws.change_passphrase(None).expect("decrypt");
    drop(ws);
    assert_eq!(file_kind(&path).expect("kind"), FileKind::Plain);
    let mut ws = Workspace::open(&path).expect("plain opens");
    assert_eq!(ws.bureau().expect("bureau").people, people);
    assert!(ws.audit_verify().expect("verify").intact);
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .expect("dir")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("partial"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn short_passphrases_are_refused_before_anything_is_written() {
    let file = county();
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("w.bpw");
    assert!(matches!(
        Workspace::create_with(&path, &file, "初始方案", Some("1234567")),
        Err(StorageError::Invalid(_))
    ));
    assert!(!path.exists());
    let mut ws = Workspace::create_with(&path, &file, "初始方案", Some(PASS)).expect("create");
    assert!(matches!(
        ws.change_passphrase(Some("short")),
        Err(StorageError::Invalid(_))
    ));
    assert!(ws.check_passphrase(PASS).expect("old key still valid"));
}

#[test]
fn the_idle_lock_time_is_stored_with_the_workspace() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("w.bpw");
    let mut ws = Workspace::create_with(&path, &county(), "初始方案", Some(PASS)).expect("create");
    assert_eq!(ws.idle_lock_seconds().expect("read"), 600);
    ws.set_idle_lock_seconds(120).expect("set");
    assert!(ws.set_idle_lock_seconds(90_000).is_err());
    drop(ws);
    let mut ws = Workspace::open_with(&path, Some(PASS)).expect("open");
    assert_eq!(ws.idle_lock_seconds().expect("read"), 120);
}
