// The built UI in Debian's Chromium against the real `planner serve` on the county sample:
// what a person reads in the KPI bar must be exactly what the API computes.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import http from 'node:http';
import { initWorkspace, startServer, cliMetrics } from './support/planner.mjs';
import { launchBrowser } from './support/chromium.mjs';
import { expectedKpis } from './support/format.mjs';
import { ensureArtifacts } from './support/paths.mjs';

let server;
let browser;
let db;
/** The CLI's numbers, read before the server takes the workspace (one process at a time). */
let cli;

before(async () => {
  ({ db } = initWorkspace('county.json'));
  cli = cliMetrics(db);
  server = await startServer(db);
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

async function readKpis(page, ids) {
  const seen = {};
  for (const id of ids) {
    seen[id] = (await page.getByTestId(id).textContent())?.trim();
  }
  return seen;
}

test('the KPI bar shows the numbers the API computes', async () => {
  const { status, body: overview } = await server.api('overview');
  assert.equal(status, 200);
  // The HTTP API and the CLI agree with each other before we compare the screen to them.
  assert.deepEqual(overview.metrics, cli);
  const expected = expectedKpis(overview.metrics);

  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(server.url);
  await page.getByTestId('kpi-station-share').waitFor();
  assert.deepEqual(await readKpis(page, Object.keys(expected)), expected);

  // Every old and every new unit is on screen.
  for (const u of overview.old_units) {
    assert.equal(await page.getByTestId(`old-unit-${u.id}`).count(), 1, `old unit ${u.id}`);
  }
  for (const u of overview.new_units) {
    assert.equal(await page.getByTestId(`new-unit-${u.id}`).count(), 1, `new unit ${u.id}`);
  }
  await page.getByText(overview.bureau.name).first().waitFor();
  const dir = ensureArtifacts();
  await page.screenshot({ path: path.join(dir, 'browser-overview-zh.png'), fullPage: false });
  await page.screenshot({ path: path.join(dir, 'browser-overview-zh-full.png'), fullPage: true });
  assert.deepEqual(errors, []);
  await page.close();
});

test('the English switch translates the page and keeps the numbers', async () => {
  const { body: overview } = await server.api('overview');
  const expected = expectedKpis(overview.metrics);
  const page = await browser.newPage();
  await page.goto(server.url);
  await page.getByTestId('kpi-station-share').waitFor();
  const langAttr = async () => page.evaluate(() => document.documentElement.lang);
  assert.equal(await langAttr(), 'zh-CN');
  await page.getByTestId('lang-switch').click();
  await page.waitForFunction(() => document.documentElement.lang === 'en');
  assert.deepEqual(await readKpis(page, Object.keys(expected)), expected);
  await page.screenshot({ path: path.join(ensureArtifacts(), 'browser-overview-en.png') });
  // The choice survives a reload.
  await page.reload();
  await page.getByTestId('kpi-station-share').waitFor();
  assert.equal(await langAttr(), 'en');
  await page.close();
});

test('the API refuses calls without the token, from another origin or for another host', async () => {
  const call = (headers) =>
    fetch(`${server.origin}/api/overview`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: '{}',
    });
  assert.equal((await call({})).status, 401);
  assert.equal((await call({ 'x-planner-token': 'wrong' })).status, 401);
  assert.equal(
    (await call({ 'x-planner-token': server.token, origin: 'http://evil.example' })).status,
    403,
  );
  const res = await call({ 'x-planner-token': server.token });
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('access-control-allow-origin'), null);
  const bad = await server.api('no_such_method');
  assert.equal(bad.status, 404);
  assert.equal(bad.body.code, 'unknown_method');
  const missing = await server.api('overview', { scenario_id: 999 });
  assert.equal(missing.status, 404);
  assert.equal(missing.body.code, 'not_found');
});

test('a request addressed to another host name is refused (DNS rebinding)', async () => {
  const { port } = new URL(server.origin);
  const status = await new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        path: '/api/overview',
        method: 'POST',
        headers: { host: `evil.example:${port}`, 'x-planner-token': server.token },
      },
      (res) => {
        res.resume();
        resolve(res.statusCode);
      },
    );
    req.on('error', reject);
    req.end('{}');
  });
  assert.equal(status, 421);
});
