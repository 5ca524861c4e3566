-- Schema version 5: how a scenario's paper is issued (文号, 密级, 主送, 署名, dates …), as the
-- export dialog last left it. JSON owned by bureau-io's `DocumentSettings`; NULL: the defaults
-- derived from the bureau.
ALTER TABLE scenario ADD COLUMN document_settings TEXT;
