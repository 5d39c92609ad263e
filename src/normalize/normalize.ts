/**
 * Normalize a canonical submission: every field the schema marks with `x-kind` becomes a
 * Cell (exact decimal + printed text + precision). Everything else is kept as it is.
 */
import { joinPointer, type SourceMap } from '../types.js';
import type { JsonSchema, SchemaSet } from '../validate/schemas.js';
import { Cell, normalizeValue, type Kind, type NormalizeContext } from './value.js';

export interface InvalidNumber {
  pointer: string;
  text: string;
  kind: Kind;
}

export interface Normalized {
  model: unknown;
  invalidNumbers: InvalidNumber[];
}

type Located = { schema: JsonSchema; base: string };

/** The schemas that apply to a node: itself, what it `$ref`s and what its `allOf` lists. */
function expand(set: SchemaSet, node: Located, depth = 0): Located[] {
  if (depth > 16) return [node];
  const out: Located[] = [node];
  const ref = node.schema.$ref;
  if (typeof ref === 'string') {
    const target = set.resolve(ref, node.base);
    if (target) out.push(...expand(set, target, depth + 1));
  }
  const allOf = node.schema.allOf;
  if (Array.isArray(allOf)) {
    for (const s of allOf) out.push(...expand(set, { schema: s as JsonSchema, base: node.base }, depth + 1));
  }
  return out;
}

/**
 * What the schemas say about one place of a form, worked out once per form and place (not per
 * value of every file): the field's kind, and the plans of its items and properties. A plan is
 * a function of the schema nodes that apply there, so it is shared by every submission of the form.
 */
interface Plan {
  nodes: Located[];
  kind: Kind | undefined;
  items?: Plan;
  props?: Map<string, Plan>;
}

/** The plan of a place no schema describes (an unknown field): nothing is read there. */
const NOWHERE: Plan = { nodes: [], kind: undefined };

const PLANS = new WeakMap<SchemaSet, Map<JsonSchema, Plan>>();

function planOf(set: SchemaSet, nodes: Located[]): Plan {
  if (nodes.length === 0) return NOWHERE;
  const all = nodes.flatMap((n) => expand(set, n));
  const kind = all.map((n) => n.schema['x-kind']).find((k): k is Kind => typeof k === 'string');
  return { nodes: all, kind };
}

function rootPlan(set: SchemaSet, root: Located): Plan {
  let bySchema = PLANS.get(set);
  if (!bySchema) {
    bySchema = new Map();
    PLANS.set(set, bySchema);
  }
  let plan = bySchema.get(root.schema);
  if (!plan) {
    plan = planOf(set, [root]);
    bySchema.set(root.schema, plan);
  }
  return plan;
}

/** The plan of every item of an array at this place. */
function itemsPlan(set: SchemaSet, plan: Plan): Plan {
  if (plan === NOWHERE) return NOWHERE;
  if (!plan.items) {
    const all = plan.nodes;
    const items = all.map((n) => n.schema.items).filter((s): s is JsonSchema => !!s && typeof s === 'object');
    plan.items = planOf(
      set,
      items.map((schema) => ({ schema, base: nodesBase(all, schema) })),
    );
  }
  return plan.items;
}

/** The plan of property `key` at this place (only properties some schema names are remembered). */
function propPlan(set: SchemaSet, plan: Plan, key: string): Plan {
  if (plan === NOWHERE) return NOWHERE;
  const known = plan.props?.get(key);
  if (known) return known;
  const props: Located[] = [];
  for (const n of plan.nodes) {
    const props0 = n.schema.properties as Record<string, unknown> | undefined;
    const p = props0 && Object.hasOwn(props0, key) ? props0[key] : undefined;
    if (p && typeof p === 'object') props.push({ schema: p as JsonSchema, base: n.base });
  }
  if (props.length === 0) return NOWHERE;
  const child = planOf(set, props);
  (plan.props ??= new Map()).set(key, child);
  return child;
}

type Amount = { pointer: string; cell: Cell; set: (c: Cell) => void };

export function normalizeSubmission(
  set: SchemaSet,
  root: Located,
  data: unknown,
  ctx: NormalizeContext,
  sourceMap?: SourceMap,
): Normalized {
  const invalidNumbers: InvalidNumber[] = [];
  // every amount read, with a setter to replace it (the precision of its column may apply)
  const amounts: Amount[] = [];

  const walk = (value: unknown, plan: Plan, pointer: string): unknown => {
    const kind = plan.kind;
    if (kind) {
      if (value !== null && typeof value === 'object') return value;
      // the text as written matters only for a number (「100.00」 read by YAML as 100)
      const cell = normalizeValue(value, kind, ctx, typeof value === 'number' ? sourceMap?.sourceText?.(pointer) : undefined);
      if (cell.invalid) invalidNumbers.push({ pointer, text: cell.text, kind });
      return cell;
    }
    if (Array.isArray(value)) {
      const items = itemsPlan(set, plan);
      const out: unknown[] = new Array(value.length);
      for (let i = 0; i < value.length; i++) {
        const p = joinPointer(pointer, i);
        const v = walk(value[i], items, p);
        out[i] = v;
        if (v instanceof Cell && v.kind === 'amount' && v.value !== null) amounts.push({ pointer: p, cell: v, set: (c) => (out[i] = c) });
      }
      return out;
    }
    if (value !== null && typeof value === 'object') {
      const out: Record<string, unknown> = {};
      for (const [key, v] of Object.entries(value)) {
        if (key === '__proto__') continue; // never a field of any form (schema reports it as unknown)
        const p = joinPointer(pointer, key);
        const w = walk(v, propPlan(set, plan, key), p);
        out[key] = w;
        if (w instanceof Cell && w.kind === 'amount' && w.value !== null) amounts.push({ pointer: p, cell: w, set: (c) => (out[key] = c) });
      }
      return out;
    }
    return value;
  };

  const model = walk(data, rootPlan(set, root), '');
  applyColumnPrecision(amounts);
  return { model, invalidNumbers };
}

/**
 * Printed precision belongs to the table, not to one cell: Excel's General format and most
 * exports drop trailing zeros, so in a column of figures printed with two decimals an integer
 * 「130」 means 130.00. A column is the same field of every row (/projects/*\/adjusted/total);
 * a block is a record without rows (every amount under /budget). Zeros are exact already.
 */
function applyColumnPrecision(amounts: Amount[]): void {
  const keyOf = (pointer: string) => (/\/\d+(\/|$)/.test(pointer) ? pointer.replace(/\/\d+(?=\/|$)/g, '/*') : pointer.split('/').slice(0, 2).join('/'));
  const scales = new Map<string, number>();
  for (const a of amounts) {
    const k = keyOf(a.pointer);
    scales.set(k, Math.max(scales.get(k) ?? 0, a.cell.scale));
  }
  for (const a of amounts) {
    const s = scales.get(keyOf(a.pointer)) ?? 0;
    if (a.cell.scale < s) a.set(a.cell.withScale(s));
  }
}

function nodesBase(all: Located[], child: JsonSchema): string {
  const owner = all.find((n) => n.schema.items === child);
  return owner?.base ?? all[0]?.base ?? '';
}

export { Cell };
