/**
 * Approved targets versus self-evaluation (issue 16): the bureau's approved target tables
 * (绩效目标表 / 批复, form `target-table`) are matched to a self-evaluation by unit (or project)
 * name and year, and the rules target-changed, target-missing and target-added compare the
 * self-evaluation's indicators with the approved ones. Registered in ./index.ts
 * (TARGET_OPERATIONS). Browser-safe: the tables arrive as data (src/node/targets.ts reads them).
 *
 * What rules see: the context name `approved` (beside `settings`), null when no approved table
 * matches the submission (then none of the three rules fires), else an Approved object whose
 * indicators are normalized like a submission's (printed text + exact decimals).
 *
 * Matching:
 * - names (unit, project) are folded: full/half width (NFKC), every space, a stamp note
 *   「（盖章）」「(公章)」 and a 「单位名称：」 label are ignored;
 * - the year must be the same (「2022年度」 = 2022); a self-evaluation without a year matches a
 *   table of its unit only when there is one;
 * - department self-evaluations match tables without a project; project self-evaluations match
 *   tables of the same project whose unit is the evaluation's unit, department or implementer;
 * - two or more tables matching one self-evaluation that approve the same indicators and values
 *   (one table filed as .yaml and .xlsx) count as one; otherwise nothing is compared and
 *   target-missing says which tables conflict.
 *
 * Indicators are paired by name, tolerant of numbering prefixes (「指标1：」「1、」「（一）」), spaces,
 * punctuation width and a unit in brackets at the end (「预算执行率（%）」); levels (一级/二级指标)
 * decide between rows of the same name when both sides print them. A row repeated in the
 * approved table (duplicate-indicator fires there) is one approved indicator.
 */
import { SubmissionMemo } from './memo.js';
import { Decimal } from 'decimal.js';
import { normalizeSubmission } from '../../normalize/normalize.js';
import { Cell, fold, isBlankText, type Sign } from '../../normalize/value.js';
import type { FormKind, Localized } from '../../types.js';
import type { SchemaSet } from '../../validate/schemas.js';
import { arr, CELL, LOCALIZED, NUM, obj, opt, STR, type Ty } from '../types.js';
import { category } from './completeness.js';
import { text } from './text.js';
import type { OperationSpec } from './index.js';

type Rec = Record<string, unknown>;
const isRec = (x: unknown): x is Rec => typeof x === 'object' && x !== null && !Array.isArray(x) && !(x instanceof Cell);

// ---------- the approved tables and how one is matched to a submission ----------

/** An approved target table as read (the canonical target-table submission) and where it was read from. */
export interface ApprovalTable {
  /** The file, as shown in messages (relative to the working folder). */
  file: string;
  /** The canonical submission (form: target-table), as a loader gives it. */
  data: unknown;
}

/** What a rule sees as `approved`. */
export interface Approved {
  file: string;
  unit: string;
  year: string;
  project: string;
  /** The approved indicators, normalized (level1, level2, name, cycleValue, annualValue, weight as cells). */
  indicators: unknown[];
  /** Other tables matching as well with different indicators, joined with 、 ('' when none): then nothing is compared. */
  conflict: string;
}

const INDICATOR_TY: Ty = obj({ level1: CELL, level2: CELL, name: CELL, cycleValue: CELL, annualValue: CELL, weight: CELL });

/** The static type of `approved` (for the rule compiler). */
export const APPROVED_TYPE: Ty = opt(obj({ file: STR, unit: STR, year: STR, project: STR, indicators: arr(INDICATOR_TY), conflict: STR }));

/** The self-evaluation forms the approved targets are compared with. */
export const SELF_EVAL_FORMS: readonly FormKind[] = ['department-self-eval', 'project-self-eval'];

/**
 * A unit or project name folded for comparison: NFKC (full-width → half-width), no spaces, no stamp
 * note (「（盖章）」「(公章)」「（签章）」), no 「单位名称：」-style label, no trailing punctuation.
 */
export function entityKey(x: unknown): string {
  return fold(text(x))
    .replace(/\s+/g, '')
    .replace(/[(\[【〔][^()\[\]【】〔〕]*(?:盖章|公章|签章|印章|章)[^()\[\]【】〔〕]*[)\]】〕]/g, '')
    .replace(/^(?:预算)?(?:单位|部门|项目|主管部门|实施单位)(?:名称)?[:：]/, '')
    .replace(/(?<![.。,，;；:：])[.。,，;；:：]+$/, '');
}

/** The year as four digits ('' when none): 2022, "2022", "2022年度" → "2022". */
export function yearKey(x: unknown): string {
  const m = /(?:19|20)\d{2}/.exec(fold(text(x)));
  return m ? m[0] : '';
}

const normalized = new WeakMap<object, Rec>();

/** A table's submission normalized (cells) once, by the target-table schema. */
function normalizedTable(schemas: SchemaSet, data: unknown): Rec | null {
  if (!isRec(data)) return null;
  const cached = normalized.get(data);
  if (cached) return cached;
  const root = schemas.rootOf('target-table');
  if (!root) return null;
  const moneyUnit = data.moneyUnit === '元' ? '元' : '万元';
  const { model } = normalizeSubmission(schemas, root, data, { moneyUnit });
  const out = isRec(model) ? model : {};
  normalized.set(data, out);
  return out;
}

/** Does this approved table belong to this self-evaluation (name only; the year is checked apart)? */
function sameEntity(table: Rec, form: FormKind, self: Rec): boolean {
  const unit = entityKey(table.unit);
  const project = isBlankText(text(table.project)) ? '' : entityKey(table.project);
  if (form === 'project-self-eval') {
    const own = entityKey(self.project);
    if (project === '' || own === '' || project !== own) return false;
    const units = [self.unit, self.department, self.implementer].map(entityKey).filter((u) => u !== '');
    return unit === '' || units.length === 0 || units.includes(unit);
  }
  if (table.scope === 'project' || project !== '') return false;
  return unit !== '' && unit === entityKey(self.unit);
}

/** A table's approved indicators as names and annual values, in any order (to tell a copy of a table, filed in another format, from a conflict). */
function signature(rows: readonly ApprovedRow[]): string {
  return JSON.stringify([...new Set(rows.map((r) => JSON.stringify([r.key, valueKey(r.row.annualValue)])))].sort());
}

/**
 * The approved table for a submission (null when none matches, or the form is not a
 * self-evaluation). `data` is the canonical submission as loaded.
 */
export function approvedFor(approvals: readonly ApprovalTable[] | undefined, form: FormKind, data: unknown, schemas: SchemaSet): Approved | null {
  if (!approvals || approvals.length === 0 || !SELF_EVAL_FORMS.includes(form) || !isRec(data)) return null;
  const year = yearKey(data.year);
  const byName = approvals.filter((a) => isRec(a.data) && a.data.form === 'target-table' && sameEntity(a.data, form, data));
  const matching = year !== '' ? byName.filter((a) => yearKey((a.data as Rec).year) === year) : byName;
  const first = matching[0];
  if (!first) return null;
  const table = normalizedTable(schemas, first.data);
  if (!table) return null;
  const rows = approvedRows(table.indicators);
  const sig = signature(rows);
  const others = matching.slice(1).filter((a) => {
    const t = normalizedTable(schemas, a.data);
    return !t || signature(approvedRows(t.indicators)) !== sig;
  });
  // Without a year, tables of several years cannot be told apart.
  const years = new Set(matching.map((a) => yearKey((a.data as Rec).year)));
  const conflicting = year === '' && years.size > 1 ? matching.slice(1) : others;
  return {
    file: first.file,
    unit: text(table.unit),
    year: text(table.year),
    project: text(table.project),
    indicators: Array.isArray(table.indicators) ? table.indicators : [],
    conflict: conflicting.map((a) => a.file).join('、'),
  };
}

// ---------- pairing indicators ----------

const NUMERAL = '0-9一二三四五六七八九十百';
const PREFIX = new RegExp(
  `^(?:(?:指标|三级指标)[${NUMERAL}]+[:.、]?|[(][${NUMERAL}]+[)][.、:]?|[${NUMERAL}]+[、:]|[0-9]+[.](?![0-9])|[${NUMERAL}]+[)]|[\u2460-\u2473\u2776-\u277f])`,
);
const UNIT_SUFFIX = /\((?:%|‰|[次个人名项期天日月年件份场家户所座条篇册本台套辆元万]{1,2})\)$/;

/** An indicator name folded for pairing: no numbering prefix, spaces, trailing bracketed unit or punctuation; half width. */
export function indicatorKey(x: unknown): string {
  // circled numbers first: NFKC would make ① a plain 1
  let t = fold(text(x).replace(/^[\s\u3000]*[\u2460-\u2473\u2776-\u277f]/, '')).replace(/\s+/g, '');
  t = t.replace(PREFIX, '');
  t = t.replace(UNIT_SUFFIX, '');
  return t.replace(/(?<![.。,，;；:：])[.。,，;；:：]+$/, '');
}

interface ApprovedRow {
  /** 0-based index in the approved table. */
  index: number;
  key: string;
  l1: string;
  l2: string;
  row: Rec;
}

const level = (x: unknown): string => (isBlankText(text(x)) ? '' : category(x));

/** The approved rows, a repeated row (same levels and name) kept once. */
function approvedRows(list: unknown): ApprovedRow[] {
  if (!Array.isArray(list)) return [];
  const seen = new Set<string>();
  const out: ApprovedRow[] = [];
  list.forEach((r, index) => {
    if (!isRec(r)) return;
    const key = indicatorKey(r.name);
    if (key === '') return;
    const l1 = level(r.level1);
    const l2 = level(r.level2);
    const id = JSON.stringify([l1, l2, key]);
    if (seen.has(id)) return;
    seen.add(id);
    out.push({ index, key, l1, l2, row: r });
  });
  return out;
}

const fits = (a: string, b: string) => a === '' || b === '' || a === b;

interface Pairing {
  /** For each self-evaluation row (by index): the approved row it is paired with. */
  pairs: Map<number, ApprovedRow>;
  /** Approved rows no self-evaluation row is paired with. */
  missing: ApprovedRow[];
  /** Self-evaluation rows (index) with a name and no approved counterpart. */
  added: number[];
}

const pairings = new SubmissionMemo<object, WeakMap<object, Pairing>>();

/**
 * Pair the self-evaluation's rows with the approved ones: first by name where the levels printed on
 * both sides agree, then by name alone for rows still unpaired (an indicator filed under another
 * category is the same indicator). A self-evaluation row repeating another pairs with the same
 * approved row. Memoized per (indicators, approved).
 */
function pairing(indicators: unknown, approved: unknown): Pairing | null {
  if (!Array.isArray(indicators) || !isRec(approved) || !Array.isArray(approved.indicators)) return null;
  if (typeof approved.conflict === 'string' && approved.conflict !== '') return null;
  let inner = pairings.get(indicators);
  const hit = inner?.get(approved);
  if (hit) return hit;
  const rows = approvedRows(approved.indicators);
  const used = new Set<ApprovedRow>();
  const pairs = new Map<number, ApprovedRow>();
  const own = indicators.map((r, i) => ({ i, r: isRec(r) ? r : {} })).map(({ i, r }) => ({ i, key: indicatorKey(r.name), l1: level(r.level1), l2: level(r.level2) }));
  for (const pass of [true, false]) {
    for (const s of own) {
      if (s.key === '' || pairs.has(s.i)) continue;
      const candidates = rows.filter((a) => a.key === s.key && (!pass || (fits(a.l1, s.l1) && fits(a.l2, s.l2))));
      const chosen = candidates.find((a) => !used.has(a)) ?? (pass ? candidates[0] : undefined);
      if (!chosen) continue;
      used.add(chosen);
      pairs.set(s.i, chosen);
    }
  }
  const result: Pairing = {
    pairs,
    missing: rows.filter((a) => !used.has(a)),
    added: own.filter((s) => s.key !== '' && !pairs.has(s.i)).map((s) => s.i),
  };
  if (!inner) pairings.set(indicators, (inner = new WeakMap()));
  inner.set(approved, result);
  return result;
}

export interface TargetPair {
  /** 0-based index of the self-evaluation row. */
  index: number;
  /** Its name as printed. */
  name: string;
  /** Its 年度指标值 (cell) and unit column. */
  target: unknown;
  unit: unknown;
  /** The approved 年度指标值 (cell), and the approved row (1-based) and name. */
  approved: unknown;
  approvedRow: number;
  approvedName: string;
}

/** Self-evaluation indicators paired with approved ones ([] when there is no approved table). */
export function approvedPairs(indicators: unknown, approved: unknown): TargetPair[] {
  const p = pairing(indicators, approved);
  if (!p) return [];
  const list = indicators as unknown[];
  return [...p.pairs.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([index, a]) => {
      const r = isRec(list[index]) ? (list[index] as Rec) : {};
      return {
        index,
        name: text(r.name),
        target: r.target ?? null,
        unit: r.unit ?? null,
        approved: a.row.annualValue ?? null,
        approvedRow: a.index + 1,
        approvedName: text(a.row.name),
      };
    });
}

export interface MissingTarget {
  /** 1-based row in the approved table. */
  row: number;
  name: string;
  /** 「产出指标 / 数量指标」, or '' when the table prints no levels. */
  levels: string;
  /** The approved 年度指标值 as printed. */
  value: string;
}

/** Approved indicators absent from the self-evaluation ([] when there is no approved table). */
export function approvedMissing(indicators: unknown, approved: unknown): MissingTarget[] {
  const p = pairing(indicators, approved);
  if (!p) return [];
  return p.missing.map((a) => ({
    row: a.index + 1,
    name: text(a.row.name),
    levels: [a.row.level1, a.row.level2].map(text).filter((t) => !isBlankText(t)).join(' / '),
    value: isBlankText(text(a.row.annualValue)) ? '—' : text(a.row.annualValue),
  }));
}

export interface AddedTarget {
  /** 0-based index of the self-evaluation row. */
  index: number;
  name: string;
}

/** Self-evaluation indicators that no approved indicator corresponds to ([] when there is no approved table). */
export function unapproved(indicators: unknown, approved: unknown): AddedTarget[] {
  const p = pairing(indicators, approved);
  if (!p) return [];
  const list = indicators as unknown[];
  return p.added.map((index) => ({ index, name: text(isRec(list[index]) ? (list[index] as Rec).name : '') }));
}

// ---------- comparing two target values ----------

/** A printed value folded for a comparison as text (grade words, 「良好或以上」). */
function valueKey(x: unknown): string {
  return fold(text(x)).replace(/\s+/g, '').replace(/(?<![。.;；])[。.;；]+$/, '');
}

type Direction = 'higher' | 'lower';
const directionOf = (s: Sign): Direction => (s === '<=' || s === '<' ? 'lower' : 'higher');
const SIGN_TEXT: Record<Sign, string> = { '>=': '≥', '<=': '≤', '>': '>', '<': '<', '=': '=' };

interface Reading {
  sign: Sign;
  value: Decimal;
  unit: string;
}

/** A target cell as {sign, value on its printed scale (95 for 95%), unit (printed, else the unit column)}. */
function readingOf(x: unknown, unitColumn: unknown): Reading | null {
  if (!(x instanceof Cell) || x.blank || !x.target) return null;
  const t = x.target;
  const column = isBlankText(text(unitColumn)) ? '' : fold(text(unitColumn)).replace(/\s+/g, '');
  return { sign: t.sign, value: t.percent ? t.value.times(100) : t.value, unit: t.unit !== '' ? t.unit : column };
}

export interface TargetChange {
  /** laxer | stricter | unit | direction | text */
  kind: 'laxer' | 'stricter' | 'unit' | 'direction' | 'text';
  /** The change in words. */
  detail: Localized;
}

/**
 * How a self-evaluation's 年度指标值 differs from the approved one, or null when they agree (or
 * one is blank: missing-indicator-value reports that). Numbers compare exactly (95% = 95.0%) in
 * the same unit (a unit printed on one side only, or in the unit column, is taken as the same);
 * for a "≥" (or bare) target a lower value, or ">" relaxed to "≥", is laxer; for "≤" a higher one.
 * Values that are not both numbers (「良好或以上」 vs 「良好」) compare as text.
 */
export function targetChange(value: unknown, approvedValue: unknown, unitColumn?: unknown): TargetChange | null {
  if (isBlankText(text(value)) || isBlankText(text(approvedValue))) return null;
  if (valueKey(value) === valueKey(approvedValue)) return null;
  const s = readingOf(value, unitColumn);
  const a = readingOf(approvedValue, null);
  if (!s || !a) {
    return { kind: 'text', detail: { zh: '两者文字不同', en: 'the two are worded differently' } };
  }
  if (s.unit !== '' && a.unit !== '' && s.unit !== a.unit) {
    return {
      kind: 'unit',
      detail: { zh: `单位不同（批复为「${a.unit}」，自评表为「${s.unit}」），无法比较高低`, en: `the units differ (approved "${a.unit}", here "${s.unit}"), so neither can be called laxer` },
    };
  }
  const dir = directionOf(a.sign);
  if (directionOf(s.sign) !== dir) {
    return {
      kind: 'direction',
      detail: {
        zh: `比较方向改变（批复为「${SIGN_TEXT[a.sign]}」，自评表为「${SIGN_TEXT[s.sign]}」）`,
        en: `the direction changed (approved "${SIGN_TEXT[a.sign]}", here "${SIGN_TEXT[s.sign]}")`,
      },
    };
  }
  const cmp = s.value.comparedTo(a.value);
  if (cmp !== 0) {
    const lower = cmp < 0;
    const laxer = dir === 'higher' ? lower : !lower;
    const rel = lower ? { zh: '低于', en: 'lower than' } : { zh: '高于', en: 'higher than' };
    const why =
      dir === 'higher'
        ? { zh: '「≥」类指标数值越低越宽松', en: 'for a "≥" target a lower value is laxer' }
        : { zh: '「≤」类指标数值越高越宽松', en: 'for a "≤" target a higher value is laxer' };
    return laxer
      ? { kind: 'laxer', detail: { zh: `数值${rel.zh}批复值，目标被放宽（${why.zh}）`, en: `${rel.en} the approved value: the target was relaxed (${why.en})` } }
      : { kind: 'stricter', detail: { zh: `数值${rel.zh}批复值，比批复更严`, en: `${rel.en} the approved value: stricter than approved` } };
  }
  // Same number: only a strict sign relaxed (">" → "≥") or tightened matters; a bare value reads as "≥".
  const strict = (x: Sign) => x === '>' || x === '<';
  if (strict(a.sign) === strict(s.sign)) return null;
  const relaxed = strict(a.sign);
  return relaxed
    ? {
        kind: 'laxer',
        detail: { zh: `比较符由「${SIGN_TEXT[a.sign]}」改为「${SIGN_TEXT[s.sign]}」，目标被放宽`, en: `"${SIGN_TEXT[a.sign]}" became "${SIGN_TEXT[s.sign]}": the target was relaxed` },
      }
    : {
        kind: 'stricter',
        detail: { zh: `比较符由「${SIGN_TEXT[a.sign]}」改为「${SIGN_TEXT[s.sign]}」，比批复更严`, en: `"${SIGN_TEXT[a.sign]}" became "${SIGN_TEXT[s.sign]}": stricter than approved` },
      };
}

// ---------- declarations ----------

const PAIR = obj({ index: NUM, name: STR, target: CELL, unit: CELL, approved: CELL, approvedRow: NUM, approvedName: STR });
const MISSING = obj({ row: NUM, name: STR, levels: STR, value: STR });
const ADDED = obj({ index: NUM, name: STR });
const CHANGE = obj({ kind: STR, detail: LOCALIZED });

export const TARGET_OPERATIONS: Readonly<Record<string, OperationSpec>> = {
  approvedPairs: {
    fn: approvedPairs,
    args: ['list', 'value'],
    result: arr(PAIR),
    doc: {
      zh: '自评表指标与批复指标按名称配对（忽略「指标1：」等编号、空格、全半角；两边都有一级/二级指标时须一致）：[{index, name, target, unit, approved, approvedRow, approvedName}]；无对应批复时为空列表',
      en: 'self-evaluation indicators paired with approved ones by name (numbering such as 指标1：, spaces and width ignored; levels must agree where both print them): [{index, name, target, unit, approved, approvedRow, approvedName}]; empty without an approved table',
    },
    example: '{approvedPairs: [{var: root.indicators}, {var: approved}]}',
  },
  approvedMissing: {
    fn: approvedMissing,
    args: ['list', 'value'],
    result: arr(MISSING),
    doc: {
      zh: '批复中有而自评表中没有的指标：[{row, name, levels, value}]（批复表中重复的行算一个）',
      en: 'approved indicators absent from the self-evaluation: [{row, name, levels, value}] (a row repeated in the approved table counts once)',
    },
    example: '{approvedMissing: [{var: root.indicators}, {var: approved}]}',
  },
  unapproved: {
    fn: unapproved,
    args: ['list', 'value'],
    result: arr(ADDED),
    doc: { zh: '自评表中未经批复的指标：[{index, name}]', en: 'self-evaluation indicators that were never approved: [{index, name}]' },
    example: '{unapproved: [{var: root.indicators}, {var: approved}]}',
  },
  targetChange: {
    fn: targetChange,
    args: ['value', 'value'],
    optional: ['value'],
    result: opt(CHANGE),
    doc: {
      zh: "年度指标值与批复值的差别：{kind: 'laxer'（放宽）| 'stricter'（更严）| 'unit'（单位不同）| 'direction'（方向改变）| 'text'（文字不同）, detail}，相同或有一方为空时为 null。数值精确比较；「≥」类数值越低越宽松，「≤」类越高越宽松",
      en: "how an annual target differs from the approved one: {kind: 'laxer' | 'stricter' | 'unit' | 'direction' | 'text', detail}, null when they agree or one is blank. Numbers compare exactly; for ≥ a lower value is laxer, for ≤ a higher one",
    },
    example: '{targetChange: [{var: pair.target}, {var: pair.approved}, {var: pair.unit}]}',
  },
};
