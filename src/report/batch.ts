/**
 * The rows a bureau reviewer reads, shared by the spreadsheet-like reports (xlsx, csv) and the
 * HTML report: one row per submission (file, form name, unit, year, total self-score,
 * execution rate, counts) and one row per finding (file, place, severity, rule title,
 * message, rule id), in words of the chosen language. Browser-safe.
 */
import type { Decimal } from 'decimal.js';
import { normalizeValue } from '../normalize/value.js';
import type { Finding, Lang, Severity, SubmissionResult } from '../types.js';
import type { ReportContext } from './context.js';
import { formName, SEVERITY_NAMES } from './labels.js';
import { placeInWords, suggestionText } from './summary.js';
import { countBySeverity, relativePath, submissionLabel } from './util.js';

export interface SubmissionRow {
  file: string;
  form: string;
  unit: string;
  year: string;
  /** The total self-score as printed, and as a number when it is one. */
  totalScore: string;
  totalScoreValue: number | null;
  /** The execution rate as printed, and as a fraction (0.9998) when it is a number. */
  executionRate: string;
  executionRateValue: number | null;
  errors: number;
  warnings: number;
  infos: number;
  suppressed: number;
}

export interface FindingRow {
  file: string;
  place: string;
  severity: Severity;
  severityName: string;
  title: string;
  message: string;
  ruleId: string;
  /** Set for a suppressed finding: the written reason. */
  reason?: string;
  /** The exact value to write at the place, when the finding has one. */
  suggestion?: string;
  /** The worksheet or table of the place ('' for a text file). */
  sheet: string;
  /** The form kind's name and the unit of the submission. */
  form: string;
  unit: string;
}

export const BATCH_WORDS = {
  zh: {
    summarySheet: '汇总',
    findingsSheet: '问题清单',
    submissionHead: ['文件', '表格', '单位', '年度', '自评总分', '预算执行率', '错误', '警告', '提示', '已抑制'],
    findingHead: ['文件', '位置', '级别', '规则', '问题', '规则编号', '抑制理由'],
    /** The findings sheet of the workbook: the form, the unit and the sheet of each finding, and the suggested value. */
    findingSheetHead: ['文件', '表格', '单位', '工作表', '位置', '级别', '规则', '问题', '建议值', '规则编号', '抑制理由'],
    suppressedMark: (sev: string) => `已抑制（${sev}）`,
    reason: '理由',
  },
  en: {
    summarySheet: 'Summary',
    findingsSheet: 'Findings',
    submissionHead: ['file', 'form', 'unit', 'year', 'total score', 'execution rate', 'errors', 'warnings', 'infos', 'suppressed'],
    findingHead: ['file', 'place', 'severity', 'rule', 'message', 'rule id', 'suppression reason'],
    findingSheetHead: ['file', 'form', 'unit', 'sheet', 'place', 'severity', 'rule', 'message', 'suggested value', 'rule id', 'suppression reason'],
    suppressedMark: (sev: string) => `suppressed (${sev})`,
    reason: 'reason',
  },
} as const;

const toNumber = (d: Decimal | null): number | null => (d === null ? null : d.toNumber());

/** The total score and execution rate as numbers (for charts and sortable cells), read as printed. */
export function printedNumber(text: string | undefined, kind: 'score' | 'rate'): number | null {
  if (text === undefined) return null;
  const cell = normalizeValue(text, kind, { moneyUnit: '万元' });
  return cell.blank || cell.invalid ? null : toNumber(cell.value);
}

export function submissionRows(results: readonly SubmissionResult[], ctx: Pick<ReportContext, 'lang' | 'cwd'>): SubmissionRow[] {
  return results.map((r) => submissionRow(r, ctx));
}

/** The row of one submission. */
export function submissionRow(r: SubmissionResult, ctx: Pick<ReportContext, 'lang' | 'cwd'>): SubmissionRow {
  const c = countBySeverity(r.findings);
  return {
    file: submissionLabel(r, relativePath(r.file, ctx.cwd)),
    form: formName(r.form, ctx.lang),
    unit: r.facts?.unit ?? '',
    year: r.facts?.year ?? '',
    totalScore: r.facts?.totalScore ?? '',
    totalScoreValue: printedNumber(r.facts?.totalScore, 'score'),
    executionRate: r.facts?.executionRate ?? '',
    executionRateValue: printedNumber(r.facts?.executionRate, 'rate'),
    errors: c.error,
    warnings: c.warning,
    infos: c.info,
    suppressed: r.suppressed?.length ?? 0,
  };
}

/** The title of a rule in `lang` (from ctx.rules), or its id for a rule the context does not know. */
export function ruleTitle(ruleId: string, ctx: Pick<ReportContext, 'lang' | 'rules'>): string {
  return ctx.rules?.find((r) => r.id === ruleId)?.title[ctx.lang] ?? ruleId;
}

function findingRow(r: SubmissionResult, f: Finding, ctx: Pick<ReportContext, 'lang' | 'cwd' | 'rules'>, reason?: string): FindingRow {
  const sev = SEVERITY_NAMES[ctx.lang][f.severity];
  return {
    file: submissionLabel(r, relativePath(r.file, ctx.cwd)),
    place: placeInWords(f.location, ctx.lang) || '—',
    severity: f.severity,
    severityName: reason === undefined ? sev : BATCH_WORDS[ctx.lang].suppressedMark(sev),
    title: ruleTitle(f.ruleId, ctx),
    message: f.message,
    ruleId: f.ruleId,
    ...(reason !== undefined ? { reason } : {}),
    ...(f.suggestion !== undefined ? { suggestion: f.suggestion } : {}),
    sheet: f.location.sheet ?? r.document?.sheet ?? '',
    form: formName(r.form, ctx.lang),
    unit: r.facts?.unit ?? '',
  };
}

/** Every finding, in file order (each file's findings as reported), then its suppressed findings with their reasons. */
export function findingRows(results: readonly SubmissionResult[], ctx: Pick<ReportContext, 'lang' | 'cwd' | 'rules'>): FindingRow[] {
  return results.flatMap((r) => findingRowsOf(r, ctx));
}

/** The finding rows of one submission: its findings, then its suppressed findings. */
export function findingRowsOf(r: SubmissionResult, ctx: Pick<ReportContext, 'lang' | 'cwd' | 'rules'>): FindingRow[] {
  return [...r.findings.map((f) => findingRow(r, f, ctx)), ...(r.suppressed ?? []).map((f) => findingRow(r, f, ctx, f.suppression.reason))];
}

export { suggestionText };
export type { Lang };
