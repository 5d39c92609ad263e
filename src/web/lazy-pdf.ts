/**
 * The page's src/load/pdf.ts (scripts/build-web.mjs): pdf.js is loaded only when a PDF is opened
 * (src/web/chunks.ts); the grid it reads goes to the form readers of the worker, as in loadPdf.
 */
import { recognize } from '../load/recognize.js';
import type { Limits } from '../load/limits.js';
import type { LoadResult } from '../types.js';
import type { Hierarchy } from '../vocabulary.js';
import { chunk } from './chunks.js';

export async function loadPdf(bytes: Uint8Array, limits?: Limits, hierarchy?: Hierarchy): Promise<LoadResult> {
  const read = await (await chunk('pdf')).readPdf(bytes, limits);
  if ('problem' in read) return { documents: [], problems: [read.problem] };
  return recognize([read.grid], false, hierarchy);
}
