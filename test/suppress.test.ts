/**
 * Suppressions: a finding accepted by a reviewer, by rule id and location, only with a written
 * reason — in the submission (`suppressions:`; see fixtures/rules/suppression-reason and
 * unused-suppression) or in a jixiao-lint.baseline.yaml next to it (fixtures/suppressions).
 * Suppressed findings are listed with their reasons and counted, never dropped.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { discover } from '../src/node/files.js';
import { parseBaseline } from '../src/node/baseline.js';
import { applySuppressions, type Suppression } from '../src/suppress/suppress.js';
import type { Finding } from '../src/types.js';
import { cli, tmpFolder } from './helpers/cli.js';

const finding = (ruleId: string, pointer: string): Finding => ({ ruleId, severity: 'error', message: `${ruleId} at ${pointer}`, location: { pointer } });
const sup = (rule: string, at: string, reason = 'checked', sheet?: string): Suppression => ({
  rule,
  at,
  reason,
  source: 'submission',
  entry: '/suppressions/0',
  ...(sheet ? { sheet } : {}),
});

describe('applySuppressions', () => {
  const findings = [finding('execution-rate', '/projects/1/rate'), finding('execution-rate', '/projects/10/rate'), finding('no-problems-claim', '/projects/1/problems')];

  it('covers the pointer and what lies below it, for that rule only', () => {
    const r = applySuppressions(findings, [sup('execution-rate', '/projects/1')]);
    expect(r.suppressed.map((f) => f.location.pointer)).toEqual(['/projects/1/rate']);
    expect(r.findings.map((f) => `${f.ruleId} ${f.location.pointer}`)).toEqual(['execution-rate /projects/10/rate', 'no-problems-claim /projects/1/problems']);
    expect(r.suppressed[0]?.suppression).toEqual({ reason: 'checked', source: 'submission' });
    expect(r.unused).toEqual([]);
  });

  it('a blank reason does not suppress; a suppression matching nothing is unused', () => {
    const blank = sup('execution-rate', '/projects/1/rate', ' 　');
    const stale = sup('execution-rate', '/budget/rate');
    const r = applySuppressions(findings, [blank, stale]);
    expect(r.findings).toHaveLength(3);
    expect(r.suppressed).toEqual([]);
    expect(r.withoutReason).toEqual([blank]);
    expect(r.unused).toEqual([stale]);
  });

  it('a sheet narrows it to one worksheet; exempt rules are never suppressed', () => {
    const r = applySuppressions(findings, [sup('execution-rate', '', 'ok', '项目汇总')], '自评表');
    expect(r.suppressed).toEqual([]);
    const all = applySuppressions(findings, [sup('no-problems-claim', '')], undefined, new Set(['no-problems-claim']));
    expect(all.suppressed).toEqual([]);
  });
});

describe('suppressions in the submission', () => {
  it('malformed entries are schema errors in plain words, and suppress nothing', async () => {
    const base = readFileSync('fixtures/rules/execution-rate/invalid-initial-base.yaml', 'utf8');
    const file = join(tmpFolder({ 'a.yaml': `${base}suppressions:\n  - {rule: execution-rate, at: budget/rate, reason: 已复核}\n  - {rule: execution-rate}\n  - 已复核\n` }), 'a.yaml');
    const r = await cli(file, '--format', 'json');
    const doc = JSON.parse(r.out) as { files: Array<{ findings: Array<{ ruleId: string; message: string; location: { pointer: string } }>; suppressed: unknown[] }> };
    const f = doc.files[0]!;
    expect(f.suppressed).toEqual([]);
    expect(f.findings.map((x) => `${x.ruleId} ${x.location.pointer}`)).toEqual([
      'execution-rate /budget/rate',
      'unused-suppression /suppressions/0',
      'schema /suppressions/0/at',
      'schema /suppressions/1/at',
      'schema /suppressions/2',
    ]);
    expect(f.findings.filter((x) => x.ruleId === 'schema').map((x) => x.message)).toEqual([
      '第 1 条抑制的「位置」格式不符',
      '第 2 条抑制没有填写位置',
      '第 3 条抑制无法读取：应写成若干「栏目: 内容」',
    ]);
  });
});

describe('baseline file next to the submissions (fixtures/suppressions)', () => {
  it('suppresses with the written reasons, lists and counts them, and reports careless entries', async () => {
    const r = await cli('fixtures/suppressions', '--format', 'json', '--lang', 'en');
    expect(r.err).toBe('');
    const doc = JSON.parse(r.out) as {
      files: Array<{ file: string; findings: Array<{ ruleId: string; message: string }>; suppressed: Array<{ ruleId: string; location: { pointer: string }; suppression: { reason: string; source: string } }> }>;
      summary: Record<string, number>;
    };
    // the baseline itself is not taken for a submission
    expect(doc.files.map((f) => f.file)).toEqual(['fixtures/suppressions/汇总表.csv']);
    const file = doc.files[0]!;
    expect(file.suppressed.map((f) => [f.ruleId, f.location.pointer, f.suppression.reason, f.suppression.source])).toEqual([
      ['unknown-column', '/projects', '「经办人」列为本单位内部登记用，不参与检查。', 'fixtures/suppressions/jixiao-lint.baseline.yaml'],
      ['no-problems-claim', '/projects/0/problems', '余款 19.5 万元为线上培训节约的场地费，已在项目总结中说明（绩效科 2022-03-01 复核）。', 'fixtures/suppressions/jixiao-lint.baseline.yaml'],
    ]);
    expect(file.findings.map((f) => f.ruleId)).toEqual([
      'suppression-reason',
      'unused-suppression',
      'invalid-number',
      'execution-rate',
      'unit-consistency',
    ]);
    expect(file.findings[0]?.message).toContain('#3 of fixtures/suppressions/jixiao-lint.baseline.yaml (rule completion-vs-execution at /projects/1) gives no reason');
    expect(file.findings[1]?.message).toContain('#4 of fixtures/suppressions/jixiao-lint.baseline.yaml (rule execution-rate at /projects/0/rate) matches no finding');
    expect(doc.summary).toEqual({ files: 1, errors: 2, warnings: 1, infos: 2, suppressed: 2 });
    expect(r.code).toBe(1);
  });

  it('stylish shows each suppressed finding with its reason, and the count', async () => {
    const r = await cli('fixtures/suppressions');
    expect(r.out).toContain('fixtures/suppressions/汇总表.csv:4:7  已抑制(警告)');
    expect(r.out).toContain('    理由: 余款 19.5 万元为线上培训节约的场地费');
    expect(r.out).toMatch(/；另有 2 个问题已抑制（理由见上）\n$/);
  });

  it('a folder search skips the baseline and config files; naming one lints it', () => {
    const found = discover(['fixtures/suppressions']);
    expect(found).toEqual([join('fixtures/suppressions', '汇总表.csv')]);
    expect(discover(['fixtures/suppressions/*.yaml'], {})).toEqual([]);
  });

  // [baseline text, the Chinese line (default), the English line (--lang en)]
  const BAD: Array<[string, string, string]> = [
    ['suppressions:\n  - {file: a.csv, rule: execution-rate, at: /budget/rate, reson: x}\n', 'suppressions[0].reson：不认识的设置项', 'suppressions[0].reson: unknown key'],
    ['suppressions:\n  - {file: a.csv, at: /budget/rate, reason: x}\n', 'suppressions[0].rule：缺少', 'suppressions[0].rule: missing'],
    ['suppressions:\n  - {file: a.csv, rule: execution-rate, at: budget/rate, reason: x}\n', 'suppressions[0].at：应为以 / 开头的位置', 'suppressions[0].at: must be a JSON pointer'],
    ['suppressions:\n  - {file: ../a.csv, rule: execution-rate, at: /budget/rate, reason: x}\n', 'suppressions[0].file：应为本文件夹中的文件名', 'suppressions[0].file: must name a file of this folder'],
    ['ignore: [a.csv]\n', 'ignore：不认识的设置项', 'ignore: unknown key'],
    ['suppressions: [\n', 'YAML 语法错误：第 2 行第 1 列', 'YAML syntax error at line 2, column 1'],
  ];
  for (const [text, zh, en] of BAD) {
    it(`a malformed baseline exits 2 naming the key, in Chinese and in English: ${en}`, async () => {
      expect(() => parseBaseline(text, 'jixiao-lint.baseline.yaml')).toThrow(zh);
      const dir = tmpFolder({ 'a.csv': '序号,项目名称\n', 'jixiao-lint.baseline.yaml': text });
      for (const [args, message] of [[[], zh], [['--lang', 'en'], en]] as const) {
        const r = await cli(dir, ...args);
        expect(r.code).toBe(2);
        expect(r.out).toBe('');
        expect(r.err.split('\n').filter(Boolean)).toHaveLength(1);
        expect(r.err).toContain(`jixiao-lint.baseline.yaml: ${message}`);
      }
    });
  }
});
