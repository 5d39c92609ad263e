/**
 * Which layouts a grid holds — a project summary table or one of the forms — and the
 * canonical submissions read from it. A grid may hold several forms one after another
 * (seed 001: a department form then a project form in one Word document; several forms
 * stacked in one worksheet): it is cut at each form title (「…自评表」「…目标表」 alone in its
 * row) and each part that holds a form becomes one document. Browser-safe.
 */
import type { GridView, LoadedDocument, LoadProblem, LoadResult } from '../types.js';
import { HIERARCHY, type Hierarchy } from '../vocabulary.js';
import { formKindOf, readForm } from './forms.js';
import { foldLabel, isEmpty, type Grid } from './grid.js';
import { problem } from './problem.js';
import { isReportGrid, readReport } from './report.js';
import { findSummaryHeader, readSummary } from './summary-table.js';

export function recognizeGrid(grid: Grid, hierarchy: Hierarchy = HIERARCHY): { data: Record<string, unknown>; sourceMap: LoadedDocument['sourceMap']; problems: LoadProblem[] } | null {
  // A narrative report is decided first, by what it is (src/load/report.ts reportKind: a report title,
  // an opening 「一、基本情况」, a third party's 「受…委托」): its budget and indicator tables are the report's,
  // not a summary table or a form. Untitled prose about 绩效自评 is a report only when no table was found.
  if (isReportGrid(grid)) {
    const report = readReport(grid);
    if (report) return { data: report.data, sourceMap: report.map, problems: report.problems };
  }
  const start = findSummaryHeader(grid);
  if (start >= 0) {
    const s = readSummary(grid, start, hierarchy);
    return { data: s.data, sourceMap: s.map, problems: s.problems };
  }
  const form = formKindOf(grid);
  if (form) {
    const f = readForm(grid, form, hierarchy);
    return { data: f.data, sourceMap: f.map, problems: f.problems };
  }
  // no form and no summary table: a narrative report (自评报告, 自评结果; src/load/report.ts)?
  const report = readReport(grid);
  return report ? { data: report.data, sourceMap: report.map, problems: report.problems } : null;
}

/** A form title: alone in its row, naming a self-evaluation or target form. */
const FORM_TITLE = /(自评表|目标表|评价表|绩效目标申报表|批复表|绩效自评汇总表)$/;

function isTitleRow(row: readonly string[]): boolean {
  const filled = row.filter((t) => !isEmpty(t));
  if (filled.length !== 1) return false;
  const key = foldLabel(filled[0] as string);
  return key.length <= 60 && FORM_TITLE.test(key);
}

/** The rows [from, to) of a grid as a grid of their own (places stay those of the whole). */
function slice(grid: Grid, from: number, to: number): Grid {
  if (from === 0 && to === grid.rows.length) return grid;
  const merges = grid.merges
    ?.filter((m) => m.top >= from && m.top < to)
    .map((m) => ({ top: m.top - from, bottom: Math.min(m.bottom, to - 1) - from, left: m.left, right: m.right }));
  return {
    rows: grid.rows.slice(from, to),
    place: (r, c) => grid.place(r + from, c),
    positional: grid.positional,
    ...(grid.sheet !== undefined ? { sheet: grid.sheet } : {}),
    ...(merges ? { merges } : {}),
    ...(from === 0 && grid.context ? { context: grid.context } : {}),
  };
}

/** Cut a grid at its form titles. A part without a form joins the next part (a title
 * followed by a subtitle), so each returned part starts at the first of its titles. */
export function splitForms(grid: Grid): Grid[] {
  const starts: number[] = [];
  grid.rows.forEach((row, r) => {
    if (isTitleRow(row)) starts.push(r);
  });
  const bounds = [0, ...starts.filter((r) => r > 0), grid.rows.length];
  if (bounds.length <= 2) return [grid];
  const parts: Grid[] = [];
  let from = 0;
  for (let i = 1; i < bounds.length; i++) {
    const to = bounds[i] as number;
    const part = slice(grid, from, to);
    const holdsForm = findSummaryHeader(part) >= 0 || formKindOf(part) !== null;
    if (holdsForm || to === grid.rows.length) {
      parts.push(part);
      from = to;
    }
  }
  return parts;
}

/** A grid as plain data for renderers (the web page). */
export function gridView(grid: Grid): GridView {
  return {
    rows: grid.rows,
    ...(grid.sheet !== undefined ? { name: grid.sheet } : {}),
    ...(grid.merges ? { merges: grid.merges } : {}),
    places: grid.rows.map((row, r) => row.map((_, c) => grid.place(r, c))),
  };
}

/** Read every grid (each worksheet, or the one grid of a document); every form found is a
 * document. `workbook`: documents carry their sheet names. */
export function recognize(grids: Grid[], workbook = false, hierarchy: Hierarchy = HIERARCHY): LoadResult {
  const documents: LoadedDocument[] = [];
  const problems: LoadProblem[] = [];
  const found: Array<{ grid: Grid; data: Record<string, unknown>; sourceMap: LoadedDocument['sourceMap']; problems: LoadProblem[] }> = [];
  for (const grid of grids) {
    problems.push(...(grid.problems ?? []));
    for (const part of splitForms(grid)) {
      let f;
      try {
        f = recognizeGrid(part, hierarchy);
      } catch {
        const where = grid.sheet ? `工作表「${grid.sheet}」` : '表格';
        const whereEn = grid.sheet ? `sheet "${grid.sheet}"` : 'the table';
        problems.push(
          problem(`${where}的结构无法识别，已跳过该部分。`, `The layout of ${whereEn} could not be read; that part was skipped.`, {
            pointer: '',
            ...(grid.sheet ? { sheet: grid.sheet, cell: 'A1' } : {}),
          }),
        );
        continue;
      }
      if (f) found.push({ grid: part, ...f });
    }
  }
  const several = workbook || found.length > 1;
  for (const f of found) {
    const index = documents.length;
    documents.push({
      data: f.data,
      sourceMap: f.sourceMap,
      ...(several ? { document: { index, ...(f.grid.sheet !== undefined && workbook ? { sheet: f.grid.sheet } : {}) } } : {}),
    });
    for (const p of f.problems) problems.push(several ? { ...p, document: index } : p);
  }
  if (documents.length === 0 && problems.length === 0) {
    problems.push(
      problem(
        workbook
          ? '没有找到可检查的表格：各工作表中既没有含「项目名称」和预算/执行列的汇总表，也没有含「一级指标／二级指标／三级指标」的绩效表。'
          : '没有找到可检查的表格：既没有含「项目名称」和预算/执行列的汇总表，也没有含「一级指标／二级指标／三级指标」的绩效表。',
        workbook
          ? 'No table to check: no sheet holds a summary table (项目名称 with budget/spending columns) or a form with 一级/二级/三级指标.'
          : 'No table to check: no summary table (项目名称 with budget/spending columns) and no form with 一级/二级/三级指标.',
      ),
    );
  }
  return { documents, problems, grids: grids.map(gridView) };
}
