// The Debian package (`make test-dist`): built by `tauri bundle --debug` from the dev binary
// already in target/debug, installed with dpkg (its Depends must be satisfied by the packages
// `make deps` installs), started from /usr/bin under Xvfb on a prepared workspace, then removed.
// Needs root (or sudo) for dpkg. Never builds anything itself.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { initWorkspace } from '../e2e/support/planner.mjs';
import { startDesktopDriver, newSession } from '../e2e/support/desktop.mjs';
import { ensureArtifacts, repo, targetDir } from '../e2e/support/paths.mjs';

const PACKAGE = 'bureau-planner';
const INSTALLED_BIN = '/usr/bin/bureau-planner';
const DESKTOP_FILE = '/usr/share/applications/Bureau Planner.desktop';

/** The .deb to test: $BUREAU_PLANNER_DEB, else the newest in target/debug/bundle/deb. */
function debFile() {
  if (process.env.BUREAU_PLANNER_DEB) return process.env.BUREAU_PLANNER_DEB;
  const dir = path.join(targetDir, 'debug', 'bundle', 'deb');
  const debs = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.deb')) : [];
  assert.ok(debs.length > 0, `no .deb in ${dir}: run \`make test-dist\``);
  return debs.map((f) => path.join(dir, f)).sort((a, b) => fs.statSync(b).mtimeMs - fs.statSync(a).mtimeMs)[0];
}

function sh(cmd, args, opts = {}) {
  return execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], ...opts });
}

/** dpkg as root: directly when we are root, else through sudo. */
function dpkg(args) {
  return process.getuid?.() === 0 ? sh('dpkg', args) : sh('sudo', ['-n', 'dpkg', ...args]);
}

function installed() {
  try {
    return sh('dpkg-query', ['-W', '-f=${Status}', PACKAGE]).includes('install ok installed');
  } catch {
    return false;
  }
}

/** The workspace version from the root Cargo.toml ([workspace.package] version). */
function workspaceVersion() {
  const toml = fs.readFileSync(path.join(repo, 'Cargo.toml'), 'utf8');
  const section = toml.split(/^\[workspace\.package\]\s*$/m)[1] ?? '';
  const m = section.match(/^version\s*=\s*"([^"]+)"/m);
  assert.ok(m, 'workspace.package.version');
  return m[1];
}

/** A .desktop file's [Desktop Entry] keys. */
function desktopEntry(text) {
  const entry = {};
  for (const line of text.split('\n')) {
    const m = line.match(/^([A-Za-z0-9-]+(?:\[[^\]]+\])?)=(.*)$/);
    if (m) entry[m[1]] = m[2];
  }
  return entry;
}

test('the .deb names the app in Chinese and English, carries its icon and the workspace version', () => {
  const deb = debFile();
  const field = (f) => sh('dpkg-deb', ['-f', deb, f]).trim();
  assert.equal(field('Package'), PACKAGE);
  assert.equal(field('Version'), workspaceVersion());
  assert.equal(field('Architecture'), 'amd64');
  const depends = field('Depends').split(',').map((d) => d.trim().split(/\s/)[0]);
  assert.deepEqual(depends.sort(), ['libgtk-3-0', 'libwebkit2gtk-4.1-0']);
  for (const dep of depends) {
    assert.match(sh('dpkg-query', ['-W', '-f=${Status}', dep]), /install ok installed/, `${dep} (from make deps)`);
  }
  // `dpkg-deb -c` lines end in "HH:MM path" (the path may hold spaces, with or without "./").
  const files = sh('dpkg-deb', ['-c', deb])
    .split('\n')
    .map((l) => l.match(/\d\d:\d\d (?:\.\/)?(.*)$/)?.[1])
    .filter(Boolean);
  assert.ok(files.includes('usr/bin/bureau-planner'), files.join('\n'));
  assert.ok(files.includes('usr/share/applications/Bureau Planner.desktop'), files.join('\n'));
  for (const size of ['32x32', '64x64', '128x128', '256x256', '512x512']) {
    assert.ok(files.includes(`usr/share/icons/hicolor/${size}/apps/bureau-planner.png`), `${size} icon`);
  }
  const dir = fs.mkdtempSync('/tmp/bp-deb-');
  try {
    sh('dpkg-deb', ['-x', deb, dir]);
    const entry = desktopEntry(fs.readFileSync(path.join(dir, DESKTOP_FILE), 'utf8'));
    assert.equal(entry.Name, 'Bureau Planner');
    assert.equal(entry['Name[zh_CN]'], '警力布局规划');
    assert.ok(entry.Comment?.length > 0, 'Comment');
    assert.ok(entry['Comment[zh_CN]']?.length > 0, 'Comment[zh_CN]');
    assert.equal(entry.Exec, 'bureau-planner');
    assert.equal(entry.Icon, 'bureau-planner');
    assert.equal(entry.Type, 'Application');
    assert.match(entry.Categories, /(^|;)Office;/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('the installed app starts from /usr/bin and shows its window, then uninstalls cleanly', async (t) => {
  const deb = debFile();
  const wasInstalled = installed();
  dpkg(['-i', deb]);
  // Remove it again, unless it was installed before this test (then leave it as found).
  t.after(() => {
    if (!wasInstalled && installed()) dpkg(['-r', PACKAGE]);
  });
  assert.ok(installed(), 'dpkg -i installed it (its Depends are satisfied)');
  assert.ok(fs.existsSync(INSTALLED_BIN), INSTALLED_BIN);
  assert.ok(fs.existsSync(DESKTOP_FILE), DESKTOP_FILE);

  const { db } = initWorkspace('county.json');
  const desktop = await startDesktopDriver({ BUREAU_PLANNER_DB: db });
  t.after(() => desktop.stop());
  const session = await newSession(desktop.driverUrl, INSTALLED_BIN);
  t.after(() => session.close());
  assert.equal(await session.waitText('[data-testid="kpi-officers"]'), '331');
  assert.equal(await session.title(), '警力布局规划 Bureau Planner');
  // The real X window, as the desktop's menu entry finds it (StartupWMClass = bureau-planner).
  const tree = sh('xwininfo', ['-root', '-tree'], { env: { ...process.env, DISPLAY: desktop.display } });
  // The window is titled by the open workspace: bureau — file — app.
  assert.match(tree, /"[^"\n]+ — workspace\.bpw — 警力布局规划": \("bureau-planner" "Bureau-planner"\)/, tree);
  await session.screenshot(path.join(ensureArtifacts(), 'installed-window.png'));
  await session.close();
  await desktop.stop();

  if (!wasInstalled) {
    dpkg(['-r', PACKAGE]);
    assert.ok(!installed(), 'dpkg -r removed it');
    assert.ok(!fs.existsSync(INSTALLED_BIN), `${INSTALLED_BIN} is gone`);
    assert.ok(!fs.existsSync(DESKTOP_FILE), `${DESKTOP_FILE} is gone`);
  }
});
