/**
 * Human output: one line per finding, `file:place  severity  message  rule-id`, grouped by file;
 * suppressed findings follow their file's findings, dimmed, each with its reason.
 */
import type { Finding, Lang, SubmissionResult } from '../types.js';
import { guardLineStarts, inline } from './safe.js';
import { arraySource, collect, Tally, type ResultSource, type Write } from './stream.js';
import { placeOf, suggestionText } from './summary.js';

const WORDS = {
  zh: { error: '错误', warning: '警告', info: '提示', suppressed: '已抑制', reason: '理由' },
  en: { error: 'error', warning: 'warning', info: 'info', suppressed: 'suppressed', reason: 'reason' },
} as const;

export interface StylishOptions {
  lang: Lang;
  color?: boolean;
}

export function writeStylish(source: ResultSource, { lang, color = false }: StylishOptions, write: Write): void {
  const paint = (code: number, s: string) => (color ? `\u001b[${code}m${s}\u001b[0m` : s);
  const sevColor = { error: 31, warning: 33, info: 36 } as const;
  const w = WORDS[lang];
  const tally = new Tally();
  // blocks separated by a blank line; every piece starts at a line start, so the guard works piece by piece
  let blocks = 0;
  const block = (text: string) => write(guardLineStarts(`${blocks++ === 0 ? '' : '\n\n'}${text}`));
  // Every text may come from a document (file names, sheet names, quoted cells): one inert line each.
  const whereOf = (file: string, f: Finding) => {
    const place = placeOf(f);
    const shown = inline(place ? `${file}:${place}` : file);
    // a line never starts with a workflow command or blanks, whatever the file is called
    return /^[\s:]/.test(shown) ? `./${shown}` : shown;
  };
  source.each((r) => {
    tally.add(r);
    const hidden = r.suppressed ?? [];
    if (r.findings.length === 0 && hidden.length === 0) return;
    const fix = (f: Finding) => (f.suggestion !== undefined ? `  ${paint(32, `【${inline(suggestionText(f, lang))}】`)}` : '');
    const lines = r.findings.map((f) => `${paint(4, whereOf(r.file, f))}  ${paint(sevColor[f.severity], w[f.severity])}  ${inline(f.message)}${fix(f)}  ${paint(90, inline(f.ruleId))}`);
    for (const f of hidden) {
      lines.push(paint(90, `${whereOf(r.file, f)}  ${w.suppressed}(${w[f.severity]})  ${inline(f.message)}  ${inline(f.ruleId)}`));
      lines.push(paint(90, `    ${w.reason}: ${inline(f.suppression.reason)}`));
    }
    block(lines.join('\n'));
  });
  const s = tally.summary();
  const total = s.errors + s.warnings + s.infos;
  const also = s.suppressed === 0 ? '' : lang === 'zh' ? `；另有 ${s.suppressed} 个问题已抑制（理由见上）` : `; ${s.suppressed} suppressed (reasons above)`;
  const tail =
    lang === 'zh'
      ? total === 0
        ? `✔ 检查了 ${s.files} 个文件，未发现问题${also}`
        : `✖ ${s.files} 个文件中共 ${total} 个问题（${s.errors} 个错误，${s.warnings} 个警告，${s.infos} 个提示）${also}`
      : total === 0
        ? `✔ ${s.files} file(s) checked, no problems${also}`
        : `✖ ${total} problem(s) in ${s.files} file(s) (${s.errors} error(s), ${s.warnings} warning(s), ${s.infos} info)${also}`;
  block(`${tail}\n`);
}

export function formatStylish(results: SubmissionResult[], options: StylishOptions): string {
  return collect((w) => writeStylish(arraySource(results), options, w));
}
