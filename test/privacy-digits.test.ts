import { describe, expect, it } from 'vitest';
import { DIGIT_RANGES, MAX_DIGITS_PER_CHARACTER, mobile, residentId } from '../src/check/ops/privacy.js';

/**
 * personal-contact skips, without folding it, a text that cannot hold 11 digits once folded
 * (NFKC). That is safe only while DIGIT_RANGES lists every character whose NFKC form holds a
 * digit in the ICU of the Node running it: this walks every code point and checks.
 */
describe('personal-contact prefilter', () => {
  it('lists every character whose NFKC form holds a digit, and how many at most', () => {
    const listed = (cp: number) => DIGIT_RANGES.some(([a, b]) => cp >= a && cp <= b);
    const missing: string[] = [];
    let most = 0;
    for (let cp = 0x80; cp <= 0x10ffff; cp++) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue;
      const folded = String.fromCodePoint(cp).normalize('NFKC');
      const n = folded.replace(/[^0-9]/g, '').length;
      if (n === 0) continue;
      most = Math.max(most, n);
      // astral characters are surrogate pairs: their first unit stands for them
      if (!listed(cp > 0xffff ? String.fromCodePoint(cp).charCodeAt(0) : cp)) missing.push(cp.toString(16));
    }
    expect(missing).toEqual([]);
    expect(most).toBeLessThanOrEqual(MAX_DIGITS_PER_CHARACTER);
  });

  it('still finds numbers written with such characters', () => {
    expect(mobile('联系电话：１３８１２３４５６７８')).toBe('138****5678');
    expect(mobile('联系电话：①③⑧1234⑤⑥⑦⑧')).toBe('138****5678');
    expect(mobile('联系电话：1381234567')).toBeNull();
    expect(residentId('身份证：１１０１０５１９４９１２３１００２Ｘ')).toBe('110105********002X');
    expect(residentId('身份证：11010519491231000')).toBeNull();
  });
});
