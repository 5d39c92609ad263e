/**
 * Texts in Traditional characters (re-posting sites of corpus reports 17 and 25, table 08):
 * converted to Simplified so that the readers' vocabulary (预算, 执行率, 绩效目标 …) matches them.
 * The conversion is OpenCC's (opencc-js, its Traditional → Mainland preset `t2cn`, about 110 kB),
 * imported only when a text holds Traditional-only characters, and never changes a line's length,
 * so every place (line and column) read afterwards is still the place in the file. Browser-safe
 * (opencc-js is plain JavaScript with its dictionaries inlined).
 */

/**
 * Characters that exist only in Traditional writing and are common in budget documents (與 為 們
 * 這 個 …): a text with several different ones is a Traditional text. A short list on purpose:
 * it only decides whether to load the converter, which then converts every character.
 */
const TRADITIONAL_ONLY = /[與為們這個說對會從來時當國區發經資補貼預執績報價項條標準實現於產務護農態據關進還過點應該書頭開問樣網際認證體類總門裡幾號碼歲數臨費動計劃審級機構議題縣鄉鎮錢額億萬]/g;

/** Does the text look Traditional (at least `min` different Traditional-only characters)? */
export function looksTraditional(text: string, min = 5): boolean {
  const seen = new Set<string>();
  for (const m of text.slice(0, 200_000).matchAll(TRADITIONAL_ONLY)) {
    seen.add(m[0]);
    if (seen.size >= min) return true;
  }
  return false;
}

import type { Grid } from './grid.js';

type Convert = (text: string) => string;
let converter: Promise<Convert> | undefined;

/** OpenCC's Traditional → Simplified (Mainland) converter, loaded once, on first use. */
function t2cn(): Promise<Convert> {
  converter ??= import('opencc-js/t2cn').then((m) => m.Converter({ from: 't', to: 'cn' }));
  return converter;
}

/**
 * The text in Simplified characters, line by line and length for length: a line whose
 * conversion would change its length (a phrase mapped to a longer or shorter one) is converted
 * character by character instead, so that columns stay those of the file. A text that does not
 * look Traditional is returned as it is, without loading the converter.
 */
export async function toSimplified(text: string): Promise<string> {
  if (!looksTraditional(text)) return text;
  const convert = await t2cn();
  return text
    .split('\n')
    .map((line) => sameLength(convert, line))
    .join('\n');
}

/** `text` converted, length for length: whole when that keeps its length, else character by character
 * (a character whose conversion would change the length is kept as printed). */
function sameLength(convert: Convert, text: string): string {
  const out = convert(text);
  if (out.length === text.length) return out;
  return Array.from(text, (ch) => {
    const c = convert(ch);
    return c.length === ch.length ? c : ch;
  }).join('');
}

/**
 * A grid (a Word document's body, a web page) in Simplified characters: every cell converted as
 * toSimplified converts a line (length for length), the lines around its tables too; places are
 * by row and column and stay as they were. A grid that does not look Traditional is returned as it
 * is, without loading the converter.
 */
export async function simplifiedGrid(grid: Grid): Promise<Grid> {
  const sample: string[] = [];
  let size = 0;
  for (const row of grid.rows) {
    for (const cell of row) {
      if (!cell) continue;
      sample.push(cell);
      size += cell.length;
    }
    if (size > 200_000) break;
  }
  if (!looksTraditional(sample.join('\n'))) return grid;
  const convert = await t2cn();
  const lines = (text: string) => text.split('\n').map((line) => sameLength(convert, line)).join('\n');
  return {
    ...grid,
    rows: grid.rows.map((row) => row.map((cell) => (cell ? lines(cell) : cell))),
    ...(grid.context ? { context: grid.context.map((c) => ({ ...c, text: lines(c.text) })) } : {}),
  };
}
