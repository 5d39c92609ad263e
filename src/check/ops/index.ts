/**
 * The registry of domain operations rule conditions may call (json-logic operations).
 * Each is written once, here, and unit-tested in test/ops.test.ts.
 */
import * as d from './decimal.js';
import * as t from './text.js';
import * as g from './data.js';

export type Operation = (...args: never[]) => unknown;

/** name → [function, one-line description for the docs]. */
export const OPERATIONS: Record<string, [Operation, string]> = {
  blank: [d.blank, 'true when the value is missing or printed as blank (空, 　, /, —, 无, 不适用)'],
  known: [d.known, 'true when every argument carries a number'],
  num: [d.num, 'the exact decimal value, or null'],
  plus: [d.plus, 'exact sum of the arguments (null if one is unknown)'],
  minus: [d.minus, 'exact a − b'],
  times: [d.times, 'exact product'],
  over: [d.over, 'exact a ÷ b (null when b is 0)'],
  least: [d.least, 'smallest argument'],
  greatest: [d.greatest, 'largest argument'],
  lt: [d.lt, 'a < b, exactly (false when either is unknown)'],
  lte: [d.lte, 'a ≤ b'],
  gt: [d.gt, 'a > b'],
  gte: [d.gte, 'a ≥ b'],
  eq: [d.eq, 'a = b'],
  interval: [d.interval, 'the interval [lo, hi) a printed value stands for'],
  consistent: [d.consistent, 'the computed value lies in the printed value’s interval (null if unknown)'],
  overlaps: [d.overlaps, 'two values’ intervals share a point'],
  sumInterval: [d.sumInterval, 'interval sum of printed parts (blank parts are 0)'],
  total: [d.total, 'exact sum of a list, skipping blanks'],
  countKnown: [d.countKnown, 'how many list items carry a number'],
  get: [g.get, 'obj[key] (null when missing)'],
  pluck: [g.pluck, 'the values of several fields of an object'],
  allKnown: [g.allKnown, 'every item of a non-empty list carries a number'],
  completion: [t.completion, "'done' | 'partial' | 'none' | null for a completion claim"],
  stepDown: [t.stepDown, 'one severity step down'],
  text: [t.text, 'the printed text'],
};
