/**
 * Several outputs at once, like Spectral: `-f sarif -o out.sarif -f stylish`.
 * The n-th --output-file goes with the n-th --format; a format without a file goes to
 * stdout (at most one: two documents on stdout would be unreadable).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { FORMATTERS, type ReportContext } from '../report/index.js';
import type { SubmissionResult } from '../types.js';
import { UsageError } from './files.js';

export interface OutputSpec {
  format: string;
  /** Where to write; undefined means stdout. */
  file?: string;
}

/** Pair formats and output files in order. No format given → stylish. */
export function planOutputs(formats: readonly string[] | undefined, files: readonly string[] | undefined): OutputSpec[] {
  const fs = formats && formats.length > 0 ? formats : ['stylish'];
  const os = files ?? [];
  for (const f of fs) {
    if (!Object.hasOwn(FORMATTERS, f)) throw new UsageError(`unknown format "${f}" (choose from ${Object.keys(FORMATTERS).join(', ')})`);
  }
  if (os.length > fs.length) {
    throw new UsageError(`${os.length} --output-file given for ${fs.length} --format: pair each file with a format (-f sarif -o out.sarif)`);
  }
  const specs = fs.map((format, i) => (os[i] !== undefined ? { format, file: os[i] } : { format }));
  const toStdout = specs.filter((s) => s.file === undefined);
  if (toStdout.length > 1) {
    throw new UsageError(`only one format can go to stdout (${toStdout.map((s) => s.format).join(', ')}): give the others an --output-file`);
  }
  const seen = new Set<string>();
  for (const s of specs) {
    if (s.file === undefined) continue;
    const abs = resolve(s.file);
    if (seen.has(abs)) throw new UsageError(`--output-file ${s.file} is given twice`);
    seen.add(abs);
  }
  return specs;
}

export interface WriteOptions {
  out: (s: string) => void;
  /** Colors for stdout (files never get escape codes). */
  color: boolean;
  /** The files that were linted: never overwritten by an output file. */
  inputs: readonly string[];
}

/** Format the results once per spec and write each to its file or to stdout. */
export function writeOutputs(specs: readonly OutputSpec[], results: SubmissionResult[], ctx: ReportContext, opts: WriteOptions): void {
  const inputs = new Set(opts.inputs.map((f) => resolve(f)));
  for (const s of specs) {
    if (s.file !== undefined && inputs.has(resolve(s.file))) {
      throw new UsageError(`--output-file ${s.file} is one of the files being linted`);
    }
  }
  for (const s of specs) {
    const formatter = FORMATTERS[s.format];
    if (!formatter) throw new UsageError(`unknown format "${s.format}"`);
    if (s.file === undefined) {
      opts.out(formatter(results, { ...ctx, color: opts.color }));
      continue;
    }
    const text = formatter(results, { ...ctx, color: false });
    try {
      mkdirSync(dirname(resolve(s.file)), { recursive: true });
      writeFileSync(s.file, text);
    } catch (e) {
      throw new UsageError(`cannot write ${s.file}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
    }
  }
}
