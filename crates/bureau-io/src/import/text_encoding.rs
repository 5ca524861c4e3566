//! Decoding a CSV's bytes: UTF-8 (a leading BOM dropped) when they are valid UTF-8, otherwise
//! GB18030 (a superset of GBK, what Chinese Excel and WPS write). UTF-16, a BOM in front of
//! bytes that are not UTF-8, and bytes that are neither UTF-8 nor GB18030 are refused with the
//! line and byte offset where the decoding failed, rather than read as replacement characters.

use encoding_rs::{DecoderResult, GB18030};

use super::cells::ReadError;
use super::expected::{Expected, TextEncoding};

const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// The text and the encoding it was read in: `utf-8` or `gb18030`.
pub fn decode_text(bytes: &[u8]) -> Result<(String, &'static str), ReadError> {
    if let Some(order) = utf16(bytes) {
        return Err(ReadError {
            value: Some(format!("{order} text")),
            ..ReadError::whole(Expected::Utf16)
        });
    }
    if let Some(body) = bytes.strip_prefix(UTF8_BOM) {
        return match std::str::from_utf8(body) {
            Ok(s) => Ok((s.to_owned(), "utf-8")),
            Err(e) => Err(located(
                bytes,
                UTF8_BOM.len() + e.valid_up_to(),
                Expected::BomNotUtf8,
            )),
        };
    }
    let utf8_error = match std::str::from_utf8(bytes) {
        Ok(s) => return Ok((s.to_owned(), "utf-8")),
        Err(e) => e.valid_up_to(),
    };
    match gb18030(bytes) {
        Ok(text) => Ok((text, "gb18030")),
        Err(gb_error) => {
            // Name the reading that went further: that is most likely what the file was meant to be.
            let (at, which) = if utf8_error >= gb_error {
                (utf8_error, TextEncoding::Utf8)
            } else {
                (gb_error, TextEncoding::Gbk)
            };
            Err(located(
                bytes,
                at,
                Expected::NeitherUtf8NorGbk { reads_as: which },
            ))
        }
    }
}

/// `Some("UTF-16LE")` for a UTF-16 (or UTF-32) byte-order mark, or for text whose ASCII shows
/// as every other byte zero.
fn utf16(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(b"\xFF\xFE") {
        return Some("UTF-16LE");
    }
    if bytes.starts_with(b"\xFE\xFF") {
        return Some("UTF-16BE");
    }
    let sample = &bytes[..bytes.len().min(4096)];
    let pairs = sample.len() / 2;
    if pairs < 2 {
        return None;
    }
    let zeros = |parity: usize| {
        sample
            .iter()
            .skip(parity)
            .step_by(2)
            .filter(|b| **b == 0)
            .count()
    };
    let (even, odd) = (zeros(0), zeros(1));
    // ASCII in UTF-16 zeroes one byte of each pair; junk zeroes both or neither.
    if odd * 4 >= pairs && even * 20 <= pairs {
        Some("UTF-16LE")
    } else if even * 4 >= pairs && odd * 20 <= pairs {
        Some("UTF-16BE")
    } else {
        None
    }
}

/// The text, or the offset of the first byte GB18030 cannot decode.
fn gb18030(bytes: &[u8]) -> Result<String, usize> {
    let mut decoder = GB18030.new_decoder_without_bom_handling();
    let capacity = decoder
        .max_utf8_buffer_length_without_replacement(bytes.len())
        .ok_or(0usize)?;
    let mut text = String::with_capacity(capacity);
    let (result, read) = decoder.decode_to_string_without_replacement(bytes, &mut text, true);
    match result {
        DecoderResult::InputEmpty => Ok(text),
        DecoderResult::Malformed(bad, extra) => {
            Err(read.saturating_sub(usize::from(extra) + usize::from(bad)))
        }
        // The buffer was sized for the worst case; treat a shortfall as undecodable.
        DecoderResult::OutputFull => Err(read),
    }
}

/// A decoding error at byte `at`: its line (counted by line feeds, which neither UTF-8 nor
/// GB18030 uses inside a character) and the bytes found there.
fn located(bytes: &[u8], at: usize, expected: Expected) -> ReadError {
    let at = at.min(bytes.len());
    let line = bytes[..at].iter().filter(|b| **b == b'\n').count() + 1;
    let found: Vec<String> = bytes[at..]
        .iter()
        .take(4)
        .map(|b| format!("{b:02X}"))
        .collect();
    ReadError {
        row: Some(line),
        value: Some(format!("bytes {} at byte offset {at}", found.join(" "))),
        ..ReadError::whole(expected)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gbk_and_utf8_with_or_without_bom_decode() {
        let (bytes, _, _) = encoding_rs::GBK.encode("警号,姓名");
        assert_eq!(decode_text(&bytes), Ok(("警号,姓名".to_owned(), "gb18030")));
        assert_eq!(
            decode_text("\u{feff}警号".as_bytes()),
            Ok(("警号".to_owned(), "utf-8"))
        );
        assert_eq!(decode_text(b""), Ok((String::new(), "utf-8")));
    }

    #[test]
    fn utf16_is_named() {
        let text: Vec<u8> = "警号,姓名\n1,甲\n"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        let mut with_bom = b"\xFF\xFE".to_vec();
        with_bom.extend(&text);
        for bytes in [&with_bom, &text] {
            let e = decode_text(bytes).expect_err("refused");
            assert!(e.expected.to_string().contains("file is UTF-16"), "{e:?}");
            assert_eq!(e.value.as_deref(), Some("UTF-16LE text"));
        }
    }

    #[test]
    fn a_bom_before_bytes_that_are_not_utf8_is_the_named_reason() {
        let mut bytes = b"\xEF\xBB\xBFa,b\n".to_vec();
        bytes.extend(encoding_rs::GBK.encode("警号").0.iter());
        let e = decode_text(&bytes).expect_err("refused");
        assert_eq!(e.row, Some(2));
        assert!(
            e.expected.to_string().contains("byte-order mark (BOM)"),
            "{e:?}"
        );
        assert_eq!(
            e.value.as_deref(),
            Some("bytes BE AF BA C5 at byte offset 7")
        );
    }

    #[test]
    fn bytes_neither_utf8_nor_gbk_are_located() {
        let e = decode_text(b"a,b\nc,d\nx\xFFy\n").expect_err("refused");
        assert_eq!(e.row, Some(3));
        assert_eq!(e.value.as_deref(), Some("bytes FF 79 0A at byte offset 9"));
        assert!(
            e.expected.to_string().contains("neither UTF-8 nor GBK"),
            "{e:?}"
        );
    }
}
