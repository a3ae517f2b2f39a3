// A 10 MB compilation of made-up reports: the text view and the metrics table render only
// what is near the viewport, the end of the text can be reached and a figure there used,
// outline and table jumps to places not rendered yet land on them. Prints the DOM size and
// the frame times while scrolling.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sharedSession, openApp, screenshot, ROOT } from './lib.mjs';

const session = sharedSession({ before, after });
const DEMO = readFileSync(join(ROOT, 'www', 'demo', 'demo-report.txt'), 'utf8');
const TARGET = 10 * 1024 * 1024;
const BODIES = ['市场监督管理局', '生态环境局', '交通运输局', '卫生健康委员会', '教育局', '水务局', '住房和城乡建设局'];

/** Made-up reports, one after another, each its own body, year and figures, up to 10 MB. */
function compilation() {
  const parts = [];
  let size = 0;
  for (let i = 0; size < TARGET; i++) {
    const body = `第${i + 1}号${BODIES[i % BODIES.length]}`;
    // One long report, not a compilation: only the first piece keeps the report's title
    // line (a compilation of titled reports is split into its reports, see compilation.test).
    const text = i === 0 ? DEMO : DEMO.slice(DEMO.indexOf('\n') + 1);
    const report = text.replaceAll('某某市', `某某市${body}`)
      .replace(/\d+/g, (n) => String((Number(n) + i) % 100000));
    const piece = `\n\n【汇编第${i + 1}篇】\n${report}`;
    parts.push(piece);
    size += Buffer.byteLength(piece);
  }
  parts.push('\n\n【汇编完】全书终。本汇编收录的最后一项数字：共计收录报告123篇。\n');
  return Buffer.from(parts.join(''));
}

/** requestAnimationFrame deltas (ms) while the page scrolls by `step` px `frames` times. */
async function scrollFrames(page, step, frames) {
  return page.evaluate(async ([step, frames]) => {
    const deltas = [];
    let last = performance.now();
    for (let i = 0; i < frames; i++) {
      window.scrollBy(0, step);
      await new Promise((ok) => requestAnimationFrame(ok));
      const now = performance.now();
      deltas.push(now - last);
      last = now;
    }
    return deltas;
  }, [step, frames]);
}

const stats = (d) => {
  const s = [...d].sort((a, b) => a - b);
  const at = (q) => s[Math.min(s.length - 1, Math.floor(q * s.length))].toFixed(1);
  return `median ${at(0.5)} ms, p95 ${at(0.95)} ms, max ${s[s.length - 1].toFixed(1)} ms over ${s.length} frames`;
};

test('a 10 MB compilation: windowed text and table, the end reachable, jumps land', { timeout: 300_000 }, async () => {
  const { context, page, errors, outside } = await openApp(session.browser, session.server.url);
  const file = compilation();
  assert.ok(file.length >= TARGET, `the compilation is ${file.length} bytes`);
  await page.getByTestId('file-input').setInputFiles({ name: 'compilation.txt', mimeType: 'text/plain', buffer: file });
  await page.getByTestId('report-text').waitFor({ timeout: 240_000 });
  await page.getByTestId('metric-mark').first().waitFor({ timeout: 60_000 });

  const count = () => page.evaluate(() => ({
    nodes: document.getElementsByTagName('*').length,
    marks: document.querySelectorAll('[data-testid="metric-mark"]').length,
    rows: document.querySelectorAll('[data-testid="metric-row"]').length,
    outline: document.querySelectorAll('[data-testid="outline-item"]').length,
  }));
  const first = await count();
  console.log(`# 10 MB (${file.length} bytes): ${first.nodes} DOM elements, ${first.marks} marks and ${first.rows} table rows rendered, ${first.outline} outline items`);
  const shown = await page.locator('.metrics .shown').innerText();
  const total = Number(shown.match(/(\d+)\s*$/)[1]);
  assert.ok(total > 20_000, `the compilation has many figures (${total})`);
  assert.ok(first.rows < 1_000 && first.marks < 2_000, `only a window renders: ${JSON.stringify(first)}`);

  // Scroll through the text: frame times, and the window follows.
  await page.getByTestId('report-text').scrollIntoViewIfNeeded();
  const deltas = await scrollFrames(page, 600, 120);
  console.log(`# scroll frames (600 px per frame): ${stats(deltas)}`);
  const after = await count();
  console.log(`# after scrolling: ${after.nodes} DOM elements, ${after.marks} marks`);
  assert.ok(after.marks > 0 && after.nodes < first.nodes * 2, 'the window moved, the page did not grow');

  // The end of the text: keep going until the last chunk is rendered and in view.
  for (let i = 0; i < 40; i++) {
    const done = await page.evaluate(() => {
      const text = document.querySelector('[data-testid="report-text"]');
      const last = text.querySelector('.chunk:last-child');
      if (last && !last.classList.contains('gap')) {
        last.scrollIntoView({ block: 'end' });
        return last.getBoundingClientRect().bottom <= window.innerHeight + 1;
      }
      text.querySelector('.chunks').lastElementChild.scrollIntoView({ block: 'end' });
      return false;
    });
    if (done) break;
    await page.waitForTimeout(100);
  }
  const tail = page.locator('.report-text .chunk:last-child');
  assert.match(await tail.innerText(), /全书终/, 'the end of the text is rendered');
  const lastMark = tail.getByTestId('metric-mark').last();
  const lastIndex = Number(await lastMark.getAttribute('data-index'));
  assert.equal(lastIndex, total - 1, 'the last figure of the text is marked');
  await lastMark.click();
  await page.waitForFunction((i) => document.querySelector('[data-testid="metric-tip"]')?.dataset.index === String(i), lastIndex, { timeout: 5_000 });
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.index), String(lastIndex), 'the mark is selected (focused)');
  await screenshot(page, 'large-end');

  // An outline click on a heading far away (the first one, long since left out) lands on it.
  // The outline is windowed too: back to its top, its first group renders.
  await page.locator('.sidebar').evaluate((s) => { s.scrollTop = 0; });
  await page.waitForFunction(() => document.querySelector('.outline-groups')?.firstElementChild?.tagName === 'OL');
  await page.locator('.outline-groups > ol:first-child [data-testid="outline-item"]').first().click();
  await page.waitForFunction(() => {
    const h = document.getElementById('h-0');
    if (!h || document.activeElement !== h) return false;
    const r = h.getBoundingClientRect();
    return r.top >= -2 && r.top < window.innerHeight;
  }, null, { timeout: 10_000 });

  // A table row whose figure is not rendered: it renders and flashes.
  const wrap = page.locator('.metrics .table-wrap');
  await wrap.evaluate((w) => { w.scrollTop = w.scrollHeight; });
  const row = page.getByTestId('metric-row').last();
  await row.waitFor({ timeout: 5_000 });
  await page.waitForFunction(() => {
    const rows = document.querySelectorAll('[data-testid="metric-row"]');
    return rows.length && rows[rows.length - 1].dataset.index;
  });
  const rowIndex = await page.evaluate(() => {
    const rows = document.querySelectorAll('[data-testid="metric-row"]');
    return rows[rows.length - 1].dataset.index;
  });
  assert.ok(Number(rowIndex) > total - 100, `the table's end is rendered (${rowIndex})`);
  const target = page.locator(`#m-${Number(rowIndex) - 20}`);
  assert.equal(await target.count(), 0, 'the figure is not rendered before the click');
  await page.locator(`[data-testid="metric-row"][data-index="${Number(rowIndex) - 20}"]`).click();
  await page.waitForFunction((id) => {
    const m = document.getElementById(id);
    if (!m) return false;
    const r = m.getBoundingClientRect();
    return r.top >= 0 && r.bottom <= window.innerHeight;
  }, `m-${Number(rowIndex) - 20}`, { timeout: 10_000 });

  assert.deepEqual(errors, [], 'no console or page errors');
  assert.deepEqual(outside, [], 'no request leaves 127.0.0.1');
  await context.close();
});
