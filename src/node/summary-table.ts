/**
 * The per-file summary table printed at the end of a batch run (`--summary`):
 *
 *   文件            表格                单位      错误  警告  自评总分
 *   reports/a.yaml  项目支出绩效自评表  示例单位     1     0        95
 *   reports/b.yaml  项目支出绩效自评表  另一单位     0     0       100
 *
 *   2 个文件，2 份表格：1 份有错误，0 份只有警告，1 份无错误和警告
 *
 * One row per submission (a file holding several gets "#2" / "[Sheet]"), in the order
 * linted; a file that could not be read (or holds no form) is a row too, counted apart. Columns are aligned by display width (CJK characters count 2). Plain text, no
 * colors: it is meant to be read or copied into a spreadsheet.
 */
import { formName } from '../report/labels.js';
import { relativePath, submissionLabel } from '../report/util.js';
import type { Lang, SubmissionResult } from '../types.js';
import { displayWidth } from '../report/width.js';
import { arraySource, collect, Tally, type ResultSource, type Write } from '../report/stream.js';

const HEAD: Record<Lang, string[]> = {
  zh: ['文件', '表格', '单位', '错误', '警告', '自评总分'],
  en: ['file', 'form', 'unit', 'errors', 'warnings', 'total score'],
};

/** Columns aligned right (the numbers). */
const RIGHT = [false, false, false, true, true, true];

function pad(s: string, width: number, right: boolean): string {
  const fill = ' '.repeat(Math.max(0, width - displayWidth(s)));
  return right ? fill + s : s + fill;
}

/** The cells of one submission's row, and its counts. */
function rowOf(r: SubmissionResult, lang: Lang, cwd?: string): { cells: string[]; errors: number; warnings: number } {
  let errors = 0;
  let warnings = 0;
  for (const f of r.findings) {
    if (f.severity === 'error') errors++;
    else if (f.severity === 'warning') warnings++;
  }
  return {
    cells: [submissionLabel(r, relativePath(r.file, cwd)), formName(r.form, lang), r.facts?.unit ?? '—', String(errors), String(warnings), r.facts?.totalScore ?? '—'],
    errors,
    warnings,
  };
}

/** The table in pieces: a first pass for the column widths and the counts, a second for the rows. */
export function writeSummaryTable(source: ResultSource, lang: Lang, cwd: string | undefined, write: Write): void {
  const head = HEAD[lang];
  const widths = head.map((h) => displayWidth(h));
  const tally = new Tally();
  let forms = 0;
  let withErrors = 0;
  let onlyWarnings = 0;
  source.each((r) => {
    tally.add(r);
    const row = rowOf(r, lang, cwd);
    row.cells.forEach((c, i) => (widths[i] = Math.max(widths[i] as number, displayWidth(c))));
    // a file that could not be read, or in which no form was found, is a row but not a submission
    if (r.form === null) return;
    forms++;
    if (row.errors > 0) withErrors++;
    else if (row.warnings > 0) onlyWarnings++;
  });
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => pad(c, widths[i] as number, RIGHT[i] as boolean))
      .join('  ')
      .trimEnd();
  write(`${line(head)}\n`);
  source.each((r) => write(`${line(rowOf(r, lang, cwd).cells)}\n`));
  const files = tally.files;
  const unread = tally.results - forms;
  const clean = forms - withErrors - onlyWarnings;
  const total =
    lang === 'zh'
      ? `${files} 个文件，${forms} 份表格：${withErrors} 份有错误，${onlyWarnings} 份只有警告，${clean} 份无错误和警告${unread > 0 ? `；另有 ${unread} 个文件未能读取或未找到表格` : ''}`
      : `${files} file(s), ${forms} submission(s): ${withErrors} with errors, ${onlyWarnings} with warnings only, ${clean} without errors or warnings${unread > 0 ? `; ${unread} file(s) could not be read or hold no form` : ''}`;
  write(`\n${total}\n`);
}

export function formatSummaryTable(results: readonly SubmissionResult[], lang: Lang, cwd?: string): string {
  return collect((w) => writeSummaryTable(arraySource(results), lang, cwd, w));
}
