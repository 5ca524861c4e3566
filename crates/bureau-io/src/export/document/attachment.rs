//! An attachment of the paper as its writer takes it: a title and its tables of text cells,
//! whichever module measured or listed them.

/// One table of an attachment. `has_total` marks the last row as a 合计 row (set in bold).
#[derive(Debug, Clone, PartialEq)]
pub struct Grid {
    pub headers: Vec<String>,
    /// Relative column widths.
    pub widths: Vec<f64>,
    pub rows: Vec<Vec<String>>,
    pub has_total: bool,
}

/// One attachment: a title and its tables.
#[derive(Debug, Clone, PartialEq)]
pub struct Attachment {
    pub title: String,
    pub grids: Vec<Grid>,
}

impl Attachment {
    /// Wide tables are set on landscape pages.
    pub fn landscape(&self) -> bool {
        self.grids.iter().any(|g| g.headers.len() > 7)
    }
}
