/**
 * Issue 25's examples of nagging and of places, each as the issue states it, with the behaviour
 * it asks for (the numbers and words examples are in numbers-words.test.ts, the schema ones in
 * schema-words.test.ts, batches in report-xlsx/batch tests, zh output in zh-output-scan.test.ts,
 * suggestions on the page and in the reports in test/browser, the fix command in fix.test.ts).
 * Each document is the execution-score fixture with the figures of the example written in; the
 * expectations were worked out from those figures.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { findingRows } from '../src/report/batch.js';
import { lintFile, lintYaml } from './helpers/linter.js';

const base = readFileSync('fixtures/rules/execution-score/valid.yaml', 'utf8').replace(/^#.*\n/gm, '');

/** The base with spending `actual` of 100, its printed rate, execution score and total, and the problems text. */
function spent(actual: string, rate: string, score: string, total: string, problems: string, explanation = '"　"'): string {
  return base
    .replace('actual: {total: "94.2", fiscal: "94.2"}', `actual: {total: "${actual}", fiscal: "${actual}"}`)
    .replace('rate: "94.20%"', `rate: "${rate}"`)
    .replace('score: "9"\n', `score: "${score}"\n`)
    .replace('totalScore: "99"', `totalScore: "${total}"`)
    .replace('explanation: 年底部分采购未支付。', `explanation: ${explanation}`)
    .replace(/^problems: .*$/m, `problems: ${problems}`);
}

const ids = async (text: string) => (await lintYaml(text)).map((f) => f.ruleId);

describe('policy, not nagging (issue 25, item 3)', () => {
  it('99.98% spent (300 yuan of 150万 unspent): no no-problems-claim, no deduction warning; below 90% the 「无」 is a finding', async () => {
    // 10 × 99.98% = 9.998, printed 10: no points lost; 「存在的问题：无」 stands
    expect(await ids(spent('99.98', '99.98%', '10', '100', '无'))).toEqual([]);
    // 89%: 8.9 points, 1.1 lost with no explanation and 「无」 written: a reviewer asks why, twice (the 90% threshold)
    expect(await ids(spent('89', '89.00%', '8.9', '98.9', '无'))).toEqual(['deduction-needs-explanation', 'no-problems-claim']);
  });

  it('the execution block fully spent: no deduction warning, only the score that should be 10', async () => {
    const found = await lintYaml(spent('100', '100.00%', '9', '99', '培训组织有待加强。'));
    expect(found.map((f) => [f.ruleId, f.suggestion])).toEqual([['execution-score', '10']]);
  });

  it('a target 「≥50个」 and an actual 「50」: the unit of the column, or of the target, applies to the bare actual', async () => {
    const row = 'unit: 次, nature: 定量, target: "≥8次", actual: "8次"';
    expect(await ids(base.replace(row, 'unit: 个, nature: 定量, target: "≥50个", actual: "50"'))).toEqual([]);
    expect(await ids(base.replace(row, 'nature: 定量, target: "≥50个", actual: "50"'))).toEqual([]);
    // a real mismatch is still one: the column says 次, the target 个
    expect(await ids(base.replace(row, 'unit: 次, nature: 定量, target: "≥50个", actual: "50"'))).toEqual(['non-comparable-value']);
  });

  it('seed 000 as text: the rows at 99.98% (lines 12 and 21) carry no claim finding; 52.29% 「已完成」 on line 22 does', async () => {
    const [r] = await lintFile('fixtures/import/seed-000.txt');
    const claims = r!.findings.filter((f) => f.ruleId === 'completion-vs-execution' || f.ruleId === 'no-problems-claim');
    expect(claims.map((f) => [f.ruleId, f.location.row ?? f.location.line])).toEqual([['completion-vs-execution', 22]]);
  });

  // Still open (src/load, not this helper's files): the ragged-row warnings of seed 000 as text
  // (11 rows of 36 or 28 cells against 30 columns, 「已尽量按内容对齐，请核对」) are about how the text
  // was extracted, which the clerk cannot fix.
  it('seed 000 as text: extraction artefacts are not the clerk\'s findings (no ragged-row where the alignment is unambiguous)', async () => {
    const found = (await lintFile('fixtures/import/seed-000.txt')).flatMap((r) => r.findings);
    expect(found.filter((f) => f.ruleId === 'ragged-row')).toEqual([]);
  });
  // Still open (rules/ or src/load): a lost execution point without an explanation column in the
  // national project form is pinned on the block's label 「项目资金（万元）」 (A5), not on the score cell (H6).
  it.todo('an execution-block deduction is pinned on the score cell, not on the label 「项目资金（万元）」');
});

describe('places a person reads (issue 25, item 2)', () => {
  it('a line of text is 「第 22 行」 in the reports for people, never 22:14', async () => {
    const results = await lintFile('fixtures/import/seed-000.txt');
    const rows = findingRows(results, { lang: 'zh' });
    const claim = rows.find((x) => x.ruleId === 'completion-vs-execution');
    expect(claim?.place).toBe('第 22 行');
    expect(rows.every((x) => /^第 \d+ 行$/.test(x.place))).toBe(true);
    expect(findingRows(results, { lang: 'en' }).find((x) => x.ruleId === 'completion-vs-execution')?.place).toBe('line 22');
  });
});
