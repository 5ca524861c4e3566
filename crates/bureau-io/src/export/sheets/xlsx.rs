//! The workbook as XLSX, ready to print: on every sheet a title row and a bold header row,
//! both frozen and repeated at the top of every printed page, A4 landscape fitted to one page
//! wide, page numbers in the footer; counts as numbers, shares as numbers formatted 0.0%, 合计
//! rows bold.
//!
//! Text never becomes a formula: it is written as string cells, so Excel shows "=1+1" as text.
//! Control characters and non-characters are dropped; a cell longer than Excel allows is cut,
//! ending in `…`.

use bureau_core::limits::strip_forbidden;
use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Worksheet, XlsxError};

use super::{Sheet, Value, Workbook};

/// Excel's paper size code for A4.
const A4: u8 = 9;
/// The title row and the header row.
const HEAD_ROWS: u32 = 2;

struct Formats {
    title: Format,
    header: Format,
    text: Format,
    number: Format,
    share: Format,
    total_text: Format,
    total_number: Format,
    total_share: Format,
}

impl Formats {
    fn new() -> Self {
        let cell = Format::new().set_border(FormatBorder::Thin);
        let bold = cell.clone().set_bold();
        Formats {
            title: Format::new()
                .set_bold()
                .set_font_size(14)
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter),
            header: bold
                .clone()
                .set_text_wrap()
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter),
            text: cell.clone(),
            number: cell.clone(),
            share: cell.set_num_format("0.0%"),
            total_text: bold.clone(),
            total_number: bold.clone(),
            total_share: bold.set_num_format("0.0%"),
        }
    }
}

pub fn write_xlsx(book: &Workbook) -> Result<Vec<u8>, XlsxError> {
    let mut out = rust_xlsxwriter::Workbook::new();
    let f = Formats::new();
    for sheet in &book.sheets {
        let ws = out.add_worksheet();
        write_sheet(ws, sheet, &f)?;
    }
    out.save_to_buffer()
}

fn write_sheet(ws: &mut Worksheet, sheet: &Sheet, f: &Formats) -> Result<(), XlsxError> {
    ws.set_name(&sheet.name)?;
    let columns = u16::try_from(sheet.headers.len().max(1)).unwrap_or(u16::MAX);
    let title = xlsx_text(&sheet.title);
    if columns > 1 {
        ws.merge_range(0, 0, 0, columns - 1, &title, &f.title)?;
    } else {
        ws.write_string_with_format(0, 0, &title, &f.title)?;
    }
    ws.set_row_height(0, 24)?;
    for (c, (h, w)) in (0u16..).zip(sheet.headers.iter().zip(&sheet.widths)) {
        ws.write_string_with_format(1, c, xlsx_text(h), &f.header)?;
        // Widths are in characters of CJK text: about two Excel units each.
        ws.set_column_width(c, (w * 1.8).clamp(8.0, 80.0))?;
    }
    let mut r = HEAD_ROWS;
    for row in &sheet.rows {
        write_row(ws, r, row, (&f.text, &f.number, &f.share))?;
        r += 1;
    }
    if let Some(total) = &sheet.total {
        write_row(
            ws,
            r,
            total,
            (&f.total_text, &f.total_number, &f.total_share),
        )?;
    }
    ws.set_freeze_panes(HEAD_ROWS, 0)?;
    ws.set_repeat_rows(0, HEAD_ROWS - 1)?;
    ws.set_landscape();
    ws.set_paper_size(A4);
    ws.set_print_fit_to_pages(1, 0);
    ws.set_print_center_horizontally(true);
    ws.set_footer("&C第 &P 页，共 &N 页");
    Ok(())
}

fn write_row(
    ws: &mut Worksheet,
    r: u32,
    row: &[Value],
    (text, number, share): (&Format, &Format, &Format),
) -> Result<(), XlsxError> {
    for (c, v) in (0u16..).zip(row) {
        match v {
            // An empty cell keeps its border without an empty string in the shared strings.
            Value::Text(s) if s.is_empty() => ws.write_blank(r, c, text)?,
            Value::Text(s) => ws.write_string_with_format(r, c, xlsx_text(s), text)?,
            Value::Int(n) => ws.write_number_with_format(r, c, *n as f64, number)?,
            Value::Share(x) => ws.write_number_with_format(r, c, *x, share)?,
        };
    }
    Ok(())
}

/// Excel's limit on one cell, in UTF-16 code units.
const XLSX_CELL_UNITS: usize = 32_767;

/// A text cell as XLSX may carry it: without control characters, and cut (ending in `…`) at
/// Excel's limit, so that a very long name costs the end of one cell, not the whole export.
fn xlsx_text(text: &str) -> String {
    let clean = strip_forbidden(text, false);
    if clean.encode_utf16().count() <= XLSX_CELL_UNITS {
        return clean.into_owned();
    }
    let mut cut = String::new();
    let mut units = 0;
    for c in clean.chars() {
        units += c.len_utf16();
        if units > XLSX_CELL_UNITS - 1 {
            break;
        }
        cut.push(c);
    }
    cut.push('…');
    cut
}
