/**
 * Legacy Excel (.xls) and WPS Spreadsheets (.et), issue 24: the workbooks of
 * scripts/make-xlsx-fixtures.mjs re-saved as BIFF8 by scripts/make-xls-fixtures.mjs give the
 * same submissions, places and findings as the .xlsx (fixtures/import/<name>.xlsx.expected);
 * files named .xls that are really .xlsx or web pages are read as what they are; the limits
 * stop a workbook before SheetJS builds its cells.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import * as XLSX from '@e965/xlsx';
import { beforeAll, describe as suite, expect, it } from 'vitest';
import { loadBytes } from '../src/load/index.js';
import { discover } from '../src/node/files.js';
import { makeXlsFixtures } from '../scripts/make-xls-fixtures.mjs';
import { describe, describeExpected, lintFile, parseExpectations } from './helpers/linter.js';

const tmp = mkdtempSync(join(tmpdir(), 'jixiao-xls-'));
let files: Record<string, string> = {};

beforeAll(async () => {
  files = Object.fromEntries((await makeXlsFixtures(tmp)).map((f) => [basename(f), f]));
});

function expectedFor(name: string): string[] {
  const parsed = parseExpectations(readFileSync(join('fixtures/import', `${name}.expected`), 'utf8'));
  if (!parsed) throw new Error(`${name}.expected has no # expect: block`);
  return parsed.map(describeExpected);
}

const findingsOf = async (path: string) => (await lintFile(path)).flatMap((r) => r.findings).map((f) => describe(f, true));
const file = (name: string) => files[name] as string;
const xlsx = (name: string) => join(tmp, 'xlsx', name);

/** A workbook made with SheetJS, written as BIFF8. */
function biff8(sheets: Array<[string, XLSX.WorkSheet]>, hidden: string[] = []): Uint8Array {
  const wb = XLSX.utils.book_new();
  for (const [name, ws] of sheets) XLSX.utils.book_append_sheet(wb, ws, name);
  wb.Workbook = { Sheets: sheets.map(([name]) => ({ name, Hidden: hidden.includes(name) ? 1 : 0 })) };
  return new Uint8Array(XLSX.write(wb, { bookType: 'biff8', type: 'buffer' }) as Buffer);
}

const detail = (r: { problems: Array<{ args: Record<string, unknown> }> }) => r.problems.map((p) => (p.args.detail as { zh: string } | undefined)?.zh ?? p.args);

suite('.xls and .et as their .xlsx', () => {
  for (const ext of ['.xls', '.et']) {
    for (const name of ['summary', 'forms']) {
      it(`${name}${ext}: the findings of ${name}.xlsx, at the same cells`, async () => {
        expect(await findingsOf(file(`${name}${ext}`))).toEqual(expectedFor(`${name}.xlsx`));
      });
    }
  }

  it('reads the same submissions with the same places as the .xlsx', async () => {
    for (const name of ['summary', 'forms']) {
      const a = await loadBytes(`${name}.xlsx`, readFileSync(xlsx(`${name}.xlsx`)));
      const b = await loadBytes(`${name}.xls`, readFileSync(file(`${name}.xls`)));
      expect(b.problems).toEqual(a.problems);
      expect(b.documents.map((d) => [d.document, d.data])).toEqual(a.documents.map((d) => [d.document, d.data]));
      for (const [i, doc] of a.documents.entries()) {
        const other = b.documents[i];
        for (const pointer of (doc.sourceMap as unknown as { places: Map<string, unknown> }).places.keys()) {
          expect(other?.sourceMap.locate(pointer), pointer).toEqual(doc.sourceMap.locate(pointer));
        }
      }
    }
  });

  it('prints numbers at their format: 0.00% and 0% fractions, text numbers as typed', async () => {
    const loaded = await loadBytes('summary.xls', readFileSync(file('summary.xls')));
    const data = loaded.documents[0]?.data as { projects: Array<Record<string, unknown>> };
    expect(data.projects[0]).toMatchObject({ actual: { total: '129.97' }, rate: '99.98%' });
    expect(data.projects[2]).toMatchObject({ adjusted: { total: '454.O6' }, rate: '95.52%' });
    const forms = await loadBytes('forms.xls', readFileSync(file('forms.xls')));
    expect(forms.documents[1]?.data).toMatchObject({ budget: { rate: '78%' } });
    expect(forms.documents[1]?.sourceMap.locate('/budget/rate')).toEqual({ sheet: '部门自评表', cell: 'F6' });
  });

  it('skips hidden sheets and prints dates as dates', async () => {
    const ws = XLSX.utils.aoa_to_sheet([['填报日期', new Date(Date.UTC(2022, 2, 31))]], { cellDates: true, UTC: true });
    const secret = XLSX.utils.aoa_to_sheet([['项目支出绩效自评表']]);
    const bytes = biff8([['说明', ws], ['隐藏', secret]], ['隐藏']);
    const { readXls } = await import('../src/load/xls.js');
    const read = readXls(bytes);
    expect('grids' in read && read.grids.map((g) => [g.sheet, g.rows])).toEqual([['说明', [['填报日期', '2022-03-31']]]]);
  });
});

suite('files named .xls that are something else', () => {
  it('a .xlsx renamed .xls is read as .xlsx', async () => {
    const a = await loadBytes('forms.xlsx', readFileSync(xlsx('forms.xlsx')));
    const b = await loadBytes('forms.xls', readFileSync(xlsx('forms.xlsx')));
    expect(b.documents.map((d) => d.data)).toEqual(a.documents.map((d) => d.data));
  });

  it('a web page saved as .xls is read as a web page', async () => {
    const html = readFileSync('fixtures/html/seed-004.html');
    const a = await loadBytes('seed-004.html', html);
    const b = await loadBytes('seed-004.xls', html);
    expect(a.documents.length).toBeGreaterThan(0);
    expect(b.documents.map((d) => d.data)).toEqual(a.documents.map((d) => d.data));
  });

  it('anything else is one parse-error in Chinese, never a stack trace', async () => {
    for (const bytes of [Buffer.from('not a workbook'), readFileSync(file('forms.xls')).subarray(0, 600)]) {
      const r = await loadBytes('x.xls', bytes);
      expect(r.documents).toEqual([]);
      expect(detail(r)).toEqual(['不是有效的 Excel 97-2003 工作簿（.xls/.et）：文件已损坏，或并非该格式。请用 Excel 或 WPS 打开后另存为 .xlsx 再检查。']);
    }
  });
});

suite('limits before SheetJS builds cells', () => {
  it('sheets, cells, rows and streams', async () => {
    const bytes = readFileSync(file('forms.xls'));
    expect(detail(await loadBytes('f.xls', bytes, { limits: { maxSheets: 2 } }))).toEqual(['工作簿有 3 个工作表，超过上限 2 个，未读取。']);
    expect(detail(await loadBytes('f.xls', bytes, { limits: { maxRows: 10 } }))).toEqual(['第 1 个工作表：表格有 19 行，超过上限 10 行，未读取。']);
    expect(detail(await loadBytes('f.xls', bytes, { limits: { maxCells: 100 } }))).toEqual(['第 1 个工作表：表格有 19 行 × 9 列，超过单元格上限 100 个，未读取。']);
    expect(detail(await loadBytes('f.xls', bytes, { limits: { maxStreams: 2 } }))).toEqual(['文件内含 4 个数据流，超过上限 2 个，未读取（可能是损坏或恶意构造的文件）。']);
  });

  it('a merged range over the cell limit', async () => {
    const ws = XLSX.utils.aoa_to_sheet([['项目支出绩效自评表']]);
    ws['!merges'] = [{ s: { r: 0, c: 0 }, e: { r: 60_000, c: 200 } }];
    const r = await loadBytes('m.xls', biff8([['表', ws]]), { limits: { maxCells: 1_000_000 } });
    expect(detail(r)).toEqual(['第 1 个工作表中的合并区域覆盖的单元格超过上限 1000000 个，未读取。']);
  });
});

suite('folder search', () => {
  it('finds .xls and .et files and lints them instead of naming them unsupported', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jixiao-xls-dir-'));
    writeFileSync(join(dir, 'a.xls'), readFileSync(file('forms.xls')));
    writeFileSync(join(dir, 'b.et'), readFileSync(file('summary.et')));
    expect(discover([dir]).map((f) => basename(f))).toEqual(['a.xls', 'b.et']);
    const findings = (await lintFile(join(dir, 'b.et'))).flatMap((r) => r.findings);
    expect(findings.some((f) => f.ruleId === 'unsupported-file')).toBe(false);
  });
});
