/** Header recognition of imported project summary tables: labels, not positions. */
import { describe, expect, it } from 'vitest';
import { loadBytes } from '../src/load/index.js';

async function load(text: string, name = 't.tsv') {
  return loadBytes(name, new TextEncoder().encode(text));
}

describe('project summary headers', () => {
  it.each(['全年预算数', '调整后预算数', '全年（调整）预算数', '全年(调整)预算数', '全 年 预 算 数', '项目年度预算金额'])('"%s" is the adjusted budget', async (label) => {
    const r = await load(`单位：万元\n项目名称\t${label}\t全年执行数\t执行率\n宣传\t100\t90\t90.00%\n`);
    expect(r.problems).toEqual([]);
    expect((r.documents[0]?.data as { projects: unknown[] }).projects[0]).toEqual({ name: '宣传', adjusted: { total: '100' }, actual: { total: '90' }, rate: '90.00%' });
  });

  it('columns may stand in any order; full-width and spaced labels are recognised', async () => {
    const r = await load('执行率\t全年执行数\t项 目 名 称\t全年预算数\t备注\n90%\t90\t宣传\t100\tx\n');
    const doc = r.documents[0];
    expect((doc?.data as { projects: unknown[] }).projects[0]).toEqual({ rate: '90%', actual: { total: '90' }, name: '宣传', adjusted: { total: '100' } });
    expect(doc?.sourceMap.locate('/projects/0/adjusted/total')).toEqual({ row: 2, column: 4 });
    expect(r.problems).toEqual([{ ruleId: 'unknown-column', args: { header: '备注' }, location: { pointer: '/projects', row: 1, column: 5 } }]);
  });

  it('blank lines inside the table and notes under it are not projects', async () => {
    const r = await load('项目名称,全年预算数,全年执行数\n\n宣传,100,90\n\n会议,50,50\n填表人：张三\n', 't.csv');
    expect((r.documents[0]?.data as { projects: Array<{ name: string }> }).projects.map((p) => p.name)).toEqual(['宣传', '会议']);
    expect(r.documents[0]?.sourceMap.locate('/projects/1/name')).toEqual({ row: 5, column: 1 });
  });
});
