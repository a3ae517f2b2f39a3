// End-to-end test of issue 11: a report as a government site publishes it. A made-up page
// (e2e/fixtures/thematic-page.html) has a stale site banner date, a 发布机构 table, a title
// that names neither body nor "年度", a body that says only 我局, and thematic sections
// with no "主要举措和成效" heading. The header and the parts checklist must show what a
// reader annotating it by hand would: written below, not taken from the analyzer.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { sharedSession, openApp, screenshot, ROOT } from './lib.mjs';

const FIXTURE = join(ROOT, 'e2e', 'fixtures', 'thematic-page.html');
const LOAD_TIMEOUT = 30_000;

/** The hand-made gold of the page. */
const GOLD = {
  agency: '安平市桐川区林业局', // from the 发布机构 table; the banner names the district government
  year: '2023', // from the title; the banner shows 2021
  published: '2024-02-26', // the 发文日期 field
  parts: {
    achievements: ['一、深入学习宣传贯彻习近平法治思想', '二、林业法治体系建设取得新进展', '三、严格规范公正文明执法'],
    shortcomings: ['四、存在的不足和原因'],
    first_responsible_person: ['（二）发挥示范作用'],
    next_year_plan: ['五、2024年工作安排'],
    other: [],
  },
};

const session = sharedSession({ before, after });

test('a published page: header shows the body and year, the checklist the thematic parts', { timeout: 60_000 }, async () => {
  const app = await openApp(session.browser, session.server.url);
  const { page } = app;
  await page.getByTestId('paste-box').waitFor({ state: 'visible', timeout: LOAD_TIMEOUT });
  await page.getByTestId('file-input').setInputFiles(FIXTURE);
  await page
    .locator('[data-testid="meta-file"]', { hasText: 'thematic-page.html' })
    .waitFor({ state: 'visible', timeout: LOAD_TIMEOUT });

  assert.equal((await page.getByTestId('meta-agency').innerText()).trim(), GOLD.agency, 'issuing body');
  assert.equal((await page.getByTestId('meta-year').innerText()).trim(), GOLD.year, 'year covered');
  assert.equal((await page.getByTestId('meta-published').innerText()).trim(), GOLD.published, 'published');

  const parts = await page.evaluate(() =>
    Object.fromEntries(
      [...document.querySelectorAll('[data-testid="part-status"]')].map((e) => [
        e.dataset.part,
        { present: e.dataset.present === 'true', links: [...e.querySelectorAll('.part-links button')].map((b) => b.title) },
      ]),
    ),
  );
  for (const [part, headings] of Object.entries(GOLD.parts)) {
    assert.equal(parts[part]?.present, headings.length > 0, `${part} present`);
    assert.deepEqual(parts[part]?.links ?? [], headings, `${part} sections`);
  }

  // The reviewer sees why the thematic sections count: an Info note, "按内容判定".
  const note = page.locator('[data-testid="diagnostic"][data-kind="part_by_content"]');
  assert.ok((await note.count()) >= 1, 'a part_by_content diagnostic');
  assert.match(await note.first().innerText(), /按内容判定/);

  await screenshot(page, 'page-thematic');
  assert.deepEqual(app.errors, [], 'no console or page errors');
  assert.deepEqual(app.outside, [], 'no request leaves 127.0.0.1');
  await app.context.close();
});
