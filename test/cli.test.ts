import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, tmpFolder } from './helpers/cli.js';

const CLEAN = readFileSync('fixtures/rules/weights-sum/valid.yaml', 'utf8');
const BAD_RATE = readFileSync('fixtures/rules/execution-rate/invalid-initial-base.yaml', 'utf8');

describe('jixiao-lint CLI', () => {
  it('exits 0 on a clean submission and says so', async () => {
    const dir = tmpFolder({ 'ok.yaml': CLEAN });
    const r = await cli(join(dir, 'ok.yaml'));
    expect(r.code).toBe(0);
    expect(r.out).toContain('未发现问题');
  });

  it('exits 1 on errors and prints file:line:col, severity, message and rule id', async () => {
    const dir = tmpFolder({ 'bad.yaml': BAD_RATE });
    const r = await cli(join(dir, 'bad.yaml'));
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/bad\.yaml:\d+:9 {2}错误 {2}执行率填报为 78%.*execution-rate/);
  });

  it('prints English messages with --lang en', async () => {
    const dir = tmpFolder({ 'bad.yaml': BAD_RATE });
    const r = await cli(join(dir, 'bad.yaml'), '--lang', 'en');
    expect(r.out).toContain('Execution rate is printed as 78%');
    expect(r.out).toContain('the initial budget was probably used as the base');
  });

  it('--format json prints exactly one document following the contract', async () => {
    const dir = tmpFolder({ 'a.yaml': BAD_RATE, 'b.yaml': CLEAN });
    const r = await cli(dir, '--format', 'json');
    const doc = JSON.parse(r.out) as {
      files: Array<{ file: string; form: string | null; findings: Array<Record<string, unknown>> }>;
      summary: Record<string, number>;
    };
    expect(doc.files.map((f) => [f.file, f.form])).toEqual([
      [join(dir, 'a.yaml'), 'project-self-eval'],
      [join(dir, 'b.yaml'), 'project-self-eval'],
    ]);
    expect(doc.files[0]?.findings[0]).toMatchObject({
      ruleId: 'execution-rate',
      severity: 'error',
      location: { pointer: '/budget/rate', line: 16, column: 9 },
      expected: '100.00%',
      actual: '78%',
    });
    expect(doc.summary).toEqual({ files: 2, errors: 1, warnings: 0, infos: 0, suppressed: 0 });
    expect(r.code).toBe(1);
  });

  it('--quiet keeps errors only; --max-warnings turns warnings into exit 1', async () => {
    const warnOnly = CLEAN.replace('score: "10"\nindicators', 'score: "9"\nindicators')
      .replace('actual: {total: "100", fiscal: "100"}', 'actual: {total: "90", fiscal: "90"}')
      .replace('rate: "100.00%"', 'rate: "90.00%"')
      .replace('totalScore: "100"', 'totalScore: "99"')
      .replace('problems: 无', 'problems: 年底部分采购款未支付。');
    const dir = tmpFolder({ 'w.yaml': warnOnly });
    const plain = await cli(join(dir, 'w.yaml'), '-f', 'json');
    const doc = JSON.parse(plain.out) as { summary: { errors: number; warnings: number } };
    expect(doc.summary).toMatchObject({ errors: 0, warnings: 1 });
    expect(plain.code).toBe(0);
    expect((await cli(join(dir, 'w.yaml'), '--max-warnings', '0')).code).toBe(1);
    expect((await cli(join(dir, 'w.yaml'), '--max-warnings', '1')).code).toBe(0);
    const quiet = await cli(join(dir, 'w.yaml'), '--quiet', '-f', 'json');
    expect((JSON.parse(quiet.out) as { files: Array<{ findings: unknown[] }> }).files[0]?.findings).toEqual([]);
  });

  it('reports unparseable files as parse-error with line and column, never a stack trace, and exits 2 when nothing could be read', async () => {
    const dir = tmpFolder({ 'broken.json': '{\n  "form": "project-self-eval",\n  "year": 2021,,\n}' });
    const r = await cli(join(dir, 'broken.json'), '-f', 'json');
    const doc = JSON.parse(r.out) as { files: Array<{ form: null; findings: Array<{ ruleId: string; location: { line: number } }> }> };
    expect(doc.files[0]?.form).toBeNull();
    expect(doc.files[0]?.findings.map((f) => [f.ruleId, f.location.line])).toEqual([['parse-error', 3]]);
    expect(r.code).toBe(2);
    expect(r.err).not.toMatch(/\n\s+at /);
  });

  it('reports undecodable bytes with their line and column, without a byte offset', async () => {
    const dir = tmpFolder({});
    writeFileSync(join(dir, 'bin.yaml'), Buffer.from([0x66, 0x6f, 0x72, 0x6d, 0x3a, 0x20, 0xff, 0xfe, 0x0a]));
    const r = await cli(join(dir, 'bin.yaml'), '-f', 'json', '--lang', 'en');
    const doc = JSON.parse(r.out) as { files: Array<{ findings: Array<{ ruleId: string; message: string }> }> };
    expect(doc.files[0]?.findings[0]?.ruleId).toBe('parse-error');
    expect(doc.files[0]?.findings[0]?.message).toBe("Cannot read the file: invalid UTF-8 byte 0xff");
    expect(doc.files[0]?.findings[0]?.message).not.toMatch(/offset/);
    expect(doc.files[0]?.findings[0]).toMatchObject({ location: { line: 1, column: 7 } });
  });

  it('reports a wrong form kind and schema violations with their paths', async () => {
    const dir = tmpFolder({
      'kind.yaml': 'form: self-eval\nyear: 2021\nunit: x\nmoneyUnit: 万元\n',
      'missing.yaml': 'form: project-self-eval\nyear: 2021\nunit: x\nmoneyUnit: 万元\nproject: p\nindicators: []\nbudgte: {}\n',
    });
    const r = await cli(dir, '-f', 'json');
    const doc = JSON.parse(r.out) as { files: Array<{ findings: Array<{ ruleId: string; location: { pointer: string } }> }> };
    expect(doc.files[0]?.findings.map((f) => [f.ruleId, f.location.pointer])).toEqual([['schema', '/form']]);
    expect(doc.files[1]?.findings.map((f) => [f.ruleId, f.location.pointer])).toEqual([
      ['schema', '/budget'],
      ['schema', '/budgte'],
    ]);
  });

  it('keeps checking the rest of a file after an invalid number', async () => {
    const text = BAD_RATE.replace('initial: {total: "128", fiscal: "128"}', 'initial: {total: "128", fiscal: "12O"}');
    const dir = tmpFolder({ 'n.yaml': text });
    const r = await cli(join(dir, 'n.yaml'), '-f', 'json');
    const doc = JSON.parse(r.out) as { files: Array<{ findings: Array<{ ruleId: string; location: { pointer: string } }> }> };
    expect(doc.files[0]?.findings.map((f) => [f.ruleId, f.location.pointer])).toEqual([
      ['invalid-number', '/budget/initial/fiscal'],
      ['execution-rate', '/budget/rate'],
    ]);
  });

  it('never writes the input files', async () => {
    const dir = tmpFolder({ 'bad.yaml': BAD_RATE });
    const before = statSync(join(dir, 'bad.yaml')).mtimeMs;
    await cli(join(dir, 'bad.yaml'));
    expect(readFileSync(join(dir, 'bad.yaml'), 'utf8')).toBe(BAD_RATE);
    expect(statSync(join(dir, 'bad.yaml')).mtimeMs).toBe(before);
  });

  it('exits 2 on usage errors: no paths, missing path, bad option values', async () => {
    expect((await cli()).code).toBe(2);
    const missing = await cli('does/not/exist.yaml');
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('does/not/exist.yaml');
    expect((await cli('fixtures', '--format', 'xml')).code).toBe(2);
    expect((await cli('fixtures', '--max-warnings', 'many')).code).toBe(2);
  });

  it('prints help with examples and the version', async () => {
    const help = await cli('--help');
    expect(help.code).toBe(0);
    expect(help.out).toContain('示例：');
    expect(help.out).toContain('--max-warnings');
    const v = await cli('--version');
    expect(v.out.trim()).toBe((JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }).version);
  });
});
