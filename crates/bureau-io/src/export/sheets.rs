//! The report's tables as spreadsheets: XLSX with one sheet per table (bold frozen header row,
//! column widths set, counts as numbers, shares as numbers formatted 0.0%), and CSV with every
//! table one after another (UTF-8 with a BOM so that Excel opens it).

use rust_xlsxwriter::{Format, Workbook, XlsxError};

use super::report::{Report, Value};
use crate::import::push_csv_row;

pub fn write_xlsx(report: &Report) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let bold = Format::new().set_bold().set_text_wrap();
    let pct = Format::new().set_num_format("0.0%");
    for table in report.tables() {
        let sheet = book.add_worksheet();
        sheet.set_name(&table.sheet)?;
        for (c, (h, w)) in (0u16..).zip(table.headers.iter().zip(&table.widths)) {
            sheet.write_string_with_format(0, c, h, &bold)?;
            // The report's widths are in characters of CJK text: about two Excel units each.
            sheet.set_column_width(c, (w * 1.8).clamp(8.0, 80.0))?;
        }
        sheet.set_freeze_panes(1, 0)?;
        for (r, row) in (1u32..).zip(&table.rows) {
            for (c, v) in (0u16..).zip(row) {
                match v {
                    Value::Text(s) => {
                        sheet.write_string(r, c, s)?;
                    }
                    Value::Int(n) => {
                        sheet.write_number(r, c, *n as f64)?;
                    }
                    Value::Share(x) => {
                        sheet.write_number_with_format(r, c, *x, &pct)?;
                    }
                }
            }
        }
    }
    book.save_to_buffer()
}

/// Every table, each preceded by its title and followed by an empty line.
pub fn write_csv(report: &Report) -> Vec<u8> {
    let mut out = String::from("\u{feff}");
    for table in report.tables() {
        push_csv_row(&mut out, std::slice::from_ref(&table.title));
        push_csv_row(&mut out, &table.headers);
        for row in &table.rows {
            let cells: Vec<String> = row
                .iter()
                .map(|v| match v {
                    Value::Share(x) => format!("{:.4}", x),
                    other => other.shown(),
                })
                .collect();
            push_csv_row(&mut out, &cells);
        }
        out.push_str("\r\n");
    }
    out.into_bytes()
}
