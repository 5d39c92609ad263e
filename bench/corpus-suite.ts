/**
 * The corpus as a regression suite (issue 22, item 6), shared by test/corpus.test.ts and
 * `npm run corpus` (bench/corpus.ts): the items of fixtures/corpus — each NN-name.txt with its
 * NN-name.txt.expected, and each NN-name.grid.yaml rebuilt as .xlsx, .docx, .html and .pdf
 * (scripts/make-corpus-fixtures.mjs) with NN-name.grid.expected — and, for one item, what the
 * tool finds compared with what the reviewer expects (rule, severity, pointer, place; the layout
 * read when the tool reports one).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadBytes } from '../src/load/index.js';
import { createLinter, packageRoot } from '../src/node/resources.js';
import type { Finding, LoadResult } from '../src/types.js';

export const FORMATS = ['txt', 'xlsx', 'docx', 'html', 'pdf'] as const;
export type Format = (typeof FORMATS)[number];

export interface Expectation {
  /** The `# layout:` line ('none': no readable table), or null when the file has none. */
  layout: string | null;
  /** `rule severity pointer [place]` lines, the place being the file's own (line:col) or an A1 ref of the grid. */
  findings: string[];
}

export interface CorpusItem {
  /** The key of the item in test/corpus-pending.json: NN-name.txt, NN-name.xlsx, … */
  key: string;
  doc: string;
  format: Format;
  /** The file the tool reads (for xlsx/docx/html: in the folder the generator wrote). */
  file: string;
  expectedFile: string;
}

export interface Comparison {
  expected: string[];
  actual: string[];
  /** Expected findings the tool gave (n of expected.length). */
  caught: number;
  /** Findings the tool gave that are not expected. */
  unexpected: string[];
  missed: string[];
  /** The layouts the tool reports for the file's documents (LoadedDocument.layout). */
  layoutsRead: string[];
  layoutExpected: string | null;
  /** Whether the layouts read are the one expected (null: the expectation names none). */
  layoutOk: boolean | null;
  matches: boolean;
}

export const CORPUS = join(packageRoot(), 'fixtures', 'corpus');
export const PENDING = join(packageRoot(), 'test', 'corpus-pending.json');

/** Parse an expectation file: its `# layout:` line and its `# expect:` block (a trailing `# …` comment on a line is allowed). */
export function parseExpectation(text: string, file = 'expected'): Expectation {
  const lines = text.split(/\r?\n/);
  const layout = lines.map((l) => /^#\s*layout:\s*(\S+)/.exec(l)?.[1]).find((x) => x !== undefined) ?? null;
  const start = lines.findIndex((l) => /^#\s*expect:/.test(l));
  if (start < 0) throw new Error(`${file}: no # expect: block`);
  if (/^#\s*expect:\s*\[\]\s*$/.test(lines[start] as string)) return { layout, findings: [] };
  const findings: string[] = [];
  for (const line of lines.slice(start + 1)) {
    const m = /^#\s*-\s*(\S+)\s+(error|warning|info)\s+(\S+)(?:\s+([^#\s]\S*))?\s*(?:#.*)?$/.exec(line);
    if (!m) {
      if (/^#\s*-/.test(line)) throw new Error(`${file}: cannot read the expectation line 「${line}」`);
      break;
    }
    const [, rule = '', severity = '', pointer = '', place] = m;
    findings.push(`${rule} ${severity} ${pointer}${place ? ` ${place}` : ''}`);
  }
  return { layout, findings };
}

/** A finding in the expectation notation (pointer "" for the whole document). */
export function describeFinding(f: Finding): string {
  const l = f.location;
  const place = l.sheet !== undefined ? `${l.sheet}!${l.cell ?? ''}` : l.paragraph !== undefined ? `¶${l.paragraph}` : l.line !== undefined ? `${l.line}:${l.column ?? ''}` : l.row !== undefined ? `${l.row}:${l.column ?? ''}` : '';
  return `${f.ruleId} ${f.severity} ${l.pointer === '' ? '""' : l.pointer}${place ? ` ${place}` : ''}`;
}

/**
 * An expected finding of a grid (place: an A1 ref of the grid) in the place notation of one format:
 * a workbook names the worksheet (「项目支出绩效自评表!H24」); a Word document and a web page
 * name their table (「表1!H24」: the generated files hold one table and nothing else).
 */
export function placeFor(expected: string, format: Exclude<Format, 'txt'>, sheet: string, pages: number[] = [1]): string {
  const parts = expected.split(' ');
  if (parts.length < 4) return expected;
  // an A1 ref of the grid; `<sheet>!A1` naming the grid's own sheet is read the same
  const ref = (parts[3] as string).startsWith(`${sheet}!`) ? (parts[3] as string).slice(sheet.length + 1) : (parts[3] as string);
  if (!/^[A-Z]{1,3}[1-9]\d*$/.test(ref)) throw new Error(`grid expectation 「${expected}」: the place must be an A1 ref of the grid`);
  if (format === 'pdf') {
    // a PDF: the page the row was printed on, the row counted from that page's top (pages: the grid row each page starts with)
    const [, col = '', row = '1'] = /^([A-Z]+)(\d+)$/.exec(ref) ?? [];
    const page = pages.reduce((p, first, i) => (Number(row) >= first ? i + 1 : p), 1);
    return [...parts.slice(0, 3), `第 ${page} 页!${col}${Number(row) - (pages[page - 1] as number) + 1}`].join(' ');
  }
  parts[3] = `${format === 'xlsx' ? sheet : '表1'}!${ref}`;
  return parts.join(' ');
}

/** The items of the corpus folder: every .txt with its .txt.expected, every .grid.yaml × (xlsx, docx, html). */
export function corpusItems(generated: string, dir = CORPUS): CorpusItem[] {
  const files = readdirSync(dir).sort();
  const items: CorpusItem[] = [];
  for (const f of files) {
    if (f.endsWith('.txt') && files.includes(`${f}.expected`)) {
      const doc = basename(f, '.txt');
      items.push({ key: f, doc, format: 'txt', file: join(dir, f), expectedFile: join(dir, `${f}.expected`) });
    }
    if (f.endsWith('.grid.yaml')) {
      const doc = basename(f, '.grid.yaml');
      for (const format of ['xlsx', 'docx', 'html', 'pdf'] as const) {
        items.push({ key: `${doc}.${format}`, doc, format, file: join(generated, `${doc}.${format}`), expectedFile: join(dir, `${doc}.grid.expected`) });
      }
    }
  }
  // per document: the text first, then its reconstructions
  return items.sort((a, b) => (a.doc === b.doc ? FORMATS.indexOf(a.format) - FORMATS.indexOf(b.format) : a.doc < b.doc ? -1 : 1));
}

interface Generator {
  makeCorpusFixtures(dir: string, src?: string): Promise<string[]>;
  readGrid(path: string): { sheet: string; rows: Array<Array<string | null>>; merges: unknown[] };
}

/** scripts/make-corpus-fixtures.mjs, found from the package root (this module also runs compiled, from build/bench). */
export async function generator(): Promise<Generator> {
  return (await import(pathToFileURL(join(packageRoot(), 'scripts', 'make-corpus-fixtures.mjs')).href)) as Generator;
}

let shared: ReturnType<typeof createLinter> | undefined;

/** The layout ids the loader reports for the documents of a file (the `layout` field, string or {id}). */
export function layoutsOf(loaded: LoadResult): string[] {
  const ids = loaded.documents.map((d) => {
    const l = (d as { layout?: unknown }).layout ?? (d.data as { layout?: unknown } | null)?.layout;
    return typeof l === 'string' ? l : l && typeof l === 'object' && typeof (l as { id?: unknown }).id === 'string' ? (l as { id: string }).id : undefined;
  });
  return [...new Set(ids.filter((x): x is string => x !== undefined))];
}

/** Lint one item and compare with its expectation. */
export async function compareItem(item: CorpusItem, sheetOf: (doc: string) => string): Promise<Comparison> {
  shared ??= createLinter();
  const exp = parseExpectation(readFileSync(item.expectedFile, 'utf8'), item.expectedFile);
  const pages = item.format === 'pdf' ? (JSON.parse(readFileSync(`${item.file}.pages.json`, 'utf8')) as number[]) : undefined;
  const expected = (item.format === 'txt' ? exp.findings : exp.findings.map((e) => placeFor(e, item.format as Exclude<Format, 'txt'>, sheetOf(item.doc), pages))).sort();
  const loaded = await loadBytes(item.file, readFileSync(item.file));
  const actual = shared
    .lintLoaded(item.file, loaded, { lang: 'zh' })
    .flatMap((r) => r.findings)
    .map(describeFinding)
    .sort();
  const left = [...actual];
  const missed: string[] = [];
  for (const e of expected) {
    const i = left.indexOf(e);
    if (i >= 0) left.splice(i, 1);
    else missed.push(e);
  }
  const layoutsRead = layoutsOf(loaded);
  // `none`: no table layout may be claimed; `report`: a report's prose has no table layout (any
  // table inside it is its own item); any other id: every document read by exactly that layout
  const layoutOk =
    exp.layout === null
      ? null
      : exp.layout === 'none'
        ? layoutsRead.every((l) => l === 'none')
        : exp.layout === 'report'
          ? layoutsRead.every((l) => l === 'report')
          : layoutsRead.length === 1 && layoutsRead[0] === exp.layout;
  return {
    expected,
    actual,
    caught: expected.length - missed.length,
    unexpected: left,
    missed,
    layoutsRead,
    layoutExpected: exp.layout,
    layoutOk,
    matches: missed.length === 0 && left.length === 0 && layoutOk !== false,
  };
}

/** The checked list of items that do not match yet: {"NN-name.txt": "why", …}. */
export function readPending(path = PENDING): Record<string, string> {
  if (!existsSync(path)) return {};
  return JSON.parse(readFileSync(path, 'utf8')) as Record<string, string>;
}
