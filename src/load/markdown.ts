/**
 * Markdown (.md, .markdown): a repository of reports kept as Markdown is checked like one of
 * .docx. The document is parsed by mdast-util-from-markdown with the GFM table extension
 * (micromark-extension-gfm-table, mdast-util-gfm-table) and becomes the same Grid as a Word
 * document: headings, paragraphs and list items as one-cell rows in document order (a report's
 * sections are its headings: 「## 一、基本情况」 reads as the paragraph 「一、基本情况」), each
 * table's rows as rows of cells. Code, HTML and front matter are not text of the report.
 *
 * Places: a table cell is {sheet: '表2', cell: 'C5', line, column} (the table, its cell, and
 * where the cell starts in the file); a paragraph is {line, column}. Browser-safe.
 */
import type { Nodes, Root, RootContent } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmTableFromMarkdown } from 'mdast-util-gfm-table';
import { toString } from 'mdast-util-to-string';
import { gfmTable } from 'micromark-extension-gfm-table';
import type { LoadResult } from '../types.js';
import { decodeText } from './decode.js';
import { columnLetters, type Grid, type Place } from './grid.js';
import { DEFAULT_LIMITS, gridTooBig, type Limits } from './limits.js';
import { recognize, type Reading } from './recognize.js';

interface Row {
  cells: string[];
  /** Where each cell starts (1-based line and column). */
  at: Array<{ line: number; column: number }>;
  table?: { index: number; row: number };
}

const start = (n: Nodes) => ({ line: n.position?.start.line ?? 1, column: n.position?.start.column ?? 1 });

/** Text of inline content, hard line breaks kept as new lines. */
function textOf(n: Nodes): string {
  if (n.type === 'break') return '\n';
  if ('children' in n) return (n.children as Nodes[]).map(textOf).join('');
  return toString(n, { includeImageAlt: false });
}

function walk(nodes: RootContent[], rows: Row[], tables: { count: number }): void {
  for (const n of nodes) {
    switch (n.type) {
      case 'heading':
      case 'paragraph': {
        const text = textOf(n).trim();
        if (text !== '') rows.push({ cells: [text], at: [start(n)] });
        break;
      }
      case 'table': {
        tables.count++;
        n.children.forEach((tr, r) => {
          rows.push({ cells: tr.children.map((td) => textOf(td).trim()), at: tr.children.map((td) => start(td.children[0] ?? td)), table: { index: tables.count, row: r + 1 } });
        });
        break;
      }
      case 'list':
      case 'listItem':
      case 'blockquote':
        walk(n.children as RootContent[], rows, tables);
        break;
      default:
        // code, html, thematic breaks, definitions: not text of the report
        break;
    }
  }
}

/** The Markdown text as one grid. */
export function markdownGrid(text: string): Grid {
  const tree: Root = fromMarkdown(text, { extensions: [gfmTable()], mdastExtensions: [gfmTableFromMarkdown()] });
  const rows: Row[] = [];
  walk(tree.children, rows, { count: 0 });
  const place = (r: number, c: number): Place => {
    const row = rows[r];
    if (!row) return {};
    const at = row.at[c] ?? row.at[0] ?? { line: 1, column: 1 };
    return row.table ? { sheet: `表${row.table.index}`, cell: `${columnLetters(c + 1)}${row.table.row}`, ...at } : at;
  };
  return { rows: rows.map((r) => r.cells), place, positional: true };
}

/** A Markdown file (encoding detected as for text tables; --encoding overrides) → its submissions. */
export function loadMarkdown(bytes: Uint8Array, options: { encoding?: string; limits?: Limits } & Reading = {}): LoadResult {
  const decoded = decodeText(bytes, options.encoding);
  if ('problem' in decoded) return { documents: [], problems: [decoded.problem] };
  const grid = markdownGrid(decoded.text);
  const limits = options.limits ?? DEFAULT_LIMITS;
  const tooBig = gridTooBig({ rows: grid.rows.length, columns: grid.rows.reduce((n, r) => Math.max(n, r.length), 0) }, limits);
  if (tooBig) return { documents: [], problems: [tooBig] };
  return recognize([grid], false, options);
}
