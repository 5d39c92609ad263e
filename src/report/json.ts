/**
 * The JSON output contract (README "JSON output"): exactly one document.
 */
import type { SubmissionResult } from '../types.js';
import { summarize } from './summary.js';

export function formatJson(results: SubmissionResult[]): string {
  const files = results.map((r) => ({
    file: r.file,
    form: r.form,
    ...(r.document ? { document: r.document } : {}),
    // the printed layout a table was read by (layouts/*.yaml)
    ...(r.layout ? { layout: r.layout } : {}),
    findings: r.findings,
    suppressed: r.suppressed ?? [],
    // what the summaries print (unit, year, score, rate): jixiao-lint merge rebuilds them from here
    ...(r.facts && Object.keys(r.facts).length > 0 ? { facts: r.facts } : {}),
  }));
  return `${JSON.stringify({ files, summary: summarize(results) }, null, 2)}\n`;
}
