import type { SubmissionResult } from '../types.js';
import type { ReportContext } from './context.js';
import { formatGithub } from './github.js';
import { formatGitlab } from './gitlab.js';
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
};

export { summarize, placeOf } from './summary.js';
