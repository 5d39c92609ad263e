/**
 * `jixiao-lint rules [--lang zh|en] [--format text|json] [-c file]`: list the rules — the
 * built-in ones and a bureau's own (ruleDirs of the config file) — one line each: id,
 * severity after the configuration (`off` when turned off), forms and title, aligned by
 * display width (CJK characters count 2).
 */
import { sortRules } from '../../docs/rule-docs.js';
import { formName, severityName } from '../../report/labels.js';
import type { Lang } from '../../types.js';
import { loadConfig } from '../config.js';
import { displayWidth } from '../../report/width.js';
import { checkRules } from './rules-check.js';

export interface RulesFlags {
  lang: Lang;
  format: 'text' | 'json';
  config?: string;
  /** Check the rule files of this folder instead of listing (rules-check.ts). */
  check?: string;
}

export interface RulesIo {
  out: (s: string) => void;
  err: (s: string) => void;
}

function pad(s: string, width: number): string {
  return s + ' '.repeat(Math.max(0, width - displayWidth(s)));
}

/** Returns the exit code (0; configuration errors are thrown and reported by the CLI). */
export function listRules(flags: RulesFlags, io: RulesIo): number {
  if (flags.check !== undefined) return checkRules(flags.check, flags, io);
  const { linter, base } = loadConfig(flags.config);
  const all = flags.lang === 'zh' ? '全部' : 'all';
  // Text output is for people: severities and form names in words of the language; JSON keeps the ids.
  const formsWords = (forms: readonly string[]) => forms.map((f) => (f === '*' ? all : formName(f, flags.lang))).join(flags.lang === 'zh' ? '、' : ', ');
  const rows = sortRules(linter.rules).map((r) => ({
    id: r.id,
    severity: base[r.id]?.severity ?? r.severity,
    defaultSeverity: r.severity,
    forms: r.forms,
    stage: r.stage,
    title: r.title[flags.lang],
    cells: [r.id, severityName(base[r.id]?.severity ?? r.severity, flags.lang), formsWords(r.forms), r.title[flags.lang]],
  }));
  if (flags.format === 'json') {
    const doc = rows.map(({ cells: _, ...row }) => row);
    io.out(`${JSON.stringify(doc, null, 2)}\n`);
    return 0;
  }
  const widths = [0, 1, 2].map((i) => Math.max(0, ...rows.map((r) => displayWidth(r.cells[i] as string))));
  for (const r of rows) {
    const line = r.cells.map((c, i) => (i < 3 ? pad(c, widths[i] as number) : c)).join('  ');
    io.out(`${line.trimEnd()}\n`);
  }
  return 0;
}
