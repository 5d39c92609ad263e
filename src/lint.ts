/**
 * The pipeline, end to end, for documents already read from a file:
 *   load (src/load) → normalize (src/normalize) → validate (src/validate) → check (src/check)
 *   → suppress (src/suppress)
 * and findings ready for a reporter (src/report). Browser-safe.
 */
import { cellRef } from './load/grid.js';
import { runRules, type RawFinding, type RuleSettings } from './check/engine.js';
import { withPolicy, type PartialPolicy } from './config/settings.js';
import type { Rule } from './check/rules.js';
import { approvedFor, type ApprovalTable } from './check/ops/targets.js';
import { render } from './check/template.js';
import { normalizeSubmission } from './normalize/normalize.js';
import { applySuppressions, readSuppressions, type Suppression } from './suppress/suppress.js';
import { Cell, isBlankText } from './normalize/value.js';
import {
  isFormKind,
  type Finding,
  type Lang,
  type LoadedDocument,
  type LoadProblem,
  type LoadResult,
  type Location,
  type Severity,
  type SourceMap,
  type SubmissionResult,
} from './types.js';
import type { SchemaSet } from './validate/schemas.js';
import { looksLike, notASubmission, violationInWords } from './validate/words.js';

export interface LintOptions {
  lang?: Lang;
  settings?: RuleSettings;
  /** Suppressions from outside the file (a baseline next to it), besides those written in it. */
  suppressions?: readonly Suppression[];
  /** Approved target tables (--targets, config `targets:`); the one matching a self-evaluation is `approved` to the rules. */
  approvals?: readonly ApprovalTable[];
}

/** Rules about suppressions themselves, which no suppression can hide. */
const SUPPRESSION_RULES: ReadonlySet<string> = new Set(['suppression-reason', 'unused-suppression']);

/** Row and column of an A1 cell reference ("K12" → [12, 11]); [0, 0] when there is none. */
function cellOrder(cell: string | undefined): [number, number] {
  return cellRef(cell ?? '') ?? [0, 0];
}

/** Findings in reading order: sheet, then line/row (or the cell's row), then column. */
function compareLocation(a: Finding, b: Finding): number {
  const key = (l: Location) => {
    const [cellRow, cellCol] = cellOrder(l.cell);
    return [l.sheet ?? '', l.line ?? l.row ?? cellRow, l.column ?? cellCol] as const;
  };
  const [sa, ra, ca] = key(a.location);
  const [sb, rb, cb] = key(b.location);
  return sa.localeCompare(sb) || ra - rb || ca - cb || a.location.pointer.localeCompare(b.location.pointer) || a.ruleId.localeCompare(b.ruleId);
}

export class Linter {
  private readonly byId: Map<string, Rule>;

  constructor(
    readonly schemas: SchemaSet,
    readonly rules: Rule[],
  ) {
    this.byId = new Map(rules.map((r) => [r.id, r]));
  }

  rule(id: string): Rule | undefined {
    return this.byId.get(id);
  }

  /** A finding of a stage rule (parse-error, schema, invalid-number, …), or null when turned off. */
  stageFinding(ruleId: string, args: Record<string, unknown>, location: Location, opts: LintOptions): Finding | null {
    const lang = opts.lang ?? 'zh';
    const setting = opts.settings?.[ruleId];
    if (setting?.severity === 'off') return null;
    const rule = this.byId.get(ruleId);
    const severity: Severity = setting?.severity ?? rule?.severity ?? 'error';
    const message = rule?.message ? render(rule.message[lang], args, lang) : `${ruleId}: ${JSON.stringify(args)}`;
    const expected = typeof args.expected === 'string' ? { expected: args.expected } : {};
    const actual = typeof args.actual === 'string' ? { actual: args.actual } : {};
    return { ruleId, severity, message, location, ...expected, ...actual };
  }

  /** Lint everything one file yielded. */
  lintLoaded(file: string, loaded: LoadResult, opts: LintOptions = {}): SubmissionResult[] {
    const fileProblems = loaded.problems
      .filter((p) => p.location.pointer === '' || loaded.documents.length === 0)
      .map((p) => this.problemFinding(p, opts))
      .filter((f): f is Finding => f !== null);
    const docProblems = loaded.problems.filter((p) => !(p.location.pointer === '' || loaded.documents.length === 0));
    if (loaded.documents.length === 0) {
      const results: SubmissionResult[] = [{ file, form: null, findings: fileProblems }];
      this.suppress(results, [], opts);
      return results;
    }
    const results = loaded.documents.map((doc, i) => {
      const own = docProblems
        .filter((p) => (p.document ?? 0) === (doc.document?.index ?? 0))
        .map((p) => this.problemFinding(p, opts))
        .filter((f): f is Finding => f !== null);
      const result = this.lintDocument(file, doc, opts);
      result.findings = [...(i === 0 ? fileProblems : []), ...own, ...result.findings];
      return result;
    });
    this.suppress(results, loaded.documents, opts);
    return results;
  }

  /**
   * Suppress stage: move accepted findings to `suppressed`, and report suppressions without a
   * reason or matching nothing. A baseline entry without a sheet applies to every submission of
   * the file and is unused only when it matched none; its own findings go to the first one.
   */
  private suppress(results: SubmissionResult[], docs: readonly LoadedDocument[], opts: LintOptions): void {
    const external = opts.suppressions ?? [];
    const usedExternal = new Set<Suppression>();
    const notes: Array<[SubmissionResult, Finding | null]> = [];
    const note = (result: SubmissionResult, s: Suppression, ruleId: string, doc: LoadedDocument | undefined) => {
      const pointer = s.source === 'submission' ? s.entry : '';
      const location: Location = { pointer, ...(doc && pointer ? (doc.sourceMap.locate(pointer) ?? {}) : {}) };
      // 「第 1 条抑制」 of the submission, 「基线文件 x.yaml 的第 3 条抑制」: the entry as a reviewer counts it
      const n = /(\d+)\D*$/.exec(s.entry)?.[1];
      const nth = n === undefined ? { zh: s.entry, en: s.entry } : { zh: `第 ${Number(n) + 1} 条`, en: `#${Number(n) + 1}` };
      const where = s.source === 'submission' ? { zh: `${nth.zh}抑制`, en: nth.en } : { zh: `基线文件 ${s.source} 的${nth.zh}抑制`, en: `${nth.en} of ${s.source}` };
      notes.push([result, this.stageFinding(ruleId, { where, rule: s.rule, at: s.at || '/' }, location, opts)]);
    };
    results.forEach((result, i) => {
      const doc = docs[i];
      const own = doc ? readSuppressions(doc.data) : [];
      if (own.length === 0 && external.length === 0) return;
      const outcome = applySuppressions(result.findings, [...own, ...external], result.document?.sheet, SUPPRESSION_RULES);
      result.findings = outcome.findings;
      if (outcome.suppressed.length > 0) result.suppressed = outcome.suppressed.sort(compareLocation);
      for (const s of external) if (!outcome.unused.includes(s) && !outcome.withoutReason.includes(s)) usedExternal.add(s);
      for (const s of outcome.withoutReason) if (s.source === 'submission') note(result, s, 'suppression-reason', doc);
      for (const s of outcome.unused) if (s.source === 'submission') note(result, s, 'unused-suppression', doc);
    });
    const first = results[0];
    if (first) {
      for (const s of external) {
        if (isBlankText(s.reason)) note(first, s, 'suppression-reason', undefined);
        else if (!usedExternal.has(s)) note(first, s, 'unused-suppression', undefined);
      }
    }
    for (const [result, f] of notes) if (f) result.findings.push(f);
    for (const result of results) result.findings.sort(compareLocation);
  }

  private problemFinding(p: LoadProblem, opts: LintOptions): Finding | null {
    return this.stageFinding(p.ruleId, p.args, p.location, opts);
  }

  lintDocument(file: string, doc: LoadedDocument, opts: LintOptions = {}): SubmissionResult {
    const lang = opts.lang ?? 'zh';
    const where = (pointer: string): Location => ({ pointer, ...(doc.sourceMap.locate(pointer) ?? {}) });
    const findings: Finding[] = [];
    const push = (f: Finding | null) => {
      if (f) findings.push(f);
    };
    const base: SubmissionResult = {
      file,
      form: null,
      findings,
      ...(doc.document ? { document: doc.document } : {}),
      ...(doc.layout ? { layout: { id: doc.layout.id, name: doc.layout.name } } : {}),
    };
    // the policy the form prints (Hubei's 20-point execution block) holds for this form, over the config's
    const settings = doc.layout?.policy ? withPolicy(opts.settings ?? {}, doc.layout.policy as PartialPolicy) : opts.settings;
    const data = doc.data;
    const form = data && typeof data === 'object' ? (data as Record<string, unknown>).form : undefined;
    if (!isFormKind(form)) {
      const detail = notASubmission(data, lang);
      if (form === undefined) base.notAForm = looksLike(data) ?? { zh: '没有注明表样，也没有可识别的栏目', en: 'names no form and has no field of one' };
      push(this.stageFinding('schema', { path: '/form', detail }, where('/form'), opts));
      return base;
    }
    base.form = form;
    const root = this.schemas.rootOf(form);
    if (!root) return base;
    const record = data as Record<string, unknown>;
    const moneyUnit = record.moneyUnit === '元' ? '元' : '万元';

    // normalize
    const { model, invalidNumbers } = normalizeSubmission(this.schemas, root, data, { moneyUnit }, doc.sourceMap);
    for (const inv of invalidNumbers) {
      push(this.stageFinding('invalid-number', { text: inv.text, kind: inv.kind, path: inv.pointer }, where(inv.pointer), opts));
    }
    // validate
    const seen = new Set<string>();
    const unprinted: readonly string[] = doc.layout?.unprinted ?? [];
    for (const v of this.schemas.validate(form, data)) {
      // a header field the printed form has no place for (its layout says so) is not the filer's omission
      if (v.keyword === 'required' && v.pointer === `/${String(v.params.missingProperty)}` && unprinted.includes(String(v.params.missingProperty))) continue;
      // nor are the indicators of a table the reader saw stop before them (a stored copy cut short)
      if (v.keyword === 'required' && v.pointer === '/indicators' && record.incomplete === true) continue;
      // One finding per field and reason, however many sub-schemas say it.
      const pointer = v.pointer;
      const place = where(pointer);
      const detail = violationInWords(this.schemas, form, v, place, lang);
      if (seen.has(`${pointer}\u0000${detail}`)) continue;
      seen.add(`${pointer}\u0000${detail}`);
      push(this.stageFinding('schema', { path: pointer || '/', detail }, place, opts));
    }
    // check
    const approved = approvedFor(opts.approvals, form, data, this.schemas);
    const raw: RawFinding[] = runRules(this.rules, form, model, lang, settings, { approved });
    for (const f of raw) {
      const { pointer, ...rest } = f;
      // a correction replaces the printed value: its exact span when the reader knows it (SARIF fixes)
      const printed = f.suggestion !== undefined ? doc.sourceMap.sourceText?.(pointer) : undefined;
      findings.push({ ...rest, location: { ...where(pointer), ...(printed !== undefined ? { length: printed.length } : {}) } });
    }
    const m = model as Record<string, unknown>;
    const facts: NonNullable<SubmissionResult['facts']> = {};
    if (m.unit instanceof Cell && !m.unit.blank) facts.unit = m.unit.text;
    if (m.totalScore instanceof Cell && !m.totalScore.blank) facts.totalScore = m.totalScore.text;
    if (typeof record.year === 'number' || typeof record.year === 'string') facts.year = String(record.year);
    const rate = (m.budget as Record<string, unknown> | undefined)?.rate;
    if (rate instanceof Cell && !rate.blank) facts.executionRate = rate.text;
    base.facts = facts;
    return base;
  }
}

export type { SourceMap };
