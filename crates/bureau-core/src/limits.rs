//! The documented bounds on what a bureau file (or an import) may hold, and the text rules
//! every name must meet. Counts are bounded so that every total the metrics, the checker and
//! the optimiser compute fits in a `u32` with room to spare: 10,000 units × 100,000 × 2 posts
//! is 2·10⁹ < 2³². Documented in `docs/bureau-file.md`.

/// Largest establishment (编制, officers or auxiliaries), post count (职数) or grid count of
/// one unit, and largest count a rule may name. A whole province has fewer police.
pub const MAX_COUNT: u32 = 100_000;

/// Largest station figure (residents, calls, cases, villages): more than any one
/// jurisdiction has, small enough that a bureau's sum of 10,000 stations fits in a `u64`
/// and is exact in an `f64`.
pub const MAX_FIGURE: u32 = 100_000_000;

/// Largest station area in km² (a jurisdiction larger than most provinces).
pub const MAX_AREA_KM2: f64 = 1_000_000.0;

/// The travel/terrain factor's range: from a compact town (below 1) to roads several times
/// longer than the map suggests.
pub const TRAVEL_FACTOR_RANGE: (f64, f64) = (0.1, 10.0);

/// Most units in one list (`old_units`, `structure.units`).
pub const MAX_UNITS: usize = 10_000;

/// Deepest unit tree: a top-level unit is level 1, its sub-unit level 2, and so on. Real
/// bureaus use 2 (department → room or team); deeper chains only slow every walk up the tree.
pub const MAX_DEPTH: usize = 8;

/// Largest age a rule may name (the 50+ rule's threshold).
pub const MAX_AGE: u32 = 100;

/// A character that has no place in text: C0 controls (U+0000–U+001F), DEL (U+007F), C1
/// controls (U+0080–U+009F) and the Unicode non-characters (U+FDD0–U+FDEF and every
/// U+xxFFFE / U+xxFFFF). Tab and line breaks (LF, CR) are allowed where `multi_line` is set. Such a
/// character cannot be written into XML (so a DOCX holding it does not open) and moves the
/// cursor of a terminal that prints it.
pub fn is_forbidden_char(c: char, multi_line: bool) -> bool {
    let n = u32::from(c);
    if multi_line && matches!(c, '\t' | '\n' | '\r') {
        return false;
    }
    n < 0x20 || (0x7F..=0x9F).contains(&n) || (0xFDD0..=0xFDEF).contains(&n) || n & 0xFFFE == 0xFFFE
}

/// The first forbidden character of `text`, described for a message: `"control character
/// U+0007 not allowed"`.
pub fn forbidden_char(text: &str, multi_line: bool) -> Option<String> {
    text.chars()
        .find(|&c| is_forbidden_char(c, multi_line))
        .map(|c| {
            let what = if is_noncharacter(c) {
                "non-character"
            } else {
                "control character"
            };
            format!("{what} U+{:04X} not allowed", u32::from(c))
        })
}

fn is_noncharacter(c: char) -> bool {
    let n = u32::from(c);
    (0xFDD0..=0xFDEF).contains(&n) || n & 0xFFFE == 0xFFFE
}

/// `text` without its forbidden characters (tab and newline kept when `multi_line`): the
/// writers' second line of defence for values that reached storage some other way.
pub fn strip_forbidden(text: &str, multi_line: bool) -> std::borrow::Cow<'_, str> {
    if text.chars().any(|c| is_forbidden_char(c, multi_line)) {
        text.chars()
            .filter(|&c| !is_forbidden_char(c, multi_line))
            .collect::<String>()
            .into()
    } else {
        text.into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forbidden_characters() {
        for c in [
            '\0', '\u{1}', '\u{1b}', '\u{7f}', '\u{85}', '\u{fffe}', '\u{ffff}',
        ] {
            assert!(is_forbidden_char(c, true), "{c:?}");
        }
        for c in ['\u{fdd0}', '\u{1fffe}', '\u{10ffff}'] {
            assert!(is_forbidden_char(c, false), "{c:?}");
        }
        assert!(is_forbidden_char('\n', false) && is_forbidden_char('\t', false));
        assert!(!is_forbidden_char('\n', true) && !is_forbidden_char('\t', true));
        assert!(is_forbidden_char('\r', false) && !is_forbidden_char('\r', true));
        for c in ['a', '张', '\u{200f}', '\u{fffd}', '\u{a0}', '😀'] {
            assert!(!is_forbidden_char(c, false), "{c:?}");
        }
        assert_eq!(
            forbidden_char("张\u{7}伟", false).as_deref(),
            Some("control character U+0007 not allowed")
        );
        assert_eq!(
            forbidden_char("x\u{ffff}", false).as_deref(),
            Some("non-character U+FFFF not allowed")
        );
        assert_eq!(strip_forbidden("a\u{0}b\nc", true), "ab\nc");
        assert_eq!(strip_forbidden("a\u{0}b\nc", false), "abc");
    }
}
