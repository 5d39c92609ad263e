// Generate the .xls and .et fixtures (issue 24) from the same workbooks as the .xlsx ones:
//   node scripts/make-xls-fixtures.mjs [dir]      (npm run fixtures:xls)
// scripts/make-xlsx-fixtures.mjs writes summary.xlsx and forms.xlsx (the seed 000 summary
// layout, the seed 001 forms); SheetJS reads each and writes it as BIFF8 (Excel 97-2003):
// merged ranges, number formats (0.00%, 0%) and the saved results of formulas are kept
// (SheetJS CE writes a formula's result as a value, not the formula). WPS Spreadsheets
// saves the same BIFF8 under .et, so each .et is the .xls under that name. The files are
// generated at test time into a temporary folder (test/xls.test.ts); the expected findings
// are those of the .xlsx (fixtures/import/<name>.xlsx.expected).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as XLSX from '@e965/xlsx';
import { makeXlsxFixtures } from './make-xlsx-fixtures.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Each .xlsx made by make-xlsx-fixtures.mjs as .xls and .et in `dir`. */
export async function makeXlsFixtures(dir) {
  mkdirSync(dir, { recursive: true });
  const out = [];
  for (const xlsx of await makeXlsxFixtures(join(dir, 'xlsx'))) {
    const wb = XLSX.read(readFileSync(xlsx), { cellFormula: true, cellNF: true, cellStyles: true });
    const bytes = XLSX.write(wb, { bookType: 'biff8', type: 'buffer' });
    const base = join(dir, xlsx.split(/[\\/]/).pop().replace(/\.xlsx$/, ''));
    writeFileSync(`${base}.xls`, bytes);
    writeFileSync(`${base}.et`, bytes);
    out.push(`${base}.xls`, `${base}.et`);
  }
  return out;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const dir = resolve(process.argv[2] ?? join(ROOT, 'build/fixtures/xls'));
  for (const f of await makeXlsFixtures(dir)) process.stdout.write(`${f}\n`);
}
