/**
 * SARIF 2.1.0 for GitHub code scanning (and any SARIF viewer).
 *
 * - tool.driver.rules lists every rule the linter ran (ctx.rules), plus any rule id that
 *   fired without being listed, so every result has a valid ruleIndex.
 * - artifactLocation.uri is relative to ctx.cwd (the repository root in CI), with forward
 *   slashes and each segment percent-encoded as UTF-8 (RFC 3986: a raw "项目.yaml" is not a
 *   valid URI reference; GitHub decodes the escapes). Files outside ctx.cwd get file:// URIs.
 * - region.startLine/startColumn are the line/column of JSON/YAML input (UTF-16 code units,
 *   hence run.columnKind), the row of delimited text, and 1 for a spreadsheet cell: the
 *   cell is then named in the message and in result.properties {sheet, cell}. A cell or line of
 *   a PDF adds its page (result.properties.page) and region.properties {page, box}: the box
 *   [left, top, right, bottom] in points from the page's top-left corner.
 * - partialFingerprints["jixiaoFingerprint/v1"] hashes rule id, path, document and JSON
 *   pointer, so an alert survives edits elsewhere in the file.
 */
import type { Finding, Severity, SubmissionResult } from '../types.js';
import type { ReportContext, RuleInfo } from './context.js';
import { arraySource, collect, Fingerprinter, writeJsonWithArray, type ResultSource, type Write } from './stream.js';
import { cellOf, fnv1a128, pathToUri, relativePath } from './util.js';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
export const FINGERPRINT_KEY = 'jixiaoFingerprint/v1';

type Level = 'error' | 'warning' | 'note';
const LEVEL: Record<Severity, Level> = { error: 'error', warning: 'warning', info: 'note' };

interface Text {
  text: string;
}

interface ReportingDescriptor {
  id: string;
  name: string;
  shortDescription: Text;
  fullDescription: Text;
  help: { text: string; markdown: string };
  helpUri?: string;
  defaultConfiguration: { level: Level };
  properties?: Record<string, unknown>;
}

/** "execution-rate" → "ExecutionRate" (SARIF rule names are identifiers, not sentences). */
function ruleName(id: string): string {
  return id
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join('');
}

/** A friendly PascalCase name that differs from the id (SARIF1001): "schema" → "SchemaRule". */
function nameOf(id: string): { name: string } {
  const name = ruleName(id);
  return { name: name.toLowerCase() === id.toLowerCase() ? `${name}Rule` : name };
}

function ensureSentence(s: string): string {
  const t = s.trim();
  return /[.。!！?？]$/.test(t) ? t : `${t}${/[\u3000-\u9fff]$/.test(t) ? '。' : '.'}`;
}

function descriptor(rule: RuleInfo, ctx: ReportContext): ReportingDescriptor {
  const { lang } = ctx;
  const fix = rule.docs.fix[lang];
  const example = rule.docs.example?.[lang];
  const label = lang === 'zh' ? { why: '原因', fix: '修改方法', example: '示例' } : { why: 'Why', fix: 'How to fix', example: 'Example' };
  const markdown = [
    `**${label.why}:** ${rule.docs.why[lang].trim()}`,
    `**${label.fix}:** ${fix.trim()}`,
    ...(example ? [`**${label.example}:**\n\n\`\`\`\n${example.trim()}\n\`\`\``] : []),
  ].join('\n\n');
  return {
    id: rule.id,
    ...nameOf(rule.id),
    shortDescription: { text: ensureSentence(rule.title[lang]) },
    fullDescription: { text: ensureSentence(rule.docs.why[lang]) },
    help: { text: fix.trim() + (example ? `\n\n${example.trim()}` : ''), markdown },
    ...helpUriOf(rule.id, ctx),
    defaultConfiguration: { level: LEVEL[rule.severity] },
  };
}

/** SARIF wants an absolute URI for helpUri (§3.49.12; the Multitool's SARIF1005): given only
 * when ctx.rulesDocsUri is an absolute URI. */
export function helpUriOf(id: string, ctx: Pick<ReportContext, 'rulesDocsUri'>): { helpUri?: string } {
  const base = ctx.rulesDocsUri;
  if (base === undefined || !/^[A-Za-z][A-Za-z0-9+.-]*:/.test(base)) return {};
  try {
    return { helpUri: new URL(`${encodeURIComponent(id)}.md`, base.endsWith('/') ? base : `${base}/`).href };
  } catch {
    return {};
  }
}

/** A descriptor for a rule id that fired but is not in ctx.rules. */
function bareDescriptor(id: string, severity: Severity): ReportingDescriptor {
  return {
    id,
    ...nameOf(id),
    shortDescription: { text: `${id}.` },
    fullDescription: { text: `${id}.` },
    help: { text: id, markdown: id },
    defaultConfiguration: { level: LEVEL[severity] },
  };
}

function region(f: Finding): Record<string, unknown> {
  const l = f.location;
  if (l.line !== undefined) return { startLine: l.line, ...(l.column !== undefined ? { startColumn: l.column } : {}) };
  if (l.row !== undefined) return { startLine: l.row };
  // a PDF: SARIF has no page region, so the page and the drawn box go in the region's property bag
  if (l.page !== undefined) return { startLine: 1, properties: { page: l.page, ...(l.box ? { box: l.box } : {}) } };
  return { startLine: 1 };
}

function properties(r: SubmissionResult, f: Finding): Record<string, unknown> {
  const l = f.location;
  return {
    pointer: l.pointer,
    ...(l.sheet !== undefined ? { sheet: l.sheet } : {}),
    ...(l.cell !== undefined ? { cell: l.cell } : {}),
    ...(l.page !== undefined ? { page: l.page } : {}),
    ...(l.row !== undefined ? { row: l.row, ...(l.column !== undefined ? { column: l.column } : {}) } : {}),
    ...(r.document ? { document: r.document } : {}),
    ...(r.form !== null ? { form: r.form } : {}),
    ...(f.expected !== undefined ? { expected: f.expected } : {}),
    ...(f.actual !== undefined ? { actual: f.actual } : {}),
    ...(f.suggestion !== undefined ? { suggestion: f.suggestion } : {}),
  };
}

/**
 * SARIF `fixes` (§3.55) for a finding with an exact correction: the value to write at its place,
 * replacing the printed value over its exact span (location.length, known for an unquoted
 * JSON/YAML number). Where the span is not known (a quoted or plain YAML string, a cell of a
 * sheet, which has no text region in the file) no fix is given — a wrong region is worse than
 * none — and the value stays in `properties.suggestion`.
 */
function fixesOf(r: SubmissionResult, f: Finding, ctx: ReportContext): { fixes?: unknown[] } {
  if (f.suggestion === undefined) return {};
  const l = f.location;
  if (l.line === undefined || l.column === undefined || l.length === undefined || l.sheet !== undefined) return {};
  const text = ctx.lang === 'zh' ? `建议改为 ${f.suggestion}` : `suggested: ${f.suggestion}`;
  return {
    fixes: [
      {
        description: { text },
        artifactChanges: [
          {
            artifactLocation: { uri: pathToUri(relativePath(r.file, ctx.cwd)) },
            replacements: [
              {
                deletedRegion: { startLine: l.line, startColumn: l.column, endLine: l.line, endColumn: l.column + l.length },
                insertedContent: { text: f.suggestion },
              },
            ],
          },
        ],
      },
    ],
  };
}

/** SARIF in pieces: a first pass finds the rules that fired without being listed (tool.driver.rules
 * comes first), the second writes the results one file at a time. */
export function writeSarif(source: ResultSource, ctx: ReportContext, write: Write): void {
  const hash = ctx.hash ?? fnv1a128;
  const rules: ReportingDescriptor[] = (ctx.rules ?? []).map((r) => descriptor(r, ctx));
  const index = new Map(rules.map((r, i) => [r.id, i]));
  source.each((r) => {
    for (const list of [r.findings, r.suppressed ?? []]) {
      for (const f of list) {
        if (!index.has(f.ruleId)) {
          index.set(f.ruleId, rules.length);
          rules.push(bareDescriptor(f.ruleId, f.severity));
        }
      }
    }
  });
  const pathOf = (r: SubmissionResult) => relativePath(r.file, ctx.cwd);
  const prints = new Fingerprinter(hash);
  const hiddenPrints = new Fingerprinter(hash);
  const result = (r: SubmissionResult, f: Finding, print: string) => {
    const cell = cellOf(f);
    return {
      ruleId: f.ruleId,
      ruleIndex: index.get(f.ruleId) as number,
      level: LEVEL[f.severity],
      message: { text: cell ? `${f.message} (${cell})` : f.message },
      locations: [{ physicalLocation: { artifactLocation: { uri: pathToUri(pathOf(r)) }, region: region(f) } }],
      partialFingerprints: { [FINGERPRINT_KEY]: print },
      ...fixesOf(r, f, ctx),
      properties: properties(r, f),
    };
  };
  const log = (results: string) => ({
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'jixiao-lint',
            ...(ctx.toolVersion ? { version: ctx.toolVersion, semanticVersion: ctx.toolVersion } : {}),
            ...(ctx.informationUri ? { informationUri: ctx.informationUri } : {}),
            rules,
          },
        },
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  });
  writeJsonWithArray(write, log, (item) =>
    source.each((r) => {
      const path = pathOf(r);
      for (const f of r.findings) item(result(r, f, prints.next(path, r, f)));
      // Suppressed findings stay in the log with SARIF's own suppression object (§3.35), so code
      // scanning shows them as dismissed with the reviewer's justification.
      for (const f of r.suppressed ?? []) {
        item({
          ...result(r, f, hiddenPrints.next(path, r, f)),
          suppressions: [
            {
              kind: f.suppression.source === 'submission' ? 'inSource' : 'external',
              status: 'accepted',
              justification: f.suppression.reason,
            },
          ],
        });
      }
    }),
  );
  write('\n');
}

export function formatSarif(results: SubmissionResult[], ctx: ReportContext): string {
  return collect((w) => writeSarif(arraySource(results), ctx, w));
}
