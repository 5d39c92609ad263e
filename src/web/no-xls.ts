/**
 * The page's stand-in for src/load/xls.ts (scripts/build-web.mjs): SheetJS (≈380 KB minified)
 * would take the page over its 2 MB budget, so in the page a .xls/.et file that is really a
 * .xlsx or a web page is read (src/load/index.ts sniffs it first) and a BIFF8 workbook gets one
 * line saying to check it with the command line or save it as .xlsx.
 */
import type { LoadResult } from '../types.js';
import { problem } from '../load/problem.js';

export { sniffXls } from '../load/xls-sniff.js';

export function loadXls(): Promise<LoadResult> {
  return Promise.resolve({
    documents: [],
    problems: [
      problem(
        '网页版暂不能读取 Excel 97-2003（.xls）和 WPS 表格（.et）工作簿：请用命令行 jixiao-lint 检查，或用 Excel/WPS 另存为 .xlsx 后拖入页面。',
        'the page cannot read Excel 97-2003 (.xls) or WPS Spreadsheets (.et) workbooks yet: check the file with the jixiao-lint command, or save it as .xlsx in Excel/WPS and drop that here.',
      ),
    ],
  });
}
