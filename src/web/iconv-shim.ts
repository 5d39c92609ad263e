/**
 * iconv-lite for the self-check page: the two calls src/load/decode.ts makes (encodingExists,
 * decode), decoding as iconv-lite does, without iconv-lite's 270 KB of code tables.
 * scripts/build-web.mjs resolves `iconv-lite` here in the worker bundle; the command line keeps
 * iconv-lite. What the page needs is decoded exactly as iconv-lite does (tested byte for byte:
 * test/web-iconv.test.ts, and GB18030 in Chromium by test/browser/decode.browser.test.ts):
 *
 *   GB18030        the encoding of Chinese text that is not UTF-8 (src/load/decode.ts checks the
 *                  byte structure before decoding): two-byte codes by the browser's TextDecoder
 *                  (the WHATWG gb18030 index), except the codes whose mapping GB18030-2022 changed,
 *                  which keep iconv-lite's (GB18030-2005) characters; four-byte codes computed
 *                  from iconv-lite's own ranges; malformed bytes replaced as iconv-lite does;
 *   UTF-8, UTF-16LE/UCS-2, UTF-16BE, latin1/binary, base64, hex: as iconv-lite (in Node or a browser);
 *   single-byte encodings (windows-1252, ISO-8859-x, KOI8, …): iconv-lite's own tables, taken from
 *                  iconv-lite at build time.
 *
 * Other double-byte encodings a web page may declare (Big5, Shift_JIS, EUC-JP, EUC-KR, GBK and
 * its aliases) are decoded by the browser's TextDecoder: the same text as iconv-lite for
 * well-formed bytes; malformed bytes may give a different number of U+FFFD. UTF-32, UTF-7 and
 * CESU-8 are not known here (encodingExists is false: a page declaring one is read as undeclared).
 */
/// <reference lib="dom" />
import { gb18030, names, sbcs, targets, type Target } from 'jixiao:iconv-data';

const REPLACEMENT = '\ufffd';

/** iconv-lite's canonical form of an encoding name (its _canonicalizeEncoding). */
function canonical(name: string): string {
  return String(name)
    .toLowerCase()
    .replace(/:\d{4}$|[^0-9a-z]/g, '');
}

function targetOf(name: string): Target | undefined {
  const key = canonical(name);
  return Object.prototype.hasOwnProperty.call(names, key) ? targets[names[key] as number] : undefined;
}

function encodingExists(name: string): boolean {
  return targetOf(name) !== undefined;
}

/** Code units to a string, in slices (String.fromCharCode takes a bounded number of arguments). */
function fromUnits(units: ArrayLike<number>): string {
  let out = '';
  for (let i = 0; i < units.length; i += 8192) out += String.fromCharCode(...Array.prototype.slice.call(units, i, i + 8192));
  return out;
}

/** UTF-16 as Node and iconv-lite read it: lone surrogates kept, an odd last byte dropped. */
function utf16(bytes: Uint8Array, littleEndian: boolean): string {
  const units = new Uint16Array(bytes.length >> 1);
  for (let i = 0; i < units.length; i++) {
    const a = bytes[2 * i] as number;
    const b = bytes[2 * i + 1] as number;
    units[i] = littleEndian ? a | (b << 8) : (a << 8) | b;
  }
  return fromUnits(units);
}

/** One Unicode scalar as iconv-lite writes it (its surrogate arithmetic, 16 bits per unit). */
function codePoint(u: number): string {
  if (u < 0x10000) return String.fromCharCode(u & 0xffff);
  const v = u - 0x10000;
  return String.fromCharCode((0xd800 | (v >> 10)) & 0xffff, (0xdc00 | (v & 0x3ff)) & 0xffff);
}

/** Index of the last entry ≤ value (iconv-lite's findIdx). */
function findIdx(table: readonly number[], value: number): number {
  if ((table[0] as number) > value) return -1;
  let l = 0;
  let r = table.length;
  while (l < r - 1) {
    const mid = l + ((r - l + 1) >> 1);
    if ((table[mid] as number) <= value) l = mid;
    else r = mid;
  }
  return l;
}

let gbDecoder: TextDecoder | undefined;
/** The characters GB18030-2022 gave to codes iconv-lite maps to private-use characters (GB18030-2005). */
let changed2022: RegExp | undefined;

/** GB18030 as iconv-lite decodes it (see the header). */
function decodeGb18030(bytes: Uint8Array): string {
  gbDecoder ??= new TextDecoder('gb18030');
  const parts: string[] = [];
  // a run of ASCII and two-byte codes, decoded at once by the browser
  let runStart = -1;
  const flush = (end: number) => {
    if (runStart < 0) return;
    let text = gbDecoder!.decode(bytes.subarray(runStart, end));
    changed2022 ??= new RegExp(`[${Object.keys(gb18030.twoByte2005).join('')}]`, 'g');
    text = text.replace(changed2022, (ch) => gb18030.twoByte2005[ch] ?? ch);
    parts.push(text);
    runStart = -1;
  };
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const b = bytes[i] as number;
    const b2 = i + 1 < n ? (bytes[i + 1] as number) : -1;
    const twoByte = b >= 0x81 && b <= 0xfe && ((b2 >= 0x40 && b2 <= 0x7e) || (b2 >= 0x80 && b2 <= 0xfe));
    if (b < 0x80 || twoByte) {
      if (runStart < 0) runStart = i;
      i += twoByte ? 2 : 1;
      continue;
    }
    flush(i);
    if (b === 0x80) {
      parts.push('\u20ac');
      i++;
      continue;
    }
    const b3 = i + 2 < n ? (bytes[i + 2] as number) : -1;
    const b4 = i + 3 < n ? (bytes[i + 3] as number) : -1;
    if (b !== 0xff && b2 >= 0x30 && b2 <= 0x39 && b3 >= 0x81 && b3 <= 0xfe && b4 >= 0x30 && b4 <= 0x39) {
      const hex = ((b << 24) | (b2 << 16) | (b3 << 8) | b4) >>> 0;
      const fixed = gb18030.fourByte[hex.toString(16)];
      if (fixed !== undefined) {
        parts.push(fixed);
      } else {
        const ptr = (b - 0x81) * 12600 + (b2 - 0x30) * 1260 + (b3 - 0x81) * 10 + (b4 - 0x30);
        const idx = findIdx(gb18030.gbChars, ptr);
        parts.push(codePoint((gb18030.uChars[idx] as number) + ptr - (gb18030.gbChars[idx] as number)));
      }
      i += 4;
      continue;
    }
    // 0xFF, or a lead byte whose sequence is cut short: one replacement, then read on from the next byte
    parts.push(REPLACEMENT);
    i++;
  }
  flush(n);
  return parts.join('');
}

/** iconv-lite's guess for "utf16": a BOM, else which byte of the first 100 code units is more often 0 (little-endian when even). */
function utf16LittleEndian(bytes: Uint8Array): boolean {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return true;
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return false;
  let le = 0;
  let be = 0;
  for (let i = 0; i + 1 < bytes.length && i < 200; i += 2) {
    if (bytes[i] === 0 && bytes[i + 1] !== 0) be++;
    if (bytes[i] !== 0 && bytes[i + 1] === 0) le++;
  }
  return !(be > le);
}

let base64Table: string | undefined;

function decodeWith(target: Target, bytes: Uint8Array): string {
  switch (target.kind) {
    case 'utf8':
      return new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
    case 'utf16le':
      return utf16(bytes, true);
    case 'utf16be':
      return utf16(bytes, false);
    case 'utf16':
      return utf16(bytes, utf16LittleEndian(bytes));
    case 'latin1':
      return fromUnits(bytes);
    case 'hex':
      return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
    case 'base64': {
      base64Table ??= 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
      let out = '';
      for (let i = 0; i < bytes.length; i += 3) {
        const a = bytes[i] as number;
        const b = bytes[i + 1];
        const c = bytes[i + 2];
        const n = (a << 16) | ((b ?? 0) << 8) | (c ?? 0);
        out += base64Table[(n >> 18) & 63]! + base64Table[(n >> 12) & 63]! + (b === undefined ? '=' : base64Table[(n >> 6) & 63]!) + (c === undefined ? '=' : base64Table[n & 63]!);
      }
      return out;
    }
    case 'sbcs': {
      const table = sbcs[target.table] as string;
      const chars = table.length === 128 ? null : table;
      let out = '';
      for (let i = 0; i < bytes.length; i++) {
        const b = bytes[i] as number;
        out += chars ? chars[b] : b < 0x80 ? String.fromCharCode(b) : table[b - 0x80];
      }
      return out;
    }
    case 'gb18030':
      return decodeGb18030(bytes);
    case 'whatwg':
      return new TextDecoder(target.label, { ignoreBOM: true }).decode(bytes);
  }
}

/** Decode `bytes` in `encoding` (iconv-lite's decode: a leading BOM is dropped by the Unicode encodings unless stripBOM is false). */
function decode(bytes: Uint8Array, encoding: string, options: { stripBOM?: boolean } = {}): string {
  const target = targetOf(encoding);
  if (!target) throw new Error(`Encoding not recognized: '${encoding}' (searched as: '${canonical(encoding)}')`);
  const text = decodeWith(target, bytes);
  return target.bomAware && options.stripBOM !== false && text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

export default { encodingExists, decode };
