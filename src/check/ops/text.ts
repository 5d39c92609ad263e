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
  // a mapping where text belongs has none (the schema finding says so); String() of one with its
  // own toString would throw, or print what the file chose
  if (typeof x === 'object') return Array.isArray(x) ? x.map(text).join(',') : '';
  return String(x);
}

export interface PlaceholderHit {
  pointer: string;
  /** The placeholder as found (「**」, 「XX」). */
  found: string;
  /** How many other texts hold the same placeholder, and a clause saying so ('' when none). */
  others: number;
  more: { zh: string; en: string };
}

/**
 * The placeholders left in a submission's texts, each once, at the first text that holds it: a template
 * prompt copied into ten indicator names (Anhui's 「(≥**人)」) is one defect, one finding, that says how
 * many texts hold it. `find` is the per-text search (the placeholder operation with its patterns).
 */
export function firstPlaceholders(hits: unknown, find: (text: unknown) => string | null): PlaceholderHit[] {
  if (!Array.isArray(hits)) return [];
  const seen = new Map<string, PlaceholderHit>();
  for (const h of hits) {
    if (h === null || typeof h !== 'object') continue;
    const { pointer, text } = h as { pointer?: unknown; text?: unknown };
    if (typeof pointer !== 'string') continue;
    const found = find(text);
    if (found === null) continue;
    const have = seen.get(found);
    if (have) have.others++;
    else seen.set(found, { pointer, found, others: 0, more: { zh: '', en: '' } });
  }
  return [...seen.values()].map((h) =>
    h.others === 0 ? h : { ...h, more: { zh: `（另有 ${h.others} 处相同，请一并替换）`, en: ` (${h.others} more of the same; replace them all)` } },
  );
}
