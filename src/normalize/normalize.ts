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

export function normalizeSubmission(
  set: SchemaSet,
  root: Located,
  data: unknown,
  ctx: NormalizeContext,
  sourceMap?: SourceMap,
): Normalized {
  const invalidNumbers: InvalidNumber[] = [];

  const walk = (value: unknown, nodes: Located[], pointer: string): unknown => {
    const all = nodes.flatMap((n) => expand(set, n));
    const kind = all.map((n) => n.schema['x-kind']).find((k): k is Kind => typeof k === 'string');
    if (kind) {
      if (value !== null && typeof value === 'object') return value;
      const cell = normalizeValue(value, kind, ctx, sourceMap?.sourceText?.(pointer));
      if (cell.invalid) invalidNumbers.push({ pointer, text: cell.text, kind });
      return cell;
    }
    if (Array.isArray(value)) {
      const items = all.map((n) => n.schema.items).filter((s): s is JsonSchema => !!s && typeof s === 'object');
      return value.map((v, i) =>
        walk(
          v,
          items.map((schema) => ({ schema, base: nodesBase(all, schema) })),
          joinPointer(pointer, i),
        ),
      );
    }
    if (value !== null && typeof value === 'object') {
      const out: Record<string, unknown> = {};
      for (const [key, v] of Object.entries(value)) {
        if (key === '__proto__') continue; // never a field of any form (schema reports it as unknown)
        const props: Located[] = [];
        for (const n of all) {
          const props0 = n.schema.properties as Record<string, unknown> | undefined;
          const p = props0 && Object.hasOwn(props0, key) ? props0[key] : undefined;
          if (p && typeof p === 'object') props.push({ schema: p as JsonSchema, base: n.base });
        }
        out[key] = walk(v, props, joinPointer(pointer, key));
      }
      return out;
    }
    return value;
  };

  const amounts: Array<{ pointer: string; cell: Cell; set: (c: Cell) => void }> = [];
  const model = walk(data, [root], '');
  collectAmounts(model, '', amounts);
  applyColumnPrecision(amounts);
  return { model, invalidNumbers };
}

/**
 * Printed precision belongs to the table, not to one cell: Excel's General format and most
 * exports drop trailing zeros, so in a column of figures printed with two decimals an integer
 * 「130」 means 130.00. A column is the same field of every row (/projects/*\/adjusted/total);
 * a block is a record without rows (every amount under /budget). Zeros are exact already.
 */
function applyColumnPrecision(amounts: Array<{ pointer: string; cell: Cell; set: (c: Cell) => void }>): void {
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

/** Every amount Cell of a normalized model, with a setter to replace it. */
function collectAmounts(node: unknown, pointer: string, out: Array<{ pointer: string; cell: Cell; set: (c: Cell) => void }>): void {
  if (Array.isArray(node)) {
    node.forEach((v, i) => {
      if (v instanceof Cell) {
        if (v.kind === 'amount' && v.value !== null) out.push({ pointer: joinPointer(pointer, i), cell: v, set: (c) => (node[i] = c) });
      } else collectAmounts(v, joinPointer(pointer, i), out);
    });
  } else if (node !== null && typeof node === 'object' && !(node instanceof Cell)) {
    const obj = node as Record<string, unknown>;
    for (const [k, v] of Object.entries(obj)) {
      if (v instanceof Cell) {
        if (v.kind === 'amount' && v.value !== null) out.push({ pointer: joinPointer(pointer, k), cell: v, set: (c) => (obj[k] = c) });
      } else collectAmounts(v, joinPointer(pointer, k), out);
    }
  }
}

function nodesBase(all: Located[], child: JsonSchema): string {
  const owner = all.find((n) => n.schema.items === child);
  return owner?.base ?? all[0]?.base ?? '';
}

export { Cell };
