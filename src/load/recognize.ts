/**
 * Which layouts a grid holds — a project summary table or one of the forms — and the
 * canonical submissions read from it. A grid may hold several forms one after another
 * (seed 001: a department form then a project form in one Word document; several forms
 * stacked in one worksheet): it is cut at each form title (「…自评表」「…目标表」 alone in its
 * row) and each part that holds a form becomes one document. Browser-safe.
 */
import type { GridView, LoadedDocument, LoadProblem, LoadResult } from '../types.js';
import { categoryLabel, HIERARCHY, level1Of, type Hierarchy } from '../vocabulary.js';
import { formKindOf, readForm, titledTarget } from './forms.js';
import { foldLabel, isEmpty, type Grid } from './grid.js';
import { builtInLayouts, chooseLayout, identifiedLayout, layoutInfo, type Layout, type LayoutInfo } from './layouts.js';
import { problem } from './problem.js';
import { isReportGrid, readReport, readReportTable } from './report.js';
import { findSummaryHeader, readSummary } from './summary-table.js';

type Recognized = { data: Record<string, unknown>; sourceMap: LoadedDocument['sourceMap']; problems: LoadProblem[]; layout?: LayoutInfo; unsure?: boolean };

const NUMBER = /^[-+]?[\d,，.．]+%?$/;
const isNum = (v: unknown) => typeof v === 'string' && NUMBER.test(v.replace(/\s/g, '')) ;
const isText = (v: unknown) => typeof v === 'string' && v.trim() !== '' && !/^[—\-/]+$/.test(v.trim());

/**
 * Why a form read by a layout cannot be trusted, or null: values that are labels or words where the
 * layout puts figures (an amount, a rate or a score that is text), indicator rows whose weight or
 * score is no number, or several header labels the layout does not know. This is what text whose
 * merged cells collapsed gives when it cannot be aligned: a reviewer would not trust it either.
 */
function readingDoubt(data: Record<string, unknown>, problems: readonly LoadProblem[], layout?: Layout): string | null {
  const unknown = problems.filter((p) => p.ruleId === 'unknown-column').length;
  if (unknown >= 3) return `有 ${unknown} 个表头无法对应到栏目`;
  const budget = data.budget as Record<string, unknown> | undefined;
  if (budget) {
    const bad: string[] = [];
    for (const k of ['initial', 'adjusted', 'actual']) {
      const funds = budget[k] as Record<string, unknown> | undefined;
      for (const v of Object.values(funds ?? {})) if (isText(v) && !isNum(v)) bad.push(String(v));
    }
    for (const k of ['weight', 'rate', 'score']) if (isText(budget[k]) && !isNum(budget[k])) bad.push(String(budget[k]));
    if (bad.length > 0) return `预算执行栏中「${bad[0]}」不是数字`;
  }
  const list = (data.indicators as Array<Record<string, unknown>> | undefined) ?? [];
  if (list.length > 0) {
    const scored = list.filter((i) => isText(i.weight) || isText(i.score));
    const wrong = scored.filter((i) => (isText(i.weight) && !isNum(i.weight)) || (isText(i.score) && !isNum(i.score)));
    const nameless = list.filter((i) => !isText(i.name) || isNum(i.name)).length;
    // first levels that are no first-level category (a value or a second level read into that column)
    const levelled = list.filter((i) => isText(i.level1));
    // first levels of the framework, or of the one the layout prints (Anhui's 规划 / 执行 / 效果)
    const own = new Set(Object.values((layout?.policy.hierarchy ?? {}) as Record<string, string>));
    const strays = levelled.filter((i) => level1Of(foldLabel(String(i.level1))) === null && !own.has(categoryLabel(String(i.level1)).replace(/类?指标$/, '')));
    if (levelled.length >= 3 && strays.length >= levelled.length * 0.5) return `一级指标栏读出「${String(strays[0]?.level1)}」等，不是指标类别`;
    if (wrong.length >= Math.max(2, scored.length * 0.3)) return `${wrong.length} 行指标的分值或得分不是数字`;
    if (nameless >= Math.max(2, list.length * 0.3)) return `${nameless} 行指标没有读出名称`;
  }
  return null;
}

/** The folded texts of a grid's cells (each once) and its title line, for scoring layouts. */
function keysOf(grid: Grid): { keys: string[]; title: string } {
  const keys = new Set<string>();
  let title = '';
  for (const row of grid.rows) {
    for (const t of row) {
      if (isEmpty(t) || t.length > 200) continue;
      const k = foldLabel(t);
      keys.add(k);
      if (!title && /表/.test(k) && k.length <= 80) title = k;
    }
  }
  return { keys: [...keys], title };
}

/**
 * What a reader recognises forms by: the bureau's hierarchy of indicator categories (settings.hierarchy)
 * and the printed layouts (the built-in ones, plus a bureau's own from config `layoutDirs`).
 */
export interface Reading {
  /** Second-level indicator names → first level (default: the national HIERARCHY). */
  hierarchy?: Hierarchy;
  /** The printed layouts to recognise (default: the built-in ones, layouts/*.yaml). */
  layouts?: readonly Layout[];
}

export function recognizeGrid(grid: Grid, reading: Reading = {}): Recognized | null {
  const hierarchy = reading.hierarchy ?? HIERARCHY;
  const layouts = reading.layouts ?? builtInLayouts();
  // A narrative report is decided first, by what it is (src/load/report.ts reportKind: a report title,
  // an opening 「一、基本情况」, a third party's 「受…委托」): its budget and indicator tables are the report's,
  // not a summary table or a form. Untitled prose about 绩效自评 is a report only when no table was found.
  if (isReportGrid(grid)) {
    const report = readReport(grid);
    if (report) return { data: report.data, sourceMap: report.map, problems: report.problems };
  }
  const start = findSummaryHeader(grid);
  // a grid titled as a target form is that form, whatever its funds rows look like
  if (start >= 0 && !titledTarget(grid)) {
    const s = readSummary(grid, start, hierarchy);
    const layout = layouts.find((l) => l.form === 'project-summary' && !l.abstract);
    return { data: s.data, sourceMap: s.map, problems: s.problems, ...(layout ? { layout: layoutInfo(layout) } : {}) };
  }
  // the form by its national labels and title; else the form of a layout its own labels and title
  // identify (a province's form whose labels the national reading does not know)
  const { keys, title } = keysOf(grid);
  const form = formKindOf(grid) ?? identifiedLayout(layouts, keys, title)?.form;
  if (form) {
    const layout = chooseLayout(layouts, form, keys, title);
    const f = readForm(grid, form, hierarchy, layout);
    const doubt = readingDoubt(f.data, f.problems, layout);
    if (doubt && layout) {
      // unsure of the structure: one finding, and no check derives anything from a misreading
      return {
        data: {},
        sourceMap: f.map,
        problems: [{ ruleId: 'layout-unrecognized', args: { layout: layout.name, reason: doubt }, location: { pointer: '', ...grid.place(0, 0) } }],
        unsure: true,
      };
    }
    return { data: f.data, sourceMap: f.map, problems: f.problems, ...(layout ? { layout: layoutInfo(layout) } : {}) };
  }
  // no form and no summary table: a narrative report (自评报告, 自评结果; src/load/report.ts)? or a report's indicator table alone
  const report = readReport(grid) ?? readReportTable(grid);
  return report ? { data: report.data, sourceMap: report.map, problems: report.problems, ...(report.layout ? { layout: report.layout } : {}) } : null;
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

/** Labels of the forms (one word per column kind: 全年执行数 counts as 执行数). Four or more of them in
 * one cell means a whole table was run into one line of text. */
const FORM_WORDS = [
  '项目名称', '主管部门', '实施单位', '预算数', '执行数', '执行率', '一级指标', '二级指标', '三级指标', '指标值', '完成值',
  '分值', '得分', '年度总体目标', '绩效指标', '绩效目标', '资金总额', '资金情况', '立项依据', '收入构成', '支出构成', '联系电话', '填报日期',
];
const GLUED_MINIMUM = 5;

/** The labels found together in one cell when a table's cells were glued into one line (text of a PDF
 * or a web page that lost its structure), quoted for the finding; null when no cell holds a table. */
function gluedTable(grids: readonly Grid[]): string | null {
  for (const g of grids) {
    for (const row of g.rows) {
      for (const cell of row) {
        if (cell.length < 40) continue;
        const key = foldLabel(cell.length > 20_000 ? cell.slice(0, 20_000) : cell);
        const found = FORM_WORDS.filter((w) => key.includes(w));
        if (found.length >= GLUED_MINIMUM) return found.slice(0, 4).map((w) => `「${w}」`).join('');
      }
    }
  }
  return null;
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
export function recognize(grids: Grid[], workbook = false, reading: Reading = {}): LoadResult {
  const documents: LoadedDocument[] = [];
  const problems: LoadProblem[] = [];
  const found: Array<{ grid: Grid } & Recognized> = [];
  for (const grid of grids) {
    problems.push(...(grid.problems ?? []));
    for (const part of splitForms(grid)) {
      let f;
      try {
        f = recognizeGrid(part, reading);
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
      if (f?.unsure) problems.push(...f.problems);
      else if (f) found.push({ grid: part, ...f });
    }
  }
  const several = workbook || found.length > 1;
  for (const f of found) {
    const index = documents.length;
    documents.push({
      data: f.data,
      sourceMap: f.sourceMap,
      ...(f.layout ? { layout: f.layout } : {}),
      ...(several ? { document: { index, ...(f.grid.sheet !== undefined && workbook ? { sheet: f.grid.sheet } : {}) } } : {}),
    });
    for (const p of f.problems) problems.push(several ? { ...p, document: index } : p);
  }
  const glued = documents.length === 0 && problems.length === 0 ? gluedTable(grids) : null;
  if (glued) problems.push({ ruleId: 'table-structure-lost', args: { labels: glued }, location: { pointer: '' } });
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
