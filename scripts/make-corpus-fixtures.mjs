// Generate the corpus reconstructions (issue 22, item 6):
//   node scripts/make-corpus-fixtures.mjs [dir]      (default dir: build/fixtures/corpus)
// Every fixtures/corpus/NN-name.grid.yaml (a table of a real document rebuilt by hand; format in
// fixtures/corpus/README.md) becomes, in <dir>:
// - NN-name.xlsx: one worksheet named by `sheet`, the cells at their grid places, `merges` merged.
//   Numbers: a cell whose whole text is a plain decimal (「207.4538」, 「250000.00」, 「0」), a decimal
//   with thousands separators (「215,457.6」) or a percentage of one (「86.19%」) is written as a number
//   with the number format that prints it back exactly as printed (decimals, grouping and % kept:
//   250000 with 0.00, 0.8619 with 0.00%), the way a clerk's workbook holds it. Every other text —
//   units (「38508人」), signs (「≥95%」, 「=100%」), dashes, 「100 %」, leading zeros — stays text.
// - NN-name.docx: one table (the `docx` devDependency), horizontal merges as w:gridSpan
//   (columnSpan) and vertical ones as w:vMerge restart/continue, as Word writes them; a line break
//   inside a cell is a new paragraph. No paragraph outside the table (titles are rows of the grid).
// - NN-name.html: a UTF-8 page holding one <table> with colspan/rowspan; a line break is <br>.
// - NN-name.pdf: the grid printed as a ruled table (scripts/make-pdf-fixtures.mjs's printSheet: pdfkit,
//   landscape A4, 8 pt wqy-zenhei), no line inside a merged range, columns as wide as their text
//   (within the page), cell text wrapped, the table going on over as many pages as it needs,
//   「第 N 页」 in the footers; beside it NN-name.pdf.pages.json: the grid row (1-based) each page
//   starts with, so that an expected place (an A1 ref of the grid) is found on its page
//   (bench/corpus-suite.ts placeFor).
// Fixed dates and zip times: the same bytes on every run. A bad grid file is refused with one line
// naming the file and the row. The files are generated, never committed (test/corpus.test.ts writes
// them to a temporary folder; `npm run corpus` to build/fixtures/corpus).
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun, VerticalMergeType } from 'docx';
import ExcelJS from 'exceljs';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { isMap, isScalar, isSeq, parseDocument } from 'yaml';
import { footers, newDoc, pdfBytes, printSheet } from './make-pdf-fixtures.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const CORPUS_DIR = join(ROOT, 'fixtures/corpus');
const FIXED_DATE = new Date(Date.UTC(2022, 0, 1));

// ---------- reading and checking a grid file ----------

/** 'A' → 0, 'AB' → 27. */
function columnIndex(letters) {
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

export function columnLetters(index) {
  let s = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** 'B3:D5' → {top: 2, left: 1, bottom: 4, right: 3} (0-based), or null. */
function parseRange(text) {
  const m = /^([A-Z]{1,3})([1-9]\d*):([A-Z]{1,3})([1-9]\d*)$/.exec(text);
  if (!m) return null;
  const r = { top: Number(m[2]) - 1, left: columnIndex(m[1]), bottom: Number(m[4]) - 1, right: columnIndex(m[3]) };
  return r.bottom >= r.top && r.right >= r.left && (r.bottom > r.top || r.right > r.left) ? r : null;
}

class GridError extends Error {}

/**
 * The grid of a .grid.yaml text: {sheet, rows: (string|null)[][], merges: {top,left,bottom,right,ref}[]}.
 * Scalars are read as written (the YAML failsafe schema: 「250000.00」 stays 「250000.00」); a plain
 * null, ~ or nothing is an empty cell. Throws one line naming the file and the row on a bad shape.
 */
export function parseGrid(text, file = 'grid.yaml') {
  const fail = (where, what) => {
    throw new GridError(`${file}: ${where}: ${what}`);
  };
  const doc = parseDocument(text, { schema: 'failsafe', prettyErrors: false });
  if (doc.errors.length > 0) fail(`line ${doc.errors[0].linePos?.[0]?.line ?? '?'}`, `not YAML (${doc.errors[0].code})`);
  const top = doc.contents;
  if (!isMap(top)) fail('top level', 'expected a mapping with sheet, rows and merges');
  const keys = top.items.map((p) => String(isScalar(p.key) ? p.key.value : p.key));
  for (const k of keys) if (!['sheet', 'rows', 'merges'].includes(k)) fail(`key ${k}`, 'unknown key (expected sheet, rows, merges)');
  const sheetNode = top.get('sheet', true);
  const sheet = isScalar(sheetNode) ? String(sheetNode.value) : '';
  if (sheet.trim() === '' || sheet.length > 31 || /[[\]:*?/\\]/.test(sheet)) fail('sheet', 'a worksheet name of 1–31 characters without [ ] : * ? / \\ is required');
  const rowsNode = top.get('rows', true);
  if (!isSeq(rowsNode) || rowsNode.items.length === 0) fail('rows', 'a non-empty list of rows is required');
  const isNull = (n) => n === null || (isScalar(n) && n.type === 'PLAIN' && ['', 'null', 'Null', 'NULL', '~'].includes(String(n.value)));
  const rows = rowsNode.items.map((row, r) => {
    if (!isSeq(row)) fail(`row ${r + 1}`, 'expected a list of cells');
    return row.items.map((cell, c) => {
      if (isNull(cell)) return null;
      if (!isScalar(cell)) fail(`row ${r + 1}`, `cell ${columnLetters(c)}${r + 1} is not a text or null`);
      return String(cell.value);
    });
  });
  const width = rows[0].length;
  rows.forEach((row, r) => {
    if (row.length !== width) fail(`row ${r + 1}`, `${row.length} cells, the first row has ${width}`);
  });
  if (width === 0) fail('row 1', 'no cells');
  const mergesNode = top.get('merges', true);
  const refs = mergesNode === undefined || isNull(mergesNode) ? [] : isSeq(mergesNode) ? mergesNode.items.map((n) => (isScalar(n) ? String(n.value) : '')) : fail('merges', 'expected a list of A1 ranges');
  const owner = rows.map((row) => row.map(() => null));
  const merges = refs.map((ref) => {
    const m = parseRange(ref);
    if (!m) fail(`merge ${ref || '(empty)'}`, 'not an A1 range of two or more cells (e.g. A1:D1)');
    if (m.bottom >= rows.length || m.right >= width) fail(`merge ${ref}`, `outside the grid (${rows.length} rows × ${width} columns)`);
    for (let r = m.top; r <= m.bottom; r++) {
      for (let c = m.left; c <= m.right; c++) {
        if (owner[r][c]) fail(`row ${r + 1}`, `merge ${ref} overlaps merge ${owner[r][c]} at ${columnLetters(c)}${r + 1}`);
        owner[r][c] = ref;
        if ((r !== m.top || c !== m.left) && rows[r][c] !== null) fail(`row ${r + 1}`, `${columnLetters(c)}${r + 1} is covered by merge ${ref} but holds 「${rows[r][c]}」`);
      }
    }
    return { ...m, ref };
  });
  return { sheet, rows, merges };
}

export function readGrid(path) {
  return parseGrid(readFileSync(path, 'utf8'), path);
}

// ---------- numbers ----------

const PLAIN = /^-?(?:0|[1-9]\d*)(?:\.\d+)?$/;
const GROUPED = /^-?[1-9]\d{0,2}(?:,\d{3})+(?:\.\d+)?$/;

/** The number and format a cell text is written as, or null to keep it as text. */
export function asNumber(text) {
  const percent = text.endsWith('%');
  const body = percent ? text.slice(0, -1) : text;
  const grouped = GROUPED.test(body);
  if (!PLAIN.test(body) && !grouped) return null;
  const digits = body.replaceAll(',', '');
  const decimals = digits.includes('.') ? digits.length - digits.indexOf('.') - 1 : 0;
  if (decimals > 10 || digits.replace(/[-.]/g, '').replace(/^0+/, '').length > 15) return null;
  const fmt = `${grouped ? '#,##0' : '0'}${decimals > 0 ? `.${'0'.repeat(decimals)}` : ''}${percent ? '%' : ''}`;
  // percent: shift the decimal point two places as text, so no binary rounding enters the value
  const value = percent ? Number(shiftLeft2(digits)) : Number(digits);
  return { value, fmt };
}

function shiftLeft2(digits) {
  const neg = digits.startsWith('-');
  const [int, frac = ''] = (neg ? digits.slice(1) : digits).split('.');
  const padded = int.padStart(3, '0');
  return `${neg ? '-' : ''}${padded.slice(0, -2)}.${padded.slice(-2)}${frac}`;
}

// ---------- writers ----------

/** Re-zip with fixed entry times (exceljs and docx stamp the current time). */
function fixedZip(bytes, patch = {}) {
  const files = unzipSync(new Uint8Array(bytes));
  for (const [name, fn] of Object.entries(patch)) if (files[name]) files[name] = strToU8(fn(strFromU8(files[name])));
  const sorted = Object.fromEntries(Object.keys(files).sort().map((k) => [k, files[k]]));
  return zipSync(sorted, { level: 6, mtime: FIXED_DATE });
}

const fixCoreDates = (xml) => xml.replace(/(<dcterms:(?:created|modified)[^>]*>)[^<]*(<\/dcterms:(?:created|modified)>)/g, `$1${FIXED_DATE.toISOString().replace('.000', '')}$2`);

export async function gridXlsx(grid) {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'jixiao-lint fixtures';
  wb.lastModifiedBy = 'jixiao-lint fixtures';
  wb.created = FIXED_DATE;
  wb.modified = FIXED_DATE;
  const ws = wb.addWorksheet(grid.sheet);
  grid.rows.forEach((row, r) => {
    row.forEach((text, c) => {
      if (text === null) return;
      const cell = ws.getRow(r + 1).getCell(c + 1);
      const n = asNumber(text);
      if (n) {
        cell.value = n.value;
        cell.numFmt = n.fmt;
      } else cell.value = text;
      if (text.includes('\n')) cell.alignment = { wrapText: true };
    });
  });
  for (const m of grid.merges) ws.mergeCells(m.ref);
  return fixedZip(await wb.xlsx.writeBuffer(), { 'docProps/core.xml': fixCoreDates });
}

function docxParagraphs(text) {
  if (text === null || text === '') return [new Paragraph({})];
  return text.split('\n').map((line) => new Paragraph({ children: [new TextRun(line)] }));
}

export async function gridDocx(grid) {
  const width = grid.rows[0].length;
  const at = grid.rows.map(() => new Array(width).fill(null)); // merge covering each cell
  for (const m of grid.merges) for (let r = m.top; r <= m.bottom; r++) for (let c = m.left; c <= m.right; c++) at[r][c] = m;
  const rows = grid.rows.map((row, r) => {
    const cells = [];
    for (let c = 0; c < width; c++) {
      const m = at[r][c];
      if (m && c !== m.left) continue; // covered horizontally: part of the gridSpan
      const span = m ? m.right - m.left + 1 : 1;
      const vertical = m && m.bottom > m.top ? (r === m.top ? VerticalMergeType.RESTART : VerticalMergeType.CONTINUE) : undefined;
      const text = m && r !== m.top ? null : row[c];
      cells.push(new TableCell({ children: docxParagraphs(text), ...(span > 1 ? { columnSpan: span } : {}), ...(vertical ? { verticalMerge: vertical } : {}) }));
    }
    return new TableRow({ children: cells });
  });
  const table = new Table({ columnWidths: Array.from({ length: width }, () => Math.floor(9000 / width)), rows });
  const doc = new Document({ creator: 'jixiao-lint fixtures', lastModifiedBy: 'jixiao-lint fixtures', sections: [{ children: [table] }] });
  return fixedZip(await Packer.toBuffer(doc), { 'docProps/core.xml': fixCoreDates });
}

const escapeHtml = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function gridHtml(grid, title = grid.sheet) {
  const width = grid.rows[0].length;
  const at = grid.rows.map(() => new Array(width).fill(null));
  for (const m of grid.merges) for (let r = m.top; r <= m.bottom; r++) for (let c = m.left; c <= m.right; c++) at[r][c] = m;
  const lines = ['<!DOCTYPE html>', '<html lang="zh-CN">', '<head>', '<meta charset="utf-8">', `<title>${escapeHtml(title)}</title>`, '</head>', '<body>', '<table border="1">'];
  grid.rows.forEach((row, r) => {
    const tds = [];
    for (let c = 0; c < width; c++) {
      const m = at[r][c];
      if (m && (r !== m.top || c !== m.left)) continue;
      const attrs = m ? `${m.right > m.left ? ` colspan="${m.right - m.left + 1}"` : ''}${m.bottom > m.top ? ` rowspan="${m.bottom - m.top + 1}"` : ''}` : '';
      tds.push(`<td${attrs}>${row[c] === null ? '' : row[c].split('\n').map(escapeHtml).join('<br>')}</td>`);
    }
    lines.push(`<tr>${tds.join('')}</tr>`);
  });
  lines.push('</table>', '</body>', '</html>', '');
  return lines.join('\n');
}

/**
 * The grid printed as a PDF: {bytes, pages}, pages the 1-based grid row each page starts with.
 * Column widths follow the longest line of each column's one-column cells (2 to 16 characters),
 * scaled to the page's width.
 */
export async function gridPdf(grid) {
  const doc = newDoc('landscape');
  const width = grid.rows[0].length;
  const rows = grid.rows.map((row) => row.map((t) => t ?? ''));
  const spanning = new Set(grid.merges.filter((m) => m.right > m.left).flatMap((m) => Array.from({ length: m.bottom - m.top + 1 }, (_, k) => `${m.top + k},${m.left}`)));
  const chars = Array.from({ length: width }, (_, c) => {
    let n = 2;
    rows.forEach((row, r) => {
      if (!spanning.has(`${r},${c}`) && row[c]) n = Math.max(n, Math.min(16, ...row[c].split('\n').map((l) => [...l].length)));
    });
    return n;
  });
  const room = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  const total = chars.reduce((a, b) => a + b, 0);
  const { pageOf } = printSheet(doc, { rows, merges: grid.merges }, { bodyFrom: 0, widthOf: (c) => Math.floor((room * chars[c]) / total) });
  footers(doc);
  const pages = [];
  pageOf.forEach((p, r) => {
    if (pages[p] === undefined) pages[p] = r + 1;
  });
  return { bytes: await pdfBytes(doc), pages };
}

// ---------- the corpus ----------

/** The grid files of the corpus folder, sorted. */
export function corpusGrids(src = CORPUS_DIR) {
  return readdirSync(src)
    .filter((f) => f.endsWith('.grid.yaml'))
    .sort()
    .map((f) => join(src, f));
}

/** Write NN-name.xlsx/.docx/.html for every grid of `src` into `dir`; the written paths. */
export async function makeCorpusFixtures(dir, src = CORPUS_DIR) {
  mkdirSync(dir, { recursive: true });
  const out = [];
  for (const file of corpusGrids(src)) {
    const grid = readGrid(file);
    const name = basename(file, '.grid.yaml');
    const pdf = await gridPdf(grid);
    for (const [ext, bytes] of [
      ['xlsx', await gridXlsx(grid)],
      ['docx', await gridDocx(grid)],
      ['html', gridHtml(grid, name)],
      ['pdf', pdf.bytes],
      ['pdf.pages.json', `${JSON.stringify(pdf.pages)}\n`],
    ]) {
      const path = join(dir, `${name}.${ext}`);
      writeFileSync(path, bytes);
      out.push(path);
    }
  }
  return out;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const dir = resolve(process.argv[2] ?? join(ROOT, 'build/fixtures/corpus'));
  try {
    for (const f of await makeCorpusFixtures(dir)) process.stdout.write(`${f}\n`);
  } catch (e) {
    if (!(e instanceof GridError)) throw e;
    process.stderr.write(`${e.message}\n`);
    process.exitCode = 1;
  }
}
