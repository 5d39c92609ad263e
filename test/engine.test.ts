import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runRules, select } from '../src/check/engine.js';
import { compileRules, joinFoldedChinese, RuleError } from '../src/check/rules.js';
import { render } from '../src/check/template.js';
import { loadStructured } from '../src/load/structured.js';
import { normalizeValue } from '../src/normalize/value.js';
import type { JsonSchema } from '../src/validate/schemas.js';

const ruleSchema = JSON.parse(readFileSync('schemas/rule.schema.json', 'utf8')) as JsonSchema;
const ctx = { moneyUnit: '万元' as const };

describe('selectors', () => {
  const doc = { budget: { initial: { total: 1 }, adjusted: { total: 2 } }, indicators: [{ n: 'a' }, { n: 'b' }], projects: [{ targets: [{ t: 1 }] }, { targets: [] }] };
  it('select the root, fields, array items, nested arrays and object values with their pointers', () => {
    expect(select(doc, '').map((s) => s.pointer)).toEqual(['']);
    expect(select(doc, 'budget').map((s) => s.pointer)).toEqual(['/budget']);
    expect(select(doc, 'indicators[*]').map((s) => s.pointer)).toEqual(['/indicators/0', '/indicators/1']);
    expect(select(doc, 'projects[*].targets[*]').map((s) => s.pointer)).toEqual(['/projects/0/targets/0']);
    expect(select(doc, 'budget.*').map((s) => s.pointer)).toEqual(['/budget/initial', '/budget/adjusted']);
    expect(select(doc, 'missing[*]')).toEqual([]);
  });
});

describe('templates', () => {
  it('print cells as printed, decimals exactly, percentages, intervals and localized pairs', () => {
    const data = {
      rate: normalizeValue('99.98%', 'rate', ctx),
      blank: normalizeValue('', 'text', ctx),
      x: normalizeValue('0.78125', 'number', ctx).value,
      hint: { zh: '与 {rate} 相符', en: 'matches {rate}' },
    };
    expect(render('{rate} {x|pct} {x|pct:1} {x|fixed:3} {x} {rate|range} {hint} [{blank}]', data, 'zh')).toBe(
      '99.98% 78.13% 78.1% 0.781 0.7813 约 0.9998（按填报的位数，可能在 0.99975 至 0.99985 之间） 与 99.98% 相符 [（空）]',
    );
    // render() serves stage findings, whose arguments come from code; a rule's own templates are
    // compiled and a placeholder naming nothing is refused at load (test/compile.test.ts).
    expect(render('{hint} [{blank}] {missing}', data, 'en')).toBe('matches 99.98% [(blank)] ');
  });
});

const rule = (extra: string) => `id: demo-rule
title: {zh: 示例, en: Demo}
severity: warning
forms: [project-self-eval]
docs: {why: {zh: 因为, en: because}, fix: {zh: 改, en: fix}}
${extra}`;

describe('rule files', () => {
  it('compile checks with selectors, let bindings, options and dynamic severity', () => {
    const [r] = compileRules(
      [
        {
          name: 'demo.yaml',
          text: rule(`selector: 'indicators[*]'
let:
  over: {minus: [{var: item.score}, {var: options.limit}]}
condition: {gt: [{var: over}, 0]}
severityBy: {if: [{gt: [{var: over}, 5]}, error, warning]}
at: score
message: {zh: "超出 {over}", en: "over by {over}"}
options:
  limit: {default: 10, schema: {type: number}, description: {zh: 上限, en: limit}}`),
        },
      ],
      ruleSchema,
    );
    const model = { indicators: [{ score: normalizeValue('12', 'score', ctx) }, { score: normalizeValue('30', 'score', ctx) }, { score: normalizeValue('9', 'score', ctx) }] };
    const found = runRules([r!], 'project-self-eval', model, 'en');
    expect(found).toEqual([
      { ruleId: 'demo-rule', severity: 'warning', message: 'over by 2', pointer: '/indicators/0/score' },
      { ruleId: 'demo-rule', severity: 'error', message: 'over by 20', pointer: '/indicators/1/score' },
    ]);
    // configured options and severity win; 'off' silences; other forms are skipped
    expect(runRules([r!], 'project-self-eval', model, 'en', { 'demo-rule': { options: { limit: 25 } } }).map((f) => f.pointer)).toEqual(['/indicators/1/score']);
    expect(runRules([r!], 'project-self-eval', model, 'en', { 'demo-rule': { severity: 'info' } }).map((f) => f.severity)).toEqual(['info', 'info']);
    expect(runRules([r!], 'project-self-eval', model, 'en', { 'demo-rule': { severity: 'off' } })).toEqual([]);
    expect(runRules([r!], 'target-table', model, 'en')).toEqual([]);
  });

  it('reject invalid rules with the file and the reason', () => {
    expect(() => compileRules([{ name: 'bad.yaml', text: rule('message: {zh: x}') }], ruleSchema)).toThrow(RuleError);
    expect(() => compileRules([{ name: 'bad.yaml', text: rule('selector: x') }], ruleSchema)).toThrow(/bad\.yaml/);
    expect(() => compileRules([{ name: 'bad.yaml', text: 'id: [' }], ruleSchema)).toThrow('bad.yaml:1: YAML 格式错误');
    expect(() => compileRules([{ name: 'bad.yaml', text: 'id: [' }], ruleSchema, { lang: 'en' })).toThrow(/^bad\.yaml:1: not valid YAML/);
    const ok = rule('condition: true\nmessage: {zh: x, en: y}');
    expect(() =>
      compileRules(
        [
          { name: 'a.yaml', text: ok },
          { name: 'b.yaml', text: ok },
        ],
        ruleSchema,
      ),
    ).toThrow('b.yaml:1: demo-rule: 规则 id「demo-rule」已在 a.yaml 中定义');
  });
});

describe('JSON/YAML loading', () => {
  it('maps pointers to 1-based line and column and keeps the source text of numbers', () => {
    const { documents } = loadStructured('form: x\nbudget:\n  rate: 100.00\n  list:\n    - a\n    - b\n', 'yaml');
    const map = documents[0]!.sourceMap;
    expect(map.locate('/budget/rate')).toEqual({ line: 3, column: 9 });
    expect(map.locate('/budget/list/1')).toEqual({ line: 6, column: 7 });
    expect(map.locate('/budget/missing')).toEqual({ line: 3, column: 3 });
    expect(map.sourceText?.('/budget/rate')).toBe('100.00');
  });

  it('reads JSON with positions and reports syntax errors by line and column', () => {
    const ok = loadStructured('{\n  "a": {\n    "b": 1.50\n  }\n}', 'json');
    expect(ok.documents[0]!.sourceMap.locate('/a/b')).toEqual({ line: 3, column: 10 });
    const bad = loadStructured('{\n  "a": 1,\n  "b": }', 'json');
    expect(bad.documents).toEqual([]);
    expect(bad.problems[0]).toMatchObject({ ruleId: 'parse-error', location: { pointer: '', line: 3, column: 8 } });
  });

  it('reads several YAML documents and rejects duplicate keys', () => {
    expect(loadStructured('a: 1\n---\na: 2\n', 'yaml').documents.map((d) => d.document?.index)).toEqual([0, 1]);
    const dup = loadStructured('a: 1\na: 2\n', 'yaml');
    expect(dup.problems[0]).toMatchObject({ ruleId: 'parse-error', location: { line: 2 } });
  });
});

describe('rule texts', () => {
  it('a line break folded into a space is removed between Chinese characters, not elsewhere', () => {
    const doc = { docs: { why: { zh: '部分达成、 有一定效果的按 80%–60% 计分。 得分按 实际完成值 ÷ 指标值 计算；未完成的， "≥"类', en: 'a b' } } };
    joinFoldedChinese(doc);
    expect(doc.docs.why).toEqual({ zh: '部分达成、有一定效果的按 80%–60% 计分。得分按实际完成值 ÷ 指标值计算；未完成的，"≥"类', en: 'a b' });
  });
});
