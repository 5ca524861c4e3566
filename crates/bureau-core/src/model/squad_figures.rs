//! What a traffic squad's (交警中队) patch looks like in figures: road length, accidents,
//! traffic calls and vehicles (交警中队辖区情况). The squad workload model reads them; like
//! the stations' figures they belong to the bureau as it is today, keyed by the old squad's id.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::UnitId;
use crate::limits::MAX_FIGURE;

/// The longest road network a squad may report, km: far above any county's.
pub const MAX_ROAD_KM: f64 = 1_000_000.0;

/// One traffic squad's figures for a year. Counts are whole numbers; road length in km.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct SquadFigures {
    /// The id of a traffic squad among the bureau's old units.
    pub unit: UnitId,
    /// 道路里程 (km): the roads the squad patrols and clears.
    pub road_km: f64,
    /// 年交通事故数 (accidents handled, including simple ones).
    pub accidents: u32,
    /// 年交通警情数 (traffic calls: jams, disputes, breakdowns).
    pub traffic_calls: u32,
    /// 机动车保有量 (vehicles registered in its patch).
    pub vehicles: u32,
}

impl SquadFigures {
    /// Bounds the types cannot state: counts up to [`MAX_FIGURE`], road length in [0,
    /// [`MAX_ROAD_KM`]]. On failure: the field and what was expected there.
    pub fn check_bounds(&self) -> Result<(), (&'static str, String)> {
        let counts = [
            ("accidents", self.accidents),
            ("traffic_calls", self.traffic_calls),
            ("vehicles", self.vehicles),
        ];
        for (field, n) in counts {
            if n > MAX_FIGURE {
                return Err((
                    field,
                    format!("a whole number from 0 to {MAX_FIGURE}, found {n}"),
                ));
            }
        }
        if !(self.road_km.is_finite() && (0.0..=MAX_ROAD_KM).contains(&self.road_km)) {
            return Err((
                "road_km",
                format!(
                    "a road length in km from 0 to {MAX_ROAD_KM}, found {}",
                    self.road_km
                ),
            ));
        }
        Ok(())
    }
}
