/**
 * Printed layouts as data (layouts/*.yaml, src/load/layouts.ts): the built-in files compile and the
 * generated copy the core reads is current; a layout file that cannot be right is refused with one
 * line naming file, line and entry (fixtures/bad-layouts/, each naming its refusal in a `# refused:`
 * header); recognition picks a province's layout by its identifying labels, reads the columns it
 * declares and applies the policy it prints.
 */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtinSource, BUILTIN_FILE } from '../scripts/build-layouts.mjs';
import { loadBytes } from '../src/load/index.js';
import { builtInLayouts, compileLayouts, LayoutError, roleOf } from '../src/load/layouts.js';
import { isPipeCells, isPipeRows, pipeCellsGrid, pipeGrid } from '../src/load/pipe-text.js';
import { claimsDone } from '../src/check/ops/text.js';
import { categoryLabel, level1Of, printedWeight } from '../src/vocabulary.js';
import { cli } from './helpers/cli.js';
import { lintFile } from './helpers/linter.js';

describe('built-in layouts', () => {
  it('src/load/layouts.builtin.ts is current with layouts/*.yaml (npm run build:layouts)', () => {
    expect(readFileSync(BUILTIN_FILE, 'utf8')).toBe(builtinSource());
  });

  it('compile: one abstract national layout, every other one names its form and extends it', () => {
    const all = builtInLayouts();
    expect(all.filter((l) => l.abstract).map((l) => l.id)).toEqual(['national']);
    for (const l of all.filter((x) => !x.abstract)) {
      expect(l.form, l.id).toBeTruthy();
      expect(l.extends, l.id).toBeTruthy();
    }
    expect(all.find((l) => l.id === 'hubei-project-self-eval-20')?.policy).toEqual({ executionWeight: 20, indicatorTotal: 80 });
  });

  it('a province inherits the national synonyms and its own are tested first', () => {
    const yunnan = builtInLayouts().find((l) => l.id === 'yunnan-project-self-eval');
    const national = builtInLayouts().find((l) => l.id === 'national-project-self-eval');
    if (!yunnan || !national) throw new Error('missing layout');
    expect(roleOf(yunnan, 'indicators', '指标性质')).toBe('targetSign');
    expect(roleOf(national, 'indicators', '指标性质')).toBe('nature');
    expect(roleOf(yunnan, 'indicators', '三级指标')).toBe('name');
    expect(roleOf(national, 'budget', '全年执行数')).toBe('actual');
  });
});

describe('a layout file that cannot be right is refused with one line', () => {
  const dir = 'fixtures/bad-layouts';
  for (const f of readdirSync(dir).filter((x) => x.endsWith('.yaml'))) {
    it(f, () => {
      const text = readFileSync(join(dir, f), 'utf8');
      const want = /^# refused: (.+)$/m.exec(text)?.[1];
      expect(want, `${f} names its refusal`).toBeTruthy();
      let got = '';
      try {
        compileLayouts([{ name: f, text }], builtInLayouts());
      } catch (e) {
        if (!(e instanceof LayoutError)) throw e;
        got = e.text('zh');
      }
      expect(got.startsWith(want as string), got).toBe(true);
      expect(got).not.toContain('\n');
    });
  }
});

describe('labels as printed: one category fold', () => {
  it.each([
    ['产出指标(50分)', '产出指标', '产出', '50'],
    ['产 出 指 标', '产出指标', '产出', null],
    ['（30分）效益指标', '效益指标', '效益', '30'],
    ['满意度指标(10%)', '满意度指标', '满意度', null],
    ['★★★数量指标', '数量指标', null, null],
    ['指标1：数量指标', '数量指标', null, null],
    ['一、产出指标', '产出指标', '产出', null],
  ])('%s', (printed, name, level1, weight) => {
    expect(categoryLabel(printed)).toBe(name);
    expect(level1Of(printed)).toBe(level1);
    expect(printedWeight(printed)).toBe(weight);
  });
});

describe('recognition by layout', () => {
  it("Yunnan: 年度指标值 over 指标性质 | 指标值 | 度量单位 is read as one target with its sign; categories printed with their points", async () => {
    const loaded = await loadBytes('yunnan.tsv', readFileSync('fixtures/layouts/yunnan.tsv'));
    expect(loaded.documents).toHaveLength(1);
    const doc = loaded.documents[0];
    expect(doc?.layout?.id).toBe('yunnan-project-self-eval');
    const ind = (doc?.data as { indicators: Array<Record<string, string>> }).indicators;
    expect(ind).toHaveLength(9);
    expect(ind[2]).toMatchObject({ level1: '产出指标(40分)', level2: '时效指标', name: '资金到位及时率', target: '≥100', unit: '%', actual: '100%', weight: '10', score: '7' });
    expect(ind[5]).toMatchObject({ name: '政策知晓率', target: '=100', unit: '%', actual: '98%' });
    expect(loaded.problems).toEqual([]);
    const found = (await lintFile('fixtures/layouts/yunnan.tsv')).flatMap((r) => r.findings);
    const rules = new Set(found.map((f) => f.ruleId));
    // read as printed: no structure errors, no hierarchy errors from 「产出指标(40分)」
    for (const never of ['schema', 'invalid-number', 'indicator-hierarchy', 'unknown-column', 'ragged-row', 'required-categories']) expect(rules.has(never), never).toBe(false);
    // met target (≥100%, achieved 100%) scored 7 of 10; 98 of 100 scored 9 where 9.8 is due
    const qs = found.filter((f) => f.ruleId === 'quantitative-score').map((f) => f.location.pointer);
    expect(qs).toEqual(['/indicators/2/score', '/indicators/5/score']);
  });

  it("Hubei: the 20-point execution block the form prints is the weight (20 × 100% = 20, no finding)", async () => {
    const loaded = await loadBytes('hubei-20.tsv', readFileSync('fixtures/layouts/hubei-20.tsv'));
    const doc = loaded.documents[0];
    expect(doc?.layout).toMatchObject({ id: 'hubei-project-self-eval-20', policy: { executionWeight: 20, indicatorTotal: 80 } });
    expect((doc?.data as { budget: Record<string, unknown> }).budget).toMatchObject({ adjusted: { total: '1000' }, actual: { total: '1000' }, rate: '100%', score: '20' });
    const found = (await lintFile('fixtures/layouts/hubei-20.tsv')).flatMap((r) => r.findings);
    expect(found.filter((f) => /^execution-/.test(f.ruleId))).toEqual([]);
  });
});

describe('reading as printed: the pieces the corpus needed', () => {
  const tsv = (rows: string[][]) => new TextEncoder().encode(rows.map((r) => r.join('\t')).join('\n'));
  const HEAD = [
    ['2021年度项目支出绩效自评表', '', '', '', '', '', '', '', ''],
    ['项目名称', '培训', '', '主管部门', '某局', '实施单位', '某中心', '', ''],
    ['项目资金（万元）', '', '年初预算数', '全年预算数', '全年执行数', '分值', '执行率', '得分', ''],
    ['', '年度资金总额', '100', '100', '80', '10', '80%', '8', ''],
    ['年度总体目标', '预期目标', '', '', '实际完成情况', '', '', '', ''],
    ['', '开展培训', '', '', '已完成全部培训。', '', '', '', ''],
    ['绩效指标', '一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分', '偏差原因分析及改进措施'],
    ['', '产出指标', '数量指标', '培训人次', '≥100人次', '100人次', '50', '50', ''],
    ['', '', '', '指标2', '', '', '', '', ''],
    ['', '', '质量指标', '培训合格率', '95', '96', '10', '10', ''],
  ];

  it('a self-evaluation without its 总分 row is incomplete; template rows are read apart; bare rate targets and an explicit 已完成 beside 80% are named', async () => {
    const loaded = await loadBytes('cut.tsv', tsv(HEAD));
    const data = loaded.documents[0]?.data as Record<string, unknown>;
    expect(data.incomplete).toBe(true);
    expect(data.templateRows).toEqual(['指标2']);
    expect((data.indicators as unknown[]).length).toBe(2);
    const dir = mkdtempSync(join(tmpdir(), 'jixiao-layouts-'));
    writeFileSync(join(dir, 'cut.tsv'), tsv(HEAD));
    const found = (await lintFile(join(dir, 'cut.tsv'))).flatMap((r) => r.findings).map((f) => `${f.ruleId} ${f.location.pointer}`);
    expect(found).toContain('placeholder-text /templateRows');
    expect(found).toContain('unit-consistency /indicators/1/target');
    expect(found).toContain('completion-vs-execution /goals/achieved');
    // what the cut hides is not judged: the indicator weights (60 of 90) and the missing 效益/满意度
    expect(found.filter((f) => /^(weights-sum|required-categories|category-weights)/.test(f))).toEqual([]);
  });

  it('the same table closed by its 总分 row is whole, and judged whole', async () => {
    const whole = [...HEAD, ['总分', '', '', '', '', '', '100', '69', '']];
    const loaded = await loadBytes('whole.tsv', tsv(whole));
    const data = loaded.documents[0]?.data as Record<string, unknown>;
    expect(data.incomplete).toBeUndefined();
    const dir = mkdtempSync(join(tmpdir(), 'jixiao-layouts-'));
    writeFileSync(join(dir, 'whole.tsv'), tsv(whole));
    const found = (await lintFile(join(dir, 'whole.tsv'))).flatMap((r) => r.findings).map((f) => f.ruleId);
    expect(found).toContain('required-categories');
  });

  it('a report of what was done (「完成培训 8 场」) is no claim that all is done', () => {
    expect(claimsDone('已完成全部培训。')).toBe(true);
    expect(claimsDone('全部完成')).toBe(true);
    expect(claimsDone('完成培训 8 场。')).toBe(false);
  });

  it('pipe text in both shapes the corpus shows', () => {
    const rows = ['标题 |', '| 项目名称 | 培训 | 主管部门 | 某局 |', '|', '| 一级指标 | 二级指标 | 三级指标 |', '| 产出指标 | 数量指标 | 培训人次 |', '|'].join('\n');
    expect(isPipeRows(rows)).toBe(true);
    expect(pipeGrid(rows).rows[1]).toEqual(['项目名称', '培训', '主管部门', '某局']);
    // every cell ends in a pipe, one a line, rows padded to the width (4): found from the row labels
    const cells = ['标题', '项目名称 |', '培训 |', '||', '主管部门 |', '某局 |', '||', '一级指标 |', '二级指标 |', '三级指标 |', '|', '产出指标 |', '数量指标 |', '培训人次 |', '|'].join('\n');
    expect(isPipeCells(cells)).toBe(true);
    expect(isPipeRows(cells)).toBe(false);
    const g = pipeCellsGrid(cells, true);
    expect(g.rows.slice(1)).toEqual([
      ['项目名称', '培训', '', ''],
      ['主管部门', '某局', '', ''],
      ['一级指标', '二级指标', '三级指标', ''],
      ['产出指标', '数量指标', '培训人次', ''],
    ]);
  });
});

describe("a bureau's own layouts (config layoutDirs)", () => {
  const DIR = 'fixtures/bureau-layouts';
  const CONFIG = join(DIR, 'jixiao-lint.config.yaml');
  const FORM = join(DIR, '预期值表.tsv');
  const found = (out: string) =>
    (JSON.parse(out) as { files: Array<{ layout?: { id: string }; findings: Array<{ ruleId: string; severity: string; location: { pointer: string } }> }> }).files.map((f) => ({
      layout: f.layout?.id,
      findings: f.findings.map((x) => `${x.ruleId} ${x.severity} ${x.location.pointer}`),
    }));
  // Written by hand from the form: 200 of 200 spent (10 of 10); 服务及时率 100% planned, 80% reached,
  // 8 of 10 points (80/100 × 10, right) with no explanation; no 成本指标 row (required since 2021).
  const EXPECTED = ['required-categories info /indicators', 'deduction-needs-explanation warning /indicators/2/explanation'];

  it('its layout reads the columns it names (预期值 → target, 实现值 → actual), and the JSON says which layout', async () => {
    const r = await cli('-c', CONFIG, '-f', 'json', FORM);
    expect(r.err).toBe('');
    expect(found(r.out)).toEqual([{ layout: 'bureau-yuqizhi-project-self-eval', findings: EXPECTED }]);
  });

  it('without it the columns are named as not read, and nothing is derived from them', async () => {
    const empty = join(mkdtempSync(join(tmpdir(), 'jixiao-nolayouts-')), 'jixiao-lint.config.yaml');
    writeFileSync(empty, 'rules: {}\n');
    const plain = await cli('-c', empty, '-f', 'json', FORM);
    expect(found(plain.out)).toEqual([
      {
        layout: 'national-project-self-eval',
        findings: ['required-categories info /indicators', 'unknown-column warning /indicators', 'unknown-column warning /indicators', 'deduction-needs-explanation warning /indicators/2/explanation'],
      },
    ]);
  });

  it('the workers of a batch read them too', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jixiao-bureau-batch-'));
    const form = readFileSync(FORM);
    for (let i = 0; i < 12; i++) writeFileSync(join(dir, `表${String(i).padStart(2, '0')}.tsv`), form);
    const r = await cli('-c', CONFIG, '-f', 'json', '--concurrency', '2', dir);
    const all = found(r.out);
    expect(all).toHaveLength(12);
    for (const f of all) expect(f).toEqual({ layout: 'bureau-yuqizhi-project-self-eval', findings: EXPECTED });
  });

  it('a layout file that cannot be right stops the run with one line naming it; so does a missing folder', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jixiao-badlayouts-'));
    writeFileSync(join(dir, 'jixiao-lint.config.yaml'), 'layoutDirs: [./mine]\n');
    const { mkdirSync } = await import('node:fs');
    mkdirSync(join(dir, 'mine'));
    writeFileSync(join(dir, 'mine', 'x.yaml'), 'id: x\nextends: national-project-self-eval\nlabels:\n  indicators:\n    tagret: [预期值]\n');
    const bad = await cli('-c', join(dir, 'jixiao-lint.config.yaml'), FORM);
    expect(bad.code).toBe(2);
    expect(bad.err.trim().split('\n')).toHaveLength(1);
    expect(bad.err).toMatch(/layoutDirs: .*x\.yaml:5: labels\.indicators\.tagret: 未知的角色「tagret」/);
    writeFileSync(join(dir, 'jixiao-lint.config.yaml'), 'layoutDirs: [./nope]\n');
    const missing = await cli('-c', join(dir, 'jixiao-lint.config.yaml'), FORM);
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/layoutDirs: \.\/nope：没有这个文件夹/);
  });

  it('convert reads with them too', async () => {
    const r = await cli('convert', '-c', CONFIG, FORM);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/bureau-yuqizhi-project-self-eval/);
    expect(r.out).toMatch(/target: ≥200人/);
  });
});
