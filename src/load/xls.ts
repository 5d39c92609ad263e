/**
 * Legacy Excel (.xls, BIFF8) and WPS Spreadsheets (.et) workbooks, read with SheetJS (the
 * maintained republication @e965/xlsx of SheetJS CE 0.20.3, past CVE-2023-30533 and
 * CVE-2024-22363; the npm package `xlsx` is frozen at 0.18.5 with both). Every visible sheet
 * becomes the same Grid as a .xlsx sheet (src/load/xlsx.ts): the texts a person sees — a
 * formula's saved result, a number under its number format at its printed precision (the
 * same formatNumber as .xlsx), a merged range's text in its top-left cell — located as
 * {sheet, cell: "C5"}. Browser-safe: SheetJS reads a Uint8Array.
 *
 * Many files named .xls are not BIFF: government systems export web pages or .xlsx files
 * under that name. A zip is read as .xlsx and a web page as .html, by their own readers.
 *
 * Limits (src/load/limits.ts) are checked before SheetJS builds any cell: the compound file's
 * directory (streams and their sizes) and then the BIFF records of the workbook stream (sheets,
 * cells per sheet, the area of each merged range) are counted first. Counting records is
 * written here by hand because SheetJS has no way to stop a read at a limit other than rows.
 */
import * as XLSX from '@e965/xlsx';
import type { LoadProblem, LoadResult } from '../types.js';
import { columnLetters, type Grid, type Merge } from './grid.js';
import { DEFAULT_LIMITS, gridTooBig, type Limits } from './limits.js';
import { formatNumber } from './number-format.js';
import { problem } from './problem.js';
import { recognize, type Reading } from './recognize.js';
import { sniffXls } from './xls-sniff.js';

const MESSAGE = {
  notXls: [
    '不是有效的 Excel 97-2003 工作簿（.xls/.et）：文件已损坏，或并非该格式。请用 Excel 或 WPS 打开后另存为 .xlsx 再检查。',
    'not a readable Excel 97-2003 workbook (.xls/.et): the file is damaged or in another format. Open it in Excel or WPS, save it as .xlsx and check it again.',
  ],
  encrypted: [
    '工作簿设有打开密码，无法读取。请在 Excel 或 WPS 中取消密码后再检查。',
    'the workbook is protected by a password and cannot be read. Remove the password in Excel or WPS and check it again.',
  ],
  old: [
    '这是 Excel 5.0/95 或更早版本的工作簿，暂不支持。请用 Excel 或 WPS 打开后另存为 .xlsx 再检查。',
    'this is an Excel 5.0/95 or older workbook, which is not read. Open it in Excel or WPS, save it as .xlsx and check it again.',
  ],
} as const;

const fail = (m: readonly [string, string]): LoadProblem => problem(m[0], m[1]);

export { sniffXls };

// ---------- limits, from the compound file's directory and the BIFF records ----------

/** BIFF record types counted (MS-XLS 2.3). */
const REC = {
  BOF: 0x0809,
  EOF: 0x000a,
  BOUNDSHEET: 0x0085,
  FILEPASS: 0x002f,
  MERGECELLS: 0x00e5,
  MULRK: 0x00bd,
  MULBLANK: 0x00be,
} as const;
/** Records that each hold one cell: NUMBER, RK, LABELSST, LABEL, RSTRING, FORMULA, BOOLERR, BLANK. */
const ONE_CELL = new Set([0x0203, 0x027e, 0x00fd, 0x0204, 0x00d6, 0x0006, 0x0205, 0x0201]);

interface Census {
  sheets: number;
  encrypted: boolean;
  /** Cells and the largest merged area of each substream after the globals, in order. */
  substreams: Array<{ cells: number; rows: number; columns: number; largestMerge: number }>;
}

/** Count the workbook stream's records without building anything. */
function census(stream: Uint8Array): Census {
  const view = new DataView(stream.buffer, stream.byteOffset, stream.byteLength);
  const out: Census = { sheets: 0, encrypted: false, substreams: [] };
  let depth = 0;
  let globals = false;
  let current: Census['substreams'][number] | null = null;
  let maxRow = -1;
  let maxCol = -1;
  const cell = (r: number, c: number, n = 1) => {
    if (!current) return;
    current.cells += n;
    if (r > maxRow) maxRow = r;
    if (c > maxCol) maxCol = c;
  };
  for (let at = 0; at + 4 <= stream.length; ) {
    const type = view.getUint16(at, true);
    const size = view.getUint16(at + 2, true);
    const body = at + 4;
    if (body + size > stream.length) break;
    if (type === REC.BOF) {
      depth++;
      // the globals are the first substream; each later one is a sheet (or chart)
      if (depth === 1 && !globals) globals = true;
      else if (depth === 1) {
        current = { cells: 0, rows: 0, columns: 0, largestMerge: 0 };
        maxRow = -1;
        maxCol = -1;
      }
    } else if (type === REC.EOF) {
      if (depth === 1 && current) {
        current.rows = maxRow + 1;
        current.columns = maxCol + 1;
        out.substreams.push(current);
        current = null;
      }
      depth = Math.max(0, depth - 1);
    } else if (type === REC.BOUNDSHEET && !current) out.sheets++;
    else if (type === REC.FILEPASS && !current) out.encrypted = true;
    else if (current && size >= 4 && ONE_CELL.has(type)) cell(view.getUint16(body, true), view.getUint16(body + 2, true));
    else if (current && size >= 6 && (type === REC.MULRK || type === REC.MULBLANK)) {
      const first = view.getUint16(body + 2, true);
      const last = view.getUint16(body + size - 2, true);
      if (last >= first) cell(view.getUint16(body, true), last, last - first + 1);
    } else if (current && type === REC.MERGECELLS && size >= 2) {
      const n = Math.min(view.getUint16(body, true), Math.floor((size - 2) / 8));
      for (let k = 0; k < n; k++) {
        const p = body + 2 + k * 8;
        const area = (Math.abs(view.getUint16(p + 2, true) - view.getUint16(p, true)) + 1) * (Math.abs(view.getUint16(p + 6, true) - view.getUint16(p + 4, true)) + 1);
        if (area > current.largestMerge) current.largestMerge = area;
      }
    }
    at = body + size;
  }
  return out;
}

/** The part of a compound file SheetJS's CFB.read gives (its types declare CFB as any). */
interface Cfb {
  FileIndex: Array<{ name: string; type: number; size: number; content?: Uint8Array | number[] }>;
}

/** Check the compound file and its workbook stream against the limits; the problem, or null. */
function inspect(container: Cfb, limits: Limits): LoadProblem | null {
  const streams = container.FileIndex.filter((f) => f.type === 2);
  if (streams.length > limits.maxStreams) {
    return problem(
      `文件内含 ${streams.length} 个数据流，超过上限 ${limits.maxStreams} 个，未读取（可能是损坏或恶意构造的文件）。`,
      `the file holds ${streams.length} streams, over the limit of ${limits.maxStreams}; not read (a damaged or hostile file?).`,
    );
  }
  const names = new Set(streams.map((f) => f.name));
  if (names.has('EncryptionInfo') || names.has('EncryptedPackage')) return fail(MESSAGE.encrypted);
  const book = streams.find((f) => f.name === 'Workbook');
  if (!book) return fail(names.has('Book') ? MESSAGE.old : MESSAGE.notXls);
  const stream = book.content instanceof Uint8Array ? book.content : new Uint8Array(book.content ?? []);
  const c = census(stream);
  if (c.encrypted) return fail(MESSAGE.encrypted);
  if (c.sheets > limits.maxSheets) {
    return problem(`工作簿有 ${c.sheets} 个工作表，超过上限 ${limits.maxSheets} 个，未读取。`, `the workbook has ${c.sheets} sheets, over the limit of ${limits.maxSheets}; not read.`);
  }
  for (const [i, s] of c.substreams.entries()) {
    const where = `第 ${i + 1} 个工作表`;
    const tooBig = gridTooBig({ rows: s.rows, columns: s.columns }, limits, where) ?? gridTooBig({ rows: 1, columns: s.cells }, { ...limits, maxColumns: Infinity }, where);
    if (tooBig) return tooBig;
    if (s.largestMerge > limits.maxCells) {
      return problem(
        `${where}中的合并区域覆盖的单元格超过上限 ${limits.maxCells} 个，未读取。`,
        `a merged range in sheet ${i + 1} covers more than ${limits.maxCells} cells; not read.`,
      );
    }
  }
  return null;
}

// ---------- cells → grid ----------

/** The text a person sees in a SheetJS cell (as cellText does for exceljs's values). */
export function xlsCellText(cell: XLSX.CellObject | undefined): string {
  if (!cell || cell.v === undefined || cell.v === null) return '';
  const v = cell.v;
  if (cell.t === 'e') return cell.w ?? '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'number') return formatNumber(v, typeof cell.z === 'string' ? cell.z : undefined);
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  return String(v).replace(/\r\n?/g, '\n');
}

/** One SheetJS sheet as a grid (also used to measure SheetJS on .xlsx against exceljs). */
export function sheetGrid(name: string, ws: XLSX.WorkSheet): Grid {
  const place = (r: number, c: number) => ({ sheet: name, cell: `${columnLetters(c + 1)}${r + 1}` });
  const dense = (ws as XLSX.DenseWorkSheet)['!data'] ?? [];
  const range = ws['!ref'] ? XLSX.utils.decode_range(ws['!ref']) : null;
  const merges: Merge[] = (ws['!merges'] ?? []).map((m) => ({ top: m.s.r, left: m.s.c, bottom: m.e.r, right: m.e.c }));
  const rows: string[][] = [];
  const problems: LoadProblem[] = [];
  const nRows = range ? range.e.r + 1 : 0;
  const nCols = range ? range.e.c + 1 : 0;
  for (let r = 0; r < nRows; r++) {
    const row = dense[r] ?? [];
    const cells: string[] = [];
    for (let c = 0; c < nCols; c++) {
      const cell = row[c];
      if (cell?.f && (cell.v === undefined || cell.v === null)) {
        // A formula whose result was never saved: unknown, never an empty cell (as for .xlsx).
        const at = place(r, c);
        problems.push({ ruleId: 'unsaved-formula', args: { cell: at.cell, formula: cell.f }, location: { pointer: '', ...at } });
      }
      cells.push(xlsCellText(cell));
    }
    rows.push(cells);
  }
  // A merged range shows its text once, in its top-left cell (Excel keeps no other value).
  for (const m of merges) {
    for (let r = m.top; r <= Math.min(m.bottom, nRows - 1); r++) {
      const row = rows[r] as string[];
      for (let c = m.left; c <= Math.min(m.right, nCols - 1); c++) if (r !== m.top || c !== m.left) row[c] = '';
    }
  }
  return { rows, place, positional: true, sheet: name, ...(merges.length > 0 ? { merges } : {}), ...(problems.length > 0 ? { problems } : {}) };
}

/** The visible sheets of a BIFF8 workbook as grids, or the problem that stops the read. */
export function readXls(bytes: Uint8Array, limits: Limits = DEFAULT_LIMITS): { grids: Grid[] } | { problem: LoadProblem } {
  let container: Cfb;
  try {
    container = XLSX.CFB.read(bytes, { type: 'array' }) as Cfb;
  } catch {
    return { problem: fail(MESSAGE.notXls) };
  }
  const refused = inspect(container, limits);
  if (refused) return { problem: refused };
  let wb: XLSX.WorkBook;
  try {
    wb = XLSX.read(bytes, { type: 'array', dense: true, cellFormula: true, cellNF: true, cellDates: true, UTC: true, sheetRows: limits.maxRows + 1 });
  } catch (e) {
    return { problem: fail(/password|encrypt/i.test(String(e)) ? MESSAGE.encrypted : MESSAGE.notXls) };
  }
  const hidden = new Set((wb.Workbook?.Sheets ?? []).filter((s) => s.Hidden === 1 || s.Hidden === 2).map((s) => s.name));
  const grids: Grid[] = [];
  for (const name of wb.SheetNames) {
    const ws = wb.Sheets[name];
    if (!ws || hidden.has(name)) continue;
    grids.push(sheetGrid(name, ws));
  }
  return { grids };
}

export async function loadXls(bytes: Uint8Array, limits: Limits = DEFAULT_LIMITS, reading: Reading = {}): Promise<LoadResult> {
  const read = readXls(bytes, limits);
  if ('problem' in read) return { documents: [], problems: [read.problem] };
  return recognize(read.grids, true, reading);
}
