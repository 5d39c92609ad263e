/**
 * Values as people print them on the forms ("1,519.94", "99.98%", "≥95%", "8次", "　")
 * turned into exact decimals that remember their printed precision.
 */
import { COMPLETION_DONE, COMPLETION_NONE, COMPLETION_PARTIAL } from '../vocabulary.js';
import { Decimal } from 'decimal.js';

/** How a field of the canonical submission is to be read (`x-kind` in the JSON Schemas). */
export type Kind =
  | 'amount' // money in the submission's unit (万元 or 元)
  | 'rate' // a percentage: "99.98%", "94" (percent), 0.9998 (fraction)
  | 'coefficient' // a scoring coefficient: "100%", "1"
  | 'weight' // points: "10", "10%" (read as 10 points), "10分"
  | 'score' // points
  | 'number' // a plain count or number
  | 'target' // an indicator value: "≥95%", "8次", "不低于90%", "优"
  | 'completion' // 已完成 / 部分完成 / 未完成
  | 'text';

export type Sign = '>=' | '<=' | '>' | '<' | '=';

export interface Target {
  sign: Sign;
  value: Decimal;
  half: Decimal;
  unit: string;
  percent: boolean;
}

export type Completion = 'done' | 'partial' | 'none';

/** A printed value, normalized. `text` is always what was printed. */
export class Cell {
  readonly text: string;
  readonly kind: Kind;
  readonly blank: boolean;
  /** Exact value in canonical units (fraction for rates and coefficients). */
  readonly value: Decimal | null;
  /** Half a unit of the last printed digit, in the same units as `value`. */
  readonly half: Decimal | null;
  /** Printed with a % sign. */
  readonly percent: boolean;
  /** A rate or coefficient printed without % and read as a percentage ("94" → 94%). */
  readonly assumedPercent: boolean;
  /** Non-blank, must be a number, and is not one ("454.O6"). */
  readonly invalid: boolean;
  readonly target: Target | null;
  readonly completion: Completion | null;
  /** Unit printed after the number ("次", "万元"). */
  readonly unit: string;
  /** Decimals printed (2 for "40.39"); for an integer, the precision of its column may apply (see normalize). */
  readonly scale: number;

  constructor(init: Partial<Cell> & { text: string; kind: Kind }) {
    this.text = init.text;
    this.kind = init.kind;
    this.blank = init.blank ?? false;
    this.value = init.value ?? null;
    this.half = init.half ?? null;
    this.percent = init.percent ?? false;
    this.assumedPercent = init.assumedPercent ?? false;
    this.invalid = init.invalid ?? false;
    this.target = init.target ?? null;
    this.completion = init.completion ?? null;
    this.unit = init.unit ?? '';
    this.scale = init.scale ?? 0;
  }

  /** This cell read at `scale` decimals: an integer printed in a column of decimals ("130" among
   * "40.39" …) stands for 130.00, so its half unit is that of the column. */
  withScale(scale: number): Cell {
    if (this.half === null || this.value === null || scale <= this.scale || this.half.isZero()) return this;
    const half = this.half.times(new Decimal(10).pow(this.scale - scale));
    return new Cell({ ...this, half, scale });
  }

  toString(): string {
    return this.text;
  }
}

/** Texts that mean "nothing here" (RULES.md). */
const BLANK_WORDS = new Set(['/', '／', '—', '——', '-', '－', '--', '无', '暂无', '不适用', 'N/A', 'n/a']);

/** Fold full-width forms (１２３, ％, ．, ＞) to ASCII and trim every kind of space. */
export function fold(text: string): string {
  // printable ASCII without spaces is its own NFKC form, with nothing to collapse or trim
  if (PLAIN.test(text)) return text;
  if (text.length > MAX_FOLDED_KEY) return foldNow(text);
  let folded = FOLDED.get(text);
  if (folded === undefined) {
    folded = foldNow(text);
    if (FOLDED.size >= MAX_FOLDED) FOLDED.clear();
    FOLDED.set(text, folded);
  }
  return folded;
}

const PLAIN = /^[\x21-\x7e]*$/;

function foldNow(text: string): string {
  return text.normalize('NFKC').replace(/[\s\u3000\u00a0]+/g, ' ').trim();
}

/**
 * Short texts folded already: the same units, signs and words ("万元", "≥95%", "已完成") recur in
 * every row and file. Keys of at most 12 characters are never slices of a file's text in V8, so
 * the cache keeps no file alive; it is emptied when full.
 */
const FOLDED = new Map<string, string>();
const MAX_FOLDED = 4096;
const MAX_FOLDED_KEY = 12;

export function isBlankText(text: string): boolean {
  const t = fold(text);
  return t === '' || BLANK_WORDS.has(t);
}

interface ParsedNumber {
  value: Decimal;
  scale: number;
  percent: boolean;
  unit: string;
}

const NUMBER_RE = /^([+-]?)(\d{1,3}(?:,\d{3})+|\d+)?(?:\.(\d+))?$/;

/** Parse "1,519.94", "99.98%", "１２３", "8次", "14,227,418.02元". Units other than % are returned. */
export function parseNumber(text: string): ParsedNumber | null {
  let t = fold(text).replace(/\s+/g, '');
  let percent = false;
  let unit = '';
  const unitMatch = /^(.*?\d)(%|[^\d.,%+-]+)$/.exec(t);
  if (unitMatch) {
    t = unitMatch[1] as string;
    const u = unitMatch[2] as string;
    if (u === '%') percent = true;
    else unit = u;
  }
  const m = NUMBER_RE.exec(t);
  if (!m || (m[2] === undefined && m[3] === undefined)) return null;
  const intPart = (m[2] ?? '0').replace(/,/g, '');
  const frac = m[3] ?? '';
  const value = new Decimal(`${m[1] ?? ''}${intPart}${frac ? `.${frac}` : ''}`);
  return { value, scale: frac.length, percent, unit };
}

/** Half a unit of the last of `scale` printed decimals (immutable decimals, made once per scale). */
const HALVES: Decimal[] = [];

function halfUnit(scale: number): Decimal {
  let h = HALVES[scale];
  if (h === undefined) {
    h = new Decimal(5).times(new Decimal(10).pow(-(scale + 1)));
    if (scale >= 0 && scale < 64) HALVES[scale] = h;
  }
  return h;
}

const ZERO = new Decimal(0);
const ONE = new Decimal(1);
const HUNDRED = new Decimal(100);

/** Decimals of JS numbers already made: rules compare with the same literals and settings (0, 10, 90, 100 …)
 * in every item of every file; decimals are immutable, so one is shared (a bounded cache, emptied when full). */
const NUMBER_DECIMALS = new Map<number, Decimal>();

/** The exact decimal of a finite JS number, as its shortest printed form ("0.1", not 0.1000000000000000055…). */
export function decimalOfNumber(n: number): Decimal {
  let d = NUMBER_DECIMALS.get(n);
  if (d === undefined) {
    d = new Decimal(String(n));
    if (NUMBER_DECIMALS.size >= 1024) NUMBER_DECIMALS.clear();
    NUMBER_DECIMALS.set(n, d);
  }
  return d;
}

/** A Map, not an object: a unit printed as "constructor" must not reach Object.prototype. */
const MONEY_FACTORS = new Map<string, Decimal>([
  ['元', new Decimal(1)],
  ['万元', new Decimal(10000)],
  ['亿元', new Decimal(100000000)],
]);

/** How many 元 one unit of a money unit is (元 1, 万元 10000, 亿元 100000000); undefined for anything else. */
export function moneyFactor(unit: string): Decimal | undefined {
  return MONEY_FACTORS.get(unit);
}

export interface NormalizeContext {
  /** The submission's declared money unit. */
  moneyUnit: '万元' | '元';
}

const SIGN_WORDS: Array<[RegExp, Sign]> = [
  [/^(≥|>=|=>|不低于|不少于|大于等于|大于或等于|至少|不小于)/, '>='],
  [/^(≤|<=|=<|不高于|不超过|不多于|小于等于|小于或等于|至多|不大于)/, '<='],
  [/^(>|大于|高于|超过|多于)/, '>'],
  [/^(<|小于|低于|少于)/, '<'],
  [/^(=|等于)/, '='],
];

/** Parse an indicator value: "≥95%", "≤10%", "＞8", "不低于90%", "8次", "252名", "100%以上". */
const COMPOUND_UNIT = /^[^\d/]{1,3}\/[^\d/]{1,5}$/;

export function parseTarget(text: string): Target | null {
  let t = fold(text).replace(/\s+/g, '');
  let sign: Sign = '=';
  for (const [re, s] of SIGN_WORDS) {
    const m = re.exec(t);
    if (m) {
      sign = s;
      t = t.slice(m[0].length);
      break;
    }
  }
  const suffix = /(以上|及以上|以下|及以下|以内)$/.exec(t);
  if (suffix) {
    t = t.slice(0, suffix.index);
    if (sign === '=') sign = suffix[1]?.includes('上') ? '>=' : '<=';
  }
  const m = /^([+-]?\d[\d,]*(?:\.\d+)?|[+-]?\.\d+)(.*)$/.exec(t);
  if (!m) return null;
  const num = parseNumber(m[1] as string);
  if (!num) return null;
  const unit = (m[2] ?? '').trim();
  // a unit is short (人次, 公里, %); a compound one per person and period is longer (元/人·月, 元/人*月)
  if ((unit.length > 4 && !COMPOUND_UNIT.test(unit)) || /\d/.test(unit)) return null;
  const percent = unit === '%';
  const factor = percent ? HUNDRED : ONE;
  return {
    sign,
    value: num.value.div(factor),
    half: halfUnit(num.scale).div(factor),
    unit,
    percent,
  };
}

export function parseCompletion(text: string): Completion | null {
  const t = fold(text);
  if (COMPLETION_NONE.test(t)) return 'none';
  if (COMPLETION_PARTIAL.test(t)) return 'partial';
  if (COMPLETION_DONE.test(t)) return 'done';
  return null;
}

/** Normalize one printed value of a field of the given kind. `raw` is a JSON value. */
export function normalizeValue(raw: unknown, kind: Kind, ctx: NormalizeContext, sourceText?: string): Cell {
  const text =
    raw === null || raw === undefined
      ? ''
      : typeof raw === 'number'
        ? (sourceText ?? String(raw))
        : typeof raw === 'string'
          ? raw
          : JSON.stringify(raw);
  const trimmed = text.replace(/^[\s\u3000]+|[\s\u3000]+$/g, '');
  if (isBlankText(text)) return new Cell({ text: trimmed, kind, blank: true });

  switch (kind) {
    case 'text':
      return new Cell({ text: trimmed, kind });
    case 'completion':
      return new Cell({ text: trimmed, kind, completion: parseCompletion(text) });
    case 'target': {
      const target = parseTarget(text);
      return new Cell({
        text: trimmed,
        kind,
        target,
        value: target?.value ?? null,
        half: target?.half ?? null,
        percent: target?.percent ?? false,
        unit: target?.unit ?? '',
      });
    }
    default:
      return numericCell(trimmed, kind, ctx);
  }
}

function numericCell(text: string, kind: Kind, ctx: NormalizeContext): Cell {
  const invalid = () => new Cell({ text, kind, invalid: true });
  const n = parseNumber(text);
  if (!n) return invalid();
  let value = n.value;
  // A printed zero is exact: nothing was budgeted or spent (「0」 is not ±0.5).
  let half = n.value.isZero() ? ZERO : halfUnit(n.scale);
  let assumedPercent = false;
  switch (kind) {
    case 'amount': {
      if (n.percent) return invalid();
      if (n.unit) {
        const from = MONEY_FACTORS.get(n.unit);
        const to = MONEY_FACTORS.get(ctx.moneyUnit);
        if (!from || !to) return invalid();
        value = value.times(from).div(to);
        half = half.times(from).div(to);
      }
      break;
    }
    case 'rate':
    case 'coefficient': {
      if (n.unit) return invalid();
      if (n.percent || value.abs().gt(1.5)) {
        assumedPercent = !n.percent;
        value = value.div(100);
        half = half.div(100);
      }
      break;
    }
    case 'weight':
    case 'score': {
      if (n.unit && n.unit !== '分') return invalid();
      break;
    }
    case 'number':
      break;
  }
  return new Cell({ text, kind, value, half, percent: n.percent, assumedPercent, unit: n.unit, scale: n.scale });
}
