/**
 * Reports written piece by piece (issue 26, item 5): a formatter reads the results from a
 * `ResultSource` — as many passes as it needs (a first pass for the totals a report prints
 * before its details, then the details) — and hands its text to a `Write` in pieces, so a batch
 * of a few hundred thousand files is never held whole, neither its findings nor its report.
 * The CLI's source reads the results back from a temporary file one file at a time
 * (src/node/result-store.ts); `arraySource` serves an array, and `collect` joins the pieces
 * into the one string the formatters return. Both paths run the same code, so a report written
 * in pieces is the report built whole, byte for byte (test/report-stream.test.ts).
 * Browser-safe: no I/O here.
 */
import type { Finding, Severity, SubmissionResult } from '../types.js';
import type { Summary } from './summary.js';
import { fingerprintKey } from './util.js';

/** The results of a run, in their stable order; `each` may be called any number of times. */
export interface ResultSource {
  each(fn: (r: SubmissionResult) => void): void;
  /** The same, awaiting `fn` (a writer that must let its output drain, such as a streamed workbook). */
  eachAsync(fn: (r: SubmissionResult) => Promise<void> | void): Promise<void>;
}

/** Where a formatter writes its text, piece by piece. */
export type Write = (chunk: string) => void;

export function arraySource(results: readonly SubmissionResult[]): ResultSource {
  return {
    each(fn) {
      for (const r of results) fn(r);
    },
    async eachAsync(fn) {
      for (const r of results) await fn(r);
    },
  };
}

/** The source with only errors among the findings (`-q`). */
export function errorsOnly(source: ResultSource): ResultSource {
  const only = (r: SubmissionResult): SubmissionResult => ({ ...r, findings: r.findings.filter((f) => f.severity === 'error') });
  return {
    each(fn) {
      source.each((r) => fn(only(r)));
    },
    eachAsync(fn) {
      return source.eachAsync((r) => fn(only(r)));
    },
  };
}

/** What a writer wrote, as one string. */
export function collect(write: (w: Write) => void): string {
  const parts: string[] = [];
  write((s) => parts.push(s));
  return parts.join('');
}

/**
 * The totals of `summarize`, counted as the results pass: files are counted where the file
 * changes (a file's results are consecutive: a run lists them together, and so does a merge
 * of shards), so the count needs no set of every file name.
 */
export class Tally {
  files = 0;
  errors = 0;
  warnings = 0;
  infos = 0;
  suppressed = 0;
  results = 0;
  private last: string | undefined;

  add(r: SubmissionResult): void {
    this.results++;
    if (r.file !== this.last || this.results === 1) this.files++;
    this.last = r.file;
    for (const f of r.findings) {
      if (f.severity === 'error') this.errors++;
      else if (f.severity === 'warning') this.warnings++;
      else if (f.severity === 'info') this.infos++;
    }
    this.suppressed += r.suppressed?.length ?? 0;
  }

  summary(): Summary {
    return { files: this.files, errors: this.errors, warnings: this.warnings, infos: this.infos, suppressed: this.suppressed };
  }

  static of(source: ResultSource): Tally {
    const t = new Tally();
    source.each((r) => t.add(r));
    return t;
  }
}

/** Severity counts of a run's findings, by rule: what the HTML report's chart needs. */
export type SeverityCounts = Record<Severity, number>;

/**
 * Fingerprints as `fingerprints` (util.ts) gives them, one finding at a time: a key seen again
 * gets an occurrence suffix. A key holds the file's path, so a repeat can only be within one
 * file: the occurrences are counted per file (consecutive results of one path), not kept for
 * the whole run.
 */
export class Fingerprinter {
  private seen = new Map<string, number>();
  private path: string | undefined;

  constructor(private readonly hash: (s: string) => string) {}

  next(path: string, r: SubmissionResult, f: Finding): string {
    if (path !== this.path) {
      this.seen = new Map();
      this.path = path;
    }
    const h = this.hash(fingerprintKey(path, r, f));
    const n = (this.seen.get(h) ?? 0) + 1;
    this.seen.set(h, n);
    return n === 1 ? h : `${h}:${n}`;
  }
}

/** A string that no report holds, standing for the array written in pieces. */
const MARK = '\u2063jixiao-lint:stream\u2063';

/**
 * `JSON.stringify(value, null, 2)` of a value holding one long array, written in pieces:
 * `template(MARK)` is the value with the array replaced by the marker; `items` calls its
 * argument once per item of the array. The template is called again after the items, for
 * what follows the array (a summary counted while they went by). The text is the same as
 * stringifying the whole value.
 */
export function writeJsonWithArray(write: Write, template: (mark: string) => unknown, items: (item: (value: unknown) => void) => void): void {
  const whole = JSON.stringify(template(MARK), null, 2);
  const at = whole.indexOf(JSON.stringify(MARK));
  if (at < 0) throw new Error('writeJsonWithArray: the template has no place for the array');
  const lineStart = whole.lastIndexOf('\n', at) + 1;
  const indent = whole.slice(lineStart, at).length - whole.slice(lineStart, at).trimStart().length;
  const inner = `\n${' '.repeat(indent + 2)}`;
  write(whole.slice(0, at));
  let n = 0;
  items((value) => {
    write(`${n++ === 0 ? '[' : ','}${inner}${JSON.stringify(value, null, 2).replace(/\n/g, inner)}`);
  });
  write(n === 0 ? '[]' : `\n${' '.repeat(indent)}]`);
  // the text after the array from the template called again: totals counted while the items went by
  const after = JSON.stringify(template(MARK), null, 2);
  write(after.slice(after.indexOf(JSON.stringify(MARK)) + JSON.stringify(MARK).length));
}
