import { describe, expect, it } from 'vitest';
import * as c from '../src/check/ops/completeness.js';
import { OPERATIONS } from '../src/check/ops/index.js';
import * as p from '../src/check/ops/privacy.js';
import { normalizeValue } from '../src/normalize/value.js';

const ctx = { moneyUnit: '万元' as const };
const cell = (text: string, kind: Parameters<typeof normalizeValue>[1] = 'text') => normalizeValue(text, kind, ctx);

const MAPPING = { 数量: '产出', 质量: '产出', 社会效益: '效益', 服务对象满意度: '满意度' };

describe('completeness operations', () => {
  it('are registered', () => {
    for (const name of ['duplicates', 'parentCategory', 'hasCategory', 'filled', 'flatten', 'cycleConflict', 'foreignAmounts', 'assumedPercents', 'saysNone', 'texts', 'mobile', 'residentId']) {
      expect(OPERATIONS[name], name).toBeDefined();
    }
  });

  it('fold names and categories', () => {
    expect(c.nameKey(cell('培训　合格率'))).toBe('培训合格率');
    expect(c.category(cell('产出指标'))).toBe('产出');
    expect(c.category('效益目标')).toBe('效益');
    expect(c.category(cell('服务对象满意度指标'))).toBe('服务对象满意度');
  });

  it('find later duplicate rows and name the first', () => {
    const rows = [
      { level1: cell('产出指标'), level2: cell('数量指标'), name: cell('培训场次') },
      { level1: cell('产出指标'), level2: cell('质量指标'), name: cell('合格率') },
      { level1: cell('产出 指标'), level2: cell('数量'), name: cell('培训　场次') },
      { level1: cell('产出指标'), level2: cell('数量指标'), name: cell('　') },
      { level1: cell('产出指标'), level2: cell('数量指标'), name: cell('') },
    ];
    expect(c.duplicates(rows)).toEqual([{ index: 2, row: 3, first: 1, name: '培训　场次' }]);
    expect(c.duplicates(null)).toEqual([]);
  });

  it('map second-level categories to their first level', () => {
    expect(c.parentCategory(cell('社会效益指标'), MAPPING)).toBe('效益');
    expect(c.parentCategory(cell('其他'), MAPPING)).toBeNull();
    const rows = [
      { level1: cell('产出指标'), level2: cell('数量指标') },
      { level1: cell('　'), level2: cell('社会效益指标') },
    ];
    expect(c.hasCategory(rows, 'level1', '效益', MAPPING)).toBe(true);
    expect(c.hasCategory(rows, 'level1', '效益')).toBe(false);
    expect(c.hasCategory(rows, 'level1', '满意度', MAPPING)).toBe(false);
    expect(c.hasCategory(rows, 'level2', '数量')).toBe(true);
    expect(c.filled(rows, 'level1')).toBe(1);
    expect(c.flatten([[1], null, [2, 3]])).toEqual([1, 2, 3]);
  });

  it('compare whole-period and annual values', () => {
    const t = (x: string) => cell(x, 'target');
    expect(c.cycleConflict(t('≥24次'), t('≥8次'))).toBeNull();
    expect(c.cycleConflict(t('3次'), t('5次'))).toBe('exceeds');
    expect(c.cycleConflict(t('12'), t('4'))).toBeNull();
    expect(c.cycleConflict(t('3次'), t('5人'))).toBeNull();
    expect(c.cycleConflict(t('≥95%'), t('≥95%'))).toBeNull();
    expect(c.cycleConflict(t('≥95%'), t('≥90%'))).toBe('differs');
    expect(c.cycleConflict(t('≥95%'), t('95%'))).toBe('differs');
    expect(c.cycleConflict(t('明显提升'), t('有所提升'))).toBeNull();
  });

  it('find amounts printed in another money unit', () => {
    const root = { budget: { adjusted: { total: cell('14,227,418.02元', 'amount'), fiscal: cell('1422.74', 'amount') } } };
    expect(c.foreignAmounts(root, '万元')).toEqual([{ pointer: '/budget/adjusted/total', text: '14,227,418.02元', unit: '元' }]);
    expect(c.foreignAmounts(root, '元')).toEqual([]);
  });

  it('find rates printed without %', () => {
    const root = { budget: { rate: cell('94', 'rate'), weight: cell('10', 'weight') }, projects: [{ rate: cell('99.98%', 'rate') }, { rate: cell('0.95', 'rate') }] };
    expect(c.assumedPercents(root)).toEqual([{ pointer: '/budget/rate', text: '94' }]);
  });

  it('recognise "no problems" claims', () => {
    expect(c.saysNone(cell('无'))).toBe(true);
    expect(c.saysNone(cell('暂无'))).toBe(true);
    expect(c.saysNone(cell('尚无明显问题。'))).toBe(true);
    expect(c.saysNone(cell('经自查，不存在违规使用资金问题'))).toBe(true);
    expect(c.saysNone(cell('不存在资金使用方面的问题'))).toBe(true);
    expect(c.saysNone(cell('没有发现问题'))).toBe(true);
    expect(c.saysNone(cell('因疫情影响，无法大规模开展代表学习培训'))).toBe(false);
    expect(c.saysNone(cell('2021年度本单位年度绩效目标均已完成，尚无导致年度绩效目标未完成或发生偏离存在的问题和原因。'))).toBe(true);
    expect(c.saysNone(cell('一是宣传不够；二是经费紧张'))).toBe(false);
    expect(c.saysNone(cell('/'))).toBe(false);
    expect(c.saysNone(cell(''))).toBe(false);
  });
});

describe('privacy operations', () => {
  it('walk every printed text with absolute pointers', () => {
    const root = { unit: '示例单位', contact: { phone: cell('13812345678') }, budget: { weight: cell('10', 'weight') }, list: ['a/b'] };
    expect(p.texts(root)).toEqual([
      { pointer: '/unit', text: '示例单位' },
      { pointer: '/contact/phone', text: '13812345678' },
      { pointer: '/list/0', text: 'a/b' },
    ]);
  });

  it('find mobile numbers, masked', () => {
    expect(p.mobile(cell('联系电话：138 1234 5678'))).toBe('138****5678');
    expect(p.mobile(cell('１３８１２３４５６７８'))).toBe('138****5678');
    expect(p.mobile(cell('020-83123456'))).toBeNull();
    expect(p.mobile(cell('12345678901'))).toBeNull();
    expect(p.mobile(cell('110101199003074514'))).toBeNull();
  });

  it('find checksum-valid resident ID numbers, masked', () => {
    expect(p.validResidentId('11010119900307451X')).toBe(false);
    expect(p.validResidentId('110101199003074514')).toBe(true);
    expect(p.residentId(cell('身份证号110101199003074514'))).toBe('110101********4514');
    expect(p.residentId(cell('编号110101199003074515'))).toBeNull();
  });

  it('unknownCategories: labels outside the framework, each once at its first row; printed variants of known ones are known', () => {
    const rows = [
      { level1: cell('制度指标'), name: cell('规章制度建立与否') },
      { level1: cell('制度指标'), name: cell('资金管理办法') },
      { level1: cell('产出指标(40分)'), level2: cell('工作量指标') },
      { level1: cell('满意度指标'), level2: cell('社会公众或服务对象满意度指标') },
      { level1: cell('满意度'), level2: cell('服务对象满意度指标等') },
      { level1: cell('　'), level2: cell('数 量 指 标') },
    ];
    expect(c.unknownCategories(rows, MAPPING)).toEqual([
      { index: 0, field: 'level1', label: '制度指标' },
      { index: 2, field: 'level2', label: '工作量指标' },
    ]);
    expect(c.unknownCategories(null, MAPPING)).toEqual([]);
  });

  it('hasCategory: a satisfaction indicator the printed template files under 效益 is still a satisfaction indicator', () => {
    const rows = [{ level1: cell('效益指标'), level2: cell('社会公众或服务对象满意度指标') }];
    expect(c.hasCategory(rows, 'level1', '满意度', MAPPING)).toBe(true);
    // a second level of another first level is not counted so (社会效益 under 产出 does not make 产出 present)
    expect(c.hasCategory([{ level1: cell('效益指标'), level2: cell('数量指标') }], 'level1', '产出', MAPPING)).toBe(false);
  });
});
