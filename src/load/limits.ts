/**
 * Limits on what one file may make the readers do. Every input is untrusted (a bureau lints
 * files from hundreds of units, CI whatever a pull request holds): a file over a limit is one
 * `parse-error` naming the limit, and the run goes on with the next file. The defaults fit
 * every real form with a wide margin; `--max-file-size` and friends (src/node/cli.ts) or
 * LoadOptions.limits change them. Browser-safe.
 */
import type { LoadProblem } from '../types.js';
import { problem } from './problem.js';

export interface Limits {
  /** Bytes of one file (default 20 MB). */
  maxFileBytes: number;
  /** Cells of one grid: a worksheet, a document's tables, a text table (default 2,000,000). */
  maxCells: number;
  /** Rows of one grid (default 200,000). */
  maxRows: number;
  /** Columns of one grid (default 1,000). */
  maxColumns: number;
  /** Sheets of one workbook (default 200). */
  maxSheets: number;
  /** Pages of one PDF (default 2,000). */
  maxPages: number;
  /** Streams of one compound file (a .xls/.et/.doc/.wps; default 1,000: a workbook has a handful). */
  maxStreams: number;
  /** Uncompressed bytes of one zip entry of a .xlsx/.docx, checked before inflating (default 100 MB). */
  maxEntryBytes: number;
  /** Uncompressed ÷ compressed size of one zip entry (default 200; real workbooks stay below 30). */
  maxRatio: number;
  /** Nesting depth of JSON/YAML (default 64). */
  maxDepth: number;
  /** Items of one JSON/YAML list (default 10,000: a form has tens of indicators, a summary hundreds of projects). */
  maxItems: number;
}

export const DEFAULT_LIMITS: Readonly<Limits> = Object.freeze({
  maxFileBytes: 20 * 1024 * 1024,
  maxCells: 2_000_000,
  maxRows: 200_000,
  maxColumns: 1_000,
  maxSheets: 200,
  maxStreams: 1_000,
  maxPages: 2_000,
  maxEntryBytes: 100 * 1024 * 1024,
  maxRatio: 200,
  maxDepth: 64,
  maxItems: 10_000,
});

/** A limit was passed: thrown by a reader, turned into one parse-error by its caller. */
export class LimitError extends Error {
  constructor(readonly problem: LoadProblem) {
    super(typeof problem.args.detail === 'object' ? problem.args.detail.en : String(problem.args.detail));
  }
}

const mb = (n: number) => `${(n / 1024 / 1024).toFixed(n < 10 * 1024 * 1024 ? 1 : 0)} MB`;

export function fileTooBig(size: number, limit: number): LoadProblem {
  return problem(
    `文件大小 ${mb(size)}，超过上限 ${mb(limit)}（可用 --max-file-size 调整）。绩效表格通常远小于此，请确认文件是否正确。`,
    `the file is ${mb(size)}, over the limit of ${mb(limit)} (--max-file-size changes it). Performance forms are far smaller; is this the right file?`,
  );
}

export function gridTooBig(what: { rows: number; columns: number }, limits: Limits, where = ''): LoadProblem | null {
  const { rows, columns } = what;
  const at = where ? `${where}：` : '';
  const atEn = where ? `${where}: ` : '';
  if (rows > limits.maxRows) {
    return problem(`${at}表格有 ${rows} 行，超过上限 ${limits.maxRows} 行，未读取。`, `${atEn}the table has ${rows} rows, over the limit of ${limits.maxRows}; not read.`);
  }
  if (columns > limits.maxColumns) {
    return problem(`${at}表格有 ${columns} 列，超过上限 ${limits.maxColumns} 列，未读取。`, `${atEn}the table has ${columns} columns, over the limit of ${limits.maxColumns}; not read.`);
  }
  if (rows * columns > limits.maxCells) {
    return problem(
      `${at}表格有 ${rows} 行 × ${columns} 列，超过单元格上限 ${limits.maxCells} 个，未读取。`,
      `${atEn}the table has ${rows} rows × ${columns} columns, over the limit of ${limits.maxCells} cells; not read.`,
    );
  }
  return null;
}

/** Check the entries of a zip (a .xlsx or .docx) from its central directory, before anything is inflated. */
export function zipEntryProblem(entries: Array<{ name: string; size: number; originalSize: number }>, limits: Limits): LoadProblem | null {
  for (const e of entries) {
    if (e.originalSize > limits.maxEntryBytes) {
      return problem(
        `压缩包内的「${e.name}」解压后有 ${mb(e.originalSize)}，超过上限 ${mb(limits.maxEntryBytes)}，未读取（可能是损坏或恶意构造的文件）。`,
        `the entry "${e.name}" would inflate to ${mb(e.originalSize)}, over the limit of ${mb(limits.maxEntryBytes)}; not read (a damaged or hostile file?).`,
      );
    }
    if (e.size > 0 && e.originalSize / e.size > limits.maxRatio && e.originalSize > 1024 * 1024) {
      return problem(
        `压缩包内的「${e.name}」压缩比为 ${Math.round(e.originalSize / e.size)}:1，超过上限 ${limits.maxRatio}:1，未读取（可能是恶意构造的“压缩炸弹”）。`,
        `the entry "${e.name}" has a compression ratio of ${Math.round(e.originalSize / e.size)}:1, over the limit of ${limits.maxRatio}:1; not read (a zip bomb?).`,
      );
    }
  }
  return null;
}

export function tooManyItems(count: number, limit: number, line?: number): LoadProblem {
  return problem(
    `一个列表有 ${count} 项，超过上限 ${limit} 项，未读取（可用 --max-items 调整）。`,
    `a list has ${count} items, over the limit of ${limit}; not read (--max-items changes it).`,
    line !== undefined ? { pointer: '', line, column: 1 } : { pointer: '' },
  );
}

export function tooDeep(limit: number, line?: number): LoadProblem {
  return problem(
    `数据嵌套超过 ${limit} 层，未读取（绩效表格的结构不会这么深）。`,
    `the data is nested more than ${limit} levels deep; not read (no form is that deep).`,
    line !== undefined ? { pointer: '', line, column: 1 } : { pointer: '' },
  );
}
