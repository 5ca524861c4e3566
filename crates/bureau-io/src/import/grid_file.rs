//! Which reader a file's bytes go to: XLSX by its zip signature, an old binary .xls refused by
//! its own, anything else decoded as CSV text. The readers sit below this module and share the
//! cells of `cells.rs`.

use super::bounds::MAX_FILE_BYTES;
use super::cells::{Grid, ReadError};
use super::csv::parse_csv;
use super::expected::Expected;
use super::text_encoding::decode_text;
use super::xlsx;

const XLSX_MAGIC: &[u8] = b"PK\x03\x04";
const OLE_MAGIC: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0];

/// Reads a roster or units file's bytes; `header_words` find the header row (and the sheet)
/// in XLSX.
pub fn read_grid(bytes: &[u8], header_words: &[&str]) -> Result<Grid, ReadError> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(ReadError::whole(Expected::FileSize {
            mib: MAX_FILE_BYTES >> 20,
        }));
    }
    if bytes.starts_with(XLSX_MAGIC) {
        xlsx::read_xlsx(bytes, header_words)
    } else if bytes.starts_with(OLE_MAGIC) {
        Err(ReadError::whole(Expected::OldXls))
    } else {
        let (text, encoding) = decode_text(bytes)?;
        Ok(Grid {
            sheet: None,
            rows: parse_csv(&text)?,
            first_column: 0,
            encoding: Some(encoding),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn oversized_files_are_refused_before_reading() {
        let e = read_grid(&vec![b'a'; MAX_FILE_BYTES + 1], &[]).expect_err("refused");
        assert_eq!(e.expected.to_string(), "a file of at most 64 MiB");
    }
}
