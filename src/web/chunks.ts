/**
 * The page's lazily loaded readers (scripts/build-web.mjs): SheetJS for .xls/.et and pdf.js for
 * PDF are too big to be parsed for every visit, and the page is one offline file, so each is built
 * into a chunk of its own (src/web/chunk-xls.ts, chunk-pdf.ts), compressed (zlib deflate) and
 * inlined in the worker as base64. The first .xls or PDF opened inflates its chunk with the
 * browser's DecompressionStream and runs it in the worker with importScripts from a Blob URL
 * (the CSP allows blob: scripts, no eval); the chunk registers its reader at
 * globalThis.__jixiaoChunks. Nothing is fetched.
 */
/// <reference lib="dom" />
import type { readPdf } from '../load/pdf.js';
import type { readXls } from '../load/xls.js';

/** Set by scripts/build-web.mjs: base64 of each chunk's deflated script. */
declare const __JIXIAO_CHUNKS__: Record<string, string>;
declare function importScripts(...urls: string[]): void;

export interface Chunks {
  pdf: { readPdf: typeof readPdf };
  xls: { readXls: typeof readXls };
}

const registry = (): Partial<Chunks> => {
  const g = globalThis as { __jixiaoChunks?: Partial<Chunks> };
  g.__jixiaoChunks ??= {};
  return g.__jixiaoChunks;
};

const loading = new Map<keyof Chunks, Promise<unknown>>();

/** The chunk's exports, inflated and run on first use. */
export function chunk<K extends keyof Chunks>(name: K): Promise<Chunks[K]> {
  const ready = registry()[name];
  if (ready) return Promise.resolve(ready);
  let p = loading.get(name) as Promise<Chunks[K]> | undefined;
  if (!p) {
    p = (async () => {
      const packed = Uint8Array.from(atob(__JIXIAO_CHUNKS__[name] ?? ''), (c) => c.charCodeAt(0));
      const script = await new Response(new Blob([packed]).stream().pipeThrough(new DecompressionStream('deflate'))).blob();
      const url = URL.createObjectURL(new Blob([script], { type: 'text/javascript' }));
      try {
        importScripts(url);
      } finally {
        URL.revokeObjectURL(url);
      }
      const loaded = registry()[name];
      if (!loaded) throw new Error(`chunk ${name} did not register`);
      return loaded;
    })();
    loading.set(name, p);
  }
  return p;
}

/** Called by a chunk when it runs. */
export function register<K extends keyof Chunks>(name: K, exports: Chunks[K]): void {
  registry()[name] = exports;
}
