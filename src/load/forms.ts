/**
 * The form layouts read from a grid (a worksheet): 项目支出绩效自评表 (project-self-eval),
 * 部门整体绩效目标自评表 (department-self-eval) and 绩效目标表 (target-table), as in seeds
 * 001 and 004. Everything is found by its label — the value beside "自评总得分", the values
 * under "全年执行数", the indicator rows under "一级指标 | 二级指标 | 三级指标 …" — never
 * by fixed coordinates. Browser-safe.
 */
import { joinPointer, type FormKind, type LoadProblem } from '../types.js';
import { categoryOf, fundPart as fundPartOf, HIERARCHY, INDICATOR_BLOCK, level1Of, MONEY_UNIT, moneyUnitOf, type BudgetColumn as BudgetCol, type Hierarchy } from '../vocabulary.js';
import { applyEnvelope, CellMap, foldLabel, isEmpty, readEnvelope, type Grid, type Place } from './grid.js';
import { nationalLayout, roleOf, type Layout } from './layouts.js';

type At = [number, number];

interface Ctx {
  grid: Grid;
  map: CellMap;
  problems: LoadProblem[];
  /** Second-level names → first level (the bureau's settings.hierarchy). */
  hierarchy: Hierarchy;
  /** The printed layout read (layouts/*.yaml): which label plays which role. */
  layout: Layout;
}

const cellAt = (g: Grid, [r, c]: At) => (g.rows[r]?.[c] ?? '').trim();
const keyAt = (g: Grid, at: At) => foldLabel(cellAt(g, at));

/** Every cell whose folded label matches. */
function findAll(g: Grid, re: RegExp, rows?: [number, number]): At[] {
  const out: At[] = [];
  const [from, to] = rows ?? [0, g.rows.length];
  for (let r = from; r < to; r++) (g.rows[r] ?? []).forEach((t, c) => !isEmpty(t) && re.test(foldLabel(t)) && out.push([r, c]));
  return out;
}

function find(g: Grid, re: RegExp, rows?: [number, number]): At | null {
  return findAll(g, re, rows)[0] ?? null;
}

/** Any label of the forms: a cell holding one is never read as the value of another label. */
const LABEL =
  /^(部门名称|单位名称|项目名称|主管部门|实施单位|联系人|联系电话|自评总得分|评价等级|自评等级|年度总体目标|绩效指标|一级指标|二级指标|三级指标|总体绩效目标|年度重点工作任务)$/;

/** The first non-empty cell right of a label in its row (its merged value cell). */
function beside(g: Grid, [r, c]: At): At | null {
  const row = g.rows[r] ?? [];
  for (let k = c + 1; k < row.length; k++) {
    if (isEmpty(row[k])) continue;
    return LABEL.test(foldLabel(row[k] as string)) ? null : [r, k];
  }
  return null;
}

/** The first non-empty cell under a label in its column, within `depth` rows. */
function below(g: Grid, [r, c]: At, depth = 4): At | null {
  for (let k = r + 1; k < g.rows.length && k <= r + depth; k++) {
    const t = g.rows[k]?.[c];
    if (!isEmpty(t)) return LABEL.test(foldLabel(t as string)) ? null : [k, c];
  }
  return null;
}

function put(ctx: Ctx, obj: Record<string, unknown>, key: string, pointer: string, at: At | null): void {
  if (!at) return;
  obj[key] = cellAt(ctx.grid, at);
  ctx.map.set(pointer, ctx.grid.place(...at));
}

// ---------- 全年预算执行情况 ----------

function readBudget(ctx: Ctx, data: Record<string, unknown>): number {
  const g = ctx.grid;
  // a column label, not a sentence that names one (an 指标解释 「…预算执行数:部门本年度实际执行的预算数」)
  const actualAt = findAll(g, /执行数|决算数/).find((at) => keyAt(g, at).length <= 40);
  if (!actualAt) return -1;
  const hr = actualAt[0];
  const cols: Array<{ col: BudgetCol; c: number }> = [];
  (g.rows[hr] ?? []).forEach((t, c) => {
    if (isEmpty(t)) return;
    const role = roleOf(ctx.layout, 'budget', foldLabel(t));
    const col = role === 'block' ? null : role;
    if (col && !cols.some((x) => x.col === col)) cols.push({ col, c });
  });
  const budget: Record<string, unknown> = {};
  const base = '/budget';
  // The block starts at its own label (全年预算执行情况（万元）): a missing field points there.
  const blockAt = (g.rows[hr] ?? []).findIndex((t) => !isEmpty(t));
  ctx.map.set(base, g.place(hr, blockAt < 0 ? actualAt[1] : blockAt));
  const width = (g.rows[hr] ?? []).length;
  const money = cols.filter((x) => x.col === 'initial' || x.col === 'adjusted' || x.col === 'actual');
  const scalars = cols.filter((x) => !(x.col === 'initial' || x.col === 'adjusted' || x.col === 'actual'));
  // sub-header: 总数 / 其中：财政资金 under each money column
  let r = hr + 1;
  while (r < g.rows.length && (g.rows[r] ?? []).every(isEmpty)) r++;
  const subRow = (g.rows[r] ?? []).some((t) => !isEmpty(t) && fundPartOf(foldLabel(t)) !== null) && !(g.rows[r] ?? []).some((t) => /\d/.test(t)) ? r : -1;
  // Where each column's values are. Normally under its label; but when a merged header cell
  // collapsed to one cell (Word table saved as text), the sub-header shows the real columns:
  // its groups of fund parts (总数 | 其中：财政资金) are the money columns in order, and the
  // columns after the last group are the scalars (分值, 执行率, 得分) in order.
  const valueCol = new Map<BudgetCol, number>(cols.map((x) => [x.col, x.c]));
  const spans = new Map<BudgetCol, readonly [number, number]>();
  const groups = subRow >= 0 ? fundGroups(g.rows[subRow] ?? []) : [];
  if (groups.length === money.length && groups.some((gr, i) => gr[0] !== money[i]?.c)) {
    money.forEach((m, i) => {
      const gr = groups[i] as [number, number];
      valueCol.set(m.col, gr[0]);
      spans.set(m.col, gr);
    });
    const after = (groups[groups.length - 1] as [number, number])[1];
    scalars.forEach((x, i) => valueCol.set(x.col, after + i));
  }
  const span = (col: BudgetCol, c: number) => {
    const known = spans.get(col);
    if (known) return known;
    const next = cols.map((x) => x.c).filter((x) => x > c);
    return [c, next.length ? Math.min(...next) : width] as const;
  };
  // value rows: labelled by fund part on the left (national form), or the first row of numbers
  const firstMoneyCol = Math.min(...money.map((x) => x.c), width);
  const valueRows: Array<{ r: number; part: string | null }> = [];
  for (let k = (subRow >= 0 ? subRow : hr) + 1; k < g.rows.length && k <= hr + 8; k++) {
    const row = g.rows[k] ?? [];
    if (row.every(isEmpty)) continue;
    const leftLabel = row.slice(0, firstMoneyCol).map((t) => fundPartOf(foldLabel(t))).find((p) => p !== null) ?? null;
    const hasValue = money.some((x) => !isEmpty(row[valueCol.get(x.col) ?? x.c]));
    if (!hasValue && !leftLabel) break;
    if (LABEL.test(foldLabel(row.find((t) => !isEmpty(t)) ?? ''))) break;
    if (valueRows.length > 0 && !leftLabel) break;
    valueRows.push({ r: k, part: leftLabel });
    if (!leftLabel) break;
  }
  for (const m of money) {
    const funds: Record<string, unknown> = {};
    const p = joinPointer(base, m.col);
    ctx.map.set(p, g.place(hr, m.c));
    const [from, to] = span(m.col, m.c);
    for (const v of valueRows) {
      if (subRow >= 0) {
        for (let c = from; c < to; c++) {
          const part = fundPartOf(foldLabel(g.rows[subRow]?.[c] ?? ''));
          if (part && !(part in funds)) put(ctx, funds, part, joinPointer(p, part), [v.r, c]);
        }
      } else {
        const part = v.part ?? 'total';
        if (!(part in funds)) put(ctx, funds, part, joinPointer(p, part), [v.r, valueCol.get(m.col) ?? m.c]);
      }
    }
    budget[m.col] = funds;
  }
  const first = valueRows[0];
  for (const s of scalars) {
    if (first) put(ctx, budget, s.col, joinPointer(base, s.col), [first.r, valueCol.get(s.col) ?? s.c]);
  }
  const order = ['initial', 'adjusted', 'actual', 'weight', 'rate', 'score', 'explanation'];
  data.budget = Object.fromEntries(order.filter((k) => k in budget).map((k) => [k, budget[k]]));
  return hr;
}

/** Groups of fund-part labels in a sub-header row ([start, end) columns): a group starts at 总数/合计
 * or at a part already seen in the current group. */
function fundGroups(row: readonly string[]): Array<[number, number]> {
  const groups: Array<[number, number]> = [];
  let seen = new Set<string>();
  row.forEach((t, c) => {
    const part = isEmpty(t) ? null : fundPartOf(foldLabel(t));
    if (!part) return;
    const last = groups[groups.length - 1];
    if (!last || part === 'total' || seen.has(part) || last[1] !== c) {
      groups.push([c, c + 1]);
      seen = new Set([part]);
    } else {
      last[1] = c + 1;
      seen.add(part);
    }
  });
  return groups;
}

// ---------- 绩效指标 ----------

type IndCol =
  | 'level1'
  | 'level2'
  | 'name'
  | 'unit'
  | 'nature'
  | 'target'
  | 'actual'
  | 'achievement'
  | 'weight'
  | 'coefficient'
  | 'score'
  | 'explanation'
  | 'cycleValue'
  | 'annualValue'
  | 'targetSign'
  /** A column the layout knows but the canonical form does not keep (复核分, 绩效标准): it holds a place
   * in the row (text is aligned by content), and nothing is read from it. */
  | 'skip';

/** The column a folded header label names under the layout; 'known' for a column the layout knows
 * but the canonical form does not keep (复核分, 评分标准), null for a label it does not know. */
function indicatorColumn(layout: Layout, key: string, form: FormKind): IndCol | 'known' | null {
  const role = roleOf(layout, 'indicators', key);
  if (role === 'review' || role === 'criteria' || role === 'remark' || role === 'serial' || role === 'block') return 'known';
  if (role === 'target' && form === 'target-table') return 'annualValue';
  return role;
}

const STOP = /总分|合计|存在的问题|改进措施$|评价等级|自评等级|^备注|^填表|^注[:：]|^其他需要说明|审核意见$/;

/** The value columns of an indicator row: a row with one of them filled is an indicator even when its
 * name cell is empty (a name lost or never written is the schema's finding, not a reason to renumber). */
const VALUE_COLS: ReadonlySet<IndCol> = new Set(['target', 'actual', 'weight', 'score', 'annualValue', 'cycleValue']);

/** A template row left unfilled: its name cell only the template's 「指标2」 or 「……」, no value. */
const FILLER_NAME = /^(?:[…⋯.。·]{2,}|指标\d{1,2}[:：]?)$/;

function readIndicators(ctx: Ctx, data: Record<string, unknown>, form: FormKind, after: number): number {
  const g = ctx.grid;
  // the header row: its 二级指标 or 三级指标 (a layout's own synonym of either, such as Hebei's 指标名称)
  const heads = findAll(g, /^三级指标|^二级指标/);
  const byLayout = heads.length > 0 ? [] : findAll(g, /指标|名称/).filter(([r, c]) => ['name', 'level2'].includes(roleOf(ctx.layout, 'indicators', keyAt(g, [r, c])) ?? ''));
  const hdr = [...heads, ...byLayout].find(([r]) => r > after) ?? find(g, /^三级指标/) ?? byLayout[0];
  if (!hdr) return -1;
  const hr = hdr[0];
  const cols: Array<{ col: IndCol; c: number }> = [];
  // A header printed over two rows (「年度指标值」 over 「指标性质 | 指标值 | 度量单位」): the row under
  // it holds labels only, and each of its labels names the column it stands in.
  const sub = subHeader(ctx, hr, form);
  const width = Math.max((g.rows[hr] ?? []).length, sub ? (g.rows[sub.r] ?? []).length : 0);
  for (let c = 0; c < width; c++) {
    const subCol = sub?.cols.get(c);
    const t = subCol ? (g.rows[sub?.r as number]?.[c] as string) : (g.rows[hr]?.[c] ?? '');
    if (isEmpty(t)) continue;
    const key = foldLabel(t);
    const col = subCol ?? indicatorColumn(ctx.layout, key, form);
    if (col === 'known') cols.push({ col: 'skip', c });
    else if (col && !cols.some((x) => x.col === col)) cols.push({ col, c });
    else if (!col && !/^绩效指标$/.test(key) && !(sub && isParentOfSub(g, hr, c, sub))) {
      ctx.problems.push({ ruleId: 'unknown-column', args: { header: t.trim() }, location: { pointer: '/indicators', ...g.place(hr, c) } });
    }
  }
  // One category header printed over two columns with no 二级指标 of its own (Hebei's 评价内容 over
  // 产出 | 数量指标): the first column holds the first level, the second the second level.
  const l1Head = cols.find((x) => x.col === 'level1');
  const splitLevels = g.positional && l1Head && !cols.some((x) => x.col === 'level2') && spanRight(g, hr, l1Head.c) === l1Head.c + 1;
  if (splitLevels) cols.push({ col: 'level2', c: l1Head.c + 1 });
  cols.sort((a, b) => a.c - b.c);
  const list: Record<string, unknown>[] = [];
  data.indicators = list;
  // the table's place: its category header (the one over both levels when they share it)
  ctx.map.set('/indicators', splitLevels && l1Head ? g.place(hr, l1Head.c) : g.place(...hdr));
  const nameCol = cols.find((x) => x.col === 'name')?.c ?? -1;
  let level1: At | null = null;
  let level2: At | null = null;
  let closed = false;
  for (let r = (sub ? sub.r : hr) + 1; r < g.rows.length; r++) {
    const row = g.rows[r] ?? [];
    if (row.every(isEmpty)) continue;
    const firstText = foldLabel(row.find((t) => !isEmpty(t)) ?? '');
    if (STOP.test(firstText)) {
      closed = true;
      const weightC = cols.find((x) => x.col === 'weight')?.c;
      const scoreC = cols.find((x) => x.col === 'score')?.c;
      if (/指标总分|指标合计|^合计$/.test(firstText) || (form !== 'project-self-eval' && /总分/.test(firstText))) {
        const totals: Record<string, unknown> = {};
        if (weightC !== undefined && !isEmpty(row[weightC])) put(ctx, totals, 'weight', '/indicatorTotals/weight', [r, weightC]);
        if (scoreC !== undefined && !isEmpty(row[scoreC])) put(ctx, totals, 'score', '/indicatorTotals/score', [r, scoreC]);
        if (Object.keys(totals).length > 0) {
          data.indicatorTotals = totals;
          ctx.map.set('/indicatorTotals', g.place(r, 0));
        }
      } else if (/^总分$/.test(firstText)) {
        // the national form's bottom row 「总分 | 100 | 97」: the points of the whole form and its total score
        if (weightC !== undefined && !isEmpty(row[weightC])) put(ctx, data, 'totalWeight', '/totalWeight', [r, weightC]);
        if (scoreC !== undefined && !isEmpty(row[scoreC]) && data.totalScore === undefined) put(ctx, data, 'totalScore', '/totalScore', [r, scoreC]);
      }
      break;
    }
    if (/^(一级指标|年度重点工作任务|总体绩效目标)/.test(firstText)) {
      closed = true;
      break;
    }
    const l1 = cols.find((x) => x.col === 'level1');
    const l2 = cols.find((x) => x.col === 'level2');
    // Where this row's values are: under their labels in a table whose columns line up; by
    // content in text whose merged cells collapsed (see alignByContent).
    let at: Map<IndCol, number>;
    if (g.positional) {
      // A cell that starts a merged range (even one printing only a space) is a new level; a
      // covered or empty cell ('') carries the level from above.
      // A level header merged over two columns (「一级指标」 spanning the 绩效指标 column too)
      // has its values in whichever of those columns holds one.
      const levelAt = (col: { c: number } | undefined): number => {
        if (!col) return -1;
        for (let k = col.c; k <= (splitLevels ? col.c : spanRight(g, hr, col.c)); k++) {
          const t = row[k] ?? '';
          if (t !== '' && !INDICATOR_BLOCK.test(foldLabel(t))) return k;
        }
        return -1;
      };
      const c1 = levelAt(l1);
      const c2 = levelAt(l2);
      if (c1 >= 0) level1 = [r, c1];
      if (c2 >= 0) level2 = [r, c2];
      if (nameCol < 0 || (isEmpty(row[nameCol]) && !cols.some((x) => VALUE_COLS.has(x.col) && !isEmpty(row[x.c])))) continue;
      at = new Map(cols.map((x) => [x.col, x.c]));
    } else {
      const a = alignByContent(row, cols, ctx.hierarchy);
      if (a.level1 !== undefined) level1 = [r, a.level1];
      if (a.level2 !== undefined) {
        level2 = [r, a.level2];
        // A new second level outside the first level carried down: the first level's merged
        // cell ended where the text lost it (seed 004's 服务对象满意度指标 rows).
        const implied = categoryOf(foldLabel(row[a.level2] as string), ctx.hierarchy);
        if (a.level1 === undefined && level1 && implied && level1Of(keyAt(g, level1)) !== implied) level1 = null;
      }
      if (a.name === undefined) continue;
      if (a.guessed) {
        ctx.problems.push({
          ruleId: 'ragged-row',
          args: { cells: row.filter((t) => !isEmpty(t)).length, expected: cols.length },
          location: { pointer: joinPointer('/indicators', list.length), ...g.place(r, a.name) },
        });
      }
      at = a.at;
    }
    const nameAt = at.get('name') ?? nameCol;
    if (FILLER_NAME.test(foldLabel(row[nameAt] ?? '')) && !cols.some((x) => VALUE_COLS.has(x.col) && at.get(x.col) !== undefined && !isEmpty(row[at.get(x.col) as number]))) {
      // not an indicator: a template row the unit left in (one placeholder-text finding names them)
      const filler = (data.templateRows ??= []) as string[];
      if (filler.length === 0) ctx.map.set('/templateRows', g.place(r, nameAt));
      ctx.map.set(joinPointer('/templateRows', filler.length), g.place(r, nameAt));
      filler.push((row[nameAt] as string).trim());
      continue;
    }
    const i = list.length;
    const base = joinPointer('/indicators', i);
    const ind: Record<string, unknown> = {};
    ctx.map.set(base, g.place(r, nameAt));
    for (const { col } of cols) {
      if (col === 'skip') continue;
      if (col === 'level1' || col === 'level2') {
        const lv = col === 'level1' ? level1 : level2;
        if (lv) put(ctx, ind, col, joinPointer(base, col), lv);
        continue;
      }
      const c = at.get(col);
      if (c !== undefined && (c < row.length || g.positional)) put(ctx, ind, col, joinPointer(base, col), [r, c]);
    }
    // a sign printed in a column of its own (Yunnan's 指标性质 ≧ | 指标值 100): one target 「≥100」
    if (typeof ind.targetSign === 'string') {
      const sign = foldLabel(ind.targetSign);
      if (typeof ind.target === 'string' && /^[≥≤=<>]+$/.test(sign)) ind.target = `${sign}${ind.target}`;
      delete ind.targetSign;
    }
    list.push(ind);
  }
  // The table runs to the end of the file without its closing row. A self-evaluation always closes with
  // its 总分 row, so this one stops mid-table (a stored copy cut short); a target table may end with its
  // last indicator, so only text (whose copy may be cut anywhere) is taken as stopping.
  if (!closed && list.length > 0 && (form !== 'target-table' || !g.positional)) data.incomplete = true;
  return hr;
}

/** The row under an indicator header when it holds only labels that name columns (a header printed
 * over two rows), with the column each of its labels names; null when there is none. */
function subHeader(ctx: Ctx, hr: number, form: FormKind): { r: number; cols: Map<number, IndCol> } | null {
  const g = ctx.grid;
  const r = hr + 1;
  const row = g.rows[r] ?? [];
  const filled = row.map((t, c) => [t, c] as const).filter(([t]) => !isEmpty(t));
  if (filled.length < 2) return null;
  const cols = new Map<number, IndCol>();
  for (const [t, c] of filled) {
    const col = indicatorColumn(ctx.layout, foldLabel(t), form);
    if (!col || col === 'known') return null;
    cols.set(c, col);
  }
  return { r, cols };
}

/** Is the header cell (hr, c) a label printed over the sub-header's columns (its merged range, or the
 * empty cells after it in text whose merges collapsed)? */
function isParentOfSub(g: Grid, hr: number, c: number, sub: { cols: Map<number, IndCol> }): boolean {
  const right = spanRight(g, hr, c);
  for (let k = c; k <= Math.max(right, c + 3); k++) if (sub.cols.has(k) && (k <= right || isEmpty(g.rows[hr]?.[k]))) return true;
  return false;
}

/** The last column of the merged range that starts at (r, c), or c. */
function spanRight(g: Grid, r: number, c: number): number {
  const m = g.merges?.find((x) => x.top <= r && x.bottom >= r && x.left === c);
  return m ? m.right : c;
}

/**
 * Align an indicator row of extracted text by content: category names (产出指标, 数量指标 …,
 * found with the shared vocabulary) are the levels wherever they stand, 绩效指标 (the block's
 * own label) is skipped, the first other cell is the indicator's name and the cells after it
 * are the values of the columns after 三级指标, in order. When the values do not fill those
 * columns exactly they are taken as the last ones (a target table's last cells are its values)
 * and the row is `guessed` (reported as ragged-row).
 */
function alignByContent(
  row: readonly string[],
  cols: ReadonlyArray<{ col: IndCol; c: number }>,
  hierarchy: Hierarchy,
): { at: Map<IndCol, number>; level1?: number; level2?: number; name?: number; guessed: boolean } {
  let level1: number | undefined;
  let level2: number | undefined;
  const rest: number[] = [];
  row.forEach((t, c) => {
    if (isEmpty(t)) return;
    const key = foldLabel(t);
    if (INDICATOR_BLOCK.test(key)) return;
    if (level1 === undefined && level2 === undefined && rest.length === 0 && level1Of(key)) level1 = c;
    else if (level2 === undefined && rest.length === 0 && categoryOf(key, hierarchy)) level2 = c;
    else rest.push(c);
  });
  const at = new Map<IndCol, number>();
  const out = { at, guessed: false, ...(level1 !== undefined ? { level1 } : {}), ...(level2 !== undefined ? { level2 } : {}) };
  const name = rest[0];
  if (name === undefined) return out;
  at.set('name', name);
  const nameIndex = cols.findIndex((x) => x.col === 'name');
  const valueCols = cols.slice(nameIndex + 1).filter((x) => x.col !== 'level1' && x.col !== 'level2');
  const values = rest.slice(1);
  const shift = valueCols.length - values.length;
  const taken = shift >= 0 ? values : values.slice(values.length - valueCols.length);
  const offset = Math.max(0, shift);
  valueCols.forEach((x, k) => {
    const c = taken[k - offset];
    if (k >= offset && c !== undefined) at.set(x.col, c);
  });
  return { ...out, name, guessed: shift !== 0 };
}

// ---------- 年度重点工作任务 (target table) ----------

function readTasks(ctx: Ctx, data: Record<string, unknown>, until: number): void {
  const g = ctx.grid;
  const hdr = find(g, /^主要实施内容/, [0, until < 0 ? g.rows.length : until]);
  if (!hdr) return;
  const hr = hdr[0];
  const cols: Record<string, number> = {};
  (g.rows[hr] ?? []).forEach((t, c) => {
    const k = foldLabel(t);
    if (/^(任务)?名称$/.test(k)) cols.name = c;
    else if (/实施内容/.test(k)) cols.content = c;
    else if (/期望|目标/.test(k) && !/年度重点/.test(k)) cols.expected = c;
    else if (/金额|资金|预算/.test(k)) cols.amount = c;
  });
  if (cols.name === undefined) return;
  const tasks: Record<string, unknown>[] = [];
  let optional = false;
  for (let r = hr + 1; r < (until < 0 ? g.rows.length : until); r++) {
    const row = g.rows[r] ?? [];
    if (row.some((t) => /其他需完成/.test(foldLabel(t)))) optional = true;
    // The task's name is under 名称; in text whose merged cells collapsed it may stand in any
    // cell that is not the block's own label (seed 004's last optional task starts the row).
    const nameC = !isEmpty(row[cols.name])
      ? cols.name
      : g.positional
        ? -1
        : row.findIndex((t) => !isEmpty(t) && !/^(年度重点工作任务|其他需完成的任务)/.test(foldLabel(t)));
    if (nameC < 0) continue;
    const base = joinPointer('/tasks', tasks.length);
    const task: Record<string, unknown> = {};
    ctx.map.set(base, g.place(r, nameC));
    const at: Record<string, number | undefined> = { ...cols, name: nameC };
    for (const key of ['name', 'content', 'expected', 'amount']) {
      const c = at[key];
      if (c !== undefined && (key === 'name' || c !== nameC) && !isEmpty(row[c])) put(ctx, task, key, joinPointer(base, key), [r, c]);
    }
    // 「名称--内容-金额」 printed in one cell (the optional tasks of the Guangdong target table):
    // the "-" before the amount is a separator, not a sign.
    // (found with indexOf and one anchored pattern: a lazy name before 「--」 rescans the rest at every start)
    const packedText = String(task.name ?? '');
    const dashes = packedText.indexOf('--', 1);
    const amount = dashes > 0 ? /-(\d[\d,]*(?:\.\d+)?)$/.exec(packedText.slice(dashes + 2)) : null;
    const packed = amount && amount.index > 0 ? [packedText, packedText.slice(0, dashes), packedText.slice(dashes + 2, dashes + 2 + amount.index), amount[1]] : null;
    if (packed && task.content === undefined && task.amount === undefined) {
      task.name = (packed[1] as string).trim();
      task.content = (packed[2] as string).trim();
      task.amount = packed[3];
      for (const key of ['content', 'amount']) ctx.map.set(joinPointer(base, key), g.place(r, nameC));
    }
    if (optional) task.optional = true;
    tasks.push(task);
  }
  if (tasks.length > 0) {
    data.tasks = tasks;
    ctx.map.set('/tasks', g.place(...hdr));
  }
}

// ---------- the whole form ----------

/** The rows above a form's table (title, 「（2021年度）」, 「单位：万元」, and on a web page its
 * headline and navigation): up to the first row of three or more cells (at least 6 rows, at
 * most 40), plus `extra` rows of the table itself. */
function headRows(g: Grid, extra = 0): number[] {
  let end = 0;
  while (end < g.rows.length && end < 40 && (g.rows[end] ?? []).filter((t) => !isEmpty(t)).length < 3) end++;
  return Array.from({ length: Math.min(g.rows.length, Math.max(end, 6) + extra) }, (_, i) => i);
}

/** The title of a target form: 绩效目标表, 绩效目标申报表, 绩效目标批复表. */
const TARGET_TITLE = /目标(申报|批复)?表|目标批复/;

/** Does the head of the grid title it a target form (「绩效目标表(一般公共预算资金)」, 「…绩效目标申报表」)? */
export function titledTarget(g: Grid): boolean {
  const text = headRows(g).flatMap((r) => g.rows[r] ?? []).map(foldLabel).join('|');
  return TARGET_TITLE.test(text) && !/自评/.test(text);
}

/** Which form layout a grid holds, if any. */
export function formKindOf(g: Grid): FormKind | null {
  const text = headRows(g, 12).flatMap((r) => g.rows[r] ?? []).map(foldLabel).join('|');
  const hasIndicators = find(g, /^三级指标/) !== null || find(g, /^二级指标/) !== null;
  // a target table cut before its indicators is still a target table (its title and funds say so)
  if (!hasIndicators) {
    if (titledTarget(g) && find(g, /^项目(支出)?名称$/)) return 'target-table';
    // a project self-evaluation cut before its indicators (its title, its project and its execution block say so)
    return /自评表/.test(text) && find(g, /^项目名称$/) && find(g, /执行数|决算数/) ? 'project-self-eval' : null;
  }
  if (find(g, /实施周期/) || (TARGET_TITLE.test(text) && !/自评/.test(text))) return 'target-table';
  if (!find(g, /执行数|决算数/)) return null;
  if (/部门整体|部门(绩效|支出)/.test(text) && !/项目(资金|支出)绩效/.test(text)) return 'department-self-eval';
  if (find(g, /^项目名称$/)) return 'project-self-eval';
  return 'department-self-eval';
}

export function readForm(
  g: Grid,
  form: FormKind,
  hierarchy: Hierarchy = HIERARCHY,
  layout: Layout = nationalLayout(),
): { data: Record<string, unknown>; map: CellMap; problems: LoadProblem[] } {
  const map = new CellMap();
  const ctx: Ctx = { grid: g, map, problems: [], hierarchy, layout };
  const data: Record<string, unknown> = { form };
  map.set('', g.place(0, 0));
  const env = readEnvelope(g, headRows(g));
  // The unit: 部门名称 / 单位名称 beside its label, or 实施单位 on a project form.
  // (主管部门 only when nothing else names the unit: the line 「单位名称：…」 above the table does)
  const unitLabel = find(g, /^(部门|单位|预算单位)名称$/) ?? find(g, /^(项目)?(实施单位|预算部门)$/) ?? (env.unit ? null : find(g, /^(?:[省市区县]级)?主管部门$/));
  const unitAt = unitLabel && beside(g, unitLabel);
  if (unitAt) env.unit = { text: cellAt(g, unitAt), place: g.place(...unitAt) };
  if (!env.moneyUnit) {
    // the vocabulary's money unit (「单位：万元」, 「（万元）」 in a column label), as the envelope reads it
    const m = find(g, MONEY_UNIT);
    const unit = m && moneyUnitOf(keyAt(g, m));
    if (m && unit) env.moneyUnit = { text: unit, place: g.place(...m) };
  }
  if (!env.year) {
    const y = find(g, /^\(?(19|20)\d{2}年度?\)?$/);
    if (y) env.year = { value: Number(/(\d{4})/.exec(keyAt(g, y))?.[1]), place: g.place(...y) };
  }
  applyEnvelope(data, map, env);
  const contactName = find(g, /^联系人$/);
  const contactPhone = find(g, /^联系电话$/);
  if (contactName || contactPhone) {
    const contact: Record<string, unknown> = {};
    put(ctx, contact, 'name', '/contact/name', contactName && beside(g, contactName));
    put(ctx, contact, 'phone', '/contact/phone', contactPhone && beside(g, contactPhone));
    if (Object.keys(contact).length > 0) {
      data.contact = contact;
      map.set('/contact', g.place(...((contactName ?? contactPhone) as At)));
    }
  }
  if (form === 'project-self-eval' || form === 'target-table') {
    const p = find(g, /^项目(支出)?名称$/);
    put(ctx, data, 'project', '/project', p && beside(g, p));
  }
  if (form === 'project-self-eval') {
    const d = find(g, /^主管部门$/);
    put(ctx, data, 'department', '/department', d && beside(g, d));
    const i = find(g, /^实施单位$/);
    put(ctx, data, 'implementer', '/implementer', i && beside(g, i));
  }
  if (form === 'target-table') {
    const text = headRows(g, 12).flatMap((r) => g.rows[r] ?? []).map(foldLabel).join('|');
    data.scope = data.project !== undefined && !/部门整体/.test(text) ? 'project' : 'department';
    const goals = find(g, /^(总体绩效目标|总体目标|年度总体目标)$/);
    put(ctx, data, 'goals', '/goals', goals && beside(g, goals));
    const ind = find(g, /^三级指标/);
    readTasks(ctx, data, ind ? ind[0] : -1);
    // every target table prints its indicators: one read without them stops before they come (a stored copy cut short)
    if (readIndicators(ctx, data, form, -1) < 0) data.incomplete = true;
    readNote(ctx, data);
    return { data: orderForm(data), map, problems: ctx.problems };
  }
  const budgetRow = readBudget(ctx, data);
  const planned = find(g, /^(年初)?预期目标$/);
  const achieved = find(g, /实际完成情况$/);
  if (planned || achieved) {
    const goals: Record<string, unknown> = {};
    put(ctx, goals, 'planned', '/goals/planned', planned && below(g, planned));
    put(ctx, goals, 'achieved', '/goals/achieved', achieved && below(g, achieved));
    data.goals = goals;
    map.set('/goals', g.place(...((planned ?? achieved) as At)));
  }
  // a self-evaluation always prints its indicators: one read without them stops before they come
  const indicatorRow = readIndicators(ctx, data, form, budgetRow);
  if (indicatorRow < 0) data.incomplete = true;
  // the total's label, not the indicator table's 自评得分 column header (Anhui's scoring table)
  const total = findAll(g, /自评总得分|^自评得分$/).find(([r]) => r !== indicatorRow);
  if (total) put(ctx, data, 'totalScore', '/totalScore', beside(g, total) ?? below(g, total, 1));
  const grade = find(g, /评价等级|自评等级|^等级$/);
  if (grade) put(ctx, data, 'grade', '/grade', beside(g, grade) ?? below(g, grade, 1));
  readNote(ctx, data);
  const problems = find(g, /^(主要)?存在的(主要)?问题/);
  if (problems) put(ctx, data, 'problems', '/problems', beside(g, problems) ?? below(g, problems, 2));
  const measures = find(g, /^(下一步)?(改进|整改)(措施|意见)/);
  if (measures) put(ctx, data, 'measures', '/measures', beside(g, measures) ?? below(g, measures, 2));
  return { data: orderForm(data), map, problems: ctx.problems };
}

/** The form's closing note (「注：各地请根据实际情况……」), printed under the table: kept as `note`, so that a
 * template's instruction to the filler left in a filed form is seen (placeholder-text). */
function readNote(ctx: Ctx, data: Record<string, unknown>): void {
  const at = find(ctx.grid, /^注[:：].{6,}/);
  if (at) put(ctx, data, 'note', '/note', at);
}

const FORM_ORDER = [
  'form', 'year', 'unit', 'moneyUnit', 'title', 'contact', 'scope', 'project', 'department', 'implementer',
  'budget', 'goals', 'tasks', 'indicators', 'indicatorTotals', 'totalWeight', 'totalScore', 'grade', 'problems', 'measures', 'note', 'templateRows', 'incomplete',
];

function orderForm(data: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(FORM_ORDER.filter((k) => k in data).map((k) => [k, data[k]]));
}

export type { Place };
