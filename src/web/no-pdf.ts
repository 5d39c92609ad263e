/**
 * The page's stand-in for src/load/pdf.ts (scripts/build-web.mjs): pdf.js and its worker
 * (≈1.8 MB minified) would take the page far over its 2 MB budget, so in the page a PDF gets
 * one line saying to check it with the command line.
 */
import type { LoadResult } from '../types.js';
import { problem } from '../load/problem.js';

export function loadPdf(): Promise<LoadResult> {
  return Promise.resolve({
    documents: [],
    problems: [
      problem(
        '网页版暂不能读取 PDF：请用命令行 jixiao-lint 检查，或提供原始的 Word/Excel 文件。',
        'the page cannot read PDF files yet: check the file with the jixiao-lint command, or supply the original Word/Excel file.',
      ),
    ],
  });
}
