//! The squad figures template (交警中队辖区情况表): one row per traffic squad of the bureau
//! today, with its figures when it has them, as XLSX. Read back by `squads.rs` to the same
//! figures, so the template is also the way to edit them in a spreadsheet.

use bureau_core::{SquadFigures, Unit};
use rust_xlsxwriter::{Format, Workbook, XlsxError};

use super::squads::{SquadField, SQUAD_COLUMNS};

/// The bureau's traffic squads (from `old_units`) with `figures` filled in where known.
pub fn squads_xlsx(old_units: &[Unit], figures: &[SquadFigures]) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let bold = Format::new().set_bold();
    let sheet = book.add_worksheet();
    sheet.set_name("交警中队辖区情况表")?;
    for (c, col) in (0u16..).zip(SQUAD_COLUMNS.iter()) {
        sheet.write_string_with_format(0, c, col.zh, &bold)?;
        sheet.set_column_width(c, if c == 0 { 20.0 } else { 13.0 })?;
    }
    sheet.set_freeze_panes(1, 0)?;
    for (r, u) in (1u32..).zip(old_units.iter().filter(|u| u.is_traffic_squad())) {
        sheet.write_string(r, 0, &u.name)?;
        let Some(f) = figures.iter().find(|f| f.unit == u.id) else {
            continue;
        };
        for (c, col) in (0u16..).zip(SQUAD_COLUMNS.iter()) {
            let value = match col.field {
                SquadField::Squad => continue,
                SquadField::RoadKm => f.road_km,
                SquadField::Accidents => f64::from(f.accidents),
                SquadField::TrafficCalls => f64::from(f.traffic_calls),
                SquadField::Vehicles => f64::from(f.vehicles),
            };
            sheet.write_number(r, c, value)?;
        }
    }
    book.save_to_buffer()
}
