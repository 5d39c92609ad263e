/**
 * The xlsx report written to a file row by row (issue 26: a batch's reports without holding every
 * finding): exceljs's streaming WorkbookWriter, each row committed as it is made. A first pass
 * over the results sizes the columns (a streamed sheet writes its column widths before its rows)
 * and counts the rows for the autofilter; the second writes 汇总, the third 问题清单. The cells,
 * their number formats, fonts and alignment, the widths, the frozen header and the autofilter
 * are those of the in-memory workbook (src/report/xlsx.ts; test/report-stream.test.ts reads
 * both back and compares them). Strings are written inline rather than into a shared-string
 * table, which would hold every distinct message of the run. Node only (it writes a file).
 */
import ExcelJS from 'exceljs';
import { BATCH_WORDS, findingRowsOf, submissionRow } from '../report/batch.js';
import type { ReportContext } from '../report/context.js';
import type { ResultSource } from '../report/stream.js';
import { ColumnWidths, findingCells, FROZEN, styleHeader, summaryCells, WRAP, WRAP_COLUMNS } from '../report/xlsx.js';

/** Rows committed between turns of the event loop. */
const DRAIN_EVERY = 200;

export async function writeXlsxFile(source: ResultSource, ctx: ReportContext, file: string): Promise<void> {
  const w = BATCH_WORDS[ctx.lang];
  // the first pass: widths and row counts
  const summaryWidths = new ColumnWidths(w.submissionHead);
  const findingWidths = new ColumnWidths(w.findingSheetHead);
  let summaryRows = 1;
  let findingRows = 1;
  source.each((r) => {
    summaryWidths.add(summaryCells(submissionRow(r, ctx)).values);
    summaryRows++;
    for (const f of findingRowsOf(r, ctx)) {
      findingWidths.add(findingCells(f).values);
      findingRows++;
    }
  });

  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useStyles: true, useSharedStrings: false });
  wb.creator = 'jixiao-lint';
  const sheet = (name: string, head: readonly string[], widths: number[], wrap: readonly number[]) => {
    const ws = wb.addWorksheet(name, { views: FROZEN.map((v) => ({ ...v })) as ExcelJS.WorksheetView[] });
    widths.forEach((width, i) => {
      const col = ws.getColumn(i + 1);
      col.width = width;
      if (wrap.includes(i)) col.alignment = { ...WRAP };
    });
    const header = ws.addRow([...head]);
    styleHeader(header);
    // the in-memory workbook gives its wrapped columns their alignment last, the header's cells too
    for (const i of wrap) header.getCell(i + 1).alignment = { ...WRAP };
    header.commit();
    return ws;
  };

  // a committed row goes to the zip stream, which takes it when the event loop turns: let it, every so many rows
  let rows = 0;
  const drain = async () => {
    if (++rows % DRAIN_EVERY === 0) await new Promise<void>((resolve) => setImmediate(resolve));
  };
  const summary = sheet(w.summarySheet, w.submissionHead, summaryWidths.widths(), []);
  await source.eachAsync(async (r) => {
    const c = summaryCells(submissionRow(r, ctx));
    const row = summary.addRow(c.values);
    if (c.scoreFmt !== null) row.getCell(5).numFmt = c.scoreFmt;
    if (c.rateFmt !== null) row.getCell(6).numFmt = c.rateFmt;
    row.commit();
    await drain();
  });
  summary.autoFilter = { from: { row: 1, column: 1 }, to: { row: summaryRows, column: w.submissionHead.length } };
  summary.commit();

  const findings = sheet(w.findingsSheet, w.findingSheetHead, findingWidths.widths(), WRAP_COLUMNS);
  await source.eachAsync(async (r) => {
    for (const f of findingRowsOf(r, ctx)) {
      const c = findingCells(f);
      const row = findings.addRow(c.values);
      row.getCell(6).font = c.severityFont;
      row.commit();
    }
    await drain();
  });
  findings.autoFilter = { from: { row: 1, column: 1 }, to: { row: findingRows, column: w.findingSheetHead.length } };
  findings.commit();
  await wb.commit();
}
