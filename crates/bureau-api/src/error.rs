//! The one error type that crosses the IPC and HTTP boundary, as `{code, message}`.

use std::fmt;
use ts_rs::TS;

use bureau_core::BureauFileError;
use bureau_storage::StorageError;
use serde::{Deserialize, Serialize};

/// A closed set: the UI chooses its localised text by code and never parses `message`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    BadRequest,
    UnknownMethod,
    NotFound,
    InvalidBureauFile,
    NewerVersion,
    NotAWorkspace,
    Storage,
    /// The scenario is approved and read-only; branch it to change it.
    ReadOnly,
    /// The workspace is encrypted and locked: the UI asks for the passphrase.
    Locked,
    /// No workspace file yet: the UI offers to create one.
    NoWorkspace,
    WrongPassphrase,
    /// Another process has the workspace open (the message names it): one process at a time.
    WorkspaceInUse,
    /// The workspace file or its folder cannot be written: viewing and export only.
    WorkspaceReadOnly,
    /// The disk is full: the change was not saved.
    DiskFull,
    /// A structure designer step was refused: `message` names the unit and the field.
    InvalidStructure,
    Internal,
}

impl ErrorCode {
    pub const ALL: [ErrorCode; 16] = [
        ErrorCode::BadRequest,
        ErrorCode::UnknownMethod,
        ErrorCode::NotFound,
        ErrorCode::InvalidBureauFile,
        ErrorCode::NewerVersion,
        ErrorCode::NotAWorkspace,
        ErrorCode::Storage,
        ErrorCode::ReadOnly,
        ErrorCode::Locked,
        ErrorCode::NoWorkspace,
        ErrorCode::WrongPassphrase,
        ErrorCode::WorkspaceInUse,
        ErrorCode::WorkspaceReadOnly,
        ErrorCode::DiskFull,
        ErrorCode::InvalidStructure,
        ErrorCode::Internal,
    ];

    /// The HTTP status `planner serve` answers with.
    pub fn http_status(self) -> u16 {
        match self {
            ErrorCode::NotFound | ErrorCode::UnknownMethod => 404,
            ErrorCode::ReadOnly
            | ErrorCode::NoWorkspace
            | ErrorCode::WorkspaceInUse
            | ErrorCode::WorkspaceReadOnly => 409,
            ErrorCode::DiskFull => 507,
            ErrorCode::Locked => 423,
            ErrorCode::WrongPassphrase => 403,
            ErrorCode::Storage | ErrorCode::Internal => 500,
            _ => 400,
        }
    }
}

/// `message` is the English technical detail (path, row, column); the UI adds its own lead-in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ApiError {
    pub code: ErrorCode,
    pub message: String,
}

impl ApiError {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        ApiError {
            code,
            message: message.into(),
        }
    }

    /// The caller's request is at fault (`bad_request`); the message names the field.
    pub fn bad_request(message: impl Into<String>) -> Self {
        Self::new(ErrorCode::BadRequest, message)
    }

    /// Something this side of the boundary failed (`internal`).
    pub fn internal(message: impl Into<String>) -> Self {
        Self::new(ErrorCode::Internal, message)
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.message)
    }
}

impl std::error::Error for ApiError {}

impl From<StorageError> for ApiError {
    fn from(e: StorageError) -> Self {
        let code = match &e {
            StorageError::NotAWorkspace(_) | StorageError::Damaged(_) => ErrorCode::NotAWorkspace,
            StorageError::NewerVersion { .. } => ErrorCode::NewerVersion,
            StorageError::NotFound(_) => ErrorCode::NotFound,
            StorageError::Invalid(_) | StorageError::AlreadyExists(_) => ErrorCode::BadRequest,
            StorageError::ReadOnly(_) => ErrorCode::ReadOnly,
            StorageError::Encrypted(_) => ErrorCode::Locked,
            StorageError::WrongPassphrase => ErrorCode::WrongPassphrase,
            StorageError::InUse { .. } => ErrorCode::WorkspaceInUse,
            StorageError::FileReadOnly(_) => ErrorCode::WorkspaceReadOnly,
            StorageError::DiskFull(_) => ErrorCode::DiskFull,
            StorageError::Sqlite(_) | StorageError::Io(_) => ErrorCode::Storage,
        };
        ApiError::new(code, e.to_string())
    }
}

impl From<bureau_core::structure_edit::StructureEditError> for ApiError {
    fn from(e: bureau_core::structure_edit::StructureEditError) -> Self {
        ApiError::new(ErrorCode::InvalidStructure, e.to_string())
    }
}

impl From<bureau_core::optimiser::SolveError> for ApiError {
    fn from(e: bureau_core::optimiser::SolveError) -> Self {
        use bureau_core::optimiser::SolveError;
        let code = match &e {
            SolveError::Parameter(_) => ErrorCode::BadRequest,
            SolveError::Solver(_) => ErrorCode::Internal,
        };
        ApiError::new(code, e.to_string())
    }
}

impl From<bureau_io::export::ExportError> for ApiError {
    fn from(e: bureau_io::export::ExportError) -> Self {
        use bureau_io::export::ExportError;
        let code = match &e {
            ExportError::Settings(_) => ErrorCode::BadRequest,
            ExportError::NotTables | ExportError::Xlsx(_) | ExportError::Docx(_) => {
                ErrorCode::Internal
            }
        };
        ApiError::new(code, e.to_string())
    }
}

impl From<BureauFileError> for ApiError {
    fn from(e: BureauFileError) -> Self {
        let code = if e.newer_version {
            ErrorCode::NewerVersion
        } else {
            ErrorCode::InvalidBureauFile
        };
        ApiError::new(code, e.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crosses_the_boundary_as_code_and_message() {
        let e = ApiError::new(
            ErrorCode::InvalidBureauFile,
            "people[3].birth: expected YYYY-MM",
        );
        let json = serde_json::to_value(&e).expect("serialises");
        assert_eq!(
            json,
            serde_json::json!({"code": "invalid_bureau_file", "message": "people[3].birth: expected YYYY-MM"})
        );
    }

    #[test]
    fn optimiser_and_export_errors_map_to_the_caller_or_to_internal() {
        use bureau_core::optimiser::SolveError;
        use bureau_io::export::{ExportError, SettingsError};
        let sweep = ApiError::from(SolveError::Parameter("a share between 0 and 1".into()));
        assert_eq!(sweep.code, ErrorCode::BadRequest);
        assert_eq!(sweep.message, "a share between 0 and 1");
        let highs = ApiError::from(SolveError::Solver("out of memory".into()));
        assert_eq!(highs.code, ErrorCode::Internal);
        assert_eq!(highs.message, "HiGHS: out of memory");
        let settings = ApiError::from(ExportError::Settings(SettingsError {
            field: "issuer",
            expected_zh: "不能为空".into(),
            expected_en: "a value".into(),
        }));
        assert_eq!(settings.code, ErrorCode::BadRequest);
        assert!(settings.message.starts_with("issuer: "));
        let xlsx = ApiError::from(ExportError::Xlsx("disk".into()));
        assert_eq!(xlsx.code, ErrorCode::Internal);
    }

    #[test]
    fn file_errors_have_codes_of_their_own_and_keep_the_path() {
        let cases = [
            (
                StorageError::InUse {
                    path: "/data/w.bpw".into(),
                    holder: "planner serve, pid 42".into(),
                },
                ErrorCode::WorkspaceInUse,
                409,
            ),
            (
                StorageError::FileReadOnly("/data/w.bpw".into()),
                ErrorCode::WorkspaceReadOnly,
                409,
            ),
            (
                StorageError::DiskFull("/data/w.bpw".into()),
                ErrorCode::DiskFull,
                507,
            ),
        ];
        for (storage, code, status) in cases {
            let e = ApiError::from(storage);
            assert_eq!(e.code, code);
            assert_eq!(code.http_status(), status);
            assert!(e.message.contains("/data/w.bpw"), "{}", e.message);
        }
    }

    #[test]
    fn the_code_set_is_pinned() {
        let codes: Vec<String> = ErrorCode::ALL
            .iter()
            .map(|c| {
                serde_json::to_value(c)
                    .expect("serialises")
                    .as_str()
                    .unwrap_or("")
                    .to_owned()
            })
            .collect();
        assert_eq!(
            codes,
            [
                "bad_request",
                "unknown_method",
                "not_found",
                "invalid_bureau_file",
                "newer_version",
                "not_a_workspace",
                "storage",
                "read_only",
                "locked",
                "no_workspace",
                "wrong_passphrase",
                "workspace_in_use",
                "workspace_read_only",
                "disk_full",
                "invalid_structure",
                "internal"
            ]
        );
    }
}
