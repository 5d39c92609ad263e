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

/**
 * Does a sentence claim the whole is done (「已完成…」, 「全部完成」, 「均已完成」, 「圆满完成」)? A sentence
 * that reports what was done (「完成培训 8 场」) claims nothing about the rest: a goal's 实际完成情况 is
 * prose, and only an explicit claim is weighed against the spending.
 */
export function claimsDone(x: unknown): boolean {
  const t = x instanceof Cell ? x.text : typeof x === 'string' ? x : '';
  return /^\s*(?:已|均已|全部|已全部|全面|已全面|圆满|已圆满)(?:完成|达成|实现)/.test(t);
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
  return String(x);
}
