//! Characters no imported text may hold: C0 and C1 control characters and DEL (terminal escapes,
//! and bytes XML 1.0 cannot carry, which would make an exported DOCX unopenable), Unicode
//! non-characters, and a byte-order mark inside a cell (left over from joined files: it makes two
//! equal-looking texts differ).

use super::expected::Expected;

/// Why `c` is refused (as what a cell holding it should have been), or `None` when it is
/// allowed. Line breaks are allowed only where `line_breaks` says so (list cells, where they
/// separate items).
pub fn forbidden(c: char, line_breaks: bool) -> Option<Expected> {
    let code = u32::from(c);
    match c {
        '\n' | '\r' if line_breaks => None,
        '\u{0}'..='\u{1f}' | '\u{7f}'..='\u{9f}' => Some(Expected::ControlCharacter {
            code: format!("{code:04X}"),
        }),
        '\u{feff}' => Some(Expected::InnerBom),
        '\u{fdd0}'..='\u{fdef}' => Some(Expected::NonCharacter {
            code: format!("{code:04X}"),
        }),
        _ if code & 0xfffe == 0xfffe => Some(Expected::NonCharacter {
            code: format!("{code:04X}"),
        }),
        _ => None,
    }
}

/// The first refused character of `text`, as the expectation of a problem report.
pub fn check(text: &str, line_breaks: bool) -> Result<(), Expected> {
    match text.chars().find_map(|c| forbidden(c, line_breaks)) {
        Some(why) => Err(why),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_non_characters_and_inner_boms_are_refused() {
        for c in [
            '\u{0}', '\u{1b}', '\t', '\n', '\u{7f}', '\u{9b}', '\u{fffe}', '\u{ffff}',
        ] {
            assert!(forbidden(c, false).is_some(), "{:04X}", u32::from(c));
        }
        assert!(forbidden('\u{10ffff}', false).is_some());
        assert!(forbidden('\u{fdd0}', false).is_some());
        assert!(forbidden('\u{feff}', false)
            .expect("present")
            .to_string()
            .contains("BOM"));
        for c in [
            'a',
            '警',
            ' ',
            '\u{3000}',
            '\u{a0}',
            '\u{fffd}',
            '\u{1f600}',
        ] {
            assert_eq!(forbidden(c, false), None, "{:04X}", u32::from(c));
        }
        assert_eq!(forbidden('\n', true), None);
        assert_eq!(
            check("张\u{1b}[31m三", false).map_err(|e| e.to_string()),
            Err("text without control characters (control character U+001B not allowed)".into())
        );
        assert_eq!(check("治安\n刑侦", true), Ok(()));
    }
}
