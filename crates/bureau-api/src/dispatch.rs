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
    pub fn call(&self, method: &str, args: Value) -> Result<Value, ApiError> {
        let started = std::time::Instant::now();
        let result = one_object(args).and_then(|args| {
            self.dispatch(method, args).unwrap_or_else(|| {
                Err(ApiError::new(
                    ErrorCode::UnknownMethod,
                    format!("no method {method:?}; known: {}", Api::METHODS.join(", ")),
                ))
            })
        });
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
}

/// Expands the method table (`method_table.rs`) into `Api::METHODS`, the by-name dispatcher
/// and the list the TypeScript generator walks, so a method is named exactly once.
///
/// Each line is `name(Args) -> Answer` (or `name() -> Answer` for a method without
/// arguments), where `name` is also the `Api` method that handles it; the dispatcher's
/// `respond::<Answer>` makes the compiler hold the handler to the answer type the table states.
macro_rules! api_methods {
    ($( $name:ident ( $($args:ty)? ) -> $answer:ty ; )*) => {
        impl $crate::Api {
            /// The methods `call` knows, for `unknown_method` errors and documentation tests.
            pub const METHODS: &'static [&'static str] = &[$(stringify!($name)),*];

            /// `None` for a name not in the table.
            pub(crate) fn dispatch(
                &self,
                method: &str,
                args: serde_json::Map<String, serde_json::Value>,
            ) -> Option<Result<serde_json::Value, $crate::ApiError>> {
                Some(match method {
                    $( stringify!($name) => api_methods!(@call self, $name, args, $answer $(, $args)?), )*
                    _ => return None,
                })
            }
        }

        /// Shows a visitor every method with the types of its arguments (`()` when it takes
        /// none) and its answer.
        pub(crate) fn visit_methods(visitor: &mut impl $crate::typescript::MethodVisitor) {
            $( visitor.visit::<api_methods!(@args $($args)?), $answer>(stringify!($name)); )*
        }
    };
    (@call $api:ident, $name:ident, $json:ident, $answer:ty) => {
        $crate::dispatch::parse_unit($json).and_then(|()| $crate::dispatch::respond::<$answer>($api.$name()))
    };
    (@call $api:ident, $name:ident, $json:ident, $answer:ty, $args:ty) => {
        $crate::dispatch::parse::<$args>($json).and_then(|a| $crate::dispatch::respond::<$answer>($api.$name(a)))
    };
    (@args) => { () };
    (@args $args:ty) => { $args };
}
pub(crate) use api_methods;

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

pub(crate) fn parse<T: DeserializeOwned>(args: Map<String, Value>) -> Result<T, ApiError> {
    serde_json::from_value(Value::Object(args))
        .map_err(|e| ApiError::new(ErrorCode::BadRequest, format!("arguments: {e}")))
}

pub(crate) fn parse_unit(args: Map<String, Value>) -> Result<(), ApiError> {
    match args.keys().next() {
        None => Ok(()),
        Some(key) => Err(ApiError::new(
            ErrorCode::BadRequest,
            format!("arguments: this method takes none, found {key:?}"),
        )),
    }
}

pub(crate) fn respond<T: Serialize>(result: Result<T, ApiError>) -> Result<Value, ApiError> {
    let value = result?;
    serde_json::to_value(value).map_err(|e| ApiError::new(ErrorCode::Internal, e.to_string()))
}
