// Shared harness for the end-to-end tests: serve dist/ on 127.0.0.1 under a sub-path, the
// way GitHub Pages serves a project site, and drive Debian's Chromium with playwright-core.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:http';
import { readFile, stat, mkdir } from 'node:fs/promises';
import { extname, join, normalize, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync, inflateRawSync } from 'node:zlib';
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

/** Serve DIST at http://127.0.0.1:<port>/fazhi-lens/. Resolves to { url, close }. With
 * `gzip`, bodies are gzip-compressed for clients that accept it, as GitHub Pages does (the
 * benchmark's slow-link figures use this). */
export async function serveDist({ gzip = false } = {}) {
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
      const headers = { 'content-type': MIME[extname(rel)] ?? 'application/octet-stream' };
      if (gzip && /\bgzip\b/.test(req.headers['accept-encoding'] ?? '') && extname(rel) !== '.png') {
        headers['content-encoding'] = 'gzip';
        res.writeHead(200, headers);
        res.end(gzipSync(body, { level: 6 }));
        return;
      }
      res.writeHead(200, headers);
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
  // No request may leave the page's origin: the report stays in the browser. Every request
  // of the context is recorded (the page's, its Web Worker's and the service worker's), and
  // closing the context fails when one went elsewhere, so every test checks this.
  const origin = new URL(url).origin;
  const outside = [];
  context.on('request', (r) => {
    const u = new URL(r.url());
    if (u.origin !== origin && !['data:', 'blob:'].includes(u.protocol)) outside.push(r.url());
  });
  const close = context.close.bind(context);
  context.close = async (...args) => {
    await close(...args);
    if (outside.length) throw new Error(`requests left ${origin}: ${outside.join(' ')}`);
  };
  await page.goto(url);
  return { context, page, errors, outside };
}

export async function screenshot(page, name) {
  await mkdir(SHOTS, { recursive: true });
  const path = join(SHOTS, `${name}.png`);
  await page.screenshot({ path, fullPage: false });
  return path;
}

/** A screenshot of one element (a Playwright locator), whole even when taller than the window. */
export async function screenshotOf(locator, name) {
  await mkdir(SHOTS, { recursive: true });
  const path = join(SHOTS, `${name}.png`);
  await locator.screenshot({ path });
  return path;
}

/** The entries of a zip archive (name → bytes), read from its central directory. Handles
 * stored and deflated entries, which is all an .xlsx writer uses. */
export function unzip(buf) {
  let end = buf.length - 22;
  while (end >= 0 && buf.readUInt32LE(end) !== 0x06054b50) end--;
  if (end < 0) throw new Error('not a zip: no end of central directory');
  const count = buf.readUInt16LE(end + 10);
  let p = buf.readUInt32LE(end + 16);
  const entries = new Map();
  for (let i = 0; i < count; i++) {
    if (buf.readUInt32LE(p) !== 0x02014b50) throw new Error(`bad central directory entry ${i}`);
    const method = buf.readUInt16LE(p + 10);
    const size = buf.readUInt32LE(p + 20);
    const nameLen = buf.readUInt16LE(p + 28);
    const skip = nameLen + buf.readUInt16LE(p + 30) + buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    const name = buf.subarray(p + 46, p + 46 + nameLen).toString('utf8');
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const data = buf.subarray(start, start + size);
    entries.set(name, method === 8 ? inflateRawSync(data) : Buffer.from(data));
    p += 46 + skip;
  }
  return entries;
}

const unescapeXml = (s) =>
  s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');

/** The cells of one worksheet of an .xlsx (unzipped entries): ref → { type, value, style }.
 * `type` is 'n' for numbers and 's' for (shared) strings. */
export function sheetCells(entries, sheet = 1) {
  const shared = [...(entries.get('xl/sharedStrings.xml')?.toString('utf8') ?? '').matchAll(/<si>([\s\S]*?)<\/si>/g)].map(
    (m) => unescapeXml([...m[1].matchAll(/<t[^>]*>([\s\S]*?)<\/t>/g)].map((t) => t[1]).join('')),
  );
  const xml = entries.get(`xl/worksheets/sheet${sheet}.xml`)?.toString('utf8') ?? '';
  const cells = new Map();
  for (const m of xml.matchAll(/<c r="([A-Z]+\d+)"([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
    const attrs = m[2];
    const type = /t="s"/.test(attrs) ? 's' : /t="/.test(attrs) ? attrs.match(/t="([^"]+)"/)[1] : 'n';
    const raw = m[3]?.match(/<v>([\s\S]*?)<\/v>/)?.[1];
    const value = raw === undefined ? undefined : type === 's' ? shared[Number(raw)] : unescapeXml(raw);
    cells.set(m[1], { type, value, style: Number(attrs.match(/s="(\d+)"/)?.[1] ?? 0) });
  }
  return { xml, cells };
}

/**
 * Serve dist/ and launch Chromium once for a test file (node:test `before`/`after`); the
 * returned object's `server` and `browser` are set once `before` has run.
 */
export function sharedSession({ before, after }) {
  const session = { server: null, browser: null };
  before(async () => {
    session.server = await serveDist();
    session.browser = await launch();
  });
  after(async () => {
    await session.browser?.close();
    await session.server?.close();
  });
  return session;
}

/** The release CLI, which the e2e tests compare the page with. */
export const FAZHI = join(ROOT, 'target', 'release', 'fazhi');

/** Run `fazhi ARGS…` (stdout as a Buffer, or a string with `encoding`); a clear error when the
 *  binary has not been built (cargo xtask test builds it before the e2e tests). */
export function fazhi(args, opts = {}) {
  if (!existsSync(FAZHI)) {
    throw new Error(`${FAZHI} is missing: build it first with \`cargo build --release --bin fazhi\` (cargo xtask test does this before the e2e tests)`);
  }
  return execFileSync(FAZHI, args, { maxBuffer: 64 << 20, ...opts });
}
