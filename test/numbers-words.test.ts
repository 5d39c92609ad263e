/**
 * Numbers as a person reads them (issue 25, item 2): suggested values as computed (7.5, not 8),
 * a total of printed points is their exact sum, and a range only when it matters, in words.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { lintYaml } from './helpers/linter.js';
import { sumInWords, suggested } from '../src/check/ops/decimal.js';
import { Decimal } from 'decimal.js';

const base = readFileSync('fixtures/rules/execution-score/valid.yaml', 'utf8').replace(/^#.*\n/gm, '');

describe('suggested values and sums', () => {
  it('execution-score: 10 × 75% is suggested as 7.5, not 8', async () => {
    const text = base.replace('actual: {total: "94.2", fiscal: "94.2"}', 'actual: {total: "75", fiscal: "75"}').replace('rate: "94.20%"', 'rate: "75.00%"').replace('score: "9"\n', 'score: "10"\n');
    const f = (await lintYaml(text)).find((x) => x.ruleId === 'execution-score');
    expect(f?.message).toBe('执行率得分填报为 10，按权重 10 × 执行率 75.00%（超过 100% 按 100% 计）应为 7.5 分。请按重新计算的执行率修正得分。');
    expect(f?.expected).toBe('7.5');
  });

  it('execution-score: 10 × 94.19% printed as 9 is consistent (printed precision of a computed figure)', async () => {
    const text = base.replace('actual: {total: "94.2", fiscal: "94.2"}', 'actual: {total: "94.19", fiscal: "94.19"}').replace('rate: "94.20%"', 'rate: "94.19%"');
    expect((await lintYaml(text)).filter((x) => x.ruleId === 'execution-score')).toEqual([]);
  });

  it('total-score adds the printed points exactly: scores adding up to 100 are not consistent with a printed 98', async () => {
    const text = base.replace('score: "9"\n', 'score: "10"\n').replace('totalScore: "99"', 'totalScore: "98"').replace('actual: {total: "94.2", fiscal: "94.2"}', 'actual: {total: "100", fiscal: "100"}').replace('rate: "94.20%"', 'rate: "100.00%"');
    const f = (await lintYaml(text)).filter((x) => x.ruleId === 'total-score');
    expect(f.map((x) => [x.message, x.expected])).toEqual([['自评总得分填报为 98，但各指标得分与执行率得分之和为 100。请重新合计，把总分改为 100。', '100']]);
  });

  it('a rounded total of fractional points is still consistent (9.4 + 90 printed as 99)', async () => {
    const text = readFileSync('fixtures/rules/total-score/valid-rounding.yaml', 'utf8');
    expect((await lintYaml(text)).filter((x) => x.ruleId === 'total-score')).toEqual([]);
  });

  it('suggested(): exact when short, rounded when not; the printed decimals kept', () => {
    expect(suggested(new Decimal('7.5'), 0, false)).toBe('7.5');
    expect(suggested(new Decimal('10'), 0, false)).toBe('10');
    expect(suggested(new Decimal('7.5'), 2, false)).toBe('7.50');
    expect(suggested(new Decimal(10).times(0.941923), 0, false)).toBe('9.42');
    expect(suggested(new Decimal(1).div(3), 2, true)).toBe('33.33%');
  });

  it('a sum of printed figures: the span only when it matters, in words', () => {
    const i = { lo: new Decimal(105), hi: new Decimal(115) };
    expect(sumInWords(i, 'zh', 112)).toBe('约 110（按填报的位数，可能在 105 至 115 之间）');
    expect(sumInWords(i, 'zh', 140)).toBe('110');
    expect(sumInWords({ lo: new Decimal(40), hi: new Decimal(40) }, 'zh')).toBe('40');
    expect(sumInWords(i, 'en', 112)).toBe('about 110 (at the printed digits, between 105 and 115)');
  });
});
