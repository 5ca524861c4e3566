//! What can stop the optimiser: the solver failing on its own account, or a trade-off sweep
//! asked for a parameter the rules cannot take. An infeasible plan or a time limit is not an
//! error: it is a `SolveStatus` of the outcome.

use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SolveError {
    /// HiGHS stopped with an error of its own (not infeasible, not out of time).
    Solver(String),
    /// A sweep's range or rule the caller chose cannot be swept (what was expected, found).
    Parameter(String),
}

impl fmt::Display for SolveError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SolveError::Solver(m) => write!(f, "HiGHS: {m}"),
            SolveError::Parameter(m) => f.write_str(m),
        }
    }
}

impl std::error::Error for SolveError {}
