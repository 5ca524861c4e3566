//! A table of the plan as every format shows it: its caption, worksheet name, headers with
//! their widths, and cells. The report builds them; the DOCX, XLSX and CSV writers and the
//! measurement tables share them.

/// One table cell. Shares are fractions, shown as percentages.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Text(String),
    Int(i64),
    Share(f64),
}

impl Value {
    pub fn shown(&self) -> String {
        match self {
            Value::Text(s) => s.clone(),
            Value::Int(n) => n.to_string(),
            Value::Share(x) => format!("{:.1}%", x * 100.0),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// Caption in the document, e.g. 表1 改革前后警力总体对比.
    pub title: String,
    /// Worksheet name (≤ 31 characters).
    pub sheet: String,
    pub headers: Vec<String>,
    /// Relative column widths (characters), also the XLSX column widths.
    pub widths: Vec<f64>,
    pub rows: Vec<Vec<Value>>,
}

impl Table {
    /// `columns`: each header with its width.
    pub(crate) fn new<S: AsRef<str>>(
        title: &str,
        sheet: &str,
        columns: &[(S, f64)],
        rows: Vec<Vec<Value>>,
    ) -> Self {
        let (headers, widths) = headers_and_widths(columns);
        Table {
            title: title.to_owned(),
            sheet: sheet.to_owned(),
            headers,
            widths,
            rows,
        }
    }
}

/// The headers and the widths of a table's `columns`, each given as a header with its width.
pub(crate) fn headers_and_widths<S: AsRef<str>>(columns: &[(S, f64)]) -> (Vec<String>, Vec<f64>) {
    columns
        .iter()
        .map(|(header, width)| (header.as_ref().to_owned(), *width))
        .unzip()
}
