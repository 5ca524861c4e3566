//! The domain model: a bureau today (old units and roster), a target structure (new units and
//! the merge map), and an assignment of people to the new units.

mod assignment;
mod bureau;
mod person;
mod scenario;
mod squad_figures;
mod station_figures;
mod structure;
mod unit;

pub use assignment::{Assignment, CommunityEligibility, CommunityRoles, Draft, Exclusion};
pub use bureau::{Bureau, BureauInfo, BureauKind};
pub use person::{Category, Gender, Person, Post, Qualification, YearMonth};
pub use scenario::{Scenario, ScenarioStatus, ScenarioSummary};
pub use squad_figures::{SquadFigures, MAX_ROAD_KM};
pub use station_figures::StationFigures;
pub use structure::{MergeEdge, Structure};
pub use unit::{Operation, Tier, Unit, UnitKind};

/// A unit's id: unique within its structure (old units and new units are separate namespaces).
pub type UnitId = String;
/// A police number (警号): unique across the roster, officers and auxiliaries alike.
pub type PoliceNumber = String;
