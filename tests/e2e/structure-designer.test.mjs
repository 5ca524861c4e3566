// The whole path for a bureau that is not the sample, in Debian's Chromium against the real
// `planner serve` with no workspace: 从本局数据开始 with 单位编制 and 花名册 XLSX files of 测试县公安局
// generated here, landing on 机构设计; a department and a sub-unit designed there (establishment,
// posts, functions), every old unit mapped, a refused value named by unit and field, a unit with
// people deleted after the designer asked (cancel first: nothing changes; they return to
// 仍在原单位; undo and redo); then solve, accept, and the DOCX and
// XLSX downloads: both carry the bureau and the designed department, and nothing of the sample
// bureau (青山, its units, its people). Then the designer and 本局信息 on the county sample.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { initWorkspace, startServer } from './support/planner.mjs';
import { launchBrowser } from './support/chromium.mjs';
import { ensureArtifacts, fixtures, tempDir } from './support/paths.mjs';
import { BUREAU, OFFICE, SQUADS, STATIONS, rosterRows, unitRows } from './support/test-county.mjs';
import { xlsx } from './support/xlsx.mjs';
import { documentText } from './support/zip.mjs';

const PASSPHRASE = '测试县-改革办-2026';
const DEPARTMENT = '网络安全保卫大队';
const SUB_UNIT = '网络侦查中队';
const FUNCTIONS = '网络安全监督管理\n网络违法犯罪侦查';

let server;
let browser;
let page;
let files;
const errors = [];

before(async () => {
  const dir = tempDir('designer');
  const data = tempDir('designer-files');
  files = { units: path.join(data, '单位编制.xlsx'), roster: path.join(data, '花名册.xlsx') };
  fs.writeFileSync(files.units, xlsx(unitRows(), '单位编制'));
  fs.writeFileSync(files.roster, xlsx(rosterRows(), '花名册'));
  server = await startServer(path.join(dir, 'workspace.bpw'));
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
const shot = (p, name) => p.screenshot({ path: path.join(ensureArtifacts(), name), fullPage: true });
const treeRow = (p, name) => p.locator('[data-testid="designer-unit"]').filter({ has: p.locator('.name', { hasText: new RegExp(`^${name}$`) }) });
const mapRow = (p, name) => p.locator('[data-testid="map-row"]').filter({ has: p.locator('.name', { hasText: new RegExp(`^${name}$`) }) });

/** Sets one field of the selected unit and waits until the structure holds it. */
async function setField(field, value, check) {
  const input = byId(`designer-${field}`);
  await input.fill(String(value));
  await input.press('Tab');
  await page.waitForFunction(check.fn, check.arg, { timeout: 10000 });
}

/** The selected unit's field in the tree's figures line, as the API answered it. */
const figures = (name, text) => ({
  fn: ([n, t]) =>
    [...document.querySelectorAll('[data-testid="designer-unit"]')].some(
      (li) => li.querySelector('.name')?.textContent === n && li.querySelector('.figures')?.textContent?.includes(t),
    ),
  arg: [name, text],
});

async function structure() {
  const { body } = await server.api('structure', {});
  return body;
}

/** Every string of the sample bureau that is not also part of the user's own (shared generic
 *  names such as 办公室 are the user's too, and 马博 is inside 司马博文): 青山, its unit names, its
 *  people's names and numbers. */
function sampleStrings(own) {
  const file = JSON.parse(fs.readFileSync(path.join(fixtures, 'county.json'), 'utf8'));
  const units = [...file.old_units, ...file.structure.units].map((u) => u.name);
  const people = file.people.flatMap((p) => [p.name, p.police_number]);
  const mine = [...own];
  return [...new Set(['青山', file.bureau.name, ...units, ...people])].filter((s) => !mine.some((o) => o.includes(s)));
}

async function download(format) {
  const [file] = await Promise.all([page.waitForEvent('download', { timeout: 60000 }), byId(`io-export-${format}`).click()]);
  const target = path.join(ensureArtifacts(), `structure-designer-export.${format}`);
  await file.saveAs(target);
  return { name: file.suggestedFilename(), text: documentText(fs.readFileSync(target)) };
}

test('测试县公安局: from its own XLSX files through the designer to the documents', async () => {
  await byId('create-screen').waitFor({ timeout: 30000 });
  await byId('start-own').click();
  await byId('own-name').fill(BUREAU);
  await byId('own-kind-county').check();
  await byId('own-asof').fill('2026-12');
  await byId('own-background').fill('测试县位于平原地区，辖 6 个派出所、2 个交警中队。');
  await byId('own-next').click();
  await byId('own-units-file').setInputFiles(files.units);
  await page.waitForFunction(() => document.querySelector('[data-testid="own-units-chosen"]')?.textContent?.includes('单位编制.xlsx'));
  await byId('own-next').click();
  await byId('own-roster-file').setInputFiles(files.roster);
  await page.waitForFunction(() => document.querySelector('[data-testid="own-roster-chosen"]')?.textContent?.includes('花名册.xlsx'));
  await byId('own-next').click();
  await byId('own-next').click();
  await byId('own-passphrase').fill(PASSPHRASE);
  await byId('own-confirm').fill(PASSPHRASE);
  await byId('own-create').click();

  // The new workspace opens on 机构设计.
  await byId('designer-totals').waitFor({ timeout: 30000 });
  assert.equal(await byId('tab-designer').getAttribute('aria-selected'), 'true');
  assert.equal((await byId('header-bureau').textContent()).trim(), BUREAU);
  assert.equal(await byId('sample-badge').count(), 0);
  // Workspace files are the desktop app's: the browser shows no 工作区 entry.
  assert.equal(await byId('workspaces-entry').count(), 0);
  assert.equal(await page.locator('[data-testid="map-row"]').count(), OFFICE.length + STATIONS.length + SQUADS.length);
  const start = await structure();
  assert.equal(await byId('total-officers').textContent(), `${start.check.totals.officer_establishment.before} → ${start.check.totals.officer_establishment.after}`);
  await shot(page, 'structure-designer-1-landed.png');

  // A new department, with establishment, posts and functions.
  await byId('designer-add-department').click();
  await treeRow(page, '新部门').waitFor();
  await byId('designer-name').fill(DEPARTMENT);
  await byId('designer-name').press('Tab');
  await treeRow(page, DEPARTMENT).waitFor();
  await setField('officer_establishment', 12, figures(DEPARTMENT, '民警 12'));
  await setField('auxiliary_establishment', 2, figures(DEPARTMENT, '辅警 2'));
  await setField('head_posts', 3, figures(DEPARTMENT, '职数 3+0'));
  await setField('deputy_posts', 6, figures(DEPARTMENT, '职数 3+6'));
  await byId('designer-functions').fill(FUNCTIONS);
  await byId('designer-functions').press('Tab');
  await assert.doesNotReject(async () => {
    for (let i = 0; i < 50; i++) {
      const u = (await structure()).structure.units.find((x) => x.name === DEPARTMENT);
      if (u?.functions === FUNCTIONS) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error('functions not saved');
  });

  // A sub-unit under it.
  await treeRow(page, DEPARTMENT).click();
  await byId('designer-add-sub').click();
  await treeRow(page, '新内设机构').waitFor();
  await byId('designer-name').fill(SUB_UNIT);
  await byId('designer-name').press('Tab');
  await treeRow(page, SUB_UNIT).waitFor();
  await setField('officer_establishment', 6, figures(SUB_UNIT, '民警 6'));
  await setField('head_posts', 1, figures(SUB_UNIT, '职数 1+0'));
  const designed = await structure();
  const dept = designed.structure.units.find((u) => u.name === DEPARTMENT);
  const sub = designed.structure.units.find((u) => u.name === SUB_UNIT);
  assert.equal(sub.parent, dept.id);
  assert.deepEqual([dept.officer_establishment, dept.auxiliary_establishment, dept.head_posts, dept.deputy_posts], [12, 2, 3, 6]);

  // A negative establishment is refused, naming the unit and the field; nothing changes.
  await byId('designer-officer_establishment').fill('-3');
  await byId('designer-officer_establishment').press('Tab');
  const refusal = byId('designer-refusal');
  await refusal.waitFor();
  assert.equal(await refusal.getAttribute('data-code'), 'invalid_structure');
  assert.match(await refusal.textContent(), new RegExp(`「${SUB_UNIT}」的民警编制未能修改`));
  assert.equal(await byId('designer-officer_establishment').inputValue(), '6');
  assert.equal((await structure()).structure.units.find((u) => u.id === sub.id).officer_establishment, 6);
  await shot(page, 'structure-designer-2-refused.png');

  // The merge map: an old unit dragged onto the new department, another assigned by keyboard.
  await mapRow(page, '经侦大队').locator('.name').dragTo(page.locator(`[data-testid="designer-unit"][data-unit="${dept.id}"] .name`));
  await mapRow(page, '经侦大队').locator('.chip', { hasText: DEPARTMENT }).waitFor();
  const keyboard = mapRow(page, '法制大队').getByTestId('map-assign');
  await keyboard.focus();
  await keyboard.selectOption(sub.id);
  await mapRow(page, '法制大队').locator('.chip', { hasText: SUB_UNIT }).waitFor();

  // A unit with people deleted: they go back to 仍在原单位, and undo/redo replay it.
  const before = await structure();
  const oldDrug = before.old_units.find((u) => u.name === '禁毒大队');
  const target = before.structure.merge_map.find((e) => e.from === oldDrug.id).to[0];
  const targetName = before.structure.units.find((u) => u.id === target).name;
  const placedThere = (await server.api('people', {})).body.filter((p) => p.unit === target).map((p) => p.police_number);
  assert.ok(placedThere.length > 0, `people placed in ${targetName}`);
  await page.locator(`[data-testid="designer-unit"][data-unit="${target}"]`).click();
  // The designer asks first, naming the unit and how many people go back; cancel changes nothing.
  await byId('designer-delete').click();
  const ask = byId('delete-confirm');
  await ask.waitFor();
  assert.equal(await ask.getAttribute('data-people'), String(placedThere.length));
  assert.match(await ask.textContent(), new RegExp(`删除「${targetName}」及其下设机构？.*其中已安排的 ${placedThere.length} 人将回到“仍在原单位”`));
  await shot(page, 'structure-designer-3-asked.png');
  await byId('delete-cancel').click();
  await ask.waitFor({ state: 'detached' });
  assert.equal(await page.locator(`[data-testid="designer-unit"][data-unit="${target}"]`).count(), 1);
  assert.equal((await server.api('people', {})).body.filter((p) => p.unit === target).length, placedThere.length);
  await byId('designer-delete').click();
  await byId('delete-confirm-yes').click();
  const notice = byId('designer-notice');
  await notice.waitFor();
  assert.equal(await notice.getAttribute('data-unplaced'), String(placedThere.length));
  assert.match(await notice.textContent(), new RegExp(`已删除「${targetName}」：${placedThere.length} 人回到“仍在原单位”`));
  const people = (await server.api('people', {})).body;
  assert.deepEqual(people.filter((p) => placedThere.includes(p.police_number)).map((p) => p.unit), placedThere.map(() => null));
  await shot(page, 'structure-designer-3-deleted.png');
  await byId('designer-undo').click();
  await page.locator(`[data-testid="designer-unit"][data-unit="${target}"]`).waitFor();
  assert.equal((await server.api('people', {})).body.filter((p) => p.unit === target).length, placedThere.length);
  await byId('designer-redo').click();
  await page.locator(`[data-testid="designer-unit"][data-unit="${target}"]`).waitFor({ state: 'detached' });

  // Every old unit left without a new unit stands out, and is mapped from the keyboard.
  const unmapped = page.locator('[data-testid="map-row"][data-unmapped="true"]');
  assert.ok((await unmapped.count()) > 0, 'the deletion left an old unit unmapped');
  assert.notEqual(await byId('total-unmapped').textContent(), '0 个');
  await page.locator('[data-testid="designer-findings"] li[data-code="unmapped_old_unit"]').first().waitFor();
  while ((await unmapped.count()) > 0) {
    const row = unmapped.first();
    const id = await row.getAttribute('data-old-unit');
    await row.getByTestId('map-assign').selectOption(dept.id);
    await page.locator(`[data-testid="map-row"][data-old-unit="${id}"][data-unmapped="false"]`).waitFor();
  }
  assert.equal(await byId('total-unmapped').textContent(), '0 个');
  const after = await structure();
  assert.deepEqual(after.check.findings.filter((f) => f.code === 'unmapped_old_unit'), []);
  await shot(page, 'structure-designer-4-mapped.png');

  // Solve and accept on the board.
  await byId('tab-board').click();
  await byId('solve-plan').click();
  await page.locator('[data-testid="solve-accept-all"], [data-testid="solve-infeasible"], [data-testid="solve-no-changes"]').first().waitFor({ timeout: 120000 });
  await shot(page, 'structure-designer-5-solved.png');
  assert.equal(await byId('solve-infeasible').count(), 0, await byId('solve-panel').textContent());
  await byId('solve-accept-all').click();
  await page.waitForFunction(() => !document.querySelector('[data-testid="solve-panel"]'));
  assert.equal((await server.api('people', {})).body.filter((p) => p.unit === null).length, 0, 'everyone placed after accepting');

  // The documents, downloaded through the export dialog.
  await byId('io-export').click();
  const docx = await download('docx');
  const sheet = await download('xlsx');
  await shot(page, 'structure-designer-6-exported.png');
  const own = new Set([
    BUREAU,
    ...after.old_units.map((u) => u.name),
    ...after.structure.units.map((u) => u.name),
    // The departments' 职能 are the bureau's own text (defaults name facilities every bureau
    // has, such as 执法办案管理中心, which the sample also has as units).
    ...after.structure.units.map((u) => u.functions ?? ''),
    ...(await server.api('people', {})).body.map((p) => p.name),
  ]);
  const leaks = sampleStrings(own);
  assert.ok(leaks.length > 300, 'the sample strings to look for');
  // The document's title names the bureau, and so does every printed sheet's title.
  assert.ok(docx.text.includes(`${BUREAU}机构改革实施方案`), 'the DOCX is titled for the bureau');
  assert.ok(sheet.text.includes(`${BUREAU}全员转隶名单`), 'the XLSX sheets are titled for the bureau');
  for (const [kind, { name, text }] of [['DOCX', docx], ['XLSX', sheet]]) {
    assert.ok(name.startsWith(BUREAU), `${kind} file ${name} names ${BUREAU}`);
    assert.ok(text.includes(DEPARTMENT), `${kind} carries ${DEPARTMENT}`);
    assert.ok(text.includes(SUB_UNIT), `${kind} carries ${SUB_UNIT}`);
    assert.deepEqual(leaks.filter((s) => text.includes(s) || name.includes(s)), [], `${kind} holds nothing of the sample`);
  }
  assert.deepEqual(errors, []);
});

test('the designer on the county sample: keyboard reordering with undo, and 本局信息', async () => {
  const { db } = initWorkspace('county.json');
  const sample = await startServer(db);
  const p = await browser.newPage();
  const pageErrors = [];
  p.on('pageerror', (e) => pageErrors.push(e.message));
  try {
    await p.goto(sample.url);
    await p.getByTestId('tab-designer').click();
    await p.getByTestId('designer-totals').waitFor({ timeout: 30000 });
    await p.getByTestId('sample-badge').waitFor();
    const view = (await sample.api('structure', {})).body;
    assert.equal(await p.locator('[data-testid="designer-unit"]').count(), view.structure.units.length);
    assert.equal(await p.locator('[data-testid="map-row"]').count(), view.old_units.length);
    const t = view.check.totals;
    assert.equal(await p.getByTestId('total-internal').textContent(), `${t.internal_units.before} → ${t.internal_units.after}`);
    assert.equal(await p.getByTestId('total-posts').textContent(), `${t.posts.before} → ${t.posts.after}`);

    // Keyboard: select the first department, move it down with Alt+↓, undo with Ctrl+Z.
    const top = view.structure.units.filter((u) => !u.parent);
    const first = p.locator(`[data-testid="designer-unit"][data-unit="${top[0].id}"]`);
    await first.click();
    await p.getByTestId('designer-editor').waitFor();
    assert.equal(await p.getByTestId('designer-name').inputValue(), top[0].name);
    await first.focus();
    await p.keyboard.press('Alt+ArrowDown');
    await p.waitForFunction(
      (id) => document.querySelectorAll('[data-testid="designer-unit"][aria-level="1"]')[1]?.getAttribute('data-unit') === id,
      top[0].id,
    );
    const moved = (await sample.api('structure', {})).body.structure.units.filter((u) => !u.parent).map((u) => u.id);
    assert.deepEqual(moved.slice(0, 2), [top[1].id, top[0].id]);
    await p.keyboard.press('Control+z');
    await p.waitForFunction(
      (id) => document.querySelectorAll('[data-testid="designer-unit"][aria-level="1"]')[0]?.getAttribute('data-unit') === id,
      top[0].id,
    );
    await p.screenshot({ path: path.join(ensureArtifacts(), 'structure-designer-7-county.png'), fullPage: true });

    // 本局信息: saved and audited; Escape closes it.
    await p.getByTestId('bureau-open').click();
    await p.getByTestId('bureau-dialog').waitFor();
    assert.equal(await p.getByTestId('bureau-name').inputValue(), '青山县公安局');
    await p.getByTestId('bureau-background').fill('背景已更新。');
    await p.getByTestId('bureau-save').click();
    await p.getByTestId('bureau-saved').waitFor();
    assert.equal((await sample.api('bureau_info', {})).body.bureau.background, '背景已更新。');
    await p.getByTestId('bureau-name').fill('');
    await p.getByTestId('bureau-save').click();
    assert.equal(await p.getByTestId('bureau-error').getAttribute('data-code'), 'bad_request');
    assert.equal((await sample.api('bureau_info', {})).body.bureau.name, '青山县公安局');
    await p.screenshot({ path: path.join(ensureArtifacts(), 'structure-designer-8-bureau.png') });
    await p.keyboard.press('Escape');
    await p.getByTestId('bureau-dialog').waitFor({ state: 'detached' });
    assert.deepEqual(pageErrors, []);
  } finally {
    await p.close();
    await sample.stop();
  }
});
