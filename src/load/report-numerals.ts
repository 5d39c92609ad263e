/**
 * Chinese numerals in a report's prose: 「壹佰贰拾万元」 (the financial capitals), 「一百二十万元」,
 * 「三十五万元」, 「一千零五元」, 「二点五亿元」 — read as the figure a reviewer would write (120万元, 35万元,
 * 1005元, 2.5亿元), exactly (decimal strings, never binary floating point). Browser-safe.
 *
 * Hand-written on purpose: the best-known package (nzh) returns a binary float, returns 0 for text it
 * cannot read (the same as 「零」), reads malformed runs (「三三」 → 33) and does not know 「两」; it would
 * have to be wrapped in a grammar that rejects what is not a numeral, and that grammar is this parser.
 */
import { Decimal } from 'decimal.js';

const DIGIT: Readonly<Record<string, number>> = {
  零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9,
  壹: 1, 贰: 2, 貳: 2, 叁: 3, 參: 3, 肆: 4, 伍: 5, 陆: 6, 陸: 6, 柒: 7, 捌: 8, 玖: 9,
};
const SMALL_UNIT: Readonly<Record<string, number>> = { 十: 10, 拾: 10, 百: 100, 佰: 100, 千: 1000, 仟: 1000 };
const ZERO = /^[零〇]$/;

/** The characters a Chinese numeral is written with (digits, 十百千, 万亿, 点). */
export const CHINESE_NUMERAL_CHARS = '零〇一二两三四五六七八九壹贰貳叁參肆伍陆陸柒捌玖十拾百佰千仟万萬亿億点點';

/**
 * A section below 万: 「一千零五」, 「二十」, 「十二」, 「壹佰贰拾」. Units strictly decreasing, each after a
 * digit (only a leading 十 may stand alone: 十二); 零 marks skipped units and is followed by a digit;
 * a final bare digit is the ones (「一百二」, colloquially 120, is refused as ambiguous). Null when malformed.
 */
function section(s: string): number | null {
  if (s === '') return null;
  let total = 0;
  let lastUnit = 10_000;
  let pending: number | null = null;
  let zero = false;
  for (let i = 0; i < s.length; i++) {
    const ch = s[i] as string;
    if (ZERO.test(ch)) {
      if (pending !== null || zero || i === 0 || i === s.length - 1) return null;
      zero = true;
      continue;
    }
    const d = DIGIT[ch];
    if (d !== undefined) {
      if (pending !== null) return null; // two digits in a row: 「三三」
      pending = d;
      continue;
    }
    const u = SMALL_UNIT[ch];
    if (u === undefined || u >= lastUnit) return null;
    if (pending === null) {
      if (!(i === 0 && u === 10)) return null; // only 「十二」 may start with its unit
      pending = 1;
    }
    if (zero && u * 10 === lastUnit) return null; // 「一千零百」
    total += pending * u;
    lastUnit = u;
    pending = null;
    zero = false;
  }
  if (pending !== null) {
    // a bare last digit is the ones: after 零 (一千零五), or when nothing above it skipped (二十五); 「一百二」 is refused
    if (!zero && lastUnit !== 10 && lastUnit !== 10_000) return null;
    total += pending;
  }
  return total;
}

/**
 * A whole Chinese numeral as an exact decimal string: 「一亿二千万」 → "120000000", 「三十五」 → "35",
 * 「二点三四」 → "2.34", 「壹佰贰拾」 → "120". Null when the text is not one well-formed numeral.
 */
export function chineseNumber(text: string): string | null {
  const t = text.replace(/萬/g, '万').replace(/億/g, '亿').replace(/點/g, '点');
  if (t === '' || [...t].some((ch) => !CHINESE_NUMERAL_CHARS.includes(ch))) return null;
  const [whole = '', frac, extra] = t.split('点');
  if (extra !== undefined) return null;
  let value = new Decimal(0);
  let rest = whole;
  for (const [unit, factor] of [['亿', 100_000_000], ['万', 10_000]] as const) {
    const at = rest.indexOf(unit);
    if (at < 0) continue;
    const head = rest.slice(0, at);
    // 「一亿二千万」: the part before 万 is a section; before 亿, a number of its own below 亿 (万 allowed)
    const n = unit === '亿' ? chineseNumber(head) : head === '' ? null : section(head);
    if (n === null) return null;
    value = value.plus(new Decimal(n).times(factor));
    rest = rest.slice(at + 1);
    if (rest.startsWith('零') || rest.startsWith('〇')) rest = rest.slice(1);
  }
  if (rest.includes('亿') || rest.includes('万')) return null;
  if (/^[零〇]$/.test(whole)) {
    // 零, 零点五
  } else if (rest !== '') {
    const n = section(rest);
    if (n === null) return null;
    value = value.plus(n);
  } else if (whole === '' || whole === rest) {
    return null;
  }
  if (frac !== undefined) {
    if (frac === '' || [...frac].some((ch) => DIGIT[ch] === undefined)) return null;
    value = value.plus(new Decimal(`0.${[...frac].map((ch) => DIGIT[ch]).join('')}`));
    return value.toFixed([...frac].length);
  }
  return value.toFixed(0);
}

/** A Chinese amount of money: the figure in the unit a reviewer writes it in (「壹佰贰拾万元」 → 120万元). */
export interface ChineseAmount {
  /** The figure as it would be printed in digits: "120万元", "1005元", "1.2亿元". */
  text: string;
  value: string;
  unit: '亿元' | '万元' | '元';
}

/**
 * 「壹佰贰拾万元」 → {text: "120万元"}, 「一亿二千万元」 → "12000万元", 「三十五万元」 → "35万元", 「一千零五元」 →
 * "1005元". The unit is the one printed (万元 when the numeral ends in 万 before 元, 亿元 when in 亿). Null for
 * anything that is not one numeral followed by 元 / 万元 / 亿元.
 */
export function chineseAmount(text: string): ChineseAmount | null {
  const m = /^(.+?)(亿元|億元|万元|萬元|元)$/.exec(text);
  if (!m) return null;
  const unit = (m[2] as string).replace('億', '亿').replace('萬', '万') as ChineseAmount['unit'];
  // 「二点五亿元」: a decimal numeral of the unit printed; else the whole numeral, its 万/亿 included (「一亿二千万元」)
  const decimal = /[点點]/.test(m[1] as string);
  const whole = chineseNumber(decimal ? (m[1] as string) : `${m[1]}${unit === '元' ? '' : unit.slice(0, 1)}`);
  if (whole === null) return null;
  if (decimal) return { text: `${whole}${unit}`, value: whole, unit };
  if (whole === null) return null;
  const factor = unit === '亿元' ? 100_000_000 : unit === '万元' ? 10_000 : 1;
  const value = new Decimal(whole).div(factor);
  const shown = value.toFixed(Math.max(0, value.decimalPlaces()));
  return { text: `${shown}${unit}`, value: shown, unit };
}

/**
 * Chinese amounts in a normalized text: each run of numeral characters followed by 元 / 万元 / 亿元 that
 * reads as one numeral (not 「数百万元」, 「上千万元」, nor 「一元化」), with 万 or 亿 before its 元, or 十百千 or 点 in it (「一元」「三元」 stand for other things more often than
 * for money). Positions are in `text`.
 */
export function chineseAmounts(text: string): Array<{ at: number; end: number; amount: ChineseAmount }> {
  const out: Array<{ at: number; end: number; amount: ChineseAmount }> = [];
  const re = new RegExp(`[${CHINESE_NUMERAL_CHARS}]{1,30}(?:亿元|億元|万元|萬元|元)(?![化论制素])`, 'g');
  for (const m of text.matchAll(re)) {
    const raw = m[0];
    // 「一元」「三元」 alone name other things more often than money: a bare 元 needs 十百千 or 点 in its numeral
    if (/[^万萬亿億]元$/.test(raw) && !/[十拾百佰千仟点點]/.test(raw)) continue;
    // 「数百万元」「上千万元」: the run starts after a word that is no numeral, and reads as none (refused here)
    const amount = chineseAmount(raw);
    if (amount) out.push({ at: m.index, end: m.index + raw.length, amount });
  }
  return out;
}
