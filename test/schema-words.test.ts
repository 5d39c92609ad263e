/**
 * Schema findings in words (issue 25, item 1): the row and the column's name, never a JSON
 * pointer, a schema keyword or a form id.
 */
import { describe, expect, it } from 'vitest';
import { linter, lintYaml } from './helpers/linter.js';
import type { LoadResult, SourceMap } from '../src/types.js';

/** A worksheet-like source map: indicator k on sheet row 10 + k, everything else on row 6. */
const sheetMap: SourceMap = {
  locate(pointer) {
    const m = /^\/indicators\/(\d+)/.exec(pointer);
    return { sheet: '自评表', cell: m ? `D${10 + Number(m[1])}` : 'B6' };
  },
};

function sheet(data: unknown): LoadResult {
  return { documents: [{ data, sourceMap: sheetMap }], problems: [] };
}

const indicator = { level1: '产出指标', level2: '数量指标', target: '≥5次', actual: '5次', weight: 10, score: 10 };

describe('schema findings in words', () => {
  it('a row without an indicator name: 「第 R 行的指标没有填写三级指标名称」 at that row', () => {
    const data = {
      form: 'project-self-eval', year: 2023, unit: '示例单位', moneyUnit: '万元', project: '示例项目',
      budget: { adjusted: { total: 10 }, actual: { total: 10 } },
      indicators: [{ ...indicator, name: '培训次数' }, indicator],
    };
    const [result] = linter.lintLoaded('表.xlsx', sheet(data), { lang: 'zh' });
    const schema = result!.findings.filter((f) => f.ruleId === 'schema');
    expect(schema.map((f) => [f.message, f.location.cell])).toEqual([['第 11 行的指标没有填写三级指标名称', 'D11']]);
    expect(schema[0]!.location.pointer).toBe('/indicators/1/name');
  });

  it('a missing envelope field names the label to fill', async () => {
    const findings = await lintYaml(
      'form: project-self-eval\nyear: 2023\nunit: 示例单位\nmoneyUnit: 万元\nbudget: {adjusted: {total: 1}, actual: {total: 1}}\nindicators: []\n',
    );
    const messages = findings.filter((f) => f.ruleId === 'schema').map((f) => f.message);
    expect(messages).toEqual(['缺少「项目名称」：请在「项目名称」一栏填写']);
  });

  it('an unknown field, a wrong type and a value outside its set, in words', async () => {
    const findings = await lintYaml(
      [
        'form: project-self-eval', 'year: 2023', 'unit: 示例单位', 'moneyUnit: 美元', 'project: 示例项目', '审核人: 张三',
        'budget: {adjusted: {total: 1}, actual: {total: 1}, score: [1, 2]}',
        'indicators: [{name: 培训次数, weight: {a: 1}}]',
      ].join('\n'),
    );
    expect(findings.filter((f) => f.ruleId === 'schema').map((f) => f.message)).toEqual([
      '「金额单位」取值应为 万元、元 之一',
      '「审核人」不是项目支出绩效自评表的栏目，其内容未被检查。请删去，或改用表样中的栏目名称',
      '「全年预算执行情况」的「执行率得分」应填写数字或文字，这里的内容无法读取（如列表、是/否或嵌套的栏目）',
      '第 1 项指标的「权重分值」应填写数字或文字，这里的内容无法读取（如列表、是/否或嵌套的栏目）',
    ]);
  });

  it('a file that is not a submission says what it looks like, in one line', async () => {
    const rule = await lintYaml('id: my-rule\nseverity: error\nmessage: {zh: x, en: x}\n');
    expect(rule.map((f) => f.message)).toEqual([
      '这不是绩效表格（像是一条检查规则的定义），未作检查。可检查的表样：项目支出绩效自评表、部门整体支出绩效自评表、多项目绩效自评汇总表、绩效目标表、部门整体支出绩效自评报告',
    ]);
    const report = await lintYaml('files: []\nsummary: {errors: 0}\n');
    expect(report[0]!.message).toContain('像是本工具以前输出的检查结果');
    const unknown = await lintYaml('form: self-eval\n');
    expect(unknown[0]!.message).toMatch(/^表样类型「self-eval」不是已知的表样，应为项目支出绩效自评表、/);
  });

  it('English keeps the field ids', async () => {
    const findings = await lintYaml('form: project-self-eval\nyear: 2023\nunit: x\nmoneyUnit: 万元\nbudget: {adjusted: {total: 1}, actual: {total: 1}}\nindicators: []\n', 'en');
    expect(findings.filter((f) => f.ruleId === 'schema').map((f) => f.message)).toEqual(['/project: missing required field "project"']);
  });
});
