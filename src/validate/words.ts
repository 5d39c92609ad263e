/**
 * Schema findings in a clerk's words: 「第 12 行的指标没有填写三级指标名称」, 「请在「项目名称」一栏填写」,
 * never a JSON pointer, a schema keyword or a form id. The names come from the schemas' own
 * `title`s (schemas/*.schema.json), the row from where the reader placed the value.
 * Browser-safe.
 */
import type { FormKind, Lang, Localized, Location } from '../types.js';
import { describeViolation, type JsonSchema, type SchemaSet, type SchemaViolation } from './schemas.js';

/** The printed names of the form kinds (as in src/report/labels.ts, which may not be imported here). */
const FORM_TITLES: Readonly<Record<FormKind, Localized>> = {
  'project-self-eval': { zh: '项目支出绩效自评表', en: 'project self-evaluation' },
  'department-self-eval': { zh: '部门整体支出绩效自评表', en: 'department self-evaluation' },
  'project-summary': { zh: '多项目绩效自评汇总表', en: 'multi-project summary' },
  'target-table': { zh: '绩效目标表', en: 'performance target table' },
  'department-report': { zh: '部门整体支出绩效自评报告', en: 'department self-evaluation report' },
};

/** What the rows of a list are called in a sentence (「第 12 行的指标」), by the list's field. */
const ROW_NOUNS: Readonly<Record<string, Localized & { measure: string }>> = {
  indicators: { zh: '指标', en: 'indicator', measure: '项' },
  projects: { zh: '项目', en: 'project', measure: '个' },
  tasks: { zh: '工作任务', en: 'task', measure: '项' },
  yearlyGoals: { zh: '年度目标', en: 'yearly goal', measure: '项' },
  figures: { zh: '数字', en: 'figure', measure: '个' },
  targets: { zh: '指标', en: 'target', measure: '项' },
  body: { zh: '段落', en: 'paragraph', measure: '个' },
  suppressions: { zh: '抑制', en: 'suppression', measure: '条' },
};

/** What the form tells a clerk to do when an envelope field could not be read (found, not demanded:
 * the readers look for it in the title and header; this is what is left when they could not). */
const ENVELOPE_HELP: Readonly<Record<string, Localized>> = {
  year: {
    zh: '缺少年度：未能从标题或表头读出年度。请在标题中写明（如「2021年度部门整体绩效自评表」）或在表头注明「（2021年度）」',
    en: 'no year: none was found in the title or header. Write it in the title (e.g. "2021年度…自评表") or under it as "（2021年度）"',
  },
  unit: {
    zh: '缺少单位名称：未能从表头读出。请在「部门名称」或「单位名称」一栏填写',
    en: 'no unit name: none was found in the header. Fill in the 部门名称 or 单位名称 cell',
  },
  moneyUnit: {
    zh: '缺少金额单位：未能从表头读出。请在表头注明「单位：万元」或「单位：元」，或在金额栏标题中写明（如「全年预算数（万元）」）',
    en: 'no money unit: none was found in the header. Write "单位：万元" or "单位：元" above the table, or put it in the amount column headers (e.g. "全年预算数（万元）")',
  },
};

/** One step of a pointer, named: the field's title, or the row of a list. */
interface Step {
  key: string;
  /** The schema's title without a trailing explanation in brackets (「评价等级（优/良/中/差）」 → 「评价等级」). */
  title?: string;
  /** 0-based index when the step is a row of a list. */
  index?: number;
  /** The list the row belongs to (its field name), for the row's noun. */
  list?: string;
}

function shortTitle(t: unknown): string | undefined {
  if (typeof t !== 'string' || t === '') return undefined;
  const s = t.replace(/（[^（）]*）$/, '').trim();
  return s === '' ? t : s;
}

/** A schema node with its `$ref`s and `allOf` parts, where properties and items may be declared. */
function facets(set: SchemaSet, node: JsonSchema, base: string, depth = 0): Array<{ schema: JsonSchema; base: string }> {
  const out = [{ schema: node, base }];
  if (depth > 8) return out;
  if (typeof node.$ref === 'string') {
    const r = set.resolve(node.$ref, base);
    if (r) out.push(...facets(set, r.schema, r.base, depth + 1));
  }
  if (Array.isArray(node.allOf)) {
    for (const part of node.allOf) if (part && typeof part === 'object') out.push(...facets(set, part as JsonSchema, base, depth + 1));
  }
  return out;
}

/** Name every step of `pointer` in form `form` from the schemas' titles. */
export function namePath(set: SchemaSet, form: FormKind, pointer: string): Step[] {
  const root = set.rootOf(form);
  const steps: Step[] = [];
  let here: Array<{ schema: JsonSchema; base: string }> = root ? facets(set, root.schema, root.base) : [];
  let list: string | undefined;
  for (const raw of pointer.split('/').slice(1)) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    let next: Array<{ schema: JsonSchema; base: string }> = [];
    let title: string | undefined;
    if (/^\d+$/.test(key) && here.some((f) => f.schema.items)) {
      for (const f of here) {
        const items = f.schema.items;
        if (items && typeof items === 'object') next.push(...facets(set, items as JsonSchema, f.base));
      }
      steps.push({ key, index: Number(key), ...(list ? { list } : {}) });
    } else {
      for (const f of here) {
        const props = f.schema.properties as Record<string, JsonSchema> | undefined;
        const p = props && Object.hasOwn(props, key) ? props[key] : undefined;
        if (!p) continue;
        title ??= shortTitle(p.title);
        next.push(...facets(set, p, f.base));
      }
      for (const f of next) title ??= shortTitle(f.schema.title);
      steps.push({ key, ...(title ? { title } : {}) });
      list = key;
    }
    here = next;
  }
  return steps;
}

/** The row of a place as a clerk counts it: a sheet or table row, a line of delimited text; undefined in JSON/YAML. */
function formRow(location: Omit<Location, 'pointer'> | undefined): number | undefined {
  if (!location) return undefined;
  if (location.row !== undefined) return location.row;
  const m = location.cell ? /^[A-Z]+(\d+)$/.exec(location.cell) : null;
  return m ? Number(m[1]) : undefined;
}

/** 「第 12 行的指标」 (a row of a sheet), 「第 3 项指标」 (a list in a text file), 「绩效指标」. */
function owner(steps: Step[], location: Omit<Location, 'pointer'> | undefined, lang: Lang): string {
  const row = [...steps].reverse().find((s) => s.index !== undefined);
  const named = steps.filter((s) => s.index === undefined && s.title).map((s) => s.title as string);
  if (!row) return lang === 'zh' ? named.map((t) => `「${t}」`).join('的') : named.join(' › ');
  const known = row.list && Object.hasOwn(ROW_NOUNS, row.list) ? ROW_NOUNS[row.list] : undefined;
  const noun = known?.[lang] ?? (lang === 'zh' ? '内容' : 'item');
  const measure = known?.measure ?? '项';
  const r = formRow(location);
  const where =
    lang === 'zh'
      ? r !== undefined
        ? `第 ${r} 行的${noun}`
        : `第 ${(row.index as number) + 1} ${measure}${noun}`
      : r !== undefined
        ? `the ${noun} on row ${r}`
        : `${noun} ${(row.index as number) + 1}`;
  // the named parts above the row (「年度目标」 of 「第 2 项年度目标的第 3 项指标」) are left out: the row says where
  return where;
}

/** A field as a clerk names it: 「三级指标名称」 for the name of an indicator, otherwise the schema's title. */
function fieldName(step: Step | undefined, lang: Lang): string {
  if (!step) return lang === 'zh' ? '该栏' : 'this field';
  const t = step.title ?? step.key;
  if (lang === 'en') return step.key;
  return step.key === 'name' && /指标$/.test(t) ? `${t}名称` : t;
}

/**
 * One schema violation in words. `location` is where the reader placed the pointer (for the row
 * number); `form` the declared form kind.
 */
export function violationInWords(set: SchemaSet, form: FormKind, v: SchemaViolation, location: Omit<Location, 'pointer'> | undefined, lang: Lang): string {
  const p = v.params;
  const steps = namePath(set, form, v.pointer);
  const last = steps[steps.length - 1];
  const parents = steps.slice(0, -1);
  const inRow = parents.some((s) => s.index !== undefined);
  const formTitle = FORM_TITLES[form][lang];
  if (v.keyword === 'required' && steps.length === 1 && typeof p.missingProperty === 'string' && Object.hasOwn(ENVELOPE_HELP, p.missingProperty)) {
    return (ENVELOPE_HELP[p.missingProperty] as Localized)[lang];
  }
  if (lang === 'en') {
    const where = parents.length ? `${owner(parents, location, lang)}: ` : '';
    return `${where}${describeViolation(v, lang)}`;
  }
  const name = fieldName(last, lang);
  const whose = parents.length ? owner(parents, location, lang) : '';
  if (last?.index !== undefined && (v.keyword === 'type' || v.keyword === 'anyOf' || v.keyword === 'oneOf')) {
    const wantsObject = v.keyword !== 'type' || String(p.type).split(',').includes('object');
    return `${owner(steps, location, lang)}无法读取：${wantsObject ? '应写成若干「栏目: 内容」' : '写法不符合表样'}`;
  }
  switch (v.keyword) {
    case 'required':
      if (inRow) return `${whose}没有填写${name}`;
      if (parents.length === 0) return `缺少「${name}」：请在「${name}」一栏填写`;
      return `${whose}缺少「${name}」：请在「${name}」一栏填写`;
    case 'additionalProperties':
      return `${whose ? `${whose}中` : ''}「${last?.key ?? ''}」不是${formTitle}的栏目，其内容未被检查。请删去，或改用表样中的栏目名称`;
    case 'type':
    case 'anyOf':
    case 'oneOf':
      return `${whose ? `${whose}的` : ''}「${name}」应填写数字或文字，这里的内容无法读取（如列表、是/否或嵌套的栏目）`;
    case 'pattern':
      return `${whose ? `${whose}的` : ''}「${name}」格式不符`;
    default:
      return `${whose ? `${whose}的` : ''}「${name}」${describeViolation(v, lang)}`;
  }
}

/** What a document that declares no known form looks like instead, in one line. */
export function notASubmission(data: unknown, lang: Lang): string {
  const known = Object.values(FORM_TITLES)
    .map((t) => t[lang])
    .join(lang === 'zh' ? '、' : ', ');
  const looks = looksLike(data);
  if (data !== null && typeof data === 'object' && !Array.isArray(data)) {
    const form = (data as Record<string, unknown>).form;
    if (form !== undefined && looks === null) {
      // a scalar is shown as written; a mapping or a list is named (String() of an object with its own
      // toString would throw or print what the file chose)
      const shown = form === null || typeof form !== 'object' ? String(form) : Array.isArray(form) ? (lang === 'zh' ? '一个列表' : 'a list') : lang === 'zh' ? '一组字段' : 'a mapping';
      return lang === 'zh'
        ? `表样类型「${shown}」不是已知的表样，应为${known}之一`
        : `the form "${shown}" is not a known form; it should be one of ${known}`;
    }
  }
  const what = looks ?? { zh: '不像任何一种绩效表格：没有注明表样，也没有可识别的栏目', en: 'it names no form and has no field of one' };
  return lang === 'zh' ? `这不是绩效表格（${what.zh}），未作检查。可检查的表样：${known}` : `not a performance form (${what.en}); nothing was checked. Forms checked: ${known}`;
}

/** A guess at what a JSON/YAML document is, from its top-level keys; null when nothing fits. */
export function looksLike(data: unknown): Localized | null {
  if (data === null || typeof data !== 'object') return { zh: '文件只有一个单独的值', en: 'the file holds a single value' };
  if (Array.isArray(data)) return { zh: '文件是一个列表', en: 'the file is a list' };
  const keys = new Set(Object.keys(data));
  if (keys.has('files') && keys.has('summary')) return { zh: '像是本工具以前输出的检查结果', en: 'it looks like an earlier report of this tool' };
  if (keys.has('runs') && keys.has('version')) return { zh: '像是 SARIF 格式的检查结果', en: 'it looks like a SARIF report' };
  if (keys.has('id') && (keys.has('checks') || keys.has('condition') || keys.has('message'))) return { zh: '像是一条检查规则的定义', en: 'it looks like a rule definition' };
  if (keys.has('rules') || keys.has('extends') || keys.has('overrides')) return { zh: '像是本工具的配置文件', en: 'it looks like a configuration file' };
  if (keys.has('suppressions') && keys.size <= 2) return { zh: '像是已接受问题的清单（基线文件）', en: 'it looks like a baseline file' };
  if (keys.has('name') && (keys.has('version') || keys.has('dependencies'))) return { zh: '像是程序的配置文件', en: 'it looks like a program manifest' };
  return null;
}
