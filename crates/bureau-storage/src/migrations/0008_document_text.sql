-- Schema version 8: the planner's own text of a scenario's paper. A row per paragraph the
-- planner rewrote (its key as bureau-io lays the paper out), with the default it replaced as
-- the default read then: today's default differing from it means the data behind the paragraph
-- changed since. The 实施步骤 phases as JSON owned by bureau-io; NULL: the generated steps.
CREATE TABLE document_paragraph (
    scenario_id INTEGER NOT NULL REFERENCES scenario(id) ON DELETE CASCADE,
    key TEXT NOT NULL,
    text TEXT NOT NULL,
    default_when_edited TEXT NOT NULL,
    PRIMARY KEY (scenario_id, key)
);
ALTER TABLE scenario ADD COLUMN document_phases TEXT;
