/**
 * `jixiao-lint fix` (issue 25): a corrected copy of an .xlsx beside the original, every exact
 * suggestion written into its cell, nothing else of the workbook changed, every change listed;
 * --dry-run lists the same and writes nothing. The workbook is made by
 * scripts/make-fix-fixtures.mjs; its findings and the changes below were worked out by hand
 * from the figures the script writes (see its header):
 *   项目自评表!G19 90 → 100   weights 20+10+10+10+30+10 + execution 10 = 100
 *   项目自评表!H19 96 → 97    printed points 20+10+10+10+27+10 + 10 = 97
 *   公式表!H6      8 → 10     10 × min(100 ÷ 100, 100%) = 10 (a text cell: written as text)
 *   公式表!G6      not fixed  =E6/C6 is a formula (the rate over the initial budget, 78.13%)
 * and after the correction 公式表!H19 (a formula saved as 95 = 87 + 8) adds up to 87 + 10 = 97.
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { strFromU8, unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeFixFixtures } from '../scripts/make-fix-fixtures.mjs';
import { cli } from './helpers/cli.js';
import { linter } from './helpers/linter.js';
import { loadBytes } from '../src/load/index.js';
import { planFix } from '../src/node/commands/fix.js';
import type { Finding } from '../src/types.js';

let dir: string;
let file: string;
let original: Uint8Array;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'clerk25-fix-'));
  file = await makeFixFixtures(dir);
  original = readFileSync(file);
});

const CHANGES = [
  '  项目自评表!G19：90 → 100　权重分值合计不符',
  '  项目自评表!H19：96 → 97　自评总得分与各项得分之和不符',
  '  公式表!H6：8 → 10　执行率得分计算错误',
  '未修正 1 处：',
  '  公式表!G6：预算执行率与执行数、预算数不符，建议改为 100.00%——该单元格是公式，请修改公式或其引用的单元格',
  '工作簿含公式：已设置打开时重新计算，引用了修正单元格的公式结果在 Excel/WPS 中打开后更新',
  '重新检查修正后的副本：已修正的 3 个问题都不再出现',
  '修正后仍有或新出现 1 个问题（由上面的修正引起），请核对；可对副本再运行 fix：',
  '  公式表!H19：自评总得分填报为 95，但各指标得分与执行率得分之和为 97。请重新合计，把总分改为 97。【建议改为 97】',
];

/** The workbook's parts by name, as text. */
function parts(bytes: Uint8Array): Record<string, string> {
  return Object.fromEntries(Object.entries(unzipSync(bytes)).map(([k, v]) => [k, strFromU8(v)]));
}

/** A worksheet's XML with the elements of `cells` cut out (they are compared apart). */
function without(xml: string, cells: string[]): string {
  let out = xml;
  for (const ref of cells) out = out.replace(new RegExp(`<c r="${ref}"[^>]*?(?:/>|>.*?</c>)`), `<c r="${ref}"/>`);
  return out;
}

function cellXml(xml: string, ref: string): string {
  return new RegExp(`<c r="${ref}"[^>]*?(?:/>|>.*?</c>)`).exec(xml)?.[0] ?? '';
}

describe('jixiao-lint fix', () => {
  it('--dry-run lists every change and writes nothing', async () => {
    const r = await cli('fix', file, '--dry-run');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const copy = join(dir, 'fix.已修正.xlsx');
    expect(r.out.split('\n')).toEqual([`${file}：可修正 3 个单元格（试运行，未写入文件；去掉 --dry-run 写入 ${copy}）`, ...CHANGES, '']);
    expect(existsSync(copy)).toBe(false);
    expect(readFileSync(file)).toEqual(Buffer.from(original));
  });

  it('writes the corrected copy beside the original, lists the same changes, and never overwrites', async () => {
    const copy = join(dir, 'fix.已修正.xlsx');
    const r = await cli('fix', file);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out.split('\n')).toEqual([`${file}：已修正 3 个单元格，写入 ${copy}（原文件未改动）`, ...CHANGES, '']);
    expect(readFileSync(file)).toEqual(Buffer.from(original));
    expect(existsSync(copy)).toBe(true);

    // a second run refuses to write over the copy
    const again = await cli('fix', file);
    expect(again.code).toBe(2);
    expect(again.out).toBe('');
    expect(again.err).toBe(`jixiao-lint: ${copy} 已存在，不覆盖；请删除或改名后再试，或用 -o 指定另一个文件名\n`);
    // a dry run says so before the write would be refused
    const dry = await cli('fix', file, '--dry-run');
    expect(dry.code).toBe(0);
    expect(dry.out.split('\n')[1]).toBe(`注意：${copy} 已存在，去掉 --dry-run 时不会覆盖它，请先改名或用 -o 指定另一个文件名`);
  });

  it('changes only the corrected cells: every other part byte for byte, styles and attributes kept', () => {
    const before = parts(original);
    const after = parts(readFileSync(join(dir, 'fix.已修正.xlsx')));
    expect(Object.keys(after)).toEqual(Object.keys(before));
    // sheet1 = 项目自评表, sheet2 = 公式表 (exceljs writes them in order)
    const changed: Record<string, string[]> = { 'xl/worksheets/sheet1.xml': ['G19', 'H19'], 'xl/worksheets/sheet2.xml': ['H6'] };
    for (const name of Object.keys(before)) {
      if (name === 'xl/workbook.xml') continue;
      const cells = changed[name];
      if (cells) expect(without(after[name] as string, cells), name).toBe(without(before[name] as string, cells));
      else expect(after[name], name).toBe(before[name]);
    }
    // workbook.xml: only asked to recompute formulas when opened
    expect((after['xl/workbook.xml'] as string).replace(' fullCalcOnLoad="1"', '')).toBe((before['xl/workbook.xml'] as string).replace(/<calcPr([^>]*?) fullCalcOnLoad="1"/, '<calcPr$1'));
    expect(after['xl/workbook.xml']).toContain('fullCalcOnLoad="1"');
    // the cells: numbers stay numbers with their style index, the text cell becomes an inline string
    const s1b = before['xl/worksheets/sheet1.xml'] as string;
    const s1a = after['xl/worksheets/sheet1.xml'] as string;
    const style = (xml: string, ref: string) => / s="(\d+)"/.exec(cellXml(xml, ref))?.[1];
    expect(cellXml(s1a, 'G19')).toBe(`<c r="G19" s="${style(s1b, 'G19')}"><v>100</v></c>`);
    expect(cellXml(s1a, 'H19')).toBe(`<c r="H19" s="${style(s1b, 'H19')}"><v>97</v></c>`);
    const s2b = after['xl/worksheets/sheet2.xml'] as string;
    expect(cellXml(s2b, 'H6')).toMatch(/^<c r="H6"( s="\d+")? t="inlineStr"><is><t xml:space="preserve">10<\/t><\/is><\/c>$/);
    expect(cellXml(s2b, 'G6')).toBe(cellXml(before['xl/worksheets/sheet2.xml'] as string, 'G6'));
  });

  it('the copy reads as the same workbook with the corrected values (merges, fonts, fills, notes kept)', async () => {
    const read = async (bytes: Uint8Array) => {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(bytes as unknown as ArrayBuffer);
      return wb;
    };
    const a = await read(original);
    const b = await read(readFileSync(join(dir, 'fix.已修正.xlsx')));
    expect(b.worksheets.map((w) => w.name)).toEqual(['项目自评表', '公式表', '填表说明']);
    for (const name of ['项目自评表', '公式表', '填表说明']) {
      const wa = a.getWorksheet(name) as ExcelJS.Worksheet;
      const wb = b.getWorksheet(name) as ExcelJS.Worksheet;
      expect(Object.keys((wb as unknown as { _merges: object })._merges)).toEqual(Object.keys((wa as unknown as { _merges: object })._merges));
      expect(wb.getColumn(1).width).toBe(wa.getColumn(1).width);
    }
    const h19 = b.getWorksheet('项目自评表')?.getCell('H19') as ExcelJS.Cell;
    expect(h19.value).toBe(97);
    expect(h19.font).toEqual({ bold: true, color: { argb: 'FFC00000' } });
    expect(h19.fill).toEqual({ type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFFF00' } });
    expect(b.getWorksheet('公式表')?.getCell('H6').value).toBe('10');
    expect(b.getWorksheet('公式表')?.getCell('G6').value).toEqual({ formula: 'E6/C6', result: 100 / 128 });
    expect(b.getWorksheet('填表说明')?.getCell('A5').note).toBe('由财政局填写');
  });

  it('the corrected copy linted again: the fixed findings are gone, the formula cell and the total it moved remain', async () => {
    const r = await cli(join(dir, 'fix.已修正.xlsx'), '-f', 'json');
    const found = (JSON.parse(r.out) as { files: Array<{ findings: Array<{ ruleId: string; location: { sheet: string; cell: string } }> }> }).files.flatMap((f) =>
      f.findings.map((x) => `${x.ruleId} ${x.location.sheet}!${x.location.cell}`),
    );
    expect(found).toEqual(['execution-rate 公式表!G6', 'total-score 公式表!H19']);
  });

  it('with -o and --lang en; refuses the original as the copy and files that are no .xlsx', async () => {
    const out = join(dir, 'corrected.xlsx');
    const en = await cli('fix', file, '--lang', 'en', '-o', out);
    expect(en.code).toBe(0);
    expect(en.out.split('\n').slice(0, 4)).toEqual([
      `${file}: 3 cell(s) corrected in ${out} (the original is unchanged)`,
      '  项目自评表!G19: 90 → 100  Weights do not add up',
      '  项目自评表!H19: 96 → 97  Total score does not equal the sum of its parts',
      '  公式表!H6: 8 → 10  Execution score miscomputed',
    ]);
    expect(parts(readFileSync(out))).toEqual(parts(readFileSync(join(dir, 'fix.已修正.xlsx'))));
    expect(await cli('fix', file, '-o', file)).toEqual({ code: 2, out: '', err: 'jixiao-lint: 修正后的副本不能写在原文件上，请用 -o 指定另一个文件名\n' });
    const yaml = join(dir, 'a.yaml');
    writeFileSync(yaml, 'form: project-self-eval\n');
    expect(await cli('fix', yaml)).toEqual({ code: 2, out: '', err: `jixiao-lint: 只能修正 .xlsx 工作簿；${yaml} 请按检查结果中的「建议改为」在原文件中修改\n` });
  });

  it('leaves apart a finding without a cell, a cell holding more than the value, and two different suggestions for one cell', async () => {
    const loaded = await loadBytes(file, original);
    const results = linter.lintLoaded(file, loaded, { lang: 'zh' });
    const first = results[0]!;
    const total = first.findings.find((f) => f.ruleId === 'total-score') as Finding;
    const weights = first.findings.find((f) => f.ruleId === 'weights-sum') as Finding;
    // a second, different suggestion for H19; a suggestion with no cell
    first.findings.push({ ...total, suggestion: '98' }, { ...weights, location: { pointer: '/totalWeight' }, suggestion: '100' });
    // the reader took another text than the cell's whole text for G19 (a label beside the value)
    const grid = loaded.grids!.find((g) => g.places[0]?.[0]?.sheet === '项目自评表')!;
    const r = grid.places.findIndex((row) => row.some((p) => p.cell === 'G19'));
    const c = grid.places[r]!.findIndex((p) => p.cell === 'G19');
    grid.rows[r]![c] = '分值合计 90';
    const plan = planFix(original, loaded, results, 'zh');
    expect(plan.fixed.map((x) => `${x.place} ${x.old} → ${x.shown}`)).toEqual(['公式表!H6 8 → 10']);
    expect(plan.notFixed.map((n) => `${n.place} ${n.finding.ruleId} ${n.why}`)).toEqual([
      '项目自评表!G19 weights-sum 单元格中除填报值外还有其他文字（「分值合计 90」），请手工修改',
      ' weights-sum 问题没有对应的单元格',
      '项目自评表!H19 total-score 同一单元格有不同的建议值（97、98），请手工确定',
      '项目自评表!H19 total-score 同一单元格有不同的建议值（97、98），请手工确定',
      '公式表!G6 execution-rate 该单元格是公式，请修改公式或其引用的单元格',
    ]);
  });
});
