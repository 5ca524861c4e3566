//! `save_export`: a document or template produced by bureau-api, saved where the planner picks
//! in the native save dialog. The dialog is opened from Rust, so the webview needs no dialog or
//! file-system permission; it only names what to export.
//!
//! For tests, `BUREAU_PLANNER_SAVE_DIR` (only when set) skips the dialog and saves into that
//! folder under the document's own name.

use std::path::{Path, PathBuf};

use base64::Engine;
use bureau_api::{write_atomically, Api, ApiError};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use tauri::Runtime;

pub const SAVE_DIR_ENV: &str = "BUREAU_PLANNER_SAVE_DIR";

/// The bureau-api methods that produce a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ExportMethod {
    ExportDocument,
    RosterTemplate,
    UnitsTemplate,
    StationsTemplate,
    StructureSheet,
}

impl ExportMethod {
    fn name(self) -> &'static str {
        match self {
            Self::ExportDocument => "export_document",
            Self::RosterTemplate => "roster_template",
            Self::UnitsTemplate => "units_template",
            Self::StationsTemplate => "stations_template",
            Self::StructureSheet => "structure_sheet",
        }
    }
}

/// Where the file went; `None` when the planner cancelled the dialog.
#[derive(Debug, Clone, Serialize)]
pub struct Saved {
    pub saved: Option<PathBuf>,
}

/// The part of bureau-api's `FileOut` this needs.
#[derive(Debug, Deserialize)]
struct Produced {
    file_name: String,
    bytes_base64: String,
}

/// Produces the file, asks where to save it (or uses `BUREAU_PLANNER_SAVE_DIR`) and writes it.
/// The page's arguments go through `Api::call`, whose request types have no path field: only
/// the planner, in the dialog, says where a file is written.
pub fn save_export<R: Runtime>(
    app: &tauri::AppHandle<R>,
    api: &Api,
    method: ExportMethod,
    args: Value,
) -> Result<Saved, ApiError> {
    let produced: Produced = serde_json::from_value(api.call(method.name(), args)?)
        .map_err(|e| ApiError::internal(format!("{}: unexpected answer ({e})", method.name())))?;
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(produced.bytes_base64.as_bytes())
        .map_err(|e| {
            ApiError::internal(format!("{}: bytes are not base64 ({e})", method.name()))
        })?;
    let file_name = safe_file_name(&produced.file_name);
    let target = match std::env::var_os(SAVE_DIR_ENV).filter(|d| !d.is_empty()) {
        Some(dir) => Some(PathBuf::from(dir).join(&file_name)),
        None => ask(app, &file_name),
    };
    let Some(path) = target else {
        return Ok(Saved { saved: None });
    };
    write_atomically(&path, &bytes)?;
    Ok(Saved { saved: Some(path) })
}

/// The native save dialog, modal to the main window; `None` when cancelled. Blocks: never call
/// it on the main thread.
fn ask<R: Runtime>(app: &tauri::AppHandle<R>, file_name: &str) -> Option<PathBuf> {
    let mut dialog = crate::file_dialog::file_dialog(app).set_file_name(file_name);
    if let Some((label, ext)) = filter_for(file_name) {
        dialog = dialog.add_filter(label, &[ext]);
    }
    dialog.blocking_save_file().and_then(|p| p.into_path().ok())
}

fn filter_for(file_name: &str) -> Option<(&'static str, &'static str)> {
    let ext = Path::new(file_name).extension()?.to_str()?;
    match ext.to_ascii_lowercase().as_str() {
        "docx" => Some(("Word (*.docx)", "docx")),
        "xlsx" => Some(("Excel (*.xlsx)", "xlsx")),
        "csv" => Some(("CSV (*.csv)", "csv")),
        _ => None,
    }
}

/// The document's name (from the bureau's and scenario's names) as one file name: no folder
/// separators, no leading dot, never empty.
fn safe_file_name(name: &str) -> String {
    let cleaned: String = name
        .chars()
        .map(|c| {
            if matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|') || c.is_control() {
                '_'
            } else {
                c
            }
        })
        .collect();
    let cleaned = cleaned.trim().trim_start_matches('.').to_string();
    if cleaned.is_empty() {
        "export".into()
    } else {
        cleaned
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_stay_in_the_chosen_folder() {
        assert_eq!(
            safe_file_name("青山县公安局-方案A.docx"),
            "青山县公安局-方案A.docx"
        );
        assert_eq!(safe_file_name("../../etc/x.csv"), "_.._etc_x.csv");
        assert_eq!(safe_file_name("a/b\\c:d.xlsx"), "a_b_c_d.xlsx");
        assert_eq!(safe_file_name(".hidden"), "hidden");
        assert_eq!(safe_file_name("  "), "export");
    }

    #[test]
    fn the_dialog_filters_by_the_documents_extension() {
        assert_eq!(filter_for("x.DOCX").map(|f| f.1), Some("docx"));
        assert_eq!(filter_for("模板.xlsx").map(|f| f.1), Some("xlsx"));
        assert_eq!(filter_for("noext"), None);
    }
}
