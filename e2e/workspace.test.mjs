// End-to-end tests of the workspace (issue 12): a batch of 200 reports with progress, a
// responsive page and a cancel button; the report list (search, filters, sorting, keys);
// duplicates; sessions kept in IndexedDB across reloads, "clear all", session files saved
// and opened, other JSON refused; storage quota errors; the size limit. The reports are
// made up here from a few templates (no corpus text). Prints the batch figures: time to
// all done for 200 reports, the longest main-thread task and the total blocking time, and
// the IndexedDB restore time for 200 reports.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { sharedSession, screenshot } from './lib.mjs';

const LOAD_TIMEOUT = 60_000;
/** Budget: no main-thread task over this while a batch loads. */
const LONG_TASK_BUDGET_MS = 100;

const session = sharedSession({ before, after });

// Made-up reports in the style of real ones: three shapes (all five parts; no part on the
// principal leaders; a thematic one with only measures), varied bodies, years and figures.
const BODIES = ['司法局', '市场监督管理局', '生态环境局', '应急管理局', '人力资源和社会保障局', '交通运输局', '卫生健康委员会', '教育局'];
const PLACES = ['东城区', '西湖县', '南山区', '北江市', '青石镇', '白云区', '临江县', '松山区', '清河县', '金水区'];

function report(i) {
  const place = PLACES[i % PLACES.length];
  const body = BODIES[Math.floor(i / PLACES.length) % BODIES.length];
  const agency = `${place}${body}`;
  const year = 2021 + (i % 4);
  const n = (k) => 3 + ((i * 37 + k * 11) % 97);
  const title = `${agency}${year}年法治政府建设年度报告`;
  const measures = `一、${year}年推进法治政府建设的主要举措和成效\n（一）深化“放管服”改革\n全年办理行政许可事项${n(1)}件，按时办结率100%。开展“双随机、一公开”检查${n(2)}次，检查企业${n(3)}家。\n（二）严格规范公正文明执法\n办理行政处罚案件${n(4)}件，罚没金额${n(5)}.5万元。组织执法人员培训${n(6)}场次，参训${n(7)}人次。\n`;
  const shortcomings = `二、存在的不足和原因\n一是执法力量仍显薄弱；二是法治宣传的针对性有待加强。\n`;
  const leaders = `三、党政主要负责人履行推进法治建设第一责任人职责情况\n主要负责人主持召开专题会议${n(8)}次，研究法治建设重大事项${n(9)}项。\n`;
  const plans = `四、${year + 1}年推进法治政府建设的主要安排\n继续深化行政执法体制改革，计划开展培训${n(10)}场次。\n`;
  const other = `五、其他需要报告的情况\n无。\n`;
  const sign = `\n${agency}\n${year + 1}年1月${1 + (i % 28)}日\n`;
  const shape = i % 3;
  const parts =
    shape === 0
      ? [measures, shortcomings, leaders, plans, other]
      : shape === 1
        ? [measures, shortcomings, plans]
        : [measures];
  return { agency, year, text: `${title}\n\n${parts.join('')}${sign}` };
}

function reportFiles(count, offset = 0) {
  return Array.from({ length: count }, (_, k) => {
    const i = k + offset;
    const r = report(i);
    return {
      name: `${String(i).padStart(3, '0')}-${r.agency}-${r.year}.txt`,
      mimeType: 'text/plain',
      buffer: Buffer.from(r.text, 'utf8'),
      ...r,
    };
  });
}

const asInput = (files) => files.map(({ name, mimeType, buffer }) => ({ name, mimeType, buffer }));

/** Long tasks of the main thread (PerformanceObserver 'longtask'), and the highest
 * done/total the progress bar showed, recorded from the first script on. */
const RECORDERS = () => {
  window.__longTasks = [];
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__longTasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  } catch {
    window.__longTasks = null;
  }
  window.__progress = { done: 0, total: 0, seen: false };
  new MutationObserver(() => {
    const bar = document.querySelector('[data-testid="progress"]');
    if (!bar) return;
    const p = window.__progress;
    p.seen = true;
    p.done = Math.max(p.done, Number(bar.dataset.done));
    p.total = Math.max(p.total, Number(bar.dataset.total));
  }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-done', 'data-total'] });
};

/** A fresh browser context (empty IndexedDB) with the recorders, on the app. */
async function open({ init } = {}) {
  const context = await session.browser.newContext({ viewport: { width: 1366, height: 900 }, acceptDownloads: true });
  await context.addInitScript(RECORDERS);
  if (init) await context.addInitScript(init);
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  const outside = [];
  page.on('request', (r) => {
    const u = new URL(r.url());
    if (!['127.0.0.1', 'localhost'].includes(u.hostname) && !['data:', 'blob:'].includes(u.protocol)) outside.push(r.url());
  });
  await page.goto(session.server.url);
  await page.getByTestId('paste-box').waitFor({ state: 'visible', timeout: LOAD_TIMEOUT });
  return { context, page, errors, outside };
}

const rows = (page) => page.getByTestId('report-row');

async function waitForRows(page, n) {
  await page.waitForFunction(
    (n) => {
      const bar = document.querySelector('[data-testid="progress"]');
      return document.querySelectorAll('[data-testid="report-row"]').length === n && (!bar || bar.dataset.done === bar.dataset.total);
    },
    n,
    { timeout: LOAD_TIMEOUT, polling: 50 },
  );
}

/** The list's state as the page shows it. */
async function listState(page) {
  return page.evaluate(() => {
    const v = (id) => document.querySelector(`[data-testid="${id}"]`);
    const selected = document.querySelector('[data-testid="report-row"][aria-selected="true"]');
    return {
      rows: document.querySelectorAll('[data-testid="report-row"]').length,
      names: [...document.querySelectorAll('[data-testid="report-row"]')].map((r) => r.dataset.name),
      selected: selected?.dataset.name ?? null,
      shownFile: v('meta-file')?.textContent ?? null,
      query: v('list-search')?.value ?? null,
      year: v('list-year')?.value ?? null,
      missing: v('list-missing')?.checked ?? null,
      sort: v('list-sort')?.value ?? null,
      category: v('filter-category')?.value ?? null,
    };
  });
}

test('200 reports: progress to the total, the page answers meanwhile, 200 rows, then a reload restores them', { timeout: 240_000 }, async () => {
  const { context, page, errors, outside } = await open();
  const files = reportFiles(200);
  const langBefore = await page.getByTestId('lang-toggle').innerText();

  // The language toggle's text as it changes, timed in the page.
  await page.evaluate(() => {
    const toggle = document.querySelector('[data-testid="lang-toggle"]');
    window.__toggle = { clicked: null, shown: null };
    toggle.addEventListener('click', () => (window.__toggle.clicked = performance.now()), { capture: true });
    new MutationObserver(() => (window.__toggle.shown ??= performance.now())).observe(toggle, { childList: true, subtree: true, characterData: true });
  });
  const batchStart = await page.evaluate(() => performance.now());
  const t0 = Date.now();
  await page.getByTestId('file-input').setInputFiles(asInput(files));
  const bar = page.getByTestId('progress');
  await bar.waitFor({ timeout: LOAD_TIMEOUT });
  assert.equal(await bar.getAttribute('data-total'), '200');
  // A click on the language toggle during the batch shows before the batch ends.
  await page.getByTestId('lang-toggle').click();
  await page.waitForFunction((before) => document.querySelector('[data-testid="lang-toggle"]').textContent.trim() !== before, langBefore.trim(), {
    timeout: 5_000,
    polling: 'raf',
  });
  const toggle = await page.evaluate(() => window.__toggle);
  const toggleMs = toggle.shown - toggle.clicked;
  const midway = await page.evaluate(() => {
    const b = document.querySelector('[data-testid="progress"]');
    return b ? { done: Number(b.dataset.done), total: Number(b.dataset.total), current: b.querySelector('[data-testid="progress-current"]').textContent } : null;
  });
  assert.ok(midway, 'the batch was still running when the new language showed');
  assert.ok(midway.done < 200, `${JSON.stringify(midway)}`);
  assert.match(midway.current, /\.txt$/, 'the file being analysed is named');
  await screenshot(page, 'workspace-progress');

  await waitForRows(page, 200);
  const allDoneMs = Date.now() - t0;
  const progress = await page.evaluate(() => window.__progress);
  assert.deepEqual(progress, { done: 200, total: 200, seen: true }, 'the bar counts up to the total');
  const all = await page.evaluate(() => window.__longTasks);
  assert.ok(Array.isArray(all), 'PerformanceObserver longtask is supported');
  // The tasks from the pick of the files on (not the page's own start).
  const tasks = all.filter((t) => t.start + t.duration >= batchStart);
  const longest = Math.max(0, ...tasks.map((t) => t.duration));
  const blocking = tasks.reduce((sum, t) => sum + Math.max(0, t.duration - 50), 0);
  console.log(
    `# batch of 200 reports: all done in ${allDoneMs} ms; language toggle shown ${toggleMs.toFixed(0)} ms after the click; ` +
      `${tasks.length} long tasks, longest ${longest.toFixed(0)} ms, total blocking time ${blocking.toFixed(0)} ms ` +
      `(at ms after the pick: ${tasks.map((t) => `${(t.start - batchStart).toFixed(0)}+${t.duration.toFixed(0)}`).join(', ')}; ` +
      `the click at ${(toggle.clicked - batchStart).toFixed(0)})`,
  );
  // A budget, not a test: timings on a shared machine vary, so the figure is printed (and
  // `cargo xtask bench` reports it); the test asserts what does not depend on the load.
  console.log(`# long-task budget ${LONG_TASK_BUDGET_MS} ms: ${longest <= LONG_TASK_BUDGET_MS ? 'met' : 'NOT met'} (longest ${longest.toFixed(0)} ms)`);

  // The list: 200 rows, the first report selected and shown; the comparison right below.
  let s = await listState(page);
  assert.equal(s.rows, 200);
  // Several reports were read at once, by one worker per core but one (1 to 4), and they are
  // listed in the order they were given.
  assert.deepEqual(s.names, files.map((f) => f.name), 'the list keeps the order of the files');
  const cores = await page.evaluate(() => navigator.hardwareConcurrency);
  assert.equal(page.workers().length, Math.min(4, Math.max(1, cores - 1)), `workers on ${cores} cores`);
  assert.equal(s.selected, files[0].name);
  assert.equal(s.shownFile, files[0].name);
  const below = await page.evaluate(() => document.querySelector('[data-testid="compare"]').getBoundingClientRect().top + scrollY);
  assert.ok(below < 900, `the comparison starts within the first screen (at ${below} px)`);

  // Search by body, filter by year and missing parts, sort.
  await page.getByTestId('list-search').fill('南山区');
  assert.equal((await listState(page)).rows, files.filter((f) => f.agency.includes('南山区')).length);
  await page.getByTestId('list-year').selectOption('2023');
  const want = files.filter((f) => f.agency.includes('南山区') && f.year === 2023);
  s = await listState(page);
  assert.deepEqual(s.names, want.map((f) => f.name));
  assert.ok(s.rows > 0);
  await page.getByTestId('list-search').fill('');
  await page.getByTestId('list-missing').check();
  s = await listState(page);
  assert.equal(s.rows, files.filter((f, i) => f.year === 2023 && i % 3 !== 0).length, 'shapes 1 and 2 miss parts');
  await page.getByTestId('list-sort').selectOption('name');
  await page.getByTestId('list-direction').click();
  s = await listState(page);
  assert.deepEqual(s.names, [...s.names].sort().reverse(), 'sorted by name, descending');

  // Keys: focus a row, move down, open with Enter.
  await rows(page).first().focus();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  const chosen = s.names[2];
  await page.waitForFunction((name) => document.querySelector('[data-testid="meta-file"]')?.textContent === name, chosen, { timeout: 10_000 });
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.name), chosen, 'focus stays on the row');
  assert.equal(await page.locator('[role="listbox"] [role="option"][aria-selected="true"]').count(), 1);
  // The metrics table's filter, to come back after the reload.
  await page.getByTestId('filter-category').selectOption({ index: 1 });
  const before = await listState(page);
  assert.notEqual(before.category, '');

  // Reload: the same reports, selection and filters, from IndexedDB.
  const r0 = Date.now();
  await page.reload();
  await page.waitForFunction(
    (n) => {
      const bar = document.querySelector('[data-testid="progress"]');
      return document.querySelectorAll('[data-testid="report-row"]').length === n && (!bar || bar.dataset.done === bar.dataset.total);
    },
    before.rows,
    { timeout: LOAD_TIMEOUT, polling: 50 },
  );
  await page.waitForFunction((name) => document.querySelector('[data-testid="meta-file"]')?.textContent === name, chosen, { timeout: 10_000 });
  const restoreMs = Date.now() - r0;
  const after = await listState(page);
  assert.deepEqual(after, before);
  await page.getByTestId('list-missing').uncheck();
  await page.getByTestId('list-year').selectOption('');
  assert.equal((await listState(page)).rows, 200, 'all 200 came back');
  console.log(`# IndexedDB restore of 200 reports (reload to the selected report shown, re-analysed in the worker): ${restoreMs} ms`);
  await screenshot(page, 'workspace-list');

  // Clear all: nothing open, and nothing after a reload either.
  await page.getByTestId('clear-all').click();
  assert.equal(await rows(page).count(), 0);
  await page.waitForTimeout(300);
  await page.reload();
  await page.getByTestId('paste-box').waitFor({ timeout: LOAD_TIMEOUT });
  await page.waitForTimeout(1_000);
  assert.equal(await rows(page).count(), 0, 'still empty after a reload');
  assert.equal(await page.getByTestId('clear-all').count(), 0);

  assert.deepEqual(errors, []);
  assert.deepEqual(outside, []);
  await context.close();
});

test('save session, clear, open the file: everything back; other JSON is refused', { timeout: 120_000 }, async () => {
  const { context, page, errors, outside } = await open();
  const files = reportFiles(7, 300);
  await page.getByTestId('file-input').setInputFiles(asInput(files));
  await waitForRows(page, 7);
  await rows(page).nth(4).click();
  await page.waitForFunction((name) => document.querySelector('[data-testid="meta-file"]')?.textContent === name, files[4].name);
  await page.getByTestId('list-search').fill('20');
  await page.getByTestId('filter-category').selectOption({ index: 1 });
  const before = await listState(page);

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('save-session').click()]);
  const path = await download.path();
  const saved = JSON.parse(readFileSync(path, 'utf8'));
  assert.equal(saved.format, 'fazhi-lens-session');
  assert.equal(saved.version, 1);
  assert.deepEqual(saved.reports.map((r) => r.name), files.map((f) => f.name));
  assert.equal(saved.reports[0].text, files[0].text);
  assert.equal(saved.list.query, '20');

  // An analysis export is JSON too, but not a session: a clear message, nothing opened.
  const [exported] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-json').click()]);
  await page.getByTestId('clear-all').click();
  assert.equal(await rows(page).count(), 0);
  await page.getByTestId('file-input').setInputFiles({ name: 'analysis.json', mimeType: 'application/json', buffer: readFileSync(await exported.path()) });
  const notice = page.locator('[data-testid="notice"][data-kind="not_a_session"]');
  await notice.waitFor({ timeout: LOAD_TIMEOUT });
  assert.match(await notice.innerText(), /analysis\.json 不是本工具保存的会话文件/);
  assert.equal(await rows(page).count(), 0, 'the export was not analysed as a report');

  // The session file (from "another machine": a fresh context) brings everything back.
  const other = await open();
  await other.page.getByTestId('file-input').setInputFiles({ name: 'fazhi-lens-session.json', mimeType: 'application/json', buffer: readFileSync(path) });
  await waitForRows(other.page, before.rows);
  await other.page.waitForFunction((name) => document.querySelector('[data-testid="meta-file"]')?.textContent === name, files[4].name);
  assert.deepEqual(await listState(other.page), before);
  await other.page.getByTestId('list-search').fill('');
  assert.equal(await rows(other.page).count(), 7);
  assert.equal(await other.page.locator('[data-testid="notice"][data-kind="restored"]').count(), 1);
  assert.deepEqual(other.errors, []);
  assert.deepEqual(other.outside, []);
  await other.context.close();

  assert.deepEqual(errors, []);
  assert.deepEqual(outside, []);
  await context.close();
});

test('the same content twice is opened once; cancel keeps what is done; too large is not read', { timeout: 120_000 }, async () => {
  const { context, page, errors, outside } = await open();
  const [a, b] = reportFiles(2, 500);
  await page.getByTestId('file-input').setInputFiles(asInput([a, b, { ...a, name: 'copy-of-a.txt' }]));
  await waitForRows(page, 2);
  const dup = page.locator('[data-testid="notice"][data-kind="duplicate"]');
  assert.equal(await dup.count(), 1);
  assert.match(await dup.innerText(), new RegExp(`copy-of-a\\.txt 与已打开的 ${a.name}`));
  // Again, later: still not twice.
  await page.getByTestId('file-input').setInputFiles(asInput([b]));
  await page.locator('[data-testid="notice"][data-kind="duplicate"]').waitFor();
  await page.waitForFunction(() => !document.querySelector('[data-testid="progress"]'), null, { timeout: 10_000 });
  assert.equal(await rows(page).count(), 2);

  // Too large: refused from its size, with the limit in human terms.
  await page.getByTestId('file-input').setInputFiles({ name: 'huge.txt', mimeType: 'text/plain', buffer: Buffer.alloc(21 * 1024 * 1024, 0x41) });
  const big = page.locator('[data-testid="notice"][data-kind="too_large"]');
  await big.waitFor({ timeout: LOAD_TIMEOUT });
  assert.match(await big.innerText(), /huge\.txt 过大（21 MB），上限 20 MB/);
  assert.equal(await rows(page).count(), 2);
  // The paste box has the same limit.
  // (Set as the browser would after a paste: typing 21 MB through fill() takes minutes.)
  await page.getByTestId('paste-box').evaluate((box) => {
    box.value = '一、总体情况 '.repeat(1_200_000);
    box.dispatchEvent(new InputEvent('input', { bubbles: true }));
  });
  const pasted = page.locator('[data-testid="notice"][data-kind="too_large"]', { hasText: '粘贴的文字过大' });
  await pasted.waitFor({ timeout: LOAD_TIMEOUT });
  assert.match(await pasted.innerText(), /粘贴的文字过大（21\.7 MB），上限 20 MB，未分析/);
  assert.equal(await rows(page).count(), 2, 'not analysed');
  await page.getByTestId('paste-box').fill('');

  // Cancel: the rest of the queue is dropped; the reports done stay open.
  await page.getByTestId('file-input').setInputFiles(asInput(reportFiles(120, 600)));
  await page.waitForFunction(() => Number(document.querySelector('[data-testid="progress"]')?.dataset.done) >= 5, null, { timeout: LOAD_TIMEOUT, polling: 20 });
  await page.getByTestId('cancel-batch').click();
  await page.locator('[data-testid="notice"][data-kind="cancelled"]').waitFor();
  assert.equal(await page.getByTestId('progress').count(), 0);
  const kept = await rows(page).count();
  await page.waitForTimeout(1_000);
  assert.equal(await rows(page).count(), kept, 'nothing arrives after the cancel');
  assert.ok(kept > 2 + 4 && kept < 2 + 120, `${kept} rows`);

  assert.deepEqual(errors, []);
  assert.deepEqual(outside, []);
  await context.close();
});

test('a full storage quota: a clear message, every open report stays', { timeout: 60_000 }, async () => {
  // Every IndexedDB write fails as a full disk would.
  const full = () => {
    const put = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = function (...args) {
      if (this.name === 'reports') throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return put.apply(this, args);
    };
  };
  const { context, page, errors, outside } = await open({ init: full });
  const files = reportFiles(3, 700);
  await page.getByTestId('file-input').setInputFiles(asInput(files));
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="report-row"]').length === 3, null, { timeout: LOAD_TIMEOUT });
  const notice = page.locator('[data-testid="notice"][data-kind="storage_full"]');
  await notice.waitFor({ timeout: 10_000 });
  assert.match(await notice.innerText(), /存储空间已满/);
  assert.equal(await page.locator('[data-testid="notices"][role="alert"]').count(), 1);
  assert.equal(await rows(page).count(), 3, 'nothing open is lost');
  assert.equal(await page.getByTestId('meta-file').innerText(), files[0].name);
  assert.deepEqual(errors, []);
  assert.deepEqual(outside, []);
  await context.close();
});

test('on four cores a batch is read by three workers: the same reports, in the order given; two stop when idle', { timeout: 120_000 }, async () => {
  const files = reportFiles(30);
  const shown = {};
  for (const cores of [1, 4]) {
    const { context, page, errors, outside } = await open();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setHardwareConcurrencyOverride', { hardwareConcurrency: cores });
    assert.equal(await page.evaluate(() => navigator.hardwareConcurrency), cores);
    await page.getByTestId('file-input').setInputFiles(asInput(files));
    await waitForRows(page, 30);
    const s = await listState(page);
    assert.deepEqual(s.names, files.map((f) => f.name), `${cores} cores: the list keeps the order of the files`);
    assert.equal(page.workers().length, Math.max(1, cores - 1), `${cores} cores`);
    if (cores > 2) {
      // The extra workers stop when the batch is over and they have been idle 15 s; the
      // first stays.
      const until = Date.now() + 40_000;
      while (page.workers().length > 1 && Date.now() < until) await page.waitForTimeout(500);
      assert.equal(page.workers().length, 1, 'the extra workers have stopped');
    }
    shown[cores] = {
      list: await page.getByTestId('report-list').textContent(),
      review: await page.getByTestId('review-table').textContent(),
    };
    assert.deepEqual(errors, []);
    assert.deepEqual(outside, []);
    await context.close();
  }
  assert.ok(shown[4].review.length > 500, `the review table is shown: ${shown[4].review.length} characters`);
  assert.equal(shown[4].list, shown[1].list);
  assert.equal(shown[4].review, shown[1].review);
});
