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
import { BATCH_WORDS, findingRows, submissionRows, type FindingRow, type SubmissionRow } from './batch.js';
import type { ReportContext } from './context.js';
import { inlineKeepBreaks } from './safe.js';
import { displayWidth } from './width.js';

/** Column widths are in "characters" of the default font; a CJK character is about two. */
export const MIN_WIDTH = 6;
export const MAX_WIDTH = 60;

/** Decimals of a printed number ("98.50" → 2, "94" → 0, "99.98%" → 2). */
function decimalsOf(text: string): number {
  return /\.(\d+)/.exec(text)?.[1]?.length ?? 0;
}

function numFmt(decimals: number, percent: boolean): string {
  return `0${decimals > 0 ? `.${'0'.repeat(decimals)}` : ''}${percent ? '%' : ''}`;
}

/** Header style, widths from the longest text of each column, frozen header, autofilter. */
function finish(ws: ExcelJS.Worksheet, head: readonly string[], wrapColumns: readonly number[] = []): void {
  styleHeader(ws.getRow(1));
  head.forEach((h, i) => {
    const col = ws.getColumn(i + 1);
    let widest = displayWidth(h) + 3; // room for the autofilter button
    col.eachCell({ includeEmpty: false }, (cell) => {
      const text = cell.text ?? '';
      for (const line of text.split('\n')) widest = Math.max(widest, displayWidth(line) + 2);
    });
    col.width = Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, widest));
    if (wrapColumns.includes(i)) col.alignment = { ...WRAP };
  });
  ws.views = FROZEN.map((v) => ({ ...v })) as ExcelJS.WorksheetView[];
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: Math.max(1, ws.rowCount), column: head.length } };
}

/** Excel's limit on the text of one cell. */
const CELL_TEXT_LIMIT = 32767;

/** A text cell: control characters escaped visibly (XML cannot hold most of them), cut at Excel's limit. */
function cellText(s: string): string {
  const t = inlineKeepBreaks(s);
  return t.length > CELL_TEXT_LIMIT ? `${t.slice(0, CELL_TEXT_LIMIT - 1)}…` : t;
}

/** The cells of a 汇总 row, and the decimals of its score and rate as printed (null: not a number). */
export function summaryCells(s: SubmissionRow): { values: ExcelJS.CellValue[]; scoreFmt: string | null; rateFmt: string | null } {
  return {
    values: [
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
    ],
    scoreFmt: s.totalScoreValue !== null ? numFmt(decimalsOf(s.totalScore), false) : null,
    rateFmt: s.executionRateValue !== null ? numFmt(decimalsOf(s.executionRate), true) : null,
  };
}

/** The cells of a 问题清单 row, and the font of its severity cell. */
export function findingCells(f: FindingRow): { values: ExcelJS.CellValue[]; severityFont: Partial<ExcelJS.Font> } {
  const color = f.reason !== undefined ? 'FF808080' : f.severity === 'error' ? 'FFC00000' : f.severity === 'warning' ? 'FF9C5700' : 'FF1F4E79';
  return {
    values: [
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
    ],
    severityFont: { color: { argb: color }, bold: f.severity === 'error' && f.reason === undefined },
  };
}

/** The columns of the 问题清单 sheet whose text wraps (rule, message, reason). */
export const WRAP_COLUMNS: readonly number[] = [6, 7, 10];

/** A cell's text as a column is sized by it: its widest line, plus two. */
export function textWidth(v: ExcelJS.CellValue): number {
  let widest = 0;
  for (const line of (v === null || v === undefined ? '' : String(v)).split('\n')) widest = Math.max(widest, displayWidth(line) + 2);
  return widest;
}

/** Widths of columns measured a row at a time (the streamed workbook sizes its columns before writing them). */
export class ColumnWidths {
  private readonly widest: number[];
  constructor(head: readonly string[]) {
    // room for the autofilter button
    this.widest = head.map((h) => displayWidth(h) + 3);
  }
  add(values: readonly ExcelJS.CellValue[]): void {
    values.forEach((v, i) => {
      if (i < this.widest.length && v !== null && v !== undefined) this.widest[i] = Math.max(this.widest[i] as number, textWidth(v));
    });
  }
  widths(): number[] {
    return this.widest.map((w) => Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, w)));
  }
}

/** The header row's look: bold, on a light fill, a line below. */
export function styleHeader(header: ExcelJS.Row): void {
  header.font = { bold: true };
  header.alignment = { vertical: 'middle' };
  header.eachCell((c) => {
    c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF7' } };
    c.border = { bottom: { style: 'thin', color: { argb: 'FF8EA4C8' } } };
  });
}

/** Wrapped text in a column: its alignment. */
export const WRAP: Partial<ExcelJS.Alignment> = { wrapText: true, vertical: 'top' };

/** The frozen header row. */
export const FROZEN: Array<Partial<ExcelJS.WorksheetView>> = [{ state: 'frozen', xSplit: 0, ySplit: 1, topLeftCell: 'A2', activeCell: 'A2' }];

export async function formatXlsx(results: SubmissionResult[], ctx: ReportContext): Promise<Uint8Array> {
  const w = BATCH_WORDS[ctx.lang];
  const wb = new ExcelJS.Workbook();
  wb.creator = 'jixiao-lint';

  const summary = wb.addWorksheet(w.summarySheet);
  summary.addRow([...w.submissionHead]);
  for (const s of submissionRows(results, ctx)) {
    const c = summaryCells(s);
    const row = summary.addRow(c.values);
    if (c.scoreFmt !== null) row.getCell(5).numFmt = c.scoreFmt;
    if (c.rateFmt !== null) row.getCell(6).numFmt = c.rateFmt;
  }
  finish(summary, w.submissionHead);

  const findings = wb.addWorksheet(w.findingsSheet);
  findings.addRow([...w.findingSheetHead]);
  for (const f of findingRows(results, ctx)) {
    const c = findingCells(f);
    const row = findings.addRow(c.values);
    row.getCell(6).font = c.severityFont;
  }
  finish(findings, w.findingSheetHead, WRAP_COLUMNS);

  const bytes = await wb.xlsx.writeBuffer();
  return new Uint8Array(bytes as unknown as ArrayBuffer);
}
