-- Schema version 2: the edit log behind undo/redo on the planning board.
--
-- Every change a planner makes to a scenario's placements is one row, written in the same
-- transaction as the placements themselves. `before`/`after` hold the changed people only, as
-- JSON objects police_number → {"unit", "pinned", "pin_position"} or null (back in the old
-- unit). Undo marks a row (`undone`), redo clears the mark, and a new edit marks the undone rows
-- `discarded` (the redo stack is gone): rows are never deleted, so the log can later become a
-- hash-chained audit trail.

CREATE TABLE edit (
    id          INTEGER PRIMARY KEY,
    scenario_id INTEGER NOT NULL REFERENCES scenario(id) ON DELETE CASCADE,
    seq         INTEGER NOT NULL CHECK (seq >= 1),       -- 1, 2, … within the scenario
    at          TEXT NOT NULL,                           -- UTC, YYYY-MM-DDTHH:MM:SSZ
    kind        TEXT NOT NULL,                           -- move, pin, unpin, accept_solve, changes
    label       TEXT NOT NULL DEFAULT '',
    before      TEXT NOT NULL,
    after       TEXT NOT NULL,
    undone      INTEGER NOT NULL DEFAULT 0 CHECK (undone IN (0, 1)),
    undone_at   TEXT,
    discarded   INTEGER NOT NULL DEFAULT 0 CHECK (discarded IN (0, 1)),
    UNIQUE (scenario_id, seq)
);

-- Counts every change to a scenario's placements made through the log (edit, undo, redo), so
-- that a screen can tell whether what it shows is current.
ALTER TABLE scenario ADD COLUMN revision INTEGER NOT NULL DEFAULT 0;
