/**
 * jixiao-lint.config.yaml: options, severities, presets, overrides, extends, and one-line
 * errors naming the offending key.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { parse as parseYaml } from 'yaml';
import { describe, expect, it } from 'vitest';
import { validatePolicy } from '../src/config/config.js';
import { configSchema } from '../src/config/schema.js';
import { DEFAULT_SETTINGS, POLICY_PRESETS, policyOf } from '../src/config/settings.js';
import { findConfig, loadConfig } from '../src/node/config.js';
import { linter } from './helpers/linter.js';
import { cli, tmpFolder } from './helpers/cli.js';

/** A self-evaluation that prints no execution weight, execution 100%, execution score 20. */
const NO_WEIGHT = readFileSync('fixtures/rules/execution-score/invalid-option-weight.yaml', 'utf8')
  .replace(/^ {2}score: "8"$/m, '  score: "20"')
  .replace(/^totalScore: "98"$/m, 'totalScore: "110"');
/** Inconsistent units: unit-consistency findings at info. */
const UNITS = readFileSync('fixtures/rules/unit-consistency/invalid-self-eval.yaml', 'utf8');

async function json(...args: string[]) {
  const r = await cli(...args, '--format', 'json');
  const doc = JSON.parse(r.out) as { files: Array<{ file: string; findings: Array<{ ruleId: string; severity: string }> }> };
  return { code: r.code, err: r.err, files: doc.files };
}

const ids = (f: { findings: Array<{ ruleId: string }> } | undefined) => (f?.findings ?? []).map((x) => x.ruleId);

describe('configuration', () => {
  it('execution-score takes the shared execution weight from the config when the form prints none', async () => {
    const dir = tmpFolder({ 'a.yaml': NO_WEIGHT, 'c.yaml': 'settings:\n  executionWeight: 20\n' });
    const dflt = await json(join(dir, 'a.yaml'));
    expect(ids(dflt.files[0])).toContain('execution-score');
    const r = await json(join(dir, 'a.yaml'), '--config', join(dir, 'c.yaml'));
    expect(ids(r.files[0])).not.toContain('execution-score');
    // and the message of a wrong score uses 20 × rate
    const dir2 = tmpFolder({ 'a.yaml': NO_WEIGHT.replace(/^ {2}score: "20"$/m, '  score: "8"'), 'c.yaml': 'extends: [execution-weight-20]\n' });
    const r2 = await cli(join(dir2, 'a.yaml'), '--config', join(dir2, 'c.yaml'), '--lang', 'en');
    expect(r2.out).toMatch(/weight 20 × execution rate 100(\.00)?% \(capped at 100%\) gives 20/);
  });

  it('a missing --config file exits 2 with one line', async () => {
    const dir = tmpFolder({ 'a.yaml': NO_WEIGHT });
    const r = await cli(join(dir, 'a.yaml'), '--config', join(dir, 'nothing.yaml'));
    expect(r.code).toBe(2);
    expect(r.err.trim().split('\n')).toHaveLength(1);
    expect(r.err).toContain('无法读取配置文件');
  });

  it('severity off silences a rule; a severity string is shorthand', async () => {
    const dir = tmpFolder({ 'a.yaml': NO_WEIGHT.replace(/^ {2}score: "20"$/m, '  score: "8"'), 'c.yaml': 'rules:\n  execution-score: off\n' });
    const r = await json(join(dir, 'a.yaml'), '--config', join(dir, 'c.yaml'));
    expect(ids(r.files[0])).not.toContain('execution-score');
    const dir2 = tmpFolder({ 'a.yaml': UNITS, 'c.yaml': 'rules:\n  unit-consistency: {severity: error}\n' });
    const r2 = await json(join(dir2, 'a.yaml'), '--config', join(dir2, 'c.yaml'));
    const units = r2.files[0]?.findings.filter((f) => f.ruleId === 'unit-consistency') ?? [];
    expect(units.length).toBeGreaterThan(0);
    expect(units.every((f) => f.severity === 'error')).toBe(true);
    expect(r2.code).toBe(1);
  });

  it('the strict preset raises info to warning; recommended keeps defaults', async () => {
    const dir = tmpFolder({ 'a.yaml': UNITS, 'strict.yaml': 'extends: [strict]\n', 'rec.yaml': 'extends: [recommended]\n' });
    const sev = async (config: string) =>
      (await json(join(dir, 'a.yaml'), '--config', join(dir, config))).files[0]?.findings.filter((f) => f.ruleId === 'unit-consistency').map((f) => f.severity);
    expect(new Set(await sev('rec.yaml'))).toEqual(new Set(['info']));
    expect(new Set(await sev('strict.yaml'))).toEqual(new Set(['warning']));
  });

  it('overrides apply by glob, relative to the config file', async () => {
    const bad = NO_WEIGHT.replace(/^ {2}score: "20"$/m, '  score: "8"');
    const dir = tmpFolder({
      'jixiao-lint.config.yaml': "overrides:\n  - files: ['2021/**']\n    rules: {execution-score: off}\n",
      '2021/a.yaml': bad,
      '2022/a.yaml': bad,
    });
    const r = await json(join(dir, '2021'), join(dir, '2022'), '--config', join(dir, 'jixiao-lint.config.yaml'));
    const byFile = new Map(r.files.map((f) => [f.file, ids(f)]));
    expect(byFile.get(join(dir, '2021', 'a.yaml'))).not.toContain('execution-score');
    expect(byFile.get(join(dir, '2022', 'a.yaml'))).toContain('execution-score');
  });

  it('extends chains: presets, then extended files, then the file itself', async () => {
    const dir = tmpFolder({
      'base/base.yaml': 'extends: [strict]\nsettings:\n  executionWeight: 20\n',
      'sub/c.yaml': 'extends: [../base/base.yaml]\nrules:\n  required-categories: off\n',
      'a.yaml': NO_WEIGHT,
      'u.yaml': UNITS,
    });
    const r = await json(join(dir, 'a.yaml'), join(dir, 'u.yaml'), '--config', join(dir, 'sub/c.yaml'));
    expect(ids(r.files[0])).not.toContain('execution-score');
    expect(ids(r.files[0])).not.toContain('required-categories');
    const units = r.files[1]?.findings.filter((f) => f.ruleId === 'unit-consistency') ?? [];
    expect(units.length).toBeGreaterThan(0);
    expect(units.every((f) => f.severity === 'warning')).toBe(true);
  });

  it('an extends cycle is an error', () => {
    const dir = tmpFolder({ 'a.yaml': 'extends: [./b.yaml]\n', 'b.yaml': 'extends: [./a.yaml]\n' });
    expect(() => loadConfig(join(dir, 'a.yaml'), dir)).toThrow(/extends：循环引用/);
  });

  it('is found from the current folder upwards', () => {
    const dir = tmpFolder({ 'jixiao-lint.config.yml': 'rules: {}\n', 'x/y/.keep': '' });
    expect(findConfig(join(dir, 'x/y'))).toBe(join(dir, 'jixiao-lint.config.yml'));
    const cfg = loadConfig(undefined, join(dir, 'x/y'));
    expect(cfg.file).toBe(join(dir, 'jixiao-lint.config.yml'));
  });

  it('reads JSON configs and ruleDirs relative to the config file', () => {
    const rule = readFileSync('rules/personal-contact.yaml', 'utf8').replace(/^id: personal-contact$/m, 'id: bureau-contact');
    const dir = tmpFolder({
      'jixiao-lint.config.json': JSON.stringify({ ruleDirs: ['./bureau'], rules: { 'bureau-contact': 'error' } }),
      'bureau/bureau-contact.yaml': rule,
    });
    const cfg = loadConfig(undefined, dir);
    expect(cfg.linter.rule('bureau-contact')).toBeDefined();
    expect(cfg.base['bureau-contact']).toEqual({ severity: 'error' });
  });

  it("a bureau's own rule fires at the severity the config gives it", async () => {
    const rule = readFileSync('rules/personal-contact.yaml', 'utf8').replace(/^id: personal-contact$/m, 'id: bureau-contact');
    const dir = tmpFolder({
      'jixiao-lint.config.yaml': 'ruleDirs: [./bureau]\nrules:\n  bureau-contact: error\n  personal-contact: off\n',
      'bureau/bureau-contact.yaml': rule,
      'a.yaml': readFileSync('fixtures/rules/personal-contact/invalid.yaml', 'utf8'),
    });
    const r = await json(join(dir, 'a.yaml'), '--config', join(dir, 'jixiao-lint.config.yaml'));
    const found = r.files[0]?.findings.filter((f) => f.ruleId.endsWith('-contact')) ?? [];
    expect(found.length).toBeGreaterThan(0);
    expect(found.every((f) => f.ruleId === 'bureau-contact' && f.severity === 'error')).toBe(true);
    expect(r.code).toBe(1);
  });

  // [config text, the Chinese line (default), the English line (--lang en)]
  const INVALID: Array<[string, string, string]> = [
    ['rules:\n  execution-score: {options: {wieght: 20}}\n', 'rules.execution-score.options.wieght：该规则没有此选项', 'rules.execution-score.options.wieght: unknown option'],
    ['rules:\n  execution-scor: warning\n', 'rules.execution-scor：没有这条规则', 'rules.execution-scor: unknown rule'],
    ['rules:\n  execution-score: {options: {cap: -1}}\n', 'rules.execution-score.options.cap：取值 -1 不正确：不应小于 0', 'rules.execution-score.options.cap: bad value -1: must be >= 0'],
    ['rules:\n  execution-score: {options: {cap: "1"}}\n', 'rules.execution-score.options.cap：取值 "1" 不正确：类型应为数值', 'rules.execution-score.options.cap: bad value "1": must be number'],
    [
      'rules:\n  execution-score: {options: {weight: 20}}\n',
      'rules.execution-score.options.weight：该选项已移至 settings.executionWeight（各规则共用）',
      'rules.execution-score.options.weight: unknown option (moved to settings.executionWeight, shared by every rule that reads it)',
    ],
    ['settings:\n  executionWieght: 20\n', 'settings.executionWieght：不认识的共用设置', 'settings.executionWieght: unknown setting'],
    ['settings:\n  executionWeight: "20"\n', 'settings.executionWeight：取值 "20" 不正确：类型应为数值', 'settings.executionWeight: bad value "20": must be number'],
    ['settings:\n  qualitativeBands: {partly: 150}\n', 'settings.qualitativeBands.partly：取值 150 不正确：不应大于 100', 'settings.qualitativeBands.partly: bad value 150: must be <= 100'],
    ['ruleDirs: [./bad]\n', 'bad/r.yaml:', 'bad/r.yaml:'],
    ['rules:\n  execution-score: loud\n', 'rules.execution-score：级别 "loud" 不正确', 'rules.execution-score: bad severity "loud"'],
    ['rules:\n  execution-score: {severity: fatal}\n', 'rules.execution-score.severity：级别 "fatal" 不正确', 'rules.execution-score.severity: bad severity "fatal"'],
    ['rules:\n  execution-score: {level: error}\n', 'rules.execution-score.level：不认识的设置项', 'rules.execution-score.level: unknown key'],
    ["overrides:\n  - files: ['x/**']\n    rules: {grade-bnd: off}\n", 'overrides[0].rules.grade-bnd：没有这条规则', 'overrides[0].rules.grade-bnd: unknown rule'],
    ['extend: [strict]\n', 'extend：不认识的设置项', 'extend: unknown key'],
    ['rules: [\n', 'YAML 语法错误：第 2 行第 1 列', 'YAML syntax error at line 2, column 1'],
    ['rules: {}\nrules: {}\n', 'YAML 语法错误：第 2 行第 1 列有重复的键', 'YAML syntax error at line 2, column 1: a key is written twice'],
  ];
  for (const [text, zh, en] of INVALID) {
    it(`invalid config exits 2 with one line naming the key, in Chinese and in English: ${en}`, async () => {
      const badRule = readFileSync('fixtures/bad-rules/var-path/rule.yaml', 'utf8');
      const dir = tmpFolder({ 'jixiao-lint.config.yaml': text, 'a.yaml': NO_WEIGHT, 'bad/r.yaml': badRule });
      const cwd = process.cwd();
      process.chdir(dir);
      try {
        for (const [args, message] of [[[], zh], [['--lang', 'en'], en]] as const) {
          const r = await cli('a.yaml', ...args);
          expect(r.code).toBe(2);
          expect(r.out).toBe('');
          expect(r.err.split('\n').filter(Boolean)).toHaveLength(1);
          expect(r.err).toContain(message.startsWith('bad/') ? `jixiao-lint: ${message}` : `jixiao-lint: jixiao-lint.config.yaml: ${message}`);
          // never ajv's or the YAML parser's English in the Chinese line
          if (args.length === 0 && !message.startsWith('bad/')) expect(r.err).not.toMatch(/must be|unknown|invalid|expected|bad value|Nested|Implicit/);
        }
      } finally {
        process.chdir(cwd);
      }
    });
  }
});

describe('shared settings and policy presets', () => {
  it('settings merge over the defaults, presets by extends, overrides per file', () => {
    const dir = tmpFolder({
      'jixiao-lint.config.yaml':
        "extends: [recommended, execution-weight-20, reverse-linear]\nsettings:\n  gradeBands: {excellent: 85}\noverrides:\n  - files: ['2021/**']\n    settings: {qualitativeBands: {partly: 50}}\n",
    });
    const cfg = loadConfig(undefined, dir);
    expect(cfg.policy.executionWeight).toBe(20);
    expect(cfg.policy.indicatorTotal).toBe(80);
    expect(cfg.policy.gradeBands).toEqual({ excellent: 85, good: 80, fair: 60 });
    expect(cfg.policy.hierarchy['数量']).toBe('产出');
    expect(cfg.base['quantitative-score']).toEqual({ options: { lessThanMethod: 'linear' } });
    expect(policyOf(cfg.settingsFor(join(dir, '2021/a.yaml'))).qualitativeBands).toEqual({ achieved: 80, partly: 50 });
    expect(policyOf(cfg.settingsFor(join(dir, '2022/a.yaml'))).qualitativeBands).toEqual({ achieved: 80, partly: 60 });
    expect(policyOf(undefined)).toEqual(DEFAULT_SETTINGS);
  });

  it('the execution-weight-20 preset changes what weights-sum and execution-score expect', async () => {
    const dir = tmpFolder({ 'a.yaml': readFileSync('fixtures/rules/weights-sum/valid.yaml', 'utf8'), 'c.yaml': 'extends: [execution-weight-20]\n' });
    expect(ids((await json(join(dir, 'a.yaml'))).files[0])).not.toContain('weights-sum');
    expect(ids((await json(join(dir, 'a.yaml'), '--config', join(dir, 'c.yaml'))).files[0])).toContain('weights-sum');
  });

  it('every policy preset is documented and valid', () => {
    for (const [name, preset] of Object.entries(POLICY_PRESETS)) {
      expect(preset.description.zh.length, name).toBeGreaterThan(5);
      expect(preset.description.en.length, name).toBeGreaterThan(5);
      expect(() => validatePolicy(preset.settings, name)).not.toThrow();
    }
  });
});

describe('schemas/config.schema.json', () => {
  const schema = configSchema(linter.rules);
  const ajv = new Ajv2020({ strict: false });
  const validate = ajv.compile(schema);

  it('has a property for every rule, with its options', () => {
    const rules = (schema.$defs as { rules: { properties: Record<string, unknown> } }).rules.properties;
    expect(Object.keys(rules)).toEqual(linter.rules.map((r) => r.id));
    expect(JSON.stringify(rules['execution-score'])).toContain('"cap"');
    expect(JSON.stringify(schema.$defs)).toContain('"executionWeight"');
  });

  it('accepts the documented example and rejects an unknown option', () => {
    const example = parseYaml(
      "extends: [recommended, qualitative-80-50]\nruleDirs: [./bureau-rules]\nsettings:\n  executionWeight: 20\n  indicatorTotal: 80\nrules:\n  category-weights: off\noverrides:\n  - files: ['2021/**']\n    rules: {grade-band: off}\n    settings: {gradeBands: {excellent: 85}}\n",
    );
    expect(validate(example), JSON.stringify(validate.errors)).toBe(true);
    expect(validate({ rules: { 'execution-score': { options: { wieght: 20 } } } })).toBe(false);
    expect(validate({ settings: { executionWieght: 20 } })).toBe(false);
  });
});
