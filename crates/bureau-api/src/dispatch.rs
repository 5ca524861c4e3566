//! Calling a method by name with JSON arguments: the shared seam of the Tauri command and the
//! HTTP server, so that both transports behave identically.
//!
//! Arguments are one JSON object (or nothing, for methods without arguments). Anything else —
//! an array, a string, a number — is refused before the method is looked at: serde would fill a
//! struct from an array by position, and no caller by name has a reason to send one. The request
//! types reached from here have no path field at all, so no shape of arguments can make the
//! host read, write or probe a file (the typed calls with paths are in `local_files.rs`).

use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{Map, Value};

use crate::activity_log::Outcome;
use crate::{Api, ApiError, ErrorCode};

impl Api {
    /// The methods `call` knows, for `unknown_method` errors and documentation tests.
    pub const METHODS: &'static [&'static str] = &[
        "workspace_status",
        "workspace_create",
        "workspace_unlock",
        "workspace_lock",
        "change_passphrase",
        "set_idle_lock",
        "workspace_info",
        "overview",
        "metrics",
        "check",
        "solve",
        "rules",
        "set_rules",
        "weights",
        "set_weights",
        "rule_results",
        "diagnose",
        "solve_start",
        "tradeoff_start",
        "job_status",
        "job_cancel",
        "branch_scenario",
        "create_scenario",
        "rename_scenario",
        "set_scenario_notes",
        "set_scenario_status",
        "delete_scenario",
        "restore_scenario",
        "trash",
        "open_scenario",
        "planner_name",
        "set_planner_name",
        "history",
        "audit_verify",
        "compare",
        "people",
        "move_people",
        "set_pins",
        "apply_changes",
        "undo",
        "redo",
        "edit_state",
        "import_preview",
        "import_roster",
        "roster_template",
        "units_import_preview",
        "import_units",
        "units_template",
        "station_workload",
        "workload_settings",
        "set_workload_settings",
        "stations_import_preview",
        "import_stations",
        "stations_template",
        "export_document",
        "document_settings",
        "set_document_settings",
        "bureau_info",
        "set_bureau_info",
        "switch_ratio_rules",
        "structure",
        "edit_structure",
        "workspace_create_from_data",
        "structure_sheet",
        "structure_import_preview",
        "import_structure",
        "workspace_check_files",
        "workspace_create_from_file",
    ];

    pub fn call(&self, method: &str, args: Value) -> Result<Value, ApiError> {
        let started = std::time::Instant::now();
        let result = self.dispatch(method, args);
        if let Some(log) = self.log.get() {
            // Only names from our own list reach the log, never what a caller typed.
            let name = Api::METHODS
                .iter()
                .find(|m| **m == method)
                .copied()
                .unwrap_or("(unknown)");
            let outcome = match &result {
                Ok(_) => Outcome::Ok,
                Err(e) => Outcome::Failed(e.code),
            };
            log.call(name, outcome, started.elapsed());
        }
        result
    }

    fn dispatch(&self, method: &str, args: Value) -> Result<Value, ApiError> {
        let args = one_object(args)?;
        match method {
            "workspace_status" => {
                let () = parse_unit(args)?;
                respond(self.workspace_status())
            }
            "workspace_create" => respond(self.workspace_create(parse(args)?)),
            "workspace_unlock" => respond(self.workspace_unlock(parse(args)?)),
            "workspace_lock" => {
                let () = parse_unit(args)?;
                respond(self.workspace_lock())
            }
            "change_passphrase" => respond(self.change_passphrase(parse(args)?)),
            "set_idle_lock" => respond(self.set_idle_lock(parse(args)?)),
            "workspace_info" => {
                let () = parse_unit(args)?;
                respond(self.workspace_info())
            }
            "overview" => respond(self.overview(parse(args)?)),
            "metrics" => respond(self.metrics(parse(args)?)),
            "check" => respond(self.check(parse(args)?)),
            "solve" => respond(self.solve(parse(args)?)),
            "rules" => respond(self.rules(parse(args)?)),
            "set_rules" => respond(self.set_rules(parse(args)?)),
            "weights" => respond(self.weights(parse(args)?)),
            "set_weights" => respond(self.set_weights(parse(args)?)),
            "rule_results" => respond(self.rule_results(parse(args)?)),
            "diagnose" => respond(self.diagnose(parse(args)?)),
            "solve_start" => respond(self.solve_start(parse(args)?)),
            "tradeoff_start" => respond(self.tradeoff_start(parse(args)?)),
            "job_status" => respond(self.job_status(parse(args)?)),
            "job_cancel" => respond(self.job_cancel(parse(args)?)),
            "branch_scenario" => respond(self.branch_scenario(parse(args)?)),
            "create_scenario" => respond(self.create_scenario(parse(args)?)),
            "rename_scenario" => respond(self.rename_scenario(parse(args)?)),
            "set_scenario_notes" => respond(self.set_scenario_notes(parse(args)?)),
            "set_scenario_status" => respond(self.set_scenario_status(parse(args)?)),
            "delete_scenario" => respond(self.delete_scenario(parse(args)?)),
            "restore_scenario" => respond(self.restore_scenario(parse(args)?)),
            "trash" => {
                let () = parse_unit(args)?;
                respond(self.trash())
            }
            "open_scenario" => respond(self.open_scenario(parse(args)?)),
            "planner_name" => {
                let () = parse_unit(args)?;
                respond(self.planner_name())
            }
            "set_planner_name" => respond(self.set_planner_name(parse(args)?)),
            "history" => respond(self.history(parse(args)?)),
            "audit_verify" => {
                let () = parse_unit(args)?;
                respond(self.audit_verify())
            }
            "compare" => respond(self.compare(parse(args)?)),
            "people" => respond(self.people(parse(args)?)),
            "move_people" => respond(self.move_people(parse(args)?)),
            "set_pins" => respond(self.set_pins(parse(args)?)),
            "apply_changes" => respond(self.apply_changes(parse(args)?)),
            "undo" => respond(self.undo(parse(args)?)),
            "redo" => respond(self.redo(parse(args)?)),
            "edit_state" => respond(self.edit_state(parse(args)?)),
            "import_preview" => respond(self.import_preview(parse(args)?)),
            "import_roster" => respond(self.import_roster(parse(args)?)),
            "roster_template" => {
                let () = parse_unit(args)?;
                respond(self.roster_template())
            }
            "units_import_preview" => respond(self.units_import_preview(parse(args)?)),
            "import_units" => respond(self.import_units(parse(args)?)),
            "units_template" => {
                let () = parse_unit(args)?;
                respond(self.units_template())
            }
            "station_workload" => respond(self.station_workload(parse(args)?)),
            "workload_settings" => respond(self.workload_settings(parse(args)?)),
            "set_workload_settings" => respond(self.set_workload_settings(parse(args)?)),
            "stations_import_preview" => respond(self.stations_import_preview(parse(args)?)),
            "import_stations" => respond(self.import_stations(parse(args)?)),
            "stations_template" => {
                let () = parse_unit(args)?;
                respond(self.stations_template())
            }
            "export_document" => respond(self.export_document(parse(args)?)),
            "document_settings" => respond(self.document_settings(parse(args)?)),
            "set_document_settings" => respond(self.set_document_settings(parse(args)?)),
            "bureau_info" => {
                let () = parse_unit(args)?;
                respond(self.bureau_info())
            }
            "set_bureau_info" => respond(self.set_bureau_info(parse(args)?)),
            "switch_ratio_rules" => respond(self.switch_ratio_rules(parse(args)?)),
            "structure" => respond(self.structure(parse(args)?)),
            "edit_structure" => respond(self.edit_structure(parse(args)?)),
            "workspace_create_from_data" => respond(self.workspace_create_from_data(parse(args)?)),
            "structure_sheet" => respond(self.structure_sheet(parse(args)?)),
            "structure_import_preview" => respond(self.structure_import_preview(parse(args)?)),
            "import_structure" => respond(self.import_structure(parse(args)?)),
            "workspace_check_files" => respond(self.workspace_check_files(parse(args)?)),
            "workspace_create_from_file" => respond(self.workspace_create_from_file(parse(args)?)),
            other => Err(ApiError::new(
                ErrorCode::UnknownMethod,
                format!("no method {other:?}; known: {}", Api::METHODS.join(", ")),
            )),
        }
    }
}

/// The arguments as one object; absent (`null`) is the empty object.
fn one_object(args: Value) -> Result<Map<String, Value>, ApiError> {
    let found = match args {
        Value::Object(map) => return Ok(map),
        Value::Null => return Ok(Map::new()),
        Value::Array(_) => "an array",
        Value::String(_) => "a string",
        Value::Number(_) => "a number",
        Value::Bool(_) => "a boolean",
    };
    Err(ApiError::new(
        ErrorCode::BadRequest,
        format!("arguments: expected one JSON object with named fields, found {found}"),
    ))
}

fn parse<T: DeserializeOwned>(args: Map<String, Value>) -> Result<T, ApiError> {
    serde_json::from_value(Value::Object(args))
        .map_err(|e| ApiError::new(ErrorCode::BadRequest, format!("arguments: {e}")))
}

fn parse_unit(args: Map<String, Value>) -> Result<(), ApiError> {
    match args.keys().next() {
        None => Ok(()),
        Some(key) => Err(ApiError::new(
            ErrorCode::BadRequest,
            format!("arguments: this method takes none, found {key:?}"),
        )),
    }
}

fn respond<T: Serialize>(result: Result<T, ApiError>) -> Result<Value, ApiError> {
    let value = result?;
    serde_json::to_value(value).map_err(|e| ApiError::new(ErrorCode::Internal, e.to_string()))
}
