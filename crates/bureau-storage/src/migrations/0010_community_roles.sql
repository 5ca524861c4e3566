-- A scenario's community roles (社区民警) as the draft carries them: JSON
-- {"roles": {police number: holds}, "pins": [...], "eligibility": {...}}; NULL or absent: the
-- roster's marks, nobody pinned, the default eligibility. An edit that changes them logs the
-- whole value before and after, so that undo and redo restore it exactly, on the same stack as
-- the board's placements.
ALTER TABLE scenario ADD COLUMN community TEXT;
ALTER TABLE edit ADD COLUMN community_before TEXT;
ALTER TABLE edit ADD COLUMN community_after TEXT;
