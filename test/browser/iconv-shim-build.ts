/**
 * src/web/iconv-shim.ts built as the page's worker gets it (with the data scripts/iconv-data.mjs
 * takes from iconv-lite), for the tests that compare it with iconv-lite: in Node
 * (test/web-iconv.test.ts) and in Chromium (test/browser/iconv-shim.browser.test.ts).
 */
import { resolve } from 'node:path';
import { build } from 'esbuild';
import { iconvData } from '../../scripts/iconv-data.mjs';

const ROOT = resolve(import.meta.dirname, '../..');

/** ES module (default export) or a classic script that sets globalThis.__iconvShim. */
export async function buildShim(format: 'esm' | 'iife'): Promise<string> {
  const data = iconvData();
  const r = await build({
    absWorkingDir: ROOT,
    entryPoints: ['src/web/iconv-shim.ts'],
    bundle: true,
    write: false,
    format,
    ...(format === 'iife' ? { globalName: '__iconvShim' } : {}),
    platform: 'neutral',
    logLevel: 'warning',
    plugins: [
      {
        name: 'iconv-data',
        setup(b) {
          b.onResolve({ filter: /^jixiao:iconv-data$/ }, () => ({ path: 'iconv-data', namespace: 'data' }));
          b.onLoad({ filter: /.*/, namespace: 'data' }, () => ({
            contents: Object.entries(data)
              .map(([k, v]) => `export const ${k} = ${JSON.stringify(v)};`)
              .join('\n'),
            loader: 'js',
          }));
        },
      },
    ],
  });
  return r.outputFiles[0]!.text;
}
