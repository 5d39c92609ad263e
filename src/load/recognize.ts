/**
 * Which layout a grid holds — a project summary table or one of the forms — and the
 * canonical submission read from it. One document per recognised grid (worksheet).
 * Browser-safe.
 */
import type { LoadedDocument, LoadProblem, LoadResult } from '../types.js';
import { formKindOf, readForm } from './forms.js';
import type { Grid } from './grid.js';
import { findSummaryHeader, readSummary } from './summary-table.js';

export function recognizeGrid(grid: Grid): { data: Record<string, unknown>; sourceMap: LoadedDocument['sourceMap']; problems: LoadProblem[] } | null {
  const start = findSummaryHeader(grid);
  if (start >= 0) {
    const s = readSummary(grid, start);
    return { data: s.data, sourceMap: s.map, problems: s.problems };
  }
  const form = formKindOf(grid);
  if (form) {
    const f = readForm(grid, form);
    return { data: f.data, sourceMap: f.map, problems: f.problems };
  }
  return null;
}

/** Read every grid; grids of a workbook become documents {index, sheet}. */
export function recognize(grids: Grid[], workbook = false): LoadResult {
  const documents: LoadedDocument[] = [];
  const problems: LoadProblem[] = [];
  for (const grid of grids) {
    let found;
    try {
      found = recognizeGrid(grid);
    } catch (e) {
      problems.push({
        ruleId: 'parse-error',
        args: { detail: `cannot read ${grid.sheet ? `sheet "${grid.sheet}"` : 'the table'}: ${e instanceof Error ? e.message : String(e)}`, offset: 0 },
        location: { pointer: '', ...(grid.sheet ? { sheet: grid.sheet, cell: 'A1' } : {}) },
      });
      continue;
    }
    if (!found) continue;
    const index = documents.length;
    documents.push({
      data: found.data,
      sourceMap: found.sourceMap,
      ...(workbook ? { document: { index, ...(grid.sheet !== undefined ? { sheet: grid.sheet } : {}) } } : {}),
    });
    for (const p of found.problems) problems.push(workbook ? { ...p, document: index } : p);
  }
  if (documents.length === 0 && problems.length === 0) {
    problems.push({
      ruleId: 'parse-error',
      args: {
        detail: workbook
          ? 'no sheet holds a recognised table (项目名称 + 预算/执行 columns, or a form with 一级/二级/三级指标)'
          : 'no recognised table: no header row with 项目名称 and 预算/执行 columns, and no form with 一级/二级/三级指标',
        offset: 0,
      },
      location: { pointer: '' },
    });
  }
  return { documents, problems };
}
