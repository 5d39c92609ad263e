import type { Finding, Lang, Location, SubmissionResult } from '../types.js';

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

/**
 * The place in a reader's words, for reports meant for people (HTML, xlsx, csv, Markdown, the
 * page): 「自评表!K12」 for a cell, 「第 4 段」 for a paragraph, 「第 29 行」 for a line of text;
 * '' when there is none (never the JSON pointer). Stylish keeps `file:29:2`, which editors follow.
 */
export function placeInWords(l: Omit<Location, 'pointer'>, lang: Lang): string {
  if (l.sheet !== undefined || l.cell !== undefined) return `${l.sheet ?? ''}${l.sheet !== undefined && l.cell !== undefined ? '!' : ''}${l.cell ?? ''}`;
  if (l.paragraph !== undefined) return lang === 'zh' ? `第 ${l.paragraph} 段` : `paragraph ${l.paragraph}`;
  const line = l.line ?? l.row;
  if (line !== undefined) return lang === 'zh' ? `第 ${line} 行` : `line ${line}`;
  return '';
}

/** 「建议改为 10」 for a finding that carries an exact correction, else ''. */
export function suggestionText(f: Pick<Finding, 'suggestion'>, lang: Lang): string {
  if (f.suggestion === undefined) return '';
  return lang === 'zh' ? `建议改为 ${f.suggestion}` : `suggested: ${f.suggestion}`;
}
