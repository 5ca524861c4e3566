//! Hand-made XLSX workbooks for the hostile-input tests: the zip and XML written directly, so a
//! sheet can claim any dimension and put cells anywhere (including where Excel never would).
// Each test crate that includes this module uses a part of it.
#![allow(dead_code)]

use std::io::{Cursor, Write};

use zip::write::SimpleFileOptions;
use zip::CompressionMethod;

/// One worksheet: its name, the `<dimension ref>` it claims (`None`: none), and its cells as
/// (0-based row, 0-based column, XML of the cell's content after the `<c>` attributes).
pub struct Sheet<'a> {
    pub name: &'a str,
    pub dimension: Option<&'a str>,
    pub cells: Vec<(u64, u64, String)>,
}

/// A cell holding inline text.
pub fn text(row: u64, column: u64, s: &str) -> (u64, u64, String) {
    let escaped = s
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;");
    (
        row,
        column,
        format!(r#" t="inlineStr"><is><t xml:space="preserve">{escaped}</t></is>"#),
    )
}

/// A cell holding a number.
pub fn number(row: u64, column: u64, n: f64) -> (u64, u64, String) {
    (row, column, format!("><v>{n}</v>"))
}

/// The spreadsheet letters of a 0-based column (any size).
pub fn letters(mut column: u64) -> String {
    let mut out = Vec::new();
    loop {
        out.push(b'A' + (column % 26) as u8);
        if column < 26 {
            break;
        }
        column = column / 26 - 1;
    }
    out.reverse();
    String::from_utf8(out).expect("ASCII")
}

pub fn workbook(sheets: &[Sheet<'_>]) -> Vec<u8> {
    let mut parts: Vec<(String, Vec<u8>)> = Vec::new();
    let mut overrides = String::new();
    let mut listed = String::new();
    let mut rels = String::new();
    for (i, sheet) in sheets.iter().enumerate() {
        let n = i + 1;
        overrides.push_str(&format!(
            r#"<Override PartName="/xl/worksheets/sheet{n}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>"#
        ));
        listed.push_str(&format!(
            r#"<sheet name="{}" sheetId="{n}" r:id="rId{n}"/>"#,
            sheet.name
        ));
        rels.push_str(&format!(
            r#"<Relationship Id="rId{n}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet{n}.xml"/>"#
        ));
        parts.push((
            format!("xl/worksheets/sheet{n}.xml"),
            sheet_xml(sheet).into_bytes(),
        ));
    }
    parts.push((
        "[Content_Types].xml".into(),
        format!(
            r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>{overrides}</Types>"#
        )
        .into_bytes(),
    ));
    parts.push((
        "_rels/.rels".into(),
        br#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#.to_vec(),
    ));
    parts.push((
        "xl/workbook.xml".into(),
        format!(
            r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>{listed}</sheets></workbook>"#
        )
        .into_bytes(),
    ));
    parts.push((
        "xl/_rels/workbook.xml.rels".into(),
        format!(
            r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{rels}</Relationships>"#
        )
        .into_bytes(),
    ));
    zip(&parts)
}

fn sheet_xml(sheet: &Sheet<'_>) -> String {
    let mut cells = sheet.cells.clone();
    cells.sort_by_key(|(r, c, _)| (*r, *c));
    let mut body = String::new();
    let mut open_row = None;
    for (r, c, content) in &cells {
        if open_row != Some(*r) {
            if open_row.is_some() {
                body.push_str("</row>");
            }
            body.push_str(&format!(r#"<row r="{}">"#, r + 1));
            open_row = Some(*r);
        }
        body.push_str(&format!(r#"<c r="{}{}"{content}</c>"#, letters(*c), r + 1));
    }
    if open_row.is_some() {
        body.push_str("</row>");
    }
    let dimension = sheet
        .dimension
        .map(|d| format!(r#"<dimension ref="{d}"/>"#))
        .unwrap_or_default();
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">{dimension}<sheetData>{body}</sheetData></worksheet>"#
    )
}

/// A zip of `parts`, deflated.
pub fn zip(parts: &[(String, Vec<u8>)]) -> Vec<u8> {
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .compression_level(Some(1));
    for (name, bytes) in parts {
        out.start_file(name.as_str(), options).expect("zip entry");
        out.write_all(bytes).expect("zip write");
    }
    out.finish().expect("zip finish").into_inner()
}

/// The parts of a zip, to rebuild it with one part changed.
pub fn unzip(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).expect("a zip");
    (0..archive.len())
        .map(|i| {
            let mut part = archive.by_index(i).expect("zip entry");
            let mut data = Vec::new();
            std::io::Read::read_to_end(&mut part, &mut data).expect("zip read");
            (part.name().expect("a part name").into_owned(), data)
        })
        .collect()
}
