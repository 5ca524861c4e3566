// 导入方案文件 on the first-start screen, in Debian's Chromium against the real `planner serve`
// with no workspace: a bureau file of a bureau that is not the sample (测试山区县公安局, made
// here from its own units and roster by `planner init` and written out by `planner
// export-bureau`, as on another machine) is picked in the browser and sent as bytes. A broken
// file is refused with its code and creates nothing; the good one opens the bureau with its
// name in the header and no 示例 badge.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { startServer } from './support/planner.mjs';
import { launchBrowser } from './support/chromium.mjs';
import { ensureArtifacts, plannerBin, tempDir } from './support/paths.mjs';
import { rosterStrings } from './support/workspace-bytes.mjs';

const BUREAU = '测试山区县公安局';
const sample = rosterStrings('county.json');

const UNITS = [
  { name: '综合室', kind: '内设机构', tier: '机关', officers: 6 },
  { name: '侦查大队', kind: '内设机构', tier: '机关', officers: 8 },
  { name: '治安巡防大队', kind: '内设机构', tier: '机关', officers: 7 },
  { name: '河口派出所', kind: '派出所', tier: '基层', officers: 9 },
  { name: '岭南派出所', kind: '派出所', tier: '基层', officers: 9 },
  { name: '交警一中队', kind: '交警中队', tier: '基层', officers: 5 },
];

function unitsCsv() {
  const rows = [['单位名称', '类型', '层级', '民警编制', '辅警编制', '正职职数', '副职职数', '警务区数']];
  for (const u of UNITS) rows.push([u.name, u.kind, u.tier, u.officers + 1, 2, 1, 1, u.kind === '派出所' ? 3 : 0]);
  return rows.map((r) => r.join(',')).join('\n') + '\n';
}

/** Names no one in the sample has. */
function names(n) {
  const surnames = ['欧阳', '司马', '上官', '诸葛', '东方', '皇甫'];
  const given = ['子墨', '思远', '若溪', '景行', '云舒', '明哲', '安然', '清扬', '致远', '嘉懿'];
  const taken = new Set(sample.names);
  const out = [];
  for (const s of surnames) for (const g of given) if (!taken.has(s + g) && out.length < n) out.push(s + g);
  assert.equal(out.length, n, 'enough generated names');
  return out;
}

function rosterCsv() {
  const total = UNITS.reduce((s, u) => s + u.officers, 0);
  const people = names(total);
  const rows = [['警号', '姓名', '性别', '出生年月', '人员类别', '职务', '现单位']];
  let i = 0;
  for (const u of UNITS)
    for (let k = 0; k < u.officers; k++, i++)
      rows.push([`S${70001 + i}`, people[i], i % 2 ? '男' : '女', `${1970 + (i % 30)}-0${1 + (i % 9)}`, '民警', k === 0 ? '正职' : '', u.name]);
  return rows.map((r) => r.join(',')).join('\n') + '\n';
}

let dir;
let db;
let bureauFile;
let brokenFile;
let server;
let browser;
let page;
const errors = [];

before(async () => {
  // "Another machine": a workspace made from the bureau's own files, written out as a bureau file.
  const other = tempDir('bureau-file-source');
  fs.writeFileSync(path.join(other, '单位编制.csv'), unitsCsv());
  fs.writeFileSync(path.join(other, '花名册.csv'), rosterCsv());
  const source = path.join(other, 'source.bpw');
  execFileSync(plannerBin, [
    'init', '--name', BUREAU, '--kind', 'county', '--as-of', '2027-01',
    '--units', path.join(other, '单位编制.csv'), '--roster', path.join(other, '花名册.csv'), '--db', source,
  ], { stdio: 'pipe' });
  bureauFile = path.join(other, '测试山区县方案.json');
  execFileSync(plannerBin, ['export-bureau', '--db', source, '--out', bureauFile], { stdio: 'pipe' });
  const text = fs.readFileSync(bureauFile, 'utf8');
  assert.ok(text.includes(BUREAU));
  assert.ok(!text.includes('青山'), 'the bureau file has nothing of the sample');
  brokenFile = path.join(other, '方案-损坏.json');
  fs.writeFileSync(brokenFile, text.slice(0, Math.floor(text.length / 2)));

  dir = tempDir('import-bureau-file');
  db = path.join(dir, 'workspace.bpw');
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
const workspaceFilesIn = (folder) => fs.readdirSync(folder).filter((f) => f !== 'logs' && !f.endsWith('.lock'));

async function pick(file) {
  await byId('bureau-file-input').setInputFiles(file);
  await page.waitForFunction(
    (name) => document.querySelector('[data-testid="bureau-file-chosen"]')?.textContent?.includes(name),
    path.basename(file),
  );
}

test('a bureau file from another machine becomes the workspace; a broken one creates nothing', async () => {
  await byId('create-screen').waitFor();
  await byId('create-encrypt').uncheck();

  await pick(brokenFile);
  await byId('bureau-file-submit').click();
  const error = byId('gate-error');
  await error.waitFor({ timeout: 30000 });
  assert.equal(await error.getAttribute('data-code'), 'invalid_bureau_file');
  assert.match(await error.textContent(), /方案-损坏\.json/);
  await shot('import-bureau-file-1-refused.png');
  assert.deepEqual(workspaceFilesIn(dir), []);
  assert.equal((await server.api('workspace_status')).body.state, 'absent');

  await pick(bureauFile);
  await shot('import-bureau-file-2-chosen.png');
  await byId('bureau-file-submit').click();
  await byId('tab-overview').waitFor({ timeout: 30000 });
  await byId('header-bureau').waitFor({ timeout: 30000 });
  assert.equal((await byId('header-bureau').textContent()).trim(), BUREAU);
  assert.equal(await byId('sample-badge').count(), 0);
  await page.getByText('河口派出所').first().waitFor({ timeout: 30000 });
  await shot('import-bureau-file-3-open.png');
  const html = await page.content();
  assert.ok(!html.includes('青山'), 'nothing of the sample bureau on the page');

  const { body: info } = await server.api('workspace_info');
  assert.equal(info.bureau.name, BUREAU);
  assert.equal(info.bureau.as_of, '2027-01');
  assert.deepEqual(workspaceFilesIn(dir).filter((f) => f.endsWith('.bpw')), ['workspace.bpw']);
  assert.deepEqual(errors, []);
});
