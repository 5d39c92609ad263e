/**
 * An Excel workbook for a bureau reviewer (`-f xlsx -o 汇总.xlsx`):
 *   - 汇总: one row per submission — file, form name, unit, year, total self-score,
 *     execution rate, errors, warnings, infos, suppressed;
 *   - 问题清单: one row per finding — file, form, unit, sheet, place (「第 29 行」, 「自评表!K12」),
 *     severity, rule title, message, suggested value (建议值: the exact correction, when there is
 *     one), rule id (and the written reason of a suppressed finding).
 * Both sheets have a frozen, bold header row and an autofilter, so the reviewer can sort
 * and filter at once; columns are as wide as their text (CJK characters count two
 * columns), long messages wrap. Scores and rates are numbers (sortable) shown as printed.
 * exceljs writes the workbook (strings are stored as text, never as formulas).
 * Browser-safe: returns the bytes.
 */
import ExcelJS from 'exceljs';
import type { SubmissionResult } from '../types.js';
import { BATCH_WORDS, findingRows, submissionRows } from './batch.js';
import type { ReportContext } from './context.js';
import { inlineKeepBreaks } from './safe.js';
import { displayWidth } from './width.js';

/** Column widths are in "characters" of the default font; a CJK character is about two. */
const MIN_WIDTH = 6;
const MAX_WIDTH = 60;

/** Decimals of a printed number ("98.50" → 2, "94" → 0, "99.98%" → 2). */
function decimalsOf(text: string): number {
  return /\.(\d+)/.exec(text)?.[1]?.length ?? 0;
}

function numFmt(decimals: number, percent: boolean): string {
  return `0${decimals > 0 ? `.${'0'.repeat(decimals)}` : ''}${percent ? '%' : ''}`;
}

/** Header style, widths from the longest text of each column, frozen header, autofilter. */
function finish(ws: ExcelJS.Worksheet, head: readonly string[], wrapColumns: readonly number[] = []): void {
  const header = ws.getRow(1);
  header.font = { bold: true };
  header.alignment = { vertical: 'middle' };
  header.eachCell((c) => {
    c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF7' } };
    c.border = { bottom: { style: 'thin', color: { argb: 'FF8EA4C8' } } };
  });
  head.forEach((h, i) => {
    const col = ws.getColumn(i + 1);
    let widest = displayWidth(h) + 3; // room for the autofilter button
    col.eachCell({ includeEmpty: false }, (cell) => {
      const text = cell.text ?? '';
      for (const line of text.split('\n')) widest = Math.max(widest, displayWidth(line) + 2);
    });
    col.width = Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, widest));
    if (wrapColumns.includes(i)) col.alignment = { wrapText: true, vertical: 'top' };
  });
  ws.views = [{ state: 'frozen', xSplit: 0, ySplit: 1, topLeftCell: 'A2', activeCell: 'A2' }];
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: Math.max(1, ws.rowCount), column: head.length } };
}

/** Excel's limit on the text of one cell. */
const CELL_TEXT_LIMIT = 32767;

/** A text cell: control characters escaped visibly (XML cannot hold most of them), cut at Excel's limit. */
function cellText(s: string): string {
  const t = inlineKeepBreaks(s);
  return t.length > CELL_TEXT_LIMIT ? `${t.slice(0, CELL_TEXT_LIMIT - 1)}…` : t;
}

export async function formatXlsx(results: SubmissionResult[], ctx: ReportContext): Promise<Uint8Array> {
  const w = BATCH_WORDS[ctx.lang];
  const wb = new ExcelJS.Workbook();
  wb.creator = 'jixiao-lint';

  const summary = wb.addWorksheet(w.summarySheet);
  summary.addRow([...w.submissionHead]);
  for (const s of submissionRows(results, ctx)) {
    const row = summary.addRow([
      cellText(s.file),
      cellText(s.form),
      cellText(s.unit),
      /^\d{4}$/.test(s.year) ? Number(s.year) : cellText(s.year),
      s.totalScoreValue ?? cellText(s.totalScore),
      s.executionRateValue ?? cellText(s.executionRate),
      s.errors,
      s.warnings,
      s.infos,
      s.suppressed,
    ]);
    if (s.totalScoreValue !== null) row.getCell(5).numFmt = numFmt(decimalsOf(s.totalScore), false);
    if (s.executionRateValue !== null) row.getCell(6).numFmt = numFmt(decimalsOf(s.executionRate), true);
  }
  finish(summary, w.submissionHead);

  const findings = wb.addWorksheet(w.findingsSheet);
  findings.addRow([...w.findingSheetHead]);
  for (const f of findingRows(results, ctx)) {
    const row = findings.addRow([
      cellText(f.file),
      cellText(f.form),
      cellText(f.unit),
      f.sheet !== '' ? cellText(f.sheet) : null,
      cellText(f.place),
      f.severityName,
      cellText(f.title),
      cellText(f.message),
      f.suggestion !== undefined ? cellText(f.suggestion) : null,
      cellText(f.ruleId),
      f.reason !== undefined ? cellText(f.reason) : null,
    ]);
    const color = f.reason !== undefined ? 'FF808080' : f.severity === 'error' ? 'FFC00000' : f.severity === 'warning' ? 'FF9C5700' : 'FF1F4E79';
    row.getCell(6).font = { color: { argb: color }, bold: f.severity === 'error' && f.reason === undefined };
  }
  finish(findings, w.findingSheetHead, [6, 7, 10]);

  const bytes = await wb.xlsx.writeBuffer();
  return new Uint8Array(bytes as unknown as ArrayBuffer);
}
