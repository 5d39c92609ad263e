/**
 * Operations for narrative reports (form department-report, src/load/report.ts) and for texts
 * of every form: the same budget figure stated twice (prose, 万元 vs 元, tables), stated
 * indicator counts, near-duplicate line items, template leftovers. Registered in
 * ./index.ts (REPORT_OPERATIONS); every comparison is exact decimal arithmetic on the intervals
 * the printed figures stand for. Browser-safe.
 */
import { Decimal } from 'decimal.js';
import { Cell, moneyFactor } from '../../normalize/value.js';
import { joinPointer, type Localized } from '../../types.js';
import { categoryOf, foldLabel, HIERARCHY, level1Of } from '../../vocabulary.js';
import { arr, BOOL, LOCALIZED, NUM, obj, opt, STR } from '../types.js';
import { interval, type Interval } from './decimal.js';
import type { OperationSpec } from './index.js';

// ---------- the same figure stated twice ----------

const SUBJECTS = ['total', 'basic', 'project', 'personnel', 'publicUse'] as const;
const MEASURES = ['initial', 'adjustment', 'adjusted', 'actual', 'rate'] as const;
type Subject = (typeof SUBJECTS)[number];
type Measure = (typeof MEASURES)[number];

const SUBJECT_NAME: Record<Subject, Localized> = {
  total: { zh: '部门', en: 'Department' },
  basic: { zh: '基本支出', en: 'Basic spending' },
  project: { zh: '项目支出', en: 'Project spending' },
  personnel: { zh: '人员经费', en: 'Staff costs' },
  publicUse: { zh: '公用经费', en: 'Office costs' },
};
const MEASURE_NAME: Record<Measure, Localized> = {
  initial: { zh: '年初预算', en: 'initial budget' },
  adjustment: { zh: '预算调整数', en: 'budget adjustment' },
  adjusted: { zh: '调整后预算', en: 'adjusted budget' },
  actual: { zh: '实际支出', en: 'actual spending' },
  rate: { zh: '预算执行率', en: 'execution rate' },
};


type Rec = Record<string, unknown>;
const isRec = (x: unknown): x is Rec => typeof x === 'object' && x !== null && !Array.isArray(x) && !(x instanceof Cell);

interface Statement {
  pointer: string;
  cell: Cell;
  iv: Interval;
  /** The unit it was printed in (its own, or its table's). */
  unit: string;
  /** Where it is, in words: 「表格「基本支出合计」」, 「正文」. */
  where: Localized;
  /** A rate printed as a lower bound (「大于95%」). */
  above?: boolean;
}

/** A printed amount as an interval in the submission's money unit: printed without a unit, it is in `unit` (a table's 单位). */
function amountInterval(cell: Cell, unit: string | undefined, rootUnit: string): Interval | null {
  const iv = interval(cell);
  if (!iv) return null;
  if (cell.unit !== '' || unit === undefined || unit === rootUnit) return iv;
  const to = moneyFactor(rootUnit);
  const f = to ? moneyFactor(unit)?.div(to) : undefined;
  return f ? { lo: iv.lo.times(f), hi: iv.hi.times(f) } : iv;
}

function statement(pointer: string, value: unknown, measure: Measure, unit: string | undefined, rootUnit: string, where: Localized, above = false): Statement | null {
  if (!(value instanceof Cell) || value.blank || value.value === null) return null;
  const iv0 = measure === 'rate' ? interval(value) : amountInterval(value, unit, rootUnit);
  // a rate printed as a lower bound (「大于95%」): anything from the figure up
  const iv = iv0 && above ? { lo: iv0.lo, hi: new Decimal(Number.MAX_SAFE_INTEGER) } : iv0;
  const printedIn = value.unit !== '' ? value.unit : (unit ?? rootUnit);
  return iv ? { pointer, cell: value, iv, where, unit: printedIn, ...(above ? { above } : {}) } : null;
}

function overlap(a: Interval, b: Interval): boolean {
  const point = (i: Interval) => i.lo.eq(i.hi);
  if (point(a) && point(b)) return a.lo.eq(b.lo);
  if (point(a)) return a.lo.gte(b.lo) && a.lo.lt(b.hi);
  if (point(b)) return b.lo.gte(a.lo) && b.lo.lt(a.hi);
  return Decimal.max(a.lo, b.lo).lt(Decimal.min(a.hi, b.hi));
}

/** 15389810.18 → "15,389,810.18". */
function fmt(d: Decimal): string {
  const [int = '', frac = ''] = d.toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2).split('.');
  // grouped by slicing: the lookahead `\B(?=(\d{3})+(?!\d))` rescans the rest of the digits at every one of them
  const sign = int.startsWith('-') ? '-' : '';
  const digits = sign ? int.slice(1) : int;
  const head = digits.length % 3 || 3;
  let out = digits.slice(0, head);
  for (let i = head; i < digits.length; i += 3) out += `,${digits.slice(i, i + 3)}`;
  return `${sign}${out}.${frac}`;
}

/** The printed text, with its table's unit when it was printed without one (「15,389,810.18元」). */
const shownText = (s: Statement, rate: boolean) => `${s.above ? '大于' : ''}${rate || s.cell.unit !== '' || /[元%％]$/.test(s.cell.text) ? s.cell.text : `${s.cell.text}${s.unit}`}`;

export interface FigureConflict {
  pointer: string;
  what: Localized;
  printed: string;
  other: string;
  where: Localized;
  detail: Localized;
}

/**
 * Every budget figure of a report stated again and disagreeing, at printed precision. The
 * statements of one quantity (部门调整后预算, 基本支出实际支出 …) are the headline `budget`, then the
 * `figures` in reading order; the table (`expenditure`) is the reference. Each statement is
 * compared with the table and then with every earlier statement, and reported once, at itself,
 * naming the first one it disagrees with. A stated rate is also checked against actual ÷
 * adjusted of the same line (the table's figures, else the first stated ones).
 */
export function figureConflicts(root: unknown): FigureConflict[] {
  if (!isRec(root)) return [];
  const rootUnit = root.moneyUnit === '元' ? '元' : '万元';
  const exp = isRec(root.expenditure) ? root.expenditure : {};
  const tableUnit = typeof exp.moneyUnit === 'string' ? exp.moneyUnit : undefined;
  // statements of one quantity: the same line (subject), fund or project named (of), numbered project (scope) and measure
  const groups = new Map<string, Statement[]>();
  const names = new Map<string, string>();
  const add = (subject: string, measure: Measure, s: Statement | null, of = '', scope = '') => {
    if (!s) return;
    const line = `${subject}\u0000${of}\u0000${scope}`;
    if (of !== '' || scope !== '') names.set(line, `${scope}${scope !== '' && of !== '' ? '：' : ''}${of}`);
    const k = `${line}\u0001${measure}`;
    groups.set(k, [...(groups.get(k) ?? []), s]);
  };
  const textOf = (x: unknown) => (x instanceof Cell ? x.text : typeof x === 'string' ? x : '');
  const text: Localized = { zh: '正文', en: 'the text' };
  const budget = isRec(root.budget) ? root.budget : {};
  for (const m of ['initial', 'adjusted', 'actual'] as const) {
    const f = budget[m];
    if (isRec(f)) add('total', m, statement(`/budget/${m}/total`, f.total, m, undefined, rootUnit, text));
  }
  add('total', 'rate', statement('/budget/rate', budget.rate, 'rate', undefined, rootUnit, text, budget.rateBound === 'above' || (budget.rateBound instanceof Cell && budget.rateBound.text === 'above')));
  const figures = Array.isArray(root.figures) ? root.figures : [];
  figures.forEach((f, i) => {
    if (!isRec(f) || typeof f.subject !== 'string' || typeof f.measure !== 'string' || !(MEASURES as readonly string[]).includes(f.measure)) return;
    const m = f.measure as Measure;
    const field = m === 'rate' ? 'rate' : 'amount';
    const unit = typeof f.moneyUnit === 'string' ? f.moneyUnit : undefined;
    const where: Localized = unit ? { zh: '表格', en: 'a table' } : text;
    add(f.subject, m, statement(joinPointer('/figures', i, field), f[field], m, unit, rootUnit, where, f.bound === 'above'), textOf(f.of), textOf(f.scope));
  });
  const slot = (subject: string, m: Measure, of = '', scope = ''): Statement | null => {
    if (of !== '' || scope !== '') return null;
    const line = exp[subject];
    if (!isRec(line)) return null;
    const name = line.name instanceof Cell ? line.name.text : subject;
    return statement(`/expenditure/${subject}/${m}`, line[m], m, tableUnit, rootUnit, { zh: `表格「${name}」`, en: `the table row "${name}"` });
  };
  const out: FigureConflict[] = [];
  const reported = new Set<string>();
  const own = textOf(root.subject);
  // a project's report states its budget as 下达 / 安排 / 预算 (no 调整后): named so
  const measureName = (m: Measure): Localized => (own !== '' && m === 'adjusted' ? { zh: '预算数', en: 'budget' } : MEASURE_NAME[m]);
  const lineName = (line: string): Localized => {
    const [subject, of = '', scope = ''] = line.split('\u0000') as [Subject, string?, string?];
    const named = names.get(line);
    if (named) return { zh: `「${named}」`, en: `"${named}": ` };
    if (subject === 'total' && own !== '') return { zh: `「${own}」`, en: `"${own}": ` };
    return { zh: SUBJECT_NAME[subject]?.zh ?? `${of}${scope}`, en: `${SUBJECT_NAME[subject]?.en ?? subject}: ` };
  };
  for (const [k, list] of groups) {
    const [line, m] = k.split('\u0001') as [string, Measure];
    const [subject, of = '', scope = ''] = line.split('\u0000') as [Subject, string?, string?];
    const name = lineName(line);
    const what: Localized = { zh: `${name.zh}${measureName(m).zh}`, en: `${name.en.replace(/: $/, '')}: ${measureName(m).en}` };
    const ref = slot(subject, m, of, scope);
    list.forEach((s, i) => {
      // the table decides; without one, the earlier statements not found wrong themselves
      const against = ref ? [ref] : list.slice(0, i).filter((o) => !reported.has(o.pointer));
      const other = against.find((o) => !overlap(s.iv, o.iv));
      if (!other) return;
      reported.add(s.pointer);
      const money = m !== 'rate';
      out.push({
        pointer: s.pointer,
        what,
        printed: shownText(s, !money),
        other: shownText(other, !money),
        where: other.where,
        detail: money
          ? (() => {
              // shown in the finer of the two units (元 when either was printed in 元)
              const shown = s.unit === '元' || other.unit === '元' ? '元' : rootUnit;
              const f = (moneyFactor(rootUnit) ?? new Decimal(1)).div(moneyFactor(shown) ?? new Decimal(1));
              const a = fmt(s.iv.lo.plus(s.iv.hi).div(2).times(f));
              const b = fmt(other.iv.lo.plus(other.iv.hi).div(2).times(f));
              return { zh: `换算为${shown}分别为 ${a} 和 ${b}`, en: `${a} and ${b} in ${shown}` };
            })()
          : { zh: '按填报精度不一致', en: 'they differ at printed precision' },
      });
    });
  }
  // a stated rate against the rate of the stated figures of its line
  const lines = [...new Set([...groups.keys()].map((k) => k.split('\u0001')[0] as string))];
  for (const line of lines) {
    const [subject, of = '', scope = ''] = line.split('\u0000') as [Subject, string?, string?];
    const rates = groups.get(`${line}\u0001rate`) ?? [];
    if (rates.length === 0) continue;
    const first = (m: Measure) => slot(subject, m, of, scope) ?? groups.get(`${line}\u0001${m}`)?.[0] ?? null;
    const actual = first('actual');
    const adjusted = first('adjusted');
    if (!actual || !adjusted || adjusted.cell.value === null || adjusted.iv.lo.isZero()) continue;
    const mid = (i: Interval) => i.lo.plus(i.hi).div(2);
    const computed = mid(actual.iv).div(mid(adjusted.iv));
    // the quotient of the printed figures' intervals
    const range: Interval = { lo: actual.iv.lo.div(adjusted.iv.hi), hi: actual.iv.hi.div(adjusted.iv.lo) };
    for (const r of rates) {
      if (reported.has(r.pointer)) continue;
      if (overlap(r.iv, range) || (range.lo.eq(range.hi) && overlap(r.iv, { lo: computed, hi: computed }))) continue;
      reported.add(r.pointer);
      out.push({
        pointer: r.pointer,
        what: { zh: `${lineName(line).zh}预算执行率`, en: `${lineName(line).en.replace(/: $/, '')}: execution rate` },
        printed: shownText(r, true),
        other: `${computed.times(100).toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2)}%`,
        where: { zh: `实际支出 ${actual.cell.text} ÷ ${measureName('adjusted').zh} ${adjusted.cell.text}`, en: `spending ${actual.cell.text} ÷ ${measureName('adjusted').en} ${adjusted.cell.text}` },
        detail: { zh: '执行率应为实际支出 ÷ 调整后预算', en: 'the rate is spending ÷ adjusted budget' },
      });
    }
  }
  return out.sort((a, b) => a.pointer.localeCompare(b.pointer, 'en', { numeric: true }));
}

/** How many budget figures the submission states: headline, prose figures and table cells that carry a number. */
export function statedFigures(root: unknown): number {
  if (!isRec(root)) return 0;
  let n = 0;
  const walk = (x: unknown): void => {
    if (x instanceof Cell) {
      if (x.value !== null && (x.kind === 'amount' || x.kind === 'rate')) n++;
    } else if (Array.isArray(x)) x.forEach(walk);
    else if (isRec(x)) Object.values(x).forEach(walk);
  };
  walk(root.budget);
  walk(root.figures);
  walk(root.expenditure);
  return n;
}

/**
 * Does the report give no budget or spending figure at all — not one read (statedFigures), no amount
 * printed anywhere in its text (an amount whose subject is unclear is left unread, but it is there),
 * and a text that reaches its end? A text cut short (`reading.stops`, src/load/report.ts) may state its
 * budget after the cut: nothing is said of it.
 */
export function budgetDataMissing(root: unknown): boolean {
  if (!isRec(root) || statedFigures(root) > 0) return false;
  const reading = isRec(root.reading) ? root.reading : {};
  const flag = (x: unknown) => (x instanceof Cell ? x.text === 'true' : x === true);
  const count = (x: unknown) => (x instanceof Cell ? (x.value?.toNumber() ?? 0) : typeof x === 'number' ? x : 0);
  return !flag(reading.stops) && count(reading.amounts) === 0;
}

export interface PartGap {
  pointer: string;
  total: string;
  parts: string;
  sum: string;
}

/**
 * 「其中」 parts stated in a report's prose (figures with `partOf`, each naming the fund it is a part of)
 * that do not add up to their total at printed precision: the parts' intervals added (XBRL Calculations
 * 1.1) against the total's. Reported at the first part. The department's own lines (基本支出, 项目支出 …)
 * are left to the budget tables' checks.
 */
export function partGaps(root: unknown): PartGap[] {
  if (!isRec(root)) return [];
  const rootUnit = root.moneyUnit === '元' ? '元' : '万元';
  const figures = Array.isArray(root.figures) ? root.figures : [];
  const resolve = (pointer: string): { cell: Cell; measure: string } | null => {
    const head = /^\/budget\/(initial|adjusted|actual)\/total$/.exec(pointer);
    if (head) {
      const b = isRec(root.budget) ? root.budget[head[1] as string] : undefined;
      return isRec(b) && b.total instanceof Cell ? { cell: b.total, measure: head[1] as string } : null;
    }
    const f = /^\/figures\/(\d+)\/amount$/.exec(pointer);
    const x = f ? figures[Number(f[1])] : undefined;
    return isRec(x) && x.amount instanceof Cell && typeof x.measure === 'string' ? { cell: x.amount, measure: x.measure } : null;
  };
  const groups = new Map<string, Array<{ i: number; cell: Cell; measure: string }>>();
  figures.forEach((x, i) => {
    if (!isRec(x) || typeof x.partOf !== 'string' || x.subject !== 'total' || !(x.amount instanceof Cell) || typeof x.measure !== 'string') return;
    groups.set(x.partOf, [...(groups.get(x.partOf) ?? []), { i, cell: x.amount, measure: x.measure }]);
  });
  const out: PartGap[] = [];
  for (const [pointer, parts] of groups) {
    const total = resolve(pointer);
    if (!total || parts.some((p) => p.measure !== total.measure)) continue;
    const tiv = amountInterval(total.cell, undefined, rootUnit);
    const ivs = parts.map((p) => amountInterval(p.cell, undefined, rootUnit));
    if (!tiv || ivs.some((x) => x === null)) continue;
    const sum = (ivs as Interval[]).reduce((a, b) => ({ lo: a.lo.plus(b.lo), hi: a.hi.plus(b.hi) }), { lo: new Decimal(0), hi: new Decimal(0) });
    if (overlap(tiv, sum)) continue;
    const mid = sum.lo.plus(sum.hi).div(2);
    out.push({
      pointer: joinPointer('/figures', (parts[0] as { i: number }).i, 'amount'),
      total: total.cell.text,
      parts: parts.map((p) => p.cell.text).join(' + '),
      sum: `${mid.toDecimalPlaces(6).toString()}${rootUnit}`,
    });
  }
  return out;
}

// ---------- stated indicator counts ----------

export interface CountGap {
  pointer: string;
  category: string;
  stated: string;
  listed: number;
  scope: Localized;
}

const textOf = (x: unknown): string => (x instanceof Cell ? (x.blank ? '' : x.text) : typeof x === 'string' ? x : '');

/** The category of an indicator row (its first level, or the first level its second level belongs to). */
function rowCategory(row: Rec, hierarchy: Readonly<Record<string, string>>): { level1: string | null; level2: string | null } {
  const l1 = foldLabel(textOf(row.level1));
  const l2 = foldLabel(textOf(row.level2));
  const level2 = l2 === '' ? null : l2.replace(/(指标|目标)$/, '');
  const level1 = level1Of(l1) ?? (l1 === '' && l2 !== '' ? categoryOf(l2, hierarchy) : null);
  return { level1, level2 };
}

/**
 * Stated counts (「共设置了3个产出指标和3效益指标」) that differ from the indicators listed: the
 * report's counts against every goal's indicators, a goal's counts against its own. A count of
 * a category is undecidable (left out) when no listed indicator names any category.
 */
export function countGaps(root: unknown, hierarchy: unknown = HIERARCHY): CountGap[] {
  if (!isRec(root)) return [];
  const h = isRec(hierarchy) ? (hierarchy as Record<string, string>) : HIERARCHY;
  const goals = Array.isArray(root.yearlyGoals) ? root.yearlyGoals.filter(isRec) : [];
  const rowsOf = (g: Rec) => (Array.isArray(g.indicators) ? g.indicators.filter(isRec) : []);
  const out: CountGap[] = [];
  const check = (counts: unknown, base: string, rows: Rec[], scope: Localized) => {
    if (!Array.isArray(counts) || rows.length === 0) return;
    const cats = rows.map((r) => rowCategory(r, h));
    const categorised = cats.some((c) => c.level1 !== null || c.level2 !== null);
    counts.forEach((c, i) => {
      if (!isRec(c)) return;
      const stated = c.count instanceof Cell ? c.count.value : null;
      if (stated === null) return;
      const key = foldLabel(textOf(c.category)).replace(/(类)?(指标|目标)$/, '');
      let listed: number;
      if (key === '' || key === '绩效') listed = rows.length;
      else if (!categorised) return;
      else listed = cats.filter((x) => x.level1 === key || x.level2 === key).length;
      if (stated.eq(listed)) return;
      out.push({ pointer: joinPointer(base, i, 'count'), category: textOf(c.category), stated: textOf(c.count), listed, scope });
    });
  };
  check(root.indicatorCounts, '/indicatorCounts', goals.flatMap(rowsOf), { zh: '报告', en: 'The report' });
  goals.forEach((g, gi) =>
    check(g.indicatorCounts, joinPointer('/yearlyGoals', gi, 'indicatorCounts'), rowsOf(g), { zh: `年度目标${gi + 1}`, en: `Goal ${gi + 1}` }),
  );
  return out;
}

// ---------- near-duplicate line items ----------

export interface NearDuplicate {
  index: number;
  name: string;
  others: string;
  count: number;
}

/** Is `short` what is left of `long` after deleting one run of 1..max characters (a prefix, a word)? */
function oneRunAway(long: string, short: string, max: number): boolean {
  const d = long.length - short.length;
  if (d < 1 || d > max) return false;
  for (let k = 0; k <= short.length; k++) if (long.slice(0, k) === short.slice(0, k) && long.slice(k + d) === short.slice(k)) return true;
  return false;
}

/**
 * Line items whose names are the same once one run of at most `maxExtra` characters (a prefix
 * such as 人大, a word such as 预算) is left out of the longer, or identical: 人大联网监督经费 /
 * 联网监督经费 / 人大预算联网监督经费. Names shorter than `minLength` are left alone. Every member
 * of a group is returned, with the others (name and 执行数) listed.
 */
export function nearDuplicates(list: unknown, maxExtra: unknown = 4, minLength: unknown = 4): NearDuplicate[] {
  if (!Array.isArray(list)) return [];
  const max = typeof maxExtra === 'number' ? maxExtra : Number(maxExtra ?? 4);
  const min = typeof minLength === 'number' ? minLength : Number(minLength ?? 4);
  const names = list.map((x) => (isRec(x) ? foldLabel(textOf(x.name)) : ''));
  const parent = names.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i] as number)));
  for (let i = 0; i < names.length; i++) {
    for (let j = i + 1; j < names.length; j++) {
      const a = names[i] as string;
      const b = names[j] as string;
      if (a === '' || b === '') continue;
      const [long, short] = a.length >= b.length ? [a, b] : [b, a];
      if (short.length < min) continue;
      if (a === b || oneRunAway(long, short, max)) parent[find(j)] = find(i);
    }
  }
  const out: NearDuplicate[] = [];
  names.forEach((name, i) => {
    if (name === '') return;
    const group = names.map((_, k) => k).filter((k) => k !== i && names[k] !== '' && find(k) === find(i));
    if (group.length === 0) return;
    const label = (k: number) => {
      const row = list[k] as Rec;
      const amount = textOf(row.actual) || textOf(row.adjusted);
      return `「${textOf(row.name).trim()}」${amount ? `（${amount}）` : ''}`;
    };
    out.push({ index: i, name: textOf((list[i] as Rec).name).trim(), others: group.map(label).join('、'), count: group.length + 1 });
  });
  return out;
}

// ---------- template leftovers ----------

/** Compiled patterns, by their text (null: not a valid regular expression, skipped). */
const PATTERNS = new Map<string, RegExp | null>();

function compiledPattern(p: string): RegExp | null {
  let re = PATTERNS.get(p);
  if (re !== undefined) return re;
  try {
    re = new RegExp(p, 'u');
  } catch {
    re = null;
  }
  if (PATTERNS.size < 1000) PATTERNS.set(p, re);
  return re;
}

/**
 * A list of patterns as one alternation, to tell quickly that none of them matches a text;
 * undefined when they cannot be joined (back-references and named groups would change meaning).
 */
const ANY_OF = new WeakMap<readonly unknown[], RegExp | undefined>();

function anyOf(patterns: readonly unknown[]): RegExp | undefined {
  if (ANY_OF.has(patterns)) return ANY_OF.get(patterns);
  const valid = patterns.filter((p): p is string => typeof p === 'string' && compiledPattern(p) !== null);
  let joined: RegExp | undefined;
  if (valid.length > 1 && !valid.some((p) => /\\[1-9k]|\(\?<(?![=!])/.test(p))) {
    try {
      joined = new RegExp(valid.map((p) => `(?:${p})`).join('|'), 'u');
    } catch {
      joined = undefined;
    }
  }
  ANY_OF.set(patterns, joined);
  return joined;
}

/** The first template leftover in a text (a match of one of the patterns, regular expressions), or null. */
export function placeholder(x: unknown, patterns: unknown): string | null {
  const t = textOf(x);
  if (t === '' || !Array.isArray(patterns)) return null;
  // none matches anywhere: nothing to find (the patterns are tried one by one only when one does)
  if (anyOf(patterns)?.test(t) === false) return null;
  for (const p of patterns) {
    if (typeof p !== 'string') continue;
    const re = compiledPattern(p);
    if (re === null) continue;
    const m = re.exec(t);
    if (m && m[0] !== '') return m[0];
  }
  return null;
}

// ---------- declarations (registered in ./index.ts) ----------

const PART_GAP = obj({ pointer: STR, total: STR, parts: STR, sum: STR });
const CONFLICT = obj({ pointer: STR, what: LOCALIZED, printed: STR, other: STR, where: LOCALIZED, detail: LOCALIZED });
const GAP = obj({ pointer: STR, category: STR, stated: STR, listed: NUM, scope: LOCALIZED });
const NEAR = obj({ index: NUM, name: STR, others: STR, count: NUM });

export const REPORT_OPERATIONS: Readonly<Record<string, OperationSpec>> = {
  figureConflicts: {
    fn: figureConflicts,
    args: ['object'],
    result: arr(CONFLICT),
    doc: {
      zh: '同一预算数字多处写明（正文、万元与元、表格）而按填报精度不一致，以及与所列数字不符的执行率：[{pointer, what, printed, other, where, detail}]',
      en: 'budget figures stated more than once (text, 万元 and 元, tables) that disagree at printed precision, and stated rates that do not follow from the stated figures: [{pointer, what, printed, other, where, detail}]',
    },
    example: '{figureConflicts: [{var: root}]}',
  },
  budgetDataMissing: {
    fn: budgetDataMissing,
    args: ['object'],
    result: BOOL,
    doc: {
      zh: '报告未写明任何预算或支出数字：没有读出的数字、正文中没有任何金额，且文本读到了结尾（中断的文本不作判断）',
      en: 'the report states no budget or spending figure: none read, no amount printed anywhere, and the text reaches its end (a text cut short is not judged)',
    },
    example: '{budgetDataMissing: [{var: root}]}',
  },
  partGaps: {
    fn: partGaps,
    args: ['object'],
    result: arr(PART_GAP),
    doc: {
      zh: '正文中「其中」所列各部分之和与合计不符之处（按填报精度）：[{pointer, total, parts, sum}]',
      en: 'parts listed after 「其中」 in the text that do not add up to their total at printed precision: [{pointer, total, parts, sum}]',
    },
    example: '{partGaps: [{var: root}]}',
  },
  statedFigures: {
    fn: statedFigures,
    args: ['object'],
    result: NUM,
    doc: { zh: '提交件中写明的预算、支出金额和执行率的个数', en: 'how many budget, spending and rate figures the submission states' },
    example: '{statedFigures: [{var: root}]}',
  },
  countGaps: {
    fn: countGaps,
    args: ['object'],
    optional: ['object'],
    result: arr(GAP),
    doc: {
      zh: '写明的指标个数与所列指标不符之处：[{pointer, category, stated, listed, scope}]（所列指标都未标类别时不判断）',
      en: 'stated indicator counts that differ from the indicators listed: [{pointer, category, stated, listed, scope}] (undecided when no listed indicator names a category)',
    },
    example: '{countGaps: [{var: root}, {var: settings.hierarchy}]}',
  },
  nearDuplicates: {
    fn: nearDuplicates,
    args: ['list'],
    optional: ['number', 'number'],
    result: arr(NEAR),
    doc: {
      zh: '名称只差一个前缀或一个词（或完全相同）的明细行：[{index, name, others, count}]',
      en: 'line items whose names differ only by a prefix or a word (or not at all): [{index, name, others, count}]',
    },
    example: '{nearDuplicates: [{var: item.projectItems}, 4, 4]}',
  },
  placeholder: {
    fn: placeholder,
    args: ['value', 'list'],
    result: opt(STR),
    doc: { zh: '文字中第一处模板残留（按所给正则表达式），或 null', en: 'the first template leftover in a text (by the given regular expressions), or null' },
    example: '{placeholder: [{var: hit.text}, {var: options.patterns}]}',
  },
};

