//! The main scenario's figures and rule results, measured once the way every export reads
//! them (the paper's text and tables, the report's sheets).

use bureau_core::rule_results::{evaluate, RuleResult};
use bureau_core::rules::Rule;
use bureau_core::{compute_metrics, Bureau, Metrics, Scenario};

pub(crate) struct Measured {
    pub metrics: Metrics,
    pub results: Vec<RuleResult>,
    pub hard_failures: usize,
    pub soft_failures: usize,
}

pub(crate) fn measure(bureau: &Bureau, s: &Scenario, rules: &[Rule]) -> Measured {
    let metrics = compute_metrics(
        bureau,
        &s.structure,
        &s.draft.assignment,
        &s.draft.community,
    );
    let results = evaluate(bureau, &s.structure, rules, &s.draft.assignment, &s.draft);
    let hard_failures = results.iter().filter(|r| r.hard && !r.passed).count();
    let soft_failures = results.iter().filter(|r| !r.hard && !r.passed).count();
    Measured {
        metrics,
        results,
        hard_failures,
        soft_failures,
    }
}
