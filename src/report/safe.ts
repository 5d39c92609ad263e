/**
 * Text taken from a document (a cell, a unit name, a file name, a suppression reason, a message
 * that quotes them) is untrusted: before it reaches a line-oriented output it is made inert.
 *
 * - `inline(s)`: one line of plain text. Line breaks (CR, LF, NEL, U+2028/2029) and other
 *   control characters (C0, DEL, C1 — ANSI escapes start with ESC or CSI), NUL, and the bidi
 *   overrides and isolates (a "Trojan Source" reordering of what a reviewer sees) are written as
 *   visible escapes (`\n`, `\u001b`, `\u202e`); GitHub's legacy workflow-command prefix `##[`,
 *   which the runner recognizes anywhere in a line, becomes `##\u005b`.
 * - `guardLineStarts(text)`: a last line of defence for a whole output: a line that would begin
 *   (after leading blanks) with `::` — a GitHub workflow command — is prefixed with `\`.
 *
 * Browser-safe: pure functions.
 */

/** Characters written as escapes by `inline`. */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]|##\[/g;

const NAMED: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function escapeOne(c: string): string {
  if (c === '##[') return '##\\u005b';
  const named = NAMED[c];
  if (named !== undefined) return named;
  return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/** Any value as text, never throwing (a value may be an object with a hostile toString). */
export function asText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (value === null || value === undefined) return '';
  try {
    return JSON.stringify(value) ?? '';
  } catch {
    return '';
  }
}

/** One inert line of text: control characters, line breaks and bidi controls escaped visibly. */
export function inline(value: unknown): string {
  const s = asText(value);
  return s.replace(UNSAFE, escapeOne);
}

/** The same, keeping tabs and line breaks (for outputs whose format escapes those itself). */
export function inlineKeepBreaks(value: unknown): string {
  const s = asText(value);
  return s.replace(UNSAFE, (c) => (c === '\n' || c === '\r' || c === '\t' ? c : escapeOne(c)));
}

/** Prefix `\` to every line that would start a GitHub workflow command (`::…`), leading blanks ignored. */
export function guardLineStarts(text: string): string {
  return text.replace(/^([ \t\f\v\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\ufeff]*)::/gm, '$1\\::');
}

/** Characters XML 1.0 forbids (C0 but tab/LF/CR, lone surrogates, U+FFFE/FFFF), removed. */
export function xmlChars(value: unknown): string {
  return asText(value).replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '');
}
