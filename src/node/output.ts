/**
 * Several outputs at once, like Spectral: `-f sarif -o out.sarif -f stylish`.
 * The n-th --output-file goes with the n-th --format; a format without a file goes to
 * stdout (at most one: two documents on stdout would be unreadable).
 * Binary formats (xlsx) are written to their file, or to stdout only when it is not a
 * terminal (`-f xlsx > 汇总.xlsx`); a workbook is never dumped on a terminal.
 *
 * An output file never overwrites a file read in the run (inputs, config files, baselines, rule
 * files): a path that resolves to one of them — by name, through a symbolic link (to the file or
 * to a folder above it) or as a hard link (same device and inode) — is refused before anything
 * is written. A file is written to a temporary file beside it and renamed into place, so two runs
 * writing one path never interleave and a reader never sees half a report.
 */
import { closeSync, fsyncSync, mkdirSync, mkdtempSync, openSync, readSync, realpathSync, renameSync, rmSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { arraySource, BINARY_FORMATTERS, FORMAT_NAMES, isFormat, STREAM_WRITERS, type ReportContext, type ResultSource } from '../report/index.js';
import type { Lang, SubmissionResult } from '../types.js';
import { displayPath, UsageError } from './files.js';
import { ReadLog } from './read.js';

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
    if (!isFormat(f)) throw new UsageError(`不认识的输出格式「${f}」（可用 ${FORMAT_NAMES.join('、')}）`, `unknown format "${f}" (choose from ${FORMAT_NAMES.join(', ')})`);
  }
  if (os.length > fs.length) {
    throw new UsageError(
      `给了 ${os.length} 个 --output-file，却只有 ${fs.length} 个 --format：每个输出文件要配一个格式（如 -f sarif -o out.sarif）`,
      `${os.length} --output-file given for ${fs.length} --format: pair each file with a format (-f sarif -o out.sarif)`,
    );
  }
  const specs = fs.map((format, i) => (os[i] !== undefined ? { format, file: os[i] } : { format }));
  const toStdout = specs.filter((s) => s.file === undefined);
  if (toStdout.length > 1) {
    throw new UsageError(
      `只有一种格式可以输出到屏幕（${toStdout.map((s) => s.format).join('、')}）：请为其余格式加 --output-file`,
      `only one format can go to stdout (${toStdout.map((s) => s.format).join(', ')}): give the others an --output-file`,
    );
  }
  const binaryOut = toStdout.find((s) => isBinaryFormat(s.format));
  if (binaryOut && stdout && (stdout.isTTY || !stdout.bytes)) throw new UsageError(binaryToTerminalMessage(binaryOut.format, stdout.lang));
  const seen = new Set<string>();
  for (const s of specs) {
    if (s.file === undefined) continue;
    const abs = resolve(s.file);
    if (seen.has(abs)) throw new UsageError(`--output-file ${s.file} 给了两次`, `--output-file ${s.file} is given twice`);
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
  /** The files that were linted: never overwritten by an output file (besides every file in the run's ReadLog). */
  inputs: readonly string[];
  /** The files read in the run (default: ReadLog.current). */
  readLog?: ReadLog;
}

/** The message refusing an output file that is a file read in the run. */
function refusal(file: string, input: string, lang: Lang): string {
  const cwd = process.cwd();
  return lang === 'zh'
    ? `输出文件 ${file} 就是本次读取的文件 ${displayPath(input, cwd)}（同一路径、符号链接或硬链接），拒绝覆盖：请换一个输出路径`
    : `--output-file ${file} is ${displayPath(input, cwd)}, a file read in this run (same path, a symbolic link or a hard link); refusing to overwrite it: choose another output path`;
}

/** The file read in the run that `file` would overwrite, if any (resolving links; the same device and inode). */
function inputAt(file: string, inputs: ReadonlySet<string>, log: ReadLog): string | undefined {
  const abs = resolve(file);
  if (inputs.has(abs)) return abs;
  let st;
  try {
    st = statSync(abs);
  } catch {
    st = undefined;
  }
  if (st) {
    const same = log.same(st);
    if (same) return same.path;
    for (const input of inputs) {
      try {
        const s = statSync(input);
        if (s.dev === st.dev && s.ino === st.ino) return input;
      } catch {
        /* an input that is gone */
      }
    }
  }
  // a new file under a linked folder: compare the real path too
  try {
    const real = join(realpathSync(dirname(abs)), basename(abs));
    if (inputs.has(real)) return real;
  } catch {
    /* the folder does not exist yet */
  }
  return undefined;
}

/** Bytes gathered before a write to the file descriptor. */
const WRITE_CHUNK = 1 << 20;

/** A `Write` that writes UTF-8 to a file descriptor in chunks of about a megabyte; `end()` writes the rest. */
function fdWriter(fd: number): { write: (s: string) => void; end: () => void } {
  return chunked((text) => {
    const bytes = Buffer.from(text, 'utf8');
    let at = 0;
    while (at < bytes.length) at += writeSync(fd, bytes, at, bytes.length - at);
  });
}

/** A report's text passed on to `out` in chunks of about a megabyte (stdout, or a file descriptor above). */
function chunked(out: (s: string) => void): { write: (s: string) => void; end: () => void } {
  let parts: string[] = [];
  let size = 0;
  const flush = () => {
    if (parts.length === 0) return;
    out(parts.join(''));
    parts = [];
    size = 0;
  };
  return {
    write: (s) => {
      parts.push(s);
      size += s.length;
      if (size >= WRITE_CHUNK / 2) flush();
    },
    end: flush,
  };
}

/** What writes a report: text in pieces to a Write, or a file of its own at a path (a streamed workbook). */
type Producer = { text: (write: (s: string) => void) => void } | { file: (path: string) => Promise<void> };

/** Copy a file's bytes to a file descriptor, a megabyte at a time. */
function copyInto(from: string, fd: number): void {
  const src = openSync(from, 'r');
  try {
    const buf = Buffer.allocUnsafe(WRITE_CHUNK);
    for (let n = readSync(src, buf, 0, buf.length, null); n > 0; n = readSync(src, buf, 0, buf.length, null)) {
      let at = 0;
      while (at < n) at += writeSync(fd, buf, at, n - at);
    }
  } finally {
    closeSync(src);
  }
}

/** A temporary file of this process in a fresh folder of the system's temporary folder (removed by the caller). */
function scratchFile(name: string): { path: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'jixiao-lint-'));
  return { path: join(dir, name), remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Write a report to `file` through a temporary file in the same folder, renamed into place. */
async function writeAtomically(file: string, produce: Producer): Promise<void> {
  const abs = resolve(file);
  mkdirSync(dirname(abs), { recursive: true });
  let st;
  try {
    st = statSync(abs);
  } catch {
    st = undefined;
  }
  // A device or a pipe (-o /dev/null, -o /dev/stderr) is written to, not replaced.
  if (st && !st.isFile() && !st.isDirectory()) {
    const fd = openSync(abs, 'w');
    try {
      if ('text' in produce) {
        const w = fdWriter(fd);
        produce.text(w.write);
        w.end();
      } else {
        const scratch = scratchFile(basename(abs));
        try {
          await produce.file(scratch.path);
          copyInto(scratch.path, fd);
        } finally {
          scratch.remove();
        }
      }
    } finally {
      closeSync(fd);
    }
    return;
  }
  const dir = realpathSync(dirname(abs));
  const temp = join(dir, `.${basename(abs)}.${process.pid}.${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}.tmp`);
  const fd = openSync(temp, 'wx', 0o644);
  try {
    if ('text' in produce) {
      const w = fdWriter(fd);
      produce.text(w.write);
      w.end();
    } else {
      // the workbook writer opens the path itself (the empty file made above is its name, reserved)
      await produce.file(temp);
    }
    fsyncSync(fd);
  } catch (e) {
    closeSync(fd);
    unlinkSync(temp);
    throw e;
  }
  closeSync(fd);
  try {
    // a link at `file` is replaced by the report, never written through
    renameSync(temp, join(dir, basename(abs)));
  } catch (e) {
    try {
      unlinkSync(temp);
    } catch {
      /* already gone */
    }
    throw e;
  }
}

/**
 * Write each report to its file or to stdout. The results are read from `results` — an array, or
 * a source that reads them back from the run's temporary file — as many times as a format needs,
 * and every report is written in pieces (issue 26): none is held whole, nor are the findings.
 */
/** The streamed workbook writer (exceljs is loaded only when a workbook is written). */
async function writeXlsxFile(source: ResultSource, ctx: ReportContext, file: string): Promise<void> {
  await (await import('./xlsx-stream.js')).writeXlsxFile(source, ctx, file);
}

export async function writeOutputs(specs: readonly OutputSpec[], results: SubmissionResult[] | ResultSource, ctx: ReportContext, opts: WriteOptions): Promise<void> {
  const source = Array.isArray(results) ? arraySource(results) : (results as ResultSource);
  const inputs = new Set(opts.inputs.map((f) => resolve(f)));
  const log = opts.readLog ?? ReadLog.current;
  const lang = opts.lang ?? ctx.lang;
  for (const s of specs) {
    const input = s.file !== undefined ? inputAt(s.file, inputs, log) : undefined;
    if (s.file !== undefined && input !== undefined) throw new UsageError(refusal(s.file, input, lang));
    if (s.file === undefined && isBinaryFormat(s.format) && (opts.isTTY === true || opts.outBytes === undefined)) {
      throw new UsageError(binaryToTerminalMessage(s.format, opts.lang ?? ctx.lang));
    }
  }
  for (const s of specs) {
    const binary = s.format === 'xlsx';
    const writer = STREAM_WRITERS[s.format];
    if (!binary && !writer) throw new UsageError(`不认识的输出格式「${s.format}」`, `unknown format "${s.format}"`);
    if (s.file === undefined) {
      if (binary) {
        const scratch = scratchFile('report.xlsx');
        try {
          await writeXlsxFile(source, ctx, scratch.path);
          const fd = openSync(scratch.path, 'r');
          try {
            const buf = Buffer.allocUnsafe(WRITE_CHUNK);
            for (let n = readSync(fd, buf, 0, buf.length, null); n > 0; n = readSync(fd, buf, 0, buf.length, null)) opts.outBytes?.(new Uint8Array(buf.subarray(0, n)));
          } finally {
            closeSync(fd);
          }
        } finally {
          scratch.remove();
        }
      } else if (writer) {
        const out = chunked(opts.out);
        writer(source, { ...ctx, color: opts.color }, out.write);
        out.end();
      }
      continue;
    }
    // checked again just before writing: the folder may have changed while the run went on
    const input = inputAt(s.file, inputs, log);
    if (input !== undefined) throw new UsageError(refusal(s.file, input, lang));
    const produce: Producer = binary ? { file: (path) => writeXlsxFile(source, ctx, path) } : { text: (write) => (writer as NonNullable<typeof writer>)(source, { ...ctx, color: false }, write) };
    try {
      await writeAtomically(s.file, produce);
    } catch (e) {
      throw new UsageError(`无法写入 ${s.file}（${(e as NodeJS.ErrnoException).code ?? String(e)}）`, `cannot write ${s.file}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
    }
  }
}
