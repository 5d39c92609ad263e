/**
 * Formatters: golden files from fixed, hand-made results (independent of what the rules
 * currently find), SARIF schema validation (vendored SARIF 2.1.0 schema + the SARIF
 * Multitool's GitHub ingestion rules when its binary is installed), helpers, and the CLI's
 * -f/-o pairing.
 *
 * Update the goldens after an intended change:  UPDATE_GOLDEN=1 npx vitest run test/report.test.ts
 */
import { execFileSync } from 'node:child_process';
import { accessSync, constants, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import type { ReportContext, RuleInfo } from '../src/report/context.js';
import { escapeData, escapeProperty } from '../src/report/github.js';
import { FORMATTERS } from '../src/report/index.js';
import { xmlEscape } from '../src/report/junit.js';
import { mdCell } from '../src/report/markdown.js';
import { fingerprints, fnv1a128, pathToUri, relativePath } from '../src/report/util.js';
import type { SubmissionResult } from '../src/types.js';
import { cli } from './helpers/cli.js';
import { golden } from './helpers/golden.js';

const CWD = '/repo';

const RULES: RuleInfo[] = [
  {
    id: 'execution-rate',
    title: { zh: '预算执行率与执行数、预算数不符', en: 'Execution rate does not match spending ÷ adjusted budget' },
    severity: 'error',
    forms: ['project-self-eval', 'department-self-eval', 'project-summary'],
    docs: {
      why: { zh: '执行率 = 全年执行数 ÷ 全年预算数。', en: 'The rate is spending ÷ the adjusted budget.' },
      fix: { zh: '用全年执行数除以全年预算数重新计算。', en: 'Recompute it from spending and the adjusted budget.' },
      example: { zh: 'rate: "92.31%"', en: 'rate: "92.31%"' },
    },
  },
  {
    id: 'deduction-needs-explanation',
    title: { zh: '扣分未说明原因', en: 'Lost points without an explanation' },
    severity: 'warning',
    forms: ['project-self-eval'],
    docs: {
      why: { zh: '扣分须说明原因', en: 'Lost points need a reason' },
      fix: { zh: '填写偏差原因分析。', en: 'Explain the deviation.' },
    },
  },
  {
    id: 'parse-error',
    title: { zh: '文件无法解析', en: 'The file cannot be parsed' },
    severity: 'error',
    forms: ['*'],
    docs: { why: { zh: '文件格式错误。', en: 'The file is malformed.' }, fix: { zh: '修正语法。', en: 'Fix the syntax.' } },
  },
  {
    id: 'schema',
    title: { zh: '结构不符合表格定义', en: 'Structure does not match the form' },
    severity: 'error',
    forms: ['*'],
    docs: { why: { zh: '字段缺失或类型错误。', en: 'Fields are missing or of the wrong type.' }, fix: { zh: '补全字段。', en: 'Add the fields.' } },
  },
];

/** Covers: line/column, spreadsheet cells, suppressed findings (in the file and by a baseline), delimited rows, several documents in one file,
 * a clean file, an unreadable file, an absolute path under the root, a path outside it,
 * non-ASCII and spaces in paths, and every character the formats must escape. */
const RESULTS: SubmissionResult[] = [
  {
    file: 'reports/2024/项目 自评.yaml',
    form: 'project-self-eval',
    facts: { unit: '某市财政局 | 预算科', totalScore: '95' },
    findings: [
      {
        ruleId: 'deduction-needs-explanation',
        severity: 'warning',
        message: '执行率得分 9 低于权重 10（扣 1 分），但未说明原因。',
        location: { pointer: '/budget/explanation', line: 13, column: 3 },
      },
      {
        ruleId: 'execution-rate',
        severity: 'error',
        message: '执行率填报为 78%，但 100 ÷ 100 = 100.00%。a|b <tag> & "q" \'s\nsecond line: x, y',
        location: { pointer: '/budget/rate', line: 16, column: 9 },
        expected: '100.00%',
        actual: '78%',
      },
      {
        ruleId: 'execution-rate',
        severity: 'info',
        message: 'an info finding *not emphasis* [not a link](x) `code`',
        location: { pointer: '/projects/0/rate', line: 30, column: 11 },
      },
    ],
    suppressed: [
      {
        ruleId: 'deduction-needs-explanation',
        severity: 'warning',
        message: '指标「满意度」扣 2 分，但未说明原因。',
        location: { pointer: '/indicators/5/explanation', line: 40, column: 5 },
        suppression: { reason: '已在附件 2 中说明 | 经复核同意', source: 'submission' },
      },
    ],
  },
  {
    file: '/repo/bureau/汇总表.xlsx',
    form: 'project-summary',
    document: { index: 0, sheet: '项目汇总' },
    facts: { unit: '示例单位' },
    findings: [
      {
        ruleId: 'execution-rate',
        severity: 'error',
        message: '执行率填报为 93.33%，应为 92.31%。',
        location: { pointer: '/projects/0/rate', sheet: '项目汇总', cell: 'K12' },
      },
      {
        ruleId: 'execution-rate',
        severity: 'error',
        message: '执行率填报为 93.33%，应为 92.31%。',
        location: { pointer: '/projects/0/rate', sheet: '项目汇总', cell: 'K12' },
      },
    ],
    suppressed: [
      {
        ruleId: 'execution-rate',
        severity: 'error',
        message: '执行率填报为 80%，应为 75.00%。',
        location: { pointer: '/projects/1/rate', sheet: '项目汇总', cell: 'K13' },
        suppression: { reason: 'Budget includes funds managed for others <approved>', source: 'bureau/jixiao-lint.baseline.yaml' },
      },
    ],
  },
  {
    file: '/repo/bureau/汇总表.xlsx',
    form: 'project-self-eval',
    document: { index: 1, sheet: '自评表' },
    findings: [],
  },
  {
    file: 'text/targets.csv',
    form: 'target-table',
    findings: [{ ruleId: 'schema', severity: 'error', message: 'must have required property "unit"', location: { pointer: '/unit', row: 4, column: 2 } }],
  },
  {
    file: './broken.json',
    form: null,
    findings: [{ ruleId: 'parse-error', severity: 'error', message: 'Unexpected token } in JSON at 3:1', location: { pointer: '', line: 3, column: 1 } }],
  },
  {
    file: '/elsewhere/outside 100%.yaml',
    form: 'department-self-eval',
    findings: [{ ruleId: 'unlisted-rule', severity: 'warning', message: 'from a rule not in ctx.rules', location: { pointer: '/year' } }],
  },
];

const EXT: Record<string, string> = { stylish: 'txt', json: 'json', sarif: 'sarif', junit: 'xml', gitlab: 'json', markdown: 'md', github: 'txt' };

function ctx(lang: 'zh' | 'en'): ReportContext {
  return { lang, rules: RULES, cwd: CWD, toolVersion: '0.0.0-test', informationUri: 'https://example.org/jixiao-lint' };
}

describe('golden files', () => {
  for (const format of Object.keys(EXT)) {
    for (const lang of ['zh', 'en'] as const) {
      it(`${format} (${lang})`, () => {
        const formatter = FORMATTERS[format];
        expect(formatter).toBeDefined();
        golden(`${format}/sample.${lang}.${EXT[format]}`, formatter!(RESULTS, ctx(lang)));
      });
    }
    it(`${format} with no results`, () => {
      golden(`${format}/empty.${EXT[format]}`, FORMATTERS[format]!([], ctx('en')));
    });
  }
});

function sarifValidator(): ValidateFunction {
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  // RFC 3986 checks for the formats the schema uses (ajv-formats is not a dependency).
  const uriChars = /^(?:[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=]|%[0-9A-Fa-f]{2})*$/;
  ajv.addFormat('uri-reference', (s: string) => uriChars.test(s));
  ajv.addFormat('uri', (s: string) => uriChars.test(s) && /^[A-Za-z][A-Za-z0-9+.-]*:/.test(s));
  ajv.addFormat('uuid', /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/);
  ajv.addFormat('date-time', (s: string) => !Number.isNaN(Date.parse(s)));
  return ajv.compile(JSON.parse(readFileSync('test/vendor/sarif-schema-2.1.0.json', 'utf8')) as object);
}

interface SarifLog {
  runs: Array<{
    tool: { driver: { rules: Array<{ id: string; name: string; defaultConfiguration: { level: string }; help: { text: string; markdown: string } }> } };
    results: Array<{
      ruleId: string;
      ruleIndex: number;
      level: string;
      message: { text: string };
      locations: Array<{ physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn?: number } } }>;
      partialFingerprints: Record<string, string>;
      properties: Record<string, unknown>;
      suppressions?: Array<{ kind: string; status: string; justification: string }>;
    }>;
  }>;
}

describe('SARIF', () => {
  const validate = sarifValidator();
  const log = JSON.parse(FORMATTERS.sarif!(RESULTS, ctx('zh'))) as SarifLog;
  const run0 = log.runs[0]!;
  // The suppressed findings are results too, with a `suppressions` entry; the rest are the findings.
  const active = run0.results.filter((r) => r.suppressions === undefined);

  it('validates against the SARIF 2.1.0 schema', () => {
    expect(validate(log), JSON.stringify(validate.errors, null, 2)).toBe(true);
    expect(validate(JSON.parse(FORMATTERS.sarif!([], ctx('en')))), JSON.stringify(validate.errors)).toBe(true);
  });

  it('the schema check is not vacuous', () => {
    const bad = structuredClone(log);
    (bad.runs[0]!.results[0] as unknown as Record<string, unknown>).level = 'fatal';
    expect(validate(bad)).toBe(false);
    const rawUri = structuredClone(log);
    rawUri.runs[0]!.results[0]!.locations[0]!.physicalLocation.artifactLocation.uri = 'reports/项目 自评.yaml';
    expect(validate(rawUri)).toBe(false);
  });

  it('lists every rule with its help and level, and points each result at its rule', () => {
    const rules = run0.tool.driver.rules;
    expect(rules.map((r) => r.id)).toEqual(['execution-rate', 'deduction-needs-explanation', 'parse-error', 'schema', 'unlisted-rule']);
    expect(rules[0]).toMatchObject({ name: 'ExecutionRate', defaultConfiguration: { level: 'error' } });
    expect(rules[3]!.name).toBe('SchemaRule');
    expect(rules[0]!.help.text).toContain('重新计算');
    for (const r of run0.results) expect(rules[r.ruleIndex]!.id).toBe(r.ruleId);
    expect(active.map((r) => r.level)).toEqual(['warning', 'error', 'note', 'error', 'error', 'error', 'error', 'warning']);
  });

  it('keeps suppressed findings as results with an accepted suppression and its reason', () => {
    const hidden = run0.results.filter((r) => r.suppressions !== undefined);
    expect(hidden.map((r) => [r.ruleId, r.level, r.suppressions])).toEqual([
      ['deduction-needs-explanation', 'warning', [{ kind: 'inSource', status: 'accepted', justification: '已在附件 2 中说明 | 经复核同意' }]],
      ['execution-rate', 'error', [{ kind: 'external', status: 'accepted', justification: 'Budget includes funds managed for others <approved>' }]],
    ]);
  });

  it('uses repo-relative, percent-encoded URIs and line 1 for spreadsheet cells', () => {
    const uris = active.map((r) => r.locations[0]!.physicalLocation.artifactLocation.uri);
    expect(uris[0]).toBe('reports/2024/%E9%A1%B9%E7%9B%AE%20%E8%87%AA%E8%AF%84.yaml');
    expect(decodeURIComponent(uris[3]!)).toBe('bureau/汇总表.xlsx');
    expect(uris[6]).toBe('broken.json');
    expect(uris[7]).toBe('file:///elsewhere/outside%20100%25.yaml');
    const cell = active[3]!;
    expect(cell.locations[0]!.physicalLocation.region).toEqual({ startLine: 1 });
    expect(cell.message.text).toContain('(项目汇总!K12)');
    expect(cell.properties).toMatchObject({ sheet: '项目汇总', cell: 'K12', pointer: '/projects/0/rate' });
    expect(active[1]!.locations[0]!.physicalLocation.region).toEqual({ startLine: 16, startColumn: 9 });
  });

  it('fingerprints are stable across runs, lines and messages, and unique', () => {
    const prints = active.map((r) => r.partialFingerprints['jixiaoFingerprint/v1']);
    const all = run0.results.map((r) => r.partialFingerprints['jixiaoFingerprint/v1']);
    expect(new Set(all).size, 'suppressed results have fingerprints of their own').toBe(all.length);
    expect(new Set(prints).size).toBe(prints.length);
    const moved = RESULTS.map((r) => ({
      ...r,
      findings: r.findings.map((f) => ({ ...f, message: `${f.message}!`, location: { ...f.location, ...(f.location.line ? { line: f.location.line + 5 } : {}) } })),
    }));
    const again = (JSON.parse(FORMATTERS.sarif!(moved, ctx('en'))) as SarifLog).runs[0]!.results
      .filter((r) => r.suppressions === undefined)
      .map((r) => r.partialFingerprints['jixiaoFingerprint/v1']);
    expect(again).toEqual(prints);
    // Same file given as an absolute path under the root: same fingerprint.
    const abs = [{ ...RESULTS[0]!, file: `${CWD}/reports/2024/项目 自评.yaml` }];
    const first = (JSON.parse(FORMATTERS.sarif!(abs, ctx('zh'))) as SarifLog).runs[0]!.results[0]!.partialFingerprints['jixiaoFingerprint/v1'];
    expect(first).toBe(prints[0]);
    // The two identical findings of the workbook differ only by an occurrence suffix.
    expect(prints[4]).toBe(`${prints[3]}:2`);
  });

  const require = createRequire(import.meta.url);
  let multitool: string | undefined;
  try {
    multitool = require('@microsoft/sarif-multitool') as string;
    accessSync(multitool, constants.X_OK);
  } catch {
    multitool = undefined;
  }

  it.skipIf(multitool === undefined)('passes the SARIF Multitool, including its GitHub ingestion rules (Gh)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'jixiao-sarif-'));
    const input = join(dir, 'in.sarif');
    const output = join(dir, 'validation.sarif');
    writeFileSync(input, FORMATTERS.sarif!(RESULTS, ctx('zh')));
    execFileSync(multitool!, ['validate', input, '--rule-kind', 'Gh;Sarif', '--level', 'Error;Warning', '-o', output, '--log', 'ForceOverwrite'], {
      timeout: 120_000,
      stdio: 'pipe',
      env: { ...process.env, DOTNET_CLI_TELEMETRY_OPTOUT: '1' },
    });
    const report = JSON.parse(readFileSync(output, 'utf8')) as { runs: Array<{ results?: Array<{ ruleId: string; message: { text?: string; arguments?: string[] } }> }> };
    const problems = (report.runs[0]?.results ?? []).map((r) => `${r.ruleId}: ${r.message.text ?? (r.message.arguments ?? []).join(' ')}`);
    expect(problems).toEqual([]);
  });
});

describe('report helpers', () => {
  it('relativePath', () => {
    expect(relativePath('a/./b/../c.yaml', '/repo')).toBe('a/c.yaml');
    expect(relativePath('/repo/x/y.yaml', '/repo/')).toBe('x/y.yaml');
    expect(relativePath('/repository/y.yaml', '/repo')).toBe('/repository/y.yaml');
    expect(relativePath('../other/y.yaml', '/repo/sub')).toBe('/repo/other/y.yaml');
    expect(relativePath('C:\\work\\r\\a.yaml', 'C:\\work')).toBe('r/a.yaml');
    expect(relativePath('.\\a\\b.yaml')).toBe('a/b.yaml');
  });

  it('pathToUri', () => {
    expect(pathToUri('a b/c(1).yaml')).toBe('a%20b/c%281%29.yaml');
    expect(pathToUri('/tmp/x.yaml')).toBe('file:///tmp/x.yaml');
    expect(pathToUri('C:/w/项.yaml')).toBe('file:///C:/w/%E9%A1%B9.yaml');
  });

  it('fnv1a128 is FNV-1a over UTF-8', () => {
    expect(fnv1a128('')).toBe('6c62272e07bb014262b821756295c58d');
    expect(fnv1a128('a')).toBe('d228cb696f1a8caf78912b704e4a8964');
    expect(fnv1a128('项目')).toMatch(/^[0-9a-f]{32}$/);
    expect(fnv1a128('项目')).not.toBe(fnv1a128('项日'));
  });

  it('fingerprints take an injected hash', () => {
    const prints = fingerprints(RESULTS.slice(0, 1), (r) => r.file, (s) => `h(${s.split('\u0000').join('|')})`);
    expect(prints[0]![1]).toBe('h(execution-rate|reports/2024/项目 自评.yaml||/budget/rate)');
  });

  it('escapes workflow commands, XML and Markdown cells', () => {
    expect(escapeData('50% done\r\nnext: a, b')).toBe('50%25 done%0D%0Anext: a, b');
    expect(escapeProperty('a:b,c%\n')).toBe('a%3Ab%2Cc%25%0A');
    expect(xmlEscape(`<a href="x">&'\u0001`)).toBe('&lt;a href=&quot;x&quot;&gt;&amp;&apos;');
    expect(mdCell('a|b\nc <d> *e* &lt;')).toBe('a\\|b c &lt;d&gt; \\*e\\* &amp;lt;');
  });

  it('github annotations carry file, line, col and title', () => {
    const out = FORMATTERS.github!(RESULTS, ctx('zh')).split('\n');
    expect(out[1]).toMatch(/^::error file=reports\/2024\/项目 自评\.yaml,line=16,col=9,title=execution-rate::执行率填报为 78%25，/);
    expect(out[1]).toContain('%0Asecond line: x, y');
    expect(out[2]).toMatch(/^::notice /);
    expect(out[3]).toBe('::error file=bureau/汇总表.xlsx,line=1,title=execution-rate::项目汇总!K12: 执行率填报为 93.33%25，应为 92.31%25。');
  });

  it('junit: one suite per submission, failures for errors only', () => {
    const xml = FORMATTERS.junit!(RESULTS, ctx('en'));
    expect(xml.match(/<testsuite /g)).toHaveLength(RESULTS.length);
    expect(xml).toContain('<testsuite name="reports/2024/项目 自评.yaml" tests="4" failures="1"');
    expect(xml).toMatch(/<testcase name="deduction-needs-explanation" classname="reports\/2024\/项目 自评\.yaml">\n\s*<system-out>/);
    expect(xml).toContain('<testcase name="parse-error" classname="bureau/汇总表.xlsx [自评表]"/>');
  });

  it('gitlab: code quality issues', () => {
    const issues = JSON.parse(FORMATTERS.gitlab!(RESULTS, ctx('zh'))) as Array<Record<string, unknown>>;
    expect(issues[1]).toMatchObject({ check_name: 'execution-rate', severity: 'major', location: { path: 'reports/2024/项目 自评.yaml', lines: { begin: 16 } } });
    expect(issues.map((i) => i.severity)).toEqual(['minor', 'major', 'info', 'major', 'major', 'major', 'major', 'minor']);
    expect(new Set(issues.map((i) => i.fingerprint)).size).toBe(issues.length);
    expect(issues[5]).toMatchObject({ location: { path: 'text/targets.csv', lines: { begin: 4 } } });
  });

  it('markdown: totals first, worst findings first, capped', () => {
    const md = FORMATTERS.markdown!(RESULTS, { ...ctx('en'), maxFindingsPerFile: 2 });
    const lines = md.split('\n');
    expect(lines.slice(2, 5)).toEqual(['| files | errors | warnings | infos | suppressed |', '| ---: | ---: | ---: | ---: | ---: |', '| 5 | 5 | 2 | 1 | 2 |']);
    expect(md).toContain('| warning | line 40 | deduction-needs-explanation | 指标「满意度」扣 2 分，但未说明原因。 | 已在附件 2 中说明 \\| 经复核同意 |');
    const section = md.slice(md.indexOf('### reports/2024'));
    expect(section.indexOf('| error |')).toBeLessThan(section.indexOf('| warning |'));
    expect(section).toContain('1 more not shown.');
    expect(md).toContain('某市财政局 \\| 预算科');
  });
});

describe('CLI: several outputs (-f/-o pairs)', () => {
  const FIXTURE = 'fixtures/rules/execution-rate/invalid-initial-base.yaml';

  it('-f json -o file -f stylish: json to the file, stylish to stdout', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jixiao-out-'));
    const file = join(dir, 'nested', 'out.json');
    const r = await cli(FIXTURE, '-f', 'json', '-o', file, '-f', 'stylish');
    expect(r.code).toBe(1);
    expect(r.out).toContain('execution-rate');
    expect(r.out).not.toContain('"files"');
    const doc = JSON.parse(readFileSync(file, 'utf8')) as { files: Array<{ file: string }>; summary: { errors: number } };
    expect(doc.files[0]!.file).toBe(FIXTURE);
    expect(doc.summary.errors).toBeGreaterThan(0);
  });

  it('every format can be written at once; stdout has one summary line; files have no color codes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jixiao-out-'));
    const formats = Object.keys(FORMATTERS);
    const args = formats.flatMap((f) => ['-f', f, '-o', join(dir, `out.${f}`)]);
    const r = await cli(FIXTURE, ...args);
    // every report went to a file: one line says what was found and where each report went
    expect(r.out).toMatch(/^检查了 1 个文件：1 个错误，0 个警告，0 个提示；报告已写入 .*out\.stylish、.*out\.html\n$/);
    expect(r.code).toBe(1);
    for (const f of formats) {
      const text = readFileSync(join(dir, `out.${f}`), 'utf8');
      expect(text.length, f).toBeGreaterThan(0);
      expect(text, f).not.toContain('\u001b[');
    }
    const sarif = JSON.parse(readFileSync(join(dir, 'out.sarif'), 'utf8')) as SarifLog;
    expect(sarifValidator()(sarif)).toBe(true);
    // Relative to the working directory; every rule of the linter is listed.
    expect(sarif.runs[0]!.results[0]!.locations[0]!.physicalLocation.artifactLocation.uri).toBe(FIXTURE);
    expect(sarif.runs[0]!.tool.driver.rules.length).toBeGreaterThanOrEqual(10);
    expect(readFileSync(join(dir, 'out.github'), 'utf8')).toMatch(new RegExp(`^::error file=${FIXTURE.replace(/[./]/g, '\\$&')},line=\\d+,col=9,title=execution-rate::`));
  });

  it('a lone -o writes the default stylish format to the file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jixiao-out-'));
    const r = await cli(FIXTURE, '-o', join(dir, 'report.txt'));
    expect(r.out).toMatch(/报告已写入 .*report\.txt\n$/);
    expect(readFileSync(join(dir, 'report.txt'), 'utf8')).toContain('execution-rate');
  });

  it('usage errors exit 2 with one line: two formats on stdout, more files than formats, unknown format', async () => {
    const two = await cli(FIXTURE, '-f', 'json', '-f', 'stylish');
    expect(two.code).toBe(2);
    expect(two.err).toMatch(/只有一种格式可以输出到屏幕/);
    const dir = mkdtempSync(join(tmpdir(), 'jixiao-out-'));
    const extra = await cli(FIXTURE, '-f', 'json', '-o', join(dir, 'a'), '-o', join(dir, 'b'));
    expect(extra.code).toBe(2);
    expect(existsSync(join(dir, 'a'))).toBe(false);
    const unknown = await cli(FIXTURE, '-f', 'xml');
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('sarif');
  });

  it('never writes over a file being linted', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jixiao-out-'));
    const input = join(dir, 'a.yaml');
    const text = readFileSync(FIXTURE, 'utf8');
    writeFileSync(input, text);
    const r = await cli(input, '-f', 'json', '-o', input);
    expect(r.code).toBe(2);
    expect(readFileSync(input, 'utf8')).toBe(text);
  });
});
