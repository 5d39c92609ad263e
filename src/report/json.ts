/**
 * The JSON output contract (README "JSON output"): exactly one document.
 */
import type { SubmissionResult } from '../types.js';
import { arraySource, collect, Tally, writeJsonWithArray, type ResultSource, type Write } from './stream.js';

/** One entry of `files`. */
function entry(r: SubmissionResult): unknown {
  return {
    file: r.file,
    form: r.form,
    ...(r.document ? { document: r.document } : {}),
    // the printed layout a table was read by (layouts/*.yaml)
    ...(r.layout ? { layout: r.layout } : {}),
    findings: r.findings,
    suppressed: r.suppressed ?? [],
    // what the summaries print (unit, year, score, rate): jixiao-lint merge rebuilds them from here
    ...(r.facts && Object.keys(r.facts).length > 0 ? { facts: r.facts } : {}),
  };
}

/** The JSON report in pieces: each file's entry as it passes, the summary after them. */
export function writeJson(source: ResultSource, write: Write): void {
  const tally = new Tally();
  writeJsonWithArray(
    write,
    (files) => ({ files, summary: tally.summary() }),
    (item) =>
      source.each((r) => {
        tally.add(r);
        item(entry(r));
      }),
  );
  write('\n');
}

export function formatJson(results: SubmissionResult[]): string {
  return collect((w) => writeJson(arraySource(results), w));
}
