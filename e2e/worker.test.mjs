// The page and its Web Worker (issue 15): what the page downloads at load stays within the
// budget, the worker is fetched only on first use and only once, decode warnings reach the
// user in the interface language, and a panic (page or worker) puts up the crash message.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { sharedSession, openApp, screenshot, DIST, ROOT } from './lib.mjs';

const LOAD_TIMEOUT = 30_000;
/** Issue 15's budget: the page's wasm + JS at load, gzip, ECharts excluded. */
const LOAD_BUDGET_GZ = 450 * 1024;
const DEMO = join(ROOT, 'www', 'demo', 'demo-report.txt');

const session = sharedSession({ before, after });

const gz = (file) => gzipSync(readFileSync(join(DIST, file)), { level: 9 }).length;

async function open(query = '') {
  const app = await openApp(session.browser, session.server.url + query);
  await app.page.getByTestId('paste-box').waitFor({ state: 'visible', timeout: LOAD_TIMEOUT });
  return app;
}

/** Drop one file on the page the way a browser does. */
async function dropFile(page, name, bytes) {
  await page.evaluate(
    ({ name, b64 }) => {
      const dt = new DataTransfer();
      dt.items.add(new File([Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))], name));
      for (const type of ['dragenter', 'dragover', 'drop']) {
        document.body.dispatchEvent(new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer: dt }));
      }
    },
    { name, b64: Buffer.from(bytes).toString('base64') },
  );
}

test('the page loads within budget and without the worker; the worker comes once, when first wanted', { timeout: 60_000 }, async () => {
  // What index.html makes the browser fetch at load: its module script and its wasm.
  const html = readFileSync(join(DIST, 'index.html'), 'utf8');
  const atLoad = [...new Set([...html.matchAll(/\.\/([\w.-]+\.(?:js|wasm))/g)].map((m) => m[1]))];
  assert.ok(atLoad.some((f) => f.endsWith('.wasm')) && atLoad.some((f) => f.endsWith('.js')), `${atLoad}`);
  assert.ok(!atLoad.some((f) => /worker|echarts/.test(f)), `not at load: ${atLoad}`);
  const total = atLoad.reduce((sum, f) => sum + gz(f), 0);
  const worker = readdirSync(DIST).filter((f) => f.startsWith('fazhi-worker'));
  assert.deepEqual(worker.sort(), ['fazhi-worker.js', 'fazhi-worker_bg.wasm', 'fazhi-worker_loader.js']);
  console.log(
    `load: ${atLoad.map((f) => `${f} ${(gz(f) / 1024).toFixed(1)} KB`).join(', ')} = ${(total / 1024).toFixed(1)} KB gzip; ` +
      `worker: ${worker.map((f) => `${f} ${(gz(f) / 1024).toFixed(1)} KB`).join(', ')}`,
  );
  assert.ok(total <= LOAD_BUDGET_GZ, `page wasm + JS at load is ${total} bytes gzip, over ${LOAD_BUDGET_GZ}`);

  const { page, errors, outside, context } = await openApp(session.browser, session.server.url);
  const fetched = [];
  const workerUrls = [];
  page.on('request', (r) => {
    const name = new URL(r.url()).pathname.split('/').pop();
    fetched.push(name);
    if (name.startsWith('fazhi-worker')) workerUrls.push(r.url());
  });
  await page.getByTestId('paste-box').waitFor({ state: 'visible', timeout: LOAD_TIMEOUT });
  await page.waitForTimeout(500);
  assert.deepEqual(fetched.filter((f) => f.startsWith('fazhi-worker')), [], 'no worker before first use');

  // The pointer on the buttons is enough to start fetching it.
  const fetchedWasm = page.waitForRequest((r) => new URL(r.url()).pathname.endsWith('/fazhi-worker_bg.wasm'), {
    timeout: 10_000,
  });
  await page.getByTestId('demo-button').hover();
  await fetchedWasm;
  await page.getByTestId('demo-button').click();
  await page.getByTestId('outline-item').first().waitFor({ timeout: LOAD_TIMEOUT });
  await page.getByTestId('paste-box').fill('一、主要举措和成效\n全年检查企业12家。');
  await page.locator('[data-testid="report-tab"]').nth(1).waitFor({ timeout: LOAD_TIMEOUT });
  await dropFile(page, 'dropped.txt', readFileSync(DEMO));
  await page.locator('[data-testid="report-tab"]').nth(2).waitFor({ timeout: LOAD_TIMEOUT });
  assert.deepEqual(
    fetched.filter((f) => f.startsWith('fazhi-worker')).sort(),
    ['fazhi-worker.js', 'fazhi-worker_bg.wasm', 'fazhi-worker_loader.js'],
    'one worker, started once',
  );
  // Every worker file is asked for with the same build id (cache busting).
  const ids = new Set(workerUrls.map((u) => new URL(u).searchParams.get('v')));
  assert.equal(ids.size, 1, `${workerUrls}`);
  assert.ok([...ids][0], 'a build id');
  assert.equal(await page.getByTestId('busy').innerText(), '', 'nothing left in flight');
  assert.deepEqual(errors, []);
  assert.deepEqual(outside, []);
  await context.close();
});

test('decode warnings are shown with the diagnostics, in the interface language', { timeout: 60_000 }, async () => {
  const { page, errors, outside, context } = await open();
  const demo = readFileSync(DEMO);
  // A stray byte between two characters of a UTF-8 report: read, with one U+FFFD.
  const at = demo.indexOf(Buffer.from('年'));
  const damaged = Buffer.concat([demo.subarray(0, at), Buffer.from([0xff]), demo.subarray(at)]);
  await dropFile(page, 'damaged.txt', damaged);
  const warning = page.getByTestId('decode-warning');
  await warning.waitFor({ state: 'attached', timeout: LOAD_TIMEOUT });
  assert.equal(await warning.count(), 1);
  assert.equal(await warning.getAttribute('data-kind'), 'replaced_invalid_bytes');
  await warning.scrollIntoViewIfNeeded();
  assert.match(await warning.innerText(), /1 个.*\u{fffd}/u);
  await screenshot(page, 'decode-warning');
  await page.getByTestId('lang-toggle').click();
  await page.waitForFunction(() => document.documentElement.lang === 'en');
  assert.match(await warning.innerText(), /1 byte could not be read/);
  // A clean file has none.
  await dropFile(page, 'clean.txt', demo);
  await page.locator('[data-testid="meta-file"]', { hasText: 'clean.txt' }).waitFor({ timeout: LOAD_TIMEOUT });
  assert.equal(await page.getByTestId('decode-warning').count(), 0);
  assert.deepEqual(errors, []);
  assert.deepEqual(outside, []);
  await context.close();
});

const crashShown = async (page) => {
  const crash = page.getByTestId('crash');
  await crash.waitFor({ state: 'visible', timeout: LOAD_TIMEOUT });
  const text = await crash.innerText();
  assert.match(text, /出错了/);
  assert.match(text, /Something went wrong/);
  assert.match(text, /重新加载/);
  assert.match(text, /Reload/);
  return crash;
};

test('a panic in the page puts up the crash message (?panic-test)', { timeout: 60_000 }, async () => {
  const { page, errors, context } = await openApp(session.browser, `${session.server.url}?panic-test`);
  const crash = await crashShown(page);
  assert.match(await crash.locator('pre').textContent(), /panic test/);
  await screenshot(page, 'crash-page');
  assert.ok(errors.some((e) => /panic test/.test(e)), 'the panic is logged to the console');
  await context.close();
});

test('a panic in the worker puts up the crash message; the next report starts a new worker', { timeout: 60_000 }, async () => {
  const { page, context } = await open('?panic-test=worker');
  const crash = await crashShown(page);
  assert.match(await crash.locator('pre').textContent(), /panic test/);
  // The page itself is alive: the demo still loads, through a fresh worker.
  await page.getByTestId('demo-button').click();
  await page.getByTestId('outline-item').first().waitFor({ timeout: LOAD_TIMEOUT });
  await context.close();
});
