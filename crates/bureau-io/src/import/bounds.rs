//! The limits every import enforces, so that a broken or hostile file gets a bounded answer in
//! bounded memory and time: how large a file, a decompressed workbook and a sheet may be, and how
//! many problems are listed (the rest are counted). Also [`Problems`], the capped list every
//! reader reports into.

use super::counts::grouped;
use super::{Expected, Problem};

/// Bytes of one uploaded file. A city roster of 6,000 people is about 300 KB as XLSX.
pub const MAX_FILE_BYTES: usize = 64 << 20;
/// Bytes of an XLSX's parts once decompressed (a zip can inflate a thousandfold).
pub const MAX_INFLATED_BYTES: u64 = 256 << 20;
/// Parts (zip entries) of an XLSX; Excel writes a dozen.
pub const MAX_ZIP_ENTRIES: usize = 10_000;
/// Rows of a sheet (the spreadsheet's row number) or records of a CSV.
pub const MAX_ROWS: usize = 100_000;
/// Columns a filled cell may sit in: A … GR.
pub const MAX_COLUMNS: usize = 200;
/// Cells a grid holds: the sum over rows of the columns from the first used one to the row's
/// last filled one.
pub const MAX_CELLS: usize = 2_000_000;
/// Problems listed per file; the rest are only counted.
pub const MAX_PROBLEMS: usize = 1_000;
/// Characters of a value quoted in a problem (twice that for a text an expectation quotes).
pub const MAX_SHOWN_CHARS: usize = 200;

/// A text cut to `max` characters (an ellipsis marks the cut), with every character that
/// [`super::characters::forbidden`] refuses written as `<U+001B>`, so that a problem report
/// never carries raw terminal escapes or XML-breaking bytes.
pub fn shown(text: &str, max: usize) -> String {
    let mut out = String::new();
    let mut width = 0;
    for c in text.chars() {
        let escaped =
            super::characters::forbidden(c, false).map(|_| format!("<U+{:04X}>", u32::from(c)));
        let w = escaped.as_ref().map_or(1, String::len);
        if width + w > max {
            out.push('…');
            break;
        }
        width += w;
        match escaped {
            Some(e) => out.push_str(&e),
            None => out.push(c),
        }
    }
    out
}

/// The problems of one file: the first [`MAX_PROBLEMS`] kept (their quoted text cut to
/// [`MAX_SHOWN_CHARS`]), all of them counted.
#[derive(Debug, Default)]
pub struct Problems {
    list: Vec<Problem>,
    total: usize,
}

impl Problems {
    pub fn push(&mut self, p: Problem) {
        self.total += 1;
        if self.list.len() < MAX_PROBLEMS {
            self.list.push(Problem {
                column: p.column.map(|c| shown(&c, MAX_SHOWN_CHARS)),
                value: shown(&p.value, MAX_SHOWN_CHARS),
                expected: p.expected.map_texts(|t| shown(t, MAX_SHOWN_CHARS * 2)),
                sheet: p.sheet.map(|s| shown(&s, MAX_SHOWN_CHARS)),
                ..p
            });
        }
    }

    pub fn extend(&mut self, problems: impl IntoIterator<Item = Problem>) {
        for p in problems {
            self.push(p);
        }
    }

    /// Every problem found, listed or not.
    pub fn total(&self) -> usize {
        self.total
    }

    pub fn is_empty(&self) -> bool {
        self.total == 0
    }

    /// The listed problems; when some were only counted, a last entry says how many.
    pub fn into_list(self, file: &str, sheet: Option<&str>) -> Vec<Problem> {
        let mut list = self.list;
        let more = self.total - list.len();
        if more > 0 {
            list.push(Problem {
                file: file.to_owned(),
                sheet: sheet.map(str::to_owned),
                row: None,
                column: None,
                value: format!("…and {} more", grouped(more)),
                expected: Expected::AtMostProblems { max: MAX_PROBLEMS },
            });
        }
        list
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(i: usize) -> Problem {
        Problem {
            file: "f.csv".into(),
            sheet: None,
            row: Some(i),
            column: None,
            value: "x".repeat(1000),
            expected: Expected::Name,
        }
    }

    #[test]
    fn problems_past_the_cap_are_counted_not_kept() {
        let mut all = Problems::default();
        for i in 0..MAX_PROBLEMS + 100_000 {
            all.push(p(i));
        }
        assert_eq!(all.total(), MAX_PROBLEMS + 100_000);
        let list = all.into_list("f.csv", None);
        assert_eq!(list.len(), MAX_PROBLEMS + 1);
        assert_eq!(list[0].value.chars().count(), MAX_SHOWN_CHARS + 1);
        assert_eq!(list[MAX_PROBLEMS].value, "…and 100,000 more");
        assert_eq!(list[MAX_PROBLEMS].row, None);
    }

    #[test]
    fn shown_text_escapes_controls() {
        assert_eq!(shown("a\u{1b}[31mb", 20), "a<U+001B>[31mb");
        assert_eq!(shown("a\u{1b}[31mb", 10), "a<U+001B>[…");
        assert_eq!(shown("abcdef", 3), "abc…");
        assert_eq!(shown(&"\u{0}".repeat(100), 20), "<U+0000><U+0000>…");
    }
}
