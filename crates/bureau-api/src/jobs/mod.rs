//! Background jobs: long work (a solve, a trade-off sweep) runs off the caller's thread so that
//! no host ever blocks; callers poll `status` and may `cancel`.
//!
//! Real hosts run each job in a child process of their own binary (see `worker`): cancelling
//! kills it, which stops the CPU work at once, and a solver crash only fails the job. Without
//! a configured worker binary (unit tests), jobs run on a thread and a cancelled job's result is
//! discarded when it arrives.

pub mod worker;

use std::collections::BTreeMap;
use std::ffi::OsString;
use std::io::{Read, Write};
use std::path::PathBuf;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Instant;
use ts_rs::TS;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::{ApiError, ErrorCode};
use worker::{Progress, WorkOrder, WorkerMessage};

/// Finished jobs kept for polling; the oldest are forgotten first.
const KEEP_FINISHED: usize = 32;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum JobKind {
    Solve,
    Tradeoff,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum JobState {
    Running,
    Done,
    Failed,
    Cancelled,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct JobStatus {
    pub job_id: u64,
    pub kind: JobKind,
    pub state: JobState,
    pub elapsed_seconds: f64,
    pub progress: Progress,
    /// The job's answer: a `SolveOutcome` or a `Tradeoff`, by `kind`.
    #[ts(type = "unknown")]
    pub result: Option<Value>,
    pub error: Option<ApiError>,
}

/// How jobs are run: a child process of `program args…` reading the order on stdin, or a thread.
#[derive(Debug, Clone)]
pub enum Launcher {
    Process {
        program: PathBuf,
        args: Vec<OsString>,
    },
    Thread,
}

#[derive(Debug)]
struct Job {
    kind: JobKind,
    state: JobState,
    started: Instant,
    ended: Option<Instant>,
    progress: Progress,
    result: Option<Value>,
    error: Option<ApiError>,
    child: Option<Arc<Mutex<Child>>>,
}

type Table = Arc<Mutex<BTreeMap<u64, Job>>>;

#[derive(Debug)]
pub struct Jobs {
    launcher: Mutex<Launcher>,
    table: Table,
    next_id: Mutex<u64>,
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    // Job bookkeeping stays consistent field by field, so a poisoned lock is safe to take over.
    m.lock().unwrap_or_else(|p| p.into_inner())
}

impl Default for Jobs {
    fn default() -> Self {
        Jobs {
            launcher: Mutex::new(Launcher::Thread),
            table: Arc::default(),
            next_id: Mutex::new(1),
        }
    }
}

impl Jobs {
    pub fn set_launcher(&self, launcher: Launcher) {
        *lock(&self.launcher) = launcher;
    }

    pub fn start(&self, kind: JobKind, order: WorkOrder) -> Result<u64, ApiError> {
        let id = {
            let mut next = lock(&self.next_id);
            let id = *next;
            *next += 1;
            id
        };
        let launcher = lock(&self.launcher).clone();
        let mut job = Job {
            kind,
            state: JobState::Running,
            started: Instant::now(),
            ended: None,
            progress: Progress {
                done: 0,
                total: 1,
                phase: "starting".into(),
            },
            result: None,
            error: None,
            child: None,
        };
        match launcher {
            Launcher::Process { program, args } => {
                let Spawned {
                    child,
                    stdin_holder,
                } = spawn_worker(&program, &args, &order)?;
                let child = Arc::new(Mutex::new(child));
                job.child = Some(Arc::clone(&child));
                self.insert(id, job);
                let table = Arc::clone(&self.table);
                std::thread::spawn(move || {
                    follow_process(&table, id, &child);
                    // The worker has ended: only now let go of its stdin.
                    drop(stdin_holder.join());
                });
            }
            Launcher::Thread => {
                self.insert(id, job);
                let table = Arc::clone(&self.table);
                std::thread::spawn(move || {
                    let result = worker::execute(&order, &mut |p| {
                        update(&table, id, WorkerMessage::Progress { progress: p })
                    });
                    let msg = match result {
                        Ok(result) => WorkerMessage::Done { result },
                        Err(message) => WorkerMessage::Failed { message },
                    };
                    update(&table, id, msg);
                });
            }
        }
        Ok(id)
    }

    fn insert(&self, id: u64, job: Job) {
        let mut table = lock(&self.table);
        table.insert(id, job);
        let finished: Vec<u64> = table
            .iter()
            .filter(|(_, j)| j.state != JobState::Running)
            .map(|(&id, _)| id)
            .collect();
        for old in finished
            .iter()
            .take(finished.len().saturating_sub(KEEP_FINISHED))
        {
            table.remove(old);
        }
    }

    pub fn status(&self, id: u64) -> Result<JobStatus, ApiError> {
        let table = lock(&self.table);
        let job = table
            .get(&id)
            .ok_or_else(|| ApiError::new(ErrorCode::NotFound, format!("job {id}")))?;
        Ok(JobStatus {
            job_id: id,
            kind: job.kind,
            state: job.state,
            elapsed_seconds: job
                .ended
                .unwrap_or_else(Instant::now)
                .duration_since(job.started)
                .as_secs_f64(),
            progress: job.progress.clone(),
            result: job.result.clone(),
            error: job.error.clone(),
        })
    }

    /// Cancels every running job and forgets all results (the workspace is being locked: no
    /// plan with names may outlive it in memory).
    pub fn forget_all(&self) {
        let jobs = std::mem::take(&mut *lock(&self.table));
        for job in jobs.into_values() {
            if let Some(child) = job.child {
                let _ = lock(&child).kill();
            }
        }
    }

    /// Stops a running job (killing its process); a finished job is left as it is.
    pub fn cancel(&self, id: u64) -> Result<JobStatus, ApiError> {
        let child = {
            let mut table = lock(&self.table);
            let job = table
                .get_mut(&id)
                .ok_or_else(|| ApiError::new(ErrorCode::NotFound, format!("job {id}")))?;
            if job.state == JobState::Running {
                job.state = JobState::Cancelled;
                job.ended = Some(Instant::now());
            }
            job.child.clone()
        };
        if let Some(child) = child {
            // Already gone when it finished on its own: nothing to do.
            let _ = lock(&child).kill();
        }
        self.status(id)
    }
}

/// A running worker and the write end of its stdin, held for the worker's whole life: when
/// this process dies, for whatever reason, the kernel closes it and the worker sees end of
/// input and exits (see `worker::watch_parent`).
struct Spawned {
    child: Child,
    stdin_holder: std::thread::JoinHandle<Option<ChildStdin>>,
}

fn spawn_worker(
    program: &PathBuf,
    args: &[OsString],
    order: &WorkOrder,
) -> Result<Spawned, ApiError> {
    let mut body = serde_json::to_vec(order)
        .map_err(|e| ApiError::new(ErrorCode::Internal, format!("work order: {e}")))?;
    // One line: the worker reads up to the newline, then watches the rest of stdin.
    body.push(b'\n');
    let mut child = Command::new(program)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| {
            ApiError::new(
                ErrorCode::Internal,
                format!("cannot start the solver process {}: {e}", program.display()),
            )
        })?;
    let stdin = child.stdin.take();
    // Written on its own thread: the order may exceed the pipe's buffer, and the worker reads
    // all of it before writing anything, so this cannot deadlock.
    let stdin_holder = std::thread::spawn(move || {
        let mut stdin = stdin?;
        stdin.write_all(&body).ok()?;
        Some(stdin)
    });
    Ok(Spawned {
        child,
        stdin_holder,
    })
}

/// Follows a worker process until it ends, recording its messages.
fn follow_process(table: &Table, id: u64, child: &Arc<Mutex<Child>>) {
    let (stdout, stderr) = {
        let mut c = lock(child);
        (c.stdout.take(), c.stderr.take())
    };
    let stderr_text = std::thread::spawn(move || {
        let mut text = String::new();
        if let Some(mut e) = stderr {
            let _ = e.read_to_string(&mut text);
        }
        text
    });
    if let Some(out) = stdout {
        worker::read_messages(out, |msg| update(table, id, msg));
    }
    let status = lock(child).wait();
    let stderr_text = stderr_text.join().unwrap_or_default();
    let mut t = lock(table);
    if let Some(job) = t.get_mut(&id) {
        job.child = None;
        if job.state == JobState::Running {
            job.state = JobState::Failed;
            job.ended = Some(Instant::now());
            let last = stderr_text.lines().last().unwrap_or("").to_owned();
            job.error = Some(ApiError::new(
                ErrorCode::Internal,
                format!(
                    "the solver process ended unexpectedly ({}) {last}",
                    status.map_or_else(|e| e.to_string(), |s| s.to_string())
                ),
            ));
        }
    }
}

fn update(table: &Table, id: u64, msg: WorkerMessage) {
    let mut t = lock(table);
    let Some(job) = t.get_mut(&id) else { return };
    if job.state != JobState::Running {
        return; // cancelled: late news is dropped
    }
    match msg {
        WorkerMessage::Progress { progress } => job.progress = progress,
        WorkerMessage::Done { result } => {
            job.state = JobState::Done;
            job.ended = Some(Instant::now());
            job.progress.done = job.progress.total;
            job.progress.phase = "finished".into();
            job.result = Some(result);
        }
        WorkerMessage::Failed { message } => {
            job.state = JobState::Failed;
            job.ended = Some(Instant::now());
            job.error = Some(ApiError::new(ErrorCode::Internal, message));
        }
    }
}
