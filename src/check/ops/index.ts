/**
 * The registry of domain operations rule conditions may call (json-logic operations).
 * Each is written once, here, and unit-tested in test/ops.test.ts.
 */
import * as d from './decimal.js';
import * as t from './text.js';
import * as g from './data.js';
import * as c from './completeness.js';
import * as p from './privacy.js';
import * as s from './scoring.js';

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
  nameKey: [c.nameKey, 'printed name folded (full-width, spaces removed) for comparison'],
  category: [c.category, 'category name without its 指标/类 suffix (产出指标 → 产出)'],
  duplicates: [c.duplicates, 'later rows of a list repeating an earlier (level1, level2, name): [{index, row, first, name}]'],
  parentCategory: [c.parentCategory, 'the first-level category a second-level one belongs to under a mapping, or null'],
  hasCategory: [c.hasCategory, 'some row of a list has the given category in the given field (blank first levels inferred from a mapping)'],
  filled: [c.filled, 'how many rows of a list have the given field filled in'],
  flatten: [c.flatten, 'concatenate a list of lists'],
  cycleConflict: [c.cycleConflict, "'exceeds' | 'differs' | null comparing a whole-period value with an annual one"],
  foreignAmounts: [c.foreignAmounts, 'amount cells printed with a money unit other than the declared one: [{pointer, text, unit}]'],
  assumedPercents: [c.assumedPercents, 'rate and coefficient cells printed without % and read as percentages: [{pointer, text}]'],
  saysNone: [c.saysNone, 'a problems text says there are none (无, 暂无, 尚无…问题, 没有…问题)'],
  texts: [p.texts, 'every printed text in the submission: [{pointer, text}] with absolute pointers'],
  mobile: [p.mobile, 'the first mobile number in a text, masked, or null'],
  residentId: [p.residentId, 'the first checksum-valid resident ID number in a text, masked, or null'],
  nature: [s.nature, "'quantitative' for 定量, 'qualitative' for 定性, else null"],
  categoryWeights: [s.categoryWeights, 'indicator rows grouped by first-level category (blank first levels inferred from a mapping): [{category, weight, rows, first}]'],
  weightOf: [s.weightOf, 'the entry of one category in a categoryWeights list, or null'],
  categoryExpectations: [s.categoryExpectations, 'for each expected {name, weight} category present in the rows: {name, expected, weight, rows, first} (none unless all are present, with requireAll)'],
  quantitativeScore: [s.quantitativeScore, "the national score of a quantitative indicator from target, achieved value and weight ('ratio' or 'linear' for ≤): {score, met, formula, direction} or null"],
  measure: [s.measure, 'an indicator value read as a measurement {sign, value, unit} (unit from the unit column when none is printed), or null'],
  sameUnit: [s.sameUnit, 'two units are equal or listed in one group of interchangeable units'],
  comparable: [s.comparable, 'target and achieved value are both numbers in the same unit'],
  near: [s.near, 'the computed value lies in the printed interval, or within a tolerance of the printed value'],
  outside: [s.outside, 'a printed value lies wholly outside the closed range [lo, hi]'],
  grade: [s.grade, 'a grade word folded to 优/良/中/差, or null'],
  achievement: [s.achievement, "'done' | 'partial' | 'none' | null for a qualitative indicator, from its 达成情况 or (conservatively) its achieved value"],
};
