// End-to-end tests of the app (issue 5): the release build served under /fazhi-lens/, driven
// in headless Chromium. What the page shows for a report must equal the core's analysis of
// the same file, obtained from the `fazhi` CLI (target/release/fazhi, built before e2e).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { sharedSession, openApp, screenshot, unzip, sheetCells, ROOT, CORPUS, fazhi } from './lib.mjs';

const FIXTURES = join(ROOT, 'e2e', 'fixtures');
const DEMO = join(ROOT, 'www', 'demo', 'demo-report.txt');
const LOAD_TIMEOUT = 30_000;

const session = sharedSession({ before, after });

/** The core's analysis of `file` in gold schema v1, from the CLI. */
function gold(file) {
  const out = fazhi(['analyze', '--format', 'gold', file], {
    encoding: 'utf8',
    maxBuffer: 64 << 20,
  });
  return JSON.parse(out);
}

/** What a gold report predicts the page shows. */
function expected(g) {
  return {
    outline: g.headings.map((h) => h.level),
    parts: Object.fromEntries(Object.entries(g.parts).map(([k, v]) => [k, v.length > 0])),
    metrics: g.metrics.length,
    rows: g.metrics.length,
  };
}

/** What the page shows for the report on screen. */
async function shown(page) {
  return page.evaluate(() => {
    const all = (id) => [...document.querySelectorAll(`[data-testid="${id}"]`)];
    return {
      outline: all('outline-item').map((e) => Number(e.dataset.level)),
      parts: Object.fromEntries(all('part-status').map((e) => [e.dataset.part, e.dataset.present === 'true'])),
      metrics: all('metric-mark').length,
      rows: all('metric-row').length,
    };
  });
}

async function open() {
  const app = await openApp(session.browser, session.server.url);
  await app.page.getByTestId('paste-box').waitFor({ state: 'visible', timeout: LOAD_TIMEOUT });
  return app;
}

function clean({ errors, outside }) {
  assert.deepEqual(errors, [], 'no console or page errors');
  assert.deepEqual(outside, [], 'no request leaves 127.0.0.1');
}

/** Wait until the report named `name` is the one on screen. */
async function waitForReport(page, name) {
  await page
    .locator('[data-testid="meta-file"]', { hasText: name })
    .waitFor({ state: 'visible', timeout: LOAD_TIMEOUT });
}

/** Drop files on the page the way a browser does: a drop event holding a DataTransfer. */
async function dropFiles(page, files) {
  const payload = files.map((f) => ({ name: f.name, type: f.type ?? '', b64: Buffer.from(f.bytes).toString('base64') }));
  await page.evaluate((files) => {
    const dt = new DataTransfer();
    for (const f of files) {
      const bytes = Uint8Array.from(atob(f.b64), (c) => c.charCodeAt(0));
      dt.items.add(new File([bytes], f.name, { type: f.type }));
    }
    const target = document.querySelector('main') ?? document.body;
    for (const type of ['dragenter', 'dragover', 'drop']) {
      target.dispatchEvent(new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer: dt }));
    }
  }, payload);
}

/** The page shows exactly the CLI's analysis of `file` (outline levels, parts, metrics). */
async function assertMatchesCore(page, file) {
  const want = expected(gold(file));
  const got = await shown(page);
  assert.deepEqual(got.outline, want.outline, `outline levels of ${basename(file)}`);
  assert.deepEqual(got.parts, want.parts, `required parts of ${basename(file)}`);
  assert.equal(got.metrics, want.metrics, `metric marks of ${basename(file)}`);
  assert.equal(got.rows, want.rows, `metric table rows of ${basename(file)}`);
  return want;
}

async function scrollToCharts(page) {
  const chart = page.getByTestId('chart').first();
  await chart.scrollIntoViewIfNeeded();
  // A drawn chart: a canvas (or svg) with a non-zero size inside every chart container.
  await page.waitForFunction(
    () => {
      const charts = [...document.querySelectorAll('[data-testid="chart"]')];
      return (
        charts.length > 0 &&
        charts.every((c) => {
          const g = c.querySelector('canvas, svg');
          if (!g) return false;
          const r = g.getBoundingClientRect();
          return r.width > 0 && r.height > 0;
        })
      );
    },
    null,
    { timeout: LOAD_TIMEOUT },
  );
  // Let the bars finish growing before a screenshot.
  await page.waitForTimeout(700);
}

test('demo report: outline, parts, metric marks, table, charts, themes', { timeout: 120_000 }, async () => {
  const app = await open();
  const { page } = app;
  await page.getByTestId('demo-button').click();
  await page.getByTestId('outline-item').first().waitFor({ timeout: LOAD_TIMEOUT });

  const want = await assertMatchesCore(page, DEMO);
  assert.ok(want.outline.length >= 10, 'the demo has headings at several levels');
  assert.deepEqual(new Set(want.outline), new Set([1, 2, 3, 4]), 'the demo uses all four levels');
  assert.ok(Object.values(want.parts).every(Boolean), 'the demo has all five parts');
  assert.ok(want.metrics >= 20, 'the demo states many quantities');
  assert.ok(await page.getByTestId('metric-mark').first().isVisible(), 'metric marks are visible');
  const tip = await page.getByTestId('metric-mark').first().getAttribute('title');
  assert.match(tip ?? '', /数值/, 'a metric mark has a tooltip');
  assert.match(await page.getByTestId('meta-agency').innerText(), /应急管理局/);
  await screenshot(page, 'demo-light');

  // Clicking an outline item scrolls to its heading and the scroll spy marks it current.
  const items = page.getByTestId('outline-item');
  const n = await items.count();
  const target = n - 2;
  await items.nth(target).click();
  await page.waitForFunction(
    (i) => {
      const el = document.getElementById(`h-${i}`);
      const r = el?.getBoundingClientRect();
      return r && r.top >= 0 && r.top < window.innerHeight / 2;
    },
    target,
    { timeout: 5_000 },
  );
  await page.waitForFunction(
    (i) => document.querySelectorAll('[data-testid="outline-item"]')[i]?.classList.contains('active'),
    target,
    { timeout: 5_000 },
  );

  // A missing/present part links to its section.
  await page.locator('[data-testid="part-status"][data-part="shortcomings"] button').first().click();

  // Table: sorting by value, a row click flashes the figure in the text.
  const valueHeader = page.locator('[data-testid="metrics-table"] th', { hasText: '数值' });
  await valueHeader.locator('button').click();
  assert.equal(await valueHeader.getAttribute('aria-sort'), 'ascending');
  const firstRow = page.getByTestId('metric-row').first();
  const index = await firstRow.getAttribute('data-index');
  await firstRow.click();
  await page.waitForFunction((i) => document.getElementById(`m-${i}`)?.classList.contains('flash'), index, {
    timeout: 5_000,
  });
  // Keyboard: Enter on a focused row does the same.
  const second = page.getByTestId('metric-row').nth(1);
  await second.focus();
  await page.keyboard.press('Enter');
  const index2 = await second.getAttribute('data-index');
  await page.waitForFunction((i) => document.getElementById(`m-${i}`)?.classList.contains('flash'), index2, {
    timeout: 5_000,
  });
  // Filter by search text.
  await page.getByTestId('filter-search').fill('万元');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="metric-row"]').length < 20);
  const filtered = await page.getByTestId('metric-row').allInnerTexts();
  assert.ok(filtered.length > 0 && filtered.every((t) => t.includes('万元') || t.includes('元')), 'search filters rows');
  await page.getByTestId('filter-search').fill('');

  // Charts: the library loads on first show and draws into every container.
  await scrollToCharts(page);
  await screenshot(page, 'demo-charts');
  await page.locator('[data-chart="sections"]').scrollIntoViewIfNeeded();
  await screenshot(page, 'demo-charts-sections');

  // Dark theme: toggled, persisted across a reload, charts redrawn.
  const before = await page.evaluate(() => document.documentElement.dataset.theme);
  await page.getByTestId('theme-toggle').click();
  const afterToggle = await page.evaluate(() => document.documentElement.dataset.theme);
  assert.notEqual(afterToggle, before);
  if (afterToggle !== 'dark') await page.getByTestId('theme-toggle').click();
  assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'dark');
  await scrollToCharts(page);
  await screenshot(page, 'demo-dark-charts');
  await page.evaluate(() => window.scrollTo(0, 0));
  await screenshot(page, 'demo-dark');
  await page.reload();
  await page.getByTestId('paste-box').waitFor({ timeout: LOAD_TIMEOUT });
  assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'dark', 'theme persisted');
  await page.getByTestId('theme-toggle').click();
  assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'light');

  clean(app);
  await app.context.close();
});

test('metric tooltip: keyboard focus and hover show the figure, Escape hides it', { timeout: 60_000 }, async () => {
  const app = await open();
  const { page } = app;
  await page.getByTestId('demo-button').click();
  await page.getByTestId('outline-item').first().waitFor({ timeout: LOAD_TIMEOUT });
  const metrics = gold(DEMO).metrics;
  const marks = page.getByTestId('metric-mark');
  const tip = page.getByTestId('metric-tip');
  const tipIndex = () => page.evaluate(() => document.querySelector('[data-testid="metric-tip"]')?.dataset.index ?? null);

  // Keyboard: the first mark is focusable; focusing it shows the popup, tied to it.
  const first = marks.first();
  assert.equal(await first.getAttribute('tabindex'), '0', 'metric marks are in the tab order');
  const title = await first.getAttribute('title');
  await first.focus();
  await tip.waitFor({ state: 'visible', timeout: 5_000 });
  const text = await tip.innerText();
  assert.ok(text.includes(metrics[0].subject), `the popup names the subject ${metrics[0].subject}: ${text}`);
  assert.ok(text.includes(metrics[0].value) && text.includes(metrics[0].unit), 'value and unit');
  assert.match(text, /类别/);
  assert.match(text, /章节/);
  assert.equal(await tip.getAttribute('role'), 'tooltip');
  assert.equal(await first.getAttribute('aria-describedby'), await tip.getAttribute('id'), 'the mark is described by the popup');
  for (const line of title.split('\n')) {
    const [label, value] = line.split('：');
    assert.ok(text.includes(label) && text.includes(value), `popup and title agree on ${line}`);
  }
  const [mb, tb] = [await first.boundingBox(), await tip.boundingBox()];
  assert.ok(tb.y >= mb.y + mb.height - 1 || tb.y + tb.height <= mb.y + 1, 'the popup sits above or below the mark');
  assert.ok(Math.abs(tb.x - mb.x) < 400, 'the popup sits next to the mark');
  await screenshot(page, 'metric-tip-focus');

  // Tab moves to the next mark; the popup follows; the first mark gets its title back.
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.index), '1');
  await page.waitForFunction(() => document.querySelector('[data-testid="metric-tip"]')?.dataset.index === '1');
  assert.ok((await tip.innerText()).includes(metrics[1].subject));
  assert.equal(await first.getAttribute('aria-describedby'), null);
  assert.equal(await first.getAttribute('title'), title, 'the title is given back');
  await page.keyboard.press('Escape');
  await tip.waitFor({ state: 'detached', timeout: 5_000 });

  // Pointer: hovering a mark shows its popup (no native title over it); leaving hides it.
  await page.evaluate(() => document.activeElement?.blur());
  const fifth = marks.nth(4);
  await fifth.hover();
  await page.waitForFunction(() => document.querySelector('[data-testid="metric-tip"]')?.dataset.index === '4');
  assert.ok((await tip.innerText()).includes(metrics[4].subject));
  assert.equal(await fifth.getAttribute('title'), null, 'no native tooltip while ours shows');
  await screenshot(page, 'metric-tip-hover');
  // Hoverable: the pointer can move from the mark onto the popup (across the gap) and the
  // popup stays, so its text can be read and selected.
  const [m5, t5] = [await fifth.boundingBox(), await tip.boundingBox()];
  const below = t5.y >= m5.y + m5.height - 1;
  const [fromY, toY] = below ? [m5.y + m5.height - 2, t5.y + 12] : [m5.y + 2, t5.y + t5.height - 12];
  await page.mouse.move(m5.x + m5.width / 2, fromY);
  await page.mouse.move(t5.x + 20, toY, { steps: 8 });
  await page.waitForTimeout(200);
  assert.equal(await tipIndex(), '4', 'the popup stays while the pointer is on it');
  await page.mouse.move(2, 2);
  await tip.waitFor({ state: 'detached', timeout: 5_000 });
  assert.equal(await tipIndex(), null);
  assert.ok(await fifth.getAttribute('title'));

  // English labels.
  await page.getByTestId('lang-toggle').click();
  await first.focus();
  await tip.waitFor({ state: 'visible', timeout: 5_000 });
  const en = await tip.innerText();
  for (const label of ['Value', 'Unit', 'Subject', 'Category', 'Section']) assert.ok(en.includes(label), `${label} in ${en}`);
  await screenshot(page, 'metric-tip-english');
  clean(app);
  await app.context.close();
});

test('charts: ECharts is requested only once the charts panel scrolls into view', { timeout: 60_000 }, async () => {
  const app = await open();
  const { page } = app;
  const requested = [];
  page.on('request', (r) => {
    if (/\/echarts[^/]*\.js(\?|$)/.test(new URL(r.url()).pathname)) requested.push(r.url());
  });
  await page.getByTestId('demo-button').click();
  await page.getByTestId('outline-item').first().waitFor({ timeout: LOAD_TIMEOUT });
  // The charts panel is mounted (its containers exist) but below the fold.
  assert.equal(await page.getByTestId('chart').count(), 3);
  const top = await page.locator('section.charts').evaluate((e) => e.getBoundingClientRect().top);
  assert.ok(top > (await page.evaluate(() => window.innerHeight)), 'the charts start below the viewport');
  await page.waitForTimeout(1_000);
  assert.deepEqual(requested, [], 'no echarts*.js request while the charts are out of view');
  // Scrolled down to just above the charts: still nothing.
  await page.evaluate(() => {
    const top = document.querySelector('section.charts').getBoundingClientRect().top + window.scrollY;
    window.scrollTo(0, top - window.innerHeight - 150);
  });
  await page.waitForTimeout(800);
  assert.ok(
    await page.locator('section.charts').evaluate((e) => e.getBoundingClientRect().top > window.innerHeight),
    'the charts are still just out of view',
  );
  assert.deepEqual(requested, [], 'no echarts*.js request before the charts are scrolled to');
  assert.equal(await page.evaluate(() => typeof window.echarts), 'undefined');
  assert.equal(await page.locator('#echarts-script').count(), 0);
  await scrollToCharts(page);
  assert.equal(requested.length, 1, `the library is requested once: ${requested.join(', ')}`);
  assert.equal(await page.locator('[data-testid="chart"] canvas').count() >= 3, true, 'a canvas in every chart');
  clean(app);
  await app.context.close();
});

test('keyboard: Tab reaches every control in order with a visible focus ring; Enter/Space activate', { timeout: 90_000 }, async () => {
  const app = await open();
  const { page } = app;
  /** What has focus: its test id (or tag and class) and whether a focus ring is drawn. */
  const focused = () =>
    page.evaluate(() => {
      const a = document.activeElement;
      const cs = getComputedStyle(a);
      const label = a.closest('label.file-btn');
      const ring = (s) => s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2;
      return {
        id: a.dataset.testid ?? `${a.tagName.toLowerCase()}${a.className ? '.' + a.className.split(' ')[0] : ''}`,
        elementId: a.id,
        index: a.dataset.index,
        ring: ring(cs) || (label !== null && ring(getComputedStyle(label))),
      };
    });
  /** Press Tab until `want(focus)` holds; returns the focus stops on the way. */
  const tabUntil = async (want, limit = 80) => {
    const stops = [];
    for (let i = 0; i < limit; i++) {
      await page.keyboard.press('Tab');
      const f = await focused();
      stops.push(f);
      if (want(f)) return stops;
    }
    assert.fail(`not reached in ${limit} Tabs: ${stops.map((f) => f.id).join(' → ')}`);
  };

  // From the top of the page to the demo button; Enter loads the demo.
  let stops = await tabUntil((f) => f.id === 'demo-button', 12);
  assert.deepEqual(
    stops.map((f) => f.id),
    ['a.skip-link', 'lang-toggle', 'theme-toggle', 'paste-box', 'file-input', 'demo-button'],
  );
  assert.ok(stops.every((f) => f.ring), `a focus ring at every stop: ${JSON.stringify(stops.filter((f) => !f.ring))}`);
  await page.keyboard.press('Enter');
  await page.getByTestId('outline-item').first().waitFor({ timeout: LOAD_TIMEOUT });

  // On through the tab, the exports and the required parts to the outline.
  stops = await tabUntil((f) => f.id === 'outline-item');
  const order = stops.map((f) => f.id).filter((id, i, all) => id !== all[i - 1]);
  assert.deepEqual(order, ['report-tab', 'export-csv', 'export-xlsx', 'export-json', 'button.link', 'outline-item']);
  assert.ok(stops.every((f) => f.ring), `a focus ring at every stop: ${JSON.stringify(stops.filter((f) => !f.ring))}`);
  await screenshot(page, 'keyboard-outline-focus');

  // Down the outline by Tab; Enter goes to the section: scrolled to, marked current, focused.
  const items = page.getByTestId('outline-item');
  const k = 5;
  for (let i = 0; i < k; i++) await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => [...document.querySelectorAll('[data-testid="outline-item"]')].indexOf(document.activeElement)), k);
  await page.keyboard.press('Enter');
  const reached = async (i) => {
    await page.waitForFunction(
      (i) => {
        const r = document.getElementById(`h-${i}`)?.getBoundingClientRect();
        return r && r.top >= 0 && r.top < window.innerHeight / 2;
      },
      i,
      { timeout: 5_000 },
    );
    await page.waitForFunction((i) => document.querySelectorAll('[data-testid="outline-item"]')[i]?.classList.contains('active'), i, {
      timeout: 5_000,
    });
    assert.equal((await focused()).elementId, `h-${i}`, 'focus moved to the heading');
  };
  await reached(k);
  await screenshot(page, 'keyboard-outline-enter');
  // Tab goes on from the section: the next figure in the text after that heading.
  const next = await tabUntil((f) => f.id === 'metric-mark', 5);
  const markIndex = Number(next.at(-1).index);
  assert.ok(
    await page.evaluate(
      ([h, m]) => document.getElementById(`h-${h}`).compareDocumentPosition(document.getElementById(`m-${m}`)) & Node.DOCUMENT_POSITION_FOLLOWING,
      [k, markIndex],
    ),
    'Tab continues after the heading',
  );
  // Space works too.
  await items.nth(k + 2).focus();
  await page.keyboard.press(' ');
  await reached(k + 2);
  // A required-part link by Enter.
  const partLink = page.locator('[data-testid="part-status"][data-part="next_year_plan"] button').first();
  await partLink.focus();
  await page.keyboard.press('Enter');
  const partHeading = await page.evaluate(() => document.activeElement.id);
  assert.match(partHeading, /^h-\d+$/, 'the part link moves focus to its heading');

  // Table rows: Space flashes the figure in the text.
  const row = page.getByTestId('metric-row').nth(2);
  await row.focus();
  assert.ok((await focused()).ring, 'a focused row shows its ring');
  await page.keyboard.press(' ');
  const rowIndex = await row.getAttribute('data-index');
  await page.waitForFunction((i) => document.getElementById(`m-${i}`)?.classList.contains('flash'), rowIndex, { timeout: 5_000 });

  // Report tabs: one in the tab order; arrows, Home and End move and select.
  await page.getByTestId('file-input').setInputFiles(join(FIXTURES, 'gbk-report.txt'));
  await waitForReport(page, 'gbk-report.txt');
  const tabs = page.getByTestId('report-tab');
  assert.deepEqual(await tabs.evaluateAll((els) => els.map((e) => e.tabIndex)), [-1, 0]);
  await tabs.nth(1).focus();
  await page.keyboard.press('ArrowRight');
  await waitForReport(page, 'demo-report.txt');
  assert.equal(await page.evaluate(() => document.activeElement.dataset.name), 'demo-report.txt');
  assert.deepEqual(await tabs.evaluateAll((els) => els.map((e) => e.getAttribute('aria-selected'))), ['true', 'false']);
  await page.keyboard.press('End');
  await waitForReport(page, 'gbk-report.txt');
  await page.keyboard.press('Home');
  await waitForReport(page, 'demo-report.txt');
  assert.deepEqual(await tabs.evaluateAll((els) => els.map((e) => e.tabIndex)), [0, -1]);

  // Toggles: Space on the theme, Enter on the language.
  const theme = await page.evaluate(() => document.documentElement.dataset.theme);
  await page.getByTestId('theme-toggle').focus();
  await page.keyboard.press(' ');
  assert.notEqual(await page.evaluate(() => document.documentElement.dataset.theme), theme);
  await page.getByTestId('lang-toggle').focus();
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'zh-CN');
  await page.keyboard.press(' ');
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'en', 'Space toggles the language too');
  await page.keyboard.press(' ');
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'zh-CN');
  clean(app);
  await app.context.close();
});

test('English toggle switches the interface strings', { timeout: 60_000 }, async () => {
  const app = await open();
  const { page } = app;
  assert.equal(await page.getByTestId('demo-button').innerText(), '示例报告');
  await page.getByTestId('demo-button').click();
  await page.getByTestId('outline-item').first().waitFor({ timeout: LOAD_TIMEOUT });
  // Its accessible name is the word it shows (label in name), so a voice user can say it.
  assert.equal(await page.getByRole('button', { name: 'English', exact: true }).getAttribute('data-testid'), 'lang-toggle');
  await page.getByTestId('lang-toggle').click();
  assert.equal(await page.getByRole('button', { name: '中文', exact: true }).getAttribute('data-testid'), 'lang-toggle');
  assert.equal(await page.getByTestId('demo-button').innerText(), 'Demo report');
  assert.equal(await page.getByTestId('lang-toggle').innerText(), '中文');
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
  assert.match(await page.locator('#outline-title').innerText(), /Outline/);
  assert.match(await page.locator('#parts-title').innerText(), /Required parts/);
  assert.match(await page.getByTestId('export-csv').innerText(), /Export CSV/);
  const headers = await page.locator('[data-testid="metrics-table"] th').allInnerTexts();
  assert.deepEqual(
    headers.map((h) => h.replace(/[▲▼]/g, '').trim()),
    ['Text', 'Subject', 'Value', 'Unit', 'Approx.', 'Category', 'Section'],
  );
  await screenshot(page, 'english');
  await page.reload();
  await page.getByTestId('paste-box').waitFor({ timeout: LOAD_TIMEOUT });
  assert.equal(await page.getByTestId('demo-button').innerText(), 'Demo report', 'language persisted');
  await page.getByTestId('lang-toggle').click();
  assert.equal(await page.getByTestId('demo-button').innerText(), '示例报告');
  clean(app);
  await app.context.close();
});

test('exports: CSV with UTF-8 BOM and CRLF, Excel workbook, JSON of the full analysis', { timeout: 60_000 }, async () => {
  const app = await open();
  const { page } = app;
  await page.getByTestId('demo-button').click();
  await page.getByTestId('outline-item').first().waitFor({ timeout: LOAD_TIMEOUT });
  const want = expected(gold(DEMO));

  const [csvDownload] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
  assert.match(csvDownload.suggestedFilename(), /\.csv$/);
  const csv = readFileSync(await csvDownload.path());
  assert.deepEqual([...csv.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'CSV starts with the UTF-8 BOM');
  const lines = csv.subarray(3).toString('utf8').split('\r\n');
  assert.equal(lines.at(-1), '', 'CSV ends with CRLF');
  assert.match(lines[0], /^序号,原文,指标,数值/);
  assert.equal(lines.length - 2, want.metrics, 'one CSV row per metric');

  // CSV injection: no text cell starts with = + - @ (numbers may be negative).
  const cells = lines.slice(1, -1).flatMap((l) => l.split(','));
  assert.ok(cells.every((c) => !/^"?[=+@\t\r]/.test(c)), 'no CSV cell can run as a formula');

  // Excel: a real .xlsx (a zip) built in the browser, values as numeric cells.
  const [xlsxDownload] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-xlsx').click()]);
  assert.match(xlsxDownload.suggestedFilename(), /^demo-report-metrics\.xlsx$/);
  const xlsx = readFileSync(await xlsxDownload.path());
  assert.equal(xlsx.subarray(0, 2).toString('latin1'), 'PK', 'the .xlsx starts with the zip magic');
  assert.ok(xlsx.includes('xl/worksheets/sheet1.xml'), 'the zip holds the first worksheet');
  const entries = unzip(xlsx);
  for (const name of ['xl/workbook.xml', 'xl/styles.xml', 'xl/worksheets/sheet2.xml', 'xl/worksheets/sheet3.xml']) {
    assert.ok(entries.has(name), `the zip holds ${name}`);
  }
  assert.match(entries.get('xl/workbook.xml').toString('utf8'), /name="数据指标"[\s\S]*name="标题"[\s\S]*name="必备内容"/);
  const { xml, cells: sheet } = sheetCells(entries, 1);
  assert.match(xml, /<pane [^>]*ySplit="1"[^>]*state="frozen"/, 'header row frozen');
  assert.match(xml, new RegExp(`<autoFilter ref="A1:N${want.metrics + 1}"`), 'autofilter over every row');
  assert.match(xml, /<col [^>]*width=/, 'column widths set');
  assert.equal(sheet.get('A1').value, '序号');
  assert.equal(sheet.get('D1').value, '数值');
  assert.ok(sheet.get('A1').style > 0, 'header cells carry a (bold) format');
  assert.match(entries.get('xl/styles.xml').toString('utf8'), /<b\/>/, 'a bold font exists');
  const goldMetrics = gold(DEMO).metrics;
  goldMetrics.forEach((m, i) => {
    const r = i + 2;
    assert.equal(sheet.get(`B${r}`).value, m.text, `text of row ${r}`);
    assert.equal(sheet.get(`D${r}`).type, 'n', `value of row ${r} is a numeric cell`);
    assert.equal(Number(sheet.get(`D${r}`).value), Number(m.value), `value of row ${r}`);
    assert.equal(sheet.get(`E${r}`).type, 's', `exact value of row ${r} is text`);
    assert.equal(sheet.get(`E${r}`).value, m.value, `exact value of row ${r}`);
  });

  const [jsonDownload] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-json').click()]);
  assert.match(jsonDownload.suggestedFilename(), /\.json$/);
  const json = JSON.parse(readFileSync(await jsonDownload.path(), 'utf8'));
  assert.equal(json.file, 'demo-report.txt');
  assert.equal(json.analysis.metrics.length, want.metrics);
  assert.equal(json.analysis.headings.length, want.outline.length);
  clean(app);
  await app.context.close();
});

/** Rows of a CSV download: checks the UTF-8 BOM and CRLF line ends, splits on commas. */
function csvRows(buf) {
  assert.deepEqual([...buf.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'CSV starts with the UTF-8 BOM');
  const lines = buf.subarray(3).toString('utf8').split('\r\n');
  assert.equal(lines.pop(), '', 'CSV ends with CRLF');
  return lines.map((l) => l.split(','));
}

test('several reports side by side: the comparison table equals the CLI summary; its exports', { timeout: 90_000 }, async () => {
  const app = await open();
  const { page } = app;
  await page.getByTestId('demo-button').click();
  await page.getByTestId('outline-item').first().waitFor({ timeout: LOAD_TIMEOUT });
  assert.equal(await page.getByTestId('compare').count(), 0, 'no comparison for one report');
  const files = ['gbk-report.txt', 'numbered-report.docx'].map((f) => join(FIXTURES, f));
  await page.getByTestId('file-input').setInputFiles(files);
  await page.getByTestId('compare-row').nth(2).waitFor({ timeout: LOAD_TIMEOUT });

  // The CLI's summary of the same three files, row for row (the file column aside: the CLI
  // names the path it was given, the page the file).
  const paths = [DEMO, ...files];
  const cli = fazhi(['analyze', '--format', 'summary', ...paths]);
  const [cliHeader, ...cliRows] = csvRows(cli);
  assert.equal(cliRows.length, 3);
  const col = (name) => {
    const i = cliHeader.indexOf(name);
    assert.ok(i >= 0, `summary column ${name}`);
    return i;
  };
  const rows = await page.getByTestId('compare-row').evaluateAll((els) =>
    els.map((tr) => {
      const cell = (c) => tr.querySelector(`[data-col="${c}"]`)?.childNodes[0]?.textContent.trim() ?? '';
      return {
        name: tr.dataset.name,
        agency: cell('agency'),
        year: cell('year'),
        published: cell('published'),
        parts: cell('parts'),
        metrics: cell('metrics'),
        fines: cell('fines').replaceAll(',', ''),
      };
    }),
  );
  assert.deepEqual(
    rows.map((r) => r.name),
    paths.map((p) => basename(p)),
  );
  rows.forEach((r, i) => {
    const want = cliRows[i];
    assert.equal(r.agency, want[col('发布机关')], `agency of ${r.name}`);
    assert.equal(r.year, want[col('年度')], `year of ${r.name}`);
    assert.equal(r.published, want[col('发布日期')], `date of ${r.name}`);
    assert.equal(r.parts, want[col('必备内容')], `parts of ${r.name}`);
    assert.equal(r.metrics, want[col('指标数')], `metrics of ${r.name}`);
    assert.equal(r.fines, want[col('罚没金额合计（元）')], `fines total of ${r.name}`);
    assert.equal(Number(r.metrics), gold(paths[i]).metrics.length, `the summary counts the metrics of ${r.name}`);
  });
  assert.ok(rows.every((r) => r.agency !== '' && r.year !== ''), `every fixture names its body and year: ${JSON.stringify(rows)}`);
  // A report with a missing part shows it in red, with the missing names.
  const short = page.locator('[data-testid="compare-row"] td.short').first();
  if (rows.some((r) => !r.parts.startsWith('5/'))) {
    assert.match(await short.getAttribute('title'), /^缺少：/);
    assert.equal(await short.evaluate((e) => getComputedStyle(e).color), await page.evaluate(() => {
      const probe = document.createElement('span');
      probe.className = 'error';
      document.body.append(probe);
      const c = getComputedStyle(probe).color;
      probe.remove();
      return c;
    }));
  }
  await page.getByTestId('compare').scrollIntoViewIfNeeded();
  await screenshot(page, 'compare');

  // Sorting by a column header: ascending, then descending; ties keep the loading order.
  const names = () => page.getByTestId('compare-row').evaluateAll((els) => els.map((e) => e.dataset.name));
  const byMetrics = page.locator('[data-testid="compare-table"] thead th', { hasText: '指标数' });
  const counts = rows.map((r) => Number(r.metrics));
  const sortedNames = (desc) =>
    rows
      .map((r, i) => ({ name: r.name, n: counts[i], i }))
      .sort((a, b) => (desc ? b.n - a.n : a.n - b.n) || a.i - b.i)
      .map((r) => r.name);
  await byMetrics.locator('button').click();
  assert.equal(await byMetrics.getAttribute('aria-sort'), 'ascending');
  assert.deepEqual(await names(), sortedNames(false));
  await byMetrics.locator('button').click();
  assert.equal(await byMetrics.getAttribute('aria-sort'), 'descending');
  assert.deepEqual(await names(), sortedNames(true));
  const byYear = page.locator('[data-testid="compare-table"] thead th', { hasText: '年度' });
  await byYear.locator('button').click();
  assert.equal(await byMetrics.getAttribute('aria-sort'), 'none');
  const years = await page.getByTestId('compare-row').evaluateAll((els) => els.map((e) => e.querySelector('[data-col="year"]').textContent));
  assert.deepEqual(years, [...years].sort(), 'sorted by year');

  // A file name in the table opens that report.
  const gbkRow = page.locator('[data-testid="compare-row"][data-name="gbk-report.txt"]');
  await gbkRow.locator('button').click();
  await waitForReport(page, 'gbk-report.txt');
  assert.equal(await gbkRow.getAttribute('aria-selected'), 'true');

  // The comparison as CSV: the CLI's table, the file column aside.
  const [summary] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-summary').click()]);
  assert.equal(summary.suggestedFilename(), 'fazhi-comparison.csv');
  const [header, ...got] = csvRows(readFileSync(await summary.path()));
  assert.deepEqual(header, cliHeader);
  assert.deepEqual(
    got.map((r) => r.slice(1)),
    cliRows.map((r) => r.slice(1)),
  );
  assert.deepEqual(
    got.map((r) => r[0]),
    paths.map((p) => basename(p)),
  );
  // Every figure of every report, with a file column.
  const [all] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-all-metrics').click()]);
  const allRows = csvRows(readFileSync(await all.path()));
  assert.deepEqual(allRows[0].slice(0, 3), ['文件', '序号', '原文']);
  const total = paths.reduce((n, p) => n + gold(p).metrics.length, 0);
  assert.equal(allRows.length - 1, total, 'one row per figure of every report');

  // English, then closing reports down to one hides the comparison.
  await page.getByTestId('lang-toggle').click();
  assert.match(await page.getByTestId('compare').innerText(), /Compare reports/);
  await page.locator('.tab-close').first().click();
  await page.locator('.tab-close').first().click();
  await page.getByTestId('compare').waitFor({ state: 'detached', timeout: 5_000 });
  clean(app);
  await app.context.close();
});

// Every real report in ../shared/corpus, dropped on the page one at a time.
const corpusFiles = existsSync(CORPUS)
  ? readdirSync(CORPUS)
      .filter((f) => /\.(txt|html?|docx)$/i.test(f))
      .sort()
  : [];
if (corpusFiles.length === 0) {
  test('corpus reports', (t) => {
    t.skip(`no reports in ${CORPUS}: the corpus folder is absent, so the corpus drop tests are skipped`);
  });
}
for (const name of corpusFiles) {
  test(`corpus: dropping ${name} shows the core's analysis`, { timeout: 90_000 }, async () => {
    const file = join(CORPUS, name);
    const app = await open();
    const { page } = app;
    await dropFiles(page, [{ name, type: 'text/plain', bytes: readFileSync(file) }]);
    await waitForReport(page, name);
    const g = gold(file);
    await assertMatchesCore(page, file);
    if (g.agency) assert.equal(await page.getByTestId('meta-agency').innerText(), g.agency);
    if (g.year) assert.equal(await page.getByTestId('meta-year').innerText(), String(g.year));
    if (g.published) assert.equal(await page.getByTestId('meta-published').innerText(), g.published);
    const stem = name.replace(/\.[^.]+$/, '');
    await screenshot(page, `corpus-${stem}`);
    // Where the page repeats the body, show the dimmed repeat and the diagnostics about it.
    if (g.duplicate_body) {
      await page.locator('.region.dimmed').last().scrollIntoViewIfNeeded();
      await screenshot(page, `corpus-${stem}-duplicate`);
      const kinds = await page.getByTestId('diagnostic').evaluateAll((els) => els.map((e) => e.dataset.kind));
      assert.ok(kinds.includes('duplicate_body'), 'a diagnostic tells the body was repeated');
      const d = page.locator('[data-testid="diagnostic"][data-kind="duplicate_body"]');
      await d.locator('summary').click();
      assert.ok(await d.evaluate((e) => e.open), 'the diagnostic expands');
      await d.scrollIntoViewIfNeeded();
      await screenshot(page, `corpus-${stem}-diagnostics`);
    }
    clean(app);
    await app.context.close();
  });
}

test('several corpus files dropped at once get one tab each', { timeout: 90_000 }, async (t) => {
  if (corpusFiles.length < 2) {
    t.skip(`fewer than two reports in ${CORPUS}: skipped`);
    return;
  }
  const app = await open();
  const { page } = app;
  const names = corpusFiles.slice(0, 3);
  await dropFiles(
    page,
    names.map((name) => ({ name, type: 'text/plain', bytes: readFileSync(join(CORPUS, name)) })),
  );
  await waitForReport(page, names[0]);
  // Reports appear as the batch finishes them: wait for all of them.
  await page.waitForFunction((n) => document.querySelectorAll('[data-testid="report-tab"]').length >= n, names.length, { timeout: 60_000 });
  assert.deepEqual(
    await page.getByTestId('report-tab').evaluateAll((els) => els.map((e) => e.dataset.name)),
    names,
  );
  await page.getByTestId('report-tab').nth(names.length - 1).click();
  await waitForReport(page, names.at(-1));
  await assertMatchesCore(page, join(CORPUS, names.at(-1)));
  clean(app);
  await app.context.close();
});

for (const [fixture, encoding] of [
  ['gbk-report.txt', /GBK|GB18030|GB2312/i],
  ['numbered-report.docx', null],
  ['web-report.html', null],
]) {
  test(`fixture ${fixture} through the file picker shows the core's analysis`, { timeout: 60_000 }, async () => {
    const file = join(FIXTURES, fixture);
    const app = await open();
    const { page } = app;
    await page.getByTestId('file-input').setInputFiles(file);
    await waitForReport(page, fixture);
    const want = await assertMatchesCore(page, file);
    assert.ok(want.outline.length >= 4, `${fixture} has headings`);
    assert.ok(want.metrics >= 3, `${fixture} has metrics`);
    if (encoding) assert.match(await page.getByTestId('meta-encoding').innerText(), encoding);
    await screenshot(page, `fixture-${fixture.replace(/\.[^.]+$/, '')}`);
    clean(app);
    await app.context.close();
  });
}

test('a pasted HTML fragment is converted to text and analysed', { timeout: 60_000 }, async () => {
  const app = await open();
  const { page } = app;
  const html = readFileSync(join(FIXTURES, 'web-report.html'), 'utf8');
  const fragment = html.slice(html.indexOf('<div class="article">'), html.indexOf('<div class="footer">'));
  await page.getByTestId('paste-box').focus();
  await page.evaluate((fragment) => {
    const dt = new DataTransfer();
    dt.setData('text/html', fragment);
    dt.setData('text/plain', 'plain text that must not be used');
    const box = document.querySelector('[data-testid="paste-box"]');
    box.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
  }, fragment);
  await page.getByTestId('outline-item').first().waitFor({ timeout: LOAD_TIMEOUT });
  const text = await page.getByTestId('paste-box').inputValue();
  assert.ok(!/[<>]/.test(text), 'no tags in the converted text');
  assert.ok(!text.includes('must not be used'), 'the HTML flavour wins over plain text');
  assert.match(text, /存在的不足和原因/);
  // The page's analysis equals the CLI's analysis of the very text in the box.
  const dir = mkdtempSync(join(tmpdir(), 'fazhi-paste-'));
  const tmp = join(dir, 'pasted.txt');
  writeFileSync(tmp, text);
  await assertMatchesCore(page, tmp);
  await screenshot(page, 'paste-html');

  // Typing plain text re-analyses (debounced) in place of the pasted report.
  await page.getByTestId('paste-box').fill('一、总体情况\n全年检查企业12家，罚款3万元。\n二、存在的不足和原因\n人手不足。');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="outline-item"]').length === 2, null, {
    timeout: 5_000,
  });
  assert.equal(await page.getByTestId('report-tab').count(), 1, 'the paste tab is reused');
  clean(app);
  await app.context.close();
});

test('a bad file shows its error while a good one beside it is analysed', { timeout: 60_000 }, async () => {
  const app = await open();
  const { page } = app;
  const binary = Buffer.alloc(4096);
  for (let i = 0; i < binary.length; i++) binary[i] = (i * 7919) % 256;
  binary.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 0);
  await page.getByTestId('file-input').setInputFiles([
    { name: 'empty.txt', mimeType: 'text/plain', buffer: Buffer.alloc(0) },
    { name: 'binary.txt', mimeType: 'text/plain', buffer: binary },
    { name: 'good.txt', mimeType: 'text/plain', buffer: readFileSync(DEMO) },
  ]);
  await waitForReport(page, 'good.txt');
  const errors = await page.getByTestId('file-error').allInnerTexts();
  assert.equal(errors.length, 2, `two file errors: ${errors.join(' | ')}`);
  assert.match(errors[0], /empty\.txt/);
  assert.match(errors[1], /binary\.txt/);
  await assertMatchesCore(page, DEMO);
  assert.equal(await page.getByTestId('report-tab').count(), 1, 'only the good file became a report');
  await screenshot(page, 'bad-file');
  clean(app);
  await app.context.close();
});

test('dragging files over the page shows the drop overlay; leaving hides it', { timeout: 60_000 }, async () => {
  const app = await open();
  const { page } = app;
  const drag = (type) =>
    page.evaluate((type) => {
      const dt = new DataTransfer();
      dt.items.add(new File(['一、测试'], 'x.txt', { type: 'text/plain' }));
      document.querySelector('main').dispatchEvent(new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer: dt }));
    }, type);
  await drag('dragenter');
  await page.locator('.drop-overlay').waitFor({ state: 'visible', timeout: 5_000 });
  await drag('dragleave');
  await page.locator('.drop-overlay').waitFor({ state: 'detached', timeout: 5_000 });
  // Text dragged into the paste box is not taken for a file.
  const prevented = await page.evaluate(() => {
    const dt = new DataTransfer();
    dt.setData('text/plain', '一、拖入的文字');
    const ev = new DragEvent('drop', { bubbles: true, cancelable: true, dataTransfer: dt });
    document.querySelector('[data-testid="paste-box"]').dispatchEvent(ev);
    return ev.defaultPrevented;
  });
  assert.equal(prevented, false, 'a text drop keeps its default action');
  clean(app);
  await app.context.close();
});

test('missing parts in red, table filters by category and section, chart tooltip and save as image, laptop width', { timeout: 90_000 }, async () => {
  // A laptop screen: 1280×720.
  const app = await openApp(session.browser, session.server.url, { viewport: { width: 1280, height: 720 } });
  const { page } = app;
  await page.getByTestId('paste-box').waitFor({ state: 'visible', timeout: LOAD_TIMEOUT });
  const report = [
    '苍梧镇人民政府2025年法治政府建设年度报告',
    '一、主要举措和成效',
    '（一）规范行政执法',
    '全年开展执法检查136次，查处违法案件42件，罚没款金额12.5万元。',
    '（二）加强普法宣传',
    '举办法治讲座18场，发放宣传资料3000余份，组织应急演练6次。',
    '二、存在的不足和原因',
    '执法人员仅有9名，专业力量不足。',
    '三、2026年工作打算',
    '计划开展培训4期，排查整改隐患200处以上。',
  ].join('\n');
  await page.getByTestId('paste-box').fill(report);
  await page.getByTestId('outline-item').first().waitFor({ timeout: LOAD_TIMEOUT });
  const dir = mkdtempSync(join(tmpdir(), 'fazhi-parts-'));
  const file = join(dir, 'parts.txt');
  writeFileSync(file, report);
  const want = await assertMatchesCore(page, file);
  assert.deepEqual(
    Object.entries(want.parts).filter(([, v]) => !v).map(([k]) => k),
    ['first_responsible_person', 'other'],
    'the report lacks two parts',
  );

  // Missing parts: flagged with a badge, in red.
  for (const part of ['first_responsible_person', 'other']) {
    const item = page.locator(`[data-testid="part-status"][data-part="${part}"]`);
    assert.equal(await item.getAttribute('data-present'), 'false');
    const badge = item.locator('.missing-badge');
    assert.match(await badge.innerText(), /缺/);
    const [r, g, b] = (await badge.evaluate((e) => getComputedStyle(e).color)).match(/\d+/g).map(Number);
    assert.ok(r > 150 && r > g + 60 && r > b + 60, `the missing badge is red (rgb ${r},${g},${b})`);
  }
  await screenshot(page, 'laptop-missing-parts');

  // No horizontal scrolling at laptop width.
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `the page fits 1280 px (overflow ${overflow} px)`);

  // Filter by category: every row left is of that category.
  const rows = page.getByTestId('metric-row');
  const total = await rows.count();
  const options = await page.getByTestId('filter-category').locator('option').evaluateAll((os) =>
    os.map((o) => ({ value: o.value, label: o.textContent.trim() })).filter((o) => o.value),
  );
  assert.ok(options.length >= 3, `several categories: ${JSON.stringify(options)}`);
  const cat = options[0];
  await page.getByTestId('filter-category').selectOption(cat.value);
  await page.waitForFunction((n) => document.querySelectorAll('[data-testid="metric-row"]').length < n, total);
  const cats = await rows.locator('.cat').allInnerTexts();
  assert.ok(cats.length > 0 && cats.every((c) => c === cat.label), `rows of ${cat.label}: ${cats}`);
  await page.getByTestId('filter-category').selectOption('');
  await page.waitForFunction((n) => document.querySelectorAll('[data-testid="metric-row"]').length === n, total);

  // Filter by section: only rows under that heading path.
  const sections = await page.getByTestId('filter-section').locator('option').evaluateAll((os) =>
    os.map((o) => o.value).filter(Boolean),
  );
  const section = sections.find((s) => s.includes('(二)')) ?? sections[0];
  await page.getByTestId('filter-section').selectOption(section);
  await page.waitForFunction((n) => document.querySelectorAll('[data-testid="metric-row"]').length < n, total);
  const paths = await rows.locator('td.section').allInnerTexts();
  assert.ok(paths.length > 0 && paths.every((p) => p.startsWith(section)), `rows under ${section}: ${paths}`);
  await page.getByTestId('filter-section').selectOption('');

  // Charts: hovering a bar shows ECharts' tooltip; the toolbox saves a PNG.
  await scrollToCharts(page);
  const chart = page.locator('[data-chart="by-category"]');
  const point = await chart.evaluate((el) => {
    const inst = window.echarts.getInstanceByDom(el.querySelector('[_echarts_instance_]') ?? el);
    const opt = inst.getOption();
    const y = opt.yAxis[0].data[0];
    const x = opt.series[0].data[0];
    const [px, py] = inst.convertToPixel({ seriesIndex: 0 }, [x / 2, y]);
    const r = (el.querySelector('[_echarts_instance_]') ?? el).getBoundingClientRect();
    return { x: r.left + px, y: r.top + py, label: String(y) };
  });
  await page.mouse.move(point.x, point.y);
  await page.waitForFunction(
    ({ label }) =>
      [...document.querySelectorAll('[data-chart="by-category"] div')].some(
        (d) => d.offsetParent !== null && d.style.zIndex && d.innerText.includes(label),
      ),
    point,
    { timeout: 5_000 },
  );
  await screenshot(page, 'laptop-chart-tooltip');
  const box = await chart.locator('canvas').first().boundingBox();
  // The save icon is drawn on the canvas, top right: find it by the pointer cursor ECharts
  // shows over it, then click.
  let icon = null;
  for (let dy = 4; dy <= 30 && !icon; dy += 3) {
    for (let dx = 4; dx <= 40 && !icon; dx += 3) {
      const at = { x: box.x + box.width - dx, y: box.y + dy };
      await page.mouse.move(at.x, at.y);
      const cursor = await chart.evaluate((el) => getComputedStyle(el.querySelector('canvas').parentElement).cursor);
      if (cursor === 'pointer') icon = at;
    }
  }
  assert.ok(icon, 'the save-as-image icon is on the chart');
  const download = page.waitForEvent('download', { timeout: 10_000 });
  await page.mouse.click(icon.x, icon.y);
  const png = await download;
  assert.match(png.suggestedFilename(), /\.png$/);
  const bytes = readFileSync(await png.path());
  assert.deepEqual([...bytes.subarray(0, 4)], [0x89, 0x50, 0x4e, 0x47], 'a PNG file');
  assert.ok(bytes.length > 2_000, `a real image (${bytes.length} bytes)`);

  clean(app);
  await app.context.close();
});
