//! Conversions between the core's enums and lists and their text form in SQL columns.
//!
//! Enums are stored as their serde names (`police_station`), lists as JSON arrays, so the file
//! stays readable with any SQLite tool.

use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::StorageError;

pub fn enum_text<T: Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s,
        other => format!("{other:?}"),
    }
}

pub fn enum_from<T: DeserializeOwned>(text: &str, column: &str) -> Result<T, StorageError> {
    serde_json::from_value(serde_json::Value::String(text.to_owned()))
        .map_err(|_| StorageError::Damaged(format!("unexpected value {text:?} in column {column}")))
}

pub fn list_text<T: Serialize>(values: &[T]) -> String {
    serde_json::to_string(values).unwrap_or_else(|_| "[]".into())
}

pub fn list_from<T: DeserializeOwned>(text: &str, column: &str) -> Result<Vec<T>, StorageError> {
    serde_json::from_str(text)
        .map_err(|_| StorageError::Damaged(format!("unexpected list {text:?} in column {column}")))
}
