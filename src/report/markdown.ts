/**
 * A Markdown summary for people (a bureau's batch run, a CI job summary, a merge request
 * comment): the totals table first, then one row per submission (form, unit, counts by
 * severity, total score), then for each submission with findings its worst findings
 * (errors first, at most ctx.maxFindingsPerFile, default 10). Suppressed findings get a column of
 * their own (when there are any) and are all listed with their reasons.
 */
import type { Finding, Lang, Severity, SubmissionResult } from '../types.js';
import type { ReportContext } from './context.js';
import { formName, SEVERITY_NAMES } from './labels.js';
import { inline } from './safe.js';
import { placeInWords, suggestionText, type Summary } from './summary.js';
import { arraySource, collect, Tally, type ResultSource, type Write } from './stream.js';
import { bySeverity, countBySeverity, relativePath, submissionLabel } from './util.js';

/** Labels shared by every Markdown table of results (also the Action's job summary). */
export const TABLE_WORDS = {
  zh: {
    title: 'jixiao-lint 检查结果',
    files: '文件',
    file: '文件',
    form: '表格',
    unit: '单位',
    score: '自评总分',
    sev: { error: '错误', warning: '警告', info: '提示' } as Record<Severity, string>,
    level: '级别',
    place: '位置',
    rule: '规则',
    message: '问题',
    clean: '未发现问题。',
    suppressed: '已抑制',
    reason: '理由',
  },
  en: {
    title: 'jixiao-lint results',
    files: 'files',
    file: 'file',
    form: 'form',
    unit: 'unit',
    score: 'total score',
    sev: { error: 'errors', warning: 'warnings', info: 'infos' } as Record<Severity, string>,
    level: 'severity',
    place: 'place',
    rule: 'rule',
    message: 'message',
    clean: 'No problems found.',
    suppressed: 'suppressed',
    reason: 'reason',
  },
} as const;

const WORDS = {
  zh: { ...TABLE_WORDS.zh, more: (n: number) => `另有 ${n} 个问题未列出。` },
  en: { ...TABLE_WORDS.en, more: (n: number) => `${n} more not shown.` },
} as const;

export const SEV_ONE: Record<Lang, Record<Severity, string>> = SEVERITY_NAMES;

/** Make text safe inside a Markdown table cell: no line breaks, no pipes, no HTML, no
 * emphasis or links by accident, no control characters (escaped visibly: ANSI, NUL, C1, bidi). */
export function mdCell(s: string): string {
  return inline(s.replace(/\r?\n|\r/g, ' '))
    .replace(/([\\|*_`[\]])/g, '\\$1')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

/** One Markdown table row. */
export function row(cells: Array<string | number>): string {
  return `| ${cells.join(' | ')} |`;
}

/** The totals table: files and findings by severity, and a suppressed column when anything was suppressed. */
export function totalsTable(s: Summary, lang: Lang): string[] {
  const w = TABLE_WORDS[lang];
  const opt = <T,>(x: T): T[] => (s.suppressed > 0 ? [x] : []);
  return [
    row([w.files, w.sev.error, w.sev.warning, w.sev.info, ...opt(w.suppressed)]),
    row(['---:', '---:', '---:', '---:', ...opt('---:')]),
    row([s.files, s.errors, s.warnings, s.infos, ...opt(s.suppressed)]),
  ];
}

/** Where a finding is, for a table cell of its submission's section. */
const placeCell = (f: Finding, lang: Lang) => mdCell(placeInWords(f.location, lang) || '—');
const messageCell = (f: Finding, lang: Lang) => `${mdCell(f.message)}${f.suggestion !== undefined ? ` **${mdCell(suggestionText(f, lang))}**` : ''}`;

/** Markdown in pieces: the totals (a first pass), the table of submissions (a second), then each submission's findings (a third). */
export function writeMarkdown(source: ResultSource, ctx: ReportContext, write: Write): void {
  const w = WORDS[ctx.lang];
  const max = ctx.maxFindingsPerFile ?? 10;
  const tally = Tally.of(source);
  const s = tally.summary();
  const out: string[] = [`## ${w.title}`, '', ...totalsTable(s, ctx.lang), ''];
  // the suppressed column appears only when something was suppressed
  const opt = <T,>(x: T): T[] => (s.suppressed > 0 ? [x] : []);
  if (tally.results === 0) {
    write(`${out.join('\n')}\n`);
    return;
  }
  out.push(
    row([w.file, w.form, w.unit, w.sev.error, w.sev.warning, w.sev.info, ...opt(w.suppressed), w.score]),
    row(['---', '---', '---', '---:', '---:', '---:', ...opt('---:'), '---:']),
  );
  // every line is written followed by its line break: the pieces join to the lines joined
  write(out.map((l) => `${l}\n`).join(''));
  const label = (r: SubmissionResult) => submissionLabel(r, relativePath(r.file, ctx.cwd));
  source.each((r) => {
    const c = countBySeverity(r.findings);
    const cells = [c.error, c.warning, c.info, ...opt(r.suppressed?.length ?? 0)];
    write(`${row([mdCell(label(r)), mdCell(formName(r.form, ctx.lang)), mdCell(r.facts?.unit ?? '—'), ...cells, mdCell(r.facts?.totalScore ?? '—')])}\n`);
  });
  source.each((r) => {
    const hidden = r.suppressed ?? [];
    if (r.findings.length === 0 && hidden.length === 0) return;
    const c = countBySeverity(r.findings);
    const out: string[] = [];
    out.push('', `### ${mdCell(label(r))}`, '');
    const facts = [
      `**${w.form}** ${mdCell(formName(r.form, ctx.lang))}`,
      ...(r.facts?.unit !== undefined ? [`**${w.unit}** ${mdCell(r.facts.unit)}`] : []),
      ctx.lang === 'zh'
        ? `${c.error} 个错误，${c.warning} 个警告，${c.info} 个提示`
        : `${c.error} error(s), ${c.warning} warning(s), ${c.info} info`,
    ];
    out.push(facts.join(' · '), '');
    if (r.findings.length > 0) {
      out.push(row([w.level, w.place, w.rule, w.message]), row(['---', '---', '---', '---']));
      const worst = bySeverity(r.findings).slice(0, max);
      for (const f of worst) {
        out.push(row([SEV_ONE[ctx.lang][f.severity], placeCell(f, ctx.lang), mdCell(f.ruleId), messageCell(f, ctx.lang)]));
      }
      if (r.findings.length > worst.length) out.push('', w.more(r.findings.length - worst.length));
    }
    if (hidden.length > 0) {
      out.push('', `**${w.suppressed}**`, '', row([w.level, w.place, w.rule, w.message, w.reason]), row(['---', '---', '---', '---', '---']));
      for (const f of hidden) {
        out.push(row([SEV_ONE[ctx.lang][f.severity], placeCell(f, ctx.lang), mdCell(f.ruleId), messageCell(f, ctx.lang), mdCell(f.suppression.reason)]));
      }
    }
    write(out.map((l) => `${l}\n`).join(''));
  });
}

export function formatMarkdown(results: SubmissionResult[], ctx: ReportContext): string {
  return collect((w) => writeMarkdown(arraySource(results), ctx, w));
}
