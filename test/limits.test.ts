/**
 * Issue 12, the readers' side: every input is untrusted. A file over a limit is one
 * parse-error in Chinese naming the limit, within bounded time and memory; nothing reaches
 * Object.prototype; nothing recursive runs on data size. Big inputs are generated here.
 */
import ExcelJS from 'exceljs';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS } from '../src/load/limits.js';
import { loadBytes, type LoadOptions } from '../src/load/index.js';
import { nestingBeyond } from '../src/load/structured.js';
import type { LoadResult } from '../src/types.js';
import { lintYaml } from './helpers/linter.js';

const zh = (r: LoadResult) => r.problems.map((p) => (typeof p.args.detail === 'object' ? p.args.detail.zh : String(p.args.detail ?? p.ruleId)));

async function xlsx(build: (ws: ExcelJS.Worksheet) => void): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  build(wb.addWorksheet('表'));
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

/** A zip shaped like a workbook whose entries are given (not a valid workbook beyond that). */
function fakeWorkbook(entries: Record<string, Uint8Array>): Uint8Array {
  return zipSync({ '[Content_Types].xml': strToU8('<Types/>'), ...entries }, { level: 9 });
}

const load = (name: string, bytes: Uint8Array, options: LoadOptions = {}) => loadBytes(name, bytes, options);

describe('limits on one file', () => {
  it('has documented defaults', () => {
    expect(DEFAULT_LIMITS).toEqual({
      maxFileBytes: 20 * 1024 * 1024,
      maxCells: 2_000_000,
      maxRows: 200_000,
      maxColumns: 1_000,
      maxSheets: 200,
      maxStreams: 1_000,
      maxPages: 2_000,
      maxEntryBytes: 100 * 1024 * 1024,
      maxRatio: 200,
      maxDepth: 64,
      maxItems: 10_000,
    });
  });

  it('a file over the size limit is refused before it is read', async () => {
    const r = await load('big.yaml', new Uint8Array(2048), { limits: { maxFileBytes: 1024 } });
    expect(r.documents).toEqual([]);
    expect(zh(r)).toEqual(['文件大小 0.0 MB，超过上限 0.0 MB（可用 --max-file-size 调整）。绩效表格通常远小于此，请确认文件是否正确。']);
  });

  it('a table of too many rows is one parse-error, with no stack overflow on a long table', async () => {
    const rows = ['序号,项目名称,项目年度预算金额,实际支出金额,预算支出执行率'];
    for (let i = 0; i < 250_000; i++) rows.push(`${i},项目${i},10,9,90%`);
    const r = await load('long.csv', strToU8(rows.join('\n')));
    expect(zh(r)).toEqual(['表格有 250001 行，超过上限 200000 行，未读取。']);
    const ok = await load('long.csv', strToU8(rows.slice(0, 1001).join('\n')));
    expect((ok.documents[0]?.data as { projects: unknown[] }).projects).toHaveLength(1000);
  });

  it('JSON and YAML nested too deeply are refused without a stack overflow', async () => {
    const deepJson = `${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}`;
    const deepYaml = `a: ${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    for (const [name, text] of [['deep.json', deepJson], ['deep.yaml', deepYaml]] as const) {
      const r = await load(name, strToU8(text));
      expect(r.documents).toEqual([]);
      expect(zh(r)[0]).toMatch(/嵌套|结构过于复杂/);
    }
    const r = await load('deep.yaml', strToU8(`${'a:\n '.repeat(70).replace(/ $/, '')}x`.split('\n').map((l, i) => ' '.repeat(i) + l.trim()).join('\n')));
    expect(zh(r)).toEqual(['数据嵌套超过 64 层，未读取（绩效表格的结构不会这么深）。']);
  });

  it('depth is measured before parsing, without counting brackets inside plain text or quotes', () => {
    const plain = Array.from({ length: 200 }, (_, i) => `note${i}: 见 [附件${i} 与 {说明, it's "[x"`).join('\n');
    expect(nestingBeyond(plain, 64)).toBeNull();
    expect(nestingBeyond(`a: ${'['.repeat(65)}${']'.repeat(65)}`, 64)).toBe(1);
    expect(nestingBeyond(`a:\n${' '.repeat(600)}b: 1`, 64)).toBe(2);
    expect(nestingBeyond(`{"a": ${'{"b": '.repeat(63)}1${'}'.repeat(64)}`, 64)).toBeNull();
  });

  it('a JSON list of too many items is refused before it is normalized and checked', async () => {
    const items = Array.from({ length: 20_000 }, (_, i) => `{"name":"指标${i}","weight":"1"}`).join(',');
    const r = await load('big.json', strToU8(`{"form":"project-self-eval","indicators":[${items}]}`));
    expect(r.documents).toEqual([]);
    expect(zh(r)).toEqual(['一个列表有 20000 项，超过上限 10000 项，未读取（可用 --max-items 调整）。']);
  });

  it('a CSV quote left open is one finding at the line it opens, not a silent merge of the rest', async () => {
    const csv = '序号,项目名称,项目年度预算金额,实际支出金额,预算支出执行率\n1,"甲项目,10,9,90%\n2,乙项目,10,9,90%\n';
    const r = await load('open.csv', strToU8(csv));
    const open = r.problems.filter((p) => p.ruleId === 'parse-error');
    expect(open.map((p) => [(p.args.detail as { zh: string }).zh, p.location])).toEqual([
      ['第 2 行的双引号没有闭合，其后的内容都被读进了同一个单元格。请检查这一行的引号。', { pointer: '', line: 2, column: 2 }],
    ]);
  });
});

describe('workbooks', () => {
  it('a zip entry over the size limit is refused from the central directory, before inflating', async () => {
    const sheet = new Uint8Array(3 * 1024 * 1024).fill(32);
    const r = await load('bomb.xlsx', fakeWorkbook({ 'xl/worksheets/sheet1.xml': sheet }), { limits: { maxEntryBytes: 1024 * 1024 } });
    expect(zh(r)).toEqual(['压缩包内的「xl/worksheets/sheet1.xml」解压后有 3.0 MB，超过上限 1.0 MB，未读取（可能是损坏或恶意构造的文件）。']);
  });

  it('a zip bomb (compression ratio over the limit) is refused', async () => {
    const r = await load('bomb.xlsx', fakeWorkbook({ 'xl/worksheets/sheet1.xml': new Uint8Array(8 * 1024 * 1024) }));
    expect(zh(r)[0]).toMatch(/^压缩包内的「xl\/worksheets\/sheet1\.xml」压缩比为 \d+:1，超过上限 200:1/);
  });

  it('a workbook of 5,000 sheets is refused without opening them', async () => {
    const entries: Record<string, Uint8Array> = {};
    for (let i = 1; i <= 5000; i++) entries[`xl/worksheets/sheet${i}.xml`] = strToU8('<worksheet/>');
    expect(zh(await load('many.xlsx', fakeWorkbook(entries)))).toEqual(['工作簿有 5000 个工作表，超过上限 200 个，未读取。']);
  });

  it('a merge over a whole sheet is refused before exceljs creates its cells', async () => {
    const xml = '<worksheet><mergeCells count="1"><mergeCell ref="A1:XFD1048576"/></mergeCells></worksheet>';
    expect(zh(await load('merge.xlsx', fakeWorkbook({ 'xl/worksheets/sheet1.xml': strToU8(xml) })))).toEqual([
      '工作表（sheet1.xml）中的合并区域 A1:XFD1048576 覆盖的单元格超过上限 2000000 个，未读取。',
    ]);
  });

  it('a cell at XFD1048576 makes its sheet too big to read: the sheet is named', async () => {
    const bytes = await xlsx((ws) => {
      ws.getCell('A1').value = '项目名称';
      ws.getCell('XFD1048576').value = 1;
    });
    const r = await load('far.xlsx', bytes);
    expect(r.documents).toEqual([]);
    expect(zh(r)).toEqual(['工作表「表」：表格有 1048576 行，超过上限 200000 行，未读取。']);
    expect(r.problems[0]?.location).toEqual({ pointer: '', sheet: '表', cell: 'A1' });
  });

  it('a legacy .xls or an encrypted workbook saved as .xlsx, and a damaged one, get Chinese advice', async () => {
    const ole = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]);
    expect(zh(await load('old.xlsx', ole))[0]).toMatch(/^这是旧版 Excel（\.xls）文件或加密的工作簿/);
    expect(zh(await load('junk.xlsx', strToU8('not a zip')))).toEqual([
      '不是有效的 Excel 工作簿（.xlsx）：文件已损坏，或并非 Excel 格式。请用 Excel 或 WPS 打开后另存为 .xlsx 再检查。',
    ]);
  });
});

describe('user data never reaches Object.prototype', () => {
  it('__proto__ keys and units named like Object methods are plain data', async () => {
    const findings = await lintYaml(
      'form: project-self-eval\nyear: 2021\nunit: {__proto__: null}\nmoneyUnit: 万元\nproject: p\nindicators: []\n__proto__: {form: x}\nbudget:\n  adjusted: {total: "5constructor"}\n  actual: {total: "3toString"}\n',
    );
    expect(findings.map((f) => `${f.ruleId} ${f.location.pointer}`)).toEqual([
      'schema /unit',
      'schema /__proto__',
      'invalid-number /budget/adjusted/total',
      'invalid-number /budget/actual/total',
    ]);
    expect(({} as Record<string, unknown>).form).toBeUndefined();
    const loaded = await loadBytes('p.yaml', strToU8('form: target-table\n__proto__: {polluted: yes}\n'));
    const data = loaded.documents[0]?.data as Record<string, unknown>;
    expect(Object.getPrototypeOf(data)).toBe(Object.prototype);
    expect(Object.hasOwn(data, '__proto__')).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
