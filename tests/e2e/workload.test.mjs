// The workload calculation (警力配置测算) for a bureau that is not the sample, in Debian's
// Chromium against the real `planner serve`: 测试县公安局 created from its own 单位编制 and 花名册,
// then its 派出所辖区情况表 through 导入/导出 → 派出所辖区情况 (the template downloaded, a bad file
// refused row by row with nothing changed, a good one previewed and applied); the board shows
// every station's demand against its officers as the API computes them, sorted by gap on
// request, and the overview each station's demand and gap; 测算设置 shows the formula, checks its fields, closes with Escape, and a saved change
// reaches the API, the rules and the board. Then the traffic squads: their 交警中队辖区情况表 through
// 导入/导出 → 交警中队辖区情况 (bad rows refused row by row), every squad's demand against its
// officers on the board and the overview as the API computes them, and their own weights in
// 测算设置. Nothing of the sample shows.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { startServer } from './support/planner.mjs';
import { launchBrowser } from './support/chromium.mjs';
import { ensureArtifacts, tempDir } from './support/paths.mjs';
import { BUREAU, SQUADS, STATIONS, rosterRows, toCsv, unitRows } from './support/test-county.mjs';

let server;
let browser;
let page;
const errors = [];

const HEADER = '派出所,常住人口,户籍人口,辖区面积,行政村/社区数,年接处警数,年刑事案件数,年治安案件数,交通地形系数';
/** Town stations dense and busy, rural ones large and quiet. */
const FIGURES = [
  [STATIONS[0], 62000, '', 18.5, 12, 6800, 520, 880, ''],
  [STATIONS[1], 48000, '', 26, 14, 5200, 400, 640, ''],
  [STATIONS[2], 21000, '', 160, 22, 1500, 110, 210, 1.2],
  [STATIONS[3], 15000, '', 240, 18, 900, 60, 120, 1.3],
  [STATIONS[4], 11000, '', 380, 20, 620, 35, 80, 1.5],
  [STATIONS[5], 9000, '', 420, 16, 480, 30, 60, 1.6],
];
const csv = (rows) => Buffer.from(`${HEADER}\n${rows.map((r) => r.join(',')).join('\n')}\n`);
const b64 = (text) => Buffer.from(text).toString('base64');

before(async () => {
  const dir = tempDir('workload');
  server = await startServer(path.join(dir, 'workspace.bpw'));
  const created = await server.api('workspace_create_from_data', {
    name: BUREAU,
    kind: 'county',
    as_of: '2026-12',
    units: { bytes_base64: b64(toCsv(unitRows())), file_name: '单位编制.csv' },
    roster: { bytes_base64: b64(toCsv(rosterRows())), file_name: '花名册.csv' },
  });
  assert.equal(created.status, 200, JSON.stringify(created.body));
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${server.url}#board`);
  await page.getByTestId('rules-panel').waitFor();
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

const byId = (id) => page.getByTestId(id);
const text = async (locator) => (await locator.textContent())?.trim();
const shot = (locator, name) => locator.screenshot({ path: path.join(ensureArtifacts(), name) });

/** Every station row of the board against the API's calculation. */
async function boardMatchesApi() {
  const table = await api('station_workload');
  const overview = await api('overview');
  const stations = overview.new_units.filter((u) => u.kind === 'police_station');
  assert.equal(table.rows.length, stations.length);
  await page.waitForFunction(
    ([n, demand]) =>
      document.querySelectorAll('[data-testid="workload-row"]').length === n &&
      document.querySelector('[data-testid="workload-total-demand"]')?.textContent?.trim() === String(demand),
    [stations.length, table.total_demand],
  );
  for (const r of table.rows) {
    const row = page.locator(`[data-testid="workload-row"][data-unit="${r.unit}"]`);
    assert.equal(await text(row.getByTestId('workload-demand')), String(r.demand), r.name);
    assert.equal(await text(row.getByTestId('workload-staffed')), String(r.after), r.name);
    assert.equal(await text(row.getByTestId('workload-gap')), r.gap > 0 ? `+${r.gap}` : String(r.gap), r.name);
  }
  assert.equal(await text(byId('workload-total-demand')), String(table.total_demand));
  assert.equal(await text(byId('workload-total-staffed')), String(table.total_after));
  assert.equal(table.total_demand, table.total_after);
  assert.match(await text(byId('workload-deviation')), new RegExp(`\\b${table.total_deviation}\\b`));
  return table;
}

test('without station figures the board shows no demand', async () => {
  assert.equal((await api('station_workload')).has_figures, false);
  assert.equal((await api('squad_workload')).has_figures, false);
  assert.equal(await byId('workload-panel').count(), 0);
});

test('the station figures are imported from the 导入 panel: template, bad rows refused, then applied', async () => {
  await byId('io-import').click();
  await byId('io-panel').waitFor();
  await byId('io-kind-stations').check();
  const [download] = await Promise.all([page.waitForEvent('download'), byId('io-template').click()]);
  assert.equal(download.suggestedFilename(), '派出所辖区情况表.xlsx');

  const bad = [
    [STATIONS[0], -62000, '', 18.5, 12, 6800, 520, 880, ''],
    [STATIONS[1], 48000, '', 26, 14, '很多', 400, 640, ''],
    ['青山派出所', 1000, '', 10, 1, 10, 1, 1, ''],
    ...FIGURES.slice(2),
  ];
  await byId('io-file').setInputFiles({ name: '辖区情况.csv', mimeType: 'text/csv', buffer: csv(bad) });
  await byId('io-problems').waitFor();
  const where = await byId('io-problems').locator('tbody tr td:first-child').allTextContents();
  assert.deepEqual(
    where.map((w) => w.replace(/\s+/g, ' ')),
    ['第 2 行 · B (常住人口)', '第 3 行 · F (年接处警数)', '第 4 行 · A (派出所)'],
  );
  // The 应为 column in the planner's language.
  assert.deepEqual(await byId('io-problems').locator('tbody tr td:nth-child(3)').allTextContents(), [
    '0 至 100000000 的整数',
    '0 至 100000000 的整数',
    '本局派出所之一的名称或编号',
  ]);
  assert.equal(await byId('io-confirm').count(), 0);
  assert.equal((await api('station_workload')).has_figures, false, 'nothing imported');
  await shot(byId('io-panel'), 'workload-import-refused.png');

  await byId('io-file').setInputFiles({ name: '辖区情况.csv', mimeType: 'text/csv', buffer: csv(FIGURES) });
  await byId('io-stations-summary').waitFor();
  assert.match(await text(byId('io-stations-summary')), /6 个派出所/);
  await byId('io-confirm').click();
  await byId('io-done').waitFor();
  const table = await api('station_workload');
  assert.equal(table.has_figures, true);
  assert.deepEqual(
    table.rows.map((r) => r.figures?.calls),
    FIGURES.map((f) => f[5]),
  );
  await page.keyboard.press('Escape');
  assert.equal(await byId('io-panel').count(), 0);
});

test('every station shows its demand and staffed count as the API computes them', async () => {
  await page.reload();
  await byId('workload-panel').waitFor();
  const table = await boardMatchesApi();
  // The busy town station is asked for more than the quiet mountain one.
  const demand = Object.fromEntries(table.rows.map((r) => [r.name, r.demand]));
  assert.ok(demand[STATIONS[0]] > demand[STATIONS[5]], JSON.stringify(demand));
  await shot(byId('workload-panel'), 'workload-panel.png');

  await byId('workload-sort').click();
  const least = Math.min(...table.rows.map((r) => r.gap));
  const first = page.getByTestId('workload-row').first();
  assert.equal(await text(first.getByTestId('workload-gap')), least > 0 ? `+${least}` : String(least));
  await byId('workload-sort').click();

  // The overview shows each station's demand and gap beside its officers.
  await byId('tab-overview').click();
  await page.waitForFunction((n) => document.querySelectorAll('[data-testid="overview-demand"]').length === n, table.rows.length);
  for (const r of table.rows) {
    const line = await text(page.locator(`[data-testid="overview-demand"][data-unit="${r.unit}"]`));
    assert.equal(line, `测算需求 ${r.demand}，差额 ${r.gap > 0 ? `+${r.gap}` : r.gap}`, r.name);
  }
  await byId('tab-board').click();
  await byId('workload-panel').waitFor();
});

test('测算设置 shows the formula, checks its fields, closes on Escape and saves per scenario', async () => {
  await byId('workload-settings-open').click();
  await byId('workload-settings').waitFor();
  assert.match(await text(byId('workload-formula')), /需求占比/);
  assert.equal(await text(byId('workload-share-calls')), '30.0%');
  // Escape closes it and changes nothing.
  await page.keyboard.press('Escape');
  assert.equal(await byId('workload-settings').count(), 0);

  await byId('workload-settings-open').click();
  await byId('workload-settings').waitFor();
  for (const f of ['population', 'criminal_cases', 'public_order_cases', 'area', 'villages']) {
    await byId(`workload-weight-${f}`).fill('0');
  }
  await byId('workload-weight-calls').fill('很多');
  assert.equal(await byId('workload-settings-save').isDisabled(), true);
  await byId('workload-weight-calls').fill('0');
  await byId('workload-sum-error').waitFor();
  await byId('workload-weight-calls').fill('2');
  assert.equal(await text(byId('workload-share-calls')), '100.0%');
  await byId('workload-floor').fill('4');
  await shot(byId('workload-settings'), 'workload-settings.png');
  await byId('workload-settings-save').click();
  await byId('workload-settings').waitFor({ state: 'detached' });

  const settings = await api('workload_settings');
  assert.deepEqual(settings.weights, { population: 0, calls: 2, criminal_cases: 0, public_order_cases: 0, area: 0, villages: 0 });
  assert.equal(settings.min_officers, 4);
  const table = await boardMatchesApi();
  const calls = table.rows.reduce((s, r) => s + (r.figures?.calls ?? 0), 0);
  for (const r of table.rows) assert.ok(Math.abs(r.share - r.figures.calls / calls) < 1e-9, r.name);
  const history = await api('history', { scenario_id: (await api('workspace_info')).current_scenario });
  assert.equal(history[0].action, 'rules');
});

const SQUAD_HEADER = '交警中队,道路里程,年交通事故数,年交通警情数,机动车保有量';
/** The town squad: short roads, many vehicles and accidents; the hill squad: long roads. */
const SQUAD_FIGURES = [
  [SQUADS[0], 160, 420, 5200, 52000],
  [SQUADS[1], 480, 130, 1300, 14000],
];
const squadCsv = (rows) => Buffer.from(`${SQUAD_HEADER}\n${rows.map((r) => r.join(',')).join('\n')}\n`);

/** Every squad row of the board against the API's squad calculation. */
async function squadsMatchApi() {
  const table = await api('squad_workload');
  const overview = await api('overview');
  const squads = overview.new_units.filter((u) => u.kind === 'traffic_squad');
  assert.ok(squads.length > 0);
  assert.equal(table.rows.length, squads.length);
  await page.waitForFunction(
    ([n, demand]) =>
      document.querySelectorAll('[data-testid="squad-workload-row"]').length === n &&
      document.querySelector('[data-testid="squad-workload-total-demand"]')?.textContent?.trim() === String(demand),
    [squads.length, table.total_demand],
  );
  for (const r of table.rows) {
    const row = page.locator(`[data-testid="squad-workload-row"][data-unit="${r.unit}"]`);
    assert.equal(await text(row.getByTestId('squad-workload-demand')), String(r.demand), r.name);
    assert.equal(await text(row.getByTestId('squad-workload-staffed')), String(r.after), r.name);
    assert.equal(await text(row.getByTestId('squad-workload-gap')), r.gap > 0 ? `+${r.gap}` : String(r.gap), r.name);
  }
  assert.equal(await text(byId('squad-workload-total-demand')), String(table.total_demand));
  assert.equal(await text(byId('squad-workload-total-staffed')), String(table.total_after));
  assert.equal(table.total_demand, table.total_after);
  assert.equal(table.rows.reduce((s, r) => s + r.demand, 0), table.total_demand);
  assert.match(await text(byId('squad-workload-deviation')), new RegExp(`\\b${table.total_deviation}\\b`));
  return table;
}

test('the squad figures are imported from the 导入 panel: template, bad rows refused, then applied', async () => {
  assert.equal(await page.getByTestId('squad-workload-row').count(), 0, 'no squad rows without figures');
  await byId('io-import').click();
  await byId('io-panel').waitFor();
  await byId('io-kind-squads').check();
  const [download] = await Promise.all([page.waitForEvent('download'), byId('io-template').click()]);
  assert.equal(download.suggestedFilename(), '交警中队辖区情况表.xlsx');

  const bad = [
    [SQUADS[0], 160, -420, 5200, 52000],
    [SQUADS[1], 480, 130, '很多', 14000],
    ['青山交警中队', 10, 1, 1, 1],
    [STATIONS[0], 10, 1, 1, 1],
  ];
  await byId('io-file').setInputFiles({ name: '中队情况.csv', mimeType: 'text/csv', buffer: squadCsv(bad) });
  await byId('io-problems').waitFor();
  const where = await byId('io-problems').locator('tbody tr td:first-child').allTextContents();
  assert.deepEqual(
    where.map((w) => w.replace(/\s+/g, ' ')),
    ['第 2 行 · C (年交通事故数)', '第 3 行 · D (年交通警情数)', '第 4 行 · A (交警中队)', '第 5 行 · A (交警中队)'],
  );
  assert.deepEqual(
    (await byId('io-problems').locator('tbody tr td:nth-child(3)').allTextContents()).slice(2),
    ['本局交警中队之一的名称或编号', '交警中队；该单位属于其他类型'],
  );
  assert.equal(await byId('io-confirm').count(), 0);
  assert.equal((await api('squad_workload')).has_figures, false, 'nothing imported');
  await shot(byId('io-panel'), 'workload-squads-refused.png');

  await byId('io-file').setInputFiles({ name: '中队情况.csv', mimeType: 'text/csv', buffer: squadCsv(SQUAD_FIGURES) });
  await byId('io-squads-summary').waitFor();
  assert.match(await text(byId('io-squads-summary')), /2 个交警中队/);
  await byId('io-confirm').click();
  await byId('io-done').waitFor();
  const table = await api('squad_workload');
  assert.equal(table.has_figures, true);
  await page.keyboard.press('Escape');
});

test('every traffic squad shows its demand and staffed count as the API computes them', async () => {
  await page.reload();
  await byId('workload-panel').waitFor();
  await boardMatchesApi();
  const table = await squadsMatchApi();
  await shot(byId('workload-panel'), 'workload-panel-squads.png');
  // The overview shows each squad's demand and gap too.
  await byId('tab-overview').click();
  for (const r of table.rows) {
    const line = page.locator(`[data-testid="overview-demand"][data-unit="${r.unit}"]`);
    await line.waitFor();
    assert.equal(await text(line), `测算需求 ${r.demand}，差额 ${r.gap > 0 ? `+${r.gap}` : r.gap}`, r.name);
  }
  await byId('tab-board').click();
  await byId('workload-panel').waitFor();
});

test("测算设置 edits the squads' weights and floor beside the stations'", async () => {
  await byId('workload-settings-open').click();
  await byId('workload-squads').waitFor();
  assert.equal(await text(byId('squad-share-road_km')), '30.0%');
  await byId('squad-weight-vehicles').fill('-1');
  assert.equal(await byId('workload-settings-save').isDisabled(), true);
  for (const f of ['road_km', 'traffic_calls', 'vehicles']) await byId(`squad-weight-${f}`).fill('0');
  await byId('squad-weight-accidents').fill('3');
  assert.equal(await text(byId('squad-share-accidents')), '100.0%');
  await byId('squad-floor').fill('2');
  await shot(byId('workload-settings'), 'workload-settings-squads.png');
  await byId('workload-settings-save').click();
  await byId('workload-settings').waitFor({ state: 'detached' });

  const settings = await api('workload_settings');
  assert.deepEqual(settings.squads.weights, { road_km: 0, accidents: 3, traffic_calls: 0, vehicles: 0 });
  assert.equal(settings.squads.min_officers, 2);
  assert.equal(settings.squads.has_rule, true);
  assert.equal(settings.min_officers, 4, "the stations' floor kept");
  const table = await squadsMatchApi();
  const accidents = table.rows.reduce((s, r) => s + (r.figures?.accidents ?? 0), 0);
  for (const r of table.rows) assert.ok(Math.abs(r.share - r.figures.accidents / accidents) < 1e-9, r.name);
  const rules = await api('rules');
  assert.ok(rules.some((r) => r.rule.id === 'squad_workload'), 'the squad rule is in the scenario');
});

test('nothing of the sample shows and the page raised no error', async () => {
  const body = await page.locator('body').textContent();
  assert.ok(!body.includes('青山'), 'no sample text on the board');
  assert.deepEqual(errors, []);
});
