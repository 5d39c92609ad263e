/**
 * Load stage: bytes of a file → canonical documents + source maps + load problems.
 * Browser-safe: the caller reads the bytes.
 */
import type { LoadResult } from '../types.js';
import { loadStructured } from './structured.js';
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

/** JSON and YAML are UTF-8 unless --encoding says otherwise; undecodable bytes are a parse-error. */
function withText(bytes: Uint8Array, options: LoadOptions, parse: (text: string) => LoadResult): LoadResult {
  const decoded = decodeText(bytes, options.encoding ?? 'utf-8');
  return 'problem' in decoded ? { documents: [], problems: [decoded.problem] } : parse(decoded.text);
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
