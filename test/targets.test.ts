/**
 * Approved targets vs self-evaluation (issue 16, item 3): the operations of
 * src/check/ops/targets.ts, matching an approved table to a self-evaluation, and the rules
 * target-changed / target-missing / target-added through the CLI (--targets) and through a
 * config file's targets:. The fixtures (fixtures/targets/, fixtures/rules/target-*) carry
 * their own exact expectations (test/fixtures.test.ts); here the same runs go through the CLI.
 */
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runAction, type ActionCore, type ActionInputs, type Annotation } from '../src/action/run.js';
import { defaultSetup } from '../src/action/setup.js';
import { approvedFor, entityKey, indicatorKey, targetChange, yearKey, type ApprovalTable } from '../src/check/ops/targets.js';
import { normalizeValue } from '../src/normalize/value.js';
import { loadBytes } from '../src/load/index.js';
import { run } from '../src/node/cli.js';
import { cli, tmpFolder } from './helpers/cli.js';
import { linter } from './helpers/linter.js';

const target = (t: string) => normalizeValue(t, 'target', { moneyUnit: '万元' });
const change = (value: string, approved: string, unit?: string) => targetChange(target(value), target(approved), unit);

interface JsonFinding {
  ruleId: string;
  severity: string;
  message: string;
  expected?: string;
  actual?: string;
  location: { pointer: string; line?: number; column?: number };
}
interface JsonReport {
  files: Array<{ file: string; form: string | null; findings: JsonFinding[] }>;
}

/** The findings of a --format json run, as "rule severity pointer line:column". */
function lines(out: string): string[] {
  const report = JSON.parse(out) as JsonReport;
  return report.files.flatMap((f) => f.findings.map((x) => `${x.ruleId} ${x.severity} ${x.location.pointer} ${x.location.line}:${x.location.column}`));
}

const TARGET_RULES = /^target-/;
const SEED_004 = 'fixtures/seeds/004-target-table.yaml';
const SEED_004_AS_FILED = 'fixtures/import/seed-004.txt';

const LOWERED = [
  'target-changed error /indicators/1/target 29:87',
  'target-changed error /indicators/4/target 32:89',
  'target-changed error /indicators/6/target 34:86',
  'target-changed error /indicators/7/target 35:74',
  'target-changed error /indicators/9/target 37:88',
  'target-changed error /indicators/11/target 39:84',
];
const DROPPED = [
  'target-missing warning /indicators 25:3',
  'target-missing warning /indicators 25:3',
  'target-missing warning /indicators 25:3',
  'target-added info /indicators/8/name 33:40',
];

describe('targetChange: which value is laxer, exactly', () => {
  it('a lower value of a "≥" target is laxer, a higher one stricter', () => {
    expect(change('≥80%', '≥90%')?.kind).toBe('laxer');
    expect(change('≥95%', '≥90%')?.kind).toBe('stricter');
    expect(change('3', '4')?.kind).toBe('laxer');
    expect(change('500', '450')?.kind).toBe('stricter');
  });
  it('a higher value of a "≤" target is laxer', () => {
    expect(change('≤15%', '≤10%')?.kind).toBe('laxer');
    expect(change('≤5%', '≤10%')?.kind).toBe('stricter');
  });
  it('the same number written differently is no change (exact decimals, unit from the unit column)', () => {
    expect(change('≥90.0%', '≥90%')).toBeNull();
    expect(change('≥９０％', '≥90%')).toBeNull();
    expect(change('4次', '4')).toBeNull();
    expect(change('4', '4次', '次')).toBeNull();
    expect(change('≥ 20', '≥20场', '场')).toBeNull();
    expect(change('1次', '≥1次')).toBeNull(); // a bare value reads as "at least"
    expect(change('0.30000000000000001', '0.3')?.kind).toBe('stricter'); // no binary floating point
  });
  it('a strict sign relaxed or tightened', () => {
    expect(change('≥95%', '>95%')?.kind).toBe('laxer');
    expect(change('>95%', '≥95%')?.kind).toBe('stricter');
    expect(change('≤10%', '<10%')?.kind).toBe('laxer');
  });
  it('units must agree; the direction must stay', () => {
    expect(change('≥90分', '≥90%')).toMatchObject({ kind: 'unit', detail: { zh: '单位不同（批复为「%」，自评表为「分」），无法比较高低' } });
    expect(change('4个', '4次')?.kind).toBe('unit');
    expect(change('≤10%', '≥10%')?.kind).toBe('direction');
  });
  it('words compare as text: 良好或以上 vs 良好', () => {
    expect(change('良好', '良好或以上')).toMatchObject({ kind: 'text', detail: { zh: '两者文字不同', en: 'the two are worded differently' } });
    expect(change('良好或以上。', '良好或以上')).toBeNull();
    expect(change(' 良好 或以上', '良好或以上')).toBeNull();
  });
  it('a blank value is not a change (missing-indicator-value reports it)', () => {
    expect(change('　', '≥90%')).toBeNull();
    expect(change('≥90%', '/')).toBeNull();
  });
  it('says which side is laxer in both languages', () => {
    expect(change('≥80%', '≥90%')?.detail).toEqual({
      zh: '数值低于批复值，目标被放宽（「≥」类指标数值越低越宽松）',
      en: 'lower than the approved value: the target was relaxed (for a "≥" target a lower value is laxer)',
    });
    expect(change('≤15%', '≤10%')?.detail.zh).toBe('数值高于批复值，目标被放宽（「≤」类指标数值越高越宽松）');
  });
});

describe('names', () => {
  it('indicator names: numbering prefixes, spaces, width, a bracketed unit at the end', () => {
    const key = indicatorKey('预算执行率（%）');
    for (const n of ['指标1：预算执行率（%）', '指标1: 预算执行率(%)', '（一）预算执行率', '1、预算执行率', '1. 预算 执行率', '①预算执行率', '预算执行率。']) {
      expect(indicatorKey(n), n).toBe(key);
    }
    expect(indicatorKey('提高代表履职能力，助推社会经济高质量发展')).toBe(indicatorKey('提高代表履职能力,助推社会经济高质量发展'));
    expect(indicatorKey('1.5倍以上完成率')).toBe('1.5倍以上完成率'); // a decimal is not numbering
    expect(indicatorKey('群众满意度')).not.toBe(indicatorKey('群众满意率'));
  });
  it('unit names: stamp notes, labels, width and spaces', () => {
    const key = entityKey('东莞市人民代表大会常务委员会办公室');
    for (const n of ['东莞市人民代表大会常务委员会办公室（盖章）', '东莞市人民代表大会常务委员会办公室(公章)', '单位名称：东莞市人民代表大会常务委员会办公室', ' 东莞市人民代表大会 常务委员会办公室 ']) {
      expect(entityKey(n), n).toBe(key);
    }
    expect(yearKey('2022年度')).toBe('2022');
    expect(yearKey(2022)).toBe('2022');
    expect(yearKey('')).toBe('');
  });
});

describe('matching an approved table to a self-evaluation', () => {
  const approval = async (file: string): Promise<ApprovalTable> => {
    const loaded = await loadBytes(file, readFileSync(file));
    return { file, data: loaded.documents[0]?.data };
  };
  const selfEval = (over: Record<string, unknown>) => ({ form: 'department-self-eval', year: 2022, unit: '东莞市人民代表大会常务委员会办公室', indicators: [], ...over });

  it('by unit and year; another year or unit matches nothing', async () => {
    const seed = await approval(SEED_004);
    expect(approvedFor([seed], 'department-self-eval', selfEval({}), linter.schemas)).toMatchObject({ file: SEED_004, year: '2022', conflict: '' });
    expect(approvedFor([seed], 'department-self-eval', selfEval({ year: '2022年度' }), linter.schemas)?.indicators).toHaveLength(34);
    expect(approvedFor([seed], 'department-self-eval', selfEval({ year: 2023 }), linter.schemas)).toBeNull();
    expect(approvedFor([seed], 'department-self-eval', selfEval({ unit: '东莞市人大常委会办公室' }), linter.schemas)).toBeNull();
    expect(approvedFor([seed], 'project-self-eval', selfEval({ form: 'project-self-eval', project: '东莞市人民代表大会常务委员会办公室' }), linter.schemas)).toBeNull();
    expect(approvedFor([seed], 'target-table', selfEval({ form: 'target-table' }), linter.schemas)).toBeNull();
    expect(approvedFor([], 'department-self-eval', selfEval({}), linter.schemas)).toBeNull();
  });

  it('the seed as published (text) and as transcribed (YAML) are the same approval', async () => {
    const both = [await approval(SEED_004), await approval(SEED_004_AS_FILED)];
    expect(approvedFor(both, 'department-self-eval', selfEval({}), linter.schemas)?.conflict).toBe('');
  });

  it('a project self-evaluation matches the table of its project (unit, department or implementer)', async () => {
    const village = await approval('fixtures/targets/approved-village-2023.yaml');
    const culture = await approval('fixtures/targets/approved-culture-2023.yaml');
    const project = { form: 'project-self-eval', year: 2023, unit: '示例市文化馆', department: '示例市文化广电旅游局', project: '乡村文化振兴示范项目（盖章）' };
    expect(approvedFor([culture, village], 'project-self-eval', project, linter.schemas)?.file).toBe('fixtures/targets/approved-village-2023.yaml');
    expect(approvedFor([culture, village], 'project-self-eval', { ...project, department: '另一个局' }, linter.schemas)).toBeNull();
    // the department table is not the department self-evaluation's only because of the unit: a project table is never one
    expect(approvedFor([village], 'department-self-eval', { form: 'department-self-eval', year: 2023, unit: '示例市文化广电旅游局' }, linter.schemas)).toBeNull();
  });

  it('two different tables of one unit and year conflict; without a year, two years conflict', async () => {
    const a = await approval('fixtures/targets/approved-culture-2023.yaml');
    const b = await approval('fixtures/targets/approved-culture-2023-revised.yaml');
    const dept = { form: 'department-self-eval', year: 2023, unit: '示例市文化广电旅游局' };
    expect(approvedFor([a, b], 'department-self-eval', dept, linter.schemas)?.conflict).toBe('fixtures/targets/approved-culture-2023-revised.yaml');
    expect(approvedFor([a, a], 'department-self-eval', dept, linter.schemas)?.conflict).toBe('');
    const later: ApprovalTable = { file: 'later.yaml', data: { ...(a.data as object), year: 2024 } };
    expect(approvedFor([a, later], 'department-self-eval', { ...dept, year: undefined }, linter.schemas)?.conflict).toBe('later.yaml');
    expect(approvedFor([a], 'department-self-eval', { ...dept, year: undefined }, linter.schemas)?.file).toBe('fixtures/targets/approved-culture-2023.yaml');
  });
});

describe('through the CLI: --targets', () => {
  it('seed 004 kept: nothing fires', async () => {
    const r = await cli('fixtures/targets/keep.yaml', '--targets', SEED_004, '-f', 'json');
    expect(lines(r.out)).toEqual([]);
    expect(r.code).toBe(0);
  });

  it('seed 004 lowered: target-changed on each changed target, saying which is laxer', async () => {
    const r = await cli('fixtures/targets/lower.yaml', '--targets', SEED_004, '-f', 'json');
    expect(r.code).toBe(1);
    expect(lines(r.out)).toEqual(LOWERED);
    const findings = (JSON.parse(r.out) as JsonReport).files[0]?.findings ?? [];
    expect(findings[2]).toMatchObject({
      expected: '≥90%',
      actual: '≥80%',
      message:
        '指标「指标1：工作质量达标率」的年度指标值填为「≥80%」，而批复的绩效目标表（fixtures/seeds/004-target-table.yaml，第 12 个指标）为「≥90%」：数值低于批复值，目标被放宽（「≥」类指标数值越低越宽松）。自评应对照批复的目标；如目标确经批准调整，请按批复的调整后目标填写并附调整依据。',
    });
    expect(findings[5]?.message).toContain('数值高于批复值，目标被放宽（「≤」类指标数值越高越宽松）');
    expect(findings[1]?.message).toContain('比批复更严');
    expect(findings[3]?.message).toContain('为「良好或以上」：两者文字不同');
  });

  it('seed 004 dropped: target-missing for each approved indicator left out, target-added for the new one (English)', async () => {
    const r = await cli('fixtures/targets/drop.yaml', '--targets', SEED_004, '-f', 'json', '--lang', 'en');
    expect(r.code).toBe(0);
    expect(lines(r.out)).toEqual(DROPPED);
    const messages = ((JSON.parse(r.out) as JsonReport).files[0]?.findings ?? []).map((f) => f.message);
    expect(messages[0]).toBe(
      'Indicator 5 of the approved target table (fixtures/seeds/004-target-table.yaml), "代表履职经费发放人数" (产出指标 / 数量指标, annual target "450"), is absent from the self-evaluation. Every approved indicator needs its result; add it, or explain why it was left out.',
    );
    expect(messages[3]).toContain('"指标4：会议资料归档率" is not in the approved target table');
  });

  it('the seed as filed (text extracted from the web page) gives the same findings', async () => {
    const lowered = await cli('fixtures/targets/lower.yaml', '--targets', SEED_004_AS_FILED, '-f', 'json');
    expect(lines(lowered.out)).toEqual(LOWERED);
    const dropped = await cli('fixtures/targets/drop.yaml', '--targets', SEED_004_AS_FILED, '-f', 'json');
    expect(lines(dropped.out)).toEqual(DROPPED);
  });

  it('without --targets the target rules say nothing', async () => {
    const r = await cli('fixtures/targets/lower.yaml', 'fixtures/targets/drop.yaml', '-f', 'json');
    expect(lines(r.out).filter((l) => TARGET_RULES.test(l))).toEqual([]);
    expect(r.code).toBe(0);
  });

  it('a folder and a glob of approvals; each self-evaluation finds its own table', async () => {
    const dir = tmpFolder({});
    mkdirSync(join(dir, '批复'));
    copyFileSync(SEED_004, join(dir, '批复', '004.yaml'));
    copyFileSync('fixtures/targets/approved-culture-2023.yaml', join(dir, '批复', 'culture.yaml'));
    const folder = await cli('fixtures/targets/lower.yaml', 'fixtures/rules/target-changed/invalid.yaml', '--targets', join(dir, '批复'), '-f', 'json');
    expect(lines(folder.out)).toEqual([
      ...LOWERED,
      'target-changed error /indicators/0/target 22:83',
      'target-changed error /indicators/1/target 23:82',
      'target-changed error /indicators/3/target 25:72',
      'target-changed error /indicators/4/target 26:84',
    ]);
    const glob = await cli('fixtures/targets/lower.yaml', '--targets', `${dir}/批复/*.yaml`, '-f', 'json');
    expect(lines(glob.out)).toEqual(LOWERED);
  });

  it('a file that is not an approved target table stops the run (exit 2, one line)', async () => {
    const self = await cli('fixtures/targets/lower.yaml', '--targets', 'fixtures/targets/keep.yaml');
    expect(self.code).toBe(2);
    expect(self.err).toBe(
      'jixiao-lint: 批复目标表 fixtures/targets/keep.yaml：不是绩效目标表（应为 form: target-table，读出的是 department-self-eval）。--targets 只接受批复的绩效目标表\n',
    );
    const missing = await cli('fixtures/targets/lower.yaml', '--targets', 'no/such/批复.yaml', '--lang', 'en');
    expect(missing.code).toBe(2);
    expect(missing.err).toBe('jixiao-lint: approved targets (--targets / targets:): no such file or directory: no/such/批复.yaml\n');
    const dir = tmpFolder({ 'bad.yaml': 'form: target-table\nyear: [\n', 'noyear.yaml': 'form: target-table\nunit: 某单位\nindicators: []\n' });
    const bad = await cli('fixtures/targets/lower.yaml', '--targets', join(dir, 'bad.yaml'));
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/^jixiao-lint: 批复目标表 .*bad\.yaml：.+\n$/);
    expect(bad.err).not.toMatch(/at |Error/);
    const noYear = await cli('fixtures/targets/lower.yaml', '--targets', join(dir, 'noyear.yaml'));
    expect(noYear.code).toBe(2);
    expect(noYear.err).toContain('缺少单位名称或年度，无法与自评表对应');
  });

  it('standard input (-) is compared too', async () => {
    let out = '';
    const code = await run(['node', 'jixiao-lint', '-', '--stdin-filename', '自评.yaml', '--targets', SEED_004, '-f', 'json'], {
      out: (x) => (out += x),
      err: () => {},
      isTTY: false,
      stdin: async () => readFileSync('fixtures/targets/lower.yaml'),
    });
    expect(code).toBe(1);
    expect(lines(out)).toEqual(LOWERED);
  });

  it('--help names the option', async () => {
    const r = await cli('--help');
    expect(r.out).toContain('--targets <path>');
  });
});

describe('through the config: targets:', () => {
  it('relative to the config file, and --targets adds to it', async () => {
    const dir = tmpFolder({
      'jixiao-lint.config.yaml': 'extends: [recommended]\ntargets: [./批复]\n',
      '批复/.keep': '',
    });
    copyFileSync(SEED_004, join(dir, '批复', '东莞市人大常委会办公室-2022.yaml'));
    copyFileSync('fixtures/targets/lower.yaml', join(dir, '自评-调低.yaml'));
    copyFileSync('fixtures/targets/drop.yaml', join(dir, '自评-删减.yaml'));
    const config = join(dir, 'jixiao-lint.config.yaml');
    const r = await cli(join(dir, '自评-调低.yaml'), join(dir, '自评-删减.yaml'), '-c', config, '-f', 'json');
    expect(lines(r.out)).toEqual([...LOWERED, ...DROPPED]);
    const report = JSON.parse(r.out) as JsonReport;
    expect(report.files[0]?.findings[0]?.message).toContain(`（${join(dir, '批复', '东莞市人大常委会办公室-2022.yaml')}，第 2 个指标）`);
    // the config's approvals and --targets together: the culture self-evaluation finds the second one
    const both = await cli(join(dir, '自评-调低.yaml'), 'fixtures/rules/target-missing/invalid.yaml', '-c', config, '--targets', 'fixtures/targets/approved-culture-2023.yaml', '-f', 'json');
    expect(lines(both.out)).toEqual([...LOWERED, 'target-missing warning /indicators 18:3']);
  });

  it('a bad targets: entry is a config error', async () => {
    const dir = tmpFolder({ 'jixiao-lint.config.yaml': 'targets: 3\n', 'a.yaml': '' });
    const r = await cli(join(dir, 'a.yaml'), '-c', join(dir, 'jixiao-lint.config.yaml'));
    expect(r.code).toBe(2);
    expect(r.err).toContain('targets：应为文字列表');
  });

  it('the config schema documents targets', () => {
    const schema = JSON.parse(readFileSync('schemas/config.schema.json', 'utf8')) as { properties: Record<string, { type?: string }> };
    expect(schema.properties.targets).toMatchObject({ type: 'array', title: '批复目标表' });
  });
});

describe('the GitHub Action: the config’s targets:', () => {
  it('compares the self-evaluations of the workspace with the approvals its config names', async () => {
    const dir = tmpFolder({ 'jixiao-lint.config.yaml': 'targets: [批复/*.yaml]\n', '批复/.keep': '' });
    copyFileSync(SEED_004, join(dir, '批复', '004.yaml'));
    mkdirSync(join(dir, 'reports'));
    copyFileSync('fixtures/targets/lower.yaml', join(dir, 'reports', 'lower.yaml'));
    const calls: Array<[string, string, Annotation?]> = [];
    const core: ActionCore = {
      error: (m, p) => calls.push(['error', m, p]),
      warning: (m, p) => calls.push(['warning', m, p]),
      notice: (m, p) => calls.push(['notice', m, p]),
      info: () => {},
      setOutput: () => {},
      setFailed: (m) => calls.push(['failed', m]),
    };
    const inputs: ActionInputs = { paths: join(dir, 'reports'), ignore: '', config: '', 'fail-on': '', outputs: '', 'max-annotations': '50', lang: '' };
    const outcome = await runAction(inputs, { core, cwd: dir, writeSummary: async () => {}, setup: (config, cwd) => defaultSetup(config, cwd) });
    expect(outcome).toMatchObject({ status: 'failed', errors: 6 });
    const annotated = calls.filter(([k, , p]) => k === 'error' && p !== undefined).map(([, m, p]) => `${p?.file ?? ''}:${p?.startLine ?? ''} ${m.slice(0, 28)}`);
    expect(annotated[0]).toBe('reports/lower.yaml:29 指标「指标2：专题课题调研次数」的年度指标值填为「3」，');
    expect(annotated).toHaveLength(6);
    expect(calls.find(([, m]) => m.includes('工作质量达标率'))?.[1]).toContain('（批复/004.yaml，第 12 个指标）为「≥90%」：数值低于批复值，目标被放宽');
  });
});
