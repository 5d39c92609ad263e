/**
 * Rules are data: YAML documents validated against schemas/rule.schema.json and compiled
 * once, at load, into closures (src/check/compile.ts). A rule that cannot be compiled is
 * refused with one line naming the file, its YAML line and the rule id:
 *
 *   bureau/x.yaml:12: x-rule: var「item.rates」：item 没有字段「rates」（是否应为「rate」？）
 */
import { Ajv2020, type ErrorObject } from 'ajv/dist/2020.js';
import { LineCounter, parseDocument } from 'yaml';
import { SETTINGS_SCHEMA } from '../config/settings.js';
import { FORM_KINDS, type FormKind, type Lang, type Localized, type Severity } from '../types.js';
import type { JsonSchema, SchemaSet } from '../validate/schemas.js';
import { closest, CompileError, compileLogic, compileTemplate, type CompileContext, type Fn, type Path, type Scope, type Template } from './compile.js';
import { APPROVED_TYPE } from './ops/targets.js';
import { ANY, elementOf, fromSchema, member, NUM, obj, STR, union, type Ty } from './types.js';

export type Logic = unknown;

export interface RuleOption {
  default: unknown;
  schema: JsonSchema;
  description: Localized;
}

/** One condition of a rule, compiled: what it runs over, what it computes and what it says. */
export interface Check {
  selector: string[];
  each?: { name: string; of: Fn };
  let: Array<[string, Fn]>;
  condition: Fn;
  severityBy?: Fn;
  at?: Template;
  message: Record<Lang, Template>;
  expected?: Template;
  actual?: Template;
  /** The exact value to write at `at` (a correction, not a description), when the check has one. */
  suggestion?: Template;
}

export interface Rule {
  id: string;
  title: Localized;
  severity: Severity;
  forms: Array<FormKind | '*'>;
  /** `engine`: findings the rule engine itself makes (rule-error). */
  stage: 'load' | 'normalize' | 'validate' | 'check' | 'suppress' | 'engine';
  /** Message of stage rules, and the default message of checks (absent when every check has its own). */
  message?: Localized;
  checks: Check[];
  options: Record<string, RuleOption>;
  /** The shared settings (config `settings:`) the rule reads. */
  settings: string[];
  docs: { why: Localized; fix: Localized; example?: Localized };
  /** Where the rule was read from (for error messages). */
  source: string;
}

/** A rule that cannot be loaded: one line naming the file, the YAML line and the rule. */
export class RuleError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly ruleId: string | undefined,
    readonly text: Localized,
    lang: Lang = 'zh',
  ) {
    super(RuleError.format(file, line, ruleId, text[lang]));
  }

  static format(file: string, line: number, ruleId: string | undefined, text: string): string {
    return `${file}:${line}: ${ruleId ? `${ruleId}: ` : ''}${text}`;
  }

  /** The message in a language. */
  in(lang: Lang): string {
    return RuleError.format(this.file, this.line, this.ruleId, this.text[lang]);
  }
}

export function createRuleValidator(ruleSchema: JsonSchema) {
  const ajv = new Ajv2020({ allErrors: true, strict: false, verbose: true });
  return ajv.compile(ruleSchema);
}

export interface CompileOptions {
  /** The form schemas `var` paths and selectors are checked against (unchecked without). */
  schemas?: SchemaSet;
  /** Language of refusals (default zh). */
  lang?: Lang;
}

/** The type of each form's normalized submission, from its schema. */
export function formTypes(schemas: SchemaSet): Map<FormKind, Ty> {
  const out = new Map<FormKind, Ty>();
  for (const form of schemas.forms()) {
    const root = schemas.rootOf(form);
    if (root) out.set(form, fromSchema(root.schema, root.base, (ref, base) => schemas.resolve(ref, base)));
  }
  return out;
}

/** The type of a shared setting, from SETTINGS_SCHEMA (every key present after defaults). */
export const SETTINGS_TYPE: Ty = fromSchema(SETTINGS_SCHEMA);

/** The keys allowed where an additionalProperties error occurred (for "did you mean"). */
function allowedKeys(ruleSchema: JsonSchema, e: ErrorObject): string[] {
  const props = (e.parentSchema as JsonSchema | undefined)?.properties;
  return props && typeof props === 'object' ? Object.keys(props) : Object.keys((ruleSchema.properties as JsonSchema | undefined) ?? {});
}

function schemaText(e: ErrorObject | undefined, keys: readonly string[]): Localized {
  if (!e) return { zh: '不符合规则格式', en: 'invalid rule' };
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'required':
      return { zh: `缺少「${String(p.missingProperty)}」`, en: `missing "${String(p.missingProperty)}"` };
    case 'additionalProperties': {
      const key = String(p.additionalProperty);
      const near = closest(key, keys);
      return near
        ? { zh: `未知的键「${key}」（是否应为「${near}」？）`, en: `unknown key "${key}" (did you mean "${near}"?)` }
        : { zh: `未知的键「${key}」`, en: `unknown key "${key}"` };
    }
    case 'enum':
      return { zh: `取值应为 ${(p.allowedValues as unknown[]).map(String).join('、')} 之一`, en: `must be one of ${(p.allowedValues as unknown[]).map(String).join(', ')}` };
    case 'type':
      return { zh: `类型应为 ${String(p.type)}`, en: `must be ${String(p.type)}` };
    case 'pattern':
      return { zh: '格式不符（小写字母、数字和短横线）', en: 'bad format (lower-case letters, digits and hyphens)' };
    case 'minItems':
      return { zh: `至少应有 ${String(p.limit)} 项`, en: `must have at least ${String(p.limit)} item(s)` };
    case 'minLength':
      return { zh: '不应为空', en: 'must not be empty' };
    default:
      return { zh: '不符合规则格式', en: e.message ?? 'invalid rule' };
  }
}

/**
 * A rule file already parsed and validated at build time (generated/rules.json, written by
 * scripts/build-bundle.mjs from the same YAML): the rule as JSON (Chinese folds joined) and the
 * YAML line of its nodes, so a refusal or a rule-error names the same line as from the YAML.
 */
export interface BundledRule {
  name: string;
  rule: unknown;
  /** JSON of a node's path ([] is the document) → its line, for the nodes whose line differs from their parent's. */
  lines: Record<string, number>;
}

/** A rule file: YAML text (parsed and validated here), or a bundled rule (parsed and validated at build time). */
export type RuleSource = { name: string; text: string } | BundledRule;

/** Parse a rule file and validate it against the rule schema; its JSON and the line of any node. */
export function parseRuleFile(
  name: string,
  text: string,
  validate: ReturnType<typeof createRuleValidator>,
  ruleSchema: JsonSchema,
  lang: Lang = 'zh',
): { raw: unknown; lineOf: (path: Path) => number } {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  const fail = (line: number, ruleId: string | undefined, t: Localized): never => {
    throw new RuleError(name, line, ruleId, t, lang);
  };
  const firstError = doc.errors[0];
  if (firstError) {
    const line = firstError.linePos?.[0]?.line ?? lines.linePos(firstError.pos[0]).line;
    fail(line, /^id:\s*([a-z][a-z0-9-]*)\s*$/m.exec(text)?.[1], { zh: 'YAML 格式错误', en: `not valid YAML: ${firstError.message.split('\n')[0] ?? ''}` });
  }
  const lineOf = (path: Path): number => {
    for (let n = path.length; n >= 0; n--) {
      const node = doc.getIn(path.slice(0, n), true) as { range?: [number, number, number] } | undefined;
      if (node && typeof node === 'object' && node.range) return lines.linePos(node.range[0]).line;
    }
    return 1;
  };
  const raw: unknown = doc.toJS();
  joinFoldedChinese(raw);
  if (!validate(raw)) {
    // An unknown key is the likeliest typo (conditon): report it before what it leaves missing.
    const errs = validate.errors ?? [];
    const err = errs.find((e) => e.keyword === 'additionalProperties') ?? errs.find((e) => e.keyword !== 'required' && e.keyword !== 'if' && e.keyword !== 'anyOf') ?? errs[0];
    const path: Array<string | number> = (err?.instancePath ?? '').split('/').filter(Boolean).map((s) => (/^\d+$/.test(s) ? Number(s) : s.replace(/~1/g, '/').replace(/~0/g, '~')));
    if (err?.keyword === 'additionalProperties') path.push(String(err.params.additionalProperty));
    const t = schemaText(err, err ? allowedKeys(ruleSchema, err) : []);
    const where = err?.instancePath ? { zh: `${err.instancePath}：`, en: `${err.instancePath}: ` } : { zh: '', en: '' };
    fail(lineOf(path), idOf(raw), { zh: `${where.zh}${t.zh}`, en: `${where.en}${t.en}` });
  }
  return { raw, lineOf };
}

const idOf = (r: unknown) => (r !== null && typeof r === 'object' && typeof (r as Record<string, unknown>).id === 'string' ? ((r as Record<string, unknown>).id as string) : undefined);

/** The lines of a parsed rule file, for its bundle: every node whose line differs from its parent's. */
export function bundleLines(raw: unknown, lineOf: (path: Path) => number): Record<string, number> {
  const out: Record<string, number> = {};
  const walk = (node: unknown, path: Path, parentLine: number) => {
    const line = lineOf(path);
    if (line !== parentLine) out[JSON.stringify(path)] = line;
    if (Array.isArray(node)) node.forEach((x, i) => walk(x, [...path, i], line));
    else if (node !== null && typeof node === 'object') for (const [k, v] of Object.entries(node)) walk(v, [...path, k], line);
  };
  walk(raw, [], 0);
  return out;
}

/** lineOf for a bundled rule: the line of the node, or of its nearest ancestor listed. */
function bundledLineOf(lines: Record<string, number>): (path: Path) => number {
  return (path) => {
    for (let n = path.length; n >= 0; n--) {
      const line = lines[JSON.stringify(path.slice(0, n))];
      if (line !== undefined) return line;
    }
    return 1;
  };
}

/**
 * Parse, validate and compile rule files. `files` maps a name (for messages) to YAML text, or
 * is a rule bundled at build time (then neither YAML nor the rule schema is needed here).
 */
export function compileRules(files: RuleSource[], ruleSchema: JsonSchema, options: CompileOptions = {}): Rule[] {
  let validator: ReturnType<typeof createRuleValidator> | undefined;
  const lang = options.lang ?? 'zh';
  const forms = options.schemas ? formTypes(options.schemas) : undefined;
  const seen = new Map<string, string>();
  const rules: Rule[] = [];
  for (const source of files) {
    const name = source.name;
    const fail = (line: number, ruleId: string | undefined, t: Localized): never => {
      throw new RuleError(name, line, ruleId, t, lang);
    };
    const { raw, lineOf } =
      'text' in source
        ? parseRuleFile(name, source.text, (validator ??= createRuleValidator(ruleSchema)), ruleSchema, lang)
        : { raw: structuredClone(source.rule), lineOf: bundledLineOf(source.lines) };
    const r = raw as Record<string, unknown>;
    const id = r.id as string;
    const prev = seen.get(id);
    if (prev) fail(lineOf(['id']), id, { zh: `规则 id「${id}」已在 ${prev} 中定义`, en: `rule id "${id}" is already defined in ${prev}` });
    seen.set(id, name);
    const stage = (r.stage as Rule['stage'] | undefined) ?? 'check';
    const ruleOptions = (r.options as Record<string, RuleOption> | undefined) ?? {};
    const rawChecks = Array.isArray(r.checks) ? (r.checks as Array<Record<string, unknown>>) : r.condition !== undefined ? [{}] : [];
    const checks: Check[] = [];
    if (stage === 'check') {
      rawChecks.forEach((c, i) => {
        const merged = { ...r, ...c };
        const origin = (field: string): Path => (Array.isArray(r.checks) && c[field] !== undefined ? ['checks', i, field] : [field]);
        try {
          checks.push(compileCheck(merged, origin, r.forms as Rule['forms'], ruleOptions, forms, i, lineOf));
        } catch (e) {
          if (e instanceof CompileError) fail(lineOf(e.path), id, e.text);
          throw e;
        }
      });
    }
    rules.push({
      id,
      title: r.title as Localized,
      severity: r.severity as Severity,
      forms: r.forms as Rule['forms'],
      stage,
      ...(r.message ? { message: r.message as Localized } : {}),
      checks,
      options: ruleOptions,
      settings: stage === 'check' ? settingsRead(rawChecks.map((c) => ({ ...r, ...c, docs: undefined, title: undefined }))) : [],
      docs: r.docs as Rule['docs'],
      source: name,
    });
  }
  return rules.sort((a, b) => a.id.localeCompare(b.id));
}

/** The shared settings a rule's checks mention (settings.x in a var path or a placeholder). */
function settingsRead(checks: unknown[]): string[] {
  const found = new Set<string>();
  for (const m of JSON.stringify(checks).matchAll(/settings\.([A-Za-z_]\w*)/g)) found.add(m[1] as string);
  return [...found].sort();
}

/** Items a selector reaches in a form: the type of each, or undefined when it reaches nothing. */
export function selectorType(root: Ty, selector: string): Ty | undefined {
  if (selector === '') return root;
  let current: Ty[] = [root];
  for (const segment of selector.split('.')) {
    const m = /^([^[\]]*)(\[\*\])?$/.exec(segment);
    if (!m) return undefined;
    const [, name = '', star] = m;
    const next: Ty[] = [];
    for (const ty of current) {
      const children: Ty[] =
        name === '*'
          ? ty.t === 'object'
            ? [...Object.values(ty.props), ...(ty.open ? [ANY] : [])]
            : ty.t === 'any'
              ? [ANY]
              : []
          : [member(ty, name)].filter((x): x is Ty => x !== undefined && x.t !== 'null');
      for (const child of children) {
        if (!star) next.push(child);
        else if (child.t === 'array' || child.t === 'any' || (child.t === 'union' && child.of.some((x) => x.t === 'array'))) next.push(elementOf(child));
      }
    }
    current = next;
  }
  return current.length === 0 ? undefined : union(...current);
}

const SEVERITY_WORDS = ['error', 'warning', 'info'];

function compileCheck(
  c: Record<string, unknown>,
  origin: (field: string) => Path,
  forms: Rule['forms'],
  ruleOptions: Record<string, RuleOption>,
  formTys: Map<FormKind, Ty> | undefined,
  index: number,
  lineOf: (path: Path) => number,
): Check {
  const selector = c.selector === undefined ? [''] : Array.isArray(c.selector) ? (c.selector as string[]) : [c.selector as string];
  // The types of item and root, per the schemas of the rule's forms.
  let item: Ty = ANY;
  let root: Ty = ANY;
  if (formTys) {
    const kinds = (forms.includes('*') ? [...FORM_KINDS] : (forms as FormKind[])).filter((f) => formTys.has(f));
    const roots = kinds.map((f) => formTys.get(f) as Ty);
    root = roots.length > 0 ? union(...roots) : ANY;
    const items: Ty[] = [];
    selector.forEach((s, i) => {
      const found = roots.map((r) => selectorType(r, s)).filter((x): x is Ty => x !== undefined);
      if (found.length === 0 && roots.length > 0) {
        const at = Array.isArray(c.selector) ? [...origin('selector'), i] : origin('selector');
        throw new CompileError(at, {
          zh: `selector「${s}」在适用表样（${kinds.join('、')}）中没有对应的字段`,
          en: `selector "${s}" matches nothing in the rule's forms (${kinds.join(', ')})`,
        });
      }
      items.push(...found);
    });
    if (items.length > 0) item = union(...items);
  }
  const optionTy = obj(Object.fromEntries(Object.entries(ruleOptions).map(([k, o]) => [k, o.schema ? fromSchema(o.schema) : ANY])));
  const names = new Map<string, Ty>([
    ['item', item],
    ['parent', ANY],
    ['key', union(STR, NUM)],
    ['root', root],
    ['options', optionTy],
    ['settings', SETTINGS_TYPE],
    ['approved', APPROVED_TYPE],
  ]);
  const lets = Object.entries((c.let as Record<string, unknown> | undefined) ?? {});
  const later = new Set(lets.map(([n]) => n));
  const ctx: CompileContext = { texts: [], lineOf };
  const scope = (): Scope => ({ names, later });

  let each: Check['each'];
  if (c.each) {
    const e = c.each as { name: string; of: unknown };
    if (names.has(e.name)) {
      throw new CompileError([...origin('each'), 'name'], { zh: `each 的名称「${e.name}」与内置名称重名`, en: `each name "${e.name}" shadows a built-in name` });
    }
    const of = compileLogic(e.of, [...origin('each'), 'of'], scope(), ctx);
    if (!(of.ty.t === 'array' || of.ty.t === 'any' || of.ty.t === 'null' || (of.ty.t === 'union' && of.ty.of.some((x) => x.t === 'array' || x.t === 'any')))) {
      throw new CompileError([...origin('each'), 'of'], { zh: 'each.of 应给出列表', en: 'each.of must give a list' });
    }
    names.set(e.name, elementOf(of.ty));
    each = { name: e.name, of: of.fn };
  }
  const compiledLets: Array<[string, Fn]> = [];
  for (const [n, logic] of lets) {
    later.delete(n);
    if (names.has(n)) {
      throw new CompileError([...origin('let'), n], { zh: `let「${n}」与已有名称重名`, en: `let "${n}" shadows a name already defined` });
    }
    const compiled = compileLogic(logic, [...origin('let'), n], scope(), ctx);
    names.set(n, compiled.ty);
    compiledLets.push([n, compiled.fn]);
  }
  const condition = compileLogic(c.condition, origin('condition'), scope(), ctx);
  if (condition.ty.t === 'cell') {
    throw new CompileError(origin('condition'), { zh: '单元格不能直接作条件：请用 blank（是否空）或 known（是否数值）判断', en: 'a cell is not a condition by itself: test it with blank or known' });
  }
  let severityBy: Fn | undefined;
  if (c.severityBy !== undefined) {
    const s = compileLogic(c.severityBy, origin('severityBy'), scope(), ctx);
    for (const word of literals(s.ty)) {
      if (!SEVERITY_WORDS.includes(word)) {
        throw new CompileError(origin('severityBy'), {
          zh: `severityBy 可能给出「${word}」，而严重程度只能是 error、warning 或 info`,
          en: `severityBy may give "${word}", but a severity is error, warning or info`,
        });
      }
    }
    severityBy = s.fn;
  }
  const message = c.message as Localized | undefined;
  if (!message) throw new CompileError(Array.isArray(c.checks) ? ['checks', index] : [], { zh: `第 ${index + 1} 项检查没有 message`, en: `check ${index + 1} has no message` });
  const full = scope();
  const template = (t: unknown, path: Path): Template | undefined => (typeof t === 'string' ? compileTemplate(t, path, full) : undefined);
  for (const t of ctx.texts) compileTemplate(t.text, t.path, full);
  const at = template(c.at, origin('at'));
  const expected = template(c.expected, origin('expected'));
  const actual = template(c.actual, origin('actual'));
  const suggestion = template(c.suggestion, origin('suggestion'));
  return {
    selector,
    ...(each ? { each } : {}),
    let: compiledLets,
    condition: condition.fn,
    ...(severityBy ? { severityBy } : {}),
    ...(at ? { at } : {}),
    message: {
      zh: compileTemplate(message.zh, [...origin('message'), 'zh'], full),
      en: compileTemplate(message.en, [...origin('message'), 'en'], full),
    },
    ...(expected ? { expected } : {}),
    ...(actual ? { actual } : {}),
    ...(suggestion ? { suggestion } : {}),
  };
}

/** The string literals a type can be (for severityBy). */
function literals(ty: Ty): string[] {
  if (ty.t === 'string' && ty.value !== undefined) return [ty.value];
  if (ty.t === 'union') return ty.of.flatMap(literals);
  return [];
}

/** Chinese characters and full-width punctuation: no space belongs between two of them, nor
 * after an opening or pausing full-width mark, nor before a closing one. */
const CJK = '\\u3000-\\u303f\\u3400-\\u9fff\\uff00-\\uffef';
const FOLDED_SPACE = new RegExp(`(?<=[${CJK}]) +(?=[${CJK}])|(?<=[，。；：、（「]) +|(?<! ) +(?=[，。；：、）」])`, 'g');

/**
 * YAML folds a line break in a long `zh: >` text into a space, which Chinese does not use:
 * remove it between two Chinese characters (in every `zh` text of the rule, in place).
 */
export function joinFoldedChinese(node: unknown): void {
  if (Array.isArray(node)) {
    for (const x of node) joinFoldedChinese(x);
  } else if (node !== null && typeof node === 'object') {
    const o = node as Record<string, unknown>;
    for (const [k, v] of Object.entries(o)) {
      if (k === 'zh' && typeof v === 'string') o[k] = v.replace(FOLDED_SPACE, '');
      else joinFoldedChinese(v);
    }
  }
}

/** The default value of every option of a rule. */
export function defaultOptions(rule: Rule): Record<string, unknown> {
  return Object.fromEntries(Object.entries(rule.options).map(([k, o]) => [k, o.default]));
}

