/**
 * Configuration (jixiao-lint.config.yaml): shape checks, validation of rule settings against
 * the rules actually loaded, presets and merging. Browser-safe: no fs, no process — reading
 * files and matching globs is src/node/config.ts's business.
 *
 *   extends: [recommended]          # or strict, a policy preset (execution-weight-20 …), or relative paths to other config files
 *   ruleDirs: [./bureau-rules]      # a bureau's own YAML rules (relative to the config file)
 *   layoutDirs: [./bureau-layouts]  # a bureau's own printed layouts (layouts/*.yaml format; relative to the config file)
 *   targets: [./批复]               # approved target tables (files, folders or globs, relative to the config file)
 *   settings:                       # shared policy settings (src/config/settings.ts)
 *     executionWeight: 20
 *   rules:
 *     execution-score: {options: {weight: 20}}
 *     category-weights: off         # a severity string is shorthand for {severity: …}
 *   overrides:
 *     - files: ['2021/**']
 *       rules: {grade-band: off}
 *       settings: {gradeBands: {excellent: 85}}
 */
import { Ajv2020, type ErrorObject } from 'ajv/dist/2020.js';
import type { RuleSetting, RuleSettings } from '../check/engine.js';
import type { Rule } from '../check/rules.js';
import { LimitError } from '../load/limits.js';
import { loadStructured } from '../load/structured.js';
import { BilingualError, type Localized, type LoadResult } from '../types.js';
import { describeViolation, type PrecompiledValidator } from '../validate/schemas.js';
import { mergePolicy, POLICY, POLICY_PRESETS, SETTINGS_SCHEMA, withPolicy, type PartialPolicy } from './settings.js';

/** Presets selectable by `extends`: rule severities (recommended, strict) and policy variants (src/config/settings.ts). */
export const PRESETS = ['recommended', 'strict', ...Object.keys(POLICY_PRESETS)] as const;
export type PresetName = string;
export const CONFIG_SEVERITIES = ['error', 'warning', 'info', 'off'] as const;
/** File names looked for, in this order, from the current folder upwards. */
export const CONFIG_FILE_NAMES = ['jixiao-lint.config.yaml', 'jixiao-lint.config.yml', 'jixiao-lint.config.json'];
/** The baseline of suppressions kept next to the submissions (read by src/node/baseline.ts). */
export const BASELINE_FILE = 'jixiao-lint.baseline.yaml';

/** A problem with a config file: one line naming the file and the offending key, in Chinese and English. */
export class ConfigError extends BilingualError {}

/** One config file after its shape was checked (rule settings are still unvalidated). */
export interface ConfigShape {
  /** Where it was read from, as shown in messages. */
  name: string;
  extends: string[];
  ruleDirs: string[];
  /** Folders of a bureau's own printed layouts (layouts/*.yaml format), relative to the file. */
  layoutDirs: string[];
  rules: Record<string, unknown>;
  /** Approved target tables (files, folders or globs relative to the file), compared with the self-evaluations. */
  targets: string[];
  /** Shared policy settings, checked against SETTINGS_SCHEMA. */
  settings: PartialPolicy;
  overrides: Array<{ files: string[]; rules: Record<string, unknown>; settings: PartialPolicy }>;
}

const TOP_KEYS = new Set(['$schema', 'extends', 'ruleDirs', 'layoutDirs', 'targets', 'settings', 'rules', 'overrides']);

function isPlainObject(x: unknown): x is Record<string, unknown> {
  return x !== null && typeof x === 'object' && !Array.isArray(x);
}

function stringList(value: unknown, name: string, key: string): string[] {
  if (typeof value === 'string') return [value];
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string' && v !== '')) {
    throw new ConfigError(`${name}: ${key}：应为文字列表（如 [a, b]）`, `${name}: ${key}: must be a list of strings`);
  }
  return value as string[];
}

/**
 * The data of a settings file's text (a config or baseline file: YAML, or JSON when `json`),
 * read as submissions are (src/load/structured.ts): a syntax error or a limit is its problem
 * in words, with line and column, never the parser's English.
 */
export function readSettingsData(text: string, json: boolean): { data: unknown } | { problem: Localized } {
  let read: LoadResult;
  try {
    read = loadStructured(text, json ? 'json' : 'yaml');
  } catch (e) {
    if (!(e instanceof LimitError)) throw e;
    read = { documents: [], problems: [e.problem] };
  }
  const problem = read.problems[0];
  if (problem) return { problem: problem.args.detail as Localized };
  return { data: read.documents[0]?.data ?? null };
}

/** The data of a config file's text; a syntax error is one ConfigError naming the line and column. */
export function parseConfigText(text: string, name: string, json: boolean): unknown {
  const read = readSettingsData(text, json);
  if ('problem' in read) throw new ConfigError(`${name}: ${read.problem.zh}`, `${name}: ${read.problem.en}`);
  return read.data;
}

/** Check the general shape of a parsed config file (not yet the rule ids or options). */
export function parseConfigShape(data: unknown, name: string): ConfigShape {
  if (data === null || data === undefined) data = {};
  if (!isPlainObject(data)) throw new ConfigError(`${name}：应为「键: 值」形式的设置（extends、ruleDirs、layoutDirs、targets、settings、rules、overrides）`, `${name}: must be a mapping (extends, ruleDirs, layoutDirs, targets, settings, rules, overrides)`);
  for (const key of Object.keys(data)) {
    if (!TOP_KEYS.has(key)) throw new ConfigError(`${name}: ${key}：不认识的设置项（可用 extends、ruleDirs、layoutDirs、targets、settings、rules、overrides）`, `${name}: ${key}: unknown key (expected extends, ruleDirs, layoutDirs, targets, settings, rules or overrides)`);
  }
  const rulesOf = (value: unknown, key: string): Record<string, unknown> => {
    if (value === undefined || value === null) return {};
    if (!isPlainObject(value)) throw new ConfigError(`${name}: ${key}：应为「规则编号: 设置」形式`, `${name}: ${key}: must be a mapping of rule id to setting`);
    return value;
  };
  const overrides = data.overrides === undefined ? [] : data.overrides;
  if (!Array.isArray(overrides)) throw new ConfigError(`${name}: overrides：应为列表`, `${name}: overrides: must be a list`);
  return {
    name,
    extends: data.extends === undefined ? [] : stringList(data.extends, name, 'extends'),
    ruleDirs: data.ruleDirs === undefined ? [] : stringList(data.ruleDirs, name, 'ruleDirs'),
    layoutDirs: data.layoutDirs === undefined ? [] : stringList(data.layoutDirs, name, 'layoutDirs'),
    targets: data.targets === undefined ? [] : stringList(data.targets, name, 'targets'),
    rules: rulesOf(data.rules, 'rules'),
    settings: validatePolicy(data.settings, `${name}: settings`),
    overrides: overrides.map((o: unknown, i) => {
      const key = `overrides[${i}]`;
      if (!isPlainObject(o)) throw new ConfigError(`${name}: ${key}：应为含 files 和 rules 的设置`, `${name}: ${key}: must be a mapping with files and rules`);
      for (const k of Object.keys(o)) {
        if (k !== 'files' && k !== 'rules' && k !== 'settings') throw new ConfigError(`${name}: ${key}.${k}：不认识的设置项（可用 files、rules、settings）`, `${name}: ${key}.${k}: unknown key (expected files, rules or settings)`);
      }
      if (o.files === undefined) throw new ConfigError(`${name}: ${key}.files：缺少（应为文件匹配模式的列表，如 ['2021/**']）`, `${name}: ${key}.files: missing (a list of globs)`);
      return {
        files: stringList(o.files, name, `${key}.files`),
        rules: rulesOf(o.rules, `${key}.rules`),
        settings: validatePolicy(o.settings, `${name}: ${key}.settings`),
      };
    }),
  };
}

/** The ajv options of config validation (also those of the validators precompiled for the web page, src/node/bundle.ts). */
export const CONFIG_AJV_OPTIONS = { allErrors: false, strict: false } as const;
const ajv = new Ajv2020(CONFIG_AJV_OPTIONS);
let policyValidator: ((v: unknown) => ErrorObject | null) | undefined;

/**
 * Validators of config schemas (SETTINGS_SCHEMA, every rule option's schema) compiled ahead of
 * time with CONFIG_AJV_OPTIONS, by configSchemaKey. The web page registers them
 * (src/web/worker.ts): its CSP forbids compiling code at run time. A schema without one is
 * compiled by ajv here, as on the command line.
 */
const precompiled = new Map<string, PrecompiledValidator>();

/** The key of a config schema among precompiled validators: its JSON text. */
export function configSchemaKey(schema: object): string {
  return JSON.stringify(schema);
}

/** Use validators compiled ahead of time for these schemas (keyed by configSchemaKey). */
export function registerConfigValidators(validators: Readonly<Record<string, PrecompiledValidator>>): void {
  for (const [key, v] of Object.entries(validators)) precompiled.set(key, v);
}

/** A validator of a config schema: the precompiled one, else compiled by ajv. */
function configValidator(schema: object): PrecompiledValidator {
  return precompiled.get(configSchemaKey(schema)) ?? ajv.compile(schema);
}

/**
 * Check a `settings:` mapping against SETTINGS_SCHEMA; `where` prefixes messages
 * ("jixiao-lint.config.yaml: settings"). Absent → {}.
 */
export function validatePolicy(raw: unknown, where: string): PartialPolicy {
  if (raw === undefined || raw === null) return {};
  if (!isPlainObject(raw)) throw new ConfigError(`${where}：应为「键: 值」形式的设置（${Object.keys(SETTINGS_PROPERTIES).join('、')}）`, `${where}: must be a mapping (${Object.keys(SETTINGS_PROPERTIES).join(', ')})`);
  for (const key of Object.keys(raw)) {
    if (!(key in SETTINGS_PROPERTIES)) throw new ConfigError(`${where}.${key}：不认识的共用设置（可用 ${Object.keys(SETTINGS_PROPERTIES).join('、')}）`, `${where}.${key}: unknown setting (expected ${Object.keys(SETTINGS_PROPERTIES).join(', ')})`);
  }
  if (!policyValidator) {
    const validate = configValidator(SETTINGS_SCHEMA);
    policyValidator = (v) => (validate(v) ? null : (validate.errors?.[0] ?? null));
  }
  const err = policyValidator(raw);
  if (err) {
    const path = err.instancePath.split('/').filter(Boolean).join('.');
    const value = JSON.stringify(valueAt(raw, err.instancePath));
    throw new ConfigError(`${where}.${path}：取值 ${value} 不正确：${violationText(err, 'zh')}`, `${where}.${path}: bad value ${value}: ${violationText(err, 'en')}`);
  }
  return raw as PartialPolicy;
}

const SETTINGS_PROPERTIES = SETTINGS_SCHEMA.properties as Record<string, unknown>;

/** What an ajv error of a config value says, in words (never ajv's English in the Chinese line). */
function violationText(err: ErrorObject, lang: 'zh' | 'en'): string {
  return describeViolation({ keyword: err.keyword, message: err.message ?? 'invalid', params: err.params as Record<string, unknown> }, lang);
}

function valueAt(x: unknown, pointer: string): unknown {
  return pointer
    .split('/')
    .filter(Boolean)
    .reduce<unknown>((v, k) => (v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), x);
}

/** Rule options that became shared settings: old name → the setting now read instead. */
export const MOVED_OPTIONS: Readonly<Record<string, string>> = {
  'execution-score.weight': 'settings.executionWeight',
  'deduction-needs-explanation.executionWeight': 'settings.executionWeight',
  'score-exceeds-weight.executionWeight': 'settings.executionWeight',
  'weights-sum.indicators': 'settings.indicatorTotal',
  'weights-sum.total': 'settings.indicatorTotal + settings.executionWeight',
  'category-weights.categories': 'settings.categoryWeights',
  'category-weights.mapping': 'settings.hierarchy',
  'indicator-hierarchy.mapping': 'settings.hierarchy',
  'required-categories.mapping': 'settings.hierarchy',
  'grade-band.excellent': 'settings.gradeBands.excellent',
  'grade-band.good': 'settings.gradeBands.good',
  'grade-band.fair': 'settings.gradeBands.fair',
  'qualitative-band.achievedMin': 'settings.qualitativeBands.achieved',
  'qualitative-band.partlyMin': 'settings.qualitativeBands.partly',
};
const optionValidators = new WeakMap<object, (v: unknown) => ErrorObject | null>();

function optionError(schema: object, value: unknown): ErrorObject | null {
  let check = optionValidators.get(schema);
  if (!check) {
    const validate = configValidator(schema);
    check = (v) => (validate(v) ? null : (validate.errors?.[0] ?? null));
    optionValidators.set(schema, check);
  }
  return check(value);
}

/**
 * Validate one `rules:` mapping against the loaded rules and turn it into RuleSettings.
 * `where` is the message prefix, e.g. "jixiao-lint.config.yaml: rules".
 */
export function validateRuleSettings(raw: Record<string, unknown>, rules: readonly Rule[], where: string): RuleSettings {
  const byId = new Map(rules.map((r) => [r.id, r]));
  const out: RuleSettings = {};
  const severity = (key: string, value: unknown): RuleSetting['severity'] => {
    if (typeof value === 'string' && (CONFIG_SEVERITIES as readonly string[]).includes(value)) return value as RuleSetting['severity'];
    throw new ConfigError(`${where}.${key}：级别 ${JSON.stringify(value)} 不正确（可用 error、warning、info 或 off）`, `${where}.${key}: bad severity ${JSON.stringify(value)} (use error, warning, info or off)`);
  };
  for (const [id, value] of Object.entries(raw)) {
    const rule = byId.get(id);
    if (!rule) throw new ConfigError(`${where}.${id}：没有这条规则（jixiao-lint rules 列出全部规则）`, `${where}.${id}: unknown rule (jixiao-lint rules lists them)`);
    if (typeof value === 'string') {
      out[id] = { severity: severity(id, value) };
      continue;
    }
    if (!isPlainObject(value)) throw new ConfigError(`${where}.${id}：应为级别，或含 severity 和 options 的设置`, `${where}.${id}: must be a severity or a mapping with severity and options`);
    const setting: RuleSetting = {};
    for (const [k, v] of Object.entries(value)) {
      if (k === 'severity') {
        setting.severity = severity(`${id}.severity`, v);
      } else if (k === 'options') {
        if (!isPlainObject(v)) throw new ConfigError(`${where}.${id}.options：应为「选项名: 值」形式`, `${where}.${id}.options: must be a mapping of option name to value`);
        const options: Record<string, unknown> = {};
        for (const [opt, optValue] of Object.entries(v)) {
          const spec = rule.options[opt];
          const moved = MOVED_OPTIONS[`${id}.${opt}`];
          if (!spec && moved) throw new ConfigError(`${where}.${id}.options.${opt}：该选项已移至 ${moved}（各规则共用）`, `${where}.${id}.options.${opt}: unknown option (moved to ${moved}, shared by every rule that reads it)`);
          if (!spec) throw new ConfigError(`${where}.${id}.options.${opt}：该规则没有此选项（jixiao-lint explain ${id} 列出其选项）`, `${where}.${id}.options.${opt}: unknown option (jixiao-lint explain ${id} lists them)`);
          const err = optionError(spec.schema, optValue);
          if (err) {
            const sub = err.instancePath ? ` at ${err.instancePath}` : '';
            const subZh = err.instancePath ? `（${err.instancePath} 处）` : '';
            throw new ConfigError(
              `${where}.${id}.options.${opt}：取值 ${JSON.stringify(optValue)}${subZh} 不正确：${violationText(err, 'zh')}`,
              `${where}.${id}.options.${opt}: bad value ${JSON.stringify(optValue)}${sub}: ${violationText(err, 'en')}`,
            );
          }
          options[opt] = optValue;
        }
        setting.options = options;
      } else {
        throw new ConfigError(`${where}.${id}.${k}：不认识的设置项（可用 severity 或 options）`, `${where}.${id}.${k}: unknown key (expected severity or options)`);
      }
    }
    out[id] = setting;
  }
  return out;
}

/**
 * The settings of a preset: recommended = every rule at its default; strict = info raised to
 * warning; a policy preset (national, execution-weight-20, …) = its shared settings and rule options.
 */
export function presetSettings(name: PresetName, rules: readonly Rule[]): RuleSettings {
  if (name === 'recommended') return {};
  if (name === 'strict') return Object.fromEntries(rules.filter((r) => r.severity === 'info').map((r) => [r.id, { severity: 'warning' as const }]));
  const preset = POLICY_PRESETS[name];
  if (!preset) return {};
  return withPolicy(preset.rules ? validateRuleSettings(preset.rules, rules, `preset ${name}: rules`) : {}, preset.settings);
}

export function isPreset(ref: string): ref is PresetName {
  return (PRESETS as readonly string[]).includes(ref);
}

/** Later settings win: severity replaced, options merged key by key; shared settings merged too. */
export function mergeSettings(...layers: RuleSettings[]): RuleSettings {
  const out: RuleSettings = {};
  const policy = mergePolicy(...layers.map((l) => l[POLICY]));
  if (Object.keys(policy).length > 0) out[POLICY] = policy;
  for (const layer of layers) {
    for (const [id, s] of Object.entries(layer)) {
      const prev = out[id] ?? {};
      const merged: RuleSetting = { ...prev };
      if (s.severity !== undefined) merged.severity = s.severity;
      if (s.options) merged.options = { ...(prev.options ?? {}), ...s.options };
      out[id] = merged;
    }
  }
  return out;
}

/** A config file and what it extends, flattened: extended files first, the file itself last. */
export interface ConfigLayer {
  shape: ConfigShape;
  /** Opaque to this module: the folder the file's relative paths are resolved against. */
  dir: string;
}

/** An `extends:` entry: a preset, or a config file the loader found. */
export type ExtendsEntry = { preset: PresetName } | ConfigLayer;

/**
 * Flatten the extends chain of `root` (depth first, extended entries before the file that
 * extends them). `load(ref, from)` reads a referenced config file; `key(layer)` identifies a
 * file for cycle detection.
 */
export function flattenExtends(
  root: ConfigLayer,
  load: (ref: string, from: ConfigLayer) => ConfigLayer,
  key: (layer: ConfigLayer) => string = (l) => l.shape.name,
): ExtendsEntry[] {
  const out: ExtendsEntry[] = [];
  const visit = (layer: ConfigLayer, stack: string[]) => {
    const k = key(layer);
    if (stack.includes(k)) throw new ConfigError(`${layer.shape.name}: extends：循环引用（${[...stack, k].join(' → ')}）`, `${layer.shape.name}: extends: cycle (${[...stack, k].join(' → ')})`);
    for (const ref of layer.shape.extends) {
      if (isPreset(ref)) out.push({ preset: ref });
      else visit(load(ref, layer), [...stack, k]);
    }
    out.push(layer);
  };
  visit(root, []);
  return out;
}

/** The base settings of a flattened chain (presets and each file's `rules:`), validated. */
export function baseSettings(entries: readonly ExtendsEntry[], rules: readonly Rule[]): RuleSettings {
  return mergeSettings(
    ...entries.map((e) =>
      'preset' in e ? presetSettings(e.preset, rules) : withPolicy(validateRuleSettings(e.shape.rules, rules, `${e.shape.name}: rules`), e.shape.settings),
    ),
  );
}

/** Every override of the chain, validated, in chain order, with the folder its globs are relative to. */
export function overrideSettings(
  entries: readonly ExtendsEntry[],
  rules: readonly Rule[],
): Array<{ dir: string; files: string[]; settings: RuleSettings }> {
  return entries.flatMap((e) =>
    'preset' in e
      ? []
      : e.shape.overrides.map((o, i) => ({
          dir: e.dir,
          files: o.files,
          settings: withPolicy(validateRuleSettings(o.rules, rules, `${e.shape.name}: overrides[${i}].rules`), o.settings),
        })),
  );
}
