/**
 * Personal information in a submission meant for publication: mobile numbers and resident
 * ID numbers (GB 11643-1999, checksum-validated). Matches are returned masked so that a
 * report does not repeat the number it warns about.
 */
import { Decimal } from 'decimal.js';
import { Cell } from '../../normalize/value.js';
import { joinPointer } from '../../types.js';

export interface TextHit {
  pointer: string;
  text: string;
}

const WORDY = new Set(['text', 'target', 'completion']);

/** Every printed text in the submission (strings and Cells, not numbers): [{pointer, text}], pointers absolute. */
export function texts(root: unknown): TextHit[] {
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

const MOBILE_RE = /(?<![\d])(?:\+?86[\s-]?)?(1[3-9]\d)[\s-]?(\d{4})[\s-]?(\d{4})(?!\d|\.\d)/;

/** The first mainland mobile number (1[3-9] + 9 digits) in the text, masked as 138****5678; null if none. */
export function mobile(x: unknown): string | null {
  const m = MOBILE_RE.exec(digits(textOf(x)));
  if (!m) return null;
  return `${m[1]}****${m[3]}`;
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

/** The first checksum-valid resident ID number in the text, masked as 440123********1234; null if none. */
export function residentId(x: unknown): string | null {
  for (const m of digits(textOf(x)).matchAll(ID_RE)) {
    const id = m[1] as string;
    if (validResidentId(id)) return `${id.slice(0, 6)}********${id.slice(14)}`;
  }
  return null;
}
