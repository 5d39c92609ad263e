/**
 * Display width of text, for column widths of a spreadsheet or aligned plain text:
 * East Asian Wide and Fullwidth characters (Unicode UAX #11: CJK ideographs, kana, hangul,
 * full-width forms, CJK punctuation such as 「」，。) take two columns, combining marks and
 * control characters none, everything else one.
 *
 * Why not the `string-width` package: it is not a dependency of this project, and the
 * reports only need the ranges that occur in Chinese forms, not the full Unicode tables
 * (emoji sequences, ambiguous-width characters). It lives here, in the browser-safe core, and
 * serves the terminal too (src/node/progress.ts, the summary table, `rules`).
 */

/** Columns one code point takes (0, 1 or 2). */
export function charWidth(cp: number): number {
  if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0)) return 0;
  if ((cp >= 0x300 && cp <= 0x36f) || (cp >= 0x200b && cp <= 0x200f) || (cp >= 0xfe00 && cp <= 0xfe0f)) return 0;
  if (
    (cp >= 0x1100 && cp <= 0x115f) || // hangul jamo
    (cp >= 0x2e80 && cp <= 0x303e) || // CJK radicals, ideographic punctuation 、。「」
    (cp >= 0x3041 && cp <= 0x33ff) || // kana, bopomofo, CJK compatibility
    (cp >= 0x3400 && cp <= 0x4dbf) || // CJK extension A
    (cp >= 0x4e00 && cp <= 0x9fff) || // CJK unified ideographs
    (cp >= 0xa000 && cp <= 0xa4cf) || // yi
    (cp >= 0xac00 && cp <= 0xd7a3) || // hangul syllables
    (cp >= 0xf900 && cp <= 0xfaff) || // CJK compatibility ideographs
    (cp >= 0xfe30 && cp <= 0xfe4f) || // CJK compatibility forms
    (cp >= 0xff00 && cp <= 0xff60) || // full-width forms （），：１２３
    (cp >= 0xffe0 && cp <= 0xffe6) || // full-width signs ￥
    (cp >= 0x1f300 && cp <= 0x1faff) || // pictographs
    (cp >= 0x20000 && cp <= 0x3fffd) // CJK extensions B…
  ) {
    return 2;
  }
  return 1;
}

/** Columns `s` takes in a monospaced grid (a terminal, a spreadsheet column). */
export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += charWidth(ch.codePointAt(0) ?? 0);
  return w;
}
