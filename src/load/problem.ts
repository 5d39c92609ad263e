/**
 * A `parse-error` load problem with its detail in both languages: what was expected, in
 * words a clerk understands (never a library's English text, never a byte offset). The
 * place, when there is one, goes in the location (line/column, sheet/cell, paragraph).
 * Browser-safe.
 */
import type { Location, LoadProblem } from '../types.js';

export function problem(zh: string, en: string, location: Location = { pointer: '' }, ruleId = 'parse-error'): LoadProblem {
  return { ruleId, args: { detail: { zh, en } }, location };
}
