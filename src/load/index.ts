/**
 * Load stage: bytes of a file → canonical documents + source maps + load problems.
 * Browser-safe: the caller reads the bytes.
 */
import type { LoadResult } from '../types.js';
import { positionOf, loadStructured } from './structured.js';
import { decodeText } from './decode.js';
import { loadDelimited } from './delimited.js';
import { loadXlsx } from './xlsx.js';

export interface LoadOptions {
  /** Force a text encoding instead of detecting it. */
  encoding?: string;
}

type Loader = (bytes: Uint8Array, options: LoadOptions) => LoadResult | Promise<LoadResult>;

/** File extension (lower case, with the dot) → loader. */
const LOADERS = new Map<string, Loader>([
  ['.json', (b, o) => withText(b, o, (t) => loadStructured(t, 'json'))],
  ['.yaml', (b, o) => withText(b, o, (t) => loadStructured(t, 'yaml'))],
  ['.yml', (b, o) => withText(b, o, (t) => loadStructured(t, 'yaml'))],
  // Imported tables (src/load/delimited.ts, src/load/xlsx.ts): encoding detected, --encoding overrides.
  ['.tsv', (b, o) => loadDelimited(b, o.encoding ? { encoding: o.encoding } : {}, '.tsv')],
  ['.csv', (b, o) => loadDelimited(b, o.encoding ? { encoding: o.encoding } : {}, '.csv')],
  ['.txt', (b, o) => loadDelimited(b, o.encoding ? { encoding: o.encoding } : {}, '.txt')],
  ['.xlsx', (b) => loadXlsx(b)],
]);

export function registerLoader(extension: string, loader: Loader): void {
  LOADERS.set(extension.toLowerCase(), loader);
}

export function supportedExtensions(): string[] {
  return [...LOADERS.keys()];
}

export function extensionOf(name: string): string {
  const m = /\.[^./\\]+$/.exec(name);
  return m ? m[0].toLowerCase() : '';
}

/** Decode UTF-8 (BOM or not); an undecodable byte is a parse-error naming its offset and line. */
export function decodeUtf8(bytes: Uint8Array): { text: string } | { problem: LoadResult } {
  try {
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes) };
  } catch {
    const offset = firstInvalidUtf8(bytes);
    const before = new TextDecoder('utf-8').decode(bytes.subarray(0, offset));
    const { line, column } = positionOf(before, before.length);
    return {
      problem: {
        documents: [],
        problems: [{ ruleId: 'parse-error', args: { detail: `invalid UTF-8 byte 0x${(bytes[offset] ?? 0).toString(16)}`, offset }, location: { pointer: '', line, column } }],
      },
    };
  }
}

/** Offset of the first byte that is not part of a valid UTF-8 sequence. */
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

function withText(bytes: Uint8Array, options: LoadOptions, parse: (text: string) => LoadResult): LoadResult {
  if (options.encoding) {
    const forced = decodeText(bytes, options.encoding);
    return 'problem' in forced ? { documents: [], problems: [forced.problem] } : parse(forced.text);
  }
  const decoded = decodeUtf8(bytes);
  return 'problem' in decoded ? decoded.problem : parse(decoded.text);
}

export async function loadBytes(name: string, bytes: Uint8Array, options: LoadOptions = {}): Promise<LoadResult> {
  const loader = LOADERS.get(extensionOf(name));
  if (!loader) {
    return {
      documents: [],
      problems: [{ ruleId: 'parse-error', args: { detail: `unsupported file type "${extensionOf(name) || name}"`, offset: 0 }, location: { pointer: '' } }],
    };
  }
  return loader(bytes, options);
}
