// Exclusions (不宜调往) on the planning board in Debian's Chromium against the real
// `planner serve`: the card's context menu sets one as an undoable step, the card marks it,
// the API reads it back, and undo takes it away again.
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
  const { db } = initWorkspace('county.json');
  server = await startServer(db);
  browser = await launchBrowser();
  page = await browser.newPage();
  page.on('pageerror', (e) => errors.push(e.message));
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

test('the context menu excludes an officer from the grassroots, as one undoable step', async () => {
  const people = await api('people');
  const person = people.find((p) => p.category === 'officer' && p.unit !== null);
  assert.ok(person, 'a placed officer');
  const card = page.getByTestId(`card-${person.police_number}`).first();
  await card.scrollIntoViewIfNeeded();
  await card.click({ button: 'right' });
  const menu = page.getByTestId('exclusion-menu');
  await menu.waitFor();
  await page.screenshot({ path: path.join(ensureArtifacts(), 'board-exclusion-menu.png') });
  const rev = await revision();
  await menu.getByTestId('exclude-grassroots').check();
  await waitRevision(rev + 1);

  const after = (await api('people')).find((p) => p.police_number === person.police_number);
  assert.equal(after.excluded_grassroots, true);
  await page.getByTestId(`excluded-${person.police_number}`).first().waitFor();
  await page.keyboard.press('Escape');
  await menu.waitFor({ state: 'detached' });

  await page.getByTestId('undo').click();
  await waitRevision(rev + 2);
  const undone = (await api('people')).find((p) => p.police_number === person.police_number);
  assert.equal(undone.excluded_grassroots, false);
  await page.getByTestId(`excluded-${person.police_number}`).first().waitFor({ state: 'detached' });
  assert.deepEqual(errors, []);
});
