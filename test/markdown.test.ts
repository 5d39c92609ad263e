/**
 * Markdown, issue 24: the sheets of the .xlsx fixtures as GitHub tables and seed 003 as a
 * Markdown report (scripts/make-md-fixtures.mjs) give the findings of the .xlsx and of the
 * .docx report (fixtures/import/<name>.xlsx.expected, fixtures/docx/report-003.docx.expected),
 * at the table cell or the paragraph's line in the file.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { beforeAll, describe as suite, expect, it } from 'vitest';
import { loadBytes } from '../src/load/index.js';
import { markdownGrid } from '../src/load/markdown.js';
import { discover } from '../src/node/files.js';
import { makeMdFixtures } from '../scripts/make-md-fixtures.mjs';
import { describe, describeExpected, lintFile, parseExpectations } from './helpers/linter.js';

const tmp = mkdtempSync(join(tmpdir(), 'jixiao-md-'));
let files: Record<string, string> = {};

beforeAll(async () => {
  files = Object.fromEntries((await makeMdFixtures(tmp)).map((f) => [basename(f), f]));
});

function expectedFor(path: string): string[] {
  const parsed = parseExpectations(readFileSync(path, 'utf8'));
  if (!parsed) throw new Error(`${path} has no # expect: block`);
  return parsed.map((e) => describeExpected({ ...e, place: undefined }));
}

const file = (name: string) => files[name] as string;
const findings = async (name: string) => (await lintFile(file(name))).flatMap((r) => r.findings);

suite('Markdown as the .xlsx and .docx', () => {
  it('summary.md: the findings of summary.xlsx, at table cells with their line', async () => {
    const found = await findings('summary.md');
    expect(found.map((f) => describe(f, false))).toEqual(expectedFor('fixtures/import/summary.xlsx.expected'));
    const typo = found.find((f) => f.ruleId === 'invalid-number')?.location;
    const lines = readFileSync(file('summary.md'), 'utf8').split('\n');
    expect(typo).toMatchObject({ sheet: '表1', cell: 'D6' });
    expect(lines[(typo?.line as number) - 1]?.slice((typo?.column as number) - 1)).toMatch(/^454\.O6 \|/);
  });

  it('forms.md: the findings of forms.xlsx, one submission per form', async () => {
    const results = await lintFile(file('forms.md'));
    expect(results.map((r) => r.form)).toEqual(['project-self-eval', 'department-self-eval', 'target-table']);
    expect(results.flatMap((r) => r.findings).map((f) => describe(f, false))).toEqual(expectedFor('fixtures/import/forms.xlsx.expected'));
  });

  it('forms.md reads the same submissions as forms.xlsx', async () => {
    const a = await loadBytes('forms.xlsx', readFileSync(join(tmp, 'xlsx', 'forms.xlsx')));
    const b = await loadBytes('forms.md', readFileSync(file('forms.md')));
    expect(b.documents.map((d) => d.data)).toEqual(a.documents.map((d) => d.data));
  });

  it('report-003.md: a narrative report with headings as sections, the findings of report-003.docx', async () => {
    const found = await findings('report-003.md');
    expect(found.map((f) => describe(f, false))).toEqual(expectedFor('fixtures/docx/report-003.docx.expected'));
    const lines = readFileSync(file('report-003.md'), 'utf8').split('\n');
    const at = found[0]?.location;
    expect(at?.sheet).toBeUndefined();
    expect(lines[(at?.line as number) - 1]).toContain('年度目标');
  });

  it('headings, list items and quotes are paragraphs; code is not text of the report', () => {
    const grid = markdownGrid('# 标题\n\n- 第一项\n- 第二项\n\n> 引文\n\n```\ncode\n```\n\n| a | b |\n| - | - |\n| 1 | 2 |\n');
    expect(grid.rows).toEqual([['标题'], ['第一项'], ['第二项'], ['引文'], ['a', 'b'], ['1', '2']]);
    expect(grid.place(5, 1)).toEqual({ sheet: '表1', cell: 'B2', line: 14, column: 7 });
    expect(grid.place(1, 0)).toEqual({ line: 3, column: 3 });
  });

  it('Markdown is linted when named or matched by a glob, not picked up by a folder search (README.md)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jixiao-md-dir-'));
    const { writeFileSync } = await import('node:fs');
    writeFileSync(join(dir, 'a.md'), '# x\n');
    writeFileSync(join(dir, 'b.markdown'), '# y\n');
    writeFileSync(join(dir, 'c.yaml'), 'form: target-table\n');
    expect(discover([dir]).map((f) => basename(f))).toEqual(['c.yaml']);
    expect(discover([`${dir}/*.md`, join(dir, 'b.markdown')]).map((f) => basename(f))).toEqual(['a.md', 'b.markdown']);
  });
});
