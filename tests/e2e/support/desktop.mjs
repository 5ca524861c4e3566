// The real Tauri window under Xvfb, driven over W3C WebDriver through tauri-driver
// (which finds WebKitWebDriver from Debian's webkit2gtk-driver).
import { spawn, execSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { tempDir } from './paths.mjs';

export function tauriDriverPath() {
  const candidates = [
    process.env.TAURI_DRIVER,
    path.join(process.env.CARGO_HOME ?? path.join(process.env.HOME ?? '/root', '.cargo'), 'bin', 'tauri-driver'),
  ].filter(Boolean);
  for (const c of candidates) if (fs.existsSync(c)) return c;
  try {
    return execSync('command -v tauri-driver', { encoding: 'utf8' }).trim();
  } catch {
    throw new Error('tauri-driver missing: run `make deps`');
  }
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

function freeDisplay() {
  for (let n = 90; n < 200; n++) {
    if (!fs.existsSync(`/tmp/.X${n}-lock`) && !fs.existsSync(`/tmp/.X11-unix/X${n}`)) return n;
  }
  throw new Error('no free X display');
}

async function waitFor(check, what, ms = 20000) {
  const end = Date.now() + ms;
  let last;
  while (Date.now() < end) {
    try {
      const v = await check();
      if (v) return v;
    } catch (e) {
      last = e;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`timed out waiting for ${what}${last ? `: ${last.message}` : ''}`);
}

/** Starts Xvfb and tauri-driver; returns { display, driverUrl, stop() }. */
export async function startDesktopDriver(extraEnv = {}) {
  const display = `:${freeDisplay()}`;
  const xvfb = spawn('Xvfb', [display, '-screen', '0', '1280x800x24', '-nolisten', 'tcp'], {
    stdio: 'ignore',
  });
  await waitFor(() => fs.existsSync(`/tmp/.X11-unix/X${display.slice(1)}`), 'Xvfb');
  const port = await freePort();
  const home = tempDir('desktop-home');
  const env = {
    ...process.env,
    DISPLAY: display,
    XDG_DATA_HOME: path.join(home, 'data'),
    XDG_CACHE_HOME: path.join(home, 'cache'),
    XDG_CONFIG_HOME: path.join(home, 'config'),
    ...extraEnv,
  };
  const driver = spawn(tauriDriverPath(), ['--port', String(port)], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  driver.stdout.on('data', (d) => (log += d));
  driver.stderr.on('data', (d) => (log += d));
  const driverUrl = `http://127.0.0.1:${port}`;
  await waitFor(async () => (await fetch(`${driverUrl}/status`)).ok, 'tauri-driver');
  async function stop() {
    for (const p of [driver, xvfb]) {
      if (p.exitCode === null) {
        const exited = new Promise((r) => p.once('exit', r));
        p.kill('SIGTERM');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 3000))]);
        if (p.exitCode === null) p.kill('SIGKILL');
      }
    }
  }
  return { display, driverUrl, env, stop, log: () => log };
}

/** A minimal W3C WebDriver client: enough to read the window and take screenshots. */
export async function newSession(driverUrl, application) {
  const res = await fetch(`${driverUrl}/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      capabilities: { alwaysMatch: { 'tauri:options': { application } } },
    }),
  });
  const body = await res.json();
  if (!res.ok) throw new Error(`session failed: ${JSON.stringify(body)}`);
  const id = body.value.sessionId;
  const base = `${driverUrl}/session/${id}`;
  async function cmd(method, route, payload) {
    const r = await fetch(`${base}${route}`, {
      method,
      headers: { 'content-type': 'application/json' },
      body: payload === undefined ? undefined : JSON.stringify(payload),
    });
    const b = await r.json();
    if (!r.ok) throw new Error(`${method} ${route}: ${JSON.stringify(b.value ?? b)}`);
    return b.value;
  }
  const ELEMENT = 'element-6066-11e4-a52e-4f735466cecf';
  return {
    async text(css) {
      const el = await cmd('POST', '/element', { using: 'css selector', value: css });
      return cmd('GET', `/element/${el[ELEMENT]}/text`);
    },
    async waitText(css, ms = 30000) {
      return waitFor(async () => (await this.text(css))?.trim(), css, ms);
    },
    execute(script, args = []) {
      return cmd('POST', '/execute/sync', { script, args });
    },
    /** Runs `script` with a callback as its last argument; resolves to what it was called with. */
    executeAsync(script, args = []) {
      return cmd('POST', '/execute/async', { script, args });
    },
    windowHandles() {
      return cmd('GET', '/window/handles');
    },
    async screenshot(file) {
      const b64 = await cmd('GET', '/screenshot');
      fs.writeFileSync(file, Buffer.from(b64, 'base64'));
    },
    title() {
      return cmd('GET', '/title');
    },
    async close() {
      await fetch(base, { method: 'DELETE' }).catch(() => {});
    },
  };
}
