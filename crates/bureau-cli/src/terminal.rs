//! Text for a terminal: names, file names and messages come from files a planner was sent, and
//! a control character in them (an escape sequence that recolours, moves the cursor, retitles
//! the window or clears the screen) must reach the terminal as visible text, never as a command.

use std::borrow::Cow;
use std::fmt::Write as _;

/// `text` with every control character except newline and tab written as an escape: C0 and DEL
/// as `\x1b`, C1 (U+0080–U+009F) as `\u{9b}`.
pub fn printable(text: &str) -> Cow<'_, str> {
    if !text.chars().any(needs_escape) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if !needs_escape(c) {
            out.push(c);
        } else if u32::from(c) < 0x80 {
            let _ = write!(out, "\\x{:02x}", u32::from(c));
        } else {
            let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
        }
    }
    Cow::Owned(out)
}

fn needs_escape(c: char) -> bool {
    c.is_control() && c != '\n' && c != '\t'
}

#[cfg(test)]
mod tests {
    use super::printable;

    #[test]
    fn control_characters_become_visible_text() {
        assert_eq!(printable("青山县公安局"), "青山县公安局");
        assert_eq!(printable("a\tb\nc"), "a\tb\nc");
        assert_eq!(
            printable("\u{1b}[2J\u{1b}]0;x\u{7}"),
            "\\x1b[2J\\x1b]0;x\\x07"
        );
        assert_eq!(printable("a\rb\u{7f}\u{9b}31m"), "a\\x0db\\x7f\\u{9b}31m");
        assert_eq!(printable("\0"), "\\x00");
    }
}
