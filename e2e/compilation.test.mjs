// A compilation (one file holding several reports, each under its own title) dropped on the
// page becomes one report per title, named "<file stem> · <title>", each showing what the
// CLI's analysis of that report holds (`fazhi analyze --format gold` splits it the same way).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { sharedSession, openApp, screenshot, ROOT, fazhi } from './lib.mjs';

const COMPILATION = join(ROOT, 'crates', 'fazhi_core', 'tests', 'fixtures', 'split', 'compilation.txt');
const LOAD_TIMEOUT = 30_000;

const session = sharedSession({ before, after });

/** The CLI's gold reports for `file` (an array: one per report of the compilation). */
function gold(file) {
  const out = fazhi(['analyze', '--format', 'gold', file], { encoding: 'utf8' });
  const parsed = JSON.parse(out);
  return Array.isArray(parsed) ? parsed : [parsed];
}

/** What the page shows for the report on screen. */
async function shown(page) {
  return page.evaluate(() => {
    const all = (id) => [...document.querySelectorAll(`[data-testid="${id}"]`)];
    return {
      outline: all('outline-item').map((e) => Number(e.dataset.level)),
      parts: Object.fromEntries(all('part-status').map((e) => [e.dataset.part, e.dataset.present === 'true'])),
      metrics: all('metric-mark').length,
    };
  });
}

test('a compilation of three reports opens as three reports', async () => {
  const reports = gold(COMPILATION);
  assert.equal(reports.length, 3, 'the CLI splits the fixture into three reports');
  const names = reports.map((r) => r.file);
  for (const name of names) assert.match(name, /^compilation · 青石区.+报告$/);

  const { page } = await openApp(session.browser, session.server.url);
  await page.getByTestId('paste-box').waitFor({ state: 'visible', timeout: LOAD_TIMEOUT });
  await page.getByTestId('file-input').setInputFiles(COMPILATION);
  const tabs = page.getByTestId('report-tab');
  await page.waitForFunction(
    () => document.querySelectorAll('[data-testid="report-tab"]').length === 3,
    null,
    { timeout: LOAD_TIMEOUT },
  );
  assert.deepEqual(await tabs.evaluateAll((els) => els.map((e) => e.dataset.name)), names);

  for (const [i, report] of reports.entries()) {
    await tabs.nth(i).click();
    await page
      .locator('[data-testid="meta-file"]', { hasText: report.file })
      .waitFor({ state: 'visible', timeout: LOAD_TIMEOUT });
    const got = await shown(page);
    assert.deepEqual(got.outline, report.headings.map((h) => h.level), report.file);
    assert.deepEqual(
      got.parts,
      Object.fromEntries(Object.entries(report.parts).map(([k, v]) => [k, v.length > 0])),
      report.file,
    );
    assert.equal(got.metrics, report.metrics.length, report.file);
    assert.ok(got.outline.length >= 4 && got.metrics > 0, `${report.file}: a whole report`);
    // Each report holds only its own text: its own closing date, not the others'.
    const text = await page.getByTestId('report-text').innerText();
    const dates = reports.map((r) => {
      const [y, m, d] = r.published.split('-').map(Number);
      return `${y}年${m}月${d}日`;
    });
    assert.deepEqual(dates.map((date) => text.includes(date)), dates.map((_, j) => j === i), report.file);
  }
  // The comparison lists the three reports.
  assert.equal(await page.getByTestId('compare-row').count(), 3);
  await screenshot(page, 'compilation');
});
