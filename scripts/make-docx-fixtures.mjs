// Generate the Word (.docx) import fixtures:
//   node scripts/make-docx-fixtures.mjs [dir]      (default dir: build/fixtures/docx)
// - seed-001.docx: seed 001 (../shared/seeds/001_4b5281433b805d10.txt, a Word table saved as
//   text) as the Word document it came from: 「附件：」, the title 「部门整体绩效目标自评表」 and
//   「（2021年度）」, one table for the department form, two empty paragraphs, the title
//   「项目资金绩效目标自评表」 and 「（2021年度）」, a second table for the project form. Every cell
//   text is the seed's, the vertical merges are where the seed prints an empty cell, and the
//   vertical merges are written the way Word writes them (a bare <w:vMerge/> continues).
// - merges.docx: a small national-layout project form (项目支出绩效自评表) with horizontal
//   (w:gridSpan) and vertical merges (w:vMerge restart, bare and explicit "continue"), a row that
//   starts with w:gridBefore and one that ends with w:gridAfter, and one planted error: the
//   score of 培训合格率 is 12 for a weight of 10 (score-exceeds-weight at 表1!H11).
// - wps.docx: a department form written the way WPS writes it: the title and the year in the
//   first rows of the table, merged across all columns; a w:tblGrid without widths; the table
//   inside a content control (w:sdt), a row, a cell and a run each inside one too, and an empty
//   content control still showing its placeholder text; a figure corrected with tracked changes
//   (w:del 85% → w:ins 78%); a total that is a field ({ =SUM(ABOVE) }) with its result.
// The `docx` package writes the documents; what it cannot write (bare w:vMerge, w:gridBefore,
// w:gridAfter, w:sdt, tracked changes, fields, a tblGrid without widths) is patched into
// word/document.xml afterwards, by markers (⟦…⟧) written as cell texts. The .docx files are
// generated, never committed (test/docx.test.ts writes them to a temporary folder).
// - report-003.docx, report-003-figure.docx: seed 003 (a narrative report with three budget tables) and its
//   planted variant as the Word documents their text came from (reportDocx): same findings as the text.
// Expected findings: fixtures/docx/<name>.docx.expected.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Bookmark, Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun, VerticalMergeType } from 'docx';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

// ---------- a small notation for tables ----------
// A cell is a string, or { t, span, v } with v 'restart' | 'continue'; C is a continued cell.
const C = { v: 'continue' };
const R = (t, span = 1) => ({ t, span, v: 'restart' });
const S = (t, span) => ({ t, span });
const Cs = (span) => ({ v: 'continue', span });

function paragraph(text) {
  if (text === undefined || text === '') return new Paragraph({});
  if (text instanceof Paragraph) return text;
  return new Paragraph({ children: [new TextRun(text)] });
}

function tableCell(spec) {
  const s = typeof spec === 'string' || spec instanceof Paragraph ? { t: spec } : spec;
  return new TableCell({
    children: [paragraph(s.t)],
    ...(s.span > 1 ? { columnSpan: s.span } : {}),
    ...(s.v === 'restart' ? { verticalMerge: VerticalMergeType.RESTART } : s.v === 'continue' ? { verticalMerge: VerticalMergeType.CONTINUE } : {}),
  });
}

function table(rows, columns) {
  return new Table({
    columnWidths: Array.from({ length: columns }, () => Math.floor(9000 / columns)),
    rows: rows.map((cells) => new TableRow({ children: cells.map(tableCell) })),
  });
}

async function pack(children, patch = (xml) => xml) {
  const doc = new Document({ creator: 'jixiao-lint fixtures', sections: [{ children }] });
  const files = unzipSync(new Uint8Array(await Packer.toBuffer(doc)));
  files['word/document.xml'] = strToU8(patch(strFromU8(files['word/document.xml'])));
  // fixed times: the same bytes on every run
  return zipSync(files, { level: 6, mtime: new Date(Date.UTC(2022, 0, 1)) });
}

/** The element <w:tag> around the marker ⟦name⟧ (its start and end offsets). */
function around(xml, marker, tag) {
  const at = xml.indexOf(marker);
  if (at < 0) throw new Error(`marker ${marker} not found`);
  const open = new RegExp(`<w:${tag}[ >]`, 'g');
  let start = -1;
  for (let m; (m = open.exec(xml)) && m.index < at; ) start = m.index;
  const end = xml.indexOf(`</w:${tag}>`, at) + `</w:${tag}>`.length;
  if (start < 0 || end < at) throw new Error(`no <w:${tag}> around ${marker}`);
  return [start, end];
}

/** Wrap the <w:tag> holding the marker in a content control, and drop the marker. */
function wrapSdt(xml, marker, tag, alias) {
  const [s, e] = around(xml, marker, tag);
  const sdt = `<w:sdt><w:sdtPr><w:alias w:val="${alias}"/><w:tag w:val="${alias}"/></w:sdtPr><w:sdtContent>${xml.slice(s, e)}</w:sdtContent></w:sdt>`;
  return (xml.slice(0, s) + sdt + xml.slice(e)).replace(marker, '');
}

/** Replace the <w:tag> holding the marker. */
function replaceElement(xml, marker, tag, by) {
  const [s, e] = around(xml, marker, tag);
  return xml.slice(0, s) + by(xml.slice(s, e)) + xml.slice(e);
}

// ---------- seed 001: two forms in one Word document ----------

const GOALS_001 = {
  department: [
    '为全面贯彻落实党的领导、人民当家作主、依法治国的有机统一，坚持人民代表大会制度这一根本政治制度，做好察民情、听民声、集民智、解民忧等工作，全年计划：持续巩固政治思想防线，加强十九届六中全会及习近平总书记重要讲话精神学习，加强建设政治理想坚定、崇尚法治意识、敢于攻坚克难的政治机关、代表机关；召开全区人代会两次，审议通过政府、人大、法院、检院工作报告，审查通过国民经济和社会发展计划和预算报告，开展重大人事任免；开展全区换届选举工作；开展执法检查2次、工作评议1次、听取审查政府工作报告22项、视察调研8次；根据区委安排，适时开展人事任免；加强代表联系工作，认真开展“两联一述”。',
    '按照年初目标任务，区人大常委会办公室认真做好统筹协调工作，全面完成全年目标任务：一是不断强化政治机关建设，认真开展党史学习教育，及时组织学习十九届六中全会、党史学习教育动员大会、建党100周年重要讲话、中央人大工作会议等重要精神学习，全力推进政治机关、权力机关、工作机关、代表机关建设；二是认真做好两次全区代表大会和常委会统筹工作，做好代表审议通过政府、人大、法院、检院、发展改革、财政预算等报告工作；协调服务做好代表调研，听取审议政府专业领域报告等工作；三是全面落实区委人事安排，通过法定程序，做好人事工作；四是不断加强代表联系工作，进一步贯彻“两联一述”工作制度，在调研、对接联系过程中，察民情、聚民智；五是认真做好换届选举工作，圆满完成换届选举任务。',
  ],
  project: [
    '深入践行基本政治制度，发挥人民集体共商区域经济社会发展事项，及时召开全区人代会以及闭会期间及时召开常委会，通过政府、人大、法院、检院、发展改革、预算等工作报告，进一步汇民智、促发展；进一步加强对实施工作的监督，听取审议重大项目实施报告、法律法规贯彻落实情况、生态环保执行开展情况，聚焦群众关心的急难愁盼问题，督促政府落地落实；加强人事任免工作，通过法定程序让党的领导干部依法履职、为民服务。',
    '通过及时召开人代会和常委会，一是顺利通过政府、人大、法院、检院、发改、预算工作报告，向全区人民汇报上年工作开展情况及今年工作打算，充分听取吸纳各领域代表意见建议，并吸收进工作报告；二是圆满完成换届选举工作及人事任免工作，落实区委重大人事安排；三是不断加强政府开展工作监督，确保年初工作计划得到落实，加强年度工作、法律法规等落实情况监督。',
  ],
};

const SP = '　'; // the ideographic space the seed prints in cells left blank

/** The department form of seed 001 (11 grid columns A–K). */
function department001() {
  const ind = (l1, l2, name, unit, target, actual) => [C, l1, l2, name, unit, target, actual, '10', '100%', '10', SP];
  return [
    ['部门名称', S('区人大常委会办公室', 5), S('自评总得分', 2), S('98', 3)],
    ['联系人', S('杨建平', 5), S('联系电话', 2), S('15023867876', 3)],
    [R('全年预算执行情况（万元）'), S('年初预算数', 2), S('全年（调整）预算数', 2), S('全年执行数（部门决算数）', 2), '执行率权重分值', '执行率（%）', S('执行率得分', 2)],
    [C, S('1945.74731', 2), S('1519.94391', 2), S('1519.94391', 2), '10', '78%', S('8', 2)],
    [R('年度总体目标'), S('年初预期目标', 5), S('全年目标实际完成情况', 5)],
    // the planned goal starts with Word's _GoBack bookmark and four spaces, the achieved one with eight
    [C, S(new Paragraph({ children: [new Bookmark({ id: '_GoBack', children: [] }), new TextRun(`    ${GOALS_001.department[0]}`)] }), 5), S(`        ${GOALS_001.department[1]}`, 5)],
    [R('绩效指标'), '一级指标', '二级指标', '三级指标', '度量单位', '年度指标值', '实际完成值', '权重分值', '得分系数', '指标得分', '偏差原因分析及改进措施'],
    ind(R('产出指标'), R('数量指标'), '指标1：人代会召开次数', '次', '2次', '2次'),
    ind(C, C, '指标2：常委会召开次数', '次', '8次', '13次'),
    ind(C, C, '指标3：开展调研次数', '次', '8次', '10次'),
    ind(C, R('时效指标'), '指标1：及时召开会议通过全区重大事项', SP, SP, SP),
    ind(C, C, '指标2：按时完成换届选举工作', SP, SP, SP),
    ind(R('效益指标'), R('可持续影响指标'), '指标1：促进全区经济社会发展可持续方面', SP, SP, SP),
    ind(C, C, '指标2：促进生态环保领域可持续方面', SP, SP, SP),
    ind(R('满意度指标'), R('服务对象满意度指标'), '指标1：代表服务方面', SP, SP, SP),
    ind(C, C, '指标2：全区人民对人大工作开展方面', SP, SP, SP),
    [C, S('绩效指标总分', 3), SP, S(SP, 2), '90', SP, '90', SP],
  ];
}

/** The project form of seed 001 (12 grid columns A–L). */
function project001() {
  const ind = (l1, l2, name, unit, nature, target, actual) => [C, l1, l2, name, unit, nature, target, actual, '10%', '100%', '10', SP];
  return [
    ['项目名称', S('人代会及常委会经费', 5), S('主管部门', 2), S('区人大常委会办公室', 4)],
    ['实施单位', S('区人大常委会办公室', 5), S('自评总得分', 2), S('99', 4)],
    [R('项目资金（万元）'), S('年初预算数', 2), S('全年预算数', 2), S('全年执行数', 2), R('执行率权重分值'), R('执行率（%）'), R('执行率得分', 3)],
    [C, '总数', '其中：财政资金', '总数', '其中：财政资金', '总数', '其中：财政资金', C, C, Cs(3)],
    [C, '165', '165', '165', '165', '155.41', '155.41', '10', '94', S('9', 3)],
    [R('年度总体目标'), S('年初预期目标', 6), S('全年目标实际完成情况', 5)],
    [C, S(`    ${GOALS_001.project[0]}`, 6), S(`    ${GOALS_001.project[1]}`, 5)],
    [R('绩效指标'), '一级指标', '二级指标', '三级指标', '度量单位', '指标性质', '年度指标值', '实际完成值', '权重分值', '得分系数', '指标得分', '偏差原因分析及改进措施'],
    ind(R('产出指标'), R('数量指标'), '指标1：开展人代会次数', '次', '定量', '2次', '2次'),
    ind(C, C, '指标2：开展常委会次数', '次', '定量', '8次', '13次'),
    ind(C, R('质量指标'), '指标1：人代会预期效果', '优', '定性', SP, '优'),
    ind(C, C, '指标2：常委会预期效果', '优', '定性', SP, '优'),
    // as printed: the 一级指标 cell of these four rows holds an ideographic space, not 效益指标
    ind(R(SP), R('社会效益指标'), '指标1：促进经济社会有序发展', '优', '定性', SP, '优'),
    ind(C, C, '指标2：促进社会稳定和谐', '优', '定性', SP, '优'),
    ind(C, R('可持续影响指标'), '指标1：促进经济发展可持续', '优', '定性', SP, '优'),
    ind(C, C, '指标2：促进生态环境可持续', '优', '定性', SP, '优'),
    ind(R('满意度指标'), R('服务对象满意度指标'), '指标1：进一步凝聚人民意志', '优', '定性', SP, '优'),
    [C, S('绩效指标总分', 3), S(SP, 2), S(SP, 2), '90', SP, '90', SP],
  ];
}

/** Word writes a continued vertical merge as a bare <w:vMerge/>. */
const bareContinue = (xml) => xml.replaceAll('<w:vMerge w:val="continue"/>', '<w:vMerge/>');

export function seed001() {
  return pack(
    [
      paragraph('附件： '),
      paragraph('部门整体绩效目标自评表'),
      paragraph('（2021年度）'),
      table(department001(), 11),
      paragraph(''),
      paragraph(''),
      paragraph('项目资金绩效目标自评表'),
      paragraph('（2021年度）'),
      table(project001(), 12),
      paragraph(''),
    ],
    bareContinue,
  );
}

// ---------- merges.docx: a national-layout project form ----------

function mergesForm() {
  return [
    ['项目名称', S('代表培训项目', 8)],
    ['主管部门', S('示例主管部门', 3), S('实施单位', 2), S('示例单位', 3)],
    [R('项目资金（万元）'), S('', 2), '年初预算数', '全年预算数', '全年执行数', '分值', '执行率', '得分'],
    [C, S('年度资金总额', 2), '100', '100', '90', '10', '90.00%', '9'],
    [C, S('其中：当年财政拨款', 2), '100', '100', '90', '—', '—', '—'],
    [R('年度总体目标'), S('预期目标', 4), S('实际完成情况', 4)],
    [C, S('组织代表培训 8 场，提升履职能力。', 4), S('完成培训 8 场。', 4)],
    [R('绩效指标'), '一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分', '偏差原因分析及改进措施'],
    [C, R('产出指标'), R('数量指标'), '培训场次', '≥8次', '8次', '20', '20', SP],
    // this row starts with w:gridBefore (its first cell is removed below): column A is skipped, not merged
    ['⟦gridBefore⟧', C, C, '培训人次', '≥200人次', '210人次', '20', '20', SP],
    [C, C, R('质量指标'), '培训合格率', '≥95%', '96%', '10', '12', SP],
    [C, R('效益指标'), R('社会效益指标'), '代表履职能力提升', '优', '良', '30', '27', '部分代表未参训'],
    // this row ends with w:gridAfter: the last cell is removed below
    [C, R('满意度指标'), R('服务对象满意度指标'), '参训代表满意度', '≥95%', '97%', '10', '10', '⟦gridAfter⟧'],
    [S('总分', 6), '100', '98', SP],
  ];
}

function patchMerges(xml) {
  // a bare continue for the 绩效指标 column and the 数量指标 merge; the others keep w:val="continue"
  let out = xml;
  out = replaceElement(out, '⟦gridBefore⟧', 'tc', () => '');
  out = out.replace(/(<w:tr>)((?:(?!<w:tr>).)*?<w:t xml:space="preserve">培训人次<\/w:t>)/s, (_m, tr, rest) => `${tr}<w:trPr><w:gridBefore w:val="1"/></w:trPr>${rest}`);
  out = replaceElement(out, '⟦gridAfter⟧', 'tc', () => '');
  out = out.replace(/(<w:tr>)((?:(?!<w:tr>).)*?<w:t xml:space="preserve">参训代表满意度<\/w:t>)/s, (_m, tr, rest) => `${tr}<w:trPr><w:gridAfter w:val="1"/></w:trPr>${rest}`);
  // bare <w:vMerge/> in the rows of 培训场次 … 培训合格率
  out = out.replace(/<w:tr>(?:(?!<w:tr>).)*?<\/w:tr>/gs, (tr) => (/培训人次|培训合格率/.test(tr) ? bareContinue(tr) : tr));
  return out;
}

export function merges() {
  return pack([paragraph('项目支出绩效自评表'), paragraph('（2022年度）'), paragraph('单位：万元'), table(mergesForm(), 9), paragraph('')], patchMerges);
}

// ---------- wps.docx: a department form as WPS writes it ----------

function wpsForm() {
  const ind = (l1, l2, name, unit, target, actual, w, why = '⟦placeholder⟧') => [C, l1, l2, name, unit, target, actual, w, '100%', w, why];
  return [
    [S('部门整体支出绩效自评表', 11)],
    [S('（2022年度）', 11)],
    ['部门名称', S('示例区⟦run⟧教育局', 5), S('自评总得分', 2), S('99.5', 3)],
    ['联系人', S('李四', 5), S('联系电话', 2), S('0755-8888⟦row⟧6666', 3)],
    [R('全年预算执行情况（万元）'), S('年初预算数', 2), S('全年（调整）预算数', 2), S('全年执行数', 2), '执行率权重分值', '执行率（%）', S('执行率得分', 2)],
    [C, S('500', 2), S('480', 2), S('456', 2), '10', '⟦tracked⟧', S('9.5', 2)],
    [R('年度总体目标'), S('年初预期目标', 5), S('全年目标实际完成情况', 5)],
    [C, S('保障全区中小学正常运转。', 5), S('全年完成保障任务。', 5)],
    [R('绩效指标'), '一级指标', '二级指标', '三级指标', '度量单位', '年度指标值', '实际完成值', '权重分值', '得分系数', '指标得分', '偏差原因分析及改进措施'],
    ind(R('产出指标'), R('数量指标'), '保障学校数', '所', '32所', '32所', '20', '⟦cell⟧'),
    ind(C, R('质量指标'), '教学质量达标率', '%', '⟦sym⟧', '96%', '20'),
    ind(C, R('时效指标'), '经费按时拨付率', '%', '100%', '100%', '10'),
    ind(R('效益指标'), R('社会效益指标'), '学生入学率', '%', '≥99%', '99.5%', '30'),
    ind(R('满意度指标'), R('服务对象满意度指标'), '家长满意度', '%', '≥90%', '93%', '10'),
    [C, S('绩效指标总分', 3), SP, S(SP, 2), '⟦sum⟧', SP, '90', SP],
  ];
}

function patchWps(xml) {
  let out = xml;
  // WPS: grid columns without widths
  out = out.replace(/<w:gridCol w:w="\d+"\/>/g, '<w:gridCol/>');
  // the title row and the 联系人 row, a cell and a run inside content controls
  out = wrapSdt(out, '⟦row⟧', 'tr', '联系人');
  out = wrapSdt(out, '⟦cell⟧', 'tc', '偏差原因');
  out = out.replace(/<w:r><w:t xml:space="preserve">示例区⟦run⟧教育局<\/w:t><\/w:r>/, '<w:r><w:t xml:space="preserve">示例区</w:t></w:r><w:sdt><w:sdtPr><w:alias w:val="单位"/></w:sdtPr><w:sdtContent><w:r><w:t>教育局</w:t></w:r></w:sdtContent></w:sdt>');
  // empty content controls still showing their placeholder: no text
  out = out.replaceAll(
    '<w:r><w:t xml:space="preserve">⟦placeholder⟧</w:t></w:r>',
    '<w:sdt><w:sdtPr><w:showingPlcHdr/></w:sdtPr><w:sdtContent><w:r><w:t>单击此处输入文字。</w:t></w:r></w:sdtContent></w:sdt>',
  );
  // the rate corrected with track changes: 85% deleted, 95% inserted
  out = out.replace(
    '<w:r><w:t xml:space="preserve">⟦tracked⟧</w:t></w:r>',
    '<w:del w:id="90" w:author="审核" w:date="2023-01-01T00:00:00Z"><w:r><w:delText>85%</w:delText></w:r></w:del><w:ins w:id="91" w:author="审核" w:date="2023-01-01T00:00:00Z"><w:r><w:t>95%</w:t></w:r></w:ins>',
  );
  // 质量指标: "≥" written as a Symbol-font character, as WPS's symbol dialog does
  out = out.replace('<w:r><w:t xml:space="preserve">⟦sym⟧</w:t></w:r>', '<w:r><w:sym w:font="Symbol" w:char="F0B3"/><w:t>95%</w:t></w:r>');
  // the weight total is a field: { =SUM(ABOVE) } with its result 90
  out = out.replace(
    '<w:r><w:t xml:space="preserve">⟦sum⟧</w:t></w:r>',
    '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> =SUM(ABOVE) </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>90</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>',
  );
  // the whole table inside a content control
  const s = out.indexOf('<w:tbl>');
  const e = out.indexOf('</w:tbl>') + '</w:tbl>'.length;
  out = `${out.slice(0, s)}<w:sdt><w:sdtPr><w:alias w:val="自评表"/></w:sdtPr><w:sdtContent>${out.slice(s, e)}</w:sdtContent></w:sdt>${out.slice(e)}`;
  if (out.includes('⟦')) throw new Error('unpatched marker in wps.docx');
  return out;
}

export function wps() {
  return pack([table(wpsForm(), 11), paragraph('填表人：王五'), paragraph('')], patchWps);
}

// ---------- report-003.docx: a narrative report (issue 14) ----------

/**
 * A narrative report as the Word document its text was extracted from: every prose line of the text
 * (a report extracted like seed 003) is a paragraph, every run of tab-led lines a table — a blank line
 * ends a row, a line a cell. A row with one cell more than the header starts with its number, so the
 * header's first cell (项目) spans two grid columns, as in the original.
 */
export function reportDocx(text) {
  const children = [];
  let rows = null;
  let row = [];
  const endRow = () => {
    if (rows && row.length > 0) rows.push(row);
    row = [];
  };
  const endTable = () => {
    endRow();
    if (rows && rows.length > 0) {
      const width = Math.max(...rows.map((r) => r.length));
      const laid = rows.map((r) => (r.length < width ? [S(r[0], width - r.length + 1), ...r.slice(1)] : r));
      children.push(table(laid, width));
    }
    rows = null;
  };
  for (const line of text.split(/\r?\n/)) {
    if (line.startsWith('\t')) {
      rows ??= [];
      row.push(line.slice(1).trim() === '' ? '' : line.slice(1).trim());
    } else if (line.trim() === '') {
      if (rows) endRow();
    } else {
      endTable();
      children.push(paragraph(line.trim()));
    }
  }
  endTable();
  return pack(children);
}

/** Seed 003 (fixtures/import/seed-003.txt) as a Word document; `figure`: with the planted one-digit slip of report-003-figure.txt. */
export function report003({ figure = false } = {}) {
  const name = figure ? 'report-003-figure.txt' : 'seed-003.txt';
  return reportDocx(readFileSync(join(ROOT, 'fixtures/import', name), 'utf8'));
}

export async function makeDocxFixtures(dir) {
  mkdirSync(dir, { recursive: true });
  const out = [];
  for (const [name, make] of [
    ['seed-001.docx', seed001],
    ['merges.docx', merges],
    ['wps.docx', wps],
    ['report-003.docx', () => report003()],
    ['report-003-figure.docx', () => report003({ figure: true })],
  ]) {
    const path = join(dir, name);
    writeFileSync(path, await make());
    out.push(path);
  }
  return out;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const dir = resolve(process.argv[2] ?? join(ROOT, 'build/fixtures/docx'));
  for (const f of await makeDocxFixtures(dir)) process.stdout.write(`${f}\n`);
}
