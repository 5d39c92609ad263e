/**
 * For JSON and YAML submissions, the page shows the canonical fields with their lines instead
 * of a table (tables come with the LoadResult: `grids`, filled by src/load/recognize.ts).
 * Browser-safe.
 */
import { joinPointer, type LoadedDocument } from '../types.js';

/** One canonical field of a JSON/YAML submission, in document order. */
export interface FieldRow {
  pointer: string;
  /** Nesting depth (0 for a top-level field). */
  depth: number;
  /** The key or the item number ("indicators", "3"). */
  key: string;
  /** The value as written (numbers as printed); '' for a mapping or list. */
  value: string;
  /** Number of entries of a mapping or list. */
  size?: number;
  line?: number;
}

/** Every field of a loaded JSON/YAML document, containers before their contents. */
export function fieldRows(doc: LoadedDocument): FieldRow[] {
  const rows: FieldRow[] = [];
  const visit = (value: unknown, pointer: string, key: string, depth: number) => {
    const place = doc.sourceMap.locate(pointer);
    const line = place?.line;
    const base = { pointer, depth, key, ...(line !== undefined ? { line } : {}) };
    if (Array.isArray(value)) {
      rows.push({ ...base, value: '', size: value.length });
      value.forEach((v, i) => visit(v, joinPointer(pointer, i), String(i + 1), depth + 1));
    } else if (value !== null && typeof value === 'object') {
      const entries = Object.entries(value as Record<string, unknown>);
      rows.push({ ...base, value: '', size: entries.length });
      for (const [k, v] of entries) visit(v, joinPointer(pointer, k), k, depth + 1);
    } else {
      const text = value === null || value === undefined ? '' : (doc.sourceMap.sourceText?.(pointer) ?? String(value));
      rows.push({ ...base, value: text });
    }
  };
  const data = doc.data;
  if (data !== null && typeof data === 'object' && !Array.isArray(data)) {
    for (const [k, v] of Object.entries(data as Record<string, unknown>)) visit(v, joinPointer('', k), k, 0);
  } else {
    visit(data, '', '', 0);
  }
  return rows;
}
