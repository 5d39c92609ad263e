/**
 * PDF with a text layer (pdf.js, pdfjs-dist 5.5.207 legacy build, engines ^20.19 || >=22.13:
 * past CVE-2024-4367, fixed in 4.2.67, and below GHSA-hq66-cqwq-w95j / CVE-2026-16633, which
 * affects 5.6.83 up to 6.2.108, whose fix needs Node 22.13; eval and XFA are turned off all the
 * same, and nothing here runs a document's scripts). Every page's text items (string, baseline, width, font size) and
 * the ruling lines drawn in its operator list become the same Grid as a worksheet or a Word
 * document, so the form readers work unchanged:
 *
 * - a ruled table: its columns and rows are the distinct x and y of the drawn lines; two
 *   neighbouring cells with no line between them are one merged cell; each text item goes to
 *   the cell that holds its start, lines of a cell joined (without a space between CJK);
 * - a table that runs over a page break (the next page starts with a ruled table of the same
 *   columns) continues the table;
 * - text outside ruled tables: lines by baseline, cut into cells at wide gaps; consecutive lines
 *   of two or more cells are a table without ruling lines, its columns found by aligning the
 *   cells' left edges; other lines are paragraphs, in reading order (top to bottom);
 * - headers, footers and page numbers (「第 3 页」「- 3 -」「3/10」 in the top or bottom margin,
 *   or the same line in the same place on every page) are dropped;
 * - a PDF without a text layer (a scan) is one finding that says so.
 *
 * - lines of a paragraph wrapped by the page (or by a page break) are one paragraph again.
 *
 * Places: {sheet: '第 3 页', cell: 'C5'} — the column and the row within the table on that page;
 * a paragraph is {sheet: '第 3 页', cell: '第 5 行', paragraph: 5} (its first line on the page);
 * each with `page` and `box` (where the cell, or the paragraph's lines on that page, are drawn:
 * [left, top, right, bottom] in points from the page's top-left corner). Browser-safe: pdf.js reads a Uint8Array;
 * its worker runs on the calling thread (globalThis.pdfjsWorker), so nothing is fetched.
 *
 * Geometry is hand-written here: pdf.js gives the items and the path operators, and no
 * maintained JavaScript library turns them into table cells (the peers are Python: pdfplumber,
 * camelot); the rules below are those of pdfplumber's lattice and stream modes, kept small.
 */
import type { LoadProblem, LoadResult } from '../types.js';
import { columnLetters, type Grid, type Merge, type Place } from './grid.js';
import { DEFAULT_LIMITS, gridTooBig, type Limits } from './limits.js';
import { CMAPS } from './pdf-cmaps.js';
import { problem } from './problem.js';
import { recognize, type Reading } from './recognize.js';

/** Tolerances in PDF points (1/72 inch). */
const SNAP = 2;
/** A gap between two items of a line wider than this many font sizes separates two cells. */
const CELL_GAP = 1;
/**
 * Drawn lines looked at on one page: a form has a few hundred; past this many (a drawing, a
 * hostile file) the page's tables are read by text alignment instead, as pairing the lines
 * costs their number squared.
 */
const MAX_LINES = 5_000;
/** The top and bottom margins where page numbers and running heads are looked for (share of the page height). */
const MARGIN_SHARE = 0.08;

const MESSAGE = {
  notPdf: ['不是有效的 PDF 文件：文件已损坏，或并非 PDF 格式。', 'not a readable PDF file: the file is damaged or not a PDF.'],
  encrypted: ['PDF 设有打开密码，无法读取。请提供未加密的文件。', 'the PDF is protected by a password and cannot be read. Please supply an unencrypted file.'],
  scanned: [
    'PDF 没有文字层（可能是扫描件或图片），无法检查。请提供原始的 Word/Excel 文件，或可以选中复制文字的 PDF。',
    'the PDF has no text layer (a scan or an image) and cannot be checked. Please supply the original Word/Excel file, or a PDF whose text can be selected.',
  ],
  cmap: (names: string) =>
    [
      `PDF 的文字使用了无法解码的字体编码（${names}），读不出文字，无法检查。请提供原始的 Word/Excel 文件，或嵌入字体后重新导出的 PDF。`,
      `the PDF's text uses font encodings that cannot be decoded (${names}): no text could be read. Please supply the original Word/Excel file, or a PDF exported again with its fonts embedded.`,
    ] as const,
  engine: [
    '无法载入 PDF 读取组件：安装不完整，缺少可选依赖包 @napi-rs/canvas。请重新执行 npm install，不要省略可选依赖。',
    'pdf.js, the PDF reader, could not be loaded (in Node it needs its optional dependency @napi-rs/canvas: do not install with --omit=optional).',
  ],
  pages: (n: number, limit: number) =>
    [`PDF 有 ${n} 页，超过上限 ${limit} 页，未读取。`, `the PDF has ${n} pages, over the limit of ${limit}; not read.`] as const,
} as const;

const fail = (m: readonly [string, string]): LoadProblem => problem(m[0], m[1]);

// ---------- what pdf.js gives ----------

interface Item {
  text: string;
  /** Left edge and baseline, in page space (y upwards). */
  x: number;
  y: number;
  w: number;
  /** Font size. */
  size: number;
}

interface Segment {
  /** Horizontal: y fixed, x0 < x1; vertical: x fixed, y0 < y1. */
  at: number;
  from: number;
  to: number;
}

interface PageContent {
  number: number;
  width: number;
  height: number;
  items: Item[];
  horizontal: Segment[];
  vertical: Segment[];
  images: number;
}

type Matrix = [number, number, number, number, number, number];

const multiply = (m: Matrix, n: Matrix): Matrix => [
  m[0] * n[0] + m[2] * n[1],
  m[1] * n[0] + m[3] * n[1],
  m[0] * n[2] + m[2] * n[3],
  m[1] * n[2] + m[3] * n[3],
  m[0] * n[4] + m[2] * n[5] + m[4],
  m[1] * n[4] + m[3] * n[5] + m[5],
];
const apply = (m: Matrix, x: number, y: number): [number, number] => [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];

/** pdf.js's operator codes used here (pdfjs OPS, DrawOPS). */
interface Ops {
  save: number;
  restore: number;
  transform: number;
  constructPath: number;
  rectangle?: number;
  paintFormXObjectBegin: number;
  paintFormXObjectEnd: number;
  images: number[];
}

/** The axis-parallel lines a path draws (stroked lines; thin filled rectangles; the edges of stroked rectangles). */
function pathSegments(path: ArrayLike<number>, ctm: Matrix, out: { h: Segment[]; v: Segment[] }): void {
  let start: [number, number] | null = null;
  let prev: [number, number] | null = null;
  const points: Array<[number, number]> = [];
  const edge = (a: [number, number], b: [number, number]) => {
    const [x0, y0] = apply(ctm, a[0], a[1]);
    const [x1, y1] = apply(ctm, b[0], b[1]);
    if (Math.abs(y0 - y1) < 0.5 && Math.abs(x0 - x1) >= 0.5) out.h.push({ at: (y0 + y1) / 2, from: Math.min(x0, x1), to: Math.max(x0, x1) });
    else if (Math.abs(x0 - x1) < 0.5 && Math.abs(y0 - y1) >= 0.5) out.v.push({ at: (x0 + x1) / 2, from: Math.min(y0, y1), to: Math.max(y0, y1) });
  };
  const thin = () => {
    // a filled thin rectangle is a line
    if (points.length < 4) return false;
    const xs = points.map((p) => apply(ctm, p[0], p[1]));
    const minX = Math.min(...xs.map((p) => p[0]));
    const maxX = Math.max(...xs.map((p) => p[0]));
    const minY = Math.min(...xs.map((p) => p[1]));
    const maxY = Math.max(...xs.map((p) => p[1]));
    if (maxY - minY <= SNAP && maxX - minX > SNAP) out.h.push({ at: (minY + maxY) / 2, from: minX, to: maxX });
    else if (maxX - minX <= SNAP && maxY - minY > SNAP) out.v.push({ at: (minX + maxX) / 2, from: minY, to: maxY });
    else return false;
    return true;
  };
  for (let i = 0; i < path.length; ) {
    const op = path[i] as number;
    if (op === 0) {
      if (!thin()) for (let k = 1; k < points.length; k++) edge(points[k - 1] as [number, number], points[k] as [number, number]);
      points.length = 0;
      start = prev = [path[i + 1] as number, path[i + 2] as number];
      points.push(start);
      i += 3;
    } else if (op === 1) {
      prev = [path[i + 1] as number, path[i + 2] as number];
      points.push(prev);
      i += 3;
    } else if (op === 2) {
      prev = [path[i + 5] as number, path[i + 6] as number];
      points.length = 0; // a curve: not a ruling line
      i += 7;
    } else if (op === 3) {
      prev = [path[i + 3] as number, path[i + 4] as number];
      points.length = 0;
      i += 5;
    } else if (op === 4) {
      if (start && prev) points.push(start);
      prev = start;
      i += 1;
    } else break;
  }
  if (!thin()) for (let k = 1; k < points.length; k++) edge(points[k - 1] as [number, number], points[k] as [number, number]);
}

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');

let pdfjsPromise: Promise<PdfJs> | null = null;

/** pdf.js with its worker on this thread (no Worker, nothing fetched). */
function pdfjs(): Promise<PdfJs> {
  pdfjsPromise ??= (async () => {
    const lib = await import('pdfjs-dist/legacy/build/pdf.mjs');
    const g = globalThis as { pdfjsWorker?: unknown };
    g.pdfjsWorker ??= await import('pdfjs-dist/legacy/build/pdf.worker.mjs');
    return lib;
  })();
  return pdfjsPromise;
}

/**
 * pdf.js's CMap reader, served from src/load/pdf-cmaps.ts (the simplified Chinese set, built by
 * scripts/build-pdf-cmaps.mjs): a font that is not embedded but named with a predefined CMap
 * (「STSong-Light」, UniGB-UCS2-H) is decoded without reading a file or fetching a URL. The names
 * asked for and not held are kept, to say why no text was read.
 */
function cmapReader(missing: Set<string>) {
  return class BundledCMaps {
    async fetch({ name }: { name: string }): Promise<{ cMapData: Uint8Array; isCompressed: boolean }> {
      const packed = CMAPS[name];
      if (packed === undefined) {
        missing.add(name);
        throw new Error(`CMap ${name} is not bundled`);
      }
      return { cMapData: Uint8Array.from(atob(packed), (c) => c.charCodeAt(0)), isCompressed: true };
    }
  };
}

async function readPages(bytes: Uint8Array, limits: Limits, missing: Set<string> = new Set()): Promise<PageContent[] | LoadProblem> {
  let lib: PdfJs;
  try {
    lib = await pdfjs();
  } catch {
    // pdf.js 5 in Node evaluates DOMMatrix (from @napi-rs/canvas) as it loads
    pdfjsPromise = null;
    return fail(MESSAGE.engine);
  }
  const OPS = lib.OPS as unknown as Record<string, number>;
  const ops: Ops = {
    save: OPS.save as number,
    restore: OPS.restore as number,
    transform: OPS.transform as number,
    constructPath: OPS.constructPath as number,
    paintFormXObjectBegin: OPS.paintFormXObjectBegin as number,
    paintFormXObjectEnd: OPS.paintFormXObjectEnd as number,
    images: [OPS.paintImageXObject, OPS.paintInlineImageXObject, OPS.paintImageMaskXObject, OPS.paintImageXObjectRepeat].filter((n): n is number => typeof n === 'number'),
  };
  let doc: Awaited<ReturnType<typeof lib.getDocument>['promise']>;
  try {
    // a copy: pdf.js takes over (detaches) the buffer it is given
    doc = await lib.getDocument({ data: Uint8Array.from(bytes), isEvalSupported: false, enableXfa: false, CMapReaderFactory: cmapReader(missing), disableFontFace: true, useSystemFonts: false, verbosity: 0, isOffscreenCanvasSupported: false, stopAtErrors: false }).promise;
  } catch (e) {
    return fail((e as { name?: string }).name === 'PasswordException' ? MESSAGE.encrypted : MESSAGE.notPdf);
  }
  try {
    if (doc.numPages > limits.maxPages) return fail(MESSAGE.pages(doc.numPages, limits.maxPages));
    const pages: PageContent[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const [x0, y0, x1, y1] = page.view as [number, number, number, number];
      const content = await page.getTextContent();
      const items: Item[] = [];
      for (const it of content.items) {
        if (!('str' in it) || it.str.trim() === '') continue;
        const t = it.transform as number[];
        const size = Math.hypot(t[2] as number, t[3] as number) || (it.height as number) || 1;
        items.push({ text: it.str, x: (t[4] as number) - x0, y: (t[5] as number) - y0, w: it.width as number, size });
      }
      const list = await page.getOperatorList();
      const lines = { h: [] as Segment[], v: [] as Segment[] };
      let ctm: Matrix = [1, 0, 0, 1, -x0, -y0];
      const stack: Matrix[] = [];
      let images = 0;
      list.fnArray.forEach((fn, i) => {
        const args = list.argsArray[i] as unknown[];
        if (fn === ops.save) stack.push(ctm);
        else if (fn === ops.restore) ctm = stack.pop() ?? ctm;
        else if (fn === ops.transform) ctm = multiply(ctm, args as unknown as Matrix);
        else if (fn === ops.paintFormXObjectBegin) {
          stack.push(ctm);
          const m = args[0] as Matrix | null;
          if (Array.isArray(m) || ArrayBuffer.isView(m)) ctm = multiply(ctm, Array.from(m as ArrayLike<number>) as Matrix);
        } else if (fn === ops.paintFormXObjectEnd) ctm = stack.pop() ?? ctm;
        else if (fn === ops.constructPath) {
          const path = (args[1] as unknown[] | undefined)?.[0];
          if (path && typeof (path as ArrayLike<number>).length === 'number') pathSegments(path as ArrayLike<number>, ctm, lines);
        } else if (ops.images.includes(fn)) images++;
      });
      pages.push({ number: n, width: x1 - x0, height: y1 - y0, items, horizontal: lines.h, vertical: lines.v, images });
      page.cleanup();
    }
    return pages;
  } finally {
    await doc.destroy();
  }
}

// ---------- geometry ----------

/** Sorted distinct values, those within `tol` of each other taken as one (their mean). */
function cluster(values: number[], tol = SNAP): number[] {
  const sorted = [...values].sort((a, b) => a - b);
  const out: number[][] = [];
  for (const v of sorted) {
    const last = out.at(-1);
    if (last && v - (last.at(-1) as number) <= tol) last.push(v);
    else out.push([v]);
  }
  return out.map((g) => g.reduce((s, v) => s + v, 0) / g.length);
}

/** Segments on one line joined where they touch. */
function joinSegments(segs: Segment[]): Segment[] {
  const byLine = new Map<number, Segment[]>();
  const lines = cluster(segs.map((s) => s.at));
  for (const s of segs) {
    const at = lines.reduce((best, l) => (Math.abs(l - s.at) < Math.abs(best - s.at) ? l : best), lines[0] as number);
    byLine.set(at, [...(byLine.get(at) ?? []), s]);
  }
  const out: Segment[] = [];
  for (const [at, list] of byLine) {
    list.sort((a, b) => a.from - b.from);
    let cur: Segment | null = null;
    for (const s of list) {
      if (cur && s.from <= cur.to + SNAP) cur.to = Math.max(cur.to, s.to);
      else {
        if (cur) out.push(cur);
        cur = { at, from: s.from, to: s.to };
      }
    }
    if (cur) out.push(cur);
  }
  return out;
}

interface RuledTable {
  /** Column edges left to right; row edges top to bottom (y decreasing). */
  xs: number[];
  ys: number[];
  top: number;
  bottom: number;
  left: number;
  right: number;
  /** Atomic cell → the top-left cell of its merged range. */
  owner: Array<Array<[number, number]>>;
  merges: Merge[];
}

const covers = (segs: Segment[], at: number, point: number) => segs.some((s) => Math.abs(s.at - at) <= SNAP && s.from - SNAP <= point && point <= s.to + SNAP);

/** The ruled tables of a page: groups of horizontal and vertical lines that cross. */
function ruledTables(page: PageContent): RuledTable[] {
  if (page.horizontal.length + page.vertical.length > MAX_LINES) return [];
  const h = joinSegments(page.horizontal);
  const v = joinSegments(page.vertical);
  // group lines that touch (union-find over all segments)
  const all = [...h.map((s) => ({ s, horizontal: true })), ...v.map((s) => ({ s, horizontal: false }))];
  const parent = all.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i] as number)));
  for (let i = 0; i < all.length; i++) {
    for (let j = i + 1; j < all.length; j++) {
      const a = all[i] as (typeof all)[number];
      const b = all[j] as (typeof all)[number];
      if (a.horizontal === b.horizontal) continue;
      const [hs, vs] = a.horizontal ? [a.s, b.s] : [b.s, a.s];
      if (vs.at >= hs.from - SNAP && vs.at <= hs.to + SNAP && hs.at >= vs.from - SNAP && hs.at <= vs.to + SNAP) parent[find(i)] = find(j);
    }
  }
  const groups = new Map<number, typeof all>();
  all.forEach((a, i) => groups.set(find(i), [...(groups.get(find(i)) ?? []), a]));
  const tables: RuledTable[] = [];
  for (const group of groups.values()) {
    const hs = group.filter((g) => g.horizontal).map((g) => g.s);
    const vs = group.filter((g) => !g.horizontal).map((g) => g.s);
    if (hs.length < 2 || vs.length < 2) continue;
    const xs = cluster(vs.map((s) => s.at));
    const ys = cluster(hs.map((s) => s.at)).reverse();
    if (xs.length < 2 || ys.length < 2) continue;
    const rows = ys.length - 1;
    const cols = xs.length - 1;
    // merge neighbouring cells that no line separates
    const id = (r: number, c: number) => r * cols + c;
    const up = Array.from({ length: rows * cols }, (_, i) => i);
    const root = (i: number): number => (up[i] === i ? i : (up[i] = root(up[i] as number)));
    for (let r = 0; r < rows; r++) {
      const midY = ((ys[r] as number) + (ys[r + 1] as number)) / 2;
      for (let c = 0; c < cols; c++) {
        const midX = ((xs[c] as number) + (xs[c + 1] as number)) / 2;
        if (c + 1 < cols && !covers(vs, xs[c + 1] as number, midY)) up[root(id(r, c + 1))] = root(id(r, c));
        if (r + 1 < rows && !covers(hs, ys[r + 1] as number, midX)) up[root(id(r + 1, c))] = root(id(r, c));
      }
    }
    const box = new Map<number, Merge>();
    for (let r = 0; r < rows; r++) {
      for (let c = 0; c < cols; c++) {
        const k = root(id(r, c));
        const m = box.get(k);
        if (!m) box.set(k, { top: r, left: c, bottom: r, right: c });
        else {
          m.top = Math.min(m.top, r);
          m.left = Math.min(m.left, c);
          m.bottom = Math.max(m.bottom, r);
          m.right = Math.max(m.right, c);
        }
      }
    }
    const owner = Array.from({ length: rows }, (_, r) =>
      Array.from({ length: cols }, (_, c): [number, number] => {
        const m = box.get(root(id(r, c))) as Merge;
        return [m.top, m.left];
      }),
    );
    const merges = [...box.values()].filter((m) => m.bottom > m.top || m.right > m.left);
    tables.push({ xs, ys, left: xs[0] as number, right: xs.at(-1) as number, top: ys[0] as number, bottom: ys.at(-1) as number, owner, merges });
  }
  return tables.sort((a, b) => b.top - a.top);
}

const CJK = /[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]/;

/** Join pieces of text: nothing between CJK (or after/before full-width punctuation), a space between words. */
function joinText(parts: string[]): string {
  let out = '';
  for (const p of parts) {
    const t = p.trim();
    if (t === '') continue;
    out = out === '' || CJK.test(out.at(-1) as string) || CJK.test(t[0] as string) ? out + t : `${out} ${t}`;
  }
  return out;
}

/** Items on one baseline (within a third of the font size), left to right; lines top to bottom. */
function linesOf(items: Item[]): Item[][] {
  const sorted = [...items].sort((a, b) => b.y - a.y || a.x - b.x);
  const lines: Item[][] = [];
  for (const it of sorted) {
    const line = lines.at(-1);
    if (line && Math.abs((line[0] as Item).y - it.y) <= Math.max(1, it.size / 3)) line.push(it);
    else lines.push([it]);
  }
  return lines.map((l) => l.sort((a, b) => a.x - b.x));
}

/** An item pdf.js joined over a wide gap (its width exceeds its text's by CELL_GAP font sizes): cut at its first space. */
function splitWide(it: Item): Item[] {
  const extra = it.w - ems(it.text) * it.size;
  const at = it.text.indexOf(' ');
  if (extra <= CELL_GAP * it.size || at <= 0) return [it];
  const left = it.text.slice(0, at);
  const right = it.text.slice(at + 1);
  const rightW = ems(right) * it.size;
  return [{ ...it, text: left, w: ems(left) * it.size }, ...splitWide({ ...it, text: right, x: it.x + it.w - rightW, w: rightW })];
}

/** A line cut into cells at gaps wider than CELL_GAP font sizes. */
function cellsOf(line: Item[]): Array<{ x: number; text: string; items: Item[] }> {
  const cells: Array<{ x: number; end: number; items: Item[] }> = [];
  for (const it of line.flatMap(splitWide)) {
    const last = cells.at(-1);
    if (last && it.x - last.end <= CELL_GAP * it.size) {
      last.items.push(it);
      last.end = Math.max(last.end, it.x + it.w);
    } else cells.push({ x: it.x, end: it.x + it.w, items: [it] });
  }
  return cells.map((c) => ({ x: c.x, text: joinText(c.items.map((i) => i.text)), items: c.items })).filter((c) => c.text !== '');
}

// ---------- headers, footers, page numbers ----------

const PAGE_NUMBER = /^(?:第\s*[0-9０-９一二三四五六七八九十百]+\s*页(?:\s*[,，/]?\s*共\s*[0-9０-９]+\s*页)?|[-—–]\s*[0-9]+\s*[-—–]|[0-9]+\s*(?:\/|of)\s*[0-9]+|page\s*[0-9]+(?:\s*of\s*[0-9]+)?|[0-9]{1,4})$/i;

/** Drop page numbers in the margins, and lines repeated in the same place of every page's margins. */
function dropRunningLines(pages: PageContent[]): void {
  const inMargin = (p: PageContent, it: Item) => it.y > p.height * (1 - MARGIN_SHARE) || it.y < p.height * MARGIN_SHARE;
  const key = (line: Item[]) => `${Math.round((line[0] as Item).y / 4)}|${joinText(line.map((i) => i.text))}`;
  const seen = new Map<string, number>();
  const marginLines = pages.map((p) => linesOf(p.items.filter((it) => inMargin(p, it))));
  for (const lines of marginLines) for (const k of new Set(lines.map(key))) seen.set(k, (seen.get(k) ?? 0) + 1);
  pages.forEach((p, i) => {
    const drop = new Set<Item>();
    for (const line of marginLines[i] ?? []) {
      const text = joinText(line.map((it) => it.text));
      if (PAGE_NUMBER.test(text.replace(/\s+/g, ' ').trim()) || (pages.length >= 3 && (seen.get(key(line)) ?? 0) === pages.length)) line.forEach((it) => drop.add(it));
    }
    p.items = p.items.filter((it) => !drop.has(it));
  });
}

/** Estimated advance of a text in font sizes: 1 for CJK and full-width, 0.5 for the rest. */
const ems = (text: string) => [...text].reduce((n, ch) => n + (CJK.test(ch) ? 1 : 0.5), 0);

/**
 * pdf.js joins the texts of neighbouring cells into one item (with a space) when the gap between
 * them is narrow: cut an item at the ruling lines it crosses, at the space nearest each line.
 */
function splitAtLines(it: Item, xs: number[]): Item[] {
  const line = xs.find((x) => x > it.x + SNAP && x < it.x + it.w - SNAP);
  if (line === undefined || !it.text.includes(' ')) return [it];
  const words = it.text.split(' ');
  let best = -1;
  for (let k = 1; k < words.length; k++) {
    const left = words.slice(0, k).join(' ');
    if (it.x + ems(left) * it.size <= line + SNAP) best = k;
  }
  if (best < 0) return [it];
  const left = words.slice(0, best).join(' ');
  const right = words.slice(best).join(' ');
  const rightW = Math.min(it.w, ems(right) * it.size);
  return [
    { ...it, text: left, w: Math.min(it.w, ems(left) * it.size) },
    ...splitAtLines({ ...it, text: right, x: it.x + it.w - rightW, w: rightW }, xs),
  ];
}

// ---------- the grid ----------

/** [left, top, right, bottom] in points from the page's top-left corner (Location.box). */
type Box = [number, number, number, number];

const round1 = (v: number) => Math.round(v * 10) / 10;

/** A box from page space (y upwards) on a page of height `h`, rounded to a tenth of a point. */
const boxOf = (h: number, x0: number, y0: number, x1: number, y1: number): Box => [round1(Math.min(x0, x1)), round1(h - Math.max(y0, y1)), round1(Math.max(x0, x1)), round1(h - Math.min(y0, y1))];

/** The box around some text items: from the baseline down a fifth of the font size, up to its top. */
const itemsBox = (h: number, items: Item[]): Box =>
  boxOf(h, Math.min(...items.map((i) => i.x)), Math.min(...items.map((i) => i.y - i.size * 0.2)), Math.max(...items.map((i) => i.x + i.w)), Math.max(...items.map((i) => i.y + i.size * 0.8)));

const union = (a: Box | undefined, b: Box): Box => (a ? [Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[2], b[2]), Math.max(a[3], b[3])] : b);

/** One row of the document grid and where it is. */
interface Row {
  cells: string[];
  /** Where each cell is drawn (a merged cell: the whole range), on `page`. */
  boxes: Array<Box | undefined>;
  page: number;
  /** Row within its table on that page (1-based), or the line on the page for text. */
  table?: { row: number };
  line?: number;
}

/** The document as one grid: text lines, ruled tables and text tables in reading order, pages one after another. */
function documentGrid(pages: PageContent[]): Grid {
  const rows: Row[] = [];
  const merges: Merge[] = [];
  /** The last ruled table read: a table on the next page in the same columns, with nothing between, goes on from it. */
  let last: { xs: number[]; page: number; end: number } | null = null;
  /** The last text row when it is a paragraph that may go on (its last line runs to the right edge). */
  let open: { row: number; end: number; y: number; size: number; page: number; right: number } | null = null;
  for (const page of pages) {
    const tables = ruledTables(page);
    const inTable = (it: Item) => tables.findIndex((t) => it.x + Math.min(1, it.w / 2) >= t.left && it.x + Math.min(1, it.w / 2) <= t.right && it.y + it.size * 0.3 <= t.top && it.y + it.size * 0.3 >= t.bottom);
    const byTable = tables.map(() => [] as Item[]);
    const loose: Item[] = [];
    for (const it of page.items) {
      const t = inTable(it);
      if (t >= 0) byTable[t]?.push(it);
      else loose.push(it);
    }
    // blocks in reading order: text lines and tables by their top
    type Block = { top: number; line: Item[] } | { top: number; table: number };
    const blocks: Block[] = [...linesOf(loose).map((line) => ({ top: (line[0] as Item).y + (line[0] as Item).size, line })), ...tables.map((t, i) => ({ top: t.top, table: i }))];
    blocks.sort((a, b) => b.top - a.top);
    let lineNo = 0;
    let textRun: Array<{ cells: Array<{ x: number; text: string; items: Item[] }>; line: number; x: number; end: number; y: number; size: number }> = [];
    const h = page.height;
    // the text column: left and right edges of the lines outside tables
    const looseLines = linesOf(loose);
    const left = Math.min(...looseLines.map((l) => (l[0] as Item).x));
    const right = Math.max(...looseLines.map((l) => Math.max(...l.map((it) => it.x + it.w))));
    /**
     * Lines of a paragraph wrapped by the page are joined (written by hand: pdf.js gives lines, not
     * paragraphs): a line goes on the paragraph above when that one's last line runs to the right
     * edge, this one starts at the left edge (a new paragraph is indented, a heading follows a
     * short line), in the same font size, one line below — or at the top of the next page.
     */
    const continues = (l: (typeof textRun)[number]): boolean => {
      if (!open || open.row !== rows.length - 1 || Math.abs(open.size - l.size) > 0.5) return false;
      if (open.end < open.right - 2.5 * l.size || l.x > left + 0.5 * l.size) return false;
      if (open.page === page.number) return open.y - l.y >= 0.8 * l.size && open.y - l.y <= 2 * l.size;
      return open.page === page.number - 1 && rows.every((r, k) => k < open!.row + 1 || r.page !== page.number);
    };
    const flushText = () => {
      // consecutive lines of two or more cells: a table without ruling lines, columns by left edges
      let i = 0;
      while (i < textRun.length) {
        let j = i;
        while (j < textRun.length && (textRun[j]?.cells.length ?? 0) >= 2) j++;
        if (j - i >= 2) {
          const run = textRun.slice(i, j);
          const starts = cluster(run.flatMap((l) => l.cells.map((c) => c.x)), 3 * SNAP);
          run.forEach((l, k) => {
            const cells: string[] = [];
            const boxes: Array<Box | undefined> = [];
            for (const c of l.cells) {
              let col = 0;
              starts.forEach((s, n) => {
                if (s <= c.x + 3 * SNAP) col = n;
              });
              while (cells.length < col) cells.push('');
              cells[col] = cells[col] ? `${cells[col]} ${c.text}` : c.text;
              boxes[col] = union(boxes[col], itemsBox(h, c.items));
            }
            rows.push({ cells, boxes, page: page.number, table: { row: k + 1 }, line: l.line });
          });
          open = null;
          i = j;
        } else {
          const l = textRun[i] as (typeof textRun)[number];
          const text = l.cells.map((c) => c.text);
          const boxes = l.cells.map((c) => itemsBox(h, c.items));
          if (text.length === 1 && continues(l)) {
            const row = rows[rows.length - 1] as Row;
            row.cells = [joinText([row.cells[0] as string, text[0] as string])];
            // the place is the paragraph's first line: its box grows only on that line's page
            if (row.page === page.number) row.boxes = [union(row.boxes[0], boxes[0] as Box)];
          } else rows.push({ cells: text, boxes, page: page.number, line: l.line });
          open = text.length === 1 ? { row: rows.length - 1, end: l.end, y: l.y, size: l.size, page: page.number, right } : null;
          i++;
        }
      }
      textRun = [];
    };
    blocks.forEach((b) => {
      if ('line' in b) {
        lineNo++;
        const first = b.line[0] as Item;
        textRun.push({ cells: cellsOf(b.line), line: lineNo, x: first.x, end: Math.max(...b.line.map((it) => it.x + it.w)), y: first.y, size: first.size });
        return;
      }
      flushText();
      open = null;
      const t = tables[b.table] as RuledTable;
      const cols = t.xs.length - 1;
      const cellItems = new Map<string, Item[]>();
      for (const it of (byTable[b.table] ?? []).flatMap((i) => splitAtLines(i, t.xs))) {
        const px = it.x + Math.min(1, it.w / 2);
        const py = it.y + it.size * 0.3;
        const c = Math.max(0, t.xs.findIndex((x, k) => k < cols && px >= x - SNAP && px <= (t.xs[k + 1] as number) + SNAP));
        const r = Math.max(0, t.ys.findIndex((y, k) => k < t.ys.length - 1 && py <= y + SNAP && py >= (t.ys[k + 1] as number) - SNAP));
        const [or, oc] = t.owner[r]?.[c] ?? [r, c];
        const k = `${or},${oc}`;
        cellItems.set(k, [...(cellItems.get(k) ?? []), it]);
      }
      const top = rows.length;
      // a merged cell's box is its whole range
      const range = new Map<string, Merge>(t.merges.map((m) => [`${m.top},${m.left}`, m]));
      for (let r = 0; r < t.ys.length - 1; r++) {
        const cells: string[] = [];
        const boxes: Box[] = [];
        for (let c = 0; c < cols; c++) {
          const items = cellItems.get(`${r},${c}`) ?? [];
          cells.push(joinText(linesOf(items).map((l) => joinText(l.map((it) => it.text)))));
          const [or, oc] = t.owner[r]?.[c] ?? [r, c];
          const m = range.get(`${or},${oc}`) ?? { top: r, left: c, bottom: r, right: c };
          boxes.push(boxOf(h, t.xs[m.left] as number, t.ys[m.top] as number, t.xs[m.right + 1] as number, t.ys[m.bottom + 1] as number));
        }
        rows.push({ cells, boxes, page: page.number, table: { row: r + 1 } });
      }
      // the same table over a page break: a range merged down to the foot of the page goes on into the
      // empty cell (or empty merged part) of the same columns at the top of this page
      const continued =
        last !== null &&
        last.page === page.number - 1 &&
        last.end === top - 1 &&
        !rows.slice(0, top).some((r) => r.page === page.number) &&
        last.xs.length === t.xs.length &&
        last.xs.every((x, k) => Math.abs(x - (t.xs[k] as number)) <= 2 * SNAP);
      const joined = new Set<string>();
      if (continued) {
        for (const pm of merges) {
          if (pm.bottom !== top - 1) continue;
          const [or, oc] = t.owner[0]?.[pm.left] ?? [0, pm.left];
          if (or !== 0 || oc !== pm.left || (rows[top]?.cells[pm.left] ?? '') !== '') continue;
          const part = t.merges.find((m) => m.top === 0 && m.left === pm.left) ?? { top: 0, left: pm.left, bottom: 0, right: pm.left };
          if (part.right !== pm.right) continue;
          pm.bottom = top + part.bottom;
          joined.add(`${part.top},${part.left}`);
        }
        // a one-row part at the foot of the page is no merge there: an empty merged part below it in the same column is its rest
        for (const m of t.merges) {
          if (m.top !== 0 || m.left !== m.right || joined.has(`${m.top},${m.left}`) || (rows[top]?.cells[m.left] ?? '') !== '') continue;
          if (merges.some((k) => k.top <= top - 1 && top - 1 <= k.bottom && k.left <= m.left && m.left <= k.right)) continue;
          merges.push({ top: top - 1, left: m.left, bottom: top + m.bottom, right: m.right });
          joined.add(`${m.top},${m.left}`);
        }
      }
      for (const m of t.merges) if (!joined.has(`${m.top},${m.left}`)) merges.push({ top: m.top + top, left: m.left, bottom: m.bottom + top, right: m.right });
      last = { xs: t.xs, page: page.number, end: rows.length - 1 };
    });
    flushText();
  }
  const place = (r: number, c: number): Place => {
    const row = rows[r];
    if (!row) return {};
    const sheet = `第 ${row.page} 页`;
    const box = row.boxes[c] ?? row.boxes.find((b) => b !== undefined);
    const at = { page: row.page, ...(box ? { box } : {}) };
    if (row.table) return { sheet, cell: `${columnLetters(c + 1)}${row.table.row}`, ...at };
    // a text line is a paragraph (as a Word paragraph is, for the report reader), shown as its line on the page
    return { sheet, cell: `第 ${row.line ?? 1} 行`, paragraph: row.line ?? 1, ...at };
  };
  return { rows: rows.map((r) => r.cells), place, positional: true, ...(merges.length > 0 ? { merges } : {}) };
}

/** The PDF as one grid, or the problem that stops the read. */
export async function readPdf(bytes: Uint8Array, limits: Limits = DEFAULT_LIMITS): Promise<{ grid: Grid } | { problem: LoadProblem }> {
  const missing = new Set<string>();
  const pages = await readPages(bytes, limits, missing);
  if (!Array.isArray(pages)) return { problem: pages };
  if (pages.every((p) => p.items.length === 0)) return { problem: fail(missing.size > 0 ? MESSAGE.cmap([...missing].sort().join('、')) : MESSAGE.scanned) };
  dropRunningLines(pages);
  const grid = documentGrid(pages);
  const columns = grid.rows.reduce((n, r) => Math.max(n, r.length), 0);
  const tooBig = gridTooBig({ rows: grid.rows.length, columns }, limits);
  return tooBig ? { problem: tooBig } : { grid };
}

export async function loadPdf(bytes: Uint8Array, limits: Limits = DEFAULT_LIMITS, reading: Reading = {}): Promise<LoadResult> {
  const read = await readPdf(bytes, limits);
  if ('problem' in read) return { documents: [], problems: [read.problem] };
  return recognize([read.grid], false, reading);
}
