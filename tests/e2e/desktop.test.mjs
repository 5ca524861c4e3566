// The real desktop app (the Tauri binary) in a real window under Xvfb: it opens a workspace,
// and the KPI bar it shows equals what `planner metrics` computes for the same file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { initWorkspace, cliMetrics } from './support/planner.mjs';
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

test('on first start with no workspace the desktop app opens the bundled county sample', async (t) => {
  const desktop = await startDesktopDriver();
  t.after(() => desktop.stop());
  const session = await newSession(desktop.driverUrl, desktopBin);
  t.after(() => session.close());
  const officers = await session.waitText('[data-testid="kpi-officers"]');
  assert.equal(officers, '331');
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
    '[data-testid="board-office"] [data-testid^="board-unit-"] .card.officer',
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
  const after = cliMetrics(db);
  assert.equal(after.moved, 1);
  assert.notEqual(after.station_share, before.station_share);
  assert.equal((await session.text('[data-testid="gauge-station-share"]')).trim(), pct(after.station_share));
  assert.equal((await session.text('[data-testid="gauge-moves"]')).trim(), '1');
  await session.screenshot(path.join(ensureArtifacts(), 'desktop-board-after-drag.png'));
});
