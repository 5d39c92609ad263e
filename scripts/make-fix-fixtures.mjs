// The workbook `jixiao-lint fix` is tested on (test/fix.test.ts):
//   node scripts/make-fix-fixtures.mjs [dir]      (default build/fixtures/fix)
// fix.xlsx, three sheets:
// - 项目自评表: the national project form, all spent (100.00%, 10 points, right); its 总分 row
//   states 90 points against weights 20+10+10+10+30+10 + 10 = 100 (weights-sum, suggestion 100)
//   and a total of 96 where the printed points add up to 20+10+10+10+27+10 + 10 = 97
//   (total-score, suggestion 97); both cells bold red on yellow;
// - 公式表: the same form whose 执行率 is a formula over the initial budget (=E6/C6, saved
//   78.13%) where 100 ÷ 100 = 100.00% (execution-rate on a formula cell: not fixed) and whose
//   execution score is the text 「8」 where 10 × 100% = 10 (execution-score, written as text); its
//   总分 a formula saved as 95 (= 87 + 8), which the corrected score makes 97;
// - 填表说明: a note in merged cells, a column width, a comment — what a fix must keep.
// Expected changes and findings are written in test/fix.test.ts.
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ExcelJS from 'exceljs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const FIXED_DATE = new Date(Date.UTC(2022, 0, 1));

function put(ws, r, list) {
  list.forEach((cells, i) =>
    cells.forEach((v, c) => {
      if (v === undefined) return;
      const cell = ws.getRow(r + i).getCell(c + 1);
      if (v && typeof v === 'object' && 'fmt' in v) {
        cell.value = v.value;
        cell.numFmt = v.fmt;
      } else cell.value = v;
    }),
  );
}

/** The national 项目支出绩效自评表; `budget` is row 6 from 年初预算数 to 得分, `total` the 总分 cell. */
function projectForm(ws, { budget, total, points = 100 }) {
  put(ws, 1, [
    ['项目支出绩效自评表'],
    ['（2021年度）'],
    ['项目名称', '代表培训项目'],
    ['主管部门', '示例主管部门', undefined, undefined, undefined, '实施单位', '示例单位'],
    ['项目资金（万元）', undefined, '年初预算数', '全年预算数', '全年执行数', '分值', '执行率', '得分'],
    [undefined, '年度资金总额', ...budget],
    [undefined, '其中：当年财政拨款', budget[0], budget[1], budget[2], '—', '—', '—'],
    [undefined, '上年结转资金', 0, 0, 0, '—', '—', '—'],
    [undefined, '其他资金', 0, 0, 0, '—', '—', '—'],
    ['年度总体目标', '预期目标', undefined, undefined, undefined, '实际完成情况'],
    [undefined, '组织代表培训 8 场，提升履职能力。', undefined, undefined, undefined, '完成培训 8 场。'],
    ['绩效指标', '一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分', '偏差原因分析及改进措施'],
    [undefined, '产出指标', '数量指标', '培训场次', '≥8次', '8次', 20, 20, '　'],
    [undefined, undefined, '质量指标', '培训合格率', '≥95%', '96%', 10, 10, '　'],
    [undefined, undefined, '时效指标', '按时完成率', '100%', '100%', 10, 10, '　'],
    [undefined, undefined, '成本指标', '人均培训成本', '≤500元', '480元', 10, 10, '　'],
    [undefined, '效益指标', '社会效益指标', '代表履职能力提升', '优', '良', 30, 27, '部分代表未参训，下年补训'],
    [undefined, '满意度指标', '服务对象满意度指标', '参训代表满意度', '≥95%', '97%', 10, 10, '　'],
    ['总分', undefined, undefined, undefined, undefined, undefined, points, total],
  ]);
  for (const r of ['A1:I1', 'A2:I2', 'B3:I3', 'B4:E4', 'G4:I4', 'A5:A9', 'A10:A11', 'B10:E10', 'F10:I10', 'B11:E11', 'F11:I11', 'A12:A18', 'B13:B16', 'A19:F19']) ws.mergeCells(r);
  ws.getCell('A1').font = { bold: true, size: 16 };
  ws.getColumn(4).width = 24;
}

export async function makeFixFixtures(dir) {
  mkdirSync(dir, { recursive: true });
  const wb = new ExcelJS.Workbook();
  wb.creator = 'jixiao-lint fixtures';
  wb.created = FIXED_DATE;
  wb.modified = FIXED_DATE;

  const plain = wb.addWorksheet('项目自评表');
  projectForm(plain, { budget: [100, 100, 100, 10, { value: 1, fmt: '0.00%' }, 10], points: 90, total: 96 });
  for (const ref of ['G19', 'H19']) {
    plain.getCell(ref).font = { bold: true, color: { argb: 'FFC00000' } };
    plain.getCell(ref).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFFF00' } };
  }

  const formulas = wb.addWorksheet('公式表');
  projectForm(formulas, {
    budget: [128, 100, 100, 10, { value: { formula: 'E6/C6', result: 100 / 128 }, fmt: '0.00%' }, '8'],
    total: { value: { formula: 'SUM(H13:H18)+H6', result: 95 }, fmt: 'General' },
  });

  const notes = wb.addWorksheet('填表说明');
  notes.getCell('A1').value = '填表说明：金额单位为万元，执行率 = 全年执行数 ÷ 全年预算数。';
  notes.mergeCells('A1:F3');
  notes.getCell('A1').alignment = { wrapText: true, vertical: 'top' };
  notes.getColumn(1).width = 40;
  notes.getCell('A5').value = '审核人';
  notes.getCell('A5').note = '由财政局填写';

  const out = join(dir, 'fix.xlsx');
  await wb.xlsx.writeFile(out);
  return out;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const dir = resolve(process.argv[2] ?? join(ROOT, 'build/fixtures/fix'));
  process.stdout.write(`${await makeFixFixtures(dir)}\n`);
}
