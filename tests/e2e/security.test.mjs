// Encrypted workspaces in Debian's Chromium against the real `planner serve`: first
// start on a path with no workspace (the create screen, encryption checked by default), no
// roster name or police number readable in the file's bytes, the idle lock (no person left in
// the DOM), a wrong passphrase that changes nothing, and a passphrase changed in the security
// dialog that survives a restart of the server.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { initWorkspace, startServer } from './support/planner.mjs';
import { launchBrowser } from './support/chromium.mjs';
import { ensureArtifacts, tempDir } from './support/paths.mjs';
import { plainHits, rosterStrings, workspaceFiles, workspaceHash } from './support/workspace-bytes.mjs';

const FIRST = '青山县-改革办-2024';
const SECOND = 'Neue Passphrase 9!';
const roster = rosterStrings('county.json');

let db;
let server;
let browser;
let page;
const errors = [];

before(async () => {
  db = path.join(tempDir('security'), 'workspace.bpw');
  assert.equal(fs.existsSync(db), false);
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
const shot = (name) => page.screenshot({ path: path.join(ensureArtifacts(), name) });

/** Waits for the app (its tabs and the bureau in the header) after the gate opened it. */
async function appShown() {
  await byId('tab-overview').waitFor({ timeout: 30000 });
  await page.locator('header').getByText('青山县').first().waitFor({ timeout: 30000 });
}

/** Person names and police numbers present anywhere in the page's DOM. */
async function peopleInDom() {
  const html = await page.content();
  return [...roster.names, ...roster.policeNumbers].filter((s) => html.includes(s));
}

test('first start: the create screen, encrypted by default, creates the county sample', async () => {
  await byId('create-screen').waitFor();
  assert.equal((await server.api('workspace_status')).body.state, 'absent');
  assert.equal(await byId('create-encrypt').isChecked(), true);
  assert.equal((await byId('create-file').textContent())?.trim(), 'workspace.bpw');
  assert.equal(await byId('create-passphrase').getAttribute('type'), 'password');

  // Too short, then not matching: said inline, nothing created.
  await byId('create-passphrase').fill('kurz');
  await byId('create-submit').click();
  await byId('create-passphrase-problem').waitFor();
  assert.match(await byId('create-passphrase-problem').textContent(), /8/);
  await byId('create-passphrase').fill(FIRST);
  await byId('create-confirm').fill(`${FIRST}x`);
  await byId('create-submit').click();
  await byId('create-confirm-problem').waitFor();
  assert.match(await byId('create-confirm-problem').textContent(), /不一致/);
  assert.equal((await server.api('workspace_status')).body.state, 'absent');
  assert.equal(fs.existsSync(db), false);

  // Unticking encryption warns; ticking it again brings the fields back (still filled).
  await byId('create-encrypt').uncheck();
  await byId('create-plain-warning').waitFor();
  assert.equal(await byId('create-passphrase').count(), 0);
  await byId('create-encrypt').check();
  await byId('create-passphrase').fill(FIRST);
  await byId('create-confirm').fill(FIRST);
  // The show/hide toggle reveals the passphrase and hides it again.
  await byId('create-passphrase-toggle').click();
  assert.equal(await byId('create-passphrase').getAttribute('type'), 'text');
  assert.equal(await byId('create-passphrase-toggle').getAttribute('aria-pressed'), 'true');
  await byId('create-passphrase-toggle').click();
  assert.equal(await byId('create-passphrase').getAttribute('type'), 'password');
  await shot('security-create-zh.png');

  await byId('create-submit').click();
  await appShown();
  await byId('kpi-station-share').waitFor();
  const { body: status } = await server.api('workspace_status');
  assert.deepEqual(status, { state: 'open', encrypted: true, file_name: 'workspace.bpw', idle_lock_seconds: 600, read_only: false });
  const { body: info } = await server.api('workspace_info');
  assert.match(info.bureau.name, /青山县/);
  assert.equal(await byId('security-open').getAttribute('data-encrypted'), 'true');
});

test('no roster name or police number is readable in the file or its write-ahead log', async () => {
  // Let the app load the board too, so the people have been read and pages touched.
  await byId('tab-board').click();
  await page.locator('[data-testid^="card-"]').first().waitFor({ timeout: 30000 });
  const files = workspaceFiles(db);
  assert.ok(files['workspace.bpw']?.length > 0, 'the workspace file exists');
  assert.ok(!files['workspace.bpw'].subarray(0, 16).equals(Buffer.from('SQLite format 3\0')), 'no plain SQLite header');
  const needles = [...roster.names, ...roster.policeNumbers];
  assert.equal(needles.length, 1600);
  assert.deepEqual(plainHits(files, needles), []);

  // The same search finds them in a plain workspace: the check can see what it looks for.
  const plain = initWorkspace('county.json');
  const plainFound = plainHits(workspaceFiles(plain.db), needles);
  assert.ok(plainFound.length > 1000, `a plain workspace shows ${plainFound.length} of ${needles.length}`);
});

test('the idle lock closes the app after 2 seconds without activity, leaving no person in the DOM', async () => {
  // The board shows people: the DOM check below can see them.
  assert.ok((await peopleInDom()).length > 0);
  const { status, body } = await server.api('set_idle_lock', { seconds: 2 });
  assert.equal(status, 200, JSON.stringify(body));
  assert.equal(body.idle_lock_seconds, 2);
  // The page reads the new time with the status on load (back on the board); then nobody
  // touches anything. Locked for being idle means the app was open first.
  await page.reload();
  await byId('unlock-screen').waitFor({ timeout: 15000 });
  assert.equal(await byId('unlock-reason').getAttribute('data-reason'), 'idle');
  assert.equal((await byId('unlock-file').textContent())?.trim(), 'workspace.bpw');
  assert.equal((await server.api('workspace_status')).body.state, 'locked');
  // Every other method is refused while locked.
  assert.equal((await server.api('overview')).body.code, 'locked');
  assert.deepEqual(await peopleInDom(), []);
  assert.equal(await byId('kpi-station-share').count(), 0);
  await shot('security-unlock-zh.png');
});

test('a wrong passphrase is refused inline and leaves the file unchanged; the right one opens the app', async () => {
  // Put the idle time back to 10 minutes behind the screen's back (unlock, set, lock again), so
  // that the rest of the journey does not race the idle lock.
  assert.equal((await server.api('workspace_unlock', { passphrase: FIRST })).status, 200);
  assert.equal((await server.api('set_idle_lock', { seconds: 600 })).body.idle_lock_seconds, 600);
  assert.equal((await server.api('workspace_lock')).body.state, 'locked');

  const before = workspaceHash(db);
  await byId('unlock-passphrase').fill('falsches Passwort');
  await byId('unlock-submit').click();
  await byId('unlock-passphrase-problem').waitFor();
  assert.match(await byId('unlock-passphrase-problem').textContent(), /密码不正确/);
  assert.equal(await byId('unlock-passphrase').inputValue(), '');
  await page.waitForFunction(() => document.activeElement?.getAttribute('data-testid') === 'unlock-passphrase');
  assert.equal(workspaceHash(db), before, 'a wrong passphrase writes nothing');
  assert.equal((await server.api('workspace_status')).body.state, 'locked');
  assert.deepEqual(await peopleInDom(), []);
  await shot('security-unlock-wrong-zh.png');

  await page.keyboard.type(FIRST);
  await page.keyboard.press('Enter');
  await appShown();
  assert.equal((await server.api('workspace_status')).body.state, 'open');
});

test('change the passphrase in the security dialog; after a restart only the new one opens it', async () => {
  await byId('security-open').click();
  await byId('security-dialog').waitFor();
  assert.equal(await byId('security-state').getAttribute('data-encrypted'), 'true');
  assert.equal((await byId('security-file').textContent())?.trim(), 'workspace.bpw');
  assert.equal(await byId('security-idle').inputValue(), '600');
  await shot('security-dialog-zh.png');

  // A wrong current passphrase is said at its field.
  await byId('security-current').fill('nicht richtig');
  await byId('security-new').fill(SECOND);
  await byId('security-confirm').fill(SECOND);
  await byId('security-change-submit').click();
  await byId('security-current-problem').waitFor();
  assert.equal(await byId('security-current').inputValue(), '');

  await byId('security-current').fill(FIRST);
  await byId('security-change-submit').click();
  await byId('security-done').waitFor({ timeout: 30000 });
  assert.equal(await byId('security-done').getAttribute('data-done'), 'changed');
  await page.keyboard.press('Escape');
  assert.equal(await byId('security-dialog').count(), 0);

  await server.stop();
  server = await startServer(db);
  assert.equal((await server.api('workspace_status')).body.state, 'locked');
  await page.goto(server.url);
  await byId('unlock-screen').waitFor();
  assert.equal(await byId('unlock-reason').count(), 0);

  await byId('unlock-passphrase').fill(FIRST);
  await byId('unlock-submit').click();
  await byId('unlock-passphrase-problem').waitFor();
  assert.equal((await server.api('workspace_status')).body.state, 'locked');

  await byId('unlock-passphrase').fill(SECOND);
  await byId('unlock-submit').click();
  await appShown();
  assert.deepEqual(errors, []);
});
