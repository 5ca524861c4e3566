//! Rows of the rules that count who moves.

use super::{Cx, Row, Sense};

/// At most `max` people moved: candidates that move someone ≤ max.
pub(super) fn move_cap(cx: &Cx<'_>, max: u32) -> Vec<Row> {
    let terms = cx
        .candidates()
        .filter(|&c| cx.model.candidates[c].moved)
        .map(|c| (c, 1.0))
        .collect();
    vec![cx.row(None, terms, Sense::AtMost, f64::from(max))]
}
