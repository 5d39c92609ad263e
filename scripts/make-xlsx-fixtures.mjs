// Generate the import fixtures that are not plain UTF-8 text:
//   node scripts/make-xlsx-fixtures.mjs [xlsx-dir]      (npm run fixtures:xlsx)
// - <xlsx-dir>/summary.xlsx: the project summary layout (3-row merged header, formulas with
//   cached results, numbers stored as text, a rate stored as a fraction with a % format, a
//   typo "454.O6", an unknown column) plus a sheet that holds no table;
// - <xlsx-dir>/forms.xlsx: three sheets — 项目自评表 (project-self-eval, national layout),
//   部门自评表 (department-self-eval, as seed 001), 目标表 (target-table, as seed 004);
// - fixtures/import/seed-000.gb18030.txt and seed-000.utf16le.txt: seed 000 re-encoded
//   (GB18030; UTF-16LE with BOM, Excel's "Unicode text"). These two are committed and
//   regenerate byte for byte; the workbooks are generated (test/import.test.ts writes them
//   to a temporary folder; the default here is build/fixtures/import).
// Expected findings: fixtures/import/<name>.expected.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const FIXED_DATE = new Date(Date.UTC(2022, 0, 1));

function workbook() {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'jixiao-lint fixtures';
  wb.created = FIXED_DATE;
  wb.modified = FIXED_DATE;
  return wb;
}

/** Write rows starting at row `r` (1-based), column A. */
function rows(ws, r, list) {
  list.forEach((cells, i) => {
    cells.forEach((v, c) => {
      if (v === undefined) return;
      const cell = ws.getRow(r + i).getCell(c + 1);
      if (v && typeof v === 'object' && 'fmt' in v) {
        cell.value = v.value;
        cell.numFmt = v.fmt;
      } else cell.value = v;
    });
  });
}

const pct = (value, fmt = '0.00%') => ({ value, fmt });
const formula = (f, result, fmt) => ({ value: { formula: f, result }, fmt: fmt ?? 'General' });

function summarySheet(wb) {
  const ws = wb.addWorksheet('汇总表');
  ws.getCell('A1').value = '2021年度示例区示例办公室部门预算项目绩效自评表';
  ws.mergeCells('A1:Y1');
  ws.getCell('A2').value = '部门名称（盖章）：示例区示例办公室';
  ws.mergeCells('A2:J2');
  ws.getCell('W2').value = '单位：万元';
  // header rows 3–5
  const h = (addr, text, range) => {
    ws.getCell(addr).value = text;
    if (range) ws.mergeCells(range);
  };
  h('A3', '序号', 'A3:A5');
  h('B3', '部门名称', 'B3:B5');
  h('C3', '项目名称', 'C3:C5');
  h('D3', '项目年度预算金额', 'D3:G3');
  h('D4', '合计', 'D4:D5');
  h('E4', '其中：财政拨款', 'E4:F4');
  h('E5', '一般公共预算');
  h('F5', '政府性基金');
  h('G4', '非财政资金', 'G4:G5');
  h('H3', '实际支出金额', 'H3:K3');
  h('H4', '合计', 'H4:H5');
  h('I4', '其中：财政拨款', 'I4:J4');
  h('I5', '一般公共预算');
  h('J5', '政府性基金');
  h('K4', '非财政资金', 'K4:K5');
  h('L3', '预算支出执行率', 'L3:L5');
  h('M3', '年初绩效目标', 'M3:M5');
  h('N3', '绩效目标整体完成情况', 'N3:N5');
  h('O3', '产出目标', 'O3:R3');
  h('O4', '数量指标', 'O4:P4');
  h('O5', '年度指标内容');
  h('P5', '完成情况');
  h('Q4', '质量指标', 'Q4:R4');
  h('Q5', '年度指标内容');
  h('R5', '完成情况');
  h('S3', '效益目标', 'S3:T3');
  h('S4', '社会效益指标', 'S4:T4');
  h('S5', '年度指标内容');
  h('T5', '完成情况');
  h('U3', '满意度指标', 'U3:V3');
  h('U4', '服务对象满意度指标', 'U4:V4');
  h('U5', '年度指标内容');
  h('V5', '完成情况');
  h('W3', '项目执行中存在的问题', 'W3:W5');
  h('X3', '整改情况', 'X3:X5');
  h('Y3', '备注', 'Y3:Y5');
  const t = ['刊发稿件≥100篇', '已完成', '稿件合格率≥95%', '已完成', '宣传人大制度', '已完成', '群众满意度≥95%', '已完成'];
  rows(ws, 6, [
    // formulas with cached results; the rate is a fraction shown as 0.00%
    ['1', '示例办公室', '人大宣传', 130, 130, 0, 0, formula('I6+J6+K6', 129.97), 129.97, 0, 0, formula('H6/D6', 129.97 / 130, '0.00%'), '扩大宣传', '已完成', ...t, '无', '无', '—'],
    // numbers stored as text
    ['2', undefined, '信息系统维护', '70.9', '70.9', '0', '0', '70.9', '70.9', '0', '0', pct(1), '系统稳定运行', '已完成', ...t, '无', '无'],
    // a typo in an amount: one invalid-number finding, the row is still read
    ['3', undefined, '其他一般管理事务', '454.O6', 454.06, 0, 0, 433.7, 433.7, 0, 0, pct(0.9552), '保障运转', '部分完成', ...t, '部分采购延后', '加快采购'],
    // a printed rate that does not match 3.08 ÷ 5.89
    ['4', undefined, '人大代表学习培训', 5.89, 5.89, 0, 0, 3.08, 3.08, 0, 0, '60.00%', '提升履职能力', '已完成', ...t, '因疫情无法集中培训', '发放学习资料'],
    // parts that do not add up to the total
    ['5', undefined, '人大会议', 20, 15, 0, 0, 20, 20, 0, 0, pct(1), '开好会议', '已完成', ...t, '无', '无'],
  ]);
  const notes = wb.addWorksheet('填表说明');
  notes.getCell('A1').value = '本表金额单位为万元，执行率 = 实际支出 ÷ 全年预算。';
}

function projectSheet(wb) {
  projectForm(wb.addWorksheet('项目自评表'), 1);
}

/** The national 项目支出绩效自评表 from row r0; `total` replaces the 总分 cell (a number, or a
 * formula without a saved result as programs write them), `project` the project name. */
function projectForm(ws, r0, { total = formula(`SUM(H${r0 + 12}:H${r0 + 17})+H${r0 + 5}`, 97), points = 100, project = '代表培训项目' } = {}) {
  rows(ws, r0, [
    ['项目支出绩效自评表'],
    ['（2021年度）'],
    ['项目名称', project],
    ['主管部门', '示例主管部门', undefined, undefined, undefined, '实施单位', '示例单位'],
    ['项目资金（万元）', undefined, '年初预算数', '全年预算数', '全年执行数', '分值', '执行率', '得分'],
    [undefined, '年度资金总额', 128, 100, formula('E7+E8+E9', 100), 10, formula('E6/D6', 1, '0.00%'), 10],
    [undefined, '其中：当年财政拨款', 128, 100, 100, '—', '—', '—'],
    [undefined, '上年结转资金', 0, 0, 0, '—', '—', '—'],
    [undefined, '其他资金', 0, 0, 0, '—', '—', '—'],
    ['年度总体目标', '预期目标', undefined, undefined, undefined, '实际完成情况'],
    [undefined, '组织代表培训 8 场，提升履职能力。', undefined, undefined, undefined, '完成培训 8 场。'],
    ['绩效指标', '一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分', '偏差原因分析及改进措施'],
    [undefined, '产出指标', '数量指标', '培训场次', '≥8次', '8次', 20, 20, '　'],
    [undefined, undefined, '质量指标', '培训合格率', '≥95%', '96%', 10, 10, '　'],
    [undefined, undefined, '时效指标', '按时完成率', '100%', '100%', 10, 10, '　'],
    [undefined, undefined, '成本指标', '人均培训成本', '≤500元', '480元', 10, 10, '　'],
    [undefined, '效益指标', '社会效益指标', '代表履职能力提升', '优', '良', 30, 27, '　'],
    [undefined, '满意度指标', '服务对象满意度指标', '参训代表满意度', '≥95%', '97%', 10, 10, '　'],
    ['总分', undefined, undefined, undefined, undefined, undefined, points, total],
  ]);
  const shift = (ref) => ref.replace(/\d+/g, (n) => String(Number(n) + r0 - 1));
  for (const r of ['A1:I1', 'A2:I2', 'B3:I3', 'B4:E4', 'G4:I4', 'A5:A9', 'A10:A11', 'B10:E10', 'F10:I10', 'B11:E11', 'F11:I11', 'A12:A18', 'B13:B16', 'A19:F19']) {
    ws.mergeCells(shift(r));
  }
}

function departmentSheet(wb) {
  const ws = wb.addWorksheet('部门自评表');
  const ind = (l1, l2, name, unit, target, actual) => [undefined, l1, l2, name, unit, target, actual, 10, pct(1, '0%'), 10, '　'];
  rows(ws, 1, [
    ['部门整体绩效目标自评表'],
    ['（2021年度）'],
    ['部门名称', '示例办公室', '自评总得分', 98],
    ['联系人', '张三', '联系电话', '0755-12345678'],
    ['全年预算执行情况（万元）', '年初预算数', '全年（调整）预算数', '全年执行数（部门决算数）', '执行率权重分值', '执行率（%）', '执行率得分'],
    // 78% is spending ÷ the initial budget: the execution-rate finding says so
    [undefined, 1945.74731, '1,519.94391', 1519.94391, 10, pct(0.78, '0%'), 8],
    ['年度总体目标', '年初预期目标', '全年目标实际完成情况'],
    [undefined, '召开全区人代会两次。', '全面完成全年目标任务。'],
    ['绩效指标', '一级指标', '二级指标', '三级指标', '度量单位', '年度指标值', '实际完成值', '权重分值', '得分系数', '指标得分', '偏差原因分析及改进措施'],
    ind('产出指标', '数量指标', '指标1：人代会召开次数', '次', '2次', '2次'),
    ind(undefined, undefined, '指标2：常委会召开次数', '次', '8次', '13次'),
    ind(undefined, undefined, '指标3：开展调研次数', '次', '8次', '10次'),
    ind(undefined, '时效指标', '指标1：及时召开会议', '　', '　', '　'),
    ind(undefined, undefined, '指标2：按时完成换届选举', '　', '　', '　'),
    ind('效益指标', '可持续影响指标', '指标1：促进经济社会发展', '　', '　', '　'),
    ind(undefined, undefined, '指标2：促进生态环保', '　', '　', '　'),
    ind('满意度指标', '服务对象满意度指标', '指标1：代表服务方面', '　', '　', '　'),
    [undefined, undefined, undefined, '指标2：人民群众满意度', '　', '　', '　', 10, pct(1, '0%'), formula('H18*I18', 10), '　'],
    [undefined, '绩效指标总分', undefined, undefined, undefined, undefined, undefined, formula('SUM(H10:H18)', 90), undefined, formula('SUM(J10:J18)', 90)],
  ]);
  for (const r of ['A1:K1', 'A2:K2', 'A5:A6', 'A7:A8', 'A9:A18', 'B10:B14', 'C10:C12', 'C13:C14', 'B15:B16', 'C15:C16', 'B17:B18', 'C17:C18']) {
    ws.mergeCells(r);
  }
}

function targetSheet(wb) {
  const ws = wb.addWorksheet('目标表');
  rows(ws, 1, [
    ['2022年度部门整体支出绩效目标表'],
    ['部门名称', '示例办公室', undefined, '单位：万元'],
    ['总体绩效目标', '目标1：召开人代会；目标2：组织代表培训。'],
    ['年度重点工作任务', '名称', '主要实施内容', '期望达到的目标(概述)'],
    [undefined, '召开人代会', '听取和审议工作报告', '完成六大报告审议'],
    [undefined, '组织代表培训', '对新一届代表分三年轮训', '提升履职能力'],
    ['一级指标', '二级指标', '三级指标', '实施周期指标值', '年度指标值'],
    ['产出指标', '数量指标', '一类会议次数', '3次', '1次'],
    [undefined, undefined, '专题调研次数', '12', '4'],
    [undefined, '质量指标', '工作质量达标率', '≥90%', '≥90%'],
    [undefined, '时效指标', '工作任务完成及时率', '≥95%', '≥95%'],
    ['效益指标', '社会效益指标', '扩大人大制度影响力', '良好或以上', '良好或以上'],
    ['满意度指标', '服务对象满意度指标', '人大代表满意度', '≥95%', '≥95%'],
  ]);
  for (const r of ['A1:E1', 'B3:E3', 'A4:A6', 'A8:A11', 'B8:B9']) ws.mergeCells(r);
}

export async function makeXlsxFixtures(dir) {
  mkdirSync(dir, { recursive: true });
  const summary = workbook();
  summarySheet(summary);
  const forms = workbook();
  projectSheet(forms);
  departmentSheet(forms);
  targetSheet(forms);
  const out = [join(dir, 'summary.xlsx'), join(dir, 'forms.xlsx')];
  await summary.xlsx.writeFile(out[0]);
  await forms.xlsx.writeFile(out[1]);
  return out;
}

/**
 * Layout variants of the national project form: two forms stacked in one sheet, the second
 * with a wrong 总分 row (90 points against 100; 96 against 97, within printed precision); a form whose 总分 is a formula without a saved result (as
 * written by programs, not by Excel); a form whose 总分 formula saved an error value (#DIV/0!).
 */
export async function makeXlsxVariants(dir) {
  mkdirSync(dir, { recursive: true });
  const stacked = workbook();
  const ws = stacked.addWorksheet('两个项目');
  projectForm(ws, 1);
  projectForm(ws, 22, { total: 96, points: 90, project: '代表视察项目' });
  const noResult = workbook();
  projectForm(noResult.addWorksheet('项目自评表'), 1, { total: { value: { formula: 'SUM(H13:H18)+H6' }, fmt: 'General' } });
  // a 总分 formula whose saved result is an error value (#DIV/0!): a damaged-cell finding, never a number
  const errorValue = workbook();
  projectForm(errorValue.addWorksheet('项目自评表'), 1, { total: { value: { formula: 'SUM(H13:H18)/0', result: { error: '#DIV/0!' } }, fmt: 'General' } });
  const out = [join(dir, 'stacked.xlsx'), join(dir, 'no-result.xlsx'), join(dir, 'error-value.xlsx')];
  await stacked.xlsx.writeFile(out[0]);
  await noResult.xlsx.writeFile(out[1]);
  await errorValue.xlsx.writeFile(out[2]);
  return out;
}

/** seed-000.txt re-encoded as GB18030 and as UTF-16LE with BOM. */
export function makeTextFixtures(dir) {
  mkdirSync(dir, { recursive: true });
  const text = readFileSync(join(ROOT, 'fixtures/import/seed-000.txt'), 'utf8');
  const gb = join(dir, 'seed-000.gb18030.txt');
  const u16 = join(dir, 'seed-000.utf16le.txt');
  writeFileSync(gb, iconv.encode(text, 'gb18030'));
  writeFileSync(u16, iconv.encode(text, 'utf-16le', { addBOM: true }));
  return [gb, u16];
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const dir = resolve(process.argv[2] ?? join(ROOT, 'build/fixtures/import'));
  const files = [...(await makeXlsxFixtures(dir)), ...makeTextFixtures(join(ROOT, 'fixtures/import'))];
  for (const f of files) process.stdout.write(`${f}\n`);
}
