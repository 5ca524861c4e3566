//! The activity log: one line per API call in the app's data folder, rotated by size.
//!
//! It records *that* something happened — the method, its outcome code, how long it took —
//! never arguments, results or error messages, because those carry names, police numbers and
//! file paths. Personal data cannot leak into it because nothing personal is ever passed in.
//! Still, its folder is 0700 and its files 0600: when and how much a planner worked is nobody
//! else's business on a shared machine.

use std::fs::{File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use crate::ErrorCode;

pub const LOG_FILE: &str = "planner.log";
/// A rotated log stays small enough to attach to a support request.
const MAX_BYTES: u64 = 1024 * 1024;
/// planner.log.1 … planner.log.3 are kept.
const KEEP: u32 = 3;

#[derive(Debug)]
pub struct ActivityLog {
    dir: PathBuf,
    file: Mutex<Option<File>>,
}

/// What the log may say about a call: fixed words only.
#[derive(Debug, Clone, Copy)]
pub enum Outcome {
    Ok,
    Failed(ErrorCode),
}

impl ActivityLog {
    /// Opens (creating) `dir/planner.log`. Failing to log never fails the app: the caller may
    /// ignore the error and run without a log.
    pub fn open(dir: &Path) -> std::io::Result<ActivityLog> {
        bureau_storage::ensure_private_dir(dir)?;
        let file = append(&dir.join(LOG_FILE))?;
        Ok(ActivityLog {
            dir: dir.to_path_buf(),
            file: Mutex::new(Some(file)),
        })
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// A lifecycle event (`start host=desktop version=0.1.0`): callers pass constants.
    pub fn event(&self, what: &str) {
        self.write_line(&format!("{} {what}", timestamp(SystemTime::now())));
    }

    /// One API call. `method` must be a known method name (the dispatcher checks), so a
    /// caller cannot smuggle data in through it.
    pub fn call(&self, method: &str, outcome: Outcome, took: Duration) {
        let outcome = match outcome {
            Outcome::Ok => "ok".to_owned(),
            Outcome::Failed(code) => serde_json::to_value(code)
                .ok()
                .and_then(|v| v.as_str().map(str::to_owned))
                .unwrap_or_else(|| "error".into()),
        };
        self.write_line(&format!(
            "{} call {method} {outcome} {}ms",
            timestamp(SystemTime::now()),
            took.as_millis()
        ));
    }

    fn write_line(&self, line: &str) {
        let mut guard = self.file.lock().unwrap_or_else(|p| p.into_inner());
        let too_big = guard
            .as_ref()
            .and_then(|f| f.metadata().ok())
            .is_some_and(|m| m.len() >= MAX_BYTES);
        if too_big {
            *guard = None;
            self.rotate();
            *guard = append(&self.dir.join(LOG_FILE)).ok();
        }
        if let Some(f) = guard.as_mut() {
            let _ = writeln!(f, "{line}");
        }
    }

    fn rotate(&self) {
        let name = |n: u32| self.dir.join(format!("{LOG_FILE}.{n}"));
        let _ = std::fs::remove_file(name(KEEP));
        for n in (1..KEEP).rev() {
            let _ = std::fs::rename(name(n), name(n + 1));
        }
        let _ = std::fs::rename(self.dir.join(LOG_FILE), name(1));
    }
}

/// Opens for appending, creating the file as 0600 (and tightening one an older build left
/// readable by others).
fn append(path: &Path) -> std::io::Result<File> {
    #[allow(unused_mut)]
    let mut options = OpenOptions::new();
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let file = options.create(true).append(true).open(path)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        file.set_permissions(std::fs::Permissions::from_mode(0o600))?;
    }
    Ok(file)
}

/// UTC, to the millisecond: `2026-11-23T08:49:30.253Z`.
fn timestamp(at: SystemTime) -> String {
    let since = at.duration_since(UNIX_EPOCH).unwrap_or_default();
    let secs = since.as_secs();
    let (y, m, d) = civil_from_days((secs / 86_400) as i64);
    let rem = secs % 86_400;
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}.{:03}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60,
        since.subsec_millis()
    )
}

/// Days since 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's algorithm).
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps_are_utc_dates() {
        assert_eq!(timestamp(UNIX_EPOCH), "1970-01-01T00:00:00.000Z");
        let t = UNIX_EPOCH + Duration::from_millis(1_795_423_770_253);
        assert_eq!(timestamp(t), "2026-11-23T08:49:30.253Z");
        let leap = UNIX_EPOCH + Duration::from_secs(951_782_400); // 2000-02-29
        assert_eq!(timestamp(leap), "2000-02-29T00:00:00.000Z");
    }

    #[test]
    fn rotates_by_size_and_keeps_three() {
        let dir = tempfile::tempdir().expect("tempdir");
        let log = ActivityLog::open(dir.path()).expect("open");
        // About 5 MB of lines: four rotations, so the oldest file has been dropped once.
        for _ in 0..100_000 {
            log.call("move_people", Outcome::Ok, Duration::from_millis(12));
        }
        let mut names: Vec<String> = std::fs::read_dir(dir.path())
            .expect("dir")
            .filter_map(|e| e.ok())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        assert_eq!(
            names,
            [
                "planner.log",
                "planner.log.1",
                "planner.log.2",
                "planner.log.3"
            ]
        );
        for name in &names {
            let len = std::fs::metadata(dir.path().join(name))
                .expect("meta")
                .len();
            assert!(len <= MAX_BYTES + 200, "{name}: {len}");
        }
    }
}
