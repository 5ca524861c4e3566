//! Calling a method by name with JSON arguments: the shared seam of the Tauri command and the
//! HTTP server, so that both transports behave identically.

use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;

use crate::{Api, ApiError, ErrorCode};

impl Api {
    /// The methods `call` knows, for `unknown_method` errors and documentation tests.
    pub const METHODS: &'static [&'static str] =
        &["workspace_info", "overview", "metrics", "check", "solve"];

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
