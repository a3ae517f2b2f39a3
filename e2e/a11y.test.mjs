// Accessibility: axe-core (node_modules/axe-core, injected into the page) finds no critical
// or serious violation with reports open and compared, in the light and the dark theme.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sharedSession, openApp, screenshot, ROOT } from './lib.mjs';

const session = sharedSession({ before, after });
const AXE = readFileSync(join(ROOT, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');
const LOAD_TIMEOUT = 30_000;

/** The critical and serious violations axe finds in the page as it is now. */
async function serious(page) {
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.addScriptTag({ content: AXE });
  const violations = await page.evaluate(async () => (await window.axe.run(document, { resultTypes: ['violations'] })).violations);
  return violations
    .filter((v) => ['critical', 'serious'].includes(v.impact))
    .map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
}

test('axe: no critical or serious violations, one report and a comparison, light and dark', { timeout: 120_000 }, async () => {
  // The page's CSP forbids inline scripts: only this test's context lets axe's in.
  const { context, page, errors } = await openApp(session.browser, session.server.url, { bypassCSP: true });
  await page.getByTestId('paste-box').waitFor({ timeout: LOAD_TIMEOUT });
  const found = {};
  found['empty page'] = await serious(page);
  await page.getByTestId('demo-button').click();
  await page.getByTestId('outline-item').first().waitFor({ timeout: LOAD_TIMEOUT });
  await page.getByTestId('chart').first().scrollIntoViewIfNeeded();
  found['one report, light'] = await serious(page);
  // A second report: the comparison appears.
  await page.getByTestId('paste-box').fill('某某县司法局2024年法治政府建设年度报告\n一、主要举措\n全年办理行政复议案件12件，培训执法人员300人次。\n二、存在的不足\n执法人员不足5人。\n');
  await page.waitForFunction(() => document.querySelectorAll('[role="tab"], [data-testid="report-row"]').length >= 2, null, { timeout: LOAD_TIMEOUT });
  found['comparing, light'] = await serious(page);
  await page.getByTestId('theme-toggle').click();
  await page.waitForFunction(() => document.documentElement.dataset.theme === 'dark');
  found['comparing, dark'] = await serious(page);
  await screenshot(page, 'a11y-dark');
  for (const [state, list] of Object.entries(found)) console.log(`# axe ${state}: ${list.length ? list.join('\n#   ') : 'none'}`);
  assert.deepEqual(found, Object.fromEntries(Object.keys(found).map((k) => [k, []])), 'no critical or serious violations');
  assert.deepEqual(errors, [], 'no console or page errors');
  await context.close();
});
