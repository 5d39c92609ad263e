/**
 * Printed layouts as data (layouts/*.yaml, src/load/layouts.ts): the built-in files compile and the
 * generated copy the core reads is current; a layout file that cannot be right is refused with one
 * line naming file, line and entry (fixtures/bad-layouts/, each naming its refusal in a `# refused:`
 * header); recognition picks a province's layout by its identifying labels, reads the columns it
 * declares and applies the policy it prints.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtinSource, BUILTIN_FILE } from '../scripts/build-layouts.mjs';
import { loadBytes } from '../src/load/index.js';
import { builtInLayouts, compileLayouts, LayoutError, roleOf } from '../src/load/layouts.js';
import { categoryLabel, level1Of, printedWeight } from '../src/vocabulary.js';
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
