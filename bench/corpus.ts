/**
 * `npm run corpus`: the corpus regression table (issue 22, item 6). For every document of
 * fixtures/corpus and every format (the text as published; its reconstruction as .xlsx, .docx,
 * .html, .pdf, generated into build/fixtures/corpus): the layout read, the expected findings caught
 * (n/m), the findings not expected, and a totals line. `--verbose` lists the missed and the
 * unexpected findings under each row; `--pending` prints, instead of the table, the JSON for
 * test/corpus-pending.json: every item that does not match, with its listed reason or a drafted
 * one (what is missed and what is not expected) to be rewritten by hand. Reads the compiled tool
 * (run after `npm run build`).
 */
import { join } from 'node:path';
import { compareItem, CORPUS, corpusItems, FORMATS, generator, readPending, type Comparison, type CorpusItem } from './corpus-suite.js';
import { packageRoot } from '../src/node/resources.js';

const started = Date.now();
const verbose = process.argv.includes('--verbose');
const pendingDraft = process.argv.includes('--pending');
const out = join(packageRoot(), 'build', 'fixtures', 'corpus');
const gen = await generator();
await gen.makeCorpusFixtures(out);
const items = corpusItems(out);
const pending = readPending();
const sheets = new Map<string, string>();
const sheetOf = (doc: string): string => {
  const s = sheets.get(doc) ?? gen.readGrid(join(CORPUS, `${doc}.grid.yaml`)).sheet;
  sheets.set(doc, s);
  return s;
};

const results: Array<{ item: CorpusItem; c: Comparison }> = [];
for (const item of items) results.push({ item, c: await compareItem(item, sheetOf) });

if (pendingDraft) {
  const count = (list: string[]) => {
    const by = new Map<string, number>();
    for (const x of list) by.set(x.split(' ').slice(0, 2).join(' '), (by.get(x.split(' ').slice(0, 2).join(' ')) ?? 0) + 1);
    return [...by].map(([k, n]) => `${n}× ${k}`).join(', ') || 'none';
  };
  const draft = Object.fromEntries(
    results.filter(({ c }) => !c.matches).map(({ item, c }) => [item.key, pending[item.key] ?? `DRAFT missed: ${count(c.missed)}; not expected: ${count(c.unexpected)}${c.layoutOk === false ? `; layout read ${c.layoutsRead.join(',') || 'none'} (expected ${c.layoutExpected})` : ''}`]),
  );
  process.stdout.write(`${JSON.stringify(draft, null, 2)}\n`);
  process.exit(0);
}

/** Display width: CJK and full-width characters count two columns. */
const width = (s: string): number => [...s].reduce((n, ch) => n + (/[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1), 0);
const pad = (s: string, n: number): string => s + ' '.repeat(Math.max(0, n - width(s)));

const header = ['document', 'format', 'layout read (expected)', 'caught', 'not expected', 'status'];
const rows = results.map(({ item, c }) => [
  item.doc,
  item.format,
  `${c.layoutsRead.join(',') || '—'} (${c.layoutExpected ?? '?'})`,
  `${c.caught}/${c.expected.length}`,
  String(c.unexpected.length),
  c.matches ? (pending[item.key] ? 'MATCHES (listed pending)' : 'ok') : pending[item.key] ? 'pending' : 'DIFFERS',
]);
const widths = header.map((h, i) => Math.max(width(h), ...rows.map((r) => width(r[i] as string))));
const line = (r: string[]) => r.map((x, i) => pad(x, widths[i] as number)).join('  ').trimEnd();
process.stdout.write(`${line(header)}\n${widths.map((w) => '-'.repeat(w)).join('  ')}\n`);
results.forEach(({ c }, i) => {
  process.stdout.write(`${line(rows[i] as string[])}\n`);
  if (verbose && !c.matches) {
    for (const m of c.missed) process.stdout.write(`    missed        ${m}\n`);
    for (const u of c.unexpected) process.stdout.write(`    not expected  ${u}\n`);
  }
});

const sum = (list: typeof results) => ({
  items: list.length,
  matching: list.filter((r) => r.c.matches).length,
  caught: list.reduce((n, r) => n + r.c.caught, 0),
  expected: list.reduce((n, r) => n + r.c.expected.length, 0),
  unexpected: list.reduce((n, r) => n + r.c.unexpected.length, 0),
  layouts: list.filter((r) => r.c.layoutOk === true).length,
});
process.stdout.write('\n');
for (const format of FORMATS) {
  const t = sum(results.filter((r) => r.item.format === format));
  if (t.items === 0) continue;
  process.stdout.write(`${pad(format, 6)} ${t.matching}/${t.items} matching, layout read ${t.layouts}/${t.items}, caught ${t.caught}/${t.expected}, not expected ${t.unexpected}\n`);
}
const all = sum(results);
process.stdout.write(
  `total  ${all.matching}/${all.items} matching, layout read ${all.layouts}/${all.items}, caught ${all.caught}/${all.expected}, not expected ${all.unexpected} (${new Set(results.map((r) => r.item.doc)).size} documents, ${((Date.now() - started) / 1000).toFixed(1)} s)\n`,
);
