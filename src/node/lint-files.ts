/**
 * Node side of a lint run: paths → files → bytes → LoadResult → SubmissionResult[].
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { RuleSettings } from '../check/engine.js';
import type { ApprovalTable } from '../check/ops/targets.js';
import { ConfigError } from '../config/config.js';
import type { Linter } from '../lint.js';
import { loadBytes, type LoadOptions } from '../load/index.js';
import { policyOf } from '../config/settings.js';
import { problem } from '../load/problem.js';
import type { Finding, Lang, LoadResult, Localized, SubmissionResult } from '../types.js';
import { Baselines } from './baseline.js';
import { resolve } from 'node:path';
import { discoverAll, UsageError, type Refused } from './files.js';
import { DEFAULT_MAX_FILE_BYTES, readRegularFileSync, ReadLog, refusalText, ioText } from './read.js';
import type { FromWorker, WorkerError, WorkerSetup, WorkerTask } from './worker-protocol.js';
import { Outcomes, type PackedOutcome } from './result-store.js';
import type { ResultSource } from '../report/stream.js';

export interface LintRunOptions {
  lang: Lang;
  /** Rule settings per file (a config file's rules and the overrides matching the file); default: none. */
  settingsFor?: (file: string) => RuleSettings;
  load?: LoadOptions;
  /** Glob patterns of files or folders to leave out (see discover). */
  ignore?: readonly string[];
  /**
   * How many worker threads lint the files (default: one per core) when `workers` says how a
   * worker builds its Linter; without `workers`, files are linted on this thread (8 at once,
   * for the readers that wait on promises). Either way the results keep the order of the files.
   */
  concurrency?: number;
  /** How a worker thread builds the same Linter and settings as this run (the config file and folder). */
  workers?: { config?: string; cwd: string; debug?: boolean };
  /** Lint only shard `index` (1-based) of `count`: a stable, contiguous part of the discovered files. */
  shard?: { index: number; count: number };
  /** Where baseline files (jixiao-lint.baseline.yaml next to the submissions) are read; default: a fresh reader. */
  baselines?: Baselines;
  /** Called after each file, for progress reporting. */
  onFile?: (done: number, total: number, file: string) => void;
  /** Bytes of one file at most (checked before reading; default DEFAULT_MAX_FILE_BYTES, 20 MB). */
  maxFileBytes?: number;
  /** Called with an unexpected exception while a file was loaded or checked (the file gets a parse-error 「内部错误」). */
  onInternalError?: (file: string, error: unknown) => void;
  /** Approved target tables (src/node/targets.ts): each self-evaluation is compared with the one matching it. */
  approvals?: readonly ApprovalTable[];
}

export interface LintRun {
  files: string[];
  results: SubmissionResult[];
  /** Files of which nothing could be read (unreadable, or not parseable at all). */
  unreadable: number;
  /** One-line messages for files that could not even be opened. */
  errors: string[];
  /** What a folder search found and left out, with the reason: .txt files, JSON/YAML that is not a form. */
  skipped: Array<{ file: string; reason: Localized }>;
}

/**
 * A copy of the results that shares no string with the file's text. Strings cut from the
 * source (a unit name, a printed value in a message) can keep the whole text of the file
 * alive in V8; over thousands of files that is most of the memory of a batch run
 * (measured on the bench: about 4 KB retained per result before, 1 KB after).
 */
function detach(results: SubmissionResult[]): SubmissionResult[] {
  return JSON.parse(JSON.stringify(results)) as SubmissionResult[];
}

export type { PackedOutcome };

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export function pack(outcome: FileOutcome): PackedOutcome {
  return {
    bytes: encoder.encode(JSON.stringify(outcome.results)),
    unreadable: outcome.unreadable,
    ...(outcome.error !== undefined ? { error: outcome.error } : {}),
  };
}

/**
 * The results of a packed outcome, their short repeated strings (rule ids, severities, forms,
 * pointers, years) shared through `strings`, and the file name the one given.
 */
function unpack(bytes: Uint8Array, file: string, strings?: Map<string, string>): SubmissionResult[] {
  const results = JSON.parse(decoder.decode(bytes)) as SubmissionResult[];
  // read back for one report and let go: nothing to share
  if (!strings) return results;
  const intern = (s: string): string => {
    const known = strings.get(s);
    if (known !== undefined) return known;
    strings.set(s, s);
    return s;
  };
  for (const r of results) {
    if (r.file === file) r.file = file;
    if (r.form !== null) r.form = intern(r.form);
    for (const list of [r.findings, r.suppressed ?? []]) {
      for (const f of list) {
        f.ruleId = intern(f.ruleId);
        f.severity = intern(f.severity) as Finding['severity'];
        f.location.pointer = intern(f.location.pointer);
        if (f.location.sheet !== undefined) f.location.sheet = intern(f.location.sheet);
      }
    }
    if (r.facts?.year !== undefined) r.facts.year = intern(r.facts.year);
  }
  return results;
}

/** A file that was not read, as the one parse-error finding of its result. */
function notRead(zh: string, en: string): LoadResult {
  return { documents: [], problems: [problem(zh, en)] };
}

function refusedLink(r: Refused): LoadResult {
  return r.kind === 'broken'
    ? notRead('符号链接指向的文件不存在，未读取。', 'a symbolic link to nothing; not read.')
    : notRead(
        `符号链接指向所给文件夹之外（${r.target}），未读取。请直接指定该文件，或把它复制到所检查的文件夹中。`,
        `a symbolic link leading out of the folders given (${r.target}); not read. Name that file directly, or copy it into the folder checked.`,
      );
}

/** The result of a file whose loading or checking threw: one finding, never the exception's text. */
export function internalErrorResult(): LoadResult {
  return notRead(
    '内部错误：检查此文件时发生意外错误，本文件未能检查完毕；其他文件照常检查。请把此文件交给维护者（加 --debug 可显示详细信息）。',
    'internal error: an unexpected error occurred while checking this file, which was not fully checked; the other files were. Please send the file to the maintainers (--debug shows the details).',
  );
}

/** What one file gave: its results (detached from the file's text), and whether nothing could be read. */
export interface FileOutcome {
  results: SubmissionResult[];
  unreadable: boolean;
  /** A file that could not even be opened: one line for stderr (and no result). */
  error?: string;
}

/** What lintFile needs besides the file: the linter, its settings and the run's options. */
export interface FileContext {
  linter: Linter;
  lang: Lang;
  settingsFor?: (file: string) => RuleSettings;
  load?: LoadOptions;
  maxFileBytes: number;
  baselines: Baselines;
  onInternalError?: (file: string, error: unknown) => void;
  /** Copy the results so they share no string with the file's text (default true; a worker's postMessage copies anyway). */
  detach?: boolean;
  /** Approved target tables (src/node/targets.ts), compared with the self-evaluations. */
  approvals?: readonly ApprovalTable[];
}

/** Read, load, check and suppress one file (on the main thread or on a worker, src/node/worker.ts). */
export async function lintFile(file: string, link: Refused | undefined, ctx: FileContext): Promise<FileOutcome> {
  const settings = ctx.settingsFor ? { settings: ctx.settingsFor(file) } : {};
  // the table readers find indicator categories by the same hierarchy as the rules (settings.hierarchy)
  const load: LoadOptions | undefined = settings.settings ? { ...ctx.load, hierarchy: policyOf(settings.settings).hierarchy } : ctx.load;
  // read synchronously: a promise round trip per open/stat/read/close cost more than the read (issue 15)
  const read = link ? null : readRegularFileSync(file, ctx.maxFileBytes);
  if (read !== null && !(read instanceof Uint8Array) && read.kind === 'io') {
    return { results: [], unreadable: true, error: ctx.lang === 'zh' ? `无法读取 ${file}：${ioText(read.code, 'zh')}` : `cannot read ${file}: ${ioText(read.code, 'en')}` };
  }
  let loaded: LoadResult;
  if (link) loaded = refusedLink(link);
  else if (read instanceof Uint8Array) {
    try {
      loaded = await loadBytes(file, read, load);
    } catch (e) {
      ctx.onInternalError?.(file, e);
      loaded = internalErrorResult();
    }
  } else loaded = notRead(`${refusalText(read as Exclude<typeof read, null | Uint8Array>, 'zh')}。`, `${refusalText(read as Exclude<typeof read, null | Uint8Array>, 'en')}.`);
  // A file that yields nothing and says nothing (an empty file) is never passed over silently.
  if (loaded.documents.length === 0 && loaded.problems.length === 0) loaded = notRead('文件为空，或其中没有可检查的内容。', 'the file is empty or holds nothing to check.');
  // A baseline that cannot be read stops the run (a usage error), as before.
  const suppressions = ctx.baselines.for(file);
  const opts = { lang: ctx.lang, ...settings, ...(suppressions.length > 0 ? { suppressions } : {}), ...(ctx.approvals?.length ? { approvals: ctx.approvals } : {}) };
  let results: SubmissionResult[];
  try {
    results = ctx.linter.lintLoaded(file, loaded, opts);
  } catch (e) {
    ctx.onInternalError?.(file, e);
    loaded = internalErrorResult();
    results = ctx.linter.lintLoaded(file, loaded, opts);
  }
  return { results: ctx.detach === false ? results : detach(results), unreadable: loaded.documents.length === 0 };
}

/** The files of shard `index` (1-based) of `count`: a contiguous block of the discovered files, so
 * the shards' reports given in shard order (jixiao-lint merge) list the files as one run would. */
export function shardOf<T>(files: readonly T[], shard: { index: number; count: number } | undefined): T[] {
  if (!shard) return [...files];
  const from = Math.floor(((shard.index - 1) * files.length) / shard.count);
  const to = Math.floor((shard.index * files.length) / shard.count);
  return files.slice(from, to);
}

/** The number of worker threads a batch uses by default: one per core. */
export function defaultConcurrency(): number {
  return Math.max(1, availableParallelism());
}

/**
 * A run whose results stay in a temporary file (src/node/result-store.ts) until its reports are
 * written: `source` reads them back one file at a time, in the files' order. Call `close()` when done.
 */
export interface StoredRun extends Omit<LintRun, 'results'> {
  source: ResultSource;
  close(): void;
}

/** Lint the files and return every result at once (the Action, the bench, tests); the CLI streams with lintPathsStored. */
export async function lintPaths(linter: Linter, paths: string[], options: LintRunOptions): Promise<LintRun> {
  const stored = await lintPathsStored(linter, paths, options, true);
  try {
    const results: SubmissionResult[] = [];
    stored.source.each((r) => results.push(r));
    const { source: _source, close: _close, ...rest } = stored;
    return { ...rest, results };
  } finally {
    stored.close();
  }
}

export async function lintPathsStored(linter: Linter, paths: string[], options: LintRunOptions, share = false): Promise<StoredRun> {
  const discovered = discoverAll(paths, options.ignore ? { ignore: options.ignore } : {});
  const files = shardOf(discovered.files, options.shard);
  const refused = discovered.refused;
  const maxFileBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  const concurrency = Math.max(1, Math.min(options.concurrency ?? defaultConcurrency(), files.length));
  // One slot per file, filled as files finish: the results keep the order of `files`
  // whatever order they complete in.
  const outcomes = new Outcomes(files.length);
  let done = 0;
  const finished = (i: number, outcome: PackedOutcome) => {
    outcomes.put(i, outcome);
    options.onFile?.(++done, files.length, files[i] as string);
  };
  const script = options.workers ? workerScript() : undefined;
  if (options.workers && script && concurrency > 1 && files.length >= MIN_FILES_FOR_WORKERS) {
    await runOnWorkers(script, files, refused, concurrency, { ...options.workers, lang: options.lang, maxFileBytes, ...(options.load ? { load: withoutLayouts(options.load) } : {}), ...(options.approvals?.length ? { approvals: options.approvals } : {}) }, finished, options.onInternalError);
  } else {
    const ctx: FileContext = {
      linter,
      lang: options.lang,
      ...(options.settingsFor ? { settingsFor: options.settingsFor } : {}),
      ...(options.load ? { load: options.load } : {}),
      maxFileBytes,
      baselines: options.baselines ?? new Baselines(),
      ...(options.onInternalError ? { onInternalError: options.onInternalError } : {}),
      ...(options.approvals?.length ? { approvals: options.approvals } : {}),
      // packing copies the results out of the file's text already
      detach: false,
    };
    // on one thread, a few files at once (the workbook, Word and web-page readers wait on promises)
    let next = 0;
    let turned = performance.now();
    const lane = async () => {
      while (next < files.length) {
        const i = next++;
        const file = files[i] as string;
        finished(i, pack(await lintFile(file, refused.get(file), ctx)));
        // Let the event loop turn every few milliseconds: reading and checking a file never
        // waits on it, and V8's garbage-collection tasks, timers (progress) and signals run only
        // when it does (without this, peak memory on 20,000 files was 1.4 times higher). Not
        // after every file: a turn costs about 50 µs.
        if (performance.now() - turned > 10) {
          await new Promise<void>((resolve) => setImmediate(resolve));
          turned = performance.now();
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(READS_AT_ONCE, Math.max(1, files.length)) }, lane));
  }
  const errors: string[] = [];
  let unreadable = 0;
  const skipped: LintRun['skipped'] = discovered.skippedText.map((file) => ({ file, reason: TEXT_SKIPPED }));
  for (let i = 0; i < files.length; i++) {
    if (!outcomes.has(i)) continue;
    // a JSON/YAML file found by a search that declares no form (an earlier report, a rule, a
    // config file) is not a submission: listed as skipped, not linted as one with errors
    if (!discovered.named.has(resolve(files[i] as string))) {
      const own = unpack(outcomes.bytes(i), files[i] as string);
      if (own.length > 0 && own.every((r) => r.notAForm !== undefined)) {
        skipped.push({ file: files[i] as string, reason: { zh: `不是绩效表格（${own[0]!.notAForm!.zh}）`, en: `not a form (${own[0]!.notAForm!.en})` } });
        outcomes.leaveOut(i);
        continue;
      }
    }
    if (outcomes.unreadable(i)) unreadable++;
    const error = outcomes.error(i);
    if (error !== undefined) errors.push(error);
  }
  // the results, read back one file at a time in the files' order (short repeated strings shared when all are kept)
  const strings = share ? new Map<string, string>() : undefined;
  const source: ResultSource = {
    each(fn) {
      for (let i = 0; i < files.length; i++) {
        if (!outcomes.has(i) || outcomes.leftOut(i)) continue;
        for (const r of unpack(outcomes.bytes(i), files[i] as string, strings)) fn(r);
      }
    },
    async eachAsync(fn) {
      for (let i = 0; i < files.length; i++) {
        if (!outcomes.has(i) || outcomes.leftOut(i)) continue;
        for (const r of unpack(outcomes.bytes(i), files[i] as string, strings)) await fn(r);
      }
    },
  };
  // the files skipped as not a form are not files of the run (counts, summaries, outputs)
  const left = new Set(skipped.map((x) => x.file));
  return { files: left.size === 0 ? files : files.filter((f) => !left.has(f)), source, unreadable, errors, skipped, close: () => outcomes.close() };
}

const TEXT_SKIPPED: Localized = {
  zh: '文件夹中的 .txt 文件不自动检查（请直接写出文件名）',
  en: '.txt files in a folder are not searched (name the file to lint it)',
};

/** Files in progress at once on one thread. */
const READS_AT_ONCE = 8;
/** Below this many files, starting threads costs more than it saves. */
export const MIN_FILES_FOR_WORKERS = 16;
/**
 * The young generation of a worker's heap, in MB (issue 26: memory flat). V8 lets it grow with the
 * allocation rate, up to 48 MB an isolate (three times a 16 MB semi-space) after some thousands of
 * files: with two workers, most of what a run of 100,000 files took beyond one of 1,000. Linting a
 * file allocates briefly and keeps nothing, so a smaller nursery costs little.
 */
const WORKER_YOUNG_GENERATION_MB = 12;

/** Files handed to a worker at once (results come back per batch). */
const BATCH = 8;

/** The compiled worker (build/src/node/worker.js); undefined when running from the TypeScript sources. */
function workerScript(): URL | undefined {
  const url = new URL('./worker.js', import.meta.url);
  return existsSync(fileURLToPath(url)) ? url : undefined;
}

/** Run the files on `n` worker threads, each building its own Linter from the same config. */
async function runOnWorkers(
  script: URL,
  files: readonly string[],
  refused: ReadonlyMap<string, Refused>,
  n: number,
  setup: Omit<WorkerSetup, 'script'>,
  finished: (i: number, outcome: PackedOutcome) => void,
  onInternalError?: (file: string, error: unknown) => void,
): Promise<void> {
  let next = 0;
  const take = (): WorkerTask[] => {
    const batch: WorkerTask[] = [];
    while (batch.length < BATCH && next < files.length) {
      const i = next++;
      const file = files[i] as string;
      const link = refused.get(file);
      batch.push({ i, file, ...(link ? { link } : {}) });
    }
    return batch;
  };
  const workers: Worker[] = [];
  try {
    await Promise.all(
      Array.from({ length: n }, () => {
        const worker = new Worker(script, { workerData: setup, resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB } });
        workers.push(worker);
        return new Promise<void>((resolveDone, reject) => {
          let settled = false;
          const fail = (e: unknown) => {
            if (settled) return;
            settled = true;
            reject(e);
          };
          let ended = false;
          const send = () => {
            if (ended) return;
            const batch = take();
            if (batch.length > 0) worker.postMessage(batch);
            else {
              ended = true;
              worker.postMessage(null); // no more: report what was read (after the batches sent), then exit
            }
          };
          worker.on('message', (m: FromWorker) => {
            // two batches ahead: the worker starts the next one while its results travel back
            if (m.kind === 'ready') {
              send();
              send();
            } else if (m.kind === 'done') {
              for (const d of m.done) {
                if (d.internal !== undefined) onInternalError?.(files[d.i] as string, Object.assign(new Error(d.internal.message), { stack: d.internal.stack }));
                finished(d.i, d.outcome);
              }
              send();
            } else if (m.kind === 'read') {
              for (const r of m.records) ReadLog.current.add(r.path, r);
              settled = true;
              resolveDone();
            } else if (m.kind === 'fatal') fail(revive(m.error));
          });
          worker.on('error', fail);
          worker.on('exit', (code) => fail(new Error(`worker stopped (exit code ${code})`)));
        });
      }),
    );
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}

/** An error a worker stopped on, as the same kind of error on this thread (so the CLI says the same). */
function revive(e: WorkerError): Error {
  // a baseline, rule or read error: the same one line as on this thread
  if (e.kind === 'usage') return new UsageError(e.message, e.en ?? e.message);
  if (e.kind === 'config') return new ConfigError(e.message, e.en ?? e.message);
  return Object.assign(new Error(e.message), e.stack ? { stack: e.stack } : {});
}

/** What the main thread sends a worker to load with: never the compiled layouts (each worker reads the
 * config's layoutDirs itself, as it builds its own linter from the config). */
function withoutLayouts(load: LoadOptions): LoadOptions {
  const { layouts: _layouts, ...rest } = load;
  return rest;
}
