-- Bureau Planner workspace, schema version 1: one bureau, its roster, structures and scenarios.

CREATE TABLE bureau (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    name        TEXT NOT NULL,
    kind        TEXT NOT NULL,
    as_of       TEXT NOT NULL,
    background  TEXT NOT NULL DEFAULT ''
);

CREATE TABLE old_unit (
    id                      TEXT PRIMARY KEY,
    position                INTEGER NOT NULL UNIQUE,
    name                    TEXT NOT NULL,
    kind                    TEXT NOT NULL,
    tier                    TEXT NOT NULL,
    parent                  TEXT REFERENCES old_unit(id) DEFERRABLE INITIALLY DEFERRED,
    officer_establishment   INTEGER NOT NULL CHECK (officer_establishment >= 0),
    auxiliary_establishment INTEGER NOT NULL CHECK (auxiliary_establishment >= 0),
    head_posts              INTEGER NOT NULL CHECK (head_posts >= 0),
    deputy_posts            INTEGER NOT NULL CHECK (deputy_posts >= 0),
    operation               TEXT NOT NULL,
    grids                   INTEGER NOT NULL DEFAULT 0 CHECK (grids >= 0)
);

CREATE TABLE person (
    police_number    TEXT PRIMARY KEY,
    position         INTEGER NOT NULL UNIQUE,
    name             TEXT NOT NULL,
    category         TEXT NOT NULL,
    gender           TEXT NOT NULL,
    birth            TEXT NOT NULL,
    rank             TEXT NOT NULL DEFAULT '',
    post             TEXT NOT NULL,
    current_unit     TEXT NOT NULL REFERENCES old_unit(id),
    specialities     TEXT NOT NULL DEFAULT '[]',  -- JSON array of strings
    qualifications   TEXT NOT NULL DEFAULT '[]',  -- JSON array of qualification tags
    community_police INTEGER NOT NULL DEFAULT 0,
    wishes           TEXT NOT NULL DEFAULT '[]'   -- JSON array of new unit ids, most wanted first
);
CREATE INDEX person_current_unit ON person(current_unit);

CREATE TABLE structure (
    id   INTEGER PRIMARY KEY,
    name TEXT NOT NULL
);

CREATE TABLE new_unit (
    structure_id            INTEGER NOT NULL REFERENCES structure(id) ON DELETE CASCADE,
    id                      TEXT NOT NULL,
    position                INTEGER NOT NULL,
    name                    TEXT NOT NULL,
    kind                    TEXT NOT NULL,
    tier                    TEXT NOT NULL,
    parent                  TEXT,
    officer_establishment   INTEGER NOT NULL CHECK (officer_establishment >= 0),
    auxiliary_establishment INTEGER NOT NULL CHECK (auxiliary_establishment >= 0),
    head_posts              INTEGER NOT NULL CHECK (head_posts >= 0),
    deputy_posts            INTEGER NOT NULL CHECK (deputy_posts >= 0),
    operation               TEXT NOT NULL,
    grids                   INTEGER NOT NULL DEFAULT 0 CHECK (grids >= 0),
    PRIMARY KEY (structure_id, id),
    UNIQUE (structure_id, position),
    FOREIGN KEY (structure_id, parent) REFERENCES new_unit(structure_id, id)
        DEFERRABLE INITIALLY DEFERRED
);

CREATE TABLE merge_edge (
    structure_id  INTEGER NOT NULL REFERENCES structure(id) ON DELETE CASCADE,
    from_unit     TEXT NOT NULL REFERENCES old_unit(id),
    from_position INTEGER NOT NULL,
    to_unit       TEXT NOT NULL,
    to_position   INTEGER NOT NULL,
    PRIMARY KEY (structure_id, from_unit, to_unit),
    FOREIGN KEY (structure_id, to_unit) REFERENCES new_unit(structure_id, id)
        DEFERRABLE INITIALLY DEFERRED
);

CREATE TABLE scenario (
    id           INTEGER PRIMARY KEY,
    name         TEXT NOT NULL UNIQUE,
    structure_id INTEGER NOT NULL REFERENCES structure(id),
    notes        TEXT NOT NULL DEFAULT '',
    rules        TEXT,               -- JSON array of rules; NULL means the defaults
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL
);

CREATE TABLE placement (
    scenario_id   INTEGER NOT NULL REFERENCES scenario(id) ON DELETE CASCADE,
    police_number TEXT NOT NULL REFERENCES person(police_number),
    unit_id       TEXT NOT NULL,
    pin_position  INTEGER,           -- NULL: not pinned; else the pin's place in the pin list
    PRIMARY KEY (scenario_id, police_number)
);

-- Workspace-wide settings: the current scenario, the planner's name, …
CREATE TABLE setting (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
