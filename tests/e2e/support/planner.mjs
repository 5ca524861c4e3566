// Starting the real `planner` binary: creating workspaces and serving the API + UI.
import { spawn, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { plannerBin, uiDist, fixtures, tempDir } from './paths.mjs';

/** A fresh workspace file created from a fixture by `planner init`. */
export function initWorkspace(fixture = 'county.json') {
  const dir = tempDir('ws');
  const db = path.join(dir, 'workspace.bpw');
  execFileSync(plannerBin, ['init', '--from', path.join(fixtures, fixture), '--db', db], {
    stdio: 'pipe',
  });
  return { dir, db };
}

/** `planner metrics` as the CLI prints it: the API's own numbers, independent of any UI. */
export function cliMetrics(db) {
  return JSON.parse(execFileSync(plannerBin, ['metrics', '--db', db], { encoding: 'utf8' }));
}

/**
 * `cliMetrics` once the process that held the workspace has let go of it (`workspace_in_use`
 * until then; the kernel releases the lock when that process exits).
 */
export async function cliMetricsWhenFree(db, timeoutMs = 15000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return cliMetrics(db);
    } catch (e) {
      if (!String(e.stderr ?? '').includes('workspace_in_use') || Date.now() > deadline) throw e;
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}

/**
 * Starts `planner serve` on a free port and resolves once it prints its URL.
 * Returns { url, origin, token, api(method, args), stop() }.
 */
export async function startServer(db) {
  // The activity log goes beside the workspace, so a test can read it (and none pollutes $HOME).
  const logDir = path.join(path.dirname(db), 'logs');
  const args = ['serve', '--db', db, '--port', '0', '--ui-dir', uiDist, '--log-dir', logDir];
  const child = spawn(plannerBin, args, {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const url = await new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`planner serve did not start: ${stderr}`)), 20000);
    child.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/serving (http:\/\/\S+)/);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    child.on('exit', (code) => reject(new Error(`planner serve exited with ${code}: ${stderr}`)));
  });
  const parsed = new URL(url);
  const token = parsed.searchParams.get('token');
  const origin = parsed.origin;
  async function api(method, args = {}, headers = {}) {
    const res = await fetch(`${origin}/api/${method}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-planner-token': token, ...headers },
      body: JSON.stringify(args),
    });
    return { status: res.status, body: await res.json() };
  }
  async function stop() {
    if (child.exitCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
  }
  return { url, origin, token, api, stop, child, logDir };
}

/**
 * Every name and police number of a fixture's roster found in the files of `dir` (the
 * activity log must never hold any). Returns the hits; also the number of log lines read,
 * so a caller can tell that the log was written at all.
 */
export function personalDataIn(dir, fixture = 'county.json') {
  const file = JSON.parse(fs.readFileSync(path.join(fixtures, fixture), 'utf8'));
  const secrets = file.people.flatMap((p) => [p.name, String(p.police_number)]);
  let text = '';
  for (const name of fs.readdirSync(dir)) text += fs.readFileSync(path.join(dir, name), 'utf8');
  const hits = secrets.filter((s) => s.length >= 2 && text.includes(s));
  return { hits, lines: text.split('\n').filter(Boolean).length, text };
}
