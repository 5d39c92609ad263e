import type { SubmissionResult } from '../types.js';
import type { ReportContext } from './context.js';
import { formatCsv } from './csv.js';
import { formatGithub } from './github.js';
import { formatGitlab } from './gitlab.js';
import { formatHtml } from './html.js';
import { formatJson } from './json.js';
import { formatJunit } from './junit.js';
import { formatMarkdown } from './markdown.js';
import { formatSarif } from './sarif.js';
import { formatStylish } from './stylish.js';

export type { ReportContext, RuleInfo } from './context.js';

export type Formatter = (results: SubmissionResult[], ctx: ReportContext) => string;

export const FORMATTERS: Record<string, Formatter> = {
  stylish: (results, ctx) => formatStylish(results, ctx),
  json: (results) => formatJson(results),
  sarif: formatSarif,
  junit: formatJunit,
  gitlab: formatGitlab,
  markdown: formatMarkdown,
  github: formatGithub,
  csv: formatCsv,
  html: formatHtml,
};

/** Formats that produce bytes (a workbook), asynchronously: written to a file, never to a terminal. */
export type BinaryFormatter = (results: SubmissionResult[], ctx: ReportContext) => Promise<Uint8Array>;

export const BINARY_FORMATTERS: Record<string, BinaryFormatter> = {
  // exceljs is loaded only when a workbook is written
  xlsx: async (results, ctx) => (await import('./xlsx.js')).formatXlsx(results, ctx),
};

/** Every format name, text formats first. */
export const FORMAT_NAMES: readonly string[] = [...Object.keys(FORMATTERS), ...Object.keys(BINARY_FORMATTERS)];

export function isFormat(name: string): boolean {
  return Object.hasOwn(FORMATTERS, name) || Object.hasOwn(BINARY_FORMATTERS, name);
}

export { summarize, placeOf } from './summary.js';
