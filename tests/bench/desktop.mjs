// `make bench-desktop`: the RELEASE desktop binary's cold start and memory, under Xvfb.
//
// Start: the binary runs N times (default 9) with BUREAU_PLANNER_STARTUP_PROBE=1 on the county
// sample; the UI reports `frame` (mounted, first frame painted) and `ready` (the overview shows
// its KPIs and the next frame is painted), the shell prints its own times and exits. The figure
// is the wall time from spawn to the `ready` line; the median is reported. Every run gets fresh
// XDG data/cache folders (no WebKit cache from an earlier run).
//
// Memory: the city sample (≈6,000 people) opened on the board through tauri-driver; RSS and PSS
// of the app process and of every process under it (WebKitWebProcess, WebKitNetworkProcess).
//
// Usage: node bench/desktop.mjs --bin target/release/bureau-planner [--runs 9] [--json out.json]
import { spawn, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { initWorkspace } from '../e2e/support/planner.mjs';
import { startDesktopDriver, newSession } from '../e2e/support/desktop.mjs';
import { plannerBin, tempDir } from '../e2e/support/paths.mjs';

const argv = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : dflt;
};
const bin = path.resolve(opt('bin', 'target/release/bureau-planner'));
const runs = Number(opt('runs', '9'));
const jsonOut = opt('json', null);
const skipStart = argv.includes('--memory-only');
/** Every start in new XDG folders (no WebKit or Mesa cache at all), instead of one shared home. */
const freshHome = argv.includes('--fresh-home');
/** Extra environment for the app, e.g. --env WEBKIT_DISABLE_COMPOSITING_MODE=1 (repeatable). */
const extraEnv = Object.fromEntries(
  argv.flatMap((a, i) => (a === '--env' ? [argv[i + 1].split(/=(.*)/s).slice(0, 2)] : [])),
);
if (!fs.existsSync(bin)) {
  console.error(`${bin} is missing: run \`make dist\` first`);
  process.exit(2);
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

function freeDisplay() {
  for (let n = 90; n < 200; n++) {
    if (!fs.existsSync(`/tmp/.X${n}-lock`) && !fs.existsSync(`/tmp/.X11-unix/X${n}`)) return n;
  }
  throw new Error('no free X display');
}

async function withXvfb(work) {
  const n = freeDisplay();
  const xvfb = spawn('Xvfb', [`:${n}`, '-screen', '0', '1280x800x24', '-nolisten', 'tcp'], { stdio: 'ignore' });
  const end = Date.now() + 10000;
  while (!fs.existsSync(`/tmp/.X11-unix/X${n}`)) {
    if (Date.now() > end) throw new Error('Xvfb did not start');
    await new Promise((r) => setTimeout(r, 50));
  }
  try {
    return await work(`:${n}`);
  } finally {
    xvfb.kill('SIGTERM');
  }
}

/** One start: spawn → `startup ready` line. Returns { wall, frame, ready } in ms. */
function startOnce(display, db, sharedHome) {
  const home = sharedHome ?? tempDir('bench-home');
  const env = {
    ...process.env,
    DISPLAY: display,
    BUREAU_PLANNER_DB: db,
    BUREAU_PLANNER_STARTUP_PROBE: '1',
    ...extraEnv,
    BUREAU_PLANNER_LOG_DIR: path.join(home, 'logs'),
    XDG_DATA_HOME: path.join(home, 'data'),
    XDG_CACHE_HOME: path.join(home, 'cache'),
    XDG_CONFIG_HOME: path.join(home, 'config'),
  };
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(bin, [], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    const result = {};
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`no ready line in 60 s: ${out} ${err}`));
    }, 60000);
    child.stdout.on('data', (d) => {
      out += d;
      for (const m of out.matchAll(/^startup (\w+) (\d+)$/gm)) {
        result[m[1]] = Number(m[2]);
        if ((m[1] === 'ready' || m[1] === 'timeout') && result.wall === undefined) result.wall = performance.now() - t0;
      }
    });
    child.stderr.on('data', (d) => (err += d));
    child.on('exit', () => {
      clearTimeout(timer);
      if (!sharedHome) fs.rmSync(home, { recursive: true, force: true });
      if (result.timeout !== undefined) reject(new Error('the first screen never showed its data'));
      else if (result.wall === undefined) reject(new Error(`exited without a ready line: ${out} ${err}`));
      else resolve(result);
    });
  });
}

/** pid → { ppid, name, rssKb, pssKb } for every process. */
function processTable() {
  const table = new Map();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const status = fs.readFileSync(`/proc/${entry}/status`, 'utf8');
      const field = (k) => status.match(new RegExp(`^${k}:\\s+(.*)$`, 'm'))?.[1];
      let pssKb = null;
      try {
        pssKb = Number(fs.readFileSync(`/proc/${entry}/smaps_rollup`, 'utf8').match(/^Pss:\s+(\d+) kB/m)?.[1]);
      } catch {
        // not readable: leave PSS out
      }
      let exe = null;
      try {
        exe = fs.readlinkSync(`/proc/${entry}/exe`);
      } catch {
        // kernel thread or gone
      }
      table.set(Number(entry), {
        pid: Number(entry),
        ppid: Number(field('PPid')),
        name: field('Name'),
        exe,
        rssKb: Number((field('VmRSS') ?? '0 kB').split(/\s+/)[0]),
        pssKb,
      });
    } catch {
      // the process ended while we read
    }
  }
  return table;
}

/** The app process (its exe is `bin`) and everything under it. */
function appTree() {
  const table = processTable();
  const roots = [...table.values()].filter((p) => p.exe === bin);
  const out = [];
  const visit = (p) => {
    out.push(p);
    for (const c of table.values()) if (c.ppid === p.pid) visit(c);
  };
  for (const r of roots.filter((r) => !roots.some((o) => o.pid === r.ppid))) visit(r);
  return out;
}

async function memory() {
  const dir = tempDir('bench-city');
  const json = path.join(dir, 'city.json');
  execFileSync(plannerBin, ['fixture', 'city', '--out', json], { stdio: 'pipe' });
  const db = path.join(dir, 'city.bpw');
  execFileSync(plannerBin, ['init', '--from', json, '--db', db], { stdio: 'pipe' });
  const desktop = await startDesktopDriver({
    BUREAU_PLANNER_DB: db,
    BUREAU_PLANNER_LOG_DIR: path.join(dir, 'logs'),
    ...extraEnv,
  });
  try {
    const session = await newSession(desktop.driverUrl, bin);
    try {
      const officers = await session.waitText('[data-testid="kpi-officers"]', 60000);
      await session.execute('document.querySelector(\'[data-testid="tab-board"]\').click()');
      await session.waitText('[data-testid="gauge-station-share"]', 60000);
      const cards = await session.execute('return document.querySelectorAll(".card").length');
      await new Promise((r) => setTimeout(r, 3000)); // let the board settle
      const tree = appTree();
      return { officers, renderedCards: cards, processes: tree };
    } finally {
      await session.close();
    }
  } finally {
    await desktop.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const { db } = initWorkspace('county.json');
const samples = skipStart ? [] : await withXvfb(async (display) => {
  const home = freshHome ? undefined : tempDir('bench-home');
  // Warm-up, not counted: loads the binary and libraries into the page cache and, with a shared
  // home, fills WebKit's and Mesa's caches as any launch after the first finds them.
  await startOnce(display, db, home);
  const all = [];
  for (let i = 0; i < runs; i++) all.push(await startOnce(display, db, home));
  if (home) fs.rmSync(home, { recursive: true, force: true });
  return all;
});
const walls = samples.map((s) => Math.round(s.wall));
if (!skipStart) console.log(`start to first interactive frame (county sample, ${runs} runs, ms): ${walls.join(' ')}`);
if (!skipStart) console.log(`  median ${median(walls)} ms (target ≤ 1500); shell-measured: frame median ${median(samples.map((s) => s.frame))} ms, ready median ${median(samples.map((s) => s.ready))} ms`);

const mem = await memory();
const mb = (kb) => (kb / 1024).toFixed(1);
console.log(`memory with the city sample on the board (${mem.officers} officers, ${mem.renderedCards} cards rendered):`);
for (const p of mem.processes) console.log(`  ${String(p.pid).padStart(7)} ${p.name.padEnd(22)} RSS ${mb(p.rssKb).padStart(7)} MB  PSS ${p.pssKb === null ? '?' : mb(p.pssKb).padStart(7)} MB`);
const rss = mem.processes.reduce((a, p) => a + p.rssKb, 0);
const pss = mem.processes.reduce((a, p) => a + (p.pssKb ?? 0), 0);
console.log(`  total RSS ${mb(rss)} MB, PSS ${mb(pss)} MB (target ≤ 300 MB)`);
if (jsonOut) {
  fs.writeFileSync(jsonOut, JSON.stringify({ startMs: walls, startMedianMs: median(walls), samples, memory: mem, totalRssKb: rss, totalPssKb: pss }, null, 2));
}
