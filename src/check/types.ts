/**
 * The static types the rule compiler checks `var` paths, `{placeholders}` and operation
 * arguments with: what a form schema (schemas/*.schema.json), a rule option's schema, the
 * shared settings or an operation's result says a value is. `any` means "not known here" and
 * accepts every path; everything else is closed, so a misspelt field is refused.
 */
import type { JsonSchema } from '../validate/schemas.js';

export type Ty =
  | { t: 'any' }
  | { t: 'cell' }
  | { t: 'decimal' }
  | { t: 'number' }
  | { t: 'string'; value?: string }
  | { t: 'boolean' }
  | { t: 'null' }
  | { t: 'interval' }
  | { t: 'localized' }
  | { t: 'object'; props: Record<string, Ty>; open?: boolean }
  | { t: 'array'; of: Ty }
  | { t: 'union'; of: Ty[] };

export const ANY: Ty = { t: 'any' };
export const CELL: Ty = { t: 'cell' };
export const DEC: Ty = { t: 'decimal' };
export const NUM: Ty = { t: 'number' };
export const STR: Ty = { t: 'string' };
export const BOOL: Ty = { t: 'boolean' };
export const NULL: Ty = { t: 'null' };
export const INTERVAL: Ty = { t: 'interval' };
export const LOCALIZED: Ty = { t: 'localized' };
export const obj = (props: Record<string, Ty>): Ty => ({ t: 'object', props });
export const arr = (of: Ty): Ty => ({ t: 'array', of });
export const opt = (ty: Ty): Ty => union(ty, NULL);

export function union(...tys: Ty[]): Ty {
  const flat: Ty[] = [];
  for (const ty of tys) {
    for (const x of ty.t === 'union' ? ty.of : [ty]) {
      if (x.t === 'any') return ANY;
      if (!flat.some((y) => sameTy(x, y))) flat.push(x);
    }
  }
  if (flat.length === 0) return NULL;
  return flat.length === 1 ? (flat[0] as Ty) : { t: 'union', of: flat };
}

function sameTy(a: Ty, b: Ty): boolean {
  if (a.t !== b.t) return false;
  if (a.t === 'string' && b.t === 'string') return a.value === b.value;
  if (a.t === 'object' || a.t === 'array' || a.t === 'union') return a === b;
  return true;
}

const TARGET = obj({ sign: STR, value: DEC, half: DEC, unit: STR, percent: BOOL });

/** The fields of a Cell (src/normalize/value.ts) a rule may read. */
const CELL_FIELDS: Record<string, Ty> = {
  text: STR,
  kind: STR,
  blank: BOOL,
  value: opt(DEC),
  half: opt(DEC),
  percent: BOOL,
  assumedPercent: BOOL,
  invalid: BOOL,
  target: opt(TARGET),
  completion: opt(STR),
  unit: STR,
};

/**
 * The type of `ty.seg`, or undefined when no alternative of `ty` has it. Arrays have
 * `length` and numeric indices; strings `length`; null stays null (a missing value).
 */
export function member(ty: Ty, seg: string): Ty | undefined {
  switch (ty.t) {
    case 'any':
      return ANY;
    case 'null':
      return NULL;
    case 'cell':
      return CELL_FIELDS[seg];
    case 'object':
      return Object.prototype.hasOwnProperty.call(ty.props, seg) ? ty.props[seg] : ty.open ? ANY : undefined;
    case 'array':
      if (seg === 'length') return NUM;
      return /^\d+$/.test(seg) ? opt(ty.of) : undefined;
    case 'string':
      return seg === 'length' ? NUM : undefined;
    case 'interval':
      return seg === 'lo' || seg === 'hi' ? DEC : undefined;
    case 'localized':
      return seg === 'zh' || seg === 'en' ? STR : undefined;
    case 'union': {
      const found = ty.of.map((x) => (x.t === 'null' ? undefined : member(x, seg))).filter((x): x is Ty => x !== undefined);
      return found.length === 0 ? undefined : union(...found, ...(ty.of.some((x) => x.t === 'null') ? [NULL] : []));
    }
    default:
      return undefined;
  }
}

/** The names a value of this type has (for "did you mean" suggestions). */
export function memberNames(ty: Ty): string[] {
  switch (ty.t) {
    case 'cell':
      return Object.keys(CELL_FIELDS);
    case 'object':
      return Object.keys(ty.props);
    case 'array':
    case 'string':
      return ['length'];
    case 'interval':
      return ['lo', 'hi'];
    case 'localized':
      return ['zh', 'en'];
    case 'union':
      return [...new Set(ty.of.flatMap(memberNames))];
    default:
      return [];
  }
}

/** The element type of a list (any when not known to be a list). */
export function elementOf(ty: Ty): Ty {
  if (ty.t === 'array') return ty.of;
  if (ty.t === 'union') {
    const lists = ty.of.filter((x) => x.t === 'array' || x.t === 'any');
    return lists.length === 0 ? ANY : union(...lists.map(elementOf));
  }
  return ANY;
}

/** A short name of a type, for messages. */
export function tyName(ty: Ty, lang: 'zh' | 'en'): string {
  const zh: Record<Ty['t'], string> = {
    any: '任意值',
    cell: '单元格',
    decimal: '数值',
    number: '数值',
    string: '文字',
    boolean: '真假值',
    null: '空值',
    interval: '区间',
    localized: '中英文本',
    object: '对象',
    array: '列表',
    union: '多种类型',
  };
  const en: Record<Ty['t'], string> = {
    any: 'anything',
    cell: 'a cell',
    decimal: 'a number',
    number: 'a number',
    string: 'text',
    boolean: 'true/false',
    null: 'null',
    interval: 'an interval',
    localized: 'a zh/en text',
    object: 'an object',
    array: 'a list',
    union: 'one of several types',
  };
  if (ty.t === 'union') return ty.of.filter((x) => x.t !== 'null').map((x) => tyName(x, lang)).join(lang === 'zh' ? '或' : ' or ');
  return (lang === 'zh' ? zh : en)[ty.t];
}

/** Resolves `$ref`s of a schema: returns the schema a ref names, or undefined. */
export type RefResolver = (ref: string, base: string) => { schema: JsonSchema; base: string } | undefined;

/**
 * The type of values a JSON Schema describes, after normalization: a field with `x-kind`
 * is a Cell; objects are closed unless `additionalProperties` allows more.
 */
export function fromSchema(schema: JsonSchema, base = '', resolve?: RefResolver, depth = 0): Ty {
  if (depth > 20) return ANY;
  const s = { ...schema };
  if (typeof s.$ref === 'string') {
    const target = resolve?.(s.$ref, base);
    if (!target) return ANY;
    const { $ref: _ignored, ...rest } = s;
    return fromSchema({ ...target.schema, ...withoutAnnotations(rest) }, target.base, resolve, depth + 1);
  }
  if (typeof s['x-kind'] === 'string') return CELL;
  const alternatives = (s.oneOf ?? s.anyOf) as JsonSchema[] | undefined;
  if (Array.isArray(alternatives)) return union(...alternatives.map((a) => fromSchema(a, base, resolve, depth + 1)));
  if (Array.isArray(s.enum)) return union(...(s.enum as unknown[]).map(literalTy));
  if ('const' in s) return literalTy(s.const);
  let props: Record<string, JsonSchema> = {};
  let open = false;
  for (const part of (s.allOf as JsonSchema[] | undefined) ?? []) {
    const resolved = typeof part.$ref === 'string' ? resolve?.(part.$ref, base) : { schema: part, base };
    if (!resolved) {
      open = true;
      continue;
    }
    const p = resolved.schema.properties as Record<string, JsonSchema> | undefined;
    for (const [k, v] of Object.entries(p ?? {})) props[k] = { ...(typeof v.$ref === 'string' ? { $refBase: resolved.base } : {}), ...v };
  }
  const own = s.properties as Record<string, JsonSchema> | undefined;
  if (own) {
    for (const [k, v] of Object.entries(own)) props[k] = isAnnotationOnly(v) && props[k] ? { ...props[k], ...v } : v;
  }
  const types = Array.isArray(s.type) ? (s.type as string[]) : typeof s.type === 'string' ? [s.type] : [];
  if (types.includes('array') || s.items !== undefined) {
    return arr(s.items && typeof s.items === 'object' ? fromSchema(s.items as JsonSchema, base, resolve, depth + 1) : ANY);
  }
  if (types.includes('object') || Object.keys(props).length > 0) {
    const out: Record<string, Ty> = {};
    for (const [k, v] of Object.entries(props)) {
      const b = typeof v.$refBase === 'string' ? v.$refBase : base;
      out[k] = fromSchema(v, b, resolve, depth + 1);
    }
    const ap = s.additionalProperties;
    if (Object.keys(out).length === 0 && ap && typeof ap === 'object') {
      // a map (e.g. the hierarchy): any key, values of one type
      return { t: 'object', props: {}, open: true };
    }
    return { t: 'object', props: out, ...(open || ap === undefined || ap === true ? { open: true } : {}) };
  }
  if (types.length === 0) return ANY;
  return union(
    ...types.map((t) => (t === 'string' ? STR : t === 'number' || t === 'integer' ? NUM : t === 'boolean' ? BOOL : t === 'null' ? NULL : ANY)),
  );
}

const ANNOTATIONS = new Set(['title', 'description', 'default', 'examples', '$comment']);

function isAnnotationOnly(s: JsonSchema): boolean {
  return Object.keys(s).every((k) => ANNOTATIONS.has(k));
}

function withoutAnnotations(s: JsonSchema): JsonSchema {
  return Object.fromEntries(Object.entries(s).filter(([k]) => !ANNOTATIONS.has(k)));
}

/** The type of a literal JSON value. */
export function literalTy(v: unknown): Ty {
  if (v === null || v === undefined) return NULL;
  if (typeof v === 'number') return NUM;
  if (typeof v === 'string') return { t: 'string', value: v };
  if (typeof v === 'boolean') return BOOL;
  if (Array.isArray(v)) return arr(v.length === 0 ? ANY : union(...v.map(literalTy)));
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    const keys = Object.keys(o);
    if (keys.length === 2 && typeof o.zh === 'string' && typeof o.en === 'string') return LOCALIZED;
    return obj(Object.fromEntries(keys.map((k) => [k, literalTy(o[k])])));
  }
  return ANY;
}
