/**
 * Operations on printed words: completion claims, severities, printed text.
 */
import { Cell, parseCompletion, type Completion } from '../../normalize/value.js';
import type { Severity } from '../../types.js';

/** 'done' for 已完成 / 全部完成, 'partial' for 部分完成, 'none' for 未完成, else null. */
export function completion(x: unknown): Completion | null {
  if (x instanceof Cell) return x.completion ?? (x.blank ? null : parseCompletion(x.text));
  return typeof x === 'string' ? parseCompletion(x) : null;
}

const ORDER: Severity[] = ['info', 'warning', 'error'];

/** One step less severe (error → warning → info; info stays info). */
export function stepDown(severity: unknown): Severity {
  const i = ORDER.indexOf(severity as Severity);
  return ORDER[Math.max(0, i - 1)] as Severity;
}

/** The printed text of a value ('' for nothing). */
export function text(x: unknown): string {
  if (x instanceof Cell) return x.text;
  if (x === null || x === undefined) return '';
  // a mapping where text belongs has none (the schema finding says so); String() of one with its
  // own toString would throw, or print what the file chose
  if (typeof x === 'object') return Array.isArray(x) ? x.map(text).join(',') : '';
  return String(x);
}
