/**
 * The project summary table (多项目自评表, form `project-summary`) read from a grid: one row
 * per project, a header of up to three rows with merged cells (collapsed in text extracted
 * from PDF). Columns are recognised by their Chinese labels, never by position:
 *
 *   序号 | 部门名称 | 项目名称 | 项目年度预算金额 (合计, 其中：财政拨款 (一般公共预算, 政府性基金), 非财政资金)
 *   | 实际支出金额 (…) | 预算支出执行率 | 年初绩效目标 | 绩效目标整体完成情况
 *   | 产出目标 (数量指标 (年度指标内容, 完成情况), 质量指标 …) | 效益目标 (…) | 满意度指标 (…)
 *   | 项目执行中存在的问题 | 整改情况
 *
 * The header is read as a tree: each label of the first header row takes, in order, the
 * labels of the next row that can belong to it (a fund split takes 合计 / 财政拨款 / 非财政资金,
 * 产出目标 takes 数量 / 质量 / 时效 / 成本指标, …). In a worksheet a leaf column is where its
 * label stands; in extracted text rows are aligned to the leaves by content (ragged-row).
 */
import { joinPointer, type LoadProblem } from '../types.js';
import { BLANK_WORD, categoryOf, COMPLETION_WORD, FUND_ORDER, fundBlock, fundPart, HIERARCHY, LEVEL1 as LEVEL1_NAMES, type FundPart, type Hierarchy } from '../vocabulary.js';
import { applyEnvelope, CellMap, foldLabel, isEmpty, readEnvelope, type Grid } from './grid.js';

type Scalar = 'no' | 'department' | 'name' | 'rate' | 'goal' | 'completion' | 'problems' | 'remedies';

/** What a leaf column holds. */
type Field =
  | { kind: 'scalar'; key: Scalar }
  | { kind: 'fund'; block: 'adjusted' | 'actual'; part: FundPart }
  | { kind: 'target'; cat: number; part: 'target' | 'result' }
  | { kind: 'skip' };

interface Leaf {
  field: Field;
  /** Grid column of the label that defines it (exact in a worksheet). */
  col: number;
}

interface Category {
  level1: string;
  level1At: [number, number] | null;
  level2: string;
  level2At: [number, number];
}

interface Label {
  text: string;
  key: string;
  r: number;
  c: number;
}

const SCALARS: Array<[RegExp, Scalar]> = [
  [/^(序号|编号|项目序号)$/, 'no'],
  [/^(部门|单位|预算单位|主管部门|部门\(单位\))(名称)?$/, 'department'],
  [/^项目(名称)?$/, 'name'],
  [/执行率/, 'rate'],
  [/完成情况$|完成程度$/, 'completion'],
  [/绩效目标$|^(年度|年初|预期)?目标$|绩效目标内容/, 'goal'],
  [/问题/, 'problems'],
  [/整改|改进措施/, 'remedies'],
];

/** Level-1 header labels of the summary table (产出目标 …), with their printed short name. */
const LEVEL1: Array<[RegExp, string]> = LEVEL1_NAMES.map((n) => [new RegExp(`^${n}(目标|指标)$`), n]);

function pairPart(key: string): 'target' | 'result' | null {
  if (/^(年度)?(指标内容|指标值|目标值|目标内容|绩效目标|目标)$|^年度指标/.test(key)) return 'target';
  if (/^(完成情况|实际完成|实际完成值|实际完成情况|完成值|完成)$/.test(key)) return 'result';
  return null;
}

/** Is this header label one the importer knows (as a column or a group of columns)? */
function known(key: string, hierarchy: Hierarchy): boolean {
  return (
    fundBlock(key) !== null ||
    fundPart(key) !== null ||
    categoryOf(key, hierarchy) !== null ||
    pairPart(key) !== null ||
    LEVEL1.some(([re]) => re.test(key)) ||
    SCALARS.some(([re]) => re.test(key))
  );
}

export interface SummaryHeader {
  /** Grid rows of the header. */
  rows: number[];
  leaves: Leaf[];
  categories: Category[];
  problems: LoadProblem[];
}

/** Is row r the first row of a project summary header? */
function isHeaderStart(grid: Grid, r: number): boolean {
  const keys = (grid.rows[r] ?? []).map(foldLabel);
  const hasName = keys.some((k) => /^项目(名称)?$/.test(k));
  const hasMoney = keys.some((k) => fundBlock(k) === 'adjusted' || fundBlock(k) === 'actual') || keys.some((k) => /执行率/.test(k));
  return hasName && hasMoney;
}

/** A header continuation row: only sub-labels (fund parts, categories, 年度指标内容 / 完成情况). */
function isSubHeader(grid: Grid, r: number, hierarchy: Hierarchy): boolean {
  const cells = (grid.rows[r] ?? []).filter((t) => !isEmpty(t)).map(foldLabel);
  if (cells.length === 0) return false;
  return cells.every((k) => fundPart(k) !== null || categoryOf(k, hierarchy) !== null || pairPart(k) !== null || fundBlock(k) !== null || LEVEL1.some(([re]) => re.test(k)));
}

export function findSummaryHeader(grid: Grid): number {
  for (let r = 0; r < grid.rows.length; r++) if (isHeaderStart(grid, r)) return r;
  return -1;
}

function labelsOf(grid: Grid, r: number): Label[] {
  return (grid.rows[r] ?? []).flatMap((text, c) => (isEmpty(text) ? [] : [{ text: text.trim(), key: foldLabel(text), r, c }]));
}

/** Build the leaf columns from the header rows (first row `start`). */
export function readSummaryHeader(grid: Grid, start: number, hierarchy: Hierarchy = HIERARCHY): SummaryHeader {
  const rows = [start];
  for (let r = start + 1; r < grid.rows.length && rows.length < 4; r++) {
    if ((grid.rows[r] ?? []).every(isEmpty)) continue; // a blank line inside the header
    if (!isSubHeader(grid, r, hierarchy)) break;
    rows.push(r);
  }
  const queues = rows.map((r) => labelsOf(grid, r));
  const top = queues[0] ?? [];
  const second = queues[1] ?? [];
  const third = queues[2] ?? [];
  const leaves: Leaf[] = [];
  const categories: Category[] = [];
  const problems: LoadProblem[] = [];
  const unknown = (l: Label) =>
    problems.push({ ruleId: 'unknown-column', args: { header: l.text }, location: { pointer: '/projects', ...grid.place(l.r, l.c) } });

  // In a worksheet a child label stands under its parent's span; in text only order counts.
  const spanEnd = (list: Label[], i: number, limit: number): number => {
    if (!grid.positional) return Number.POSITIVE_INFINITY;
    const next = list[i + 1];
    return next ? Math.min(next.c, limit) : limit;
  };
  const takeWhile = (queue: Label[], from: number, to: number, test: (l: Label) => boolean): Label[] => {
    const out: Label[] = [];
    while (queue.length > 0) {
      const l = queue[0] as Label;
      if (grid.positional && (l.c < from || l.c >= to)) {
        if (l.c < from) {
          queue.shift();
          continue;
        }
        break;
      }
      if (!test(l)) break;
      out.push(l);
      queue.shift();
    }
    return out;
  };

  const funds = (block: 'adjusted' | 'actual', parent: Label, from: number, to: number) => {
    const seen = new Set<FundPart>();
    const parts = takeWhile(second, from, to, (l) => {
      const p = fundPart(l.key);
      if (!p || seen.has(p)) return false;
      seen.add(p);
      return true;
    });
    if (parts.length === 0) {
      leaves.push({ field: { kind: 'fund', block, part: 'total' }, col: parent.c });
      return;
    }
    parts.forEach((p, i) => {
      const part = fundPart(p.key) as FundPart;
      const end = grid.positional ? (parts[i + 1]?.c ?? to) : Number.POSITIVE_INFINITY;
      if (part === 'fiscal') {
        const seenSub = new Set<FundPart>();
        const subs = takeWhile(third, p.c, end, (l) => {
          const s = fundPart(l.key);
          if (!s || s === 'fiscal' || s === 'total' || seenSub.has(s)) return false;
          seenSub.add(s);
          return true;
        });
        if (subs.length > 0) {
          for (const s of subs) leaves.push({ field: { kind: 'fund', block, part: fundPart(s.key) as FundPart }, col: s.c });
          return;
        }
      }
      leaves.push({ field: { kind: 'fund', block, part }, col: p.c });
    });
  };

  const category = (level1: string, level1Label: Label | null, l: Label, to: number) => {
    const cat = categories.length;
    categories.push({
      level1: level1Label?.text ?? `${level1}指标`,
      level1At: level1Label ? [level1Label.r, level1Label.c] : null,
      level2: l.text,
      level2At: [l.r, l.c],
    });
    const seen = new Set<string>();
    const parts = takeWhile(third, l.c, to, (s) => {
      const p = pairPart(s.key);
      if (!p || seen.has(p)) return false;
      seen.add(p);
      return true;
    });
    if (parts.length === 0) leaves.push({ field: { kind: 'target', cat, part: 'target' }, col: l.c });
    for (const p of parts) leaves.push({ field: { kind: 'target', cat, part: pairPart(p.key) as 'target' | 'result' }, col: p.c });
  };

  const width = Math.max(...grid.rows.map((r) => r.length), 0);
  top.forEach((l, i) => {
    const to = spanEnd(top, i, width);
    const block = fundBlock(l.key);
    if (block === 'adjusted' || block === 'actual') return funds(block, l, l.c, to);
    const level1 = LEVEL1.find(([re]) => re.test(l.key))?.[1];
    if (level1) {
      const cats = takeWhile(second, l.c, to, (s) => categoryOf(s.key, hierarchy) === level1);
      if (cats.length === 0) return unknown(l);
      cats.forEach((s, k) => category(level1, l, s, grid.positional ? (cats[k + 1]?.c ?? to) : Number.POSITIVE_INFINITY));
      return;
    }
    const cat1 = categoryOf(l.key, hierarchy);
    if (cat1) return category(cat1, null, l, to);
    const scalar = SCALARS.find(([re]) => re.test(l.key))?.[1];
    if (scalar) {
      leaves.push({ field: { kind: 'scalar', key: scalar }, col: l.c });
      return;
    }
    unknown(l);
    leaves.push({ field: { kind: 'skip' }, col: l.c });
  });
  // Sub-labels nobody took: recognised ones are leftovers of a collapsed header; others are unknown.
  for (const l of [...second, ...third]) if (!known(l.key, hierarchy)) unknown(l);
  return { rows, leaves, categories, problems };
}

/** Words that mean "nothing here" in a cell that a merged cell may have swallowed. */
function blankish(text: string): boolean {
  const t = foldLabel(text);
  return t === '' || BLANK_WORD.test(t);
}

function completionWord(text: string): boolean {
  return COMPLETION_WORD.test(foldLabel(text));
}

/** One unit of alignment: a single column or a (年度指标内容, 完成情况) pair. */
interface Slot {
  leaves: number[];
}

function slotsOf(leaves: Leaf[]): Slot[] {
  const slots: Slot[] = [];
  for (let i = 0; i < leaves.length; i++) {
    const a = (leaves[i] as Leaf).field;
    const b = leaves[i + 1]?.field;
    if (a.kind === 'target' && a.part === 'target' && b?.kind === 'target' && b.part === 'result' && b.cat === a.cat) {
      slots.push({ leaves: [i, i + 1] });
      i++;
    } else slots.push({ leaves: [i] });
  }
  return slots;
}

/**
 * Align the cells of a ragged row to the leaves: a pair whose merged cell was collapsed
 * takes one blank cell ("不适用" for both), extra blank cells are dropped, content is kept
 * in order. Returns, per leaf, the index of its cell (or -1) as `at`, and whether the alignment is `sure`: nothing but empty, 不适用, 无 or / cells was dropped or
 * shared, no column was left without a cell and no completion word stands outside a 完成情况 column —
 * the cells could go nowhere else. A sure alignment is how the text was extracted (merged cells split
 * or collapsed), not the filer's to fix: it is no ragged-row finding.
 */
export function alignRow(cells: string[], leaves: Leaf[]): { at: number[]; sure: boolean } {
  const slots = slotsOf(leaves);
  const S = slots.length;
  const J = cells.length;
  const INF = 1e9;
  // cost and move of (slot s, cell j) at s * W + j: flat typed arrays, no array per step (a
  // ragged summary row is aligned for every one of its dozens of rows)
  const W = J + 1;
  const cost = new Float64Array((S + 1) * W).fill(INF);
  const move = new Int8Array((S + 1) * W).fill(-1);
  // Dropping an extra "不适用" (a merged cell split in two) is cheap; dropping 无 or / less so;
  // dropping content costs most. A completion word belongs in a 完成情况 column.
  // (what each cell is, worked out once per row, not once per step of the alignment)
  const blank = cells.map(blankish);
  const completion = cells.map(completionWord);
  const skip = cells.map((t, j) => (isEmpty(t) || /^不适用$/.test(foldLabel(t)) ? 1 : blank[j] ? 2 : 5));
  const misplaced = (leaf: number, j: number) => {
    const f = (leaves[leaf] as Leaf).field;
    const wantsCompletion = (f.kind === 'target' && f.part === 'result') || (f.kind === 'scalar' && f.key === 'completion');
    return completion[j] && !wantsCompletion ? 2 : 0;
  };
  const MISSING = 5;
  // the options of a step in a fixed order; the first of the cheapest wins
  let best = INF;
  let how = -1;
  const consider = (c: number, m: number) => {
    if (c < best) {
      best = c;
      how = m;
    }
  };
  for (let s = S; s >= 0; s--) {
    for (let j = J; j >= 0; j--) {
      const here = s * W + j;
      if (s === S && j === J) {
        cost[here] = 0;
        continue;
      }
      best = INF;
      how = -1;
      if (s < S) {
        const slot = slots[s] as Slot;
        const next = (s + 1) * W;
        if (slot.leaves.length === 1) {
          if (j < J) consider((cost[next + j + 1] as number) + misplaced(slot.leaves[0] as number, j), 0);
        } else {
          if (j + 1 < J) consider((cost[next + j + 2] as number) + (completion[j] && !completion[j + 1] ? 2 : 0), 1);
          if (j < J && blank[j]) consider((cost[next + j + 1] as number) + 1, 2);
        }
        consider((cost[next + j] as number) + MISSING, 3);
      }
      if (j < J) consider((cost[here + 1] as number) + (skip[j] as number), 4);
      cost[here] = best;
      move[here] = how;
    }
  }
  const at = new Array<number>(leaves.length).fill(-1);
  let s = 0;
  let j = 0;
  let sure = true;
  while (s < S || j < J) {
    const m = move[s * W + j] as number;
    if (m === 3 || (m === 4 && skip[j] === 5) || (m === 0 && slots[s] && misplaced((slots[s] as Slot).leaves[0] as number, j) > 0)) sure = false;
    if (m === 1 && completion[j] && !completion[j + 1]) sure = false;
    const slot = slots[s];
    if (m === 0 && slot) {
      at[slot.leaves[0] as number] = j;
      s++;
      j++;
    } else if (m === 1 && slot) {
      at[slot.leaves[0] as number] = j;
      at[slot.leaves[1] as number] = j + 1;
      s++;
      j += 2;
    } else if (m === 2 && slot) {
      for (const l of slot.leaves) at[l] = j;
      s++;
      j++;
    } else if (m === 3) s++;
    else if (m === 4) j++;
    else {
      sure = false;
      break;
    }
  }
  // and every amount column holds an amount (or nothing): a cell dropped early shifts them all
  if (sure) {
    for (let i = 0; i < leaves.length; i++) {
      const f = (leaves[i] as Leaf).field;
      const c = at[i] ?? -1;
      const t = c >= 0 ? (cells[c] ?? '').trim() : '';
      if ((f.kind === 'fund' || (f.kind === 'scalar' && f.key === 'rate')) && t !== '' && !/^[-\d.,，%％\s]+$/.test(t) && !blank[c]) sure = false;
    }
  }
  return { at, sure };
}

export interface SummaryResult {
  data: Record<string, unknown>;
  map: CellMap;
  problems: LoadProblem[];
}

/** Read a project summary whose header starts at grid row `start`. */
export function readSummary(grid: Grid, start: number, hierarchy: Hierarchy = HIERARCHY): SummaryResult {
  const header = readSummaryHeader(grid, start, hierarchy);
  const map = new CellMap();
  const problems = [...header.problems];
  const data: Record<string, unknown> = { form: 'project-summary' };
  map.set('', grid.place(start, 0));
  applyEnvelope(data, map, readEnvelope(grid, Array.from({ length: start }, (_, i) => i)));
  const projects: Record<string, unknown>[] = [];
  data.projects = projects;
  map.set('/projects', grid.place(start, 0));
  const { leaves, categories } = header;
  const expected = leaves.length;
  const last = header.rows[header.rows.length - 1] as number;

  for (let r = last + 1; r < grid.rows.length; r++) {
    const raw = grid.rows[r] ?? [];
    const filled = raw.filter((t) => !isEmpty(t)).length;
    // Blank lines and notes under the table (填表人：…) are not projects.
    if (filled < 3) continue;
    if (isHeaderStart(grid, r)) break;
    let trimmed = raw.length;
    while (trimmed > 0 && isEmpty(raw[trimmed - 1])) trimmed--;
    const index = projects.length;
    const base = joinPointer('/projects', index);
    let at: number[];
    if (grid.positional) {
      at = leaves.map((l) => l.col);
    } else if (trimmed <= expected && raw.length >= expected) {
      at = leaves.map((_, i) => i);
    } else {
      const aligned = alignRow(raw.slice(0, trimmed), leaves);
      if (!aligned.sure) problems.push({ ruleId: 'ragged-row', args: { cells: raw.length, expected }, location: { pointer: base, ...grid.place(r, 0) } });
      at = aligned.at;
    }
    const project: Record<string, unknown> = {};
    map.set(base, grid.place(r, 0));
    const put = (obj: Record<string, unknown>, key: string, pointer: string, c: number) => {
      obj[key] = (raw[c] ?? '').trim();
      map.set(pointer, grid.place(r, c));
    };
    const targets: Array<Record<string, unknown> | undefined> = categories.map(() => undefined);
    leaves.forEach((leaf, i) => {
      const c = at[i] ?? -1;
      if (c < 0) return;
      const f = leaf.field;
      if (f.kind === 'scalar') put(project, f.key, joinPointer(base, f.key), c);
      else if (f.kind === 'fund') {
        const funds = (project[f.block] ??= {}) as Record<string, unknown>;
        if (!map.places.has(joinPointer(base, f.block))) map.set(joinPointer(base, f.block), grid.place(r, c));
        put(funds, f.part, joinPointer(base, f.block, f.part), c);
      } else if (f.kind === 'target') {
        const t = (targets[f.cat] ??= {});
        put(t, f.part, joinPointer(base, 'targets', f.cat, f.part), c);
      }
    });
    const list: Record<string, unknown>[] = [];
    categories.forEach((cat, k) => {
      const t = targets[k] ?? {};
      const p = joinPointer(base, 'targets', k);
      const first = map.places.get(joinPointer(p, 'target')) ?? map.places.get(joinPointer(p, 'result'));
      map.set(p, first ?? grid.place(r, 0));
      map.set(joinPointer(p, 'level1'), cat.level1At ? grid.place(...cat.level1At) : grid.place(...cat.level2At));
      map.set(joinPointer(p, 'level2'), grid.place(...cat.level2At));
      list.push({ level1: cat.level1, level2: cat.level2, ...t });
    });
    if (list.length > 0) {
      project.targets = list;
      map.set(joinPointer(base, 'targets'), map.places.get(joinPointer(base, 'targets', 0)) ?? grid.place(r, 0));
    }
    projects.push(ordered(project));
  }
  return { data, map, problems };
}

const ORDER = ['no', 'department', 'name', 'adjusted', 'actual', 'rate', 'goal', 'completion', 'targets', 'problems', 'remedies'];

function ordered(project: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of ORDER) {
    const v = project[k];
    if (v === undefined) continue;
    if (k === 'adjusted' || k === 'actual') {
      const f = v as Record<string, unknown>;
      out[k] = Object.fromEntries(FUND_ORDER.filter((p) => p in f).map((p) => [p, f[p]]));
    } else out[k] = v;
  }
  return out;
}
