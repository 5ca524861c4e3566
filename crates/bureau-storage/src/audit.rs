//! The audit trail: every change to the workspace as one append-only row, written in the same
//! transaction as the change, with who, when, and the values before and after. Rows are
//! hash-chained (SHA-256 over the previous hash and the row's fields) and the head of the chain
//! is kept in `setting.audit_head`, so that any later edit, insertion or deletion — in the
//! middle or at the end — is detected by [`verify`].

use rusqlite::{params, Connection, OptionalExtension, Transaction};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use sha2::{Digest, Sha256};
use ts_rs::TS;

use crate::settings::{set_setting, setting, PLANNER_NAME};
use crate::table_rows::collect;
use crate::StorageError;

const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";
const HEAD: &str = "audit_head";

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct AuditEntry {
    pub id: i64,
    pub at: String,
    pub actor: String,
    pub scenario_id: Option<i64>,
    pub action: String,
    #[ts(type = "unknown")]
    pub detail: Value,
}

/// What `verify` found: how many rows, and the first place the chain breaks, if any.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AuditReport {
    pub rows: i64,
    pub intact: bool,
    /// The id of the first row that does not verify (or the count expected, when cut short).
    pub first_bad_row: Option<i64>,
    pub problem: Option<String>,
}

/// A row of the trail as stored (its detail as the JSON text that was hashed).
struct StoredRow {
    id: i64,
    at: String,
    actor: String,
    scenario_id: Option<i64>,
    action: String,
    detail: String,
}

impl StoredRow {
    /// Reads the row's own columns from a `SELECT` that names them.
    fn read(r: &rusqlite::Row<'_>) -> rusqlite::Result<Self> {
        Ok(Self {
            id: r.get("id")?,
            at: r.get("at")?,
            actor: r.get("actor")?,
            scenario_id: r.get("scenario_id")?,
            action: r.get("action")?,
            detail: r.get("detail")?,
        })
    }

    /// The row's link in the chain, after the link `prev`.
    fn hash(&self, prev: &str) -> String {
        let mut h = Sha256::new();
        // Fields are length-prefixed so that no two different rows hash the same bytes.
        for field in [
            prev,
            &self.id.to_string(),
            &self.at,
            &self.actor,
            &self.scenario_id.map_or(String::new(), |s| s.to_string()),
            &self.action,
            &self.detail,
        ] {
            h.update((field.len() as u64).to_le_bytes());
            h.update(field.as_bytes());
        }
        h.finalize().iter().map(|b| format!("{b:02x}")).collect()
    }

    fn into_entry(self) -> AuditEntry {
        AuditEntry {
            id: self.id,
            at: self.at,
            actor: self.actor,
            scenario_id: self.scenario_id,
            action: self.action,
            detail: serde_json::from_str(&self.detail).unwrap_or(Value::String(self.detail)),
        }
    }
}

/// Appends one row to the trail, in the caller's transaction.
pub fn append(
    tx: &Transaction<'_>,
    scenario_id: Option<i64>,
    action: &str,
    detail: &Value,
) -> Result<(), StorageError> {
    let (prev, last_id): (String, i64) = tx
        .query_row(
            "SELECT hash, id FROM audit ORDER BY id DESC LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?
        .unwrap_or_else(|| (GENESIS.to_owned(), 0));
    let row = StoredRow {
        id: last_id + 1,
        at: tx.query_row("SELECT strftime('%Y-%m-%dT%H:%M:%SZ', 'now')", [], |r| {
            r.get(0)
        })?,
        actor: setting(tx, PLANNER_NAME)?.unwrap_or_default(),
        scenario_id,
        action: action.to_owned(),
        detail: detail.to_string(),
    };
    let hash = row.hash(&prev);
    tx.execute(
        "INSERT INTO audit (id, at, actor, scenario_id, action, detail, prev_hash, hash)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            row.id,
            row.at,
            row.actor,
            row.scenario_id,
            row.action,
            row.detail,
            prev,
            hash
        ],
    )?;
    set_setting(tx, HEAD, &format!("{}:{hash}", row.id))
}

/// Re-computes the whole chain.
pub fn verify(conn: &Connection) -> Result<AuditReport, StorageError> {
    let mut stmt = conn.prepare(
        "SELECT id, at, actor, scenario_id, action, detail, prev_hash, hash FROM audit ORDER BY id",
    )?;
    let rows = collect(stmt.query_map([], |r| {
        Ok((
            StoredRow::read(r)?,
            r.get::<_, String>("prev_hash")?,
            r.get::<_, String>("hash")?,
        ))
    })?)?;
    let broken = |row: i64, problem: String| AuditReport {
        rows: rows.len() as i64,
        intact: false,
        first_bad_row: Some(row),
        problem: Some(problem),
    };
    let mut prev = GENESIS.to_owned();
    for (expected_id, (row, prev_hash, hash)) in (1i64..).zip(&rows) {
        let id = &row.id;
        if *id != expected_id {
            return Ok(broken(
                expected_id,
                format!("row {expected_id} is missing (found {id})"),
            ));
        }
        if *prev_hash != prev {
            return Ok(broken(
                *id,
                format!("row {id} does not follow row {}", id - 1),
            ));
        }
        if row.hash(&prev) != *hash {
            return Ok(broken(
                *id,
                format!("row {id} was changed after it was written"),
            ));
        }
        prev.clone_from(hash);
    }
    let head: Option<String> = conn
        .query_row("SELECT value FROM setting WHERE key = ?1", [HEAD], |r| {
            r.get(0)
        })
        .optional()?;
    let count = rows.len() as i64;
    match head {
        None if count == 0 => {}
        Some(h) if h == format!("{count}:{prev}") => {}
        Some(h) => {
            let recorded = h.split(':').next().unwrap_or("?").to_owned();
            return Ok(broken(
                count + 1,
                format!(
                    "the trail ends at row {count} but row {recorded} was recorded as its last"
                ),
            ));
        }
        None => return Ok(broken(1, "the trail's recorded head is missing".to_owned())),
    }
    Ok(AuditReport {
        rows: count,
        intact: true,
        first_bad_row: None,
        problem: None,
    })
}

/// A scenario's history (or the whole workspace's), newest first; `person`/`unit` keep only
/// rows whose detail mentions that police number or unit id.
pub fn history(
    tx: &Transaction<'_>,
    scenario_id: Option<i64>,
    person: Option<&str>,
    unit: Option<&str>,
    limit: u32,
) -> Result<Vec<AuditEntry>, StorageError> {
    let mut stmt = tx.prepare(
        "SELECT id, at, actor, scenario_id, action, detail FROM audit
         WHERE (?1 IS NULL OR scenario_id = ?1)
           AND (?2 IS NULL OR instr(detail, ?2) > 0)
           AND (?3 IS NULL OR instr(detail, ?3) > 0)
         ORDER BY id DESC LIMIT ?4",
    )?;
    let quoted = |s: Option<&str>| s.map(|s| format!("\"{s}\""));
    let rows = collect(stmt.query_map(
        params![scenario_id, quoted(person), quoted(unit), limit],
        StoredRow::read,
    )?)?;
    Ok(rows.into_iter().map(StoredRow::into_entry).collect())
}
