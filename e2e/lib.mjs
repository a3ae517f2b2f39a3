// Shared harness for the end-to-end tests: serve dist/ on 127.0.0.1 under a sub-path, the
// way GitHub Pages serves a project site, and drive Debian's Chromium with playwright-core.
import { createServer } from 'node:http';
import { readFile, stat, mkdir } from 'node:fs/promises';
import { extname, join, normalize, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const DIST = resolve(process.env.FAZHI_DIST ?? join(ROOT, 'dist'));
export const BASE_PATH = '/fazhi-lens/';
export const SHOTS = join(ROOT, 'target', 'e2e-screenshots');
export const CORPUS = resolve(ROOT, '..', 'shared', 'corpus');
export const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';

const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
};

/** Serve DIST at http://127.0.0.1:<port>/fazhi-lens/. Resolves to { url, close }. */
export async function serveDist() {
  await stat(join(DIST, 'index.html')).catch(() => {
    throw new Error(`no ${join(DIST, 'index.html')}: run the release trunk build first`);
  });
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    if (!path.startsWith(BASE_PATH)) {
      res.writeHead(404).end('not under ' + BASE_PATH);
      return;
    }
    let rel = normalize(path.slice(BASE_PATH.length)).replace(/^(\.\.[/\\])+/, '');
    if (rel === '' || rel === '.' || rel.endsWith('/')) rel = join(rel, 'index.html');
    try {
      const body = await readFile(join(DIST, rel));
      res.writeHead(200, { 'content-type': MIME[extname(rel)] ?? 'application/octet-stream' });
      res.end(body);
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address();
  return { url: `http://127.0.0.1:${port}${BASE_PATH}`, close: () => new Promise((ok) => server.close(ok)) };
}

/** Launch headless Debian Chromium. Fails loudly when it is missing. */
export async function launch() {
  await stat(CHROMIUM).catch(() => {
    throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install chromium chromium-driver fonts-noto-cjk`);
  });
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** Open a page on the served app; collect console errors and uncaught page errors. */
export async function openApp(browser, url, opts = {}) {
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, acceptDownloads: true, ...opts });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  // No request may leave 127.0.0.1: the report stays in the browser.
  const outside = [];
  page.on('request', (r) => {
    const u = new URL(r.url());
    if (!['127.0.0.1', 'localhost'].includes(u.hostname) && !['data:', 'blob:'].includes(u.protocol)) outside.push(r.url());
  });
  await page.goto(url);
  return { context, page, errors, outside };
}

export async function screenshot(page, name) {
  await mkdir(SHOTS, { recursive: true });
  const path = join(SHOTS, `${name}.png`);
  await page.screenshot({ path, fullPage: false });
  return path;
}
