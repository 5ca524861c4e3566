//! People on the roster: officers (民警) and auxiliaries (辅警).

use std::fmt;
use std::str::FromStr;
use ts_rs::TS;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::{PoliceNumber, UnitId};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    /// 民警: the headcount every ratio rule counts.
    Officer,
    /// 辅警: counted separately.
    Auxiliary,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Gender {
    Male,
    Female,
}

/// Mid-level post (中层职务).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Post {
    #[default]
    None,
    /// 中层正职
    Head,
    /// 中层副职
    Deputy,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Qualification {
    /// 专业等级资格: required to enter an office department.
    ProfessionalGrade,
    /// 法律职业资格
    Legal,
}

/// A birth month, written `YYYY-MM` in files.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, TS)]
#[ts(type = "string")]
pub struct YearMonth {
    pub year: u16,
    pub month: u8,
}

impl YearMonth {
    pub fn new(year: u16, month: u8) -> Option<Self> {
        ((1900..=2100).contains(&year) && (1..=12).contains(&month)).then_some(Self { year, month })
    }

    /// Age in whole years on the first day of `on`'s month.
    pub fn age_on(self, on: YearMonth) -> u32 {
        let months = (i32::from(on.year) * 12 + i32::from(on.month))
            - (i32::from(self.year) * 12 + i32::from(self.month));
        u32::try_from(months.max(0) / 12).unwrap_or(0)
    }
}

impl fmt::Display for YearMonth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

impl FromStr for YearMonth {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = || format!("a year and month written YYYY-MM, found {s:?}");
        let (y, m) = s.split_once('-').ok_or_else(bad)?;
        if y.len() != 4 || m.len() != 2 {
            return Err(bad());
        }
        if !(y.bytes().all(|b| b.is_ascii_digit()) && m.bytes().all(|b| b.is_ascii_digit())) {
            return Err(bad());
        }
        let year: u16 = y.parse().map_err(|_| bad())?;
        let month: u8 = m.parse().map_err(|_| bad())?;
        if !(1900..=2100).contains(&year) {
            return Err(format!(
                "a year between 1900 and 2100, found {s:?} (year out of range)"
            ));
        }
        YearMonth::new(year, month).ok_or_else(bad)
    }
}

impl Serialize for YearMonth {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for YearMonth {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Person {
    /// 警号, unique.
    pub police_number: PoliceNumber,
    pub name: String,
    pub category: Category,
    pub gender: Gender,
    pub birth: YearMonth,
    /// 职级, e.g. 一级警长; empty for auxiliaries.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub rank: String,
    #[serde(default)]
    pub post: Post,
    /// The old unit the person belongs to today.
    pub current_unit: UnitId,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub specialities: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub qualifications: Vec<Qualification>,
    /// 社区民警 role (meaningful inside a station).
    #[serde(default)]
    pub community_police: bool,
    /// New units the person would like, most wanted first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub wishes: Vec<UnitId>,
}

impl Person {
    pub fn is_officer(&self) -> bool {
        self.category == Category::Officer
    }

    pub fn has(&self, q: Qualification) -> bool {
        self.qualifications.contains(&q)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn year_month_parses_and_prints() {
        let ym: YearMonth = "1975-03".parse().expect("valid");
        assert_eq!(
            ym,
            YearMonth {
                year: 1975,
                month: 3
            }
        );
        assert_eq!(ym.to_string(), "1975-03");
        assert!("1975-13".parse::<YearMonth>().is_err());
        assert!("1975-3".parse::<YearMonth>().is_err());
        assert!("abcd-01".parse::<YearMonth>().is_err());
        assert!("+975-01".parse::<YearMonth>().is_err());
        let old = "1800-01".parse::<YearMonth>().expect_err("too old");
        assert!(old.contains("year out of range"), "{old}");
    }

    #[test]
    fn age_counts_whole_years() {
        let b = YearMonth {
            year: 1976,
            month: 6,
        };
        assert_eq!(
            b.age_on(YearMonth {
                year: 2026,
                month: 5
            }),
            49
        );
        assert_eq!(
            b.age_on(YearMonth {
                year: 2026,
                month: 6
            }),
            50
        );
    }
}
