-- Schema version 3: the scenario lifecycle (status, trash, lineage) and the audit trail.

-- draft → review → approved; an approved scenario is read-only (branch it to change it).
ALTER TABLE scenario ADD COLUMN status TEXT NOT NULL DEFAULT 'draft'
    CHECK (status IN ('draft', 'review', 'approved'));
-- Deleting moves a scenario to the trash (recoverable); NULL means not deleted.
ALTER TABLE scenario ADD COLUMN deleted_at TEXT;
-- The scenario this one was branched from, if any.
ALTER TABLE scenario ADD COLUMN parent_id INTEGER REFERENCES scenario(id) ON DELETE SET NULL;

-- Every change to the workspace, append-only and hash-chained: `hash` is SHA-256 over the
-- previous row's hash and this row's fields, so editing, inserting or deleting any row breaks
-- the chain from there on (`planner audit verify`). `setting.audit_head` holds the last hash
-- and count so that cutting rows off the end is detected too. No foreign keys: the trail
-- outlives the scenarios it describes.
CREATE TABLE audit (
    id          INTEGER PRIMARY KEY,
    at          TEXT NOT NULL,
    actor       TEXT NOT NULL,
    scenario_id INTEGER,
    action      TEXT NOT NULL,
    detail      TEXT NOT NULL,
    prev_hash   TEXT NOT NULL,
    hash        TEXT NOT NULL UNIQUE
);
CREATE INDEX audit_scenario ON audit(scenario_id);
