//! The workbook as CSV: every sheet one after another (its title, header, rows and 合计 row,
//! then an empty line), UTF-8 with a BOM so that Excel opens it.
//!
//! A text cell that a spreadsheet would read as a formula (`=`, `+`, `-`, `@`, tab, CR first)
//! is prefixed with `'`; control characters and non-characters are dropped.

use std::borrow::Cow;

use bureau_core::limits::strip_forbidden;

use super::{Value, Workbook};
use crate::import::push_csv_row;

pub fn write_csv(book: &Workbook) -> Vec<u8> {
    let mut out = String::from("\u{feff}");
    let texts = |cells: &[String]| -> Vec<String> {
        cells.iter().map(|c| csv_text(c).into_owned()).collect()
    };
    let values = |row: &[Value]| -> Vec<String> {
        row.iter()
            .map(|v| match v {
                Value::Share(x) => format!("{:.4}", x),
                Value::Int(n) => n.to_string(),
                Value::Text(s) => csv_text(s).into_owned(),
            })
            .collect()
    };
    for sheet in &book.sheets {
        push_csv_row(&mut out, &texts(std::slice::from_ref(&sheet.title)));
        push_csv_row(&mut out, &texts(&sheet.headers));
        for row in sheet.rows.iter().chain(&sheet.total) {
            push_csv_row(&mut out, &values(row));
        }
        out.push_str("\r\n");
    }
    out.into_bytes()
}

/// A text cell as CSV may carry it: without control characters, and with a `'` before a
/// first character that makes a spreadsheet read the cell as a formula (`=HYPERLINK(…)`,
/// `+cmd|…`, `-1+1`, `@SUM(…)`), which is how spreadsheets themselves mark text.
pub fn csv_text(text: &str) -> Cow<'_, str> {
    let clean = strip_forbidden(text, false);
    if clean.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        Cow::Owned(format!("'{clean}"))
    } else {
        clean
    }
}

#[cfg(test)]
mod tests {
    use super::csv_text;

    #[test]
    fn formula_starts_are_neutralised() {
        for (raw, csv) in [
            ("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"),
            ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"),
            ("-1+1", "'-1+1"),
            ("@SUM(1)", "'@SUM(1)"),
            ("\t=1", "'=1"),
            ("\r=1", "'=1"),
            ("张\u{1b}[31m伟", "张[31m伟"),
            ("张伟", "张伟"),
            ("a=b", "a=b"),
            ("", ""),
        ] {
            assert_eq!(csv_text(raw), csv, "{raw:?}");
        }
    }
}
