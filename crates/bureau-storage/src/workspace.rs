//! Opening, creating and reading a workspace file.
//!
//! A workspace is opened under its [`ProcessLock`] (one process per workspace). A file or
//! folder that cannot be written (read-only media, no permission) opens read-only: reads and
//! exports work, every write answers [`StorageError::FileReadOnly`].

use std::ops::{Deref, DerefMut};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use bureau_core::{Bureau, BureauFile, Draft, Scenario, ScenarioSummary};
use rusqlite::{Connection, OpenFlags, Transaction, TransactionBehavior};

use crate::edit_log::{self, EditOutcome, EditState, Replay};
use crate::edits;
use crate::encryption::{self, FileKind};
use crate::migrations::{self, APPLICATION_ID};
use crate::process_lock::{is_read_only_error, ProcessLock};
use crate::settings::{self, CURRENT_SCENARIO};
use crate::{
    audit, file_modes, roster, rule_sets, scenario_status, scenarios, solve_weights, StorageError,
};

const IDLE_LOCK_SECONDS: &str = "idle_lock_seconds";
/// Lock after ten idle minutes unless the planner chose otherwise.
pub const DEFAULT_IDLE_LOCK_SECONDS: u32 = 600;
pub const MAX_IDLE_LOCK_SECONDS: u32 = 86_400;

/// An open workspace. All reads and writes go through a transaction.
#[derive(Debug)]
pub struct Workspace {
    conn: Connection,
    path: PathBuf,
    encrypted: bool,
    /// Opened from read-only media or without write permission.
    read_only: bool,
    /// The scenario picked while read-only: a view preference that cannot be stored.
    current_in_memory: Option<i64>,
    /// Held for as long as the workspace is open (shared with a host that keeps it while the
    /// workspace is locked behind its passphrase).
    lock: Arc<ProcessLock>,
    /// The board's in-memory copies (`snapshots.rs`).
    pub(crate) snapshots: crate::snapshots::Snapshots,
}

impl Workspace {
    /// Creates a new workspace at `path` from a bureau file, with one scenario holding the file's
    /// structure and draft. The file is built under a temporary name and renamed into place, so
    /// a failure leaves nothing behind.
    pub fn create(
        path: &Path,
        file: &BureauFile,
        scenario_name: &str,
    ) -> Result<Self, StorageError> {
        Self::create_with(path, file, scenario_name, None)
    }

    /// [`Workspace::create`], encrypted with `passphrase` when one is given.
    pub fn create_with(
        path: &Path,
        file: &BureauFile,
        scenario_name: &str,
        passphrase: Option<&str>,
    ) -> Result<Self, StorageError> {
        if let Some(p) = passphrase {
            encryption::check_new_passphrase(p)?;
        }
        let lock = Arc::new(ProcessLock::acquire(path)?);
        Self::create_held(&lock, file, scenario_name, passphrase)
    }

    /// [`Workspace::create_with`] at the lock's path, under a lock the caller already holds.
    pub fn create_held(
        lock: &Arc<ProcessLock>,
        file: &BureauFile,
        scenario_name: &str,
        passphrase: Option<&str>,
    ) -> Result<Self, StorageError> {
        let path = lock.workspace();
        if let Some(p) = passphrase {
            encryption::check_new_passphrase(p)?;
        }
        if path.exists() {
            return Err(StorageError::AlreadyExists(path.display().to_string()));
        }
        if lock.folder_read_only() {
            return Err(StorageError::FileReadOnly(path.display().to_string()));
        }
        file.validate()
            .map_err(|e| StorageError::Invalid(format!("bureau file: {e}")))?;
        let partial = partial_path(path);
        let _ = std::fs::remove_file(&partial);
        let result = (|| {
            // Created owner-only here; SQLite keeps the mode and gives it to -wal and -shm.
            file_modes::create_private_file(&partial)?;
            let mut conn = Connection::open(&partial)?;
            if let Some(p) = passphrase {
                encryption::apply_key(&conn, p)?;
            }
            encryption::harden(&conn)?;
            migrations::migrate(&mut conn)?;
            let tx = conn.transaction()?;
            let (bureau, structure, draft) = file.clone().into_parts();
            roster::insert_bureau(&tx, &bureau)?;
            let structure_id = scenarios::insert_structure(&tx, &structure)?;
            let draft = draft.unwrap_or_default();
            let id = scenarios::insert_scenario(
                &tx,
                &scenarios::NewScenario {
                    name: scenario_name,
                    structure_id,
                    draft: &draft,
                    notes: "",
                    rules_json: rule_sets::rules_json(file.rules.as_deref())?.as_deref(),
                },
            )?;
            if let Some(weights) = &file.weights {
                solve_weights::write_weights(&tx, id, Some(weights))?;
            }
            settings::set_setting(&tx, CURRENT_SCENARIO, &id.to_string())?;
            audit::append(
                &tx,
                Some(id),
                "create",
                &serde_json::json!({"bureau": file.bureau.name, "people": file.people.len(), "scenario": scenario_name}),
            )?;
            tx.commit()?;
            conn.close().map_err(|(_, e)| e)?;
            Ok::<_, StorageError>(())
        })();
        if let Err(e) = result {
            let _ = std::fs::remove_file(&partial);
            return Err(e.located(path));
        }
        std::fs::rename(&partial, path).map_err(|e| StorageError::io_at(path, e))?;
        Self::open_held(lock, passphrase)
    }

    /// Opens an existing workspace after checking that it is one of ours, not newer than this
    /// build, and intact; then applies pending migrations.
    pub fn open(path: &Path) -> Result<Self, StorageError> {
        Self::open_with(path, None)
    }

    /// Opens a workspace, encrypted or not: an encrypted one needs its passphrase
    /// ([`StorageError::Encrypted`] without, [`StorageError::WrongPassphrase`] with a wrong one).
    /// A failed attempt writes nothing to the file.
    pub fn open_with(path: &Path, passphrase: Option<&str>) -> Result<Self, StorageError> {
        let lock = Arc::new(ProcessLock::acquire(path)?);
        Self::open_held(&lock, passphrase)
    }

    /// [`Workspace::open_with`] at the lock's path, under a lock the caller already holds.
    pub fn open_held(
        lock: &Arc<ProcessLock>,
        passphrase: Option<&str>,
    ) -> Result<Self, StorageError> {
        let path = lock.workspace();
        let (conn, encrypted, read_only) =
            connect(path, passphrase, !lock.folder_read_only()).map_err(|e| e.located(path))?;
        Ok(Workspace {
            conn,
            path: path.to_path_buf(),
            encrypted,
            read_only,
            current_in_memory: None,
            lock: Arc::clone(lock),
            snapshots: Default::default(),
        })
    }

    /// Opened from read-only media or without write permission: viewing and export only.
    pub fn is_read_only(&self) -> bool {
        self.read_only
    }

    /// The lock this workspace is held under.
    pub fn process_lock(&self) -> &Arc<ProcessLock> {
        &self.lock
    }

    pub fn is_encrypted(&self) -> bool {
        self.encrypted
    }

    /// Re-keys the workspace: `new` encrypts it (or changes its passphrase), `None` stores it
    /// unencrypted. The data are copied under the new key to a temporary file that replaces the
    /// workspace by rename, so a crash leaves either the old file or the new one, never a mix.
    /// The caller checks the current passphrase first ([`Workspace::check_passphrase`]).
    pub fn change_passphrase(&mut self, new: Option<&str>) -> Result<(), StorageError> {
        if let Some(p) = new {
            encryption::check_new_passphrase(p)?;
        }
        if self.read_only {
            return Err(StorageError::FileReadOnly(self.path.display().to_string()));
        }
        let partial = partial_path(&self.path);
        if let Err(e) = encryption::export_copy(&self.conn, &partial, new) {
            let _ = std::fs::remove_file(&partial);
            return Err(e.located(&self.path));
        }
        // The copy is checked on a connection of its own: it is not a workspace anyone opens,
        // so it takes no lock of its own (ours covers the path it will take).
        let check = connect(&partial, new, true).map(drop);
        if let Err(e) = check {
            let _ = std::fs::remove_file(&partial);
            return Err(e.located(&self.path));
        }
        // Closing checkpoints the WAL into the old file; its -wal/-shm must not outlive it, or
        // SQLite would replay the old frames onto the new file.
        let old = std::mem::replace(&mut self.conn, Connection::open_in_memory()?);
        if let Err((conn, e)) = old.close() {
            self.conn = conn;
            let _ = std::fs::remove_file(&partial);
            return Err(e.into());
        }
        for suffix in ["-wal", "-shm"] {
            let mut name = self.path.clone().into_os_string();
            name.push(suffix);
            let _ = std::fs::remove_file(PathBuf::from(name));
        }
        std::fs::rename(&partial, &self.path).map_err(|e| StorageError::io_at(&self.path, e))?;
        let reopened = Self::open_held(&self.lock, new)?;
        *self = reopened;
        let tx = self.write()?;
        audit::append(
            &tx,
            None,
            "passphrase",
            &serde_json::json!({"encrypted": new.is_some()}),
        )?;
        tx.commit()?;
        Ok(())
    }

    /// Whether `passphrase` opens this workspace's file (a second, read-only connection).
    pub fn check_passphrase(&self, passphrase: &str) -> Result<bool, StorageError> {
        if !self.encrypted {
            return Ok(true);
        }
        let conn = Connection::open_with_flags(
            &self.path,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        encryption::apply_key(&conn, passphrase)?;
        match migrations::application_id(&conn) {
            Ok(id) => Ok(id == APPLICATION_ID),
            Err(StorageError::NotAWorkspace(_)) => Ok(false),
            Err(e) => Err(e),
        }
    }

    /// Seconds without activity before the app locks an encrypted workspace (0: never).
    pub fn idle_lock_seconds(&mut self) -> Result<u32, StorageError> {
        let tx = self.read()?;
        Ok(settings::setting(&tx, IDLE_LOCK_SECONDS)?
            .and_then(|v| v.parse().ok())
            .unwrap_or(DEFAULT_IDLE_LOCK_SECONDS))
    }

    pub fn set_idle_lock_seconds(&mut self, seconds: u32) -> Result<(), StorageError> {
        if seconds > MAX_IDLE_LOCK_SECONDS {
            return Err(StorageError::Invalid(format!(
                "the idle lock must be 0 (never) to {MAX_IDLE_LOCK_SECONDS} seconds"
            )));
        }
        let tx = self.write()?;
        let before = settings::setting(&tx, IDLE_LOCK_SECONDS)?;
        settings::set_setting(&tx, IDLE_LOCK_SECONDS, &seconds.to_string())?;
        audit::append(
            &tx,
            None,
            "idle_lock",
            &serde_json::json!({"before": before, "after": seconds}),
        )?;
        tx.commit()?;
        Ok(())
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// What tells the board's in-memory copies they are stale (see `snapshots.rs`).
    pub(crate) fn change_key(&self) -> Result<crate::snapshots::Key, StorageError> {
        crate::snapshots::key(&self.conn)
    }

    pub(crate) fn read(&mut self) -> Result<Transaction<'_>, StorageError> {
        Ok(self
            .conn
            .transaction_with_behavior(TransactionBehavior::Deferred)?)
    }

    /// A write transaction; refused at once on a read-only workspace. Its commit names the
    /// file when the disk is full.
    pub(crate) fn write(&mut self) -> Result<WriteTx<'_>, StorageError> {
        if self.read_only {
            return Err(StorageError::FileReadOnly(self.path.display().to_string()));
        }
        let Workspace { conn, path, .. } = self;
        let tx = conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(|e| StorageError::from(e).located(path))?;
        Ok(WriteTx { tx, path })
    }

    pub fn bureau(&mut self) -> Result<Bureau, StorageError> {
        let tx = self.read()?;
        roster::load_bureau(&tx)
    }

    pub fn scenarios(&mut self) -> Result<Vec<ScenarioSummary>, StorageError> {
        let tx = self.read()?;
        scenarios::list_scenarios(&tx)
    }

    pub fn scenario(&mut self, id: i64) -> Result<Scenario, StorageError> {
        let tx = self.read()?;
        Ok(scenarios::load_scenario(&tx, id)?.scenario)
    }

    /// The scenario the planner last worked on (or the first one).
    pub fn current_scenario_id(&mut self) -> Result<i64, StorageError> {
        let in_memory = self.current_in_memory;
        let tx = self.read()?;
        let chosen = match in_memory {
            Some(id) => Some(id),
            None => settings::setting(&tx, CURRENT_SCENARIO)?.and_then(|v| v.parse().ok()),
        };
        if let Some(id) = chosen {
            let exists: bool = tx.query_row(
                "SELECT EXISTS (SELECT 1 FROM scenario WHERE id = ?1)",
                [id],
                |r| r.get(0),
            )?;
            if exists {
                return Ok(id);
            }
        }
        scenarios::list_scenarios(&tx)?
            .first()
            .map(|s| s.id)
            .ok_or_else(|| StorageError::NotFound("any scenario".into()))
    }

    pub fn set_current_scenario(&mut self, id: i64) -> Result<(), StorageError> {
        if self.read_only {
            let tx = self.read()?;
            scenarios::load_scenario(&tx, id)?;
            drop(tx);
            self.current_in_memory = Some(id);
            return Ok(());
        }
        let tx = self.write()?;
        scenarios::load_scenario(&tx, id)?;
        settings::set_setting(&tx, CURRENT_SCENARIO, &id.to_string())?;
        tx.commit()?;
        Ok(())
    }

    /// Replaces a scenario's draft in one transaction.
    pub fn save_draft(&mut self, scenario_id: i64, draft: &Draft) -> Result<(), StorageError> {
        let tx = self.write()?;
        let stored = scenarios::load_scenario(&tx, scenario_id)?;
        let bureau = roster::load_bureau(&tx)?;
        let mut file = BureauFile::new(bureau, stored.scenario.structure, Some(draft.clone()));
        file.format = bureau_core::bureau_file::FORMAT.into();
        file.validate()
            .map_err(|e| StorageError::Invalid(e.to_string()))?;
        scenario_status::require_editable(&tx, scenario_id)?;
        scenarios::write_draft(&tx, scenario_id, draft)?;
        audit::append(
            &tx,
            Some(scenario_id),
            "draft",
            &serde_json::json!({"before": stored.scenario.draft, "after": draft}),
        )?;
        tx.commit()?;
        Ok(())
    }

    /// Reverts the scenario's latest step (nothing when there is none).
    pub fn undo(&mut self, scenario_id: i64) -> Result<EditOutcome, StorageError> {
        self.replay(scenario_id, Replay::Undo)
    }

    /// Replays the scenario's next undone step (nothing when there is none).
    pub fn redo(&mut self, scenario_id: i64) -> Result<EditOutcome, StorageError> {
        self.replay(scenario_id, Replay::Redo)
    }

    /// Undoes or redoes the scenario's step (nothing when there is none).
    pub fn replay(&mut self, scenario_id: i64, way: Replay) -> Result<EditOutcome, StorageError> {
        self.edit_step(scenario_id, way.action(), |tx| {
            edits::replay(tx, scenario_id, way)
        })
    }

    /// The one write path of the board's steps: an editable scenario, the step, and its audit
    /// row when it changed something, in one transaction.
    pub(crate) fn edit_step(
        &mut self,
        scenario_id: i64,
        action: &str,
        step: impl FnOnce(&Transaction<'_>) -> Result<EditOutcome, StorageError>,
    ) -> Result<EditOutcome, StorageError> {
        let tx = self.write()?;
        scenario_status::require_editable(&tx, scenario_id)?;
        let outcome = step(&tx)?;
        // A change of community roles is audited where it is logged (`community_roles.rs`); its
        // undo and redo here.
        let roles_replayed = outcome.community_changed && action != "edit";
        if outcome.state.revision > 0
            && (!outcome.changed.is_empty() || outcome.exclusions_changed || roles_replayed)
        {
            let detail = edit_log::edit_detail(&tx, scenario_id, action)?;
            audit::append(&tx, Some(scenario_id), action, &detail)?;
        }
        tx.commit()?;
        Ok(outcome)
    }

    pub fn edit_state(&mut self, scenario_id: i64) -> Result<EditState, StorageError> {
        let tx = self.read()?;
        edit_log::state(&tx, scenario_id)
    }

    pub fn set_background(&mut self, text: &str) -> Result<(), StorageError> {
        let tx = self.write()?;
        let before = roster::load_bureau(&tx)?.info.background;
        roster::update_background(&tx, text)?;
        audit::append(
            &tx,
            None,
            "background",
            &serde_json::json!({"before": before, "after": text}),
        )?;
        tx.commit()?;
        Ok(())
    }

    /// The bureau with one scenario's structure and draft, as a bureau file.
    pub fn export_bureau_file(&mut self, scenario_id: i64) -> Result<BureauFile, StorageError> {
        let tx = self.read()?;
        let bureau = roster::load_bureau(&tx)?;
        let stored = scenarios::load_scenario(&tx, scenario_id)?;
        let draft = stored.scenario.draft;
        let draft = (!draft.assignment.is_empty()
            || !draft.pins.is_empty()
            || !draft.exclusions.is_empty()
            || !draft.community.is_default())
        .then_some(draft);
        let rules = rule_sets::stored_rules(&tx, scenario_id)?;
        let weights = solve_weights::stored_weights(&tx, scenario_id)?;
        let mut file = BureauFile::new(bureau, stored.scenario.structure, draft);
        file.rules = rules;
        file.weights = weights;
        Ok(file)
    }
}

fn partial_path(path: &Path) -> PathBuf {
    let mut name = path
        .file_name()
        .map(|n| n.to_os_string())
        .unwrap_or_default();
    name.push(".partial");
    path.with_file_name(name)
}

/// A write transaction that knows its file, so a full disk at commit is named with the path.
pub(crate) struct WriteTx<'a> {
    tx: Transaction<'a>,
    path: &'a Path,
}

impl<'a> Deref for WriteTx<'a> {
    type Target = Transaction<'a>;
    fn deref(&self) -> &Transaction<'a> {
        &self.tx
    }
}

impl<'a> DerefMut for WriteTx<'a> {
    fn deref_mut(&mut self) -> &mut Transaction<'a> {
        &mut self.tx
    }
}

impl WriteTx<'_> {
    pub(crate) fn commit(self) -> Result<(), StorageError> {
        let path = self.path;
        self.tx
            .commit()
            .map_err(|e| StorageError::from(e).located(path))
    }
}

/// Opens and checks the database at `path`: ours, not newer than this build, intact; then
/// brings its schema up to date. Read-only when the file or its folder cannot be written.
/// Returns the connection, whether it is encrypted, and whether it is read-only.
fn connect(
    path: &Path,
    passphrase: Option<&str>,
    folder_writable: bool,
) -> Result<(Connection, bool, bool), StorageError> {
    let shown = path.display().to_string();
    let encrypted = match encryption::file_kind(path)? {
        FileKind::Absent => return Err(StorageError::NotFound(shown)),
        FileKind::Unknown => return Err(StorageError::NotAWorkspace(shown)),
        FileKind::Plain => false,
        FileKind::Encrypted if passphrase.is_none() => return Err(StorageError::Encrypted(shown)),
        FileKind::Encrypted => true,
    };
    let file_writable = match std::fs::OpenOptions::new().write(true).open(path) {
        Ok(_) => true,
        Err(e) if is_read_only_error(&e) => false,
        Err(e) => return Err(StorageError::io_at(path, e)),
    };
    let read_only = !(file_writable && folder_writable);
    let mut conn = if read_only {
        open_read_only(path)?
    } else {
        Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?
    };
    if let (true, Some(p)) = (encrypted, passphrase) {
        encryption::apply_key(&conn, p)?;
    }
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    let app_id = match migrations::application_id(&conn) {
        // With a key, "not a database" means the key does not decrypt the pages.
        Err(StorageError::NotAWorkspace(_)) if encrypted => {
            return Err(StorageError::WrongPassphrase)
        }
        other => other?,
    };
    if app_id != APPLICATION_ID {
        return Err(StorageError::NotAWorkspace(shown));
    }
    encryption::harden(&conn)?;
    let found = migrations::schema_version(&conn)?;
    if found > migrations::latest_version() {
        return Err(StorageError::NewerVersion {
            found,
            supported: migrations::latest_version(),
        });
    }
    let integrity: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
    if integrity != "ok" {
        return Err(StorageError::Damaged(integrity));
    }
    if !read_only {
        conn.pragma_update(None, "journal_mode", "WAL")?;
        // FULL: an acknowledged edit survives a power cut, not only a crash of the app.
        conn.pragma_update(None, "synchronous", "FULL")?;
    }
    conn.pragma_update(None, "foreign_keys", true)?;
    // Nothing to do for a current file; an older one on read-only media fails here as
    // read-only, since upgrading it needs a write.
    migrations::migrate(&mut conn)?;
    Ok((conn, encrypted, read_only))
}

/// A read-only connection. A WAL-mode file on read-only media cannot get the `-shm` SQLite
/// wants beside it, so a file without pending `-wal` frames (every cleanly closed workspace)
/// is opened `immutable`: SQLite then reads it like a plain file, without locks or `-shm`.
/// Pending frames must be read through the WAL, which works when the `-shm` exists.
fn open_read_only(path: &Path) -> Result<Connection, StorageError> {
    let mut wal = path.as_os_str().to_os_string();
    wal.push("-wal");
    let pending = std::fs::metadata(PathBuf::from(wal)).is_ok_and(|m| m.len() > 0);
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    if pending {
        return Ok(Connection::open_with_flags(path, flags)?);
    }
    let text = path.to_str().ok_or_else(|| {
        StorageError::Invalid(format!(
            "{} is not UTF-8: a read-only workspace needs a UTF-8 path",
            path.display()
        ))
    })?;
    let uri = format!("file:{}?immutable=1", uri_escape(text));
    Ok(Connection::open_with_flags(
        uri,
        flags | OpenFlags::SQLITE_OPEN_URI,
    )?)
}

/// Percent-encodes what a `file:` URI gives meaning to (and anything outside plain ASCII).
fn uri_escape(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || b"/-_.~".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}
