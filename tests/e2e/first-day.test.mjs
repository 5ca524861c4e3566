// A first day without a manual, in Debian's Chromium against the real `planner serve`: at three
// office screen sizes the board shows or lets the wheel reach every department and the
// grassroots area, and no text is cut in Chinese or English; the overview's next-step line
// follows the scenario (before and after Solve + accept); dragging a unit head out of the
// department warns first; pins are counted apart from the rules; Escape closes the dialogs and
// gives the focus back; the trade-off sweeps in fine steps; scenarios on different structures
// are compared by function.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { initWorkspace, startServer } from './support/planner.mjs';
import { launchBrowser } from './support/chromium.mjs';
import { overflowing } from './support/overflow.mjs';
import { ensureArtifacts } from './support/paths.mjs';
import { dragTo } from './support/drag.mjs';

const SIZES = [
  [1280, 800],
  [1440, 900],
  [1920, 1080],
];

let county;
let city;
let browser;
const errors = [];

before(async () => {
  county = await startServer(initWorkspace('county.json').db);
  city = await startServer(initWorkspace('city.json').db);
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await county?.stop();
  await city?.stop();
});

async function api(server, method, args = {}) {
  const { status, body } = await server.api(method, args);
  assert.equal(status, 200, `${method}: ${JSON.stringify(body)}`);
  return body;
}

async function open(server, { width, height, hash = '', lang = 'zh-CN' }) {
  const page = await browser.newPage();
  page.on('pageerror', (e) => errors.push(e.message));
  await page.setViewportSize({ width, height });
  // The language is chosen before the app's own script reads it.
  await page.addInitScript((l) => localStorage.setItem('planner-lang', l), lang);
  await page.goto(`${server.url}${hash}`, { waitUntil: 'domcontentloaded' });
  await page.waitForFunction((l) => document.documentElement.lang === l, lang);
  await page.getByTestId(hash === '#board' ? 'gauge-station-share' : 'kpi-station-share').waitFor({ timeout: 60000 });
  return page;
}

const shot = (page, name) => page.screenshot({ path: path.join(ensureArtifacts(), name) });

/** Where an element sits against the board's scrolling area: 'in' view, 'below', 'above' or 'outside' (sideways). */
function placeOf(page, testid) {
  return page.evaluate((id) => {
    const el = document.querySelector(`[data-testid="${id}"]`);
    const box = document.querySelector('[data-testid="board-scroll"]');
    if (!el || !box) return 'missing';
    const r = el.getBoundingClientRect();
    const b = box.getBoundingClientRect();
    if (r.left < b.left - 1 || r.right > b.right + 1) return 'outside';
    if (r.top >= b.bottom) return 'below';
    if (r.bottom <= b.top) return 'above';
    return 'in';
  }, testid);
}

/** Scrolls the board with the mouse wheel (over whatever list lies under its middle) until `testid` is in view. */
async function wheelTo(page, testid) {
  for (let i = 0; i < 80; i += 1) {
    const place = await placeOf(page, testid);
    if (place === 'in' || place === 'outside' || place === 'missing') return place;
    const target = await page.getByTestId('board-scroll').boundingBox();
    await page.mouse.move(target.x + target.width / 2, target.y + target.height / 2);
    await page.mouse.wheel(0, place === 'below' ? 300 : -300);
    await page.waitForTimeout(30);
  }
  return placeOf(page, testid);
}

const scrollTops = (page, list) =>
  page.evaluate((id) => ({
    board: document.querySelector('[data-testid="board-scroll"]').scrollTop,
    list: document.querySelector(`[data-testid="${id}"]`).scrollTop,
  }), list);

for (const [width, height] of SIZES) {
  test(`the county board at ${width}×${height}: every department and the grassroots area reachable with the wheel`, async () => {
    const overview = await api(county, 'overview');
    const departments = overview.new_units.filter((u) => !u.parent && u.tier === 'office');
    const stations = overview.new_units.filter((u) => !u.parent && u.tier === 'grassroots');
    const page = await open(county, { width, height, hash: '#board' });
    try {
      // Nothing hangs off to the side: the departments wrap.
      const sideways = await page.evaluate(() => {
        const b = document.querySelector('[data-testid="board-scroll"]');
        return b.scrollWidth - b.clientWidth;
      });
      assert.ok(sideways <= 1, `the board scrolls sideways by ${sideways} px`);
      await shot(page, `first-day-board-county-${width}x${height}.png`);

      // The wheel over a long unit list scrolls the board, not the list.
      const longList = await page.evaluate(() =>
        [...document.querySelectorAll('[data-testid="board-scroll"] [data-testid^="list-"]')].find(
          (l) => l.scrollHeight > l.clientHeight + 10 && l.getBoundingClientRect().bottom < window.innerHeight,
        )?.dataset.testid,
      );
      assert.ok(longList, 'some unit lists more people than it shows');
      const before = await scrollTops(page, longList);
      const box = await page.getByTestId(longList).boundingBox();
      await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
      await page.mouse.wheel(0, 200);
      await page.waitForFunction((b) => document.querySelector('[data-testid="board-scroll"]').scrollTop > b, before.board);
      const afterWheel = await scrollTops(page, longList);
      assert.equal(afterWheel.list, before.list, 'the list under the mouse did not scroll');
      assert.ok(afterWheel.board > before.board, 'the board scrolled');

      // Every department column and every station / squad is on screen or reached by the wheel.
      for (const d of departments) {
        assert.equal(await wheelTo(page, `column-${d.id}`), 'in', `department ${d.name}`);
      }
      for (const s of [stations[0], stations.at(-1)]) {
        assert.equal(await wheelTo(page, `tile-${s.id}`), 'in', `grassroots ${s.name}`);
      }
      await shot(page, `first-day-board-county-${width}x${height}-grassroots.png`);

      // With the focus in a list (a click on a card), the wheel scrolls that list.
      await page.getByTestId('jump-office').click();
      const list = page.getByTestId(longList);
      await list.scrollIntoViewIfNeeded();
      await list.locator('[data-testid^="card-"]').first().click();
      const focused = await scrollTops(page, longList);
      const lb = await list.boundingBox();
      await page.mouse.move(lb.x + lb.width / 2, lb.y + lb.height / 2);
      await page.mouse.wheel(0, 120);
      await page.waitForFunction(
        ([id, top]) => document.querySelector(`[data-testid="${id}"]`).scrollTop > top,
        [longList, focused.list],
      );
      await page.keyboard.press('Escape');
    } finally {
      await page.close();
    }
  });

  test(`no text overflows its box at ${width}×${height}, in Chinese and in English`, async () => {
    const found = [];
    for (const lang of ['zh-CN', 'en']) {
      for (const hash of ['', '#board']) {
        const page = await open(county, { width, height, hash, lang });
        try {
          for (const o of await overflowing(page)) found.push({ lang, screen: hash || '#overview', ...o });
          await shot(page, `first-day-${hash ? 'board' : 'overview'}-county-${lang}-${width}x${height}.png`);
        } finally {
          await page.close();
        }
      }
    }
    assert.deepEqual(found, []);
  });
}

test('the compact board at 1280×800 shows counts, and a unit opens on a click', async () => {
  const overview = await api(county, 'overview');
  const page = await open(county, { width: 1280, height: 800, hash: '#board' });
  try {
    const fullHeight = await page.evaluate(() => document.querySelector('[data-testid="board-scroll"]').scrollHeight);
    await page.getByTestId('board-compact').check();
    assert.equal(await page.locator('[data-testid="board-scroll"] [data-testid^="list-"]').count(), 0, 'no lists, only counts');
    const compactHeight = await page.evaluate(() => document.querySelector('[data-testid="board-scroll"]').scrollHeight);
    assert.ok(compactHeight < fullHeight / 2, `compact: ${compactHeight} px against ${fullHeight} px`);
    for (const d of overview.new_units.filter((u) => !u.parent && u.tier === 'office')) {
      assert.equal(await wheelTo(page, `column-${d.id}`), 'in', d.name);
    }
    const station = overview.new_units.find((u) => u.kind === 'police_station');
    assert.equal(await wheelTo(page, `tile-${station.id}`), 'in');
    await page.getByTestId(`toggle-${station.id}`).click();
    await page.getByTestId(`list-${station.id}`).waitFor();
    await shot(page, 'first-day-board-county-compact-1280x800.png');
    await page.getByTestId('board-compact').uncheck();
  } finally {
    await page.close();
  }
});

test('the city board at 1440×900, in both languages', async () => {
  for (const lang of ['zh-CN', 'en']) {
    const page = await open(city, { width: 1440, height: 900, hash: '#board', lang });
    try {
      const sideways = await page.evaluate(() => {
        const b = document.querySelector('[data-testid="board-scroll"]');
        return b.scrollWidth - b.clientWidth;
      });
      assert.ok(sideways <= 1);
      await shot(page, `first-day-board-city-${lang}-1440x900.png`);
      assert.deepEqual(await overflowing(page), []);
      const overview = await api(city, 'overview');
      const last = overview.new_units.filter((u) => !u.parent && u.tier === 'grassroots').at(-1);
      assert.equal(await wheelTo(page, `tile-${last.id}`), 'in');
      await shot(page, `first-day-board-city-${lang}-1440x900-grassroots.png`);
    } finally {
      await page.close();
    }
  }
});

test('the next-step line follows the scenario: Solve first, then compare and export', async () => {
  const server = await startServer(initWorkspace('county.json').db);
  const page = await open(server, { width: 1440, height: 900 });
  try {
    const failing = (await api(server, 'rule_results')).filter((r) => r.hard && !r.passed && r.rule_id !== 'pins');
    assert.ok(failing.length > 0, 'the county draft breaks hard rules');
    const next = page.getByTestId('next-step');
    assert.equal(await next.getAttribute('data-step'), 'solve');
    assert.match(await page.getByTestId('next-step-text').textContent(), new RegExp(`${failing.length}.*求解`));
    assert.ok(await page.getByTestId('legend').isVisible());
    const postsCell = await page.locator('[data-testid^="new-unit-"]').first().textContent();
    assert.match(postsCell, /正职 \d+\/\d+ · 副职 \d+\/\d+/);
    await shot(page, 'first-day-overview-before-solve.png');

    // The line's button opens the board; Solve, accept; the overview then moves on.
    await page.getByTestId('next-step-board').click();
    await page.getByTestId('solve-plan').click();
    await page.getByTestId('solve-accept-all').waitFor({ timeout: 120000 });
    // The proposal lists office departments in structure order, then stations and squads.
    const overview = await api(server, 'overview');
    const order = overview.new_units.filter((u) => !u.parent).sort((a, b) => (a.tier === b.tier ? 0 : a.tier === 'office' ? -1 : 1)).map((u) => u.id);
    const shown = await page.locator('[data-testid="solve-group"]').evaluateAll((els) => els.map((e) => e.dataset.unit));
    const expected = order.filter((id) => shown.includes(id));
    assert.deepEqual(shown, expected, 'proposal groups in structure order');
    await shot(page, 'first-day-solve-proposal.png');
    await page.getByTestId('solve-accept-all').click();
    await page.waitForFunction(() => !document.querySelector('[data-testid="solve-panel"]'));
    assert.deepEqual((await api(server, 'rule_results')).filter((r) => r.hard && !r.passed).map((r) => r.rule_id), []);
    await page.getByTestId('tab-overview').click();
    await page.waitForFunction(() => document.querySelector('[data-testid="next-step"]')?.dataset.step === 'review');
    assert.ok(await page.getByTestId('next-step-scenarios').isVisible());
    await page.getByTestId('next-step-export').click();
    await page.getByTestId('io-panel').waitFor();
    await shot(page, 'first-day-overview-after-solve.png');
    await page.keyboard.press('Escape');
    await page.waitForFunction(() => !document.querySelector('[data-testid="io-panel"]'));
    // "Compare scenarios" opens the scenario panel on its compare view.
    await page.getByTestId('next-step-scenarios').click();
    await page.getByTestId('compare-view').waitFor();
    await page.keyboard.press('Escape');
    await page.waitForFunction(() => !document.querySelector('[data-testid="scenario-panel"]'));
  } finally {
    await page.close();
    await server.stop();
  }
});

test('dragging a unit head out of the department warns first, naming the posts rule', async () => {
  const server = await startServer(initWorkspace('county.json').db);
  const page = await open(server, { width: 1440, height: 900, hash: '#board' });
  try {
    const overview = await api(server, 'overview');
    const people = await api(server, 'people');
    // Two office departments on the first screen: a head of one, and the other with its head
    // post taken, so one more head breaks its posts.
    const tops = overview.new_units.filter((u) => !u.parent && u.tier === 'office');
    const heads = (u) => people.filter((p) => p.unit === u.id && p.post === 'head');
    const target = tops.find((u) => heads(u).length >= u.head_posts && u.head_posts > 0);
    const from = tops.find((u) => u !== target && heads(u).length > 0);
    assert.ok(target && from, 'two departments with heads');
    const head = heads(from)[0];
    assert.equal(await placeOf(page, `board-unit-${target.id}`), 'in');
    assert.equal(await placeOf(page, `board-unit-${from.id}`), 'in');

    // While hovering: the warning in the destination, before anything is dropped.
    const cb = await page.getByTestId(`card-${head.police_number}`).boundingBox();
    await page.mouse.move(cb.x + cb.width / 2, cb.y + cb.height / 2);
    await page.mouse.down();
    await page.mouse.move(cb.x + cb.width / 2 + 6, cb.y + cb.height / 2 + 6, { steps: 3 });
    const tb = await page.getByTestId(`board-unit-${target.id}`).boundingBox();
    await page.mouse.move(tb.x + tb.width / 2, tb.y + 12, { steps: 8 });
    await page.getByTestId(`drop-warning-${target.id}`).waitFor();
    assert.match(await page.getByTestId(`drop-warning-${target.id}`).textContent(), /中层干部 1 人/);
    await shot(page, 'first-day-head-drop-hover.png');
    await page.mouse.up();

    // On the drop: a confirmation that names the rule; Escape cancels and nothing moves.
    const dialog = page.getByTestId('drop-confirm');
    await dialog.waitFor();
    const rule = (await api(server, 'rule_results')).find((r) => r.rule_id === 'posts_within_limits');
    assert.ok((await page.getByTestId('drop-confirm-rule').textContent()).includes(rule.description_zh));
    assert.ok((await dialog.textContent()).includes(head.name));
    await shot(page, 'first-day-head-drop-confirm.png');
    await page.keyboard.press('Escape');
    await page.waitForFunction(() => !document.querySelector('[data-testid="drop-confirm"]'));
    assert.equal((await api(server, 'people')).find((p) => p.police_number === head.police_number).unit, head.unit);
    assert.equal((await api(server, 'edit_state')).revision, 0);

    // Confirmed, the move happens (and breaks the rule, as the dialog said).
    await dragTo(page, `[data-testid="card-${head.police_number}"]`, `[data-testid="board-unit-${target.id}"]`);
    await page.getByTestId('drop-confirm-move').click();
    await page.waitForFunction(() => document.querySelector('[data-testid="save-state"]')?.dataset.revision === '1');
    assert.equal((await api(server, 'people')).find((p) => p.police_number === head.police_number).unit, target.id);
    assert.equal((await api(server, 'rule_results')).find((r) => r.rule_id === 'posts_within_limits').passed, false);
  } finally {
    await page.close();
    await server.stop();
  }
});

test('a drag pins the person: the pin is counted, the rule counter is not', async () => {
  const server = await startServer(initWorkspace('county.json').db);
  const page = await open(server, { width: 1440, height: 900, hash: '#board' });
  try {
    const summary = page.getByTestId('rules-summary');
    const before = (await summary.textContent()).match(/(\d+) \/ (\d+)/).slice(1).map(Number);
    const overview = await api(server, 'overview');
    const people = await api(server, 'people');
    const station = overview.new_units.find((u) => u.kind === 'police_station');
    const office = new Set(overview.new_units.filter((u) => u.tier === 'office').map((u) => u.id));
    const person = people.find((p) => p.post === 'none' && p.category === 'officer' && office.has(p.unit));
    await dragTo(page, `[data-testid="card-${person.police_number}"]`, `[data-testid="board-unit-${station.id}"]`);
    await page.waitForFunction(() => document.querySelector('[data-testid="save-state"]')?.dataset.revision === '1');
    await shot(page, 'first-day-pins.png');
    await page.waitForFunction(() => document.querySelector('[data-testid="pins-count"]')?.dataset.n === '1');
    const results = await api(server, 'rule_results');
    assert.ok(results.some((r) => r.rule_id === 'pins'), 'the backend reports the pins as a rule line');
    const after = (await summary.textContent()).match(/(\d+) \/ (\d+)/).slice(1).map(Number);
    assert.equal(after[1], before[1], `the counter still counts policy rules only (${before} → ${after})`);
    assert.equal(await page.getByTestId('rule-pins').count(), 0);
    await shot(page, 'first-day-pins.png');
  } finally {
    await page.close();
    await server.stop();
  }
});

test('Escape closes every dialog and the focus returns where it was', async () => {
  const page = await open(county, { width: 1440, height: 900 });
  try {
    for (const [button, dialog] of [
      ['io-export', 'io-panel'],
      ['io-import', 'io-panel'],
      ['scenarios-open', 'scenario-panel'],
    ]) {
      const opener = page.getByTestId(button);
      if ((await opener.count()) === 0) continue;
      await opener.focus();
      await opener.press('Enter');
      await page.getByTestId(dialog).waitFor();
      await page.keyboard.press('Escape');
      await page.waitForFunction((d) => !document.querySelector(`[data-testid="${d}"]`), dialog);
      await page.waitForFunction((b) => document.activeElement?.dataset.testid === b, button);
    }
    // The board's panels too: the trade-off sweep (in fine steps, the current plan marked).
    await page.getByTestId('tab-board').click();
    await page.getByTestId('gauge-station-share').waitFor();
    const sweep = page.getByTestId('tradeoff');
    await sweep.focus();
    await sweep.press('Enter');
    await page.getByTestId('tradeoff-summary').waitFor({ timeout: 180000 });
    const step = Number(await page.getByTestId('tradeoff-step').getAttribute('data-step'));
    assert.ok(step > 0 && step < 0.05, `a fine step, not 5 points (${step})`);
    console.log(`trade-off: step ${step}, ${await page.getByTestId('tradeoff-summary').textContent()}`);
    await page.locator('[data-testid="tradeoff-chart"] canvas').first().waitFor();
    await shot(page, 'first-day-tradeoff.png');
    await page.keyboard.press('Escape');
    await page.waitForFunction(() => !document.querySelector('[data-testid="tradeoff-panel"]'));
    await page.waitForFunction(() => document.activeElement?.dataset.testid === 'tradeoff');
  } finally {
    await page.close();
  }
});

test('two scenarios on different structures are compared by function', async () => {
  const created = await api(county, 'create_scenario', { name: '一三四一', template: '1+3+4+1' });
  // In the new scenario, three office officers go down to a station: they, and only they, are
  // placed differently by function (everyone else follows their old unit in both).
  const structure = await api(county, 'overview', { scenario_id: created.id });
  const office = new Set(structure.new_units.filter((u) => u.tier === 'office').map((u) => u.id));
  const station = structure.new_units.find((u) => u.kind === 'police_station');
  const movers = (await api(county, 'people', { scenario_id: created.id }))
    .filter((p) => p.category === 'officer' && p.post === 'none' && office.has(p.unit))
    .slice(0, 3)
    .map((p) => p.police_number);
  await api(county, 'move_people', { scenario_id: created.id, police_numbers: movers, to: station.id });
  const page = await open(county, { width: 1440, height: 900 });
  try {
    const people = await api(county, 'people');
    await page.getByTestId('scenarios-open').click();
    await page.getByTestId('scen-tab-compare').click();
    const info = await api(county, 'workspace_info');
    for (const id of await page.getByTestId('compare-picker').getAttribute('data-selected').then((s) => s.split(',').filter(Boolean))) {
      await page.getByTestId(`compare-pick-${id}`).uncheck();
    }
    await page.getByTestId(`compare-pick-${info.scenarios[0].id}`).check();
    await page.getByTestId(`compare-pick-${created.id}`).check();
    await page.getByTestId('compare-run').click();
    const diff = page.getByTestId('compare-diff');
    await page.waitForFunction(() => document.querySelector('[data-testid="compare-diff"]')?.dataset.mode === 'function');
    assert.ok(await page.getByTestId('diff-by-function').isVisible());
    const title = await diff.locator('h3').textContent();
    const n = Number(title.match(/(\d+)/)[1]);
    assert.equal(n, movers.length, `by function: the three moved, not everyone (${n} of ${people.length})`);
    const rows = await page.locator('[data-testid^="diff-"]').evaluateAll((els) =>
      els.map((e) => e.dataset.testid).filter((id) => /^diff-\d/.test(id)),
    );
    assert.deepEqual(rows.sort(), movers.map((pn) => `diff-${pn}`).sort());
    // A figure for the closing note, not an assertion.
    console.log(`compare by function: ${n} of ${people.length} people placed differently (the API's by-unit list: ${(await api(county, 'compare', { scenario_ids: [info.scenarios[0].id, created.id] })).differences.length})`);
    await page.getByTestId('compare-sankey').scrollIntoViewIfNeeded();
    await shot(page, 'first-day-compare-sankey.png');
    await page.keyboard.press('Escape');
    await page.waitForFunction(() => !document.querySelector('[data-testid="scenario-panel"]'));
    assert.deepEqual(errors, []);
  } finally {
    await page.close();
  }
});
