// The real desktop app under Xvfb, for a bureau that is not the sample: first start →
// 从本局数据开始 (cancelled half-way: no file) with 测试县公安局's generated XLSX files up to the
// structure designer, the window titled for the bureau and its file; then 工作区: a file that is not a workspace, one another
// process holds and one that has gone are refused or marked with precise messages and change
// nothing; another workspace and a recent one open, a new one offers the first-start screen
// without writing a file, an encrypted one asks for its passphrase. The native dialogs stand in
// through BUREAU_PLANNER_PICK_FILE (a file naming the path picked), as exports use
// BUREAU_PLANNER_SAVE_DIR.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { initWorkspace, startServer } from './support/planner.mjs';
import { startDesktopDriver, newSession } from './support/desktop.mjs';
import { desktopBin, ensureArtifacts, fixtures, plannerBin, tempDir } from './support/paths.mjs';
import { BUREAU, OFFICE, SQUADS, STATIONS, rosterRows, unitRows } from './support/test-county.mjs';
import { xlsx } from './support/xlsx.mjs';

const PASSPHRASE = '测试县-改革办-2026';
const SAMPLE = JSON.parse(fs.readFileSync(path.join(fixtures, 'county.json'), 'utf8')).bureau.name;

/** The X window titles on `display` (the native title, not the page's). */
function windowTitles(display) {
  try {
    const ids = execFileSync('xdotool', ['search', '--name', '.'], { env: { ...process.env, DISPLAY: display }, encoding: 'utf8' })
      .split('\n')
      .filter(Boolean);
    return ids.map((id) => {
      try {
        return execFileSync('xdotool', ['getwindowname', id], { env: { ...process.env, DISPLAY: display }, encoding: 'utf8' }).trim();
      } catch {
        return '';
      }
    });
  } catch {
    return [];
  }
}

async function waitForTitle(display, title, ms = 20000) {
  const end = Date.now() + ms;
  let seen = [];
  while (Date.now() < end) {
    seen = windowTitles(display);
    if (seen.includes(title)) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  assert.fail(`window title ${JSON.stringify(title)} not among ${JSON.stringify(seen)}`);
}

/** Page helpers over the W3C session: click, type as a user would, wait for an element. */
function pageOf(session) {
  const q = (id) => `document.querySelector('[data-testid="${id}"]')`;
  return {
    async click(id) {
      const ok = await session.execute(`const el = ${q(id)}; if (!el) return false; el.click(); return true;`);
      assert.equal(ok, true, `${id} to click`);
    },
    async fill(id, value) {
      const ok = await session.execute(
        `const el = ${q(id)}; if (!el) return false; el.value = arguments[0];
         el.dispatchEvent(new Event('input', { bubbles: true })); el.dispatchEvent(new Event('change', { bubbles: true })); return true;`,
        [value],
      );
      assert.equal(ok, true, `${id} to fill`);
    },
    /** A file picked in the page's file input (bytes handed over as the browser would). */
    async pickFile(id, name, bytes) {
      const ok = await session.execute(
        `const [id, name, b64] = arguments;
         const input = document.querySelector('[data-testid="' + id + '"]');
         if (!input) return false;
         const bin = atob(b64);
         const bytes = new Uint8Array(bin.length);
         for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
         const dt = new DataTransfer();
         dt.items.add(new File([bytes], name));
         input.files = dt.files;
         input.dispatchEvent(new Event('change', { bubbles: true }));
         return true;`,
        [id, name, Buffer.from(bytes).toString('base64')],
      );
      assert.equal(ok, true, `${id} to pick a file`);
    },
    waitFor(css, ms = 30000) {
      return waitUntil(() => session.execute(`return !!document.querySelector(arguments[0])`, [css]), css, ms);
    },
    count(css) {
      return session.execute(`return document.querySelectorAll(arguments[0]).length`, [css]);
    },
    attr(css, name) {
      return session.execute(`return document.querySelector(arguments[0])?.getAttribute(arguments[1]) ?? null`, [css, name]);
    },
    text(css) {
      return session.execute(`return document.querySelector(arguments[0])?.textContent?.trim() ?? null`, [css]);
    },
  };
}

async function waitUntil(check, what, ms) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  assert.fail(`timed out waiting for ${what}`);
}

test('first start in the desktop window: 从本局数据开始 with 测试县公安局\'s XLSX files lands on the designer', async (t) => {
  const dir = tempDir('desktop-own');
  const db = path.join(dir, '2026改革.bpw');
  const desktop = await startDesktopDriver({ BUREAU_PLANNER_DB: db });
  t.after(() => desktop.stop());
  const session = await newSession(desktop.driverUrl, desktopBin);
  t.after(() => session.close());
  const page = pageOf(session);

  await page.waitFor('[data-testid="create-screen"]');
  await waitForTitle(desktop.display, '2026改革.bpw — 警力布局规划');
  // Cancelled half-way (the units file read and checked): back on the first-start screen, no file.
  await page.click('start-own');
  await page.fill('own-name', BUREAU);
  await page.click('own-kind-county');
  await page.fill('own-asof', '2026-12');
  await page.click('own-next');
  await page.waitFor('[data-testid="own-form"][data-step="units"]');
  await page.pickFile('own-units-file', '单位编制.xlsx', xlsx(unitRows(), '单位编制'));
  await page.waitFor('[data-testid="own-units-chosen"]');
  await page.click('own-next');
  await page.waitFor('[data-testid="own-form"][data-step="roster"]');
  await page.click('own-cancel');
  await page.waitFor('[data-testid="create-screen"]');
  assert.deepEqual(fs.readdirSync(dir).filter((f) => !f.endsWith('.lock')), [], 'no workspace file after cancelling');

  await page.click('start-own');
  await page.waitFor('[data-testid="own-form"][data-step="details"]');
  await page.fill('own-name', BUREAU);
  await page.click('own-kind-county');
  await page.fill('own-asof', '2026-12');
  await page.fill('own-background', '测试县位于平原地区，辖 6 个派出所、2 个交警中队。');
  await page.click('own-next');
  await page.waitFor('[data-testid="own-form"][data-step="units"]');
  await page.pickFile('own-units-file', '单位编制.xlsx', xlsx(unitRows(), '单位编制'));
  await page.waitFor('[data-testid="own-units-chosen"]');
  await page.click('own-next');
  await page.waitFor('[data-testid="own-form"][data-step="roster"]');
  await page.pickFile('own-roster-file', '花名册.xlsx', xlsx(rosterRows(), '花名册'));
  await page.waitFor('[data-testid="own-roster-chosen"]');
  await page.click('own-next');
  await page.waitFor('[data-testid="own-form"][data-step="template"]');
  assert.equal(fs.existsSync(db), false, 'nothing written before the last step');
  await page.click('own-next');
  await page.fill('own-passphrase', PASSPHRASE);
  await page.fill('own-confirm', PASSPHRASE);
  await page.click('own-create');

  await page.waitFor('[data-testid="designer-totals"]');
  assert.equal(await page.attr('[data-testid="tab-designer"]', 'aria-selected'), 'true');
  assert.equal(await page.text('[data-testid="header-bureau"]'), BUREAU);
  assert.equal(await page.count('[data-testid="sample-badge"]'), 0);
  assert.equal(await page.count('[data-testid="map-row"]'), OFFICE.length + STATIONS.length + SQUADS.length);
  await waitForTitle(desktop.display, `${BUREAU} — 2026改革.bpw — 警力布局规划`);
  assert.notEqual(fs.readFileSync(db).subarray(0, 15).toString('latin1'), 'SQLite format 3', 'encrypted on disk');
  await session.screenshot(path.join(ensureArtifacts(), 'desktop-own-bureau-designer.png'));
});

test('工作区 in the desktop window: refusals change nothing; open, recent, new and encrypted files', async (t) => {
  const dir = tempDir('desktop-workspaces');
  const sample = path.join(dir, '示例.bpw');
  fs.copyFileSync(initWorkspace('county.json').db, sample);
  const own = path.join(dir, '测试县-2026改革.bpw');
  const data = tempDir('desktop-workspaces-files');
  fs.writeFileSync(path.join(data, 'units.xlsx'), xlsx(unitRows(), '单位编制'));
  fs.writeFileSync(path.join(data, 'roster.xlsx'), xlsx(rosterRows(), '花名册'));
  execFileSync(plannerBin, [
    'init', '--name', BUREAU, '--kind', 'county', '--as-of', '2026-12',
    '--units', path.join(data, 'units.xlsx'), '--roster', path.join(data, 'roster.xlsx'), '--db', own,
  ], { stdio: 'pipe' });
  const notWorkspace = path.join(dir, '备忘.bpw');
  fs.writeFileSync(notWorkspace, '这不是工作区文件\n'.repeat(200));
  const held = path.join(dir, '另一程序打开.bpw');
  fs.copyFileSync(initWorkspace('tiny.json').db, held);
  const encrypted = path.join(dir, '加密.bpw');
  execFileSync(plannerBin, ['init', '--from', path.join(fixtures, 'tiny.json'), '--db', encrypted, '--encrypt'], {
    stdio: 'pipe',
    env: { ...process.env, PLANNER_PASSPHRASE: PASSPHRASE },
  });
  const pick = path.join(dir, 'picked.txt');
  const picks = (file) => fs.writeFileSync(pick, file);

  const server = await startServer(held);
  t.after(() => server.stop());
  const desktop = await startDesktopDriver({ BUREAU_PLANNER_DB: sample, BUREAU_PLANNER_PICK_FILE: pick });
  t.after(() => desktop.stop());
  const session = await newSession(desktop.driverUrl, desktopBin);
  t.after(() => session.close());
  const page = pageOf(session);
  const shot = (name) => session.screenshot(path.join(ensureArtifacts(), name));
  const bureau = () => page.text('[data-testid="header-bureau"]');

  await page.waitFor('[data-testid="header-bureau"]');
  assert.equal(await bureau(), SAMPLE);
  await waitForTitle(desktop.display, `${SAMPLE} — 示例.bpw — 警力布局规划`);

  /** 工作区 → 打开工作区… with `file` picked in the (stand-in) dialog. */
  async function openFile(file) {
    picks(file);
    if (!(await page.count('[data-testid="workspaces-dialog"]'))) await page.click('workspaces-entry');
    await page.waitFor('[data-testid="workspaces-dialog"]');
    await page.click('workspaces-open');
  }
  async function refusedWith(code) {
    await page.waitFor(`[data-testid="workspaces-error"][data-code="${code}"]`);
    return page.text('[data-testid="workspaces-error"]');
  }

  // Not a workspace: refused, the sample stays open.
  await openFile(notWorkspace);
  const notText = await refusedWith('not_a_workspace');
  assert.match(notText, /所选文件不是警力布局规划的工作区文件，或已损坏。\s*当前工作区未作任何更改。/);
  assert.ok(notText.includes(notWorkspace), 'the detail names the file');
  await shot('desktop-workspaces-refused.png');
  // Held by another process (`planner serve`): refused, the sample stays open.
  await openFile(held);
  assert.match(await refusedWith('workspace_in_use'), /已在另一个程序中打开/);
  await page.click('workspaces-close');
  assert.equal(await bureau(), SAMPLE);
  await waitForTitle(desktop.display, `${SAMPLE} — 示例.bpw — 警力布局规划`);

  // Another workspace opens: the app remounts on it and the title follows.
  await openFile(own);
  await waitUntil(async () => (await bureau()) === BUREAU, BUREAU, 30000);
  assert.equal(await page.count('[data-testid="workspaces-dialog"]'), 0);
  assert.equal(await page.count('[data-testid="sample-badge"]'), 0);
  await waitForTitle(desktop.display, `${BUREAU} — 测试县-2026改革.bpw — 警力布局规划`);

  // 最近使用: both files, the current one marked; the sample reopens from the list.
  await page.click('workspaces-entry');
  await page.waitFor('[data-testid="recent-item"][data-current="true"]');
  assert.equal(await page.attr('[data-testid="recent-item"][data-current="true"]', 'data-file'), '测试县-2026改革.bpw');
  assert.equal(await page.count('[data-testid="recent-item"][data-file="示例.bpw"][data-exists="true"]'), 1);
  await shot('desktop-workspaces-recent.png');
  await session.execute(`document.querySelector('[data-testid="recent-item"][data-file="示例.bpw"] [data-testid="recent-open"]').click()`);
  await waitUntil(async () => (await bureau()) === SAMPLE, SAMPLE, 30000);
  await waitForTitle(desktop.display, `${SAMPLE} — 示例.bpw — 警力布局规划`);

  // A recent file that has gone is shown as missing and can be removed from the list.
  fs.renameSync(own, `${own}.moved`);
  await page.click('workspaces-entry');
  await page.waitFor('[data-testid="recent-item"][data-file="测试县-2026改革.bpw"][data-exists="false"]');
  assert.equal(await page.count('[data-testid="recent-item"][data-file="测试县-2026改革.bpw"] [data-testid="recent-open"]'), 0);
  await session.execute(`document.querySelector('[data-testid="recent-item"][data-file="测试县-2026改革.bpw"] [data-testid="recent-forget"]').click()`);
  await waitUntil(async () => (await page.count('[data-testid="recent-item"][data-file="测试县-2026改革.bpw"]')) === 0, 'the entry removed', 10000);
  const remembered = JSON.parse(fs.readFileSync(path.join(desktop.env.XDG_CONFIG_HOME, 'cn.bureauplanner.desktop', 'recent-workspaces.json'), 'utf8'));
  assert.deepEqual(remembered.paths.map((p) => path.basename(p)), ['示例.bpw']);
  await page.click('workspaces-close');

  // 新建工作区…: the first-start screen for the new file, and no file until it is created.
  const fresh = path.join(dir, '2027第二轮');
  picks(fresh);
  await page.click('workspaces-entry');
  // The dialog renders after the click: a click before it is there would go nowhere.
  await page.waitFor('[data-testid="workspaces-dialog"]');
  await page.click('workspaces-new');
  await page.waitFor('[data-testid="create-screen"]');
  assert.equal(await page.text('[data-testid="create-file"]'), '2027第二轮.bpw');
  assert.equal(fs.existsSync(`${fresh}.bpw`), false);
  await waitForTitle(desktop.display, '2027第二轮.bpw — 警力布局规划');
  // A name that exists is never replaced by a new workspace.
  picks(sample);
  await page.click('workspaces-entry');
  // The dialog renders after the click: a click before it is there would go nowhere.
  await page.waitFor('[data-testid="workspaces-dialog"]');
  await page.click('workspaces-new');
  assert.match(await refusedWith('bad_request'), /已有同名文件/);
  assert.equal(await page.count('[data-testid="create-screen"]'), 1);

  // An encrypted workspace asks for its passphrase, then opens.
  await openFile(encrypted);
  await page.waitFor('[data-testid="unlock-screen"]');
  await waitForTitle(desktop.display, '加密.bpw — 警力布局规划');
  await page.fill('unlock-passphrase', PASSPHRASE);
  await page.click('unlock-submit');
  await page.waitFor('[data-testid="header-bureau"]');
  const tiny = JSON.parse(fs.readFileSync(path.join(fixtures, 'tiny.json'), 'utf8')).bureau.name;
  assert.equal(await bureau(), tiny);
  await waitForTitle(desktop.display, `${tiny} — 加密.bpw — 警力布局规划`);
});
