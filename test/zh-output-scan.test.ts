/**
 * Chinese output in Chinese (issue 25, item 1): every fixture is linted in zh and written in every
 * format meant for people — stylish, HTML, csv, Markdown and the xlsx workbook — and the text is
 * scanned for what a clerk cannot act on: a JSON pointer, a form id, a schema keyword, an English
 * word. Machine formats (json, sarif, junit, gitlab, github) keep ids and are not scanned.
 *
 * What may stay, because it is the reader's own or a name they type: text quoted from the document
 * (inside 「」 or “”), file and sheet names, cell references (K12), rule ids (the public names a
 * config or suppression uses), and the tool's own name.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { BINARY_FORMATTERS, FORMATTERS } from '../src/report/index.js';
import { FORM_KINDS, type SubmissionResult } from '../src/types.js';
import { linter, lintFile } from './helpers/linter.js';

function walk(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const p = join(dir, name);
      return statSync(p).isDirectory() ? walk(p) : /\.(ya?ml|json|csv|txt|html?)$/.test(name) && !name.endsWith('.expected') ? [p] : [];
    });
}

const RULE_IDS = new Set(linter.rules.map((r) => r.id));
/** Schema keywords ajv names in its messages. */
const SCHEMA_WORDS = ['required', 'additionalProperties', 'minItems', 'maxItems', 'minLength', 'enum', 'const', 'oneOf', 'anyOf', 'pattern', 'type'];

/**
 * Names a user types into a config or baseline file (rule options, shared settings, the keys of a
 * suppression, command-line options): the rule docs of the HTML report say where to change a
 * default, and these names are how.
 */
const CONFIG_NAMES = new Set([
  ...linter.rules.flatMap((r) => Object.keys(r.options ?? {})),
  'settings', 'suppressions', 'rule', 'at', 'reason', 'file', 'sheet', 'extends', 'overrides', 'rules', 'off',
  'categoryWeights', 'gradeBands', 'qualitativeBands', 'executionWeight', 'indicatorTotal', 'hierarchy',
  'national', 'reverse', 'linear', 'qualitative', 'convert', 'explain', 'targets',
]);

/** The text left once what may stay is taken out. */
function residue(text: string, files: readonly string[]): string {
  let t = text;
  for (const f of files) t = t.split(f).join(' ');
  // quoted from the document, innermost first (「「x」」)
  for (let i = 0; i < 4; i++) t = t.replace(/「[^「」]*」/g, ' ').replace(/“[^“”]*”/g, ' ');
  t = t.replace(/[\w.\-/\\]+\.(ya?ml|json|csv|txt|html?|xlsx|docx)\b/g, ' ');
  t = t.replace(/jixiao-lint/g, ' ');
  // a suppression's written reason is the reviewer's own text
  t = t.replace(/(理由|抑制理由)[:：].*$/gm, ' ');
  // names of file formats and encodings a clerk knows by these names
  t = t.replace(/\b(YAML|JSON|UTF|LE|BE|Excel|Word|WPS|PDF|CSV|HTML|xlsx|docx|xls|doc|et|wps|ods|csv|txt|html|GB18030|GBK|BOM|Unicode|Office|LibreOffice)\b/g, ' ');
  t = t.replace(/\b[A-Z]{1,3}\d+\b/g, ' '); // a cell: K12
  t = t.replace(/[a-z]+(?:-[a-z]+)+/g, (m) => (RULE_IDS.has(m) ? ' ' : m));
  t = t.replace(/\b[a-z]+\b/g, (m) => (RULE_IDS.has(m) ? ' ' : m)); // one-word rule ids: schema
  t = t.replace(/--[a-z][a-z-]*/g, ' '); // a command-line option
  t = t.replace(/\bat: *\/[\w/]*/g, ' '); // a suppression as written in a file: {rule: …, at: /budget/rate}
  t = t.replace(/\b[A-Za-z]+(?:\.[A-Za-z]+)*\b/g, (m) => (m.split('.').every((p) => CONFIG_NAMES.has(p)) ? ' ' : m));
  return t;
}

/** What a clerk should not see, in the residue. */
function problems(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/(?:^|[\s：:（(，,])((?:\/[A-Za-z0-9_~\-.]+)+)/g)) out.push(`pointer ${m[1]}`);
  for (const id of FORM_KINDS) if (text.includes(id)) out.push(`form id ${id}`);
  for (const w of SCHEMA_WORDS) if (new RegExp(`\\b${w}\\b`).test(text)) out.push(`schema keyword ${w}`);
  for (const m of text.matchAll(/\b[A-Za-z]{3,}\b/g)) out.push(`English "${m[0]}"`);
  return out;
}

function htmlText(html: string): string {
  return html
    .replace(/<style[\s\S]*?<\/style>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
}

async function xlsxText(bytes: Uint8Array): Promise<string> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  const cells: string[] = [];
  wb.eachSheet((ws) => {
    cells.push(ws.name);
    ws.eachRow((row) => row.eachCell((c) => cells.push(c.text)));
  });
  return cells.join('\n');
}

// the hostile fixtures that plant workflow commands and escape sequences in unit names and
// reasons (test/hostile.test.ts) print that text as the document's own, unquoted, in the tables
const files = walk('fixtures').filter((f) => (!f.includes('/bad-rules/') || f.endsWith('rule.yaml')) && !/::[a-z-]+::|\\u001b|legacy/.test(readFileSync(f, 'latin1')));

describe('zh output of every fixture, in every format for people', () => {
  it('there are fixtures', () => expect(files.length).toBeGreaterThan(100));

  it('has no JSON pointer, form id, schema keyword or English word', async () => {
    const results: SubmissionResult[] = [];
    for (const f of files) results.push(...(await lintFile(f, 'zh')));
    const sheets = results.map((r) => r.document?.sheet).filter((s): s is string => s !== undefined);
    const names = [...new Set([...files, ...sheets])].sort((a, b) => b.length - a.length);
    const ctx = { lang: 'zh' as const, rules: linter.rules, cwd: process.cwd(), toolVersion: '0.1.0', generatedAt: '2026-12-07 21:30' };
    const outputs: Record<string, string> = {
      stylish: FORMATTERS.stylish!(results, ctx),
      html: htmlText(FORMATTERS.html!(results, ctx)),
      csv: FORMATTERS.csv!(results, ctx),
      markdown: FORMATTERS.markdown!(results, { ...ctx, maxFindingsPerFile: 1000 }),
      xlsx: await xlsxText(await BINARY_FORMATTERS.xlsx!(results, ctx)),
    };
    const found: string[] = [];
    for (const [format, text] of Object.entries(outputs)) {
      // quoted text may span lines (a cell with a line break): taken out of the whole output first
      for (const line of residue(text, names).split('\n')) {
        for (const p of problems(line)) found.push(`${format}: ${p} — ${line.trim().slice(0, 160)}`);
      }
    }
    expect([...new Set(found)]).toEqual([]);
  }, 120_000);
});
