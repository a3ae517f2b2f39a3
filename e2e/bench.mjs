// Browser benchmark (issue 15): the release build's Web Worker, in headless Chromium, reads
// a batch of realistic reports the way the page sends a dropped file (bytes → decode →
// analyse → JSON answer) and prints the throughput. It prints figures; it asserts nothing.
//
//   node e2e/bench.mjs            (after a release build into dist/; `cargo xtask bench` runs it)
//   FAZHI_BENCH_REPORTS=500 node e2e/bench.mjs
//
// The batch: the texts of ../shared/corpus/*.txt when present, and the demo report, each
// varied (every digit shifted) until there are FAZHI_BENCH_REPORTS (default 200) reports.
// The last line is `BENCH_JSON {…}` for xtask.
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { serveDist, launch, CORPUS, ROOT } from './lib.mjs';

const N = Number(process.env.FAZHI_BENCH_REPORTS ?? 200);
// FAZHI_BENCH_IDLE_MS: how long the worker waits between being ready and the first report,
// as when the page starts it on a drag over the page, a while before the drop (it warms up
// while idle; see src/services/worker_scope.rs). Default 0: the reports come at once.
const IDLE_MS = Number(process.env.FAZHI_BENCH_IDLE_MS ?? 0);
const MIB = 1024 * 1024;

const bases = [];
if (existsSync(CORPUS)) {
  for (const f of readdirSync(CORPUS).filter((f) => f.endsWith('.txt')).sort()) {
    bases.push({ name: f, text: readFileSync(join(CORPUS, f), 'utf8') });
  }
}
bases.push({ name: 'demo-report.txt', text: readFileSync(join(ROOT, 'www', 'demo', 'demo-report.txt'), 'utf8') });

// The batch: each base text, its digits shifted by k (0–9) on every round through the bases.
const vary = (text, k) => (k === 0 ? text : text.replace(/[0-9]/g, (d) => String((Number(d) + k) % 10)));
const texts = [];
for (let i = 0; i < N; i++) {
  const base = bases[i % bases.length];
  const k = Math.floor(i / bases.length) % 10;
  texts.push({ name: `${k}-${base.name}`, text: vary(base.text, k) });
}

const server = await serveDist({ gzip: true });
const browser = await launch();
try {
  const page = await browser.newPage();
  page.on('pageerror', (e) => console.error(`pageerror: ${e.message}`));
  await page.goto(server.url);
  await page.getByTestId('paste-box').waitFor({ state: 'visible', timeout: 30_000 });
  const result = await page.evaluate(
    async ({ texts, idleMs }) => {
      const enc = new TextEncoder();
      const reports = texts.map((t) => ({ name: t.name, bytes: enc.encode(t.text) }));
      // The page's own protocol (src/services/worker_scope.rs).
      const t0 = performance.now();
      const worker = new Worker('./fazhi-worker_loader.js');
      const waiting = new Map();
      let ready;
      const isReady = new Promise((ok) => (ready = ok));
      worker.onmessage = (e) => {
        if (e.data.ready) ready();
        else if (e.data.panic) throw new Error(`worker panicked: ${e.data.panic}`);
        else waiting.get(e.data.id)?.(e.data);
      };
      await isReady;
      const startup = performance.now() - t0;
      await new Promise((ok) => setTimeout(ok, idleMs));
      const send = (id, r) =>
        new Promise((ok) => {
          waiting.set(id, ok);
          const bytes = r.bytes.slice();
          worker.postMessage({ id, job: JSON.stringify({ File: { name: r.name } }), bytes }, [bytes.buffer]);
        });
      let inWorker = 0;
      let inRun = 0;
      // The phases of job::run (src/job.rs, Phases): decoding, fazhi_core::analyze, review.
      let inDecode = 0;
      let inAnalyse = 0;
      let inReview = 0;
      let replyBytes = 0;
      let failed = 0;
      const perReport = [];
      const t1 = performance.now();
      for (let i = 0; i < reports.length; i++) {
        const s = performance.now();
        const answer = await send(i + 1, reports[i]);
        const reply = JSON.parse(answer.reply);
        if (!reply.Analysed) failed++;
        perReport.push({ name: reports[i].name, ms: performance.now() - s, run: answer.run_ms, analyse: answer.analyse_ms, size: reports[i].bytes.length });
        inWorker += answer.ms;
        inRun += answer.run_ms;
        inDecode += answer.decode_ms;
        inAnalyse += answer.analyse_ms;
        inReview += answer.review_ms;
        replyBytes += answer.reply.length;
      }
      const wall = performance.now() - t1;
      worker.terminate();
      const first = perReport[0];
      const rest = perReport.slice(1);
      const restBytes = rest.reduce((s, r) => s + r.size, 0);
      const restRun = rest.reduce((s, r) => s + r.run, 0);
      const buckets = [];
      for (let b = 0; b < perReport.length; b += 100) {
        const part = perReport.slice(b, b + 100);
        buckets.push(part.reduce((s, r) => s + r.size, 0) / (1024 * 1024) / (part.reduce((s, r) => s + r.run, 0) / 1000));
      }
      // The second half of the batch: the engine has optimised the hot code by then.
      const late = perReport.slice(Math.floor(perReport.length / 2));
      const lateMib = late.reduce((s, r) => s + r.size, 0) / (1024 * 1024);
      const late_mib_s = lateMib / (late.reduce((s, r) => s + r.run, 0) / 1000);
      // fazhi_core::analyze alone, as the native figure (criterion's `analyze`) measures it.
      const late_analyse_mib_s = lateMib / (late.reduce((s, r) => s + r.analyse, 0) / 1000);
      const slowest = [...perReport].sort((a, b) => b.ms - a.ms).slice(0, 5);
      const sorted = perReport.map((r) => r.ms).sort((a, b) => a - b);
      return {
        reports: reports.length,
        bytes: reports.reduce((s, r) => s + r.bytes.length, 0),
        startup_ms: startup,
        worker_ms: inWorker,
        run_ms: inRun,
        decode_ms: inDecode,
        analyse_ms: inAnalyse,
        review_ms: inReview,
        wall_ms: wall,
        median_ms: sorted[Math.floor(sorted.length / 2)],
        max_ms: sorted[sorted.length - 1],
        first_ms: first.ms,
        steady_bytes: restBytes,
        steady_run_ms: restRun,
        slowest,
        buckets,
        late_mib_s,
        late_analyse_mib_s,
        reply_chars: replyBytes,
        failed,
      };
    },
    { texts, idleMs: IDLE_MS },
  );
  // The same batch through a pool of workers, as the page runs a batch (src/services/worker.rs,
  // src/batch.rs): one worker per logical core but one, 1 to 4, two reports in flight per worker, each
  // to the worker with the fewest, answers parsed on the page. Fresh workers, started together.
  Object.assign(
    result,
    await page.evaluate(
      async ({ texts, idleMs }) => {
        const enc = new TextEncoder();
        const reports = texts.map((t) => ({ name: t.name, bytes: enc.encode(t.text) }));
        const size = Math.max(1, Math.min(4, (navigator.hardwareConcurrency || 1) - 1));
        const waiting = new Map();
        const workers = [];
        const readies = [];
        for (let w = 0; w < size; w++) {
          const worker = new Worker('./fazhi-worker_loader.js');
          const entry = { worker, load: 0 };
          readies.push(new Promise((ok) => {
            worker.onmessage = (e) => {
              if (e.data.ready) ok();
              else if (e.data.panic) throw new Error(`worker panicked: ${e.data.panic}`);
              else waiting.get(e.data.id)?.(e.data);
            };
          }));
          workers.push(entry);
        }
        await Promise.all(readies);
        await new Promise((ok) => setTimeout(ok, idleMs));
        let runMs = 0;
        let failed = 0;
        const t1 = performance.now();
        let next = 0;
        const lane = async () => {
          while (next < reports.length) {
            const i = next++;
            const entry = workers.reduce((a, b) => (b.load < a.load ? b : a));
            entry.load++;
            const r = reports[i];
            const answer = await new Promise((ok) => {
              waiting.set(i + 1, ok);
              const bytes = r.bytes.slice();
              entry.worker.postMessage({ id: i + 1, job: JSON.stringify({ File: { name: r.name } }), bytes }, [bytes.buffer]);
            });
            entry.load--;
            if (!JSON.parse(answer.reply).Analysed) failed++;
            runMs += answer.run_ms;
          }
        };
        await Promise.all(Array.from({ length: 2 * size }, lane));
        const wall = performance.now() - t1;
        for (const w of workers) w.worker.terminate();
        return { pool_workers: size, pool_wall_ms: wall, pool_run_ms: runMs, pool_failed: failed };
      },
      { texts, idleMs: IDLE_MS },
    ),
  );
  // A first visit on a slow link (1.6 Mbit/s down, 750 kbit/s up, 150 ms RTT, the figures
  // issue 15 quotes), cache empty, served gzip as GitHub Pages does: until the page is
  // usable, and until the demo is shown (which fetches the worker).
  const slow = await browser.newContext();
  const slowPage = await slow.newPage();
  const cdp = await slow.newCDPSession(slowPage);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: 150,
    downloadThroughput: (1.6e6 / 8) | 0,
    uploadThroughput: (750e3 / 8) | 0,
  });
  const tLoad = Date.now();
  await slowPage.goto(server.url);
  await slowPage.getByTestId('paste-box').waitFor({ state: 'visible', timeout: 120_000 });
  result.slow_usable_ms = Date.now() - tLoad;
  const tDemo = Date.now();
  await slowPage.getByTestId('demo-button').click();
  await slowPage.getByTestId('outline-item').first().waitFor({ timeout: 120_000 });
  result.slow_demo_ms = Date.now() - tDemo;
  await slow.close();

  const mibs = (ms) => result.bytes / MIB / (ms / 1000);
  result.run_mib_s = mibs(result.run_ms);
  result.analyse_mib_s = mibs(result.analyse_ms);
  result.worker_mib_s = mibs(result.worker_ms);
  result.wall_mib_s = mibs(result.wall_ms);
  result.pool_mib_s = mibs(result.pool_wall_ms);
  result.steady_mib_s = result.steady_bytes / MIB / (result.steady_run_ms / 1000);
  result.inputs = bases.map((b) => b.name);
  console.log(`browser bench: ${result.reports} reports from ${bases.length} texts (${result.inputs.join(', ')}), ${(result.bytes / MIB).toFixed(2)} MiB`);
  console.log(`  worker start (fetch + compile + ready): ${result.startup_ms.toFixed(0)} ms (then it compiles the regexes on the demo text)`);
  if (IDLE_MS > 0) console.log(`  the worker idle ${IDLE_MS} ms between ready and the first report`);
  console.log(`  decode + analyse + review (job::run):   ${result.run_ms.toFixed(0)} ms = ${result.run_mib_s.toFixed(1)} MiB/s`);
  console.log(`    of which decode ${result.decode_ms.toFixed(0)} ms, analyse (fazhi_core::analyze) ${result.analyse_ms.toFixed(0)} ms = ${result.analyse_mib_s.toFixed(1)} MiB/s, review ${result.review_ms.toFixed(0)} ms`);
  console.log(`  in the worker, with the JSON answer:    ${result.worker_ms.toFixed(0)} ms = ${result.worker_mib_s.toFixed(1)} MiB/s`);
  console.log(`  ${result.reports} reports, page to page (with JSON): ${result.wall_ms.toFixed(0)} ms = ${result.wall_mib_s.toFixed(1)} MiB/s`);
  console.log(`  first report (waits for the regexes): ${result.first_ms.toFixed(0)} ms; the other ${result.reports - 1}: ${result.steady_mib_s.toFixed(1)} MiB/s`);
  console.log(`  slowest: ${result.slowest.map((r) => `${r.name} (${(r.size / 1024).toFixed(0)} KiB) ${r.ms.toFixed(0)} ms`).join(', ')}`);
  console.log(`  per report: median ${result.median_ms.toFixed(1)} ms, max ${result.max_ms.toFixed(1)} ms; unreadable: ${result.failed}`);
  console.log(`  slow link (1.6 Mbit/s, 150 ms RTT, gzip), empty cache: page usable after ${result.slow_usable_ms} ms; demo shown ${result.slow_demo_ms} ms after the click (fetches the worker)`);
  console.log(`  the batch through ${result.pool_workers} worker(s), as the page runs it (2 in flight each), page to page: ${result.pool_wall_ms.toFixed(0)} ms = ${result.pool_mib_s.toFixed(1)} MiB/s (decode + analyse: ${result.pool_run_ms.toFixed(0)} ms of worker time); unreadable: ${result.pool_failed}`);
  console.log(`  answers: ${(result.reply_chars / result.reports / 1024).toFixed(1)} K characters of JSON per report`);
  console.log(`  second half of the batch (optimised code): ${result.late_mib_s.toFixed(1)} MiB/s decode + analyse + review, ${result.late_analyse_mib_s.toFixed(1)} MiB/s fazhi_core::analyze alone`);
  console.log(`  MiB/s per 100 reports: ${result.buckets.map((b) => b.toFixed(1)).join(' ')}`);
  console.log(`BENCH_JSON ${JSON.stringify(result)}`);
} finally {
  await browser.close();
  await server.close();
}
