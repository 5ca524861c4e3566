// Community roles (社区民警) on the planning board in Debian's Chromium against the real
// `planner serve`: the card's menu gives a station officer a community post and pins it, each
// as one undoable step; the card shows 社区, the community gauge moves in the same step, the
// API reads the role back, and undo takes it away again. Each toggle is one call: the step's
// answer carries the changed person, so the page reads no `people` after it.
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
/** The API methods the page called, in order. */
const called = [];
/** The calls of a step: what the page called, less the workload panels it reads after every edit. */
const stepCalls = () => called.filter((m) => m !== 'station_workload' && m !== 'squad_workload');

before(async () => {
  const { db } = initWorkspace('county.json');
  server = await startServer(db);
  browser = await launchBrowser();
  page = await browser.newPage();
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('request', (r) => {
    const m = new URL(r.url()).pathname.match(/\/api\/(\w+)$/);
    if (m) called.push(m[1]);
  });
  await page.goto(`${server.url}#board`);
  await page.getByTestId('gauge-station-share').waitFor();
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

const revision = async () => Number(await page.getByTestId('save-state').getAttribute('data-revision'));

async function waitRevision(n) {
  await page.waitForFunction(
    (want) => {
      const el = document.querySelector('[data-testid="save-state"]');
      return el && Number(el.getAttribute('data-revision')) === want && !el.classList.contains('saving');
    },
    n,
    { timeout: 15000 },
  );
}

const gauge = () => page.getByTestId('gauge-community-share').innerText();

test('the menu gives a station officer a community post and pins it, each one undoable step', async () => {
  const overview = await api('overview');
  const stations = new Set(overview.new_units.filter((u) => u.kind === 'police_station').map((u) => u.id));
  const person = (await api('people')).find(
    (p) => p.community_eligible && !p.community_role && p.unit !== null && stations.has(p.unit),
  );
  assert.ok(person, 'an eligible station officer without a post');
  const before = await api('metrics');
  const shown = await gauge();

  const card = page.getByTestId(`card-${person.police_number}`).first();
  await card.scrollIntoViewIfNeeded();
  await card.click({ button: 'right' });
  const menu = page.getByTestId('exclusion-menu');
  await menu.waitFor();
  const rev = await revision();
  called.length = 0;
  await menu.getByTestId(`role-toggle-${person.police_number}`).click();
  await waitRevision(rev + 1);
  await page.getByTestId(`community-${person.police_number}`).first().waitFor();
  assert.deepEqual(stepCalls(), ['set_community_role'], 'one call per toggle: no people re-read');
  const after = await api('metrics');
  assert.equal(after.after.community_officers, before.after.community_officers + 1);
  await page.waitForFunction((old) => document.querySelector('[data-testid="gauge-community-share"]')?.innerText !== old, shown);
  called.length = 0;
  await menu.getByTestId(`role-pin-${person.police_number}`).check();
  await waitRevision(rev + 2);
  assert.deepEqual(stepCalls(), ['set_community_role'], 'one call per pin: no people re-read');
  const me = (await api('people')).find((p) => p.police_number === person.police_number);
  assert.equal(me.community_role, true);
  assert.equal(me.community_pinned, true);
  await page.screenshot({ path: path.join(ensureArtifacts(), 'board-community-role.png') });
  await page.keyboard.press('Escape');
  await menu.waitFor({ state: 'detached' });

  await page.getByTestId('undo').click();
  await waitRevision(rev + 3);
  await page.getByTestId('undo').click();
  await waitRevision(rev + 4);
  await page.getByTestId(`community-${person.police_number}`).first().waitFor({ state: 'detached' });
  const undone = (await api('people')).find((p) => p.police_number === person.police_number);
  assert.equal(undone.community_role, false);
  assert.equal(undone.community_pinned, false);
  assert.equal(await gauge(), shown);
  assert.deepEqual(errors, []);
});
