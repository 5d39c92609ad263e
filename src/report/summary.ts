import type { Finding, SubmissionResult } from '../types.js';

export interface Summary {
  files: number;
  errors: number;
  warnings: number;
  infos: number;
  /** Findings suppressed with a written reason (not in the counts above). */
  suppressed: number;
}

export function summarize(results: readonly SubmissionResult[]): Summary {
  const count = (sev: Finding['severity']) => results.reduce((n, r) => n + r.findings.filter((f) => f.severity === sev).length, 0);
  return {
    files: new Set(results.map((r) => r.file)).size,
    errors: count('error'),
    warnings: count('warning'),
    infos: count('info'),
    suppressed: results.reduce((n, r) => n + (r.suppressed?.length ?? 0), 0),
  };
}

/** "23:9", "自评表!K12", "¶4" (a paragraph of a Word document) or "13:12": the place a person would look. */
export function placeOf(f: Finding): string {
  const l = f.location;
  if (l.sheet !== undefined || l.cell !== undefined) return `${l.sheet ?? ''}!${l.cell ?? ''}`;
  if (l.paragraph !== undefined) return `¶${l.paragraph}`;
  if (l.line !== undefined) return `${l.line}:${l.column ?? 1}`;
  if (l.row !== undefined) return `${l.row}:${l.column ?? 1}`;
  return '';
}
