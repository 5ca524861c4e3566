//! Units, old or new: departments, sub-units, stations, traffic squads and the rest.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::UnitId;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum UnitKind {
    /// 合成作战中心
    OperationsCentre,
    /// A department (大部) or, in the old structure, an internal unit (大队/科/室).
    Department,
    /// A room, team or centre inside a department (室/队/中心).
    SubUnit,
    /// 派出所
    PoliceStation,
    /// 交警中队
    TrafficSquad,
    /// 看守所 and similar custodial units.
    Detention,
    Other,
}

/// Office (机关) or grassroots (基层所队): the split every ratio rule is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Tier {
    Office,
    Grassroots,
}

/// 实体化运行 (sits together) or 虚拟化运行 (exists on paper and coordinates).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Operation {
    #[default]
    Physical,
    Virtual,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Unit {
    pub id: UnitId,
    pub name: String,
    pub kind: UnitKind,
    pub tier: Tier,
    /// The enclosing unit for sub-units; `None` for top-level units.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<UnitId>,
    /// 民警编制
    pub officer_establishment: u32,
    /// 辅警编制
    pub auxiliary_establishment: u32,
    /// 正职职数
    pub head_posts: u32,
    /// 副职职数
    pub deputy_posts: u32,
    #[serde(default)]
    pub operation: Operation,
    /// Villages or grids (警务区) a station covers: each needs one community officer.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub grids: u32,
    /// 职能: the unit's main functions as the plan writes them, one per line.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub functions: String,
}

fn is_zero(n: &u32) -> bool {
    *n == 0
}

impl Unit {
    pub fn is_station(&self) -> bool {
        self.kind == UnitKind::PoliceStation
    }

    pub fn is_traffic_squad(&self) -> bool {
        self.kind == UnitKind::TrafficSquad
    }
}
