import type { SubmissionResult } from '../types.js';
import type { ReportContext } from './context.js';
import { formatCsv, writeCsv } from './csv.js';
import { formatGithub, writeGithub } from './github.js';
import { formatGitlab, writeGitlab } from './gitlab.js';
import { formatHtml, writeHtml } from './html.js';
import { formatJson, writeJson } from './json.js';
import { formatJunit, writeJunit } from './junit.js';
import { formatMarkdown, writeMarkdown } from './markdown.js';
import { formatSarif, writeSarif } from './sarif.js';
import { formatStylish, writeStylish } from './stylish.js';
import type { ResultSource, Write } from './stream.js';

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

/**
 * The same formats written in pieces from a source read as many times as they need (issue 26:
 * a batch's reports without holding every finding): the text is the formatter's, byte for byte.
 */
export type StreamWriter = (source: ResultSource, ctx: ReportContext, write: Write) => void;

export const STREAM_WRITERS: Record<string, StreamWriter> = {
  stylish: (source, ctx, write) => writeStylish(source, ctx, write),
  json: (source, _ctx, write) => writeJson(source, write),
  sarif: writeSarif,
  junit: writeJunit,
  gitlab: writeGitlab,
  markdown: writeMarkdown,
  github: writeGithub,
  csv: writeCsv,
  html: writeHtml,
};

export { arraySource, collect, errorsOnly, Tally, type ResultSource, type Write } from './stream.js';

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
