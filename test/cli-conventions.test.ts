/**
 * Conventions users know from ESLint and Spectral: `-` reads standard input (with
 * --stdin-filename), --print-config, `jixiao-lint init`, the --max-warnings line, Chinese
 * severities and form names in zh mode, recomputed values at the printed precision, and
 * SARIF rules with a helpUri.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { initTemplate } from '../src/node/commands/init.js';
import { ioText } from '../src/node/read.js';
import { choicesZh, rulesDocsUri, run, wrapHelp, type Io } from '../src/node/cli.js';
import { displayWidth } from '../src/report/width.js';
import { loadConfig } from '../src/node/config.js';
import { asPrinted, atPrintedPrecision, printedDecimals } from '../src/normalize/precision.js';
import { normalizeValue } from '../src/normalize/value.js';
import { formatSarif } from '../src/report/sarif.js';
import { cli, tmpFolder } from './helpers/cli.js';
import { linter } from './helpers/linter.js';

const BAD_RATE = readFileSync('fixtures/rules/execution-rate/invalid-initial-base.yaml', 'utf8');
const WARN_ONLY = readFileSync('fixtures/rules/deduction-needs-explanation/invalid.yaml', 'utf8');
const CSV = readFileSync('fixtures/suppressions/汇总表.csv');

/** The CLI with `input` on standard input. */
async function withStdin(input: Uint8Array | string, ...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const bytes = typeof input === 'string' ? new TextEncoder().encode(input) : input;
  const io: Io = { out: (s) => (out += s), err: (s) => (err += s), isTTY: false, stdin: async () => bytes };
  const code = await run(['node', 'jixiao-lint', ...args], io);
  return { code, out, err };
}

describe('- reads standard input', () => {
  it('a YAML submission by default, reported as <stdin>', async () => {
    const r = await withStdin(BAD_RATE, '-', '-f', 'json');
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.out) as { files: Array<{ file: string; form: string; findings: Array<{ ruleId: string; location: { line: number } }> }> };
    expect(doc.files.map((f) => [f.file, f.form])).toEqual([['<stdin>', 'project-self-eval']]);
    expect(doc.files[0]?.findings.map((f) => [f.ruleId, f.location.line])).toEqual([['execution-rate', 16]]);
  });

  it('--stdin-filename names it, picks the reader by its extension and applies the config overrides and baseline of that path', async () => {
    const dir = tmpFolder({
      'jixiao-lint.config.yaml': "overrides:\n  - files: ['2021/**']\n    rules: {no-problems-claim: off}\n",
      '2022/jixiao-lint.baseline.yaml': 'suppressions:\n  - {file: 表.csv, rule: unknown-column, at: /projects, reason: 已复核}\n',
    });
    const plain = await cli(join(dir, 'x.csv'), '-f', 'json').catch(() => null);
    expect(plain?.code).toBe(2); // no such file: stdin is the only way in
    const as2021 = await withStdin(CSV, '-', '--stdin-filename', join(dir, '2021/表.csv'), '-f', 'json', '-c', join(dir, 'jixiao-lint.config.yaml'));
    const doc2021 = JSON.parse(as2021.out) as { files: Array<{ file: string; form: string; findings: Array<{ ruleId: string }>; suppressed: unknown[] }> };
    expect(doc2021.files[0]?.file).toBe(join(dir, '2021/表.csv'));
    expect(doc2021.files[0]?.form).toBe('project-summary');
    expect(doc2021.files[0]?.findings.some((f) => f.ruleId === 'no-problems-claim')).toBe(false);
    const as2022 = await withStdin(CSV, '-', '--stdin-filename', join(dir, '2022/表.csv'), '-f', 'json', '-c', join(dir, 'jixiao-lint.config.yaml'));
    const doc2022 = JSON.parse(as2022.out) as typeof doc2021;
    expect(doc2022.files[0]?.findings.some((f) => f.ruleId === 'no-problems-claim')).toBe(true);
    expect(doc2022.files[0]?.suppressed).toHaveLength(1);
  });

  it('- alone; --stdin-filename only with -', async () => {
    const both = await withStdin(BAD_RATE, '-', 'fixtures/seeds');
    expect(both.code).toBe(2);
    expect(both.err).toBe('jixiao-lint: - （标准输入）不能与其他路径同时使用\n');
    const lone = await withStdin(BAD_RATE, 'fixtures/seeds', '--stdin-filename', 'a.yaml', '--lang', 'en');
    expect(lone.code).toBe(2);
    expect(lone.err).toBe('jixiao-lint: --stdin-filename needs the path - (standard input)\n');
  });
});

describe('--print-config <file>', () => {
  it('prints the config file and every rule with its severity and options for that file', async () => {
    const dir = tmpFolder({
      'jixiao-lint.config.yaml': "settings: {executionWeight: 20}\nrules:\n  execution-score: warning\n  category-weights: off\noverrides:\n  - files: ['2021/**']\n    rules: {grade-band: off, overachievement: {options: {ratio: 1.2}}}\n",
    });
    const config = join(dir, 'jixiao-lint.config.yaml');
    const r = await cli('--print-config', join(dir, '2021/a.yaml'), '-c', config);
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
    const doc = JSON.parse(r.out) as { file: string; config: string; settings: Record<string, unknown>; rules: Record<string, { severity: string; options: Record<string, unknown> }> };
    expect(doc.file).toBe(join(dir, '2021/a.yaml'));
    expect(doc.config).toMatch(/jixiao-lint\.config\.yaml$/);
    expect(Object.keys(doc.rules)).toEqual(linter.rules.map((x) => x.id).sort());
    expect(doc.settings).toMatchObject({ executionWeight: 20, indicatorTotal: 90, gradeBands: { excellent: 90, good: 80, fair: 60 } });
    expect(doc.rules['execution-score']?.severity).toBe('warning');
    expect(doc.rules['execution-score']?.options).toMatchObject({ cap: 1 });
    expect(doc.rules['category-weights']?.severity).toBe('off');
    expect(doc.rules['grade-band']?.severity).toBe('off');
    expect(doc.rules['overachievement']?.options.ratio).toBe(1.2);
    const other = JSON.parse((await cli('--print-config', join(dir, '2022/a.yaml'), '-c', config)).out) as typeof doc;
    expect(other.rules['grade-band']?.severity).toBe('error');
    expect(other.rules['overachievement']?.options.ratio).toBe(1.3);
  });
});

describe('jixiao-lint init', () => {
  it('writes a commented config that is valid and changes nothing until uncommented; never overwrites', async () => {
    const dir = tmpFolder({ '本局规则/.keep': '' });
    const r = await cli('init', '--dir', dir);
    expect(r.code).toBe(0);
    expect(r.out).toBe('已生成 jixiao-lint.config.yaml：按本局口径取消相应行的注释即可生效。\n');
    const file = join(dir, 'jixiao-lint.config.yaml');
    const text = readFileSync(file, 'utf8');
    expect(text).toBe(initTemplate('zh'));
    expect(text).toContain('#   executionWeight: 20');
    const config = loadConfig(undefined, dir);
    expect(config.file).toBe(file);
    expect(config.base).toEqual({});
    expect(config.policy.executionWeight).toBe(10);
    // every commented setting, uncommented, is valid and does what its comment says
    const uncommented = text.replace(/^( *)# ( *)([A-Za-z-]+:(?: .*)?|- files:.*)$/gm, '$1$2$3');
    expect(uncommented).not.toMatch(/^ *# *[A-Za-z-]+:/m);
    writeFileSync(file, uncommented);
    const bureau = loadConfig(undefined, dir);
    expect(bureau.ruleDirs).toEqual([join(dir, '本局规则')]);
    expect(bureau.policy).toMatchObject({ executionWeight: 20, indicatorTotal: 80, qualitativeBands: { achieved: 80, partly: 50 } });
    expect(bureau.base['overachievement']).toEqual({ options: { ratio: 1.2 } });
    expect(bureau.base['category-weights']?.severity).toBe('off');
    expect(bureau.base['unit-consistency']?.severity).toBe('warning');
    expect(bureau.settingsFor(join(dir, '2021/a.yaml'))['grade-band']?.severity).toBe('off');

    const again = await cli('init', '--dir', dir);
    expect(again.code).toBe(2);
    expect(again.err).toBe('jixiao-lint: jixiao-lint.config.yaml 已存在，未覆盖（如需重新生成，请先删除或改名）\n');
    expect(readFileSync(file, 'utf8')).toBe(uncommented);
  });

  it('English comments with --lang en; another config name also blocks it', async () => {
    const dir = tmpFolder({});
    expect((await cli('init', '--dir', dir, '--lang', 'en')).code).toBe(0);
    expect(parseYaml(readFileSync(join(dir, 'jixiao-lint.config.yaml'), 'utf8'))).toMatchObject({ extends: ['recommended'], rules: null });
    expect(loadConfig(undefined, dir).base).toEqual({});
    const json = tmpFolder({ 'jixiao-lint.config.json': '{}' });
    const r = await cli('init', '--dir', json, '--lang', 'en');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^jixiao-lint: jixiao-lint\.config\.json already exists; not overwritten/);
    expect(existsSync(join(json, 'jixiao-lint.config.yaml'))).toBe(false);
  });
});

describe('--max-warnings', () => {
  it('says in one line that the limit was exceeded (zh, en); silent within it', async () => {
    const dir = tmpFolder({ 'w.yaml': WARN_ONLY });
    const zh = await cli(join(dir, 'w.yaml'), '--max-warnings', '0');
    expect(zh.code).toBe(1);
    expect(zh.err).toBe('jixiao-lint: 警告 3 个，超过了 --max-warnings 上限 0\n');
    const en = await cli(join(dir, 'w.yaml'), '--max-warnings', '1', '--lang', 'en');
    expect(en.code).toBe(1);
    expect(en.err).toBe('jixiao-lint: 3 warning(s), more than --max-warnings 1\n');
    const within = await cli(join(dir, 'w.yaml'), '--max-warnings', '3');
    expect(within.code).toBe(0);
    expect(within.err).toBe('');
  });
});

describe('Chinese words in zh mode', () => {
  it('the summary table and markdown name forms in Chinese; stylish says 错误', async () => {
    const dir = tmpFolder({ 'a.yaml': BAD_RATE });
    const r = await cli(join(dir, 'a.yaml'), '--summary', '-f', 'markdown');
    expect(r.out).toContain('| 项目支出绩效自评表 | 示例单位 | 1 | 0 | 0 |');
    expect(r.err).toMatch(/项目支出绩效自评表\s+示例单位/);
    const s = await cli(join(dir, 'a.yaml'));
    expect(s.out).toMatch(/a\.yaml:16:9 {2}错误 {2}/);
  });
});

describe('recomputed values at the printed precision', () => {
  const cell = (text: string, kind: 'score' | 'rate') => normalizeValue(text, kind, { moneyUnit: '万元' });
  it('7.8933 on a form printed to 2 decimals reads 7.89; to none, 8; rates as printed percentages', () => {
    expect(printedDecimals(cell('7.80', 'score'))).toBe(2);
    expect(printedDecimals(cell('8', 'score'))).toBe(0);
    expect(printedDecimals(cell('99.98%', 'rate'))).toBe(2);
    expect(printedDecimals(cell('94', 'rate'))).toBe(0);
    expect(atPrintedPrecision(new Decimal('7.89333333'), [cell('7.80', 'score')])).toBe('7.89');
    expect(atPrintedPrecision(new Decimal('7.895'), [cell('7.80', 'score')])).toBe('7.90');
    expect(atPrintedPrecision(new Decimal('7.89333333'), [cell('10', 'score')])).toBe('8');
    expect(atPrintedPrecision(new Decimal('7.89333333'), [cell('10', 'score'), cell('2.5', 'score')])).toBe('7.9');
    expect(atPrintedPrecision(new Decimal('7.89333333'), [])).toBe('7.8933');
    expect(atPrintedPrecision(new Decimal('0.781234'), [cell('99.98%', 'rate')])).toBe('78.12%');
    expect(atPrintedPrecision(new Decimal('0.781234'), [cell('94', 'rate')])).toBe('78%');
    expect(asPrinted(new Decimal('7.89333'), cell('8.00', 'score'))).toBe('7.89');
    expect(asPrinted('x', cell('8.00', 'score'))).toBeUndefined();
    expect(asPrinted(new Decimal(1), 'not a cell')).toBeUndefined();
  });
});

describe('SARIF helpUri', () => {
  it('every rule points at its docs page by an absolute URI', () => {
    const log = JSON.parse(formatSarif([], { lang: 'zh', rules: linter.rules, rulesDocsUri: 'https://github.com/o/jixiao-lint/blob/v1.0.0/docs/rules/' })) as {
      runs: Array<{ tool: { driver: { rules: Array<{ id: string; helpUri?: string }> } } }>;
    };
    const rules = log.runs[0]!.tool.driver.rules;
    expect(rules.length).toBe(linter.rules.length);
    for (const r of rules) expect(r.helpUri).toBe(`https://github.com/o/jixiao-lint/blob/v1.0.0/docs/rules/${r.id}.md`);
    // a relative base is not an absolute URI: no helpUri rather than an invalid one
    const rel = JSON.parse(formatSarif([], { lang: 'zh', rules: linter.rules, rulesDocsUri: 'docs/rules/' })) as typeof log;
    expect(rel.runs[0]!.tool.driver.rules.every((r) => r.helpUri === undefined)).toBe(true);
  });

  it('the CLI takes the base from package.json (homepage or GitHub repository), never a path of this machine; informationUri always', async () => {
    expect(rulesDocsUri({ version: '1.2.3', homepage: 'https://github.com/acme/jixiao-lint#readme' }, '/nowhere')).toBe('https://github.com/acme/jixiao-lint/blob/v1.2.3/docs/rules/');
    expect(rulesDocsUri({ version: '1.2.3', repository: { url: 'git+https://github.com/acme/jixiao-lint.git' } }, '/nowhere')).toBe('https://github.com/acme/jixiao-lint/blob/v1.2.3/docs/rules/');
    expect(rulesDocsUri({ version: '1.2.3', repository: 'github:acme/jl' }, '/nowhere')).toBe('https://github.com/acme/jl/blob/v1.2.3/docs/rules/');
    expect(rulesDocsUri({ version: '1.2.3', homepage: 'https://jixiao.example.org/' }, '/nowhere')).toBe('https://jixiao.example.org/docs/rules/');
    expect(rulesDocsUri({ version: '1.2.3' }, '/nowhere')).toBeUndefined();
    expect(rulesDocsUri({ version: '1.2.3' }, process.cwd())).toBeUndefined();
    const dir = tmpFolder({ 'a.yaml': BAD_RATE });
    const r = await cli(join(dir, 'a.yaml'), '-f', 'sarif');
    const log = JSON.parse(r.out) as { runs: Array<{ tool: { driver: { rules: Array<{ id: string; helpUri?: string }> } } }> };
    const rate = log.runs[0]!.tool.driver.rules.find((x) => x.id === 'execution-rate');
    expect(rate?.helpUri ?? 'https://').toMatch(/^https:\/\//);
    expect((log.runs[0]!.tool.driver as { informationUri?: string }).informationUri).toMatch(/^https:\/\//);
  });
});

describe('command-line mistakes in one Chinese line (English with --lang en)', () => {
  const CASES: Array<[string[], string, string]> = [
    [['--formt', 'json', 'x'], 'jixiao-lint: 不认识的选项 --formt（是不是 --format？），jixiao-lint --help 列出全部选项\n', "unknown option '--formt'"],
    [['-f', 'nope', 'x'], 'jixiao-lint: 选项 -f, --format 的值「nope」不正确：可用 stylish、json、sarif、junit、gitlab、markdown、github、csv、html、xlsx\n', "argument 'nope' is invalid"],
    [['--lang', 'fr', 'x'], 'jixiao-lint: 选项 --lang 的值「fr」不正确：可用 zh、en\n', ''],
    [['--concurrency'], 'jixiao-lint: 选项 --concurrency 后缺少取值\n', ''],
    [['--shard', '5/4', 'x'], 'jixiao-lint: 选项 --shard 的值「5/4」不正确：应写成 i/n（1 ≤ i ≤ n），如 2/4\n', 'must be i/n'],
    [['--max-file-size', '1XB', 'x'], 'jixiao-lint: 选项 --max-file-size 的值「1XB」不正确：应为大小，如 20MB、500KB 或 1048576\n', 'must be a size'],
    [['explain'], 'jixiao-lint: 缺少参数 id（--help 显示用法）\n', "missing required argument 'id'"],
    [['no/such/file.yaml'], 'jixiao-lint: 找不到文件或文件夹：no/such/file.yaml\n', 'no such file or directory: no/such/file.yaml'],
    [['no/such/*.yaml'], 'jixiao-lint: 没有与 no/such/*.yaml 匹配的文件\n', 'no files match no/such/*.yaml'],
  ];
  it.each(CASES)('%j', async (args, zh, en) => {
    const r = await cli(...args);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toBe(zh);
    if (en) {
      const e = await cli(...args, '--lang', 'en');
      expect(e.code).toBe(2);
      expect(e.err).toContain(en);
    }
  });
});

describe('--help in Chinese (English with --lang en)', () => {
  it('describes every option in Chinese, wrapped by display width', async () => {
    const { out } = await cli('--help');
    expect(out).toContain('用法： jixiao-lint');
    expect(out).toContain('只报告错误');
    expect(out.replace(/\n\s+/g, '')).toContain('（可选 "zh"、"en"，默认 "zh"）');
    // what commander lays out (the examples after it are written by hand)
    const options = out.slice(0, out.indexOf('示例：'));
    // the text after commander's part is Chinese too (issue 25): no English headings
    expect(out).not.toMatch(/Examples|Exit codes|Formats read|Suppressions:/);
    expect(out).toContain('退出码：');
    for (const line of options.split('\n')) expect(displayWidth(line), line).toBeLessThanOrEqual(80);
    const en = await cli('--help', '--lang', 'en');
    expect(en.out).toContain('Usage: jixiao-lint');
    expect(en.out).toContain('report errors only');
    expect(en.out).toContain('Exit codes:');
  });

  it('wrapHelp breaks Chinese between characters and Latin text at spaces', () => {
    expect(wrapHelp('输出格式，可重复：stylish、json', 10)).toBe('输出格式，可重复：stylish、json');
    const wrapped = wrapHelp('文件、文件夹或 glob（文件夹中查找 .json、.yaml、.yml、.xlsx、.docx、.html', 40);
    expect(wrapped.split('\n').every((l) => displayWidth(l) <= 40)).toBe(true);
    expect(wrapped.replace(/\n/g, '')).toBe('文件、文件夹或 glob（文件夹中查找 .json、.yaml、.yml、.xlsx、.docx、.html');
    expect(wrapHelp('files, folders or globs (folders are searched for .json, .yaml)', 40)).toBe('files, folders or globs (folders are\nsearched for .json, .yaml)');
  });

  it('choicesZh turns commander\'s notes into Chinese', () => {
    expect(choicesZh('output format (choices: "yaml", "json", default: "yaml")')).toBe('output format（可选 "yaml"、"json"，默认 "yaml"）');
    expect(choicesZh('x (default: 3)')).toBe('x（默认 3）');
    expect(choicesZh('no notes')).toBe('no notes');
  });
});

describe('I/O errors in words', () => {
  it('names the usual codes in Chinese and English, and keeps the code', () => {
    expect(ioText('ENOENT', 'zh')).toBe('文件不存在（ENOENT）');
    expect(ioText('EACCES', 'en')).toBe('permission denied (EACCES)');
    expect(ioText('EXDEV', 'zh')).toBe('EXDEV');
    expect(ioText('constructor', 'zh')).toBe('constructor');
  });
});
