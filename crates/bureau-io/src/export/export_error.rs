//! What can stop an export: document settings the paper cannot be written with (the caller's
//! to fix), or a writer failing on its own account.

use std::fmt;

use super::SettingsError;

#[derive(Debug)]
pub enum ExportError {
    /// The document settings were refused; the error names the field.
    Settings(SettingsError),
    /// A DOCX asked of the tables writer: the paper is written by `write_document`.
    NotTables,
    /// The XLSX writer failed.
    Xlsx(String),
    /// The DOCX writer, or the compression of its parts, failed.
    Docx(String),
}

impl fmt::Display for ExportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ExportError::Settings(e) => write!(f, "{e}"),
            ExportError::NotTables => {
                f.write_str("a DOCX is written from the scenario by write_document")
            }
            ExportError::Xlsx(m) => write!(f, "writing the XLSX: {m}"),
            ExportError::Docx(m) => write!(f, "writing the DOCX: {m}"),
        }
    }
}

impl std::error::Error for ExportError {}
