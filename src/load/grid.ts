/**
 * A table read from a delimited text file or a worksheet, as rows of printed cell texts,
 * plus what the importers share: label folding, a source map from JSON pointers to cells,
 * and the envelope (title, year, unit, 单位：万元) found in the lines around a table.
 * Browser-safe.
 */
import type { LoadProblem, Location, SourceMap } from '../types.js';
import { foldLabel, moneyUnitOf } from '../vocabulary.js';

export type Place = Omit<Location, 'pointer'>;

/** A merged range, 0-based and inclusive: its text is in the top-left cell, the others are ''. */
export interface Merge {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/**
 * The one table model every source becomes: a worksheet, a Word document (its tables, and
 * its paragraphs as one-cell rows), a web page's tables, delimited or extracted text. The
 * form recognisers (src/load/recognize.ts) work on any Grid by label.
 */
export interface Grid {
  /** Cell texts, '' for an empty cell (and for the covered cells of a merged range). Rows may differ in length. */
  rows: string[][];
  /** Where cell (r, c) (0-based) is in the file. */
  place(r: number, c: number): Place;
  /** Columns line up (a worksheet, a Word or HTML table); false for text extracted from PDF/Word. */
  positional: boolean;
  /** Worksheet name, or the name of the table ('表2') when the grid is one table of a document. */
  sheet?: string;
  /** Merged ranges (as printed), for renderers and for readers that need the span of a label. */
  merges?: Merge[];
  /** Lines printed around the table but not in it (title, 「（2021年度）」, 「单位：万元」), for the envelope. */
  context?: Array<{ text: string; place: Place }>;
  /** Problems the reader met in cells (a formula without a saved result), reported with the documents. */
  problems?: LoadProblem[];
}

export { foldLabel };

export function isEmpty(text: string | undefined): boolean {
  // nothing but spaces (tested, not replaced: called for every cell of every reader)
  return text === undefined || !NOT_SPACE.test(text);
}

const NOT_SPACE = /[^\s\u3000\u00a0]/;

/** Pointer → place, with a missing field falling back to its nearest ancestor that has one. */
export class CellMap implements SourceMap {
  readonly places = new Map<string, Place>();

  set(pointer: string, place: Place): void {
    this.places.set(pointer, place);
  }

  locate(pointer: string): Place | undefined {
    for (let p = pointer; ; p = p.slice(0, p.lastIndexOf('/'))) {
      const place = this.places.get(p);
      if (place) return place;
      if (p === '') return undefined;
    }
  }
}

/** 1-based row and column of an A1 cell reference ("K12" → [12, 11], "$A$1" → [1, 1]); null when it is none. */
export function cellRef(ref: string): [number, number] | null {
  const m = /^\$?([A-Z]{1,3})\$?(\d+)$/.exec(ref);
  if (!m) return null;
  const col = [...(m[1] as string)].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
  return [Number(m[2]), col];
}

/** Spreadsheet column letters of a 1-based column number (1 → A, 27 → AA). */
export function columnLetters(n: number): string {
  let s = '';
  for (let k = n; k > 0; k = Math.floor((k - 1) / 26)) s = String.fromCharCode(65 + ((k - 1) % 26)) + s;
  return s;
}

export interface Envelope {
  title?: { text: string; place: Place };
  year?: { value: number; place: Place };
  unit?: { text: string; place: Place };
  moneyUnit?: { text: '万元' | '元'; place: Place };
}

const UNIT_LABEL = /^(?:部门|单位|预算单位|填报单位|部门\(单位\))(?:名称)?(?:\(盖章\))?[:：](.+)$/;

/**
 * Read the envelope from the cells of the given rows (title and unit lines above a table):
 * "2021年度…自评表" gives title and year, "部门名称（盖章）：…" the unit, "单位：万元" the money unit.
 */
export function readEnvelope(grid: Grid, rows: number[], env: Envelope = {}): Envelope {
  for (const r of rows) {
    const row = grid.rows[r] ?? [];
    row.forEach((cell, c) => {
      if (isEmpty(cell)) return;
      const text = cell.trim();
      const folded = text.normalize('NFKC').replace(/[\s\u3000]+/g, '');
      const money = moneyUnitOf(folded);
      if (money && !env.moneyUnit) env.moneyUnit = { text: money, place: grid.place(r, c) };
      const unit = UNIT_LABEL.exec(folded);
      // 「填报单位:(盖章) 单位:万元」: the seal is a blank to stamp and the money unit is no unit name
      const name = unit ? text.replace(/^[^:：]*[:：]\s*/, '').replace(/[(（]盖章[)）]/g, '').replace(/(金额)?单位[:：]\s*(万元|元)\s*$/, '').trim() : '';
      if (unit && name !== '' && !/^(万元|元)$/.test(unit[1] as string) && !env.unit) {
        env.unit = { text: name, place: grid.place(r, c) };
        return;
      }
      // The title: a line naming the form; one ending in 表 (the form's own title) wins over a
      // page headline ending in 情况 or 报告 printed above it.
      if ((!env.title || (!/表$/.test(foldLabel(env.title.text)) && /表$/.test(folded))) && /(表|情况|报告)$|自评|绩效目标/.test(folded) && !unit && !/^单位[:：]/.test(folded) && folded.length >= 6 && folded.length <= 80) {
        env.title = { text, place: grid.place(r, c) };
      }
      const year = /((?:19|20)\d{2})\s*年/.exec(folded);
      if (year && !env.year && (env.title?.text === text || /^\(?(?:19|20)\d{2}年度?\)?$/.test(folded))) {
        env.year = { value: Number(year[1]), place: grid.place(r, c) };
      }
    });
  }
  return env;
}

/** Put the envelope into a submission and its source map. */
export function applyEnvelope(data: Record<string, unknown>, map: CellMap, env: Envelope): void {
  if (env.year) {
    data.year = env.year.value;
    map.set('/year', env.year.place);
  }
  if (env.unit) {
    data.unit = env.unit.text;
    map.set('/unit', env.unit.place);
  }
  if (env.moneyUnit) {
    data.moneyUnit = env.moneyUnit.text;
    map.set('/moneyUnit', env.moneyUnit.place);
  }
  if (env.title) {
    data.title = env.title.text;
    map.set('/title', env.title.place);
  }
}
