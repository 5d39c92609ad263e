import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { OPERATIONS } from '../src/check/ops/index.js';
import * as s from '../src/check/ops/scoring.js';
import { normalizeValue, type Kind } from '../src/normalize/value.js';

const ctx = { moneyUnit: '万元' as const };
const cell = (text: string, kind: Kind = 'text') => normalizeValue(text, kind, ctx);
const t = (text: string) => cell(text, 'target');
const w = (text: string) => cell(text, 'weight');
const str = (d: Decimal | null | undefined) => (d ? d.toFixed() : null);

const MAPPING = { 数量: '产出', 质量: '产出', 社会效益: '效益', 服务对象满意度: '满意度' };

describe('scoring operations', () => {
  it('are registered', () => {
    for (const name of ['nature', 'categoryWeights', 'weightOf', 'categoryExpectations', 'quantitativeScore', 'comparable', 'measure', 'sameUnit', 'near', 'outside', 'grade', 'achievement']) {
      expect(OPERATIONS[name], name).toBeDefined();
    }
  });

  it('read the nature column', () => {
    expect(s.nature(cell('定量'))).toBe('quantitative');
    expect(s.nature(cell('定量指标'))).toBe('quantitative');
    expect(s.nature(cell('定性'))).toBe('qualitative');
    expect(s.nature(cell('　'))).toBeNull();
    expect(s.nature(undefined)).toBeNull();
  });

  it('group weights by first-level category, inferring blank first levels, exactly', () => {
    const rows = [
      { level1: cell('产出指标'), level2: cell('数量指标'), weight: w('20.5') },
      { level1: cell('　'), level2: cell('质量指标'), weight: w('10%') },
      { level1: cell('效益'), level2: cell('社会效益指标'), weight: w('30') },
      { level1: cell('满意度指标'), weight: w('') },
      { level1: cell(''), level2: cell('其他'), weight: w('5') },
    ];
    const groups = s.categoryWeights(rows, MAPPING);
    expect(groups.map((g) => [g.category, str(g.weight), g.rows, g.first])).toEqual([
      ['产出', '30.5', 2, 0],
      ['效益', '30', 1, 2],
      ['满意度', null, 1, 3],
    ]);
    expect(s.weightOf(groups, '效益指标')?.first).toBe(2);
    expect(s.weightOf(groups, '成本')).toBeNull();
    expect(s.categoryWeights(null)).toEqual([]);
  });

  it('pair categories with their expected weights (options are JSON numbers)', () => {
    const rows = [
      { level1: cell('产出指标'), weight: w('60') },
      { level1: cell('效益指标'), weight: w('30') },
    ];
    const expected = [
      { name: '产出', weight: 50 },
      { name: '效益', weight: 30 },
      { name: '满意度', weight: 10 },
    ];
    expect(s.categoryExpectations(rows, expected, MAPPING, true)).toEqual([]);
    const all = s.categoryExpectations(rows, expected, MAPPING, false);
    expect(all.map((e) => [e.name, str(e.weight), str(e.expected)])).toEqual([
      ['产出', '60', '50'],
      ['效益', '30', '30'],
    ]);
  });

  it('score a quantitative indicator by the national formula', () => {
    const q = (target: string, actual: string, weight = '10', method?: string, unit?: string) =>
      s.quantitativeScore(t(target), t(actual), w(weight), method, unit === undefined ? undefined : cell(unit));
    // met → full weight
    expect(q('≥95%', '96%')).toMatchObject({ met: true, formula: 'met' });
    expect(str(q('≥95%', '96%')?.score)).toBe('10');
    expect(str(q('≤500元', '480元')?.score)).toBe('10');
    expect(str(q('8次', '13次')?.score)).toBe('10');
    // "≥": achieved ÷ target
    expect(q('≥95%', '90%')?.score.toDecimalPlaces(4).toFixed()).toBe('9.4737');
    expect(q('≥95%', '90%')).toMatchObject({ formula: 'higher', direction: 'higher', unit: '%' });
    expect(str(q('≥95%', '90%')?.target)).toBe('95');
    expect(str(q('8次', '6次', '20')?.score)).toBe('15');
    // "≤": target ÷ achieved, or linear to zero at twice the target
    expect(q('≤500元', '600元')?.score.toDecimalPlaces(4).toFixed()).toBe('8.3333');
    expect(str(q('≤500元', '600元', '20', 'linear')?.score)).toBe('16');
    expect(str(q('≤500元', '1200元', '20', 'linear')?.score)).toBe('0');
    expect(q('≤500元', '600元', '20', 'linear')).toMatchObject({ formula: 'linear', direction: 'lower' });
    // strict signs met only by equality still earn the full weight
    expect(str(q('>8次', '8次')?.score)).toBe('10');
    expect(str(q('<5%', '5%')?.score)).toBe('10');
    // the unit column supplies a missing unit, on the printed percent scale
    expect(str(q('≥95%', '95', '10', undefined, '%')?.score)).toBe('10');
    expect(str(q('≥90', '45', '10', undefined, '%')?.score)).toBe('5');
  });

  it('decline to score what cannot be compared', () => {
    const q = (target: string, actual: string) => s.quantitativeScore(t(target), t(actual), w('10'));
    expect(q('≥95%', '完成')).toBeNull();
    expect(q('优', '优')).toBeNull();
    expect(q('≥95%', '9次')).toBeNull();
    expect(q('500元', '600元')).toBeNull(); // a bare amount may be a ceiling
    expect(q('≥0次', '0次')?.met).toBe(true);
    expect(q('≥95%', '≥96%')).toBeNull();
    expect(s.quantitativeScore(t('≥95%'), t('90%'), w('　'))).toBeNull();
    expect(s.comparable(t('≥95%'), t('90%'))).toBe(true);
    // measure: the printed scale, the sign, and the unit column as a fallback
    const m = s.measure(t('≥95%'));
    expect(m && { sign: m.sign, value: str(m.value), unit: m.unit }).toEqual({ sign: '>=', value: '95', unit: '%' });
    const n = s.measure(t('8'), cell('次'));
    expect(n && { sign: n.sign, value: str(n.value), unit: n.unit }).toEqual({ sign: '=', value: '8', unit: '次' });
    expect(s.measure(t('13个'), cell('次'))?.unit).toBe('个');
    expect(s.measure(t('完成'))).toBeNull();
    expect(s.sameUnit('次', '次')).toBe(true);
    expect(s.sameUnit('人', '名', [['人', '名', '位']])).toBe(true);
    expect(s.sameUnit('件', '件次', [['个', '项', '件']])).toBe(false);
    expect(s.sameUnit('万元', '元', [])).toBe(false);
    expect(s.sameUnit(null, '元')).toBeNull();
    expect(s.measure(t('　'))).toBeNull();
    expect(s.comparable(t('≥95%'), t('良好'))).toBe(false);
    expect(s.comparable(t('8'), t('8次'), cell('次'))).toBe(true);
  });

  it('compare a printed score with a computed one at printed precision, with an optional tolerance', () => {
    const score = (x: string) => cell(x, 'score');
    expect(s.near(score('9.47'), new Decimal(90).div(95).times(10))).toBe(true);
    expect(s.near(score('9.5'), new Decimal(90).div(95).times(10))).toBe(true);
    expect(s.near(score('9.46'), new Decimal(90).div(95).times(10))).toBe(false);
    expect(s.near(score('9.46'), new Decimal(90).div(95).times(10), 0.02)).toBe(true);
    expect(s.near(score('10'), 9.4)).toBe(false);
    expect(s.near(score('　'), 9)).toBeNull();
  });

  it('test a printed value against a closed band', () => {
    const score = (x: string) => cell(x, 'score');
    expect(s.outside(score('30'), 18, 24)).toBe(true);
    expect(s.outside(score('24'), 18, 24)).toBe(false);
    expect(s.outside(score('24.4'), 18, 24)).toBe(true); // [24.35, 24.45) lies wholly above
    expect(s.outside(score('17.5'), 18, 24)).toBe(true);
    expect(s.outside(score('18'), 17.6, 24)).toBe(false); // [17.5, 18.5) reaches into the band
    expect(s.outside(score('24'), 18, 23.8)).toBe(false); // [23.5, 24.5) too
    expect(s.outside(new Decimal(18), 18, 24)).toBe(false);
    expect(s.outside(score(''), 18, 24)).toBeNull();
  });

  it('fold grade words', () => {
    expect(s.grade(cell('优'))).toBe('优');
    expect(s.grade(cell('优秀'))).toBe('优');
    expect(s.grade(cell('良好'))).toBe('良');
    expect(s.grade(cell('中等'))).toBe('中');
    expect(s.grade(cell('较差'))).toBe('差');
    expect(s.grade(cell('合格'))).toBeNull();
    expect(s.grade(cell('满分'))).toBeNull();
  });

  it('read the achievement of a qualitative indicator, conservatively', () => {
    const c = (x: string) => cell(x, 'completion');
    expect(s.achievement(c('部分达成'), t('良'), t('优'))).toBe('partial');
    expect(s.achievement(c('达成'), t('　'))).toBe('done');
    expect(s.achievement(c('　'), t('未完成'))).toBe('none');
    expect(s.achievement(undefined, t('基本完成'))).toBe('partial');
    expect(s.achievement(undefined, t('已达到预期目标。'))).toBe('done');
    expect(s.achievement(undefined, t('优'), t('优'))).toBe('done');
    expect(s.achievement(undefined, t('良'), t('优'))).toBeNull();
    expect(s.achievement(undefined, t('良好'))).toBe('done');
    expect(s.achievement(undefined, t('中'))).toBe('partial');
    expect(s.achievement(undefined, t('差'))).toBe('none');
    expect(s.achievement(undefined, t('完成率95%'))).toBeNull();
    expect(s.achievement(undefined, t('有效提升'))).toBeNull();
    expect(s.achievement(undefined, t('　'))).toBeNull();
  });
});
