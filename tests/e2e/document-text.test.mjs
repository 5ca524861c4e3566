// The 文稿 panel in Debian's Chromium against the real `planner serve`, on 测试县公安局 (made
// here from its own units and roster by `planner init`, nothing of the sample): from the export
// dialog, 改革目标 is rewritten and a 实施步骤 phase edited; the DOCX downloaded through the
// dialog holds both in word/document.xml and no longer the default they replaced. An office
// officer moved to a station makes the rewritten 警力配置 stale, and the panel says so and shows
// the new default; 恢复默认 puts the default back into the next DOCX.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { startServer } from './support/planner.mjs';
import { launchBrowser } from './support/chromium.mjs';
import { ensureArtifacts, plannerBin, tempDir } from './support/paths.mjs';
import { BUREAU, rosterRows, unitRows } from './support/test-county.mjs';
import { unzip } from './support/zip.mjs';

const GOALS = '通过改革，本局机关更加精干，基层警力更加充实。';
const PHASE = '思想动员阶段';
const WORK = '召开全局动员大会，逐人谈心谈话。';
const DEPLOYMENT = '警力配置以基层为重。';
const DEPARTMENT = '该部门统筹全局专项工作（规划者撰写）。';

let server;
let browser;
let page;
const errors = [];

const csv = (rows) => rows.map((r) => r.join(',')).join('\n') + '\n';

before(async () => {
  const dir = tempDir('document-text');
  fs.writeFileSync(path.join(dir, '单位编制.csv'), csv(unitRows()));
  fs.writeFileSync(path.join(dir, '花名册.csv'), csv(rosterRows()));
  const db = path.join(dir, 'workspace.bpw');
  execFileSync(plannerBin, [
    'init', '--name', BUREAU, '--kind', 'county', '--as-of', '2026-12',
    '--units', path.join(dir, '单位编制.csv'), '--roster', path.join(dir, '花名册.csv'), '--db', db,
  ], { stdio: 'pipe' });
  server = await startServer(db);
  browser = await launchBrowser();
  page = await browser.newPage();
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(server.url);
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

const byId = (id) => page.getByTestId(id);
const shot = (name) => page.screenshot({ path: path.join(ensureArtifacts(), name), fullPage: true });

/** word/document.xml of the DOCX downloaded through the export dialog, as its runs' text. */
async function downloadDocx(name) {
  const [file] = await Promise.all([page.waitForEvent('download', { timeout: 60000 }), byId('io-export-docx').click()]);
  const target = path.join(ensureArtifacts(), name);
  await file.saveAs(target);
  const xml = unzip(fs.readFileSync(target))['word/document.xml'].toString('utf8');
  return xml
    .split('</w:p>')
    .map((p) => [...p.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(''))
    .join('\n');
}

async function openText() {
  await byId('io-edit-text').click();
  await byId('text-panel').waitFor({ timeout: 30000 });
  await byId('text-para-goals').waitFor({ timeout: 30000 });
}

async function closeText() {
  await page.keyboard.press('Escape');
  await byId('text-panel').waitFor({ state: 'detached' });
  assert.equal(await byId('io-panel').count(), 1, 'Escape closes the innermost dialog only');
}

test('测试县公安局: a paragraph and a phase rewritten in the 文稿 panel reach the DOCX', async () => {
  await byId('io-export').waitFor({ timeout: 30000 });
  await byId('io-export').click();
  await byId('paper-settings').waitFor();
  await openText();

  // 改革目标: the default is written from the data; the planner rewrites it.
  const goals = byId('text-para-goals');
  const defaultGoals = (await goals.getByTestId('text-shown').textContent()).trim();
  assert.match(defaultGoals, /^通过改革，内设机构/);
  await goals.getByTestId('text-edit').click();
  await byId('text-editor').fill(GOALS);
  await byId('text-save').click();
  await goals.getByTestId('text-reset').waitFor();
  assert.equal((await goals.getByTestId('text-shown').textContent()).trim(), GOALS);

  // 实施步骤: start from the generated phases, rename and date the first, save.
  await byId('text-phases-start').click();
  const first = page.getByTestId('text-phase').first();
  await first.getByTestId('text-phase-name').fill(PHASE);
  await first.getByTestId('text-phase-start').fill('2027-03-01');
  await first.getByTestId('text-phase-end').fill('2027-03-15');
  await first.getByTestId('text-phase-work').fill(WORK);
  await byId('text-phases-save').click();
  await byId('text-phases-clear').waitFor();
  await shot('document-text-1-edited.png');
  await closeText();

  const paper = await downloadDocx('document-text-edited.docx');
  assert.ok(paper.includes(`${BUREAU}机构改革实施方案`), 'the paper is the bureau’s own');
  assert.ok(paper.includes(GOALS), 'the rewritten 改革目标 is in word/document.xml');
  assert.ok(!paper.includes(defaultGoals), 'the default it replaced is not');
  assert.ok(paper.includes(`（一）${PHASE}（2027年3月1日至3月15日）。${WORK}`), 'the edited phase is the first step');
  assert.ok(!paper.includes('动员部署阶段'), 'the generated first step is gone');
  assert.ok(!paper.includes('青山'), 'nothing of the sample');

  // 警力配置 rewritten, then an office officer moves to a station: the paragraph is stale.
  await openText();
  const deployment = byId('text-para-deployment');
  await deployment.getByTestId('text-edit').click();
  await byId('text-editor').fill(DEPLOYMENT);
  await byId('text-save').click();
  await deployment.getByTestId('text-reset').waitFor();
  assert.equal(await deployment.getByTestId('text-stale').count(), 0);
  await closeText();
  const { body: overview } = await server.api('overview', {});
  const tier = new Map(overview.new_units.map((u) => [u.id, u.tier]));
  const station = overview.new_units.find((u) => !u.parent && u.tier === 'grassroots');
  const { body: people } = await server.api('people', {});
  const officer = people.find((p) => p.category === 'officer' && tier.get(p.unit ?? p.old_unit) === 'office');
  assert.ok(station && officer, 'an office officer and a station');
  const moved = await server.api('move_people', { police_numbers: [officer.police_number], to: station.id });
  assert.equal(moved.status, 200, JSON.stringify(moved.body));
  await openText();
  await deployment.getByTestId('text-stale').waitFor();
  await deployment.getByTestId('text-show-default').click();
  const fresh = (await deployment.getByTestId('text-new-default').textContent()).trim();
  assert.match(fresh, /^改革后，机关民警/);
  await shot('document-text-2-stale.png');

  // 恢复默认 for 改革目标: the next DOCX prints the default again.
  await goals.getByTestId('text-reset').click();
  await goals.getByTestId('text-reset').waitFor({ state: 'detached' });
  await closeText();
  const restored = await downloadDocx('document-text-restored.docx');
  assert.ok(!restored.includes(GOALS), 'the planner’s goals are gone');
  assert.ok(restored.includes('通过改革，内设机构'), 'the default goals are back');
  assert.ok(restored.includes(DEPLOYMENT), 'the other rewritten paragraph stays');

  // A department the planner wrote about is deleted from the structure: its text leaves the
  // paper but stays in sight in the panel until the planner lets it go.
  const department = overview.new_units.filter((u) => !u.parent && u.tier === 'office').at(-1);
  const key = `department.${department.id}`;
  await openText();
  const para = byId(`text-para-${key}`);
  await para.getByTestId('text-edit').click();
  await byId('text-editor').fill(DEPARTMENT);
  await byId('text-save').click();
  await para.getByTestId('text-reset').waitFor();
  await closeText();
  const deleted = await server.api('edit_structure', { edit: { op: 'delete_unit', unit: department.id } });
  assert.equal(deleted.status, 200, JSON.stringify(deleted.body));
  await openText();
  const orphan = byId(`text-orphan-${key}`);
  await orphan.waitFor();
  assert.equal((await orphan.locator('.body').textContent()).trim(), DEPARTMENT);
  assert.equal(await byId(`text-para-${key}`).count(), 0, 'no paragraph for the deleted department');
  await orphan.scrollIntoViewIfNeeded();
  await shot('document-text-3-orphaned.png');
  await orphan.getByTestId('text-orphan-drop').click();
  await byId('text-orphaned').waitFor({ state: 'detached' });
  await closeText();
  assert.ok(!(await downloadDocx('document-text-orphaned.docx')).includes(DEPARTMENT), 'never printed');
  assert.deepEqual(errors, []);
});
