/**
 * Human output: one line per finding, `file:place  severity  message  rule-id`, grouped by file.
 */
import type { Lang, SubmissionResult } from '../types.js';
import { placeOf, summarize } from './summary.js';

const WORDS = {
  zh: { error: '错误', warning: '警告', info: '提示' },
  en: { error: 'error', warning: 'warning', info: 'info' },
} as const;

export interface StylishOptions {
  lang: Lang;
  color?: boolean;
}

export function formatStylish(results: SubmissionResult[], { lang, color = false }: StylishOptions): string {
  const paint = (code: number, s: string) => (color ? `\u001b[${code}m${s}\u001b[0m` : s);
  const sevColor = { error: 31, warning: 33, info: 36 } as const;
  const blocks: string[] = [];
  for (const r of results) {
    if (r.findings.length === 0) continue;
    const lines = r.findings.map((f) => {
      const place = placeOf(f);
      const where = place ? `${r.file}:${place}` : r.file;
      return `${paint(4, where)}  ${paint(sevColor[f.severity], WORDS[lang][f.severity])}  ${f.message}  ${paint(90, f.ruleId)}`;
    });
    blocks.push(lines.join('\n'));
  }
  const s = summarize(results);
  const total = s.errors + s.warnings + s.infos;
  const tail =
    lang === 'zh'
      ? total === 0
        ? `✔ 检查了 ${s.files} 个文件，未发现问题`
        : `✖ ${s.files} 个文件中共 ${total} 个问题（${s.errors} 个错误，${s.warnings} 个警告，${s.infos} 个提示）`
      : total === 0
        ? `✔ ${s.files} file(s) checked, no problems`
        : `✖ ${total} problem(s) in ${s.files} file(s) (${s.errors} error(s), ${s.warnings} warning(s), ${s.infos} info)`;
  return [...blocks, tail].join('\n\n') + '\n';
}
