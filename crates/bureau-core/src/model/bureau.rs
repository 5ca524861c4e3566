//! The bureau as it is today: who it is, its current internal units and its roster.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{Person, SquadFigures, StationFigures, Unit, YearMonth};

/// County bureaus and city-district bureaus get different policy defaults (40% vs 50%).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum BureauKind {
    /// 县公安局
    County,
    /// 市辖区公安分局
    CityDistrict,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct BureauInfo {
    pub name: String,
    pub kind: BureauKind,
    /// The month the plan takes effect: ages (the 50+ rule) are counted on it, never on the
    /// machine's clock, so that a plan reads the same whenever it is opened.
    pub as_of: YearMonth,
    /// Reform background text that opens the review document; editable by the planner.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub background: String,
}

/// The bureau today: its old units and its roster, in file order.
#[derive(Debug, Clone, PartialEq)]
pub struct Bureau {
    pub info: BureauInfo,
    pub old_units: Vec<Unit>,
    pub people: Vec<Person>,
    /// Each station's jurisdiction figures (at most one entry per old station).
    pub station_figures: Vec<StationFigures>,
    /// Each traffic squad's figures (at most one entry per old squad).
    pub squad_figures: Vec<SquadFigures>,
}

impl Bureau {
    pub fn old_unit(&self, id: &str) -> Option<&Unit> {
        self.old_units.iter().find(|u| u.id == id)
    }

    pub fn person(&self, police_number: &str) -> Option<&Person> {
        self.people
            .iter()
            .find(|p| p.police_number == police_number)
    }
}
