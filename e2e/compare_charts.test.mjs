// End-to-end test of the comparison charts (issue 14): with three made-up reports open, the
// panel shows its three ECharts charts (headline indicators, parts × reports, concreteness),
// drawn on canvases, and what they hold equals what the reports hold.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sharedSession, openApp, screenshot, screenshotOf } from './lib.mjs';

const LOAD_TIMEOUT = 30_000;
const session = sharedSession({ before, after });

// Three made-up reports of three bodies. Parts present: A all five; B 成效 and 不足 only
// (3 missing); C no 不足 and no 其他 (2 missing).
const REPORTS = {
  'cmp_a.txt': `青石镇人民政府2023年法治政府建设情况报告
一、2023年推进法治政府建设的主要举措和成效
（一）严格执法。全年立案查处行政处罚案件45起，罚款80万元，开展执法检查120次。
（二）优化服务。办理行政许可260件，组织法治培训900人次。
二、存在的不足和原因
由于镇执法队伍只有6人，执法检查覆盖面有限，2个村的矛盾调处不及时。
三、党政主要负责人履行推进法治建设第一责任人职责情况
镇党委书记主持召开专题会议研究法治建设3次，听取法治工作汇报4次。
四、2024年推进法治政府建设的主要安排
（一）6月底前完成执法人员轮训。（二）年底前建成2个法治示范村。
五、其他需要报告的情况
无。
青石镇人民政府
2024年2月20日
`,
  'cmp_b.txt': `红枫县司法局2023年法治政府建设情况报告
一、2023年推进法治政府建设的主要举措和成效
全年开展普法活动，组织培训2期。
二、存在的不足和原因
个别工作人员依法行政意识有待提高，普法宣传的针对性还不够强。
红枫县司法局
2024年3月1日
`,
  'cmp_c.txt': `北溪区城市管理局2023年法治政府建设情况报告
一、2023年推进法治政府建设的主要举措和成效
全年立案查处行政处罚案件12件，罚款6万元。
二、党政主要负责人履行推进法治建设第一责任人职责情况
局主要负责人带头学法2次，部署法治建设重点任务。
三、2024年推进法治政府建设的主要安排
持续规范执法行为，推进执法全过程记录。
北溪区城市管理局
2024年3月10日
`,
};
const FILES = Object.keys(REPORTS);
const PART_CHECKS = ['part_measures', 'part_shortcomings', 'part_first_responsible_person', 'part_next_year'];

test('three reports open: the comparison charts show their indicators, parts and concreteness', { timeout: 90_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'fazhi-compare-'));
  const files = FILES.map((f) => {
    const p = join(dir, f);
    writeFileSync(p, REPORTS[f]);
    return p;
  });
  const app = await openApp(session.browser, session.server.url);
  const { page } = app;
  await page.getByTestId('paste-box').waitFor({ state: 'visible', timeout: LOAD_TIMEOUT });
  await page.getByTestId('file-input').setInputFiles(files);

  const panel = page.getByTestId('compare-charts');
  await panel.waitFor({ timeout: LOAD_TIMEOUT });
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="review-row"]').length === 3, null, { timeout: LOAD_TIMEOUT });
  assert.equal(await panel.getAttribute('data-reports'), '3');
  assert.equal(await panel.getAttribute('data-missing'), String(0 + 3 + 2), 'parts missing, as written in the reports');

  // The first four parts: the heatmap's missing cells are the review table's "missing" checks.
  const tableMissing = await page.evaluate((checks) =>
    [...document.querySelectorAll('[data-testid="review-row"]')].map((row) => [
      row.dataset.file,
      checks.filter((c) => row.querySelector(`td[data-check="${c}"]`)?.dataset.status === 'missing').length,
    ]), PART_CHECKS);
  assert.deepEqual(Object.fromEntries(tableMissing), { 'cmp_a.txt': 0, 'cmp_b.txt': 2, 'cmp_c.txt': 1 });

  // Three containers, each drawn by ECharts on a canvas.
  // (Drawn once the panel scrolls into view.)
  await panel.scrollIntoViewIfNeeded();
  const charts = panel.getByTestId('compare-chart');
  assert.deepEqual(await charts.evaluateAll((els) => els.map((e) => e.dataset.chart)), ['headlines', 'parts', 'concreteness']);
  await page.waitForFunction(() => {
    const els = [...document.querySelectorAll('[data-testid="compare-chart"]')];
    return globalThis.echarts && els.length === 3 && els.every((el) => globalThis.echarts.getInstanceByDom(el) && el.querySelector('canvas'));
  }, null, { timeout: LOAD_TIMEOUT });

  const options = await page.evaluate(() =>
    Object.fromEntries([...document.querySelectorAll('[data-testid="compare-chart"]')].map((el) => {
      const o = globalThis.echarts.getInstanceByDom(el).getOption();
      return [el.dataset.chart, {
        reports: o.xAxis[0].data,
        yAxes: o.yAxis.length,
        series: o.series.map((s) => ({ type: s.type, data: s.data })),
      }];
    })));
  const labels = ['1 cmp_a.txt', '2 cmp_b.txt', '3 cmp_c.txt'];
  // Headline indicators: one value axis per indicator; the figures written in the reports.
  assert.deepEqual(options.headlines.reports, labels);
  assert.equal(options.headlines.yAxes, 6);
  assert.deepEqual(options.headlines.series[0].data, [45, 0, 12], 'penalty cases');
  assert.deepEqual(options.headlines.series[1].data, [80, 0, 6], 'fines in 万元');
  // Parts × reports: five cells per report, [report, part, present].
  assert.equal(options.parts.series[0].type, 'heatmap');
  const cells = options.parts.series[0].data.map((d) => (Array.isArray(d) ? d : d.value));
  assert.equal(cells.length, 15);
  const missingOf = (i) => cells.filter((c) => c[0] === i && c[2] === 0).map((c) => c[1]);
  assert.deepEqual([missingOf(0), missingOf(1), missingOf(2)], [[], [2, 3, 4], [1, 4]]);
  // Concreteness: one bar per report on each of its two axes; the report with the most
  // figures per 1,000 characters is A.
  assert.equal(options.concreteness.series.length, 2);
  const per1000 = options.concreteness.series[0].data;
  assert.equal(per1000.length, 3);
  assert.ok(per1000[0] > per1000[1], `A is more concrete than B: ${per1000}`);

  await panel.scrollIntoViewIfNeeded();
  await screenshot(page, 'compare-charts');
  // The headline chart whole, once its bars have grown (a 400 ms animation): the title, the
  // six axis names and the report names each in their own room (chart_options.rs).
  await page.waitForTimeout(600);
  await screenshotOf(charts.first(), 'compare-headlines');
  assert.deepEqual(app.errors, [], 'no console or page errors');
  assert.deepEqual(app.outside, [], 'no request leaves 127.0.0.1');
  await app.context.close();
});
