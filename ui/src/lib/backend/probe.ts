// The startup probe of `make bench-desktop`: only when the desktop shell was started with
// BUREAU_PLANNER_STARTUP_PROBE=1 (it then sets the flag below before the page runs). Reports
// `frame` once the app is mounted and a frame is painted, and `ready` once the first screen
// shows its data (the overview's KPI bar) and the next frame is painted; the shell prints the
// times and exits. Otherwise it does nothing.
import { invoke } from '@tauri-apps/api/core';

const READY_SELECTOR = '[data-testid="kpi-officers"]';
const GIVE_UP_MS = 30_000;

function nextFrame(): Promise<void> {
  return new Promise((resolve) => requestAnimationFrame(() => resolve()));
}

/** Two frames: the one being prepared and the one after it, so the first is on screen. */
async function painted(): Promise<void> {
  await nextFrame();
  await nextFrame();
}

export async function startupProbe(): Promise<void> {
  const w = window as unknown as { __BUREAU_PLANNER_STARTUP_PROBE__?: boolean };
  if (!w.__BUREAU_PLANNER_STARTUP_PROBE__) return;
  await painted();
  await invoke('startup_probe', { stage: 'frame' });
  const start = performance.now();
  while (!document.querySelector(READY_SELECTOR)?.textContent?.trim()) {
    if (performance.now() - start > GIVE_UP_MS) {
      await invoke('startup_probe', { stage: 'timeout' });
      return;
    }
    await nextFrame();
  }
  await painted();
  await invoke('startup_probe', { stage: 'ready' });
}
