//! A read-only workspace and a full disk, for real: each is named as such with the path.
//!
//! How the conditions are made: tests run as root here, where permission bits do not stop a
//! write. So read-only media is a tmpfs remounted read-only, and a read-only file is one with
//! the immutable attribute (`chattr +i`); a full disk is a small tmpfs filled to the brim.
//! Without the right to mount (not root), the read-only tests fall back to `chmod` (which does
//! stop a non-root writer) and the disk-full test says it was skipped.

use std::path::{Path, PathBuf};
use std::process::Command;

use bureau_core::BureauFile;
use bureau_storage::{EditKind, StorageError, Target, Workspace};

fn tiny() -> BureauFile {
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/tiny.json"),
    )
    .expect("tiny.json");
    BureauFile::parse(&text).expect("valid")
}

fn is_root() -> bool {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix("Uid:"))
                .map(|l| l.split_whitespace().next() == Some("0"))
        })
        .unwrap_or(false)
}

fn run(program: &str, args: &[&str], path: &Path) -> bool {
    Command::new(program)
        .args(args)
        .arg(path)
        .stderr(std::process::Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// A tmpfs at `at` for one test, unmounted on drop.
struct Tmpfs {
    at: PathBuf,
}

impl Tmpfs {
    /// `None` when this process may not mount.
    fn mount(at: &Path, size: &str) -> Option<Tmpfs> {
        std::fs::create_dir_all(at).expect("mount point");
        let options = format!("size={size},mode=0700");
        run("mount", &["-t", "tmpfs", "-o", &options, "tmpfs"], at).then(|| Tmpfs {
            at: at.to_path_buf(),
        })
    }

    fn remount_read_only(&self) -> bool {
        run("mount", &["-o", "remount,ro"], &self.at)
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let _ = run("umount", &["-l"], &self.at);
    }
}

/// Undoes `chattr +i` / `chmod` on drop, so the temporary folder can be removed.
struct Restore(Vec<(PathBuf, &'static str)>);

impl Drop for Restore {
    fn drop(&mut self) {
        for (path, how) in &self.0 {
            match *how {
                "chattr" => {
                    run("chattr", &["-i"], path);
                }
                _ => {
                    run("chmod", &["u+w"], path);
                }
            }
        }
    }
}

/// Makes `path` (and, with `folder`, its folder) unwritable the way that works for this user.
fn make_unwritable(paths: &[&Path]) -> Restore {
    let mut undo = Vec::new();
    for p in paths {
        if is_root() {
            assert!(run("chattr", &["+i"], p), "chattr +i {}", p.display());
            undo.push((p.to_path_buf(), "chattr"));
        } else {
            assert!(run("chmod", &["a-w"], p), "chmod a-w {}", p.display());
            undo.push((p.to_path_buf(), "chmod"));
        }
    }
    Restore(undo)
}

fn someone_elsewhere(ws: &mut Workspace, id: i64) -> Target {
    let bureau = ws.bureau().expect("bureau");
    let scenario = ws.scenario(id).expect("scenario");
    let person = &bureau.people[0];
    let now = scenario.draft.assignment.get(&person.police_number);
    let unit = scenario
        .structure
        .units
        .iter()
        .find(|u| Some(&u.id) != now)
        .expect("another unit");
    Target {
        police_number: person.police_number.clone(),
        unit: Some(unit.id.clone()),
        pinned: Some(true),
    }
}

fn folder_listing(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("dir")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// Everything a viewer needs works; every write answers `FileReadOnly` with the path; nothing
/// on disk changes.
fn check_read_only_workspace(path: &Path, exported_before: &BureauFile) {
    let dir = path.parent().expect("folder");
    let bytes = std::fs::read(path).expect("bytes");
    let listing = folder_listing(dir);

    let mut ws = Workspace::open(path).expect("a read-only workspace opens for viewing");
    assert!(ws.is_read_only());
    let id = ws.current_scenario_id().expect("current");
    assert_eq!(
        ws.export_bureau_file(id).expect("export").to_json_pretty(),
        exported_before.to_json_pretty()
    );
    assert_eq!(ws.scenarios().expect("list").len(), 2);
    // Switching scenarios is a view preference: kept in memory.
    let other = ws
        .scenarios()
        .expect("list")
        .into_iter()
        .find(|s| s.id != id)
        .expect("second scenario")
        .id;
    ws.set_current_scenario(other).expect("switch");
    assert_eq!(ws.current_scenario_id().expect("current"), other);

    let target = someone_elsewhere(&mut ws, id);
    let shown = path.display().to_string();
    let writes: [(&str, Result<(), StorageError>); 4] = [
        (
            "move",
            ws.apply_edit_tracked(id, EditKind::Move, "m", &[target])
                .map(drop),
        ),
        ("background", ws.set_background("x")),
        ("rename", ws.rename_scenario(id, "新名").map(drop)),
        ("passphrase", ws.change_passphrase(Some("long enough pass"))),
    ];
    for (what, result) in writes {
        match result {
            Err(e @ StorageError::FileReadOnly(_)) => {
                let message = e.to_string();
                assert!(
                    message.starts_with("the workspace is read-only: ") && message.contains(&shown),
                    "{what}: {message}"
                );
            }
            other => panic!("{what}: expected FileReadOnly, got {other:?}"),
        }
    }
    // One process at a time still holds for read-only media.
    assert!(matches!(
        Workspace::open(path),
        Err(StorageError::InUse { .. })
    ));
    drop(ws);
    assert_eq!(std::fs::read(path).expect("bytes"), bytes, "file unchanged");
    assert_eq!(folder_listing(dir), listing, "no file added or removed");
}

/// A workspace with two scenarios and one edit, closed cleanly; returns its export.
fn prepared_workspace(path: &Path) -> BureauFile {
    let mut ws = Workspace::create(path, &tiny(), "方案一").expect("create");
    let id = ws.current_scenario_id().expect("current");
    let target = someone_elsewhere(&mut ws, id);
    ws.apply_edit_tracked(id, EditKind::Move, "m", &[target])
        .expect("move");
    ws.branch_scenario(id, "方案二").expect("branch");
    ws.set_current_scenario(id).expect("current");
    ws.export_bureau_file(id).expect("export")
}

#[test]
fn a_workspace_on_read_only_media_opens_for_viewing_and_export() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mount = Tmpfs::mount(&dir.path().join("media"), "8m");
    let folder = match &mount {
        Some(m) => m.at.clone(),
        None => {
            let f = dir.path().join("media");
            std::fs::create_dir_all(&f).expect("folder");
            f
        }
    };
    let path = folder.join("w.bpw");
    let exported = prepared_workspace(&path);
    let _restore = match &mount {
        Some(m) => {
            assert!(m.remount_read_only(), "remount ro");
            None
        }
        // Not allowed to mount: an unwritable folder and file stand in for the media.
        None => Some(make_unwritable(&[&path, &folder])),
    };
    if mount.is_some() {
        // The media really is read-only.
        assert!(std::fs::write(folder.join("probe"), b"x").is_err());
    }
    check_read_only_workspace(&path, &exported);
}

#[test]
fn a_read_only_file_in_a_writable_folder_opens_for_viewing_and_export() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("w.bpw");
    let exported = prepared_workspace(&path);
    let _restore = make_unwritable(&[&path]);
    assert!(
        std::fs::OpenOptions::new().write(true).open(&path).is_err(),
        "the file really is unwritable"
    );
    check_read_only_workspace(&path, &exported);
}

#[test]
fn a_full_disk_is_named_with_the_path_and_loses_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let Some(mount) = Tmpfs::mount(&dir.path().join("small"), "4m") else {
        eprintln!("skipped: this process may not mount a tmpfs to fill");
        return;
    };
    let path = mount.at.join("w.bpw");
    let mut ws = Workspace::create(&path, &tiny(), "方案一").expect("create");
    let before = ws.bureau().expect("bureau").info.background;

    // Fill the disk to the last byte.
    let filler = mount.at.join("filler");
    {
        use std::io::Write;
        let mut f = std::fs::File::create(&filler).expect("filler");
        let block = vec![0u8; 64 * 1024];
        while f.write_all(&block).is_ok() {}
        while f.write_all(&block[..512]).is_ok() {}
        let _ = f.sync_all();
    }
    let text = "改革背景".repeat(20_000);
    match ws.set_background(&text) {
        Err(e @ StorageError::DiskFull(_)) => {
            let message = e.to_string();
            assert!(
                message.starts_with(&format!("disk full while writing {}", path.display())),
                "{message}"
            );
        }
        other => panic!("expected DiskFull, got {other:?}"),
    }
    // The refused change is not there, and the workspace still reads.
    assert_eq!(ws.bureau().expect("bureau").info.background, before);

    std::fs::remove_file(&filler).expect("free space");
    ws.set_background(&text).expect("works again with space");
    drop(ws);
    let mut ws = Workspace::open(&path).expect("reopen");
    assert_eq!(ws.bureau().expect("bureau").info.background, text);
    assert!(ws.audit_verify().expect("verify").intact);
}
