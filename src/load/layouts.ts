/**
 * Printed layouts as data (layouts/*.yaml): each province prints its own variant of the forms, and
 * a variant is a file, not code — the model is invoice2data's one template per issuer, with the
 * keywords that identify it and the fields it yields.
 *
 *   id: hubei-project-self-eval-20
 *   extends: national-project-self-eval      # declares only what differs
 *   form: project-self-eval                   # the canonical submission it yields
 *   name: 湖北省项目支出绩效自评表（执行率20分）
 *   identify:                                 # all of `labels`, and one of `titles` when given
 *     titles: ['/财政项目绩效自评表/']
 *     labels: ['/20分\*执行率|得分=20分/']
 *   labels:                                   # synonyms added to a block's roles
 *     indicators: {review: [复核分]}
 *   policy: {executionWeight: 20, indicatorTotal: 80}   # what the form prints (settings: keys)
 *
 * A label is matched on the folded cell text (foldLabel: NFKC, no spaces, no trailing colon, sign
 * variants folded): a plain entry is that label exactly, an entry between slashes a regular
 * expression. A layout's own entries are tested before every inherited one (so a province may give a
 * national label another role), each group in the order the national layout declares the roles. A file that cannot be right (unknown key, block
 * or role, a label under two roles of one block, a missing or circular `extends`, bad policy) is
 * refused with one line naming file, line and entry: never silently inert. Browser-safe (the
 * built-in texts come from ./layouts.builtin.ts, written by scripts/build-layouts.mjs).
 */
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node as YamlNode } from 'yaml';
import type { PartialPolicy } from '../config/settings.js';
import { BilingualError, FORM_KINDS, isFormKind, type FormKind } from '../types.js';
import { foldLabel } from '../vocabulary.js';
import { BUILTIN_LAYOUTS } from './layouts.builtin.js';

/** The blocks of a form and the roles a label can play in each, in the order they are tested by default. */
export const LAYOUT_ROLES = {
  /** The execution block (全年预算执行情况): `block` is the block's own label, never a column. */
  budget: ['block', 'weight', 'score', 'rate', 'initial', 'actual', 'adjusted', 'explanation'],
  /** The indicator table; `block` is the block's own label (绩效指标, 年度绩效目标(80分)); `review` (复核分), `criteria` (评分标准, 指标解释), `remark` (备注) and `serial` (序号) are known
   * columns the canonical form does not keep; `targetSign` is the sign of a target printed in a column of its own (Yunnan's 指标性质: ≧ ═ ≦). */
  indicators: [
    'block', 'level1', 'level2', 'name', 'unit', 'targetSign', 'nature', 'cycleValue', 'target', 'actual', 'achievement',
    'review', 'criteria', 'remark', 'serial', 'weight', 'coefficient', 'score', 'explanation',
  ],
} as const;

export type LayoutBlock = keyof typeof LAYOUT_ROLES;
export type LayoutRole<B extends LayoutBlock> = (typeof LAYOUT_ROLES)[B][number];

/** The policy keys a layout may print (a subset of config `settings:`). */
const POLICY_KEYS = ['executionWeight', 'indicatorTotal', 'categoryWeights', 'gradeBands', 'qualitativeBands', 'hierarchy'] as const;

type Matcher = { label: string } | { re: RegExp; source: string };

export interface Layout {
  id: string;
  /** What a person calls it (shown by `jixiao-lint layouts`, the page and the JSON output). */
  name: string;
  /** The canonical form it yields; absent for an abstract layout (labels only). */
  form?: FormKind;
  abstract: boolean;
  /** The file it came from and its line, for messages. */
  file: string;
  line: number;
  /** Its parent's id, if any. */
  extends?: string;
  identify: { titles: Matcher[]; labels: Matcher[] };
  /** Per block, the roles in test order, each with its matchers (own first, then inherited). */
  labels: { [B in LayoutBlock]: Array<{ role: LayoutRole<B>; matchers: Matcher[] }> };
  /** The policy the form prints, merged over its parent's. */
  policy: PartialPolicy;
  /** Header fields the form has no place for (inherited): the schema does not ask them of its submissions. */
  unprinted?: UnprintedField[];
}

/** A layout file that cannot be right: one line, 「file:line: entry: reason」, in either language (the
 * project's BilingualError, as for config and usage errors). */
export class LayoutError extends BilingualError {
  constructor(file: string, line: number, entry: string, zh: string, en: string) {
    super(`${file}:${line}: ${entry}: ${zh}`, `${file}:${line}: ${entry}: ${en}`);
    this.name = 'LayoutError';
  }
}

export interface LayoutSource {
  name: string;
  text: string;
}

interface Raw {
  file: string;
  line: number;
  id: string;
  name: string;
  form?: FormKind;
  abstract: boolean;
  extends?: string;
  identify: { titles: Matcher[]; labels: Matcher[] };
  labels: Partial<Record<LayoutBlock, Partial<Record<string, Matcher[]>>>>;
  policy: PartialPolicy;
  unprinted?: UnprintedField[];
  /** Lines of the entries checked after parsing (id reused, extends unknown or circular). */
  lines: { id: number; extends: number };
}

const TOP_KEYS = new Set(['id', 'name', 'form', 'abstract', 'extends', 'identify', 'labels', 'policy', 'unprinted', 'notes']);

/** Header fields a printed form may have no place for (Hebei's 指标表 prints no unit): not asked of its submissions. */
export const UNPRINTED_FIELDS = ['unit', 'year', 'moneyUnit', 'project', 'budget'] as const;
export type UnprintedField = (typeof UNPRINTED_FIELDS)[number];

/** Parse and check one layout file (not yet resolved against its parent). */
function parseLayout(src: LayoutSource): Raw {
  const counter = new LineCounter();
  const doc = parseDocument(src.text, { lineCounter: counter, uniqueKeys: true, prettyErrors: false });
  const lineOf = (node: YamlNode | null | undefined) => (node?.range ? counter.linePos(node.range[0]).line : 1);
  const fail = (node: YamlNode | null | undefined, entry: string, zh: string, en: string): never => {
    throw new LayoutError(src.name, lineOf(node), entry, zh, en);
  };
  const err = doc.errors[0];
  if (err) throw new LayoutError(src.name, err.linePos?.[0]?.line ?? 1, '(YAML)', `YAML 语法错误（${err.code}）`, `YAML syntax error (${err.code})`);
  const root = doc.contents;
  if (!isMap(root)) return fail(root, '(file)', '布局文件应是一个映射（键: 值）', 'a layout file must be a mapping');
  const get = (key: string) => root.items.find((p) => isScalar(p.key) && p.key.value === key);
  for (const pair of root.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    if (!TOP_KEYS.has(key)) fail(pair.key as YamlNode, key, `未知的键「${key}」（可用：${[...TOP_KEYS].join('、')}）`, `unknown key "${key}" (known: ${[...TOP_KEYS].join(', ')})`);
  }
  const str = (key: string, required: boolean): string | undefined => {
    const pair = get(key);
    if (!pair) return required ? fail(root, key, `缺少「${key}」`, `"${key}" is missing`) : undefined;
    const v = pair.value;
    if (!isScalar(v) || typeof v.value !== 'string' || v.value.trim() === '') return fail((v ?? pair.key) as YamlNode, key, `「${key}」应为非空文字`, `"${key}" must be a non-empty string`);
    return v.value.trim();
  };
  const id = str('id', true) as string;
  if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(id)) fail(get('id')?.value as YamlNode, 'id', `编号「${id}」只能用小写字母、数字和连字符`, `id "${id}" must be kebab-case`);
  const form = str('form', false);
  if (form !== undefined && !isFormKind(form)) fail(get('form')?.value as YamlNode, 'form', `表样「${form}」不存在（可用：${FORM_KINDS.join('、')}）`, `unknown form "${form}" (known: ${FORM_KINDS.join(', ')})`);
  const abstractPair = get('abstract');
  const abstract = abstractPair ? isScalar(abstractPair.value) && abstractPair.value.value === true : false;
  if (!abstract && form === undefined && !get('extends')) fail(root, 'form', '非抽象布局必须写明「form」（或继承一个写明了的布局）', 'a layout that is not abstract must name its "form" (or extend one that does)');
  const matchers = (node: unknown, entry: string): Matcher[] => {
    if (!isSeq(node)) return fail(node as YamlNode, entry, '应为标签列表', 'must be a list of labels');
    return node.items.map((item) => {
      if (!isScalar(item) || typeof item.value !== 'string' || item.value.trim() === '') return fail(item as YamlNode, entry, '标签应为非空文字', 'a label must be a non-empty string');
      const text = item.value.trim();
      if (text.length > 2 && text.startsWith('/') && text.endsWith('/')) {
        try {
          return { re: new RegExp(text.slice(1, -1)), source: text };
        } catch {
          return fail(item as YamlNode, entry, `正则表达式「${text}」无效`, `invalid regular expression ${text}`);
        }
      }
      return { label: foldLabel(text) };
    });
  };
  const identify = { titles: [] as Matcher[], labels: [] as Matcher[] };
  const idPair = get('identify');
  if (idPair) {
    if (!isMap(idPair.value)) fail(idPair.value as YamlNode, 'identify', '应为映射（titles, labels）', 'must be a mapping (titles, labels)');
    for (const p of (idPair.value as { items: Array<{ key: unknown; value: unknown }> }).items) {
      const k = isScalar(p.key) ? String(p.key.value) : '';
      if (k !== 'titles' && k !== 'labels') fail(p.key as YamlNode, `identify.${k}`, `未知的键「${k}」（可用：titles、labels）`, `unknown key "${k}" (known: titles, labels)`);
      identify[k as 'titles' | 'labels'] = matchers(p.value, `identify.${k}`);
    }
  }
  const labels: Raw['labels'] = {};
  const labelsPair = get('labels');
  if (labelsPair) {
    if (!isMap(labelsPair.value)) fail(labelsPair.value as YamlNode, 'labels', '应为映射（区块 → 角色 → 标签）', 'must be a mapping (block → role → labels)');
    for (const bp of (labelsPair.value as { items: Array<{ key: unknown; value: unknown }> }).items) {
      const block = isScalar(bp.key) ? String(bp.key.value) : '';
      if (!(block in LAYOUT_ROLES)) fail(bp.key as YamlNode, `labels.${block}`, `未知的区块「${block}」（可用：${Object.keys(LAYOUT_ROLES).join('、')}）`, `unknown block "${block}" (known: ${Object.keys(LAYOUT_ROLES).join(', ')})`);
      const roles = LAYOUT_ROLES[block as LayoutBlock] as readonly string[];
      if (!isMap(bp.value)) fail(bp.value as YamlNode, `labels.${block}`, '应为映射（角色 → 标签）', 'must be a mapping (role → labels)');
      const out: Partial<Record<string, Matcher[]>> = {};
      const owner = new Map<string, string>();
      for (const rp of (bp.value as { items: Array<{ key: unknown; value: unknown }> }).items) {
        const role = isScalar(rp.key) ? String(rp.key.value) : '';
        const entry = `labels.${block}.${role}`;
        if (!roles.includes(role)) fail(rp.key as YamlNode, entry, `未知的角色「${role}」（可用：${roles.join('、')}）`, `unknown role "${role}" (known: ${roles.join(', ')})`);
        const list = matchers(rp.value, entry);
        for (const m of list) {
          const key = 'label' in m ? m.label : m.source;
          const other = owner.get(key);
          if (other !== undefined) fail(rp.value as YamlNode, entry, `标签「${key}」已用于角色「${other}」：同一区块内一个标签只能有一个角色`, `label "${key}" is already used by role "${other}": a label has one role in a block`);
          owner.set(key, role);
        }
        out[role] = list;
      }
      labels[block as LayoutBlock] = out;
    }
  }
  const policy: PartialPolicy = {};
  const policyPair = get('policy');
  if (policyPair) {
    const js = policyPair.value && (policyPair.value as YamlNode).toJSON ? ((policyPair.value as YamlNode).toJSON() as unknown) : undefined;
    if (!js || typeof js !== 'object' || Array.isArray(js)) fail(policyPair.value as YamlNode, 'policy', '应为映射（如 executionWeight: 20）', 'must be a mapping (e.g. executionWeight: 20)');
    for (const [k, v] of Object.entries(js as Record<string, unknown>)) {
      if (!(POLICY_KEYS as readonly string[]).includes(k)) fail(policyPair.value as YamlNode, `policy.${k}`, `未知的政策项「${k}」（可用：${POLICY_KEYS.join('、')}）`, `unknown policy key "${k}" (known: ${POLICY_KEYS.join(', ')})`);
      if ((k === 'executionWeight' || k === 'indicatorTotal') && (typeof v !== 'number' || !(v >= 0 && v <= 100))) fail(policyPair.value as YamlNode, `policy.${k}`, '应为 0 至 100 之间的分值', 'must be points between 0 and 100');
      if (k === 'categoryWeights' && !(Array.isArray(v) && v.every((e) => e && typeof e === 'object' && typeof (e as Record<string, unknown>).name === 'string' && typeof (e as Record<string, unknown>).weight === 'number'))) {
        fail(policyPair.value as YamlNode, 'policy.categoryWeights', '应为列表，每项含 name 与 weight', 'must be a list of {name, weight}');
      }
      if (k === 'hierarchy' && !(v && typeof v === 'object' && !Array.isArray(v) && Object.values(v).every((p) => typeof p === 'string' && p !== ''))) {
        fail(policyPair.value as YamlNode, 'policy.hierarchy', '应为映射（二级指标: 一级指标）', 'must be a mapping (second level: first level)');
      }
      (policy as Record<string, unknown>)[k] = v;
    }
  }
  let unprinted: UnprintedField[] | undefined;
  const unprintedPair = get('unprinted');
  if (unprintedPair) {
    const v = unprintedPair.value;
    if (!isSeq(v) || !v.items.every((i) => isScalar(i) && (UNPRINTED_FIELDS as readonly unknown[]).includes(i.value))) {
      fail((v ?? unprintedPair.key) as YamlNode, 'unprinted', `应为表头栏目的列表（可用：${UNPRINTED_FIELDS.join('、')}）`, `must be a list of header fields (known: ${UNPRINTED_FIELDS.join(', ')})`);
    }
    unprinted = (v as { items: Array<{ value: unknown }> }).items.map((i) => i.value as UnprintedField);
  }
  const name = str('name', !abstract) ?? id;
  const ext = str('extends', false);
  const lines = { id: lineOf(get('id')?.value as YamlNode), extends: lineOf((get('extends')?.value ?? root) as YamlNode) };
  return { file: src.name, line: lineOf(root), lines, id, name, abstract, identify, labels, policy, ...(unprinted ? { unprinted } : {}), ...(form ? { form: form as FormKind } : {}), ...(ext ? { extends: ext } : {}) };
}

/**
 * Parse, check and resolve layout files: each inherits its parent's labels (its own entries tested
 * first) and policy. Later sources may not reuse an id (a bureau's file must pick its own).
 */
export function compileLayouts(sources: readonly LayoutSource[], base: readonly Layout[] = []): Layout[] {
  const raws = new Map<string, Raw>();
  const known = new Map(base.map((l) => [l.id, l]));
  for (const src of sources) {
    const raw = parseLayout(src);
    if (raws.has(raw.id) || known.has(raw.id)) throw new LayoutError(src.name, raw.lines.id, 'id', `编号「${raw.id}」已被另一个布局使用`, `id "${raw.id}" is used by another layout`);
    raws.set(raw.id, raw);
  }
  const done = new Map<string, Layout>(known);
  const resolve = (raw: Raw, path: string[]): Layout => {
    const have = done.get(raw.id);
    if (have) return have;
    let parent: Layout | undefined;
    if (raw.extends !== undefined) {
      if (path.includes(raw.extends) || raw.extends === raw.id) throw new LayoutError(raw.file, raw.lines.extends, 'extends', `循环继承：${[...path, raw.extends].join(' → ')}`, `circular extends: ${[...path, raw.extends].join(' → ')}`);
      const p = raws.get(raw.extends);
      parent = p ? resolve(p, [...path, raw.id]) : done.get(raw.extends);
      if (!parent) throw new LayoutError(raw.file, raw.lines.extends, 'extends', `找不到要继承的布局「${raw.extends}」`, `no layout "${raw.extends}" to extend`);
    }
    const labels = {} as Layout['labels'];
    for (const block of Object.keys(LAYOUT_ROLES) as LayoutBlock[]) {
      const own = raw.labels[block] ?? {};
      const inherited = parent?.labels[block] ?? (LAYOUT_ROLES[block] as readonly string[]).map((role) => ({ role, matchers: [] as Matcher[] }));
      // A layout's own labels are tested before every inherited one, whatever role that one plays: a form
      // may print a national label for another column (Hubei's target table heads its second levels
      // 「一级指标」 and its names 「二级指标」). Within each, roles keep the national order.
      const mine = (LAYOUT_ROLES[block] as readonly string[]).filter((role) => (own[role]?.length ?? 0) > 0).map((role) => ({ role, matchers: own[role] as Matcher[] }));
      (labels as Record<string, unknown>)[block] = [...mine, ...inherited];
    }
    const layout: Layout = {
      id: raw.id,
      name: raw.name,
      abstract: raw.abstract,
      file: raw.file,
      line: raw.line,
      identify: raw.identify,
      labels,
      policy: { ...(parent?.policy ?? {}), ...raw.policy },
      ...(raw.unprinted ?? parent?.unprinted ? { unprinted: (raw.unprinted ?? parent?.unprinted) as UnprintedField[] } : {}),
      ...(raw.form ?? parent?.form ? { form: (raw.form ?? parent?.form) as FormKind } : {}),
      ...(raw.extends ? { extends: raw.extends } : {}),
    };
    if (!layout.abstract && layout.form === undefined) throw new LayoutError(raw.file, raw.line, 'form', '非抽象布局必须写明「form」（或继承一个写明了的布局）', 'a layout that is not abstract must name its "form" (or extend one that does)');
    done.set(raw.id, layout);
    return layout;
  };
  return [...raws.values()].map((r) => resolve(r, []));
}

let builtIn: Layout[] | undefined;

/** The layouts of the package (layouts/*.yaml), compiled once. */
export function builtInLayouts(): Layout[] {
  builtIn ??= compileLayouts(BUILTIN_LAYOUTS);
  return builtIn;
}

/** The longest text taken for a label (「全年预算执行情况（万元）」 is 12; a long header note ≈ 60). */
const MAX_LABEL = 120;

function matches(m: Matcher, key: string): boolean {
  return 'label' in m ? m.label === key : m.re.test(key);
}

/** The role a folded label plays in a block of a layout, or null. */
export function roleOf<B extends LayoutBlock>(layout: Layout, block: B, key: string): LayoutRole<B> | null {
  // no label is that long: a layout's patterns never run over a whole paragraph (or a hostile cell)
  if (key.length > MAX_LABEL) return null;
  for (const { role, matchers } of layout.labels[block] as Array<{ role: LayoutRole<B>; matchers: Matcher[] }>) {
    if (matchers.some((m) => matches(m, key))) return role;
  }
  return null;
}

/** How well a layout's identifying labels and titles are found among a grid's folded cells. */
export function layoutScore(layout: Layout, keys: readonly string[], title: string): { fit: number; missing: string[] } {
  const missing = layout.identify.labels.filter((m) => !keys.some((k) => matches(m, k))).map((m) => ('label' in m ? m.label : m.source));
  const titleOk = layout.identify.titles.length === 0 || layout.identify.titles.some((m) => matches(m, title) || keys.some((k) => matches(m, k)));
  const total = layout.identify.labels.length + (layout.identify.titles.length > 0 ? 1 : 0);
  const found = layout.identify.labels.length - missing.length + (layout.identify.titles.length > 0 && titleOk ? 1 : 0);
  return { fit: total === 0 ? 0 : found / total, missing: titleOk ? missing : [...missing, '（标题）'] };
}

/**
 * The layout of a form of kind `form` printed in a grid whose folded cells are `keys`: among the
 * layouts of that form whose identifying labels are all found (and a title, when they name any),
 * the most specific one (the most identifying entries); the national layout of the form otherwise.
 */
export function chooseLayout(layouts: readonly Layout[], form: FormKind, keys: readonly string[], title: string): Layout | undefined {
  return (
    mostSpecific(layouts, (l) => !l.abstract && l.form === form, keys, title) ??
    layouts.find((l) => !l.abstract && l.form === form && l.identify.labels.length === 0 && l.identify.titles.length === 0)
  );
}

/**
 * The layout whose own identifying entries (a title and at least two labels) are all found in a grid
 * the national reading did not take for a form: the most specific one, or undefined.
 */
export function identifiedLayout(layouts: readonly Layout[], keys: readonly string[], title: string): Layout | undefined {
  return mostSpecific(layouts, (l) => !l.abstract && l.form !== undefined && l.identify.titles.length > 0 && l.identify.labels.length >= 2, keys, title);
}

/** Among the layouts `eligible` keeps, the one with the most identifying entries that are all found (the first of equals). */
function mostSpecific(layouts: readonly Layout[], eligible: (l: Layout) => boolean, keys: readonly string[], title: string): Layout | undefined {
  let best: Layout | undefined;
  let bestSize = -1;
  for (const l of layouts) {
    if (!eligible(l)) continue;
    const size = l.identify.labels.length + l.identify.titles.length;
    if (size > bestSize && layoutScore(l, keys, title).fit === 1) {
      best = l;
      bestSize = size;
    }
  }
  return best;
}

/** The national labels (the layout every other extends), for readers given no layout. */
export function nationalLayout(layouts: readonly Layout[] = builtInLayouts()): Layout {
  return (layouts.find((l) => l.id === 'national') ?? builtInLayouts().find((l) => l.id === 'national')) as Layout;
}

/** What a document says of the layout it was read by (JSON output, the page, `convert`). */
export interface LayoutInfo {
  id: string;
  name: string;
  policy?: PartialPolicy;
  /** Header fields the printed form has no place for (not asked of the submission). */
  unprinted?: UnprintedField[];
}

export function layoutInfo(l: Layout): LayoutInfo {
  return { id: l.id, name: l.name, ...(Object.keys(l.policy).length > 0 ? { policy: l.policy } : {}), ...(l.unprinted ? { unprinted: l.unprinted } : {}) };
}
