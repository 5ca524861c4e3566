-- The solve weights (求解设置) of a scenario as JSON ({"move": 1, "transfer": 1, …});
-- NULL: the defaults, so that improved defaults reach scenarios the planner never tuned.
ALTER TABLE scenario ADD COLUMN weights TEXT;
