/**
 * `jixiao-lint explain <id> [--lang zh|en] [-c file]`: print what a rule checks, why, an
 * example, how to fix it and its options (the text of docs/rules/<id>.md in one language).
 * An unknown id exits 2 with one line, suggesting the closest id when there is one.
 */
import { distance as levenshtein } from 'fastest-levenshtein';
import type { Rule } from '../../check/rules.js';
import { ruleText } from '../../docs/rule-docs.js';
import type { Lang } from '../../types.js';
import { loadConfig } from '../config.js';

export interface ExplainFlags {
  lang: Lang;
  config?: string;
}

export interface ExplainIo {
  out: (s: string) => void;
  err: (s: string) => void;
}

/** Levenshtein distance: the same package the rule compiler's "did you mean" uses (fastest-levenshtein). */
export const editDistance: (a: string, b: string) => number = levenshtein;

/** The id closest to `id` within an edit distance of 3, if any (ties: the first in id order). */
export function closestRuleId(id: string, rules: readonly Rule[]): string | undefined {
  let best: { id: string; d: number } | undefined;
  for (const r of [...rules].sort((a, b) => a.id.localeCompare(b.id))) {
    const d = editDistance(id.toLowerCase(), r.id);
    if (d <= 3 && (best === undefined || d < best.d)) best = { id: r.id, d };
  }
  return best?.id;
}

/** Returns the exit code: 0, or 2 for an unknown rule. */
export function explain(id: string, flags: ExplainFlags, io: ExplainIo): number {
  const { linter } = loadConfig(flags.config);
  const rule = linter.rule(id);
  if (!rule) {
    const near = closestRuleId(id, linter.rules);
    if (flags.lang === 'zh') io.err(`jixiao-lint: 没有规则「${id}」（${near ? `是不是「${near}」？` : ''}jixiao-lint rules 列出全部规则）\n`);
    else io.err(`jixiao-lint: unknown rule ${JSON.stringify(id)} (${near ? `did you mean "${near}"? ` : ''}see jixiao-lint rules)\n`);
    return 2;
  }
  io.out(ruleText(rule, flags.lang));
  return 0;
}
