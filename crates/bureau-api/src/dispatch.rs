//! Calling a method by name with JSON arguments: the shared seam of the Tauri command and the
//! HTTP server, so that both transports behave identically.

use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;

use crate::{Api, ApiError, ErrorCode};

impl Api {
    /// The methods `call` knows, for `unknown_method` errors and documentation tests.
    pub const METHODS: &'static [&'static str] = &[
        "workspace_info",
        "overview",
        "metrics",
        "check",
        "solve",
        "rules",
        "set_rules",
        "rule_results",
        "solve_start",
        "tradeoff_start",
        "job_status",
        "job_cancel",
        "people",
        "move_people",
        "set_pins",
        "apply_changes",
        "undo",
        "redo",
        "edit_state",
    ];

    pub fn call(&self, method: &str, args: Value) -> Result<Value, ApiError> {
        match method {
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
            "rule_results" => respond(self.rule_results(parse(args)?)),
            "solve_start" => respond(self.solve_start(parse(args)?)),
            "tradeoff_start" => respond(self.tradeoff_start(parse(args)?)),
            "job_status" => respond(self.job_status(parse(args)?)),
            "job_cancel" => respond(self.job_cancel(parse(args)?)),
            "people" => respond(self.people(parse(args)?)),
            "move_people" => respond(self.move_people(parse(args)?)),
            "set_pins" => respond(self.set_pins(parse(args)?)),
            "apply_changes" => respond(self.apply_changes(parse(args)?)),
            "undo" => respond(self.undo(parse(args)?)),
            "redo" => respond(self.redo(parse(args)?)),
            "edit_state" => respond(self.edit_state(parse(args)?)),
            other => Err(ApiError::new(
                ErrorCode::UnknownMethod,
                format!("no method {other:?}; known: {}", Api::METHODS.join(", ")),
            )),
        }
    }
}

fn parse<T: DeserializeOwned>(args: Value) -> Result<T, ApiError> {
    let args = if args.is_null() {
        Value::Object(Default::default())
    } else {
        args
    };
    serde_json::from_value(args)
        .map_err(|e| ApiError::new(ErrorCode::BadRequest, format!("arguments: {e}")))
}

fn parse_unit(args: Value) -> Result<(), ApiError> {
    match args {
        Value::Null => Ok(()),
        Value::Object(m) if m.is_empty() => Ok(()),
        other => Err(ApiError::new(
            ErrorCode::BadRequest,
            format!("arguments: expected none, found {other}"),
        )),
    }
}

fn respond<T: Serialize>(result: Result<T, ApiError>) -> Result<Value, ApiError> {
    let value = result?;
    serde_json::to_value(value).map_err(|e| ApiError::new(ErrorCode::Internal, e.to_string()))
}
