/**
 * Personal information in a submission meant for publication: mobile numbers and resident
 * ID numbers (GB 11643-1999, checksum-validated). Matches are returned masked so that a
 * report does not repeat the number it warns about.
 */
import { SubmissionMemo } from './memo.js';
import { Decimal } from 'decimal.js';
import { Cell } from '../../normalize/value.js';
import { joinPointer } from '../../types.js';
import { ownCopy } from '../../vocabulary.js';

export interface TextHit {
  pointer: string;
  text: string;
}

const WORDY = new Set(['text', 'target', 'completion']);

/** The texts of each submission, walked once: personal-contact (two checks) and placeholder-text read the same list. */
const TEXTS = new SubmissionMemo<object, TextHit[]>();

/** Every printed text in the submission (strings and Cells, not numbers): [{pointer, text}], pointers absolute. */
export function texts(root: unknown): TextHit[] {
  const cached = root !== null && typeof root === 'object' ? TEXTS.get(root) : undefined;
  if (cached) return cached;
  const out: TextHit[] = [];
  const walk = (x: unknown, pointer: string): void => {
    if (x instanceof Cell) {
      if (x.text !== '' && WORDY.has(x.kind)) out.push({ pointer, text: x.text });
      return;
    }
    if (typeof x === 'string') {
      if (x !== '') out.push({ pointer, text: x });
      return;
    }
    if (x instanceof Decimal || x === null || typeof x !== 'object') return;
    if (Array.isArray(x)) x.forEach((v, i) => walk(v, joinPointer(pointer, i)));
    else for (const [k, v] of Object.entries(x as Record<string, unknown>)) walk(v, joinPointer(pointer, k));
  };
  walk(root, '');
  // the list is shared by the rules that read it: frozen, so none can change it for the others
  for (const hit of out) Object.freeze(hit);
  Object.freeze(out);
  if (root !== null && typeof root === 'object') TEXTS.set(root, out);
  return out;
}

function textOf(x: unknown): string {
  if (x instanceof Cell) return x.text;
  return typeof x === 'string' ? x : '';
}

/** Full-width digits to ASCII. */
function digits(s: string): string {
  return s.normalize('NFKC');
}

/**
 * The characters other than 0-9 whose NFKC form holds a digit (full-width and circled digits,
 * superscripts, fractions, squared units …), at most 3 digits each (Unicode 15.1; checked
 * against the running ICU in test/privacy-digits.test.ts). A UTF-16 surrogate counts as one
 * such character (astral digits: mathematical, segmented), to stay on the safe side.
 */
export const DIGIT_RANGES: ReadonlyArray<readonly [number, number]> = [
  [0xb2, 0xb3], [0xb9, 0xb9], [0xbc, 0xbe], [0x2070, 0x2070], [0x2074, 0x2079], [0x2080, 0x2089], [0x2150, 0x215f],
  [0x2189, 0x2189], [0x2460, 0x249b], [0x24ea, 0x24ea], [0x3251, 0x325f], [0x32b1, 0x32cb], [0x3358, 0x3370],
  [0x3378, 0x3379], [0x339f, 0x33a6], [0x33a8, 0x33a8], [0x33af, 0x33af], [0x33e0, 0x33fe], [0xff10, 0xff19],
  [0xd800, 0xdfff],
];
/** Digits one such character may give at most. */
export const MAX_DIGITS_PER_CHARACTER = 3;

const DIGITISH = new Uint8Array(0x10000);
for (const [from, to] of DIGIT_RANGES) DIGITISH.fill(1, from, to + 1);

/** Can the text hold `n` digits once folded (NFKC)? Counted without folding: most texts of a form cannot. */
function mayHoldDigits(text: string, n: number): boolean {
  let k = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) k++;
    else if (DIGITISH[c] === 1) k += MAX_DIGITS_PER_CHARACTER;
    else continue;
    if (k >= n) return true;
  }
  return false;
}

const MOBILE_RE = /(?<![\d])(?:\+?86[\s-]?)?(1[3-9]\d)[\s-]?(\d{4})[\s-]?(\d{4})(?!\d|\.\d)/;
const MOBILE_DIGITS = 11;
const ID_DIGITS = 17;

/** What one text holds: the first mobile and the first resident ID number, masked (null: none). */
interface Scan {
  mobile: string | null;
  residentId: string | null;
}

const NOTHING: Scan = { mobile: null, residentId: null };

/**
 * Both numbers of a text in one pass (one fold): the two checks of personal-contact ask about
 * the same texts, so the answer is kept for the second (a small cache, emptied when full).
 */
const SCANS = new Map<string, Scan>();
const MAX_SCANS = 512;

function scan(text: string): Scan {
  if (!mayHoldDigits(text, MOBILE_DIGITS)) return NOTHING;
  const known = SCANS.get(text);
  if (known) return known;
  const folded = digits(text);
  const m = MOBILE_RE.exec(folded);
  const found: Scan = { mobile: m ? `${m[1]}****${m[3]}` : null, residentId: mayHoldDigits(folded, ID_DIGITS) ? firstResidentId(folded) : null };
  if (SCANS.size >= MAX_SCANS) SCANS.clear();
  SCANS.set(ownCopy(text), found);
  return found;
}

/** The first mainland mobile number (1[3-9] + 9 digits) in the text, masked as 138****5678; null if none. */
export function mobile(x: unknown): string | null {
  return scan(textOf(x)).mobile;
}

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/** Is this 18-character string a resident ID number with a valid check character and a plausible birth date? */
export function validResidentId(id: string): boolean {
  if (!/^\d{17}[\dX]$/i.test(id)) return false;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(id[i]) * (ID_WEIGHTS[i] as number);
  if (ID_CHECK[sum % 11] !== id[17]?.toUpperCase()) return false;
  const year = Number(id.slice(6, 10));
  const month = Number(id.slice(10, 12));
  const day = Number(id.slice(12, 14));
  return year >= 1900 && year <= 2100 && month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

const ID_RE = /(?<![\dXx])(\d{17}[\dXx])(?![\dXx])/g;

/** The first checksum-valid resident ID number in a folded text, masked. */
function firstResidentId(folded: string): string | null {
  for (const m of folded.matchAll(ID_RE)) {
    const id = m[1] as string;
    if (validResidentId(id)) return `${id.slice(0, 6)}********${id.slice(14)}`;
  }
  return null;
}

/** The first checksum-valid resident ID number in the text, masked as 440123********1234; null if none. */
export function residentId(x: unknown): string | null {
  return scan(textOf(x)).residentId;
}
