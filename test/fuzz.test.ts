/**
 * Property-based fuzzing of the whole pipeline (issue 12): load → lint → every text format, over
 * inputs made from the real seeds and fixtures (mutated: bytes flipped, cut, spliced; cells
 * replaced by hostile text) and from scratch (random JSON/YAML trees with prototype keys and
 * control characters, delimited text with stray quotes and separators, random bytes), and, for
 * the table readers, by their structure (issue 26): web pages of random tables with hostile
 * colspan/rowspan, Word documents with hostile gridSpan/gridBefore/gridAfter/vMerge/hMerge (an
 * entry name twice, a byte flipped), workbooks whose cells are rewritten into shared-string
 * indexes in and out of range, error values and formulas.
 *
 * Asserted for every input: no exception escapes; json, sarif and gitlab parse as JSON and junit
 * as XML; no line of stylish, markdown or github output starts a workflow command the tool did not
 * write, and none carries a raw control character; the input bytes are unchanged; nothing reaches
 * Object.prototype.
 *
 * `npm test` runs a bounded number (FUZZ_RUNS, default 200, the same every run: FUZZ_SEED, default 20261207; and at most FUZZ_SECONDS, default 8 s);
 * `npm run fuzz` runs 100,000 and prints the count.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLValidator } from 'fast-xml-parser';
import fc from 'fast-check';
import * as XLSX from '@e965/xlsx';
import ExcelJS from 'exceljs';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { loadBytes } from '../src/load/index.js';
import { FORMATTERS } from '../src/report/index.js';
import type { SubmissionResult } from '../src/types.js';
import { linter } from './helpers/linter.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 200);
const SECONDS = Number(process.env.FUZZ_SECONDS ?? (RUNS > 1000 ? 3600 : 8));
// `npm test` fuzzes the same 200 inputs every run (a seed of its own: a red CI run is always reproducible, never a
// rare input met once); `npm run fuzz` and any FUZZ_RUNS over 1,000 draw new inputs unless FUZZ_SEED is given.
const SEED = process.env.FUZZ_SEED !== undefined ? Number(process.env.FUZZ_SEED) : RUNS > 1000 ? undefined : 20261207;
/** A long run (npm run fuzz) records every failure and goes on, keeping the failing inputs here; a short one stops at the first and shrinks it. */
const COLLECT = RUNS > 1000 || process.env.FUZZ_COLLECT === '1';
const SAVE = process.env.FUZZ_SAVE ?? join(tmpdir(), 'jixiao-fuzz-failures');
/** Inputs per reader (by extension), for the count a long run prints. */
const byReader = new Map<string, number>();
const timeByReader = new Map<string, number>();

const enc = new TextEncoder();

/** Seeds: real documents and fixtures of every format the readers take. */
function seeds(): Array<{ ext: string; bytes: Uint8Array }> {
  const out: Array<{ ext: string; bytes: Uint8Array }> = [];
  const add = (dir: string, filter: (f: string) => boolean) => {
    for (const f of readdirSync(dir).sort()) {
      if (!filter(f)) continue;
      const ext = /\.[^.]+$/.exec(f)?.[0] ?? '';
      out.push({ ext, bytes: new Uint8Array(readFileSync(join(dir, f))) });
    }
  };
  add('fixtures/seeds', (f) => f.endsWith('.yaml'));
  add('fixtures/import', (f) => /\.(txt|csv|tsv)$/.test(f) && !f.includes('utf16') && !f.includes('gb18030'));
  add('fixtures/hostile', () => true);
  add('fixtures/html', (f) => /\.html?$/.test(f));
  add('fixtures/rules/execution-rate', (f) => f.endsWith('.yaml'));
  return out.filter((s) => s.bytes.length < 200_000);
}

const SEEDS = seeds();

/** Text a hostile unit would put in a cell. */
const hostileText = fc.oneof(
  fc.constantFrom(
    '\n::error file=a.yaml,line=1::injected',
    '\r\n::add-mask::secret',
    '::stop-commands::token',
    '\n::set-output name=x::y',
    '##[warning]legacy',
    '\u001b[31mred\u001b[0m',
    '\u001b]0;title\u0007',
    '\u0000',
    '\u0085\u009b2J',
    '\u2028::error::x\u2029',
    '\u202eRLO\u2066iso\u2069',
    '__proto__',
    'constructor',
    'toString',
    'hasOwnProperty',
    '1e999999',
    '-0',
    'NaN',
    '９９.９８％',
    '≥95%',
    '<script>alert(1)</script>',
    '"quoted, "" comma"',
    ']]><![CDATA[',
    '\uD800',
    '\uFFFE',
    '=cmd|\' /C calc\'!A0',
    '| a | b |',
    '&amp;<>',
    '100.00%',
    '万元',
    '',
  ),
  fc.string({ unit: 'binary', maxLength: 12 }),
  fc.string({ unit: 'grapheme', maxLength: 12 }),
);

/** A JSON value with hostile keys and strings, shaped loosely like a submission. */
const KEYS = ['form', 'year', 'unit', 'moneyUnit', 'budget', 'indicators', 'projects', 'rate', 'actual', 'adjusted', 'initial', 'total', 'fiscal', 'weight', 'score', 'target', 'suppressions', 'rule', 'at', 'reason', '__proto__', 'constructor', 'prototype', 'toString', 'valueOf'];
const FORMS = ['project-self-eval', 'department-self-eval', 'project-summary', 'target-table', 'department-report', 'constructor', '__proto__'];
const tree = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    hostileText,
    fc.constantFrom(...FORMS),
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.oneof(fc.constantFrom(...KEYS), hostileText), tie('value'), { maxKeys: 5 }),
  ),
})).value;

const submission = fc.record({
  form: fc.constantFrom(...FORMS),
  year: fc.oneof(fc.constant(2021), hostileText),
  unit: fc.oneof(hostileText, tree),
  moneyUnit: fc.oneof(fc.constantFrom('万元', '元', 'constructor', 'toString'), tree),
  budget: tree,
  indicators: fc.array(fc.dictionary(fc.constantFrom(...KEYS), fc.oneof(hostileText, tree), { maxKeys: 6 }), { maxLength: 4 }),
});

/** A document to load: a name (its extension picks the reader) and bytes. */
type Input = { name: string; bytes: Uint8Array };

function splice(bytes: Uint8Array, at: number, cut: number, insert: Uint8Array): Uint8Array {
  const a = Math.min(at, bytes.length);
  const b = Math.min(bytes.length, a + cut);
  const out = new Uint8Array(a + insert.length + bytes.length - b);
  out.set(bytes.subarray(0, a), 0);
  out.set(insert, a);
  out.set(bytes.subarray(b), a + insert.length);
  return out;
}

const mutated: fc.Arbitrary<Input> = fc
  .record({
    seed: fc.integer({ min: 0, max: SEEDS.length - 1 }),
    edits: fc.array(
      fc.record({ at: fc.nat(), cut: fc.nat({ max: 64 }), text: hostileText, raw: fc.uint8Array({ maxLength: 8 }), kind: fc.constantFrom('text', 'raw', 'flip') }),
      { minLength: 1, maxLength: 4 },
    ),
    asExt: fc.option(fc.constantFrom('.json', '.yaml', '.csv', '.tsv', '.txt', '.html', '.xlsx', '.docx'), { freq: 8 }),
  })
  .map(({ seed, edits, asExt }) => {
    const s = SEEDS[seed]!;
    let bytes = s.bytes;
    for (const e of edits) {
      const at = bytes.length === 0 ? 0 : e.at % bytes.length;
      if (e.kind === 'flip' && bytes.length > 0) {
        bytes = bytes.slice();
        bytes[at] = (bytes[at]! ^ (1 << e.cut % 8)) & 0xff;
      } else bytes = splice(bytes, at, e.cut, e.kind === 'raw' ? e.raw : enc.encode(e.text));
    }
    return { name: `fuzz${asExt ?? s.ext}`, bytes };
  });

const fromScratch: fc.Arbitrary<Input> = fc.oneof(
  submission.map((d) => ({ name: 'fuzz.json', bytes: enc.encode(JSON.stringify(d)) })),
  tree.map((d) => ({ name: 'fuzz.json', bytes: enc.encode(JSON.stringify(d) ?? 'null') })),
  fc.tuple(submission, fc.constantFrom('.yaml', '.yml')).map(([d, ext]) => ({ name: `fuzz${ext}`, bytes: enc.encode(toYaml(d)) })),
  fc
    .tuple(fc.array(fc.array(fc.oneof(hostileText, fc.constantFrom('项目名称', '全年预算数', '全年执行数', '执行率', '一级指标', '二级指标', '三级指标', '"', '""', ',', '\t')), { maxLength: 8 }), { maxLength: 12 }), fc.constantFrom(',', '\t'), fc.constantFrom('.csv', '.tsv', '.txt'))
    .map(([rows, sep, ext]) => ({ name: `fuzz${ext}`, bytes: enc.encode(rows.map((r) => r.join(sep)).join('\n')) })),
  fc.tuple(fc.uint8Array({ maxLength: 512 }), fc.constantFrom('.json', '.yaml', '.csv', '.txt', '.html', '.xlsx', '.docx')).map(([bytes, ext]) => ({ name: `fuzz${ext}`, bytes })),
);

// ---------- structure-aware inputs for the table readers (issue 26) ----------

const LABELS = ['项目名称', '全年预算数', '全年执行数', '执行率', '一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分', '单位：万元', '2021年度项目支出绩效自评表', '产出指标', '数量指标'];
const cellText = fc.oneof(hostileText, fc.constantFrom(...LABELS), fc.integer({ min: -5, max: 1000 }).map(String), fc.constant(' '.repeat(2000)));
/** Span values as a hostile page or document writes them. */
const span = fc.oneof(fc.constantFrom('0', '1', '2', '-1', '1000', '65534', '99999999', '2147483648', ' 3x', '', 'abc', '1e9'), fc.nat({ max: 40 }).map(String));
const escapeXml = (t: string) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** A web page of random tables: spans, nesting, hidden rows, captions, <br>. */
const htmlPage: fc.Arbitrary<Input> = fc
  .array(
    fc.record({
      caption: fc.option(cellText),
      rows: fc.array(fc.array(fc.record({ tag: fc.constantFrom('td', 'th'), text: cellText, colspan: fc.option(span), rowspan: fc.option(span), nested: fc.boolean(), br: fc.boolean() }), { maxLength: 6 }), { maxLength: 8 }),
      hidden: fc.boolean(),
      group: fc.constantFrom('', 'tbody', 'thead', 'tfoot'),
    }),
    { minLength: 1, maxLength: 3 },
  )
  .chain((tables) => fc.tuple(fc.constant(tables), fc.boolean()))
  .map(([tables, escape]) => {
    const text = (t: string) => (escape ? escapeXml(t) : t);
    const body = tables
      .map((t) => {
        const rows = t.rows
          .map((r) => `<tr${t.hidden ? ' hidden' : ''}>${r.map((c) => `<${c.tag}${c.colspan !== null ? ` colspan="${c.colspan}"` : ''}${c.rowspan !== null ? ` rowspan="${c.rowspan}"` : ''}>${text(c.text)}${c.br ? '<br>x' : ''}${c.nested ? `<table><tr><td>${text(c.text)}</td></tr></table>` : ''}`).join('')}`)
          .join('\n');
        return `<table>${t.caption !== null ? `<caption>${text(t.caption)}</caption>` : ''}${t.group ? `<${t.group}>${rows}</${t.group}>` : rows}</table>`;
      })
      .join('\n<p>单位：万元</p>\n');
    return { name: 'fuzz.html', bytes: enc.encode(`<!doctype html><meta charset="utf-8"><body><h1>2021年度项目支出绩效自评表</h1>${body}`) };
  });

const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
/** A Word document of random tables: gridSpan, gridBefore/After, vMerge, hMerge, paragraphs; sometimes a zip entry twice or bytes flipped. */
const docxDocument: fc.Arbitrary<Input> = fc
  .record({
    blocks: fc.array(
      fc.oneof(
        cellText.map((t) => ({ p: t })),
        fc.record({
          before: fc.option(span),
          after: fc.option(span),
          rows: fc.array(fc.array(fc.record({ text: cellText, gridSpan: fc.option(span), vMerge: fc.option(fc.constantFrom('restart', 'continue', '')), hMerge: fc.option(fc.constantFrom('restart', 'continue')) }), { maxLength: 6 }), { maxLength: 8 }),
        }),
      ),
      { minLength: 1, maxLength: 4 },
    ),
    escape: fc.boolean(),
    twice: fc.boolean(),
    flip: fc.option(fc.nat()),
  })
  .map(({ blocks, escape, twice, flip }) => {
    const text = (t: string) => (escape ? escapeXml(t) : t);
    const para = (t: string) => `<w:p><w:r><w:t xml:space="preserve">${text(t)}</w:t></w:r></w:p>`;
    const body = blocks
      .map((b) => {
        if ('p' in b) return para(b.p);
        const trPr = `${b.before !== null ? `<w:gridBefore w:val="${b.before}"/>` : ''}${b.after !== null ? `<w:gridAfter w:val="${b.after}"/>` : ''}`;
        const rows = b.rows.map(
          (r) =>
            `<w:tr>${trPr ? `<w:trPr>${trPr}</w:trPr>` : ''}${r
              .map((c) => {
                const pr = `${c.gridSpan !== null ? `<w:gridSpan w:val="${c.gridSpan}"/>` : ''}${c.vMerge !== null ? (c.vMerge ? `<w:vMerge w:val="${c.vMerge}"/>` : '<w:vMerge/>') : ''}${c.hMerge !== null ? `<w:hMerge w:val="${c.hMerge}"/>` : ''}`;
                return `<w:tc>${pr ? `<w:tcPr>${pr}</w:tcPr>` : ''}${para(c.text)}</w:tc>`;
              })
              .join('')}</w:tr>`,
        );
        return `<w:tbl>${rows.join('')}</w:tbl>`;
      })
      .join('');
    const xml = strToU8(`<?xml version="1.0" encoding="UTF-8"?><w:document ${W}><w:body>${body}</w:body></w:document>`);
    let bytes = zipSync({ 'word/document.xml': xml, ...(twice ? { 'word/documenX.xml': xml } : {}) });
    if (twice) {
      // the second entry renamed in place: two entries of one name
      const out = Buffer.from(bytes);
      for (let i = out.indexOf('word/documenX.xml'); i >= 0; i = out.indexOf('word/documenX.xml', i + 1)) out.write('word/document.xml', i);
      bytes = new Uint8Array(out);
    }
    if (flip !== null && bytes.length > 0) {
      bytes = bytes.slice();
      const at = flip % bytes.length;
      bytes[at] = (bytes[at] ?? 0) ^ 0x55;
    }
    return { name: 'fuzz.docx', bytes };
  });

/** A summary workbook written once (exceljs), its sheet's cells rewritten: shared-string indexes in and out of range, error values, formulas, inline text. */
let BOOK: Record<string, Uint8Array> | undefined;
async function book(): Promise<Record<string, Uint8Array>> {
  if (!BOOK) {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('汇总表');
    for (const r of [['2021年度示例单位项目绩效自评汇总表'], ['单位名称：示例单位', '', '单位：万元'], ['项目名称', '全年预算数', '全年执行数', '执行率'], ['培训项目', 100, 90, 0.9], ['会议项目', 50, 50, 1]]) ws.addRow(r);
    BOOK = unzipSync(new Uint8Array(await wb.xlsx.writeBuffer()));
  }
  return BOOK;
}
const xlsxCell = fc.oneof(
  fc.integer({ min: -2, max: 40 }).map((i) => `t="s"><v>${i}</v>`),
  fc.constantFrom('#DIV/0!', '#REF!', '#VALUE!', '#N/A', 'x').map((e) => `t="e"><v>${e}</v>`),
  fc.constantFrom('1/0', 'SUM(B4:B5)', 'B4/C4').map((f) => `t="e"><f>${f}</f><v>#DIV/0!</v>`),
  fc.constantFrom('SUM(B4:B5)', 'B4*2').map((f) => `><f>${f}</f>`),
  cellText.map((t) => `t="inlineStr"><is><t>${escapeXml(t)}</t></is>`),
  fc.double({ noNaN: false }).map((d) => `><v>${d}</v>`),
);
const xlsxWorkbook = fc.array(fc.tuple(fc.constantFrom('A', 'B', 'C', 'D'), fc.integer({ min: 1, max: 6 }), xlsxCell), { minLength: 1, maxLength: 6 });

async function xlsxInput(edits: Array<[string, number, string]>): Promise<Input> {
  const parts = { ...(await book()) };
  let sheet = strFromU8(parts['xl/worksheets/sheet1.xml'] as Uint8Array);
  for (const [col, row, body] of edits) {
    const ref = `${col}${row}`;
    const cell = new RegExp(`<c r="${ref}"[^>]*?(?:/>|>[\\s\\S]*?</c>)`).exec(sheet);
    const replacement = `<c r="${ref}" ${body}</c>`;
    if (cell) sheet = sheet.replace(cell[0], replacement);
  }
  parts['xl/worksheets/sheet1.xml'] = strToU8(sheet);
  return { name: 'fuzz.xlsx', bytes: zipSync(parts) };
}

// ---------- structure-aware inputs for the readers that came later (issue 26: every reader) ----------

/** A legacy workbook (.xls/.et, BIFF8 written by SheetJS): random cells and merges (overlapping, out of range, reversed), sometimes a byte flipped. */
const xlsWorkbook: fc.Arbitrary<Input> = fc
  .record({
    rows: fc.array(fc.array(fc.oneof(cellText, fc.double(), fc.integer()), { maxLength: 6 }), { maxLength: 8 }),
    merges: fc.array(fc.tuple(fc.integer({ min: -2, max: 12 }), fc.integer({ min: -2, max: 8 }), fc.integer({ min: -2, max: 12 }), fc.integer({ min: -2, max: 8 })), { maxLength: 4 }),
    sheets: fc.integer({ min: 1, max: 3 }),
    ext: fc.constantFrom('.xls', '.et'),
    flip: fc.option(fc.nat(), { freq: 3 }),
  })
  .map(({ rows, merges, sheets, ext, flip }) => {
    const wb = XLSX.utils.book_new();
    for (let i = 0; i < sheets; i++) {
      const ws = XLSX.utils.aoa_to_sheet([['2021年度项目支出绩效自评表'], ...rows]);
      ws['!merges'] = merges.map(([r1, c1, r2, c2]) => ({ s: { r: Math.max(0, r1), c: Math.max(0, c1) }, e: { r: r2 < 0 ? 0 : r2, c: c2 < 0 ? 0 : c2 } }));
      XLSX.utils.book_append_sheet(wb, ws, `表${i + 1}`);
    }
    let bytes = new Uint8Array(XLSX.write(wb, { bookType: 'biff8', type: 'buffer' }) as Buffer);
    if (flip !== null && bytes.length > 0) {
      bytes = bytes.slice();
      const at = flip % bytes.length;
      bytes[at] = (bytes[at] ?? 0) ^ 0x55;
    }
    return { name: `fuzz${ext}`, bytes };
  });

/** Text as a PDF string of a Type0 font with Identity-H encoding: the UTF-16 code units in hex. */
const pdfHex = (t: string) => `<${[...t].map((ch) => Math.min(ch.codePointAt(0) ?? 0, 0xffff).toString(16).padStart(4, '0')).join('')}>`;
/** Numbers as a hostile PDF writes them. */
const pdfNumber = fc.oneof(fc.integer({ min: -50, max: 900 }).map(String), fc.constantFrom('0', '-0', '1e308', '-99999999999', '.5', '5.', 'NaN', '1.#IND', '99999999999999999999', ''));

/**
 * A PDF written by hand: a Type0 font (not embedded) whose ToUnicode maps the characters used,
 * pages of text items (labels, hostile text) and ruling lines at random or hostile coordinates,
 * text matrices and font sizes; sometimes operators cut or repeated, the xref offsets wrong, a byte flipped.
 */
const pdfDocument: fc.Arbitrary<Input> = fc
  .record({
    pages: fc.array(
      fc.array(
        fc.oneof(
          fc.record({ kind: fc.constant('text' as const), text: cellText, x: pdfNumber, y: pdfNumber, size: fc.constantFrom('9', '0', '-3', '1000', '0.01'), matrix: fc.boolean() }),
          fc.record({ kind: fc.constant('rect' as const), x: pdfNumber, y: pdfNumber, w: pdfNumber, h: pdfNumber }),
          fc.record({ kind: fc.constant('line' as const), x: pdfNumber, y: pdfNumber, w: pdfNumber, h: pdfNumber }),
          fc.constantFrom('q', 'Q', 'Q Q Q', 'BT', 'ET', '1 0 0 1 0 0 cm', '0 0 0 0 0 0 cm', 'S', 'f', 'n', 'W n', '[] 0 d', '5 w').map((op) => ({ kind: 'op' as const, op })),
        ),
        { maxLength: 24 },
      ),
      { minLength: 1, maxLength: 3 },
    ),
    grid: fc.option(fc.record({ rows: fc.integer({ min: 1, max: 8 }), cols: fc.integer({ min: 1, max: 5 }) }), { freq: 2 }),
    badXref: fc.boolean(),
    flip: fc.option(fc.nat(), { freq: 4 }),
  })
  .map(({ pages, grid, badXref, flip }) => {
    let used = LABELS.join('');
    const contents = pages.map((items, p) => {
      const ops: string[] = [];
      if (grid && p === 0) {
        // a ruled table of labels, as a form prints it
        for (let r = 0; r < grid.rows; r++) {
          for (let c = 0; c < grid.cols; c++) {
            const x = 40 + c * 100;
            const y = 780 - r * 18;
            ops.push(`${x} ${y} 100 18 re S`, `BT /F1 8 Tf ${x + 2} ${y + 5} Td ${pdfHex(LABELS[(r * grid.cols + c) % LABELS.length] as string)} Tj ET`);
          }
        }
      }
      for (const it of items) {
        if (it.kind === 'op') ops.push(it.op);
        else if (it.kind === 'text') {
          used += it.text;
          ops.push(`BT /F1 ${it.size} Tf ${it.matrix ? `1 0 0 1 ${it.x} ${it.y} Tm` : `${it.x} ${it.y} Td`} ${pdfHex(it.text)} Tj ET`);
        } else if (it.kind === 'rect') ops.push(`${it.x} ${it.y} ${it.w} ${it.h} re S`);
        else ops.push(`${it.x} ${it.y} m ${it.w} ${it.h} l S`);
      }
      return ops.join('\n');
    });
    let bytes = enc.encode(handPdf(contents, used, badXref));
    if (flip !== null && bytes.length > 0) {
      bytes = bytes.slice();
      const at = flip % bytes.length;
      bytes[at] = (bytes[at] ?? 0) ^ 0x55;
    }
    return { name: 'fuzz.pdf', bytes };
  });

/** A PDF file of the given page contents, a Type0 font mapping the characters of `used` (at most 200) to Unicode. */
function handPdf(pages: readonly string[], used: string, badXref: boolean): string {
  const objs: string[] = [];
  const add = (body: string) => objs.push(body);
  const codes = [...new Set([...used].map((ch) => Math.min(ch.codePointAt(0) ?? 0, 0xffff)))].slice(0, 200);
  const h = (c: number) => `<${c.toString(16).padStart(4, '0')}>`;
  const cmap = `/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def /CMapName /Adobe-Identity-UCS def /CMapType 2 def 1 begincodespacerange <0000> <FFFF> endcodespacerange ${codes.length} beginbfchar ${codes.map((c) => `${h(c)} ${h(c)}`).join(' ')} endbfchar endcmap CMapName currentdict /CMap defineresource pop end end`;
  const stream = (text: string) => `<< /Length ${Buffer.byteLength(text)} >>\nstream\n${text}\nendstream`;
  add(''); // 1: catalog
  add(''); // 2: pages
  add(stream(cmap)); // 3
  add('<< /Type /FontDescriptor /FontName /SimSun /Flags 4 /FontBBox [0 -200 1000 900] /ItalicAngle 0 /Ascent 900 /Descent -200 /CapHeight 700 /StemV 80 >>'); // 4
  add('<< /Type /Font /Subtype /CIDFontType2 /BaseFont /SimSun /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor 4 0 R /DW 1000 >>'); // 5
  add('<< /Type /Font /Subtype /Type0 /BaseFont /SimSun /Encoding /Identity-H /DescendantFonts [5 0 R] /ToUnicode 3 0 R >>'); // 6
  const kids: number[] = [];
  for (const content of pages) {
    add(stream(content));
    add(`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 6 0 R >> >> /Contents ${objs.length} 0 R >>`);
    kids.push(objs.length);
  }
  objs[0] = '<< /Type /Catalog /Pages 2 0 R >>';
  objs[1] = `<< /Type /Pages /Kids [${kids.map((k) => `${k} 0 R`).join(' ')}] /Count ${kids.length} >>`;
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objs.forEach((o, i) => {
    offsets.push(Buffer.byteLength(out) + (badXref ? 7 : 0));
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out);
  out += `xref\n0 ${objs.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}trailer\n<< /Size ${objs.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return out;
}

/** Markdown: headings, paragraphs and GFM tables with hostile cells (pipes, escaped pipes, rows longer or shorter than the header, no delimiter row). */
const markdownDoc: fc.Arbitrary<Input> = fc
  .array(
    fc.oneof(
      cellText.map((t) => ({ kind: 'p' as const, t })),
      fc.record({ kind: fc.constant('h' as const), level: fc.integer({ min: 1, max: 7 }), t: fc.oneof(cellText, fc.constantFrom('2021年度项目支出绩效自评报告', '一、部门基本情况', '（一）预算执行情况')) }),
      fc.record({
        kind: fc.constant('table' as const),
        head: fc.array(cellText, { minLength: 1, maxLength: 6 }),
        delimiter: fc.constantFrom('---', ':--', '--:', ':-:', '', '-'),
        rows: fc.array(fc.array(fc.oneof(cellText, fc.constantFrom('\\|', '|', '`|`', '<br>', '**100**')), { maxLength: 8 }), { maxLength: 8 }),
      }),
      fc.constantFrom('- 项目名称：培训', '> 引用 | 表格', '```\n| a | b |\n```', '<table><tr><td colspan=99999>x</td></tr></table>', '***', '[链接](javascript:alert(1))'),
    ),
    { minLength: 1, maxLength: 8 },
  )
  .map((blocks) => {
    const cell = (t: string) => t.replace(/\n/g, ' ');
    const text = blocks
      .map((b) => {
        if (typeof b === 'string') return b;
        if (b.kind === 'p') return b.t;
        if (b.kind === 'h') return `${'#'.repeat(b.level)} ${cell(b.t)}`;
        const line = (cells: readonly string[]) => `| ${cells.map(cell).join(' | ')} |`;
        return [line(b.head), ...(b.delimiter ? [line(b.head.map(() => b.delimiter))] : []), ...b.rows.map(line)].join('\n');
      })
      .join('\n\n');
    return { name: 'fuzz.md', bytes: enc.encode(text) };
  });

/** Text with pipes as web pages leave it: pipe rows (「| a | b |」, bare 「|」 rows) or pipe cells (「项目名称 |」, 「||||」). */
const pipeText: fc.Arbitrary<Input> = fc
  .record({
    shape: fc.constantFrom('rows', 'cells'),
    rows: fc.array(fc.array(fc.oneof(cellText, fc.constantFrom('', '|', '||||')), { maxLength: 8 }), { minLength: 1, maxLength: 12 }),
    title: fc.boolean(),
  })
  .map(({ shape, rows, title }) => {
    const cell = (t: string) => t.replace(/\n/g, ' ');
    const lines = rows.map((r) => (shape === 'rows' ? `| ${r.map(cell).join(' | ')} |` : r.map((c) => `${cell(c)} |`).join(' ')));
    return { name: 'fuzz.txt', bytes: enc.encode(`${title ? '2021年度项目支出绩效自评表\n' : ''}${lines.join('\n')}\n`) };
  });

/** YAML the way people write it by hand: several documents, anchors and aliases, tags, block scalars, flow and block style mixed. */
const yamlText: fc.Arbitrary<Input> = fc
  .array(
    fc.oneof(
      submission.map((d) => toYaml(d)),
      fc.constantFrom(
        '---',
        '...',
        'base: &b {form: project-self-eval, year: 2021}',
        'copy: *b',
        '<<: *b',
        'unit: !!str 示例单位',
        'unit: !custom x',
        'budget: !!binary AAAA',
        'explanation: |\n  第一行\n  ::error::x\n',
        'explanation: >-\n  折叠\n  文本',
        'indicators:\n  - {name: a, weight: 10}\n  - name: b\n    weight: "20"',
        'a: &x [*x]',
        '? [complex, key]\n: value',
        '%YAML 1.2',
        'year: 2021-01-01',
        'rate: 0x1F',
        'rate: .inf',
        'unit: "\\u0000\\x1b[31m"',
      ),
    ),
    { minLength: 1, maxLength: 6 },
  )
  .map((parts) => ({ name: 'fuzz.yaml', bytes: enc.encode(parts.join('\n')) }));

/** A YAML rendering that keeps hostile keys and strings (flow style, every string double-quoted). */
function toYaml(v: unknown): string {
  const q = (s: string) => JSON.stringify(s);
  const flow = (x: unknown): string => {
    if (x === null || x === undefined) return 'null';
    if (typeof x === 'string') return q(x);
    if (typeof x === 'number') return Number.isFinite(x) ? String(x) : '.nan';
    if (typeof x === 'boolean') return String(x);
    if (Array.isArray(x)) return `[${x.map(flow).join(', ')}]`;
    return `{${Object.entries(x as Record<string, unknown>)
      .map(([k, y]) => `${q(k)}: ${flow(y)}`)
      .join(', ')}}`;
  };
  return Object.entries(v as Record<string, unknown>)
    .map(([k, y]) => `${q(k)}: ${flow(y)}`)
    .join('\n');
}

const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
const ctx = { lang: 'zh' as const, rules: linter.rules, cwd: process.cwd() };

let count = 0;

/** One input through the whole pipeline; throws (an assertion) on any violation. */
async function pipeline(input: Input, formatAll: boolean): Promise<void> {
  count++;
  const copy = input.bytes.slice();
  const loaded = await loadBytes(input.name, input.bytes);
  const results: SubmissionResult[] = linter.lintLoaded(input.name, loaded, { lang: count % 2 ? 'zh' : 'en' });
  expect(Buffer.compare(Buffer.from(copy), Buffer.from(input.bytes))).toBe(0);
  const names = formatAll ? Object.keys(FORMATTERS) : ['stylish', 'github', 'json', 'junit'];
  for (const name of names) {
    const text = FORMATTERS[name]!(results, ctx);
    if (name === 'json' || name === 'sarif' || name === 'gitlab') JSON.parse(text);
    if (name === 'junit') expect(XMLValidator.validate(text)).toBe(true);
    if (name === 'stylish' || name === 'github' || name === 'markdown') {
      for (const line of text.split('\n')) {
        if (name === 'github') expect(line === '' || /^::(error|warning|notice) file=[^\n]*::/.test(line), line).toBe(true);
        else expect(/^\s*::/.test(line), line).toBe(false);
        expect(RAW_CONTROL.test(line), JSON.stringify(line)).toBe(false);
        expect(line.includes('##['), line).toBe(false);
      }
    }
  }
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  expect(Object.keys(Object.prototype)).toEqual([]);
}

describe('fuzz: load → lint → format', () => {
  it(`no exception escapes, outputs parse, no injected line, inputs unchanged (${RUNS} inputs)`, async () => {
    const start = Date.now();
    count = 0;
    const failures: string[] = [];
    byReader.clear();
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          { arbitrary: mutated.map((i) => ({ input: i })), weight: 3 },
          { arbitrary: fromScratch.map((i) => ({ input: i })), weight: 2 },
          { arbitrary: htmlPage.map((i) => ({ input: i })), weight: 1 },
          { arbitrary: docxDocument.map((i) => ({ input: i })), weight: 1 },
          { arbitrary: xlsxWorkbook.map((edits) => ({ edits })), weight: 1 },
          { arbitrary: xlsWorkbook.map((i) => ({ input: i })), weight: 1 },
          { arbitrary: pdfDocument.map((i) => ({ input: i })), weight: 1 },
          { arbitrary: markdownDoc.map((i) => ({ input: i })), weight: 1 },
          { arbitrary: pipeText.map((i) => ({ input: i })), weight: 1 },
          { arbitrary: yamlText.map((i) => ({ input: i })), weight: 1 },
        ),
        async (made) => {
        const input = 'input' in made ? made.input : await xlsxInput(made.edits);
        const ext = /\.[^.]+$/.exec(input.name)?.[0] ?? '';
        byReader.set(ext, (byReader.get(ext) ?? 0) + 1);
        const t0 = performance.now();
        try {
          await pipeline(input, count % 10 === 0);
          timeByReader.set(ext, (timeByReader.get(ext) ?? 0) + performance.now() - t0);
        } catch (e) {
          failures.push(`${input.name}: ${(e as Error).message.split('\n')[0]}`);
          // a long run goes on and keeps every failing input (to become a fixture in fixtures/hostile)
          if (!COLLECT) throw e;
          mkdirSync(SAVE, { recursive: true });
          writeFileSync(join(SAVE, `failure-${failures.length}${ext}`), input.bytes);
          writeFileSync(join(SAVE, `failure-${failures.length}.txt`), `${(e as Error).stack ?? String(e)}\n`);
        }
      },
      ),
      {
        numRuns: RUNS,
        interruptAfterTimeLimit: SECONDS * 1000,
        markInterruptAsFailure: false,
        endOnFailure: !COLLECT,
        ...(SEED !== undefined ? { seed: SEED } : {}),
      },
    );
    const seconds = (Date.now() - start) / 1000;
    if (RUNS > 1000) {
      const readers = [...byReader.entries()].sort((a, b) => b[1] - a[1]).map(([e, n]) => `${e || '(none)'} ${n}${process.env.FUZZ_TIMES ? ` ${((timeByReader.get(e) ?? 0) / n).toFixed(0)} ms` : ''}`).join(', ');
      process.stdout.write(`fuzz: ${count} inputs in ${seconds.toFixed(0)} s (${readers}), ${failures.length} escaped exception(s)${failures.length > 0 ? `, inputs kept in ${SAVE}` : ''}\n`);
      for (const f of failures) process.stdout.write(`  ${f}\n`);
    }
    expect(failures).toEqual([]);
    expect(count).toBeGreaterThan(Math.min(RUNS, 20));
  }, (SECONDS + 60) * 1000);
});
