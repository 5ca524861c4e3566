//! The new structure as a spreadsheet (新机构设置表), in the layout `import::read_structure`
//! reads: the structure's name on the first row, then one row per unit in the structure's
//! order, and a second sheet listing today's units to copy into 由原单位组建. Whatever is
//! written here reads back to the same structure, so the export is also the template.

use bureau_core::{Structure, Unit};
use rust_xlsxwriter::{Format, Workbook, XlsxError};

use crate::import::{
    kind_label, old_unit_label, operation_label, tier_label, StructureField, NAME_LABEL, PART_MARK,
    PATH_SEPARATOR, STRUCTURE_COLUMNS,
};

enum Value {
    Text(String),
    Count(u32),
}

/// A unit's parent path: the names from the top level down to its parent.
fn parent_path(u: &Unit, s: &Structure) -> Option<String> {
    let mut names = Vec::new();
    let mut at = u.parent.as_deref().and_then(|p| s.unit(p));
    for _ in 0..=s.units.len() {
        let Some(p) = at else { break };
        names.push(p.name.as_str());
        at = p.parent.as_deref().and_then(|q| s.unit(q));
    }
    if names.is_empty() {
        return None;
    }
    names.reverse();
    Some(names.join(&PATH_SEPARATOR.to_string()))
}

/// The old units a new unit is formed from, its people's default destination unmarked.
fn formed_from(u: &Unit, s: &Structure, old_units: &[Unit]) -> String {
    s.merge_map
        .iter()
        .filter_map(|e| {
            let at = e.to.iter().position(|t| *t == u.id)?;
            let label = old_unit_label(&e.from, old_units);
            Some(if at == 0 {
                label
            } else {
                format!("{label}{PART_MARK}")
            })
        })
        .collect::<Vec<_>>()
        .join("、")
}

fn unit_cells(u: &Unit, s: &Structure, old_units: &[Unit]) -> Vec<Value> {
    let parent = parent_path(u, s);
    STRUCTURE_COLUMNS
        .iter()
        .map(|c| match c.field {
            StructureField::Department => Value::Text(parent.clone().unwrap_or(u.name.clone())),
            StructureField::SubUnit => Value::Text(if parent.is_some() {
                u.name.clone()
            } else {
                String::new()
            }),
            StructureField::Kind => Value::Text(kind_label(u.kind).into()),
            StructureField::Tier => Value::Text(tier_label(u.tier).into()),
            StructureField::Operation => Value::Text(operation_label(u.operation).into()),
            StructureField::OfficerEstablishment => Value::Count(u.officer_establishment),
            StructureField::AuxiliaryEstablishment => Value::Count(u.auxiliary_establishment),
            StructureField::HeadPosts => Value::Count(u.head_posts),
            StructureField::DeputyPosts => Value::Count(u.deputy_posts),
            StructureField::Grids => Value::Count(u.grids),
            StructureField::Functions => Value::Text(u.functions.clone()),
            StructureField::FormedFrom => Value::Text(formed_from(u, s, old_units)),
        })
        .collect()
}

/// The structure as XLSX: sheet 新机构设置表 (name row, bold frozen header row, one row per
/// unit; counts as numbers) and sheet 原单位 (today's units, for 由原单位组建).
pub fn structure_xlsx(structure: &Structure, old_units: &[Unit]) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let bold = Format::new().set_bold();
    let text = Format::new().set_num_format("@");
    let wrapped = Format::new().set_num_format("@").set_text_wrap();
    let sheet = book.add_worksheet();
    sheet.set_name("新机构设置表")?;
    sheet.write_string_with_format(0, 0, NAME_LABEL, &bold)?;
    sheet.write_string_with_format(0, 1, &structure.name, &text)?;
    for (c, col) in (0u16..).zip(STRUCTURE_COLUMNS.iter()) {
        sheet.write_string_with_format(1, c, col.zh, &bold)?;
        let width = match col.field {
            StructureField::Department | StructureField::SubUnit => 20.0,
            StructureField::Functions => 48.0,
            StructureField::FormedFrom => 36.0,
            _ => 10.0,
        };
        sheet.set_column_width(c, width)?;
    }
    sheet.set_freeze_panes(2, 0)?;
    for (r, u) in (2u32..).zip(&structure.units) {
        for (c, value) in (0u16..).zip(unit_cells(u, structure, old_units)) {
            match value {
                Value::Text(s) if s.is_empty() => {}
                Value::Text(s) if s.contains('\n') => {
                    sheet.write_string_with_format(r, c, s, &wrapped)?;
                }
                Value::Text(s) => {
                    sheet.write_string_with_format(r, c, s, &text)?;
                }
                Value::Count(n) => {
                    sheet.write_number(r, c, f64::from(n))?;
                }
            }
        }
    }
    let olds = book.add_worksheet();
    olds.set_name("原单位")?;
    olds.write_string_with_format(0, 0, "原单位名称", &bold)?;
    olds.write_string_with_format(0, 1, "民警编制", &bold)?;
    olds.set_column_width(0, 24.0)?;
    for (r, u) in (1u32..).zip(old_units) {
        olds.write_string_with_format(r, 0, old_unit_label(&u.id, old_units), &text)?;
        olds.write_number(r, 1, f64::from(u.officer_establishment))?;
    }
    book.save_to_buffer()
}
