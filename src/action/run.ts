/**
 * The GitHub Action, as a function of its inputs and a few dependencies (so that it can be
 * tested without a runner): lint the paths, annotate the most severe findings, write the
 * requested report files (`outputs: sarif=results.sarif`), write a job summary, set the
 * step outputs and fail the step according to `fail-on`.
 *
 * A failure of the action itself — bad input, unreadable config, no files matched, a file
 * that cannot be opened, nothing readable at all — always fails the step, whatever
 * `fail-on` says. It is never reported as success.
 *
 * `only-changed: true` lints only the files the pull request or push changed (./changed.ts);
 * when those cannot be known, or a config or baseline file changed, everything is linted and
 * the log and job summary say why.
 *
 * When the step is going to fail, at most 9 errors are annotated: GitHub shows 10 error
 * annotations per step and the failure message (core.setFailed) is one of them.
 */
import { existsSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { BASELINE_FILE, CONFIG_FILE_NAMES } from '../config/config.js';
import type { RuleSettings } from '../check/engine.js';
import type { Linter } from '../lint.js';
import type { Layout } from '../load/layouts.js';
import { discover, UsageError } from '../node/files.js';
import { lintPaths } from '../node/lint-files.js';
import { readTargets } from '../node/targets.js';
import { ReadLog } from '../node/read.js';
import { writeOutputs, type OutputSpec } from '../node/output.js';
import { FORMAT_NAMES, FORMATTERS, isFormat, type ReportContext } from '../report/index.js';
import { guardLineStarts, inline } from '../report/safe.js';
import { summarize } from '../report/summary.js';
import { cellOf, relativePath, SEVERITY_RANK } from '../report/util.js';
import { BilingualError, type Finding, type Lang, type Severity, type SubmissionResult } from '../types.js';
import type { ChangedFiles } from './changed.js';
import { outputRefusal } from './paths.js';
import { buildSummary } from './summary.js';

/** The action's inputs, as strings exactly as the workflow gave them ('' when absent). */
export interface ActionInputs {
  paths: string;
  ignore: string;
  config: string;
  'fail-on': string;
  outputs: string;
  'max-annotations': string;
  lang: string;
  /** 'true': lint only the files changed by the pull request or push; default 'false'. */
  'only-changed'?: string;
}

export const INPUT_NAMES: ReadonlyArray<keyof ActionInputs> = ['paths', 'ignore', 'config', 'fail-on', 'outputs', 'max-annotations', 'lang', 'only-changed'];

/** @actions/core's AnnotationProperties (the part we use). */
export interface Annotation {
  title?: string;
  file?: string;
  startLine?: number;
  startColumn?: number;
}

/** The part of @actions/core the action uses. */
export interface ActionCore {
  error(message: string, properties?: Annotation): void;
  warning(message: string, properties?: Annotation): void;
  notice(message: string, properties?: Annotation): void;
  info(message: string): void;
  setOutput(name: string, value: string): void;
  setFailed(message: string): void;
}

/** What a config file contributes (see src/node/config.ts). */
export interface ActionSetup {
  linter: Linter;
  /** Rule settings for one file (the config's rules, then its matching overrides). */
  settingsFor?: (file: string) => RuleSettings;
  /** The config file in use, for the log. */
  configFile?: string;
  /** The config's approved target tables (`targets:`; absolute files, folders or globs). */
  targets?: string[];
  /** The built-in printed layouts and the config's `layoutDirs` ones (undefined: the built-in ones). */
  layouts?: Layout[];
}

export interface ActionDeps {
  core: ActionCore;
  /** Append Markdown to the job summary (GITHUB_STEP_SUMMARY). */
  writeSummary: (markdown: string) => Promise<void>;
  /** Build the linter, reading the config file when one is given. Throws when it cannot. */
  setup: (configPath: string | undefined, cwd: string) => ActionSetup | Promise<ActionSetup>;
  /** The workspace (GITHUB_WORKSPACE): annotation and report paths are relative to it. */
  cwd: string;
  toolVersion?: string;
  /** The files changed by the triggering event (for `only-changed`); see ./changed.ts. */
  changedFiles?: () => ChangedFiles | Promise<ChangedFiles>;
  /** Absolute URI of the rule pages (docs/rules/) for SARIF's helpUri. */
  rulesDocsUri?: string;
}

export type FailOn = 'error' | 'warning' | 'never';

export interface ActionOutcome {
  /** 'failed' when the step was failed (findings per fail-on, or the action failed). */
  status: 'passed' | 'failed';
  message?: string;
  errors: number;
  warnings: number;
  infos: number;
  files: number;
  annotated: number;
  /** Findings suppressed with a written reason (listed in the job summary, not counted above). */
  suppressed: number;
}

/** GitHub shows at most this many annotations of each type (error, warning, notice) per step. */
export const GITHUB_ANNOTATIONS_PER_TYPE = 10;
/** A usage or config error's line in the step's language (both carry Chinese and English). */
function messageIn(e: unknown, lang: Lang): string {
  if (e instanceof BilingualError) return e.text(lang);
  return e instanceof Error ? e.message : String(e);
}

/** Error annotations when the step fails: the failure message is the 10th. */
export const ERRORS_WHEN_FAILING = GITHUB_ANNOTATIONS_PER_TYPE - 1;
export const DEFAULT_MAX_ANNOTATIONS = 20;

class ActionInputError extends Error {}

/** Split a list input: one item per line; a line may hold several items separated by
 * spaces, unless the whole line is one item (`keep(line)`, e.g. a path that exists). */
export function splitList(text: string, keep: (line: string) => boolean = () => false): string[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'))
    .flatMap((l) => (keep(l) ? [l] : l.split(/\s+/)));
}

/** `sarif=results.sarif`, `sarif: results.sarif`, several per line or one per line. */
export function parseOutputs(text: string): OutputSpec[] {
  const specs: OutputSpec[] = [];
  for (const line of text.split(/\r?\n/)) {
    const l = line.trim();
    if (l === '' || l.startsWith('#')) continue;
    for (const part of l.split(/(?<![\s,])[\s,]+(?=[A-Za-z][\w-]*\s*[=:])/)) {
      const m = /^([A-Za-z][\w-]*)\s*[=:]\s*(.+)$/.exec(part.trim());
      if (!m) throw new ActionInputError(`outputs: cannot read "${part.trim()}" (write format=path, e.g. sarif=results.sarif)`);
      const format = (m[1] as string).toLowerCase();
      const file = (m[2] as string).trim();
      if (!isFormat(format)) {
        throw new ActionInputError(`outputs: unknown format "${format}" (choose from ${FORMAT_NAMES.join(', ')})`);
      }
      specs.push({ format, file });
    }
  }
  const seen = new Set<string>();
  for (const s of specs) {
    const key = resolve(s.file as string);
    if (seen.has(key)) throw new ActionInputError(`outputs: ${s.file} is given twice`);
    seen.add(key);
  }
  return specs;
}

function parseFailOn(text: string): FailOn {
  const v = (text.trim() || 'error').toLowerCase();
  if (v === 'error' || v === 'warning' || v === 'never') return v;
  throw new ActionInputError(`fail-on must be error, warning or never (not "${text}")`);
}

function parseMax(text: string): number {
  const v = text.trim();
  if (v === '') return DEFAULT_MAX_ANNOTATIONS;
  if (!/^\d+$/.test(v)) throw new ActionInputError(`max-annotations must be a whole number ≥ 0 (not "${text}")`);
  return Number(v);
}

function parseBoolean(text: string | undefined, name: string): boolean {
  const v = (text ?? '').trim().toLowerCase();
  if (v === '' || v === 'false') return false;
  if (v === 'true') return true;
  throw new ActionInputError(`${name} must be true or false (not "${text}")`);
}

function parseLang(text: string): Lang {
  const v = text.trim() || 'zh';
  if (v === 'zh' || v === 'en') return v;
  throw new ActionInputError(`lang must be zh or en (not "${text}")`);
}

export interface Selected {
  result: SubmissionResult;
  finding: Finding;
}

/** The findings to annotate: most severe first (stable within a severity), at most
 * GITHUB_ANNOTATIONS_PER_TYPE of each severity (`maxErrors` errors) and `max` in all. */
export function selectAnnotations(results: readonly SubmissionResult[], max: number, maxErrors: number = GITHUB_ANNOTATIONS_PER_TYPE): Selected[] {
  const all: Selected[] = [];
  for (const result of results) for (const finding of result.findings) all.push({ result, finding });
  const ordered = all
    .map((s, i) => ({ s, i }))
    .sort((a, b) => SEVERITY_RANK[a.s.finding.severity] - SEVERITY_RANK[b.s.finding.severity] || a.i - b.i)
    .map(({ s }) => s);
  const perType: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  const out: Selected[] = [];
  for (const s of ordered) {
    if (out.length >= max) break;
    const cap = s.finding.severity === 'error' ? Math.min(maxErrors, GITHUB_ANNOTATIONS_PER_TYPE) : GITHUB_ANNOTATIONS_PER_TYPE;
    if (perType[s.finding.severity] >= cap) continue;
    perType[s.finding.severity]++;
    out.push(s);
  }
  return out;
}

export function annotationOf(s: Selected, cwd: string): { message: string; properties: Annotation } {
  const f = s.finding;
  const l = f.location;
  const cell = cellOf(f);
  // @actions/core escapes % CR LF (and : , in properties); every other control character, a
  // bidi control or `##[` from a document is made visible and inert here.
  const properties: Annotation = { title: inline(f.ruleId), file: inline(relativePath(s.result.file, cwd)) };
  const line = l.line ?? l.row ?? (cell ? 1 : undefined);
  if (line !== undefined) properties.startLine = line;
  if (l.line !== undefined && l.column !== undefined) properties.startColumn = l.column;
  return { message: inline(cell ? `${cell}: ${f.message}` : f.message), properties };
}

export async function runAction(inputs: ActionInputs, deps: ActionDeps): Promise<ActionOutcome> {
  const { core } = deps;
  // Every file read from here on is recorded: an output never overwrites one of them.
  ReadLog.begin();
  const outcome: ActionOutcome = { status: 'passed', errors: 0, warnings: 0, infos: 0, files: 0, annotated: 0, suppressed: 0 };
  const fail = (message: string): ActionOutcome => {
    core.setFailed(inline(message));
    return { ...outcome, status: 'failed', message };
  };

  let failOn: FailOn;
  let max: number;
  let lang: Lang;
  let specs: OutputSpec[];
  let onlyChanged: boolean;
  try {
    failOn = parseFailOn(inputs['fail-on']);
    onlyChanged = parseBoolean(inputs['only-changed'], 'only-changed');
    max = parseMax(inputs['max-annotations']);
    lang = parseLang(inputs.lang);
    specs = parseOutputs(inputs.outputs);
  } catch (e) {
    return fail(`jixiao-lint: ${(e as Error).message}`);
  }

  let setup: ActionSetup;
  const configPath = inputs.config.trim() || undefined;
  try {
    setup = await deps.setup(configPath, deps.cwd);
  } catch (e) {
    const why = messageIn(e, lang);
    return fail(`jixiao-lint: ${configPath ? (lang === 'zh' ? `无法使用配置 ${configPath}：` : `cannot use config ${configPath}: `) : ''}${why}`);
  }

  // A line that names an existing file or folder is one path, even with spaces in it.
  const paths = splitList(inputs.paths || '.', (line) => existsSync(resolve(deps.cwd, line)));
  const ignore = splitList(inputs.ignore);
  if (setup.configFile) core.info(`jixiao-lint: config ${inline(relativePath(setup.configFile, deps.cwd))}`);

  // only-changed: the files of `paths` that the pull request or push changed.
  let targets: string[] = paths;
  let lintIgnore = ignore;
  let scope: string | undefined;
  if (onlyChanged) {
    const changed: ChangedFiles = deps.changedFiles ? await deps.changedFiles() : { unknown: 'no way to find the changed files' };
    const zh = lang === 'zh';
    if ('unknown' in changed) {
      scope = zh ? `only-changed：无法确定改动的文件（${changed.unknown}），已检查全部文件。` : `only-changed: the changed files cannot be known (${changed.unknown}); every file was linted.`;
    } else {
      const set = new Set(changed.files.map((f) => resolve(f)));
      const policy = changed.files.filter((f) => CONFIG_FILE_NAMES.includes(basename(f)) || basename(f) === BASELINE_FILE || (setup.configFile !== undefined && resolve(f) === resolve(setup.configFile)));
      if (policy.length > 0) {
        const names = policy.map((f) => relativePath(f, deps.cwd)).join(', ');
        scope = zh ? `only-changed：配置或基线文件有改动（${names}），已检查全部文件。` : `only-changed: a config or baseline file changed (${names}); every file was linted.`;
      } else {
        let all: string[];
        try {
          all = discover(paths, ignore.length ? { ignore } : {});
        } catch (e) {
          if (e instanceof UsageError) return fail(`jixiao-lint: ${messageIn(e, lang)}`);
          throw e;
        }
        targets = all.filter((f) => set.has(resolve(f)));
        lintIgnore = [];
        scope = zh
          ? `only-changed：只检查了本次改动的 ${targets.length} 个文件（共 ${all.length} 个；依据 ${changed.how}）。`
          : `only-changed: linted the ${targets.length} changed file(s) of ${all.length} (from ${changed.how}).`;
      }
    }
    core.info(`jixiao-lint: ${inline(scope)}`);
  }

  let run;
  if (targets.length === 0) {
    // only-changed and nothing of `paths` changed: nothing to lint is not a failure.
    run = { files: [] as string[], results: [] as SubmissionResult[], unreadable: 0, errors: [] as string[] };
  } else {
    try {
      const approvals = await readTargets(setup.linter, setup.targets ?? [], { lang, cwd: deps.cwd, ...(setup.layouts ? { load: { layouts: setup.layouts } } : {}) });
      run = await lintPaths(setup.linter, targets, {
        lang,
        ...(approvals.length > 0 ? { approvals } : {}),
        ...(setup.settingsFor ? { settingsFor: setup.settingsFor } : {}),
        ...(lintIgnore.length ? { ignore: lintIgnore } : {}),
        ...(setup.layouts ? { load: { layouts: setup.layouts } } : {}),
      });
    } catch (e) {
      if (e instanceof UsageError) return fail(`jixiao-lint: ${messageIn(e, lang)}`);
      throw e;
    }
    if (run.files.length === 0) return fail(lang === 'zh' ? `jixiao-lint: ${paths.join('、')} 中没有找到可检查的文件` : `jixiao-lint: no submissions found in ${paths.join(', ')}`);
  }

  const results = run.results;
  const totals = summarize(results);
  Object.assign(outcome, { errors: totals.errors, warnings: totals.warnings, infos: totals.infos, suppressed: totals.suppressed, files: run.files.length });

  // The full report in the log (no colors).
  const ctx: ReportContext = {
    lang,
    rules: setup.linter.rules,
    cwd: deps.cwd,
    ...(deps.toolVersion ? { toolVersion: deps.toolVersion } : {}),
    ...(deps.rulesDocsUri ? { rulesDocsUri: deps.rulesDocsUri } : {}),
  };
  const stylish = FORMATTERS.stylish;
  if (stylish && results.length > 0) core.info(guardLineStarts(stylish(results, { ...ctx, color: false }).trimEnd()));

  const problems: string[] = [...run.errors];
  if (run.files.length > 0 && run.unreadable === run.files.length) problems.push(`none of the ${run.files.length} file(s) could be read`);

  // report files only inside the workspace, onto regular files (./paths.ts): one line each, the step fails
  const writable = specs.filter((s) => {
    const refused = outputRefusal(deps.cwd, s.file as string, lang);
    if (refused) problems.push(refused);
    return refused === null;
  });
  try {
    await writeOutputs(
      writable.map((s) => ({ format: s.format, file: resolve(deps.cwd, s.file as string) })),
      results,
      ctx,
      { out: (t) => core.info(guardLineStarts(t)), color: false, lang, inputs: run.files.map((f) => resolve(deps.cwd, f)) },
    );
  } catch (e) {
    problems.push((e as Error).message);
  }

  // Whether the step will fail decides how many errors may be annotated: the failure
  // message is an error annotation too, and GitHub shows only 10 per step.
  const counted = failOn === 'error' ? outcome.errors : failOn === 'warning' ? outcome.errors + outcome.warnings : 0;
  const willFail = problems.length > 0 || counted > 0;
  const selected = selectAnnotations(results, max, willFail ? ERRORS_WHEN_FAILING : GITHUB_ANNOTATIONS_PER_TYPE);
  for (const s of selected) {
    const { message, properties } = annotationOf(s, deps.cwd);
    const sev = s.finding.severity;
    if (sev === 'error') core.error(message, properties);
    else if (sev === 'warning') core.warning(message, properties);
    else core.notice(message, properties);
  }
  outcome.annotated = selected.length;

  core.setOutput('errors', String(outcome.errors));
  core.setOutput('warnings', String(outcome.warnings));
  core.setOutput('files', String(outcome.files));
  core.setOutput('suppressed', String(outcome.suppressed));

  try {
    await deps.writeSummary(buildSummary(results, { lang, cwd: deps.cwd, annotated: selected.length, problems, failOn, ...(scope ? { scope } : {}) }));
  } catch (e) {
    core.info(`jixiao-lint: cannot write the job summary: ${inline((e as Error).message)}`);
  }

  if (problems.length > 0) return fail(`jixiao-lint: ${problems.join('; ')}`);
  if (counted > 0) {
    const what =
      failOn === 'error'
        ? `${outcome.errors} error(s)`
        : `${outcome.errors} error(s) and ${outcome.warnings} warning(s)`;
    return fail(`jixiao-lint: ${what} in ${outcome.files} file(s) (fail-on: ${failOn})`);
  }
  return outcome;
}
