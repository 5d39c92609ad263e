/**
 * Operations on what a report (or a form's problems and measures) says in words: an indicator value
 * written as a sentence with one figure (「至少全年完成2次宣传」), and problems stated without measures
 * (the measures missing, or 「无」). Registered in ./index.ts (REPORT_CLAIM_OPERATIONS). Browser-safe.
 */
import { Decimal } from 'decimal.js';
import { Cell, fold } from '../../normalize/value.js';
import { joinPointer } from '../../types.js';
import { arr, DEC, NUM, obj, opt, STR } from '../types.js';
import { saysNone } from './completeness.js';
import type { OperationSpec } from './index.js';
import { text } from './text.js';

// ---------- a value written as a sentence ----------

export interface PhrasedMeasure {
  sign: '>=' | '<=' | '=';
  value: Decimal;
  unit: string;
}

/** Counting units and amounts a sentence-like target may give its one figure in. */
const PHRASED_UNIT = /^(人次|公里|平方米|万元|亿元|元|次|个|项|人|名|户|场|期|篇|家|所|辆|台|套|亩|天|日|件|批|条|份|本|座|处|吨|株|只|头)/;
const FLOOR = /至少|不少于|不低于|不小于|以上|≥|>=|大于等于/;
const CEILING = /至多|不超过|不高于|不多于|不大于|以内|以下|≤|<=|小于等于/;

/**
 * An indicator value written as a sentence around one figure with its counting unit: 「至少全年完成2次宣传」
 * → ≥ 2 次, 「全年不超过3次」 → ≤ 3 次. Null unless the text holds exactly one number, followed by a unit
 * of the list (次, 个, 人, 万元 …), with no % and no date or range (「1-12月」 has two numbers). A value
 * that parses as printed (「≥2次」) is `measure`'s, not this one's.
 */
export function phrasedMeasure(x: unknown): PhrasedMeasure | null {
  const t = fold(text(x)).replace(/\s+/g, '');
  if (t === '' || t.length > 40 || /%|％/.test(t)) return null;
  const numbers = [...t.matchAll(/\d+(?:\.\d+)?/g)];
  if (numbers.length !== 1) return null;
  const m = numbers[0] as RegExpMatchArray;
  const after = t.slice((m.index ?? 0) + m[0].length);
  const unit = PHRASED_UNIT.exec(after)?.[1];
  if (!unit) return null;
  // a year, a month or a day is not a count: 「2020年」「12月」
  if (/^(年|月|日|号)/.test(after)) return null;
  const sign = FLOOR.test(t) ? '>=' : CEILING.test(t) ? '<=' : '=';
  if (FLOOR.test(t) && CEILING.test(t)) return null;
  return { sign, value: new Decimal(m[0]), unit };
}

// ---------- problems stated, no measures ----------

/** Words of a measure written inside the problems text: 「下一步将加强…」, 「建议…」. */
const MEASURE_WORDS = /下一步|措施|建议|整改|改进|将进一步|今后|拟|计划/;

export interface MissingMeasures {
  /** Where the finding points: the measures (printed 「无」) or the problems (measures not written). */
  pointer: string;
  problems: string;
  /** The measures as printed ('' when none were written). */
  measures: string;
}

const isRec = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x) && !(x instanceof Cell);
const blankText = (x: unknown): boolean => text(x).replace(/[\s\u3000。.;；:：/—\-－]/g, '') === '';
/** The measures say none: blank as printed, or 「无」「暂无」「没有」. */
const saysNoMeasures = (x: unknown): boolean => blankText(x) || /^(无|暂无|尚无|没有|不涉及|无措施|无改进措施)[。.；;]?$/.test(fold(text(x)).replace(/\s+/g, ''));

/**
 * Problems stated (a problems text that is not 「无」) while the measures are 「无」 or blank — or, in a
 * report that reaches its end (`reading.stops` false), missing altogether, with no measure written in
 * the problems text itself (「存在的问题及改进措施」 in one section). A form's measures are judged only
 * where the form has the field (a label read); a report cut short is judged only on a printed 「无」.
 * Each project of a summary table: its problems against its remedies.
 */
export function missingMeasures(root: unknown): MissingMeasures[] {
  if (!isRec(root)) return [];
  const out: MissingMeasures[] = [];
  const stated = (p: unknown) => !blankText(p) && !saysNone(p);
  if (stated(root.problems)) {
    const problems = text(root.problems);
    if ('measures' in root && root.measures !== undefined && root.measures !== null) {
      if (saysNoMeasures(root.measures)) out.push({ pointer: '/measures', problems, measures: text(root.measures).trim() });
    } else if (root.form === 'department-report') {
      // only when the reader found the text whole (a report written as YAML without `reading` is not judged)
      const reading = isRec(root.reading) ? root.reading : {};
      const whole = reading.stops instanceof Cell ? reading.stops.text === 'false' : reading.stops === false;
      if (whole && !MEASURE_WORDS.test(fold(problems))) out.push({ pointer: '/problems', problems, measures: '' });
    }
  }
  const projects = Array.isArray(root.projects) ? root.projects : [];
  projects.forEach((p, i) => {
    if (!isRec(p) || !stated(p.problems) || !('remedies' in p) || p.remedies === undefined || p.remedies === null) return;
    if (saysNoMeasures(p.remedies)) out.push({ pointer: joinPointer('/projects', i, 'remedies'), problems: text(p.problems), measures: text(p.remedies).trim() });
  });
  return out;
}

// ---------- a count stated against the items listed ----------

export interface ItemCountGap {
  pointer: string;
  what: string;
  stated: string;
  listed: number;
  names: string;
}

/**
 * Counts stated with their items (`itemCounts`, src/load/report.ts: 「…等12个科室」, 「下设2个管理机构,一是…二是…」,
 * 「涉及…项目3个」 and the project paragraphs) that disagree: more items listed than the count says, or — when
 * the list is complete (not 「等」, not cut by the end of the text) — fewer.
 */
export function itemCountGaps(root: unknown): ItemCountGap[] {
  if (!isRec(root) || !Array.isArray(root.itemCounts)) return [];
  const out: ItemCountGap[] = [];
  root.itemCounts.forEach((c, i) => {
    if (!isRec(c) || !Array.isArray(c.listed)) return;
    const stated = c.count instanceof Cell ? c.count.value : null;
    if (stated === null || stated === undefined) return;
    const listed = c.listed.length;
    const complete = c.complete instanceof Cell ? c.complete.text === 'true' : c.complete === true;
    if (stated.eq(listed) || (stated.gt(listed) && !complete)) return;
    const names = c.listed.map((x) => text(x)).filter((x) => x !== '');
    out.push({ pointer: joinPointer('/itemCounts', i, 'count'), what: text(c.what), stated: text(c.count), listed, names: names.length <= 12 ? names.join('、') : `${names.slice(0, 12).join('、')}……` });
  });
  return out;
}

const MISSING = obj({ pointer: STR, problems: STR, measures: STR });
const COUNT_GAP = obj({ pointer: STR, what: STR, stated: STR, listed: NUM, names: STR });

export const REPORT_CLAIM_OPERATIONS: Readonly<Record<string, OperationSpec>> = {
  phrasedMeasure: {
    fn: phrasedMeasure,
    args: ['value'],
    result: opt(obj({ sign: STR, value: DEC, unit: STR })),
    doc: {
      zh: '写成一句话的指标值中的唯一数值及其计量单位（「至少全年完成2次宣传」→ ≥2 次）：{sign, value, unit} 或 null',
      en: 'the one figure and counting unit of an indicator value written as a sentence (「至少全年完成2次宣传」 → ≥ 2 次): {sign, value, unit} or null',
    },
    example: '{phrasedMeasure: [{var: item.target}]}',
  },
  itemCountGaps: {
    fn: itemCountGaps,
    args: ['object'],
    result: arr(COUNT_GAP),
    doc: {
      zh: '写明的个数与同一句所列名目不符之处（所列多于个数；名目完整时少于个数）：[{pointer, what, stated, listed, names}]',
      en: 'stated counts that disagree with the items listed with them (more listed; or fewer, when the list is complete): [{pointer, what, stated, listed, names}]',
    },
    example: '{itemCountGaps: [{var: root}]}',
  },
  missingMeasures: {
    fn: missingMeasures,
    args: ['object'],
    result: arr(MISSING),
    doc: {
      zh: '写明了存在的问题、改进措施却填「无」或空缺（报告读到结尾而未写措施的也算）之处：[{pointer, problems, measures}]',
      en: 'problems stated while the measures are 「无」 or blank (or, in a report that reaches its end, not written): [{pointer, problems, measures}]',
    },
    example: '{missingMeasures: [{var: root}]}',
  },
};
