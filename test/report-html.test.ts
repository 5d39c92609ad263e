/**
 * -f html: one self-contained offline page. Checked here as text (the browser test,
 * test/browser/report.browser.test.ts, renders it in chromium): a CSP that forbids loading,
 * no script and no URL to fetch, every document text escaped, the three charts, the units
 * with the most errors, a row per submission and every finding.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CSP, esc, formatHtml } from '../src/report/html.js';
import type { SubmissionResult } from '../src/types.js';
import { cli, tmpFolder } from './helpers/cli.js';
import { linter } from './helpers/linter.js';

const RESULTS: SubmissionResult[] = [
  {
    file: 'reports/a <b>.yaml',
    form: 'project-self-eval',
    facts: { unit: '甲单位 & <script>alert(1)</script>', year: '2024', totalScore: '71.5', executionRate: '64.20%' },
    findings: [
      { ruleId: 'execution-rate', severity: 'error', message: '执行率填报为 "78%"，应为 100.00%。<img src=x>', location: { pointer: '/budget/rate', line: 3, column: 7 } },
      { ruleId: 'execution-rate', severity: 'error', message: '第二个', location: { pointer: '/projects/1/rate', row: 5, column: 2 } },
      { ruleId: 'deduction-needs-explanation', severity: 'warning', message: "it's <unexplained>", location: { pointer: '/budget/explanation', sheet: '自评表', cell: 'K12' } },
    ],
    suppressed: [{ ruleId: 'no-problems-claim', severity: 'warning', message: 'm', location: { pointer: '/problems' }, suppression: { reason: '已复核 <ok>', source: 'submission' } }],
  },
  { file: 'reports/b.yaml', form: 'department-self-eval', facts: { unit: '乙单位', totalScore: '96', executionRate: '100%' }, findings: [] },
  { file: 'reports/c.yaml', form: 'target-table', facts: { unit: '乙单位' }, findings: [{ ruleId: 'schema', severity: 'error', message: 'x', location: { pointer: '/unit' } }] },
];

describe('formatHtml', () => {
  const html = formatHtml(RESULTS, { lang: 'zh', rules: linter.rules, toolVersion: '9.9.9' });

  it('is one offline document: a CSP forbidding every load, no script, nothing to fetch', () => {
    expect(html.startsWith('<!DOCTYPE html>\n<html lang="zh-CN">')).toBe(true);
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="${esc(CSP)}">`);
    expect(CSP).toMatch(/^default-src 'none';/);
    expect(html).not.toMatch(/<script|<link|<img|<iframe|@import|url\(/i);
    // the only URL is the SVG namespace, which is a name, not a request
    expect([...html.matchAll(/https?:\/\/[^\s"'<>)]+/g)].map((m) => m[0])).toEqual(
      Array.from({ length: 3 }, () => 'http://www.w3.org/2000/svg'),
    );
    expect(html).toContain('@media print');
  });

  it('escapes every text that comes from a document', () => {
    expect(html).toContain('甲单位 &#38; &#60;script&#62;alert(1)&#60;/script&#62;');
    expect(html).toContain('执行率填报为 &#34;78%&#34;，应为 100.00%。&#60;img src=x&#62;');
    expect(html).toContain('it&#39;s &#60;unexplained&#62;');
    expect(html).toContain('reports/a &#60;b&#62;.yaml');
    expect(html).toContain('已复核 &#60;ok&#62;');
    expect(esc(`<&>"'`)).toBe('&#60;&#38;&#62;&#34;&#39;');
  });

  it('totals, three charts, the units with the most errors, a row per submission, every finding', () => {
    expect(html.match(/<svg /g)).toHaveLength(3);
    expect(html).toContain('<figcaption>自评总分分布（2 份）</figcaption>');
    expect(html).toContain('<figcaption>预算执行率分布（2 份）</figcaption>');
    expect(html).toContain('<figcaption>各规则问题数</figcaption>');
    // the rule chart: execution-rate has 2 errors
    expect(html).toContain('<title>预算执行率与执行数、预算数不符 (execution-rate): 2 错误</title>');
    // units with the most errors: 甲 (2) before 乙 (1)
    const units = html.slice(html.indexOf('id="units"'), html.indexOf('id="list"'));
    expect(units.indexOf('甲单位')).toBeLessThan(units.indexOf('乙单位'));
    expect(units).toMatch(/乙单位<\/td><td class="n">2<\/td><td class="n">1<\/td>/);
    const list = html.slice(html.indexOf('id="list"'), html.indexOf('id="details"'));
    expect(list.match(/<tr>/g)).toHaveLength(1 + RESULTS.length);
    expect(list).toContain('<td>项目支出绩效自评表</td>');
    expect(list).toContain('<td>部门整体支出绩效自评表</td>');
    expect(list).toContain('<td class="n">64.20%</td>');
    // clean submissions get a row but no section
    expect(html.match(/<section class="sub"/g)).toHaveLength(2);
    expect(list).toContain('<a href="#s1">');
    expect(list).not.toContain('<a href="#s2">');
    // findings worst first, with the place a person would look
    const details = html.slice(html.indexOf('id="details"'));
    expect(details.indexOf('3:7')).toBeLessThan(details.indexOf('自评表!K12'));
    expect(details).toContain('<span class="sev warning">已抑制（警告）</span>');
  });

  it('in English, and with no results', () => {
    const en = formatHtml(RESULTS, { lang: 'en', rules: linter.rules });
    expect(en).toContain('<html lang="en">');
    expect(en).toContain('Findings per rule');
    expect(en).toContain('<td>project-self-eval</td>');
    const empty = formatHtml([], { lang: 'zh' });
    expect(empty.match(/<svg /g)).toHaveLength(3);
    expect(empty).toContain('无数据');
    expect(empty).toContain('未发现问题。');
  });
});

describe('-f html -o 报告.html', () => {
  it('writes the report of a folder', async () => {
    const dir = tmpFolder({ 'a.yaml': readFileSync('fixtures/rules/execution-rate/invalid-initial-base.yaml', 'utf8') });
    const r = await cli(dir, '-f', 'html', '-o', join(dir, 'out', '报告.html'));
    expect(r.code).toBe(1);
    const html = readFileSync(join(dir, 'out', '报告.html'), 'utf8');
    expect(html).toContain('预算执行率与执行数、预算数不符');
    expect(html).toContain('<code>execution-rate</code>');
  });
});
