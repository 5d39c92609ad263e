/**
 * The page's src/load/xls.ts (scripts/build-web.mjs): SheetJS is loaded only when a BIFF8
 * workbook is opened (src/web/chunks.ts; a .xls that is really a .xlsx or a web page is sniffed
 * first, src/load/index.ts); the sheets it reads go to the form readers of the worker, as in loadXls.
 */
import { recognize } from '../load/recognize.js';
import type { Limits } from '../load/limits.js';
import type { LoadResult } from '../types.js';
import type { Hierarchy } from '../vocabulary.js';
import { chunk } from './chunks.js';

export { sniffXls } from '../load/xls-sniff.js';

export async function loadXls(bytes: Uint8Array, limits?: Limits, hierarchy?: Hierarchy): Promise<LoadResult> {
  const read = (await chunk('xls')).readXls(bytes, limits);
  if ('problem' in read) return { documents: [], problems: [read.problem] };
  return recognize(read.grids, true, hierarchy);
}
