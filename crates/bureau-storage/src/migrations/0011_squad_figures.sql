-- Traffic squad figures (交警中队辖区情况) for the squad workload model, keyed by the old
-- squad's id; like station_figures, rows for a unit that is no longer a squad are ignored on
-- load.
CREATE TABLE squad_figures (
    unit          TEXT PRIMARY KEY NOT NULL,
    road_km       REAL NOT NULL CHECK (road_km >= 0),
    accidents     INTEGER NOT NULL CHECK (accidents >= 0),
    traffic_calls INTEGER NOT NULL CHECK (traffic_calls >= 0),
    vehicles      INTEGER NOT NULL CHECK (vehicles >= 0)
) WITHOUT ROWID;
