/**
 * Narrative self-evaluation reports (部门整体支出绩效自评报告, 自评结果; seeds 002 and 003) read
 * from a grid — a Word document's body (paragraphs and tables, src/load/docx.ts) or extracted
 * text (src/load/delimited.ts: prose lines, and tables printed one cell per tab-led line with a
 * blank line after each row) — into a `department-report` submission (schemas/department-report.schema.json):
 *   - the title, year and unit (「…办公室2021年部门整体支出绩效自评报告」, or the unit on the lines above
 *     「2021年度整体绩效自评结果」);
 *   - every budget figure stated in prose: 「年初预算为1422.74万元」「调增1,162,392.16元」「执行率达100.00%」,
 *     each with what it is a figure of (部门 / 基本支出 / 项目支出 …, 年初预算 / 预算调整 / 调整后预算 /
 *     实际支出 / 执行率), read from the words before it in its sentence; the first statement of each
 *     department total goes to `budget`, every other one to `figures`;
 *   - the budget tables (项目 | 预算数 | 预算调整 | 调整后预算 | 执行数 | 执行率, with 「单位：元」 above) into
 *     `expenditure`; a total row printed again in a later table is a figure of its own;
 *   - each goal or task (「年度目标1：」「任务一：」) with its indicators as printed: under 「1.产出指标」 the
 *     line 「（1）数量指标：召开…会议5次，…报告4个。」 gives one indicator per clause that ends in a figure
 *     (name and target), or one qualitative indicator; 002's 「指标1，…」 gives one indicator each;
 *   - stated indicator counts (「共设置了3个产出指标和3效益指标」), for the whole report or one goal;
 *   - the problems and measures sections, and every other paragraph as `body`.
 * Every value keeps its place: {paragraph} in a Word document, {line, column} of the figure in text,
 * the table cell for tables. Browser-safe.
 */
import { joinPointer, type LoadProblem } from '../types.js';
import {
  budgetLineColumn,
  budgetMeasure,
  budgetSubject,
  foldLabel,
  moneyUnitOf,
  REPORT_GOAL,
  REPORT_MEASURES,
  REPORT_PROBLEMS,
  REPORT_TITLE,
  reportHeadingLevel,
  type BudgetLineColumn,
  type BudgetMeasure,
  type BudgetSubject,
} from '../vocabulary.js';
import { CellMap, isEmpty, type Grid, type Place } from './grid.js';

interface Para {
  text: string;
  r: number;
  c: number;
}

interface TCell {
  text: string;
  r: number;
  c: number;
}

interface Table {
  rows: TCell[][];
}

type Block = { p: Para } | { t: Table };

// ---------- the grid as paragraphs and tables ----------

/** Paragraphs and tables in reading order. */
function blocksOf(grid: Grid): Block[] {
  const blocks: Block[] = [];
  // text with tab-led table lines was split at tabs; text without them, at commas
  const tabbed = !grid.positional && grid.rows.some((cells) => cells.length >= 2 && isEmpty(cells[0]) && !isEmpty(cells[1]));
  let table: Table | null = null;
  let tableKey: string | undefined;
  let row: TCell[] = [];
  const endRow = () => {
    if (table && row.length > 0) table.rows.push(row);
    row = [];
  };
  const endTable = () => {
    endRow();
    if (table && table.rows.length > 0) blocks.push({ t: table });
    table = null;
    tableKey = undefined;
  };
  grid.rows.forEach((cells, r) => {
    const at = grid.place(r, 0);
    if (at.paragraph !== undefined || (!grid.positional && !(cells.length >= 2 && isEmpty(cells[0])))) {
      // a paragraph (Word), or a prose line of text; a blank line ends a table row
      if (cells.every((t) => isEmpty(t))) {
        if (grid.positional) return;
        if (table && cells.length <= 1) endRow();
        return;
      }
      endTable();
      // a prose line of text split at commas (a file without tabs is read as comma-separated): joined again
      blocks.push({ p: { text: cells.join(grid.positional || tabbed ? '\t' : ','), r, c: 0 } });
      return;
    }
    if (!grid.positional) {
      // text: a tab-led line is one cell of the current table row
      if (!table) table = { rows: [] };
      row.push({ text: cells.slice(1).join('\t'), r, c: 1 });
      return;
    }
    // Word table rows (placed 表k!C5), or a worksheet: a row of one filled cell is a paragraph there
    const key = grid.sheet === undefined ? at.sheet : undefined;
    const filled = cells.filter((t) => !isEmpty(t));
    if (key === undefined && filled.length === 1) {
      endTable();
      const c = cells.findIndex((t) => !isEmpty(t));
      blocks.push({ p: { text: cells[c] as string, r, c } });
      return;
    }
    if (key === undefined && filled.length === 0) return;
    if (table && key !== tableKey) endTable();
    if (!table) {
      table = { rows: [] };
      tableKey = key;
    }
    table.rows.push(cells.map((text, c) => ({ text, r, c })));
  });
  endTable();
  return blocks;
}

// ---------- reading ----------

const fold = (t: string) => foldLabel(t);
/** Spaces between Chinese characters or digits (PDF extraction: 「2021 年」, 「支持 20 单位」) removed. */
const squeeze = (t: string) => t.replace(/[\s\u3000]+/g, (m, at: number, s: string) => (/[\u4e00-\u9fff\d%（）“”]/.test(s[at - 1] ?? '') || /[\u4e00-\u9fff\d%（）“”]/.test(s[at + m.length] ?? '') ? '' : ' ')).trim();

// (never starting inside a figure: every digit of a long run, or every group of 1,234,…, would rescan the rest)
const MONEY = /(?<![0-9０-９]|[0-9０-９][,，])([0-9０-９]{1,3}(?:[,，][0-9０-９]{3})+(?:[.．][0-9０-９]+)?|[0-9０-９]+(?:[.．][0-9０-９]+)?)\s*(万元|元)/g;
const PERCENT = /(?<![0-9０-９])([0-9０-９]+(?:[.．][0-9０-９]+)?)\s*[%％]/g;
const SENTENCE_END = /[。！？!?；;]/;
const CHINESE_NUMBER: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10 };

function goalNumber(s: string): number {
  if (/^\d+$/.test(s)) return Number(s);
  if (s.length === 1) return CHINESE_NUMBER[s] ?? 0;
  if (s.startsWith('十')) return 10 + (CHINESE_NUMBER[s.slice(1)] ?? 0);
  return (CHINESE_NUMBER[s[0] as string] ?? 0) * 10 + (CHINESE_NUMBER[s.slice(2)] ?? 0);
}

/** A figure stated in prose, with what it is a figure of. */
interface Stated {
  subject: BudgetSubject;
  measure: BudgetMeasure;
  text: string;
  place: Place;
}

/** A clause ending in a figure: 「召开区人大常委会会议5次」 → name, target; null when it does not end in one. */
// (spaces and digits counted in bounds: unbounded, every start of the lazy name would rescan a long run to the end)
const ENDS_IN_FIGURE = /^(.*?)((?:≥|≤|>|<|＞|＜|不低于|不少于|不高于|不超过|大于|小于)?\s{0,16}[0-9０-９]{1,40}(?:[.．][0-9０-９]{1,40})?\s{0,16}(?:%|％|[\u4e00-\u9fff]{1,2})?(?:及?以上|及?以下|以内)?)$/;

export interface ReportRead {
  data: Record<string, unknown>;
  map: CellMap;
  problems: LoadProblem[];
}

/** Is this grid a narrative report? A report title near the top, or a problems section with goals or budget sentences. */
function looksLikeReport(paras: Para[]): number {
  const title = paras.slice(0, 12).findIndex((p) => REPORT_TITLE.test(fold(p.text)) && fold(p.text).length <= 80);
  if (title >= 0) return title;
  const keys = paras.map((p) => fold(p.text));
  const problems = keys.some((k) => reportHeadingLevel(k) !== null && REPORT_PROBLEMS.test(k));
  const goals = keys.some((k) => REPORT_GOAL.test(k));
  return problems && goals ? -1 : -2;
}

/**
 * Is this grid a narrative report rather than a table with a few lines around it: a report title
 * (「…自评报告」「…自评结果」) and at least three paragraphs of prose (sentences ending in 。)? Its budget
 * tables may look like a project summary table (项目 | 预算数 | 执行数 | 执行率); they are then read as
 * the report's tables (src/load/recognize.ts asks this first).
 */
export function isReportGrid(grid: Grid): boolean {
  const paras = blocksOf(grid).flatMap((b) => ('p' in b ? [b.p] : []));
  return looksLikeReport(paras) >= 0 && paras.filter((p) => fold(p.text).length >= 30 && /。/.test(p.text)).length >= 3;
}

export function readReport(grid: Grid): ReportRead | null {
  const blocks = blocksOf(grid);
  const paras = blocks.flatMap((b) => ('p' in b ? [b.p] : []));
  const titleAt = looksLikeReport(paras);
  if (titleAt === -2) return null;
  const map = new CellMap();
  const data: Record<string, unknown> = { form: 'department-report' };
  const problems: LoadProblem[] = [];
  /** The place of a character of a paragraph: the paragraph in Word, line and column in text. */
  const placeOf = (p: Para, offset = 0): Place => {
    const at = grid.place(p.r, p.c);
    if (!grid.positional && at.row !== undefined) return { line: at.row, column: offset + 1 };
    return at;
  };
  const used = new Set<Para>();

  // ---- title, year, unit ----
  const title = titleAt >= 0 ? (paras[titleAt] as Para) : undefined;
  if (title) {
    used.add(title);
    const text = title.text.trim();
    const y = /((?:19|20)\d{2})\s*年/.exec(text);
    const before = y ? squeeze(text.slice(0, y.index)) : '';
    data.title = squeeze(y ? text.slice(y.index) : text);
    map.set('/title', placeOf(title, y ? y.index : 0));
    if (y) {
      data.year = Number(y[1]);
      map.set('/year', placeOf(title, y.index));
    }
    if (before !== '' && !/^附件/.test(before)) {
      data.unit = before;
      map.set('/unit', placeOf(title));
    } else {
      // the unit on the lines above the title (「武汉市蔡甸区人民代表大会」「常务委员会办公室」)
      const above = paras.slice(Math.max(0, titleAt - 3), titleAt).filter((p) => !/^附件/.test(fold(p.text)) && fold(p.text).length <= 40);
      if (above.length > 0) {
        data.unit = above.map((p) => squeeze(p.text)).join('');
        map.set('/unit', placeOf(above[0] as Para));
        for (const p of above) used.add(p);
      }
    }
    for (const p of paras.slice(0, titleAt)) if (/^附件/.test(fold(p.text))) used.add(p);
  }

  // ---- walk the blocks ----
  const stated: Stated[] = [];
  const counts: Array<{ goal: number; category: string; count: string; place: Place; countPlace: Place }> = [];
  const expenditure: Record<string, unknown> = {};
  const repeats: Array<{ subject: BudgetSubject; measure: BudgetMeasure; text: string; place: Place; unit?: '万元' | '元' }> = [];
  interface Goal {
    no: number;
    data: Record<string, unknown>;
    indicators: Array<Record<string, unknown>>;
    level1?: { text: string; place: Place };
  }
  const goals: Goal[] = [];
  let goal: Goal | null = null;
  let analysis = false; // inside the block of a goal printed a second time (its analysis)
  let section: 'problems' | 'measures' | null = null;
  let sectionLevel = 0;
  const sectionText: Record<'problems' | 'measures', Para[]> = { problems: [], measures: [] };
  let lastParas: Para[] = [];

  const readTable = (t: Table) => readBudgetTable(t, lastParas, grid, map, expenditure, repeats);

  for (const b of blocks) {
    if ('t' in b) {
      readTable(b.t);
      lastParas = [];
      continue;
    }
    const p = b.p;
    lastParas = [...lastParas.slice(-1), p];
    if (used.has(p)) continue;
    const key = fold(p.text);
    const level = reportHeadingLevel(key);
    const goalHead = REPORT_GOAL.exec(key);
    // a section heading closes a goal block (年度目标 lines are not headings)
    if (level !== null && level <= 2) {
      goal = null;
      analysis = false;
      if (section && level <= sectionLevel) section = null;
      if (REPORT_PROBLEMS.test(key)) {
        section = 'problems';
        sectionLevel = level;
        used.add(p);
        continue;
      }
      if (REPORT_MEASURES.test(key)) {
        section = 'measures';
        sectionLevel = level;
        used.add(p);
        continue;
      }
    }
    if (section && level === null) {
      sectionText[section].push(p);
      used.add(p);
      continue;
    }
    if (goalHead) {
      const no = goalNumber(goalHead[2] as string);
      if (goals.some((g) => g.no === no)) {
        goal = null;
        analysis = true;
        continue;
      }
      analysis = false;
      goal = { no, data: {}, indicators: [] };
      goals.push(goal);
      used.add(p);
      readGoalParagraph(goal, p);
      continue;
    }
    if (goal && !analysis) {
      if (readGoalLine(goal, p, key)) used.add(p);
      else if (goalContinues(goal, p)) used.add(p);
      readCounts(p, goals.length);
      continue;
    }
    if (!analysis) {
      readFigures(p);
      readCounts(p, 0);
    }
  }

  // ---- goals ----
  function readGoalParagraph(g: Goal, p: Para): void {
    const base = joinPointer('/yearlyGoals', goals.length - 1);
    const text = p.text;
    // 002: 「任务一：年初目标，…。目标完成情况，…。指标1，…。指标2，…」 in one paragraph
    const achievedAt = text.search(/目标完成情况/);
    const firstIndicator = text.search(/指标\s*[1１]\s*[，,:：]/);
    const goalEnd = [achievedAt, firstIndicator].filter((i) => i > 0).reduce((a, i) => Math.min(a, i), text.length);
    g.data.goal = squeeze(text.slice(0, goalEnd)).replace(/[，,]$/, '');
    map.set(base, placeOf(p));
    map.set(`${base}/goal`, placeOf(p));
    g.data._para = p;
    if (achievedAt > 0) {
      const end = firstIndicator > achievedAt ? firstIndicator : text.length;
      g.data.achieved = squeeze(text.slice(achievedAt, end));
      map.set(`${base}/achieved`, placeOf(p, achievedAt));
    }
    if (firstIndicator > 0) readNumberedIndicators(g, p, firstIndicator);
  }

  /** A paragraph that continues the goal's paragraph across a page break (002 task 2: 「保证人大」/「代表闭会期间…」). */
  function goalContinues(g: Goal, p: Para): boolean {
    const first = g.data._para as Para | undefined;
    if (!first || g.level1 !== undefined || g.data.status !== undefined || g.data.joined) return false;
    // joined: the goal's paragraph ended mid-sentence
    if (!/[\u4e00-\u9fff]$/.test(first.text.trim())) return false;
    const joined: Para = { text: `${first.text.trimEnd()}${p.text.trim()}`, r: first.r, c: first.c };
    const offset = first.text.trimEnd().length;
    const base = joinPointer('/yearlyGoals', goals.indexOf(g));
    // re-read the joined paragraph; places after the break are those of the second paragraph
    g.indicators.length = 0;
    delete g.data.achieved;
    const at = (o: number): Place => (o < offset ? placeOf(first, o) : placeOf(p, o - offset + (p.text.length - p.text.trimStart().length)));
    const text = joined.text;
    const achievedAt = text.search(/目标完成情况/);
    const firstIndicator = text.search(/指标\s*[1１]\s*[，,:：]/);
    const goalEnd = [achievedAt, firstIndicator].filter((i) => i > 0).reduce((a, i) => Math.min(a, i), text.length);
    g.data.goal = squeeze(text.slice(0, goalEnd)).replace(/[，,]$/, '');
    if (achievedAt > 0) {
      const end = firstIndicator > achievedAt ? firstIndicator : text.length;
      g.data.achieved = squeeze(text.slice(achievedAt, end));
      map.set(`${base}/achieved`, at(achievedAt));
    }
    if (firstIndicator > 0) readNumberedIndicators(g, joined, firstIndicator, at);
    g.data._para = joined;
    g.data.joined = true;
    return true;
  }

  /** 「指标1，选举任务的完成率达到100%以上。指标2，…」 */
  function readNumberedIndicators(g: Goal, p: Para, from: number, at: (o: number) => Place = (o) => placeOf(p, o)): void {
    const base = joinPointer('/yearlyGoals', goals.indexOf(g), 'indicators');
    const re = /指标\s*[0-9０-９]+\s*[，,:：]\s*/g;
    re.lastIndex = from;
    const starts: Array<{ at: number; body: number }> = [];
    for (let m = re.exec(p.text); m; m = re.exec(p.text)) starts.push({ at: m.index, body: m.index + m[0].length });
    starts.forEach((s, i) => {
      const end = starts[i + 1]?.at ?? p.text.length;
      const raw = p.text.slice(s.body, end).replace(/(?<![。；;，,\s])[。；;，,\s]+$/, '');
      if (raw === '') return;
      const ind: Record<string, unknown> = {};
      const pointer = joinPointer(base, g.indicators.length);
      const split = /^(.+?)(?:达到|达|为)\s*([0-9０-９]+(?:\.\d+)?\s*(?:%|％|[\u4e00-\u9fff]{1,2})?(?:及?以上|及?以下)?)$/.exec(raw);
      ind.name = squeeze(split ? (split[1] as string) : raw).replace(/(?<![，,；;\s])[，,；;\s]+$/, "");
      map.set(pointer, at(s.at));
      map.set(`${pointer}/name`, at(s.body));
      if (split) {
        ind.actual = squeeze(split[2] as string);
        map.set(`${pointer}/actual`, at(s.body + raw.lastIndexOf(split[2] as string)));
      }
      g.indicators.push(ind);
    });
  }

  /** A line inside a goal block: its status, a first-level heading, or a 「（1）数量指标：…」 line. */
  function readGoalLine(g: Goal, p: Para, key: string): boolean {
    const gi = goals.indexOf(g);
    const base = joinPointer('/yearlyGoals', gi);
    const status = /(均已完成|全部完成|已全部完成|已完成|基本完成|部分完成|未完成)/.exec(p.text);
    if (status && /绩效目标|目标/.test(p.text) && !/^[（(]/.test(p.text.trim()) && g.data.status === undefined) {
      g.data.status = status[1];
      map.set(`${base}/status`, placeOf(p, status.index));
      return false; // the sentence stays in the body
    }
    const l1 = /^\s*[0-9０-９]{1,2}\s*[.．、]\s*((?:产出|效益|满意度)(?:指标|目标)?)\s*[:：]?\s*$/.exec(p.text);
    if (l1) {
      g.level1 = { text: l1[1] as string, place: placeOf(p, p.text.indexOf(l1[1] as string)) };
      return true;
    }
    const l2 = /^\s*[（(]\s*[0-9０-９]{1,2}\s*[)）]\s*([^：:，,。]{1,12}?)\s*[:：]\s*(.*)$/.exec(p.text);
    if (!l2) return false;
    const level2 = (l2[1] as string).trim();
    if (!/(指标|效益|满意度|数量|质量|时效|成本|可持续影响)$/.test(fold(level2))) return false;
    const contentAt = p.text.length - (l2[2] as string).length;
    const content = l2[2] as string;
    // clauses, each ending in a figure → one indicator each; else the whole line is one indicator
    const pieces: Array<{ text: string; at: number }> = [];
    const re = /[^，,；;。]+/g;
    for (let m = re.exec(content); m; m = re.exec(content)) if (m[0].trim() !== '') pieces.push({ text: m[0], at: m.index });
    const figures = pieces.map((x) => ENDS_IN_FIGURE.exec(x.text.trim()));
    const split = pieces.length > 0 && figures.every((f) => f && (f[1] as string).trim() !== '');
    const items = split
      ? pieces.map((x, i) => {
          const f = figures[i] as RegExpExecArray;
          const lead = x.text.length - x.text.trimStart().length;
          return { name: (f[1] as string).trim(), target: (f[2] as string).trim(), at: x.at + lead, targetAt: x.at + lead + (f[1] as string).length + ((f[2] as string).length - (f[2] as string).trimStart().length) };
        })
      : [{ name: content.trim(), target: undefined, at: content.length - content.trimStart().length, targetAt: 0 }];
    for (const it of items) {
      if (it.name === '') continue;
      const pointer = joinPointer(base, 'indicators', g.indicators.length);
      const ind: Record<string, unknown> = {};
      map.set(pointer, placeOf(p, contentAt + it.at));
      if (g.level1) {
        ind.level1 = g.level1.text;
        map.set(`${pointer}/level1`, g.level1.place);
      }
      ind.level2 = level2;
      map.set(`${pointer}/level2`, placeOf(p, p.text.indexOf(level2)));
      ind.name = it.name;
      map.set(`${pointer}/name`, placeOf(p, contentAt + it.at));
      if (it.target !== undefined) {
        ind.target = it.target;
        map.set(`${pointer}/target`, placeOf(p, contentAt + it.targetAt));
      }
      g.indicators.push(ind);
    }
    return true;
  }

  // ---- figures in prose ----
  function readFigures(p: Para): void {
    const text = p.text;
    const hits: Array<{ at: number; end: number; text: string; money: boolean }> = [];
    for (const m of text.matchAll(MONEY)) hits.push({ at: m.index, end: m.index + m[0].length, text: `${m[1]}${m[2]}`, money: true });
    for (const m of text.matchAll(PERCENT)) hits.push({ at: m.index, end: m.index + m[0].length, text: `${m[1]}%`, money: false });
    hits.sort((a, b) => a.at - b.at);
    let sentenceStart = 0;
    let sentenceSubject: BudgetSubject | null = null;
    let lastMeasure: BudgetMeasure | null = null;
    let prevEnd = 0;
    for (const h of hits) {
      // a new sentence since the previous figure?
      const between = text.slice(prevEnd, h.at);
      const stop = Math.max(...[...between.matchAll(new RegExp(SENTENCE_END, 'g'))].map((m) => m.index + 1), -1);
      if (stop >= 0) {
        sentenceStart = prevEnd + stop;
        sentenceSubject = null;
        lastMeasure = null;
      }
      const clause = fold(text.slice(Math.max(prevEnd, sentenceStart), h.at));
      prevEnd = h.end;
      const said = budgetMeasure(clause);
      const measure: BudgetMeasure | null = h.money ? (said && said !== 'rate' ? said : said === null && lastMeasure !== 'rate' ? lastMeasure : null) : said === 'rate' ? 'rate' : null;
      if (!measure) continue;
      const subject: BudgetSubject = budgetSubject(clause) ?? sentenceSubject ?? 'total';
      if (sentenceSubject === null) sentenceSubject = subject;
      lastMeasure = measure;
      // 「调减87,714.90元」 is a negative adjustment
      const figure = measure === 'adjustment' && /调减|减少|核减/.test(clause) ? `-${h.text}` : h.text;
      stated.push({ subject, measure, text: figure, place: placeOf(p, h.at) });
    }
  }

  /** 「共设置了3个产出指标和3效益指标」: counts for the report (goal 0) or a goal. */
  function readCounts(p: Para, goalNo: number): void {
    if (!/设置|设定|设立|共有|共计|包括|共/.test(p.text)) return;
    for (const m of p.text.matchAll(/(?<![0-9０-９])([0-9０-９]+)\s{0,8}(?:个|项|条)?\s{0,8}((?:产出|效益|满意度|成本|数量|质量|时效|绩效)?)\s{0,8}(?:类)?指标(?![0-9０-９])/g)) {
      const category = `${m[2] === '' ? '绩效' : m[2]}指标`;
      counts.push({ goal: goalNo, category, count: m[1] as string, place: placeOf(p, m.index + m[0].indexOf(m[2] === '' ? '指标' : (m[2] as string))), countPlace: placeOf(p, m.index) });
    }
  }

  // ---- assemble ----
  const moneyStated = stated.find((s) => s.measure !== 'rate');
  const unitOf = (t: string) => (/万元$/.test(t) ? '万元' : '元') as '万元' | '元';
  const moneyUnit = moneyStated ? unitOf(moneyStated.text) : (expenditure.moneyUnit as '万元' | '元' | undefined);
  if (moneyUnit) data.moneyUnit = moneyUnit;
  if (moneyStated) map.set('/moneyUnit', moneyStated.place);

  const budget: Record<string, unknown> = {};
  const figures: Array<Record<string, unknown>> = [];
  for (const s of stated) {
    const head = s.subject === 'total' && s.measure !== 'adjustment' && budget[s.measure] === undefined;
    if (head) {
      if (s.measure === 'rate') {
        budget.rate = s.text;
        map.set('/budget/rate', s.place);
      } else {
        budget[s.measure] = { total: s.text };
        map.set(`/budget/${s.measure}`, s.place);
        map.set(`/budget/${s.measure}/total`, s.place);
      }
      if (!map.places.has('/budget')) map.set('/budget', s.place);
      continue;
    }
    const pointer = joinPointer('/figures', figures.length);
    const f: Record<string, unknown> = { subject: s.subject, measure: s.measure, [s.measure === 'rate' ? 'rate' : 'amount']: s.text };
    map.set(pointer, s.place);
    map.set(`${pointer}/${s.measure === 'rate' ? 'rate' : 'amount'}`, s.place);
    figures.push(f);
  }
  for (const rp of repeats) {
    const pointer = joinPointer('/figures', figures.length);
    const field = rp.measure === 'rate' ? 'rate' : 'amount';
    figures.push({ subject: rp.subject, measure: rp.measure, [field]: rp.text, ...(rp.unit && field === 'amount' ? { moneyUnit: rp.unit } : {}) });
    map.set(pointer, rp.place);
    map.set(`${pointer}/${field}`, rp.place);
  }
  if (Object.keys(budget).length > 0) data.budget = budget;
  if (figures.length > 0) data.figures = figures;
  if (Object.keys(expenditure).length > 0) data.expenditure = expenditure;

  const reportCounts = counts.filter((c) => c.goal === 0);
  const putCounts = (list: typeof counts, base: string): Array<Record<string, unknown>> =>
    list.map((c, i) => {
      const pointer = joinPointer(base, i);
      map.set(pointer, c.countPlace);
      map.set(`${pointer}/category`, c.place);
      map.set(`${pointer}/count`, c.countPlace);
      return { category: c.category, count: c.count };
    });
  if (reportCounts.length > 0) data.indicatorCounts = putCounts(reportCounts, '/indicatorCounts');
  if (goals.length > 0) {
    data.yearlyGoals = goals.map((g, i) => {
      const own = counts.filter((c) => c.goal === i + 1);
      const out: Record<string, unknown> = { goal: g.data.goal };
      if (g.data.achieved !== undefined) out.achieved = g.data.achieved;
      if (g.data.status !== undefined) out.status = g.data.status;
      if (own.length > 0) out.indicatorCounts = putCounts(own, joinPointer('/yearlyGoals', i, 'indicatorCounts'));
      out.indicators = g.indicators;
      if (g.indicators.length === 0) map.set(joinPointer('/yearlyGoals', i, 'indicators'), map.locate(joinPointer('/yearlyGoals', i)) ?? {});
      return out;
    });
    map.set('/yearlyGoals', map.locate('/yearlyGoals/0') ?? {});
  }
  for (const key of ['problems', 'measures'] as const) {
    const ps = sectionText[key];
    if (ps.length === 0) continue;
    data[key] = ps.map((p) => p.text.trim()).join('\n');
    map.set(`/${key}`, placeOf(ps[0] as Para, p0Lead(ps[0] as Para)));
  }
  const body = paras.filter((p) => !used.has(p));
  if (body.length > 0) {
    data.body = body.map((p, i) => {
      map.set(joinPointer('/body', i), placeOf(p, p0Lead(p)));
      return p.text.trim();
    });
  }
  return { data, map, problems };
}

const p0Lead = (p: Para) => p.text.length - p.text.trimStart().length;

// ---------- budget tables ----------

const integer = (t: string) => /^\s*[0-9０-９]+\s*$/.test(t);

/**
 * A budget table of a report: a header with 项目 and budget columns (预算数, 预算调整, 调整后预算,
 * 执行数, 执行率, 备注), rows labelled 基本支出合计 / 项目支出合计 / 部门支出总计 / 人员经费 / 公用经费 (slots
 * of `expenditure`; printed again in a later table: figures) or line items (项目支出明细).
 */
function readBudgetTable(
  t: Table,
  before: Para[],
  grid: Grid,
  map: CellMap,
  expenditure: Record<string, unknown>,
  repeats: Array<{ subject: BudgetSubject; measure: BudgetMeasure; text: string; place: Place; unit?: '万元' | '元' }>,
): void {
  const hr = t.rows.findIndex((row) => {
    const cols = row.map((c) => budgetLineColumn(fold(c.text)));
    return cols.includes('name') && cols.some((c) => c !== null && c !== 'name' && c !== 'note' && c !== 'no');
  });
  if (hr < 0) return;
  const header = t.rows[hr] as TCell[];
  const cols: Array<{ col: BudgetLineColumn; i: number }> = [];
  header.forEach((c, i) => {
    const col = budgetLineColumn(fold(c.text));
    if (col && !cols.some((x) => x.col === col)) cols.push({ col, i });
  });
  // 「预算数」 alone (no 调整后预算 beside it) is the adjusted budget
  const initial = cols.find((x) => x.col === 'initial');
  if (initial && !cols.some((x) => x.col === 'adjusted') && fold(header[initial.i]?.text ?? '') === '预算数') initial.col = 'adjusted';
  const unit = [...before, ...header].map((x) => moneyUnitOf(fold(x.text))).find((u) => u !== null) ?? undefined;
  const firstTable = expenditure.moneyUnit === undefined && !('basic' in expenditure) && !('total' in expenditure) && !('project' in expenditure);
  if (firstTable && unit) expenditure.moneyUnit = unit;
  const sameUnit = unit === undefined || unit === expenditure.moneyUnit || firstTable;
  const nameCol = cols.find((x) => x.col === 'name')?.i ?? 0;
  const items = (expenditure.projectItems as Array<Record<string, unknown>> | undefined) ?? [];
  const place = (c: TCell) => grid.place(c.r, c.c);
  for (const row0 of t.rows.slice(hr + 1)) {
    if (row0.every((c) => isEmpty(c.text))) continue;
    // a row with one cell more than the header starts with its number (序号 under a merged 项目)
    const row = row0.length === header.length + 1 && integer(row0[0]?.text ?? '') ? row0.slice(1) : row0;
    let nameCell = row[nameCol];
    if (nameCell && integer(nameCell.text) && row[nameCol + 1] && !isEmpty(row[nameCol + 1]?.text) && !cols.some((x) => x.i === nameCol + 1)) nameCell = row[nameCol + 1];
    if (!nameCell || isEmpty(nameCell.text)) continue;
    const label = nameCell.text.trim();
    const key = fold(label);
    const subject = budgetSubject(key);
    const values = cols.filter((x) => x.col !== 'name' && x.col !== 'no' && row[x.i] && !isEmpty(row[x.i]?.text));
    if (values.length === 0) continue;
    const slot = subject && (/合计|总计|小计/.test(key) || subject === 'personnel' || subject === 'publicUse') ? subject : null;
    if (slot && (slot in expenditure || !sameUnit)) {
      for (const v of values) {
        if (v.col === 'note') continue;
        const cell = row[v.i] as TCell;
        repeats.push({ subject: slot, measure: v.col as BudgetMeasure, text: cell.text.trim(), place: place(cell), ...(unit ? { unit } : {}) });
      }
      continue;
    }
    if (!sameUnit) continue;
    const line: Record<string, unknown> = { name: label };
    const base = slot ? `/expenditure/${slot}` : joinPointer('/expenditure/projectItems', items.length);
    map.set(base, place(nameCell));
    map.set(`${base}/name`, place(nameCell));
    for (const v of values) {
      const cell = row[v.i] as TCell;
      line[v.col] = cell.text.trim();
      map.set(`${base}/${v.col}`, place(cell));
    }
    if (slot) expenditure[slot] = line;
    else items.push(line);
  }
  if (items.length > 0) expenditure.projectItems = items;
  if (!map.places.has('/expenditure')) map.set('/expenditure', place(header[0] as TCell));
}
