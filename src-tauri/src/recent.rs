//! The recently used workspaces (最近使用): a bounded list of paths, newest first, kept as JSON
//! in the app's config folder. A file that has gone since is still listed (shown as missing,
//! removable); a list file that cannot be read is treated as empty rather than stopping the app.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

/// At most this many entries are kept: a reform office has one workspace per bureau or round.
pub const MAX_RECENT: usize = 10;

/// The list's file in the app's config folder.
pub const RECENT_FILE: &str = "recent-workspaces.json";

/// Larger list files are not read (they cannot be ours).
const MAX_FILE_BYTES: u64 = 64 * 1024;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecentList {
    /// Newest first, no duplicates, at most `MAX_RECENT`.
    pub paths: Vec<PathBuf>,
}

impl RecentList {
    /// Reads the list at `file`; empty when absent, too large or not our JSON.
    pub fn load(file: &Path) -> RecentList {
        let readable = std::fs::metadata(file).is_ok_and(|m| m.len() <= MAX_FILE_BYTES);
        let list: RecentList = readable
            .then(|| std::fs::read(file).ok())
            .flatten()
            .and_then(|bytes| serde_json::from_slice(&bytes).ok())
            .unwrap_or_default();
        let mut clean = RecentList::default();
        // Oldest first, so that `push` leaves the newest in front.
        for path in list.paths.into_iter().rev() {
            if path.is_absolute() {
                clean.push(&path);
            }
        }
        clean
    }

    /// Writes the list to `file` (owner-only folder and file, replaced atomically).
    pub fn save(&self, file: &Path) -> Result<(), bureau_api::ApiError> {
        if let Some(dir) = file.parent() {
            bureau_api::ensure_private_dir(dir).map_err(|e| {
                bureau_api::ApiError::new(
                    bureau_api::ErrorCode::Storage,
                    format!("{}: {e}", dir.display()),
                )
            })?;
        }
        let bytes = serde_json::to_vec_pretty(self).map_err(|e| {
            bureau_api::ApiError::new(bureau_api::ErrorCode::Internal, e.to_string())
        })?;
        bureau_api::write_atomically(file, &bytes)
    }

    /// Puts `path` in front (moving it there if listed), dropping the oldest beyond the bound.
    pub fn push(&mut self, path: &Path) {
        self.paths.retain(|p| p != path);
        self.paths.insert(0, path.to_path_buf());
        self.paths.truncate(MAX_RECENT);
    }

    /// Removes `path`; false when it was not listed.
    pub fn forget(&mut self, path: &Path) -> bool {
        let before = self.paths.len();
        self.paths.retain(|p| p != path);
        self.paths.len() != before
    }

    pub fn contains(&self, path: &Path) -> bool {
        self.paths.iter().any(|p| p == path)
    }

    /// The newest entry whose file still exists: where the app starts.
    pub fn newest_existing(&self) -> Option<&Path> {
        self.paths
            .iter()
            .map(PathBuf::as_path)
            .find(|p| p.is_file())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!(
            "bureau-recent-{name}-{}-{:?}",
            std::process::id(),
            std::time::SystemTime::now()
        ));
        std::fs::create_dir_all(&dir).expect("temp dir");
        dir
    }

    #[test]
    fn the_newest_comes_first_without_duplicates_and_the_list_is_bounded() {
        let mut list = RecentList::default();
        for i in 0..(MAX_RECENT + 3) {
            list.push(Path::new(&format!("/w/{i}.bpw")));
        }
        list.push(Path::new("/w/5.bpw"));
        assert_eq!(list.paths.len(), MAX_RECENT);
        assert_eq!(list.paths[0], Path::new("/w/5.bpw"));
        assert_eq!(
            list.paths[1],
            Path::new(&format!("/w/{}.bpw", MAX_RECENT + 2))
        );
        assert_eq!(
            list.paths.iter().filter(|p| p.ends_with("5.bpw")).count(),
            1
        );
        assert!(!list.contains(Path::new("/w/0.bpw")), "the oldest fell off");
    }

    #[test]
    fn forgetting_removes_only_that_entry() {
        let mut list = RecentList::default();
        list.push(Path::new("/a.bpw"));
        list.push(Path::new("/b.bpw"));
        assert!(list.forget(Path::new("/a.bpw")));
        assert!(!list.forget(Path::new("/a.bpw")));
        assert_eq!(list.paths, vec![PathBuf::from("/b.bpw")]);
    }

    #[test]
    fn the_list_survives_a_restart_and_a_damaged_file_reads_as_empty() {
        let dir = temp("roundtrip");
        let file = dir.join("config").join(RECENT_FILE);
        let there = dir.join("2025改革.bpw");
        std::fs::write(&there, b"x").expect("write");
        let mut list = RecentList::default();
        list.push(&dir.join("gone.bpw"));
        list.push(&there);
        list.save(&file).expect("save");
        let back = RecentList::load(&file);
        assert_eq!(back, list);
        assert_eq!(back.newest_existing(), Some(there.as_path()));
        std::fs::write(&file, b"{not json").expect("write");
        assert_eq!(RecentList::load(&file), RecentList::default());
        std::fs::write(&file, br#"{"paths": ["relative.bpw", "/abs.bpw"]}"#).expect("write");
        assert_eq!(
            RecentList::load(&file).paths,
            vec![PathBuf::from("/abs.bpw")]
        );
        std::fs::remove_dir_all(&dir).ok();
    }

    #[test]
    fn missing_files_are_never_where_the_app_starts() {
        let mut list = RecentList::default();
        list.push(Path::new("/nowhere/at/all.bpw"));
        assert_eq!(list.newest_existing(), None);
    }
}
