//! Bureau Planner's file formats for people: roster import from CSV/XLSX and the plan
//! exported as documents. Turns bytes into core values and core values into bytes.
#![forbid(unsafe_code)]

pub mod export;
pub mod import;
