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

/// Whether a process still runs (an exited one waiting to be reaped counts as gone).
fn running(pid: u32) -> bool {
    std::fs::read_to_string(format!("/proc/{pid}/stat")).is_ok_and(|stat| {
        stat.rsplit_once(") ")
            .is_some_and(|(_, rest)| !rest.starts_with('Z') && !rest.starts_with('X'))
    })
}

#[test]
fn the_worker_dies_with_the_server() {
    let (_dir, db) = init_workspace("county.json");
    let mut server = serve(&db);
    // The long sweep again: it would run for many seconds more if nothing stopped it.
    let job = call(
        &server,
        "tradeoff_start",
        json!({"rule_id": "station_share", "from": 0.20, "to": 0.40, "step": 0.005}),
    );
    assert!(job["job_id"].is_u64(), "{job}");
    let started = Instant::now();
    let workers = loop {
        let found = children(server.child.id());
        if !found.is_empty() {
            break found;
        }
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "no worker started"
        );
        std::thread::sleep(Duration::from_millis(10));
    };
    std::thread::sleep(Duration::from_millis(500));
    let status = call(&server, "job_status", json!({"job_id": job["job_id"]}));
    assert_eq!(status["state"], "running", "{status}");
    assert!(workers.iter().all(|w| running(*w)));

    // SIGKILL: the server gets no chance to clean up.
    server.child.kill().expect("kill");
    server.child.wait().expect("reaped");
    let killed_at = Instant::now();
    while workers.iter().any(|w| running(*w)) {
        assert!(
            killed_at.elapsed() < Duration::from_secs(5),
            "the worker still runs {:?} after its server was killed",
            killed_at.elapsed()
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// The mechanism on its own: a worker in the middle of a long sweep, whose parent's end of
/// stdin closes (as the kernel closes it when the parent dies), exits at once — even though its
/// stdout is still open, so no failed write would have stopped it.
#[test]
fn a_worker_whose_stdin_closes_stops_at_once() {
    use bureau_api::jobs::worker::{Sweep, WorkOrder};
    use std::io::{Read, Write};

    let text = std::fs::read_to_string(support::fixture("county.json")).expect("county");
    let mut file = bureau_core::BureauFile::parse(&text).expect("valid");
    let (bureau, structure, _) = file.clone().into_parts();
    file.rules = Some(bureau_core::rules::default_rules(&bureau, &structure));
    let order = WorkOrder {
        file,
        mode: bureau_core::optimiser::Mode::Plan,
        settings: bureau_core::optimiser::SolveSettings::default(),
        // 41 county solves: many seconds of work.
        sweep: Some(Sweep {
            rule_id: "station_share".into(),
            values: (0..=40).map(|i| 0.20 + 0.005 * f64::from(i)).collect(),
        }),
    };
    let mut worker = std::process::Command::new(env!("CARGO_BIN_EXE_planner"))
        .arg("worker")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("worker starts");
    let mut stdout = worker.stdout.take().expect("stdout");
    let reader = std::thread::spawn(move || {
        let mut text = String::new();
        let _ = stdout.read_to_string(&mut text);
        text
    });
    let mut stdin = worker.stdin.take().expect("stdin");
    let mut line = serde_json::to_vec(&order).expect("json");
    line.push(b'\n');
    stdin.write_all(&line).expect("order sent");
    std::thread::sleep(Duration::from_millis(1500));
    assert!(
        worker.try_wait().expect("status").is_none(),
        "still working"
    );
    drop(stdin);
    let closed_at = Instant::now();
    while worker.try_wait().expect("status").is_none() {
        if closed_at.elapsed() > Duration::from_secs(5) {
            let _ = worker.kill();
            panic!("the worker kept working after its stdin closed");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let output = reader.join().expect("reader");
    assert!(output.contains("\"sweeping\""), "it had started: {output}");
    assert!(
        !output.contains("\"type\":\"done\""),
        "it did not finish: {output}"
    );
}
