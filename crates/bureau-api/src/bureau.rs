//! The API's bureau details methods: read and set the bureau's name, kind, base month and
//! background (one set per workspace), and switch a scenario's ratio rules to the kind's
//! defaults after the kind changed.

use bureau_core::{BureauInfo, BureauKind, YearMonth};
use bureau_storage::RatioRules;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::planning::resolve;
use crate::{Api, ApiError, ScenarioRef};

/// New bureau details; a field left out keeps its value.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(optional_fields = nullable)]
pub struct SetBureauArgs {
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub kind: Option<BureauKind>,
    #[serde(default)]
    pub as_of: Option<YearMonth>,
    #[serde(default)]
    pub background: Option<String>,
}

/// The bureau's details and how each scenario's ratio rules compare with the kind's defaults.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct BureauDetails {
    pub bureau: BureauInfo,
    pub ratio_rules: Vec<RatioRules>,
}

impl Api {
    pub fn bureau_info(&self) -> Result<BureauDetails, ApiError> {
        let mut ws = self.ws()?;
        Ok(BureauDetails {
            bureau: ws.bureau()?.info,
            ratio_rules: ws.ratio_rules()?,
        })
    }

    /// Changes the bureau's details; `ratio_rules` then says which scenarios' ratios differ
    /// from the (new) kind's defaults, for the UI to offer `switch_ratio_rules`.
    pub fn set_bureau_info(&self, req: SetBureauArgs) -> Result<BureauDetails, ApiError> {
        let mut ws = self.ws()?;
        let current = ws.bureau()?.info;
        let info = BureauInfo {
            name: req.name.unwrap_or(current.name),
            kind: req.kind.unwrap_or(current.kind),
            as_of: req.as_of.unwrap_or(current.as_of),
            background: req.background.unwrap_or(current.background),
        };
        let ratio_rules = ws.set_bureau_info(&info)?;
        Ok(BureauDetails {
            bureau: ws.bureau()?.info,
            ratio_rules,
        })
    }

    /// Sets a scenario's ratio rules to the bureau kind's defaults (its other rules kept).
    pub fn switch_ratio_rules(&self, req: ScenarioRef) -> Result<BureauDetails, ApiError> {
        let mut ws = self.ws()?;
        let id = resolve(&mut ws, req.scenario_id)?;
        ws.switch_ratio_rules(id)?;
        Ok(BureauDetails {
            bureau: ws.bureau()?.info,
            ratio_rules: ws.ratio_rules()?,
        })
    }
}
