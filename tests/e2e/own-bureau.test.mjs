// First start from the bureau's own data, in Debian's Chromium against the real `planner serve`
// with no workspace: the wizard "从本局数据开始" for a bureau that is not the sample (测试县公安局:
// 18 old units, 6 stations, 2 traffic squads, 250 people generated here), a broken roster that
// the backend's check keeps on the roster step with row-precise problems, then the good one; the
// workspace shows the bureau, no sample badge and nothing of the sample. Cancelling half-way
// leaves no workspace file. The sample itself carries the 示例 badge.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { initWorkspace, startServer } from './support/planner.mjs';
import { launchBrowser } from './support/chromium.mjs';
import { ensureArtifacts, tempDir } from './support/paths.mjs';
import { rosterStrings } from './support/workspace-bytes.mjs';
import { AUXILIARIES, BUREAU, OFFICERS, rosterRows, toCsv, unitRows } from './support/test-county.mjs';

const PASSPHRASE = '测试县-改革办-2026';
const sample = rosterStrings('county.json');

let dir;
let db;
let files;
let server;
let browser;
let page;
const errors = [];

before(async () => {
  dir = tempDir('own-bureau');
  db = path.join(dir, 'workspace.bpw');
  const data = tempDir('own-bureau-files');
  const good = rosterRows();
  const broken = good.map((r) => [...r]);
  // Row 5 (the header is row 1) names a unit the units file does not have; row 9 has no gender.
  broken[4][6] = '不存在的中队';
  broken[8][2] = '未知';
  files = {
    units: path.join(data, '单位编制.csv'),
    roster: path.join(data, '花名册.csv'),
    broken: path.join(data, '花名册-有误.csv'),
  };
  fs.writeFileSync(files.units, toCsv(unitRows()));
  fs.writeFileSync(files.roster, toCsv(good));
  fs.writeFileSync(files.broken, toCsv(broken));
  assert.equal(good.length - 1, 250);
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
const stepOf = () => byId('own-form').getAttribute('data-step');
/** Waits for the wizard to show `step` (leaving the file steps waits for the backend's check). */
const onStep = (step) => page.locator(`[data-testid="own-form"][data-step="${step}"]`).waitFor({ timeout: 30000 });
/** Workspace files in the folder: the server's log folder and its process lock (held from
 *  start, workspace or not) aside. */
const workspaceFilesIn = (folder) => fs.readdirSync(folder).filter((f) => f !== 'logs' && !f.endsWith('.lock'));

/** Picks a file on the units or roster step and waits until the page has read it. */
async function choose(which, file) {
  await byId(`own-${which}-file`).setInputFiles(file);
  await page.waitForFunction(
    ([id, name]) => document.querySelector(`[data-testid="${id}"]`)?.textContent?.includes(name),
    [`own-${which}-chosen`, path.basename(file)],
  );
}

async function details() {
  await byId('own-name').fill(BUREAU);
  await byId('own-kind-county').check();
  await byId('own-asof').fill('2026-12');
  await byId('own-background').fill('测试县位于平原地区，辖 6 个派出所、2 个交警中队。');
}

test('cancelling in the middle of the wizard creates nothing and returns to the first-start screen', async () => {
  await byId('create-screen').waitFor();
  assert.match(await byId('start-own').textContent(), /从本局数据开始/);
  assert.match(await byId('create-submit').textContent(), /打开示例（青山县公安局）/);
  // 打开工作区… / 新建工作区… / 最近使用 are the desktop app's: none of them in a browser.
  assert.equal(await byId('workspaces-entry').count(), 0);
  await shot('own-bureau-0-first-start.png');
  await byId('start-own').click();
  await byId('own-wizard').waitFor();
  assert.equal(await stepOf(), 'details');
  // 下一步 on an empty first step says what is missing and stays.
  await byId('own-next').click();
  await byId('own-name-problem').waitFor();
  await byId('own-asof-problem').waitFor();
  assert.equal(await stepOf(), 'details');
  await details();
  await byId('own-asof').fill('2026-13');
  await byId('own-next').click();
  assert.match(await byId('own-asof-problem').textContent(), /01–12/);
  await byId('own-asof').fill('2026-12');
  await byId('own-next').click();
  assert.equal(await stepOf(), 'units');
  await choose('units', files.units);
  await byId('own-next').click();
  await onStep('roster');
  await byId('own-cancel').click();
  await byId('create-screen').waitFor();
  assert.equal(await byId('own-wizard').count(), 0);
  assert.deepEqual(workspaceFilesIn(dir), []);
  assert.equal((await server.api('workspace_status')).body.state, 'absent');
});

test('from the bureau\'s own files: a broken roster stays on its step, the good one creates 测试县公安局', async () => {
  await byId('start-own').click();
  await byId('own-wizard').waitFor();
  // A fresh wizard: nothing kept from the cancelled one.
  assert.equal(await byId('own-name').inputValue(), '');
  await details();
  await shot('own-bureau-1-details.png');
  await byId('own-next').click();

  assert.equal(await stepOf(), 'units');
  await byId('own-next').click();
  await byId('own-units-problem').waitFor();
  await choose('units', files.units);
  assert.match(await byId('own-units-chosen').textContent(), /单位编制\.csv/);
  assert.match(await byId('own-units-columns').textContent(), /民警编制/);
  await shot('own-bureau-2-units.png');
  await byId('own-next').click();

  await onStep('roster');
  await choose('roster', files.broken);
  await shot('own-bureau-3-roster.png');
  await byId('own-next').click();

  // Checked without creating anything: the roster step keeps the planner, with every located
  // problem phrased from its code.
  await byId('own-refused').waitFor({ timeout: 30000 });
  assert.equal(await stepOf(), 'roster');
  const problems = await byId('own-problems').locator('li').allTextContents();
  assert.equal(problems.length, 2, problems.join('\n'));
  assert.match(await byId('own-refused').textContent(), /共 2 处问题：/);
  assert.match(problems[0], /花名册-有误\.csv 第 5 行，G \(现单位\) 列：发现“不存在的中队”/);
  assert.match(problems[1], /第 9 行，C \(性别\) 列：发现“未知”/);
  assert.deepEqual(
    await byId('own-problems').locator('li').evaluateAll((lis) => lis.map((li) => li.getAttribute('data-code'))),
    ['bad_cell', 'bad_cell'],
  );
  // What was expected reads in the planner's language: no English inside the Chinese lines
  // (beyond the file's name and the column letters), the backend's English in English.
  assert.match(problems[0], /应为 本工作区 18 个现有单位（原机构）之一的名称或编号$/);
  assert.match(problems[1], /应为 男或女$/);
  for (const line of problems) assert.doesNotMatch(line.replaceAll('花名册-有误.csv', ''), /[A-Za-z]{2,}/, line);
  await shot('own-bureau-6-roster-refused.png');
  await byId('lang-switch').click();
  await page.waitForFunction(() => document.documentElement.lang === 'en');
  const english = await byId('own-problems').locator('li').allTextContents();
  assert.match(english[0], /expected the name or id of one of the workspace's 18 current units \(old structure\)$/);
  assert.match(english[1], /row 9, column C \(性别\): found "未知", expected 男 or 女 \(male or female\)$/);
  await byId('lang-switch').click();
  await page.waitForFunction(() => document.documentElement.lang === 'zh-CN');
  assert.deepEqual(workspaceFilesIn(dir), []);
  assert.equal((await server.api('workspace_status')).body.state, 'absent');

  // The good roster answers the problems.
  await choose('roster', files.roster);
  assert.equal(await byId('own-refused').count(), 0);
  await byId('own-next').click();

  await onStep('template');
  assert.equal(await byId('own-template-one-plus-five').isChecked(), true);
  await shot('own-bureau-4-template.png');
  await byId('own-next').click();

  assert.equal(await stepOf(), 'security');
  assert.equal(await byId('own-encrypt').isChecked(), true);
  await byId('own-passphrase').fill(PASSPHRASE);
  await byId('own-confirm').fill(PASSPHRASE);
  await shot('own-bureau-5-security.png');
  await byId('own-create').click();

  // A workspace made from the bureau's own files opens on the structure designer.
  await byId('designer').waitFor({ timeout: 30000 });
  assert.equal(await byId('tab-designer').getAttribute('aria-selected'), 'true');
  await byId('tab-overview').click();
  await byId('kpi-officers').waitFor({ timeout: 30000 });
  assert.equal((await byId('header-bureau').textContent()).trim(), BUREAU);
  assert.equal(await byId('sample-badge').count(), 0);
  assert.equal((await byId('kpi-officers').textContent()).trim(), String(OFFICERS));
  assert.equal((await byId('kpi-auxiliaries').textContent()).trim(), String(AUXILIARIES));
  await page.getByText('东城派出所').first().waitFor();
  await shot('own-bureau-7-overview.png');

  const html = await page.content();
  assert.ok(!html.includes('青山'), 'nothing of the sample bureau on the page');
  const sampleNames = sample.names.filter((n) => html.includes(n));
  assert.deepEqual(sampleNames, []);

  const { body: status } = await server.api('workspace_status');
  assert.equal(status.state, 'open');
  assert.equal(status.encrypted, true);
  const { body: info } = await server.api('workspace_info');
  assert.equal(info.bureau.name, BUREAU);
  assert.equal(info.bureau.as_of, '2026-12');
  assert.equal(info.scenarios[0].structure_name, '1+5(+N)+1');
  assert.deepEqual(workspaceFilesIn(dir).filter((f) => f.endsWith('.bpw')), ['workspace.bpw']);
  assert.deepEqual(errors, []);
});

test('the sample is marked 示例 in the header', async () => {
  const { db: sampleDb } = initWorkspace('county.json');
  const sampleServer = await startServer(sampleDb);
  const samplePage = await browser.newPage();
  try {
    await samplePage.goto(sampleServer.url);
    await samplePage.getByTestId('sample-badge').waitFor({ timeout: 30000 });
    assert.equal((await samplePage.getByTestId('header-bureau').textContent()).trim(), '青山县公安局');
    assert.equal((await samplePage.getByTestId('sample-badge').textContent()).trim(), '示例');
    await samplePage.screenshot({ path: path.join(ensureArtifacts(), 'own-bureau-8-sample-badge.png') });
  } finally {
    await samplePage.close();
    await sampleServer.stop();
  }
});
