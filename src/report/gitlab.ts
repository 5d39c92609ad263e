/**
 * GitLab Code Quality report: a JSON array of issues
 * (description, check_name, fingerprint, severity, location.path, location.lines.begin).
 *
 * Severity: error → major, warning → minor, info → info. location.path is relative to
 * ctx.cwd (the project directory in CI). location.lines.begin is the line of JSON/YAML
 * input, the row of delimited text, 1 for a spreadsheet cell (named in the description).
 * The fingerprint hashes rule id, path, document and JSON pointer (FNV-1a 128, hex), so
 * GitLab matches the same issue between the merge request and its target branch.
 */
import type { Severity, SubmissionResult } from '../types.js';
import type { ReportContext } from './context.js';
import { inline } from './safe.js';
import { arraySource, collect, Fingerprinter, writeJsonWithArray, type ResultSource, type Write } from './stream.js';
import { cellOf, fnv1a128, lineOf, relativePath } from './util.js';

export type CodeQualitySeverity = 'info' | 'minor' | 'major' | 'critical' | 'blocker';
export const GITLAB_SEVERITY: Record<Severity, CodeQualitySeverity> = { error: 'major', warning: 'minor', info: 'info' };

export function writeGitlab(source: ResultSource, ctx: ReportContext, write: Write): void {
  const prints = new Fingerprinter(ctx.hash ?? fnv1a128);
  writeJsonWithArray(
    write,
    (issues) => issues,
    (item) =>
      source.each((r) => {
        const path = relativePath(r.file, ctx.cwd);
        for (const f of r.findings) {
          const cell = cellOf(f);
          item({
            type: 'issue',
            description: inline(cell ? `${f.message} (${cell})` : f.message),
            check_name: f.ruleId,
            fingerprint: prints.next(path, r, f),
            severity: GITLAB_SEVERITY[f.severity],
            location: { path, lines: { begin: lineOf(f) } },
          });
        }
      }),
  );
  write('\n');
}

export function formatGitlab(results: SubmissionResult[], ctx: ReportContext): string {
  return collect((w) => writeGitlab(arraySource(results), ctx, w));
}
