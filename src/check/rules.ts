/**
 * Rules are data: YAML documents validated against schemas/rule.schema.json at start-up.
 */
import { Ajv2020 } from 'ajv/dist/2020.js';
import { parse as parseYaml } from 'yaml';
import type { FormKind, Localized, Severity } from '../types.js';
import type { JsonSchema } from '../validate/schemas.js';

export type Logic = unknown;

export interface RuleOption {
  default: unknown;
  schema: JsonSchema;
  description: Localized;
}

/** One condition of a rule, with what it runs over and what it says. */
export interface Check {
  selector: string[];
  each?: { name: string; of: Logic };
  let: Array<[string, Logic]>;
  condition: Logic;
  severityBy?: Logic;
  at?: string;
  message: Localized;
  expected?: string;
  actual?: string;
}

export interface Rule {
  id: string;
  title: Localized;
  severity: Severity;
  forms: Array<FormKind | '*'>;
  stage: 'load' | 'normalize' | 'validate' | 'check' | 'suppress';
  /** Message of stage rules, and the default message of checks (absent when every check has its own). */
  message?: Localized;
  checks: Check[];
  options: Record<string, RuleOption>;
  docs: { why: Localized; fix: Localized; example?: Localized };
  /** Where the rule was read from (for error messages). */
  source: string;
}

export class RuleError extends Error {}

export function createRuleValidator(ruleSchema: JsonSchema) {
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  return ajv.compile(ruleSchema);
}

/** Parse and validate rule files. `files` maps a name (for messages) to YAML text. */
export function compileRules(files: Array<{ name: string; text: string }>, ruleSchema: JsonSchema): Rule[] {
  const validate = createRuleValidator(ruleSchema);
  const seen = new Map<string, string>();
  const rules: Rule[] = [];
  for (const { name, text } of files) {
    let raw: unknown;
    try {
      raw = parseYaml(text);
    } catch (e) {
      throw new RuleError(`${name}: not valid YAML: ${(e as Error).message.split('\n')[0]}`);
    }
    joinFoldedChinese(raw);
    if (!validate(raw)) {
      const err = validate.errors?.[0];
      throw new RuleError(`${name}: invalid rule at ${err?.instancePath || '/'}: ${err?.message ?? 'invalid'}`);
    }
    const r = raw as Record<string, unknown>;
    const id = r.id as string;
    const prev = seen.get(id);
    if (prev) throw new RuleError(`${name}: rule id "${id}" is already defined in ${prev}`);
    seen.set(id, name);
    const checks = Array.isArray(r.checks) ? (r.checks as Array<Record<string, unknown>>) : r.condition !== undefined ? [{}] : [];
    rules.push({
      id,
      title: r.title as Localized,
      severity: r.severity as Severity,
      forms: r.forms as Rule['forms'],
      stage: (r.stage as Rule['stage'] | undefined) ?? 'check',
      ...(r.message ? { message: r.message as Localized } : {}),
      checks: checks.map((c, i) => {
        const check = toCheck({ ...r, ...c });
        if (!check.message) throw new RuleError(`${name}: check ${i + 1} has no message`);
        return check;
      }),
      options: (r.options as Record<string, RuleOption> | undefined) ?? {},
      docs: r.docs as Rule['docs'],
      source: name,
    });
  }
  return rules.sort((a, b) => a.id.localeCompare(b.id));
}

/** Chinese characters and full-width punctuation: no space belongs between two of them, nor
 * after an opening or pausing full-width mark, nor before a closing one. */
const CJK = '\\u3000-\\u303f\\u3400-\\u9fff\\uff00-\\uffef';
const FOLDED_SPACE = new RegExp(`(?<=[${CJK}]) +(?=[${CJK}])|(?<=[，。；：、（「]) +| +(?=[，。；：、）」])`, 'g');

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

function toCheck(c: Record<string, unknown>): Check {
  const selector = c.selector === undefined ? [''] : Array.isArray(c.selector) ? (c.selector as string[]) : [c.selector as string];
  return {
    selector,
    ...(c.each ? { each: c.each as Check['each'] } : {}),
    let: Object.entries((c.let as Record<string, Logic> | undefined) ?? {}),
    condition: c.condition,
    ...(c.severityBy !== undefined ? { severityBy: c.severityBy } : {}),
    ...(typeof c.at === 'string' ? { at: c.at } : {}),
    message: c.message as Localized,
    ...(typeof c.expected === 'string' ? { expected: c.expected } : {}),
    ...(typeof c.actual === 'string' ? { actual: c.actual } : {}),
  };
}

/** The default value of every option of a rule. */
export function defaultOptions(rule: Rule): Record<string, unknown> {
  return Object.fromEntries(Object.entries(rule.options).map(([k, o]) => [k, o.default]));
}
