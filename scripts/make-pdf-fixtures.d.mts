/** Types of scripts/make-pdf-fixtures.mjs (imported by test/pdf.test.ts and scripts/make-corpus-fixtures.mjs). */
export function makePdfFixtures(dir: string): Promise<string[]>;
export function predefinedCMapPdf(lines: string[], options?: { font?: string; encoding?: string; ordering?: string }): Buffer;
export const CMAP_LINES: string[];
export function printSheet(doc: unknown, sheet: { rows: string[][]; merges: Array<{ top: number; left: number; bottom: number; right: number }> }, options: { bodyFrom: number; ruled?: boolean; breakAfter?: number; widthOf?: (c: number) => number; startY?: number }): { pageOf: number[] };
export function newDoc(layout?: string, size?: string): unknown;
export function footers(doc: unknown): void;
export function pdfBytes(doc: unknown): Promise<Buffer>;
