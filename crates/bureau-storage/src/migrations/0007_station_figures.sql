-- Station figures: each police station's jurisdiction (派出所辖区情况) for the workload model.
-- Keyed by the old station's id; rows for a unit that is no longer a station are ignored on
-- load (a units import may change the old units), so no foreign key holds them back.
CREATE TABLE station_figures (
    unit                  TEXT PRIMARY KEY NOT NULL,
    resident_population   INTEGER NOT NULL CHECK (resident_population >= 0),
    registered_population INTEGER CHECK (registered_population >= 0),
    area_km2              REAL NOT NULL CHECK (area_km2 > 0),
    villages              INTEGER NOT NULL CHECK (villages >= 0),
    calls                 INTEGER NOT NULL CHECK (calls >= 0),
    criminal_cases        INTEGER NOT NULL CHECK (criminal_cases >= 0),
    public_order_cases    INTEGER NOT NULL CHECK (public_order_cases >= 0),
    travel_factor         REAL CHECK (travel_factor > 0)
) WITHOUT ROWID;
