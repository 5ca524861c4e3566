//! The startup probe of `make bench-desktop`: with `BUREAU_PLANNER_STARTUP_PROBE=1` the window
//! gets a flag the UI reads; the UI reports `frame` (mounted, first frame painted) and `ready`
//! (the first screen shows its data and the next frame is painted) through `startup_probe`, and
//! the shell prints the time since the process started and exits after `ready`. Without the
//! variable the command does nothing and the UI never calls it.

use std::sync::OnceLock;
use std::time::Instant;

pub const ENV: &str = "BUREAU_PLANNER_STARTUP_PROBE";
/// Run in the page before any of its scripts; the UI's `backend/probe.ts` looks for it.
pub const INIT_SCRIPT: &str = "window.__BUREAU_PLANNER_STARTUP_PROBE__ = true;";

static STARTED: OnceLock<Instant> = OnceLock::new();

/// Notes the process start (the first thing `main` does).
pub fn mark_start() {
    STARTED.get_or_init(Instant::now);
}

pub fn enabled() -> bool {
    std::env::var_os(ENV).is_some_and(|v| v == "1")
}

/// The UI reached `stage`: prints `startup <stage> <ms>` and, after `ready` (or `timeout`: the
/// first screen never showed its data), exits.
pub fn report<R: tauri::Runtime>(app: &tauri::AppHandle<R>, stage: &str) {
    if !enabled() {
        return;
    }
    let ms = STARTED
        .get()
        .map_or(0.0, |t| t.elapsed().as_secs_f64() * 1000.0);
    let stage: String = stage
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .take(16)
        .collect();
    println!("startup {stage} {ms:.0}");
    if stage == "ready" || stage == "timeout" {
        app.exit(0);
    }
}
