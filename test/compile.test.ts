/**
 * The rule compiler refuses what would make a rule silently wrong, with one line naming the
 * file, the YAML line and the rule (fixtures/bad-rules/<case>/rule.yaml carry the exact
 * message in `# refused:` / `# refused-en:` lines; UPDATE_REFUSALS=1 rewrites them). It also
 * keeps what it accepts honest: three-valued logic, Cell-aware comparisons, shared settings,
 * rule-error findings for a rule that throws, and `rules --check`.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUILTINS, RuleFailure } from '../src/check/compile.js';
import { OPERATIONS } from '../src/check/ops/index.js';
import { DEFAULT_SETTINGS } from '../src/config/settings.js';
import { EXAMPLE_RULE, EXAMPLE_TYPO, ruleLanguageMarkdown } from '../src/docs/rule-language.js';
import { runRules } from '../src/check/engine.js';
import { compileRules, RuleError, type Rule } from '../src/check/rules.js';
import { withPolicy } from '../src/config/settings.js';
import { normalizeValue } from '../src/normalize/value.js';
import { loadSchemas, readJson } from '../src/node/resources.js';
import { SchemaSet } from '../src/validate/schemas.js';
import { cli, tmpFolder } from './helpers/cli.js';

const ruleSchema = readJson('schemas/rule.schema.json');
const schemas = new SchemaSet(loadSchemas());
const ctx = { moneyUnit: '万元' as const };
const cell = (text: string, kind: Parameters<typeof normalizeValue>[1]) => normalizeValue(text, kind, ctx);

function refusal(name: string, text: string, lang: 'zh' | 'en'): string {
  try {
    compileRules([{ name, text }], ruleSchema, { schemas, lang });
  } catch (e) {
    if (e instanceof RuleError) return e.message;
    throw e;
  }
  return '(accepted)';
}

const BAD = 'fixtures/bad-rules';

describe('refusals: one line naming file, line and rule', () => {
  const cases = readdirSync(BAD).sort();
  it('there is a case for every refusal', () => {
    for (const c of ['unknown-operation', 'argument-count', 'argument-kind', 'var-path', 'placeholder', 'raw-comparison', 'cell-condition', 'yaml-syntax', 'rule-format']) {
      expect(cases).toContain(c);
    }
  });
  for (const c of cases) {
    it(c, () => {
      const file = join(BAD, c, 'rule.yaml');
      const text = readFileSync(file, 'utf8');
      const zh = refusal(file, text, 'zh');
      const en = refusal(file, text, 'en');
      if (process.env.UPDATE_REFUSALS) {
        writeFileSync(file, text.replace(/^# refused: .*$/m, `# refused: ${zh}`).replace(/^# refused-en: .*$/m, `# refused-en: ${en}`));
        return;
      }
      expect(zh).toBe(/^# refused: (.*)$/m.exec(text)?.[1]);
      expect(en).toBe(/^# refused-en: (.*)$/m.exec(text)?.[1]);
      expect(zh.split('\n')).toHaveLength(1);
      expect(zh.startsWith(`${file}:`)).toBe(true);
    });
  }
});

const demo = (body: string, id = 'demo-rule') => `id: ${id}
title: {zh: 示例, en: Demo}
severity: warning
forms: [project-self-eval]
docs: {why: {zh: 因为, en: because}, fix: {zh: 改, en: fix}}
${body}`;

function compile(body: string, id?: string): Rule {
  const [r] = compileRules([{ name: 'demo.yaml', text: demo(body, id) }], ruleSchema, { schemas });
  if (!r) throw new Error('no rule');
  return r;
}

describe('unknown is explicit', () => {
  const rule = compile(`selector: budget
let:
  computed: {over: [{var: item.actual.total}, {var: item.adjusted.total}]}
condition: {"!": {consistent: [{var: item.rate}, {var: computed}]}}
message: {zh: "应为 {computed|pct}", en: "should be {computed|pct}"}`);
  const budget = (rate: string) => ({
    budget: { rate: cell(rate, 'rate'), actual: { total: cell('90', 'amount') }, adjusted: { total: cell('100', 'amount') } },
  });

  it('a blank rate is unknown, and not-unknown never fires (no 「应为 」 with nothing after it)', () => {
    expect(runRules([rule], 'project-self-eval', budget('　'), 'zh')).toEqual([]);
    expect(runRules([rule], 'project-self-eval', budget('/'), 'zh')).toEqual([]);
  });

  it('a known wrong rate fires, a right one does not', () => {
    expect(runRules([rule], 'project-self-eval', budget('80%'), 'zh').map((f) => f.message)).toEqual(['应为 90.00%']);
    expect(runRules([rule], 'project-self-eval', budget('90%'), 'zh')).toEqual([]);
  });

  it('and/or follow Kleene: false and unknown is false, true or unknown is true', () => {
    const kleene = (cond: string) =>
      runRules([compile(`selector: budget\ncondition: ${cond}\nmessage: {zh: 触发, en: fired}`)], 'project-self-eval', budget('　'), 'en').length;
    expect(kleene('{or: [{lt: [{var: item.rate}, 1]}, true]}')).toBe(1);
    expect(kleene('{or: [{lt: [{var: item.rate}, 1]}, false]}')).toBe(0);
    expect(kleene('{and: [{lt: [{var: item.rate}, 1]}, true]}')).toBe(0);
    expect(kleene('{"!": {and: [{lt: [{var: item.rate}, 1]}, false]}}')).toBe(1);
  });
});

describe('raw comparisons are Cell-aware', () => {
  const rule = compile(`selector: budget
condition: {"<": [{var: item.rate}, 0.9]}
message: {zh: "执行率 {item.rate} 偏低", en: "rate {item.rate} is low"}`);
  it('"<" on a rate compares its exact value (0.85 < 0.9), not its text', () => {
    expect(runRules([rule], 'project-self-eval', { budget: { rate: cell('85%', 'rate') } }, 'zh').map((f) => f.message)).toEqual(['执行率 85% 偏低']);
    expect(runRules([rule], 'project-self-eval', { budget: { rate: cell('95%', 'rate') } }, 'zh')).toEqual([]);
    expect(runRules([rule], 'project-self-eval', { budget: { rate: cell('　', 'rate') } }, 'zh')).toEqual([]);
  });
  it('"==" compares a Cell by value and null means missing', () => {
    const eq = compile(`selector: budget
condition: {and: [{"==": [{var: item.weight}, 10]}, {"!=": [{var: item.score}, null]}]}
message: {zh: 十分, en: ten}`);
    expect(runRules([eq], 'project-self-eval', { budget: { weight: cell('10.0', 'weight'), score: cell('8', 'score') } }, 'en')).toHaveLength(1);
    expect(runRules([eq], 'project-self-eval', { budget: { weight: cell('10.0', 'weight') } }, 'en')).toHaveLength(0);
  });
});

describe('shared settings', () => {
  const rule = compile(`selector: budget
let:
  weight: {if: [{known: [{var: item.weight}]}, {num: [{var: item.weight}]}, {var: settings.executionWeight}]}
condition: {gt: [{var: item.score}, {var: weight}]}
message: {zh: "得分 {item.score} 超过 {weight}", en: "score {item.score} above {weight}"}`);
  const model = { budget: { score: cell('15', 'score') } };
  it('rules read settings.*, national default or a configured value', () => {
    expect(rule.settings).toEqual(['executionWeight']);
    expect(runRules([rule], 'project-self-eval', model, 'en').map((f) => f.message)).toEqual(['score 15 above 10']);
    expect(runRules([rule], 'project-self-eval', model, 'en', withPolicy({}, { executionWeight: 20 }))).toEqual([]);
  });
});

describe('a rule that throws', () => {
  const good = compile(`selector: 'indicators[*]'
condition: {gt: [{var: item.score}, {var: item.weight}]}
message: {zh: 超出, en: above}`, 'good-rule');
  const bad = compile(`selector: 'indicators[*]'
condition: {gt: [{var: item.score}, 0]}
message: {zh: x, en: x}`, 'bad-rule');
  // a check whose condition throws as an operation would on data its author did not foresee
  const broken: Rule = { ...bad, checks: bad.checks.map((c) => ({ ...c, condition: () => { throw new RuleFailure('gt', 7); } })) };
  const [ruleError] = compileRules([{ name: 'rules/rule-error.yaml', text: readFileSync('rules/rule-error.yaml', 'utf8') }], ruleSchema);
  const model = { indicators: [{ score: cell('12', 'score'), weight: cell('10', 'weight') }, { score: cell('1', 'score'), weight: cell('10', 'weight') }] };

  it('gives one rule-error finding naming the rule and the item; other rules still run', () => {
    const found = runRules([broken, good, ruleError!], 'project-self-eval', model, 'zh');
    expect(found.map((f) => [f.ruleId, f.severity, f.pointer])).toEqual([
      ['rule-error', 'error', '/indicators/0'],
      ['good-rule', 'warning', '/indicators/0'],
    ]);
    expect(found[0]?.message).toBe('规则 bad-rule 检查此处时出错（操作 gt，demo.yaml 第 7 行），本项未能检查；其他规则照常检查。请把此提示和所检查的文件交给规则作者。');
    expect(runRules([broken, good, ruleError!], 'project-self-eval', model, 'en', { 'rule-error': { severity: 'off' } }).map((f) => f.ruleId)).toEqual(['good-rule']);
  });
});

describe('jixiao-lint rules --check <dir>', () => {
  const ok = readFileSync('rules/personal-contact.yaml', 'utf8').replace(/^id: personal-contact$/m, 'id: bureau-contact');
  it('reports every refused file in one line each and exits 1; lints nothing', async () => {
    const dir = tmpFolder({
      'a.yaml': ok,
      'b.yaml': readFileSync(join(BAD, 'var-path', 'rule.yaml'), 'utf8'),
      'c.yaml': readFileSync(join(BAD, 'unknown-operation', 'rule.yaml'), 'utf8').replace('id: bureau-demo', 'id: bureau-other'),
    });
    const r = await cli('rules', '--check', dir);
    expect(r.code).toBe(1);
    const lines = r.out.trimEnd().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/b\.yaml:\d+: bureau-demo: var「item\.rates」/);
    expect(lines[1]).toMatch(/c\.yaml:\d+: bureau-other: 未知的操作「lte2」/);
    expect(lines[2]).toBe(`3 个规则文件中 2 个未通过检查（${dir}）`);
  });
  it('exits 0 when every file compiles; --format json; --lang en', async () => {
    const dir = tmpFolder({ 'a.yaml': ok });
    const r = await cli('rules', '--check', dir, '--lang', 'en');
    expect(r.code).toBe(0);
    expect(r.out).toBe(`1 rule file(s) checked, all compile (${dir})\n`);
    const j = await cli('rules', '--check', dir, '--format', 'json');
    expect(JSON.parse(j.out)).toEqual({ rules: ['bureau-contact'], errors: [] });
  });
  it('a rule id clashing with a built-in one is refused', async () => {
    const dir = tmpFolder({ 'x.yaml': readFileSync('rules/personal-contact.yaml', 'utf8') });
    const r = await cli('rules', '--check', dir);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/x\.yaml:1: personal-contact: 规则 id「personal-contact」已在 .*rules\/personal-contact\.yaml 中定义/);
  });
  it('a missing folder is a usage error', async () => {
    expect((await cli('rules', '--check', '/nonexistent-folder-w11')).code).toBe(2);
  });
});

describe('docs/rule-language.md', () => {
  const refusalLine = refusal(EXAMPLE_TYPO.name, EXAMPLE_TYPO.text, 'zh');
  it('is generated from the declarations (run npm run docs when stale)', () => {
    expect(readFileSync('docs/rule-language.md', 'utf8'), 'docs/rule-language.md is out of date: run npm run docs').toBe(ruleLanguageMarkdown(refusalLine));
  });
  it('documents every operation, built-in and shared setting', () => {
    const md = ruleLanguageMarkdown(refusalLine);
    for (const name of Object.keys(OPERATIONS)) expect(md, name).toContain(`| \`${name}(`);
    for (const name of Object.keys(BUILTINS)) expect(md, name).toContain(`| \`${name}\` |`);
    for (const name of Object.keys(DEFAULT_SETTINGS)) expect(md, name).toContain(`| \`${name}\` |`);
  });
  it('the worked example compiles, fires on low execution without a reason, and its typo is refused', () => {
    expect(refusalLine).toMatch(/^bureau-rules\/bureau-low-execution\.yaml:21: bureau-low-execution: var「item\.explaination」/);
    const [r] = compileRules([{ name: 'x.yaml', text: EXAMPLE_RULE }], ruleSchema, { schemas });
    const model = (explanation: string) => ({
      budget: { actual: { total: cell('40', 'amount') }, adjusted: { total: cell('100', 'amount') }, explanation: cell(explanation, 'text') },
    });
    expect(runRules([r!], 'project-self-eval', model('/'), 'zh').map((f) => [f.severity, f.pointer, f.message])).toEqual([
      ['error', '/budget/explanation', '执行率仅 40.00%（低于 80%），执行率权重 10 分，但没有说明原因。请在「偏差原因分析及改进措施」中说明。'],
    ]);
    expect(runRules([r!], 'project-self-eval', model('项目延期'), 'zh')).toEqual([]);
  });
  it('every operation example compiles', () => {
    for (const [name, spec] of Object.entries(OPERATIONS)) {
      const body = `selector: ''\nlet:\n  x: ${spec.example.replace(/\{var: ([\w.]+)\}/g, '{var: [item]}')}\ncondition: false\nmessage: {zh: x, en: x}`;
      expect(() => compileRules([{ name: `${name}.yaml`, text: demo(body) }], ruleSchema), name).not.toThrow();
    }
  });
});
