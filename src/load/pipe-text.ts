/**
 * Tables that web pages leave in their text with pipes, in the two shapes the published corpus
 * shows. Written by hand: a Markdown table parser needs the header delimiter row (|---|) that these
 * extracted texts never have, and no library knows the second shape. Browser-safe.
 *
 * - Pipe rows (corpus doc 03): each line a row, its cells between pipes (「| 项目名称 | 义务教育… |」),
 *   merged cells collapsed into rows of a bare 「|」. Rows differ in length: aligned by content.
 * - Pipe cells (corpus docs 04 and 30): every cell of the table ends with 「 |」, one or more on a
 *   line (「项目名称 |」, 「||||||」 for empty or covered cells), and nothing marks where a row ends —
 *   but every row is padded to the table's full width. The width is found as the one that puts the
 *   form's row labels (项目名称, 主管部门, 一级指标 …) at the start of their rows.
 */
import { foldLabel, type Grid } from './grid.js';

/** Lines of text that carry something. */
function lines(text: string): string[] {
  return text.split('\n', 20_000).map((l) => l.trim()).filter((l) => l !== '');
}

/** A pipe between two texts (「a | b」): a row of several cells on one line. */
function cellsOnLine(l: string): number {
  let n = 0;
  let text = false;
  for (const ch of l) {
    if (ch === '|') {
      if (text) n++;
      text = false;
    } else if (ch !== ' ' && ch !== '\t') text = true;
  }
  return n;
}

/** Most lines start or end with a pipe, and many hold several cells (「| a | b |」). */
export function isPipeRows(text: string): boolean {
  const ls = lines(text);
  const edged = ls.filter((l) => l.startsWith('|') || l.endsWith('|')).length;
  const multi = ls.filter((l) => cellsOnLine(l) >= 2).length;
  return ls.length >= 5 && edged >= ls.length * 0.6 && multi >= ls.length * 0.3;
}

/** A grid of pipe rows: each line a row, its cells between the pipes (the pipes at the ends dropped);
 * rows of unequal length, so it is aligned by content (not positional). Places are line:cell. */
export function pipeGrid(text: string): Grid {
  const rows = text.split(/\r?\n/).map((raw) => {
    let l = raw.trim();
    if (l.startsWith('|')) l = l.slice(1);
    if (l.endsWith('|')) l = l.slice(0, -1);
    return l === '' ? [] : l.split('|').map((c) => c.trim());
  });
  return { rows, place: (r, c) => ({ row: r + 1, column: c + 1 }), positional: false };
}

/** Every cell ends with a pipe and a line holds at most one text (「项目名称 |」, 「||||」). */
export function isPipeCells(text: string): boolean {
  const ls = lines(text);
  const ended = ls.filter((l) => l.endsWith('|')).length;
  const multi = ls.filter((l) => cellsOnLine(l) >= 2).length;
  return ls.length >= 10 && ended >= ls.length * 0.6 && multi <= ls.length * 0.05;
}

/** Labels that start a row of the forms: the width that puts most of them first in a row is the table's. */
const ROW_START = /^(项目(支出)?名称|主管部门|预算部门|实施单位|资金情况|项目资金|年度资金总额|其中|其他资金|年度总体目标|年度目标|实施期绩效目标|本年度绩效目标|一级指标|产出指标|效益指标|满意度指标|总分|财政部门审核意见|填表人)/;

interface Token {
  text: string;
  line: number;
}

/**
 * A grid of pipe cells: the text before the first line ending in a pipe is one-cell rows (title,
 * page lines); the cells after it are cut into rows of the table's width; lines after the last pipe
 * (page footers) are one-cell rows again. Positional: columns line up, merged cells as empty cells.
 */
export function pipeCellsGrid(text: string, positional = false): Grid {
  const all = text.split(/\r?\n/);
  const first = all.findIndex((l) => l.trim().endsWith('|'));
  let last = all.length - 1;
  while (last > first && !all[last]?.trim().endsWith('|')) last--;
  const tokens: Token[] = [];
  for (let i = first; i <= last; i++) {
    const l = (all[i] ?? '').trim();
    if (l === '') continue;
    const parts = l.split('|');
    // 「a |」 → ['a ', '']: each pipe ends the cell before it; text after the last pipe is a cell of its own
    parts.slice(0, -1).forEach((p) => tokens.push({ text: p.trim(), line: i + 1 }));
    const tail = (parts[parts.length - 1] ?? '').trim();
    if (tail !== '') tokens.push({ text: tail, line: i + 1 });
  }
  const width = widthOf(tokens);
  const rows: string[][] = [];
  const places: Array<Array<{ row: number; column: number }>> = [];
  const single = (from: number, to: number) => {
    for (let i = from; i < to; i++) {
      const t = (all[i] ?? '').trim();
      if (t === '') continue;
      rows.push([t]);
      places.push([{ row: i + 1, column: 1 }]);
    }
  };
  single(0, Math.max(first, 0));
  for (let k = 0; k < tokens.length; k += width) {
    const chunk = tokens.slice(k, k + width);
    rows.push(chunk.map((t) => t.text));
    places.push(chunk.map((t) => ({ row: t.line, column: 1 })));
  }
  single(last + 1, all.length);
  return {
    rows,
    place: (r, c) => places[r]?.[c] ?? places[r]?.[0] ?? { row: 1, column: 1 },
    // rows keep the table's width (corpus doc 04: read by position), but a page may leave out the cells
    // a rowspan covers and pad the row at its end (corpus doc 30: aligned by content)
    positional,
  };
}

/** The width (4–16 cells) that starts the most rows with a form's row label; the largest of equals (a
 * divisor of the width puts the labels at row starts too, twice the width only half of them). */
function widthOf(tokens: readonly Token[]): number {
  let best = 1;
  let bestHits = 0;
  const keys = tokens.map((t) => (t.text === '' ? '' : foldLabel(t.text)));
  for (let w = 4; w <= 16; w++) {
    let hits = 0;
    keys.forEach((k, i) => {
      // a row's label stands in its first or second cell (a merged first column prints empty)
      if (k !== '' && i % w <= 1 && ROW_START.test(k)) hits++;
    });
    if (hits >= bestHits && hits > 0) {
      best = w;
      bestHits = hits;
    }
  }
  return best;
}
