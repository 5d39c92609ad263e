/**
 * Narrative self-evaluation reports (issue 14): seeds 002 and 003 exactly as filed, planted variants
 * of 003 (a prose figure one digit off its table, a 万元 figure and a rate miscopied, a stated count
 * that disagrees, the budget left out) and the Word documents generated from them
 * (scripts/make-docx-fixtures.mjs, reportDocx) are read by src/load/report.ts into department-report
 * submissions. Expected findings: fixtures/import/<file>.expected and fixtures/docx/<file>.expected
 * (rule, severity, pointer, place); the hand transcriptions fixtures/seeds/002-/003-department-report.yaml
 * give the same rule ids, severities and pointers.
 */
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { Decimal } from 'decimal.js';
import { beforeAll, describe as suite, expect, it } from 'vitest';
import { countGaps, figureConflicts, nearDuplicates, placeholder, statedFigures } from '../src/check/ops/report.js';
import { loadBytes } from '../src/load/index.js';
import { normalizeValue } from '../src/normalize/value.js';
import type { LoadedDocument } from '../src/types.js';
import { makeDocxFixtures, reportDocx } from '../scripts/make-docx-fixtures.mjs';
import { describe, describeExpected, lintFile, parseExpectations } from './helpers/linter.js';

const DIR = 'fixtures/import';
const SEEDS = '../shared/seeds';
const tmp = mkdtempSync(join(tmpdir(), 'jixiao-report-'));
let docx: Record<string, string> = {};

beforeAll(async () => {
  docx = Object.fromEntries((await makeDocxFixtures(tmp)).map((f) => [basename(f), f]));
});

function expectedOf(path: string): string[] {
  const parsed = parseExpectations(readFileSync(path, 'utf8'));
  if (!parsed) throw new Error(`${path} has no # expect: block`);
  return parsed.map(describeExpected);
}

async function findings(path: string, withPlace = true): Promise<string[]> {
  return (await lintFile(path)).flatMap((r) => r.findings.map((f) => describe(f, withPlace)));
}

async function documentOf(path: string): Promise<LoadedDocument> {
  const loaded = await loadBytes(path, readFileSync(path));
  expect(loaded.documents).toHaveLength(1);
  return loaded.documents[0] as LoadedDocument;
}

const withoutPlace = (e: string) => e.split(' ').slice(0, 3).join(' ');

suite('seeds 002 and 003 as filed', () => {
  for (const [file, seed, yaml] of [
    ['seed-002.txt', '002_26b306ff38ad46e0.txt', '002-department-report.yaml'],
    ['seed-003.txt', '003_14caaf9715f129c9.txt', '003-department-report.yaml'],
  ] as const) {
    it(`${file} is byte-identical to the published seed`, () => {
      if (!existsSync(join(SEEDS, seed))) return;
      expect(readFileSync(join(DIR, file)).equals(readFileSync(join(SEEDS, seed)))).toBe(true);
    });

    it(`${file} lints as a department-report, without parse-error, with the findings of ${file}.expected`, async () => {
      const results = await lintFile(join(DIR, file));
      expect(results.map((r) => r.form)).toEqual(['department-report']);
      const got = await findings(join(DIR, file));
      expect(got.some((f) => f.startsWith('parse-error') || f.startsWith('schema'))).toBe(false);
      expect(got).toEqual(expectedOf(join(DIR, `${file}.expected`)));
    });

    it(`${file} gives the findings of its transcription ${yaml}`, async () => {
      const text = (await findings(join(DIR, file), false)).sort();
      const transcribed = (parseExpectations(readFileSync(join('fixtures/seeds', yaml), 'utf8')) ?? []).map((e) => withoutPlace(describeExpected(e))).sort();
      expect(text).toEqual(transcribed);
    });
  }

  it('002: missing-budget-data at the title, and nothing else', async () => {
    expect(await findings(join(DIR, 'seed-002.txt'))).toEqual(['missing-budget-data error /title 5:23']);
  });

  it('003: indicator-hierarchy on goal 2, near-duplicate-items on the three 联网监督 items, no budget-breakdown-sum or figure-mismatch', async () => {
    const got = await findings(join(DIR, 'seed-003.txt'), false);
    expect(got.filter((f) => f.startsWith('indicator-hierarchy'))).toEqual(['indicator-hierarchy error /yearlyGoals/1/indicators/5/level1']);
    expect(got.filter((f) => f.startsWith('near-duplicate-items'))).toEqual([1, 5, 6].map((i) => `near-duplicate-items info /expenditure/projectItems/${i}/name`));
    expect(got.filter((f) => /^(budget-breakdown-sum|figure-mismatch|no-problems-claim)/.test(f))).toEqual([]);
  });
});

suite('what the reader takes from the reports', () => {
  it('002: title, year and unit from one line; five tasks with their indicators; the stated counts; problems and measures', async () => {
    const d = (await documentOf(join(DIR, 'seed-002.txt'))).data as Record<string, unknown>;
    expect(d).toMatchObject({ form: 'department-report', year: 2021, unit: '广州市荔湾区人民代表大会常务委员会办公室', title: '2021年部门整体支出绩效自评报告' });
    expect(d.budget).toBeUndefined();
    expect(d.figures).toBeUndefined();
    expect(d.moneyUnit).toBeUndefined();
    const goals = d.yearlyGoals as Array<{ goal: string; indicators: Array<Record<string, string>> }>;
    expect(goals.map((g) => g.indicators.length)).toEqual([4, 3, 2, 2, 2]);
    // task 2 continues across the page break after 保证人大
    expect(goals[1]?.goal).toContain('保证人大代表闭会期间');
    expect(goals[0]?.indicators[0]).toEqual({ name: '选举任务的完成率', actual: '100%以上' });
    expect(goals[2]?.indicators[0]).toEqual({ name: '代表进社区人数', actual: '1116人次' });
    expect(d.indicatorCounts).toEqual([
      { category: '产出指标', count: '3' },
      { category: '效益指标', count: '3' },
    ]);
    expect(d.problems).toMatch(/^在运用刚性监督方式/);
    expect(d.measures).toMatch(/^虚心听取代表的意见/);
  });

  it('003: the unit above the title, the headline budget in 万元, 19 further statements, three tables, six goals', async () => {
    const doc = await documentOf(join(DIR, 'seed-003.txt'));
    const d = doc.data as Record<string, unknown>;
    expect(d).toMatchObject({ year: 2021, unit: '武汉市蔡甸区人民代表大会常务委员会办公室', title: '2021年度整体绩效自评结果', moneyUnit: '万元' });
    expect(d.budget).toEqual({ initial: { total: '1422.74万元' }, adjusted: { total: '1538.98万元' }, actual: { total: '1538.98万元' }, rate: '100.00%' });
    const figures = d.figures as Array<Record<string, string>>;
    expect(figures).toHaveLength(19);
    expect(figures.slice(0, 7).map((f) => `${f.subject}.${f.measure} ${f.amount ?? f.rate}`)).toEqual([
      'total.initial 14,227,418.02元',
      'total.adjustment 1,162,392.16元',
      'total.adjusted 15,389,810.18元',
      'total.actual 15,389,810.18元',
      'basic.actual 11,107,432.92元',
      'project.actual 4,282,377.26元',
      'total.rate 100%',
    ]);
    const exp = d.expenditure as Record<string, unknown>;
    expect(exp.moneyUnit).toBe('元');
    expect(exp.total).toEqual({ name: '部门支出总计', initial: '14,227,418.02', adjustment: '1,162,392.16', adjusted: '15,389,810.18', actual: '15,389,810.18', rate: '100.00%' });
    expect(exp.personnel).toEqual({ name: '人员经费', adjusted: '10,627,879.38', actual: '10,627,879.38', rate: '100.00%' });
    expect((exp.projectItems as unknown[]).length).toBe(9);
    const goals = d.yearlyGoals as Array<{ status: string; indicators: Array<Record<string, string>> }>;
    expect(goals.map((g) => g.indicators.length)).toEqual([3, 6, 4, 3, 4, 5]);
    expect(goals.every((g) => g.status === '均已完成')).toBe(true);
    expect(goals[1]?.indicators[5]).toEqual({ level1: '产出指标', level2: '社会效益指标', name: '加强监督，促进相关部门改进作风' });
    expect(goals[2]?.indicators[2]).toEqual({ level1: '产出指标', level2: '数量指标', name: '作出相应决议决定', target: '≥2项' });
    expect(d.problems).toMatch(/尚无导致年度绩效目标未完成/);
  });

  it('003: every figure keeps its place — the line and column of the number in the text, the cell of a table', async () => {
    const text = readFileSync(join(DIR, 'seed-003.txt'), 'utf8').split('\n');
    const doc = await documentOf(join(DIR, 'seed-003.txt'));
    const d = doc.data as { budget: Record<string, unknown>; figures: Array<Record<string, string>>; expenditure: Record<string, Record<string, string>> };
    const check = (pointer: string, printed: string) => {
      const at = doc.sourceMap.locate(pointer);
      const digits = printed.replace(/[元万%]+$/, '');
      if (at?.line !== undefined) expect(text[at.line - 1]?.slice((at.column as number) - 1).startsWith(digits), `${pointer} at ${at.line}:${at.column}`).toBe(true);
      else {
        // a table cell: the line of its cell holds the text
        expect(at?.row, pointer).toBeDefined();
        expect(text[(at?.row as number) - 1]?.trim(), pointer).toBe(printed);
      }
    };
    d.figures.forEach((f, i) => check(`/figures/${i}/${f.amount !== undefined ? 'amount' : 'rate'}`, (f.amount ?? f.rate) as string));
    check('/budget/initial/total', '1422.74万元');
    check('/budget/rate', '100.00%');
    for (const key of ['basic', 'project', 'total'] as const) for (const col of ['initial', 'adjustment', 'adjusted', 'actual', 'rate']) check(`/expenditure/${key}/${col}`, d.expenditure[key]?.[col] as string);
    expect(doc.sourceMap.locate('/yearlyGoals/1/indicators/5/level1')).toEqual({ line: 34, column: 3 });
    expect(doc.sourceMap.locate('/yearlyGoals/0/indicators/1/target')).toEqual({ line: 20, column: 57 });
  });
});

suite('planted variants are caught at the right sentence or cell', () => {
  for (const name of ['report-003-figure.txt', 'report-003-wanyuan.txt', 'report-003-count.txt', 'report-003-nobudget.txt']) {
    it(name, async () => {
      expect(await findings(join(DIR, name))).toEqual(expectedOf(join(DIR, `${name}.expected`)));
    });
  }

  it('the one-digit slip is reported once, at the prose figure, naming the table figure (zh and en)', async () => {
    const [zh] = await lintFile(join(DIR, 'report-003-figure.txt'));
    const f = zh?.findings.find((x) => x.ruleId === 'figure-mismatch');
    expect(f?.location).toEqual({ pointer: '/figures/4/amount', line: 87, column: 132 });
    expect(f?.message).toBe(
      '基本支出实际支出此处写作 11,107,482.92元，与表格「基本支出合计」所写的 11,107,432.92元 不一致（换算为元分别为 11,107,482.92 和 11,107,432.92）。请核对原始数据，把两处改为同一数字。',
    );
    const [en] = await lintFile(join(DIR, 'report-003-figure.txt'), 'en');
    expect(en?.findings.find((x) => x.ruleId === 'figure-mismatch')?.message).toBe(
      'Basic spending: actual spending is given here as 11,107,482.92元, but as 11,107,432.92元 in the table row "基本支出合计" (11,107,482.92 and 11,107,432.92 in 元). Check the source figures and make both the same.',
    );
  });

  it('the stated count names the goal and both numbers', async () => {
    const [r] = await lintFile(join(DIR, 'report-003-count.txt'));
    expect(r?.findings.find((x) => x.ruleId === 'indicator-count-mismatch')?.message).toBe('年度目标1写明设置了 3 个产出指标，但实际列出的产出指标为 2 个。请更正个数，或补全、删去相应指标。');
  });
});

suite('Word documents give the findings of their text', () => {
  for (const [name, text] of [
    ['report-003.docx', 'seed-003.txt'],
    ['report-003-figure.docx', 'report-003-figure.txt'],
  ] as const) {
    it(`${name}: the same rules and pointers as ${text}, at paragraphs and table cells`, async () => {
      const path = docx[name] as string;
      expect((await findings(path, false)).sort()).toEqual((await findings(join(DIR, text), false)).sort());
      expect(await findings(path)).toEqual(expectedOf(join('fixtures/docx', `${name}.expected`)));
    });
  }

  it('seed 002 as a Word document: missing-budget-data at the title paragraph, the tasks as read from the text', async () => {
    const bytes = await reportDocx(readFileSync(join(DIR, 'seed-002.txt'), 'utf8'));
    const loaded = await loadBytes('seed-002.docx', bytes);
    const results = (await import('./helpers/linter.js')).linter.lintLoaded('seed-002.docx', loaded);
    expect(results.flatMap((r) => r.findings.map((f) => describe(f, true)))).toEqual(['missing-budget-data error /title ¶2']);
    const text = (await documentOf(join(DIR, 'seed-002.txt'))).data as Record<string, unknown>;
    expect(loaded.documents[0]?.data).toEqual(text);
  });

  it('the paragraph a finding names holds the figure', async () => {
    const loaded = await loadBytes('report-003-figure.docx', readFileSync(docx['report-003-figure.docx'] as string));
    const grid = loaded.grids?.[0];
    const r = grid?.places.findIndex((row) => row[0]?.paragraph === 49) ?? -1;
    expect(grid?.rows[r]?.[0]).toContain('其中基本支出合计11,107,482.92元');
  });
});

suite('report operations', () => {
  const cell = (text: string, kind: 'amount' | 'rate' | 'text' = 'amount') => normalizeValue(text, kind, { moneyUnit: '万元' });

  it('figureConflicts: 万元 and 元 agree at printed precision (1538.98万元 ~ 15,389,810.18元, 1422.74万元 ~ 14,227,418.02元)', () => {
    const root = {
      moneyUnit: '万元',
      budget: { initial: { total: cell('1422.74万元') }, adjusted: { total: cell('1538.98万元') }, actual: { total: cell('1538.98万元') }, rate: cell('100.00%', 'rate') },
      figures: [
        { subject: 'total', measure: 'initial', amount: cell('14,227,418.02元') },
        { subject: 'total', measure: 'adjusted', amount: cell('15,389,810.18元') },
      ],
    };
    expect(figureConflicts(root)).toEqual([]);
    // one digit further: 15,389,910.18元 is 1538.991018万元, outside [1538.975, 1538.985)
    const off = { ...root, figures: [{ subject: 'total', measure: 'adjusted', amount: cell('15,389,910.18元') }] };
    expect(figureConflicts(off).map((c) => [c.pointer, c.printed, c.other])).toEqual([['/figures/0/amount', '15,389,910.18元', '1538.98万元']]);
  });

  it('figureConflicts: a table printed without units is read in its 单位; a rate is checked against actual ÷ adjusted', () => {
    const root = {
      moneyUnit: '万元',
      budget: { adjusted: { total: cell('200万元') }, actual: { total: cell('150万元') }, rate: cell('80.00%', 'rate') },
      expenditure: { moneyUnit: '元', total: { name: cell('合计', 'text'), adjusted: cell('2,000,000.00'), actual: cell('1,500,000.00') } },
    };
    const got = figureConflicts(root);
    expect(got.map((c) => [c.pointer, c.printed, c.other])).toEqual([['/budget/rate', '80.00%', '75.00%']]);
  });

  it('statedFigures counts amounts and rates only', () => {
    expect(statedFigures({ budget: { rate: cell('100%', 'rate') }, figures: [{ amount: cell('1元') }] })).toBe(2);
    expect(statedFigures({ yearlyGoals: [] })).toBe(0);
  });

  it('countGaps: by category, a blank level1 inferred from its level2, undecided without categories', () => {
    const ind = (level1: string | null, level2: string | null) => ({ ...(level1 ? { level1: cell(level1, 'text') } : {}), ...(level2 ? { level2: cell(level2, 'text') } : {}), name: cell('x', 'text') });
    const count = (category: string, n: string) => ({ category: cell(category, 'text'), count: normalizeValue(n, 'number', { moneyUnit: '万元' }) });
    const root = { indicatorCounts: [count('产出指标', '2'), count('效益指标', '2')], yearlyGoals: [{ indicators: [ind('产出指标', '数量指标'), ind('产出指标', '质量指标'), ind(null, '社会效益指标')] }] };
    expect(countGaps(root).map((g) => [g.pointer, g.stated, g.listed])).toEqual([['/indicatorCounts/1/count', '2', 1]]);
    const bare = { indicatorCounts: [count('产出指标', '3')], yearlyGoals: [{ indicators: [{ name: cell('x', 'text') }] }] };
    expect(countGaps(bare)).toEqual([]);
  });

  it('nearDuplicates: a prefix or one word apart, identical names, short names left alone', () => {
    const items = ['人大联网监督经费', '人大会议费', '联网监督经费', '人大预算联网监督经费', '会议费', '人大代表会议经费', '人大代表会议经费'].map((n) => ({ name: cell(n, 'text') }));
    expect(nearDuplicates(items, 4, 4).map((d) => [d.index, d.count])).toEqual([
      [0, 3],
      [2, 3],
      [3, 3],
      [5, 2],
      [6, 2],
    ]);
    expect(nearDuplicates(items, 1, 4).map((d) => d.index)).toEqual([5, 6]);
  });

  it('placeholder: the first match of the patterns; bad patterns are skipped', () => {
    const patterns = ['(', '某某', '(?<![A-Za-z])[XxＸｘ]{2,}(?![A-Za-z])'];
    expect(placeholder('XX区某某单位', patterns)).toBe('某某');
    expect(placeholder('XXL号', patterns)).toBeNull();
    expect(placeholder(cell('ＸＸ单位', 'text'), patterns)).toBe('ＸＸ');
  });

  it('exact decimals: no binary floating point in the comparison', () => {
    // 0.1 + 0.2 style sums stay exact: 3 × 0.1万元 is 3,000元 exactly
    const root = { moneyUnit: '万元', budget: { actual: { total: cell('0.30万元') } }, figures: [{ subject: 'total', measure: 'actual', amount: cell('3,000.00元') }] };
    expect(figureConflicts(root)).toEqual([]);
    expect(new Decimal('0.1').plus('0.2').eq('0.3')).toBe(true);
  });
});

suite('prose figures in a text without tables', () => {
  it('a file without tabs is split at commas: the sentence is joined again, 1,422.74万元 read whole, 调减 a negative adjustment', async () => {
    const seed = readFileSync(join(DIR, 'seed-002.txt'), 'utf8');
    const sentence = '本部门2021年年初预算为1,422.74万元，年中调减预算12.50万元，调整后预算为1,410.24万元，实际支出1,410.24万元，预算执行率为100.00%。';
    const text = seed.replace('为实现部门整体绩效，共设置了3个产出指标', `${sentence}为实现部门整体绩效，共设置了3个产出指标`);
    const loaded = await loadBytes('report.txt', new TextEncoder().encode(text));
    const doc = loaded.documents[0] as LoadedDocument;
    const d = doc.data as Record<string, unknown>;
    expect(d.budget).toEqual({ initial: { total: '1,422.74万元' }, adjusted: { total: '1,410.24万元' }, actual: { total: '1,410.24万元' }, rate: '100.00%' });
    expect(d.figures).toEqual([{ subject: 'total', measure: 'adjustment', amount: '-12.50万元' }]);
    const lines = text.split('\n');
    const at = doc.sourceMap.locate('/budget/initial/total') as { line: number; column: number };
    expect(lines[at.line - 1]?.slice(at.column - 1).startsWith('1,422.74万元')).toBe(true);
    const results = new Set((await import('./helpers/linter.js')).linter.lintLoaded('report.txt', loaded).flatMap((r) => r.findings.map((f) => f.ruleId)));
    expect(results.has('missing-budget-data')).toBe(false);
    expect(results.has('figure-mismatch')).toBe(false);
  });
});

suite('not every text is a report', () => {
  it('a paragraph of prose without a report title or sections is still the recognisers\' parse-error', async () => {
    const loaded = await loadBytes('note.txt', new TextEncoder().encode('这是一段说明文字，没有表格。\n'));
    expect(loaded.documents).toEqual([]);
    expect(loaded.problems.map((p) => p.ruleId)).toEqual(['parse-error']);
  });

  it('seeds 000, 001 and 004 keep their forms', async () => {
    for (const [file, forms] of [
      ['seed-000.txt', ['project-summary']],
      ['seed-001.txt', ['department-self-eval', 'project-self-eval']],
      ['seed-004.txt', ['target-table']],
    ] as const) {
      expect((await lintFile(join(DIR, file))).map((r) => r.form)).toEqual(forms);
    }
  });
});
