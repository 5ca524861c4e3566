//! `make bench`: solves the sample bureaus several times and prints medians (build time, solve
//! time, model size, status, objective), the median time of `compute_metrics` on the city
//! sample, of exporting the solved city plan (report, DOCX, XLSX with everyone in its
//! 全员转隶名单), and the peak memory of the process. Figures, never assertions.
//!
//! Bureaus: the county and city samples and a generated 10,000-officer / 15,000-auxiliary one;
//! the county also per person (no aggregation) to show what aggregation buys, and the county
//! and city without the rule `station_workload` (`/no-wl`) to show what that rule costs, and
//! the city without `squad_workload` (`/no-sq`) for the traffic squads' rule; the
//! city with every non-station officer pinned, solved and diagnosed as infeasible.
//! `bureau-bench export` runs the export benchmarks alone, `bureau-bench solve` the county and
//! city solves alone, `bureau-bench diagnosis` the infeasible city alone.

use std::time::Instant;

use bureau_core::optimiser::{solve, Mode, SolveRequest, SolveSettings};
use bureau_core::rule_results::evaluate;
use bureau_core::rules::default_rules;
use bureau_core::{compute_metrics, BureauFile, Draft, Scenario};
use bureau_io::export::{
    build_report, plan_workbook, render_plan, write_document, write_xlsx, DocDate, DocumentKind,
    DocumentSettings, Format, ScenarioInput,
};

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

/// Solves `file` `runs` times with its default rules; `without` drops the rules of that id (to
/// show what one rule costs).
fn bench_solve(name: &str, file: &BureauFile, runs: usize, aggregate: bool, without: Option<&str>) {
    let (bureau, structure, draft) = file.clone().into_parts();
    let draft = draft.unwrap_or_default();
    let mut rules = default_rules(&bureau, &structure);
    rules.retain(|r| Some(r.id.as_str()) != without);
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

/// The city plan as the solver proposes it, exported as the app does: the report, then each
/// format from it. Medians of `runs`.
fn bench_export(runs: usize) {
    let (bureau, structure, draft) = bureau_samples::city().into_parts();
    let rules = default_rules(&bureau, &structure);
    let draft = draft.unwrap_or_default();
    let solved = solve(&SolveRequest {
        bureau: &bureau,
        structure: &structure,
        rules: &rules,
        draft: &draft,
        mode: Mode::Plan,
        settings: &SolveSettings::default(),
    });
    let assignment = match solved {
        Ok(o) => o.assignment,
        Err(e) => {
            println!("export: the city does not solve: {e}");
            return;
        }
    };
    let scenario = Scenario {
        id: 1,
        name: "bench".into(),
        structure,
        draft: Draft {
            assignment,
            pins: Vec::new(),
            exclusions: Vec::new(),
            community: Default::default(),
        },
        notes: String::new(),
        created_at: String::new(),
        updated_at: String::new(),
    };
    let main = ScenarioInput {
        scenario: &scenario,
        rules: &rules,
    };
    let time_ms = |f: &dyn Fn() -> usize| -> (f64, usize) {
        let mut size = 0;
        let times = (0..runs)
            .map(|_| {
                let t = Instant::now();
                size = std::hint::black_box(f());
                t.elapsed().as_secs_f64() * 1000.0
            })
            .collect();
        (median(times), size)
    };
    let report = || build_report(&bureau, main, &[], "2026年11月23日");
    let (report_ms, _) = time_ms(&|| report().tables().len());
    println!(
        "export of the solved city plan ({} people), median of {runs} runs:",
        bureau.people.len()
    );
    println!("  report (tables and metrics)  {report_ms:>9.1} ms");
    // Where the XLSX's time goes: building the sheets, then writing them.
    let r = report();
    let (book_ms, _) = time_ms(&|| plan_workbook(&bureau, &scenario, &r).sheets.len());
    let book = plan_workbook(&bureau, &scenario, &r);
    let (write_ms, _) = time_ms(&|| write_xlsx(&book).map_or(0, |b| b.len()));
    println!("  workbook sheets built        {book_ms:>9.1} ms");
    println!("  workbook written as XLSX     {write_ms:>9.1} ms");
    // The paper: the plan alone, and the request with the plan attached.
    for (label, kind) in [
        ("docx plan", DocumentKind::Plan),
        ("docx request", DocumentKind::RequestWithPlan),
    ] {
        let mut settings = DocumentSettings::defaults_for(
            &bureau,
            DocDate {
                year: 2026,
                month: 11,
                day: 23,
            },
        );
        settings.kind = kind;
        let (ms, size) =
            time_ms(&|| write_document(&bureau, main, &[], &settings).map_or(0, |b| b.len()));
        println!(
            "  {label:<13} written        {ms:>9.1} ms  {:>7} KiB",
            size / 1024
        );
    }
    for format in [Format::Xlsx, Format::Csv] {
        let (ms, size) = time_ms(&|| {
            let r = report();
            render_plan(&bureau, &scenario, &r, format).map_or(0, |b| b.len())
        });
        println!(
            "  {:<5} report + render       {ms:>9.1} ms  {:>7} KiB",
            format.extension(),
            size / 1024
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
    if std::env::args().nth(1).as_deref() == Some("export") {
        bench_export(5);
        println!("peak memory (VmHWM): {:.0} MiB", peak_memory_mib());
        return;
    }
    // The county and city solves alone, with and without the workload rule.
    let samples_only = std::env::args().nth(1).as_deref() == Some("solve");
    println!("Bureau Planner benchmarks (dev profile; HiGHS is built optimised). Medians.");
    println!(
        "{:<14} {:>6} {:>5} {:>10} {:>10} {:>9} {:>7} {:>16} {:>10}",
        "bureau", "people", "runs", "build s", "solve s", "vars", "rows", "status", "objective"
    );
    // `bureau-bench diagnosis` runs only the infeasible-city diagnosis.
    let only_diagnosis = std::env::args().nth(1).as_deref() == Some("diagnosis");
    let city = bureau_samples::city();
    if !only_diagnosis {
        let county = bureau_samples::county();
        bench_solve("county", &county, 5, true, None);
        bench_solve("county/no-wl", &county, 5, true, Some("station_workload"));
        bench_solve("county/person", &county, 3, false, None);
        bench_solve("city", &city, 5, true, None);
        bench_solve("city/no-wl", &city, 5, true, Some("station_workload"));
        bench_solve("city/no-sq", &city, 5, true, Some("squad_workload"));
        if samples_only {
            return;
        }
        bench_solve(
            "large-10k",
            &bureau_samples::large(10_000, 15_000, 7),
            3,
            true,
            None,
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

    let (bureau, structure, draft) = city.into_parts();
    let draft = draft.unwrap_or_default();
    let assignment = draft.assignment.clone();
    let times: Vec<f64> = (0..100)
        .map(|_| {
            let t = Instant::now();
            let m = compute_metrics(&bureau, &structure, &assignment, &draft.community);
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
        exclusions: Vec::new(),
        community: Default::default(),
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
    bench_export(5);
    println!("peak memory (VmHWM): {:.0} MiB", peak_memory_mib());
}
