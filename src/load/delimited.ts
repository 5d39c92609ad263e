/**
 * Delimited text tables (.tsv, .csv, .txt): tab- or comma-separated, as copied out of
 * Excel, Word or PDF. The encoding is detected (src/load/decode.ts), the delimiter guessed,
 * and the table recognised by its labels (src/load/recognize.ts). Every value maps to
 * {row: 1-based line of the file, column: 1-based cell index}. Browser-safe.
 */
import type { Hierarchy } from '../vocabulary.js';
import type { LoadResult } from '../types.js';
import { decodeText } from './decode.js';
import type { Grid } from './grid.js';
import { cellPerLineGrid, isCellPerLine } from './cell-lines.js';
import { problem } from './problem.js';
import { recognize } from './recognize.js';

export interface DelimitedOptions {
  encoding?: string;
  /** Force a delimiter instead of guessing it. */
  delimiter?: string;
  /** Second-level indicator names → first level (the bureau's settings.hierarchy; default HIERARCHY). */
  hierarchy?: Hierarchy;
}

/** The delimiter of a text table: tab when any line has one, else comma, else semicolon. */
export function guessDelimiter(text: string, extension = ''): string {
  const lines = text.split(/\r?\n/).slice(0, 200);
  const count = (ch: string) => lines.reduce((n, l) => n + (l.includes(ch) ? 1 : 0), 0);
  const tabs = count('\t');
  const commas = count(',');
  if (extension === '.csv' && commas > 0 && commas >= tabs) return ',';
  if (tabs > 0) return '\t';
  if (commas > 0) return ',';
  if (count(';') > 0) return ';';
  return '\t';
}

/** Split text into records of cells; `lines[i]` is the 1-based line where record i starts. */
export function splitRecords(text: string, delimiter: string): { records: string[][]; lines: number[]; unclosed?: { line: number; column: number } } {
  const records: string[][] = [];
  const lines: number[] = [];
  let unclosed: { line: number; column: number } | undefined;
  let line = 1;
  let i = 0;
  const n = text.length;
  while (i <= n) {
    const start = line;
    const cells: string[] = [];
    let cell = '';
    let quoted = false;
    let opened = { line, column: 1 };
    let atCellStart = true;
    for (; i < n; i++) {
      const ch = text[i] as string;
      if (quoted) {
        if (ch === '"') {
          if (text[i + 1] === '"') {
            cell += '"';
            i++;
          } else quoted = false;
        } else {
          if (ch === '\n') line++;
          cell += ch;
        }
        continue;
      }
      if (ch === '"' && atCellStart && delimiter !== '\t') {
        quoted = true;
        opened = { line, column: cells.length + 1 };
        atCellStart = false;
        continue;
      }
      if (ch === delimiter) {
        cells.push(cell);
        cell = '';
        atCellStart = true;
        continue;
      }
      if (ch === '\n' || ch === '\r') {
        if (ch === '\r' && text[i + 1] === '\n') i++;
        break;
      }
      cell += ch;
      atCellStart = false;
    }
    // A quote still open at the end swallowed the rest of the file into one cell.
    if (quoted) unclosed = opened;
    cells.push(cell);
    records.push(cells);
    lines.push(start);
    if (i >= n) break;
    i++;
    line++;
  }
  // A final newline does not start a record.
  if (records.length > 1 && text.endsWith('\n') && (records[records.length - 1] as string[]).join('') === '') {
    records.pop();
    lines.pop();
  }
  return { records, lines, ...(unclosed ? { unclosed } : {}) };
}

export function textGrid(text: string, delimiter: string): Grid {
  const { records, lines, unclosed } = splitRecords(text, delimiter);
  return {
    rows: records,
    place: (r, c) => ({ row: lines[r] ?? r + 1, column: c + 1 }),
    positional: isRectangular(records),
    ...(unclosed
      ? {
          problems: [
            problem(
              `第 ${unclosed.line} 行的双引号没有闭合，其后的内容都被读进了同一个单元格。请检查这一行的引号。`,
              `the double quote opened at line ${unclosed.line} is never closed: everything after it was read into one cell. Check the quotes of that line.`,
              { pointer: '', line: unclosed.line, column: unclosed.column },
            ),
          ],
        }
      : {}),
  };
}

/**
 * Text whose rows are printed between pipes, as web pages and Markdown print tables
 * (「| 项目名称 | 义务教育… | 主管部门 |」), merged cells collapsed into rows of a bare 「|」: most
 * lines start or end with a pipe and many hold two or more. Written by hand because a Markdown
 * parser needs the header delimiter row (|---|) that these extracted texts never have.
 */
export function isPipeRows(text: string): boolean {
  let lines = 0;
  let edged = 0;
  let multi = 0;
  for (const raw of text.split('\n', 5000)) {
    const l = raw.trim();
    if (l === '') continue;
    lines++;
    if (l.startsWith('|') || l.endsWith('|')) edged++;
    let pipes = 0;
    for (const ch of l) if (ch === '|') pipes++;
    if (pipes >= 3) multi++;
  }
  return lines >= 5 && edged >= lines * 0.6 && multi >= lines * 0.3;
}

/** A grid of pipe rows: each line a row, its cells between the pipes (the pipes at the ends dropped);
 * rows of unequal length, so it is aligned by content (not positional). Places are line:cell. */
export function pipeGrid(text: string): Grid {
  const lines = text.split(/\r?\n/);
  const rows = lines.map((raw) => {
    let l = raw.trim();
    if (l.startsWith('|')) l = l.slice(1);
    if (l.endsWith('|')) l = l.slice(0, -1);
    return l === '' ? [] : l.split('|').map((c) => c.trim());
  });
  return { rows, place: (r, c) => ({ row: r + 1, column: c + 1 }), positional: false };
}

/** Columns line up when every row of more than one cell has the same number of cells (a table saved
 * from Excel keeps its empty cells); text extracted from PDF or Word, whose merged cells collapsed,
 * has rows of unequal length and is aligned by content instead. */
function isRectangular(records: readonly string[][]): boolean {
  let width = -1;
  let rows = 0;
  for (const r of records) {
    if (r.length <= 1) continue;
    if (width >= 0 && r.length !== width) return false;
    width = r.length;
    rows++;
  }
  return rows >= 3 && width >= 3;
}

export function loadDelimited(bytes: Uint8Array, options: DelimitedOptions = {}, extension = ''): LoadResult {
  try {
    const decoded = decodeText(bytes, options.encoding);
    if ('problem' in decoded) return { documents: [], problems: [decoded.problem] };
    const text = decoded.text.charCodeAt(0) === 0xfeff ? decoded.text.slice(1) : decoded.text;
    if (!options.delimiter && extension !== '.csv' && isCellPerLine(text)) return recognize([cellPerLineGrid(text)], false, options.hierarchy);
    if (!options.delimiter && extension === '.txt' && isPipeRows(text)) return recognize([pipeGrid(text)], false, options.hierarchy);
    const delimiter = options.delimiter ?? (extension === '.tsv' ? '\t' : guessDelimiter(text, extension));
    return recognize([textGrid(text, delimiter)], false, options.hierarchy);
  } catch (e) {
    return {
      documents: [],
      problems: [{ ruleId: 'parse-error', args: { detail: `cannot read the table: ${e instanceof Error ? e.message : String(e)}`, offset: 0 }, location: { pointer: '' } }],
    };
  }
}
