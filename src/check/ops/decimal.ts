/**
 * Exact decimal arithmetic and rounding-aware comparison for rule conditions.
 * Every function is total: a missing, blank or invalid operand gives null, never NaN; for a
 * comparison null means "cannot decide" (unknown to the rule engine).
 */
import { Decimal } from 'decimal.js';
import { Cell, decimalOfNumber, parseNumber } from '../../normalize/value.js';
import { printedDecimals } from '../../normalize/precision.js';

/** A printed figure stands for [lo, hi): half a unit of its last digit either side. */
export interface Interval {
  lo: Decimal;
  hi: Decimal;
}

export function isInterval(x: unknown): x is Interval {
  return typeof x === 'object' && x !== null && (x as Interval).lo instanceof Decimal && (x as Interval).hi instanceof Decimal;
}

/** The exact value of a Cell, Decimal, number or numeric string; null when there is none. */
export function num(x: unknown): Decimal | null {
  if (x instanceof Decimal) return x;
  if (x instanceof Cell) return x.value;
  if (typeof x === 'number') return Number.isFinite(x) ? decimalOfNumber(x) : null;
  if (typeof x === 'string') return parseNumber(x)?.value ?? null;
  return null;
}

export function blank(x: unknown): boolean {
  if (x === null || x === undefined) return true;
  if (x instanceof Cell) return x.blank;
  if (typeof x === 'string') return x.trim() === '';
  return false;
}

/** All operands carry a number. */
export function known(...xs: unknown[]): boolean {
  return xs.every((x) => num(x) !== null);
}

function all(xs: unknown[]): Decimal[] | null {
  const out: Decimal[] = [];
  for (const x of xs) {
    const d = num(x);
    if (d === null) return null;
    out.push(d);
  }
  return out;
}

export function plus(...xs: unknown[]): Decimal | null {
  const ds = all(xs);
  return ds ? ds.reduce((a, b) => a.plus(b), new Decimal(0)) : null;
}

export function minus(a: unknown, b: unknown): Decimal | null {
  const ds = all([a, b]);
  return ds ? (ds[0] as Decimal).minus(ds[1] as Decimal) : null;
}

export function times(...xs: unknown[]): Decimal | null {
  const ds = all(xs);
  return ds ? ds.reduce((a, b) => a.times(b), new Decimal(1)) : null;
}

/** a ÷ b; null when b is zero. */
export function over(a: unknown, b: unknown): Decimal | null {
  const ds = all([a, b]);
  if (!ds || (ds[1] as Decimal).isZero()) return null;
  return (ds[0] as Decimal).div(ds[1] as Decimal);
}

export function least(...xs: unknown[]): Decimal | null {
  const ds = all(xs);
  return ds && ds.length ? Decimal.min(...ds) : null;
}

export function greatest(...xs: unknown[]): Decimal | null {
  const ds = all(xs);
  return ds && ds.length ? Decimal.max(...ds) : null;
}

function compare(a: unknown, b: unknown): number | null {
  const ds = all([a, b]);
  return ds ? (ds[0] as Decimal).comparedTo(ds[1] as Decimal) : null;
}

/** null when either operand carries no number: the comparison cannot be decided (unknown). */
function cmp(a: unknown, b: unknown, test: (c: number) => boolean): boolean | null {
  const c = compare(a, b);
  return c === null ? null : test(c);
}

export const lt = (a: unknown, b: unknown) => cmp(a, b, (c) => c < 0);
export const lte = (a: unknown, b: unknown) => cmp(a, b, (c) => c <= 0);
export const gt = (a: unknown, b: unknown) => cmp(a, b, (c) => c > 0);
export const gte = (a: unknown, b: unknown) => cmp(a, b, (c) => c >= 0);
export const eq = (a: unknown, b: unknown) => cmp(a, b, (c) => c === 0);

/** The interval a value stands for: a printed Cell ±half a unit; an exact number is a point. */
export function interval(x: unknown): Interval | null {
  if (isInterval(x)) return x;
  if (x instanceof Cell) {
    if (x.value === null) return null;
    const h = x.half ?? new Decimal(0);
    return { lo: x.value.minus(h), hi: x.value.plus(h) };
  }
  const d = num(x);
  return d === null ? null : { lo: d, hi: d };
}

/** Does the computed value fall inside the printed value's interval [lo, hi)? null if either is unknown. */
export function consistent(printed: unknown, computed: unknown): boolean | null {
  const p = interval(printed);
  const c = num(computed);
  if (!p || c === null) return null;
  return contains(p, c);
}

function contains(i: Interval, d: Decimal): boolean {
  if (i.lo.eq(i.hi)) return d.eq(i.lo);
  return d.gte(i.lo) && d.lt(i.hi);
}

/** Do two intervals share a point? Half-open [lo, hi), a point interval is [p, p]. */
export function overlaps(a: unknown, b: unknown): boolean | null {
  const x = interval(a);
  const y = interval(b);
  if (!x || !y) return null;
  if (x.lo.eq(x.hi)) return contains(y, x.lo);
  if (y.lo.eq(y.hi)) return contains(x, y.lo);
  return Decimal.max(x.lo, y.lo).lt(Decimal.min(x.hi, y.hi));
}

/** The interval of a sum of printed parts (XBRL Calculations 1.1). Blank parts count as exact zero;
 * null when a part is present but not a number. */
export function sumInterval(parts: unknown): Interval | null {
  if (!Array.isArray(parts)) return null;
  let lo = new Decimal(0);
  let hi = new Decimal(0);
  for (const p of parts) {
    if (blank(p)) continue;
    const i = interval(p);
    if (!i) return null;
    lo = lo.plus(i.lo);
    hi = hi.plus(i.hi);
  }
  return { lo, hi };
}

/** Exact sum of the numbers in a list, skipping blanks; null when a present part is not a number. */
export function total(parts: unknown): Decimal | null {
  if (!Array.isArray(parts)) return null;
  let sum = new Decimal(0);
  for (const p of parts) {
    if (blank(p)) continue;
    const d = num(p);
    if (d === null) return null;
    sum = sum.plus(d);
  }
  return sum;
}

/** How many list items carry a number. */
export function countKnown(parts: unknown): number {
  return Array.isArray(parts) ? parts.filter((p) => num(p) !== null).length : 0;
}

// ---------- numbers as a person reads them (message templates) ----------

/** Decimals a value needs to be written exactly (7.5 → 1, 10 → 0); Infinity for 1/3. */
function exactDecimals(d: Decimal): number {
  const dp = d.decimalPlaces();
  return dp > 20 ? Infinity : dp;
}

/**
 * A recomputed value as a suggestion: exact when it needs at most `max(printed, 2)` decimals
 * (10 × 75% → 「7.5」, not the 「8」 an integer score would round it to), else rounded to that
 * many. `printed` is the number of decimals (and % scale) of the figure it replaces.
 */
export function suggested(value: Decimal, printed: number, percent: boolean): string {
  const shown = percent ? value.times(100) : value;
  const places = Math.max(printed, 2);
  const need = exactDecimals(shown);
  const text = need <= places ? shown.toFixed(Math.max(printed, need)) : shown.toFixed(places, Decimal.ROUND_HALF_UP);
  return percent ? `${text}%` : text;
}

/** The sum of printed figures (the middle of the interval they stand for), exactly. */
export function middle(i: Interval): Decimal {
  return i.lo.plus(i.hi).div(2);
}

/**
 * A sum of printed parts in words: the sum as printed figures add up, and the span their rounding
 * allows only when it matters — when the figure it is compared with (`against`) misses the sum by
 * no more than the span's width (「约 110（按填报的位数，可能在 105 至 115 之间）」). A sum without
 * rounding (every part exact) is just the number.
 */
export function sumInWords(i: Interval, lang: 'zh' | 'en', against?: unknown): string {
  const mid = middle(i).toFixed();
  if (i.lo.eq(i.hi)) return mid;
  const width = i.hi.minus(i.lo);
  const other = num(against);
  if (other !== null && other.minus(middle(i)).abs().gt(width)) return mid;
  return lang === 'zh'
    ? `约 ${mid}（按填报的位数，可能在 ${i.lo.toFixed()} 至 ${i.hi.toFixed()} 之间）`
    : `about ${mid} (at the printed digits, between ${i.lo.toFixed()} and ${i.hi.toFixed()})`;
}

/**
 * `{expected|as:item.score}`: a recomputed value as the suggestion for the printed cell `like`
 * (its decimals and % scale; see suggested()); undefined when either is not a number.
 */
export function suggestedLike(value: unknown, like: unknown): string | undefined {
  const d = num(value);
  if (d === null || !(like instanceof Cell)) return undefined;
  const printed = printedDecimals(like);
  if (printed === null) return undefined;
  const percent = (like.kind === 'rate' || like.kind === 'coefficient') && (like.percent || like.assumedPercent);
  return suggested(d, printed, percent);
}
