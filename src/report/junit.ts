/**
 * JUnit XML (as read by GitLab, Jenkins, Azure DevOps and most CI test reports).
 *
 * - One <testsuite> per submission (per file; a file holding several submissions gets one
 *   suite per submission, named "file #2" or "file [Sheet]").
 * - One <testcase> per rule: every rule of ctx.rules that applies to the submission's form
 *   (passing when it did not fire), plus every rule that fired. classname is the file.
 * - A rule with at least one error → <failure type="error">, listing all its findings.
 * - A rule with only warnings or infos passes (as the exit code does): its findings are
 *   listed in the test case's <system-out>, so they are visible without failing the build.
 */
import type { Finding, SuppressedFinding, SubmissionResult } from '../types.js';
import type { ReportContext, RuleInfo } from './context.js';
import { xmlChars } from './safe.js';
import { placeOf } from './summary.js';
import { arraySource, collect, type ResultSource, type Write } from './stream.js';
import { countBySeverity, relativePath, submissionLabel } from './util.js';

/** Escape text for XML content and attribute values; drop characters XML 1.0 forbids. */
export function xmlEscape(s: string): string {
  return xmlChars(s)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** Attribute values also keep their line breaks. */
function attr(s: string): string {
  return xmlEscape(s).replace(/\n/g, '&#10;').replace(/\r/g, '&#13;').replace(/\t/g, '&#9;');
}

function applies(rule: RuleInfo, form: string | null): boolean {
  if (form === null) return false;
  return rule.forms === undefined || rule.forms.includes('*') || (rule.forms as string[]).includes(form);
}

function findingLine(f: Finding, path: string): string {
  const place = placeOf(f);
  return `${place ? `${path}:${place}` : path}  ${f.severity}  ${f.message}${f.location.pointer ? `  (${f.location.pointer})` : ''}`;
}

interface Case {
  name: string;
  findings: Finding[];
  suppressed: SuppressedFinding[];
}

function cases(r: SubmissionResult, rules: readonly RuleInfo[]): Case[] {
  const byRule = new Map<string, Case>();
  const caseOf = (id: string) => {
    let c = byRule.get(id);
    if (!c) byRule.set(id, (c = { name: id, findings: [], suppressed: [] }));
    return c;
  };
  for (const rule of rules) if (applies(rule, r.form)) caseOf(rule.id);
  for (const f of r.findings) caseOf(f.ruleId).findings.push(f);
  for (const f of r.suppressed ?? []) caseOf(f.ruleId).suppressed.push(f);
  return [...byRule.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** JUnit in pieces: a first pass counts the tests and failures the root element carries, the second writes the suites. */
export function writeJunit(source: ResultSource, ctx: ReportContext, write: Write): void {
  const rules = ctx.rules ?? [];
  let totalTests = 0;
  let totalFailures = 0;
  source.each((r) => {
    const list = cases(r, rules);
    totalTests += list.length;
    totalFailures += list.filter((c) => c.findings.some((f) => f.severity === 'error')).length;
  });
  write(['<?xml version="1.0" encoding="UTF-8"?>', `<testsuites name="jixiao-lint" tests="${totalTests}" failures="${totalFailures}" errors="0">`, ''].join('\n'));
  source.each((r) => write(`${suite(r, rules, ctx)}\n`));
  write('</testsuites>\n');
}

/** One submission's <testsuite>. */
function suite(r: SubmissionResult, rules: readonly RuleInfo[], ctx: ReportContext): string {
  const path = relativePath(r.file, ctx.cwd);
  const suiteName = submissionLabel(r, path);
  const list = cases(r, rules);
  const failures = list.filter((c) => c.findings.some((f) => f.severity === 'error')).length;
  const body = list.map((c) => {
    const open = `    <testcase name="${attr(c.name)}" classname="${attr(suiteName)}"`;
    if (c.findings.length === 0 && c.suppressed.length === 0) return `${open}/>`;
    // suppressed findings never fail a case; they are listed with their reason
    const lines = [
      ...c.findings.map((f) => findingLine(f, path)),
      ...c.suppressed.map((f) => `${findingLine(f, path)}  [suppressed: ${f.suppression.reason}]`),
    ];
    const text = xmlEscape(lines.join('\n'));
    const counts = countBySeverity(c.findings);
    if (counts.error > 0) {
      const first = c.findings.find((f) => f.severity === 'error') as Finding;
      const more = c.findings.length > 1 ? ` (+${c.findings.length - 1})` : '';
      return `${open}>\n      <failure type="error" message="${attr(first.message + more)}">${text}</failure>\n    </testcase>`;
    }
    return `${open}>\n      <system-out>${text}</system-out>\n    </testcase>`;
  });
  const props = [
    ...(r.form !== null ? [['form', r.form]] : []),
    ...(r.facts?.unit !== undefined ? [['unit', r.facts.unit]] : []),
    ...(r.facts?.totalScore !== undefined ? [['totalScore', r.facts.totalScore]] : []),
  ];
  const propsXml = props.length
    ? [`    <properties>`, ...props.map(([k, v]) => `      <property name="${attr(k!)}" value="${attr(v!)}"/>`), `    </properties>`]
    : [];
  return [
    `  <testsuite name="${attr(suiteName)}" tests="${list.length}" failures="${failures}" errors="0" skipped="0">`,
    ...propsXml,
    ...body,
    `  </testsuite>`,
  ].join('\n');
}

export function formatJunit(results: SubmissionResult[], ctx: ReportContext): string {
  return collect((w) => writeJunit(arraySource(results), ctx, w));
}
