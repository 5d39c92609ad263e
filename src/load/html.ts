/**
 * Web pages (.html/.htm), e.g. a target table saved from a government site (seed 004 was
 * published as one). The page becomes ONE grid in document order:
 *   - every block of text outside the tables that a person reads as a line (h1–h6, p, div,
 *     li, a table's caption, each line of a <br>-broken block) is a row of one cell, placed
 *     {line, column} at its element in the source (or at the text, for a line after a <br>);
 *   - every row of a table (<tr> of thead/tbody/tfoot) is a row whose grid column j is placed
 *     {sheet: '表k', cell: 'C5', line: L}: k the table's number on the page, C5 the grid column
 *     letter and row within that table after rowspan/colspan are resolved, L the source line
 *     of the <td>/<th>.
 * The grid expansion is the HTML table model (HTML Living Standard, "forming a table"): a slot
 * taken by a rowspan from above pushes the next cell right; colspan is clamped to 1000 and
 * rowspan to 65534; rowspan="0" reaches the end of its row group; tfoot rows come last. A
 * rowspan stops at the end of its row group, as browsers draw it (the standard's model would
 * add empty rows after the group). A merged cell's text is in its top-left slot, the slots it
 * covers are '' and it is listed in `merges`.
 * Text is what a browser shows: white space collapsed (a line break between two Chinese
 * characters disappears, as CSS Text 3 says), <br> and block boundaries inside a cell become
 * '\n', entities decoded, <script>/<style>/<template>/<noscript>/<head> and hidden content
 * (the `hidden` attribute, an inline `display:none`) skipped. A table inside a cell joins the
 * outer cell's text, one line per nested cell — except in a layout table (role="presentation",
 * or one wrapping a table with at least as many rows as itself, the way older government sites
 * frame their pages), whose cells are read as the page's flow, its tables as tables of the page.
 * The bytes are decoded by their BOM, else the page's <meta charset> / http-equiv Content-Type
 * (gb2312, gbk and gb18030 read as GB18030, their superset), else detected (UTF-8 or GB18030);
 * `--encoding` overrides all of them. Parsing is parse5's (spec-compliant: implied tbody,
 * foster-parented text, unclosed cells). Browser-safe.
 */
import { parse, type DefaultTreeAdapterTypes } from 'parse5';
import type { LoadResult } from '../types.js';
import { decodeText, isKnownEncoding } from './decode.js';
import { columnLetters, type Grid, type Merge, type Place } from './grid.js';
import { DEFAULT_LIMITS, gridTooBig, LimitError, spansTooBig, type Limits } from './limits.js';
import { problem } from './problem.js';
import { recognize, type Reading } from './recognize.js';
import { simplifiedGrid } from './chinese.js';

type Node = DefaultTreeAdapterTypes.Node;
type Element = DefaultTreeAdapterTypes.Element;
type TextNode = DefaultTreeAdapterTypes.TextNode;

// ---------- the HTML table model ----------

/** The rules for parsing non-negative integers (HTML): leading white space, a sign, digits, anything after them ignored; null when none or negative. */
export function parseNonNegativeInteger(value: string | null | undefined): number | null {
  if (value === null || value === undefined) return null;
  const m = /^[\t\n\f\r ]*([+-]?)(\d+)/.exec(value);
  if (!m) return null;
  const n = Number(m[2]);
  return m[1] === '-' && n !== 0 ? null : n;
}

/** One <td>/<th> as the table model needs it: its text, its span attributes as written, where it is. */
export interface SourceCell {
  text: string;
  colspan?: string | null;
  rowspan?: string | null;
  line?: number;
  column?: number;
}

/** One <tr>: its cells and its source line (for slots no cell covers). */
export interface SourceRow {
  cells: SourceCell[];
  line?: number;
}

export interface TableGrid {
  /** Slot texts, every row as wide as the table; '' for a covered or empty slot. */
  rows: string[][];
  /** Merged cells (0-based, inclusive), in the order their cells were read. */
  merges: Merge[];
  /** For each slot, the cell that covers it (undefined: no cell). */
  owners: Array<Array<SourceCell | undefined>>;
}

export const MAX_COLSPAN = 1000;
export const MAX_ROWSPAN = 65534;

/**
 * How many slots the tables of one page may still take (the limits' maxCells, shared by all the
 * tables of the page): spans are counted against it BEFORE they are laid out, so a page of
 * `<td colspan=1000 rowspan=65534>` is one parse-error, never a heap run out.
 */
export interface SlotBudget {
  limits: Limits;
  /** Slots covered by the spans read so far. */
  used: number;
  /** Slots of the tables laid out so far, padded to their widths. */
  laid?: number;
}

/**
 * Lay the row groups of a table (thead, each tbody, tfoot — in the order the table model
 * processes them) out on a grid of slots. Throws a LimitError when the table would pass the
 * limits (rows, columns, or the slots its spans cover, counted from the spans themselves).
 */
export function expandTable(groups: SourceRow[][], budget: SlotBudget = { limits: DEFAULT_LIMITS, used: 0 }): TableGrid {
  const { limits } = budget;
  const owners: Array<Array<SourceCell | undefined>> = [];
  const merges: Merge[] = [];
  const anchors: Array<{ x: number; y: number; cell: SourceCell }> = [];
  const refuse = (): never => {
    throw new LimitError(spansTooBig(limits));
  };
  if (groups.reduce((n, g) => n + g.length, 0) > limits.maxRows) refuse();
  for (const group of groups) {
    const y0 = owners.length;
    for (let i = 0; i < group.length; i++) owners.push([]);
    group.forEach((row, i) => {
      const y = y0 + i;
      const slots = owners[y] as Array<SourceCell | undefined>;
      let x = 0;
      for (const cell of row.cells) {
        while (slots[x] !== undefined) x++;
        const colspan = Math.min(parseNonNegativeInteger(cell.colspan) || 1, MAX_COLSPAN);
        const declared = parseNonNegativeInteger(cell.rowspan);
        const rowspan = declared === null ? 1 : Math.min(declared, MAX_ROWSPAN);
        // rowspan="0" grows to the end of the row group; no span reaches past it.
        const height = rowspan === 0 ? group.length - i : Math.min(rowspan, group.length - i);
        // the slots this cell covers, counted before any is taken
        budget.used += colspan * height;
        if (x + colspan > limits.maxColumns || budget.used > limits.maxCells) refuse();
        for (let yy = y; yy < y + height; yy++) {
          const r = owners[yy] as Array<SourceCell | undefined>;
          // overlapping cells are a table model error: the slot keeps the cell that took it first
          for (let xx = x; xx < x + colspan; xx++) if (r[xx] === undefined) r[xx] = cell;
        }
        anchors.push({ x, y, cell });
        if (colspan > 1 || height > 1) merges.push({ top: y, left: x, bottom: y + height - 1, right: x + colspan - 1 });
        x += colspan;
      }
    });
  }
  const width = owners.reduce((n, r) => Math.max(n, r.length), 0);
  // every row is padded to the table's width: the padded grid, too, must be within the limits
  budget.laid = (budget.laid ?? 0) + owners.length * width;
  if (gridTooBig({ rows: owners.length, columns: width }, limits) || budget.laid > limits.maxCells) refuse();
  const rows = owners.map(() => Array.from({ length: width }, () => ''));
  for (const { x, y, cell } of anchors) (rows[y] as string[])[x] = cell.text;
  for (const r of owners) for (let x = 0; x < width; x++) if (!(x in r)) r[x] = undefined;
  return { rows, merges, owners };
}

// ---------- text as a browser shows it ----------

const SKIPPED = new Set(['head', 'script', 'style', 'template', 'noscript', 'title', 'iframe', 'select', 'datalist', 'object', 'embed', 'svg', 'math']);

/** Elements that start and end a line (display: block, list-item, table parts). */
const BLOCK = new Set([
  'address', 'article', 'aside', 'blockquote', 'body', 'center', 'caption', 'dd', 'details', 'dialog', 'dir', 'div', 'dl', 'dt',
  'fieldset', 'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hgroup', 'hr', 'html',
  'legend', 'li', 'listing', 'main', 'menu', 'nav', 'ol', 'p', 'plaintext', 'pre', 'section', 'summary', 'table', 'tbody',
  'td', 'tfoot', 'th', 'thead', 'tr', 'ul', 'xmp', 'textarea',
]);

const PRE = new Set(['pre', 'listing', 'plaintext', 'xmp', 'textarea']);

function isElement(n: Node): n is Element {
  return 'tagName' in n;
}

function attr(e: Element, name: string): string | null {
  return e.attrs.find((a) => a.name === name)?.value ?? null;
}

function isHidden(e: Element): boolean {
  if (e.attrs.some((a) => a.name === 'hidden')) return true;
  const style = attr(e, 'style');
  return style !== null && /(?:^|;)\s*display\s*:\s*none\s*(?:!important\s*)?(?:;|$)/i.test(style);
}

/** Wide characters (CJK, full-width forms): a line break between two of them is no space (CSS Text 3). */
const WIDE = '\\u1100-\\u115f\\u2e80-\\u303e\\u3041-\\u33ff\\u3400-\\u4dbf\\u4e00-\\u9fff\\ua960-\\ua97f\\uac00-\\ud7a3\\uf900-\\ufaff\\ufe30-\\ufe4f\\uff00-\\uff60\\uffe0-\\uffe6';
const WIDE_BREAK = new RegExp(`([${WIDE}])[\\t\\f\\r ]*\\n[\\t\\n\\f\\r ]*(?=[${WIDE}])`, 'g');

type At = { line: number; column: number };

interface Line {
  text: string;
  at: At | undefined;
}

/** Lines of text being assembled: inline text joins the current line, a block or a <br> ends it. */
class Lines {
  readonly out: Line[] = [];
  private cur = '';
  private at: At | undefined;
  /** Where the element that opened the current line starts (a line starting a block is placed at its element). */
  private blockAt: At | undefined;

  startBlock(at: At | undefined): void {
    this.end();
    this.blockAt = at;
  }

  endBlock(): void {
    this.end();
    this.blockAt = undefined;
  }

  br(): void {
    this.end();
    this.blockAt = undefined;
  }

  /** Append text already collapsed (a run of spaces is one ' '). */
  add(text: string, at: At | undefined): void {
    let t = text;
    if (this.cur === '' || this.cur.endsWith(' ')) t = t.replace(/^ /, '');
    if (t === '') return;
    if (this.at === undefined && t.trim() !== '') this.at = this.blockAt ?? at;
    this.cur += t;
  }

  end(): void {
    const text = this.cur.replace(/\u00a0/g, ' ').trim();
    if (text !== '') this.out.push({ text, at: this.at });
    this.cur = '';
    this.at = undefined;
  }
}

function startOf(n: Element | TextNode): At | undefined {
  const loc = n.sourceCodeLocation;
  return loc ? { line: loc.startLine, column: loc.startCol } : undefined;
}

/** Where the first non-space character of a text node is. */
function textAt(n: TextNode): At | undefined {
  const loc = n.sourceCodeLocation;
  if (!loc) return undefined;
  let { startLine: line, startCol: column } = loc;
  for (const ch of n.value) {
    if (ch === '\n') {
      line++;
      column = 1;
    } else if (/[\t\f\r ]/.test(ch)) column++;
    else break;
  }
  return { line, column };
}

function addText(n: TextNode, lines: Lines, pre: boolean): void {
  if (pre) {
    n.value.replace(/\r\n?/g, '\n').split('\n').forEach((part, i) => {
      if (i > 0) lines.br();
      lines.add(part.replace(/\t/g, ' '), textAt(n));
    });
    return;
  }
  lines.add(n.value.replace(WIDE_BREAK, '$1').replace(/[\t\n\f\r ]+/g, ' '), textAt(n));
}

/** The text of a node's children into `lines`; tables inside join it, one line per cell. */
function inlineText(parent: Element, lines: Lines, pre = false): void {
  for (const n of parent.childNodes) {
    if (n.nodeName === '#text') {
      addText(n as TextNode, lines, pre);
      continue;
    }
    if (!isElement(n) || SKIPPED.has(n.tagName) || isHidden(n)) continue;
    if (n.tagName === 'br') {
      lines.br();
      continue;
    }
    const block = BLOCK.has(n.tagName);
    if (block) lines.startBlock(startOf(n));
    inlineText(n, lines, pre || PRE.has(n.tagName));
    if (block) lines.endBlock();
  }
}

/** The text of a table cell: its lines joined with '\n'. */
function cellText(e: Element): string {
  const lines = new Lines();
  inlineText(e, lines);
  lines.end();
  return lines.out.map((l) => l.text).join('\n');
}

// ---------- tables ----------

const children = (e: Element, ...tags: string[]): Element[] =>
  e.childNodes.filter((n): n is Element => isElement(n) && tags.includes(n.tagName) && !isHidden(n));

/** Row groups in the order of the table model: thead/tbody/rows as they come, then every tfoot. */
function rowGroups(table: Element): Element[][] {
  const groups: Element[][] = [];
  const feet: Element[][] = [];
  let loose: Element[] | null = null;
  for (const n of children(table, 'thead', 'tbody', 'tfoot', 'tr')) {
    if (n.tagName === 'tr') {
      if (!loose) groups.push((loose = []));
      loose.push(n);
      continue;
    }
    loose = null;
    (n.tagName === 'tfoot' ? feet : groups).push(children(n, 'tr'));
  }
  return [...groups, ...feet];
}

function descendantTables(e: Element): Element[] {
  const out: Element[] = [];
  for (const n of e.childNodes) {
    if (!isElement(n)) continue;
    if (n.tagName === 'table') out.push(n);
    else out.push(...descendantTables(n));
  }
  return out;
}

/** A table that frames the page rather than holding data. */
function isLayoutTable(table: Element): boolean {
  const role = attr(table, 'role');
  if (role === 'presentation' || role === 'none') return true;
  const rows = rowGroups(table).flat();
  const nested = rows.flatMap((tr) => children(tr, 'td', 'th')).flatMap(descendantTables);
  return nested.some((t) => rowGroups(t).flat().length >= Math.max(rows.length, 2));
}

// ---------- the page ----------

interface RowPlaces {
  /** A line of text: every column is placed there. */
  text?: At | undefined;
  /** A table row: its table name, row within the table, the line of each slot's cell and the <tr>'s line. */
  table?: { name: string; y: number; lines: Array<number | undefined>; line: number | undefined };
}

interface Page {
  rows: string[][];
  places: RowPlaces[];
  merges: Merge[];
  tables: number;
}

function flushLines(page: Page, lines: Lines): void {
  lines.end();
  for (const l of lines.out.splice(0)) {
    page.rows.push([l.text]);
    page.places.push({ text: l.at });
  }
}

function addTable(page: Page, table: Element, lines: Lines, budget: SlotBudget): void {
  flushLines(page, lines);
  const caption = children(table, 'caption')[0];
  if (caption) {
    lines.startBlock(startOf(caption));
    inlineText(caption, lines);
    lines.endBlock();
    flushLines(page, lines);
  }
  const groups: SourceRow[][] = rowGroups(table).map((g) =>
    g.map((tr) => ({
      line: startOf(tr)?.line,
      // the text is read when the table is laid out, after its spans passed the limits
      cells: children(tr, 'td', 'th').map((td): SourceCell => {
        let text: string | undefined;
        return {
          get text() {
            return (text ??= cellText(td));
          },
          colspan: attr(td, 'colspan'),
          rowspan: attr(td, 'rowspan'),
          ...startOf(td),
        };
      }),
    })),
  );
  const rowsOfGroups = groups.flat();
  if (rowsOfGroups.length === 0) return;
  const grid = expandTable(groups, budget);
  const k = ++page.tables;
  const top = page.rows.length;
  grid.rows.forEach((row, y) => {
    page.rows.push(row);
    page.places.push({ table: { name: `表${k}`, y, lines: (grid.owners[y] ?? []).map((c) => c?.line), line: rowsOfGroups[y]?.line } });
  });
  for (const m of grid.merges) page.merges.push({ ...m, top: m.top + top, bottom: m.bottom + top });
}

function walk(page: Page, parent: Element, lines: Lines, budget: SlotBudget): void {
  for (const n of parent.childNodes) {
    if (n.nodeName === '#text') {
      addText(n as TextNode, lines, false);
      continue;
    }
    if (!isElement(n) || SKIPPED.has(n.tagName) || isHidden(n)) continue;
    if (n.tagName === 'br') {
      lines.br();
      continue;
    }
    if (n.tagName === 'table') {
      if (!isLayoutTable(n)) {
        addTable(page, n, lines, budget);
        continue;
      }
      // a layout table: its cells are blocks of the page
      lines.startBlock(startOf(n));
      for (const tr of rowGroups(n).flat()) {
        for (const td of children(tr, 'td', 'th')) {
          lines.startBlock(startOf(td));
          walk(page, td, lines, budget);
          lines.endBlock();
        }
      }
      lines.endBlock();
      continue;
    }
    const block = BLOCK.has(n.tagName);
    if (block) lines.startBlock(startOf(n));
    if (PRE.has(n.tagName)) inlineText(n, lines, true);
    else walk(page, n, lines, budget);
    if (block) lines.endBlock();
  }
}

/** The page as one grid (see the file comment). */
export function htmlGrid(html: string, limits: Limits = DEFAULT_LIMITS): Grid {
  const doc = parse(html, { sourceCodeLocationInfo: true });
  const htmlEl = doc.childNodes.find((n): n is Element => isElement(n) && n.tagName === 'html');
  const body = htmlEl && children(htmlEl, 'body')[0];
  const page: Page = { rows: [], places: [], merges: [], tables: 0 };
  const lines = new Lines();
  // frameset pages have no body: nothing to read
  if (body) walk(page, body, lines, { limits, used: 0 });
  flushLines(page, lines);
  const { rows, places, merges } = page;
  const place = (r: number, c: number): Place => {
    const p = places[r];
    if (!p) return {};
    if (p.table) {
      const line = p.table.lines[c] ?? p.table.line;
      return { sheet: p.table.name, cell: `${columnLetters(c + 1)}${p.table.y + 1}`, ...(line !== undefined ? { line } : {}) };
    }
    return p.text ? { line: p.text.line, column: p.text.column } : {};
  };
  return { rows, place, positional: true, ...(merges.length > 0 ? { merges } : {}) };
}

// ---------- encoding ----------

/** WHATWG encoding labels met on Chinese pages → the decoder used (GB18030 is a superset of GBK and GB2312). */
function decoderFor(label: string): string | null {
  const l = label.trim().toLowerCase();
  if (/^(gb2312|gbk|x-gbk|gb18030|chinese|csgb2312|csiso58gb231280|gb_2312|gb_2312-80|iso-ir-58|cp936|windows-936)$/.test(l)) return 'gb18030';
  if (/^(big5|big5-hkscs|cn-big5|csbig5|x-x-big5)$/.test(l)) return 'big5hkscs';
  if (/^(utf-?8|unicode-1-1-utf-8|unicode11utf8|unicode20utf8|x-unicode20utf8)$/.test(l)) return 'utf-8';
  // a page cannot declare UTF-16 in itself (the standard reads such a page as UTF-8)
  if (/^(utf-16|utf-16le|utf-16be|unicode|ucs-2|csunicode|iso-10646-ucs-2|unicodefeff|unicodefffe)$/.test(l)) return 'utf-8';
  if (/^(iso-8859-1|latin1|us-ascii|ascii|l1|iso8859-1|windows-1252|cp1252|x-user-defined)$/.test(l)) return 'windows-1252';
  return isKnownEncoding(l) ? l : null;
}

/**
 * The charset a page declares in its <meta charset> or <meta http-equiv="Content-Type"
 * content="…; charset=…">, read from the bytes before the body (ASCII-compatible encodings).
 */
export function declaredCharset(bytes: Uint8Array): string | null {
  const head = Array.from(bytes.subarray(0, Math.min(bytes.length, 65536)), (b) => String.fromCharCode(b)).join('');
  const end = head.search(/<body[\s>]/i);
  const scope = (end >= 0 ? head.slice(0, end) : head).replace(/<!--[\s\S]*?-->/g, '');
  for (const m of scope.matchAll(/<meta\b([^>]*)>/gi)) {
    const attrs = m[1] ?? '';
    const charset = /\bcharset\s*=\s*["']?\s*([^\s"'/>;]+)/i.exec(attrs);
    if (charset?.[1]) return charset[1];
  }
  return null;
}

function decodePage(bytes: Uint8Array, encoding: string | undefined): { text: string } | { problem: LoadResult['problems'][number] } {
  const bom = (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) || (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
  const label = encoding ? null : bom ? null : declaredCharset(bytes);
  const decoder = label ? decoderFor(label) : null;
  const decoded = decodeText(bytes, encoding ?? decoder ?? undefined);
  if (!('problem' in decoded)) return { text: decoded.text };
  const { location } = decoded.problem;
  const at = location.line !== undefined ? { zh: `第 ${location.line} 行起`, en: ` from line ${location.line}` } : { zh: '', en: '' };
  const how = {
    zh: '请在浏览器中打开该网页，“另存为”网页（UTF-8 编码）后再检查，或用 --encoding 指定正确的编码',
    en: 'open the page in a browser, save it again as a web page (UTF-8) and check it again, or name the right encoding with --encoding',
  };
  if (encoding) {
    return { problem: problem(`网页内容无法按指定的编码「${encoding}」读取${at.zh ? `（${at.zh}）` : ''}。${how.zh}`, `The page cannot be read in the encoding "${encoding}" given${at.en}. ${how.en}`, location) };
  }
  if (label && decoder) {
    return {
      problem: problem(
        `网页声明的文字编码是「${label}」，但文件内容${at.zh}不符合这种编码，无法读取。${how.zh}`,
        `The page declares the encoding "${label}" but its content${at.en} is not in that encoding. ${how.en}`,
        location,
      ),
    };
  }
  return {
    problem: problem(
      `无法识别网页的文字编码：网页没有声明编码，文件内容${at.zh}既不是 UTF-8 也不是 GB18030/GBK。${how.zh}`,
      `The page's encoding cannot be told: the page declares none and its content${at.en} is neither UTF-8 nor GB18030/GBK. ${how.en}`,
      location,
    ),
  };
}

/** `hierarchy` and `layouts` (Reading): what forms are recognised by. */
export interface HtmlOptions extends Reading {
  /** Force a text encoding (--encoding) instead of the BOM, the page's declaration or detection. */
  encoding?: string;
  /** The reader limits (src/load/limits.ts): the tables' rows, columns and cells, spans counted before they are laid out. */
  limits?: Limits;
}

export function loadHtml(bytes: Uint8Array, options: HtmlOptions = {}): LoadResult {
  const read = readHtml(bytes, options);
  return 'failed' in read ? read.failed : recognize([read.grid], false, options);
}

/** loadHtml, a page in Traditional characters read in Simplified (src/load/chinese.ts: the converter is loaded only then). */
export async function loadHtmlSimplified(bytes: Uint8Array, options: HtmlOptions = {}): Promise<LoadResult> {
  const read = readHtml(bytes, options);
  return 'failed' in read ? read.failed : recognize([await simplifiedGrid(read.grid)], false, options);
}

/** The page's grid, or what stops it being read. */
function readHtml(bytes: Uint8Array, options: HtmlOptions): { grid: Grid } | { failed: LoadResult } {
  const page = decodePage(bytes, options.encoding);
  if ('problem' in page) return { failed: { documents: [], problems: [page.problem] } };
  try {
    return { grid: htmlGrid(page.text, options.limits) };
  } catch (e) {
    // elements nested thousands deep (no real page is) exhaust the call stack
    if (!(e instanceof RangeError)) throw e;
    return {
      failed: {
        documents: [],
        problems: [
          problem(
            '网页的标签嵌套层数过多，无法读取。请在浏览器中打开该网页，把其中的表格复制到 Excel 后另存为 .xlsx 再检查',
            'The page nests its elements too deeply to be read. Open it in a browser, copy its table into Excel and save it as .xlsx, then check it again',
          ),
        ],
      },
    };
  }
}
