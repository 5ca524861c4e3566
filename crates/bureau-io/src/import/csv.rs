//! CSV text into rows of cells: RFC 4180 quotes; a comma, a tab or a semicolon as separator
//! (whichever the first line uses most). Bounded: more than [`MAX_ROWS`] records, a filled field
//! past column [`MAX_COLUMNS`], or more than [`MAX_CELLS`] cells in all are refused at the line
//! where the limit is crossed, before anything more is stored.

use super::bounds::{MAX_CELLS, MAX_COLUMNS, MAX_ROWS};
use super::cells::{column_letter, too_many_cells, Cell, ReadError};
use super::counts::grouped;
use super::expected::Expected;

/// The non-empty records with the line each starts on. Row numbers count physical lines, so a
/// quoted line break is reported on the line where its record starts.
pub fn parse_csv(text: &str) -> Result<Vec<(usize, Vec<Cell>)>, ReadError> {
    let first_line = text.lines().next().unwrap_or("");
    // On a tie (a one-column first line) the comma wins: `max_by_key` keeps the last maximum.
    let sep = [';', '\t', ',']
        .into_iter()
        .max_by_key(|c| first_line.matches(*c).count())
        .unwrap_or(',');
    let mut rows = Records::default();
    let mut field = String::new();
    let mut quoted = false;
    let mut line = 1usize;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if quoted {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    field.push('"');
                }
                '"' => quoted = false,
                '\n' => {
                    line += 1;
                    field.push('\n');
                }
                _ => field.push(c),
            }
            continue;
        }
        match c {
            '"' if field.trim().is_empty() => {
                field.clear();
                quoted = true;
            }
            '\r' => {}
            '\n' => {
                rows.push_field(&mut field)?;
                rows.end_record()?;
                line += 1;
                rows.record_line = line;
            }
            c if c == sep => rows.push_field(&mut field)?,
            _ => field.push(c),
        }
    }
    rows.push_field(&mut field)?;
    rows.end_record()?;
    Ok(rows.rows)
}

/// The records read so far and the one being read, with the bounds checked as they grow.
#[derive(Default)]
struct Records {
    rows: Vec<(usize, Vec<Cell>)>,
    row: Vec<Cell>,
    /// Empty fields not stored yet: they only count if a filled one follows.
    empties: usize,
    cells: usize,
    record_line: usize,
}

impl Records {
    fn push_field(&mut self, field: &mut String) -> Result<(), ReadError> {
        let value = std::mem::take(field);
        if value.trim().is_empty() {
            self.empties += 1;
            return Ok(());
        }
        let column = self.row.len() + self.empties;
        if column >= MAX_COLUMNS {
            return Err(ReadError {
                row: Some(self.line()),
                column: Some(column_letter(column)),
                value: Some(format!("a filled field in column {}", grouped(column + 1))),
                ..ReadError::whole(Expected::AtMostColumns {
                    max: MAX_COLUMNS,
                    last: column_letter(MAX_COLUMNS - 1),
                })
            });
        }
        if self.cells + column + 1 > MAX_CELLS {
            return Err(too_many_cells(self.line()));
        }
        self.row.extend(std::iter::repeat_n(
            Cell::Empty,
            std::mem::take(&mut self.empties),
        ));
        self.row.push(Cell::Text(value));
        Ok(())
    }

    fn end_record(&mut self) -> Result<(), ReadError> {
        self.empties = 0;
        if self.row.is_empty() {
            return Ok(());
        }
        if self.rows.len() == MAX_ROWS {
            return Err(ReadError {
                row: Some(self.line()),
                value: Some(format!("more than {} records", grouped(MAX_ROWS))),
                ..ReadError::whole(Expected::AtMostRows { max: MAX_ROWS })
            });
        }
        self.cells += self.row.len();
        let line = self.line();
        self.rows.push((line, std::mem::take(&mut self.row)));
        Ok(())
    }

    fn line(&self) -> usize {
        self.record_line.max(1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_and_blank_lines() {
        let rows = parse_csv("a,b\r\n\"x, y\",\"he said \"\"hi\"\"\"\n\n1,\n").expect("present");
        assert_eq!(rows.len(), 3);
        assert_eq!(rows[1].0, 2);
        assert_eq!(rows[1].1[0], Cell::Text("x, y".into()));
        assert_eq!(rows[1].1[1], Cell::Text("he said \"hi\"".into()));
        assert_eq!(rows[2].0, 4);
        assert_eq!(rows[2].1, [Cell::Text("1".into())]);
        let rows = parse_csv(",,b\n").expect("present");
        assert_eq!(
            rows[0].1,
            [Cell::Empty, Cell::Empty, Cell::Text("b".into())]
        );
    }

    #[test]
    fn trailing_empty_fields_cost_nothing_but_a_far_filled_one_is_refused() {
        let empties = format!("a{}\n", ",".repeat(1_000_000));
        assert_eq!(parse_csv(&empties).expect("present")[0].1.len(), 1);
        let far = format!("a\nb{}x\n", ",".repeat(MAX_COLUMNS));
        let e = parse_csv(&far).expect_err("refused");
        assert_eq!((e.row, e.column.as_deref()), (Some(2), Some("GS")));
        assert_eq!(
            e.expected.to_string(),
            "at most 200 columns (A to GR) in a row"
        );
    }

    #[test]
    fn rows_past_the_bound_are_refused() {
        let ok = "1\n".repeat(MAX_ROWS);
        assert_eq!(parse_csv(&ok).expect("present").len(), MAX_ROWS);
        let e = parse_csv(&format!("{ok}1\n")).expect_err("refused");
        assert_eq!(e.row, Some(MAX_ROWS + 1));
        assert_eq!(e.expected.to_string(), "at most 100,000 rows");
    }
}
