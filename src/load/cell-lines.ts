/**
 * Text extracted from a Word table with one cell per line (seed 001: Word's "save as plain
 * text" and most PDF/Word text extractors): every cell is a line starting with a tab, and a
 * blank line ends a table row. Vertically merged cells that continue from the row above are
 * empty lines, so rows line up with their header; a horizontally merged header cell is one
 * line, which the form readers resolve by content (src/load/forms.ts).
 *
 * Written by hand: no CSV/TSV library reads this shape (a row is a block of lines, not a line).
 * Browser-safe.
 */
import type { Grid } from './grid.js';

/**
 * Does the text have the cell-per-line shape? Most non-blank lines are one tab and a cell
 * (no second tab), and blank lines separate rows of several cells.
 */
export function isCellPerLine(text: string): boolean {
  const lines = text.split(/\r\n|\r|\n/);
  let cellLines = 0;
  let otherLines = 0;
  let blocks = 0;
  let multiCellBlocks = 0;
  let inBlock = 0;
  for (const line of lines) {
    if (line.trim() === '' && !line.includes('\t')) {
      if (inBlock > 0) {
        blocks++;
        if (inBlock > 1) multiCellBlocks++;
      }
      inBlock = 0;
      continue;
    }
    inBlock++;
    if (/^\t[^\t]*$/.test(line)) cellLines++;
    else otherLines++;
  }
  if (inBlock > 0) {
    blocks++;
    if (inBlock > 1) multiCellBlocks++;
  }
  return cellLines >= 8 && cellLines >= 4 * otherLines && multiCellBlocks >= 3 && multiCellBlocks * 2 >= blocks;
}

/** The grid of a cell-per-line text: a row per block of lines, a cell per line (its leading tab removed). */
export function cellPerLineGrid(text: string): Grid {
  const lines = text.split(/\r\n|\r|\n/);
  const rows: string[][] = [];
  const at: number[][] = [];
  let row: string[] = [];
  let lineNos: number[] = [];
  const flush = () => {
    if (row.length > 0) {
      rows.push(row);
      at.push(lineNos);
    }
    row = [];
    lineNos = [];
  };
  lines.forEach((line, i) => {
    if (line.trim() === '' && !line.includes('\t')) return flush();
    row.push(line.replace(/^\t/, ''));
    lineNos.push(i + 1);
  });
  flush();
  return {
    rows,
    // The line of the cell; column 2 is the first character after the tab.
    place: (r, c) => ({ row: at[r]?.[c] ?? at[r]?.[0] ?? 1, column: (lines[(at[r]?.[c] ?? 1) - 1] ?? '').startsWith('\t') ? 2 : 1 }),
    positional: true,
  };
}
