// `make bench`: the board's drag latency on the city sample (6,000 people) in Debian's Chromium
// against `planner serve` — a benchmark, never a test (no figure here fails anything).
//
// One drag is timed in the page itself: from the `drop` event to the first frame painted after
// the last answer that carries the drop's metrics or rule results has been read (`move_people`,
// and `rule_results` when the board asks for the rules separately). The stations' demand
// (`station_workload`) is a panel of its own and not part of the figure. The same officer is
// dragged back and forth between two stations, N times (default 50); the median is reported.
//
// Usage: node bench/drag-latency.mjs [--drags 50] [--json out.json]
import fs from 'node:fs';
import { initWorkspace, startServer } from '../e2e/support/planner.mjs';
import { launchBrowser } from '../e2e/support/chromium.mjs';
import { dragTo } from '../e2e/support/drag.mjs';

const argv = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : dflt;
};
const drags = Number(opt('drags', '50'));
const jsonOut = opt('json', null);

/** The answers a drop waits for before the gauge and the rule list are up to date. */
const FIGURE_METHODS = ['move_people', 'rule_results'];

// Runs in the page before its own scripts: every API answer read (`Response.json`) is stamped,
// and so is the frame painted after it; `drop` events are stamped as they start.
function instrument(methods) {
  const bench = { drop: null, answers: [], inflight: 0 };
  window.__dragBench = bench;
  window.addEventListener('drop', () => (bench.drop = performance.now()), true);
  const fetch0 = window.fetch.bind(window);
  window.fetch = async (...args) => {
    bench.inflight += 1;
    try {
      return await fetch0(...args);
    } finally {
      bench.inflight -= 1;
    }
  };
  const json0 = Response.prototype.json;
  Response.prototype.json = async function () {
    const body = await json0.call(this);
    const method = new URL(this.url).pathname.split('/').pop();
    if (methods.includes(method)) {
      const entry = { method, read: performance.now(), painted: null };
      bench.answers.push(entry);
      // The app's own continuation runs in the microtasks after this; the frame comes after them.
      requestAnimationFrame(() => (entry.painted = performance.now()));
    }
    return body;
  };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

const { db } = initWorkspace('city.json');
const server = await startServer(db);
const browser = await launchBrowser();
try {
  const page = await browser.newPage();
  await page.addInitScript(instrument, FIGURE_METHODS);
  await page.goto(`${server.url}#board`);
  await page.getByTestId('gauge-station-share').waitFor({ timeout: 120000 });
  const overview = (await server.api('overview')).body;
  const people = (await server.api('people')).body;
  const office = new Set(overview.new_units.filter((u) => u.tier === 'office').map((u) => u.id));
  const stations = overview.new_units.filter((u) => u.kind === 'police_station').slice(0, 2);
  let person = null;
  for (const p of people) {
    if (!(office.has(p.unit) && p.category === 'officer' && p.post === 'none')) continue;
    if ((await page.locator(`[data-testid="card-${p.police_number}"]`).count()) > 0) {
      person = p;
      break;
    }
  }
  if (!person || stations.length < 2) throw new Error('no rendered office officer or fewer than two stations');

  const revision = () =>
    page.evaluate(() => Number(document.querySelector('[data-testid="save-state"]')?.dataset.revision));
  const samples = [];
  for (let i = 0; i < drags; i++) {
    const to = stations[i % 2];
    const rev = await revision();
    await page.evaluate(() => {
      window.__dragBench.drop = null;
      window.__dragBench.answers = [];
    });
    await dragTo(page, `[data-testid="card-${person.police_number}"]`, `[data-testid="board-unit-${to.id}"]`);
    await page.waitForFunction((want) => {
      const el = document.querySelector('[data-testid="save-state"]');
      return el && Number(el.dataset.revision) === want && !el.classList.contains('saving');
    }, rev + 1, { timeout: 30000 });
    // Every call the drop started has answered and its frame is painted.
    await page.waitForFunction(
      () => window.__dragBench.inflight === 0 && window.__dragBench.answers.every((a) => a.painted !== null),
      null,
      { timeout: 30000 },
    );
    await page.waitForTimeout(50);
    const b = await page.evaluate(() => window.__dragBench);
    if (b.drop === null || b.answers.length === 0) throw new Error(`drag ${i}: no drop or no answer seen`);
    const end = Math.max(...b.answers.map((a) => a.painted));
    samples.push({ ms: end - b.drop, calls: b.answers.map((a) => a.method) });
  }
  const ms = samples.map((s) => s.ms);
  const result = {
    bench: 'drag-latency',
    sample: 'city',
    people: people.length,
    drags,
    calls_per_drag: samples[0].calls,
    median_ms: Number(median(ms).toFixed(1)),
    min_ms: Number(Math.min(...ms).toFixed(1)),
    max_ms: Number(Math.max(...ms).toFixed(1)),
    target_ms: 50,
  };
  console.log(
    `drag latency (city, ${people.length} people, ${drags} drags, ${result.calls_per_drag.join(' + ')}): ` +
      `median ${result.median_ms} ms (min ${result.min_ms}, max ${result.max_ms}; target ≤ 50 ms)`,
  );
  if (jsonOut) fs.writeFileSync(jsonOut, JSON.stringify(result, null, 2));
} finally {
  await browser.close();
  await server.stop();
}
