// Generate the Markdown fixtures (issue 24) from the same sources as the .xlsx and .docx ones:
//   node scripts/make-md-fixtures.mjs [dir]      (npm run fixtures:md)
// - summary.md, forms.md: each sheet of summary.xlsx / forms.xlsx (scripts/make-xlsx-fixtures.mjs,
//   the seed 000 summary layout and the seed 001 forms) as Markdown: the lines above the table
//   (title, 年度, 单位) as paragraphs, the table as a GitHub table of the sheet's printed texts
//   (a merged range's text in its first cell, the others empty, as a worksheet reads);
// - report-003.md: seed 003 (fixtures/import/seed-003.txt) as the Markdown its text could come
//   from, as make-docx-fixtures.mjs's reportDocx makes its Word document: numbered section titles
//   (一、… （一）…) as headings, prose lines as paragraphs, each run of tab-led lines a table.
// Generated at test time into a temporary folder (test/markdown.test.ts).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as XLSX from '@e965/xlsx';
import { makeXlsxFixtures } from './make-xlsx-fixtures.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** A paragraph's text with what Markdown would read as a list, heading or quote escaped. */
const para = (t) => t.trim().replace(/^(\d+)([.)])(\s)/, '$1\\$2$3').replace(/^([-+*#>])/, '\\$1');
const cell = (t) => t.replace(/\r?\n/g, ' ').replace(/\|/g, '\\|').trim();

function table(rows) {
  const width = Math.max(...rows.map((r) => r.length));
  const pad = (r) => [...r, ...Array(width - r.length).fill('')];
  const line = (r) => `| ${pad(r).map(cell).join(' | ')} |`;
  return [line(rows[0]), `|${' --- |'.repeat(width)}`, ...rows.slice(1).map(line)].join('\n');
}

/** A sheet: rows before `bodyFrom` as paragraphs (one per filled cell), the rest as a table. */
function sheetMarkdown(ws, bodyFrom) {
  const range = XLSX.utils.decode_range(ws['!ref']);
  const rows = [];
  for (let r = 0; r <= range.e.r; r++) {
    const row = [];
    for (let c = 0; c <= range.e.c; c++) row.push(ws[XLSX.utils.encode_cell({ r, c })]?.w ?? '');
    rows.push(row);
  }
  const out = rows.slice(0, bodyFrom).flatMap((r) => r.filter((t) => t.trim() !== '').map(para));
  out.push(table(rows.slice(bodyFrom)));
  return out.join('\n\n');
}

/** A report extracted like seed 003 as Markdown (see reportDocx in make-docx-fixtures.mjs). */
export function reportMarkdown(text) {
  const blocks = [];
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
      // a row with one cell more than the header starts with its number: the header's first cell spans two columns
      blocks.push(table(rows.map((r) => (r.length < width ? [r[0], ...Array(width - r.length).fill(''), ...r.slice(1)] : r))));
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
      const t = line.trim();
      if (/^[一二三四五六七八九十]+、/.test(t)) blocks.push(`## ${t}`);
      else if (/^（[一二三四五六七八九十]+）/.test(t)) blocks.push(`### ${t}`);
      else blocks.push(para(t));
    }
  }
  endTable();
  return `${blocks.join('\n\n')}\n`;
}

export async function makeMdFixtures(dir) {
  mkdirSync(dir, { recursive: true });
  const [summaryXlsx, formsXlsx] = await makeXlsxFixtures(join(dir, 'xlsx'));
  const read = (p) => XLSX.read(readFileSync(p), { cellNF: true });
  const summary = read(summaryXlsx);
  const forms = read(formsXlsx);
  const files = {
    'summary.md': sheetMarkdown(summary.Sheets['汇总表'], 2),
    'forms.md': [sheetMarkdown(forms.Sheets['项目自评表'], 2), sheetMarkdown(forms.Sheets['部门自评表'], 2), sheetMarkdown(forms.Sheets['目标表'], 1)].join('\n\n'),
    'report-003.md': reportMarkdown(readFileSync(join(ROOT, 'fixtures/import/seed-003.txt'), 'utf8')),
  };
  return Object.entries(files).map(([name, text]) => {
    writeFileSync(join(dir, name), `${text.trimEnd()}\n`);
    return join(dir, name);
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const dir = resolve(process.argv[2] ?? join(ROOT, 'build/fixtures/md'));
  for (const f of await makeMdFixtures(dir)) process.stdout.write(`${f}\n`);
}
