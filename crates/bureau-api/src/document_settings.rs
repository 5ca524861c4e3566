//! A scenario's document settings (文号, dates, which paper): remembered per scenario, or the
//! defaults derived from the bureau and today's date. Every paper reads its settings here (the
//! export, the 文稿 panel), and today's date is read here and nowhere else in the API.

use bureau_io::export::{DocDate, DocumentSettings};
use bureau_storage::Workspace;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::{Api, ApiError, ErrorCode};

/// A scenario's document settings: what the export dialog shows.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct DocumentSettingsView {
    pub scenario_id: i64,
    /// The remembered settings, or the defaults when there are none.
    pub settings: DocumentSettings,
    /// The defaults derived from the bureau (for a "恢复默认" button).
    pub defaults: DocumentSettings,
    /// True when `settings` were remembered, false when they are the defaults.
    pub stored: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(optional_fields = nullable)]
pub struct SetDocumentSettingsArgs {
    #[serde(default)]
    pub scenario_id: Option<i64>,
    /// `null`: back to the defaults.
    pub settings: Option<DocumentSettings>,
}

impl Api {
    /// A scenario's document settings: remembered, or the bureau's defaults.
    pub fn document_settings(
        &self,
        args: crate::ScenarioRef,
    ) -> Result<DocumentSettingsView, ApiError> {
        let mut ws = self.ws()?;
        let id = crate::planning::resolve(&mut ws, args.scenario_id)?;
        settings_view(&mut ws, id)
    }

    /// Validates and remembers a scenario's document settings (audited); `null` forgets them.
    pub fn set_document_settings(
        &self,
        args: SetDocumentSettingsArgs,
    ) -> Result<DocumentSettingsView, ApiError> {
        let mut ws = self.ws()?;
        let id = crate::planning::resolve(&mut ws, args.scenario_id)?;
        remember(&mut ws, id, args.settings.as_ref())?;
        settings_view(&mut ws, id)
    }
}

/// The settings a scenario's paper is issued with: remembered, or the bureau's defaults.
pub(crate) fn settings_view(ws: &mut Workspace, id: i64) -> Result<DocumentSettingsView, ApiError> {
    let bureau = ws.bureau()?;
    let defaults = DocumentSettings::defaults_for(&bureau, today());
    let stored = ws
        .document_settings(id)?
        .map(|v| {
            serde_json::from_value::<DocumentSettings>(v).map_err(|e| {
                ApiError::new(
                    ErrorCode::Storage,
                    format!("scenario {id}: the remembered document settings are damaged: {e}"),
                )
            })
        })
        .transpose()?;
    Ok(DocumentSettingsView {
        scenario_id: id,
        stored: stored.is_some(),
        settings: stored.unwrap_or_else(|| defaults.clone()),
        defaults,
    })
}

/// Validates (the message names the field and what it expects, in English and Chinese) and
/// stores a scenario's settings; nothing changes when they are refused.
pub(crate) fn remember(
    ws: &mut Workspace,
    id: i64,
    settings: Option<&DocumentSettings>,
) -> Result<(), ApiError> {
    let value = match settings {
        Some(s) => {
            s.validate()
                .map_err(|e| ApiError::bad_request(format!("document settings: {e}")))?;
            Some(
                serde_json::to_value(s)
                    .map_err(|e| ApiError::internal(format!("document settings: {e}")))?,
            )
        }
        None => None,
    };
    ws.set_document_settings(id, value.as_ref())?;
    Ok(())
}

/// Today, for the documents' default dates (UTC; the host's clock, read here and nowhere in
/// the core).
pub(crate) fn today() -> DocDate {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let (y, m, d) = bureau_io::export::civil_date(i64::try_from(secs / 86_400).unwrap_or(0));
    DocDate {
        year: u16::try_from(y).unwrap_or(2026),
        month: u8::try_from(m).unwrap_or(1),
        day: u8::try_from(d).unwrap_or(1),
    }
}
