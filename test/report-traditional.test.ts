/**
 * Traditional characters in a report filed as .docx or .html (issue 23): read in Simplified as a .txt is
 * (src/load/chinese.ts simplifiedGrid: opencc-js loaded only for a Traditional document, cell texts length for
 * length, places unchanged), so corpus 25 gives the same reading and the same finding in every format.
 */
import { readFileSync } from 'node:fs';
import { describe as suite, expect, it } from 'vitest';
import { looksTraditional, simplifiedGrid } from '../src/load/chinese.js';
import type { Grid } from '../src/load/grid.js';
import { loadBytes } from '../src/load/index.js';
import { reportDocx } from '../scripts/make-docx-fixtures.mjs';
import { describe, linter } from './helpers/linter.js';

const TEXT = readFileSync('fixtures/corpus/25-linhe-gengdidili-report.txt', 'utf8');
const escape = (t: string) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const page = (text: string) => `<!doctype html><html><head><meta charset="utf-8"><title>r</title></head><body>${text.split('\n').map((l) => `<p>${escape(l)}</p>`).join('')}</body></html>`;

async function read(name: string, bytes: Uint8Array) {
  const loaded = await loadBytes(name, bytes);
  const findings = linter.lintLoaded(name, loaded).flatMap((r) => r.findings.map((f) => describe(f, false)));
  return { data: loaded.documents[0]?.data as Record<string, unknown>, findings };
}

suite('Traditional characters in a .docx or .html report', () => {
  const expected = async () => {
    const txt = await read('25.txt', new TextEncoder().encode(TEXT));
    expect(txt.data.unit).toBe('临河区农牧和科技局');
    return txt;
  };

  it('reads corpus 25 as a Word document as it reads the text: year, unit, budget, the unit-less amounts', async () => {
    const txt = await expected();
    const docx = await read('25.docx', await reportDocx(TEXT));
    for (const k of ['form', 'title', 'year', 'unit', 'budget', 'figures', 'unitlessAmounts']) expect(docx.data[k], k).toEqual(txt.data[k]);
    expect(docx.findings).toEqual(txt.findings);
    expect(docx.findings).toEqual(['unit-consistency info /unitlessAmounts/0']);
  });

  it('reads corpus 25 as a web page as it reads the text', async () => {
    const txt = await expected();
    const html = await read('25.html', new TextEncoder().encode(page(TEXT)));
    for (const k of ['form', 'title', 'year', 'unit', 'budget', 'figures', 'unitlessAmounts']) expect(html.data[k], k).toEqual(txt.data[k]);
    expect(html.findings).toEqual(txt.findings);
  });

  it('converts cell by cell, length for length, and leaves a Simplified grid as it is', async () => {
    const grid: Grid = { rows: [['臨河區耕地地力保護補貼', '發放資金9765萬元'], ['績效目標', null as unknown as string]], place: (r, c) => ({ sheet: 'S', cell: `${'AB'[c]}${r + 1}` }), positional: true };
    expect(looksTraditional(grid.rows.flat().join('\n'))).toBe(true);
    const out = await simplifiedGrid(grid);
    expect(out.rows).toEqual([['临河区耕地地力保护补贴', '发放资金9765万元'], ['绩效目标', null]]);
    expect(out.place(1, 0)).toEqual({ sheet: 'S', cell: 'A2' });
    const simple: Grid = { rows: [['发放资金9765万元']], place: () => ({}), positional: true };
    expect(await simplifiedGrid(simple)).toBe(simple);
  });
});
