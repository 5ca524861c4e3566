//! One process per workspace: a second open is refused with the holder's name, the lock
//! outlives a re-key (which replaces the database file), and the files are owner-only.

use std::path::Path;

use bureau_core::BureauFile;
use bureau_storage::{lock_path, StorageError, Workspace};

const PASS: &str = "青山县-改革办-2024";

fn tiny() -> BureauFile {
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/tiny.json"),
    )
    .expect("tiny.json");
    BureauFile::parse(&text).expect("valid")
}

fn refused(result: Result<Workspace, StorageError>) -> String {
    match result {
        Err(e @ StorageError::InUse { .. }) => e.to_string(),
        Err(e) => panic!("expected InUse, got {e}"),
        Ok(_) => panic!("expected InUse, the second open succeeded"),
    }
}

#[test]
fn a_second_open_is_refused_until_the_first_closes() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("w.bpw");
    let first = Workspace::create(&path, &tiny(), "方案一").expect("create");
    let message = refused(Workspace::open(&path));
    assert!(
        message.contains("the workspace is open in another process")
            && message.contains(&format!("pid {}", std::process::id()))
            && message.contains(&path.display().to_string()),
        "{message}"
    );
    // Creating over it is refused the same way, before the file is looked at.
    refused(Workspace::create(&path, &tiny(), "again"));
    drop(first);
    let mut again = Workspace::open(&path).expect("free after close");
    assert_eq!(again.scenarios().expect("list").len(), 1);
}

#[test]
fn a_re_key_keeps_the_lock_so_nobody_writes_to_the_replaced_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("w.bpw");
    let mut ws = Workspace::create(&path, &tiny(), "方案一").expect("create");
    ws.change_passphrase(Some(PASS)).expect("encrypt");
    refused(Workspace::open_with(&path, Some(PASS)));
    ws.change_passphrase(None).expect("decrypt");
    refused(Workspace::open(&path));
    // Still the same holder, still writing to the file at the path.
    ws.set_background("after two re-keys").expect("write");
    drop(ws);
    let mut ws = Workspace::open(&path).expect("reopen");
    assert_eq!(
        ws.bureau().expect("bureau").info.background,
        "after two re-keys"
    );
}

#[test]
fn a_lock_file_left_behind_blocks_nobody() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("w.bpw");
    drop(Workspace::create(&path, &tiny(), "方案一").expect("create"));
    // What a killed holder leaves: the file with its text, but no lock on it.
    std::fs::write(
        lock_path(&path),
        "pid=999999\nprogram=planner serve\nhost=x\nsince=2026-01-01T00:00:00Z\n",
    )
    .expect("write");
    let ws = Workspace::open(&path).expect("a stale lock file does not count");
    let text = std::fs::read_to_string(lock_path(&path)).expect("read");
    assert!(
        text.starts_with(&format!("pid={}\n", std::process::id())),
        "{text}"
    );
    drop(ws);
}

#[cfg(unix)]
#[test]
fn workspace_wal_shm_lock_and_re_key_files_are_owner_only() {
    use std::os::unix::fs::PermissionsExt;
    let mode = |p: &Path| {
        std::fs::metadata(p)
            .unwrap_or_else(|e| panic!("{}: {e}", p.display()))
            .permissions()
            .mode()
            & 0o777
    };
    let with = |p: &Path, suffix: &str| {
        let mut s = p.as_os_str().to_os_string();
        s.push(suffix);
        std::path::PathBuf::from(s)
    };
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("w.bpw");
    let mut ws = Workspace::create(&path, &tiny(), "方案一").expect("create");
    ws.set_background("a write, so the WAL has frames")
        .expect("write");
    for p in [
        path.clone(),
        with(&path, "-wal"),
        with(&path, "-shm"),
        lock_path(&path),
    ] {
        assert_eq!(mode(&p), 0o600, "{}", p.display());
    }
    ws.change_passphrase(Some(PASS)).expect("re-key");
    ws.set_background("after the re-key").expect("write");
    for p in [path.clone(), with(&path, "-wal"), with(&path, "-shm")] {
        assert_eq!(mode(&p), 0o600, "after re-key: {}", p.display());
    }
}
