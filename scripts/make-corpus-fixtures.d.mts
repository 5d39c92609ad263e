/** Types of scripts/make-corpus-fixtures.mjs (imported by test/corpus.test.ts and bench/corpus-suite.ts). */
export interface CorpusGrid {
  sheet: string;
  rows: Array<Array<string | null>>;
  merges: Array<{ top: number; left: number; bottom: number; right: number; ref: string }>;
}
export const CORPUS_DIR: string;
export function columnLetters(index: number): string;
export function parseGrid(text: string, file?: string): CorpusGrid;
export function readGrid(path: string): CorpusGrid;
export function asNumber(text: string): { value: number; fmt: string } | null;
export function gridXlsx(grid: CorpusGrid): Promise<Uint8Array>;
export function gridDocx(grid: CorpusGrid): Promise<Uint8Array>;
export function gridHtml(grid: CorpusGrid, title?: string): string;
export function corpusGrids(src?: string): string[];
export function makeCorpusFixtures(dir: string, src?: string): Promise<string[]>;
