/**
 * The rule engine: for every rule that applies to the submission's form, select the items,
 * compute the rule's named values, evaluate its json-logic condition and render findings.
 */
import jsonLogic from 'json-logic-js';
import { joinPointer, type FormKind, type Lang, type Severity } from '../types.js';
import { OPERATIONS } from './ops/index.js';
import { defaultOptions, type Check, type Logic, type Rule } from './rules.js';
import { render } from './template.js';

for (const [name, [fn]] of Object.entries(OPERATIONS)) {
  jsonLogic.add_operation(name, fn as (...args: unknown[]) => unknown);
}

export interface RuleSetting {
  severity?: Severity | 'off';
  options?: Record<string, unknown>;
}
export type RuleSettings = Record<string, RuleSetting>;

export interface RawFinding {
  ruleId: string;
  severity: Severity;
  message: string;
  pointer: string;
  expected?: string;
  actual?: string;
}

export interface Selected {
  value: unknown;
  pointer: string;
  parent: unknown;
  key: string | number | null;
}

/** Resolve a selector ('', 'budget', 'indicators[*]', 'projects[*].targets[*]', 'budget.*'). */
export function select(root: unknown, selector: string): Selected[] {
  let current: Selected[] = [{ value: root, pointer: '', parent: null, key: null }];
  if (selector === '') return current;
  for (const segment of selector.split('.')) {
    const m = /^([^[\]]*)(\[\*\])?$/.exec(segment);
    if (!m) throw new Error(`bad selector segment "${segment}"`);
    const [, name = '', star] = m;
    const next: Selected[] = [];
    for (const s of current) {
      if (s.value === null || typeof s.value !== 'object') continue;
      const obj = s.value as Record<string, unknown>;
      const children: Selected[] =
        name === '*'
          ? Object.entries(obj).map(([k, v]) => ({ value: v, pointer: joinPointer(s.pointer, k), parent: obj, key: k }))
          : name in obj
            ? [{ value: obj[name], pointer: joinPointer(s.pointer, name), parent: obj, key: name }]
            : [];
      for (const c of children) {
        if (star) {
          if (!Array.isArray(c.value)) continue;
          c.value.forEach((v, i) => next.push({ value: v, pointer: joinPointer(c.pointer, i), parent: c.value, key: i }));
        } else if (c.value !== undefined && c.value !== null) {
          next.push(c);
        }
      }
    }
    current = next;
  }
  return current;
}

export function applies(rule: Rule, form: FormKind): boolean {
  return rule.forms.includes('*') || rule.forms.includes(form);
}

export function evaluate(logic: Logic, data: Record<string, unknown>): unknown {
  return jsonLogic.apply(logic as jsonLogic.RulesLogic, data);
}

const SEVERITIES: readonly string[] = ['error', 'warning', 'info'];

export function resolvePointer(base: string, at: string | undefined, data: Record<string, unknown>, lang: Lang): string {
  if (at === undefined || at === '') return base;
  const path = render(at, data, lang);
  if (path.startsWith('/')) return path;
  return path.split('/').reduce((p, token) => joinPointer(p, token), base);
}

/** The fixed severity (configured, or the rule's default) and whether the rule may compute its own. */
function severityOf(rule: Rule, setting: RuleSetting): { fixed: Severity; dynamic: boolean } {
  const configured = setting.severity && setting.severity !== 'off' ? setting.severity : undefined;
  return { fixed: configured ?? rule.severity, dynamic: configured === undefined };
}

function runCheck(
  ruleId: string,
  check: Check,
  severity: { fixed: Severity; dynamic: boolean },
  options: Record<string, unknown>,
  model: unknown,
  lang: Lang,
  findings: RawFinding[],
): void {
  for (const selector of check.selector) {
    for (const item of select(model, selector)) {
      const base: Record<string, unknown> = { root: model, item: item.value, parent: item.parent, key: item.key, options };
      const expansions = check.each ? evaluate(check.each.of, base) : [undefined];
      if (!Array.isArray(expansions)) continue;
      for (const element of expansions) {
        const data: Record<string, unknown> = check.each ? { ...base, [check.each.name]: element } : { ...base };
        for (const [name, logic] of check.let) data[name] = evaluate(logic, data);
        const hit = evaluate(check.condition, data);
        if (!hit || (Array.isArray(hit) && hit.length === 0)) continue;
        let sev = severity.fixed;
        if (severity.dynamic && check.severityBy !== undefined) {
          const s = evaluate(check.severityBy, data);
          if (typeof s === 'string' && SEVERITIES.includes(s)) sev = s as Severity;
        }
        findings.push({
          ruleId,
          severity: sev,
          message: render(check.message[lang], data, lang),
          pointer: resolvePointer(item.pointer, check.at, data, lang),
          ...(check.expected ? { expected: render(check.expected, data, lang) } : {}),
          ...(check.actual ? { actual: render(check.actual, data, lang) } : {}),
        });
      }
    }
  }
}

/** Run the check-stage rules over a normalized submission. */
export function runRules(
  rules: Rule[],
  form: FormKind,
  model: unknown,
  lang: Lang,
  settings: RuleSettings = {},
): RawFinding[] {
  const findings: RawFinding[] = [];
  for (const rule of rules) {
    if (rule.stage !== 'check' || !applies(rule, form)) continue;
    const setting = settings[rule.id] ?? {};
    if (setting.severity === 'off') continue;
    const options = { ...defaultOptions(rule), ...(setting.options ?? {}) };
    for (const check of rule.checks) runCheck(rule.id, check, severityOf(rule, setting), options, model, lang, findings);
  }
  return findings;
}
