/**
 * GitHub Actions workflow commands, one line per finding:
 *   ::error file=reports/a.yaml,line=16,col=9,title=execution-rate::执行率填报为 78%，…
 * error → ::error, warning → ::warning, info → ::notice. Paths are relative to ctx.cwd
 * (GITHUB_WORKSPACE). A spreadsheet cell has line=1 and is named at the start of the message.
 * GitHub shows at most 10 annotations of each type per step; this formatter prints them all
 * (the GitHub Action orders and caps them).
 */
import type { Severity, SubmissionResult } from '../types.js';
import type { ReportContext } from './context.js';
import { inlineKeepBreaks } from './safe.js';
import { arraySource, collect, type ResultSource, type Write } from './stream.js';
import { cellOf, relativePath } from './util.js';

const COMMAND: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'notice' };

/** Escape the message of a workflow command: other control characters (ANSI escapes, NUL, C1,
 * bidi controls, U+2028/2029) and the legacy `##[` prefix are written as visible escapes first,
 * then GitHub's own rules (% CR LF). */
export function escapeData(s: string): string {
  return inlineKeepBreaks(s).replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escape a property value of a workflow command (also ':' and ','). */
export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

export function writeGithub(source: ResultSource, ctx: ReportContext, write: Write): void {
  source.each((r) => {
    const file = relativePath(r.file, ctx.cwd);
    for (const f of r.findings) {
      const l = f.location;
      const props: Array<[string, string]> = [['file', file]];
      const cell = cellOf(f);
      if (l.line !== undefined) {
        props.push(['line', String(l.line)]);
        if (l.column !== undefined) props.push(['col', String(l.column)]);
      } else if (l.row !== undefined) {
        props.push(['line', String(l.row)]);
      } else if (cell) {
        props.push(['line', '1']);
      }
      props.push(['title', f.ruleId]);
      const message = cell ? `${cell}: ${f.message}` : f.message;
      write(`::${COMMAND[f.severity]} ${props.map(([k, v]) => `${k}=${escapeProperty(v)}`).join(',')}::${escapeData(message)}\n`);
    }
  });
}

export function formatGithub(results: SubmissionResult[], ctx: ReportContext): string {
  return collect((w) => writeGithub(arraySource(results), ctx, w));
}
