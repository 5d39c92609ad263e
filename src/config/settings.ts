/**
 * Shared policy settings (config `settings:`, like ESLint's shared settings): the numbers and
 * tables several rules (and the importers) read, kept in one place instead of a copy per rule.
 *
 *   settings:
 *     executionWeight: 20          # 预算执行率权重分值
 *     indicatorTotal: 80           # 绩效指标权重合计
 *     qualitativeBands: {partly: 50}
 *
 * Rules read them as `{var: settings.executionWeight}`; a config's values are merged over the
 * national defaults below (objects key by key, lists and numbers replaced). Browser-safe.
 */
import type { RuleSettings } from '../check/engine.js';
import { HIERARCHY } from '../vocabulary.js';
import type { JsonSchema } from '../validate/schemas.js';
import type { Localized } from '../types.js';

export interface PolicySettings {
  /** Second-level category → first-level category (数量 → 产出 …), by short names. */
  hierarchy: Record<string, string>;
  /** Points of the execution rate (预算执行率), used when a form prints none. */
  executionWeight: number;
  /** What the indicator weights add up to (the execution weight makes up the rest of 100). */
  indicatorTotal: number;
  /** The usual weight of each first-level category. */
  categoryWeights: Array<{ name: string; weight: number }>;
  /** Lowest total graded 优 / 良 / 中. */
  gradeBands: { excellent: number; good: number; fair: number };
  /** Lowest score, in percent of the weight, of a qualitative indicator 达成 / 部分达成. */
  qualitativeBands: { achieved: number; partly: number };
}

/** The national defaults (财预〔2020〕10号 and its self-evaluation form). */
export const DEFAULT_SETTINGS: Readonly<PolicySettings> = Object.freeze({
  hierarchy: { ...HIERARCHY },
  executionWeight: 10,
  indicatorTotal: 90,
  categoryWeights: [
    { name: '产出', weight: 50 },
    { name: '效益', weight: 30 },
    { name: '满意度', weight: 10 },
  ],
  gradeBands: { excellent: 90, good: 80, fair: 60 },
  qualitativeBands: { achieved: 80, partly: 60 },
});

const num = (zh: string, en: string): JsonSchema => ({ type: 'number', minimum: 0, description: `${zh} / ${en}` });

/** JSON Schema of `settings:` (every key optional: the defaults fill the rest). */
export const SETTINGS_SCHEMA: JsonSchema = {
  title: '共享设置',
  description: 'Policy settings shared by several rules (like ESLint settings); merged over the national defaults',
  type: 'object',
  properties: {
    hierarchy: {
      description: '二级指标 → 一级指标（简称，如 数量: 产出） / Second-level category → first-level category, by short names',
      type: 'object',
      additionalProperties: { type: 'string', minLength: 1 },
    },
    executionWeight: num('预算执行率权重分值（表上未填时采用）', 'Execution-rate weight in points (used when the form prints none)'),
    indicatorTotal: num('绩效指标权重合计', 'What the indicator weights add up to'),
    categoryWeights: {
      description: '各一级指标的通行权重合计 / The usual weight of each first-level category',
      type: 'array',
      items: {
        type: 'object',
        properties: { name: { type: 'string', minLength: 1 }, weight: { type: 'number', minimum: 0 } },
        required: ['name', 'weight'],
        additionalProperties: false,
      },
    },
    gradeBands: {
      description: '评价等级的最低总分 / Lowest total of each grade',
      type: 'object',
      properties: {
        excellent: num('「优」的最低总分', 'Lowest total graded 优'),
        good: num('「良」的最低总分', 'Lowest total graded 良'),
        fair: num('「中」的最低总分', 'Lowest total graded 中'),
      },
      additionalProperties: false,
    },
    qualitativeBands: {
      description: '定性指标分档：达成、部分达成的最低得分（占权重的百分比） / Qualitative bands: lowest score of 达成 and 部分达成, in percent of the weight',
      type: 'object',
      properties: {
        achieved: { type: 'number', minimum: 0, maximum: 100, description: '「达成」档下限（%） / Lowest score of "achieved" (%)' },
        partly: { type: 'number', minimum: 0, maximum: 100, description: '「部分达成」档下限（%） / Lowest score of "partly achieved" (%)' },
      },
      additionalProperties: false,
    },
  },
  additionalProperties: false,
};

/**
 * Where the policy settings travel with the rule settings of a file: a symbol key of the
 * RuleSettings object, so that everything passing RuleSettings along (the Linter, the Action,
 * settingsFor) carries them unchanged while iterating over rule ids never meets them.
 */
export const POLICY: unique symbol = Symbol('jixiao-lint settings');

export type PartialPolicy = { [K in keyof PolicySettings]?: unknown };

function isPlainObject(x: unknown): x is Record<string, unknown> {
  return x !== null && typeof x === 'object' && !Array.isArray(x);
}

/** Later layers win: plain objects merged key by key, lists and numbers replaced. */
export function mergePolicy(...layers: Array<PartialPolicy | undefined>): PartialPolicy {
  const out: Record<string, unknown> = {};
  for (const layer of layers) {
    if (!layer) continue;
    for (const [k, v] of Object.entries(layer)) {
      const prev = out[k];
      out[k] = isPlainObject(prev) && isPlainObject(v) ? { ...prev, ...v } : v;
    }
  }
  return out as PartialPolicy;
}

/** Policies resolved already, by the configured layer they come from: a batch asks for the same
 * config's policy once per file for the readers and once for the rules. */
const RESOLVED = new WeakMap<PartialPolicy, PolicySettings>();

/** The settings a rule sees: the defaults with the configured layers merged over them. */
export function resolvePolicy(partial: PartialPolicy | undefined): PolicySettings {
  if (!partial || Object.keys(partial).length === 0) return DEFAULT_SETTINGS as PolicySettings;
  let resolved = RESOLVED.get(partial);
  if (!resolved) {
    resolved = mergePolicy(DEFAULT_SETTINGS as PartialPolicy, partial) as unknown as PolicySettings;
    RESOLVED.set(partial, resolved);
  }
  return resolved;
}

/** The policy settings carried by a file's rule settings (the defaults when none). */
export function policyOf(settings: RuleSettings | undefined): PolicySettings {
  return resolvePolicy(settings?.[POLICY]);
}

/** Rule settings carrying `policy` (a copy; the input is not changed). */
export function withPolicy(settings: RuleSettings, policy: PartialPolicy | undefined): RuleSettings {
  const out: RuleSettings = { ...settings };
  if (policy && Object.keys(policy).length > 0) out[POLICY] = mergePolicy(settings[POLICY], policy);
  else if (settings[POLICY]) out[POLICY] = settings[POLICY];
  return out;
}

/** A preset: rule settings and shared settings under a name, selectable by `extends`. */
export interface PresetDefinition {
  description: Localized;
  rules?: Record<string, unknown>;
  settings?: PartialPolicy;
}

/**
 * Variants seen in provincial and municipal practice. They can be combined:
 * `extends: [recommended, execution-weight-20, qualitative-80-50]`.
 */
export const POLICY_PRESETS: Readonly<Record<string, PresetDefinition>> = Object.freeze({
  national: {
    description: {
      zh: '全国通用口径（财预〔2020〕10号）：执行率 10 分、指标 90 分，产出 50 / 效益 30 / 满意度 10，等级 90/80/60，定性分档 80/60（与默认相同，写明以示依据）',
      en: 'The national scheme (财预〔2020〕10号): execution 10, indicators 90, categories 50/30/10, grades 90/80/60, qualitative bands 80/60 (the defaults, stated explicitly)',
    },
    settings: {},
  },
  'execution-weight-20': {
    description: {
      zh: '预算执行率 20 分、绩效指标 80 分（部分省市的自评表样式）；产出、效益、满意度按 40 / 30 / 10 分配',
      en: 'Execution rate 20 points, indicators 80 (the self-evaluation form of some provinces); categories 40/30/10',
    },
    settings: {
      executionWeight: 20,
      indicatorTotal: 80,
      categoryWeights: [
        { name: '产出', weight: 40 },
        { name: '效益', weight: 30 },
        { name: '满意度', weight: 10 },
      ],
    },
  },
  'reverse-linear': {
    description: {
      zh: '反向指标（≤/<）未达成时线性扣分：达到目标值得满分、达到目标值 2 倍得零分，而不是 目标值 ÷ 实际完成值 × 权重',
      en: 'A missed reverse ("≤"/"<") indicator scores linearly, full at the target and zero at twice the target, instead of target ÷ achieved × weight',
    },
    rules: { 'quantitative-score': { options: { lessThanMethod: 'linear' } } },
  },
  'qualitative-80-50': {
    description: {
      zh: '定性指标分档 80% / 50%：达成 80%–100%，部分达成 50%–80%，未达成 0–50%',
      en: 'Qualitative bands 80% / 50%: achieved 80–100%, partly achieved 50–80%, not achieved 0–50%',
    },
    settings: { qualitativeBands: { achieved: 80, partly: 50 } },
  },
});
