/**
 * Node side of a lint run: paths → files → bytes → LoadResult → SubmissionResult[].
 */
import { readFileSync } from 'node:fs';
import type { RuleSettings } from '../check/engine.js';
import type { Linter } from '../lint.js';
import { loadBytes, type LoadOptions } from '../load/index.js';
import type { Lang, SubmissionResult } from '../types.js';
import { discover } from './files.js';

export interface LintRunOptions {
  lang: Lang;
  settings?: RuleSettings;
  load?: LoadOptions;
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

export async function lintPaths(linter: Linter, paths: string[], options: LintRunOptions): Promise<LintRun> {
  const files = discover(paths);
  const results: SubmissionResult[] = [];
  const errors: string[] = [];
  let unreadable = 0;
  for (const [i, file] of files.entries()) {
    let bytes: Uint8Array;
    try {
      bytes = readFileSync(file);
    } catch (e) {
      errors.push(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
      unreadable++;
      continue;
    }
    const loaded = await loadBytes(file, bytes, options.load);
    if (loaded.documents.length === 0) unreadable++;
    results.push(...linter.lintLoaded(file, loaded, { lang: options.lang, ...(options.settings ? { settings: options.settings } : {}) }));
    options.onFile?.(i + 1, files.length, file);
  }
  return { files, results, unreadable, errors };
}
