/**
 * Text decoding for imported tables: UTF-8 (with or without BOM), GB18030/GBK and UTF-16
 * (Excel's "Unicode text", with BOM) are told apart without a flag; an explicit encoding
 * (`--encoding`) overrides the guess. Bytes that fit no encoding give a parse-error that
 * names the line and column (in the location). Browser-safe: iconv-lite works on Uint8Array.
 */
import iconv from 'iconv-lite';
import type { LoadProblem } from '../types.js';

export type Decoded = { text: string; encoding: string } | { problem: LoadProblem };

/** Does iconv-lite know this encoding name (utf8, gb18030, gbk, utf-16le, …)? */
export function isKnownEncoding(name: string): boolean {
  return iconv.encodingExists(name);
}

function problem(detail: { zh: string; en: string }, bytes: Uint8Array, offset: number): { problem: LoadProblem } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < bytes.length; i++) {
    if (bytes[i] === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  }
  return {
    problem: {
      ruleId: 'parse-error',
      args: { detail },
      location: { pointer: '', line, column: [...new TextDecoder('utf-8').decode(bytes.subarray(lineStart, offset))].length + 1 },
    },
  };
}

/** Offset of the first byte that is not part of a valid UTF-8 sequence (bytes.length if none). */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] as number;
    const n = b < 0x80 ? 0 : b >= 0xc2 && b < 0xe0 ? 1 : b >= 0xe0 && b < 0xf0 ? 2 : b >= 0xf0 && b < 0xf5 ? 3 : -1;
    if (n < 0) return i;
    for (let k = 1; k <= n; k++) if (((bytes[i + k] ?? 0) & 0xc0) !== 0x80) return i;
    i += n + 1;
  }
  return i;
}

/** Offset of the first byte that does not start or continue a GB18030 character (bytes.length if none). */
export function firstInvalidGb18030(bytes: Uint8Array): number {
  let i = 0;
  const at = (k: number) => bytes[k] ?? -1;
  while (i < bytes.length) {
    const b = at(i);
    if (b < 0x80) {
      i++;
      continue;
    }
    if (b === 0x80 || b === 0xff) return i;
    const b2 = at(i + 1);
    if ((b2 >= 0x40 && b2 <= 0x7e) || (b2 >= 0x80 && b2 <= 0xfe)) {
      i += 2;
      continue;
    }
    if (b2 >= 0x30 && b2 <= 0x39) {
      const b3 = at(i + 2);
      const b4 = at(i + 3);
      if (b3 >= 0x81 && b3 <= 0xfe && b4 >= 0x30 && b4 <= 0x39) {
        i += 4;
        continue;
      }
    }
    return i;
  }
  return i;
}

/** UTF-16LE without a BOM: many NUL bytes at odd offsets and hardly any at even ones. */
function looksUtf16le(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 4096) & ~1;
  if (n < 4) return false;
  let oddZero = 0;
  let evenZero = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenZero++;
    if (bytes[i + 1] === 0) oddZero++;
  }
  return oddZero > n / 8 && evenZero < n / 64;
}

function decodeUtf16(bytes: Uint8Array, label: 'utf-16le' | 'utf-16be', skip: number): Decoded {
  const body = bytes.subarray(skip);
  try {
    return { text: new TextDecoder(label, { fatal: true, ignoreBOM: true }).decode(body), encoding: label };
  } catch {
    // find the first unpaired surrogate or odd trailing byte
    const le = label === 'utf-16le';
    let i = 0;
    for (; i + 1 < body.length; i += 2) {
      const u = le ? (body[i] as number) | ((body[i + 1] as number) << 8) : ((body[i] as number) << 8) | (body[i + 1] as number);
      if (u >= 0xd800 && u < 0xdc00) {
        const j = i + 2;
        const v = j + 1 < body.length ? (le ? (body[j] as number) | ((body[j + 1] as number) << 8) : ((body[j] as number) << 8) | (body[j + 1] as number)) : 0;
        if (v >= 0xdc00 && v < 0xe000) {
          i += 2;
          continue;
        }
        break;
      }
      if (u >= 0xdc00 && u < 0xe000) break;
    }
    const text = new TextDecoder(label).decode(body.subarray(0, i));
    const line = text.split('\n').length;
    return {
      problem: {
        ruleId: 'parse-error',
        args: { detail: { zh: `文件不是有效的 ${label.toUpperCase()} 文本`, en: `invalid ${label.toUpperCase()}` } },
        location: { pointer: '', line, column: text.length - text.lastIndexOf('\n') },
      },
    };
  }
}

/**
 * Decode the bytes of a text table. Without `encoding`: a BOM decides; else UTF-16LE when
 * the bytes look like it; else UTF-8 when valid; else GB18030 (a superset of GBK and GB2312).
 */
export function decodeText(bytes: Uint8Array, encoding?: string): Decoded {
  if (encoding) {
    const name = encoding.trim().toLowerCase();
    if (!iconv.encodingExists(name)) return problem({ zh: `不认识的编码「${encoding}」（可用 utf-8、gb18030、utf-16le 等）`, en: `unknown encoding "${encoding}" (try utf-8, gb18030, utf-16le)` }, bytes, 0);
    if (name === 'utf8' || name === 'utf-8') {
      const bad = firstInvalidUtf8(bytes);
      if (bad < bytes.length) return problem({ zh: `文件不是有效的 UTF-8 文本（字节 0x${(bytes[bad] ?? 0).toString(16)}）`, en: `invalid UTF-8 byte 0x${(bytes[bad] ?? 0).toString(16)}` }, bytes, bad);
    }
    if (/^(gb18030|gbk|gb2312|cp936)$/.test(name)) {
      const bad = firstInvalidGb18030(bytes);
      if (bad < bytes.length) return problem({ zh: `文件不是有效的 ${name.toUpperCase()} 文本（字节 0x${(bytes[bad] ?? 0).toString(16)}）`, en: `invalid ${name.toUpperCase()} byte 0x${(bytes[bad] ?? 0).toString(16)}` }, bytes, bad);
    }
    return { text: iconv.decode(bytes, name, { stripBOM: true }), encoding: name };
  }
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    const bad = firstInvalidUtf8(bytes);
    if (bad < bytes.length) return problem({ zh: `文件不是有效的 UTF-8 文本（字节 0x${(bytes[bad] ?? 0).toString(16)}）`, en: `invalid UTF-8 byte 0x${(bytes[bad] ?? 0).toString(16)}` }, bytes, bad);
    return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8' };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return decodeUtf16(bytes, 'utf-16le', 2);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return decodeUtf16(bytes, 'utf-16be', 2);
  if (looksUtf16le(bytes)) return decodeUtf16(bytes, 'utf-16le', 0);
  const badUtf8 = firstInvalidUtf8(bytes);
  if (badUtf8 >= bytes.length) return { text: new TextDecoder('utf-8').decode(bytes), encoding: 'utf-8' };
  // Chinese text in GB18030 almost never forms two valid multi-byte UTF-8 characters before
  // failing; when it does, the file was meant as UTF-8 and has a bad byte: name that byte.
  let multibyte = 0;
  for (let i = 0; i < badUtf8; i++) if ((bytes[i] as number) >= 0xc2 && (bytes[i] as number) < 0xf5) multibyte++;
  const utf8Intended = multibyte >= 2;
  const badGb = firstInvalidGb18030(bytes);
  if (!utf8Intended && badGb >= bytes.length) return { text: iconv.decode(bytes, 'gb18030'), encoding: 'gb18030' };
  const offset = utf8Intended ? badUtf8 : badGb;
  return problem(
    utf8Intended
      ? {
          zh: `文件中有无效的 UTF-8 字符（字节 0x${(bytes[offset] ?? 0).toString(16)}），请另存为 UTF-8 编码，或用 --encoding 指定编码`,
          en: `invalid UTF-8 byte 0x${(bytes[offset] ?? 0).toString(16)}; save the file as UTF-8 or pass --encoding`,
        }
      : {
          zh: `无法识别文件的文字编码（既不是 UTF-8 也不是 GB18030），请另存为 UTF-8 编码，或用 --encoding 指定编码`,
          en: `bytes are neither UTF-8 nor GB18030 (byte 0x${(bytes[offset] ?? 0).toString(16)}); save the file as UTF-8 or pass --encoding`,
        },
    bytes,
    offset,
  );
}
