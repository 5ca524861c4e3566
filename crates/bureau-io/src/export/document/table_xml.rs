//! The attachment tables written as WordprocessingML directly. A 全员转隶名单 has a row per
//! person (tens of thousands of cells in a city); building each cell as a docx-rs tree and
//! serialising it dominated the export. The XML written here is the one docx-rs writes for the
//! same table (a test holds them equal), with the same paragraph ids: docx-rs numbers every
//! paragraph it creates, so one is created per cell, in the same order, to take its id.
//!
//! The document carries an empty placeholder table in each table's place (`placeholder`), and
//! `splice` puts the written tables there once docx-rs has serialised the rest.

use std::fmt::Write as _;

use docx_rs::{Paragraph, Table};

use bureau_core::limits::strip_forbidden;

use super::attachment::Grid;
use super::gbt9704::{FANGSONG, SIZE_4, SIZE_5};

/// The style name that marks a placeholder; the table's index follows it.
const MARK: &str = "bureau-table-";

/// The empty table standing where table `index` goes.
pub fn placeholder(index: usize) -> Table {
    Table::new(Vec::new()).style(format!("{MARK}{index}"))
}

/// The font size of a table's cells: 4号 for narrow tables, 五号 for wide ones.
pub fn cell_size(g: &Grid) -> usize {
    if g.headers.len() <= 4 {
        SIZE_4
    } else {
        SIZE_5
    }
}

/// The cell margins Word and LibreOffice leave inside each cell (left and right).
const CELL_MARGINS: usize = 2 * 108;
/// Room for rounding in the fonts' widths, so a cell that should fit does not wrap.
const SLACK: usize = 60;
/// Cells at most this many 汉字 wide are short (numbers, codes, names, categories): their
/// column is as wide as its longest cell, so such cells never wrap and rows keep one height.
const SHORT_CHARS: usize = 8;

/// The width one line of `text` takes in a cell at `size` half-points: a 汉字 is one em, a
/// Latin letter or digit three fifths of one.
fn needed(text: &str, size: usize) -> usize {
    let em = size.saturating_mul(10);
    // In fifths of an em: a 汉字 is a full em; digits and Latin letters of the fallback fonts
    // a reader's Word or LibreOffice substitutes run to about three fifths.
    let fifths: usize = text.chars().map(|c| if c.is_ascii() { 3 } else { 5 }).sum();
    fifths.saturating_mul(em) / 5 + CELL_MARGINS + SLACK
}

/// The column widths of `g` in twentieths of a point, exactly `width` in all. Each column is
/// first as wide as its longest cell; what is left of the text width is shared by the relative
/// widths of the grid. When the longest cells do not fit, the short columns keep their width
/// and the others share the rest (their cells wrap); when even that fails, the relative widths
/// alone decide.
pub fn column_widths(g: &Grid, width: usize) -> Vec<usize> {
    let size = cell_size(g);
    let n = g.headers.len().max(g.widths.len());
    if n == 0 {
        return Vec::new();
    }
    let hint = |i: usize| g.widths.get(i).copied().filter(|w| *w > 0.0).unwrap_or(1.0);
    let mut need = vec![0usize; n];
    for row in std::iter::once(&g.headers).chain(&g.rows) {
        for (i, cell) in row.iter().enumerate().take(n) {
            need[i] = need[i].max(needed(cell, size));
        }
    }
    let share = |space: usize, cols: &[usize]| -> Vec<(usize, usize)> {
        let sum: f64 = cols
            .iter()
            .map(|&i| hint(i))
            .sum::<f64>()
            .max(f64::MIN_POSITIVE);
        cols.iter()
            .map(|&i| (i, ((hint(i) / sum) * space as f64).floor() as usize))
            .collect()
    };
    let total_need: usize = need.iter().sum();
    let all: Vec<usize> = (0..n).collect();
    let mut widths = if total_need <= width {
        let mut w = need.clone();
        for (i, extra) in share(width - total_need, &all) {
            w[i] += extra;
        }
        w
    } else {
        let short_limit = needed(&"字".repeat(SHORT_CHARS), size);
        let long: Vec<usize> = all
            .iter()
            .copied()
            .filter(|&i| need[i] > short_limit)
            .collect();
        let fixed: usize = all
            .iter()
            .filter(|&&i| need[i] <= short_limit)
            .map(|&i| need[i])
            .sum();
        let rest = width.saturating_sub(fixed);
        let min_long = needed(&"字".repeat(2), size).saturating_mul(long.len());
        if long.is_empty() || rest < min_long {
            share(width, &all).into_iter().map(|(_, w)| w).collect()
        } else {
            let mut w = need.clone();
            for (i, part) in share(rest, &long) {
                w[i] = part;
            }
            w
        }
    };
    // Rounding leaves a few twentieths over: the last column takes them, so the grid fills
    // the text width exactly.
    let others: usize = widths[..n - 1].iter().sum();
    widths[n - 1] = width.saturating_sub(others);
    widths
}

/// Appends `text` escaped as docx-rs escapes element text.
fn push_escaped(out: &mut String, text: &str) {
    for ch in text.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\n' => out.push_str("&#xA;"),
            '\r' => {}
            _ => out.push(ch),
        }
    }
}

/// A table in 仿宋 with a bold header row and, when it has one, a bold 合计 row; numbers
/// centred, words left. The header row is marked to repeat when the document is packed.
pub fn table_xml(g: &Grid, width: usize) -> String {
    let grid = column_widths(g, width);
    let size = cell_size(g);
    // The run properties of a plain and of a bold cell, written once for the whole table.
    let fonts = format!(
        "<w:rFonts w:ascii=\"Times New Roman\" w:hAnsi=\"Times New Roman\" w:cs=\"Times New Roman\" w:eastAsia=\"{FANGSONG}\" /></w:rPr>"
    );
    let plain = format!("<w:rPr><w:sz w:val=\"{size}\" /><w:szCs w:val=\"{size}\" />{fonts}");
    let bold = format!(
        "<w:rPr><w:sz w:val=\"{size}\" /><w:szCs w:val=\"{size}\" /><w:b /><w:bCs />{fonts}"
    );
    let cells = (g.rows.len() + 1).saturating_mul(grid.len());
    let mut out = String::with_capacity(cells.saturating_mul(700).saturating_add(1024));
    let _ = write!(out, "<w:tbl><w:tblPr><w:tblW w:w=\"{width}\" w:type=\"dxa\" /><w:jc w:val=\"left\" /><w:tblBorders>");
    for side in ["top", "left", "bottom", "right", "insideH", "insideV"] {
        let _ = write!(
            out,
            "<w:{side} w:val=\"single\" w:sz=\"2\" w:space=\"0\" w:color=\"000000\" />"
        );
    }
    out.push_str("</w:tblBorders><w:tblLayout w:type=\"fixed\" /></w:tblPr><w:tblGrid>");
    for w in &grid {
        let _ = write!(out, "<w:gridCol w:w=\"{w}\" w:type=\"dxa\" />");
    }
    out.push_str("</w:tblGrid>");
    let cell = |out: &mut String, text: &str, w: usize, run: &str, align: &str| {
        let id = Paragraph::new().id;
        let _ = write!(
            out,
            "<w:tc><w:tcPr><w:tcW w:w=\"{w}\" w:type=\"dxa\" /></w:tcPr><w:p w14:paraId=\"{id}\"><w:pPr><w:rPr /><w:jc w:val=\"{align}\" /><w:spacing w:line=\"240\" w:lineRule=\"auto\" /><w:snapToGrid w:val=\"false\" /></w:pPr><w:r>"
        );
        out.push_str(run);
        out.push_str("<w:t xml:space=\"preserve\">");
        push_escaped(out, &strip_forbidden(text, false));
        out.push_str("</w:t></w:r></w:p></w:tc>");
    };
    out.push_str("<w:tr><w:trPr><w:cantSplit /></w:trPr>");
    for (h, w) in g.headers.iter().zip(&grid) {
        cell(&mut out, h, *w, &bold, "center");
    }
    out.push_str("</w:tr>");
    let last = g.rows.len().saturating_sub(1);
    for (i, r) in g.rows.iter().enumerate() {
        let run = if g.has_total && i == last {
            &bold
        } else {
            &plain
        };
        out.push_str("<w:tr><w:trPr><w:cantSplit /></w:trPr>");
        for (v, w) in r.iter().zip(&grid) {
            let numeric = !v.is_empty()
                && v.chars()
                    .all(|c| c.is_ascii_digit() || matches!(c, '.' | '%' | '—'));
            cell(
                &mut out,
                v,
                *w,
                run,
                if numeric { "center" } else { "left" },
            );
        }
        out.push_str("</w:tr>");
    }
    out.push_str("</w:tbl>");
    out
}

/// Puts each written table in place of its placeholder in the serialised `document.xml`.
/// A placeholder without a table (none is expected) is left as docx-rs wrote it.
pub fn splice(xml: &str, tables: &[String]) -> String {
    let extra: usize = tables.iter().map(String::len).sum();
    let mut out = String::with_capacity(xml.len().saturating_add(extra));
    let mut rest = xml;
    while let Some(at) = rest.find("<w:tbl>") {
        let (before, from) = rest.split_at(at);
        out.push_str(before);
        let end = from
            .find("</w:tbl>")
            .map_or(from.len(), |e| e + "</w:tbl>".len());
        let (this, after) = from.split_at(end);
        let index = this.find(MARK).and_then(|m| {
            let digits: String = this[m + MARK.len()..]
                .chars()
                .take_while(char::is_ascii_digit)
                .collect();
            digits.parse::<usize>().ok()
        });
        match index.and_then(|i| tables.get(i)) {
            Some(t) => out.push_str(t),
            None => out.push_str(this),
        }
        rest = after;
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use docx_rs::{
        AlignmentType, BuildXML, LineSpacing, LineSpacingType, TableCell, TableLayoutType,
        TableRow, WidthType,
    };

    use super::*;
    use crate::export::document::gbt9704::run;

    /// The table as docx-rs builds it cell by cell: the reference the direct XML must equal.
    fn reference(g: &Grid, width: usize) -> Table {
        let size = cell_size(g);
        let grid = column_widths(g, width);
        let cell = |text: &str, width: usize, bold: bool, align: AlignmentType| {
            let mut r = run(text, FANGSONG, size);
            if bold {
                r = r.bold();
            }
            TableCell::new().width(width, WidthType::Dxa).add_paragraph(
                Paragraph::new()
                    .add_run(r)
                    .align(align)
                    .snap_to_grid(false)
                    .line_spacing(
                        LineSpacing::new()
                            .line(240)
                            .line_rule(LineSpacingType::Auto),
                    ),
            )
        };
        let mut rows = vec![TableRow::new(
            g.headers
                .iter()
                .zip(&grid)
                .map(|(h, w)| cell(h, *w, true, AlignmentType::Center))
                .collect(),
        )
        .cant_split()];
        let last = g.rows.len().saturating_sub(1);
        for (i, r) in g.rows.iter().enumerate() {
            let bold = g.has_total && i == last;
            rows.push(
                TableRow::new(
                    r.iter()
                        .zip(&grid)
                        .map(|(v, w)| {
                            let numeric = !v.is_empty()
                                && v.chars()
                                    .all(|c| c.is_ascii_digit() || matches!(c, '.' | '%' | '—'));
                            let align = if numeric {
                                AlignmentType::Center
                            } else {
                                AlignmentType::Left
                            };
                            cell(v, *w, bold, align)
                        })
                        .collect(),
                )
                .cant_split(),
            );
        }
        Table::new(rows)
            .set_grid(grid)
            .width(width, WidthType::Dxa)
            .layout(TableLayoutType::Fixed)
    }

    fn without_ids(xml: &str) -> String {
        let mut out = String::new();
        let mut rest = xml;
        while let Some(at) = rest.find("w14:paraId=\"") {
            let from = at + "w14:paraId=\"".len();
            out.push_str(&rest[..from]);
            rest = &rest[from + 8..];
        }
        out.push_str(rest);
        out
    }

    fn grid(cols: usize, has_total: bool) -> Grid {
        Grid {
            headers: (0..cols).map(|i| format!("列{i}")).collect(),
            widths: (0..cols).map(|i| 5.0 + i as f64).collect(),
            rows: vec![
                (0..cols)
                    .map(|i| match i % 4 {
                        0 => format!("{i}"),
                        1 => "A&B <c> \"d\" 'e'\n".to_owned(),
                        2 => String::new(),
                        _ => "45.3%".to_owned(),
                    })
                    .collect(),
                (0..cols).map(|i| format!("合计{i}\u{7}")).collect(),
            ],
            has_total,
        }
    }

    #[test]
    fn the_direct_xml_is_what_docx_rs_writes() {
        for (cols, total, width) in [(3, true, 8844), (9, true, 12756), (5, false, 8844)] {
            let g = grid(cols, total);
            let want = String::from_utf8(reference(&g, width).build()).unwrap_or_default();
            let got = table_xml(&g, width);
            assert_eq!(without_ids(&got), without_ids(&want), "{cols} columns");
        }
    }

    #[test]
    fn each_cell_takes_a_paragraph_id_of_its_own() {
        let xml = table_xml(&grid(9, true), 12756);
        let ids: Vec<&str> = xml
            .split("w14:paraId=\"")
            .skip(1)
            .map(|s| &s[..8])
            .collect();
        let mut unique = ids.clone();
        unique.sort_unstable();
        unique.dedup();
        assert_eq!(ids.len(), 27);
        assert_eq!(unique.len(), ids.len());
    }

    #[test]
    fn splice_puts_each_table_in_its_placeholder() {
        let first = String::from_utf8(placeholder(0).build()).unwrap_or_default();
        let second = String::from_utf8(placeholder(1).build()).unwrap_or_default();
        let xml = format!("<w:p>a</w:p>{first}<w:p>b</w:p>{second}<w:tbl>other</w:tbl>");
        let out = splice(&xml, &["<T0/>".to_owned(), "<T1/>".to_owned()]);
        assert_eq!(
            out,
            "<w:p>a</w:p><T0/><w:p>b</w:p><T1/><w:tbl>other</w:tbl>"
        );
    }

    fn grid_sum(xml: &str) -> usize {
        xml.split("<w:gridCol w:w=\"")
            .skip(1)
            .filter_map(|s| s.split('"').next()?.parse::<usize>().ok())
            .sum()
    }

    #[test]
    fn the_grid_fills_the_text_width_exactly() {
        for width in [8844, 12756, 100] {
            for cols in [1, 3, 7, 9] {
                let mut g = grid(cols, true);
                g.widths = vec![1.0; cols];
                let xml = table_xml(&g, width);
                assert!(xml.contains(&format!("<w:tblW w:w=\"{width}\" w:type=\"dxa\" />")));
                assert_eq!(grid_sum(&xml), width, "{cols} columns at {width}");
            }
        }
    }

    /// A 转隶名单-like table whose long column cannot fit: the short columns (numbers, names,
    /// the mode) are as wide as their longest cell, so they do not wrap.
    #[test]
    fn short_cells_keep_to_one_line() {
        let headers = ["序号", "警号", "姓名", "方式", "说明"];
        let g = Grid {
            headers: headers.iter().map(|h| (*h).to_owned()).collect(),
            widths: vec![6.0, 10.0, 8.0, 9.0, 60.0],
            rows: vec![
                vec![
                    "6000".into(),
                    "X1234567".into(),
                    "欧阳娜娜".into(),
                    "原职能转隶".into(),
                    "很长的说明".repeat(20),
                ];
                3
            ],
            has_total: false,
        };
        let widths = column_widths(&g, 8844);
        assert_eq!(widths.iter().sum::<usize>(), 8844);
        for (i, cell) in g.rows[0].iter().enumerate().take(4) {
            assert!(
                widths[i] >= needed(cell, cell_size(&g)),
                "{} is {} wide, needs {}",
                headers[i],
                widths[i],
                needed(cell, cell_size(&g))
            );
        }
    }
}
