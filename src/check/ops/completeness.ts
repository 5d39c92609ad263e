/**
 * Completeness and classification: duplicate indicator rows, category names, plausibility of
 * whole-period versus annual values, stray money units, "no problems" claims.
 */
import { SubmissionMemo } from './memo.js';
import { Decimal } from 'decimal.js';
import { Cell, fold, isBlankText } from '../../normalize/value.js';
import { joinPointer } from '../../types.js';
import { text } from './text.js';
import { categoryLabel, HIERARCHY as NATIONAL } from '../../vocabulary.js';

/** Fold full-width forms and drop every space: the key two printed names are compared by. */
export function nameKey(x: unknown): string {
  return fold(text(x)).replace(/\s+/g, '');
}

/** A category name without its "指标"/"目标"/"类" suffix: 产出指标 → 产出, 产出目标 → 产出, 服务对象满意度指标 → 服务对象满意度. */
export function category(x: unknown): string {
  // the readers' one category fold (marks, numbering and printed weights dropped: 「产出指标(50分)」 → 产出)
  // 「项目产出」「项目效益」: the first levels as the project evaluation framework prints them (corpus 24)
  // 「服务对象满意度指标等」: the template's 「等」 left in; 「社会公众或服务对象满意度指标」: the 2021 national
  // target form's own name of the satisfaction category (corpus 30)
  return categoryLabel(nameKey(x))
    .replace(/等$/, '')
    .replace(/(类?指标|类?目标|类)$/, '')
    .replace(/^项目(?=产出$|效益$)/, '')
    .replace(/^社会公众或服务对象满意度$/, '服务对象满意度');
}

export interface Duplicate {
  /** 0-based index of the later occurrence. */
  index: number;
  /** 1-based row of the later occurrence. */
  row: number;
  /** 1-based row of the first occurrence. */
  first: number;
  name: string;
}

/** Later rows of a list whose (fields…) keys repeat an earlier row; rows whose name is blank are skipped. */
export function duplicates(list: unknown, fields: unknown = ['level1', 'level2', 'name']): Duplicate[] {
  if (!Array.isArray(list) || !Array.isArray(fields) || fields.length === 0) return [];
  const seen = new Map<string, number>();
  const out: Duplicate[] = [];
  list.forEach((row, i) => {
    if (row === null || typeof row !== 'object') return;
    const r = row as Record<string, unknown>;
    const parts = fields.map((f) => (typeof f === 'string' ? nameKey(r[f]) : ''));
    if (parts[parts.length - 1] === '') return;
    const key = JSON.stringify(parts.map((p, j) => (j < parts.length - 1 ? category(p) : p)));
    const first = seen.get(key);
    if (first === undefined) seen.set(key, i);
    else out.push({ index: i, row: i + 1, first: first + 1, name: text(r[fields[fields.length - 1] as string]) });
  });
  return out;
}

/** The first-level category a second-level one belongs to under `mapping` ({数量: 产出, …}); null when unmapped. */
export function parentCategory(level2: unknown, mapping: unknown): string | null {
  if (mapping === null || typeof mapping !== 'object') return null;
  const key = category(level2);
  if (key === '') return null;
  return parentsOf(mapping).get(key) ?? null;
}

/** A mapping's second-level categories → first level, folded once per mapping (the first entry of a category wins). */
const PARENTS = new WeakMap<object, Map<string, string>>();

function parentsOf(mapping: object): Map<string, string> {
  let parents = PARENTS.get(mapping);
  if (!parents) {
    parents = new Map();
    for (const [child, parent] of Object.entries(mapping as Record<string, unknown>)) {
      const k = category(child);
      if (typeof parent === 'string' && !parents.has(k)) parents.set(k, category(parent));
    }
    PARENTS.set(mapping, parents);
  }
  return parents;
}

/**
 * Does some row of the list have field `field` in category `name`? With a `mapping` (second level →
 * first level), a row whose first level is blank (a merged cell not carried down) counts under the
 * first level its second level belongs to.
 */
export function hasCategory(list: unknown, field: unknown, name: unknown, mapping?: unknown): boolean {
  if (!Array.isArray(list) || typeof field !== 'string') return false;
  const want = category(name);
  return list.some((r) => {
    if (r === null || typeof r !== 'object') return false;
    const row = r as Record<string, unknown>;
    const own = category(row[field]);
    // a second level named after the first level wanted (服务对象满意度 → 满意度) is that category's
    // indicator wherever the printed template files it (the 2015 template: satisfaction under 效益)
    if (field === 'level1' && mapping && want !== '' && category(row.level2).endsWith(want) && parentCategory(row.level2, NATIONAL) === want) return true;
    if (own !== '' && !isBlankText(own)) return own === want;
    return field === 'level1' && parentCategory(row.level2, mapping) === want;
  });
}

/** How many rows of the list have a non-blank `field`. */
export function filled(list: unknown, field: unknown): number {
  if (!Array.isArray(list) || typeof field !== 'string') return 0;
  return list.filter((r) => r !== null && typeof r === 'object' && !isBlankText(text((r as Record<string, unknown>)[field]))).length;
}

/** Concatenate lists (non-lists are skipped): flatten([[a], [b, c]]) → [a, b, c]. */
export function flatten(lists: unknown): unknown[] {
  if (!Array.isArray(lists)) return [];
  return lists.flatMap((l) => (Array.isArray(l) ? l : []));
}

/**
 * Compare a whole-period value with an annual one.
 * 'exceeds': both are plain values (no %) with the same sign and unit and the annual one is larger;
 * 'differs': either is a rate (%) and the two differ in sign or value; null otherwise (or unparsed).
 */
export function cycleConflict(cycle: unknown, annual: unknown): 'exceeds' | 'differs' | null {
  if (!(cycle instanceof Cell) || !(annual instanceof Cell)) return null;
  const c = cycle.target;
  const a = annual.target;
  if (!c || !a) return null;
  if (c.percent || a.percent) {
    if (c.percent !== a.percent || c.sign !== a.sign || !c.value.eq(a.value)) return 'differs';
    return null;
  }
  if (c.sign !== a.sign || c.unit !== a.unit) return null;
  return a.value.gt(c.value) ? 'exceeds' : null;
}

export interface Hit {
  pointer: string;
  text: string;
}

function walk(x: unknown, pointer: string, visit: (x: unknown, pointer: string) => void): void {
  visit(x, pointer);
  if (x instanceof Cell || x instanceof Decimal || x === null || typeof x !== 'object') return;
  if (Array.isArray(x)) x.forEach((v, i) => walk(v, joinPointer(pointer, i), visit));
  else for (const [k, v] of Object.entries(x as Record<string, unknown>)) walk(v, joinPointer(pointer, k), visit);
}

/** Every Cell of a submission with its pointer, in document order: walked once per submission. */
const CELLS = new SubmissionMemo<object, ReadonlyArray<readonly [Cell, string]>>();

function cellsOf(root: unknown): ReadonlyArray<readonly [Cell, string]> {
  const cached = root !== null && typeof root === 'object' ? CELLS.get(root) : undefined;
  if (cached) return cached;
  const out: Array<readonly [Cell, string]> = [];
  walk(root, '', (x, pointer) => {
    if (x instanceof Cell) out.push([x, pointer]);
  });
  if (root !== null && typeof root === 'object') CELLS.set(root, out);
  return out;
}

/** Every amount Cell printed with its own money unit other than `moneyUnit`: [{pointer, text, unit}]. */
export function foreignAmounts(root: unknown, moneyUnit: unknown): Array<Hit & { unit: string }> {
  const out: Array<Hit & { unit: string }> = [];
  for (const [x, pointer] of cellsOf(root)) {
    if (x.kind === 'amount' && x.unit !== '' && x.unit !== moneyUnit) out.push({ pointer, text: x.text, unit: x.unit });
  }
  return out;
}

const NONE_RE = /^(无|暂无|尚无|没有|不存在|未发现|无明显)(任何|明显|突出|重大|其他)?(的)?(问题)?[。.；;！!]?$|(^|[，,。；;：:])(暂无|尚无|没有|不存在|未发现)[^，,。；;]{0,30}问题/;

/** The problems text says there are none: 无 / 暂无 / 尚无…问题 / 没有…问题 / 不存在…问题. */
export function saysNone(x: unknown): boolean {
  const t = nameKey(x);
  if (t === '') return false;
  return NONE_RE.test(t);
}

/** Every rate or coefficient Cell printed without % and read as a percentage ("94" → 94%): [{pointer, text}]. */
export function assumedPercents(root: unknown): Hit[] {
  const out: Hit[] = [];
  for (const [x, pointer] of cellsOf(root)) {
    if (x.assumedPercent) out.push({ pointer, text: x.text });
  }
  return out;
}

/**
 * Does the table have column `field`: some row of the list carries it, filled in or blank? A
 * form without an explanation column cannot have left it blank (a reader puts a field only where
 * its column is printed; a submission written by hand that has the field on no row has no column).
 */
export function hasColumn(list: unknown, field: unknown): boolean {
  if (!Array.isArray(list) || typeof field !== 'string') return false;
  return list.some((r) => r !== null && typeof r === 'object' && (r as Record<string, unknown>)[field] !== undefined);
}

/**
 * Is the submission's table whole? A reader marks `incomplete` a table that runs to the end of the
 * file without its closing row (总分, 合计, the next section): a text that stops mid-table. Checks
 * of the whole table (weights adding up, categories present) do not judge what is not there.
 */
export function complete(root: unknown): boolean {
  return !(root !== null && typeof root === 'object' && (root as Record<string, unknown>).incomplete === true);
}

/**
 * Targets of rate indicators (a name with 率, or ending in 满意度: 完工率, 学生满意度) printed as a
 * bare number between 1 and 100 with no % and no unit in the unit column (「工程完工率 | 100」): read as
 * percentages by a person, but a bare 100 could as well be a count. [{pointer, text}] of each target.
 */
export function bareRateTargets(root: unknown): Hit[] {
  const list = root !== null && typeof root === 'object' ? (root as Record<string, unknown>).indicators : undefined;
  if (!Array.isArray(list)) return [];
  const out: Hit[] = [];
  list.forEach((row, i) => {
    if (row === null || typeof row !== 'object') return;
    const r = row as Record<string, unknown>;
    if (!/率|满意度$/.test(text(r.name))) return;
    if (!isBlankText(text(r.unit))) return;
    const target = text(r.target).replace(/\s+/g, '');
    const m = /^[≥≤=＝<>]*(\d{1,3}(?:\.\d+)?)$/.exec(fold(target));
    if (!m) return;
    const v = Number(m[1]);
    if (v >= 1 && v <= 100) out.push({ pointer: joinPointer(joinPointer('/indicators', i), 'target'), text: target });
  });
  return out;
}

export interface UnknownCategory {
  /** 0-based index of the first row printing the label. */
  index: number;
  /** level1 or level2. */
  field: string;
  /** The label as printed. */
  label: string;
}

/**
 * The category labels of a table that name no category of the hierarchy (neither a first level nor a
 * second level under `mapping`), each once, at the first row printing it: 「制度指标」 where 产出/效益/
 * 满意度 and their parts are expected. A blank label, or one the table prints again, is not repeated.
 */
export function unknownCategories(list: unknown, mapping: unknown): UnknownCategory[] {
  if (!Array.isArray(list) || mapping === null || typeof mapping !== 'object') return [];
  const parents = parentsOf(mapping);
  const known = new Set([...parents.keys(), ...parents.values()]);
  const seen = new Set<string>();
  const out: UnknownCategory[] = [];
  list.forEach((row, index) => {
    if (row === null || typeof row !== 'object') return;
    for (const field of ['level1', 'level2']) {
      const printed = text((row as Record<string, unknown>)[field]);
      const key = category(printed);
      if (key === '' || isBlankText(printed) || known.has(key) || seen.has(key)) continue;
      seen.add(key);
      out.push({ index, field, label: printed.trim() });
    }
  });
  return out;
}
