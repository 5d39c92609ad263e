/**
 * The HTML batch report (-f html) in a real browser: Debian's chromium driven by
 * playwright-core. The report of the seed fixtures (plus a submission whose texts try to
 * inject markup) is opened from a file with every network request routed to a failure:
 * it must render its three charts and every submission without asking the network for
 * anything, without a console error (a CSP violation is one), with no injected element,
 * and it must print (PDF). A full-page screenshot is written to test/browser/artifacts/
 * (gitignored) for a person to look at.
 */
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lintPaths } from '../../src/node/lint-files.js';
import { formatHtml } from '../../src/report/html.js';
import type { SubmissionResult } from '../../src/types.js';
import { linter } from '../helpers/linter.js';

const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const ARTIFACTS = resolve(import.meta.dirname, 'artifacts');

const HOSTILE: SubmissionResult = {
  file: 'reports/<script>alert(1)</script>.yaml',
  form: 'project-self-eval',
  facts: { unit: '<img src="https://example.invalid/x.png" onerror="alert(1)">单位', year: '2024', totalScore: '71.5', executionRate: '64.20%' },
  findings: [
    {
      ruleId: 'execution-rate',
      severity: 'error',
      message: '执行率填报为 <b>78%</b>，应为 100.00%。<link rel="stylesheet" href="https://example.invalid/x.css">',
      location: { pointer: '/budget/rate', line: 3, column: 7 },
    },
  ],
};

let browser: Browser | undefined;

beforeAll(async () => {
  if (existsSync(CHROMIUM)) browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS, headless: true });
});

afterAll(async () => {
  await browser?.close();
});

describe('the HTML report in chromium', () => {
  it.skipIf(!existsSync(CHROMIUM))('renders offline: charts, units, every submission; no request, no console error; prints', async () => {
    const run = await lintPaths(linter, ['fixtures/seeds', 'fixtures/rules/total-score', 'fixtures/rules/execution-rate', 'fixtures/suppressions'], { lang: 'zh' });
    const results = [...run.results, HOSTILE];
    const html = formatHtml(results, { lang: 'zh', rules: linter.rules, cwd: process.cwd(), toolVersion: '0.0.0-test' });
    const dir = mkdtempSync(join(tmpdir(), 'jixiao-html-'));
    const file = join(dir, '报告.html');
    writeFileSync(file, html);
    const url = pathToFileURL(file).href;

    const page = await browser!.newPage({ viewport: { width: 1200, height: 900 } });
    const requests: string[] = [];
    await page.route('**/*', async (route) => {
      const u = route.request().url();
      if (u === url) return route.continue();
      requests.push(u);
      return route.abort('blockedbyclient');
    });
    const problems: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') problems.push(m.text());
    });
    page.on('pageerror', (e) => problems.push(e.message));
    page.on('dialog', (d) => {
      problems.push(`dialog: ${d.message()}`);
      void d.dismiss();
    });
    await page.goto(url, { waitUntil: 'load' });

    expect(await page.title()).toBe('jixiao-lint 绩效自评检查报告');
    // three charts, each drawn with bars of a real size
    const charts = await page.$$eval('figure svg', (svgs) =>
      svgs.map((s) => ({ w: s.getBoundingClientRect().width, h: s.getBoundingClientRect().height, bars: s.querySelectorAll('rect').length })),
    );
    expect(charts).toHaveLength(3);
    for (const c of charts) {
      expect(c.w).toBeGreaterThan(250);
      expect(c.h).toBeGreaterThan(100);
      expect(c.bars).toBeGreaterThan(0);
    }
    const captions = await page.$$eval('figcaption', (els) => els.map((e) => e.textContent ?? ''));
    expect(captions.map((c) => c.replace(/（.*$/, ''))).toEqual(['自评总分分布', '预算执行率分布', '各规则问题数']);
    // the units with the most errors, then one row per submission and a section per submission with findings
    expect(await page.locator('#units + table tbody tr').count()).toBeGreaterThan(0);
    expect(await page.locator('#list + table tbody tr').count()).toBe(results.length);
    const withFindings = results.filter((r) => r.findings.length + (r.suppressed?.length ?? 0) > 0).length;
    expect(await page.locator('section.sub').count()).toBe(withFindings);
    const findingRows = await page.locator('section.sub table tbody tr').count();
    expect(findingRows).toBe(results.reduce((n, r) => n + r.findings.length + (r.suppressed?.length ?? 0), 0));
    // the hostile texts are shown as text, never as markup
    expect(await page.locator('img, script, link, iframe, object').count()).toBe(0);
    expect(await page.locator('body').innerText()).toContain('<img src="https://example.invalid/x.png" onerror="alert(1)">单位');
    expect(await page.locator('body').innerText()).toContain('reports/<script>alert(1)</script>.yaml');
    // every link stays in the document
    const hrefs = await page.$$eval('a[href]', (as) => as.map((a) => a.getAttribute('href') ?? ''));
    expect(hrefs.length).toBeGreaterThan(0);
    expect(hrefs.every((h) => h.startsWith('#'))).toBe(true);

    // every exact correction is shown under its message, 「建议改为 …」 with the finding's value
    const suggested = results.flatMap((r) => [...r.findings, ...(r.suppressed ?? [])]).flatMap((f) => (f.suggestion !== undefined ? [`建议改为 ${f.suggestion}`] : []));
    expect(suggested.length).toBeGreaterThan(0);
    expect(await page.locator('section.sub table tbody tr .fix').allTextContents()).toEqual(suggested);

    mkdirSync(ARTIFACTS, { recursive: true });
    const firstFix = page.locator('section.sub table tbody tr:has(.fix)').first();
    await firstFix.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(ARTIFACTS, 'report-fix.png') });
    await page.screenshot({ path: join(ARTIFACTS, 'report.png'), fullPage: true });
    await page.screenshot({ path: join(ARTIFACTS, 'report-top.png') });
    // printable: print media keeps the charts; a PDF of several A4 pages
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('figure svg').count()).toBe(3);
    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    writeFileSync(join(ARTIFACTS, 'report.pdf'), pdf);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.length).toBeGreaterThan(10_000);

    expect(requests).toEqual([]);
    expect(problems).toEqual([]);
    await page.close();
  });
});
