/**
 * .xlsx workbooks (exceljs): every worksheet becomes a grid of the texts a person sees —
 * formulas give their cached result, 0.9998 formatted 0.00% gives "99.98%", numbers stored
 * as text stay as typed, a merged range holds its value in its top-left cell only. Each
 * recognised sheet is one submission, located as {sheet, cell: "K12"}. Browser-safe:
 * exceljs reads an ArrayBuffer.
 */
import ExcelJS from 'exceljs';
import type { Localized, LoadResult } from '../types.js';
import { cellRef, columnLetters, type Grid, type Merge } from './grid.js';
import { unzipSync, zipSync } from 'fflate';
import type { LoadProblem } from '../types.js';
import { DEFAULT_LIMITS, gridTooBig, LimitError, tooManyEntries, zipEntryProblem, type Limits } from './limits.js';
import { formatNumber } from './number-format.js';
import { problem } from './problem.js';
import { recognize, type Reading } from './recognize.js';

type Value = ExcelJS.CellValue;

export { formatNumber };

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !(v instanceof Date);
}

/** The text a person sees in a cell. */
export function cellText(value: Value, numFmt: string | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return formatNumber(value, numFmt);
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (isObject(value)) {
    if (Array.isArray(value.richText)) return (value.richText as Array<{ text?: string }>).map((t) => t.text ?? '').join('');
    if ('formula' in value || 'sharedFormula' in value || 'result' in value) {
      const result = value.result as Value | undefined;
      return result === undefined ? '' : cellText(result, numFmt);
    }
    if (typeof value.error === 'string') return value.error;
    if (typeof value.text === 'string') return value.text;
    if (isObject(value.text) && Array.isArray(value.text.richText)) return cellText(value.text as unknown as Value, numFmt);
  }
  return String(value);
}

/**
 * What a shared-string cell whose index the file does not hold reads as: `inspect` rewrites such
 * a cell to this text (exceljs would fail on the whole workbook), and `damageOf` finds it again.
 * U+E000 (private use) starts no text a form prints.
 */
const MISSING_STRING = '\ue000jixiao-lint:missing-shared-string:';

/** Why a cell's value cannot be known (a damaged file, a formula that failed), or null. */
function damageOf(cell: ExcelJS.Cell): Localized | null {
  const v = cell.value;
  const missing = (index: string): Localized => ({
    zh: `引用了文件中不存在的共享文字（第 ${index} 项），文件已损坏`,
    en: `refers to a shared string (number ${index}) the file does not hold: the file is damaged`,
  });
  // a shared-string cell in a workbook without its shared strings: exceljs keeps the index as a number
  if (cell.type === ExcelJS.ValueType.String && typeof v === 'number') return missing(String(v));
  if (typeof v === 'string' && v.startsWith(MISSING_STRING)) return missing(v.slice(MISSING_STRING.length));
  const error = (x: unknown): string | null => (isObject(x) && typeof x.error === 'string' ? x.error : null);
  const plain = error(v);
  if (plain !== null) return { zh: `保存的是错误值「${plain}」`, en: `holds the error value ${plain}` };
  if (isObject(v) && ('formula' in v || 'sharedFormula' in v)) {
    const failed = error(v.result);
    const formula = String(v.formula ?? v.sharedFormula ?? '');
    if (failed !== null) return { zh: `的公式（=${formula}）计算出错，保存的结果是错误值「${failed}」`, en: `holds a formula (=${formula}) whose saved result is the error value ${failed}` };
  }
  return null;
}

/**
 * Shared-string cells (t="s") whose index is not a shared string of the file, rewritten as text
 * cells holding MISSING_STRING and the index, or null when there are none. Cells are cut out with
 * indexOf (linear on any text); the rewritten sheet is the old one with those cells replaced.
 */
export function markMissingStrings(xml: string, strings: number): string | null {
  let out = '';
  let from = 0;
  for (let i = xml.indexOf('<c'); i >= 0; i = xml.indexOf('<c', i + 2)) {
    const next = xml.charCodeAt(i + 2);
    // <c>, <c …> (a cell), not <col…> or <cfRule…>
    if (!(next === 0x20 || next === 0x3e || next === 0x09 || next === 0x0a || next === 0x0d)) continue;
    const open = xml.indexOf('>', i);
    if (open < 0) break;
    if (xml.charCodeAt(open - 1) === 0x2f) continue; // <c …/>
    const tag = xml.slice(i, open + 1);
    if (!/\st="s"/.test(tag)) continue;
    const close = xml.indexOf('</c>', open);
    if (close < 0) break;
    const body = xml.slice(open + 1, close);
    const v = /<v>([^<]*)<\/v>/.exec(body)?.[1]?.trim() ?? '';
    const index = /^\d+$/.test(v) ? Number(v) : NaN;
    if (index < strings) continue;
    const text = `${MISSING_STRING}${v.replace(/[<>&]/g, '') || '?'}`;
    out += `${xml.slice(from, i)}${tag.replace(/\st="s"/, ' t="str"')}<v>${text}</v></c>`;
    from = close + 4;
  }
  return from === 0 ? null : out + xml.slice(from);
}

/** Row and column (0-based) of an A1 reference. */
function a1(ref: string): [number, number] | null {
  const at = cellRef(ref);
  return at ? [at[0] - 1, at[1] - 1] : null;
}

/** The merged ranges of a worksheet ("A1:I1" in exceljs's model) as grid ranges. */
function mergesOf(ws: ExcelJS.Worksheet): Merge[] {
  const list = (ws.model as { merges?: unknown }).merges;
  if (!Array.isArray(list)) return [];
  const out: Merge[] = [];
  for (const range of list) {
    const [from, to] = String(range).split(':').map(a1);
    if (from && to) out.push({ top: from[0], left: from[1], bottom: to[0], right: to[1] });
  }
  return out;
}

export function sheetGrid(ws: ExcelJS.Worksheet): Grid {
  const rows: string[][] = [];
  const nRows = ws.rowCount;
  const nCols = ws.columnCount;
  const unsaved: Array<{ r: number; c: number; formula: string }> = [];
  const damaged: Array<{ r: number; c: number; what: Localized }> = [];
  for (let r = 1; r <= nRows; r++) {
    const row = ws.getRow(r);
    const cells: string[] = [];
    for (let c = 1; c <= nCols; c++) {
      const cell = row.getCell(c);
      // A merged range shows its value once, in its top-left cell.
      if (cell.isMerged && cell.master && cell.master.address !== cell.address) {
        cells.push('');
        continue;
      }
      const v = cell.value;
      const damage = damageOf(cell);
      if (damage) {
        // its value is unknown: a finding at the cell, and no text that could pass for a value
        damaged.push({ r: r - 1, c: c - 1, what: damage });
        cells.push('');
        continue;
      }
      if (isObject(v) && ('formula' in v || 'sharedFormula' in v) && (v.result === undefined || v.result === null)) {
        // A formula whose result was never saved (a file written by a program, not by Excel/WPS):
        // its value is unknown, which must not pass as an empty cell.
        unsaved.push({ r: r - 1, c: c - 1, formula: String(v.formula ?? v.sharedFormula ?? '') });
      }
      cells.push(cellText(v, cell.numFmt).replace(/\r\n?/g, '\n'));
    }
    rows.push(cells);
  }
  const sheet = ws.name;
  const place = (r: number, c: number) => ({ sheet, cell: `${columnLetters(c + 1)}${r + 1}` });
  const problems: LoadProblem[] = [
    ...damaged.map((d) => ({ ruleId: 'damaged-cell', args: { cell: place(d.r, d.c).cell, what: d.what }, location: { pointer: '', ...place(d.r, d.c) } })),
    ...unsaved.map((u) => ({
      ruleId: 'unsaved-formula',
      args: { cell: place(u.r, u.c).cell, formula: u.formula },
      location: { pointer: '', ...place(u.r, u.c) },
    })),
  ];
  const merges = mergesOf(ws);
  return { rows, place, positional: true, sheet, ...(merges.length > 0 ? { merges } : {}), ...(problems.length > 0 ? { problems } : {}) };
}

/** Refs like "A1:XFD1048576" → cells covered (0 for a bad ref). */
function areaOf(ref: string): number {
  const [a, b] = ref.split(':').map(a1);
  if (!a) return 0;
  const to = b ?? a;
  return (Math.abs(to[0] - a[0]) + 1) * (Math.abs(to[1] - a[1]) + 1);
}

/**
 * Look at a workbook before exceljs does: exceljs inflates every entry and creates every cell
 * of a merged range, so a zip bomb, thousands of sheets or a merge over a whole sheet would
 * exhaust memory inside it. The central directory gives each entry's sizes without inflating;
 * the sheets' <dimension> and <mergeCell> refs (inflated one by one, within the entry limit)
 * give their extent. Shared-string cells whose index the file does not hold are handed on
 * rewritten (markMissingStrings): the bytes to read, or the problem that refuses the file.
 */
function inspect(bytes: Uint8Array, limits: Limits): { problem: LoadProblem } | { bytes: Uint8Array } {
  return inspectParts(bytes, limits) ?? { bytes };
}

function inspectParts(bytes: Uint8Array, limits: Limits): { problem: LoadProblem } | { bytes: Uint8Array } | null {
  const refuse = (p: LoadProblem) => ({ problem: p });
  if (bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0) {
    return refuse(problem(
      '这是旧版 Excel（.xls）文件或加密的工作簿，不是 .xlsx。请用 Excel 或 WPS 打开（如有密码请先取消），另存为 .xlsx 后再检查。',
      'this is a legacy Excel (.xls) file or an encrypted workbook, not .xlsx. Open it in Excel or WPS (removing any password), save it as .xlsx and check it again.',
    ));
  }
  const entries: Array<{ name: string; size: number; originalSize: number }> = [];
  try {
    unzipSync(bytes, {
      filter: (f) => {
        entries.push({ name: f.name, size: f.size, originalSize: f.originalSize });
        // stop the walk of the central directory as soon as there are too many entries
        if (entries.length > limits.maxEntries) throw new LimitError(tooManyEntries(limits.maxEntries));
        return false;
      },
    });
  } catch (e) {
    if (e instanceof LimitError) return refuse(e.problem);
    return refuse(notAWorkbook());
  }
  const bad = zipEntryProblem(entries, limits);
  if (bad) return refuse(bad);
  const sheets = entries.filter((e) => /^xl\/worksheets\/[^/]+\.xml$/.test(e.name));
  if (sheets.length > limits.maxSheets) {
    return refuse(problem(
      `工作簿有 ${sheets.length} 个工作表，超过上限 ${limits.maxSheets} 个，未读取。`,
      `the workbook has ${sheets.length} sheets, over the limit of ${limits.maxSheets}; not read.`,
    ));
  }
  // shared strings the sheets may refer to (none without the part: exceljs then keeps the index, see damageOf)
  let strings = Infinity;
  if (entries.some((e) => e.name === 'xl/sharedStrings.xml')) {
    try {
      const part = unzipSync(bytes, { filter: (f) => f.name === 'xl/sharedStrings.xml' })['xl/sharedStrings.xml'];
      const xml = new TextDecoder().decode(part ?? new Uint8Array());
      strings = 0;
      for (let i = xml.indexOf('<si'); i >= 0; i = xml.indexOf('<si', i + 3)) if (xml[i + 3] === '>' || xml[i + 3] === ' ' || xml[i + 3] === '/') strings++;
    } catch {
      return refuse(notAWorkbook());
    }
  }
  const rewritten = new Map<string, string>();
  for (const sheet of sheets) {
    let xml = '';
    try {
      const one = unzipSync(bytes, { filter: (f) => f.name === sheet.name });
      xml = new TextDecoder().decode(one[sheet.name] ?? new Uint8Array());
    } catch {
      return refuse(notAWorkbook());
    }
    if (strings !== Infinity) {
      const marked = markMissingStrings(xml, strings);
      if (marked !== null) rewritten.set(sheet.name, marked);
    }
    const name = sheet.name.replace(/^xl\/worksheets\//, '');
    for (const m of xml.matchAll(/<(?:\w+:)?mergeCell\s[^>]*ref="([^"]+)"/g)) {
      if (areaOf(m[1] as string) > limits.maxCells) {
        return refuse(problem(
          `工作表（${name}）中的合并区域 ${m[1]} 覆盖的单元格超过上限 ${limits.maxCells} 个，未读取。`,
          `a merged range ${m[1]} in ${name} covers more than ${limits.maxCells} cells; not read.`,
        ));
      }
    }
  }
  if (rewritten.size === 0) return null;
  // a sheet refers to shared strings the file does not hold: exceljs would refuse the whole
  // workbook, so those cells are handed to it as marked text cells (read back as damaged-cell)
  try {
    const parts = unzipSync(bytes);
    for (const [name, xml] of rewritten) parts[name] = new TextEncoder().encode(xml);
    return { bytes: zipSync(parts) };
  } catch {
    return refuse(notAWorkbook());
  }
}

function notAWorkbook(): LoadProblem {
  return problem(
    '不是有效的 Excel 工作簿（.xlsx）：文件已损坏，或并非 Excel 格式。请用 Excel 或 WPS 打开后另存为 .xlsx 再检查。',
    'not a readable Excel workbook (.xlsx): the file is damaged or not in Excel format. Open it in Excel or WPS, save it as .xlsx and check it again.',
  );
}

export async function loadXlsx(bytes: Uint8Array, limits: Limits = DEFAULT_LIMITS, reading: Reading = {}): Promise<LoadResult> {
  const inspected = inspect(bytes, limits);
  if ('problem' in inspected) return { documents: [], problems: [inspected.problem] };
  bytes = inspected.bytes;
  const workbook = new ExcelJS.Workbook();
  try {
    const data = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
    await workbook.xlsx.load(data as unknown as Parameters<typeof workbook.xlsx.load>[0]);
  } catch {
    return { documents: [], problems: [notAWorkbook()] };
  }
  const grids: Grid[] = [];
  workbook.eachSheet((ws) => {
    if (ws.state === 'hidden' || ws.state === 'veryHidden') return;
    const tooBig = gridTooBig({ rows: ws.rowCount, columns: ws.columnCount }, limits, `工作表「${ws.name}」`);
    // A sheet over a limit is not read: an empty grid that carries the finding naming it (so
    // that the sheet is said, not hidden behind "no table found").
    if (tooBig) grids.push({ rows: [], place: () => ({ sheet: ws.name, cell: 'A1' }), positional: true, sheet: ws.name, problems: [{ ...tooBig, location: { pointer: '', sheet: ws.name, cell: 'A1' } }] });
    else grids.push(sheetGrid(ws));
  });
  return recognize(grids, true, reading);
}
