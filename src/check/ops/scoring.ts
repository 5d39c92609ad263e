/**
 * Scoring operations: indicator nature, first-level category weights, the national formula for
 * quantitative indicators, the achievement of qualitative ones, grade words, and band tests.
 * All arithmetic is decimal; options arrive as JSON numbers and are read with num().
 */
import { Decimal } from 'decimal.js';
import { Cell, fold, isBlankText, type Completion, type Target } from '../../normalize/value.js';
import { category, parentCategory } from './completeness.js';
import { interval, num } from './decimal.js';
import { completion, text } from './text.js';

/** 'quantitative' for 定量, 'qualitative' for 定性 (in the 指标性质 column), else null. */
export function nature(x: unknown): 'quantitative' | 'qualitative' | null {
  const t = fold(text(x));
  if (/定量/.test(t) && !/定性/.test(t)) return 'quantitative';
  if (/定性/.test(t) && !/定量/.test(t)) return 'qualitative';
  return null;
}

export interface CategoryWeight {
  /** The first-level category without its 指标 suffix: 产出, 效益, 满意度, … */
  category: string;
  /** Exact sum of the rows' weights; null when a row of the category has no numeric weight. */
  weight: Decimal | null;
  /** How many rows the category has. */
  rows: number;
  /** 0-based index of its first row. */
  first: number;
}

/**
 * Group indicator rows by first-level category (产出指标 / 产出 → 产出) and add up their weights
 * exactly (weights are allotted points, not rounded measurements). A row whose first level is
 * blank is counted under the category its second level implies (`mapping`: 数量 → 产出, …);
 * rows with no category are left out. Categories come in order of first appearance.
 */
export function categoryWeights(list: unknown, mapping?: unknown): CategoryWeight[] {
  if (!Array.isArray(list)) return [];
  const groups = new Map<string, CategoryWeight>();
  list.forEach((r, i) => {
    if (r === null || typeof r !== 'object') return;
    const row = r as Record<string, unknown>;
    const own = isBlankText(text(row.level1)) ? '' : category(row.level1);
    const cat = own !== '' ? own : parentCategory(row.level2, mapping);
    if (!cat) return;
    let g = groups.get(cat);
    if (!g) {
      g = { category: cat, weight: new Decimal(0), rows: 0, first: i };
      groups.set(cat, g);
    }
    g.rows += 1;
    const w = num(row.weight);
    g.weight = g.weight === null || w === null ? null : g.weight.plus(w);
  });
  return [...groups.values()];
}

/** The weight of one category in a categoryWeights() list (by name, 产出指标 = 产出), or null. */
export function weightOf(groups: unknown, name: unknown): CategoryWeight | null {
  if (!Array.isArray(groups)) return null;
  const want = category(name);
  return (groups as CategoryWeight[]).find((g) => g && g.category === want) ?? null;
}

export interface CategoryExpectation extends CategoryWeight {
  /** The category as named in the option (产出). */
  name: string;
  /** The weight the option expects it to carry. */
  expected: Decimal | null;
}

/**
 * For each category listed in `expected` ([{name, weight}]) that the indicator rows contain, its
 * weight and the expected one. With `requireAll`, nothing unless every listed category is present
 * (a unit may move the weight of an absent category elsewhere).
 */
export function categoryExpectations(list: unknown, expected: unknown, mapping?: unknown, requireAll?: unknown): CategoryExpectation[] {
  if (!Array.isArray(expected)) return [];
  const groups = categoryWeights(list, mapping);
  const out: CategoryExpectation[] = [];
  for (const e of expected) {
    if (e === null || typeof e !== 'object') continue;
    const { name, weight } = e as { name?: unknown; weight?: unknown };
    const g = weightOf(groups, name);
    if (!g) {
      if (requireAll) return [];
      continue;
    }
    out.push({ ...g, name: text(name), expected: num(weight) });
  }
  return out;
}

export interface QuantitativeScore {
  /** The score the formula gives (exact). */
  score: Decimal;
  /** The target is met: full weight. */
  met: boolean;
  /** Which formula: 'met', 'higher' (achieved ÷ target), 'lower' (target ÷ achieved), 'linear' (zero at twice the target). */
  formula: 'met' | 'higher' | 'lower' | 'linear';
  /** Direction of the target: 'higher' for ≥ > = (more is better), 'lower' for ≤ <. */
  direction: 'higher' | 'lower';
  /** The target and achieved numbers on their printed scale (95 for "≥95%"), and their unit. */
  target: Decimal;
  achieved: Decimal;
  unit: string;
}

const MONEY = /^(元|万元|亿元|千元)/;

/** The unit printed in a row's 计量单位 column, folded and without spaces ('' when blank). */
function unitOfColumn(x: unknown): string {
  return isBlankText(text(x)) ? '' : fold(text(x)).replace(/\s+/g, '');
}

/** A target or achieved value as a number on the percent scale it was printed on, with its unit. */
function reading(x: unknown, unitColumn: string): { t: Target; value: Decimal; unit: string } | null {
  if (!(x instanceof Cell) || !x.target) return null;
  const t = x.target;
  // parseTarget keeps "96%" as 0.96: put percentages back on the printed scale, so that "96" in a
  // row whose unit column says % compares with "≥95%".
  const value = t.percent ? t.value.times(100) : t.value;
  const unit = t.unit !== '' ? t.unit : unitColumn;
  return { t, value, unit };
}

/**
 * The score the national rules give a quantitative indicator (财预〔2020〕10号): target met → the
 * full weight; not met → achieved ÷ target × weight for "≥"/">" (and a bare value, read as "at
 * least"; but not a bare amount of money, which may be a ceiling), target ÷ achieved × weight for "≤"/"<" — or, with method 'linear', full at the target
 * falling to zero at twice the target. Null when the two values are not comparable numbers with
 * the same unit, or a value is negative, or the formula would divide by zero.
 */
export function quantitativeScore(target: unknown, actual: unknown, weight: unknown, method?: unknown, unitColumn?: unknown): QuantitativeScore | null {
  const column = unitOfColumn(unitColumn);
  const tg = reading(target, column);
  const ac = reading(actual, column);
  const w = num(weight);
  if (!tg || !ac || w === null || w.isNegative()) return null;
  // a unit printed in the target applies to a bare achieved number (「≥50个」 and 「50」)
  if (ac.unit === '') ac.unit = tg.unit;
  if (tg.unit !== ac.unit) return null;
  if (ac.t.sign !== '=') return null; // an achieved value printed as "≥95%" is not a measurement
  if (tg.value.isNegative() || ac.value.isNegative()) return null;
  // A bare amount ("500元") may be a ceiling (cost) or a floor: too ambiguous to score.
  if (tg.t.sign === '=' && MONEY.test(tg.unit)) return null;
  const direction = tg.t.sign === '<=' || tg.t.sign === '<' ? 'lower' : 'higher';
  const a = ac.value;
  const g = tg.value;
  const base = { direction, target: g, achieved: a, unit: tg.unit } as const;
  const met =
    tg.t.sign === '>' ? a.gt(g) : tg.t.sign === '<' ? a.lt(g) : direction === 'lower' ? a.lte(g) : a.gte(g);
  // A strict sign missed only by equality is met to the full ratio: same score as met.
  if (met || a.eq(g)) return { score: w, met: true, formula: 'met', ...base };
  if (direction === 'higher') {
    if (g.isZero()) return null;
    return { score: w.times(a).div(g), met: false, formula: 'higher', ...base };
  }
  if (method === 'linear') {
    if (g.isZero()) return null;
    const f = Decimal.max(0, new Decimal(2).times(g).minus(a).div(g));
    return { score: w.times(f), met: false, formula: 'linear', ...base };
  }
  if (a.isZero()) return null;
  return { score: w.times(g).div(a), met: false, formula: 'lower', ...base };
}

export interface Measure {
  /** The comparison printed before the number ('=' when none). */
  sign: Target['sign'];
  /** The number on its printed scale (95 for "95%"). */
  value: Decimal;
  /** Its unit: printed after the number, else the row's unit column; '' when neither. */
  unit: string;
}

/** An indicator value read as a measurement ("≥95%", "8次", or "8" in a row whose unit column says 次), or null. */
export function measure(x: unknown, unitColumn?: unknown): Measure | null {
  const column = unitOfColumn(unitColumn);
  const r = reading(x, column);
  return r ? { sign: r.t.sign, value: r.value, unit: r.unit } : null;
}

/**
 * Two units name the same thing: equal, or listed together in one of `groups` (e.g. [人, 名, 位]:
 * counting classifiers that differ only in wording). Null when a unit is not a string.
 */
export function sameUnit(a: unknown, b: unknown, groups?: unknown): boolean | null {
  if (typeof a !== 'string' || typeof b !== 'string') return null;
  if (a === b) return true;
  if (!Array.isArray(groups)) return false;
  return groups.some((g) => Array.isArray(g) && g.includes(a) && g.includes(b));
}

/** Both values of an indicator parse as plain numbers (no grade words) in the same unit. */
export function comparable(target: unknown, actual: unknown, unitColumn?: unknown): boolean {
  const column = unitOfColumn(unitColumn);
  const tg = reading(target, column);
  const ac = reading(actual, column);
  // a unit printed in the target applies to a bare achieved number
  return !!tg && !!ac && (tg.unit === ac.unit || ac.unit === '');
}

/** The printed value agrees with the computed one: within its printed interval, or within `tolerance`. */
export function near(printed: unknown, computed: unknown, tolerance?: unknown): boolean | null {
  const p = interval(printed);
  const c = num(computed);
  if (!p || c === null) return null;
  if (p.lo.eq(p.hi) ? c.eq(p.lo) : c.gte(p.lo) && c.lt(p.hi)) return true;
  const tol = num(tolerance);
  if (tol === null || tol.lte(0)) return false;
  const v = num(printed) as Decimal;
  return v.minus(c).abs().lte(tol);
}

/**
 * The printed value lies wholly outside the closed range [lo, hi]: even the ends of its printed
 * interval miss it. Null when anything is unknown.
 */
export function outside(printed: unknown, lo: unknown, hi: unknown): boolean | null {
  const p = interval(printed);
  const l = num(lo);
  const h = num(hi);
  if (!p || l === null || h === null) return null;
  if (p.lo.eq(p.hi)) return p.lo.lt(l) || p.lo.gt(h);
  return !(p.lo.lte(h) && p.hi.gt(l));
}

const GRADES: Array<[RegExp, string]> = [
  [/^(优|优秀)$/, '优'],
  [/^(良|良好)$/, '良'],
  [/^(中|中等)$/, '中'],
  [/^(差|较差)$/, '差'],
];

/** A grade word folded to 优 / 良 / 中 / 差 (优秀 → 优, 良好 → 良, 中等 → 中, 较差 → 差), else null. */
export function grade(x: unknown): string | null {
  const t = fold(text(x)).replace(/(?<![\s。.])[\s。.]+$/g, '').replace(/\s+/g, '');
  for (const [re, g] of GRADES) if (re.test(t)) return g;
  return null;
}

const RANK: Record<string, number> = { 优: 4, 良: 3, 中: 2, 差: 1 };

const DONE = /^(已?达成|已?完成|已?全部完成|已?全面完成|圆满完成|均已完成|已?实现|已?全部实现|已?达到|已?达标|达到预期(目标)?|符合预期|已?达到预期(目标)?)$/;
const PARTIAL = /^(部分达成|部分完成|基本完成|基本达成|大部分完成|部分实现|基本实现|基本达到|基本达标|部分达到)$/;
const NONE = /^(未达成|未完成|没有完成|未实现|未达到|未达标|没有达到)$/;

/**
 * The achievement of a qualitative indicator: the 达成情况 column when it says 达成 / 部分达成 /
 * 未达成, otherwise the achieved value if it is one of a few unambiguous words (达成, 完成, 基本完成,
 * 未完成, …) or a grade (优, 良 → done; 中 → partial; 差 → none). A grade below a graded target
 * (良 against 优) is left undecided. Null whenever in doubt.
 */
export function achievement(stated: unknown, actual: unknown, target?: unknown): Completion | null {
  const claimed = completion(stated);
  if (claimed) return claimed;
  if (isBlankText(text(actual))) return null;
  const t = fold(text(actual)).replace(/(?<![\s。.！!])[\s。.！!]+$/g, '').replace(/\s+/g, '');
  if (NONE.test(t)) return 'none';
  if (PARTIAL.test(t)) return 'partial';
  if (DONE.test(t)) return 'done';
  const g = grade(t);
  if (!g) return null;
  const tg = grade(target);
  if (tg) return (RANK[g] as number) >= (RANK[tg] as number) ? 'done' : null;
  return g === '优' || g === '良' ? 'done' : g === '中' ? 'partial' : 'none';
}
