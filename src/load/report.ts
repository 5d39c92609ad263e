/**
 * Narrative reports as published — 部门整体支出 / 项目支出 绩效自评报告, 自评结果, 绩效评价报告 (some written
 * by an accounting firm for the bureau), 自评说明, and prose summaries of several projects (corpus 15–29,
 * seeds 002 and 003) — read from a grid (a Word document's body, or extracted text: prose lines, tables
 * printed one cell per tab-led line, or one cell per 「    | 」 line) into a `department-report`
 * submission (schemas/department-report.schema.json).
 *
 * A report is found by what it is (`reportKind`): a report title near the top (「…自评报告」「…自评结果」
 * 「…评价报告」「…自评说明」, a file name such as 「….pdf」 above it, or 「现将…报告如下」 in its first
 * paragraph), an untitled excerpt that opens with 「一、基本情况」 / 「（一）项目概况」, a report by a third party
 * (「受…委托」 with 会计师事务所 / 我所), or — when no table form was found — prose about 绩效自评 / 绩效目标.
 *
 * Each paragraph is read in a normalized form — full-width forms folded (NFKC), spaces between Chinese
 * characters and digits dropped (line-wrap spaces of a PDF: 「战 略」), and pinyin printed after
 * characters by re-posting sites (「當(dāng)」) left out — with a map back to the characters of the
 * file, so that every place is the line and column (or paragraph, or cell) as printed. Traditional
 * characters were converted to Simplified before (src/load/chinese.ts, lengths kept).
 *
 * What is read:
 *   - title, year and unit: from the title, the lines above it, the issuer line (「来源：…局」), the
 *     first paragraphs (「现将2022年西平县交通运输局…报告如下」, 「…人民政府开展并完成了…」), an attached
 *     report's title (「附件：1.广东省科学技术厅2020年度…报告」); a year printed only as a date
 *     (「2023年12月前」) or inside a 文号 (〔2018〕) is not the report's year;
 *   - every budget figure stated in prose (万元 / 元 / 亿元, in digits or Chinese numerals 「壹佰贰拾万元」 (report-numerals.ts),
 *     rates with or without %, 「大于95%」), with
 *     what it is a figure of: its measure (年初预算 / 调整 / 预算·下达·安排 / 支出·执行·拨付·支付·发放 /
 *     执行率·支付完成率·使用率), its subject — the department's lines (基本支出, 项目支出 …) in a department
 *     report, else the fund or project the sentence names (`of`), and the project of a numbered paragraph
 *     (`scope`, 「1、…建设项目，…」) — and, after 「其中」, the total it is a part of (`partOf`). A figure
 *     whose measure the sentence does not say is left unread rather than attached to the previous one;
 *   - the budget tables (项目 | 预算数 | … | 执行率, 「单位：元」 above) into `expenditure`;
 *   - an indicator table inside a report (一级 / 二级 / 三级指标 | 指标值 | 完成情况) as the indicators of
 *     a goal, each goal or task (「年度目标1：」「任务一：」) with its indicators as printed, stated indicator
 *     counts, the problems and measures sections, and every other paragraph as `body`;
 *   - whether the text reaches its end (`reading.stops`): a text cut short — no closing section
 *     (存在的问题 / 改进措施 / 结论 / 附件 / signature) or a last sentence left open — gives no finding
 *     that would exist only because it stops (missing-budget-data), and how many amounts it prints at all.
 * Browser-safe.
 */
import { joinPointer, type LoadProblem } from '../types.js';
import { budgetLineColumn, budgetMeasure, budgetSubject, foldLabel, moneyUnitOf, type BudgetLineColumn, type BudgetMeasure, type BudgetSubject } from '../vocabulary.js';
import { CellMap, isEmpty, type Grid, type Place } from './grid.js';
import { chineseAmounts } from './report-numerals.js';

interface Para {
  /** The text as printed (a line, a Word paragraph, or part of a long line). */
  text: string;
  r: number;
  c: number;
  /** Offset of `text` in its line (a long line cut at its inline headings). */
  base: number;
  /** The text normalized (see normalize); `pos[i]` is the offset in `text` of norm[i]. */
  norm: string;
  pos: number[];
}

interface TCell {
  text: string;
  r: number;
  c: number;
  /** Column offset of the cell's text in its line (text grids), when the place is a line. */
  column?: number;
}

interface Table {
  rows: TCell[][];
  /** Printed as 「    | cell」 lines (rows of collapsed merged cells; values last). */
  piped?: boolean;
}

type Block = { p: Para } | { t: Table };

// ---------- report vocabulary (kept here: the narrative reader is the only one that uses it) ----------

/** The title of a report (folded, without a file extension). */
const REPORT_TITLE = /(自评|评价|自评总结|绩效)(报告|结果|说明)(公开)?$|绩效.{0,14}报告(公开)?$/;
/** The opening of an untitled excerpt: 「一、基本情况」, 「一、项目基本情况」, 「（一）项目概况」. */
const REPORT_OPENING = /^(?:一[、.]|第一部分)(?:部门|项目)?(?:基本情况|基本概况|概况)|^\(一\)(?:项目|部门)(?:概况|基本情况)/;
/** A report by a third party: 「受隆回县财政局委托，我所…」, 「会计师事务所…受…委托」. */
const THIRD_PARTY = /受.{2,30}?委托.{0,40}?(?:我所|本所|评价|对)|会计师事务所.{0,40}?受.{2,30}?委托/;
/** Words of a report's prose (for an untitled text that holds no form). */
const REPORT_WORDS = /自评|绩效评价|绩效目标|得分原因|扣分原因|总得分|执行率|资金到位|资金使用/g;
/** The problems section (三、存在的主要问题) and the measures section (四、下一步改进措施). */
const REPORT_PROBLEMS = /存在的(主要)?问题/;
const REPORT_MEASURES = /(改进|整改)措施|下一步/;
/** Sections and lines that close a report: its problems, measures, conclusion or suggestions. */
const CLOSING_HEADING = /存在的(主要)?问题|问题和原因|(改进|整改)措施|下一步|评价结论|结论|意见和建议|有关建议|工作建议/;
/** A goal or task heading in a report: 「年度目标1：」, 「任务一：」 (folded). Group 2 is its number. */
const REPORT_GOAL = /^(年度目标|任务)([一二三四五六七八九十\d]+)[:：]/;
/** Site chrome above a report: 来源 / 发布时间 / 作者 / 点击数 lines and bullets. */
const CHROME = /^[•·]|^(来源|发布时间|发布日期|日期|作者|点击数|浏览量|浏览次数|字号|分享)[:：]|发布时间[:：]/;
/** The issuer line: 「来源：祁东县财政局」. */
const ISSUER = /(?:来源|发布单位|发文单位|发布机构)[:：]\s*([\u4e00-\u9fff（）()]{4,40}?)(?=发布|日期|时间|作者|浏览|点击|字号|[\s|,，]|$)/;
/** A unit name ends with one of these. */
const ORGAN = /(?:人民代表大会常务委员会办公室|常务委员会办公室|人民政府办公室|人民政府|委员会|办公室|指挥部|事务所|管理处|管理局|服务中心|中心|局|厅|委|院|所|站|馆|校|处|办|队|部|会)$/;
/** A unit name at the start of a text (shortest, so 「西平县交通运输局财政衔接…」 gives 西平县交通运输局). */
const LEADING_ORGAN = /^([\u4e00-\u9fff]{2,30}?(?:人民政府|委员会|办公室|指挥部|管理局|服务中心|中心|局|厅|委|院))(?![\u4e00-\u9fff]{0,1}(?:局|厅|委|院))/;
/** A unit named as the one that did the work: 「…，阿拉善左旗乌力吉苏木人民政府开展并完成了…」. */
const ACTING_ORGAN = /(?:^|[,，。:：;；)）])([\u4e00-\u9fff]{4,30}?(?:人民政府|委员会|办公室|管理局|服务中心|中心|局|厅))(?:开展|组织|对|认真|按照|根据|严格)/;

/** A section heading: 「一、」 (1), 「（一）」 (2), 「1.」 (3), 「(1)」 (4). Takes folded text. */
export function reportHeadingLevel(key: string): 1 | 2 | 3 | 4 | null {
  if (/^[一二三四五六七八九十]+[、.]/.test(key) || /^第[一二三四五六七八九十]+部分/.test(key)) return 1;
  if (/^\([一二三四五六七八九十]+\)/.test(key)) return 2;
  if (/^\d{1,2}[.、](?!\d)/.test(key) && key.length <= 30 && !/[，。；]/.test(key)) return 3;
  if (/^\(\d{1,2}\)/.test(key) && key.length <= 30 && !/[，。；,;]/.test(key)) return 4;
  return null;
}

// ---------- normalized text with a map back to the file ----------

const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;
/** Pinyin printed in brackets after a character (「當(dāng)」, 「區(qū)」); tone marks required unless the document prints many. */
const PINYIN_TONED = /[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ]/;
const PINYIN = /^[a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,6}$/;

/**
 * The text as the reader matches it: pinyin in brackets after a Chinese character left out, each
 * character NFKC-folded when that keeps it one character (（ → (, ％ → %, full-width digits), and
 * spaces dropped where they touch a Chinese character or a digit. `pos[i]` is where norm[i] is in
 * `text`. Hand-written: no library keeps such a map, and places must stay those of the file.
 */
function normalize(text: string, pinyinDoc: boolean): { norm: string; pos: number[] } {
  let norm = '';
  const pos: number[] = [];
  const keepSpace = (i: number) => {
    const prev = text[i - 1] ?? '';
    let j = i;
    while (j < text.length && /[\s\u3000]/.test(text[j] as string)) j++;
    const next = text[j] ?? '';
    const tight = (ch: string) => ch === '' || CJK.test(ch) || /[\d%（）()，。：；、“”《》〔〕]/.test(ch);
    return !(tight(prev) || tight(next));
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if ((ch === '(' || ch === '（') && i > 0 && CJK.test(text[i - 1] as string)) {
      const close = text.slice(i + 1, i + 9).search(/[)）]/);
      if (close > 0) {
        const inner = text.slice(i + 1, i + 1 + close);
        if (PINYIN.test(inner) && (PINYIN_TONED.test(inner) || pinyinDoc)) {
          i += close + 1;
          continue;
        }
      }
    }
    if (/[\s\u3000\u00a0]/.test(ch)) {
      if (norm.endsWith(' ') || !keepSpace(i)) continue;
      norm += ' ';
      pos.push(i);
      continue;
    }
    const f = ch.normalize('NFKC');
    norm += f.length === 1 ? f : ch;
    pos.push(i);
  }
  return { norm: norm.trim() === norm ? norm : norm.trimEnd(), pos };
}

/** Does the document print pinyin after its characters (three or more toned brackets)? */
function printsPinyin(texts: string[]): boolean {
  let n = 0;
  for (const t of texts) for (const m of t.matchAll(/[\u4e00-\u9fff][(（]([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,6})[)）]/g)) if (PINYIN_TONED.test(m[1] as string) && ++n >= 3) return true;
  return false;
}

// ---------- the grid as paragraphs and tables ----------

const PIPE_LINE = /^\s*\|/;
/** A short label line of a piped table (「项目决策」, 「绩效」 / 「指标」 broken across lines). */
const SHORT_LABEL = (t: string) => t.trim() !== '' && t.trim().length <= 12 && !/[，,。；;：:]/.test(t);

/** Paragraphs and tables in reading order. */
function blocksOf(grid: Grid): Block[] {
  const blocks: Block[] = [];
  // text with tab-led table lines was split at tabs; text without them, at commas
  const tabbed = !grid.positional && grid.rows.some((cells) => cells.length >= 2 && isEmpty(cells[0]) && !isEmpty(cells[1]));
  const lineOf = (cells: string[]) => cells.join(grid.positional || tabbed ? '\t' : ',');
  const texts = grid.rows.map((cells) => lineOf(cells));
  const pinyinDoc = printsPinyin(texts);
  const para = (text: string, r: number, c: number, base = 0): Para => ({ text, r, c, base, ...normalize(text, pinyinDoc) });
  const piped = grid.positional ? new Set<number>() : pipedLines(texts);
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
  let label: TCell | null = null; // the first cell of a piped row, printed without a pipe (maybe over several lines)
  grid.rows.forEach((cells, r) => {
    const at = grid.place(r, 0);
    if (piped.has(r)) {
      const line = texts[r] as string;
      if (!table || !table.piped) {
        endTable();
        table = { rows: [], piped: true };
      }
      if (!PIPE_LINE.test(line)) {
        // a label line: the first cell of a new row, or the continuation of the last cell
        const lead = line.length - line.trimStart().length;
        const last = row[row.length - 1];
        if (last && !label) last.text += line.trim();
        else if (label) label.text += line.trim();
        else label = { text: line.trim(), r, c: 0, column: lead };
        return;
      }
      const m = /^(\s*\|\s*)(.*?)\s*$/.exec(line) as RegExpExecArray;
      const content = (m[2] as string).replace(/^\|+|(?<!\|)\|+$/g, '').trim();
      if (label) {
        row.push(label);
        label = null;
      }
      if (content === '') {
        endRow();
        return;
      }
      row.push({ text: content, r, c: 0, column: (m[1] as string).length });
      return;
    }
    if (table?.piped) {
      if (label) row.push(label);
      label = null;
      endTable();
    }
    if (at.paragraph !== undefined || (!grid.positional && !(cells.length >= 2 && isEmpty(cells[0])))) {
      // a paragraph (Word), or a prose line of text; a blank line ends a table row
      if (cells.every((t) => isEmpty(t))) {
        if (grid.positional) return;
        if (table && cells.length <= 1) endRow();
        return;
      }
      endTable();
      // a prose line of text split at commas (a file without tabs is read as comma-separated): joined again
      for (const part of splitInline(texts[r] as string)) blocks.push({ p: para(part.text, r, 0, part.at) });
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
      blocks.push({ p: para(cells[c] as string, r, c) });
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
  if (label && table) (row as TCell[]).push(label);
  endTable();
  return blocks;
}

/**
 * The lines of text tables printed one cell per 「    | cell」 line (corpus 24): pipe lines, and the
 * short label lines just before them or between them (a row's first cell, a cell broken across
 * lines). A blank line before a label ends the label run.
 */
function pipedLines(texts: string[]): Set<number> {
  const out = new Set<number>();
  texts.forEach((t, i) => {
    if (!PIPE_LINE.test(t)) return;
    out.add(i);
    // short labels just above (no blank line between)
    for (let j = i - 1; j >= 0 && !out.has(j) && SHORT_LABEL(texts[j] as string) && !PIPE_LINE.test(texts[j] as string); j--) out.add(j);
  });
  // short lines between two pipe lines
  texts.forEach((t, i) => {
    if (out.has(i) || !SHORT_LABEL(t)) return;
    let a = i - 1;
    while (a >= 0 && SHORT_LABEL(texts[a] as string) && !out.has(a)) a--;
    let b = i + 1;
    while (b < texts.length && SHORT_LABEL(texts[b] as string) && !out.has(b)) b++;
    if (a >= 0 && out.has(a) && PIPE_LINE.test(texts[a] as string) && b < texts.length && out.has(b)) for (let k = a + 1; k < b; k++) out.add(k);
  });
  // short lines right after a filled pipe cell, up to a blank line: the rest of that cell (「资金到位」 / 「情况」)
  texts.forEach((t, i) => {
    if (!PIPE_LINE.test(t) || t.replace(/[\s|]/g, '') === '') return;
    for (let k = i + 1; k < texts.length && !out.has(k) && SHORT_LABEL(texts[k] as string) && !PIPE_LINE.test(texts[k] as string); k++) out.add(k);
  });
  return out;
}

/**
 * A long line (a PDF page flattened onto one line) cut at its inline headings: 「…如下: 一、部门基本情况
 * (一)部门职能 我局负责…」 → three paragraphs. Only where a heading follows a space or a sentence end.
 */
function splitInline(line: string): Array<{ text: string; at: number }> {
  if (line.length < 200) return [{ text: line, at: 0 }];
  const cuts = [0];
  for (const m of line.matchAll(/(?<=[\s。；;:：])(?<!\s\s)\s*(?=[一二三四五六七八九十]{1,3}、|[(（][一二三四五六七八九十]{1,3}[)）])/g)) {
    const at = m.index + m[0].length;
    if (at - (cuts[cuts.length - 1] as number) >= 4) cuts.push(at);
  }
  return cuts.map((at, i) => ({ text: line.slice(at, cuts[i + 1] ?? line.length), at })).filter((x) => x.text.trim() !== '');
}

// ---------- reading ----------

const fold = (t: string) => foldLabel(t);
/** Spaces between Chinese characters or digits (PDF extraction: 「2021 年」, 「支持 20 单位」) removed. */
const squeeze = (t: string) => t.replace(/[\s\u3000]+/g, (m, at: number, s: string) => (/[\u4e00-\u9fff\d%（）“”]/.test(s[at - 1] ?? '') || /[\u4e00-\u9fff\d%（）“”]/.test(s[at + m.length] ?? '') ? '' : ' ')).trim();

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
  /** The fund or project the sentence names ('' for the report's own budget). */
  of: string;
  /** The project of the numbered paragraph it is in ('' outside one). */
  scope: string;
  bound?: 'above';
  /** The total this figure is a part of (「其中」). */
  partOf?: Stated;
}

/** A clause ending in a figure: 「召开区人大常委会会议5次」 → name, target; null when it does not end in one. */
// (spaces and digits counted in bounds: unbounded, every start of the lazy name would rescan a long run to the end)
const ENDS_IN_FIGURE = /^(?=[^]{0,200}$)(.*?)((?:≥|≤|>|<|＞|＜|不低于|不少于|不高于|不超过|大于|小于)?\s{0,16}[0-9０-９]{1,40}(?:[.．][0-9０-９]{1,40})?\s{0,16}(?:%|％|[\u4e00-\u9fff]{1,2})?(?:及?以上|及?以下|以内)?)$/;

/** ENDS_IN_FIGURE on a clause of any length: the figure is at most ~130 characters, so the pattern runs on
 * the last 200 only (its lookahead refuses anything longer at once: no scan of a long cell from every
 * position) and the rest is the name — unless the rest holds a line break, which `.` never spanned. */
function endsInFigure(text: string): [string, string, string] | null {
  const cut = Math.max(0, text.length - 200);
  const head = text.slice(0, cut);
  if (/[\n\r\u2028\u2029]/.test(head)) return null;
  const m = ENDS_IN_FIGURE.exec(text.slice(cut));
  return m ? [text, head + (m[1] as string), m[2] as string] : null;
}

export interface ReportRead {
  data: Record<string, unknown>;
  map: CellMap;
  problems: LoadProblem[];
  /** The layout read, for a report's table alone (readReportTable); a report's prose claims none. */
  layout?: { id: string; name: string };
}

/** The title of a report among the first paragraphs: its index (and how many lines it spans), or null. */
function findTitle(paras: Para[]): { at: number; lines: number; key: string } | null {
  const head = paras.slice(0, 10);
  for (let i = 0; i < head.length; i++) {
    const key = fold((head[i] as Para).norm).replace(/\.(pdf|docx?|wps|txt|html?)$/i, '');
    // not site chrome, not an attachment or an item of a list (「附件:1.…报告」 names another document)
    if (CHROME.test(key) || /^附件|^\d{1,2}[.、]/.test(key) || key.length > 90 || !REPORT_TITLE.test(key)) continue;
    // a title broken over two lines: 「隆回县人居环境指挥部乡村振兴项目资金」 / 「绩效评价报告」
    const prev = head[i - 1];
    const prevKey = prev ? fold(prev.norm) : '';
    if (key.length <= 12 && prev && prevKey.length <= 40 && !/[。；,，:：]/.test(prevKey) && !CHROME.test(prevKey)) return { at: i - 1, lines: 2, key: `${prevKey}${key}` };
    return { at: i, lines: 1, key };
  }
  return null;
}

/** What kind of report a grid holds: 'titled' (title, opening or third party: decided before any table reader), 'prose', or null. */
export function reportKind(grid: Grid): 'titled' | 'prose' | null {
  const blocks = blocksOf(grid);
  const paras = blocks.flatMap((b) => ('p' in b ? [b.p] : []));
  const keys = paras.map((p) => fold(p.norm));
  const prose = keys.filter((k) => k.length >= 30 && /[。；]|,.*,/.test(k)).length;
  if (prose === 0) return null;
  const title = findTitle(paras);
  const first = keys.findIndex((k) => k !== '' && !CHROME.test(k));
  const opening = first >= 0 && keys.slice(first, first + 3).some((k) => REPORT_OPENING.test(k));
  const asReport = keys.slice(0, 4).some((k) => /现将.{2,80}?(报告|结果)如下/.test(k));
  const thirdParty = keys.slice(0, 6).some((k) => THIRD_PARTY.test(k));
  const sections = keys.some((k) => reportHeadingLevel(k) !== null && REPORT_PROBLEMS.test(k)) && keys.some((k) => REPORT_GOAL.test(k));
  if ((title || opening || asReport || thirdParty || sections) && prose >= 1) return 'titled';
  // untitled: never a text that names a form near its top (a table flattened into text is the table readers')
  if (keys.slice(0, 6).some((k) => FORM_NAME.test(k))) return null;
  const words = keys.join('').match(REPORT_WORDS)?.length ?? 0;
  if (words < 3) return null;
  // and only with a report's own marks: 「…自评结果综述如下」, the reasons of its scores, its section headings, its attached reports
  const summary = keys.slice(0, 3).some((k) => /(自评|评价).{0,20}(报告|结果|综述|说明|情况)如下/.test(k));
  const reasons = (keys.join('').match(/得分原因|扣分原因/g)?.length ?? 0) >= 2;
  const headings = keys.filter((k) => reportHeadingLevel(k) !== null && REPORT_SECTION.test(k)).length >= 2;
  const attached = keys.some((k, i) => /^附\s*件/.test(k) && [k.replace(/^附\s*件[:：]?\s*(\d{1,2}[.、])?/, ''), ...keys.slice(i + 1, i + 4)].some((t) => REPORT_TITLE.test(t.replace(/^\d{1,2}[.、]/, ''))));
  return summary || reasons || headings || attached ? 'prose' : null;
}

/** A form's name (a table flattened into text, not a report): 「…绩效自评表」「…目标申报表」. */
const FORM_NAME = /(自评表|目标表|申报表|评价表|指标表|基础数据表)/;
/** Section headings of a report: 「(三)项目自评步骤及方法」「二、项目资金申报及使用情况」「三、存在的问题」. */
const REPORT_SECTION = /自评|评价|资金(申报|使用|到位|管理|投入|执行)|绩效目标|存在的问题|改进措施/;

/**
 * Is this grid a narrative report rather than a table with a few lines around it (src/load/recognize.ts
 * asks this first)? Its budget tables may look like a project summary table (项目 | 预算数 | 执行数 |
 * 执行率) and an indicator table inside it like a form; they are then read as the report's tables.
 */
export function isReportGrid(grid: Grid): boolean {
  return reportKind(grid) === 'titled';
}

/** A year printed as the report's: 「2021年度」, 「2020-2022年度」, 「2021年」 — not a date (「2023年12月」) and not in a 文号 (〔2018〕). */
function yearIn(text: string, strict: boolean): { year: number | string; at: number } | null {
  const re = /(?<![\d〔\[［])((?:19|20)\d{2})(?:\s*[-—–至~]\s*((?:19|20)\d{2}))?\s*年(度)?(?!\s*\d{1,2}\s*月)/g;
  for (const m of text.matchAll(re)) {
    if (strict && !m[3]) continue;
    // inside a 文号's brackets: 〔2018〕, [2022], (2022)第
    const before = text.slice(Math.max(0, m.index - 1), m.index);
    if (/[〔\[［]/.test(before)) continue;
    return { year: m[2] ? `${m[1]}-${m[2]}` : Number(m[1]), at: m.index };
  }
  return null;
}

/** A unit name as printed at the start of a text, or the whole text when it ends like a unit. */
function unitIn(text: string): string | null {
  const t = squeeze(text).replace(/关于$/, '');
  if (t.length >= 3 && t.length <= 40 && ORGAN.test(t)) return t;
  const m = LEADING_ORGAN.exec(t);
  return m ? (m[1] as string) : null;
}

// ---------- figures: what a sentence says a number is ----------

/** An amount of money (normalized text: ASCII digits and commas): 「2113.63万元」, 「282,796.90万元」, 「1.2亿元」. */
// (never starting inside a figure: every digit of a long run, or every group of 1,234,…, would rescan the rest)
const MONEY = /(?<!\d|\d,)(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\s*(亿元|万元|元)/g;
/** An amount per unit printed without its currency: 「89.34/亩」, 「150/人·月」 (normalized text). */
const UNITLESS = /(?<![\d.,])\d+(?:\.\d+)?\/(?:亩|户|人(?:·?月|·?年)?|月|年|吨|头|只|株|平方米|公里|公斤|千克)/g;
/** A rate: 「97%」, 「88.74%」. */
const PERCENT = /(?<!\d)(\d+(?:\.\d+)?)\s*%/g;

const BUDGET_WORDS = /预算(?!支出|执行)|下达|安排|批复|计划投资|总投资|投入/g;
const SPENT_WORDS = /执行(?!率)|决算|实际支出|支出数|支出合计|预算支出|拨付(?!到位)|(?<!转移)支付(?!完成率|率)|发放|实际使用|使用资金/g;
const RATE_WORDS = /(?<!规定|标准|政策|制度|计划|进度)执行率|支付完成率|支付率|使用率|完成预算的/g;
const OTHER_RATE_WORDS = /到位率|到位及时率|及时率|完成率|知晓率|满意度|覆盖率|合格率|达标率|占比|占.{0,12}的/g;

const lastAt = (text: string, re: RegExp): number => {
  let at = -1;
  for (const m of text.matchAll(re)) at = m.index + m[0].length;
  return at;
};

/**
 * The measure a clause gives the figure that follows it, in words of the corpus reports: 年初 →
 * initial; 调整后 / 全年预算 → adjusted; 调增 / 追加 → adjustment; else the last of the budget words
 * (预算, 下达, 安排, 批复, 计划投资, 投入) and the spending words (执行, 决算, 支出, 拨付, 支付, 发放); a rate
 * after 执行率 / 支付完成率 / 使用率 / 完成预算的 (not 到位率, 完成率, 知晓率 …). 「实际完成值」 is spending only
 * in a sentence about the money put in (「项目资金投入…实际完成值为0万元」); a 「目标值」 is not a figure of the
 * budget. Null when the clause does not say.
 */
function measureOf(clause: string, sentence: string): BudgetMeasure | null {
  const rate = lastAt(clause, RATE_WORDS);
  if (rate >= 0 && rate >= lastAt(clause, OTHER_RATE_WORDS)) return 'rate';
  if (/年初[^,，。;；]{0,6}预算|年初数/.test(clause)) return 'initial';
  if (/调整后|全年预算|预算总额|全年\(调整\)预算/.test(clause)) return 'adjusted';
  if (/调增|调减|追加/.test(clause)) return 'adjustment';
  const target = lastAt(clause, /目标值/g);
  let spent = lastAt(clause, SPENT_WORDS);
  if (/实际完成值/.test(clause) && /资金(投入|使用|支出)/.test(sentence)) spent = Math.max(spent, lastAt(clause, /实际完成值/g));
  const budget = lastAt(clause, BUDGET_WORDS);
  if (target > Math.max(spent, budget)) return null;
  if (spent < 0 && budget < 0) return null;
  return spent > budget ? 'actual' : 'adjusted';
}

/**
 * The fund or project a clause names before its figure: 「其中,中央转移支付资金」 → 中央转移支付资金,
 * 「2021年我局共收到中央下达困难群众救助补助资金」 → 中央困难群众救助补助资金; '' when it names only the
 * report's own money (「项目资金」, 「资金」, nothing).
 */
function subjectOf(raw: string): string {
  let t = fold(raw);
  // the last part of the clause (after its last comma or colon)
  t = t.slice(Math.max(t.lastIndexOf(','), t.lastIndexOf('，'), t.lastIndexOf(':'), t.lastIndexOf('：')) + 1);
  t = t
    // a heading run into the sentence: 「(二)项目财务管理状况本项目累计安排资金」
    .replace(/^(?:\([一二三四五六七八九十\d]+\)|[一二三四五六七八九十]+、|\d{1,2}[、.])[^,，:：]{0,20}?(?:情况|状况|分析|概况)/, '')
    .replace(/^(其中|\([一二三四五六七八九十\d]+\)|[一二三四五六七八九十]+、|\d{1,2}[、.])/, '')
    .replace(/[(（〔\[][^)）〕\](（〔\[]*[)）〕\]]|[(（][^)）(（]*$/g, '')
    .replace(/(?:19|20)\d{2}(?:-\d{4})?年度?(?:\d{1,2}月(?:\d{1,2}日)?)?|截[止至]到?(?:[\d年月日]|底|末)*/g, '')
    .replace(new RegExp(`${BUDGET_WORDS.source}|${SPENT_WORDS.source}|${RATE_WORDS.source}`, 'g'), '')
    .replace(/大于|高于|超过|不低于|以上|实际完成值|完成值|我局|我县|我区|我市|我厅|我单位|本单位|本项目|本级|该项目|该专项资金|上级财政|共计|合计|累计|全年|实际|收到|已完成|已经|已|共|为|达到?|是|了|的/g, '');
  return /^(项目|资金|经费|预算|专项资金|财政资金|项目资金)*$/.test(t) ? '' : t;
}

export function readReport(grid: Grid): ReportRead | null {
  const kind = reportKind(grid);
  if (kind === null) return null;
  const blocks = blocksOf(grid);
  const paras = blocks.flatMap((b) => ('p' in b ? [b.p] : []));
  const map = new CellMap();
  const data: Record<string, unknown> = { form: 'department-report' };
  const problems: LoadProblem[] = [];
  /** The place of a character of a paragraph (an offset in its text): the paragraph in Word, line and column in text. */
  const placeOf = (p: Para, offset = 0): Place => {
    const at = grid.place(p.r, p.c);
    if (!grid.positional && at.row !== undefined) return { line: at.row, column: p.base + offset + 1 };
    return at;
  };
  /** The place of a character of a paragraph's normalized text. */
  const placeN = (p: Para, i: number): Place => placeOf(p, p.pos[Math.min(i, p.pos.length - 1)] ?? 0);
  const used = new Set<Para>();
  const keyOf = (p: Para) => fold(p.norm);

  // ---- title, year, unit ----
  const titleAt = findTitle(paras);
  const chrome = paras.slice(0, 8).filter((p) => CHROME.test(keyOf(p)));
  for (const p of chrome) used.add(p);
  const issuer = chrome.map((p) => ISSUER.exec(p.norm)).find((m) => m && ORGAN.test(m[1] as string));
  let titleKey: string | undefined;
  if (titleAt) {
    const lines = paras.slice(titleAt.at, titleAt.at + titleAt.lines);
    const first = lines[0] as Para;
    for (const p of lines) used.add(p);
    // the same title printed twice (corpus 23)
    const next = paras[titleAt.at + titleAt.lines];
    if (next && keyOf(next) === keyOf(first)) used.add(next);
    titleKey = titleAt.key;
    const y = yearIn(titleKey, false);
    const yearAt = y ? first.text.indexOf(String(y.year).slice(0, 4)) : -1;
    data.title = y && yearAt >= 0 ? titleKey.slice(y.at) : titleKey;
    map.set('/title', placeOf(first, yearAt >= 0 ? yearAt : first.text.length - first.text.trimStart().length));
    if (y) {
      data.year = y.year;
      map.set('/year', placeOf(first, first.text.indexOf(String(y.year).slice(0, 4))));
    }
    const before = y ? titleKey.slice(0, y.at).replace(/^附件\d*[:：]?/, '') : '';
    const after = y ? titleKey.slice(y.at).replace(/^[\d\-—–至~年度]+/, '') : titleKey;
    const unit = (before !== '' ? unitIn(before) : null) ?? unitIn(after);
    if (unit && unit !== '') {
      data.unit = unit;
      map.set('/unit', placeOf(first, Math.max(0, first.text.indexOf(unit.slice(0, 2)))));
    } else if (issuer) {
      data.unit = issuer[1];
      const p = chrome.find((c) => c.norm.includes(issuer[1] as string)) as Para;
      map.set('/unit', placeN(p, p.norm.indexOf(issuer[1] as string)));
    } else if (before !== '') {
      data.unit = before;
      map.set('/unit', placeOf(first));
    } else {
      // the unit on the lines above the title (「武汉市蔡甸区人民代表大会」「常务委员会办公室」)
      const above = paras.slice(Math.max(0, titleAt.at - 3), titleAt.at).filter((p) => !/^附件/.test(keyOf(p)) && !CHROME.test(keyOf(p)) && keyOf(p).length <= 40);
      if (above.length > 0) {
        data.unit = above.map((p) => squeeze(p.text)).join('');
        map.set('/unit', placeOf(above[0] as Para));
        for (const p of above) used.add(p);
      }
    }
    for (const p of paras.slice(0, titleAt.at)) if (/^附件/.test(keyOf(p))) used.add(p);
  }
  // no title line: 「现将2022年西平县交通运输局…绩效自评总结报告如下」 in the first paragraph, or an attached report's title
  if (!titleAt) {
    for (const p of paras.slice(0, 4)) {
      const m = /现将(.{2,80}?(?:报告|结果))如下/.exec(p.norm);
      if (!m || !yearIn(m[1] as string, false)) continue;
      const at = m.index + 2;
      data.title = fold(m[1] as string);
      map.set('/title', placeN(p, at));
      titleKey = data.title as string;
      const y = yearIn(m[1] as string, false);
      if (y) {
        data.year = y.year;
        map.set('/year', placeN(p, at + y.at));
        const unit = unitIn((m[1] as string).slice(y.at).replace(/^[\d\-—–至~年度]+/, ''));
        if (unit) {
          data.unit = unit;
          map.set('/unit', placeN(p, p.norm.indexOf(unit, at)));
        }
      }
      break;
    }
  }
  if (data.unit === undefined || data.year === undefined) {
    // an attached report's title: 「附件:1.广东省科学技术厅2020年度部门整体支出绩效自评报告」
    for (const p of paras) {
      const k = keyOf(p).replace(/^附件[:：]?/, '').replace(/^\d{1,2}[.、]/, '');
      if (k === keyOf(p) && !/^\d{1,2}[.、]/.test(keyOf(p))) continue;
      if (!REPORT_TITLE.test(k)) continue;
      const y = yearIn(k, false);
      if (!y) continue;
      const unit = unitIn(k.slice(0, y.at));
      if (unit && data.unit === undefined) {
        data.unit = unit;
        map.set('/unit', placeN(p, p.norm.indexOf(unit.slice(0, 2))));
      }
      break;
    }
  }
  if (data.unit === undefined && issuer) {
    data.unit = issuer[1];
    const p = chrome.find((c) => c.norm.includes(issuer[1] as string)) as Para;
    map.set('/unit', placeN(p, p.norm.indexOf(issuer[1] as string)));
  }
  if (data.unit === undefined) {
    // the unit that did the work, named in the first paragraphs
    for (const p of paras.slice(0, 3)) {
      const m = ACTING_ORGAN.exec(p.norm);
      if (!m) continue;
      data.unit = m[1];
      map.set('/unit', placeN(p, m.index + m[0].indexOf(m[1] as string)));
      break;
    }
  }
  if (data.year === undefined) {
    // the first 「2021年度」 of the text, else the first 「2020年」 that is not a date
    for (const strict of [true, false]) {
      for (const p of paras) {
        if (used.has(p) && CHROME.test(keyOf(p))) continue;
        const y = yearIn(p.norm, strict);
        if (!y) continue;
        data.year = y.year;
        map.set('/year', placeN(p, y.at));
        break;
      }
      if (data.year !== undefined) break;
    }
  }
  /** A department's report (部门整体): its figures are the department's lines (基本支出, 项目支出 …). */
  const department = /部门|整体/.test(titleKey ?? '') || (titleKey === undefined && paras.slice(0, 6).some((p) => /部门整体/.test(p.norm)));

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
    place?: Place;
  }
  const goals: Goal[] = [];
  let goal: Goal | null = null;
  let analysis = false; // inside the block of a goal printed a second time (its analysis)
  let section: 'problems' | 'measures' | null = null;
  let sectionLevel = 0;
  const sectionText: Record<'problems' | 'measures', Para[]> = { problems: [], measures: [] };
  let lastParas: Para[] = [];
  let closing = false;
  let amounts = 0;
  const unitless: Array<{ text: string; place: Place }> = [];
  const itemCounts: Array<{ what: string; count: string; listed: string[]; place: Place; exhaustive: boolean; para: Para }> = [];

  const readTable = (t: Table) => (t.piped || (grid.positional && indicatorHeader(t.rows.map((row) => row.map((c) => c.text)))) ? readIndicatorTable(t) : readBudgetTable(t, lastParas, grid, map, expenditure, repeats));

  for (const b of blocks) {
    if ('t' in b) {
      readTable(b.t);
      lastParas = [];
      continue;
    }
    const p = b.p;
    lastParas = [...lastParas.slice(-1), p];
    const key = keyOf(p);
    amounts += [...p.norm.matchAll(MONEY)].length + chineseAmounts(p.norm).length;
    const level = reportHeadingLevel(key);
    if (level !== null && CLOSING_HEADING.test(key)) closing = true;
    if (/^附\s*件/.test(key) || /^(19|20)\d{2}年\d{1,2}月\d{1,2}日$/.test(key)) closing = true;
    if (used.has(p)) continue;
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
    readUnitless(p);
    readItemCounts(p);
    if (!analysis) {
      readFigures(p);
      readCounts(p, 0);
    }
  }

  /** Does the text reach its end? A closing section (or attachments, a signature date) and a last line that is not cut mid-sentence. */
  const lastBlock = blocks[blocks.length - 1];
  const lastText = lastBlock && 'p' in lastBlock ? fold(lastBlock.p.norm) : '';
  const attachmentsLast = (() => {
    const i = paras.findIndex((p) => /^附\s*件/.test(keyOf(p)));
    return i >= 0 && paras.slice(i + 1).every((p) => /^\d{1,2}[.、]/.test(keyOf(p)) || keyOf(p) === '');
  })();
  const endsClean = lastBlock !== undefined && 'p' in lastBlock && (/[。！？!?；;）)」”]$/.test(lastText) || /(19|20)\d{2}年\d{1,2}月\d{1,2}日$/.test(lastText) || ORGAN.test(lastText));
  const complete = attachmentsLast || (closing && endsClean);
  data.reading = { stops: !complete, amounts };
  map.set('/reading', placeOf(paras[paras.length - 1] ?? ({ text: '', r: 0, c: 0, base: 0, norm: '', pos: [] } as Para)));

  // ---- an indicator table inside a report (corpus 24): 一级 | 二级 | 三级指标 | 指标值 | 完成情况, values last ----
  function readIndicatorTable(t: Table): void {
    const header = t.rows.findIndex((row) => row.some((c) => /^三级指标$/.test(fold(c.text))) && row.some((c) => /^二级指标$/.test(fold(c.text))));
    if (header < 0) return;
    const width = (t.rows[header] as TCell[]).filter((c) => /^(一级指标|二级指标|三级指标|指标值|年度指标值|目标值|实施进度|完成情况|实际完成值|完成值)$/.test(fold(c.text))).length;
    if (width < 4) return;
    const at = (c: TCell): Place => {
      const pl = grid.place(c.r, 0);
      return !grid.positional && pl.row !== undefined ? { line: pl.row, column: (c.column ?? 0) + 1 } : grid.place(c.r, c.c);
    };
    const g: Goal = { no: goals.length + 1, data: {}, indicators: [], place: at((t.rows[header] as TCell[])[0] as TCell) };
    let level1: TCell | undefined;
    const base = joinPointer('/yearlyGoals', goals.length);
    if (!t.piped) {
      // a table whose columns line up (a Word or web report): read by its header's columns
      const read = indicatorRows(t.rows.map((row) => row.map((c) => c.text)), (r, c) => {
        const cell = t.rows[r]?.[c] as TCell;
        return grid.place(cell.r, cell.c);
      }, map, joinPointer(base, 'indicators'));
      if (!read || read.indicators.length === 0) return;
      g.indicators.push(...read.indicators);
      map.set(base, g.place as Place);
      goals.push(g);
      return;
    }
    for (const row of t.rows.slice(header + 1)) {
      if (row.length < 4) continue;
      // values last: 完成情况, 指标值, 三级指标, 二级指标, then 一级指标 when printed (else carried from the row above)
      const [actual, target, name, level2, l1] = [...row].reverse() as [TCell, TCell, TCell, TCell, TCell | undefined];
      if (l1) level1 = l1;
      const pointer = joinPointer(base, 'indicators', g.indicators.length);
      const ind: Record<string, unknown> = {};
      if (level1) {
        ind.level1 = level1.text.trim();
        map.set(`${pointer}/level1`, at(level1));
      }
      ind.level2 = level2.text.trim();
      map.set(`${pointer}/level2`, at(level2));
      ind.name = name.text.trim();
      map.set(pointer, at(name));
      map.set(`${pointer}/name`, at(name));
      ind.target = target.text.trim();
      map.set(`${pointer}/target`, at(target));
      ind.actual = actual.text.trim();
      map.set(`${pointer}/actual`, at(actual));
      g.indicators.push(ind);
    }
    if (g.indicators.length === 0) return;
    map.set(base, g.place as Place);
    goals.push(g);
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
    const joined: Para = { text: `${first.text.trimEnd()}${p.text.trim()}`, r: first.r, c: first.c, base: first.base, norm: '', pos: [] };
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
    const figures = pieces.map((x) => endsInFigure(x.text.trim()));
    const split = pieces.length > 0 && figures.every((f) => f && (f[1] as string).trim() !== '');
    const items = split
      ? pieces.map((x, i) => {
          const f = figures[i] as [string, string, string];
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
  /** The project of a numbered paragraph: 「1、哈拉布拉乡…建设项目,…」, 「项目二:…项目资金,…」. */
  function scopeOf(p: Para): string {
    // 「项目三:阿财预〔2023〕510号…一线边民补助,…」: the whole first clause names the project
    const named = /^项目[一二三四五六七八九十\d]{1,3}[:：]\s*([^,，。;；]{4,80})[,，。]/.exec(p.norm.trim());
    if (named) return fold(named[1] as string);
    const m = /^(?:\d{1,2}[、.]|项目[一二三四五六七八九十\d]{1,3}[:：])\s*([^。;；:：]{4,80}?(?:项目资金|项目|工程))[,，。:：]/.exec(p.norm.trim());
    if (!m || /情况|分析|说明|基本|概况/.test(m[1] as string)) return '';
    return fold(m[1] as string);
  }

  function readFigures(p: Para): void {
    const text = p.norm;
    const scope = scopeOf(p);
    const hits: Array<{ at: number; end: number; text: string; money: boolean; bound?: 'above' }> = [];
    for (const m of text.matchAll(MONEY)) hits.push({ at: m.index, end: m.index + m[0].length, text: `${m[1]}${m[2]}`, money: true });
    // 「壹佰贰拾万元」「三十五万元」: read as the figure in digits (src/load/report-numerals.ts)
    for (const c of chineseAmounts(text)) hits.push({ at: c.at, end: c.end, text: c.amount.text, money: true });
    for (const m of text.matchAll(PERCENT)) {
      const lead = text.slice(Math.max(0, m.index - 4), m.index);
      const tail = text.slice(m.index + m[0].length, m.index + m[0].length + 2);
      const above = /(大于|高于|超过|>|≥|不低于)$/.test(lead) || /^以上/.test(tail);
      hits.push({ at: m.index, end: m.index + m[0].length, text: `${m[1]}%`, money: false, ...(above ? { bound: 'above' as const } : {}) });
    }
    hits.sort((a, b) => a.at - b.at);
    let sentenceStart = 0;
    let sentenceSubject: BudgetSubject | null = null;
    let lastMeasure: BudgetMeasure | null = null;
    let lastMoney: Stated | null = null; // the last money figure read (the total a 「其中」 refers to)
    let lastMoneyInSentence: Stated | null = null;
    let partsOf: Stated | null = null;
    let prevEnd = 0;
    for (const h of hits) {
      // a new sentence since the previous figure? (「,,」 separates sentences in a flattened text)
      const between = text.slice(prevEnd, h.at);
      const stops = [...between.matchAll(/[。！？!?；;]|,,/g)].map((m) => m.index + m[0].length);
      if (stops.length > 0) {
        sentenceStart = prevEnd + (stops[stops.length - 1] as number);
        sentenceSubject = null;
        lastMeasure = null;
        if (lastMoneyInSentence) lastMoney = lastMoneyInSentence;
        lastMoneyInSentence = null;
        partsOf = null;
      }
      const from = Math.max(prevEnd, sentenceStart);
      const raw = text.slice(from, h.at);
      const clause = fold(raw);
      const sentence = fold(text.slice(sentenceStart, h.at));
      prevEnd = h.end;
      // 「其中」: the figures after it are parts of the last money figure before it (in this sentence, or the previous one)
      const qi = raw.lastIndexOf('其中');
      if (qi >= 0 && h.money) partsOf = lastMoneyInSentence ?? (text.slice(sentenceStart, from + qi).trim() === '' ? lastMoney : null);
      let measure: BudgetMeasure | null;
      if (department) {
        const said = budgetMeasure(clause) ?? measureOf(clause, sentence);
        measure = h.money ? (said && said !== 'rate' ? said : said === null && lastMeasure !== 'rate' ? lastMeasure : null) : said === 'rate' ? 'rate' : null;
      } else {
        const said = measureOf(clause, sentence);
        measure = h.money ? (said && said !== 'rate' ? said : said === null && partsOf ? partsOf.measure : null) : said === 'rate' ? 'rate' : null;
        // 「105万元已全部到位」: the budget, stated again
        if (h.money && measure === null && said === null && /^(资金)?(目前)?(已)?全部(拨付)?到位|^(资金)?(目前)?已全部拨付/.test(fold(text.slice(h.end, h.end + 12)))) measure = 'adjusted';
      }
      if (!measure) continue;
      const subject: BudgetSubject = department ? (budgetSubject(clause) ?? sentenceSubject ?? 'total') : 'total';
      if (sentenceSubject === null) sentenceSubject = subject;
      lastMeasure = measure;
      // 「调减87,714.90元」 is a negative adjustment
      const figure = measure === 'adjustment' && /调减|减少|核减/.test(clause) ? `-${h.text}` : h.text;
      const s: Stated = { subject, measure, text: figure, place: placeN(p, h.at), of: department ? '' : subjectOf(raw), scope, ...(h.bound ? { bound: h.bound } : {}) };
      if (partsOf && h.money && partsOf !== s) s.partOf = partsOf;
      stated.push(s);
      if (h.money) lastMoneyInSentence = s;
    }
    if (lastMoneyInSentence) lastMoney = lastMoneyInSentence;
  }

  /**
   * Amounts per unit printed without their currency: 「补贴标准89.34/亩」 (corpus 25) — a figure followed
   * at once by 「/亩」 (no 元 between), in a clause about a standard, subsidy or price.
   */
  function readUnitless(p: Para): void {
    for (const m of p.norm.matchAll(UNITLESS)) {
      const clause = p.norm.slice(0, m.index).split(/[,，。;；:：]/).pop() ?? '';
      if (!/标准|补贴|补助|单价|价格|定额/.test(clause)) continue;
      unitless.push({ text: m[0], place: placeN(p, m.index) });
    }
  }

  /**
   * A count stated with its items listed in the same sentence: 「内设办公室、综合科、…、价格认定科等12个科室」 (the
   * names before 等, bracketed notes left out; 等 may also mean "among others", so only more names than the count
   * disagree), 「6个工作委员会(监察和司法工作委员会、…)」 (the names in the brackets), 「下设2个管理机构,一是…;二是…」
   * (the 一是/二是 of that sentence). Projects stated in a summary's
   * opening (「涉及…项目3个」) are counted against the numbered project paragraphs after it (readProjectCount).
   */
  function readItemCounts(p: Para): void {
    const t = p.norm;
    for (const m of t.matchAll(/等(\d{1,3})个([\u4e00-\u9fff]{1,6}?)(?=[,，。;；:：(（]|$)/g)) {
      // the clause before 等: from the last sentence or clause mark outside brackets
      let depth = 0;
      let start = 0;
      for (let i = m.index - 1; i >= 0; i--) {
        const ch = t[i] as string;
        if (ch === ')' || ch === '）') depth++;
        else if (ch === '(' || ch === '（') depth = Math.max(0, depth - 1);
        else if (depth === 0 && /[,，。;；:：]/.test(ch)) {
          start = i + 1;
          break;
        }
      }
      const names = stripBrackets(t.slice(start, m.index))
        .split('、')
        .map((x) => x.trim())
        .filter((x) => x !== '');
      if (names.length < 2) continue;
      itemCounts.push({ what: m[2] as string, count: m[1] as string, listed: names, place: placeN(p, m.index + 1), exhaustive: false, para: p });
    }
    // 「6个工作委员会(监察和司法工作委员会、…、选举联络人事任免工作委员会)」: the names in the brackets after the count
    for (const m of t.matchAll(/(?<![\d.])(\d{1,3})个([\u4e00-\u9fff]{1,10}?)\(([^()]{3,400})\)/g)) {
      const names = (m[3] as string).split('、').map((x) => x.trim()).filter((x) => x !== '');
      if (names.length < 2 || Number(m[1]) < 2) continue;
      itemCounts.push({ what: m[2] as string, count: m[1] as string, listed: names, place: placeN(p, m.index), exhaustive: !/等|如|包括|其中/.test(m[3] as string), para: p });
    }
    for (const m of t.matchAll(/(?<![\d.])(\d{1,2})个([\u4e00-\u9fff]{1,8}?)[,，:：]\s*一是/g)) {
      const end = t.indexOf('。', m.index);
      const rest = t.slice(m.index + m[0].length - 2, end < 0 ? t.length : end);
      const listed = [...rest.matchAll(/(?:^|[,，;；。])\s*([一二三四五六七八九十]{1,2})是/g)].map((x) => `${x[1] as string}是`);
      if (listed.length === 0) continue;
      itemCounts.push({ what: m[2] as string, count: m[1] as string, listed, place: placeN(p, m.index), exhaustive: end >= 0, para: p });
    }
  }

  /** 「涉及2023年度中央对地方转移支付项目3个」 in the opening, and the project paragraphs after it (「项目一:」「1、…项目,」). */
  function readProjectCount(): void {
    const opening = paras.slice(0, 4).find((p) => !used.has(p) || p === paras[0]);
    if (!opening) return;
    const m = /项目(\d{1,3})个|(\d{1,3})个(?:[\u4e00-\u9fff]{0,6}?)项目/.exec(opening.norm);
    if (!m) return;
    const after = paras.slice(paras.indexOf(opening) + 1);
    const listed = after.filter((p) => /^项目[一二三四五六七八九十\d]{1,3}[:：]/.test(p.norm.trim()) || scopeOf(p) !== '').map((p) => /^项目[一二三四五六七八九十\d]{1,3}/.exec(p.norm.trim())?.[0] ?? scopeOf(p));
    if (listed.length === 0) return;
    const at = m.index + (m[1] !== undefined ? 2 : 0);
    itemCounts.push({ what: '项目', count: (m[1] ?? m[2]) as string, listed, place: placeN(opening, at), exhaustive: true, para: paras[paras.length - 1] as Para });
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
  // the report's own money: in each scope, the fund its first budget figure names; unnamed figures belong to it
  const main = new Map<string, string>();
  for (const s of stated) if (s.measure !== 'rate' && s.measure !== 'actual' && !s.partOf && !main.has(s.scope)) main.set(s.scope, s.of);
  for (const s of stated) if (s.of !== '' && s.of === main.get(s.scope) && !s.partOf) s.of = '';
  if (!department) {
    const own = main.get('');
    data.subject = own && own !== '' ? own : '项目';
    map.set('/subject', map.locate('/title') ?? placeOf(paras[0] as Para));
  }

  const moneyStated = stated.find((s) => s.measure !== 'rate');
  const unitOf = (t: string) => (/亿元$/.test(t) ? '亿元' : /万元$/.test(t) ? '万元' : '元') as '亿元' | '万元' | '元';
  const moneyUnit = moneyStated ? unitOf(moneyStated.text) : (expenditure.moneyUnit as '万元' | '元' | undefined);
  // 亿元 is not a unit of the canonical submission: its amounts carry their own unit, the submission's is 万元
  if (moneyUnit) data.moneyUnit = moneyUnit === '亿元' ? '万元' : moneyUnit;
  if (moneyStated) map.set('/moneyUnit', moneyStated.place);

  const budget: Record<string, unknown> = {};
  const figures: Array<Record<string, unknown>> = [];
  const pointerOf = new Map<Stated, string>();
  for (const s of stated) {
    const head = s.subject === 'total' && s.scope === '' && s.of === '' && s.measure !== 'adjustment' && budget[s.measure] === undefined;
    if (head) {
      if (s.measure === 'rate') {
        budget.rate = s.text;
        map.set('/budget/rate', s.place);
        if (s.bound) {
          budget.rateBound = s.bound;
          map.set('/budget/rateBound', s.place);
        }
        pointerOf.set(s, '/budget/rate');
      } else {
        budget[s.measure] = { total: s.text };
        map.set(`/budget/${s.measure}`, s.place);
        map.set(`/budget/${s.measure}/total`, s.place);
        pointerOf.set(s, `/budget/${s.measure}/total`);
      }
      if (!map.places.has('/budget')) map.set('/budget', s.place);
      continue;
    }
    const pointer = joinPointer('/figures', figures.length);
    const field = s.measure === 'rate' ? 'rate' : 'amount';
    const f: Record<string, unknown> = { subject: s.subject, measure: s.measure, [field]: s.text };
    if (s.bound) f.bound = s.bound;
    if (s.of !== '') f.of = s.of;
    if (s.scope !== '') f.scope = s.scope;
    const total = s.partOf ? pointerOf.get(s.partOf) : undefined;
    if (total) f.partOf = total;
    map.set(pointer, s.place);
    map.set(`${pointer}/${field}`, s.place);
    for (const k of ['of', 'scope', 'partOf', 'bound', 'subject', 'measure']) if (f[k] !== undefined) map.set(`${pointer}/${k}`, s.place);
    pointerOf.set(s, `${pointer}/${field}`);
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
      const out: Record<string, unknown> = {};
      if (g.data.goal !== undefined) out.goal = g.data.goal;
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
  readProjectCount();
  if (itemCounts.length > 0) {
    // a list cut by the end of the text is not judged for the names it does not reach (the project paragraphs
    // run to the end: their count is checked as the text's last paragraph)
    data.itemCounts = itemCounts.map((c, i) => {
      const pointer = joinPointer('/itemCounts', i);
      map.set(pointer, c.place);
      map.set(`${pointer}/count`, c.place);
      const cut = (data.reading as { stops: boolean }).stops && c.para === paras[paras.length - 1];
      return { what: c.what, count: c.count, listed: c.listed, complete: c.exhaustive && !cut };
    });
  }
  if (unitless.length > 0) {
    data.unitlessAmounts = unitless.map((u, i) => {
      map.set(joinPointer('/unitlessAmounts', i), u.place);
      return u.text;
    });
    map.set('/unitlessAmounts', (unitless[0] as { place: Place }).place);
  }
  const body = paras.filter((p) => !used.has(p) && p.norm.trim() !== '');
  if (body.length > 0) {
    data.body = body.map((p, i) => {
      map.set(joinPointer('/body', i), placeOf(p, p0Lead(p)));
      return p.text.trim();
    });
  }
  if (data.title === undefined) map.set('/title', placeOf((paras.find((p) => !used.has(p)) ?? paras[0]) as Para));
  return { data, map, problems };
}

const p0Lead = (p: Para) => p.text.length - p.text.trimStart().length;

/** A text without its bracketed notes: 「综合科(挂区西部开发办)」 → 综合科 (brackets nested at most a few deep). */
function stripBrackets(t: string): string {
  let out = '';
  let depth = 0;
  for (const ch of t) {
    if (ch === '(' || ch === '（') depth++;
    else if (ch === ')' || ch === '）') depth = Math.max(0, depth - 1);
    else if (depth === 0) out += ch;
  }
  return out;
}

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

// ---------- an indicator table of a report, alone (corpus 24's table rebuilt as .xlsx/.docx/.html) ----------

const IND_COLUMNS: Array<[keyof IndicatorColumns, RegExp]> = [
  ['level1', /^一级指标$/],
  ['level2', /^二级指标$/],
  ['name', /^三级指标$/],
  ['target', /^(年度)?(指标值|目标值)$|^预期(指标值|目标)$/],
  ['actual', /^(实施进度|完成情况|实际完成值|完成值|实际完成情况|全年实际值)$/],
];

interface IndicatorColumns {
  level1?: number;
  level2: number;
  name: number;
  target: number;
  actual: number;
}

/**
 * The header of a report's indicator table (the 2015 national template printed inside a report: 一级 /
 * 二级 / 三级指标 | 指标值 | 实施进度 or 完成情况, no weights, no scores): its row and columns, or null.
 * A header with 分值 / 权重 / 得分 or funds columns is a scored form's, left to the form readers.
 */
function indicatorHeader(rows: ReadonlyArray<ReadonlyArray<string | null | undefined>>): { row: number; cols: IndicatorColumns } | null {
  for (let r = 0; r < Math.min(rows.length, 12); r++) {
    const keys = (rows[r] ?? []).map((t) => (t ? fold(t) : ''));
    const cols: Partial<IndicatorColumns> = {};
    keys.forEach((k, c) => {
      for (const [role, re] of IND_COLUMNS) if (cols[role] === undefined && re.test(k)) cols[role] = c;
    });
    if (cols.level2 === undefined || cols.name === undefined || cols.target === undefined || cols.actual === undefined) continue;
    if (keys.some((k) => /^(分值|权重|得分|指标分值|权重分值|指标得分|得分系数)|执行数|预算数|决算数/.test(k))) return null;
    return { row: r, cols: cols as IndicatorColumns };
  }
  return null;
}

/**
 * The indicators of a table whose columns line up, under the header found by indicatorHeader: a first
 * or second level left empty below a printed one is the merged cell above (carried down, placed where it
 * is printed); rows without a name, target and achieved value are left out.
 */
function indicatorRows(
  rows: ReadonlyArray<ReadonlyArray<string | null | undefined>>,
  placeAt: (r: number, c: number) => Place,
  map: CellMap,
  base: string,
): { indicators: Array<Record<string, unknown>>; first?: Place } | null {
  const head = indicatorHeader(rows);
  if (!head) return null;
  const { cols } = head;
  const out: Array<Record<string, unknown>> = [];
  let first: Place | undefined;
  const carried: Partial<Record<'level1' | 'level2', { text: string; place: Place }>> = {};
  for (let r = head.row + 1; r < rows.length; r++) {
    const row = rows[r] ?? [];
    const text = (c: number | undefined) => (c === undefined ? '' : (row[c] ?? '').trim());
    for (const level of ['level1', 'level2'] as const) {
      const c = cols[level];
      if (c !== undefined && text(c) !== '') carried[level] = { text: text(c), place: placeAt(r, c) };
    }
    if (text(cols.name) === '' && text(cols.target) === '' && text(cols.actual) === '') continue;
    const pointer = joinPointer(base, out.length);
    const ind: Record<string, unknown> = {};
    for (const level of ['level1', 'level2'] as const) {
      const l = carried[level];
      if (!l) continue;
      ind[level] = l.text;
      map.set(`${pointer}/${level}`, l.place);
    }
    first ??= carried.level1?.place ?? placeAt(r, cols.name);
    for (const field of ['name', 'target', 'actual'] as const) {
      if (text(cols[field]) === '') continue;
      ind[field] = text(cols[field]);
      map.set(`${pointer}/${field}`, placeAt(r, cols[field]));
    }
    if (ind.name === undefined) continue;
    map.set(pointer, placeAt(r, cols.name));
    out.push(ind);
  }
  return { indicators: out, ...(first ? { first } : {}) };
}

/** The layout a report's indicator table alone is read as. */
export const REPORT_INDICATOR_TABLE = { id: 'report-indicator-table', name: '自评报告中的绩效指标表' } as const;

/**
 * A grid that holds only a report's indicator table (no prose, no funds, no weights or scores): the
 * indicators of a `department-report` (top-level `indicators`), its text marked as stopping (the report
 * around the table is not in the file, so nothing is said of its budget). Null for any other grid.
 */
export function readReportTable(grid: Grid): ReportRead | null {
  if (!grid.positional) return null;
  const map = new CellMap();
  const read = indicatorRows(grid.rows, (r, c) => grid.place(r, c), map, '/indicators');
  if (!read || read.indicators.length === 0) return null;
  const data: Record<string, unknown> = { form: 'department-report', indicators: read.indicators, reading: { stops: true, amounts: 0 } };
  map.set('', grid.place(0, 0));
  map.set('/indicators', read.first ?? grid.place(0, 0));
  map.set('/reading', grid.place(0, 0));
  return { data, map, problems: [], layout: { ...REPORT_INDICATOR_TABLE } };
}
