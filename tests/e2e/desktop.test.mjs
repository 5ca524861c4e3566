// The real desktop app (the Tauri binary) in a real window under Xvfb: it opens a workspace,
// and the KPI bar it shows equals what `planner metrics` computes for the same file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { initWorkspace, cliMetrics } from './support/planner.mjs';
import { startDesktopDriver, newSession } from './support/desktop.mjs';
import { expectedKpis } from './support/format.mjs';
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
