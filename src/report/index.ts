import type { Lang, SubmissionResult } from '../types.js';
import { formatJson } from './json.js';
import { formatStylish } from './stylish.js';

export interface ReportContext {
  lang: Lang;
  color?: boolean;
}

export type Formatter = (results: SubmissionResult[], ctx: ReportContext) => string;

export const FORMATTERS: Record<string, Formatter> = {
  stylish: (results, ctx) => formatStylish(results, ctx),
  json: (results) => formatJson(results),
};

export { summarize, placeOf } from './summary.js';
