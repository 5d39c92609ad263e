/**
 * PDF with a text layer, issue 24: the workbooks of scripts/make-xlsx-fixtures.mjs printed by
 * scripts/make-pdf-fixtures.mjs (ruled tables with merged cells, a table without ruling lines,
 * a table over a page break, page numbers in the footers) give the findings of the .xlsx
 * (fixtures/import/<name>.xlsx.expected) at places on their pages; a scan is one finding.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { beforeAll, describe as suite, expect, it } from 'vitest';
import { loadBytes } from '../src/load/index.js';
import { readPdf } from '../src/load/pdf.js';
import { makePdfFixtures } from '../scripts/make-pdf-fixtures.mjs';
import { describe, describeExpected, lintFile, parseExpectations } from './helpers/linter.js';

const tmp = mkdtempSync(join(tmpdir(), 'jixiao-pdf-'));
let files: Record<string, string> = {};

beforeAll(async () => {
  files = Object.fromEntries((await makePdfFixtures(tmp)).map((f) => [basename(f), f]));
}, 60_000);

/** The .xlsx's expected findings without their places. */
function expectedFor(name: string): string[] {
  const parsed = parseExpectations(readFileSync(join('fixtures/import', `${name}.expected`), 'utf8'));
  if (!parsed) throw new Error(`${name}.expected has no # expect: block`);
  return parsed.map((e) => describeExpected({ ...e, place: undefined }));
}

const file = (name: string) => files[name] as string;
const findings = async (name: string) => (await lintFile(file(name))).flatMap((r) => r.findings);
const zh = (r: { problems: Array<{ args: Record<string, unknown> }> }) => r.problems.map((p) => (p.args.detail as { zh: string } | undefined)?.zh ?? p.args);

suite('PDF as the .xlsx it was printed from', () => {
  it('summary.pdf: the findings of summary.xlsx, its table continuing on page 2', async () => {
    const found = await findings('summary.pdf');
    expect(found.map((f) => describe(f, false))).toEqual(expectedFor('summary.xlsx'));
    const at = (pointer: string) => found.find((f) => f.location.pointer === pointer)?.location;
    // header rows 1–3 and three projects on page 1; projects 4 and 5 on page 2, rows counted from that page's top
    expect(at('/projects/2/adjusted/total')).toMatchObject({ sheet: '第 1 页', cell: 'D6' });
    expect(at('/projects/3/rate')).toMatchObject({ sheet: '第 2 页', cell: 'L1' });
    expect(at('/projects/4/adjusted/total')).toMatchObject({ sheet: '第 2 页', cell: 'D2' });
  });

  it('forms.pdf: the findings of forms.xlsx, one submission per form, the target table read without ruling lines', async () => {
    const results = await lintFile(file('forms.pdf'));
    expect(results.map((r) => r.form)).toEqual(['project-self-eval', 'department-self-eval', 'target-table']);
    expect(results.flatMap((r) => r.findings).map((f) => describe(f, false))).toEqual(expectedFor('forms.xlsx'));
    const dept = results[1]?.findings ?? [];
    expect(dept.find((f) => f.ruleId === 'execution-rate')?.location).toMatchObject({ sheet: '第 2 页', cell: 'F4' });
    expect(results[2]?.findings[0]?.location).toMatchObject({ sheet: '第 3 页' });
  });

  it('reads the same submissions as the .xlsx', async () => {
    const a = await loadBytes('forms.xlsx', readFileSync(join(tmp, 'xlsx', 'forms.xlsx')));
    const b = await loadBytes('forms.pdf', readFileSync(file('forms.pdf')));
    const strip = (d: unknown) => JSON.parse(JSON.stringify(d, (k, v) => (typeof v === 'string' ? v.replace(/\s+/g, '') : v)));
    expect(b.documents.map((d) => strip(d.data))).toEqual(a.documents.map((d) => strip(d.data)));
  });

  it('drops page numbers and keeps merged cells', async () => {
    const read = await readPdf(new Uint8Array(readFileSync(file('forms.pdf'))));
    if (!('grid' in read)) throw new Error('not read');
    const texts = read.grid.rows.flat();
    expect(texts.filter((t) => /^第\s*\d+\s*页$/.test(t))).toEqual([]);
    // 项目资金（万元） spans five rows, 绩效指标 seven, on page 1
    expect(read.grid.merges).toEqual(expect.arrayContaining([expect.objectContaining({ left: 0, right: 0, bottom: expect.any(Number) })]));
    const r = read.grid.rows.findIndex((row) => row[0] === '项目资金（万元）');
    expect(read.grid.merges?.find((m) => m.top === r && m.left === 0)).toEqual({ top: r, left: 0, bottom: r + 4, right: 0 });
  });
});

/** fixtures/pdf/<name>.expected: `rule severity pointer place`, the place a PDF's own (「第 2 页!L1」, with its spaces). */
function exactFor(name: string): string[] {
  const lines = readFileSync(join('fixtures/pdf', `${name}.expected`), 'utf8').split('\n');
  const start = lines.findIndex((l) => /^#\s*expect:/.test(l));
  const out: string[] = [];
  for (const l of lines.slice(start + 1)) {
    const m = /^#\s*-\s*(\S+)\s+(error|warning|info)\s+(\S+)(?:\s+(\S.*?))?\s*$/.exec(l);
    if (!m) break;
    out.push(`${m[1]} ${m[2]} ${m[3]}${m[4] ? ` ${m[4]}` : ''}`);
  }
  return out;
}

suite('PDF findings at their exact places (fixtures/pdf/*.expected, written by hand)', () => {
  for (const name of ['summary.pdf', 'forms.pdf', 'scanned.pdf']) {
    it(name, async () => {
      const expected = exactFor(name);
      expect(expected.length).toBeGreaterThan(0);
      expect((await findings(name)).map((f) => describe(f, true))).toEqual(expected);
    });
  }

  it('each cell finding carries its page and the box the cell is drawn in (points from the top-left)', async () => {
    const found = await findings('summary.pdf');
    const at = (pointer: string) => found.find((f) => f.location.pointer === pointer)?.location;
    const p1 = at('/projects/2/adjusted/total');
    const p2 = at('/projects/4/adjusted/total');
    const first = at('/projects/3/rate');
    expect([p1?.page, p2?.page, first?.page]).toEqual([1, 2, 2]);
    for (const l of [p1, p2, first]) {
      const [left, top, right, bottom] = l?.box ?? [];
      expect(right! - left!, JSON.stringify(l)).toBeGreaterThan(10);
      expect(bottom! - top!, JSON.stringify(l)).toBeGreaterThan(8);
      // A3 landscape: 1190.55 × 841.89 points
      expect(right!).toBeLessThan(1190.6);
      expect(bottom!).toBeLessThan(841.9);
    }
    // the table goes on at the top margin of page 2 (36 pt, where the generator draws it), in the same columns
    expect(first?.box?.[1]).toBeCloseTo(36, 0);
    expect(p2?.box?.[0]).toBeCloseTo(p1?.box?.[0] as number, 1);
    expect(p2?.box?.[2]).toBeCloseTo(p1?.box?.[2] as number, 1);
    // row 2 of page 2 lies right below row 1
    expect(p2?.box?.[1]).toBeCloseTo(first?.box?.[3] as number, 1);
  });

  it('JSON carries page and box; SARIF puts them in the region\'s property bag', async () => {
    const { formatJson } = await import('../src/report/json.js');
    const { formatSarif } = await import('../src/report/sarif.js');
    const results = await lintFile(file('summary.pdf'));
    const json = JSON.parse(formatJson(results)) as { files: Array<{ findings: Array<{ ruleId: string; location: { page?: number; box?: number[]; sheet?: string; cell?: string } }> }> };
    const rate = json.files.flatMap((f) => f.findings).find((f) => f.ruleId === 'execution-rate');
    expect(rate?.location).toMatchObject({ sheet: '第 2 页', cell: 'L1', page: 2, box: expect.any(Array) });
    const sarif = JSON.parse(formatSarif(results, { cwd: tmp, lang: 'zh' })) as { runs: Array<{ results: Array<{ ruleId: string; properties: Record<string, unknown>; locations: Array<{ physicalLocation: { region: Record<string, unknown> } }> }> }> };
    const r = sarif.runs[0]?.results.find((x) => x.ruleId === 'execution-rate');
    expect(r?.properties).toMatchObject({ sheet: '第 2 页', cell: 'L1', page: 2 });
    expect(r?.locations[0]?.physicalLocation.region).toEqual({ startLine: 1, properties: { page: 2, box: rate?.location.box } });
  });
});

suite('PDF without a text layer', () => {
  it('a scan is one finding that says so', async () => {
    const r = await loadBytes('scanned.pdf', readFileSync(file('scanned.pdf')));
    expect(r.documents).toEqual([]);
    expect(zh(r)).toEqual(['PDF 没有文字层（可能是扫描件或图片），无法检查。请提供原始的 Word/Excel 文件，或可以选中复制文字的 PDF。']);
  });

  it('text in a font that is not embedded but named with a Chinese CMap (STSong-Light, UniGB-UCS2-H) is read', async () => {
    const { CMAP_LINES } = await import('../scripts/make-pdf-fixtures.mjs');
    const read = await readPdf(new Uint8Array(readFileSync(file('cmap-gb.pdf'))));
    if (!('grid' in read)) throw new Error(JSON.stringify(read.problem));
    expect(read.grid.rows).toEqual(CMAP_LINES.map((l) => [l]));
  });

  it('text whose CMaps the reader does not hold (traditional Chinese) is one finding naming them, not 「no text layer」', async () => {
    const r = await loadBytes('cmap-cns.pdf', readFileSync(file('cmap-cns.pdf')));
    expect(r.documents).toEqual([]);
    expect(zh(r)).toEqual(['PDF 的文字使用了无法解码的字体编码（UniCNS-UCS2-H），读不出文字，无法检查。请提供原始的 Word/Excel 文件，或嵌入字体后重新导出的 PDF。']);
  });

  it('src/load/pdf-cmaps.ts is current with pdfjs-dist (npm run build:pdf-cmaps)', async () => {
    const { cmapsSource, CMAPS_FILE } = await import('../scripts/build-pdf-cmaps.mjs');
    expect(readFileSync(CMAPS_FILE, 'utf8') === cmapsSource(), 'src/load/pdf-cmaps.ts is stale: run npm run build:pdf-cmaps').toBe(true);
  });

  it('a file that is not a PDF is one Chinese line', async () => {
    const r = await loadBytes('x.pdf', Buffer.from('%PDF-1.4 garbage'));
    expect(zh(r)).toEqual(['不是有效的 PDF 文件：文件已损坏，或并非 PDF 格式。']);
  });
});

suite('a narrative report as PDF', () => {
  it('report-003.pdf: paragraphs joined over line and page breaks, the findings of report-003.docx', async () => {
    const parsed = parseExpectations(readFileSync('fixtures/docx/report-003.docx.expected', 'utf8')) ?? [];
    const found = await findings('report-003.pdf');
    expect(found.map((f) => describe(f, false))).toEqual(parsed.map((e) => describeExpected({ ...e, place: undefined })));
    expect(found.find((f) => f.ruleId === 'near-duplicate-items')?.location).toMatchObject({ sheet: '第 2 页', cell: 'B3' });
  });
});

suite('PDF limits', () => {
  it('a PDF over the page limit is one finding', async () => {
    const r = await loadBytes('summary.pdf', readFileSync(file('summary.pdf')), { limits: { maxPages: 1 } });
    expect(zh(r)).toEqual(['PDF 有 2 页，超过上限 1 页，未读取。']);
  });
});

suite('the corpus reconstructions as PDF (scripts/make-corpus-fixtures.mjs)', () => {
  it('each PDF gives exactly the findings of its .xlsx, places on the page each row is printed on', async () => {
    const { compareItem, corpusItems, generator, placeFor, CORPUS } = await import('../bench/corpus-suite.js');
    const dir = mkdtempSync(join(tmpdir(), 'jixiao-pdf-corpus-'));
    const gen = await generator();
    await gen.makeCorpusFixtures(dir);
    const items = corpusItems(dir);
    const sheetOf = (doc: string) => gen.readGrid(join(CORPUS, `${doc}.grid.yaml`)).sheet;
    const pdfs = items.filter((i) => i.format === 'pdf');
    expect(pdfs.length).toBeGreaterThan(10);
    const differ: string[] = [];
    for (const pdf of pdfs) {
      const xlsx = items.find((i) => i.doc === pdf.doc && i.format === 'xlsx');
      if (!xlsx) throw new Error(`${pdf.doc}: no .xlsx`);
      const [a, b] = [await compareItem(xlsx, sheetOf), await compareItem(pdf, sheetOf)];
      const sheet = sheetOf(pdf.doc);
      const pages = JSON.parse(readFileSync(`${pdf.file}.pages.json`, 'utf8')) as number[];
      // the .xlsx's findings with their places turned into the PDF's
      const moved = a.actual.map((f) => {
        const parts = f.split(' ');
        return parts.length < 4 || !parts[3]?.startsWith(`${sheet}!`) ? f : placeFor([...parts.slice(0, 3), parts[3].slice(sheet.length + 1)].join(' '), 'pdf', sheet, pages);
      });
      if (JSON.stringify([...moved].sort()) !== JSON.stringify([...b.actual].sort()) || a.layoutsRead.join() !== b.layoutsRead.join()) differ.push(`${pdf.doc}: .xlsx ${moved.join('; ')} | .pdf ${b.actual.join('; ')}`);
    }
    expect(differ).toEqual([]);
  }, 120_000);
});
