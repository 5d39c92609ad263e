/**
 * Recomputed values are shown at the precision the form prints (issue 16): a score printed
 * "7.00" makes weight 10 × coefficient 78.9333% read 「= 7.89」, not 7.8933; the `as:` format of
 * message templates (`{expected|as:item.score}`) does it and is checked when rules load.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { lintYaml } from './helpers/linter.js';

const FIXTURE = readFileSync('fixtures/rules/indicator-score/invalid.yaml', 'utf8');
const body = FIXTURE.slice(FIXTURE.indexOf('form:'));

describe('recomputed values at printed precision', () => {
  it('a score printed with two decimals gets its expected value with two', async () => {
    const text = body.replace('weight: "10", coefficient: "80%", score: "10"', 'weight: "10", coefficient: "78.9333%", score: "7.00"');
    const f = (await lintYaml(text)).find((x) => x.ruleId === 'indicator-score');
    expect(f?.message).toBe('指标「培训合格率」得分填报为 7.00，但权重 10 × 得分系数 78.9333% = 7.89。请核对得分或得分系数。');
    expect(f?.expected).toBe('7.89');
  });

  it('an integer score gets an integer', async () => {
    const f = (await lintYaml(body, 'en')).find((x) => x.ruleId === 'indicator-score');
    expect(f?.message).toBe('Indicator "培训合格率": score printed 10, but weight 10 × coefficient 80% = 8. Check the score or the coefficient.');
  });
});
