// End-to-end tests of the review (issue 14): the review card and the batch review table
// hold the core's verdicts, the same as `fazhi review --format json` for the same files; the
// filter, sorting, a click to an evidence span, the reviewer's note in the exports, and the
// .xlsx review sheet read back cell by cell.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { sharedSession, openApp, screenshot, unzip, sheetCells, ROOT, CORPUS, fazhi } from './lib.mjs';

const OK_REPORT = join(ROOT, 'crates', 'fazhi_core', 'tests', 'fixtures', 'review', 'all_ok.txt');
const LOAD_TIMEOUT = 30_000;
const CHECKS = [
  'part_measures',
  'part_shortcomings',
  'part_first_responsible_person',
  'part_next_year',
  'part_other',
  'first_responsible_acts',
  'shortcomings_concrete',
  'next_year_plan',
  'concreteness',
  'title_form',
  'identification',
  'timeliness',
];

const session = sharedSession({ before, after });

/** `fazhi review --format json` of `files`: file name → { check → { status, evidence } }. */
function cliReview(files) {
  const out = JSON.parse(fazhi(['review', '--format', 'json', ...files], { encoding: 'utf8', maxBuffer: 64 << 20 }));
  return new Map(out.map((r) => [r.file, Object.fromEntries(r.checks.map((c) => [c.check, c]))]));
}

function clean({ errors, outside }) {
  assert.deepEqual(errors, [], 'no console or page errors');
  assert.deepEqual(outside, [], 'no request leaves 127.0.0.1');
}

async function open() {
  const app = await openApp(session.browser, session.server.url);
  await app.page.getByTestId('paste-box').waitFor({ state: 'visible', timeout: LOAD_TIMEOUT });
  return app;
}

/** The statuses the review table shows: file → { check → status }. */
function tableStatuses(page) {
  return page.evaluate(() =>
    Object.fromEntries(
      [...document.querySelectorAll('[data-testid="review-row"]')].map((row) => [
        row.dataset.file,
        Object.fromEntries([...row.querySelectorAll('td[data-check]')].map((td) => [td.dataset.check, td.dataset.status])),
      ]),
    ),
  );
}

/** The statuses the review card of the report on screen shows: check → status. */
function cardStatuses(page) {
  return page.evaluate(() =>
    Object.fromEntries(
      [...document.querySelectorAll('[data-testid="review-card"] [data-testid="review-check"]')].map((li) => [
        li.dataset.check,
        li.dataset.status,
      ]),
    ),
  );
}

/** The text of the highlighted evidence range (CSS Custom Highlight API), or null. */
function highlighted(page) {
  return page.evaluate(() => {
    const h = globalThis.CSS?.highlights?.get('review-evidence');
    const range = h ? [...h][0] : null;
    return range ? range.toString() : null;
  });
}

/** The bytes start..end of a file as text (spans are byte offsets of the decoded text; the
 * corpus files are UTF-8 without a BOM, so the same). */
function slice(file, span) {
  return readFileSync(file).subarray(span.start, span.end).toString('utf8');
}

test('corpus: the review table and cards hold the CLI verdicts; filter, evidence, note, exports', { timeout: 180_000 }, async (t) => {
  if (!existsSync(CORPUS)) {
    t.skip(`${CORPUS} is absent: the corpus review test was not run`);
    return;
  }
  const corpus = ['000_95b0052589eb6c70.txt', '001_0b240f21bf4fefce.txt', '002_5c4622553a17020d.txt', '003_a32637149bd3b76f.txt', '004_3850d62f0c9a890a.txt'].map((f) => join(CORPUS, f));
  const files = [...corpus, OK_REPORT];
  const cli = cliReview(files);
  const app = await open();
  const { page } = app;
  await page.getByTestId('file-input').setInputFiles(files);
  await page.getByTestId('review-row').nth(files.length - 1).waitFor({ timeout: LOAD_TIMEOUT });

  // Every verdict of the table equals the CLI's.
  const table = await tableStatuses(page);
  assert.deepEqual(Object.keys(table).sort(), files.map((f) => basename(f)).sort());
  for (const [file, checks] of cli) {
    const want = Object.fromEntries(CHECKS.map((c) => [c, checks[c].status]));
    assert.deepEqual(table[file], want, `review table row of ${file}`);
  }
  // The two named verdicts.
  assert.equal(table['003_a32637149bd3b76f.txt'].part_first_responsible_person, 'missing');
  assert.equal(table['all_ok.txt'].timeliness, 'ok');

  // The card of each report equals the CLI's verdicts too.
  for (const file of files) {
    const name = basename(file);
    await page.locator(`[data-testid="review-row"][data-file="${name}"] th button`).click();
    await page.locator('[data-testid="meta-file"]', { hasText: name }).waitFor({ timeout: LOAD_TIMEOUT });
    const want = Object.fromEntries(CHECKS.map((c) => [c, cli.get(name)[c].status]));
    assert.deepEqual(await cardStatuses(page), want, `review card of ${name}`);
  }

  // Only reports with problems: all_ok.txt goes, the five corpus reports stay.
  await page.getByTestId('review-filter').check();
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="review-row"]').length === 5);
  const withProblems = [...cli].filter(([, c]) => CHECKS.some((k) => ['warning', 'missing'].includes(c[k].status))).map(([f]) => f);
  assert.deepEqual(Object.keys(await tableStatuses(page)).sort(), withProblems.sort());
  await page.getByTestId('review-filter').uncheck();
  await page.waitForFunction((n) => document.querySelectorAll('[data-testid="review-row"]').length === n, files.length);

  // Sorting by the number of problems, most first.
  const problemsHeader = page.locator('[data-testid="review-table"] thead th').nth(1).locator('button');
  await problemsHeader.click();
  await problemsHeader.click();
  const counts = await page.evaluate(() => [...document.querySelectorAll('[data-testid="review-row"] td.num:first-of-type')].map((td) => Number(td.textContent)));
  assert.deepEqual(counts, [...counts].sort((a, b) => b - a), 'sorted by problems, most first');
  assert.equal(counts.at(-1), 0, 'all_ok.txt has none');

  // A click on a status opens that report at the check: its first piece of evidence is
  // highlighted in the text, the very bytes the CLI names.
  const f000 = corpus[0];
  await page.locator(`[data-testid="review-row"][data-file="${basename(f000)}"] td[data-check="shortcomings_concrete"] button`).click();
  await page.locator('[data-testid="meta-file"]', { hasText: basename(f000) }).waitFor({ timeout: LOAD_TIMEOUT });
  const span = cli.get(basename(f000)).shortcomings_concrete.evidence[0];
  await page.waitForFunction((want) => globalThis.CSS?.highlights?.get('review-evidence') && [...CSS.highlights.get('review-evidence')][0].toString() === want, slice(f000, span), { timeout: 5_000 });
  assert.equal(await highlighted(page), slice(f000, span));
  // The card's link shows the next piece on each click.
  const next = cli.get(basename(f000)).shortcomings_concrete.evidence[1];
  const link = page.locator('[data-testid="review-check"][data-check="shortcomings_concrete"] [data-testid="review-evidence"]');
  await link.click();
  assert.equal(await highlighted(page), slice(f000, span));
  await link.click();
  assert.equal(await highlighted(page), slice(f000, next));
  await page.getByTestId('review-table').scrollIntoViewIfNeeded();
  // The table is painted when it comes into view (`content-visibility: auto`): two frames.
  await page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok))));
  await screenshot(page, 'review-table');

  // A reviewer's note on 003, typed in its card.
  const f003 = corpus[3];
  await page.locator(`[data-testid="review-row"][data-file="${basename(f003)}"] th button`).click();
  await page.locator('[data-testid="meta-file"]', { hasText: basename(f003) }).waitFor({ timeout: LOAD_TIMEOUT });
  const note = '缺少主要负责人履职情况，请补充';
  await page.getByTestId('review-note').fill(note);
  await page.locator(`[data-testid="review-row"][data-file="${basename(f003)}"] td.note`, { hasText: note }).waitFor();

  // The .xlsx review sheet, read back cell by cell: a row per report with every status, the
  // evidence excerpt, the note; and the summary sheet's counts.
  const [xlsxDownload] = await Promise.all([page.waitForEvent('download'), page.getByTestId('review-export-xlsx').click()]);
  assert.equal(xlsxDownload.suggestedFilename(), 'review.xlsx');
  const entries = unzip(readFileSync(await xlsxDownload.path()));
  assert.match(entries.get('xl/workbook.xml').toString('utf8'), /name="审阅"[\s\S]*name="汇总"/);
  const { xml, cells } = sheetCells(entries, 1);
  assert.match(xml, /<pane [^>]*state="frozen"/, 'header frozen');
  const col = (i) => (i < 26 ? String.fromCharCode(65 + i) : 'A' + String.fromCharCode(65 + i - 26));
  assert.equal(cells.get('A1').value, '文件');
  CHECKS.forEach((c, i) => assert.equal(cells.get(`${col(1 + 2 * i)}1`).value, c));
  assert.equal(cells.get(`${col(25)}1`).value, '审阅意见');
  // Rows in loading order.
  const csvCli = fazhi(['review', '--format', 'csv', ...files]).toString('utf8').replace(/^\uFEFF/, '').split('\r\n');
  files.forEach((file, k) => {
    const r = k + 2;
    const name = basename(file);
    assert.equal(cells.get(`A${r}`).value, name);
    CHECKS.forEach((c, i) => {
      assert.equal(cells.get(`${col(1 + 2 * i)}${r}`).value, cli.get(name)[c].status, `${name} ${c}`);
    });
    assert.equal(cells.get(`${col(25)}${r}`)?.value ?? '', file === f003 ? note : '', `note of ${name}`);
    // The CLI's CSV row of the same file (note empty there) holds the same cells.
    assert.ok(csvCli[k + 1].startsWith(name + ','), csvCli[k + 1]);
  });
  const ev = cells.get(`${col(1 + 2 * CHECKS.indexOf('timeliness') + 1)}2`).value;
  assert.equal(ev, '2025年1月8日', 'the evidence excerpt of 000 timeliness is its signature date');
  const { cells: summary } = sheetCells(entries, 2);
  CHECKS.forEach((c, i) => {
    const r = i + 2;
    assert.equal(summary.get(`A${r}`).value, c);
    ['ok', 'warning', 'missing', 'unknown'].forEach((s, j) => {
      const want = [...cli.values()].filter((x) => x[c].status === s).length;
      assert.equal(Number(summary.get(`${String.fromCharCode(67 + j)}${r}`).value), want, `summary ${c} ${s}`);
    });
  });

  // The CSV download equals the CLI's CSV but for the note.
  const [csvDownload] = await Promise.all([page.waitForEvent('download'), page.getByTestId('review-export-csv').click()]);
  const csvPage = readFileSync(await csvDownload.path()).toString('utf8').replace(/^\uFEFF/, '').split('\r\n');
  assert.equal(csvPage.length, csvCli.length);
  csvPage.forEach((line, k) => {
    if (k === 4) assert.equal(line, csvCli[k] + note, 'the note ends 003\'s row');
    else assert.equal(line, csvCli[k], `CSV line ${k}`);
  });

  // The note survives a reload: the session (reports, selection, notes) is kept in IndexedDB.
  await page.reload();
  const row003 = page.locator(`[data-testid="review-row"][data-file="${basename(f003)}"]`);
  await row003.locator('td.note', { hasText: note }).waitFor({ timeout: LOAD_TIMEOUT });
  await row003.locator('th button').click();
  await page.locator('[data-testid="meta-file"]', { hasText: basename(f003) }).waitFor({ timeout: LOAD_TIMEOUT });
  assert.equal(await page.getByTestId('review-note').inputValue(), note, 'the note is back after the reload');
  clean(app);
  await app.context.close();
});

test('three years of one body: the trend view shows its headline figures year by year', { timeout: 90_000 }, async () => {
  const dir = join(ROOT, 'e2e', 'fixtures', 'trend');
  // Made-up reports of one body, loaded out of year order.
  const files = ['baisha_2023.txt', 'baisha_2021.txt', 'baisha_2022.txt'].map((f) => join(dir, f));
  const app = await open();
  const { page } = app;
  await page.getByTestId('file-input').setInputFiles(files);
  const chart = page.getByTestId('trend-chart');
  await chart.waitFor({ timeout: LOAD_TIMEOUT });
  assert.equal(await chart.getAttribute('data-agency'), '白沙县应急管理局');
  assert.equal(await chart.getAttribute('data-years'), '2021,2022,2023');
  assert.deepEqual(await page.getByTestId('trend-row').evaluateAll((rows) => rows.map((r) => r.dataset.year)), ['2021', '2022', '2023']);

  // The chart drawn: years on the category axis, and the penalty cases and fines of each
  // year equal the core's figures of that report (fines in 万元).
  await page.waitForFunction(() => {
    const el = document.querySelector('[data-testid="trend-chart"]');
    return globalThis.echarts && el && globalThis.echarts.getInstanceByDom(el);
  }, null, { timeout: LOAD_TIMEOUT });
  const option = await page.evaluate(() => {
    const o = globalThis.echarts.getInstanceByDom(document.querySelector('[data-testid="trend-chart"]')).getOption();
    return { years: o.yAxis[0].data, series: o.series.map((s) => ({ name: s.name, data: s.data })) };
  });
  assert.deepEqual(option.years, ['2021', '2022', '2023']);
  assert.equal(option.series.length, 6);
  const sum = (file, category, units) => {
    const a = JSON.parse(fazhi(['analyze', '--format', 'json', file], { encoding: 'utf8' })).analysis;
    return a.metrics.filter((m) => m.category === category && units.includes(m.unit)).reduce((s, m) => s + Number(m.value), 0);
  };
  const byYear = ['baisha_2021.txt', 'baisha_2022.txt', 'baisha_2023.txt'].map((f) => join(dir, f));
  assert.deepEqual(option.series[0].data, byYear.map((f) => sum(f, 'penalty_cases', ['件', '起', '宗', '个'])));
  assert.deepEqual(option.series[1].data, byYear.map((f) => sum(f, 'fines', ['元']) / 10_000));
  assert.deepEqual(option.series[0].data, [96, 118, 87], 'the figures written in the made-up reports');
  await page.getByTestId('trend-chart').scrollIntoViewIfNeeded();
  await screenshot(page, 'review-trend');
  clean(app);
  await app.context.close();
});

test('the deadline is a setting: an earlier one makes a report late, as `fazhi review --deadline` says, and a reload keeps it', { timeout: 60_000 }, async () => {
  const app = await open();
  const { page } = app;
  await page.getByTestId('file-input').setInputFiles([OK_REPORT]);
  const cell = page.locator('[data-testid="review-row"][data-file="all_ok.txt"] td[data-check="timeliness"]');
  await cell.waitFor({ timeout: LOAD_TIMEOUT });
  const status = (args) => JSON.parse(fazhi(['review', ...args, OK_REPORT], { encoding: 'utf8' }))[0].checks.find((c) => c.check === 'timeliness').status;
  assert.equal(await page.getByTestId('review-deadline').inputValue(), '04-01');
  assert.equal(await cell.getAttribute('data-status'), status([]));
  assert.equal(await cell.getAttribute('data-status'), 'ok');
  // Dated 2025-02-10: late under a 2月1日 deadline, in the table and on the card.
  await page.getByTestId('review-deadline').fill('02-01');
  await page.getByTestId('review-deadline').press('Tab');
  await page.waitForFunction(() => document.querySelector('[data-testid="review-row"] td[data-check="timeliness"]')?.dataset.status === 'warning');
  assert.equal(status(['--deadline', '02-01']), 'warning');
  assert.equal(await page.locator('[data-testid="review-check"][data-check="timeliness"]').getAttribute('data-status'), 'warning');
  // Not a date: ignored, the deadline in use stays.
  await page.getByTestId('review-deadline').fill('13-45');
  await page.getByTestId('review-deadline').press('Tab');
  await page.waitForFunction(() => document.querySelector('[data-testid="review-deadline"]').value === '02-01');
  assert.equal(await cell.getAttribute('data-status'), 'warning');
  // Kept with the session: after a reload the field and the verdict still say 02-01.
  await page.reload();
  await cell.waitFor({ timeout: LOAD_TIMEOUT });
  assert.equal(await page.getByTestId('review-deadline').inputValue(), '02-01');
  assert.equal(await cell.getAttribute('data-status'), 'warning');
  clean(app);
  await app.context.close();
});
