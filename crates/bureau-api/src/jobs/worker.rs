//! The worker side of a background job: reads one work order (one JSON line) on stdin, does the
//! work with the core, and writes JSON lines on stdout — progress, then the result or the
//! failure. Stdin stays open while it works: its end means the parent is gone, and so is the
//! worker at once.
//! Hosts run it as a child process of their own binary (`planner worker`, the desktop app's
//! `--worker`), so that cancelling is a kill and a solver crash cannot take the host down.

use std::io::{BufRead, Read, Write};
use ts_rs::TS;

use bureau_core::optimiser::{solve, tradeoff, Mode, SolveRequest, SolveSettings};
use bureau_core::BureauFile;
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// Everything a job needs, self-contained: the worker opens no workspace.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct WorkOrder {
    /// Bureau, the scenario's structure and draft, and the rules to plan against.
    pub file: BureauFile,
    pub mode: Mode,
    pub settings: SolveSettings,
    /// A trade-off sweep instead of one solve.
    #[serde(default)]
    pub sweep: Option<Sweep>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Sweep {
    pub rule_id: String,
    pub values: Vec<f64>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
pub struct Progress {
    pub done: usize,
    pub total: usize,
    /// `starting`, `solving`, `sweeping`, `finished`.
    pub phase: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum WorkerMessage {
    Progress { progress: Progress },
    Done { result: Value },
    Failed { message: String },
}

/// Does the work in this process; `report` hears progress.
pub fn execute(order: &WorkOrder, report: &mut dyn FnMut(Progress)) -> Result<Value, String> {
    let (bureau, structure, draft) = order.file.clone().into_parts();
    let draft = draft.unwrap_or_default();
    let rules = order.file.rules.clone().unwrap_or_default();
    let req = SolveRequest {
        bureau: &bureau,
        structure: &structure,
        rules: &rules,
        draft: &draft,
        mode: order.mode,
        settings: &order.settings,
    };
    let value = match &order.sweep {
        None => {
            report(Progress {
                done: 0,
                total: 1,
                phase: "solving".into(),
            });
            serde_json::to_value(solve(&req).map_err(|e| e.to_string())?)
        }
        Some(sweep) => {
            report(Progress {
                done: 0,
                total: sweep.values.len(),
                phase: "sweeping".into(),
            });
            let result = tradeoff(&req, &sweep.rule_id, &sweep.values, |done, total| {
                report(Progress {
                    done,
                    total,
                    phase: "sweeping".into(),
                })
            })
            .map_err(|e| e.to_string())?;
            serde_json::to_value(result)
        }
    };
    value.map_err(|e| format!("result: {e}"))
}

/// Ends this process as soon as stdin reaches its end. The parent holds the pipe's write end
/// until the job is over, and the kernel closes it when the parent dies — even by SIGKILL — so
/// an orphaned worker stops solving at once (portable, and without `unsafe` for a
/// parent-death signal).
fn watch_parent() {
    std::thread::spawn(|| {
        let mut stdin = std::io::stdin().lock();
        let mut buf = [0u8; 64];
        loop {
            match stdin.read(&mut buf) {
                Ok(0) | Err(_) => {
                    eprintln!("planner worker: the parent process is gone; stopping");
                    std::process::exit(3);
                }
                // The parent sends nothing after the order; stray bytes change nothing.
                Ok(_) => {}
            }
        }
    });
}

/// The worker's `main`: one line of stdin (the order) → work → stdout, while the rest of stdin
/// is watched for the parent's end. Returns the process exit code.
pub fn run_worker() -> i32 {
    let mut input = String::new();
    let mut stdout = std::io::stdout().lock();
    let mut send = |msg: &WorkerMessage| {
        // The parent reads line by line; a closed pipe means it is gone and so should we be.
        let line = serde_json::to_string(msg).unwrap_or_default();
        if writeln!(stdout, "{line}")
            .and_then(|()| stdout.flush())
            .is_err()
        {
            std::process::exit(1);
        }
    };
    let mut stdin = std::io::stdin().lock();
    if let Err(e) = stdin.read_line(&mut input) {
        send(&WorkerMessage::Failed {
            message: format!("reading the work order: {e}"),
        });
        return 1;
    }
    drop(stdin);
    watch_parent();
    let order: WorkOrder = match serde_json::from_str(&input) {
        Ok(o) => o,
        Err(e) => {
            send(&WorkerMessage::Failed {
                message: format!("work order: {e}"),
            });
            return 1;
        }
    };
    let result = execute(&order, &mut |progress| {
        send(&WorkerMessage::Progress { progress })
    });
    match result {
        Ok(result) => {
            send(&WorkerMessage::Done { result });
            0
        }
        Err(message) => {
            send(&WorkerMessage::Failed { message });
            1
        }
    }
}

/// Parses one line the worker wrote.
pub fn parse_message(line: &str) -> Option<WorkerMessage> {
    serde_json::from_str(line).ok()
}

/// Reads worker messages from `reader` until it closes, handing each to `on_message`.
pub fn read_messages(reader: impl Read, mut on_message: impl FnMut(WorkerMessage)) {
    for line in std::io::BufReader::new(reader).lines() {
        match line {
            Ok(line) => {
                if let Some(msg) = parse_message(&line) {
                    on_message(msg);
                }
            }
            Err(_) => break,
        }
    }
}
