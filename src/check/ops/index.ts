/**
 * The registry of domain operations rule conditions may call. Each is written once (in the
 * modules below), unit-tested (test/ops*.test.ts) and declared here with its signature:
 * argument kinds, result type, whether it is a three-valued test, a zh/en one-line
 * description and an example. The compiler (src/check/compile.ts) checks every call against
 * the declaration; docs/rule-language.md is generated from it (npm run docs).
 */
import type { Localized } from '../../types.js';
import { ANY, arr, BOOL, DEC, elementOf, INTERVAL, LOCALIZED, NUM, obj, opt, STR, type Ty } from '../types.js';
import * as c from './completeness.js';
import * as g from './data.js';
import * as d from './decimal.js';
import * as p from './privacy.js';
import * as s from './scoring.js';
import { placeholder, REPORT_OPERATIONS } from './report.js';
import { REPORT_CLAIM_OPERATIONS } from './report-claims.js';
import { TARGET_OPERATIONS } from './targets.js';
import * as t from './text.js';

export type Operation = (...args: never[]) => unknown;

/**
 * What an argument must be. number: a Cell, a number or numeric text (or an interval);
 * list: a list; object: a mapping (or a list); string: a word such as a field name;
 * value: anything.
 */
export type ArgKind = 'number' | 'list' | 'object' | 'string' | 'value';

export interface OperationSpec {
  fn: Operation;
  /** Required arguments, in order. */
  args: readonly ArgKind[];
  /** Optional arguments after the required ones. */
  optional?: readonly ArgKind[];
  /** Any number of further arguments of this kind (at least one argument in all). */
  rest?: ArgKind;
  /** The result type, or how it follows from the argument types. */
  result: Ty | ((args: readonly Ty[]) => Ty);
  /** A test that may not be able to decide: null from the function means unknown. */
  truth?: boolean;
  doc: Localized;
  /** A call, as written in a rule (YAML flow style). */
  example: string;
}

const DUPLICATE = obj({ index: NUM, row: NUM, first: NUM, name: STR });
const UNKNOWN_CATEGORY = obj({ index: NUM, field: STR, label: STR });
const CATEGORY_WEIGHT = { category: STR, weight: opt(DEC), rows: NUM, first: NUM };
const HIT = obj({ pointer: STR, text: STR });
const QSCORE = obj({ score: DEC, met: BOOL, formula: STR, direction: STR, target: DEC, achieved: DEC, unit: STR });
const MEASURE = obj({ sign: STR, value: DEC, unit: STR });

const op = (spec: OperationSpec): OperationSpec => spec;

export const OPERATIONS: Readonly<Record<string, OperationSpec>> = {
  blank: op({
    fn: d.blank,
    args: ['value'],
    result: BOOL,
    doc: { zh: '值缺失或填为空（空、全角空格、/、—、无、不适用）', en: 'the value is missing or printed as blank (空, 　, /, —, 无, 不适用)' },
    example: '{blank: [{var: item.explanation}]}',
  }),
  known: op({
    fn: d.known,
    args: [],
    rest: 'value',
    result: BOOL,
    doc: { zh: '每个参数都是数值', en: 'every argument carries a number' },
    example: '{known: [{var: item.weight}, {var: item.score}]}',
  }),
  num: op({
    fn: d.num,
    args: ['value'],
    result: opt(DEC),
    doc: { zh: '精确数值；不是数值时为 null', en: 'the exact decimal value, or null' },
    example: '{num: [{var: item.rate}]}',
  }),
  plus: op({
    fn: d.plus,
    args: [],
    rest: 'number',
    result: opt(DEC),
    doc: { zh: '精确求和（有一项未知则为 null）', en: 'exact sum of the arguments (null if one is unknown)' },
    example: '{plus: [{var: item.initial}, {var: item.adjustment}]}',
  }),
  minus: op({
    fn: d.minus,
    args: ['number', 'number'],
    result: opt(DEC),
    doc: { zh: '精确相减 a − b', en: 'exact a − b' },
    example: '{minus: [{var: item.weight}, {var: item.score}]}',
  }),
  times: op({
    fn: d.times,
    args: [],
    rest: 'number',
    result: opt(DEC),
    doc: { zh: '精确相乘', en: 'exact product' },
    example: '{times: [{var: item.weight}, {var: item.coefficient}]}',
  }),
  over: op({
    fn: d.over,
    args: ['number', 'number'],
    result: opt(DEC),
    doc: { zh: '精确相除 a ÷ b（b 为 0 时为 null）', en: 'exact a ÷ b (null when b is 0)' },
    example: '{over: [{var: item.actual.total}, {var: item.adjusted.total}]}',
  }),
  least: op({
    fn: d.least,
    args: [],
    rest: 'number',
    result: opt(DEC),
    doc: { zh: '最小值', en: 'smallest argument' },
    example: '{least: [{var: rate}, 1]}',
  }),
  greatest: op({
    fn: d.greatest,
    args: [],
    rest: 'number',
    result: opt(DEC),
    doc: { zh: '最大值', en: 'largest argument' },
    example: '{greatest: [{var: item.score}, 0]}',
  }),
  lt: op({
    fn: d.lt,
    args: ['number', 'number'],
    result: BOOL,
    truth: true,
    doc: { zh: 'a < b（精确比较；有一方不是数值时为未知）', en: 'a < b, exactly (unknown when either is not a number)' },
    example: '{lt: [{var: item.score}, {var: item.weight}]}',
  }),
  lte: op({
    fn: d.lte,
    args: ['number', 'number'],
    result: BOOL,
    truth: true,
    doc: { zh: 'a ≤ b（精确比较）', en: 'a ≤ b, exactly' },
    example: '{lte: [{var: item.rate}, 1]}',
  }),
  gt: op({
    fn: d.gt,
    args: ['number', 'number'],
    result: BOOL,
    truth: true,
    doc: { zh: 'a > b（精确比较）', en: 'a > b, exactly' },
    example: '{gt: [{var: item.score}, {var: item.weight}]}',
  }),
  gte: op({
    fn: d.gte,
    args: ['number', 'number'],
    result: BOOL,
    truth: true,
    doc: { zh: 'a ≥ b（精确比较）', en: 'a ≥ b, exactly' },
    example: '{gte: [{var: root.totalScore}, 90]}',
  }),
  eq: op({
    fn: d.eq,
    args: ['number', 'number'],
    result: BOOL,
    truth: true,
    doc: { zh: 'a = b（精确比较）', en: 'a = b, exactly' },
    example: '{eq: [{var: sum}, {var: settings.indicatorTotal}]}',
  }),
  interval: op({
    fn: d.interval,
    args: ['number'],
    result: opt(INTERVAL),
    doc: { zh: '填报值按其精度代表的区间 [lo, hi)', en: 'the interval [lo, hi) a printed value stands for' },
    example: '{interval: [{var: item.rate}]}',
  }),
  consistent: op({
    fn: d.consistent,
    args: ['number', 'number'],
    result: BOOL,
    truth: true,
    doc: { zh: '计算值落在填报值按精度代表的区间内（有一方未知则为未知）', en: 'the computed value lies in the printed value’s interval (unknown if either is unknown)' },
    example: '{consistent: [{var: item.rate}, {var: computed}]}',
  }),
  overlaps: op({
    fn: d.overlaps,
    args: ['number', 'number'],
    result: BOOL,
    truth: true,
    doc: { zh: '两个值的区间有公共点', en: 'two values’ intervals share a point' },
    example: '{overlaps: [{var: root.totalScore}, {var: sum}]}',
  }),
  sumInterval: op({
    fn: d.sumInterval,
    args: ['list'],
    result: opt(INTERVAL),
    doc: { zh: '各填报值按精度相加的区间（空项按 0）', en: 'interval sum of printed parts (blank parts are 0)' },
    example: '{sumInterval: [[{var: item.initial}, {var: item.adjustment}]]}',
  }),
  total: op({
    fn: d.total,
    args: ['list'],
    result: opt(DEC),
    doc: { zh: '列表各数值的精确和（跳过空项）', en: 'exact sum of a list, skipping blanks' },
    example: '{total: [{map: [{var: root.indicators}, {var: weight}]}]}',
  }),
  countKnown: op({
    fn: d.countKnown,
    args: ['list'],
    result: NUM,
    doc: { zh: '列表中是数值的项数', en: 'how many list items carry a number' },
    example: '{countKnown: [{var: parts}]}',
  }),
  get: op({
    fn: g.get,
    args: ['object', 'string'],
    result: ANY,
    doc: { zh: '对象的某个字段（字段名本身是数据时使用；缺失为 null）', en: 'obj[key] when the field name is itself data (null when missing)' },
    example: '{get: [{var: item}, {var: identity.total}]}',
  }),
  pluck: op({
    fn: g.pluck,
    args: ['object', 'list'],
    result: arr(ANY),
    doc: { zh: '对象的若干字段值', en: 'the values of several fields of an object' },
    example: '{pluck: [{var: item}, [general, govFund]]}',
  }),
  allKnown: op({
    fn: g.allKnown,
    args: ['list'],
    result: BOOL,
    doc: { zh: '非空列表的每一项都是数值', en: 'every item of a non-empty list carries a number' },
    example: '{allKnown: [{var: parts}]}',
  }),
  completion: op({
    fn: t.completion,
    args: ['value'],
    result: opt(STR),
    doc: { zh: "完成情况：'done'（已完成）、'partial'（部分完成）、'none'（未完成）或 null", en: "'done' | 'partial' | 'none' | null for a completion claim" },
    example: '{completion: [{var: item.completion}]}',
  }),
  claimsDone: op({
    fn: t.claimsDone,
    args: ['value'],
    result: BOOL,
    doc: { zh: '句子明确声称全部完成（已完成、全部完成、均已完成、圆满完成…），而不只是报告完成了什么', en: 'the sentence explicitly claims the whole is done (已完成, 全部完成, 均已完成 …), not just what was done' },
    example: '{claimsDone: [{var: item.achieved}]}',
  }),
  firstPlaceholders: op({
    fn: (hits: unknown, patterns: unknown) => t.firstPlaceholders(hits, (text) => placeholder(text, patterns)),
    args: ['list', 'list'],
    result: arr(obj({ pointer: STR, found: STR, others: NUM, more: LOCALIZED })),
    doc: {
      zh: '各段文字中留下的模板占位文字，相同的只取第一处，并计其余处数：[{pointer, found, others, more}]',
      en: 'placeholders left in the texts, each once at its first text, with how many others hold it: [{pointer, found, others, more}]',
    },
    example: '{firstPlaceholders: [{texts: [{var: root}]}, {var: options.patterns}]}',
  }),
  stepDown: op({
    fn: t.stepDown,
    args: ['string'],
    result: STR,
    doc: { zh: '严重程度降一级（error → warning → info）', en: 'one severity step down (error → warning → info)' },
    example: '{stepDown: [{var: base}]}',
  }),
  text: op({
    fn: t.text,
    args: ['value'],
    result: STR,
    doc: { zh: '填报的原文', en: 'the printed text' },
    example: '{text: [{var: item.name}]}',
  }),
  nameKey: op({
    fn: c.nameKey,
    args: ['value'],
    result: STR,
    doc: { zh: '用于比较的名称（全角转半角、去空格）', en: 'printed name folded (full-width, spaces removed) for comparison' },
    example: '{nameKey: [{var: item.name}]}',
  }),
  category: op({
    fn: c.category,
    args: ['value'],
    result: STR,
    doc: { zh: '去掉“指标”“类”后缀的类别名（产出指标 → 产出）', en: 'category name without its 指标/类 suffix (产出指标 → 产出)' },
    example: '{category: [{var: item.level1}]}',
  }),
  duplicates: op({
    fn: c.duplicates,
    args: ['list'],
    optional: ['list'],
    result: arr(DUPLICATE),
    doc: {
      zh: '列表中与前面某行（一级、二级指标和名称）重复的行：[{index, row, first, name}]',
      en: 'later rows of a list repeating an earlier (level1, level2, name): [{index, row, first, name}]',
    },
    example: '{duplicates: [{var: item.indicators}, [level1, level2, name]]}',
  }),
  unknownCategories: op({
    fn: c.unknownCategories,
    args: ['list', 'object'],
    optional: ['list', 'object'],
    result: arr(UNKNOWN_CATEGORY),
    doc: {
      zh: '表中不属于指标体系的类别名称（既非一级也非二级指标），每个只取首次出现：[{index, field, label}]',
      en: 'category labels of a table that are no category of the hierarchy (neither level), each at its first row: [{index, field, label}]',
    },
    example: '{unknownCategories: [{var: item.indicators}, {var: settings.hierarchy}]}',
  }),
  parentCategory: op({
    fn: c.parentCategory,
    args: ['value', 'object'],
    result: opt(STR),
    doc: { zh: '二级指标按对应关系所属的一级指标，或 null', en: 'the first-level category a second-level one belongs to under a mapping, or null' },
    example: '{parentCategory: [{var: item.level2}, {var: settings.hierarchy}]}',
  }),
  hasCategory: op({
    fn: c.hasCategory,
    args: ['list', 'string', 'value'],
    optional: ['object'],
    result: BOOL,
    doc: {
      zh: '列表中有某行的某一级别属于给定类别（一级指标为空时按对应关系推断）',
      en: 'some row of a list has the given category in the given field (blank first levels inferred from a mapping)',
    },
    example: '{hasCategory: [{var: root.indicators}, level1, 产出, {var: settings.hierarchy}]}',
  }),
  hasColumn: op({
    fn: c.hasColumn,
    args: ['list', 'string'],
    result: BOOL,
    doc: { zh: '表格有该栏：列表中某行有此字段（已填或空白）', en: 'the table has the column: some row of the list carries the field, filled in or blank' },
    example: '{hasColumn: [{var: rows}, explanation]}',
  }),
  complete: op({
    fn: c.complete,
    args: ['value'],
    result: BOOL,
    doc: { zh: '表格完整：读表时没有因文件截止而标为不完整（incomplete）', en: 'the table is whole: the reader did not mark it incomplete (a text that stops mid-table)' },
    example: '{complete: [{var: root}]}',
  }),
  filled: op({
    fn: c.filled,
    args: ['list', 'string'],
    result: NUM,
    doc: { zh: '列表中某字段已填写的行数', en: 'how many rows of a list have the given field filled in' },
    example: '{filled: [{var: root.indicators}, level1]}',
  }),
  flatten: op({
    fn: c.flatten,
    args: ['list'],
    result: (a) => arr(elementOf(elementOf(a[0] ?? ANY))),
    doc: { zh: '把若干列表连成一个列表', en: 'concatenate a list of lists' },
    example: '{flatten: [[{var: root.indicators}, {var: root.yearlyGoals}]]}',
  }),
  cycleConflict: op({
    fn: c.cycleConflict,
    args: ['value', 'value'],
    result: opt(STR),
    doc: {
      zh: "比较实施周期值与年度值：'exceeds'（年度值更大）、'differs'（比率不同）或 null",
      en: "'exceeds' | 'differs' | null comparing a whole-period value with an annual one",
    },
    example: '{cycleConflict: [{var: item.cycleValue}, {var: item.annualValue}]}',
  }),
  foreignAmounts: op({
    fn: c.foreignAmounts,
    args: ['object', 'value'],
    result: arr(obj({ pointer: STR, text: STR, unit: STR })),
    doc: {
      zh: '自带金额单位且与声明单位不同的金额：[{pointer, text, unit}]',
      en: 'amount cells printed with a money unit other than the declared one: [{pointer, text, unit}]',
    },
    example: '{foreignAmounts: [{var: root}, {var: root.moneyUnit}]}',
  }),
  assumedPercents: op({
    fn: c.assumedPercents,
    args: ['object'],
    result: arr(HIT),
    doc: { zh: '未带 % 而按百分数读取的比率和系数：[{pointer, text}]', en: 'rate and coefficient cells printed without % and read as percentages: [{pointer, text}]' },
    example: '{assumedPercents: [{var: root}]}',
  }),
  bareRateTargets: op({
    fn: c.bareRateTargets,
    args: ['object'],
    result: arr(HIT),
    doc: { zh: '比率类指标（名称含“率”）的年度指标值只写了 1–100 的数字，无 % 也无度量单位：[{pointer, text}]', en: 'targets of rate indicators (名称含 率) printed as a bare number 1–100 with no % and no unit: [{pointer, text}]' },
    example: '{bareRateTargets: [{var: root}]}',
  }),
  saysNone: op({
    fn: c.saysNone,
    args: ['value'],
    result: BOOL,
    doc: { zh: '“存在的问题”声称没有问题（无、暂无、尚无…问题、没有…问题）', en: 'a problems text says there are none (无, 暂无, 尚无…问题, 没有…问题)' },
    example: '{saysNone: [{var: root.problems}]}',
  }),
  texts: op({
    fn: p.texts,
    args: ['object'],
    result: arr(HIT),
    doc: { zh: '提交件中的每段文字：[{pointer, text}]（绝对指针）', en: 'every printed text in the submission: [{pointer, text}] with absolute pointers' },
    example: '{texts: [{var: root}]}',
  }),
  mobile: op({
    fn: p.mobile,
    args: ['value'],
    result: opt(STR),
    doc: { zh: '文字中的第一个手机号码（打码），或 null', en: 'the first mobile number in a text, masked, or null' },
    example: '{mobile: [{var: hit.text}]}',
  }),
  residentId: op({
    fn: p.residentId,
    args: ['value'],
    result: opt(STR),
    doc: { zh: '文字中第一个校验通过的身份证号码（打码），或 null', en: 'the first checksum-valid resident ID number in a text, masked, or null' },
    example: '{residentId: [{var: hit.text}]}',
  }),
  nature: op({
    fn: s.nature,
    args: ['value'],
    result: opt(STR),
    doc: { zh: "指标性质：'quantitative'（定量）、'qualitative'（定性）或 null", en: "'quantitative' for 定量, 'qualitative' for 定性, else null" },
    example: '{nature: [{var: item.nature}]}',
  }),
  categoryWeights: op({
    fn: s.categoryWeights,
    args: ['list'],
    optional: ['object'],
    result: arr(obj(CATEGORY_WEIGHT)),
    doc: {
      zh: '按一级指标分组的权重合计（一级指标为空时按对应关系推断）：[{category, weight, rows, first}]',
      en: 'indicator rows grouped by first-level category (blank first levels inferred from a mapping): [{category, weight, rows, first}]',
    },
    example: '{categoryWeights: [{var: root.indicators}, {var: settings.hierarchy}]}',
  }),
  weightOf: op({
    fn: s.weightOf,
    args: ['list', 'value'],
    result: opt(obj(CATEGORY_WEIGHT)),
    doc: { zh: 'categoryWeights 结果中某一类别的一项，或 null', en: 'the entry of one category in a categoryWeights list, or null' },
    example: '{weightOf: [{var: groups}, 产出]}',
  }),
  categoryExpectations: op({
    fn: s.categoryExpectations,
    args: ['list', 'list'],
    optional: ['object', 'value'],
    result: arr(obj({ ...CATEGORY_WEIGHT, name: STR, expected: opt(DEC) })),
    doc: {
      zh: '对每个出现的 {name, weight} 类别给出实际与应有权重：{name, expected, weight, rows, first}（requireAll 时须全部出现）',
      en: 'for each expected {name, weight} category present in the rows: {name, expected, weight, rows, first} (none unless all are present, with requireAll)',
    },
    example: '{categoryExpectations: [{var: item}, {var: settings.categoryWeights}, {var: settings.hierarchy}, true]}',
  }),
  quantitativeScore: op({
    fn: s.quantitativeScore,
    args: ['value', 'value', 'number'],
    optional: ['string', 'value'],
    result: opt(QSCORE),
    doc: {
      zh: '定量指标按全国口径应得的分数（目标值、实际完成值、权重；≤ 类可选 ratio 或 linear）：{score, met, formula, direction, target, achieved, unit} 或 null',
      en: "the national score of a quantitative indicator from target, achieved value and weight ('ratio' or 'linear' for ≤): {score, met, formula, direction, target, achieved, unit} or null",
    },
    example: '{quantitativeScore: [{var: item.target}, {var: item.actual}, {var: item.weight}, ratio, {var: item.unit}]}',
  }),
  measure: op({
    fn: s.measure,
    args: ['value'],
    optional: ['value'],
    result: opt(MEASURE),
    doc: {
      zh: '把指标值读作计量值 {sign, value, unit}（未写单位时取计量单位栏），或 null',
      en: 'an indicator value read as a measurement {sign, value, unit} (unit from the unit column when none is printed), or null',
    },
    example: '{measure: [{var: item.target}, {var: item.unit}]}',
  }),
  sameUnit: op({
    fn: s.sameUnit,
    args: ['value', 'value'],
    optional: ['list'],
    result: BOOL,
    truth: true,
    doc: { zh: '两个单位相同或属于同一组可互换单位', en: 'two units are equal or listed in one group of interchangeable units' },
    example: '{sameUnit: [{var: t.unit}, {var: a.unit}, [[人, 名, 位]]]}',
  }),
  comparable: op({
    fn: s.comparable,
    args: ['value', 'value'],
    optional: ['value'],
    result: BOOL,
    doc: { zh: '指标值与实际完成值都是同一单位的数值', en: 'target and achieved value are both numbers in the same unit' },
    example: '{comparable: [{var: item.target}, {var: item.actual}, {var: item.unit}]}',
  }),
  near: op({
    fn: s.near,
    args: ['number', 'number'],
    optional: ['number'],
    result: BOOL,
    truth: true,
    doc: { zh: '计算值落在填报值的区间内，或与填报值相差不超过容差', en: 'the computed value lies in the printed interval, or within a tolerance of the printed value' },
    example: '{near: [{var: item.score}, {var: q.score}, 0.5]}',
  }),
  outside: op({
    fn: s.outside,
    args: ['number', 'number', 'number'],
    result: BOOL,
    truth: true,
    doc: { zh: '填报值（连同其精度区间）完全落在闭区间 [lo, hi] 之外', en: 'a printed value lies wholly outside the closed range [lo, hi]' },
    example: '{outside: [{var: item.score}, {var: lo}, {var: hi}]}',
  }),
  grade: op({
    fn: s.grade,
    args: ['value'],
    result: opt(STR),
    doc: { zh: '等级词归为 优/良/中/差，或 null', en: 'a grade word folded to 优/良/中/差, or null' },
    example: '{grade: [{var: root.grade}]}',
  }),
  achievement: op({
    fn: s.achievement,
    args: ['value', 'value'],
    optional: ['value'],
    result: opt(STR),
    doc: {
      zh: "定性指标的达成情况：'done' | 'partial' | 'none' | null（取达成情况栏，否则保守地读实际完成值）",
      en: "'done' | 'partial' | 'none' | null for a qualitative indicator, from its 达成情况 or (conservatively) its achieved value",
    },
    example: '{achievement: [{var: item.achievement}, {var: item.actual}, {var: item.target}]}',
  }),
  // narrative reports and template leftovers (src/check/ops/report.ts)
  ...REPORT_OPERATIONS,
  // what reports say in words: values written as sentences, problems without measures (src/check/ops/report-claims.ts)
  ...REPORT_CLAIM_OPERATIONS,
  // approved targets vs self-evaluation (src/check/ops/targets.ts)
  ...TARGET_OPERATIONS,
};

/** The result type of a call, given its argument types. */
export function resultType(spec: OperationSpec, args: readonly Ty[]): Ty {
  return typeof spec.result === 'function' ? spec.result(args) : spec.result;
}

