// Generate the PDF fixtures (issue 24) from the same workbooks as the .xlsx ones:
//   node scripts/make-pdf-fixtures.mjs [dir]      (npm run fixtures:pdf)
// scripts/make-xlsx-fixtures.mjs writes summary.xlsx (the seed 000 summary layout) and
// forms.xlsx (the seed 001 forms); each sheet is printed here with pdfkit as a spreadsheet
// program prints it: the rows above the table (title, 年度, 单位：万元) as text, the table with
// its ruling lines (no line inside a merged range), text at the top left of its cell and
// wrapped to its width, in a CJK font (fonts-wqy-zenhei, installed by .ci/run):
// - forms.pdf: 项目自评表, 部门自评表 (ruled), 目标表 (no ruling lines: read by text alignment),
//   one page each, page numbers 「第 N 页」 in the footer;
// - summary.pdf: 汇总表, its table breaking over two pages after its third project;
// - report-003.pdf: seed 003 (a narrative report with three budget tables) as printed prose,
//   its paragraphs wrapped by the page and running over page breaks;
// - scanned.pdf: two pages that hold nothing but an image (a scan without a text layer);
// - cmap-gb.pdf: text in a font that is not embedded, named STSong-Light with the predefined CMap
//   UniGB-UCS2-H (as Acrobat and many office programs write Chinese), written here object by object
//   (pdfkit embeds every font); cmap-cns.pdf: the same in MSung-Light/UniCNS-UCS2-H (traditional
//   Chinese), whose CMaps the reader does not hold.
// Generated at test time into a temporary folder (test/pdf.test.ts); the expected findings are
// those of the .xlsx (fixtures/import/<name>.xlsx.expected), with places on pages.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createWriteStream } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as XLSX from '@e965/xlsx';
import zlib from 'node:zlib';
import PDFDocument from 'pdfkit';
import { makeXlsxFixtures } from './make-xlsx-fixtures.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const FONT_PATHS = ['/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc', '/usr/share/fonts/wqy-zenhei/wqy-zenhei.ttc'];
const FIXED_DATE = new Date(Date.UTC(2022, 0, 1));

function cjkFont() {
  const path = FONT_PATHS.find((p) => existsSync(p));
  if (!path) throw new Error(`make-pdf-fixtures: no CJK font (install fonts-wqy-zenhei: looked in ${FONT_PATHS.join(', ')})`);
  return path;
}

/** Rows of printed texts and merged ranges of a SheetJS sheet. */
function sheetRows(ws) {
  const range = XLSX.utils.decode_range(ws['!ref']);
  const rows = [];
  for (let r = 0; r <= range.e.r; r++) {
    const row = [];
    for (let c = 0; c <= range.e.c; c++) row.push(ws[XLSX.utils.encode_cell({ r, c })]?.w ?? '');
    rows.push(row);
  }
  const merges = (ws['!merges'] ?? []).map((m) => ({ top: m.s.r, left: m.s.c, bottom: m.e.r, right: m.e.c }));
  return { rows, merges };
}

const FONT_SIZE = 8;
const PAD = 2;

/**
 * Print one sheet: rows [0, bodyFrom) as text lines, the rest as a table (ruled or not);
 * `breakAfter` (a row index) starts a new page after that row, as a full page would.
 */
export function printSheet(doc, sheet, { bodyFrom, ruled = true, breakAfter = -1, widthOf = () => 60, startY }) {
  const { rows, merges } = sheet;
  const nCols = Math.max(...rows.map((r) => r.length));
  const widths = Array.from({ length: nCols }, (_, c) => widthOf(c));
  const left = doc.page.margins.left;
  const xs = [left];
  for (const w of widths) xs.push((xs.at(-1) ?? left) + w);
  const mergeAt = new Map();
  const covered = new Set();
  for (const m of merges) {
    mergeAt.set(`${m.top},${m.left}`, m);
    for (let r = m.top; r <= m.bottom; r++) for (let c = m.left; c <= m.right; c++) if (r !== m.top || c !== m.left) covered.add(`${r},${c}`);
  }
  let y = startY ?? doc.page.margins.top;
  // the lines above the table: each filled cell at its column, on one line per row
  for (let r = 0; r < bodyFrom; r++) {
    const cells = rows[r].map((t, c) => [t, c]).filter(([t]) => t.trim() !== '');
    if (cells.length === 0) continue;
    for (const [t, c] of cells) {
      const m = mergeAt.get(`${r},${c}`);
      const title = m && m.right - m.left >= nCols - 1;
      doc.fontSize(title ? 12 : FONT_SIZE).text(t, title ? left : xs[c], y, title ? { width: xs[nCols] - left, align: 'center', lineBreak: false } : { lineBreak: false });
    }
    y += rows[r].some((t, c) => mergeAt.get(`${r},${c}`)?.right - mergeAt.get(`${r},${c}`)?.left >= nCols - 1) ? 20 : 14;
  }
  y += 4;
  doc.fontSize(FONT_SIZE);
  // row heights from the wrapped texts of cells that span one row
  const heightOf = (r) => {
    let h = FONT_SIZE + 2 * PAD + 2;
    rows[r].forEach((t, c) => {
      if (covered.has(`${r},${c}`) || t === '') return;
      const m = mergeAt.get(`${r},${c}`);
      if (m && m.bottom > m.top) return;
      const w = xs[(m?.right ?? c) + 1] - xs[c] - 2 * PAD;
      h = Math.max(h, doc.heightOfString(t, { width: w }) + 2 * PAD);
    });
    return h;
  };
  // a cell merged over several rows whose text is taller than its rows: its last row grows
  const extra = new Map();
  for (const m of merges) {
    if (m.bottom === m.top || m.top < bodyFrom) continue;
    const t = rows[m.top][m.left];
    if (!t) continue;
    const need = doc.heightOfString(t, { width: xs[m.right + 1] - xs[m.left] - 2 * PAD }) + 2 * PAD;
    let have = 0;
    for (let r = m.top; r <= m.bottom; r++) have += heightOf(r) + (extra.get(r) ?? 0);
    if (need > have) extra.set(m.bottom, (extra.get(m.bottom) ?? 0) + need - have);
  }
  const plain = heightOf;
  const rowHeight = (r) => plain(r) + (extra.get(r) ?? 0);
  const tops = [];
  const pages = [];
  let page = 0;
  const floor = doc.page.height - doc.page.margins.bottom - 30;
  for (let r = bodyFrom; r < rows.length; r++) {
    if (y + rowHeight(r) > floor && y > doc.page.margins.top) {
      // a full page: the table goes on at the top of the next
      page++;
      y = doc.page.margins.top;
    }
    tops[r] = y;
    pages[r] = page;
    y += rowHeight(r);
    if (r === breakAfter) {
      tops[r + 0.5] = y;
      page++;
      y = doc.page.margins.top;
    }
  }
  const bottomOf = (r) => (r + 1 < rows.length && pages[r + 1] === pages[r] ? tops[r + 1] : tops[r] + rowHeight(r));
  const firstPage = doc.bufferedPageRange().start + doc.bufferedPageRange().count - 1;
  // draw page by page
  for (let p = 0; p <= page; p++) {
    if (p > 0) doc.addPage();
    for (let r = bodyFrom; r < rows.length; r++) {
      if (pages[r] !== p) continue;
      for (let c = 0; c < nCols; c++) {
        if (covered.has(`${r},${c}`)) {
          // a range merged over the page break: its part on this page is drawn as a cell of its own, empty
          const m = merges.find((k) => k.left === c && k.top < r && r <= k.bottom);
          if (ruled && m && pages[r - 1] !== p && pages[m.top] !== p) {
            let lastRow = m.bottom;
            while (pages[lastRow] !== p) lastRow--;
            doc.lineWidth(0.5).rect(xs[c], tops[r], xs[m.right + 1] - xs[c], bottomOf(lastRow) - tops[r]).stroke();
          }
          continue;
        }
        const m = mergeAt.get(`${r},${c}`) ?? { top: r, left: c, bottom: r, right: c };
        let lastRow = m.bottom;
        while (pages[lastRow] !== p) lastRow--;
        const x0 = xs[c];
        const x1 = xs[m.right + 1];
        const y0 = tops[r];
        const y1 = bottomOf(lastRow);
        if (ruled) doc.lineWidth(0.5).rect(x0, y0, x1 - x0, y1 - y0).stroke();
        const t = rows[r][c];
        if (t !== '') doc.text(t, x0 + PAD, y0 + PAD, { width: x1 - x0 - 2 * PAD });
      }
    }
  }
  doc.x = left;
  doc.y = y + 6;
  // the page (0-based, of the document) each row of the table was printed on
  return { pageOf: rows.map((_, r) => (r < bodyFrom ? firstPage : firstPage + pages[r])) };
}

/**
 * A report extracted like seed 003 printed as the PDF it could come from (as reportDocx makes its
 * Word document): prose lines as paragraphs (indented two characters, wrapped to the page, running
 * over page breaks), each run of tab-led lines a ruled table (a blank line ends a row).
 */
function printReport(doc, text) {
  const width = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  let rows = null;
  let row = [];
  const endRow = () => {
    if (rows && row.length > 0) rows.push(row);
    row = [];
  };
  const endTable = () => {
    endRow();
    if (rows && rows.length > 0) {
      const n = Math.max(...rows.map((r) => r.length));
      const laid = rows.map((r) => (r.length < n ? [r[0], ...Array(n - r.length).fill(''), ...r.slice(1)] : r));
      const merges = rows.map((r, i) => (r.length < n ? { top: i, left: 0, bottom: i, right: n - r.length } : null)).filter(Boolean);
      const sheet = { rows: laid, merges };
      printSheet(doc, sheet, { bodyFrom: 0, startY: doc.y, widthOf: () => width / n });
    }
    rows = null;
  };
  for (const line of text.split(/\r?\n/)) {
    if (line.startsWith('\t')) {
      rows ??= [];
      row.push(line.slice(1).trim());
    } else if (line.trim() === '') {
      if (rows) endRow();
    } else {
      endTable();
      doc.fontSize(10).text(line.trim(), doc.page.margins.left, doc.y, { width, indent: 20, paragraphGap: 4 });
    }
  }
  endTable();
}

/** Page numbers in the footer of every page, as printers add them. */
export function footers(doc) {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc.fontSize(9).text(`第 ${i + 1} 页`, 0, doc.page.height - 24, { width: doc.page.width, align: 'center', lineBreak: false });
    doc.page.margins.bottom = bottom;
  }
}

export function newDoc(layout = 'portrait', size = 'A4') {
  const doc = new PDFDocument({ size, layout, margin: 36, bufferPages: true, autoFirstPage: true, info: { Title: 'jixiao-lint fixture', CreationDate: FIXED_DATE, ModDate: FIXED_DATE } });
  doc.registerFont('cjk', cjkFont(), 'WenQuanYiZenHei');
  doc.font('cjk');
  return doc;
}

/** The bytes of a finished document. */
export function pdfBytes(doc) {
  return new Promise((done, fail) => {
    const chunks = [];
    doc.on('data', (c) => chunks.push(c));
    doc.on('end', () => done(Buffer.concat(chunks)));
    doc.on('error', fail);
    doc.end();
  });
}

function save(doc, path) {
  return new Promise((done, fail) => {
    const out = createWriteStream(path);
    out.on('finish', done);
    out.on('error', fail);
    doc.pipe(out);
    doc.end();
  });
}

/** Column widths from the longest text of a column's one-column cells (2 to 9 characters of 8 pt). */
function widthsFor(sheet, min = 2, max = 9, extra = 0) {
  const spans = new Set(sheet.merges.flatMap((m) => (m.right > m.left ? Array.from({ length: m.bottom - m.top + 1 }, (_, k) => `${m.top + k},${m.left}`) : [])));
  return (c) => {
    let n = min;
    sheet.rows.forEach((row, r) => {
      if (!spans.has(`${r},${c}`) && row[c]) n = Math.max(n, Math.min(max, [...row[c]].length));
    });
    return n * (FONT_SIZE + 1) + 2 * PAD + extra;
  };
}

/** A greyscale PNG of w×h pixels with a few dark strokes, as a scanner gives (built here: no binary in the repo). */
function scanPng(w = 64, h = 64) {
  const chunk = (type, data) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(zlib.crc32(body));
    return Buffer.concat([len, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 0; // greyscale
  const raw = Buffer.alloc((w + 1) * h, 0xf0);
  for (let y = 0; y < h; y++) {
    raw[y * (w + 1)] = 0; // filter: none
    if (y % 6 === 3) for (let x = 4; x < w - 4; x++) raw[y * (w + 1) + 1 + x] = 0x30;
  }
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', zlib.deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

/** A page that holds nothing but an image (a scan without a text layer). */
function scannedPage(doc) {
  doc.image(scanPng(), 36, 36, { width: doc.page.width - 72, height: doc.page.height - 72 });
}

/**
 * A one-page PDF whose lines (a title, then text) are set in a CID font that is not embedded, named with a predefined
 * CMap: the code of each character is its UCS-2 code (the Uni…-UCS2-H CMaps).
 */
export function predefinedCMapPdf(lines, { font = 'STSong-Light', encoding = 'UniGB-UCS2-H', ordering = 'GB1' } = {}) {
  const hex = (t) => [...t].map((c) => c.codePointAt(0).toString(16).toUpperCase().padStart(4, '0')).join('');
  // the first line a title: 16 pt, centred; the others 12 pt from the left margin
  const content = lines.map((t, i) => (i === 0 ? `BT /F1 16 Tf ${Math.round((595 - 16 * [...t].length) / 2)} 780 Td <${hex(t)}> Tj ET` : `BT /F1 12 Tf 72 ${760 - 20 * i} Td <${hex(t)}> Tj ET`)).join('\n');
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>',
    `<< /Type /Font /Subtype /Type0 /BaseFont /${font} /Encoding /${encoding} /DescendantFonts [6 0 R] >>`,
    `<< /Length ${Buffer.byteLength(content, 'latin1')} >>\nstream\n${content}\nendstream`,
    `<< /Type /Font /Subtype /CIDFontType0 /BaseFont /${font} /CIDSystemInfo << /Registry (Adobe) /Ordering (${ordering}) /Supplement 2 >> /FontDescriptor 7 0 R /DW 1000 >>`,
    `<< /Type /FontDescriptor /FontName /${font} /Flags 6 /FontBBox [-25 -254 1000 880] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>`,
  ];
  let out = '%PDF-1.4\n';
  const offsets = [];
  objects.forEach((o, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

/** The lines of cmap-gb.pdf and cmap-cns.pdf. */
export const CMAP_LINES = ['2022年度部门整体支出绩效目标表', '部门名称：示例办公室', '单位：万元'];

export async function makePdfFixtures(dir) {
  mkdirSync(dir, { recursive: true });
  const [summaryXlsx, formsXlsx] = await makeXlsxFixtures(join(dir, 'xlsx'));
  const read = (p) => XLSX.read(readFileSync(p), { cellNF: true });
  const out = [];

  const forms = read(formsXlsx);
  const doc = newDoc('landscape');
  const project = sheetRows(forms.Sheets['项目自评表']);
  printSheet(doc, project, { bodyFrom: 2, widthOf: widthsFor(project, 3, 11) });
  doc.addPage();
  const dept = sheetRows(forms.Sheets['部门自评表']);
  printSheet(doc, dept, { bodyFrom: 2, widthOf: widthsFor(dept, 3, 8) });
  doc.addPage();
  const target = sheetRows(forms.Sheets['目标表']);
  printSheet(doc, target, { bodyFrom: 1, ruled: false, widthOf: widthsFor(target, 4, 12, 8) });
  footers(doc);
  out.push(join(dir, 'forms.pdf'));
  await save(doc, out.at(-1));

  const summary = sheetRows(read(summaryXlsx).Sheets['汇总表']);
  const s = newDoc('landscape', 'A3');
  printSheet(s, summary, { bodyFrom: 2, breakAfter: 7, widthOf: widthsFor(summary, 2, 4) });
  footers(s);
  out.push(join(dir, 'summary.pdf'));
  await save(s, out.at(-1));

  const report = newDoc();
  printReport(report, readFileSync(join(ROOT, 'fixtures/import/seed-003.txt'), 'utf8'));
  footers(report);
  out.push(join(dir, 'report-003.pdf'));
  await save(report, out.at(-1));

  const scan = newDoc();
  scannedPage(scan);
  scan.addPage();
  scannedPage(scan);
  out.push(join(dir, 'scanned.pdf'));
  await save(scan, out.at(-1));

  out.push(join(dir, 'cmap-gb.pdf'));
  writeFileSync(out.at(-1), predefinedCMapPdf(CMAP_LINES));
  out.push(join(dir, 'cmap-cns.pdf'));
  writeFileSync(out.at(-1), predefinedCMapPdf(CMAP_LINES, { font: 'MSung-Light', encoding: 'UniCNS-UCS2-H', ordering: 'CNS1' }));
  return out;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const dir = resolve(process.argv[2] ?? join(ROOT, 'build/fixtures/pdf'));
  for (const f of await makePdfFixtures(dir)) process.stdout.write(`${f}\n`);
}
