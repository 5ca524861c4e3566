//! Units written in the units import's layout (单位编制): the workspace's old units with their
//! ids, as XLSX (counts as numbers) or CSV (UTF-8 with BOM). Whatever is written here reads back
//! to the same units, so the template is also the way to edit establishment in a spreadsheet.

use bureau_core::Unit;
use rust_xlsxwriter::{Format, Workbook, XlsxError};

use super::template::{push_csv_row, unit_label};
use super::unit_fields as uf;
use super::units::{UnitField, UNIT_COLUMNS};

enum Value {
    Text(String),
    Count(u32),
}

fn unit_cells(u: &Unit, units: &[Unit]) -> Vec<Value> {
    UNIT_COLUMNS
        .iter()
        .map(|c| match c.field {
            UnitField::Id => Value::Text(u.id.clone()),
            UnitField::Name => Value::Text(u.name.clone()),
            UnitField::Kind => Value::Text(uf::kind_label(u.kind).into()),
            UnitField::Tier => Value::Text(uf::tier_label(u.tier).into()),
            UnitField::Parent => Value::Text(
                u.parent
                    .as_deref()
                    .map_or(String::new(), |p| unit_label(p, units)),
            ),
            UnitField::OfficerEstablishment => Value::Count(u.officer_establishment),
            UnitField::AuxiliaryEstablishment => Value::Count(u.auxiliary_establishment),
            UnitField::HeadPosts => Value::Count(u.head_posts),
            UnitField::DeputyPosts => Value::Count(u.deputy_posts),
            UnitField::Operation => Value::Text(uf::operation_label(u.operation).into()),
            UnitField::Grids => Value::Count(u.grids),
        })
        .collect()
}

/// The units as XLSX, one sheet 单位编制 with a bold frozen header row.
pub fn units_xlsx(units: &[Unit]) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let bold = Format::new().set_bold();
    let text = Format::new().set_num_format("@");
    let sheet = book.add_worksheet();
    sheet.set_name("单位编制")?;
    for (c, col) in (0u16..).zip(UNIT_COLUMNS.iter()) {
        sheet.write_string_with_format(0, c, col.zh, &bold)?;
        let width = match col.field {
            UnitField::Name | UnitField::Parent => 22.0,
            UnitField::Id => 14.0,
            _ => 11.0,
        };
        sheet.set_column_width(c, width)?;
    }
    sheet.set_freeze_panes(1, 0)?;
    for (r, u) in (1u32..).zip(units) {
        for (c, value) in (0u16..).zip(unit_cells(u, units)) {
            match value {
                Value::Text(s) if s.is_empty() => {}
                Value::Text(s) => {
                    sheet.write_string_with_format(r, c, s, &text)?;
                }
                Value::Count(n) => {
                    sheet.write_number(r, c, f64::from(n))?;
                }
            }
        }
    }
    book.save_to_buffer()
}

/// The units as CSV: UTF-8 with a BOM, so that Excel opens it right.
pub fn units_csv(units: &[Unit]) -> Vec<u8> {
    let mut out = String::from("\u{feff}");
    let header: Vec<String> = UNIT_COLUMNS.iter().map(|c| c.zh.to_owned()).collect();
    push_csv_row(&mut out, &header);
    for u in units {
        let cells: Vec<String> = unit_cells(u, units)
            .into_iter()
            .map(|v| match v {
                Value::Text(s) => s,
                Value::Count(n) => n.to_string(),
            })
            .collect();
        push_csv_row(&mut out, &cells);
    }
    out.into_bytes()
}
