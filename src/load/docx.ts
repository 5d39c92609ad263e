/**
 * Word documents (.docx, also what WPS saves as .docx): the body of word/document.xml becomes
 * ONE grid, in document order —
 *   - each body paragraph outside the tables is a row of one cell, placed {paragraph: n}, n being
 *     its 1-based number among the body paragraphs (empty ones are counted but give no row);
 *   - each row of a body table is a row whose cell in grid column j is placed
 *     {sheet: '表k', cell: 'C5'} (k: the table's number in the document; C5: the grid column
 *     letter and the row within that table), so merged cells keep their grid coordinates.
 * Merged cells (w:gridSpan, w:vMerge with its bare "continue" form, legacy w:hMerge, and the
 * skipped columns w:gridBefore / w:gridAfter) hold their text in the top-left cell, '' in the
 * cells they cover, and are listed in `merges`. Content controls (w:sdt) and custom XML are
 * unwrapped; deleted text (w:del, w:moveFrom), field instructions, hidden text, bookmarks,
 * drawings and the placeholder text of an empty content control are not text. The grid then goes
 * to the form recognisers (src/load/recognize.ts).
 *
 * Browser-safe: fflate reads only the main document part out of the zip (its declared size is
 * checked against `DOCX_LIMITS.maxXmlBytes` before anything is inflated) and fast-xml-parser
 * reads the XML in document order.
 */
import { strFromU8, unzipSync } from 'fflate';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { LoadProblem, LoadResult } from '../types.js';
import { columnLetters, isEmpty, type Grid, type Merge, type Place } from './grid.js';
import { DEFAULT_LIMITS, LimitError, spansTooBig, tooManyEntries, zipNamesProblem, type Limits } from './limits.js';
import { problem } from './problem.js';
import { recognize, type Reading } from './recognize.js';
import { simplifiedGrid } from './chinese.js';

/** `hierarchy` and `layouts` (Reading): what forms are recognised by. */
export interface DocxOptions extends Reading {
  /**
   * Largest main document part (word/document.xml, uncompressed, as declared in the zip) that is
   * read, in bytes. A bigger one is a parse-error rather than a run out of memory (a "zip bomb").
   * Default 20 MB: a form of a few pages is well under 1 MB, and the XML parser takes about
   * 0.5 s and 10 MB of memory per MB of XML.
   */
  maxXmlBytes: number;
  /**
   * The reader limits (src/load/limits.ts): entries of the zip (and no name twice), and the
   * tables' rows, columns and cells — w:gridSpan, w:gridBefore and w:gridAfter counted before
   * any cell is laid out.
   */
  limits?: Limits;
}

export const DOCX_LIMITS: Readonly<DocxOptions> = Object.freeze({ maxXmlBytes: 20 * 1024 * 1024 });

// ---------- messages: what was expected, in words a clerk understands ----------

const SAVE_AS = { zh: '请用 Word 或 WPS 打开后另存为 .docx 格式再检查', en: 'Open it in Word or WPS, save it as .docx and check it again' };

type Message = { zh: string; en: string };

const MESSAGE = {
  encrypted: {
    zh: '文件设有打开密码（已加密），无法读取。请在 Word 或 WPS 中取消打开密码并保存后再检查',
    en: 'The document is password-protected (encrypted) and cannot be read. Remove the password in Word or WPS, save it and check it again',
  },
  ole: {
    zh: `这是旧版 Word（.doc）或 WPS（.wps）格式的文件，只是扩展名为 .docx。${SAVE_AS.zh}`,
    en: `This is an old Word (.doc) or WPS (.wps) file with a .docx name. ${SAVE_AS.en}`,
  },
  rtf: { zh: `这是 RTF 格式的文件，只是扩展名为 .docx。${SAVE_AS.zh}`, en: `This is an RTF file with a .docx name. ${SAVE_AS.en}` },
  html: { zh: `这是网页（HTML/MHT）格式的文件，只是扩展名为 .docx。${SAVE_AS.zh}`, en: `This is a web page (HTML/MHT) with a .docx name. ${SAVE_AS.en}` },
  notZip: {
    zh: `不是有效的 Word 文档（.docx）：文件内容不是 .docx 格式，可能已损坏或只是改了扩展名。${SAVE_AS.zh}`,
    en: `Not a Word document (.docx): the content is not in .docx format; the file may be damaged or merely renamed. ${SAVE_AS.en}`,
  },
  brokenZip: {
    zh: `不是有效的 Word 文档（.docx）：文件已损坏，无法解压。${SAVE_AS.zh}`,
    en: `Not a readable Word document (.docx): the file is damaged and cannot be unpacked. ${SAVE_AS.en}`,
  },
  xlsx: { zh: '这是 Excel 工作簿，不是 Word 文档：请把扩展名改为 .xlsx 后再检查', en: 'This is an Excel workbook, not a Word document: rename it to .xlsx and check it again' },
  pptx: {
    zh: '这是 PowerPoint 演示文稿，不是 Word 文档。请把表格复制到 Word 或 Excel 中保存后再检查',
    en: 'This is a PowerPoint presentation, not a Word document. Copy the table into Word or Excel, save it and check it again',
  },
  noBody: {
    zh: `不是有效的 Word 文档（.docx）：文件中没有正文（word/document.xml）。${SAVE_AS.zh}`,
    en: `Not a Word document (.docx): the file holds no document body (word/document.xml). ${SAVE_AS.en}`,
  },
  badXml: {
    zh: `不是有效的 Word 文档（.docx）：正文内容已损坏，无法读取。${SAVE_AS.zh}`,
    en: `Not a readable Word document (.docx): the document body is damaged. ${SAVE_AS.en}`,
  },
} satisfies Record<string, Message>;

function tooBig(mb: number, limit: number): Message {
  return {
    zh: `Word 文档正文过大（解压后约 ${mb} MB，超过 ${limit} MB 的上限），为避免耗尽内存未予读取。请拆分文档后再检查`,
    en: `The document body is too large (about ${mb} MB unpacked, above the limit of ${limit} MB) and was not read, to avoid running out of memory. Split the document and check it again`,
  };
}

function fail(m: Message): LoadProblem {
  return problem(m.zh, m.en);
}

// ---------- the zip ----------

const startsWith = (bytes: Uint8Array, sig: number[]) => sig.every((b, i) => bytes[i] === b);

/** Does an OLE compound file (.doc, .wps, or an encrypted .docx) hold an EncryptedPackage stream? */
function isEncryptedOle(bytes: Uint8Array): boolean {
  const name = 'EncryptedPackage';
  const n = name.length * 2;
  outer: for (let i = 0; i + n <= bytes.length; i++) {
    for (let k = 0; k < name.length; k++) {
      if (bytes[i + 2 * k] !== name.charCodeAt(k) || bytes[i + 2 * k + 1] !== 0) continue outer;
    }
    return true;
  }
  return false;
}

function notADocx(bytes: Uint8Array): Message {
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return isEncryptedOle(bytes) ? MESSAGE.encrypted : MESSAGE.ole;
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 512)).replace(/^\ufeff|^\u00ef\u00bb\u00bf/, '').trimStart().toLowerCase();
  if (head.startsWith('{\\rtf')) return MESSAGE.rtf;
  if (/^(<!doctype html|<html|<\?xml[^>]*>\s*<html|mime-version:)/.test(head)) return MESSAGE.html;
  return MESSAGE.notZip;
}

/** The main document part's name from _rels/.rels (word/document.xml unless it says otherwise). */
function mainPart(rels: Uint8Array | undefined): string {
  if (!rels) return 'word/document.xml';
  // Each tag is cut out with indexOf, then looked at on its own: a pattern spanning `<…>` over the
  // whole part backtracks on a part of many `<` without `>`.
  const text = strFromU8(rels);
  for (let i = text.indexOf('<'); i >= 0; i = text.indexOf('<', i + 1)) {
    const end = text.indexOf('>', i);
    if (end < 0) break;
    const tag = text.slice(i, end + 1);
    const type = /\bType="([^"]*)"/.exec(tag)?.[1];
    if (type === undefined || !type.endsWith('/officeDocument')) continue;
    const target = /\bTarget="([^"]+)"/.exec(tag)?.[1];
    return target ? (target.startsWith('/') ? target.slice(1) : target) : 'word/document.xml';
  }
  return 'word/document.xml';
}

function decodeXml(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  return strFromU8(bytes).replace(/^\ufeff/, '');
}

/** word/document.xml as text, or the parse-error saying why there is none. */
export function documentXml(bytes: Uint8Array, options: DocxOptions = DOCX_LIMITS): { xml: string } | { problem: LoadProblem } {
  if (!startsWith(bytes, [0x50, 0x4b])) return { problem: fail(notADocx(bytes)) };
  const limits = options.limits ?? DEFAULT_LIMITS;
  const entries: Array<{ name: string; size: number; originalSize: number }> = [];
  let bigSize = 0;
  let files: Record<string, Uint8Array>;
  try {
    // First pass: only _rels/.rels (tiny), and every entry's name and sizes (stopped as soon as
    // there are more entries than the limit).
    files = unzipSync(bytes, {
      filter: (f) => {
        entries.push({ name: f.name, size: f.size, originalSize: f.originalSize });
        if (entries.length > limits.maxEntries) throw new LimitError(tooManyEntries(limits.maxEntries));
        return f.name === '_rels/.rels' && f.originalSize <= 1024 * 1024;
      },
    });
  } catch (e) {
    if (e instanceof LimitError) return { problem: e.problem };
    return { problem: fail(MESSAGE.brokenZip) };
  }
  // two entries of one name (Word reads one, another program the other), too many entries
  // (only the main part and _rels/.rels are inflated: their sizes are checked where they are)
  const bad = zipNamesProblem(entries, limits);
  if (bad) return { problem: bad };
  const names = entries.map((e) => e.name);
  const part = mainPart(files['_rels/.rels']);
  const name = names.includes(part) ? part : names.includes('word/document.xml') ? 'word/document.xml' : undefined;
  if (!name) {
    if (names.some((n) => n.startsWith('xl/'))) return { problem: fail(MESSAGE.xlsx) };
    if (names.some((n) => n.startsWith('ppt/'))) return { problem: fail(MESSAGE.pptx) };
    return { problem: fail(MESSAGE.noBody) };
  }
  try {
    files = unzipSync(bytes, {
      filter: (f) => {
        if (f.name !== name) return false;
        if (f.originalSize > options.maxXmlBytes) {
          bigSize = f.originalSize;
          return false;
        }
        return true;
      },
    });
  } catch {
    return { problem: fail(MESSAGE.brokenZip) };
  }
  if (bigSize > 0) {
    const mb = (n: number) => Math.max(1, Math.round(n / (1024 * 1024)));
    return { problem: fail(tooBig(mb(bigSize), mb(options.maxXmlBytes))) };
  }
  const data = files[name];
  if (!data) return { problem: fail(MESSAGE.noBody) };
  return { xml: decodeXml(data) };
}

// ---------- the XML, in document order ----------

/** A node of fast-xml-parser's preserveOrder output: { tag: children, ':@': attributes } or { '#text': text }. */
type XNode = Record<string, unknown>;

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  // Entities are decoded below (the five of XML and character references), never expanded from a DTD.
  processEntities: false,
  htmlEntities: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
});

function tagOf(n: XNode): string {
  for (const k of Object.keys(n)) if (k !== ':@') return k;
  return '';
}

function kids(n: XNode): XNode[] {
  const v = n[tagOf(n)];
  return Array.isArray(v) ? (v as XNode[]) : [];
}

function attr(n: XNode, name: string): string | undefined {
  const a = n[':@'] as Record<string, unknown> | undefined;
  const v = a?.[name];
  return typeof v === 'string' ? v : undefined;
}

function child(n: XNode, tag: string): XNode | undefined {
  return kids(n).find((k) => tagOf(k) === tag);
}

/** An on/off property (<w:vanish/>, <w:vanish w:val="0"/>). */
function isOn(n: XNode | undefined): boolean {
  if (!n) return false;
  const v = attr(n, 'val');
  return v === undefined || !/^(0|false|off)$/i.test(v);
}

const ENTITY: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|amp|lt|gt|quot|apos);/g, (m, e: string) => {
    if (e[0] !== '#') return ENTITY[e] ?? m;
    const code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : m;
  });
}

function textOf(n: XNode): string {
  return kids(n)
    .map((k) => (typeof k['#text'] === 'string' ? decodeEntities(k['#text']) : ''))
    .join('');
}

/** Characters of the symbol fonts that forms use (w:sym, private-use code F0xx). */
const SYMBOL: Record<string, Record<number, string>> = {
  symbol: { 0xa3: '≤', 0xb3: '≥', 0xb9: '≠', 0xb4: '×', 0xb8: '÷', 0xb1: '±', 0xb0: '°', 0xa5: '∞', 0xd6: '√', 0x2d: '−', 0xbb: '≈', 0xd7: '·' },
  wingdings: { 0xa8: '□', 0x6f: '□', 0x71: '□', 0xfe: '☑', 0xfd: '☒', 0xfc: '✓', 0xfb: '✗', 0x6c: '●', 0x9f: '•' },
  'wingdings 2': { 0x52: '☑', 0x54: '☒', 0x50: '✓', 0x4f: '✗', 0xa3: '□', 0x2a: '□' },
};

function symbolText(n: XNode): string {
  const code = parseInt(attr(n, 'char') ?? '', 16);
  if (!Number.isFinite(code) || code <= 0) return '';
  const font = (attr(n, 'font') ?? '').trim().toLowerCase();
  const low = code >= 0xf000 && code <= 0xf0ff ? code - 0xf000 : code;
  const mapped = SYMBOL[font]?.[low];
  if (mapped) return mapped;
  if (code >= 0xf000 && code <= 0xf0ff) return font === 'symbol' && low >= 0x30 && low <= 0x39 ? String.fromCharCode(low) : '';
  return String.fromCodePoint(code);
}

/** Elements that carry no text of their own and whose content is not printed text. */
const NOT_TEXT = new Set([
  'del', 'moveFrom', 'instrText', 'delText', 'delInstrText', 'rPr', 'pPr', 'sdtPr', 'sdtEndPr', 'tblPr', 'trPr', 'tcPr', 'tblGrid',
  'tblPrEx', 'sectPr', 'drawing', 'pict', 'object', 'Fallback', 'fldData', 'footnoteReference', 'endnoteReference',
  'commentReference', 'annotationRef', 'bookmarkStart', 'bookmarkEnd', 'commentRangeStart', 'commentRangeEnd', 'fldChar',
  'lastRenderedPageBreak', 'proofErr', 'permStart', 'permEnd', 'rPrChange', 'pPrChange',
]);

/** A content control whose content is its placeholder ("单击或点击此处输入文字"): empty. */
function isPlaceholder(sdt: XNode): boolean {
  const pr = child(sdt, 'sdtPr');
  return pr !== undefined && isOn(child(pr, 'showingPlcHdr'));
}

/** The text of inline content (a paragraph's runs, hyperlinks, fields, inserted text, inline content controls). */
function inlineText(nodes: XNode[], out: string[]): void {
  for (const n of nodes) {
    const tag = tagOf(n);
    if (tag === '#text' || NOT_TEXT.has(tag)) continue;
    switch (tag) {
      case 't':
        out.push(textOf(n));
        break;
      case 'tab':
      case 'ptab':
        out.push('\t');
        break;
      case 'br':
      case 'cr':
        out.push('\n');
        break;
      case 'noBreakHyphen':
        out.push('-');
        break;
      case 'softHyphen':
        break;
      case 'sym':
        out.push(symbolText(n));
        break;
      case 'r': {
        const pr = child(n, 'rPr');
        if (pr && isOn(child(pr, 'vanish'))) break;
        inlineText(kids(n), out);
        break;
      }
      case 'sdt':
        if (!isPlaceholder(n)) inlineText(kids(child(n, 'sdtContent') ?? {}), out);
        break;
      case 'AlternateContent': {
        const choice = child(n, 'Choice');
        if (choice) inlineText(kids(choice), out);
        break;
      }
      default:
        // hyperlink, ins, moveTo, smartTag, customXml, fldSimple, dir, bdo, oMath …: their content is text
        inlineText(kids(n), out);
    }
  }
}

/** Trim spaces, tabs and line breaks at both ends, but not the ideographic space (U+3000) a form prints on purpose. */
function trimText(s: string): string {
  // by index, not by a pattern: `[…]+$` tries every start of a long run of spaces (quadratic)
  let a = 0;
  let b = s.length;
  while (a < b && TRIMMED.has(s.charCodeAt(a))) a++;
  while (b > a && TRIMMED.has(s.charCodeAt(b - 1))) b--;
  return a === 0 && b === s.length ? s : s.slice(a, b);
}

const TRIMMED = new Set([0x20, 0x09, 0x0d, 0x0a, 0xa0]);

function paragraphText(p: XNode, placeholder: boolean): string {
  if (placeholder) return '';
  const out: string[] = [];
  inlineText(kids(p), out);
  return trimText(out.join(''));
}

/** Block content (the body, a cell): paragraphs and tables in order, content controls and custom XML unwrapped. */
function eachBlock(nodes: XNode[], visit: { paragraph(p: XNode, placeholder: boolean): void; table(t: XNode): void }, placeholder = false): void {
  for (const n of nodes) {
    const tag = tagOf(n);
    if (tag === 'p') visit.paragraph(n, placeholder);
    else if (tag === 'tbl') visit.table(n);
    else if (tag === 'sdt') eachBlock(kids(child(n, 'sdtContent') ?? {}), visit, placeholder || isPlaceholder(n));
    else if (tag === 'customXml' || tag === 'ins' || tag === 'moveTo' || tag === 'smartTag') eachBlock(kids(n), visit, placeholder);
    else if (tag === 'AlternateContent') {
      const choice = child(n, 'Choice');
      if (choice) eachBlock(kids(choice), visit, placeholder);
    }
  }
}

// ---------- tables ----------

interface TableCellX {
  text: string;
  span: number;
  vMerge?: 'restart' | 'continue';
  hMerge?: 'restart' | 'continue';
}

interface TableRowX {
  before: number;
  after: number;
  cells: TableCellX[];
}

/** Unwrap content controls / custom XML around rows or cells. */
function unwrapped(nodes: XNode[], tag: string): XNode[] {
  const out: XNode[] = [];
  for (const n of nodes) {
    const t = tagOf(n);
    if (t === tag) out.push(n);
    else if (t === 'sdt') out.push(...unwrapped(kids(child(n, 'sdtContent') ?? {}), tag));
    else if (t === 'customXml' || t === 'ins' || t === 'moveTo') out.push(...unwrapped(kids(n), tag));
  }
  return out;
}

function intVal(n: XNode | undefined, fallback: number): number {
  const v = n ? Number.parseInt(attr(n, 'val') ?? '', 10) : NaN;
  return Number.isFinite(v) && v >= 0 ? v : fallback;
}

function mergeVal(n: XNode | undefined): 'restart' | 'continue' | undefined {
  if (!n) return undefined;
  return attr(n, 'val') === 'restart' ? 'restart' : 'continue';
}

/** The text of a cell: its paragraphs (trimmed, empty ones left out) joined by '\n', nested tables included. */
function cellText(tc: XNode): string {
  const parts: string[] = [];
  eachBlock(kids(tc), {
    paragraph: (p, placeholder) => {
      const t = paragraphText(p, placeholder);
      if (t !== '') parts.push(t);
    },
    table: (t) => {
      const text = nestedTableText(t);
      if (text !== '') parts.push(text);
    },
  });
  return parts.join('\n');
}

/** A table inside a cell: its rows on lines, the cells of a row separated by tabs. */
function nestedTableText(tbl: XNode): string {
  return readRows(tbl)
    .map((r) => r.cells.filter((c) => c.vMerge !== 'continue' && c.hMerge !== 'continue').map((c) => c.text).filter((t) => t !== '').join('\t'))
    .filter((l) => l !== '')
    .join('\n');
}

function readRows(tbl: XNode): TableRowX[] {
  const rows: TableRowX[] = [];
  for (const tr of unwrapped(kids(tbl), 'tr')) {
    const trPr = child(tr, 'trPr');
    if (trPr && child(trPr, 'del')) continue; // a row deleted with track changes
    const cells: TableCellX[] = [];
    for (const tc of unwrapped(kids(tr), 'tc')) {
      const pr = child(tc, 'tcPr');
      const vMerge = mergeVal(pr && child(pr, 'vMerge'));
      const hMerge = mergeVal(pr && child(pr, 'hMerge'));
      cells.push({
        text: cellText(tc),
        span: Math.max(1, intVal(pr && child(pr, 'gridSpan'), 1)),
        ...(vMerge ? { vMerge } : {}),
        ...(hMerge ? { hMerge } : {}),
      });
    }
    rows.push({ before: intVal(trPr && child(trPr, 'gridBefore'), 0), after: intVal(trPr && child(trPr, 'gridAfter'), 0), cells });
  }
  return rows;
}

/** Cells the tables of one document may still take: the limits' maxCells, maxColumns and maxRows, shared by all its tables. */
export interface CellBudget {
  limits: Limits;
  /** Cells (as wide as the spans make each row) laid out so far. */
  cells: number;
  rows: number;
}

/**
 * A body table laid out on its grid columns: texts, and merged ranges in table coordinates.
 * Each row's width (gridBefore + the cells' gridSpan + gridAfter, as written) is counted against
 * the limits before the row is laid out: a LimitError, never a run out of memory.
 */
export function layoutTable(rows: TableRowX[], budget: CellBudget = { limits: DEFAULT_LIMITS, cells: 0, rows: 0 }): { rows: string[][]; merges: Merge[] } {
  const { limits } = budget;
  const out: string[][] = [];
  const all: Merge[] = [];
  /** The range whose top-left cell is in column `left`, for a vMerge continue below it. */
  const open = new Map<number, Merge>();
  budget.rows += rows.length;
  if (budget.rows > limits.maxRows) throw new LimitError(spansTooBig(limits));
  rows.forEach((row, r) => {
    const width = row.cells.reduce((n, c) => n + c.span, row.before + row.after);
    budget.cells += width;
    if (width > limits.maxColumns || budget.cells > limits.maxCells) throw new LimitError(spansTooBig(limits));
    const cells: string[] = Array.from({ length: row.before }, () => '');
    let last: Merge | undefined;
    for (const cell of row.cells) {
      const left = cells.length;
      const right = left + cell.span - 1;
      for (let c = left; c <= right; c++) cells.push('');
      // legacy horizontal merge: this cell widens the one before it
      if (cell.hMerge === 'continue' && last && last.bottom === r && last.top === r) {
        last.right = right;
        continue;
      }
      const above = open.get(left);
      if (cell.vMerge === 'continue' && above && above.bottom === r - 1 && above.right === right) {
        above.bottom = r;
        last = undefined;
        continue;
      }
      cells[left] = cell.text;
      const m: Merge = { top: r, left, bottom: r, right };
      open.set(left, m);
      all.push(m);
      last = m;
    }
    for (let k = 0; k < row.after; k++) cells.push('');
    out.push(cells);
  });
  return { rows: out, merges: all.filter((m) => m.bottom > m.top || m.right > m.left) };
}

// ---------- the document ----------

type RowPlace = { paragraph: number } | { table: number; row: number };

/** The grid of a document's body (see the top of this file). */
export function documentGrid(xml: string, limits: Limits = DEFAULT_LIMITS): Grid | null {
  if (XMLValidator.validate(xml) !== true) return null;
  let tree: XNode[];
  try {
    tree = parser.parse(xml) as XNode[];
  } catch {
    return null;
  }
  const document = tree.find((n) => tagOf(n) === 'document');
  const body = document && child(document, 'body');
  if (!body) return null;
  const rows: string[][] = [];
  const places: RowPlace[] = [];
  const merges: Merge[] = [];
  let paragraphs = 0;
  let tables = 0;
  const budget: CellBudget = { limits, cells: 0, rows: 0 };
  eachBlock(kids(body), {
    paragraph: (p, placeholder) => {
      paragraphs++;
      const text = paragraphText(p, placeholder);
      if (isEmpty(text)) return;
      rows.push([text]);
      places.push({ paragraph: paragraphs });
    },
    table: (t) => {
      tables++;
      const laid = layoutTable(readRows(t), budget);
      const top = rows.length;
      laid.rows.forEach((cells, r) => {
        rows.push(cells);
        places.push({ table: tables, row: r + 1 });
      });
      for (const m of laid.merges) merges.push({ top: m.top + top, left: m.left, bottom: m.bottom + top, right: m.right });
    },
  });
  const place = (r: number, c: number): Place => {
    const at = places[r];
    if (!at) return {};
    return 'paragraph' in at ? { paragraph: at.paragraph } : { sheet: `表${at.table}`, cell: `${columnLetters(c + 1)}${at.row}` };
  };
  return { rows, place, positional: true, merges };
}

/** A .docx file → its body grid, or the parse-error saying why it cannot be read. */
export function readDocx(bytes: Uint8Array, options: DocxOptions = DOCX_LIMITS): { grid: Grid } | { problem: LoadProblem } {
  const doc = documentXml(bytes, options);
  if ('problem' in doc) return doc;
  let grid: Grid | null;
  try {
    grid = documentGrid(doc.xml, options.limits);
  } catch (e) {
    if (e instanceof LimitError) return { problem: e.problem };
    throw e;
  }
  return grid ? { grid } : { problem: fail(MESSAGE.badXml) };
}

export function loadDocx(bytes: Uint8Array, options: DocxOptions = DOCX_LIMITS): LoadResult {
  const read = readDocx(bytes, options);
  if ('problem' in read) return { documents: [], problems: [read.problem] };
  return recognize([read.grid], false, options);
}

/** loadDocx, a document in Traditional characters read in Simplified (src/load/chinese.ts: the converter is loaded only then). */
export async function loadDocxSimplified(bytes: Uint8Array, options: DocxOptions = DOCX_LIMITS): Promise<LoadResult> {
  const read = readDocx(bytes, options);
  if ('problem' in read) return { documents: [], problems: [read.problem] };
  return recognize([await simplifiedGrid(read.grid)], false, options);
}
