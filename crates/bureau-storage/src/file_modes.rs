//! Owner-only files and folders: a workspace holds personal data (names, police numbers,
//! births), so its folder is 0700 and its files 0600, set explicitly when they are created
//! rather than left to the umask. SQLite gives a database's `-wal` and `-shm` the database
//! file's own mode, so they follow. On platforms without Unix modes this does nothing (the
//! folder's ACL, inherited from the user's profile, decides there).

use std::fs::OpenOptions;
use std::io;
use std::path::Path;

#[cfg(unix)]
const PRIVATE_FILE: u32 = 0o600;
#[cfg(unix)]
const PRIVATE_DIR: u32 = 0o700;

/// Open options that create a file as 0600.
pub(crate) fn private_file_options() -> OpenOptions {
    #[allow(unused_mut)]
    let mut options = OpenOptions::new();
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, PRIVATE_FILE);
    options
}

/// Creates an empty file as 0600 (it must not exist yet).
pub(crate) fn create_private_file(path: &Path) -> io::Result<()> {
    private_file_options()
        .write(true)
        .create_new(true)
        .open(path)
        .map(drop)?;
    // The umask may have taken bits away, never added them; say it outright anyway.
    set_mode(path, false)
}

/// Sets 0600 on a file this process owns; failing to is not fatal (a file on a share
/// without modes, a file owned by someone else that we may still read).
pub(crate) fn make_private(path: &Path) {
    let _ = set_mode(path, false);
}

/// Creates `dir` and its missing parents as 0700; an existing folder is left as it is (it may
/// be the planner's own Documents folder).
pub fn create_private_dir_all(dir: &Path) -> io::Result<()> {
    if dir.is_dir() {
        return Ok(());
    }
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, PRIVATE_DIR);
    builder.create(dir)?;
    set_mode(dir, true)
}

/// The app's own data folder: created as 0700, and tightened to 0700 when an older build
/// left it readable by others.
pub fn ensure_private_dir(dir: &Path) -> io::Result<()> {
    create_private_dir_all(dir)?;
    set_mode(dir, true)
}

#[cfg(unix)]
fn set_mode(path: &Path, dir: bool) -> io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    let mode = if dir { PRIVATE_DIR } else { PRIVATE_FILE };
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode))
}

#[cfg(not(unix))]
fn set_mode(_path: &Path, _dir: bool) -> io::Result<()> {
    Ok(())
}
