// The stations' demand against staffed on the board, in Debian's Chromium against the real
// `planner serve` on the city sample (not the county the other journeys use): a row for every
// station of the structure with the API's demand, staffed and gap, totals equal to the API's,
// and the sort by gap.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { initWorkspace, startServer } from './support/planner.mjs';
import { launchBrowser } from './support/chromium.mjs';
import { ensureArtifacts } from './support/paths.mjs';

let server;
let browser;
let page;
const errors = [];

before(async () => {
  const { db } = initWorkspace('city.json');
  server = await startServer(db);
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${server.url}#board`);
  await page.getByTestId('workload-panel').waitFor();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

async function api(method, args = {}) {
  const { status, body } = await server.api(method, args);
  assert.equal(status, 200, `${method}: ${JSON.stringify(body)}`);
  return body;
}

const text = async (locator) => (await locator.textContent())?.trim();

test('every station shows its demand and staffed count as the API computes them', async () => {
  const table = await api('station_workload');
  const overview = await api('overview');
  const stations = overview.new_units.filter((u) => u.kind === 'police_station');
  assert.ok(table.has_figures);
  assert.equal(table.rows.length, stations.length);
  const rows = page.getByTestId('workload-row');
  assert.equal(await rows.count(), stations.length);
  for (const r of table.rows) {
    const row = page.locator(`[data-testid="workload-row"][data-unit="${r.unit}"]`);
    assert.equal(await text(row.getByTestId('workload-demand')), String(r.demand), r.name);
    assert.equal(await text(row.getByTestId('workload-staffed')), String(r.after), r.name);
    assert.equal(await text(row.getByTestId('workload-gap')), r.gap > 0 ? `+${r.gap}` : String(r.gap), r.name);
  }
  assert.equal(await text(page.getByTestId('workload-total-demand')), String(table.total_demand));
  assert.equal(await text(page.getByTestId('workload-total-staffed')), String(table.total_after));
  assert.equal(table.total_demand, table.total_after);
  assert.match(await text(page.getByTestId('workload-deviation')), new RegExp(`\\b${table.total_deviation}\\b`));
  await page.getByTestId('workload-panel').screenshot({ path: path.join(ensureArtifacts(), 'workload-panel.png') });
});

test('sorting by gap puts the most understaffed station first', async () => {
  const table = await api('station_workload');
  await page.getByTestId('workload-sort').click();
  const first = page.getByTestId('workload-row').first();
  const least = Math.min(...table.rows.map((r) => r.gap));
  assert.equal(await text(first.getByTestId('workload-gap')), least > 0 ? `+${least}` : String(least));
  assert.deepEqual(errors, []);
});
