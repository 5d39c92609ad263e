/**
 * Node side of a lint run: paths → files → bytes → LoadResult → SubmissionResult[].
 */
import { readFile } from 'node:fs/promises';
import type { RuleSettings } from '../check/engine.js';
import type { Linter } from '../lint.js';
import { loadBytes, type LoadOptions } from '../load/index.js';
import type { Lang, SubmissionResult } from '../types.js';
import { Baselines } from './baseline.js';
import { discover } from './files.js';

export interface LintRunOptions {
  lang: Lang;
  /** Rule settings per file (a config file's rules and the overrides matching the file); default: none. */
  settingsFor?: (file: string) => RuleSettings;
  load?: LoadOptions;
  /** Glob patterns of files or folders to leave out (see discover). */
  ignore?: readonly string[];
  /** How many files are read and loaded at once (default 8). Results keep the file order. */
  concurrency?: number;
  /** Where baseline files (jixiao-lint.baseline.yaml next to the submissions) are read; default: a fresh reader. */
  baselines?: Baselines;
  /** Called after each file, for progress reporting. */
  onFile?: (done: number, total: number, file: string) => void;
}

export interface LintRun {
  files: string[];
  results: SubmissionResult[];
  /** Files of which nothing could be read (unreadable, or not parseable at all). */
  unreadable: number;
  /** One-line messages for files that could not even be opened. */
  errors: string[];
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

export async function lintPaths(linter: Linter, paths: string[], options: LintRunOptions): Promise<LintRun> {
  const files = discover(paths, options.ignore ? { ignore: options.ignore } : {});
  // One slot per file, filled as files finish: the results keep the order of `files`
  // whatever order the reads complete in. Bytes are dropped as soon as a file is linted.
  const slots: Array<{ results: SubmissionResult[]; unreadable: boolean; error?: string } | undefined> = new Array(files.length);
  const baselines = options.baselines ?? new Baselines();
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < files.length) {
      const i = next++;
      const file = files[i] as string;
      let bytes: Uint8Array;
      try {
        bytes = await readFile(file);
      } catch (e) {
        slots[i] = { results: [], unreadable: true, error: `cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? String(e)}` };
        options.onFile?.(++done, files.length, file);
        continue;
      }
      const loaded = await loadBytes(file, bytes, options.load);
      const suppressions = baselines.for(file);
      const opts = {
        lang: options.lang,
        ...(options.settingsFor ? { settings: options.settingsFor(file) } : {}),
        ...(suppressions.length > 0 ? { suppressions } : {}),
      };
      slots[i] = { results: detach(linter.lintLoaded(file, loaded, opts)), unreadable: loaded.documents.length === 0 };
      options.onFile?.(++done, files.length, file);
    }
  };
  const n = Math.max(1, Math.min(options.concurrency ?? 8, files.length));
  await Promise.all(Array.from({ length: n }, worker));
  const results: SubmissionResult[] = [];
  const errors: string[] = [];
  let unreadable = 0;
  for (const slot of slots) {
    if (!slot) continue;
    for (const r of slot.results) results.push(r);
    if (slot.unreadable) unreadable++;
    if (slot.error !== undefined) errors.push(slot.error);
  }
  return { files, results, unreadable, errors };
}
