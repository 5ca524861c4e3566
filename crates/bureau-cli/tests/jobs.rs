//! Background jobs as the real hosts run them: `planner serve` starts each job in a child
//! process (`planner worker`); polling reports progress, and cancelling kills the child at once.

mod support;

use std::time::{Duration, Instant};

use serde_json::{json, Value};
use support::{call, init_workspace, serve, Server};

/// The server's child processes (its running workers).
fn children(pid: u32) -> Vec<u32> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir("/proc").into_iter().flatten().flatten() {
        let Ok(stat) = std::fs::read_to_string(entry.path().join("stat")) else {
            continue;
        };
        // Fields after the parenthesised command: state, ppid, …
        let Some((_, rest)) = stat.rsplit_once(") ") else {
            continue;
        };
        let ppid = rest.split(' ').nth(1).and_then(|p| p.parse::<u32>().ok());
        if ppid == Some(pid) && !rest.starts_with('Z') {
            if let Some(child) = entry.file_name().to_str().and_then(|n| n.parse().ok()) {
                out.push(child);
            }
        }
    }
    out
}

fn wait_until_done(server: &Server, job: &Value) -> Value {
    let started = Instant::now();
    loop {
        let status = call(server, "job_status", json!({"job_id": job["job_id"]}));
        if status["state"] != "running" {
            return status;
        }
        assert!(started.elapsed() < Duration::from_secs(120), "job hangs");
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn a_solve_job_runs_in_a_worker_process_and_returns_the_plan() {
    let (_dir, db) = init_workspace("county.json");
    let server = serve(&db);
    let job = call(&server, "solve_start", json!({}));
    assert!(job["job_id"].is_u64(), "{job}");
    // The worker is a child process of the server while it runs.
    let mut seen_worker = false;
    let started = Instant::now();
    let status = loop {
        seen_worker |= !children(server.child.id()).is_empty();
        let status = call(&server, "job_status", json!({"job_id": job["job_id"]}));
        if status["state"] != "running" {
            break status;
        }
        assert!(started.elapsed() < Duration::from_secs(120), "job hangs");
        std::thread::sleep(Duration::from_millis(10));
    };
    assert_eq!(status["state"], "done", "{status}");
    assert!(seen_worker, "no worker process was seen");
    assert_eq!(status["result"]["status"], "optimal");
    // The same plan as the in-process solve.
    let direct = call(&server, "solve", json!({}));
    assert_eq!(status["result"]["objective"], direct["objective"]);
    assert_eq!(status["result"]["moves"], direct["moves"]);
    // The rules panel agrees: before accepting, the draft still misses the station share.
    let results = call(&server, "rule_results", json!({}));
    let station = results
        .as_array()
        .expect("array")
        .iter()
        .find(|r| r["rule_id"] == "station_share")
        .cloned()
        .expect("station share");
    assert_eq!(station["passed"], false);
}

#[test]
fn cancelling_kills_the_worker_within_a_second() {
    let (_dir, db) = init_workspace("county.json");
    let server = serve(&db);
    // A long sweep: 41 county solves take many seconds.
    let job = call(
        &server,
        "tradeoff_start",
        json!({"rule_id": "station_share", "from": 0.20, "to": 0.40, "step": 0.005}),
    );
    assert!(job["job_id"].is_u64(), "{job}");
    let started = Instant::now();
    while children(server.child.id()).is_empty() {
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "no worker started"
        );
        std::thread::sleep(Duration::from_millis(10));
    }
    std::thread::sleep(Duration::from_millis(500));
    let running = call(&server, "job_status", json!({"job_id": job["job_id"]}));
    assert_eq!(running["state"], "running", "{running}");
    let cancelled_at = Instant::now();
    let status = call(&server, "job_cancel", json!({"job_id": job["job_id"]}));
    assert_eq!(status["state"], "cancelled");
    while !children(server.child.id()).is_empty() {
        assert!(
            cancelled_at.elapsed() < Duration::from_secs(1),
            "the worker still runs {:?} after cancel",
            cancelled_at.elapsed()
        );
        std::thread::sleep(Duration::from_millis(10));
    }
    // The server is still fine and the job stays cancelled.
    std::thread::sleep(Duration::from_millis(100));
    let status = call(&server, "job_status", json!({"job_id": job["job_id"]}));
    assert_eq!(status["state"], "cancelled");
    assert!(status["result"].is_null());
    let again = call(&server, "solve_start", json!({"time_limit_seconds": 30}));
    assert_eq!(wait_until_done(&server, &again)["state"], "done");
}
