/**
 * The corpus as a regression suite (issue 22, item 6). fixtures/corpus holds real published
 * documents (copies of ../shared/corpus), each with the findings a reviewer expects, written by hand
 * before the tool was run (NN-name.txt.expected), and for each table its reconstruction
 * (NN-name.grid.yaml, turned into .xlsx, .docx, .html and .pdf by scripts/make-corpus-fixtures.mjs) with
 * its expected findings (NN-name.grid.expected, places as A1 refs of the grid). Every item must
 * match its expectation exactly, except the items listed in test/corpus-pending.json, which must
 * STILL differ (a fixed item is taken off the list). Any file added to fixtures/corpus is picked up.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe as suite, expect, it } from 'vitest';
import { compareItem, CORPUS, corpusItems, generator, parseExpectation, readPending, type Comparison } from '../bench/corpus-suite.js';
import ExcelJS from 'exceljs';
import { readDocx } from '../src/load/docx.js';
import type { Grid } from '../src/load/grid.js';
import { htmlGrid } from '../src/load/html.js';
import { readPdf } from '../src/load/pdf.js';
import { sheetGrid } from '../src/load/xlsx.js';
import { asNumber, parseGrid, readGrid } from '../scripts/make-corpus-fixtures.mjs';

const SHARED = ['../shared/corpus', '/work/shared/corpus'].find((d) => existsSync(d));
const tmp = mkdtempSync(join(tmpdir(), 'jixiao-corpus-'));
const items = corpusItems(tmp);
const pending = readPending();
const sheets = new Map<string, string>();
const sheetOf = (doc: string): string => {
  const s = sheets.get(doc) ?? readGrid(join(CORPUS, `${doc}.grid.yaml`)).sheet;
  sheets.set(doc, s);
  return s;
};

beforeAll(async () => {
  await (await generator()).makeCorpusFixtures(tmp);
}, 120_000);

function report(c: Comparison): string {
  return [`missed (${c.missed.length}):`, ...c.missed.map((x) => `  ${x}`), `not expected (${c.unexpected.length}):`, ...c.unexpected.map((x) => `  ${x}`), `layout: read ${c.layoutsRead.join(', ') || '—'}, expected ${c.layoutExpected ?? '—'}`].join('\n');
}

type GridFile = ReturnType<typeof readGrid>;

/** The grid as a PDF shows it: a column that no row separates from the one on its left (every row merges the two) has no line to be seen. */
function printedColumns(grid: GridFile): GridFile {
  const width = grid.rows[0]?.length ?? 0;
  const joined = (c: number) => grid.rows.every((_, r) => grid.merges.some((m) => m.top <= r && r <= m.bottom && m.left < c && c <= m.right));
  const keep = Array.from({ length: width }, (_, c) => c).filter((c) => c === 0 || !joined(c));
  const at = (c: number) => keep.filter((k) => k <= c).length - 1;
  const merges = grid.merges.map((m) => ({ ...m, left: at(m.left), right: at(m.right) })).filter((m) => m.bottom > m.top || m.right > m.left);
  return { ...grid, rows: grid.rows.map((r) => keep.map((c) => r[c] ?? null)), merges };
}

suite('the corpus files', () => {
  it('every document copied from ../shared/corpus is byte-identical to it', () => {
    if (!SHARED) return;
    const copies = readdirSync(CORPUS).filter((f) => f.endsWith('.txt'));
    expect(copies.length).toBeGreaterThan(0);
    for (const f of copies) {
      if (!existsSync(join(SHARED, f))) continue; // a further real document, not from the shared corpus (README: its source)
      expect(readFileSync(join(CORPUS, f)).equals(readFileSync(join(SHARED, f))), f).toBe(true);
    }
  });

  it('every document has its expectation, and every table document its reconstruction', () => {
    const files = readdirSync(CORPUS);
    for (const f of files.filter((x) => x.endsWith('.txt'))) {
      expect(files, `${f}: no ${f}.expected`).toContain(`${f}.expected`);
      const { layout } = parseExpectation(readFileSync(join(CORPUS, `${f}.expected`), 'utf8'), f);
      expect(layout, `${f}.expected: no # layout: line`).not.toBeNull();
      // a form (any layout but a report's prose) is a table document: it has its reconstruction
      if (layout !== 'report') expect(files, `${f}: a table document (layout ${layout}) without ${f.replace(/\.txt$/, '.grid.yaml')}`).toContain(f.replace(/\.txt$/, '.grid.yaml'));
    }
    for (const f of files.filter((x) => x.endsWith('.grid.yaml'))) {
      const doc = f.replace(/\.grid\.yaml$/, '');
      expect(files, `${f}: no ${doc}.grid.expected`).toContain(`${doc}.grid.expected`);
      expect(files, `${f}: no ${doc}.txt`).toContain(`${doc}.txt`);
      expect(parseExpectation(readFileSync(join(CORPUS, `${doc}.grid.expected`), 'utf8'), f).layout, `${doc}.grid.expected: no # layout: line`).not.toBeNull();
    }
  });

  it('test/corpus-pending.json names only items that exist, each with a reason', () => {
    const keys = new Set(items.map((i) => i.key));
    for (const [key, why] of Object.entries(pending)) {
      expect(keys.has(key), `corpus-pending.json: ${key} is not an item of fixtures/corpus`).toBe(true);
      expect(why.trim().length, `corpus-pending.json: ${key} has no reason`).toBeGreaterThan(0);
    }
  });
});

suite('the reconstruction generator', () => {
  it('refuses a bad grid with one line naming the file and the row', () => {
    const bad = (text: string) => {
      try {
        parseGrid(text, 'x.grid.yaml');
        return 'accepted';
      } catch (e) {
        return (e as Error).message;
      }
    };
    expect(bad('sheet: s\nrows:\n  - [a, b]\n  - [c]\nmerges: []\n')).toBe('x.grid.yaml: row 2: 1 cells, the first row has 2');
    expect(bad('sheet: s\nrows:\n  - [a, b]\n  - [c, d]\nmerges: [A1:B1]\n')).toBe('x.grid.yaml: row 1: B1 is covered by merge A1:B1 but holds 「b」');
    expect(bad('sheet: s\nrows:\n  - [a, null]\nmerges: [A1:C1]\n')).toBe('x.grid.yaml: merge A1:C1: outside the grid (1 rows × 2 columns)');
    expect(bad('sheet: s\nrows:\n  - [a, null]\n  - [null, null]\nmerges: [A1:B1, B1:B2]\n')).toBe('x.grid.yaml: row 1: merge B1:B2 overlaps merge A1:B1 at B1');
    expect(bad('rows:\n  - [a]\n')).toMatch(/^x\.grid\.yaml: sheet: /);
    expect(bad('sheet: s\nrows:\n  - [a, [b]]\n')).toBe('x.grid.yaml: row 1: cell B1 is not a text or null');
    expect(bad('sheet: s\nrows: []\n')).toBe('x.grid.yaml: rows: a non-empty list of rows is required');
    expect(bad('sheet: s\nrow:\n  - [a]\n')).toBe('x.grid.yaml: key row: unknown key (expected sheet, rows, merges)');
  });

  it('keeps every cell text as written (250000.00 stays 250000.00), null and ~ as empty', () => {
    expect(parseGrid('sheet: s\nrows:\n  - [250000.00, null, ~, "null", 0.50, 086]\n').rows).toEqual([['250000.00', null, null, 'null', '0.50', '086']]);
  });

  it('writes a number only where it prints back exactly as printed', async () => {
    const { formatNumber } = await import('../src/load/xlsx.js');
    for (const text of ['0', '10', '207.4538', '250000.00', '215,457.6', '86.19%', '100%', '100.00%', '0.5%', '-3.20', '9,034']) {
      const n = asNumber(text);
      expect(n, text).not.toBeNull();
      expect(formatNumber(n!.value, n!.fmt), text).toBe(text);
    }
    for (const text of ['38508人', '≥95%', '=100%', '100 %', '—', '02', '1,23', '12,3456', '1.', '.5', '']) expect(asNumber(text), text).toBeNull();
  });

  it('each reconstruction reads back as its grid in every format: the same texts, the same merges', async () => {
    const norm = (rows: Array<Array<string | null>>, width: number) => rows.map((r) => Array.from({ length: width }, (_, c) => r[c] ?? ''));
    const box = (m: { top: number; left: number; bottom: number; right: number }) => `${m.top},${m.left}:${m.bottom},${m.right}`;
    const grids = readdirSync(CORPUS).filter((f) => f.endsWith('.grid.yaml'));
    expect(grids.length).toBeGreaterThan(0);
    for (const f of grids) {
      const grid = readGrid(join(CORPUS, f));
      const doc = f.replace(/\.grid\.yaml$/, '');
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(readFileSync(join(tmp, `${doc}.xlsx`)) as unknown as ArrayBuffer);
      const ws = wb.getWorksheet(grid.sheet);
      expect(ws, `${doc}.xlsx: no worksheet ${grid.sheet}`).toBeDefined();
      const docx = readDocx(readFileSync(join(tmp, `${doc}.docx`)));
      if ('problem' in docx) throw new Error(`${doc}.docx: ${JSON.stringify(docx.problem)}`);
      const pdf = await readPdf(new Uint8Array(readFileSync(join(tmp, `${doc}.pdf`))));
      if ('problem' in pdf) throw new Error(`${doc}.pdf: ${JSON.stringify(pdf.problem)}`);
      const read: Array<[string, Grid]> = [
        ['xlsx', sheetGrid(ws as ExcelJS.Worksheet)],
        ['docx', docx.grid],
        ['html', htmlGrid(readFileSync(join(tmp, `${doc}.html`), 'utf8'))],
        ['pdf', pdf.grid],
      ];
      for (const [format, g] of read) {
        const want = format === 'pdf' ? printedColumns(grid) : grid;
        // trailing empty rows are not kept by every format; a PDF's wrapped lines are joined again (without the line breaks)
        const printed = (rows: string[][]) => (format === 'pdf' ? rows.map((r) => r.map((t) => t.replace(/\s+/g, ''))) : rows);
        const rows = printed(norm(g.rows, want.rows[0]?.length ?? 0));
        while (rows.length > grid.rows.length && rows.at(-1)?.every((t) => t === '')) rows.pop();
        expect(rows, `${doc}.${format}`).toEqual(printed(norm(want.rows, want.rows[0]?.length ?? 0)));
        expect((g.merges ?? []).map(box).sort(), `${doc}.${format} merges`).toEqual(want.merges.map(box).sort());
      }
    }
  });

  it('writes the same bytes on every run', async () => {
    const again = mkdtempSync(join(tmpdir(), 'jixiao-corpus-again-'));
    const written = await (await generator()).makeCorpusFixtures(again);
    for (const f of written) expect(readFileSync(f).equals(readFileSync(join(tmp, f.slice(again.length + 1)))), f).toBe(true);
  });
});

suite('each corpus item against its expected findings', () => {
  for (const item of items) {
    const why = pending[item.key];
    it(`${item.key}${why ? ' (pending: must still differ)' : ''}`, async () => {
      const c = await compareItem(item, sheetOf);
      if (why) expect(c.matches, `${item.key} now matches its expectation: take it off test/corpus-pending.json`).toBe(false);
      else expect(c.matches, `${item.key}\n${report(c)}`).toBe(true);
    });
  }
});
