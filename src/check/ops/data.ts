/**
 * Reaching into the submission from a condition when the field name is itself data
 * (e.g. a rule option listing which fund-source fields make up a total).
 */
import { num } from './decimal.js';

/** obj[key], or null. */
export function get(obj: unknown, key: unknown): unknown {
  if (obj === null || typeof obj !== 'object' || typeof key !== 'string') return null;
  return (obj as Record<string, unknown>)[key] ?? null;
}

/** [obj[k] for k in keys]. */
export function pluck(obj: unknown, keys: unknown): unknown[] {
  return Array.isArray(keys) ? keys.map((k) => get(obj, k)) : [];
}

/** Every item of a non-empty list carries a number. */
export function allKnown(list: unknown): boolean {
  return Array.isArray(list) && list.length > 0 && list.every((x) => num(x) !== null);
}
