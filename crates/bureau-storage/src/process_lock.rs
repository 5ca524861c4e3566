//! One process per workspace: an exclusive `flock` on a sidecar file `<workspace>.lock`, held
//! for as long as a host has the workspace (open, locked behind its passphrase, or being
//! created).
//!
//! Why a sidecar and not the database file: re-keying replaces the database file by rename, and
//! a lock on the old inode would vanish with it; the sidecar is never replaced, so the process
//! that re-keys keeps its lock and nobody else can be writing to the unlinked file. Only the
//! lock *state* counts: the kernel drops it when the holder exits or crashes, so a lock file
//! left behind by a killed process blocks nobody. Its text only names the holder (pid, program,
//! host, start time) for the message a second opener gets. A second open inside the same
//! process is refused too (`flock` locks belong to the open file, not to the process).

use std::fs::File;
use std::io::{ErrorKind, Read, Seek, Write};
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

use crate::file_modes;
use crate::StorageError;

/// The holder's description is a few short lines; anything longer is not ours.
const MAX_HOLDER_BYTES: u64 = 1024;

/// The exclusive right to a workspace path, released on drop (or by the kernel on exit).
#[derive(Debug)]
pub struct ProcessLock {
    workspace: PathBuf,
    /// Held, never read: the lock lives as long as this open file. `None` when the folder
    /// cannot hold a lock file (read-only media): nobody can write the workspace there.
    _file: Option<File>,
    /// The folder refused a new or writable lock file: the workspace opens read-only.
    folder_read_only: bool,
}

impl ProcessLock {
    /// Takes the lock for the workspace at `workspace` (which need not exist yet; its folder
    /// must). Another holder, in this process or another, gets [`StorageError::InUse`].
    pub fn acquire(workspace: &Path) -> Result<ProcessLock, StorageError> {
        let path = lock_path(workspace);
        let mut file = match file_modes::private_file_options()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path)
        {
            Ok(file) => file,
            Err(e) if is_read_only_error(&e) => return Self::read_only(workspace, &path),
            Err(e) => return Err(StorageError::io_at(&path, e)),
        };
        take(&file, workspace, &path)?;
        // Owner-only even when an older build left the file with wider permissions.
        file_modes::make_private(&path);
        let holder = describe_this_process();
        file.set_len(0)
            .and_then(|()| file.rewind())
            .and_then(|()| file.write_all(holder.as_bytes()))
            .map_err(|e| StorageError::io_at(&path, e))?;
        Ok(ProcessLock {
            workspace: workspace.to_path_buf(),
            _file: Some(file),
            folder_read_only: false,
        })
    }

    /// The folder is read-only: hold an existing lock file for reading if there is one (a
    /// holder elsewhere still counts), else hold nothing.
    fn read_only(workspace: &Path, path: &Path) -> Result<ProcessLock, StorageError> {
        let file = match File::open(path) {
            Ok(file) => {
                take(&file, workspace, path)?;
                Some(file)
            }
            Err(_) => None,
        };
        Ok(ProcessLock {
            workspace: workspace.to_path_buf(),
            _file: file,
            folder_read_only: true,
        })
    }

    pub fn workspace(&self) -> &Path {
        &self.workspace
    }

    pub(crate) fn folder_read_only(&self) -> bool {
        self.folder_read_only
    }
}

/// `<workspace>.lock`, beside the workspace.
pub fn lock_path(workspace: &Path) -> PathBuf {
    let mut name = workspace.as_os_str().to_os_string();
    name.push(".lock");
    PathBuf::from(name)
}

fn take(file: &File, workspace: &Path, path: &Path) -> Result<(), StorageError> {
    match file.try_lock() {
        Ok(()) => Ok(()),
        Err(std::fs::TryLockError::WouldBlock) => Err(StorageError::InUse {
            path: workspace.display().to_string(),
            holder: read_holder(path),
        }),
        Err(std::fs::TryLockError::Error(e)) => Err(StorageError::io_at(path, e)),
    }
}

/// Permission denied, read-only file system: the folder (or the file) cannot be written.
pub(crate) fn is_read_only_error(e: &std::io::Error) -> bool {
    matches!(
        e.kind(),
        ErrorKind::PermissionDenied | ErrorKind::ReadOnlyFilesystem
    )
}

/// The holder's own words, made safe to print: one line, no control characters.
fn read_holder(path: &Path) -> String {
    let mut text = String::new();
    let read = File::open(path).and_then(|f| f.take(MAX_HOLDER_BYTES).read_to_string(&mut text));
    if read.is_err() || text.trim().is_empty() {
        return "another process (it has not said which yet)".into();
    }
    let field = |key: &str| {
        text.lines()
            .find_map(|l| l.strip_prefix(key)?.strip_prefix('='))
            .map(|v| {
                v.chars()
                    .filter(|c| !c.is_control())
                    .take(120)
                    .collect::<String>()
            })
    };
    let program: String = field("program").unwrap_or_else(|| "a program".into());
    let mut out = program;
    if let Some(pid) = field("pid") {
        out.push_str(&format!(", pid {pid}"));
    }
    if let Some(host) = field("host") {
        out.push_str(&format!(", host {host}"));
    }
    if let Some(since) = field("since") {
        out.push_str(&format!(", since {since}"));
    }
    out
}

fn describe_this_process() -> String {
    format!(
        "pid={}\nprogram={}\nhost={}\nsince={}\n",
        std::process::id(),
        program_label(),
        host_name(),
        utc_now()
    )
}

/// The executable's name and, when the first argument is a plain word, the subcommand
/// (`planner serve`). Never the other arguments: they may hold paths.
fn program_label() -> String {
    let mut args = std::env::args_os();
    let exe = args
        .next()
        .and_then(|a| {
            Path::new(&a)
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
        })
        .unwrap_or_else(|| "unknown program".into());
    let sub = args.next().and_then(|a| a.into_string().ok()).filter(|a| {
        !a.is_empty()
            && a.len() <= 32
            && a.chars().all(|c| c.is_ascii_lowercase() || c == '-')
            && !a.starts_with('-')
    });
    match sub {
        Some(sub) => format!("{exe} {sub}"),
        None => exe,
    }
}

/// Names the machine, for a workspace on a shared folder.
fn host_name() -> String {
    std::fs::read_to_string("/proc/sys/kernel/hostname")
        .ok()
        .or_else(|| std::env::var("COMPUTERNAME").ok())
        .or_else(|| std::env::var("HOSTNAME").ok())
        .map(|h| h.trim().to_owned())
        .filter(|h| !h.is_empty())
        .unwrap_or_else(|| "unknown".into())
}

/// UTC to the second: `2026-11-29T19:30:05Z`.
fn utc_now() -> String {
    let secs = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or_default()
        .as_secs();
    // Days since 1970-01-01 to a civil date (Howard Hinnant's algorithm).
    let z = (secs / 86_400) as i64 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    let rem = secs % 86_400;
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_holder_is_refused_with_the_first_ones_name() {
        let dir = tempfile::tempdir().expect("tempdir");
        let ws = dir.path().join("w.bpw");
        let first = ProcessLock::acquire(&ws).expect("first");
        match ProcessLock::acquire(&ws) {
            Err(StorageError::InUse { holder, path }) => {
                assert!(
                    holder.contains(&format!("pid {}", std::process::id())),
                    "{holder}"
                );
                assert!(holder.contains("since 20"), "{holder}");
                assert_eq!(path, ws.display().to_string());
            }
            other => panic!("expected InUse, got {other:?}"),
        }
        drop(first);
        ProcessLock::acquire(&ws).expect("free again after drop");
    }

    #[test]
    fn a_left_over_lock_file_blocks_nobody() {
        let dir = tempfile::tempdir().expect("tempdir");
        let ws = dir.path().join("w.bpw");
        std::fs::write(lock_path(&ws), "pid=1\nprogram=planner serve\n").expect("write");
        let lock = ProcessLock::acquire(&ws).expect("a file without a lock is free");
        let text = std::fs::read_to_string(lock_path(&ws)).expect("read");
        assert!(
            text.contains(&format!("pid={}\n", std::process::id())),
            "{text}"
        );
        drop(lock);
    }

    #[test]
    fn a_hostile_holder_text_is_printed_tamely() {
        let dir = tempfile::tempdir().expect("tempdir");
        let ws = dir.path().join("w.bpw");
        let path = lock_path(&ws);
        std::fs::write(&path, "program=evil\u{1b}[31m\npid=7\n").expect("write");
        let file = File::open(&path).expect("open");
        file.try_lock().expect("hold it as another holder would");
        match ProcessLock::acquire(&ws) {
            Err(StorageError::InUse { holder, .. }) => {
                assert_eq!(holder, "evil[31m, pid 7");
            }
            other => panic!("expected InUse, got {other:?}"),
        }
    }
}
