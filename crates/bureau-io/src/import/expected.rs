//! What an import expected where a file went wrong, as a typed value: one variant per thing
//! expected, with the figures and names it quotes as parameters. It crosses the API as
//! `{ "key": "sex" }` or `{ "key": "whole_number", "params": { "max": 100, "found": 120 } }`, so
//! that the UI says it in the user's language (`expected.<key>` in its dictionaries);
//! `Display` is the English the CLI prints.
//!
//! Texts in parameters are the workspace's or the file's own (unit names and ids, the template's
//! Chinese headers, a library's reason for an unreadable workbook): they are shown as they are.

use std::fmt;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::counts::grouped;

/// What a table holds one of per row, as named in "at least one … below the header row" and
/// "each … once".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum RowThing {
    Person,
    Unit,
    Station,
    TrafficSquad,
}

impl RowThing {
    fn noun(self) -> &'static str {
        match self {
            RowThing::Person => "person",
            RowThing::Unit => "unit",
            RowThing::Station => "station",
            RowThing::TrafficSquad => "traffic squad",
        }
    }
}

/// Which reading of a CSV's bytes went further before failing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum TextEncoding {
    Utf8,
    Gbk,
}

/// What was expected in a problem's place.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "key", content = "params", rename_all = "snake_case")]
pub enum Expected {
    // The file as a whole.
    FileSize {
        mib: usize,
    },
    OldXls,
    Utf16,
    BomNotUtf8,
    NeitherUtf8NorGbk {
        reads_as: TextEncoding,
    },
    AtMostColumns {
        max: usize,
        last: String,
    },
    AtMostRows {
        max: usize,
    },
    AtMostCells {
        max: usize,
    },
    MalformedReference,
    SaveWorkbookAgain {
        detail: String,
    },
    ReadableWorkbook {
        detail: String,
    },
    ReadableWorksheet {
        detail: String,
    },
    NonEmptySheet,
    CellsWithin {
        rows: usize,
        columns: usize,
        last: String,
    },
    AtMostParts {
        max: usize,
    },
    InflatedSize {
        mib: u64,
    },
    AtMostProblems {
        max: usize,
    },
    // The header row and the rows below it.
    HeaderRow {
        columns: String,
    },
    ColumnHeaded {
        zh: String,
        en: String,
    },
    ColumnOnce,
    AtLeastOne {
        thing: RowThing,
    },
    EachOnce {
        thing: RowThing,
        row: usize,
    },
    AtMostUnits {
        max: usize,
    },
    // Characters.
    ControlCharacter {
        code: String,
    },
    InnerBom,
    NonCharacter {
        code: String,
    },
    // Roster values.
    DateForms,
    YearRange {
        from: u32,
        to: u32,
        found: u32,
    },
    MonthRange {
        found: u32,
    },
    Category,
    Sex,
    Post,
    Qualification,
    Flag,
    PoliceNumber,
    PoliceNumberUnused {
        row: usize,
    },
    Name,
    BirthBefore {
        as_of: String,
    },
    BirthAge {
        min: u32,
        max: u32,
        as_of: String,
        age: u32,
    },
    SharedUnitName {
        ids: String,
    },
    CurrentUnit {
        count: usize,
    },
    NewUnit {
        count: usize,
    },
    // Unit values.
    UnitKind,
    Tier,
    Operation,
    Count,
    CountFound {
        found: String,
    },
    CountAtMost {
        max: u32,
        found: u32,
    },
    WholeNumber {
        max: u32,
        found: u32,
    },
    WholeUpTo {
        max: u32,
    },
    UnitName,
    IdUnused {
        row: usize,
    },
    NameUnused {
        row: usize,
    },
    ParentInFile,
    ParentChain {
        chain: String,
    },
    DepartmentName,
    NameLength {
        max: usize,
        found: usize,
    },
    AtMostCharacters {
        max: usize,
        found: usize,
    },
    FormedFrom,
    OldUnitOnce,
    NameUnderDepartment {
        row: usize,
    },
    ParentDepartment,
    NestedAtMost {
        max: usize,
    },
    // Workload figures.
    StationName,
    StationKind,
    BureauStation,
    Area {
        max: String,
    },
    TravelFactor {
        from: String,
        to: String,
    },
    SquadName,
    SquadKind,
    BureauSquad,
    RoadKm {
        max: String,
    },
    // The bureau's details.
    BureauName,
}

const SAVE_AS: &str = "save it as UTF-8 or GBK (Excel: 另存为 → CSV UTF-8)";

impl Expected {
    /// The same expectation with every quoted text passed through `cut` (escaping and length
    /// bounds for reports).
    pub fn map_texts(self, cut: impl Fn(&str) -> String) -> Self {
        use Expected as E;
        match self {
            E::AtMostColumns { max, last } => E::AtMostColumns {
                max,
                last: cut(&last),
            },
            E::SaveWorkbookAgain { detail } => E::SaveWorkbookAgain {
                detail: cut(&detail),
            },
            E::ReadableWorkbook { detail } => E::ReadableWorkbook {
                detail: cut(&detail),
            },
            E::ReadableWorksheet { detail } => E::ReadableWorksheet {
                detail: cut(&detail),
            },
            E::HeaderRow { columns } => E::HeaderRow {
                columns: cut(&columns),
            },
            E::ColumnHeaded { zh, en } => E::ColumnHeaded {
                zh: cut(&zh),
                en: cut(&en),
            },
            E::SharedUnitName { ids } => E::SharedUnitName { ids: cut(&ids) },
            E::ParentChain { chain } => E::ParentChain { chain: cut(&chain) },
            other => other,
        }
    }
}

impl fmt::Display for Expected {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use Expected as E;
        match self {
            E::FileSize { mib } => write!(f, "a file of at most {mib} MiB"),
            E::OldXls => f.write_str(
                "an .xlsx workbook or CSV text; this is an old .xls (or other OLE) file, or a \
                 password-protected workbook — save it as .xlsx without a password in Excel or \
                 WPS first",
            ),
            E::Utf16 => write!(f, "text in UTF-8 or GBK: file is UTF-16: {SAVE_AS}"),
            E::BomNotUtf8 => write!(
                f,
                "UTF-8 text, as the byte-order mark (BOM) at its start says: the file is not \
                 UTF-8 from here on; {SAVE_AS}, without a BOM for GBK"
            ),
            E::NeitherUtf8NorGbk { reads_as } => {
                let which = match reads_as {
                    TextEncoding::Utf8 => "UTF-8",
                    TextEncoding::Gbk => "GBK/GB18030",
                };
                write!(
                    f,
                    "text in UTF-8 or GBK: the file reads as {which} up to here, but these bytes \
                     are neither UTF-8 nor GBK; {SAVE_AS}"
                )
            }
            E::AtMostColumns { max, last } => {
                write!(f, "at most {max} columns (A to {last}) in a row")
            }
            E::AtMostRows { max } => write!(f, "at most {} rows", grouped(*max)),
            E::AtMostCells { max } => write!(
                f,
                "at most {} cells in all (rows × columns used)",
                grouped(*max)
            ),
            E::MalformedReference => {
                f.write_str("a readable .xlsx workbook (a cell reference in it is malformed)")
            }
            E::SaveWorkbookAgain { detail } => write!(
                f,
                "a readable .xlsx workbook ({detail}); save it again as .xlsx in Excel or WPS"
            ),
            E::ReadableWorkbook { detail } => write!(f, "a readable .xlsx workbook ({detail})"),
            E::ReadableWorksheet { detail } => write!(f, "a readable worksheet ({detail})"),
            E::NonEmptySheet => f.write_str("a workbook with at least one non-empty sheet"),
            E::CellsWithin {
                rows,
                columns,
                last,
            } => write!(
                f,
                "cells within the first {} rows and {columns} columns (A1:{last}{rows}): delete \
                 what lies beyond",
                grouped(*rows)
            ),
            E::AtMostParts { max } => {
                write!(f, "an .xlsx workbook of at most {} parts", grouped(*max))
            }
            E::InflatedSize { mib } => {
                write!(f, "an .xlsx workbook inflating to at most {mib} MiB")
            }
            E::AtMostProblems { max } => write!(
                f,
                "at most {} problems listed per file: correct these and read the file again",
                grouped(*max)
            ),
            E::HeaderRow { columns } => {
                write!(f, "a header row naming the template columns ({columns})")
            }
            E::ColumnHeaded { zh, en } => write!(f, "a column headed {zh} (or {en})"),
            E::ColumnOnce => f.write_str("each column once"),
            E::AtLeastOne { thing } => {
                write!(f, "at least one {} below the header row", thing.noun())
            }
            E::EachOnce { thing, row } => {
                write!(f, "each {} once; it is already on row {row}", thing.noun())
            }
            E::AtMostUnits { max } => write!(f, "at most {max} units"),
            E::ControlCharacter { code } => write!(
                f,
                "text without control characters (control character U+{code} not allowed)"
            ),
            E::InnerBom => f.write_str(
                "text without control characters (byte-order mark U+FEFF (BOM) not allowed \
                 inside a cell: it was probably pasted or joined from another file)",
            ),
            E::NonCharacter { code } => write!(
                f,
                "text without control characters (non-character U+{code} not allowed)"
            ),
            E::DateForms => f.write_str(
                "a year and month such as 1975.03, 1975-03, 1975/3, 1975年3月 or an Excel date",
            ),
            E::YearRange { from, to, found } => {
                write!(f, "a year from {from} to {to} (year {found} out of range)")
            }
            E::MonthRange { found } => {
                write!(f, "a month from 1 to 12 (month {found} out of range)")
            }
            E::Category => f.write_str("民警 or 辅警 (officer or auxiliary)"),
            E::Sex => f.write_str("男 or 女 (male or female)"),
            E::Post => f.write_str("正职, 副职 or 无 (head, deputy or none)"),
            E::Qualification => f.write_str(
                "专业等级资格 or 法律职业资格 (professional_grade or legal), separated by 、",
            ),
            E::Flag => f.write_str("是 or 否 (yes or no), or empty"),
            E::PoliceNumber => f.write_str("a police number"),
            E::PoliceNumberUnused { row } => {
                write!(f, "a police number not already used on row {row}")
            }
            E::Name => f.write_str("a name"),
            E::BirthBefore { as_of } => write!(f, "a birth month before the plan's month {as_of}"),
            E::BirthAge {
                min,
                max,
                as_of,
                age,
            } => write!(
                f,
                "a birth month giving an age between {min} and {max} on {as_of} (found age {age})"
            ),
            E::SharedUnitName { ids } => {
                write!(f, "one unit; the name is shared by {ids}, so give the id")
            }
            E::CurrentUnit { count } => write!(
                f,
                "the name or id of one of the workspace's {count} current units (old structure)"
            ),
            E::NewUnit { count } => write!(
                f,
                "the name or id of one of the workspace's {count} units of the new structure"
            ),
            E::UnitKind => f.write_str(
                "内设机构 (部门), 派出所, 交警中队, 其他 — or 合成作战中心, 下设机构, 看守所 \
                 (department, police_station, traffic_squad, other, operations_centre, sub_unit, \
                 detention)",
            ),
            E::Tier => f.write_str("机关 or 基层 (office or grassroots)"),
            E::Operation => f.write_str("实体化 or 虚拟化 (physical or virtual), or empty"),
            E::Count => f.write_str("a non-negative whole number"),
            E::CountFound { found } => write!(f, "a non-negative whole number (found {found})"),
            E::CountAtMost { max, found } => {
                write!(f, "a count of at most {max} (found {found})")
            }
            E::WholeNumber { max, found } => {
                write!(f, "a whole number from 0 to {max} (found {found})")
            }
            E::WholeUpTo { max } => write!(f, "a whole number from 0 to {max}"),
            E::UnitName => f.write_str("a unit name"),
            E::IdUnused { row } => write!(f, "an id not already used on row {row}"),
            E::NameUnused { row } => write!(f, "a name not already used on row {row}"),
            E::ParentInFile => f.write_str("the name or id of another unit in the file, or empty"),
            E::ParentChain { chain } => write!(f, "a parent chain without cycles (found {chain})"),
            E::DepartmentName => {
                f.write_str("the name of a department (and, for a sub-unit, 内设机构 beside it)")
            }
            E::NameLength { max, found } => {
                write!(f, "a unit name of at most {max} characters, found {found}")
            }
            E::AtMostCharacters { max, found } => {
                write!(f, "at most {max} characters, found {found}")
            }
            E::FormedFrom => f.write_str(
                "the names of today's units (as in 单位编制) separated by 、, an old unit giving \
                 functions only marked （部分）",
            ),
            E::OldUnitOnce => f.write_str("each old unit once in a row"),
            E::NameUnderDepartment { row } => write!(
                f,
                "a name not already used under the same department (row {row})"
            ),
            E::ParentDepartment => f.write_str(
                "a department that has its own row (内设机构 empty), or the path 部门/内设机构 of \
                 a unit above",
            ),
            E::NestedAtMost { max } => write!(f, "units nested at most {max} levels deep"),
            E::StationName => f.write_str("the name or id of a police station"),
            E::StationKind => {
                f.write_str("a police station (派出所); this unit is of another kind")
            }
            E::BureauStation => {
                f.write_str("the name or id of one of the bureau's police stations")
            }
            E::Area { max } => write!(f, "an area in km² above 0 and at most {max}"),
            E::TravelFactor { from, to } => {
                write!(f, "a factor from {from} to {to}, or empty for 1")
            }
            E::SquadName => f.write_str("the name or id of a traffic squad"),
            E::SquadKind => f.write_str("a traffic squad (交警中队); this unit is of another kind"),
            E::BureauSquad => f.write_str("the name or id of one of the bureau's traffic squads"),
            E::RoadKm { max } => write!(f, "a road length in km above 0 and at most {max}"),
            E::BureauName => f.write_str("a non-empty bureau name"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crosses_the_api_as_a_key_and_its_parameters() {
        assert_eq!(
            serde_json::to_value(Expected::Sex).expect("json"),
            serde_json::json!({ "key": "sex" })
        );
        let e = Expected::WholeNumber {
            max: 100,
            found: 120,
        };
        assert_eq!(
            serde_json::to_value(&e).expect("json"),
            serde_json::json!({ "key": "whole_number", "params": { "max": 100, "found": 120 } })
        );
        assert_eq!(e.to_string(), "a whole number from 0 to 100 (found 120)");
        let back: Expected = serde_json::from_value(serde_json::json!({
            "key": "at_least_one", "params": { "thing": "traffic_squad" }
        }))
        .expect("read back");
        assert_eq!(
            back.to_string(),
            "at least one traffic squad below the header row"
        );
    }
}
