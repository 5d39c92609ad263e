/**
 * Budget and score rules under local policy: the same submission, linted with rule options a
 * bureau would set in its config file, gives the findings that policy implies.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { lintYaml } from './helpers/linter.js';
import { withPolicy } from '../src/config/settings.js';
import type { Finding } from '../src/types.js';

const fixture = (path: string) => readFileSync(`fixtures/rules/${path}`, 'utf8');
const brief = (fs: Finding[]) => fs.map((f) => `${f.ruleId} ${f.severity} ${f.location.pointer}`);

/** The standard training project with one row replaced. */
function withRow(index: number, row: string, extra: Record<string, string> = {}): string {
  const lines = fixture('score-exceeds-weight/valid.yaml').split('\n');
  const first = lines.findIndex((l) => l.startsWith('  - {level1:'));
  lines[first + index] = row;
  let text = lines.join('\n');
  for (const [from, to] of Object.entries(extra)) text = text.replace(from, to);
  return text;
}

describe('quantitative-score options', () => {
  // 600元 against "≤500元", weight 20 → ratio 500 ÷ 600 × 20 = 16.67; linear (1000 − 600) ÷ 500 × 20 = 16.
  // (培训场次 gives up 10 of its weight so that the weights still add up to 90.)
  const cost = (score: string, coefficient: string) =>
    withRow(
      3,
      `  - {level1: 产出指标, level2: 成本指标, name: 人均培训成本, unit: 元, nature: 定量, target: "≤500元", actual: "600元", weight: "20", coefficient: "${coefficient}", score: "${score}", explanation: 场地租金上涨。}`,
      {
        'weight: "20", coefficient: "100%", score: "20"': 'weight: "10", coefficient: "100%", score: "10"',
        'score: "90"}': `score: "${70 + Number(score)}"}`,
        'totalScore: "100"': `totalScore: "${80 + Number(score)}"`,
        'problems: 无': 'problems: 人均成本超支。',
      },
    );

  it('scores a missed "≤" target by target ÷ achieved by default', async () => {
    expect(brief(await lintYaml(cost('16.67', '83.35%')))).toEqual([]);
    const fs = await lintYaml(cost('16', '80%'));
    expect(brief(fs)).toEqual(['quantitative-score warning /indicators/3/score']);
    expect(fs[0]?.message).toContain('500元 ÷ 600元 × 20 = 16.67');
    expect(fs[0]?.expected).toBe('16.67');
  });

  it('scores it linearly to zero at twice the target with lessThanMethod: linear', async () => {
    const linear = { 'quantitative-score': { options: { lessThanMethod: 'linear' } } };
    expect(brief(await lintYaml(cost('16', '80%'), 'zh', linear))).toEqual([]);
    const fs = await lintYaml(cost('16.67', '83.35%'), 'en', linear);
    expect(brief(fs)).toEqual(['quantitative-score warning /indicators/3/score']);
    expect(fs[0]?.message).toContain('scored linearly');
    expect(fs[0]?.expected).toBe('16.00');
  });

  it('tolerates truncated scores with a tolerance', async () => {
    // 90% of "≥95%" → 9.4737; a bureau that truncates prints 9.47 — and one that prints 9.4 needs slack.
    const pass = (score: string) =>
      withRow(
        1,
        `  - {level1: 产出指标, level2: 质量指标, name: 培训合格率, unit: "%", nature: 定量, target: "≥95%", actual: "90%", weight: "10", coefficient: "94%", score: "${score}", explanation: 部分学员补考。}`,
        { 'score: "90"}': `score: "${80 + Number(score)}"}`, 'totalScore: "100"': `totalScore: "${90 + Number(score)}"`, 'problems: 无': 'problems: 合格率未达目标。' },
      );
    expect(brief(await lintYaml(pass('9.4')))).toEqual(['quantitative-score warning /indicators/1/score']);
    expect(brief(await lintYaml(pass('9.4'), 'zh', { 'quantitative-score': { options: { tolerance: 0.1 } } }))).toEqual([]);
  });
});

describe('qualitative-band options', () => {
  // 部分达成 scored 15 of 30 (50%): below the national 60–80% band, inside a bureau's 50–80%.
  const text = withRow(
    4,
    '  - {level1: 效益指标, level2: 社会效益指标, name: 代表履职能力提升, nature: 定性, target: 优, actual: 良, achievement: 部分达成, weight: "30", coefficient: "50%", score: "15", explanation: 效果不够明显。}',
    { 'score: "90"}': 'score: "75"}', 'totalScore: "100"': 'totalScore: "85"', 'grade: 优': 'grade: 良', 'problems: 无': 'problems: 履职能力提升效果不够明显。' },
  );

  it('uses 80/60 by default and 80/50 when configured', async () => {
    const fs = await lintYaml(text);
    expect(brief(fs)).toEqual(['qualitative-band warning /indicators/4/score']);
    expect(fs[0]?.expected).toBe('18.00–24.00');
    expect(brief(await lintYaml(text, 'zh', withPolicy({}, { qualitativeBands: { partly: 50 } })))).toEqual([]);
  });
});

describe('category-weights options', () => {
  it('compares with a bureau’s own split', async () => {
    const text = fixture('category-weights/invalid.yaml');
    expect(brief(await lintYaml(text))).toEqual(['category-weights info /indicators/0/weight', 'category-weights info /indicators/4/weight']);
    const local = withPolicy({}, { categoryWeights: [{ name: '产出指标', weight: 60 }, { name: '效益', weight: 20 }, { name: '满意度', weight: 10 }] });
    expect(brief(await lintYaml(text, 'zh', local))).toEqual([]);
  });

  it('compares even when a category is absent with requireAll: false', async () => {
    const text = fixture('category-weights/valid-category-absent.yaml');
    const fs = await lintYaml(text, 'zh', { 'category-weights': { options: { requireAll: false } } });
    expect(brief(fs)).toEqual(['required-categories info /indicators', 'category-weights info /indicators/0/weight']);
  });
});

describe('grade-band options', () => {
  it('grades by the configured bands', async () => {
    // 部分达成 scored 18 of 30: total 88, which is 良 nationally; a bureau with 优 ≥ 85 grades it 优.
    const text = withRow(
      4,
      '  - {level1: 效益指标, level2: 社会效益指标, name: 代表履职能力提升, nature: 定性, target: 优, actual: 良, achievement: 部分达成, weight: "30", coefficient: "60%", score: "18", explanation: 效果不够明显。}',
      { 'score: "90"}': 'score: "78"}', 'totalScore: "100"': 'totalScore: "88"', 'problems: 无': 'problems: 履职能力提升效果不够明显。' },
    );
    expect(brief(await lintYaml(text))).toEqual(['grade-band error /grade']);
    expect(brief(await lintYaml(text.replace('grade: 优', 'grade: 良')))).toEqual([]);
    expect(brief(await lintYaml(text, 'zh', withPolicy({}, { gradeBands: { excellent: 85 } })))).toEqual([]);
  });
});

describe('actual-exceeds-budget options', () => {
  it('tolerates a configured overspend', async () => {
    const text = fixture('actual-exceeds-budget/invalid.yaml');
    expect(brief(await lintYaml(text))).toEqual(['actual-exceeds-budget warning /budget/actual/total']);
    expect(brief(await lintYaml(text, 'zh', { 'actual-exceeds-budget': { options: { tolerance: 5 } } }))).toEqual([]);
  });
});
