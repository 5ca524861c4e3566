//! The station figures template (派出所辖区情况表): one row per police station of the bureau
//! today, with its figures when it has them, as XLSX. Read back by `stations.rs` to the same
//! figures, so the template is also the way to edit them in a spreadsheet.

use bureau_core::{StationFigures, Unit};
use rust_xlsxwriter::{Format, Workbook, XlsxError};

use super::stations::{StationField, STATION_COLUMNS};

/// The bureau's stations (from `old_units`) with `figures` filled in where known.
pub fn stations_xlsx(old_units: &[Unit], figures: &[StationFigures]) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let bold = Format::new().set_bold();
    let sheet = book.add_worksheet();
    sheet.set_name("派出所辖区情况表")?;
    for (c, col) in (0u16..).zip(STATION_COLUMNS.iter()) {
        sheet.write_string_with_format(0, c, col.zh, &bold)?;
        sheet.set_column_width(c, if c == 0 { 20.0 } else { 13.0 })?;
    }
    sheet.set_freeze_panes(1, 0)?;
    for (r, u) in (1u32..).zip(old_units.iter().filter(|u| u.is_station())) {
        sheet.write_string(r, 0, &u.name)?;
        let Some(f) = figures.iter().find(|f| f.unit == u.id) else {
            continue;
        };
        for (c, col) in (0u16..).zip(STATION_COLUMNS.iter()) {
            let value = match col.field {
                StationField::Station => None,
                StationField::Residents => Some(f64::from(f.resident_population)),
                StationField::Registered => f.registered_population.map(f64::from),
                StationField::Area => Some(f.area_km2),
                StationField::Villages => Some(f64::from(f.villages)),
                StationField::Calls => Some(f64::from(f.calls)),
                StationField::CriminalCases => Some(f64::from(f.criminal_cases)),
                StationField::PublicOrderCases => Some(f64::from(f.public_order_cases)),
                StationField::TravelFactor => f.travel_factor,
            };
            if let Some(v) = value {
                sheet.write_number(r, c, v)?;
            }
        }
    }
    book.save_to_buffer()
}
