//! The 文稿 panel's methods: a scenario's paper paragraph by paragraph (each default as the
//! data write it today, the planner's version, whether it is stale), a paragraph rewritten or
//! restored to its default, and the 实施步骤 phases. The keys and defaults come from
//! bureau-io (the same functions the DOCX is written with), so a paragraph is accepted only
//! under a key today's paper has, and the default it replaces is recorded by the host, never
//! taken from the caller.

use bureau_core::ScenarioStatus;
use bureau_io::export::{
    text_panel, DocumentKind, DocumentText, ParagraphText, Phase, ScenarioInput, TextSection,
};
use bureau_storage::{DocumentParagraph, Workspace};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::{Api, ApiError, ErrorCode, ScenarioRef};

/// A scenario's paper as the 文稿 panel shows it.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct DocumentTextView {
    pub scenario_id: i64,
    /// Which paper the remembered settings export (the defaults mention 附件 or 附表 by it).
    pub kind: DocumentKind,
    /// False on an approved scenario: its text is settled.
    pub editable: bool,
    /// The 请示's body first (key `request`), then the plan's sections in order.
    pub sections: Vec<TextSection>,
    /// The planner's phases; empty: the 实施步骤 is generated.
    pub phases: Vec<Phase>,
    /// The phases a planner starts from (the generated steps, dated).
    pub default_phases: Vec<Phase>,
    /// The planner's paragraphs today's paper no longer has a place for (a department deleted
    /// from the structure): kept, never printed, shown so that the text is not lost unseen and
    /// can be copied or let go (`reset_document_paragraph`).
    pub orphaned: Vec<ParagraphText>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(optional_fields = nullable)]
pub struct SetDocumentParagraphArgs {
    #[serde(default)]
    pub scenario_id: Option<i64>,
    pub key: String,
    /// The planner's version, a paragraph a line.
    pub text: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(optional_fields = nullable)]
pub struct ResetDocumentParagraphArgs {
    #[serde(default)]
    pub scenario_id: Option<i64>,
    pub key: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(optional_fields = nullable)]
pub struct SetDocumentPhasesArgs {
    #[serde(default)]
    pub scenario_id: Option<i64>,
    /// `null` or empty: back to the generated 实施步骤.
    pub phases: Option<Vec<Phase>>,
}

/// The planner's text of a scenario as bureau-io reads it.
pub(crate) fn own_text(ws: &mut Workspace, id: i64) -> Result<DocumentText, ApiError> {
    let (paragraphs, phases) = ws.document_text(id)?;
    let phases = match phases {
        Some(v) => serde_json::from_value(v).map_err(|e| {
            ApiError::new(
                ErrorCode::Storage,
                format!("scenario {id}: the stored 实施步骤 phases are damaged: {e}"),
            )
        })?,
        None => Vec::new(),
    };
    Ok(DocumentText {
        paragraphs: paragraphs
            .into_iter()
            .map(|p| ParagraphText {
                key: p.key,
                text: p.text,
                default_when_edited: p.default_when_edited,
            })
            .collect(),
        phases,
    })
}

fn view_on(ws: &mut Workspace, id: i64) -> Result<DocumentTextView, ApiError> {
    let settings = crate::document_settings::settings_view(ws, id)?.settings;
    let bureau = ws.bureau()?;
    let scenario = ws.scenario(id)?;
    let rules = ws.scenario_rules(id)?;
    let own = own_text(ws, id)?;
    let editable = ws
        .scenarios()?
        .iter()
        .find(|s| s.id == id)
        .is_some_and(|s| s.status != ScenarioStatus::Approved);
    let (sections, default_phases) = text_panel(
        &bureau,
        ScenarioInput {
            scenario: &scenario,
            rules: &rules,
        },
        &settings,
        &own,
    );
    let placed: std::collections::HashSet<&str> = sections
        .iter()
        .flat_map(|s| &s.paragraphs)
        .filter_map(|p| p.key.as_deref())
        .collect();
    let orphaned = own
        .paragraphs
        .iter()
        .filter(|p| !placed.contains(p.key.as_str()))
        .cloned()
        .collect();
    Ok(DocumentTextView {
        scenario_id: id,
        kind: settings.kind,
        editable,
        sections,
        phases: own.phases,
        default_phases,
        orphaned,
    })
}

/// Today's default of the paragraph under `key`, refused when today's paper has no such
/// paragraph for the planner to edit.
fn default_of(view: &DocumentTextView, key: &str) -> Result<String, ApiError> {
    view.sections
        .iter()
        .flat_map(|s| &s.paragraphs)
        .find(|p| p.key.as_deref() == Some(key))
        .map(|p| p.default.clone())
        .ok_or_else(|| {
            ApiError::bad_request(format!(
                "key: no editable paragraph {key:?} in this scenario's paper / 本方案文稿中没有可编辑的段落“{key}”"
            ))
        })
}

impl Api {
    /// A scenario's paper paragraph by paragraph, for the 文稿 panel.
    pub fn document_text(&self, args: ScenarioRef) -> Result<DocumentTextView, ApiError> {
        let mut ws = self.ws()?;
        let id = crate::planning::resolve(&mut ws, args.scenario_id)?;
        view_on(&mut ws, id)
    }

    /// Stores the planner's version of one paragraph with today's default beside it (audited);
    /// a version equal to the default is the default. Refused with `bad_request` naming the
    /// field for an unknown key or a text that is empty, too long or holds control characters;
    /// `read_only` on an approved scenario.
    pub fn set_document_paragraph(
        &self,
        args: SetDocumentParagraphArgs,
    ) -> Result<DocumentTextView, ApiError> {
        bureau_io::export::document::text::check_paragraph(&args.text)
            .map_err(|e| ApiError::bad_request(format!("document text: {e}")))?;
        let mut ws = self.ws()?;
        let id = crate::planning::resolve(&mut ws, args.scenario_id)?;
        let default = default_of(&view_on(&mut ws, id)?, &args.key)?;
        let text = args.text.trim();
        let paragraph = (text != default).then(|| DocumentParagraph {
            key: args.key.clone(),
            text: text.to_owned(),
            default_when_edited: default,
        });
        ws.set_document_paragraph(id, &args.key, paragraph.as_ref())?;
        view_on(&mut ws, id)
    }

    /// 恢复默认: forgets the planner's version of one paragraph (audited).
    pub fn reset_document_paragraph(
        &self,
        args: ResetDocumentParagraphArgs,
    ) -> Result<DocumentTextView, ApiError> {
        let mut ws = self.ws()?;
        let id = crate::planning::resolve(&mut ws, args.scenario_id)?;
        ws.set_document_paragraph(id, &args.key, None)?;
        view_on(&mut ws, id)
    }

    /// Stores the 实施步骤 phases (audited); `null` or `[]` returns to the generated steps.
    /// Refused with `bad_request` naming the phase and field (`phases[2].end`).
    pub fn set_document_phases(
        &self,
        args: SetDocumentPhasesArgs,
    ) -> Result<DocumentTextView, ApiError> {
        let phases = args.phases.unwrap_or_default();
        bureau_io::export::document::text::check_phases(&phases)
            .map_err(|e| ApiError::bad_request(format!("document phases: {e}")))?;
        let value = if phases.is_empty() {
            None
        } else {
            Some(
                serde_json::to_value(&phases)
                    .map_err(|e| ApiError::internal(format!("document phases: {e}")))?,
            )
        };
        let mut ws = self.ws()?;
        let id = crate::planning::resolve(&mut ws, args.scenario_id)?;
        ws.set_document_phases(id, value.as_ref())?;
        view_on(&mut ws, id)
    }
}
