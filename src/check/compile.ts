/**
 * The rule compiler: a rule's json-logic expressions and message templates become plain
 * JavaScript closures once, at load, after checking them:
 * - every operation exists (built-in or declared in ops/index.ts) and gets the number and
 *   kinds of arguments it declares;
 * - every `var` path and `{placeholder}` names something the rule defines: a field of the
 *   item or root (per the form schemas), an option, a shared setting, a `let` or `each` name;
 * - a Cell is never used as a bare condition (use blank / known).
 * A problem is a CompileError carrying the path of the offending YAML node.
 *
 * Three-valued logic: a test that cannot decide (a blank operand) yields UNKNOWN, which `!`
 * keeps, `and`/`or` combine per Kleene, `if` treats as not true, and a condition that is
 * UNKNOWN never fires. Raw comparisons (<, >, <=, >=, ==, !=, ===, !==) are Cell-aware: a
 * Cell or decimal operand is compared by its exact value, and a blank one makes the result
 * UNKNOWN (see docs/rule-language.md).
 */
import { distance as levenshtein } from 'fastest-levenshtein';
import { suggestedLike } from './ops/decimal.js';
import { Decimal } from 'decimal.js';
import { Cell, decimalOfNumber, parseNumber } from '../normalize/value.js';
import type { Lang, Localized } from '../types.js';
import * as d from './ops/decimal.js';
import { OPERATIONS, resultType, type ArgKind, type OperationSpec } from './ops/index.js';
import { formatValue, render } from './template.js';
import { ANY, arr, BOOL, DEC, elementOf, literalTy, member, memberNames, obj, opt, STR, tyName, union, type Ty } from './types.js';

/** The value of a test that cannot be decided. */
export const UNKNOWN: unique symbol = Symbol('unknown');
export type Unknown = typeof UNKNOWN;

/** A compiled expression: evaluates against the rule's data (or a list element inside map/filter). */
export type Fn = (data: unknown) => unknown;

export type Path = ReadonlyArray<string | number>;

/** A refusal: what is wrong (zh and en) and where in the rule file. */
export class CompileError extends Error {
  constructor(
    readonly path: Path,
    readonly text: Localized,
  ) {
    super(text.en);
  }
}

/** An operation threw at run time: which one, and on which line of the rule file. */
export class RuleFailure extends Error {
  constructor(
    readonly operation: string,
    readonly line: number,
  ) {
    super(`operation ${operation} failed`);
  }
}

/** What a `var` or placeholder may start with, and the types. */
export interface Scope {
  names: Map<string, Ty>;
  /** `let` names defined after the expression being compiled. */
  later: ReadonlySet<string>;
}

interface ElementScope {
  element: Ty;
}

type AnyScope = Scope | ElementScope;

/** Everything the compiler needs besides the expression. */
export interface CompileContext {
  /** Localized texts ({zh, en} literals) met in expressions, checked once every name is known. */
  texts: Array<{ path: Path; text: string }>;
  /** The YAML line of a path (for run-time failures). */
  lineOf?: (path: Path) => number;
}

/** The longest text a rule may build (characters). */
export const MAX_TEXT = 1_000_000;

export const FILTERS = new Set(['pct', 'fixed', 'range', 'mid', 'as']);

// ---------- truth ----------

/** The truth of a value: true, false or UNKNOWN. A blank Cell is false; UNKNOWN stays unknown. */
export function truth(v: unknown): boolean | Unknown {
  if (v === true || v === false) return v;
  if (v === UNKNOWN) return UNKNOWN;
  if (v === null || v === undefined) return false;
  if (typeof v === 'number') return v !== 0 && !Number.isNaN(v);
  if (typeof v === 'string') return v !== '';
  if (Array.isArray(v)) return v.length > 0;
  if (v instanceof Cell) return !v.blank;
  if (v instanceof Decimal) return !v.isZero();
  return true;
}

// ---------- Cell-aware comparison ----------

/** A Cell, decimal, number or numeric text as an exact number; UNKNOWN for a blank Cell; else undefined. */
function numeric(x: unknown): Decimal | Unknown | undefined {
  if (x instanceof Decimal) return x;
  if (x instanceof Cell) return x.value ?? (x.blank ? UNKNOWN : undefined);
  if (typeof x === 'number') return Number.isFinite(x) ? decimalOfNumber(x) : undefined;
  if (typeof x === 'string') return parseNumber(x)?.value ?? undefined;
  return undefined;
}

/** a < b etc.: numbers only; UNKNOWN when either is blank, unknown or not a number. */
function order(a: unknown, b: unknown): number | Unknown {
  if (typeof a === 'number' && typeof b === 'number') return a < b ? -1 : a > b ? 1 : 0;
  const x = numeric(a);
  const y = numeric(b);
  if (x === undefined || y === undefined || x === UNKNOWN || y === UNKNOWN) return UNKNOWN;
  return x.comparedTo(y);
}

/** Equality: Cells and decimals by exact value (a blank Cell is unknown), null only equals null. */
export function equal(a: unknown, b: unknown): boolean | Unknown {
  if (a === UNKNOWN || b === UNKNOWN) return UNKNOWN;
  if (a === null || a === undefined || b === null || b === undefined) return (a === null || a === undefined) === (b === null || b === undefined);
  if (a instanceof Cell || b instanceof Cell || a instanceof Decimal || b instanceof Decimal) {
    const x = numeric(a);
    const y = numeric(b);
    if (x === UNKNOWN || y === UNKNOWN) return UNKNOWN;
    if (x !== undefined && y !== undefined) return x.eq(y);
    const text = (v: unknown) => (v instanceof Cell ? v.text.trim() : typeof v === 'string' ? v : undefined);
    const s = text(a);
    const t = text(b);
    return s !== undefined && s === t;
  }
  if (typeof a === 'number' && typeof b === 'string') return numeric(b) !== undefined && (numeric(b) as Decimal).eq(a);
  if (typeof a === 'string' && typeof b === 'number') return equal(b, a);
  return a === b;
}

// ---------- helpers ----------

function isRecord(x: unknown): x is Record<string, unknown> {
  return x !== null && typeof x === 'object' && !Array.isArray(x);
}

function isScope(s: AnyScope): s is Scope {
  return 'names' in s;
}

function refuse(path: Path, zh: string, en: string): never {
  throw new CompileError(path, { zh, en });
}

/** Levenshtein distance (for "did you mean"): fastest-levenshtein, a small, maintained, browser-safe package. */
export const distance: (a: string, b: string) => number = levenshtein;

export function closest(word: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  for (const c of candidates) {
    const dist = distance(word.toLowerCase(), c.toLowerCase());
    if (dist < bestD) {
      best = c;
      bestD = dist;
    }
  }
  return best !== undefined && bestD <= Math.max(2, Math.floor(word.length / 3)) ? best : undefined;
}

function suggestion(word: string, candidates: Iterable<string>): Localized {
  const c = closest(word, candidates);
  return c === undefined ? { zh: '', en: '' } : { zh: `（是否应为「${c}」？）`, en: ` (did you mean "${c}"?)` };
}

// ---------- paths ----------

/**
 * The type at a dotted path, or a refusal. `what` names the path in messages: `var "a.b"`
 * or `placeholder {a.b}`.
 */
function resolvePath(segs: readonly string[], scope: AnyScope, path: Path, what: Localized): Ty {
  let ty: Ty;
  let rest = segs;
  let prefix: string;
  if (isScope(scope)) {
    const [first = '', ...others] = segs;
    if (first === '') refuse(path, `${what.zh}：路径为空`, `${what.en}: empty path`);
    const known = scope.names.get(first);
    if (known === undefined) {
      if (scope.later.has(first)) {
        refuse(path, `${what.zh}：「${first}」在后面的 let 中才定义，此处还不能用`, `${what.en}: "${first}" is defined by a later let and cannot be used here`);
      }
      const s = suggestion(first, scope.names.keys());
      refuse(
        path,
        `${what.zh}：未定义「${first}」${s.zh}（可用：${[...scope.names.keys()].join('、')}）`,
        `${what.en}: "${first}" is not defined${s.en} (known: ${[...scope.names.keys()].join(', ')})`,
      );
    }
    ty = known;
    rest = others;
    prefix = first;
  } else {
    ty = scope.element;
    prefix = '';
  }
  for (const seg of rest) {
    const next = member(ty, seg);
    if (next === undefined) {
      const settings = isScope(scope) && prefix === 'options' ? scope.names.get('settings') : undefined;
      const shared = settings && member(settings, seg) !== undefined ? `settings.${seg}` : undefined;
      const s = shared
        ? { zh: `（这是共享设置，请用「${shared}」）`, en: ` (a shared setting: use "${shared}")` }
        : suggestion(seg, memberNames(ty));
      const owner = prefix === '' ? { zh: '列表元素', en: 'the list element' } : { zh: prefix, en: prefix };
      refuse(path, `${what.zh}：${owner.zh} 没有字段「${seg}」${s.zh}`, `${what.en}: ${owner.en} has no field "${seg}"${s.en}`);
    }
    ty = next;
    prefix = prefix === '' ? seg : `${prefix}.${seg}`;
  }
  return ty;
}

/** A getter for a dotted path with json-logic's `var` semantics (null when missing). */
export function getter(segs: readonly string[], fallback: Fn | null = null): Fn {
  const miss: Fn = fallback ?? (() => null);
  if (segs.length === 0) return (x) => (x === undefined ? miss(x) : x);
  if (segs.length === 1) {
    const a = segs[0] as string;
    return (x) => {
      if (x === null || x === undefined) return miss(x);
      const v = (x as Record<string, unknown>)[a];
      return v === undefined ? miss(x) : v;
    };
  }
  if (segs.length === 2) {
    const a = segs[0] as string;
    const b = segs[1] as string;
    return (x) => {
      if (x === null || x === undefined) return miss(x);
      const v = (x as Record<string, unknown>)[a];
      if (v === null || v === undefined) return miss(x);
      const w = (v as Record<string, unknown>)[b];
      return w === undefined ? miss(x) : w;
    };
  }
  return (x) => {
    let cur: unknown = x;
    for (const s of segs) {
      if (cur === null || cur === undefined) return miss(x);
      cur = (cur as Record<string, unknown>)[s];
      if (cur === undefined) return miss(x);
    }
    return cur;
  };
}

// ---------- argument kinds ----------

const KIND_NAME: Record<ArgKind, Localized> = {
  number: { zh: '数值', en: 'a number' },
  list: { zh: '列表', en: 'a list' },
  object: { zh: '对象', en: 'an object' },
  string: { zh: '文字', en: 'text' },
  value: { zh: '任意值', en: 'any value' },
};

/** Can a value of type `ty` be passed where `kind` is declared? Unions pass when one member does. */
function fits(ty: Ty, kind: ArgKind): boolean {
  if (kind === 'value' || ty.t === 'any' || ty.t === 'null') return true;
  switch (ty.t) {
    case 'union':
      return ty.of.some((x) => x.t !== 'null' && fits(x, kind));
    case 'cell':
    case 'decimal':
    case 'number':
    case 'interval':
      return kind === 'number';
    case 'string':
      if (kind === 'number') return ty.value === undefined || parseNumber(ty.value) !== null;
      return kind === 'string';
    case 'boolean':
      return false;
    case 'localized':
      return false;
    case 'object':
      return kind === 'object';
    case 'array':
      return kind === 'list' || kind === 'object';
    default:
      return true;
  }
}

// ---------- the compiler ----------

interface Compiled {
  fn: Fn;
  ty: Ty;
}

const constant = (v: unknown): Fn => () => v;

/** Compile one json-logic expression. `path` is where it sits in the rule file. */
export function compileLogic(node: unknown, path: Path, scope: AnyScope, ctx: CompileContext): Compiled {
  if (node === null || typeof node !== 'object') return { fn: constant(node ?? null), ty: literalTy(node) };
  if (Array.isArray(node)) {
    const items = node.map((x, i) => compileLogic(x, [...path, i], scope, ctx));
    const fns = items.map((x) => x.fn);
    return { fn: (data) => fns.map((f) => f(data)), ty: arr(items.length === 0 ? ANY : union(...items.map((x) => x.ty))) };
  }
  const keys = Object.keys(node);
  if (keys.length !== 1) {
    // data, not an operation: a {zh, en} text (rendered later) or a mapping
    const o = node as Record<string, unknown>;
    if (keys.length === 2 && typeof o.zh === 'string' && typeof o.en === 'string') {
      ctx.texts.push({ path: [...path, 'zh'], text: o.zh }, { path: [...path, 'en'], text: o.en });
    }
    return { fn: constant(node), ty: literalTy(node) };
  }
  const op = keys[0] as string;
  const raw = (node as Record<string, unknown>)[op];
  const args = Array.isArray(raw) ? raw : [raw];
  const argPath = (i: number): Path => (Array.isArray(raw) ? [...path, op, i] : [...path, op]);
  // Own properties only: an operation named "constructor" or "__proto__" is unknown, not Object.prototype's.
  const builtin = Object.hasOwn(BUILTINS, op) ? BUILTINS[op] : undefined;
  if (builtin) {
    const arity = builtin.arity;
    if (args.length < arity[0] || args.length > arity[1]) arityError(op, args.length, arity, [...path, op]);
    return builtin.compile(args, argPath, scope, ctx, [...path, op]);
  }
  const spec = Object.hasOwn(OPERATIONS, op) ? OPERATIONS[op] : undefined;
  if (!spec) {
    const s = suggestion(op, [...Object.keys(OPERATIONS), ...Object.keys(BUILTINS)]);
    refuse([...path, op], `未知的操作「${op}」${s.zh}`, `unknown operation "${op}"${s.en}`);
  }
  return compileCall(op, spec, args, argPath, scope, ctx, [...path, op]);
}

function arityError(op: string, got: number, [min, max]: readonly [number, number], path: Path): never {
  const want =
    min === max
      ? { zh: `${min} 个`, en: `${min}` }
      : max === Infinity
        ? { zh: `至少 ${min} 个`, en: `at least ${min}` }
        : { zh: `${min}–${max} 个`, en: `${min}–${max}` };
  refuse(path, `「${op}」需要 ${want.zh}参数，实有 ${got} 个`, `"${op}" takes ${want.en} argument(s), got ${got}`);
}

function compileCall(name: string, spec: OperationSpec, args: readonly unknown[], argPath: (i: number) => Path, scope: AnyScope, ctx: CompileContext, path: Path): Compiled {
  const min = spec.args.length + (spec.rest && spec.args.length === 0 ? 1 : 0);
  const max = spec.rest ? Infinity : spec.args.length + (spec.optional?.length ?? 0);
  if (args.length < min || args.length > max) arityError(name, args.length, [min, max], path);
  const compiled = args.map((a, i) => compileLogic(a, argPath(i), scope, ctx));
  compiled.forEach((c, i) => {
    const kind = spec.args[i] ?? spec.optional?.[i - spec.args.length] ?? spec.rest ?? 'value';
    if (!fits(c.ty, kind)) {
      refuse(
        argPath(i),
        `「${name}」的第 ${i + 1} 个参数应为${KIND_NAME[kind].zh}，实为${tyName(c.ty, 'zh')}`,
        `argument ${i + 1} of "${name}" must be ${KIND_NAME[kind].en}, not ${tyName(c.ty, 'en')}`,
      );
    }
  });
  const fn = spec.fn as (...xs: unknown[]) => unknown;
  const undecided = spec.truth || resultType(spec, compiled.map((c) => c.ty)).t === 'boolean' ? UNKNOWN : null;
  const truthy = spec.truth === true;
  const line = ctx.lineOf?.(path) ?? 0;
  const fail = (): never => {
    throw new RuleFailure(name, line);
  };
  const fns = compiled.map((c) => c.fn);
  const ty = resultType(spec, compiled.map((c) => c.ty));
  const finish = (r: unknown) => (truthy && r === null ? UNKNOWN : r);
  let out: Fn;
  if (fns.length === 1) {
    const [f0] = fns as [Fn];
    out = (data) => {
      const a = f0(data);
      if (a === UNKNOWN) return undecided;
      try {
        return finish(fn(a));
      } catch {
        return fail();
      }
    };
  } else if (fns.length === 2) {
    const [f0, f1] = fns as [Fn, Fn];
    out = (data) => {
      const a = f0(data);
      const b = f1(data);
      if (a === UNKNOWN || b === UNKNOWN) return undecided;
      try {
        return finish(fn(a, b));
      } catch {
        return fail();
      }
    };
  } else {
    out = (data) => {
      const xs = fns.map((f) => f(data));
      if (xs.includes(UNKNOWN)) return undecided;
      try {
        return finish(fn(...xs));
      } catch {
        return fail();
      }
    };
  }
  return { fn: out, ty };
}

/** Refuse a Cell used as a bare condition: its truth would hide the difference between blank and 0. */
function condition(c: Compiled, path: Path): Compiled {
  if (c.ty.t === 'cell') {
    refuse(path, '单元格不能直接作条件：请用 blank（是否空）或 known（是否数值）判断', 'a cell is not a condition by itself: test it with blank or known');
  }
  return c;
}

interface Builtin {
  arity: readonly [number, number];
  doc: Localized;
  example: string;
  compile: (args: readonly unknown[], argPath: (i: number) => Path, scope: AnyScope, ctx: CompileContext, path: Path) => Compiled;
}

function each(args: readonly unknown[], argPath: (i: number) => Path, scope: AnyScope, ctx: CompileContext): Compiled[] {
  return args.map((a, i) => compileLogic(a, argPath(i), scope, ctx));
}

function orderOperands(op: string, cs: Compiled[], argPath: (i: number) => Path): void {
  cs.forEach((c, i) => {
    if (!fits(c.ty, 'number')) {
      refuse(argPath(i), `「${op}」只比较数值，第 ${i + 1} 个参数却是${tyName(c.ty, 'zh')}`, `"${op}" compares numbers, but argument ${i + 1} is ${tyName(c.ty, 'en')}`);
    }
  });
}

function ordering(op: string, test: (c: number) => boolean): Builtin {
  return {
    arity: op === '<' || op === '<=' ? [2, 3] : [2, 2],
    doc: {
      zh: `数值比较 ${op}（单元格按精确值；空白或非数值时为未知）${op === '<' || op === '<=' ? '；三个参数时为 a ' + op + ' b ' + op + ' c' : ''}`,
      en: `numeric ${op} (cells by their exact value; unknown when blank or not a number)${op === '<' || op === '<=' ? `; with three arguments a ${op} b ${op} c` : ''}`,
    },
    example: `{"${op}": [{var: item.score}, 5]}`,
    compile(args, argPath, scope, ctx) {
      const cs = each(args, argPath, scope, ctx);
      orderOperands(op, cs, argPath);
      const [a, b, c] = cs.map((x) => x.fn) as [Fn, Fn, Fn | undefined];
      const cmp = (x: unknown, y: unknown): boolean | Unknown => {
        if (x === UNKNOWN || y === UNKNOWN) return UNKNOWN;
        const r = order(x, y);
        return r === UNKNOWN ? UNKNOWN : test(r);
      };
      if (!c) return { fn: (data) => cmp(a(data), b(data)), ty: BOOL };
      return {
        fn: (data) => {
          const y = b(data);
          const first = cmp(a(data), y);
          if (first === false) return false;
          const second = cmp(y, c(data));
          if (second === false) return false;
          return first === UNKNOWN || second === UNKNOWN ? UNKNOWN : true;
        },
        ty: BOOL,
      };
    },
  };
}

function equality(op: string, negate: boolean): Builtin {
  return {
    arity: [2, 2],
    doc: negate
      ? { zh: `不相等（与 ${op === '!=' ? '!==' : '!='} 相同；单元格按精确值，空白为未知；与 null 比较即判断是否存在）`, en: `not equal (same as ${op === '!=' ? '!==' : '!='}; cells by exact value, blank is unknown; against null: is it present)` }
      : { zh: `相等（与 ${op === '==' ? '===' : '=='} 相同；单元格按精确值，空白为未知；与 null 比较即判断是否缺失）`, en: `equal (same as ${op === '==' ? '===' : '=='}; cells by exact value, blank is unknown; against null: is it missing)` },
    example: negate ? `{"${op}": [{var: item.target}, null]}` : `{"${op}": [{completion: [{var: item.completion}]}, done]}`,
    compile(args, argPath, scope, ctx) {
      const [a, b] = each(args, argPath, scope, ctx).map((x) => x.fn) as [Fn, Fn];
      return negate
        ? {
            fn: (data) => {
              const r = equal(a(data), b(data));
              return r === UNKNOWN ? UNKNOWN : !r;
            },
            ty: BOOL,
          }
        : { fn: (data) => equal(a(data), b(data)), ty: BOOL };
    },
  };
}

function arith(op: string, f: (...xs: unknown[]) => unknown, arity: readonly [number, number], doc: Localized): Builtin {
  return {
    arity,
    doc,
    example: `{"${op}": [{var: item.weight}, 2]}`,
    compile(args, argPath, scope, ctx) {
      const cs = each(args, argPath, scope, ctx);
      orderOperands(op, cs, argPath);
      const fns = cs.map((x) => x.fn);
      return { fn: (data) => f(...fns.map((g) => g(data))), ty: opt(DEC) };
    },
  };
}

/** The list operations: the second argument runs once per element, seeing only the element. */
function listOp(op: string, doc: Localized, example: string, make: (list: Fn, body: Fn) => Fn, resultTy: (list: Ty, body: Ty) => Ty): Builtin {
  return {
    arity: [2, 2],
    doc,
    example,
    compile(args, argPath, scope, ctx) {
      const list = compileLogic(args[0], argPath(0), scope, ctx);
      if (!fits(list.ty, 'list')) refuse(argPath(0), `「${op}」的第 1 个参数应为列表，实为${tyName(list.ty, 'zh')}`, `argument 1 of "${op}" must be a list, not ${tyName(list.ty, 'en')}`);
      const body = compileLogic(args[1], argPath(1), { element: elementOf(list.ty) }, ctx);
      return { fn: make(list.fn, body.fn), ty: resultTy(list.ty, body.ty) };
    },
  };
}

const asList = (x: unknown): unknown[] => (Array.isArray(x) ? x : []);

function text(x: unknown): string {
  if (x === UNKNOWN) return '';
  return formatValue(x, 'zh');
}

export const BUILTINS: Readonly<Record<string, Builtin>> = {
  var: {
    arity: [1, 2],
    doc: {
      zh: '取值：item.rate、root.budget、options.x、settings.x、let 或 each 的名称；缺失时为 null（或第二个参数给出的默认值）。路径在加载时按表样结构核对',
      en: 'a value by path: item.rate, root.budget, options.x, settings.x, a let or each name; null when missing (or the default given second). Paths are checked against the form schemas at load',
    },
    example: '{var: item.actual.total}',
    compile(args, argPath, scope, ctx) {
      const p = args[0];
      if (p !== null && typeof p !== 'string' && typeof p !== 'number') {
        refuse(argPath(0), 'var 的路径须直接写出（字段名本身是数据时请用 get）', 'var needs a path written out (use get when the field name is itself data)');
      }
      const segs = p === null || p === '' ? [] : String(p).split('.');
      const label = { zh: `var「${String(p ?? '')}」`, en: `var "${String(p ?? '')}"` };
      let ty: Ty;
      if (segs.length === 0) {
        if (isScope(scope)) refuse(argPath(0), `${label.zh}：路径为空`, `${label.en}: empty path`);
        ty = scope.element;
      } else {
        ty = resolvePath(segs, scope, argPath(0), label);
      }
      const dflt = args.length > 1 ? compileLogic(args[1], argPath(1), scope, ctx) : undefined;
      return { fn: getter(segs, dflt ? dflt.fn : null), ty: dflt ? union(ty, dflt.ty) : ty };
    },
  },
  if: {
    arity: [1, Infinity],
    doc: {
      zh: '条件选择 [test, then, test2, then2, …, else]：只有条件为真时取 then（未知按不真处理）',
      en: 'choice [test, then, test2, then2, …, else]: then only when the test is true (unknown counts as not true)',
    },
    example: '{if: [{lt: [{var: rate}, 0.6]}, error, warning]}',
    compile: compileIf,
  },
  '?:': {
    arity: [3, 3],
    doc: { zh: '同 if 的三个参数形式', en: 'the three-argument form of if' },
    example: '{"?:": [{var: explained}, info, warning]}',
    compile: compileIf,
  },
  and: {
    arity: [1, Infinity],
    doc: { zh: '并且（三值逻辑：有假即假；否则有未知即未知）', en: 'and, three-valued: false if any is false; else unknown if any is unknown' },
    example: '{and: [{known: [{var: item.score}]}, {blank: [{var: item.explanation}]}]}',
    compile: kleene(false),
  },
  or: {
    arity: [1, Infinity],
    doc: { zh: '或者（三值逻辑：有真即真；否则有未知即未知）', en: 'or, three-valued: true if any is true; else unknown if any is unknown' },
    example: '{or: [{"!": {blank: [{var: item.problems}]}}, {"!": {blank: [{var: item.remedies}]}}]}',
    compile: kleene(true),
  },
  '!': {
    arity: [1, 1],
    doc: { zh: '非；未知的非仍是未知', en: 'not; not unknown is unknown' },
    example: '{"!": {consistent: [{var: item.rate}, {var: computed}]}}',
    compile(args, argPath, scope, ctx) {
      const f = condition(compileLogic(args[0], argPath(0), scope, ctx), argPath(0)).fn;
      return {
        fn: (data) => {
          const v = truth(f(data));
          return v === UNKNOWN ? UNKNOWN : !v;
        },
        ty: BOOL,
      };
    },
  },
  '!!': {
    arity: [1, 1],
    doc: { zh: '是否为真（null、空文字、空列表为假；未知仍是未知）', en: 'truth (null, empty text and empty lists are false; unknown stays unknown)' },
    example: '{"!!": [{var: printed}]}',
    compile(args, argPath, scope, ctx) {
      const f = condition(compileLogic(args[0], argPath(0), scope, ctx), argPath(0)).fn;
      return { fn: (data) => truth(f(data)), ty: BOOL };
    },
  },
  '==': equality('==', false),
  '===': equality('===', false),
  '!=': equality('!=', true),
  '!==': equality('!==', true),
  '<': ordering('<', (c) => c < 0),
  '<=': ordering('<=', (c) => c <= 0),
  '>': ordering('>', (c) => c > 0),
  '>=': ordering('>=', (c) => c >= 0),
  in: {
    arity: [2, 2],
    doc: { zh: '在列表中（或是文字的一部分）', en: 'is in a list (or part of a text)' },
    example: '{in: [{completion: [{var: status}]}, [partial, none]]}',
    compile(args, argPath, scope, ctx) {
      const [a, b] = each(args, argPath, scope, ctx).map((x) => x.fn) as [Fn, Fn];
      return {
        fn: (data) => {
          const x = a(data);
          if (x === UNKNOWN) return UNKNOWN;
          const list = b(data);
          if (Array.isArray(list)) return list.some((y) => equal(x, y) === true);
          if (typeof list === 'string') return list.includes(text(x));
          return false;
        },
        ty: BOOL,
      };
    },
  },
  cat: {
    arity: [0, Infinity],
    doc: { zh: '连接文字（单元格取原文）', en: 'join texts (cells as printed)' },
    example: '{cat: [{var: item.name}, "（", {var: item.unit}, "）"]}',
    compile(args, argPath, scope, ctx) {
      const fns = each(args, argPath, scope, ctx).map((x) => x.fn);
      return {
        fn: (data) => {
          const out = fns.map((f) => text(f(data))).join('');
          // No text of a form is this long: a rule that keeps doubling a string stops here
          // (a rule-error) instead of exhausting memory.
          if (out.length > MAX_TEXT) throw new Error(`cat: text longer than ${MAX_TEXT} characters`);
          return out;
        },
        ty: STR,
      };
    },
  },
  substr: {
    arity: [2, 3],
    doc: { zh: '截取文字（起点、长度可为负）', en: 'part of a text (start and length may be negative)' },
    example: '{substr: [{var: item.name}, 0, 4]}',
    compile(args, argPath, scope, ctx) {
      const [s, a, b] = each(args, argPath, scope, ctx).map((x) => x.fn) as [Fn, Fn, Fn | undefined];
      return {
        fn: (data) => {
          const str = text(s(data));
          const start = Number(a(data));
          const from = start < 0 ? Math.max(0, str.length + start) : start;
          if (!b) return str.slice(from);
          const len = Number(b(data));
          return len < 0 ? str.slice(from, str.length + len) : str.slice(from, from + len);
        },
        ty: STR,
      };
    },
  },
  map: listOp(
    'map',
    { zh: '对列表每一项求值（第二个参数里的 var 指该项）', en: 'a value for each element (var in the second argument reads the element)' },
    '{map: [{var: root.indicators}, {var: weight}]}',
    (list, body) => (data) => asList(list(data)).map((x) => body(x)),
    (_l, body) => arr(body),
  ),
  filter: listOp(
    'filter',
    { zh: '列表中条件为真的项（未知不计入）', en: 'the elements for which the test is true (unknown is left out)' },
    '{filter: [{var: root.yearlyGoals}, {in: [{completion: [{var: status}]}, [partial, none]]}]}',
    (list, body) => (data) => asList(list(data)).filter((x) => truth(body(x)) === true),
    (l) => arr(elementOf(l)),
  ),
  all: listOp(
    'all',
    { zh: '非空列表每项都为真（三值逻辑）', en: 'every element of a non-empty list passes (three-valued)' },
    '{all: [{var: item.targets}, {known: [{var: value}]}]}',
    (list, body) => (data) => {
      const xs = asList(list(data));
      if (xs.length === 0) return false;
      let unknown = false;
      for (const x of xs) {
        const v = truth(body(x));
        if (v === false) return false;
        if (v === UNKNOWN) unknown = true;
      }
      return unknown ? UNKNOWN : true;
    },
    () => BOOL,
  ),
  some: listOp(
    'some',
    { zh: '列表中有一项为真（三值逻辑）', en: 'some element passes (three-valued)' },
    '{some: [{var: root.indicators}, {blank: [{var: actual}]}]}',
    (list, body) => (data) => someOf(asList(list(data)), body),
    () => BOOL,
  ),
  none: listOp(
    'none',
    { zh: '列表中没有一项为真（三值逻辑）', en: 'no element passes (three-valued)' },
    '{none: [{var: root.indicators}, {blank: [{var: actual}]}]}',
    (list, body) => (data) => {
      const v = someOf(asList(list(data)), body);
      return v === UNKNOWN ? UNKNOWN : !v;
    },
    () => BOOL,
  ),
  reduce: {
    arity: [3, 3],
    doc: { zh: '把列表归并为一个值（第二个参数里可用 current、accumulator）', en: 'fold a list into one value (current and accumulator in the second argument)' },
    example: '{reduce: [{var: parts}, {plus: [{var: current}, {var: accumulator}]}, 0]}',
    compile(args, argPath, scope, ctx) {
      const list = compileLogic(args[0], argPath(0), scope, ctx);
      const init = compileLogic(args[2], argPath(2), scope, ctx);
      const body = compileLogic(args[1], argPath(1), { element: obj({ current: elementOf(list.ty), accumulator: ANY }) }, ctx);
      return {
        fn: (data) => asList(list.fn(data)).reduce((acc: unknown, current) => body.fn({ current, accumulator: acc }), init.fn(data)),
        ty: ANY,
      };
    },
  },
  merge: {
    arity: [0, Infinity],
    doc: { zh: '把若干列表（或单个值）合成一个列表', en: 'join lists (and single values) into one list' },
    example: '{merge: [{map: [{var: root.indicators}, {var: score}]}, [{var: root.budget.score}]]}',
    compile(args, argPath, scope, ctx) {
      const cs = each(args, argPath, scope, ctx);
      const fns = cs.map((x) => x.fn);
      const ty = arr(union(...cs.map((c) => (c.ty.t === 'array' ? c.ty.of : c.ty))));
      return {
        fn: (data) => {
          const out: unknown[] = [];
          for (const f of fns) {
            const v = f(data);
            if (Array.isArray(v)) out.push(...(v as unknown[]));
            else out.push(v);
          }
          return out;
        },
        ty,
      };
    },
  },
  '+': arith('+', (...xs) => d.plus(...xs), [1, Infinity], { zh: '精确求和（同 plus）', en: 'exact sum (as plus)' }),
  '-': arith('-', (a, b) => (b === undefined ? d.times(a, -1) : d.minus(a, b)), [1, 2], { zh: '精确相减或取负（同 minus）', en: 'exact difference or negation (as minus)' }),
  '*': arith('*', (...xs) => d.times(...xs), [1, Infinity], { zh: '精确相乘（同 times）', en: 'exact product (as times)' }),
  '/': arith('/', (a, b) => d.over(a, b), [2, 2], { zh: '精确相除（同 over）', en: 'exact quotient (as over)' }),
  '%': arith('%', (a, b) => {
    const x = d.num(a);
    const y = d.num(b);
    return x === null || y === null || y.isZero() ? null : x.mod(y);
  }, [2, 2], { zh: '余数（除数为 0 时为 null）', en: 'remainder (null when dividing by 0)' }),
  min: arith('min', (...xs) => d.least(...xs), [1, Infinity], { zh: '最小值（同 least）', en: 'smallest (as least)' }),
  max: arith('max', (...xs) => d.greatest(...xs), [1, Infinity], { zh: '最大值（同 greatest）', en: 'largest (as greatest)' }),
};

function someOf(xs: unknown[], body: Fn): boolean | Unknown {
  let unknown = false;
  for (const x of xs) {
    const v = truth(body(x));
    if (v === true) return true;
    if (v === UNKNOWN) unknown = true;
  }
  return unknown ? UNKNOWN : false;
}

/** `and` (decisive false) and `or` (decisive true) in three-valued logic: the first operand
 * equal to the decisive value decides; else unknown if any operand is unknown. */
function kleene(decisive: boolean): Builtin['compile'] {
  return (args, argPath, scope, ctx) => {
    const fns = each(args, argPath, scope, ctx).map((c, i) => condition(c, argPath(i)).fn);
    return {
      fn: (data) => {
        let unknown = false;
        for (const f of fns) {
          const v = truth(f(data));
          if (v === decisive) return decisive;
          if (v === UNKNOWN) unknown = true;
        }
        return unknown ? UNKNOWN : !decisive;
      },
      ty: BOOL,
    };
  };
}

function compileIf(args: readonly unknown[], argPath: (i: number) => Path, scope: AnyScope, ctx: CompileContext): Compiled {
  const cs = each(args, argPath, scope, ctx);
  const tests: Fn[] = [];
  const thens: Fn[] = [];
  const tys: Ty[] = [];
  let i = 0;
  for (; i + 1 < cs.length; i += 2) {
    tests.push(condition(cs[i] as Compiled, argPath(i)).fn);
    thens.push((cs[i + 1] as Compiled).fn);
    tys.push((cs[i + 1] as Compiled).ty);
  }
  const otherwise = i < cs.length ? (cs[i] as Compiled) : { fn: constant(null), ty: literalTy(null) };
  tys.push(otherwise.ty);
  const elseFn = otherwise.fn;
  const ty = union(...tys);
  if (tests.length === 1) {
    const [t0] = tests as [Fn];
    const [h0] = thens as [Fn];
    return { fn: (data) => (truth(t0(data)) === true ? h0(data) : elseFn(data)), ty };
  }
  return {
    fn: (data) => {
      for (let k = 0; k < tests.length; k++) if (truth((tests[k] as Fn)(data)) === true) return (thens[k] as Fn)(data);
      return elseFn(data);
    },
    ty,
  };
}

// ---------- templates ----------

const PLACEHOLDER = /\{([A-Za-z_][\w.]*)(?:\|([a-z]+)(?::([\w.]*))?)?\}/g;

/** A compiled message template. */
export type Template = (data: unknown, lang: Lang) => string;

/**
 * Check and compile a template ("执行率填报为 {item.rate}，应为 {computed|pct}"): every
 * placeholder must name something the rule defines, and every filter must exist.
 */
export function compileTemplate(template: string, path: Path, scope: Scope): Template {
  const parts: Array<string | { get: Fn; filter?: string; like?: Fn; against?: Fn }> = [];
  let last = 0;
  for (const m of template.matchAll(PLACEHOLDER)) {
    const [whole, p = '', filter, arg] = m;
    const label = { zh: `占位符 {${p}}`, en: `placeholder {${p}}` };
    resolvePath(p.split('.'), scope, path, label);
    if (filter !== undefined && !FILTERS.has(filter)) {
      const s = suggestion(filter, FILTERS);
      refuse(path, `${label.zh}：未知的格式「${filter}」${s.zh}（可用：pct、fixed、range、mid、as）`, `${label.en}: unknown format "${filter}"${s.en} (known: pct, fixed, range, mid, as)`);
    }
    if ((filter === 'pct' || filter === 'fixed') && arg !== undefined && !/^\d*$/.test(arg)) {
      refuse(path, `${label.zh}：格式「${filter}」后应为小数位数`, `${label.en}: format "${filter}" takes a number of decimals`);
    }
    // {expected|as:item.score}: the value written at the printed precision of another value
    let like: Fn | undefined;
    if (filter === 'as') {
      if (!arg) refuse(path, `${label.zh}：格式「as」后应写出参照的值，如 {expected|as:item.score}`, `${label.en}: format "as" names the value to follow, e.g. {expected|as:item.score}`);
      resolvePath((arg as string).split('.'), scope, path, { zh: `占位符 {${p}|as:${arg}}`, en: `placeholder {${p}|as:${arg}}` });
      like = getter((arg as string).split('.'), () => undefined);
    }
    // {sum|range:item.total}: the figure the sum is compared with (the span is said only when it matters)
    let against: Fn | undefined;
    if (filter === 'range' && arg) {
      resolvePath(arg.split('.'), scope, path, { zh: `占位符 {${p}|range:${arg}}`, en: `placeholder {${p}|range:${arg}}` });
      against = getter(arg.split('.'), () => undefined);
    }
    parts.push(template.slice(last, m.index));
    parts.push({
      get: getter(p.split('.'), () => undefined),
      ...(filter !== undefined && filter !== 'as' ? { filter: arg !== undefined && filter !== 'range' ? `${filter}:${arg}` : filter } : {}),
      ...(like ? { like } : {}),
      ...(against ? { against } : {}),
    });
    last = (m.index ?? 0) + whole.length;
  }
  parts.push(template.slice(last));
  if (parts.length === 1) {
    const only = parts[0] as string;
    return () => only;
  }
  return (data, lang) => {
    let out = '';
    for (const part of parts) {
      if (typeof part === 'string') {
        out += part;
        continue;
      }
      const value = part.get(data);
      const printed = part.like ? suggestedLike(value, part.like(data)) : undefined;
      if (printed !== undefined) out += printed;
      else if (isLocalizedValue(value)) out += render(value[lang], data, lang, 1);
      else out += value === UNKNOWN ? '?' : formatValue(value, lang, part.filter, part.against?.(data));
    }
    return out;
  };
}

function isLocalizedValue(v: unknown): v is Record<Lang, string> {
  return isRecord(v) && typeof v.zh === 'string' && typeof v.en === 'string';
}

/** Check the placeholders of a text without compiling it (texts rendered from data). */
export function checkTemplate(template: string, path: Path, scope: Scope): void {
  compileTemplate(template, path, scope);
}

