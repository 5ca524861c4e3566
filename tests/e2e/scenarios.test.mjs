// Scenarios in Debian's Chromium against the real `planner serve` on a fresh county sample:
// branch the county scenario, move five people in the branch, compare the two (the five people in
// the difference list, the KPI deltas), export the comparison, compare three scenarios, read the
// history and verify the audit chain, approve (read-only), delete to the trash and restore.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { initWorkspace, startServer, personalDataIn } from './support/planner.mjs';
import { launchBrowser } from './support/chromium.mjs';
import { ensureArtifacts } from './support/paths.mjs';

let server;
let browser;
let page;
const errors = [];

before(async () => {
  const { db } = initWorkspace('county.json');
  server = await startServer(db);
  browser = await launchBrowser();
  page = await browser.newPage();
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(server.url);
  await page.getByTestId('kpi-station-share').waitFor();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

const byId = (id) => page.getByTestId(id);
const text = async (id) => (await byId(id).textContent())?.trim();
const shot = (name) => page.screenshot({ path: path.join(ensureArtifacts(), name) });

/** The API through the page's own fetch (the token the page keeps), as the UI would call it. */
function pageApi(method, args = {}) {
  return page.evaluate(
    async ([m, a]) => {
      const res = await fetch(`api/${m}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-planner-token': sessionStorage.getItem('planner-token') },
        body: JSON.stringify(a),
      });
      return { status: res.status, body: await res.json() };
    },
    [method, args],
  );
}

/** `n` officers the draft places in office departments, and a police station to move them to. */
async function officeOfficers(scenarioId, n, skip = 0) {
  const { body: overview } = await server.api('overview', { scenario_id: scenarioId });
  const office = new Set(overview.new_units.filter((u) => u.tier === 'office').map((u) => u.id));
  const station = overview.new_units.find((u) => u.kind === 'police_station');
  const { body: people } = await server.api('people', { scenario_id: scenarioId });
  const picked = people.filter((p) => p.category === 'officer' && office.has(p.unit)).slice(skip, skip + n);
  assert.equal(picked.length, n);
  return { picked, station };
}

/** Ticks exactly the given scenarios, in order, in the compare picker. */
async function pick(ids) {
  await page.waitForFunction(() => !document.querySelector('[data-testid="compare-run"]')?.hasAttribute('disabled') || document.querySelector('[data-testid="compare-picker"]')?.getAttribute('data-selected')?.split(',').length < 2);
  for (const box of await page.locator('[data-testid^="compare-pick-"]').all()) {
    if (await box.isChecked()) await box.uncheck();
  }
  for (const id of ids) await byId(`compare-pick-${id}`).check();
  assert.equal(await byId('compare-picker').getAttribute('data-selected'), ids.join(','));
  await byId('compare-run').click();
  await page.waitForFunction(
    (want) => document.querySelector('[data-testid="compare-kpis"]')?.getAttribute('data-compared') === want,
    ids.join(','),
  );
}

let moved = [];

test('branch the county scenario, set the planner name and open the branch', async () => {
  await byId('planner-name').click();
  await byId('planner-input').fill('王规划');
  await byId('planner-save').click();
  await page.waitForFunction(() => document.querySelector('[data-testid="planner-name"]')?.textContent?.includes('王规划'));
  assert.equal((await server.api('planner_name')).body, '王规划');

  await byId('scenarios-open').click();
  await byId('scenario-1').waitFor();
  assert.match(await text('scenario-1'), /草稿/);
  await byId('branch-1').click();
  // A duplicate name is refused before it reaches the backend.
  await byId('scenario-name-input').fill('初始方案');
  await byId('name-problem').waitFor();
  assert.equal(await byId('scenario-form-submit').isDisabled(), true);
  await byId('scenario-name-input').fill('下沉方案');
  await byId('scenario-form-submit').click();
  await byId('scenario-2').waitFor();
  await page.locator('[data-testid="scenario-2"] [data-testid="scenario-current"]').waitFor();
  assert.match(await text('scenario-2'), /分支自：初始方案/);
  const { body: info } = await server.api('workspace_info');
  assert.equal(info.current_scenario, 2);
  // The app behind the panel reloaded: the header names the branch.
  await page.locator('header').getByText('下沉方案').first().waitFor();
  await shot('scenarios-list-zh.png');
});

test('move five people in the branch and see them in the comparison', async () => {
  const { picked, station } = await officeOfficers(2, 5);
  moved = picked.map((p) => p.police_number);
  const res = await pageApi('move_people', { scenario_id: 2, police_numbers: moved, to: station.id });
  assert.equal(res.status, 200, JSON.stringify(res.body));
  assert.equal(res.body.changed.length, 5);

  await byId('scen-tab-compare').click();
  await byId('compare-view').waitFor();
  await pick([1, 2]);
  assert.equal(await byId('kpi-moved-1').locator('.value').textContent(), '5');
  assert.equal(await text('kpi-delta-moved-1'), '+5');
  assert.equal(await text('kpi-delta-movedDown-1'), '+5');
  assert.equal(await text('kpi-delta-office-1'), '−5');
  const { body: cmp } = await server.api('compare', { scenario_ids: [1, 2] });
  assert.equal(cmp.kpis[1].moved, 5);
  // Exactly the five people, each shown in the new station in the branch.
  const rows = page.locator('[data-testid="compare-differences"] tbody tr');
  assert.equal(await rows.count(), 5);
  for (const pn of moved) {
    const row = byId(`diff-${pn}`);
    assert.equal(await row.count(), 1, pn);
    assert.match(await row.textContent(), new RegExp(station.name));
  }
  // Filters: by police number, then by old unit.
  await byId('diff-search').fill(moved[0]);
  assert.equal(await rows.count(), 1);
  await byId('diff-search').fill('');
  const oldUnit = cmp.differences[0].old_unit;
  await byId('diff-old-unit').selectOption(oldUnit);
  assert.equal(await rows.count(), cmp.differences.filter((d) => d.old_unit === oldUnit).length);
  await byId('diff-old-unit').selectOption('');
  await shot('scenarios-compare-two-zh.png');
});

test('export the comparison as CSV and JSON', async () => {
  const [csvDownload] = await Promise.all([page.waitForEvent('download'), byId('compare-export-csv').click()]);
  assert.match(csvDownload.suggestedFilename(), /\.csv$/);
  const csv = fs.readFileSync(await csvDownload.path(), 'utf8');
  assert.equal(csv.charCodeAt(0), 0xfeff, 'UTF-8 BOM');
  assert.match(csv, /调整人数,0,5,\+5/);
  for (const pn of moved) assert.ok(csv.includes(pn), pn);
  const [jsonDownload] = await Promise.all([page.waitForEvent('download'), byId('compare-export-json').click()]);
  const json = JSON.parse(fs.readFileSync(await jsonDownload.path(), 'utf8'));
  assert.deepEqual(json.differences.map((d) => d.police_number).sort(), [...moved].sort());
  fs.copyFileSync(await csvDownload.path(), path.join(ensureArtifacts(), 'scenarios-comparison.csv'));
});

test('compare three county scenarios (screenshot)', async () => {
  // A third scenario, branched from the first without opening it, with other moves.
  await byId('scen-tab-list').click();
  await byId('branch-1').click();
  await byId('scenario-name-input').fill('强基方案');
  await page.locator('form input[type="checkbox"]').uncheck();
  await byId('scenario-form-submit').click();
  await byId('scenario-3').waitFor();
  const { body: info } = await server.api('workspace_info');
  assert.equal(info.current_scenario, 2, 'the branch was not opened');
  const { picked, station } = await officeOfficers(3, 12, 20);
  const res = await pageApi('move_people', { scenario_id: 3, police_numbers: picked.map((p) => p.police_number), to: station.id });
  assert.equal(res.status, 200);

  await byId('scen-tab-compare').click();
  await pick([1, 2, 3]);
  assert.equal(await text('kpi-delta-moved-2'), '+12');
  await byId('sankey-scenario').selectOption('3');
  await page.setViewportSize({ width: 1440, height: 2300 });
  await page.waitForTimeout(400); // the charts resize
  await shot('scenarios-compare-three-zh.png');
  await byId('lang-switch').click();
  await page.waitForFunction(() => document.documentElement.lang === 'en');
  await page.waitForTimeout(300);
  await shot('scenarios-compare-three-en.png');
  await byId('lang-switch').click();
  await page.waitForFunction(() => document.documentElement.lang === 'zh-CN');
  await page.setViewportSize({ width: 1280, height: 800 });
});

test('the history shows the moves, filters by person and verifies the chain', async () => {
  await byId('scen-tab-list').click();
  await byId('history-2').click();
  await byId('history-rows').waitFor();
  const rows = page.locator('[data-testid="history-rows"] tbody tr');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="history-rows"] tbody tr').length >= 2);
  const all = await page.locator('[data-testid="history-rows"]').textContent();
  assert.match(all, /调整人员/);
  assert.match(all, /创建分支/);
  assert.match(all, /王规划/);
  await byId('history-person').fill(moved[0]);
  await byId('history-filter').click();
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="history-rows"] tbody tr').length === 1);
  assert.match(await rows.first().textContent(), new RegExp(`${moved[0]} \\S+：`));
  await byId('audit-verify').click();
  await byId('audit-report').waitFor();
  assert.match(await text('audit-report'), /完整/);
  await shot('scenarios-history-zh.png');
});

test('approve is read-only; delete goes to the trash and restores', async () => {
  await byId('scen-tab-list').click();
  await byId('status-3-review').click();
  await page.locator('[data-testid="scenario-3"]').getByText('待审').waitFor();
  await byId('status-3-approved').click();
  await page.locator('[data-testid="scenario-3"]').getByText('只读').first().waitFor(); // the confirm
  await byId('scenario-form-submit').click();
  await page.locator('[data-testid="scenario-3"] [data-testid="status-badge"]').getByText('已批准').waitFor();
  assert.equal(await byId('rename-3').count(), 0);
  const refused = await pageApi('move_people', { scenario_id: 3, police_numbers: [moved[0]], to: 'd-cmd' });
  assert.equal(refused.body.code, 'read_only');

  assert.equal(await byId('delete-3').count(), 0, 'an approved scenario cannot be deleted');

  // Approved behind the panel's back (another window): the UI shows the refusal by its code.
  await byId('status-2-review').click();
  await page.locator('[data-testid="scenario-2"]').getByText('待审').waitFor();
  assert.equal((await server.api('set_scenario_status', { scenario_id: 2, status: 'approved' })).status, 200);
  await byId('rename-2').click();
  await byId('scenario-name-input').fill('下沉方案（改）');
  await byId('scenario-form-submit').click();
  await byId('scenario-error').waitFor();
  assert.equal(await byId('scenario-error').getAttribute('data-code'), 'read_only');
  assert.match(await text('scenario-error'), /该方案已批准，只读；请创建分支后修改/);
  await shot('scenarios-read-only-zh.png');
  await page.getByRole('button', { name: '取消' }).click();

  // Delete the original to the trash and restore it.
  await byId('delete-1').click();
  await byId('scenario-form-submit').click();
  await byId('scenario-1').waitFor({ state: 'detached' });
  await byId('scen-tab-trash').click();
  await byId('trash-1').waitFor();
  await byId('restore-1').click();
  await byId('trash-empty').waitFor();
  await byId('scen-tab-list').click();
  await byId('scenario-1').waitFor();
  await byId('scenario-panel-close').click();
  await byId('scenario-panel').waitFor({ state: 'detached' });
  assert.deepEqual(errors, []);
});

test('a new scenario from the "1+3+4+1" template opens with its structure', async () => {
  await byId('scenarios-open').click();
  await byId('new-scenario-open').click();
  await byId('new-scenario-name').fill('四部制方案');
  await byId('new-scenario-template').selectOption('1+3+4+1');
  await byId('new-scenario-create').click();
  // The app behind the panel reloads on the new scenario: the header shows its structure.
  await page.locator('header').getByText('四部制方案').first().waitFor();
  await page.locator('header').getByText('1+3+4+1').first().waitFor();
  const { body: info } = await server.api('workspace_info');
  const created = info.scenarios.find((s) => s.name === '四部制方案');
  assert.equal(created.structure_name, '1+3+4+1');
  assert.equal(info.current_scenario, created.id);
  const { body: overview } = await server.api('overview', {});
  const names = overview.new_units.filter((u) => !u.parent && u.tier === 'office').map((u) => u.name);
  assert.ok(names.includes('督察审计中心') && names.includes('巡特警部'), names.join(','));
  await byId('scenario-panel-close').click();
  await byId('scenario-panel').waitFor({ state: 'detached' });
  await shot('scenarios-template-1341-zh.png');
  assert.deepEqual(errors, []);
});

test('after the whole journey the activity log names methods, never people', async () => {
  const { hits, lines, text: log } = personalDataIn(server.logDir);
  assert.ok(lines > 20, `the log was written (${lines} lines)`);
  assert.match(log, / call move_people ok \d+ms/);
  assert.match(log, / call compare ok \d+ms/);
  assert.deepEqual(hits, [], 'no name or police number in the log');
});
