/**
 * Delimited text tables (.tsv, .csv, .txt): tab- or comma-separated, as copied out of
 * Excel, Word or PDF. The encoding is detected (src/load/decode.ts), the delimiter guessed,
 * and the table recognised by its labels (src/load/recognize.ts). Every value maps to
 * {row: 1-based line of the file, column: 1-based cell index}. Browser-safe.
 */
import type { LoadResult } from '../types.js';
import { toSimplified } from './chinese.js';
import { decodeText } from './decode.js';
import type { Grid } from './grid.js';
import { cellPerLineGrid, isCellPerLine } from './cell-lines.js';
import { problem } from './problem.js';
import { recognize, type Reading } from './recognize.js';
import { isPipeCells, isPipeRows, pipeCellsGrid, pipeGrid } from './pipe-text.js';

/** `hierarchy` and `layouts` (Reading): what forms are recognised by. */
export interface DelimitedOptions extends Reading {
  encoding?: string;
  /** Force a delimiter instead of guessing it. */
  delimiter?: string;
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
  const decoded = decodeText(bytes, options.encoding);
  if ('problem' in decoded) return { documents: [], problems: [decoded.problem] };
  return loadDelimitedText(decoded.text, options, extension);
}

/**
 * The same, with a text in Traditional characters converted to Simplified first (src/load/chinese.ts:
 * OpenCC, loaded only for such a text; lengths kept, so places are unchanged). The file loaders use this.
 */
export async function loadDelimitedAsync(bytes: Uint8Array, options: DelimitedOptions = {}, extension = ''): Promise<LoadResult> {
  const decoded = decodeText(bytes, options.encoding);
  if ('problem' in decoded) return { documents: [], problems: [decoded.problem] };
  return loadDelimitedText(await toSimplified(decoded.text), options, extension);
}

function loadDelimitedText(decodedText: string, options: DelimitedOptions, extension: string): LoadResult {
  try {
    const text = decodedText.charCodeAt(0) === 0xfeff ? decodedText.slice(1) : decodedText;
    if (!options.delimiter && extension !== '.csv' && isCellPerLine(text)) return recognize([cellPerLineGrid(text)], false, options);
    if (!options.delimiter && extension === '.txt' && isPipeRows(text)) return recognize([pipeGrid(text)], false, options);
    if (!options.delimiter && extension === '.txt' && isPipeCells(text)) {
      // by position first; a reading that does not line up is tried again by content (one of the two
      // shapes a page gives, see pipe-text.ts), and kept only when that one does line up
      const byPosition = recognize([pipeCellsGrid(text, true)], false, options);
      if (byPosition.documents.length > 0) return byPosition;
      const byContent = recognize([pipeCellsGrid(text, false)], false, options);
      return byContent.documents.length > 0 ? byContent : byPosition;
    }
    const delimiter = options.delimiter ?? (extension === '.tsv' ? '\t' : guessDelimiter(text, extension));
    return recognize([textGrid(text, delimiter)], false, options);
  } catch (e) {
    return {
      documents: [],
      problems: [{ ruleId: 'parse-error', args: { detail: `cannot read the table: ${e instanceof Error ? e.message : String(e)}`, offset: 0 }, location: { pointer: '' } }],
    };
  }
}
