/**
 * Display width of text, for column widths of a spreadsheet or aligned plain text. The East Asian
 * width of a code point (Unicode UAX #11: CJK ideographs, kana, hangul, full-width forms and CJK
 * punctuation such as 「」，。 take two columns) comes from `get-east-asian-width` (sindresorhus,
 * maintained with the Unicode data, no dependencies, browser-safe); control characters and
 * combining marks take none, which that package leaves to its callers. Not `string-width`: it
 * adds ANSI stripping and emoji segmentation the reports do not need (the texts are inlined and
 * escaped before they are measured).
 */
import { eastAsianWidth } from 'get-east-asian-width';

/** Columns one code point takes (0, 1 or 2). */
export function charWidth(cp: number): number {
  if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0)) return 0;
  if ((cp >= 0x300 && cp <= 0x36f) || (cp >= 0x200b && cp <= 0x200f) || (cp >= 0xfe00 && cp <= 0xfe0f)) return 0;
  return eastAsianWidth(cp) as 1 | 2;
}

/** Columns `s` takes in a monospaced grid (a terminal, a spreadsheet column). */
export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += charWidth(ch.codePointAt(0) ?? 0);
  return w;
}
