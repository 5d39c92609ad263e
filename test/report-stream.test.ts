/**
 * Issue 26, item 5: reports streamed. The CLI keeps a run's results in a temporary file and writes
 * every report in pieces, reading the results back as many times as a format needs; the reports
 * must be those the formatters build from the whole array of results, byte for byte (whose own
 * output is held to the goldens of test/report.test.ts and test/report-seeds.test.ts, made
 * before the reports were streamed). One batch uses every format at once: YAML seeds (several
 * documents in one file), the hostile corpus (files that cannot be read), imported tables, web
 * pages, generated workbooks (several sheets), a folder with a baseline (suppressed findings).
 * The workbook cannot be compared byte for byte (exceljs stamps the time into it): its sheets are
 * read back and compared cell by cell (an empty text as an empty cell), with their number formats, fonts, alignment, column
 * widths, frozen header and autofilter.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { informationUri, reportTime, rulesDocsUri } from '../src/node/cli.js';
import { loadConfig } from '../src/node/config.js';
import { lintPaths } from '../src/node/lint-files.js';
import { Outcomes } from '../src/node/result-store.js';
import { formatSummaryTable } from '../src/node/summary-table.js';
import { BINARY_FORMATTERS, FORMATTERS, type ReportContext } from '../src/report/index.js';
import type { SubmissionResult } from '../src/types.js';
import { makeXlsxFixtures } from '../scripts/make-xlsx-fixtures.mjs';
import { cli } from './helpers/cli.js';

const TEXT_FORMATS: Array<[string, string]> = [
  ['stylish', 'txt'],
  ['json', 'json'],
  ['sarif', 'sarif'],
  ['junit', 'xml'],
  ['gitlab', 'gitlab.json'],
  ['markdown', 'md'],
  ['github', 'github.txt'],
  ['csv', 'csv'],
  ['html', 'html'],
];

const out = mkdtempSync(join(tmpdir(), 'jixiao-stream-'));
const books = await makeXlsxFixtures(join(out, 'books'));
afterAll(() => rmSync(out, { recursive: true, force: true }));
const PATHS = ['fixtures/seeds', 'fixtures/hostile', 'fixtures/html', 'fixtures/suppressions', 'fixtures/import/seed-000.txt', 'fixtures/import/projects.csv', ...books];

/** The context the CLI gives the formatters (the time aside: the HTML report's is masked). */
function context(linter: { rules: ReportContext['rules'] }): ReportContext {
  const docs = rulesDocsUri();
  const version = (JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }).version;
  return { lang: 'zh', rules: linter.rules ?? [], cwd: process.cwd(), toolVersion: version, informationUri: informationUri(), generatedAt: reportTime(), ...(docs ? { rulesDocsUri: docs } : {}) };
}

const untimed = (html: string) => html.replace(/生成时间：[0-9 :-]+/, '生成时间：T');

/** Every cell of every sheet with what a reader sees of it, the columns' widths, the views and the autofilter. */
async function workbookContent(bytes: Uint8Array | Buffer): Promise<unknown> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  return wb.worksheets.map((ws) => {
    const cells: unknown[] = [];
    // an empty text is an empty cell (the streaming writer leaves it out; a reader sees the same)
    ws.eachRow((row, r) =>
      row.eachCell((c, col) => {
        if (c.value !== '' && c.value !== null) cells.push([r, col, c.value, c.numFmt ?? null, c.font ?? null, c.alignment ?? null, c.fill ?? null, c.border ?? null]);
      }),
    );
    const widths = Array.from({ length: ws.columnCount }, (_, i) => ws.getColumn(i + 1).width ?? null);
    return { name: ws.name, rows: ws.rowCount, cells, widths, views: ws.views.map((v) => ({ ...v })), autoFilter: ws.autoFilter ?? null };
  });
}

describe('reports streamed from the run’s temporary file', () => {
  it('every format of a mixed batch: byte for byte the reports built from the whole array (the workbook: cell for cell)', async () => {
    const files = TEXT_FORMATS.map(([format, ext]) => [format, join(out, `report.${ext}`)] as const);
    const args = [...PATHS, '--summary', ...files.flatMap(([f, file]) => ['-f', f, '-o', file]), '-f', 'xlsx', '-o', join(out, 'report.xlsx')];
    const run = await cli(...args);
    expect(run.code, run.err).toBe(1);

    // the same run, all its results at once, given to the formatters
    const { linter, settingsFor } = loadConfig(undefined, process.cwd(), 'zh');
    const whole = await lintPaths(linter, PATHS, { lang: 'zh', settingsFor });
    const results: SubmissionResult[] = whole.results;
    expect(results.length).toBeGreaterThan(40);
    // the batch has what the streamed formats treat apart: several results of one file, suppressed findings, unreadable files
    expect(results.some((r) => r.document !== undefined)).toBe(true);
    expect(results.some((r) => (r.suppressed?.length ?? 0) > 0)).toBe(true);
    expect(results.some((r) => r.form === null)).toBe(true);
    const ctx = context(linter);
    for (const [format, file] of files) {
      const streamed = readFileSync(file, 'utf8');
      const built = FORMATTERS[format]!(results, { ...ctx, color: false });
      if (format === 'html') expect(untimed(streamed), format).toBe(untimed(built));
      else expect(streamed, format).toBe(built);
    }
    // the per-file table printed after the reports
    expect(run.out.endsWith(`\n${formatSummaryTable(results, 'zh', process.cwd())}`)).toBe(true);
    // the workbook written row by row holds what the one built in memory holds
    const streamedBook = await workbookContent(readFileSync(join(out, 'report.xlsx')));
    const builtBook = await workbookContent(await BINARY_FORMATTERS.xlsx!(results, ctx));
    expect(streamedBook).toEqual(builtBook);
  }, 120_000);

  it('-q: the reports of the errors alone, streamed as built', async () => {
    const json = join(out, 'quiet.json');
    const md = join(out, 'quiet.md');
    const run = await cli('fixtures/seeds', 'fixtures/suppressions', '-q', '-f', 'json', '-o', json, '-f', 'markdown', '-o', md);
    expect(run.code).toBe(1);
    const { linter, settingsFor } = loadConfig(undefined, process.cwd(), 'zh');
    const whole = await lintPaths(linter, ['fixtures/seeds', 'fixtures/suppressions'], { lang: 'zh', settingsFor });
    const errors = whole.results.map((r) => ({ ...r, findings: r.findings.filter((f) => f.severity === 'error') }));
    expect(readFileSync(json, 'utf8')).toBe(FORMATTERS.json!(errors, context(linter)));
    expect(readFileSync(md, 'utf8')).toBe(FORMATTERS.markdown!(errors, context(linter)));
  }, 60_000);

  it('stdout: the text in pieces joins to the report', async () => {
    const run = await cli('fixtures/seeds', '-f', 'sarif');
    const { linter, settingsFor } = loadConfig(undefined, process.cwd(), 'zh');
    const whole = await lintPaths(linter, ['fixtures/seeds'], { lang: 'zh', settingsFor });
    expect(run.out).toBe(FORMATTERS.sarif!(whole.results, context(linter)));
  }, 60_000);
});

describe('the store of a run’s results', () => {
  it('gives back each file’s bytes in the files’ order, whatever order they came in: chunks written out, one larger than a chunk, files never filed', () => {
    const n = 3000;
    const store = new Outcomes(n);
    const payload = (i: number) => new TextEncoder().encode(i === 1234 ? `[${'x'.repeat(1_500_000)}${i}]` : JSON.stringify({ i, text: `文件${i}`.repeat(i % 200) }));
    // completion order: reversed in blocks of 8, as worker batches come back; file 77 never comes
    const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => Math.floor(a / 8) - Math.floor(b / 8) || b - a);
    for (const i of order) if (i !== 77) store.put(i, { bytes: payload(i), unreadable: i % 10 === 0, ...(i === 5 ? { error: 'x' } : {}) });
    try {
      for (let pass = 0; pass < 2; pass++) {
        for (let i = 0; i < n; i++) {
          if (i === 77) {
            expect(store.has(i)).toBe(false);
            continue;
          }
          expect(Buffer.from(store.bytes(i)).equals(Buffer.from(payload(i))), `file ${i}`).toBe(true);
          expect(store.unreadable(i)).toBe(i % 10 === 0);
        }
      }
      expect(store.error(5)).toBe('x');
    } finally {
      store.close();
    }
  });
});
