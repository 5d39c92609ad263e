/**
 * The one vocabulary of labels printed on the forms: fund parts, budget columns, completion
 * words, the indicator hierarchy (一级 / 二级), blank words. The importers (src/load) match
 * labels with it, and the rules get the hierarchy through the shared `settings` (its default
 * is HIERARCHY below). Change a word here and every reader follows. Browser-safe.
 *
 * Every matcher takes a *folded* label (see foldLabel: NFKC, no spaces, no trailing colon).
 */

/** Fold a label for matching: NFKC (full-width → half-width), no spaces, no trailing colon. */
export function foldLabel(text: string): string {
  // printable ASCII without spaces and no trailing colon is folded already (most figures)
  if (PLAIN_LABEL.test(text)) return text;
  // the readers fold the same labels many times over (every row of a table, every reader): remembered
  let folded = FOLDED_LABELS.get(text);
  if (folded === undefined) {
    folded = text
      .normalize('NFKC')
      .replace(/[\s\u3000\u00a0]+/g, '')
      .replace(/(?<![:：])[:：]+$/, '')
      .replace(SIGN_VARIANT, (ch) => SIGNS[ch] as string);
    if (FOLDED_LABELS.size >= 4096 || foldedChars + text.length > 1_000_000) {
      FOLDED_LABELS.clear();
      foldedChars = 0;
    }
    FOLDED_LABELS.set(ownCopy(text), folded);
    foldedChars += text.length;
  }
  return folded;
}

/** Sign variants printed for ≥ ≤ = (「≧」 「≦」 「═」 「﹦」): folded to the signs the values use. */
const SIGNS: Readonly<Record<string, string>> = { '≧': '≥', '≦': '≤', '═': '=', '﹦': '=', '＝': '=' };
const SIGN_VARIANT = /[≧≦═﹦＝]/g;

const PLAIN_LABEL = /^(?:[\x21-\x7e]*[\x21-\x39\x3b-\x7e])?$/;
/** Labels folded already (a bounded cache, emptied when full: at most a million characters of keys). */
const FOLDED_LABELS = new Map<string, string>();
let foldedChars = 0;

/**
 * A string that holds only its own characters. V8 cuts a string of 13 characters or more out of
 * a file's text as a slice that keeps the whole text alive; a cache keyed by such slices would
 * keep thousands of files. Concatenating makes a new string, which slicing flattens first.
 */
export function ownCopy(text: string): string {
  return text.length < 13 ? text : `${text} `.slice(0, -1);
}

// ---------- money: fund parts and budget columns ----------

export type FundPart = 'total' | 'fiscal' | 'general' | 'govFund' | 'nonFiscal' | 'currentYear' | 'carryOver' | 'other';

/** The fund source a label names (合计, 其中：财政拨款, 一般公共预算, 上年结转 …), or null. */
export function fundPart(key: string): FundPart | null {
  const k = key.replace(/^其中[:：]?/, '');
  if (/^(合计|总数|小计|总计|资金总额|年度资金总额)$/.test(k)) return 'total';
  if (/^(本年|当年)财政拨款/.test(k)) return 'currentYear';
  if (/^上年结转/.test(k)) return 'carryOver';
  if (/^非财政/.test(k)) return 'nonFiscal';
  if (/^其他资金/.test(k)) return 'other';
  if (/^一般公共预算/.test(k)) return 'general';
  if (/^政府性基金/.test(k)) return 'govFund';
  if (/^财政(拨款|资金)/.test(k)) return 'fiscal';
  return null;
}

export const FUND_ORDER: readonly FundPart[] = ['total', 'fiscal', 'general', 'govFund', 'nonFiscal', 'currentYear', 'carryOver', 'other'];

export type BudgetColumn = 'initial' | 'adjusted' | 'actual' | 'weight' | 'rate' | 'score' | 'explanation';

/** A money block of a summary table header (项目年度预算金额 / 实际支出金额), or null. */
export function fundBlock(key: string): 'adjusted' | 'actual' | 'initial' | null {
  if (/执行率/.test(key)) return null;
  if (/年初预算/.test(key)) return 'initial';
  if (/实际支出|执行数|决算数|支出金额|实际执行|支出数/.test(key)) return 'actual';
  if (/预算/.test(key)) return 'adjusted';
  return null;
}

/** 万元 or 元 declared by a label: 「单位：万元」, 「（万元）」, 「金额单位：元」. */
export const MONEY_UNIT = /(?:金额)?单位[:：]\s*(万元|元)(?![\u4e00-\u9fff])|\((万元|元)\)|（(万元|元)）/;

/** The money unit a folded label declares (see MONEY_UNIT), or null. */
export function moneyUnitOf(key: string): '万元' | '元' | null {
  const m = MONEY_UNIT.exec(key);
  return m ? ((m[1] ?? m[2] ?? m[3]) as '万元' | '元') : null;
}

// ---------- the indicator hierarchy ----------

/** The first-level categories, by their short names. */
export const LEVEL1 = ['产出', '效益', '满意度'] as const;
export type Level1 = (typeof LEVEL1)[number];

/**
 * Second level → first level, by short names (数量 → 产出 …), as 财预〔2020〕10号 sets it.
 * This is the default of the shared setting `settings.hierarchy` that the rules read.
 */
export const HIERARCHY: Readonly<Record<string, Level1>> = Object.freeze({
  数量: '产出',
  质量: '产出',
  时效: '产出',
  成本: '产出',
  经济效益: '效益',
  社会效益: '效益',
  生态效益: '效益',
  可持续影响: '效益',
  服务对象满意度: '满意度',
});

/**
 * A category label as printed, folded to the name it stands for: spaces between characters
 * (「产 出 指 标」), core marks (★, *), numbering (「指标1：」, 「1.」, 「（一）」, 「一、」) and a printed
 * weight (「产出指标(50分)」, 「（30分）」, 「(10%)」) dropped; NFKC and sign variants as foldLabel.
 * The weight printed with it is `printedWeight`. One fold for the readers and the rules.
 */
export function categoryLabel(text: string): string {
  let k = foldLabel(text);
  if (!CATEGORY_DECOR.test(k)) return k;
  k = k.replace(/^[★☆*＊]+|(?<![★☆*＊])[★☆*＊]+$/g, '');
  k = k.replace(/^(?:指标\d{1,3}[:：.、]?|\d{1,3}[.、)]|\(?[一二三四五六七八九十]{1,3}[)、])/, '');
  k = k.replace(/[(（]?\d{1,3}(?:\.\d+)?(?:分|%)[)）]?$/, '').replace(/^[(（]\d{1,3}(?:\.\d+)?(?:分|%)[)）]/, '');
  return k.replace(/^[★☆*＊]+|(?<![★☆*＊])[★☆*＊]+$/g, '');
}

/** What makes a folded label more than its name: marks, numbering, a printed weight. */
const CATEGORY_DECOR = /[★☆*＊]|^(?:指标\d|\d{1,3}[.、)]|\(?[一二三四五六七八九十]{1,3}[)、]|\(\d)|\d(?:分|%)\)?$/;

/** The weight a category label prints (「产出指标(50分)」 → "50"), or null. */
export function printedWeight(text: string): string | null {
  const m = /[(（]?(\d{1,3}(?:\.\d+)?)分[)）]?$|^[(（](\d{1,3}(?:\.\d+)?)分[)）]/.exec(foldLabel(text));
  return m ? ((m[1] ?? m[2]) as string) : null;
}

/** The short name of a first-level label (产出指标, 产出目标, 「产出指标(50分)」 → 产出), or null. */
export function level1Of(key: string): Level1 | null {
  const m = /^(产出|效益|满意度)(指标|目标)?$/.exec(categoryLabel(key));
  return m ? (m[1] as Level1) : null;
}

/** Second-level names → first level (a bureau's `settings.hierarchy`, or HIERARCHY). */
export type Hierarchy = Readonly<Record<string, string>>;

/** The first level a second-level label belongs to (数量指标 → 产出), or null. */
export function categoryOf(key: string, hierarchy: Hierarchy = HIERARCHY): string | null {
  const short = categoryLabel(key).replace(/(指标|目标)$/, '');
  return Object.prototype.hasOwnProperty.call(hierarchy, short) ? (hierarchy[short] as string) : null;
}

/** A heading that names the whole indicator block rather than a category (绩效指标). */
export const INDICATOR_BLOCK = /^(绩效指标|指标|绩效目标指标)$/;

// ---------- words ----------

/** Completion claims. */
export const COMPLETION_DONE = /^(已完成|全部完成|完成|已全部完成|均已完成|全面完成|已全面完成|达成|已达成|圆满完成)/;
export const COMPLETION_PARTIAL = /^(部分完成|基本完成|部分达成|基本达成|大部分完成)/;
export const COMPLETION_NONE = /^(未完成|没有完成|未达成|未达到)/;
/** A cell that holds only a completion word (for aligning collapsed rows). */
export const COMPLETION_WORD = /^(已完成|未完成|部分完成|基本完成|全部完成|完成|达成|未达成|部分达成)$/;

/** Words that mean "nothing here" in a cell. */
export const BLANK_WORD = /^(不适用|无|暂无|\/|—+|-+|N\/A)$/i;

// ---------- narrative reports (部门整体支出绩效自评报告, 自评结果) ----------

/** The title of a narrative self-evaluation report: 「2021年部门整体支出绩效自评报告」, 「2021年度整体绩效自评结果」. */
export const REPORT_TITLE = /(自评|评价)(报告|结果)$|绩效.{0,12}报告$/;

/** A section heading of a report: 「一、基本情况」 (1), 「（一）部门概况」 (2), 「1.支出规模和结构」 (3). */
export function reportHeadingLevel(key: string): 1 | 2 | 3 | null {
  if (/^[一二三四五六七八九十]+、/.test(key)) return 1;
  if (/^\([一二三四五六七八九十]+\)/.test(key)) return 2;
  if (/^\d{1,2}[.、](?!\d)/.test(key) && key.length <= 30 && !/[，。；]/.test(key)) return 3;
  return null;
}

/** The problems section (三、存在的主要问题) and the measures section (四、下一步改进措施). */
export const REPORT_PROBLEMS = /存在的(主要)?问题/;
export const REPORT_MEASURES = /(改进|整改)措施|下一步/;

/** A goal or task heading in a report: 「年度目标1：」, 「任务一：」, 「任务 3：」 (folded). Group 2 is its number. */
export const REPORT_GOAL = /^(年度目标|任务)([一二三四五六七八九十\d]+)[:：]/;

/** Which budget line a phrase of a report or a row of its tables speaks of (基本支出, 项目支出 …); null for the whole department. */
export type BudgetSubject = 'total' | 'basic' | 'project' | 'personnel' | 'publicUse';
export function budgetSubject(text: string): BudgetSubject | null {
  if (/人员经费/.test(text)) return 'personnel';
  if (/公用经费/.test(text)) return 'publicUse';
  if (/基本支出/.test(text)) return 'basic';
  if (/项目(支出|资金)/.test(text)) return 'project';
  if (/支出总计|部门支出合计|^(合计|总计)$/.test(text)) return 'total';
  return null;
}

/** Which figure a phrase of a report states before a number: 年初预算, 调增/追加, 调整后预算, 实际支出, 执行率. */
export type BudgetMeasure = 'initial' | 'adjustment' | 'adjusted' | 'actual' | 'rate';
export function budgetMeasure(text: string): BudgetMeasure | null {
  if (/执行率/.test(text)) return 'rate';
  if (/调整后|全年预算|全年\(调整\)预算|预算总额/.test(text)) return 'adjusted';
  if (/调增|调减|追加|增加预算|预算调整/.test(text)) return 'adjustment';
  if (/年初/.test(text)) return 'initial';
  if (/执行|决算|实际支出|支出数/.test(text)) return 'actual';
  return null;
}

/** A column of a report's budget table (项目 | 预算数 | 预算调整 | 调整后预算 | 2021年执行数 | 预算执行率 | 备注), or null. */
export type BudgetLineColumn = BudgetMeasure | 'name' | 'note' | 'no';
export function budgetLineColumn(key: string): BudgetLineColumn | null {
  if (/^(序号|编号)$/.test(key)) return 'no';
  if (/^(项目|项目名称|名称|科目|支出项目|项目类别)$/.test(key)) return 'name';
  if (/^备注$/.test(key)) return 'note';
  if (/^预算数$/.test(key)) return 'initial'; // beside 调整后预算; alone it is read as the adjusted budget (see the reader)
  return budgetMeasure(key);
}
