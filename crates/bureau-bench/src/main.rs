//! `make bench`: solves the sample bureaus several times and prints medians (build time, solve
//! time, model size, status, objective), the median time of `compute_metrics` on the city
//! sample, and the peak memory of the process. Figures, never assertions.
//!
//! Bureaus: the county and city samples and a generated 10,000-officer / 15,000-auxiliary one;
//! the county also per person (no aggregation) to show what aggregation buys; the city with
//! every non-station officer pinned, solved and diagnosed as infeasible (`bureau-bench
//! diagnosis` runs only that one).

use std::time::Instant;

use bureau_core::optimiser::{solve, Mode, SolveRequest, SolveSettings};
use bureau_core::rule_results::evaluate;
use bureau_core::rules::default_rules;
use bureau_core::{compute_metrics, BureauFile};

fn median(mut xs: Vec<f64>) -> f64 {
    xs.sort_by(f64::total_cmp);
    xs.get(xs.len() / 2).copied().unwrap_or(f64::NAN)
}

fn peak_memory_mib() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines().find(|l| l.starts_with("VmHWM:")).and_then(|l| {
                l.split_whitespace()
                    .nth(1)
                    .and_then(|kb| kb.parse::<f64>().ok())
            })
        })
        .map_or(f64::NAN, |kb| kb / 1024.0)
}

fn bench_solve(name: &str, file: &BureauFile, runs: usize, aggregate: bool) {
    let (bureau, structure, draft) = file.clone().into_parts();
    let draft = draft.unwrap_or_default();
    let rules = default_rules(&bureau, &structure);
    let settings = SolveSettings {
        aggregate,
        ..SolveSettings::default()
    };
    let mut build = Vec::new();
    let mut solve_s = Vec::new();
    let mut last = None;
    for _ in 0..runs {
        let out = solve(&SolveRequest {
            bureau: &bureau,
            structure: &structure,
            rules: &rules,
            draft: &draft,
            mode: Mode::Plan,
            settings: &settings,
        });
        match out {
            Ok(o) => {
                build.push(o.build_seconds);
                solve_s.push(o.solve_seconds);
                last = Some(o);
            }
            Err(e) => {
                println!("{name:<10} error: {e}");
                return;
            }
        }
    }
    if let Some(o) = last {
        println!(
            "{name:<14} {:>6} {:>5} {:>10.3} {:>10.3} {:>9} {:>7} {:>16} {:>10}",
            bureau.people.len(),
            runs,
            median(build),
            median(solve_s),
            o.variables,
            o.rows,
            format!("{:?}", o.status),
            o.objective.map_or("-".into(), |x| format!("{x:.3}"))
        );
    }
}

/// A solve that ends infeasible, diagnosis included (what the planner waits for).
fn bench_diagnosis(name: &str, file: &BureauFile, runs: usize) {
    let (bureau, structure, draft) = file.clone().into_parts();
    let draft = draft.unwrap_or_default();
    let rules = default_rules(&bureau, &structure);
    let settings = SolveSettings::default();
    let mut whole = Vec::new();
    let mut last = None;
    for _ in 0..runs {
        let t = Instant::now();
        let out = solve(&SolveRequest {
            bureau: &bureau,
            structure: &structure,
            rules: &rules,
            draft: &draft,
            mode: Mode::Repair,
            settings: &settings,
        });
        whole.push(t.elapsed().as_secs_f64());
        match out {
            Ok(o) => last = Some(o),
            Err(e) => {
                println!("{name:<10} error: {e}");
                return;
            }
        }
    }
    if let Some(o) = last {
        println!(
            "{name:<14} {:>6} {:>5} solve + diagnosis median {:.3} s, {:?}, {} finding(s)",
            bureau.people.len(),
            runs,
            median(whole),
            o.status,
            o.diagnosis.len()
        );
        for d in &o.diagnosis {
            println!("  {}", d.message_en);
        }
    }
}

fn main() {
    println!("Bureau Planner benchmarks (dev profile; HiGHS is built optimised). Medians.");
    println!(
        "{:<14} {:>6} {:>5} {:>10} {:>10} {:>9} {:>7} {:>16} {:>10}",
        "bureau", "people", "runs", "build s", "solve s", "vars", "rows", "status", "objective"
    );
    // `bureau-bench diagnosis` runs only the infeasible-city diagnosis.
    let only_diagnosis = std::env::args().nth(1).as_deref() == Some("diagnosis");
    if !only_diagnosis {
        let county = bureau_samples::county();
        bench_solve("county", &county, 5, true);
        bench_solve("county/person", &county, 3, false);
        bench_solve("city", &bureau_samples::city(), 5, true);
        bench_solve(
            "large-10k",
            &bureau_samples::large(10_000, 15_000, 7),
            3,
            true,
        );
    }
    bench_diagnosis(
        "city-infeasible",
        &bureau_samples::with_non_station_officers_pinned(bureau_samples::city()),
        3,
    );
    if only_diagnosis {
        return;
    }

    let city = bureau_samples::city();
    let (bureau, structure, draft) = city.into_parts();
    let assignment = draft.unwrap_or_default().assignment;
    let times: Vec<f64> = (0..100)
        .map(|_| {
            let t = Instant::now();
            let m = compute_metrics(&bureau, &structure, &assignment);
            std::hint::black_box(m);
            t.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    println!(
        "compute_metrics on city ({} people): median {:.2} ms over 100 runs",
        bureau.people.len(),
        median(times)
    );
    // What the board recomputes after a move: every rule evaluated (checker + metrics).
    let rules = default_rules(&bureau, &structure);
    let draft = bureau_core::Draft {
        assignment: assignment.clone(),
        pins: Vec::new(),
    };
    let times: Vec<f64> = (0..20)
        .map(|_| {
            let t = Instant::now();
            let r = evaluate(&bureau, &structure, &rules, &assignment, &draft);
            std::hint::black_box(r);
            t.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    println!(
        "rule_results on city ({} rules): median {:.2} ms over 20 runs",
        rules.len(),
        median(times)
    );
    println!("peak memory (VmHWM): {:.0} MiB", peak_memory_mib());
}
