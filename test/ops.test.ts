import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import * as d from '../src/check/ops/decimal.js';
import * as g from '../src/check/ops/data.js';
import { OPERATIONS } from '../src/check/ops/index.js';
import * as t from '../src/check/ops/text.js';
import { normalizeValue } from '../src/normalize/value.js';

const ctx = { moneyUnit: '万元' as const };
const cell = (text: string, kind: Parameters<typeof normalizeValue>[1] = 'amount') => normalizeValue(text, kind, ctx);
const s = (x: Decimal | null) => (x === null ? null : x.toFixed());

describe('decimal operations', () => {
  it('add, subtract, multiply and divide exactly (no binary floating point)', () => {
    expect(s(d.plus('0.1', '0.2'))).toBe('0.3');
    expect(s(d.minus(cell('5.89'), cell('3.08')))).toBe('2.81');
    expect(s(d.times(cell('10', 'weight'), cell('80%', 'coefficient')))).toBe('8');
    expect(s(d.over(cell('1519.94391'), cell('1945.74731')))?.slice(0, 10)).toBe('0.78116202');
  });

  it('propagate unknown operands as null and never divide by zero', () => {
    expect(d.plus('1', null)).toBeNull();
    expect(d.plus(cell('　'), '1')).toBeNull();
    expect(d.over('1', '0')).toBeNull();
    expect(d.times(cell('454.O6'), '1')).toBeNull();
  });

  it('compare exactly and cannot decide (null, unknown to rules) when an operand has no number', () => {
    expect(d.lt('0.9998', 1)).toBe(true);
    expect(d.gte(cell('100%', 'rate'), 1)).toBe(true);
    expect(d.eq(cell('90', 'weight'), 90)).toBe(true);
    expect(d.lt(null, 1)).toBeNull();
    expect(d.gt('2', null)).toBeNull();
    expect(d.eq(cell('　', 'weight'), 0)).toBeNull();
    expect(s(d.least('1.2', 1))).toBe('1');
    expect(s(d.greatest('1.2', 1))).toBe('1.2');
  });

  it('reads a printed value as the half-open interval of its last digit', () => {
    const i = d.interval(cell('99.98%', 'rate'));
    expect(i && [i.lo.toFixed(), i.hi.toFixed()]).toEqual(['0.99975', '0.99985']);
    const j = d.interval(cell('8', 'score'));
    expect(j && [j.lo.toFixed(), j.hi.toFixed()]).toEqual(['7.5', '8.5']);
    expect(d.interval(new Decimal(3))).toEqual({ lo: new Decimal(3), hi: new Decimal(3) });
  });

  it('consistent: the recomputed value must lie in [lo, hi)', () => {
    const rate = cell('99.98%', 'rate');
    expect(d.consistent(rate, d.over('129.97', '130'))).toBe(true); // 99.977%
    expect(d.consistent(rate, '0.99985')).toBe(false); // upper bound is open
    expect(d.consistent(rate, '0.99975')).toBe(true); // lower bound is closed
    expect(d.consistent(cell('94', 'rate'), d.over('155.41', '165'))).toBe(true); // bare 94 = 94%
    expect(d.consistent(cell('78%', 'rate'), '1')).toBe(false);
    expect(d.consistent(cell('　', 'rate'), '1')).toBeNull();
  });

  it('sums printed parts as intervals (XBRL Calculations 1.1) and checks overlap', () => {
    const parts = ['10', '10', '10'].map((x) => cell(x, 'score'));
    const sum = d.sumInterval(parts);
    expect(sum && [sum.lo.toFixed(), sum.hi.toFixed()]).toEqual(['28.5', '31.5']);
    expect(d.overlaps(cell('31', 'score'), sum)).toBe(true);
    expect(d.overlaps(cell('32', 'score'), sum)).toBe(false);
    expect(d.overlaps(cell('31.6', 'score'), sum)).toBe(false);
    expect(d.overlaps(cell('31.5', 'score'), sum)).toBe(true); // [31.45, 31.55) meets [28.5, 31.5)
    expect(d.sumInterval([cell('1', 'score'), cell('/', 'score')])).toEqual({ lo: new Decimal('0.5'), hi: new Decimal('1.5') });
    expect(d.sumInterval([cell('1', 'score'), cell('x', 'score')])).toBeNull();
  });

  it('totals and counts lists exactly, skipping blanks', () => {
    expect(s(d.total(['20', '10', cell('不适用', 'weight')]))).toBe('30');
    expect(d.total(['1', cell('abc', 'weight')])).toBeNull();
    expect(d.countKnown(['1', null, cell('—')])).toBe(1);
    expect(d.known('1', cell('2'))).toBe(true);
    expect(d.known('1', cell('无'))).toBe(false);
  });

  it('blank covers every way forms write nothing', () => {
    for (const x of ['', '　', '/', '—', '-', '无', '暂无', '不适用']) expect(d.blank(cell(x, 'text'))).toBe(true);
    expect(d.blank(undefined)).toBe(true);
    expect(d.blank(cell('0'))).toBe(false);
  });
});

describe('text and data operations', () => {
  it('reads completion claims', () => {
    expect(t.completion(cell('已完成', 'completion'))).toBe('done');
    expect(t.completion(cell('全部完成', 'completion'))).toBe('done');
    expect(t.completion(cell('部分完成', 'completion'))).toBe('partial');
    expect(t.completion(cell('未完成', 'completion'))).toBe('none');
    expect(t.completion('进行中')).toBeNull();
  });

  it('steps severities down once, not below info', () => {
    expect(t.stepDown('error')).toBe('warning');
    expect(t.stepDown('warning')).toBe('info');
    expect(t.stepDown('info')).toBe('info');
  });

  it('reaches fields named by data', () => {
    const funds = { total: cell('130'), general: cell('120') };
    expect(g.get(funds, 'total')).toBe(funds.total);
    expect(g.get(funds, 'nonFiscal')).toBeNull();
    expect(g.pluck(funds, ['general', 'nonFiscal'])).toEqual([funds.general, null]);
    expect(g.allKnown(g.pluck(funds, ['total', 'general']))).toBe(true);
    expect(g.allKnown(g.pluck(funds, ['total', 'nonFiscal']))).toBe(false);
    expect(g.allKnown([])).toBe(false);
  });

  it('declares every operation: function, argument kinds, result, zh/en description and an example', () => {
    for (const [name, spec] of Object.entries(OPERATIONS)) {
      expect(typeof spec.fn, name).toBe('function');
      expect(Array.isArray(spec.args), name).toBe(true);
      expect(spec.result, name).toBeDefined();
      expect(spec.doc.zh.length, `${name}: doc.zh`).toBeGreaterThan(2);
      expect(spec.doc.en.length, `${name}: doc.en`).toBeGreaterThan(2);
      expect(spec.example, `${name}: example`).toContain(`{${name}: `);
    }
  });
});
