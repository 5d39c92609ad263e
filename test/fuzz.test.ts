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
 * `npm test` runs a bounded number (FUZZ_RUNS, default 200, and at most FUZZ_SECONDS, default 8 s);
 * `npm run fuzz` runs 100,000 and prints the count.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { XMLValidator } from 'fast-xml-parser';
import fc from 'fast-check';
import ExcelJS from 'exceljs';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { loadBytes } from '../src/load/index.js';
import { FORMATTERS } from '../src/report/index.js';
import type { SubmissionResult } from '../src/types.js';
import { linter } from './helpers/linter.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 200);
const SECONDS = Number(process.env.FUZZ_SECONDS ?? (RUNS > 1000 ? 3600 : 8));
const SEED = process.env.FUZZ_SEED !== undefined ? Number(process.env.FUZZ_SEED) : undefined;

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
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          { arbitrary: mutated.map((i) => ({ input: i })), weight: 3 },
          { arbitrary: fromScratch.map((i) => ({ input: i })), weight: 2 },
          { arbitrary: htmlPage.map((i) => ({ input: i })), weight: 1 },
          { arbitrary: docxDocument.map((i) => ({ input: i })), weight: 1 },
          { arbitrary: xlsxWorkbook.map((edits) => ({ edits })), weight: 1 },
        ),
        async (made) => {
        const input = 'input' in made ? made.input : await xlsxInput(made.edits);
        try {
          await pipeline(input, count % 10 === 0);
        } catch (e) {
          failures.push(`${input.name}: ${(e as Error).message.split('\n')[0]}`);
          throw e;
        }
      },
      ),
      {
        numRuns: RUNS,
        interruptAfterTimeLimit: SECONDS * 1000,
        markInterruptAsFailure: false,
        endOnFailure: true,
        ...(SEED !== undefined ? { seed: SEED } : {}),
      },
    );
    const seconds = (Date.now() - start) / 1000;
    if (RUNS > 1000) process.stdout.write(`fuzz: ${count} inputs in ${seconds.toFixed(0)} s, ${failures.length} escaped exception(s)\n`);
    expect(failures).toEqual([]);
    expect(count).toBeGreaterThan(Math.min(RUNS, 20));
  }, (SECONDS + 60) * 1000);
});
