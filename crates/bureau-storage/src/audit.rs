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

use crate::roster::collect;
use crate::settings::{set_setting, setting, PLANNER_NAME};
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

fn row_hash(
    prev: &str,
    id: i64,
    at: &str,
    actor: &str,
    scenario_id: Option<i64>,
    action: &str,
    detail: &str,
) -> String {
    let mut h = Sha256::new();
    // Fields are length-prefixed so that no two different rows hash the same bytes.
    for field in [
        prev,
        &id.to_string(),
        at,
        actor,
        &scenario_id.map_or(String::new(), |s| s.to_string()),
        action,
        detail,
    ] {
        h.update((field.len() as u64).to_le_bytes());
        h.update(field.as_bytes());
    }
    h.finalize().iter().map(|b| format!("{b:02x}")).collect()
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
    let id = last_id + 1;
    let at: String = tx.query_row("SELECT strftime('%Y-%m-%dT%H:%M:%SZ', 'now')", [], |r| {
        r.get(0)
    })?;
    let actor = setting(tx, PLANNER_NAME)?.unwrap_or_default();
    let detail = detail.to_string();
    let hash = row_hash(&prev, id, &at, &actor, scenario_id, action, &detail);
    tx.execute(
        "INSERT INTO audit (id, at, actor, scenario_id, action, detail, prev_hash, hash)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![id, at, actor, scenario_id, action, detail, prev, hash],
    )?;
    set_setting(tx, HEAD, &format!("{id}:{hash}"))
}

/// Re-computes the whole chain.
pub fn verify(conn: &Connection) -> Result<AuditReport, StorageError> {
    let mut stmt = conn.prepare(
        "SELECT id, at, actor, scenario_id, action, detail, prev_hash, hash FROM audit ORDER BY id",
    )?;
    let rows = collect(stmt.query_map([], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, Option<i64>>(3)?,
            r.get::<_, String>(4)?,
            r.get::<_, String>(5)?,
            r.get::<_, String>(6)?,
            r.get::<_, String>(7)?,
        ))
    })?)?;
    let broken = |row: i64, problem: String| AuditReport {
        rows: rows.len() as i64,
        intact: false,
        first_bad_row: Some(row),
        problem: Some(problem),
    };
    let mut prev = GENESIS.to_owned();
    for (expected_id, (id, at, actor, scenario_id, action, detail, prev_hash, hash)) in
        (1i64..).zip(&rows)
    {
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
        if row_hash(&prev, *id, at, actor, *scenario_id, action, detail) != *hash {
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
        |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, Option<i64>>(3)?,
                r.get::<_, String>(4)?,
                r.get::<_, String>(5)?,
            ))
        },
    )?)?;
    Ok(rows
        .into_iter()
        .map(|(id, at, actor, scenario_id, action, detail)| AuditEntry {
            id,
            at,
            actor,
            scenario_id,
            action,
            detail: serde_json::from_str(&detail).unwrap_or(Value::String(detail)),
        })
        .collect())
}
