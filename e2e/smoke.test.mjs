// Smoke test: the release build, served under a sub-path, renders the app shell.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { sharedSession, openApp, screenshot } from './lib.mjs';

const session = sharedSession({ before, after });

test('app shell renders under the sub-path', async () => {
  const { page, errors, outside, context } = await openApp(session.browser, session.server.url);
  const paste = page.getByTestId('paste-box');
  await paste.waitFor({ state: 'visible', timeout: 30_000 });
  assert.match(await page.title(), /法治报告透镜/);
  assert.match(await page.locator('h1').first().innerText(), /法治报告透镜/);
  const shot = await screenshot(page, 'smoke');
  assert.ok(shot.endsWith('smoke.png'));
  assert.deepEqual(errors, [], 'no console or page errors');
  assert.deepEqual(outside, [], 'no request leaves 127.0.0.1');
  await context.close();
});
