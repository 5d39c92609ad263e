/**
 * Issue 12: hostile and broken input — no crash, no hang, no injection, never overwrite an input.
 * One test per class: the malformed corpus (fixtures/hostile/), injection into every line-oriented
 * output, special files and symbolic links, output files that would overwrite an input, config /
 * baseline / rule-file traps, limits given on the command line, internal errors.
 * Big cases are generated here into temporary folders, never committed.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, linkSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import ExcelJS from 'exceljs';
import { XMLValidator } from 'fast-xml-parser';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { runAction, type ActionCore } from '../src/action/run.js';
import { loadBytes } from '../src/load/index.js';
import { internalErrorResult, lintPaths } from '../src/node/lint-files.js';
import { failureLine } from '../src/node/cli.js';
import { FORMATTERS } from '../src/report/index.js';
import { guardLineStarts, inline } from '../src/report/safe.js';
import type { Linter } from '../src/lint.js';
import type { SubmissionResult } from '../src/types.js';
import { cli, tmpFolder } from './helpers/cli.js';
import { linter } from './helpers/linter.js';

const CORPUS = 'fixtures/hostile';
const OK = readFileSync('fixtures/rules/weights-sum/valid.yaml', 'utf8');
const BAD_RATE = readFileSync('fixtures/rules/execution-rate/invalid-initial-base.yaml', 'utf8');

/** Control characters and bidi controls that must never reach a line-oriented output raw. */
const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
/** GitHub's workflow commands start a line (after blanks); `##[` works anywhere in a line. */
const COMMAND_LINE = /^\s*::/;

async function lintCorpus(): Promise<SubmissionResult[]> {
  const results: SubmissionResult[] = [];
  for (const name of readdirSync(CORPUS).sort()) {
    const file = join(CORPUS, name);
    const loaded = await loadBytes(file, readFileSync(file));
    results.push(...linter.lintLoaded(file, loaded, { lang: 'zh' }));
  }
  return results;
}

/** Every text output of the results, each checked for what must never be in it. */
function checkOutputs(results: SubmissionResult[]): void {
  const ctx = { lang: 'zh' as const, rules: linter.rules, cwd: process.cwd() };
  for (const [name, format] of Object.entries(FORMATTERS)) {
    const text = format(results, ctx);
    if (name === 'json' || name === 'sarif' || name === 'gitlab') expect(() => JSON.parse(text), name).not.toThrow();
    if (name === 'junit') expect(XMLValidator.validate(text), name).toBe(true);
    if (name === 'stylish' || name === 'github' || name === 'markdown') {
      const lines = text.split('\n');
      for (const line of lines) {
        expect(RAW_CONTROL.test(line), `${name}: ${JSON.stringify(line)}`).toBe(false);
        expect(line.includes('##['), `${name}: ${line}`).toBe(false);
        if (name === 'github') expect(line === '' || /^::(error|warning|notice) file=[^\n]*::/.test(line), line).toBe(true);
        else expect(COMMAND_LINE.test(line), `${name}: ${line}`).toBe(false);
      }
      // U+2028/2029 and NEL end a line for some readers: none left raw
      expect(/[\u0085\u2028\u2029]/.test(text), name).toBe(false);
    }
    if (name === 'github') expect(text.split('\n').filter((l) => l !== '').length).toBe(results.reduce((n, r) => n + r.findings.length, 0));
  }
}

describe('the malformed corpus (fixtures/hostile)', () => {
  it('every file gives findings (never an exception, never silence), within a few seconds', async () => {
    const results = await lintCorpus();
    const byFile = new Map<string, string[]>();
    for (const r of results) byFile.set(r.file, [...(byFile.get(r.file) ?? []), ...r.findings.map((f) => f.ruleId)]);
    const ids = (name: string) => byFile.get(join(CORPUS, name)) ?? [];
    // what cannot be read at all is one parse-error
    for (const name of ['truncated.json', 'truncated.yaml', 'invalid-utf8.yaml', 'garbage.xlsx', 'garbage.docx', 'zip-without-workbook.xlsx', 'broken-workbook-xml.xlsx', 'deep.json', 'only-spaces.json']) {
      expect(ids(name), name).toEqual(['parse-error']);
    }
    // values where a string is expected, names of Object.prototype members: findings, no crash
    expect(ids('proto-unit.yaml')).toEqual(['schema']);
    expect(ids('money-unit-constructor.yaml')).toEqual(['schema']);
    expect(ids('money-unit-tostring.yaml')).toEqual(['schema']);
    expect(ids('proto-keys.json').length).toBeGreaterThan(0);
    expect(ids('inject-cell.yaml')).toEqual(['invalid-number']);
    expect(ids('huge-numbers.yaml')).toContain('invalid-number');
    // no message ever carries a library's internal text
    for (const r of results) {
      for (const f of r.findings) expect(f.message, `${r.file} ${f.ruleId}`).not.toMatch(/DecimalError|Cannot convert|Maximum call stack|Invalid string length|undefined|\[object Object\]/);
    }
    // nothing reached Object.prototype
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });

  it('every output format of the corpus parses, and no line-oriented output carries a raw control character or an injected command', async () => {
    checkOutputs(await lintCorpus());
  });

  it('an empty file is one finding, never passed over in silence', async () => {
    const dir = tmpFolder({ 'empty.yaml': '' });
    const r = await cli(join(dir, 'empty.yaml'));
    expect(r.out).toContain('文件为空');
    expect(r.code).toBe(2);
  });
});

describe('injection into line-oriented outputs', () => {
  const evil = 'x\n::error file=a.yaml::injected\r::add-mask::s\u2028::stop-commands::t\u0085##[warning]w \u001b[31mred \u0000 \u009b \u202eabc';

  it('inline() escapes line breaks, control characters, bidi controls and ##[ visibly', () => {
    expect(inline(evil)).toBe(
      'x\\n::error file=a.yaml::injected\\r::add-mask::s\\u2028::stop-commands::t\\u0085##\\u005bwarning]w \\u001b[31mred \\u0000 \\u009b \\u202eabc',
    );
    expect(inline({ toString: () => { throw new Error('x'); } })).toBe('{}');
    expect(guardLineStarts('ok\n  ::error::x\n::y')).toBe('ok\n  \\::error::x\n\\::y');
  });

  it('a cell, a reason, a sheet name and a file name from a document never start a line or reach the terminal raw', () => {
    const results: SubmissionResult[] = [
      {
        file: `::error file=x::${evil}.yaml`,
        form: 'project-self-eval',
        document: { index: 0, sheet: `表\n::add-mask::x` },
        facts: { unit: evil, totalScore: evil },
        findings: [
          { ruleId: 'execution-rate', severity: 'error', message: `执行率填报为 ${evil}`, location: { pointer: '/budget/rate', sheet: evil, cell: 'K12' } },
          { ruleId: 'invalid-number', severity: 'warning', message: evil, location: { pointer: '/x', line: 3, column: 2 } },
        ],
        suppressed: [{ ruleId: 'schema', severity: 'info', message: evil, location: { pointer: '' }, suppression: { reason: evil, source: evil } }],
      } as unknown as SubmissionResult,
    ];
    checkOutputs(results);
    const stylish = FORMATTERS.stylish!(results, { lang: 'zh' });
    expect(stylish.split('\n')[0]).toMatch(/^\.\/::error file=x::/);
  });

  it('the CLI: stylish and github output of an injected cell', async () => {
    const r = await cli(join(CORPUS, 'inject-cell.yaml'), '-f', 'github');
    expect(r.out.split('\n').filter((l) => l !== '')).toHaveLength(1);
    expect(r.out).toMatch(/^::error file=[^,]*inject-cell\.yaml,line=\d+,col=\d+,title=invalid-number::/);
    expect(r.out).toContain('%0A::error file=a.yaml::injected');
    const s = await cli(join(CORPUS, 'inject-cell.yaml'), join(CORPUS, 'inject-reason.yaml'));
    for (const line of s.out.split('\n')) {
      expect(COMMAND_LINE.test(line), line).toBe(false);
      expect(RAW_CONTROL.test(line), JSON.stringify(line)).toBe(false);
    }
    expect(s.out).toContain('理由: ok\\n::error::injected\\u001b]0;title\\u0007');
  });
});

describe('the GitHub Action log', () => {
  it('an injected cell and an injected file name reach the log, the annotations and the summary only as inert text', async () => {
    const dir = tmpFolder({ 'a.yaml': readFileSync(join(CORPUS, 'inject-cell.yaml'), 'utf8'), '::error::x.yaml': BAD_RATE, 'r.yaml': readFileSync(join(CORPUS, 'inject-reason.yaml'), 'utf8') });
    const lines: string[] = [];
    // what @actions/core writes: a command line per annotation (data escaped: % CR LF), info as it is
    const cmd = (name: string) => (m: string, p?: { file?: string }) => lines.push(`::${name} file=${p?.file ?? ''}::${m.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A')}`);
    const core: ActionCore = {
      error: cmd('error'),
      warning: cmd('warning'),
      notice: cmd('notice'),
      info: (m) => lines.push(...m.split(/\r?\n|\r/)),
      setOutput: () => {},
      setFailed: cmd('error'),
    };
    let summary = '';
    const outcome = await runAction(
      { paths: dir, ignore: '', config: '', 'fail-on': '', outputs: '', 'max-annotations': '50', lang: '' },
      { core, cwd: dir, writeSummary: async (md) => void (summary = md), setup: () => ({ linter }) },
    );
    expect(outcome.errors).toBeGreaterThan(1);
    const commands = lines.filter((l) => COMMAND_LINE.test(l));
    // every command line is one the action wrote: an annotation or the failure
    expect(commands.length).toBe(outcome.annotated + 1);
    for (const l of commands) expect(l, l).toMatch(/^::(error|warning|notice) file=[^:]*::/);
    for (const l of lines) {
      expect(RAW_CONTROL.test(l), JSON.stringify(l)).toBe(false);
      expect(l.includes('##['), l).toBe(false);
    }
    // the file named like a command is in the log, inside a line
    expect(lines.some((l) => !COMMAND_LINE.test(l) && l.includes('/::error::x.yaml'))).toBe(true);
    for (const l of summary.split('\n')) {
      expect(COMMAND_LINE.test(l), l).toBe(false);
      expect(RAW_CONTROL.test(l), JSON.stringify(l)).toBe(false);
    }
  });
});

describe('special files and symbolic links', () => {
  it('a FIFO and a link to /dev/zero are refused at once (one finding each); the other files are checked', async () => {
    const dir = tmpFolder({ 'ok.yaml': OK });
    execFileSync('mkfifo', [join(dir, 'pipe.yaml')]);
    symlinkSync('/dev/zero', join(dir, 'zero.yaml'));
    const named = await cli(join(dir, 'pipe.yaml'), join(dir, 'zero.yaml'), join(dir, 'ok.yaml'));
    const folder = await cli(dir, '-f', 'json');
    expect(named.out).toContain('pipe.yaml  错误  无法读取文件：不是普通文件（是命名管道（FIFO）），未读取。  parse-error');
    expect(named.code).toBe(1);
    const doc = JSON.parse(folder.out) as { files: Array<{ file: string; findings: Array<{ ruleId: string; message: string }> }> };
    // the link to /dev/zero leads out of the folder given: reported, not read
    expect(doc.files.map((f) => [f.file.slice(dir.length + 1), f.findings.map((x) => x.ruleId)])).toEqual([
      ['ok.yaml', []],
      ['pipe.yaml', ['parse-error']],
      ['zero.yaml', ['parse-error']],
    ]);
    expect(doc.files[2]!.findings[0]!.message).toContain('符号链接指向所给文件夹之外（/dev/zero）');
    expect(folder.code).toBe(1);
  });

  it('links in a folder are followed inside the folders given only; a link loop is walked once', async () => {
    const outside = tmpFolder({ 'secret.yaml': BAD_RATE });
    const dir = tmpFolder({ 'a/ok.yaml': OK });
    symlinkSync(join(dir, 'a'), join(dir, 'again'));
    symlinkSync(dir, join(dir, 'a', 'loop'));
    symlinkSync(join(outside, 'secret.yaml'), join(dir, 'a', 'stolen.yaml'));
    symlinkSync(outside, join(dir, 'elsewhere'));
    symlinkSync(join(dir, 'nothing.yaml'), join(dir, 'dangling.yaml'));
    const r = await cli(dir, '-f', 'json');
    const doc = JSON.parse(r.out) as { files: Array<{ file: string; findings: Array<{ ruleId: string; message: string }> }> };
    expect(doc.files.map((f) => [f.file.slice(dir.length + 1), f.findings.map((x) => x.ruleId)])).toEqual([
      ['a/ok.yaml', []],
      ['a/stolen.yaml', ['parse-error']],
      ['dangling.yaml', ['parse-error']],
    ]);
    expect(doc.files[1]!.findings[0]!.message).toContain('符号链接指向所给文件夹之外');
    expect(r.out).not.toContain('execution-rate');
    // named directly, a link is the user's choice
    const direct = await cli(join(dir, 'a', 'stolen.yaml'));
    expect(direct.out).toContain('execution-rate');
  });

  it('a file over --max-file-size is one parse-error naming the limit, checked before reading; the run goes on', async () => {
    const dir = tmpFolder({ 'ok.yaml': OK, 'big.yaml': `unit: "${'x'.repeat(4096)}"\n` });
    const r = await cli(dir, '--max-file-size', '2KB');
    expect(r.out).toContain('big.yaml  错误  无法读取文件：文件大小 0.0 MB，超过上限 0.0 MB（可用 --max-file-size 调整），未读取。  parse-error');
    expect(r.code).toBe(1);
    const bad = await cli(dir, '--max-file-size', 'lots');
    expect(bad.code).toBe(2);
  });

  it('a 50 MB file is refused by its size within a second and without reading it', async () => {
    const dir = tmpFolder({});
    writeFileSync(join(dir, 'big.json'), Buffer.alloc(50 * 1024 * 1024, 0x20));
    const before = process.memoryUsage().rss;
    const r = await cli(join(dir, 'big.json'));
    expect(process.memoryUsage().rss - before).toBeLessThan(40 * 1024 * 1024);
    expect(r.out).toContain('文件大小 50 MB，超过上限 20 MB');
    expect(r.code).toBe(2);
  });

  it('--max-rows and the other limits reach the readers', async () => {
    const dir = tmpFolder({ 'a.csv': `项目名称,全年预算数,全年执行数\n${Array.from({ length: 30 }, (_, i) => `p${i},1,1`).join('\n')}\n` });
    const r = await cli(join(dir, 'a.csv'), '--max-rows', '10');
    expect(r.out).toMatch(/超过上限 10 行/);
    expect(r.code).toBe(2);
  });
});

describe('-o never overwrites a file read in the run', () => {
  const setup = () => {
    const dir = tmpFolder({
      'in/a.yaml': BAD_RATE,
      'jixiao-lint.config.yaml': 'ruleDirs: [myrules]\n',
      'myrules/bureau.yaml': readFileSync('fixtures/bad-rules/let-order/rule.yaml', 'utf8').replace(/^let:[\s\S]*?condition:.*\n/m, 'condition: {lt: [{var: item.rate}, 0.9]}\n').replace('{rate|pct}', '{item.rate}').replace('{rate|pct}', '{item.rate}'),
      'in/jixiao-lint.baseline.yaml': 'suppressions: []\n',
    });
    symlinkSync(join(dir, 'in', 'a.yaml'), join(dir, 'link.json'));
    linkSync(join(dir, 'in', 'a.yaml'), join(dir, 'hard.json'));
    symlinkSync(join(dir, 'in'), join(dir, 'linked-folder'));
    return dir;
  };

  it('through a symbolic link, a hard link, a linked folder, or onto the config, a rule file or the baseline: exit 2, one line, nothing changed', async () => {
    const dir = setup();
    const cwd = process.cwd();
    process.chdir(dir);
    try {
      const snapshot = () => ['in/a.yaml', 'jixiao-lint.config.yaml', 'myrules/bureau.yaml', 'in/jixiao-lint.baseline.yaml'].map((f) => readFileSync(f, 'utf8'));
      const before = snapshot();
      expect((await cli('in')).code).toBe(1); // the setup is sound: the run itself works
      for (const target of ['link.json', 'hard.json', 'linked-folder/a.yaml', 'jixiao-lint.config.yaml', 'myrules/bureau.yaml', 'in/jixiao-lint.baseline.yaml', './in/../in/a.yaml']) {
        const r = await cli('in', '-f', 'json', '-o', target);
        expect(r.code, target).toBe(2);
        expect(r.err.trim().split('\n'), target).toHaveLength(1);
        expect(r.err, target).toMatch(/^jixiao-lint: 输出文件 .* 就是本次读取的文件 .*拒绝覆盖/);
      }
      expect(snapshot()).toEqual(before);
      expect(statSync('link.json').isFile()).toBe(true);
    } finally {
      process.chdir(cwd);
    }
  });

  it('writes through a temporary file and a rename: concurrent runs leave one whole report, no temporary file', async () => {
    const dir = tmpFolder({ 'a.yaml': BAD_RATE, 'b.yaml': OK });
    const out = join(dir, 'out', 'report.json');
    const runs = await Promise.all(Array.from({ length: 6 }, (_, i) => cli(join(dir, i % 2 ? 'a.yaml' : 'b.yaml'), '-f', 'json', '-o', out)));
    expect(runs.map((r) => r.code).sort()).toEqual([0, 0, 0, 1, 1, 1]);
    expect(() => JSON.parse(readFileSync(out, 'utf8'))).not.toThrow();
    expect(readdirSync(join(dir, 'out'))).toEqual(['report.json']);
    // a link at the output path is replaced, never written through
    const other = join(dir, 'other.txt');
    writeFileSync(other, 'keep');
    symlinkSync(other, join(dir, 'out', 'l.json'));
    expect((await cli(join(dir, 'b.yaml'), '-f', 'json', '-o', join(dir, 'out', 'l.json'))).code).toBe(0);
    expect(readFileSync(other, 'utf8')).toBe('keep');
  });
});

describe('config, baseline and rule files', () => {
  const oneLine = (r: { err: string }) => r.err.trim().split('\n');

  it('extends pointing at /dev/zero or a FIFO, a 20-level diamond of extends, a huge baseline: one line, exit 2, within seconds', async () => {
    const dir = tmpFolder({ 'a.yaml': OK });
    execFileSync('mkfifo', [join(dir, 'pipe.yaml')]);
    const cases: Array<[string, string, RegExp]> = [
      ['zero.yaml', 'extends: [/dev/zero]\n', /不是普通文件（是设备文件）/],
      ['fifo.yaml', 'extends: [./pipe.yaml]\n', /不是普通文件（是命名管道（FIFO））/],
      ['big.yaml', `extends: [./big-base.yaml]\n`, /超过上限 4\.0 MB/],
    ];
    writeFileSync(join(dir, 'big-base.yaml'), `# ${'x'.repeat(5 * 1024 * 1024)}\n`);
    // level i extends level i+1 twice (a diamond: 2^20 paths without a bound)
    for (let i = 0; i < 20; i++) writeFileSync(join(dir, `d${i}.yaml`), i === 19 ? 'rules: {}\n' : `extends: [./d${i + 1}.yaml, ./d${i + 1}.yaml]\n`);
    cases.push(['d0.yaml', '', /extends: (嵌套超过 10 层|引用的配置文件超过 64 个)/]);
    for (const [name, text, message] of cases) {
      if (text) writeFileSync(join(dir, name), text);
      const r = await cli(join(dir, 'a.yaml'), '-c', join(dir, name));
      expect(r.code, name).toBe(2);
      expect(oneLine(r), name).toHaveLength(1);
      expect(r.err, name).toMatch(message);
    }
    // a baseline over its limit
    writeFileSync(join(dir, 'jixiao-lint.baseline.yaml'), `suppressions:\n${'  - {file: a.yaml, rule: x, at: /x, reason: 理由}\n'.repeat(200_000)}`);
    const r = await cli(join(dir, 'a.yaml'));
    expect(r.code).toBe(2);
    expect(oneLine(r)).toHaveLength(1);
    expect(r.err).toMatch(/jixiao-lint\.baseline\.yaml: 文件大小 .* MB，超过上限 8\.0 MB/);
  });

  // The compiler looks operations up as own properties: __proto__ is an unknown operation like any other.
  it('an operation named __proto__ is refused like any unknown operation, naming its file and line', async () => {
    const rule = 'id: trap-proto\ntitle: {zh: 示例, en: demo}\nseverity: warning\nforms: [project-self-eval]\ndocs: {why: {zh: 示例, en: demo}, fix: {zh: 改正, en: fix}}\nmessage: {zh: "坏", en: "bad"}\nselector: budget\ncondition: {__proto__: [1, 2]}\n';
    const dir = tmpFolder({ 'a.yaml': OK, 'jixiao-lint.config.yaml': 'ruleDirs: [rules]\n', 'rules/proto.yaml': rule });
    const r = await cli(join(dir, 'a.yaml'), '-c', join(dir, 'jixiao-lint.config.yaml'));
    expect(r.code).toBe(2);
    expect(r.err.trim().split('\n')).toHaveLength(1);
    expect(r.err).not.toContain('Cannot read');
    expect(r.err).toMatch(/rules\/proto\.yaml:\d+: trap-proto: /);
  });

  // `cat` stops at MAX_TEXT (1,000,000 characters): the doubling ends as a rule-error long before memory runs out.
  it('a let that doubles a string each step stays within 100 MB', async () => {
    const lets = Array.from({ length: 40 }, (_, i) => `  s${i + 1}: {cat: [{var: s${i}}, {var: s${i}}]}`).join('\n');
    const rule = `id: trap-doubling\ntitle: {zh: 示例, en: demo}\nseverity: warning\nforms: [project-self-eval]\ndocs: {why: {zh: 示例, en: demo}, fix: {zh: 改正, en: fix}}\nmessage: {zh: "坏", en: "bad"}\nselector: budget\nlet:\n  s0: "xxxxxxxxxxxxxxxx"\n${lets}\ncondition: {"==": [{var: s40}, "y"]}\n`;
    const dir = tmpFolder({ 'a.yaml': OK, 'jixiao-lint.config.yaml': 'ruleDirs: [rules]\n', 'rules/doubling.yaml': rule });
    const before = process.memoryUsage().rss;
    await cli(join(dir, 'a.yaml'), '-c', join(dir, 'jixiao-lint.config.yaml'));
    expect(process.memoryUsage().rss - before).toBeLessThan(100 * 1024 * 1024);
  });

  it('operations named after Object.prototype members: one line naming the rule folder (run) or the rule file (rules --check), never the exception', async () => {
    for (const op of ['constructor', 'toString', '__proto__']) {
      const rule = `id: trap-op\ntitle: {zh: 示例, en: demo}\nseverity: warning\nforms: [project-self-eval]\ndocs: {why: {zh: 示例, en: demo}, fix: {zh: 改正, en: fix}}\nmessage: {zh: "坏", en: "bad"}\nselector: budget\ncondition: {${op}: [1, 2]}\n`;
      const dir = tmpFolder({ 'a.yaml': OK, 'jixiao-lint.config.yaml': 'ruleDirs: [rules]\n', 'rules/op.yaml': rule });
      const r = await cli(join(dir, 'a.yaml'), '-c', join(dir, 'jixiao-lint.config.yaml'));
      expect(r.code, op).toBe(2);
      expect(r.err.trim().split('\n'), op).toHaveLength(1);
      expect(r.err, op).not.toMatch(/Cannot|undefined|TypeError/);
      const check = await cli('rules', '--check', join(dir, 'rules'));
      expect(check.code, op).toBe(1);
      expect(check.out, op).toContain('rules/op.yaml:');
      expect(check.out, op).not.toMatch(/Cannot|undefined|TypeError/);
    }
  });

  it("a bureau's rule traps (unknown operations on prototypes, a bad selector, a let that doubles a string): a refusal or a finding, never a crash or a hang", async () => {
    const head = 'title: {zh: 示例, en: demo}\nseverity: warning\nforms: [project-self-eval]\ndocs: {why: {zh: 示例, en: demo}, fix: {zh: 改正, en: fix}}\nmessage: {zh: "坏", en: "bad"}\n';
    const lets = Array.from({ length: 40 }, (_, i) => `  s${i + 1}: {cat: [{var: s${i}}, {var: s${i}}]}`).join('\n');
    const traps: Record<string, string> = {
      method: `id: trap-method\n${head}selector: budget\ncondition: {method: [{var: item}, "toString"]}\n`,
      constructor: `id: trap-constructor\n${head}selector: budget\ncondition: {plus.constructor: [1, 2]}\n`,
      selector: `id: trap-selector\n${head}selector: "a]b"\ncondition: true\n`,
      doubling: `id: trap-doubling\n${head}selector: budget\nlet:\n  s0: "xxxxxxxxxxxxxxxx"\n${lets}\ncondition: {"==": [{var: s40}, "y"]}\n`,
    };
    for (const [name, rule] of Object.entries(traps)) {
      const dir = tmpFolder({ 'a.yaml': OK, 'jixiao-lint.config.yaml': 'ruleDirs: [rules]\n', [`rules/${name}.yaml`]: rule });
      const cwd = process.cwd();
      process.chdir(dir);
      const before = process.memoryUsage().rss;
      let r;
      try {
        r = await cli('a.yaml', '-f', 'json');
      } finally {
        process.chdir(cwd);
      }
      expect(process.memoryUsage().rss - before, name).toBeLessThan(200 * 1024 * 1024);
      if (r.code === 2) {
        // refused when the rules are compiled: one line naming the rule file
        expect(oneLine(r), name).toHaveLength(1);
        expect(r.err, name).toMatch(new RegExp(`rules/${name}\\.yaml:\\d+: `));
      } else {
        // or run: at most a rule-error finding for this rule
        const doc = JSON.parse(r.out) as { files: Array<{ findings: Array<{ ruleId: string; message: string }> }> };
        const ids = doc.files.flatMap((f) => f.findings.map((x) => x.ruleId));
        expect(ids.every((id) => id === 'rule-error'), `${name}: ${ids.join(',')}`).toBe(true);
      }
      expect(r.err, name).not.toMatch(/at .*\.ts:\d+|Invalid string length|Cannot convert|Maximum call stack/);
    }
  });
});

describe('internal errors', () => {
  it('a file whose checking throws is one parse-error 「内部错误」 for that file; the other files are checked', async () => {
    const dir = tmpFolder({ 'a.yaml': OK, 'b.yaml': BAD_RATE });
    const seen: string[] = [];
    const flaky = {
      rules: linter.rules,
      lintLoaded: (file: string, loaded: Parameters<Linter['lintLoaded']>[1], opts: Parameters<Linter['lintLoaded']>[2]) => {
        if (file.endsWith('a.yaml') && loaded.documents.length > 0) throw new TypeError('Cannot convert object to primitive value');
        return linter.lintLoaded(file, loaded, opts);
      },
    } as unknown as Linter;
    const run = await lintPaths(flaky, [dir], { lang: 'zh', onInternalError: (file) => seen.push(file) });
    expect(run.results.map((r) => [r.file.slice(dir.length + 1), r.findings.map((f) => f.ruleId)])).toEqual([
      ['a.yaml', ['parse-error']],
      ['b.yaml', ['execution-rate']],
    ]);
    expect(run.results[0]!.findings[0]!.message).toMatch(/^无法读取文件：内部错误：/);
    expect(run.results[0]!.findings[0]!.message).not.toContain('Cannot convert');
    expect(seen).toEqual([join(dir, 'a.yaml')]);
    expect(internalErrorResult().problems).toHaveLength(1);
  });

  it('an unexpected exception that stops the run is one line 「内部错误」; --debug adds the stack', () => {
    const e = new TypeError('Cannot read properties of undefined');
    expect(failureLine(e, false)).toBe('jixiao-lint: 内部错误：运行意外中止，请把所检查的文件和此提示交给维护者（加 --debug 可显示详细信息）');
    expect(failureLine(e, true)).toMatch(/^jixiao-lint: 内部错误：[^\n]*\nTypeError: Cannot read properties of undefined\n\s+at /);
    expect(failureLine(e, false, true)).toMatch(/^jixiao-lint: internal error:/);
  });

  it('exit 2 only when nothing at all could be checked', async () => {
    const dir = tmpFolder({ 'ok.yaml': OK, 'bad.json': '{"form": ' });
    expect((await cli(dir)).code).toBe(1);
    expect((await cli(join(dir, 'bad.json'))).code).toBe(2);
    expect((await cli(join(dir, 'ok.yaml'), resolve(dir, 'bad.json'))).out).toContain('parse-error');
  });
});

// ---------- issue 26: bounded everywhere ----------

const enc = new TextEncoder();
const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
const docxOf = (body: string, extra: Record<string, Uint8Array> = {}) => zipSync({ 'word/document.xml': strToU8(`<?xml version="1.0"?><w:document ${W}><w:body>${body}</w:body></w:document>`), ...extra });
const cell = (text: string, pr = '') => `<w:tc>${pr ? `<w:tcPr>${pr}</w:tcPr>` : ''}<w:p><w:r><w:t>${text}</w:t></w:r></w:p></w:tc>`;
/** A zip holding two entries of the same name: written under two names of one length, the second renamed in place. */
function duplicated(files: Record<string, Uint8Array>, name: string, twin: string): Uint8Array {
  const bytes = zipSync({ ...files, [twin]: files[name] as Uint8Array });
  const from = Buffer.from(twin);
  const to = Buffer.from(name);
  const out = Buffer.from(bytes);
  for (let i = out.indexOf(from); i >= 0; i = out.indexOf(from, i + 1)) to.copy(out, i);
  return new Uint8Array(out);
}
const ruleIds = (r: SubmissionResult[]) => r.flatMap((x) => x.findings.map((f) => f.ruleId));
const messages = (r: SubmissionResult[]) => r.flatMap((x) => x.findings.map((f) => f.message));
async function lintBytes(name: string, bytes: Uint8Array, options: Parameters<typeof loadBytes>[2] = {}): Promise<SubmissionResult[]> {
  return linter.lintLoaded(name, await loadBytes(name, bytes, options), { lang: 'zh' });
}

describe('issue 26: readers bounded before they allocate', () => {
  it('--max-documents and --max-entries reach the readers', async () => {
    const dir = tmpFolder({ 'a.yaml': `${OK}---\n${OK}---\n${OK}` });
    writeFileSync(join(dir, 'b.docx'), docxOf('<w:p/>', { 'a.bin': new Uint8Array(1), 'b.bin': new Uint8Array(1) }));
    const r = await cli(join(dir, 'a.yaml'), join(dir, 'b.docx'), '--max-documents', '2', '--max-entries', '2');
    expect(r.out).toContain('a.yaml  错误  无法读取文件：文件有 3 个以上的 YAML 文档（以 --- 分隔），超过上限 2 个');
    expect(r.out).toContain('b.docx  错误  无法读取文件：压缩包内的部件超过上限 2 个');
    expect((await cli(join(dir, 'a.yaml'), '--max-documents', '3')).code).toBe(0);
  });

  it('the corpus cases of issue 26: one finding each, in seconds', async () => {
    const at = (name: string) => lintBytes(join(CORPUS, name), new Uint8Array(readFileSync(join(CORPUS, name))));
    const start = Date.now();
    // 2,100 rows of <td colspan=1000> (48 KB): 2.1 million slots, refused before they are laid out
    const bomb = await at('colspan-bomb.html');
    expect(messages(bomb)).toEqual(['无法读取文件：表格的合并单元格展开后超过单元格上限 2000000 个（或列数上限 1000 列、行数上限 200000 行），未读取（可用 --max-cells 调整）。']);
    // 1,001 YAML documents: counted from the markers before parsing
    expect(messages(await at('many-documents.yaml'))).toEqual(['无法读取文件：文件有 1001 个以上的 YAML 文档（以 --- 分隔），超过上限 1000 个，未读取（可用 --max-documents 调整）。请把文档分成多个文件。']);
    // a JSON error at the end of 60 KB (V8 names the token, not its position): found in one pass
    const late = await at('late-json-error.json');
    expect(messages(late)).toEqual(['无法读取文件：JSON 语法错误：第 1 行第 60002 列处的「}」不应出现在这里，请检查前面是否缺少逗号、冒号、引号或括号。']);
    // 100,000 spaces inside a cell: trimmed in linear time, the file reads clean
    expect(ruleIds(await at('spaces-cell.csv'))).toEqual([]);
    // a mapping with its own toString where the form name and where a grade belongs: schema findings
    expect(messages(await at('form-tostring.yaml'))).toEqual(['表样类型「一组字段」不是已知的表样，应为项目支出绩效自评表、部门整体支出绩效自评表、多项目绩效自评汇总表、绩效目标表、部门整体支出绩效自评报告之一']);
    expect(ruleIds(await at('grade-tostring.yaml'))).toEqual(['schema']);
    expect(Date.now() - start).toBeLessThan(20_000);
  }, 60_000);

  it('a 2 MB page of <td colspan=1000 rowspan=65534> (57,000 rows: 57 billion slots): one parse-error, the heap stays small', async () => {
    const page = enc.encode(`<table>${'<tr><td colspan=1000 rowspan=65534>x'.repeat(57_000)}</table>`);
    const before = process.memoryUsage().heapUsed;
    const r = await lintBytes('bomb.html', page);
    expect(ruleIds(r)).toEqual(['parse-error']);
    expect(messages(r)[0]).toContain('超过单元格上限 2000000 个');
    expect(process.memoryUsage().heapUsed - before).toBeLessThan(1024 * 1024 * 1024);
  }, 120_000);

  it('.docx gridSpan, gridBefore and gridAfter are counted before a cell is laid out', async () => {
    const huge = '<w:gridSpan w:val="2000000000"/>';
    const row = (cells: string, trPr = '') => `<w:tr>${trPr ? `<w:trPr>${trPr}</w:trPr>` : ''}${cells}</w:tr>`;
    const cases = {
      span: `<w:tbl>${row(cell('a', huge))}</w:tbl>`,
      before: `<w:tbl>${row(cell('a'), '<w:gridBefore w:val="2000000000"/>')}</w:tbl>`,
      after: `<w:tbl>${row(cell('a'), '<w:gridAfter w:val="2000000000"/>')}</w:tbl>`,
      // 9 KB: 3,000 rows of one cell spanning 999 columns (3 million cells)
      rows: `<w:tbl>${row(cell('a', '<w:gridSpan w:val="999"/>')).repeat(3000)}</w:tbl>`,
    };
    for (const [name, body] of Object.entries(cases)) {
      const r = await lintBytes(`${name}.docx`, docxOf(body));
      expect(ruleIds(r), name).toEqual(['parse-error']);
      expect(messages(r)[0], name).toContain('合并单元格展开后超过单元格上限');
    }
  }, 60_000);

  it('a zip with an entry name twice is refused (.docx and .xlsx); more entries than the limit too', async () => {
    const doc = strToU8(`<?xml version="1.0"?><w:document ${W}><w:body><w:p><w:r><w:t>x</w:t></w:r></w:p></w:body></w:document>`);
    const twice = await lintBytes('twice.docx', duplicated({ 'word/document.xml': doc }, 'word/document.xml', 'word/documenX.xml'));
    expect(messages(twice)).toEqual(['无法读取文件：压缩包内有两个同名的部件「word/document.xml」，无法确定哪一个是文件的内容，未读取（可能是损坏或恶意构造的文件）。请用 Excel、Word 或 WPS 打开后重新保存再检查。']);
    const book = await workbookBytes([['项目名称', '全年预算数', '全年执行数'], ['培训', 100, 90]]);
    const parts = unzipSync(book);
    const twiceBook = await lintBytes('twice.xlsx', duplicated(parts, 'xl/worksheets/sheet1.xml', 'xl/worksheets/sheet9.xml'));
    expect(messages(twiceBook)[0]).toContain('压缩包内有两个同名的部件「xl/worksheets/sheet1.xml」');
    const many = Object.fromEntries(Array.from({ length: 60 }, (_, i) => [`media/${i}.bin`, new Uint8Array(1)]));
    for (const [name, bytes] of [['many.docx', docxOf('<w:p/>', many)], ['many.xlsx', zipSync({ ...parts, ...many })]] as const) {
      const r = await lintBytes(name, bytes, { limits: { maxEntries: 50 } });
      expect(messages(r), name).toEqual(['无法读取文件：压缩包内的部件超过上限 50 个，未读取（可能是损坏或恶意构造的文件；可用 --max-entries 调整）。']);
    }
  }, 60_000);
});

/** A workbook of one sheet (exceljs), rows from A1. */
async function workbookBytes(rows: unknown[][]): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('汇总表');
  rows.forEach((r) => ws.addRow(r));
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

describe('issue 26: damaged cells are findings, never numbers', () => {
  const SUMMARY = [['2021年度示例单位项目绩效自评汇总表'], ['单位名称：示例单位', '', '单位：万元'], ['项目名称', '全年预算数', '全年执行数'], ['培训项目', 100, 90]];
  /** The summary workbook with cell C4 (the spending) replaced in the sheet's XML. */
  async function withC4(xml: string, dropStrings = false): Promise<Uint8Array> {
    const parts = unzipSync(await workbookBytes(SUMMARY));
    const sheet = strFromU8(parts['xl/worksheets/sheet1.xml'] as Uint8Array);
    const c4 = /<c r="C4"[^>]*?(?:\/>|>[\s\S]*?<\/c>)/.exec(sheet);
    expect(c4).not.toBeNull();
    parts['xl/worksheets/sheet1.xml'] = strToU8(sheet.replace(c4![0], xml));
    if (dropStrings) {
      // the whole workbook as text cells: every string written inline, the shared strings part dropped
      delete parts['xl/sharedStrings.xml'];
    }
    return zipSync(parts);
  }
  const c4Findings = (r: SubmissionResult[]) => r.flatMap((x) => x.findings.filter((f) => f.location.cell === 'C4').map((f) => `${f.ruleId} ${f.message}`));

  it('a shared-string index the file does not hold: damaged-cell at the cell, the rest of the workbook read', async () => {
    const r = await lintBytes('oob.xlsx', await withC4('<c r="C4" t="s"><v>999</v></c>'));
    expect(c4Findings(r)).toEqual(['damaged-cell 单元格 C4 引用了文件中不存在的共享文字（第 999 项），文件已损坏，无法核对该格的数值。请用 Excel 或 WPS 打开文件，改正该格（或重新计算）并保存后再检查。']);
    expect(ruleIds(r)).not.toContain('parse-error');
    // the budget next to it was read
    expect(r[0]!.form).toBe('project-summary');
  });

  it('a shared-string cell in a workbook without shared strings is not read as its index', async () => {
    const parts = unzipSync(await withC4('<c r="C4" t="s"><v>1</v></c>'));
    // every other text cell written inline, so that only C4 refers to the (now missing) shared strings
    const sst = strFromU8(parts['xl/sharedStrings.xml'] as Uint8Array);
    const strings = [...sst.matchAll(/<si><t[^>]*>([^<]*)<\/t><\/si>/g)].map((m) => m[1] as string);
    const sheet = strFromU8(parts['xl/worksheets/sheet1.xml'] as Uint8Array).replace(/<c r="([A-Z]+\d+)"([^>]*) t="s"([^>]*)><v>(\d+)<\/v><\/c>/g, (m, ref: string, a: string, b: string, i: string) =>
      ref === 'C4' ? m : `<c r="${ref}"${a} t="inlineStr"${b}><is><t>${strings[Number(i)]}</t></is></c>`,
    );
    parts['xl/worksheets/sheet1.xml'] = strToU8(sheet);
    delete parts['xl/sharedStrings.xml'];
    const r = await lintBytes('nosst.xlsx', zipSync(parts));
    expect(c4Findings(r)).toEqual(['damaged-cell 单元格 C4 引用了文件中不存在的共享文字（第 1 项），文件已损坏，无法核对该格的数值。请用 Excel 或 WPS 打开文件，改正该格（或重新计算）并保存后再检查。']);
  });

  it('a saved error value (#DIV/0!), plain or as a formula result: damaged-cell, not a number', async () => {
    const plain = await lintBytes('err.xlsx', await withC4('<c r="C4" t="e"><v>#DIV/0!</v></c>'));
    expect(c4Findings(plain)).toEqual(['damaged-cell 单元格 C4 保存的是错误值「#DIV/0!」，无法核对该格的数值。请用 Excel 或 WPS 打开文件，改正该格（或重新计算）并保存后再检查。']);
    const formula = await lintBytes('ferr.xlsx', await withC4('<c r="C4" t="e"><f>B4/0</f><v>#DIV/0!</v></c>'));
    expect(c4Findings(formula)).toEqual(['damaged-cell 单元格 C4 的公式（=B4/0）计算出错，保存的结果是错误值「#DIV/0!」，无法核对该格的数值。请用 Excel 或 WPS 打开文件，改正该格（或重新计算）并保存后再检查。']);
  });
});

describe('issue 26: the Action writes only inside the workspace', () => {
  it('.., an absolute path, a folder link out of the workspace, a link to a file outside, a FIFO and a folder: one line each, the step fails; a good output is written', async () => {
    const outside = tmpFolder({ 'keep.txt': 'keep' });
    const dir = tmpFolder({ 'a.yaml': OK, 'sub/x.txt': '' });
    symlinkSync(outside, join(dir, 'out'));
    symlinkSync(join(outside, 'keep.txt'), join(dir, 'keep.sarif'));
    execFileSync('mkfifo', [join(dir, 'pipe.sarif')]);
    const lines: string[] = [];
    const core: ActionCore = { error: (m) => lines.push(`error ${m}`), warning: () => {}, notice: () => {}, info: () => {}, setOutput: () => {}, setFailed: (m) => lines.push(`failed ${m}`) };
    const outputs = ['sarif=../escape.sarif', `json=${join(outside, 'abs.json')}`, 'junit=out/j.xml', 'sarif=keep.sarif', 'csv=pipe.sarif', 'csv=sub', 'json=ok/report.json'];
    const outcome = await runAction(
      { paths: join(dir, 'a.yaml'), ignore: '', config: '', 'fail-on': 'never', outputs: outputs.join('\n'), 'max-annotations': '10', lang: '' },
      { core, cwd: dir, writeSummary: async () => {}, setup: () => ({ linter }) },
    );
    expect(outcome.status).toBe('failed');
    const failed = lines.filter((l) => l.startsWith('failed '));
    expect(failed).toHaveLength(1);
    const parts = failed[0]!.replace(/^failed jixiao-lint: /, '').split('; ');
    expect(parts).toEqual([
      'outputs：不写入 ../escape.sarif：路径在工作区之外',
      `outputs：不写入 ${join(outside, 'abs.json')}：路径在工作区之外`,
      'outputs：不写入 out/j.xml：路径经符号链接指向工作区之外',
      'outputs：不写入 keep.sarif：是指向工作区之外的符号链接',
      'outputs：不写入 pipe.sarif：不是普通文件（是命名管道（FIFO））',
      'outputs：不写入 sub：不是普通文件（是文件夹）',
    ]);
    expect(readdirSync(outside).sort()).toEqual(['keep.txt']);
    expect(readFileSync(join(outside, 'keep.txt'), 'utf8')).toBe('keep');
    expect(statSync(join(dir, 'pipe.sarif')).isFIFO()).toBe(true);
    expect(existsSync(join(dir, '..', 'escape.sarif'))).toBe(false);
    expect(() => JSON.parse(readFileSync(join(dir, 'ok', 'report.json'), 'utf8'))).not.toThrow();
  });
});
