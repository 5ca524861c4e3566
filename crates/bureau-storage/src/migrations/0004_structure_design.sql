-- Schema version 4: the structure designer.

-- 职能: a unit's main functions as the plan writes them, one per line.
ALTER TABLE old_unit ADD COLUMN functions TEXT NOT NULL DEFAULT '';
ALTER TABLE new_unit ADD COLUMN functions TEXT NOT NULL DEFAULT '';

-- A designer step is a row of the scenario's edit log like a board step, so that one undo
-- stack serves both: `before`/`after` hold the placements it changed (people a deleted unit
-- returned to their old unit), these two the scenario's structure before and after the step as
-- JSON ({"structure": …, "rules": …}, rules only when the step changed them). NULL: a board step.
ALTER TABLE edit ADD COLUMN structure_before TEXT;
ALTER TABLE edit ADD COLUMN structure_after TEXT;
