// Offline use and chart recovery: after a first visit the service worker serves the app
// shell, both wasm binaries, the worker and ECharts, so a reload with the network off
// still reads a report and draws its charts; a failed ECharts load offers a retry.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { sharedSession, openApp, screenshot } from './lib.mjs';

const session = sharedSession({ before, after });
const LOAD_TIMEOUT = 30_000;

/** Wait until every chart container holds a drawn canvas (or svg) of non-zero size. */
async function chartsDrawn(page) {
  await page.getByTestId('chart').first().scrollIntoViewIfNeeded();
  await page.waitForFunction(() => {
    const charts = [...document.querySelectorAll('[data-testid="chart"]')];
    return charts.length > 0 && charts.every((c) => {
      const g = c.querySelector('canvas, svg');
      return g && g.getBoundingClientRect().width > 0 && g.getBoundingClientRect().height > 0;
    });
  }, null, { timeout: LOAD_TIMEOUT });
}

test('offline: after a first visit, a reload with the network off reads a report and draws charts', { timeout: 120_000 }, async () => {
  const { context, page, errors, outside } = await openApp(session.browser, session.server.url);
  await page.getByTestId('paste-box').waitFor({ timeout: LOAD_TIMEOUT });
  // The service worker is installed (its cache filled) and controls the page.
  const scope = await page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
  assert.equal(new URL(scope).pathname, '/fazhi-lens/', 'the worker covers the page\'s folder');
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: LOAD_TIMEOUT });
  const cached = await page.evaluate(async () => {
    const names = await caches.keys();
    const urls = [];
    for (const n of names) for (const r of await (await caches.open(n)).keys()) urls.push(new URL(r.url).pathname + new URL(r.url).search);
    return { names, urls };
  });
  assert.equal(cached.names.length, 1, `one cache, named after the build: ${cached.names}`);
  for (const want of [/\/fazhi-lens\/$/, /fazhi-lens-[0-9a-f]+\.js$/, /fazhi-lens-[0-9a-f]+_bg\.wasm$/, /fazhi-worker_loader\.js\?v=/,
    /fazhi-worker\.js\?v=/, /fazhi-worker_bg\.wasm\?v=/, /echarts\.min\.js$/, /style-[0-9a-f]+\.css$/]) {
    assert.ok(cached.urls.some((u) => want.test(u)), `cached: ${want} in ${cached.urls.join(' ')}`);
  }

  await context.setOffline(true);
  await page.reload();
  await page.getByTestId('demo-button').click();
  await page.getByTestId('outline-item').first().waitFor({ timeout: LOAD_TIMEOUT });
  assert.ok(await page.getByTestId('metric-mark').count() > 0, 'the demo is analysed offline');
  await chartsDrawn(page);
  await screenshot(page, 'offline-charts');
  // Pasted text too.
  await page.getByTestId('paste-box').fill('一、主要举措\n全年办理行政复议案件12件，培训执法人员300人次。\n');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="metric-mark"]').length >= 2, null, { timeout: LOAD_TIMEOUT });
  await context.setOffline(false);
  assert.deepEqual(errors.filter((e) => !/ERR_INTERNET_DISCONNECTED/.test(e)), [], 'no console or page errors');
  assert.deepEqual(outside, [], 'no request leaves 127.0.0.1');
  await context.close();
});

test('charts: a failed ECharts load shows a retry button that loads it again', { timeout: 90_000 }, async () => {
  // No service worker here: the failure must reach the page.
  const { context, page, errors, outside } = await openApp(session.browser, session.server.url, { serviceWorkers: 'block' });
  let failed = 0;
  await page.route(/echarts\.min\.js/, (route) => {
    if (failed++ === 0) return route.abort('failed');
    return route.continue();
  });
  await page.getByTestId('demo-button').click();
  await page.getByTestId('outline-item').first().waitFor({ timeout: LOAD_TIMEOUT });
  await page.getByTestId('chart').first().scrollIntoViewIfNeeded();
  const retry = page.getByTestId('retry-charts');
  await retry.waitFor({ timeout: LOAD_TIMEOUT });
  const alert = await page.locator('section.charts [role="alert"]').innerText();
  assert.match(alert, /图表组件没能载入/, `a plain message in the UI language: ${alert}`);
  assert.doesNotMatch(alert, /echarts|\.js|Error/i, 'no raw technical text');
  await screenshot(page, 'charts-retry');
  await retry.click();
  await chartsDrawn(page);
  assert.equal(await retry.count(), 0, 'the retry button is gone once the charts are drawn');
  assert.equal(failed, 2, 'ECharts was requested twice: the failure, then the retry');
  assert.deepEqual(errors.filter((e) => !/echarts\.min\.js|ERR_FAILED/.test(e)), [], 'no other console or page errors');
  assert.deepEqual(outside, [], 'no request leaves 127.0.0.1');
  await context.close();
});
