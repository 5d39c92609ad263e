/**
 * -f xlsx and -f csv, for a bureau reviewer: the workbook of the seed fixtures is read back
 * with exceljs (both sheets filled, header frozen, autofilter, Chinese words, numbers as
 * numbers, columns wide enough for their Chinese text); the CSV has a BOM, RFC 4180
 * quoting and no formula cells; a workbook is never written to a terminal.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { run } from '../src/node/cli.js';
import { csvField, csvLine, defuse, formatCsv } from '../src/report/csv.js';
import { formName } from '../src/report/labels.js';
import { displayWidth } from '../src/report/width.js';
import { formatXlsx } from '../src/report/xlsx.js';
import type { SubmissionResult } from '../src/types.js';
import { cli, tmpFolder } from './helpers/cli.js';
import { linter } from './helpers/linter.js';
import { lintPaths } from '../src/node/lint-files.js';

const BAD_RATE = readFileSync('fixtures/rules/execution-rate/invalid-initial-base.yaml', 'utf8');

async function readBook(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  return wb;
}

const values = (ws: ExcelJS.Worksheet, row: number) => (ws.getRow(row).values as unknown[]).slice(1);

describe('-f xlsx -o 汇总.xlsx on the seed fixtures', () => {
  it('writes a workbook with a 汇总 sheet (one row per submission) and a 问题清单 sheet (one row per finding)', async () => {
    const dir = tmpFolder({});
    const file = join(dir, '汇总.xlsx');
    const r = await cli('fixtures/seeds', '-f', 'xlsx', '-o', file);
    // every report went to a file: one line says what was found and where it went (issue 25)
    expect(r.out).toMatch(/^检查了 6 个文件：\d+ 个错误，\d+ 个警告，\d+ 个提示；报告已写入 .*汇总\.xlsx\n$/);
    expect(r.code).toBe(1);
    const expected = await lintPaths(linter, ['fixtures/seeds'], { lang: 'zh' });
    const wb = await readBook(readFileSync(file));
    expect(wb.worksheets.map((w) => w.name)).toEqual(['汇总', '问题清单']);

    const summary = wb.getWorksheet('汇总')!;
    expect(values(summary, 1)).toEqual(['文件', '表格', '单位', '年度', '自评总分', '预算执行率', '错误', '警告', '提示', '已抑制']);
    expect(summary.rowCount).toBe(1 + expected.results.length);
    const byFile = new Map<string, unknown[]>();
    for (let i = 2; i <= summary.rowCount; i++) byFile.set(String(values(summary, i)[0]), values(summary, i));
    // seed 001 (department): printed total 98, rate 78% — numbers, shown as printed
    const dept = byFile.get('fixtures/seeds/001-department.yaml')!;
    expect(dept.slice(0, 6)).toEqual(['fixtures/seeds/001-department.yaml', '部门整体支出绩效自评表', '区人大常委会办公室', 2021, 98, 0.78]);
    const deptRow = summary.getRow([...byFile.keys()].indexOf('fixtures/seeds/001-department.yaml') + 2);
    expect(deptRow.getCell(6).numFmt).toBe('0%');
    const seed = expected.results.find((x) => x.file === 'fixtures/seeds/001-department.yaml')!;
    const count = (sev: string) => seed.findings.filter((f) => f.severity === sev).length;
    expect(dept.slice(6)).toEqual([count('error'), count('warning'), count('info'), 0]);
    // every form name is a Chinese name
    expect(new Set([...byFile.values()].map((v) => v[1]))).toEqual(new Set(['多项目绩效自评汇总表', '部门整体支出绩效自评表', '项目支出绩效自评表', '绩效目标表', '部门整体支出绩效自评报告']));

    const findings = wb.getWorksheet('问题清单')!;
    expect(values(findings, 1)).toEqual(['文件', '表格', '单位', '工作表', '位置', '级别', '规则', '问题', '建议值', '规则编号', '抑制理由']);
    const total = expected.results.reduce((n, x) => n + x.findings.length, 0);
    expect(findings.rowCount).toBe(1 + total);
    const rate = (findings.getSheetValues() as unknown[][]).find((v) => v?.[10] === 'execution-rate' && v?.[1] === 'fixtures/seeds/001-department.yaml');
    expect(rate?.slice(1, 8)).toEqual(['fixtures/seeds/001-department.yaml', '部门整体支出绩效自评表', '区人大常委会办公室', undefined, '第 40 行', '错误', '预算执行率与执行数、预算数不符']);
    expect(String(rate?.[8])).toMatch(/^执行率填报为 78%/);
    // the exact correction in its own column (建议值)
    expect(rate?.[9]).toBe('100.00%');

    for (const ws of [summary, findings]) {
      // frozen header row and an autofilter over the header
      expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
      expect(JSON.stringify(ws.autoFilter)).toMatch(/A1/);
      expect(ws.getRow(1).font?.bold).toBe(true);
    }
    // the 单位 column fits the longest unit name (CJK counts two columns)
    const longest = Math.max(...[...byFile.values()].map((v) => displayWidth(String(v[2]))));
    expect(summary.getColumn(3).width).toBeGreaterThanOrEqual(longest);
    expect(summary.getColumn(7).width).toBeLessThan(12);
  });

  it('English headers and sheet names with --lang en; suppressed findings carry their reason', async () => {
    const results: SubmissionResult[] = [
      {
        file: 'a.yaml',
        form: 'project-self-eval',
        facts: { unit: '=HYPERLINK("http://x")', totalScore: '88.50', executionRate: '99.98%', year: '2024' },
        findings: [{ ruleId: 'execution-rate', severity: 'error', message: '+1 wrong', location: { pointer: '/budget/rate', line: 3, column: 7 } }],
        suppressed: [{ ruleId: 'no-problems-claim', severity: 'warning', message: 'm', location: { pointer: '/problems' }, suppression: { reason: '已复核', source: 'submission' } }],
      },
    ];
    const wb = await readBook(await formatXlsx(results, { lang: 'en', rules: linter.rules }));
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Summary', 'Findings']);
    const s = wb.getWorksheet('Summary')!;
    expect(values(s, 2)).toEqual(['a.yaml', 'project-self-eval', '=HYPERLINK("http://x")', 2024, 88.5, 0.9998, 1, 0, 0, 1]);
    // text stays text: no formula cell in the workbook
    expect(s.getRow(2).getCell(3).type).toBe(ExcelJS.ValueType.String);
    // shown as printed: two decimals, a percentage
    expect(s.getRow(2).getCell(5).numFmt).toBe('0.00');
    expect(s.getRow(2).getCell(6).numFmt).toBe('0.00%');
    const f = wb.getWorksheet('Findings')!;
    expect(values(f, 2)).toEqual(['a.yaml', 'project-self-eval', '=HYPERLINK("http://x")', undefined, 'line 3', 'error', 'Execution rate does not match spending ÷ adjusted budget', '+1 wrong', undefined, 'execution-rate']);
    expect(values(f, 3)).toEqual(['a.yaml', 'project-self-eval', '=HYPERLINK("http://x")', undefined, '—', 'suppressed (warning)', linter.rules.find((r) => r.id === 'no-problems-claim')!.title.en, 'm', undefined, 'no-problems-claim', '已复核']);
  });

  it('is never written to a terminal: one Chinese line, exit 2, nothing linted', async () => {
    let out = '';
    let err = '';
    const tty = await run(['node', 'jixiao-lint', 'fixtures/seeds', '-f', 'xlsx'], { out: (s) => (out += s), err: (s) => (err += s), isTTY: true, outBytes: () => (out += 'BYTES') });
    expect(tty).toBe(2);
    expect(out).toBe('');
    expect(err).toBe('jixiao-lint: xlsx 是二进制格式，不能输出到终端：请用 -o 指定文件，例如 -f xlsx -o 汇总.xlsx\n');
    const en = await run(['node', 'jixiao-lint', 'fixtures/seeds', '-f', 'xlsx', '--lang', 'en'], { out: () => {}, err: (s) => (err = s), isTTY: true });
    expect(en).toBe(2);
    expect(err).toMatch(/^jixiao-lint: xlsx is a binary format and cannot be written to a terminal/);
    // a pipe or a redirect takes the bytes
    const chunks: Uint8Array[] = [];
    const piped = await run(['node', 'jixiao-lint', 'fixtures/seeds', '-f', 'xlsx'], { out: () => {}, err: () => {}, isTTY: false, outBytes: (b) => chunks.push(b) });
    expect(piped).toBe(1);
    expect(chunks).toHaveLength(1);
    expect(Buffer.from(chunks[0]!.subarray(0, 2)).toString()).toBe('PK');
    expect((await readBook(chunks[0]!)).worksheets).toHaveLength(2);
  });
});

describe('-f csv', () => {
  it('UTF-8 with BOM, CRLF, one row per finding with the Chinese form name', async () => {
    const dir = tmpFolder({ 'a.yaml': BAD_RATE });
    const file = join(dir, 'out.csv');
    const r = await cli(join(dir, 'a.yaml'), '-f', 'csv', '-o', file);
    expect(r.code).toBe(1);
    const bytes = readFileSync(file);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8').slice(1);
    const lines = text.split('\r\n');
    expect(lines[0]).toBe('文件,表格,单位,位置,级别,规则,问题,规则编号,抑制理由');
    expect(lines[1]).toMatch(new RegExp(`^${join(dir, 'a.yaml').replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')},项目支出绩效自评表,示例单位,第 16 行,错误,预算执行率与执行数、预算数不符,.*,execution-rate,$`));
    expect(lines[2]).toBe('');
    expect(lines).toHaveLength(3);
  });

  it('quotes as RFC 4180 and defuses formula cells (OWASP CSV injection)', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField(12)).toBe('12');
    for (const bad of ['=1+2', '+1', '-1', '@SUM(A1)', '\tx', '\rx']) expect(defuse(bad)).toBe(`'${bad}`);
    expect(defuse('应为 7.89 分')).toBe('应为 7.89 分');
    expect(csvField('=HYPERLINK("http://x","点我")')).toBe('"\'=HYPERLINK(""http://x"",""点我"")"');
    expect(csvLine(['a', 1])).toBe('a,1\r\n');
    const results: SubmissionResult[] = [
      { file: 'x.yaml', form: 'target-table', facts: { unit: '@单位' }, findings: [{ ruleId: 'schema', severity: 'warning', message: '-5 分', location: { pointer: '/a' } }] },
    ];
    const csv = formatCsv(results, { lang: 'zh' });
    expect(csv).toBe(`\uFEFF文件,表格,单位,位置,级别,规则,问题,规则编号,抑制理由\r\nx.yaml,绩效目标表,'@单位,—,警告,schema,'-5 分,schema,\r\n`);
  });
});

describe('labels and widths', () => {
  it('form names in Chinese, ids in English; CJK counts two columns', () => {
    expect(formName('project-self-eval', 'zh')).toBe('项目支出绩效自评表');
    expect(formName('department-self-eval', 'zh')).toBe('部门整体支出绩效自评表');
    expect(formName('project-summary', 'zh')).toBe('多项目绩效自评汇总表');
    expect(formName('target-table', 'zh')).toBe('绩效目标表');
    expect(formName('target-table', 'en')).toBe('target-table');
    expect(formName(null, 'zh')).toBe('—');
    expect(displayWidth('abc')).toBe(3);
    expect(displayWidth('项目支出')).toBe(8);
    expect(displayWidth('（１２）「」，。')).toBe(16);
    expect(displayWidth('e\u0301')).toBe(1);
  });
});
