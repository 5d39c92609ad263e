/**
 * The narrative reports of the corpus (issue 23): fixtures/corpus/15–29 (thirteen reports and two prose
 * summaries of several projects), each linted against its hand-written .expected; what each is read as
 * (year, unit, figures); and the planted copies (fixtures/corpus/planted/), each a corpus report with one
 * figure changed, caught at that sentence. test/corpus.test.ts (issue 22) runs every corpus document; this
 * file stays focused on the reports until it lands.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe as suite, expect, it } from 'vitest';
import { looksTraditional, toSimplified } from '../src/load/chinese.js';
import { loadBytes } from '../src/load/index.js';
import { describe, describeExpected, lintFile, parseExpectations } from './helpers/linter.js';

const DIR = 'fixtures/corpus';
const REPORTS = readdirSync(DIR)
  .filter((f) => /^(1[5-9]|2\d)-.*\.txt$/.test(f))
  .sort();

/**
 * Expected findings the tool does not give yet, with the reason (each must still be missing: when the
 * tool gives it, the line is taken out of this list).
 */
const PENDING: Record<string, string[]> = {};

async function findingsOf(path: string): Promise<string[]> {
  return (await lintFile(path)).flatMap((r) => r.findings).map((f) => describe(f, true));
}

function expectedOf(path: string): string[] {
  const parsed = parseExpectations(readFileSync(`${path}.expected`, 'utf8'));
  if (!parsed) throw new Error(`${path}.expected has no # expect: block`);
  return parsed.map(describeExpected);
}

async function read(path: string): Promise<Record<string, unknown>> {
  const loaded = await loadBytes(path, readFileSync(path));
  expect(loaded.documents, path).toHaveLength(1);
  return loaded.documents[0]?.data as Record<string, unknown>;
}

suite('corpus reports: the expected findings, written by hand', () => {
  it('has the fifteen documents, each byte-identical to the corpus', () => {
    expect(REPORTS).toHaveLength(15);
    for (const f of REPORTS) {
      const shared = join('/work/shared/corpus', f);
      let original: Buffer | null = null;
      try {
        original = readFileSync(shared);
      } catch {
        original = null; // the shared corpus is not on every machine
      }
      if (original) expect(readFileSync(join(DIR, f)).equals(original), f).toBe(true);
    }
  });

  for (const f of REPORTS) {
    it(f, async () => {
      const path = join(DIR, f);
      const pending = PENDING[f] ?? [];
      const expected = expectedOf(path).filter((e) => !pending.includes(e));
      const actual = await findingsOf(path);
      expect(actual).toEqual(expected);
      for (const p of pending) expect(actual, `${f}: pending finding now given — take it out of PENDING`).not.toContain(p);
    });
  }
});

suite('corpus reports: what each is read as', () => {
  // year and unit as printed (title, issuer line, first paragraph, attached report's title); none where the text names none
  const ENVELOPE: Record<string, { year?: number | string; unit?: string }> = {
    '15': { year: 2022, unit: '西平县交通运输局' },
    '16': { year: 2021, unit: '隆回县人居环境指挥部' },
    '17': {},
    '18': { year: 2021, unit: '万源市民政局' },
    '19': { year: 2022, unit: '云南省' },
    '20': { year: '2020-2022', unit: '祁东县财政局' },
    '21': { year: 2021, unit: '茂名市发展和改革局' },
    '22': { year: 2020, unit: '重庆市大足区发展和改革委员会' },
    '23': { year: 2022, unit: '海口市秀英区水务局' },
    '24': { year: 2020 },
    '25': { year: 2023, unit: '临河区农牧和科技局' },
    '26': {},
    '27': { year: 2020, unit: '广东省科学技术厅' },
    '28': { year: 2021, unit: '裕民县财政局' },
    '29': { year: 2023, unit: '阿拉善左旗乌力吉苏木人民政府' },
  };
  for (const f of REPORTS) {
    const n = f.slice(0, 2);
    it(`${f}: a report with its year and unit`, async () => {
      const data = await read(join(DIR, f));
      expect(data.form).toBe('department-report');
      expect({ year: data.year, unit: data.unit }).toEqual({ year: ENVELOPE[n]?.year, unit: ENVELOPE[n]?.unit });
    });
  }

  it('reads the figures of 15 with their measures, and its rate', async () => {
    const data = await read(join(DIR, '15-xiping-jtj-xiangcunzhenxing-report.txt'));
    expect(data.budget).toEqual({ adjusted: { total: '2179万元' }, actual: { total: '2113.63万元' }, rate: '97%' });
    expect(data.subject).toBe('农村公路通村道路建设项目');
  });

  it('reads 19: the budget and spending with their 其中 parts', async () => {
    const data = await read(join(DIR, '19-yunnan-yjt-ziranzaihai-report.txt'));
    expect(data.budget).toEqual({ adjusted: { total: '10441万元' }, actual: { total: '9265.353442万元' }, rate: '88.74%' });
    const parts = (data.figures as Array<Record<string, unknown>>).filter((x) => x.partOf !== undefined).map((x) => [x.of, x.amount, x.partOf]);
    expect(parts).toEqual([
      ['中央转移支付资金', '8353万元', '/budget/adjusted/total'],
      ['省级配套资金', '2088万元', '/budget/adjusted/total'],
      ['中央补助飞行经费', '7177.373442万元', '/budget/actual/total'],
      ['省级财政配套资金', '2087.98万元', '/budget/actual/total'],
    ]);
  });

  it('reads 17 in Simplified characters without its pinyin-free Traditional text, and its rate as a bound', async () => {
    const data = await read(join(DIR, '17-ningde-rencaiyizhan-report.txt'));
    expect(data.budget).toEqual({ adjusted: { total: '10万元' }, actual: { total: '0万元' }, rate: '95%', rateBound: 'above' });
    expect(data.figures).toBeUndefined();
  });

  it('reads 25 without its pinyin: the budget and what was paid out; the second allocation is another subject', async () => {
    const data = await read(join(DIR, '25-linhe-gengdidili-report.txt'));
    expect(data.title).toBe('2023年耕地地力保护补贴项目支出绩效自评报告');
    expect(data.budget).toEqual({ adjusted: { total: '9765万元' }, actual: { total: '9765万元' } });
    expect((data.figures as Array<Record<string, unknown>>).map((x) => x.amount)).toEqual(['8887万元']);
  });

  it('reads each project of 28 as its own subject', async () => {
    const data = await read(join(DIR, '28-yumin-10xiangmu-summary.txt'));
    const figures = data.figures as Array<Record<string, unknown>>;
    expect(figures.map((x) => [x.scope, x.measure, x.amount ?? x.rate])).toEqual([
      ['哈拉布拉乡南哈拉布拉村农田道路建设项目', 'adjusted', '197万元'],
      ['哈拉布拉乡南哈拉布拉村农田道路建设项目', 'actual', '186.98万元'],
      ['哈拉布拉乡南哈拉布拉村农田道路建设项目', 'rate', '94.91%'],
      ['哈拉布拉乡北哈拉布拉村旅游扶贫交易市场建设项目', 'adjusted', '108万元'],
      ['哈拉布拉乡北哈拉布拉村旅游扶贫交易市场建设项目', 'actual', '101.59万元'],
      ['哈拉布拉乡北哈拉布拉村旅游扶贫交易市场建设项目', 'rate', '94.06%'],
      ['哈拉布拉乡北哈拉布拉村村内干道,巷道路面硬化建设项目', 'adjusted', '300万元'],
      ['哈拉布拉乡北哈拉布拉村村内干道,巷道路面硬化建设项目', 'actual', '289.14万元'],
      ['哈拉布拉乡北哈拉布拉村村内干道,巷道路面硬化建设项目', 'rate', '96.38%'],
    ]);
  });

  it('never splits prose into cells: 21 (one PDF line) keeps its sentences whole', async () => {
    const data = await read(join(DIR, '21-maoming-fgj-bumenzhengti-report.txt'));
    const body = data.body as string[];
    expect(body.some((p) => p.includes('我局负责拟订和组织实施全市国民经济和社会发展战 略、中长期规划和年度计划'))).toBe(true);
  });

  it('knows which texts stop before their end (no missing-budget-data from a cut text)', async () => {
    for (const f of REPORTS) {
      const data = await read(join(DIR, f));
      expect((data.reading as { stops: boolean }).stops, f).toBe(!f.startsWith('27-'));
    }
  });
});

suite('planted copies: one figure changed, caught at that sentence', () => {
  const PLANTED = readdirSync(join(DIR, 'planted'))
    .filter((f) => f.endsWith('.txt'))
    .sort();
  /** Reports where no figure can be changed so that anything disagrees: why (the test fails when one gets a planted copy). */
  const NOTHING_TO_PLANT: Readonly<Record<string, string>> = {
    '16': 'no figure in the visible part (the text stops in 一、基本情况): nothing a changed figure could disagree with',
    '18': 'three allocations (中央 9056, 省级 804, 市县 2040.56万元), each stated once, with no total, split or list against them',
    '20': 'no figure in the visible part (the text stops in 项目背景)',
    '21': 'its figures (编制 63, 在职 57, 离退休 94, 17 个内设机构 not enumerated) are each stated once; no rule relates them',
    '24': 'its one budget figure (下达 10万元) is restated only as the 成本 indicator\'s value, which no rule compares with the budget',
    '26': 'no figure in the visible part (the year itself is blanked: 「20_」)',
    '27': 'each figure (282,796.90万元, 593,697.88万元 = 100% of the special funds, 25 units) is stated once',
  };

  it('has a planted copy of every report but those whose figures nothing can check (listed with the reason)', () => {
    expect(PLANTED.map((f) => f.slice(0, 2))).toEqual(['15', '15', '17', '19', '19', '22', '23', '25', '28', '29']);
    const planted = new Set(PLANTED.map((f) => f.slice(0, 2)));
    for (const f of REPORTS) {
      const n = f.slice(0, 2);
      if (Object.hasOwn(NOTHING_TO_PLANT, n)) expect(planted.has(n), `${f} has a planted copy now: take it off NOTHING_TO_PLANT`).toBe(false);
      else expect(planted.has(n), `${f}: no planted copy in fixtures/corpus/planted`).toBe(true);
    }
    // the seed reports' planted copies are with their texts (fixtures/import; test/import.test.ts runs them)
    for (const f of ['seed-002-committees.txt', 'report-003-figure.txt']) expect(existsSync(join('fixtures/import', f)), f).toBe(true);
  });
  for (const f of PLANTED) {
    it(f, async () => {
      const path = join(DIR, 'planted', f);
      expect(await findingsOf(path)).toEqual(expectedOf(path));
    });
  }
});

suite('Traditional characters (src/load/chinese.ts)', () => {
  it('converts a Traditional text line for line and length for length, so places stay those of the file', async () => {
    const text = readFileSync(join(DIR, '25-linhe-gengdidili-report.txt'), 'utf8');
    expect(looksTraditional(text)).toBe(true);
    const out = await toSimplified(text);
    expect(out.split('\n').map((l) => l.length)).toEqual(text.split('\n').map((l) => l.length));
    expect(out).toContain('临河区(qū)2023年耕地地力保护(hù)补(bǔ)贴项目支出绩效自评报告');
  });

  it('leaves a Simplified text as it is (the converter is not even loaded)', async () => {
    const text = readFileSync(join(DIR, '19-yunnan-yjt-ziranzaihai-report.txt'), 'utf8');
    expect(looksTraditional(text)).toBe(false);
    expect(await toSimplified(text)).toBe(text);
  });
});
