import { describe, expect, it } from 'vitest';
import { normalizeValue, parseNumber, parseTarget } from '../src/normalize/value.js';

const wan = { moneyUnit: '万元' as const };
const yuan = { moneyUnit: '元' as const };

describe('parseNumber', () => {
  it.each([
    ['1,519.94', '1519.94', 2, false, ''],
    ['1945.74731', '1945.74731', 5, false, ''],
    ['１２３', '123', 0, false, ''],
    ['99.98%', '99.98', 2, true, ''],
    ['99.98％', '99.98', 2, true, ''],
    ['8次', '8', 0, false, '次'],
    ['14,227,418.02元', '14227418.02', 2, false, '元'],
    [' 4,282,377.26 ', '4282377.26', 2, false, ''],
    ['-1449000.00', '-1449000', 2, false, ''],
  ])('%s', (text, value, scale, percent, unit) => {
    const n = parseNumber(text);
    expect(n && [n.value.toFixed(), n.scale, n.percent, n.unit]).toEqual([value, scale, percent, unit]);
  });

  it.each(['454.O6', '良好', '1,51,9', '', '12.3.4'])('rejects %s', (text) => {
    expect(parseNumber(text)).toBeNull();
  });
});

describe('normalizeValue', () => {
  it('keeps the printed text and precision of amounts', () => {
    const c = normalizeValue('1,519.94', 'amount', wan);
    expect([c.text, c.value?.toFixed(), c.half?.toFixed()]).toEqual(['1,519.94', '1519.94', '0.005']);
  });

  it('converts an amount printed with its own money unit', () => {
    expect(normalizeValue('14,227,418.02元', 'amount', wan).value?.toFixed()).toBe('1422.741802');
    expect(normalizeValue('1422.74万元', 'amount', yuan).value?.toFixed()).toBe('14227400');
  });

  it('reads rates: "99.98%", bare "94" as percent, 0.9998 as a fraction', () => {
    expect(normalizeValue('99.98%', 'rate', wan).value?.toFixed()).toBe('0.9998');
    const bare = normalizeValue('94', 'rate', wan);
    expect([bare.value?.toFixed(), bare.half?.toFixed(), bare.assumedPercent]).toEqual(['0.94', '0.005', true]);
    expect(normalizeValue(0.9998, 'rate', wan).value?.toFixed()).toBe('0.9998');
    expect(normalizeValue('100%', 'coefficient', wan).value?.toFixed()).toBe('1');
    expect(normalizeValue('1', 'coefficient', wan).value?.toFixed()).toBe('1');
  });

  it('reads weights printed as % as points', () => {
    const w = normalizeValue('10%', 'weight', wan);
    expect([w.value?.toFixed(), w.percent]).toEqual(['10', true]);
    expect(normalizeValue('10分', 'score', wan).value?.toFixed()).toBe('10');
  });

  it('uses the source text of a number so trailing zeros keep their precision', () => {
    const c = normalizeValue(100, 'rate', wan, '100.00');
    expect([c.text, c.half?.toFixed()]).toEqual(['100.00', '0.00005']);
  });

  it('marks blanks and invalid numbers', () => {
    expect(normalizeValue('\u3000', 'amount', wan).blank).toBe(true);
    expect(normalizeValue(null, 'amount', wan).blank).toBe(true);
    expect(normalizeValue('不适用', 'score', wan).blank).toBe(true);
    const bad = normalizeValue('454.O6', 'amount', wan);
    expect([bad.invalid, bad.value, bad.text]).toEqual([true, null, '454.O6']);
    expect(normalizeValue('50%', 'amount', wan).invalid).toBe(true);
  });
});

describe('parseTarget', () => {
  it.each([
    ['≥95%', '>=', '0.95', '%'],
    ['≤10%', '<=', '0.1', '%'],
    ['＞8', '>', '8', ''],
    ['不低于90%', '>=', '0.9', '%'],
    ['8次', '=', '8', '次'],
    ['252名', '=', '252', '名'],
    ['100%以上', '>=', '1', '%'],
    ['≤500元', '<=', '500', '元'],
  ])('%s', (text, sign, value, unit) => {
    const tg = parseTarget(text);
    expect(tg && [tg.sign, tg.value.toFixed(), tg.unit]).toEqual([sign, value, unit]);
  });

  it.each(['优', '良好或以上', '2021年每个自然月', '圆满完成会议的各项任务'])('%s is qualitative', (text) => {
    expect(parseTarget(text)).toBeNull();
  });
});
