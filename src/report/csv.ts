/**
 * CSV for Excel and WPS: the findings list (问题清单), one row per finding — file, form, unit,
 * place, severity, rule title, message, rule id, and the written reason of a suppressed
 * finding. (The per-submission summary is the 汇总 sheet of `-f xlsx`.)
 *
 * - UTF-8 with a byte order mark: without it Excel reads the file in the system code page
 *   (GBK on Chinese Windows) and shows mojibake.
 * - RFC 4180: CRLF line ends; a field holding a comma, a double quote or a line break is
 *   quoted, its quotes doubled.
 * - CSV injection (OWASP): a cell starting with = + - @ (or a tab or carriage return) would
 *   be run as a formula by a spreadsheet; such cells get a leading single quote. The texts
 *   come from the submissions, which anyone may have written.
 * Browser-safe.
 */
import type { SubmissionResult } from '../types.js';
import { BATCH_WORDS, findingRowsOf, suggestionText } from './batch.js';
import type { ReportContext } from './context.js';
import { inlineKeepBreaks } from './safe.js';
import { arraySource, collect, type ResultSource, type Write } from './stream.js';

export const BOM = '\uFEFF';

/** Neutralize a spreadsheet formula at the start of a cell (OWASP "CSV Injection"). */
export function defuse(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/** One RFC 4180 field. */
export function csvField(value: string | number): string {
  const text = typeof value === 'number' ? String(value) : defuse(inlineKeepBreaks(value));
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(cells: ReadonlyArray<string | number>): string {
  return `${cells.map(csvField).join(',')}\r\n`;
}

export function writeCsv(source: ResultSource, ctx: ReportContext, write: Write): void {
  const w = BATCH_WORDS[ctx.lang];
  const [file, place, ...rest] = w.findingHead;
  const [formHead, unitHead] = [w.submissionHead[1], w.submissionHead[2]];
  write(BOM + csvLine([file, formHead, unitHead, place, ...rest]));
  source.each((r) => {
    // each row carries the form and unit of its submission
    for (const row of findingRowsOf(r, ctx)) {
      const message = row.suggestion === undefined ? row.message : ctx.lang === 'zh' ? `${row.message}（${suggestionText(row, ctx.lang)}）` : `${row.message} (${suggestionText(row, ctx.lang)})`;
      write(csvLine([row.file, row.form, row.unit, row.place, row.severityName, row.title, message, row.ruleId, row.reason ?? '']));
    }
  });
}

export function formatCsv(results: SubmissionResult[], ctx: ReportContext): string {
  return collect((w) => writeCsv(arraySource(results), ctx, w));
}
