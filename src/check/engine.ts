/**
 * The rule engine: for every rule that applies to the submission's form, select the items,
 * compute the rule's named values with its compiled expressions (src/check/compile.ts),
 * test its condition and render findings. A condition fires only when it is true: false and
 * unknown (a test that could not be decided) stay quiet. A rule that throws on an item gives
 * one `rule-error` finding naming the rule and the item, and the other rules still run.
 */
import { policyOf, POLICY, type PartialPolicy, type PolicySettings } from '../config/settings.js';
import { joinPointer, type FormKind, type Lang, type Severity } from '../types.js';
import { RuleFailure, truth, type Fn, type Template } from './compile.js';
import { defaultOptions, type Check, type Rule } from './rules.js';
import { render } from './template.js';
import { forgetSubmission, SubmissionMemo } from './ops/memo.js';

export interface RuleSetting {
  severity?: Severity | 'off';
  options?: Record<string, unknown>;
}

/** Settings of rules by id; the shared policy settings (config `settings:`) ride under POLICY. */
export type RuleSettings = { [ruleId: string]: RuleSetting; [POLICY]?: PartialPolicy };

export interface RawFinding {
  ruleId: string;
  severity: Severity;
  message: string;
  pointer: string;
  expected?: string;
  actual?: string;
  suggestion?: string;
}

export interface Selected {
  value: unknown;
  pointer: string;
  parent: unknown;
  key: string | number | null;
}

/** The id of the engine's own rule: a rule failed on an item at run time. */
export const RULE_ERROR = 'rule-error';

interface Segment {
  name: string;
  star: boolean;
}

/** Parsed selectors, by text: a rule's selectors are parsed once, not per submission. */
const SEGMENTS = new Map<string, Segment[]>();

function segmentsOf(selector: string): Segment[] {
  let segs = SEGMENTS.get(selector);
  if (segs) return segs;
  segs = selector.split('.').map((segment) => {
    const m = /^([^[\]]*)(\[\*\])?$/.exec(segment);
    if (!m) throw new Error(`bad selector segment "${segment}"`);
    return { name: m[1] ?? '', star: m[2] !== undefined };
  });
  if (SEGMENTS.size < 1000) SEGMENTS.set(selector, segs);
  return segs;
}

/** The items of each selector in the submission being checked, found once: many rules select the same ones. */
const SELECTED = new SubmissionMemo<object, Map<string, readonly Selected[]>>();

/** select(), remembered per submission (the engine only reads the items). */
function selectOnce(root: unknown, selector: string): readonly Selected[] {
  if (root === null || typeof root !== 'object') return select(root, selector);
  let bySelector = SELECTED.get(root);
  if (!bySelector) {
    bySelector = new Map();
    SELECTED.set(root, bySelector);
  }
  let items = bySelector.get(selector);
  if (!items) {
    items = select(root, selector);
    bySelector.set(selector, items);
  }
  return items;
}

/** Resolve a selector ('', 'budget', 'indicators[*]', 'projects[*].targets[*]', 'budget.*'). */
export function select(root: unknown, selector: string): Selected[] {
  let current: Selected[] = [{ value: root, pointer: '', parent: null, key: null }];
  if (selector === '') return current;
  for (const { name, star } of segmentsOf(selector)) {
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

const SEVERITIES: readonly string[] = ['error', 'warning', 'info'];

/** The pointer a finding points at: `at` rendered, relative to the item unless it starts with '/'. */
export function resolvePointer(base: string, at: Template | undefined, data: unknown, lang: Lang): string {
  if (at === undefined) return base;
  const path = at(data, lang);
  if (path === '') return base;
  if (path.startsWith('/')) return path;
  return path.split('/').reduce((p, token) => joinPointer(p, token), base);
}

/** The fixed severity (configured, or the rule's default) and whether the rule may compute its own. */
function severityOf(rule: Rule, setting: RuleSetting): { fixed: Severity; dynamic: boolean } {
  const configured = setting.severity && setting.severity !== 'off' ? setting.severity : undefined;
  return { fixed: configured ?? rule.severity, dynamic: configured === undefined };
}

/** The item a check was on when it failed (for the rule-error finding). */
class CheckFailure extends Error {
  constructor(
    readonly pointer: string,
    readonly reason: unknown,
  ) {
    super('check failed');
  }
}

function runCheck(
  ruleId: string,
  check: Check,
  severity: { fixed: Severity; dynamic: boolean },
  options: Record<string, unknown>,
  settings: PolicySettings,
  model: unknown,
  lang: Lang,
  findings: RawFinding[],
  approved: unknown = null,
): void {
  for (const selector of check.selector) {
    for (const item of selectOnce(model, selector)) {
      try {
        const data: Record<string, unknown> = { root: model, item: item.value, parent: item.parent, key: item.key, options, settings, approved };
        if (!check.each) {
          evaluate(ruleId, check, severity, data, item.pointer, lang, findings);
          continue;
        }
        const expansions = check.each.of(data);
        if (!Array.isArray(expansions)) continue;
        // One data object per item, its element and let names overwritten for each element: a
        // let never reads itself or a later let (the compiler refuses it), and findings keep
        // only rendered text, so nothing sees the previous element's values.
        const name = check.each.name;
        for (const element of expansions) {
          data[name] = element;
          evaluate(ruleId, check, severity, data, item.pointer, lang, findings);
        }
      } catch (e) {
        throw new CheckFailure(item.pointer, e);
      }
    }
  }
}

/** Compute a check's let names on one item (or element), test its condition and render the finding. */
function evaluate(
  ruleId: string,
  check: Check,
  severity: { fixed: Severity; dynamic: boolean },
  data: Record<string, unknown>,
  pointer: string,
  lang: Lang,
  findings: RawFinding[],
): void {
  const lets = check.let;
  for (let i = 0; i < lets.length; i++) {
    const [name, fn] = lets[i] as [string, Fn];
    data[name] = fn(data);
  }
  if (truth(check.condition(data)) !== true) return;
  let sev = severity.fixed;
  if (severity.dynamic && check.severityBy !== undefined) {
    const s = check.severityBy(data);
    if (typeof s === 'string' && SEVERITIES.includes(s)) sev = s as Severity;
  }
  findings.push({
    ruleId,
    severity: sev,
    message: check.message[lang](data, lang),
    pointer: resolvePointer(pointer, check.at, data, lang),
    ...(check.expected ? { expected: check.expected(data, lang) } : {}),
    ...(check.actual ? { actual: check.actual(data, lang) } : {}),
    ...suggestionOf(check, data, lang),
  });
}

/** A check's suggested value, left out when it could not be computed (blank, '?'). */
function suggestionOf(check: Check, data: unknown, lang: Lang): { suggestion?: string } {
  if (!check.suggestion) return {};
  const s = check.suggestion(data, lang).trim();
  return s === '' || s.includes('?') ? {} : { suggestion: s };
}

/** The rule-error finding for a rule that failed on an item. */
function ruleErrorFinding(rules: readonly Rule[], failed: Rule, failure: CheckFailure, settings: RuleSettings, lang: Lang): RawFinding | null {
  const own = rules.find((r) => r.id === RULE_ERROR);
  const setting = settings[RULE_ERROR] ?? {};
  if (setting.severity === 'off') return null;
  const cause = failure.reason;
  const args = {
    rule: failed.id,
    item: failure.pointer || '/',
    operation: cause instanceof RuleFailure ? cause.operation : '—',
    file: failed.source,
    line: cause instanceof RuleFailure && cause.line > 0 ? String(cause.line) : '?',
  };
  const message = own?.message
    ? render(own.message[lang], args, lang)
    : `${RULE_ERROR}: ${args.rule} ${args.item} ${args.operation} ${args.file}:${args.line}`;
  return {
    ruleId: RULE_ERROR,
    severity: setting.severity ?? own?.severity ?? 'error',
    message,
    pointer: failure.pointer,
    actual: `${args.rule} (${args.operation})`,
  };
}

const DEFAULTS = new WeakMap<Rule, Record<string, unknown>>();

/** A rule's default options, computed once per rule. */
function defaultsOf(rule: Rule): Record<string, unknown> {
  let d = DEFAULTS.get(rule);
  if (!d) {
    d = defaultOptions(rule);
    DEFAULTS.set(rule, d);
  }
  return d;
}

const APPLICABLE = new WeakMap<readonly Rule[], Map<FormKind, Rule[]>>();

/** The check-stage rules that apply to a form, in order (worked out once per rule list and form). */
function checkRules(rules: readonly Rule[], form: FormKind): Rule[] {
  let byForm = APPLICABLE.get(rules);
  if (!byForm) {
    byForm = new Map();
    APPLICABLE.set(rules, byForm);
  }
  let list = byForm.get(form);
  if (!list) {
    list = rules.filter((rule) => rule.stage === 'check' && applies(rule, form));
    byForm.set(form, list);
  }
  return list;
}

/** What a submission is checked against besides its own content. */
export interface RuleContext {
  /** The approved target table matched to the submission (src/check/ops/targets.ts), seen by rules as `approved`; null when none. */
  approved?: unknown;
}

/** Run the check-stage rules over a normalized submission. */
export function runRules(rules: Rule[], form: FormKind, model: unknown, lang: Lang, settings: RuleSettings = {}, context: RuleContext = {}): RawFinding[] {
  try {
    return checkSubmission(rules, form, model, lang, settings, context);
  } finally {
    forgetSubmission();
  }
}

function checkSubmission(rules: Rule[], form: FormKind, model: unknown, lang: Lang, settings: RuleSettings, context: RuleContext): RawFinding[] {
  const findings: RawFinding[] = [];
  const policy = policyOf(settings);
  for (const rule of checkRules(rules, form)) {
    const setting = settings[rule.id] ?? {};
    if (setting.severity === 'off') continue;
    const options = setting.options ? { ...defaultsOf(rule), ...setting.options } : defaultsOf(rule);
    const severity = severityOf(rule, setting);
    try {
      for (const check of rule.checks) runCheck(rule.id, check, severity, options, policy, model, lang, findings, context.approved ?? null);
    } catch (e) {
      if (!(e instanceof CheckFailure)) throw e;
      const f = ruleErrorFinding(rules, rule, e, settings, lang);
      if (f) findings.push(f);
    }
  }
  return findings;
}
