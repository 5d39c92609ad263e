/**
 * Several outputs at once, like Spectral: `-f sarif -o out.sarif -f stylish`.
 * The n-th --output-file goes with the n-th --format; a format without a file goes to
 * stdout (at most one: two documents on stdout would be unreadable).
 * Binary formats (xlsx) are written to their file, or to stdout only when it is not a
 * terminal (`-f xlsx > 汇总.xlsx`); a workbook is never dumped on a terminal.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { BINARY_FORMATTERS, FORMAT_NAMES, FORMATTERS, isFormat, type ReportContext } from '../report/index.js';
import type { Lang, SubmissionResult } from '../types.js';
import { UsageError } from './files.js';

export function isBinaryFormat(format: string): boolean {
  return Object.hasOwn(BINARY_FORMATTERS, format);
}

/** The one line shown when a binary format would go to a terminal. */
export function binaryToTerminalMessage(format: string, lang: Lang): string {
  return lang === 'zh'
    ? `${format} 是二进制格式，不能输出到终端：请用 -o 指定文件，例如 -f ${format} -o 汇总.${format}`
    : `${format} is a binary format and cannot be written to a terminal: name a file with -o, e.g. -f ${format} -o summary.${format}`;
}

export interface OutputSpec {
  format: string;
  /** Where to write; undefined means stdout. */
  file?: string;
}

/** Pair formats and output files in order. No format given → stylish. */
export function planOutputs(
  formats: readonly string[] | undefined,
  files: readonly string[] | undefined,
  /** What stdout can take: a binary format is refused on a terminal or where bytes cannot be written. */
  stdout?: { isTTY: boolean; bytes: boolean; lang: Lang },
): OutputSpec[] {
  const fs = formats && formats.length > 0 ? formats : ['stylish'];
  const os = files ?? [];
  for (const f of fs) {
    if (!isFormat(f)) throw new UsageError(`unknown format "${f}" (choose from ${FORMAT_NAMES.join(', ')})`);
  }
  if (os.length > fs.length) {
    throw new UsageError(`${os.length} --output-file given for ${fs.length} --format: pair each file with a format (-f sarif -o out.sarif)`);
  }
  const specs = fs.map((format, i) => (os[i] !== undefined ? { format, file: os[i] } : { format }));
  const toStdout = specs.filter((s) => s.file === undefined);
  if (toStdout.length > 1) {
    throw new UsageError(`only one format can go to stdout (${toStdout.map((s) => s.format).join(', ')}): give the others an --output-file`);
  }
  const binaryOut = toStdout.find((s) => isBinaryFormat(s.format));
  if (binaryOut && stdout && (stdout.isTTY || !stdout.bytes)) throw new UsageError(binaryToTerminalMessage(binaryOut.format, stdout.lang));
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
  /** Bytes to stdout (a binary format without a file); without it, or on a terminal, such a format is refused. */
  outBytes?: (b: Uint8Array) => void;
  /** stdout is a terminal. */
  isTTY?: boolean;
  /** Language of the refusal message. */
  lang?: Lang;
  /** Colors for stdout (files never get escape codes). */
  color: boolean;
  /** The files that were linted: never overwritten by an output file. */
  inputs: readonly string[];
}

/** Format the results once per spec and write each to its file or to stdout. */
export async function writeOutputs(specs: readonly OutputSpec[], results: SubmissionResult[], ctx: ReportContext, opts: WriteOptions): Promise<void> {
  const inputs = new Set(opts.inputs.map((f) => resolve(f)));
  for (const s of specs) {
    if (s.file !== undefined && inputs.has(resolve(s.file))) {
      throw new UsageError(`--output-file ${s.file} is one of the files being linted`);
    }
    if (s.file === undefined && isBinaryFormat(s.format) && (opts.isTTY === true || opts.outBytes === undefined)) {
      throw new UsageError(binaryToTerminalMessage(s.format, opts.lang ?? ctx.lang));
    }
  }
  for (const s of specs) {
    const binary = BINARY_FORMATTERS[s.format];
    const formatter = FORMATTERS[s.format];
    if (!binary && !formatter) throw new UsageError(`unknown format "${s.format}"`);
    if (s.file === undefined) {
      if (binary) opts.outBytes?.(await binary(results, ctx));
      else if (formatter) opts.out(formatter(results, { ...ctx, color: opts.color }));
      continue;
    }
    const content = binary ? await binary(results, ctx) : (formatter as NonNullable<typeof formatter>)(results, { ...ctx, color: false });
    try {
      mkdirSync(dirname(resolve(s.file)), { recursive: true });
      writeFileSync(s.file, content);
    } catch (e) {
      throw new UsageError(`cannot write ${s.file}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
    }
  }
}
