-- The planner's exclusions (不宜调往) of a scenario, as the draft carries them: a JSON array of
-- {"police_number", "unit"?} (no unit: the whole grassroots); NULL or absent: none.
-- An edit that changes them logs the whole list before and after, so that undo and redo
-- restore it exactly, on the same stack as the board's placements.
ALTER TABLE scenario ADD COLUMN exclusions TEXT;
ALTER TABLE edit ADD COLUMN exclusions_before TEXT;
ALTER TABLE edit ADD COLUMN exclusions_after TEXT;
