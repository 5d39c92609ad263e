/**
 * Chinese numerals in a report's prose (src/load/report-numerals.ts): 「壹佰贰拾万元」, 「一百二十万元」, 「三十五万元」
 * read exactly as the figures a reviewer writes (120万元, 35万元), malformed runs refused, and the reader keeping
 * each such figure with its subject (issue 23).
 */
import { readFileSync } from 'node:fs';
import { describe as suite, expect, it } from 'vitest';
import { loadBytes } from '../src/load/index.js';
import { chineseAmount, chineseAmounts, chineseNumber } from '../src/load/report-numerals.js';

suite('chineseNumber: one well-formed numeral, exactly', () => {
  it('reads everyday and financial (大写) numerals', () => {
    const cases: Array<[string, string]> = [
      ['一百二十', '120'],
      ['壹佰贰拾', '120'],
      ['三十五', '35'],
      ['十二', '12'],
      ['一十二', '12'],
      ['十', '10'],
      ['两百', '200'],
      ['一千零五', '1005'],
      ['一万零五百', '10500'],
      ['二十万零五百', '200500'],
      ['三十五万', '350000'],
      ['一亿二千万', '120000000'],
      ['一亿零五', '100000005'],
      ['一万亿', '1000000000000'],
      ['零', '0'],
      ['零点五', '0.5'],
      ['二点三四', '2.34'],
      ['壹仟贰佰叁拾肆点伍陆', '1234.56'],
      ['一千二百三十四万五千六百七十八点九一', '12345678.91'],
      ['贰仟零壹拾叁点陆叁', '2013.63'],
    ];
    for (const [text, value] of cases) expect(chineseNumber(text), text).toBe(value);
  });

  it('refuses what is not one numeral (null, never a guess)', () => {
    for (const text of ['', '三三', '一百二', '百万', '千万', '一千零百', '五零', '零五', '五千零', '一点', '一点二点三', '十百', '百十', '二十元', 'abc', '一二三']) expect(chineseNumber(text), text).toBeNull();
  });
});

suite('chineseAmount: the figure in the unit printed', () => {
  it('keeps 万元 and 亿元 as printed, and the whole numeral before them', () => {
    expect(chineseAmount('壹佰贰拾万元')).toEqual({ text: '120万元', value: '120', unit: '万元' });
    expect(chineseAmount('一百二十万元')).toEqual({ text: '120万元', value: '120', unit: '万元' });
    expect(chineseAmount('三十五万元')).toEqual({ text: '35万元', value: '35', unit: '万元' });
    expect(chineseAmount('一千零五元')).toEqual({ text: '1005元', value: '1005', unit: '元' });
    expect(chineseAmount('一亿二千万元')).toEqual({ text: '12000万元', value: '12000', unit: '万元' });
    expect(chineseAmount('二点五亿元')).toEqual({ text: '2.5亿元', value: '2.5', unit: '亿元' });
    expect(chineseAmount('贰仟零壹拾叁点陆叁万元')).toEqual({ text: '2013.63万元', value: '2013.63', unit: '万元' });
    expect(chineseAmount('三三万元')).toBeNull();
    expect(chineseAmount('万元')).toBeNull();
  });

  it('finds the amounts in a sentence, and not 「数百万元」「上千万元」「一元化」 or a bare 「一元」', () => {
    const text = '项目总投资壹佰贰拾万元,其中省级资金三十五万元,带动数百万元、上千万元投入,推进一元化管理,补助五万元,一元钱';
    expect(chineseAmounts(text).map((x) => [text.slice(x.at, x.end), x.amount.text])).toEqual([
      ['壹佰贰拾万元', '120万元'],
      ['三十五万元', '35万元'],
      ['五万元', '5万元'],
    ]);
  });
});

suite('the report reader: Chinese amounts are figures with their subject', () => {
  it('reads 15 with its two amounts of 三、(一)2. in Chinese numerals as 2179万元 and 2113.63万元', async () => {
    const text = readFileSync('fixtures/corpus/15-xiping-jtj-xiangcunzhenxing-report.txt', 'utf8')
      .replace('项目资金共2179万元', '项目资金共贰仟壹佰柒拾玖万元')
      .replace('已完成拨付2113.63万元', '已完成拨付贰仟壹佰壹拾叁点陆叁万元');
    const loaded = await loadBytes('15.txt', new TextEncoder().encode(text));
    const data = loaded.documents[0]?.data as Record<string, unknown>;
    expect(data.budget).toEqual({ adjusted: { total: '2179万元' }, actual: { total: '2113.63万元' }, rate: '97%' });
    expect(data.subject).toBe('农村公路通村道路建设项目');
  });

  it('keeps a fund named before a Chinese amount as its subject, and a 「其中」 part as a part', async () => {
    const text = [
      '某县2023年乡村道路项目绩效自评报告',
      '一、基本情况',
      '2023年乡村道路项目下达资金壹佰贰拾万元,其中省级资金三十五万元,县级资金八十五万元。',
      '截至年底已支付资金一百二十万元,执行率100%。',
    ].join('\n');
    const loaded = await loadBytes('r.txt', new TextEncoder().encode(text));
    const data = loaded.documents[0]?.data as Record<string, unknown>;
    expect(data.budget).toEqual({ adjusted: { total: '120万元' }, actual: { total: '120万元' }, rate: '100%' });
    expect((data.figures as Array<Record<string, unknown>>).map((f) => [f.of, f.amount, f.partOf])).toEqual([
      ['省级资金', '35万元', '/budget/adjusted/total'],
      ['县级资金', '85万元', '/budget/adjusted/total'],
    ]);
  });
});
