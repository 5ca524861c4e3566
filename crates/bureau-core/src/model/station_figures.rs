//! What a police station's jurisdiction (辖区) looks like in figures: residents, area,
//! villages, calls and cases (派出所辖区情况表). The workload model reads them; they belong to
//! the bureau as it is today, keyed by the old station's id.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::UnitId;
use crate::limits::{MAX_AREA_KM2, MAX_FIGURE, TRAVEL_FACTOR_RANGE};

/// One station's figures for a year. Counts are whole numbers; the area is in km².
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct StationFigures {
    /// The id of a police station among the bureau's old units.
    pub unit: UnitId,
    /// 常住人口
    pub resident_population: u32,
    /// 户籍人口 (optional: not every bureau keeps it per station).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub registered_population: Option<u32>,
    /// 辖区面积, km².
    pub area_km2: f64,
    /// 行政村/社区数
    pub villages: u32,
    /// 年接处警数
    pub calls: u32,
    /// 年刑事案件数
    pub criminal_cases: u32,
    /// 年治安案件数
    pub public_order_cases: u32,
    /// Travel/terrain factor (mountain roads, islands): multiplies the area's weight; 1 when
    /// absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub travel_factor: Option<f64>,
}

impl StationFigures {
    /// The area as the workload model counts it: km² times the travel factor.
    pub fn effective_area(&self) -> f64 {
        self.area_km2 * self.travel_factor.unwrap_or(1.0)
    }
}

impl StationFigures {
    /// Bounds the types cannot state: counts up to [`MAX_FIGURE`], an area in (0,
    /// [`MAX_AREA_KM2`]], a travel factor in [`TRAVEL_FACTOR_RANGE`]. On failure: the field
    /// and what was expected there.
    pub fn check_bounds(&self) -> Result<(), (&'static str, String)> {
        let counts = [
            ("resident_population", Some(self.resident_population)),
            ("registered_population", self.registered_population),
            ("villages", Some(self.villages)),
            ("calls", Some(self.calls)),
            ("criminal_cases", Some(self.criminal_cases)),
            ("public_order_cases", Some(self.public_order_cases)),
        ];
        for (field, n) in counts {
            if let Some(n) = n.filter(|&n| n > MAX_FIGURE) {
                return Err((
                    field,
                    format!("a whole number from 0 to {MAX_FIGURE}, found {n}"),
                ));
            }
        }
        if !(self.area_km2.is_finite() && self.area_km2 > 0.0 && self.area_km2 <= MAX_AREA_KM2) {
            return Err((
                "area_km2",
                format!(
                    "an area in km² above 0 and at most {MAX_AREA_KM2}, found {}",
                    self.area_km2
                ),
            ));
        }
        let (lo, hi) = TRAVEL_FACTOR_RANGE;
        if let Some(f) = self
            .travel_factor
            .filter(|f| !(f.is_finite() && (lo..=hi).contains(f)))
        {
            return Err((
                "travel_factor",
                format!("a factor from {lo} to {hi}, found {f}"),
            ));
        }
        Ok(())
    }
}
