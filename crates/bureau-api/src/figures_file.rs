//! The figures files of the workload model's kinds (派出所辖区情况表, 交警中队辖区情况表) on one
//! path: what importing a file would do, the import in one transaction (refused, changing
//! nothing, when the file has any problem), and the template with the bureau's units and
//! figures. `station_workload.rs` and `squad_workload.rs` name the methods and their answers.

use bureau_core::workload_kind::WorkloadKind;
use bureau_core::Unit;
use bureau_io::export::Format;
use bureau_io::import::Problem;
use bureau_storage::{StorageError, Workspace};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::documents::{refused, Produced};
use crate::{Api, ApiError, ErrorCode};

/// What a figures file's preview says besides the figures it read; each kind's preview
/// carries it flattened next to them.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct FiguresFileRead {
    pub file: String,
    pub sheet: Option<String>,
    pub encoding: Option<String>,
    pub rows: usize,
    /// Units of the kind the file leaves without figures.
    pub missing: Vec<String>,
    pub problems: Vec<Problem>,
    /// True when there are no problems: the import would succeed.
    pub can_import: bool,
}

impl FiguresFileRead {
    /// A file as read, before its missing units are known.
    pub(crate) fn new(
        file: String,
        sheet: Option<String>,
        encoding: Option<String>,
        rows: usize,
        problems: Vec<Problem>,
    ) -> Self {
        FiguresFileRead {
            file,
            sheet,
            encoding,
            rows,
            missing: Vec::new(),
            can_import: problems.is_empty(),
            problems,
        }
    }
}

/// A kind of unit whose figures come in a file of their own.
pub(crate) trait FiguresFile: WorkloadKind {
    /// What a refusal calls the file.
    const WHAT: &'static str;
    /// The template's file name.
    const TEMPLATE: &'static str;
    /// The file read against today's units, and the figures (empty when there are problems).
    fn read(file: &str, bytes: &[u8], old_units: &[Unit]) -> (FiguresFileRead, Vec<Self::Figures>);
    /// The template: the bureau's units of the kind with `figures` filled in.
    fn template(old_units: &[Unit], figures: &[Self::Figures]) -> Result<Vec<u8>, String>;
    /// Replaces every unit's figures of the kind, in one transaction.
    fn replace(ws: &mut Workspace, figures: &[Self::Figures]) -> Result<(), StorageError>;
}

impl Api {
    /// Reads a figures file of kind `K` and says what importing it would do; changes nothing.
    pub(crate) fn figures_preview<K: FiguresFile>(
        &self,
        name: &str,
        bytes: &[u8],
    ) -> Result<(FiguresFileRead, Vec<K::Figures>), ApiError> {
        let bureau = self.ws()?.bureau()?;
        let (mut read, figures) = K::read(name, bytes, &bureau.old_units);
        read.missing = bureau
            .old_units
            .iter()
            .filter(|u| u.kind == K::UNIT && !figures.iter().any(|f| K::unit_of(f) == u.id))
            .map(|u| u.name.clone())
            .collect();
        Ok((read, figures))
    }

    /// Replaces the figures of kind `K` with the file's: how many units have figures now.
    /// Refused with `bad_request` (nothing changes) when the file has any problem.
    pub(crate) fn import_figures<K: FiguresFile>(
        &self,
        name: &str,
        bytes: &[u8],
    ) -> Result<usize, ApiError> {
        let (read, figures) = self.figures_preview::<K>(name, bytes)?;
        if !read.problems.is_empty() {
            return Err(refused(K::WHAT, &read.problems));
        }
        let mut ws = self.ws()?;
        K::replace(&mut ws, &figures)?;
        Ok(figures.len())
    }

    /// The figures template of kind `K` (XLSX): the bureau's units with their figures.
    pub(crate) fn figures_template<K: FiguresFile>(&self) -> Result<Produced, ApiError> {
        let bureau = self.ws()?.bureau()?;
        let bytes = K::template(&bureau.old_units, K::figures(&bureau)).map_err(|e| {
            ApiError::new(ErrorCode::Internal, format!("writing the template: {e}"))
        })?;
        Ok(Produced {
            file_name: K::TEMPLATE.into(),
            format: Format::Xlsx,
            bytes,
        })
    }
}
