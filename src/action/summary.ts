/**
 * The job summary of the GitHub Action (Markdown, GITHUB_STEP_SUMMARY):
 *   - the totals, and how many findings were annotated and how many more there are;
 *   - problems of the run itself (unreadable files, outputs that could not be written);
 *   - a table of files: form, unit, errors, warnings, infos, total score;
 *   - the findings, worst first, each with its exact correction when it has one (「建议改为 10」);
 *   - the suppressed findings with their written reasons (never silently dropped).
 * GitHub refuses a step summary over 1 MiB: each table stops at its share of a byte budget
 * and says how many rows it left out.
 */
import { mdCell, row, SEV_ONE, TABLE_WORDS, totalsTable } from '../report/markdown.js';
import { formName } from '../report/labels.js';
import { placeOf, suggestionText, summarize } from '../report/summary.js';
import { bySeverity, countBySeverity, relativePath, submissionLabel } from '../report/util.js';
import type { Finding, Lang, Severity, SubmissionResult, SuppressedFinding } from '../types.js';

/** A finding's message, with its exact correction in bold when it has one (「建议改为 10」), as the Markdown report shows it. */
const messageCell = (f: Finding, lang: Lang) => `${mdCell(f.message)}${f.suggestion !== undefined ? ` **${mdCell(suggestionText(f, lang))}**` : ''}`;

/** GitHub's limit for one step's summary. */
export const SUMMARY_LIMIT_BYTES = 1024 * 1024;

export interface SummaryOptions {
  lang: Lang;
  cwd?: string;
  /** How many findings became annotations. */
  annotated: number;
  /** Problems of the run itself (one line each). */
  problems?: readonly string[];
  failOn?: string;
  /** Which files were linted, when not all of them (only-changed), in one line. */
  scope?: string;
  /** Total byte budget (default: 1 MiB less a margin for other steps' headers). */
  budget?: number;
}

const W = {
  zh: {
    ...TABLE_WORDS.zh,
    findings: '问题清单（严重的在前）',
    suppressedList: '已抑制的问题（不计入上表）',
    fileTable: '各文件',
    annotated: (shown: number, total: number) =>
      shown >= total ? `全部 ${total} 个问题已标注在文件中。` : `已在文件中标注 ${shown} 个问题（最严重的优先），另有 ${total - shown} 个未标注，见下方问题清单。`,
    more: (n: number, what: string) => `*另有 ${n} ${what}未列出（任务摘要不能超过 1 MiB）。*`,
    rows: '行',
    problems: '运行问题',
    failOn: (v: string) => `失败条件 fail-on: \`${v}\``,
  },
  en: {
    ...TABLE_WORDS.en,
    findings: 'Findings (worst first)',
    suppressedList: 'Suppressed findings (not counted above)',
    fileTable: 'Files',
    annotated: (shown: number, total: number) =>
      shown >= total
        ? `All ${total} finding(s) are annotated in the files.`
        : `${shown} finding(s) annotated (most severe first); ${total - shown} more not annotated, listed below.`,
    more: (n: number, what: string) => `*${n} more ${what} not shown (a job summary must stay under 1 MiB).*`,
    rows: 'row(s)',
    problems: 'Problems of the run',
    failOn: (v: string) => `fail-on: \`${v}\``,
  },
} as const;


const bytes = (s: string) => new TextEncoder().encode(s).length;

/** Add rows while they fit in `budget` bytes; returns the lines and how many were left out. */
function fit(rows: Iterable<string>, total: number, budget: number): { lines: string[]; left: number } {
  const lines: string[] = [];
  let used = 0;
  for (const r of rows) {
    const b = bytes(r) + 1;
    if (used + b > budget) break;
    used += b;
    lines.push(r);
  }
  return { lines, left: total - lines.length };
}

export function buildSummary(results: readonly SubmissionResult[], opts: SummaryOptions): string {
  const w = W[opts.lang];
  const budget = opts.budget ?? SUMMARY_LIMIT_BYTES - 16 * 1024;
  const all: Array<{ r: SubmissionResult; f: Finding }> = [];
  for (const r of results) for (const f of r.findings) all.push({ r, f });
  const hidden: Array<{ r: SubmissionResult; f: SuppressedFinding }> = [];
  for (const r of results) for (const f of r.suppressed ?? []) hidden.push({ r, f });
  /** "file[:place]" of a finding, relative to the workspace. */
  const whereOf = (r: SubmissionResult, f: Finding) => `${submissionLabel(r, relativePath(r.file, opts.cwd))}${placeOf(f) ? `:${placeOf(f)}` : ''}`;

  const head: string[] = [`## ${w.title}`, '', ...totalsTable(summarize(results), opts.lang), ''];
  head.push(all.length === 0 ? w.clean : w.annotated(opts.annotated, all.length));
  if (opts.scope) head.push('', mdCell(opts.scope));
  if (opts.failOn) head.push('', w.failOn(opts.failOn));
  if (opts.problems && opts.problems.length > 0) {
    head.push('', `### ${w.problems}`, '', ...opts.problems.slice(0, 50).map((p) => `- ${mdCell(p)}`));
    if (opts.problems.length > 50) head.push(`- … (${opts.problems.length - 50})`);
  }
  const out = [...head, ''];
  let remaining = budget - bytes(out.join('\n'));

  // Suppressed findings first (they are few, and a reviewer must see them): at most a quarter.
  if (hidden.length > 0) {
    const hiddenRows = function* () {
      for (const { r, f } of hidden) {
        yield row([SEV_ONE[opts.lang][f.severity], mdCell(whereOf(r, f)), mdCell(f.ruleId), messageCell(f, opts.lang), mdCell(f.suppression.reason)]);
      }
    };
    const header = [`### ${w.suppressedList}`, '', row([w.level, w.place, w.rule, w.message, w.reason]), row(['---', '---', '---', '---', '---'])];
    const { lines, left } = fit(hiddenRows(), hidden.length, Math.max(0, Math.floor(remaining / 4) - bytes(header.join('\n'))));
    const section = [...header, ...lines, ...(left > 0 ? ['', w.more(left, w.rows)] : []), ''];
    out.push(...section);
    remaining -= bytes(section.join('\n')) + 1;
  }

  // Files: at most 60% of what is left; findings get the rest.
  if (results.length > 0) {
    const labels = results.map((r) => submissionLabel(r, relativePath(r.file, opts.cwd)));
    const fileRows = function* () {
      for (const [i, r] of results.entries()) {
        const c = countBySeverity(r.findings);
        yield row([mdCell(labels[i] as string), mdCell(formName(r.form, opts.lang)), mdCell(r.facts?.unit ?? '—'), c.error, c.warning, c.info, mdCell(r.facts?.totalScore ?? '—')]);
      }
    };
    const header = [`### ${w.fileTable}`, '', row([w.file, w.form, w.unit, w.sev.error, w.sev.warning, w.sev.info, w.score]), row(['---', '---', '---', '---:', '---:', '---:', '---:'])];
    const share = Math.floor((remaining - bytes(header.join('\n'))) * (all.length > 0 ? 0.6 : 1)) - 200;
    const { lines, left } = fit(fileRows(), results.length, Math.max(0, share));
    const section = [...header, ...lines, ...(left > 0 ? ['', w.more(left, w.rows)] : []), ''];
    out.push(...section);
    remaining -= bytes(section.join('\n')) + 1;
  }

  if (all.length > 0) {
    const worst = bySeverity(all.map((x) => x.f));
    const owner = new Map(all.map((x) => [x.f, x.r]));
    const findingRows = function* () {
      for (const f of worst) {
        yield row([SEV_ONE[opts.lang][f.severity], mdCell(whereOf(owner.get(f) as SubmissionResult, f)), mdCell(f.ruleId), messageCell(f, opts.lang)]);
      }
    };
    const header = [`### ${w.findings}`, '', row([w.level, w.place, w.rule, w.message]), row(['---', '---', '---', '---'])];
    const { lines, left } = fit(findingRows(), worst.length, Math.max(0, remaining - bytes(header.join('\n')) - 200));
    out.push(...header, ...lines, ...(left > 0 ? ['', w.more(left, w.rows)] : []), '');
  }
  return out.join('\n');
}
