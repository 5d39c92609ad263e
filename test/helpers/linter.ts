/**
 * Test helpers: one Linter for the whole suite, and the fixture format
 * (expected findings in a leading `# expect:` comment block, and optionally rule settings in a
 * `# config:` block written as the `rules:` mapping of a jixiao-lint.config.yaml).
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { ApprovalTable } from '../../src/check/ops/targets.js';
import { loadBytes } from '../../src/load/index.js';
import type { RuleSettings } from '../../src/check/engine.js';
import { validatePolicy, validateRuleSettings } from '../../src/config/config.js';
import { withPolicy } from '../../src/config/settings.js';
import { createLinter } from '../../src/node/resources.js';
import { parse as parseYaml } from 'yaml';
import type { Finding, Lang, SubmissionResult } from '../../src/types.js';

export const linter = createLinter();

export async function lintFile(path: string, lang: Lang = 'zh', settings?: RuleSettings): Promise<SubmissionResult[]> {
  const bytes = readFileSync(path);
  const loaded = await loadBytes(path, bytes);
  const approvals = /\.(ya?ml|json)$/.test(path) ? await fixtureTargets(new TextDecoder().decode(bytes), path) : [];
  return linter.lintLoaded(path, loaded, { lang, ...(settings ? { settings } : {}), ...(approvals.length > 0 ? { approvals } : {}) });
}

/**
 * The approved target tables a fixture names in `# targets: <path>` lines (relative to the
 * fixture; repeatable), read as --targets reads them: every target-table document of each file.
 */
export async function fixtureTargets(text: string, path: string): Promise<ApprovalTable[]> {
  const out: ApprovalTable[] = [];
  for (const m of text.matchAll(/^#\s*targets:\s*(\S.*?)\s*$/gm)) {
    const file = join(dirname(path), m[1] as string);
    const loaded = await loadBytes(file, readFileSync(file));
    for (const d of loaded.documents) {
      if ((d.data as { form?: unknown } | null)?.form === 'target-table') out.push({ file, data: d.data });
    }
    if (!loaded.documents.some((d) => (d.data as { form?: unknown } | null)?.form === 'target-table')) throw new Error(`${path}: # targets: ${file} holds no target table`);
  }
  return out;
}

export async function lintYaml(text: string, lang: Lang = 'zh', settings?: RuleSettings): Promise<Finding[]> {
  const loaded = await loadBytes('inline.yaml', new TextEncoder().encode(text));
  return linter.lintLoaded('inline.yaml', loaded, { lang, ...(settings ? { settings } : {}) }).flatMap((r) => r.findings);
}

/**
 * The `# config:` block of a fixture (the `rules:` mapping of a config file, indented under the
 * comment), validated like a config file; undefined when the file has none.
 */
export function parseFixtureConfig(text: string): RuleSettings | undefined {
  const lines = text.split(/\r?\n/);
  const start = lines.findIndex((l) => /^#\s*config:\s*$/.test(l));
  if (start < 0) return undefined;
  const body: string[] = [];
  for (const line of lines.slice(start + 1)) {
    const m = /^# {2}(.*)$/.exec(line);
    if (!m) break;
    body.push(m[1] as string);
  }
  const { settings, ...raw } = parseYaml(body.join('\n')) as Record<string, unknown>;
  // `settings:` holds shared settings (as in a config file); every other key is a rule id
  return withPolicy(validateRuleSettings(raw, linter.rules, 'fixture config'), validatePolicy(settings, 'fixture config: settings'));
}

/** One expected finding: "rule-id severity /pointer [line:col | row:col | Sheet!A1 | ¶paragraph]". */
export interface Expected {
  ruleId: string;
  severity: string;
  pointer: string;
  place?: string;
}

/**
 * Parse the `# expect:` block of a fixture (or another block of the same shape, e.g. the
 * `# suppressed:` findings); null when the file has none.
 */
export function parseExpectations(text: string, block = 'expect'): Expected[] | null {
  const lines = text.split(/\r?\n/);
  const start = lines.findIndex((l) => new RegExp(`^#\\s*${block}:`).test(l));
  if (start < 0) return null;
  if (new RegExp(`^#\\s*${block}:\\s*\\[\\]\\s*$`).test(lines[start] as string)) return [];
  const out: Expected[] = [];
  for (const line of lines.slice(start + 1)) {
    const m = /^#\s*-\s*(\S+)\s+(error|warning|info)\s+(\S*)(?:\s+(\S+))?\s*$/.exec(line);
    if (!m) break;
    const [, ruleId = '', severity = '', pointer = '', place] = m;
    out.push({ ruleId, severity, pointer: pointer === '""' ? '' : pointer, ...(place ? { place } : {}) });
  }
  return out;
}

/** A finding in the fixture notation, keeping only what the expectation states. */
export function describe(f: Finding, withPlace: boolean): string {
  const l = f.location;
  const place = l.sheet !== undefined ? `${l.sheet}!${l.cell}` : l.paragraph !== undefined ? `¶${l.paragraph}` : l.line !== undefined ? `${l.line}:${l.column}` : l.row !== undefined ? `${l.row}:${l.column}` : '';
  return `${f.ruleId} ${f.severity} ${l.pointer === '' ? '""' : l.pointer}${withPlace && place ? ` ${place}` : ''}`;
}

export function describeExpected(e: Expected): string {
  return `${e.ruleId} ${e.severity} ${e.pointer === '' ? '""' : e.pointer}${e.place ? ` ${e.place}` : ''}`;
}
