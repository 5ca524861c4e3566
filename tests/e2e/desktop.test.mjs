// The real desktop app (the Tauri binary) in a real window under Xvfb: it opens a workspace,
// and the KPI bar it shows equals what `planner metrics` computes for the same file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { initWorkspace, cliMetrics, cliMetricsWhenFree } from './support/planner.mjs';
import { startDesktopDriver, newSession } from './support/desktop.mjs';
import { expectedKpis, pct } from './support/format.mjs';
import { desktopBin, ensureArtifacts } from './support/paths.mjs';

test('the desktop window shows the county sample with the API\'s KPIs', async (t) => {
  const { db } = initWorkspace('county.json');
  const expected = expectedKpis(cliMetrics(db));
  const desktop = await startDesktopDriver({ BUREAU_PLANNER_DB: db });
  t.after(() => desktop.stop());
  const session = await newSession(desktop.driverUrl, desktopBin);
  t.after(() => session.close());

  await session.waitText('[data-testid="kpi-station-share"]');
  for (const [id, value] of Object.entries(expected)) {
    assert.equal((await session.text(`[data-testid="${id}"]`)).trim(), value, id);
  }
  const dir = ensureArtifacts();
  await session.screenshot(path.join(dir, 'desktop-window.png'));
  // The whole X screen too, to see the real window with its decorations.
  try {
    execFileSync('import', ['-window', 'root', path.join(dir, 'desktop-screen.png')], {
      env: { ...process.env, DISPLAY: desktop.display },
    });
  } catch {
    // imagemagick is optional; the WebDriver screenshot above is the evidence.
  }
});

test('on first start the desktop app asks to encrypt the new workspace, then opens the county sample', async (t) => {
  const desktop = await startDesktopDriver();
  t.after(() => desktop.stop());
  const session = await newSession(desktop.driverUrl, desktopBin);
  t.after(() => session.close());
  await session.waitText('[data-testid="create-screen"]');
  const checked = await session.execute(
    'return document.querySelector(\'[data-testid="create-encrypt"]\').checked',
  );
  assert.equal(checked, true, 'encryption is the default');
  // Typed as a user would: the value, then the input event the fields listen to.
  const typed = await session.execute(
    `for (const id of ['create-passphrase', 'create-confirm']) {
       const el = document.querySelector('[data-testid="' + id + '"]');
       el.value = arguments[0];
       el.dispatchEvent(new Event('input', { bubbles: true }));
     }
     document.querySelector('[data-testid="create-submit"]').click();
     return true;`,
    ['桌面端口令-2026'],
  );
  assert.equal(typed, true);
  assert.equal(await session.waitText('[data-testid="kpi-officers"]'), '331');

  const appDir = path.join(desktop.env.XDG_DATA_HOME, 'cn.bureauplanner.desktop');
  const file = fs.readFileSync(path.join(appDir, 'workspace.bpw'));
  assert.notEqual(file.subarray(0, 15).toString('latin1'), 'SQLite format 3', 'encrypted on disk');
  const log = fs.readFileSync(path.join(appDir, 'logs', 'planner.log'), 'utf8');
  assert.match(log, /start host=desktop/);
  assert.match(log, / call workspace_create ok \d+ms/);
});

// HTML5 drag-and-drop in the real window: WebKitWebDriver's pointer actions do not fire drag
// events, so the test dispatches them itself (dragstart → dragover → drop with one DataTransfer),
// as the page's own handlers receive them from a real mouse.
const DRAG_SCRIPT = `
  const [fromSel, toSel] = arguments;
  const card = document.querySelector(fromSel);
  const target = document.querySelector(toSel);
  if (!card || !target) return 'missing ' + (!card ? fromSel : toSel);
  const dt = new DataTransfer();
  const fire = (el, type) => el.dispatchEvent(new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer: dt }));
  fire(card, 'dragstart');
  fire(target, 'dragenter');
  fire(target, 'dragover');
  fire(target, 'drop');
  fire(card, 'dragend');
  return card.dataset.pn + ' -> ' + target.dataset.testid;
`;

test('one drag on the board in the desktop window moves an officer and the gauge reads back the API value', async (t) => {
  const { db } = initWorkspace('county.json');
  const before = cliMetrics(db);
  const desktop = await startDesktopDriver({ BUREAU_PLANNER_DB: db });
  t.after(() => desktop.stop());
  const session = await newSession(desktop.driverUrl, desktopBin);
  t.after(() => session.close());

  await session.waitText('[data-testid="tab-board"]');
  await session.execute('document.querySelector(\'[data-testid="tab-board"]\').click()');
  assert.equal(await session.waitText('[data-testid="gauge-station-share"]'), pct(before.station_share));
  const moved = await session.execute(DRAG_SCRIPT, [
    // An officer without a post: a unit head or deputy leaving the department is asked about first.
    '[data-testid="board-office"] [data-testid^="board-unit-"] .card.officer[data-post="none"]',
    '[data-testid="board-grassroots"] [data-testid^="board-unit-"]',
  ]);
  assert.match(String(moved), / -> board-unit-/, String(moved));
  // The move went through the API and was saved: revision 1, nothing in flight.
  const deadline = Date.now() + 20000;
  let state;
  while (Date.now() < deadline) {
    state = await session.execute(
      'const el = document.querySelector(\'[data-testid="save-state"]\'); return el && [el.dataset.revision, el.classList.contains("saving")];',
    );
    if (state?.[0] === '1' && state[1] === false) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  assert.deepEqual(state, ['1', false], 'the edit was saved');
  const gauge = (await session.text('[data-testid="gauge-station-share"]')).trim();
  assert.equal((await session.text('[data-testid="gauge-moves"]')).trim(), '1');
  await session.screenshot(path.join(ensureArtifacts(), 'desktop-board-after-drag.png'));
  // The app holds the workspace while it runs (one process at a time): close it, then ask the CLI.
  await session.close();
  await desktop.stop();
  const after = await cliMetricsWhenFree(db);
  assert.equal(after.moved, 1);
  assert.notEqual(after.station_share, before.station_share);
  assert.equal(gauge, pct(after.station_share));
});

// The locked-down shell: the page cannot leave the app, open windows, run inline or
// eval'd script, reach the network, or call anything but the app's own commands.
test('the desktop window never leaves the app and its page is locked down', async (t) => {
  const { db } = initWorkspace('county.json');
  const desktop = await startDesktopDriver({ BUREAU_PLANNER_DB: db });
  t.after(() => desktop.stop());
  const session = await newSession(desktop.driverUrl, desktopBin);
  t.after(() => session.close());
  await session.waitText('[data-testid="kpi-officers"]');
  const home = await session.execute('return location.href');
  assert.match(home, /^(tauri:\/\/localhost|https?:\/\/tauri\.localhost)(\/|$)/, home);
  const handles = await session.windowHandles();

  // Navigation away: a remote site, a local file, a blank page (which would load even
  // offline), a link with target=_blank, window.open.
  for (const url of ['https://example.com/', 'file:///etc/hostname', 'about:blank']) {
    await session.execute('window.location = arguments[0]', [url]);
    await new Promise((r) => setTimeout(r, 1000));
  }
  const opened = await session.execute(`
    const a = document.createElement('a');
    a.href = 'https://example.com/'; a.target = '_blank'; a.rel = 'opener';
    document.body.appendChild(a); a.click(); a.remove();
    const w = window.open('https://example.com/');
    return w === null ? 'null' : typeof w;`);
  await new Promise((r) => setTimeout(r, 1000));
  assert.equal(await session.execute('return location.href'), home, 'still on the app page');
  assert.equal(await session.text('[data-testid="kpi-officers"]'), '331');
  assert.deepEqual(await session.windowHandles(), handles, 'no new window');
  assert.equal(opened, 'null', 'window.open is refused');

  // The CSP: no inline script, no eval, no remote fetch, no injected <style> element (style
  // attributes are allowed: ECharts writes its tooltips with them).
  const csp = await session.executeAsync(`
    const done = arguments[arguments.length - 1];
    const violations = [];
    document.addEventListener('securitypolicyviolation', (e) => violations.push(e.violatedDirective));
    const s = document.createElement('script');
    s.textContent = 'window.__inlineRan = true';
    document.head.appendChild(s);
    const style = document.createElement('style');
    style.textContent = 'body { outline: 7px solid rgb(255, 0, 0) }';
    document.head.appendChild(style);
    let evalRan = false;
    try { evalRan = eval('1 + 1') === 2; } catch { evalRan = false; }
    fetch('https://example.com/').then(() => 'fetched', (e) => 'refused').then((fetched) =>
      setTimeout(() => done({
        inline: window.__inlineRan === true, evalRan, fetched, violations,
        styled: getComputedStyle(document.body).outlineWidth === '7px',
      }), 300));`);
  assert.equal(csp.inline, false, 'inline script ran');
  assert.equal(csp.evalRan, false, 'eval ran');
  assert.equal(csp.fetched, 'refused', 'a remote fetch went out');
  assert.equal(csp.styled, false, 'an injected <style> element applied');
  assert.ok(csp.violations.some((d) => d.startsWith('script-src')), JSON.stringify(csp.violations));
  assert.ok(csp.violations.some((d) => d.startsWith('connect-src')), JSON.stringify(csp.violations));
  assert.ok(csp.violations.some((d) => d.startsWith('style-src')), JSON.stringify(csp.violations));

  // The IPC: our commands answer, a plugin's or the core's do not (no permission granted).
  const ipc = await session.executeAsync(`
    const done = arguments[arguments.length - 1];
    const invoke = window.__TAURI_INTERNALS__.invoke;
    const probe = (cmd, args) => invoke(cmd, args).then(() => 'allowed', (e) => String(e?.message ?? e));
    Promise.all([
      invoke('api', { method: 'workspace_info', args: {} }).then((r) => 'ok ' + r.bureau.name, (e) => 'failed ' + JSON.stringify(e)),
      probe('plugin:dialog|save', { options: {} }),
      probe('plugin:fs|read_text_file', { path: '/etc/hostname' }),
      probe('plugin:event|listen', { event: 'x', target: { kind: 'Any' }, handler: 0 }),
      probe('plugin:window|close', { label: 'main' }),
      invoke('api', { method: 'export_document', args: { format: 'csv', path: '/tmp/bp-escape.csv' } })
        .then(() => 'wrote', (e) => e.code),
    ]).then(done);`);
  assert.match(ipc[0], /^ok /, ipc[0]);
  for (const denied of ipc.slice(1, 5)) assert.notEqual(denied, 'allowed', JSON.stringify(ipc));
  assert.equal(ipc[5], 'bad_request', 'the page may not name a file to write');
  assert.equal(await session.execute('return location.href'), home);
});

// Exports in the desktop app go through the shell's save dialog; BUREAU_PLANNER_SAVE_DIR makes
// the shell skip the dialog and save into that folder (tests only).
test('exporting a DOCX from the desktop window saves a Word file', async (t) => {
  const { db, dir } = initWorkspace('county.json');
  const saveDir = path.join(dir, 'saved');
  fs.mkdirSync(saveDir);
  const desktop = await startDesktopDriver({ BUREAU_PLANNER_DB: db, BUREAU_PLANNER_SAVE_DIR: saveDir });
  t.after(() => desktop.stop());
  const session = await newSession(desktop.driverUrl, desktopBin);
  t.after(() => session.close());
  await session.waitText('[data-testid="kpi-officers"]');
  await session.execute('document.querySelector(\'[data-testid="io-export"]\').click()');
  await session.waitText('[data-testid="io-export-docx"]');
  await session.execute('document.querySelector(\'[data-testid="io-export-docx"]\').click()');
  const message = await session.waitText('[data-testid="io-saved"]', 60000);
  const files = fs.readdirSync(saveDir);
  assert.equal(files.length, 1, files.join(', '));
  assert.match(files[0], /\.docx$/);
  assert.ok(message.includes(files[0]), `${message} names ${files[0]}`);
  const bytes = fs.readFileSync(path.join(saveDir, files[0]));
  assert.equal(bytes.subarray(0, 4).toString('binary'), 'PK\x03\x04', 'a zip file');
  assert.ok(zipEntries(bytes).includes('word/document.xml'), 'with word/document.xml');
  await session.screenshot(path.join(ensureArtifacts(), 'desktop-export-saved.png'));
});

/** The names in a zip's central directory. */
function zipEntries(buf) {
  const end = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  assert.ok(end >= 0, 'end of central directory');
  const count = buf.readUInt16LE(end + 10);
  let at = buf.readUInt32LE(end + 16);
  const names = [];
  for (let i = 0; i < count; i++) {
    assert.equal(buf.readUInt32LE(at), 0x02014b50, 'central directory entry');
    const nameLen = buf.readUInt16LE(at + 28);
    const extraLen = buf.readUInt16LE(at + 30);
    const commentLen = buf.readUInt16LE(at + 32);
    names.push(buf.subarray(at + 46, at + 46 + nameLen).toString('utf8'));
    at += 46 + nameLen + extraLen + commentLen;
  }
  return names;
}

// The real native save dialog (GTK), driven with xdotool: the export names the document, the
// planner types where to save it; a cancelled dialog saves nothing and shows no error.
test('the desktop export opens the native save dialog; saving writes the file, cancelling nothing', async (t) => {
  const { db, dir } = initWorkspace('county.json');
  const desktop = await startDesktopDriver({ BUREAU_PLANNER_DB: db });
  t.after(() => desktop.stop());
  const session = await newSession(desktop.driverUrl, desktopBin);
  t.after(() => session.close());
  const x = (...args) => execFileSync('xdotool', args, { env: { ...process.env, DISPLAY: desktop.display }, encoding: 'utf8' });
  /** Clicks an export button, waits for the dialog to be mapped and gives it the keyboard. */
  async function openDialog(format) {
    await session.execute(`document.querySelector('[data-testid="io-export-${format}"]').click()`);
    const deadline = Date.now() + 20000;
    let last;
    while (Date.now() < deadline) {
      try {
        const id = x('search', '--onlyvisible', '--name', '^(Save File|保存文件)$').trim().split('\n')[0];
        x('windowfocus', '--sync', id);
        return id;
      } catch (e) {
        last = e;
        await new Promise((r) => setTimeout(r, 200));
      }
    }
    throw new Error(`no save dialog appeared: ${last?.message}`);
  }
  const idle = () =>
    session.execute(`return !document.querySelector('[data-testid="io-export-xlsx"]').disabled`);

  await session.waitText('[data-testid="kpi-officers"]');
  await session.execute('document.querySelector(\'[data-testid="io-export"]\').click()');
  await session.waitText('[data-testid="io-export-xlsx"]');

  // Cancel: Escape closes the dialog; no file, no message, no error.
  await openDialog('xlsx');
  x('key', 'Escape');
  const end = Date.now() + 20000;
  while (!(await idle()) && Date.now() < end) await new Promise((r) => setTimeout(r, 200));
  assert.ok(await idle(), 'the export finished');
  assert.equal(await session.execute('return document.querySelector(\'[data-testid="io-saved"]\')'), null);
  assert.equal(await session.execute('return document.querySelector(\'[role="alert"]\')'), null);

  // Save: the dialog proposes the document's name; type a full path instead.
  await openDialog('xlsx');
  const target = path.join(dir, 'chosen-by-planner.xlsx');
  x('key', 'ctrl+a');
  x('type', '--delay', '10', target);
  x('key', 'Return');
  const message = await session.waitText('[data-testid="io-saved"]', 30000);
  assert.ok(message.includes('chosen-by-planner.xlsx'), message);
  const bytes = fs.readFileSync(target);
  assert.equal(bytes.subarray(0, 4).toString('binary'), 'PK\x03\x04', 'an XLSX (zip) file');
  assert.ok(zipEntries(bytes).includes('xl/workbook.xml'), 'with xl/workbook.xml');
  assert.deepEqual(fs.readdirSync(dir).filter((f) => f.endsWith('.partial')), [], 'no partial file left');
});
