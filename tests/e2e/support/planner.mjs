// Starting the real `planner` binary: creating workspaces and serving the API + UI.
import { spawn, execFileSync } from 'node:child_process';
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
 * Starts `planner serve` on a free port and resolves once it prints its URL.
 * Returns { url, origin, token, api(method, args), stop() }.
 */
export async function startServer(db) {
  const child = spawn(plannerBin, ['serve', '--db', db, '--port', '0', '--ui-dir', uiDist], {
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
  return { url, origin, token, api, stop, child };
}
