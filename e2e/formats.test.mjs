// End-to-end: the formats reviewers receive (issue 13). A PDF, a Word 97–2003 .doc and an
// OFD of one made-up report (e2e/fixtures/format-report.*, made by make_formats.sh) go in
// through the file picker; the page must show the outline, the metric marks and the parts
// checklist that the core finds in the report's own text, and the same as the `fazhi` CLI
// finds in each file. A PDF of images only must show the scan message.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { sharedSession, openApp, screenshot, ROOT, fazhi } from './lib.mjs';

const FIXTURES = join(ROOT, 'e2e', 'fixtures');
const SOURCE = join(FIXTURES, 'format-report.txt');
const LOAD_TIMEOUT = 30_000;

const session = sharedSession({ before, after });

/** The core's analysis of `file` in gold schema v1, from the CLI. */
function gold(file) {
  return JSON.parse(fazhi(['analyze', '--format', 'gold', file], { encoding: 'utf8' }));
}

/** What a gold report predicts the page shows. */
function expected(g) {
  return {
    outline: g.headings.map((h) => `${h.level} ${h.marker}${h.title}`),
    parts: Object.fromEntries(Object.entries(g.parts).map(([k, v]) => [k, v.length > 0])),
    marks: g.metrics.map((m) => m.text),
  };
}

/** What the page shows for the report on screen. */
async function shown(page) {
  return page.evaluate(() => {
    const all = (id) => [...document.querySelectorAll(`[data-testid="${id}"]`)];
    return {
      outline: all('outline-item').map((e) => `${e.dataset.level} ${e.getAttribute('title')}`),
      parts: Object.fromEntries(all('part-status').map((e) => [e.dataset.part, e.dataset.present === 'true'])),
      marks: all('metric-mark').map((e) => e.textContent.trim()),
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

for (const [fixture, format] of [
  ['format-report.pdf', 'PDF'],
  ['format-report.doc', 'DOC'],
  ['format-report.ofd', 'OFD'],
]) {
  test(`${fixture} through the file picker: outline, metric marks and parts as in the report's text`, { timeout: 60_000 }, async () => {
    const file = join(FIXTURES, fixture);
    const source = gold(SOURCE);
    const want = expected(source);
    // The report itself: seven headings, the four required parts, its figures.
    assert.equal(want.outline.length, 7, 'the source report has seven headings');
    assert.ok(want.marks.includes('318.6万元'), `the source report's figures: ${want.marks}`);
    assert.deepEqual(expected(gold(file)), want, `the CLI reads ${fixture} as the report's text`);

    const app = await open();
    const { page } = app;
    // The picker offers the format.
    const accept = (await page.getByTestId('file-input').getAttribute('accept')).split(',');
    assert.ok(accept.includes(`.${format.toLowerCase()}`), `accept lists .${format.toLowerCase()}: ${accept}`);
    await page.getByTestId('file-input').setInputFiles(file);
    await page
      .locator('[data-testid="meta-file"]', { hasText: fixture })
      .waitFor({ state: 'visible', timeout: LOAD_TIMEOUT });
    const got = await shown(page);
    assert.deepEqual(got.outline, want.outline, 'outline: levels, markers and titles');
    assert.deepEqual(got.parts, want.parts, 'parts checklist');
    assert.deepEqual(got.marks, want.marks, 'metric marks, in order');
    assert.match(await page.getByTestId('meta-encoding').innerText(), new RegExp(`· ${format}$`));
    assert.equal(await page.getByTestId('meta-agency').innerText(), source.agency);
    // The OFD's template page and annotation (make_ofd.py) and the page numbers never show.
    const text = await page.getByTestId('report-text').innerText();
    assert.match(text, /持续提升市场监管法治化水平/);
    assert.doesNotMatch(text, /不应出现|— \d —/);
    await screenshot(page, `format-${fixture.replace('.', '-')}`);
    clean(app);
    await app.context.close();
  });
}

test('a scanned PDF (images only) shows the scan message', { timeout: 60_000 }, async () => {
  const app = await open();
  const { page } = app;
  await page.getByTestId('file-input').setInputFiles(join(FIXTURES, 'scanned.pdf'));
  const error = page.getByTestId('file-error');
  await error.waitFor({ state: 'visible', timeout: LOAD_TIMEOUT });
  const text = await error.innerText();
  assert.match(text, /scanned\.pdf/);
  assert.match(text, /扫描件没有文字层，无法分析；请使用文字版/);
  assert.equal(await page.getByTestId('report-tab').count(), 0, 'no report was opened');
  await screenshot(page, 'format-scanned-pdf');
  clean(app);
  await app.context.close();
});
