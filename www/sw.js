// Service worker: the app works offline after the first visit.
//
// The page registers `sw.js?v=<build>` (scope: the folder the page is served from). On
// install it caches the app shell: index.html and every file it names (the page's wasm and
// JS, CSS, icon), the worker's loader, JS and wasm with this build's query, and ECharts.
// The cache is named after the build, so a new deployment (a new `v`, hence a new service
// worker) fills a new cache and drops the old ones when it takes over.
//
// Pages (navigations) go to the network first, so a new deployment is seen as soon as it
// is online, and fall back to the cached shell offline. Everything else is served from the
// cache first (names are hashed or carry the build), and what is fetched is kept.
// Only GET requests of this origin, inside the scope, are handled.
'use strict';

const VERSION = new URL(self.location.href).searchParams.get('v') || 'dev';
const PREFIX = 'fazhi-lens-';
const CACHE = PREFIX + VERSION;
const SCOPE = self.registration.scope;
const SHELL = new URL('./', SCOPE).href;

/** The files index.html names (`./x` in attributes and in Trunk's inline loader). */
function named(html) {
  const found = new Set();
  for (const m of html.matchAll(/["'](\.\/[^"'?#\s]+)["']/g)) found.add(new URL(m[1], SHELL).href);
  return [...found];
}

self.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    const page = await fetch(SHELL, { cache: 'no-cache' });
    if (!page.ok) throw new Error(`index.html: ${page.status}`);
    const html = await page.clone().text();
    await cache.put(SHELL, page);
    const q = `?v=${encodeURIComponent(VERSION)}`;
    const files = [
      ...named(html),
      `fazhi-worker_loader.js${q}`,
      `fazhi-worker.js${q}`,
      `fazhi-worker_bg.wasm${q}`,
      'echarts.min.js',
    ].map((f) => new URL(f, SHELL).href);
    await cache.addAll([...new Set(files)]);
    await self.skipWaiting();
  })());
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name.startsWith(PREFIX) && name !== CACHE) await caches.delete(name);
    }
    await self.clients.claim();
  })());
});

self.addEventListener('fetch', (event) => {
  const req = event.request;
  if (req.method !== 'GET' || !req.url.startsWith(SCOPE)) return;
  if (req.mode === 'navigate') {
    event.respondWith((async () => {
      try {
        const fresh = await fetch(req);
        if (fresh.ok) (await caches.open(CACHE)).put(SHELL, fresh.clone());
        return fresh;
      } catch (e) {
        const cached = await caches.match(SHELL, { cacheName: CACHE });
        if (cached) return cached;
        throw e;
      }
    })());
    return;
  }
  event.respondWith((async () => {
    const cache = await caches.open(CACHE);
    const cached = await cache.match(req);
    if (cached) return cached;
    const fresh = await fetch(req);
    if (fresh.ok && fresh.type === 'basic') cache.put(req, fresh.clone());
    return fresh;
  })());
});
