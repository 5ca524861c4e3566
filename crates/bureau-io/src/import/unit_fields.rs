//! One value of a units file: the Chinese (and English) labels of the core's unit kinds, tiers
//! and operations, both ways, and counts (establishment, posts, grids) as non-negative whole
//! numbers. Readers return the value or what was expected ([`Expected`]) for the problem report.

use bureau_core::{Operation, Tier, Unit, UnitKind};

use super::cells::{number_text, Cell};
use super::expected::Expected;
use super::fields;

/// A unit's values as one row gave them, each `None` when its cell had a problem (reported
/// by the reader); the row's unit once every one was read.
pub struct UnitValues {
    pub kind: Option<UnitKind>,
    pub tier: Option<Tier>,
    pub operation: Option<Operation>,
    pub officers: Option<u32>,
    pub auxiliaries: Option<u32>,
    pub heads: Option<u32>,
    pub deputies: Option<u32>,
    pub grids: Option<u32>,
}

impl UnitValues {
    /// The unit, without id and parent (the rows are resolved together for those).
    pub fn into_unit(self, name: String, functions: String) -> Option<Unit> {
        Some(Unit {
            id: String::new(),
            name,
            kind: self.kind?,
            tier: self.tier?,
            parent: None,
            officer_establishment: self.officers?,
            auxiliary_establishment: self.auxiliaries?,
            head_posts: self.heads?,
            deputy_posts: self.deputies?,
            operation: self.operation?,
            grids: self.grids?,
            functions,
        })
    }
}

/// Where one kind of file holds a unit's tier, operation and counts: each count's column with
/// the largest number it takes.
pub struct ValueColumns<F> {
    pub tier: F,
    pub operation: F,
    pub officers: (F, u32),
    pub auxiliaries: (F, u32),
    pub heads: (F, u32),
    pub deputies: (F, u32),
    pub grids: (F, u32),
}

impl<F: Copy> ValueColumns<F> {
    /// A row's values, `kind` as the caller read it: each bad cell reported (`report`: column,
    /// value, what was expected) against its own column, and a count over its bound with
    /// `too_large(bound, count)`. An empty grids cell is 0; every other count must be filled.
    pub fn read<'c>(
        &self,
        kind: Option<UnitKind>,
        get: impl Fn(F) -> &'c Cell,
        mut report: impl FnMut(F, String, Expected),
        too_large: impl Fn(u32, u32) -> Expected,
    ) -> UnitValues {
        let text = |f: F| fields::text(get(f));
        let tier = tier(&text(self.tier))
            .map_err(|e| report(self.tier, text(self.tier), e))
            .ok();
        let operation = operation(&text(self.operation))
            .map_err(|e| report(self.operation, text(self.operation), e))
            .ok();
        let mut count = |(f, max): (F, u32), empty: Option<u32>| {
            count(get(f), empty)
                .and_then(|n| {
                    if n > max {
                        Err(too_large(max, n))
                    } else {
                        Ok(n)
                    }
                })
                .map_err(|e| report(f, get(f).shown(), e))
                .ok()
        };
        UnitValues {
            kind,
            tier,
            operation,
            officers: count(self.officers, None),
            auxiliaries: count(self.auxiliaries, None),
            heads: count(self.heads, None),
            deputies: count(self.deputies, None),
            grids: count(self.grids, Some(0)),
        }
    }
}

fn norm(s: &str) -> String {
    s.trim().to_lowercase().replace([' ', '-'], "_")
}

pub fn kind(s: &str) -> Result<UnitKind, Expected> {
    Ok(match norm(s).as_str() {
        "内设机构" | "部门" | "大队" | "科室" | "department" => UnitKind::Department,
        "派出所" | "police_station" | "station" => UnitKind::PoliceStation,
        "交警中队" | "中队" | "traffic_squad" => UnitKind::TrafficSquad,
        "其他" | "其它" | "other" => UnitKind::Other,
        "合成作战中心" | "operations_centre" | "operations_center" => {
            UnitKind::OperationsCentre
        }
        "下设机构" | "室队" | "sub_unit" | "subunit" => UnitKind::SubUnit,
        "看守所" | "监管场所" | "detention" => UnitKind::Detention,
        _ => return Err(Expected::UnitKind),
    })
}

pub fn kind_label(k: UnitKind) -> &'static str {
    match k {
        UnitKind::OperationsCentre => "合成作战中心",
        UnitKind::Department => "内设机构",
        UnitKind::SubUnit => "下设机构",
        UnitKind::PoliceStation => "派出所",
        UnitKind::TrafficSquad => "交警中队",
        UnitKind::Detention => "看守所",
        UnitKind::Other => "其他",
    }
}

pub fn tier(s: &str) -> Result<Tier, Expected> {
    match norm(s).as_str() {
        "机关" | "office" => Ok(Tier::Office),
        "基层" | "基层所队" | "grassroots" => Ok(Tier::Grassroots),
        _ => Err(Expected::Tier),
    }
}

pub fn tier_label(t: Tier) -> &'static str {
    match t {
        Tier::Office => "机关",
        Tier::Grassroots => "基层",
    }
}

/// Empty means 实体化 (physical), the default.
pub fn operation(s: &str) -> Result<Operation, Expected> {
    match norm(s).as_str() {
        "" | "实体化" | "实体化运行" | "实体" | "physical" => Ok(Operation::Physical),
        "虚拟化" | "虚拟化运行" | "虚拟" | "virtual" => Ok(Operation::Virtual),
        _ => Err(Expected::Operation),
    }
}

pub fn operation_label(o: Operation) -> &'static str {
    match o {
        Operation::Physical => "实体化",
        Operation::Virtual => "虚拟化",
    }
}

const COUNT: Expected = Expected::Count;

/// A count: a number cell or text of digits, 0 ≤ n ≤ 4294967295. `empty` is the value of an
/// empty cell, `None` when the cell must be filled.
pub fn count(cell: &Cell, empty: Option<u32>) -> Result<u32, Expected> {
    let n = match cell {
        Cell::Empty => return empty.ok_or(COUNT),
        Cell::Text(s) if s.trim().is_empty() => return empty.ok_or(COUNT),
        Cell::Text(s) => {
            return s.trim().parse::<u32>().map_err(|_| COUNT);
        }
        Cell::Number(n) => *n,
        Cell::Date(_) => return Err(COUNT),
    };
    if n.is_finite() && n.fract() == 0.0 && (0.0..=f64::from(u32::MAX)).contains(&n) {
        Ok(n as u32)
    } else {
        Err(Expected::CountFound {
            found: number_text(n),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_read_back() {
        for k in [
            UnitKind::OperationsCentre,
            UnitKind::Department,
            UnitKind::SubUnit,
            UnitKind::PoliceStation,
            UnitKind::TrafficSquad,
            UnitKind::Detention,
            UnitKind::Other,
        ] {
            assert_eq!(kind(kind_label(k)), Ok(k));
        }
        assert_eq!(kind("部门"), Ok(UnitKind::Department));
        assert_eq!(kind("Police Station"), Ok(UnitKind::PoliceStation));
        assert!(kind("警务室").is_err());
        assert_eq!(tier(" 基层 "), Ok(Tier::Grassroots));
        assert_eq!(operation(""), Ok(Operation::Physical));
        assert_eq!(operation("虚拟化运行"), Ok(Operation::Virtual));
    }

    #[test]
    fn counts() {
        assert_eq!(count(&Cell::Number(12.0), None), Ok(12));
        assert_eq!(count(&Cell::Text(" 7 ".into()), None), Ok(7));
        assert_eq!(count(&Cell::Empty, Some(0)), Ok(0));
        assert!(count(&Cell::Empty, None).is_err());
        assert!(count(&Cell::Number(-1.0), None).is_err());
        assert!(count(&Cell::Number(2.5), None).is_err());
        assert!(count(&Cell::Text("-3".into()), None).is_err());
        assert!(count(&Cell::Number(f64::INFINITY), None).is_err());
    }
}
