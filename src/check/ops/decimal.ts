/**
 * Exact decimal arithmetic and rounding-aware comparison for rule conditions.
 * Every function is total: a missing, blank or invalid operand gives null, never NaN; for a
 * comparison null means "cannot decide" (unknown to the rule engine).
 */
import { Decimal } from 'decimal.js';
import { Cell, decimalOfNumber, parseNumber } from '../../normalize/value.js';

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
