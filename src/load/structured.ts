/**
 * Load canonical submissions written as JSON or YAML, keeping where every value stands
 * (1-based line and column) and how every number was written ("100.00", not 100).
 */
import { isMap, isScalar, isSeq, LineCounter, parseAllDocuments, type Node as YamlNode } from 'yaml';
import { joinPointer, type LoadResult, type LoadedDocument, type LoadProblem, type SourceMap } from '../types.js';

interface Place {
  line: number;
  column: number;
  source?: string;
}

class PlaceMap implements SourceMap {
  constructor(private readonly places: Map<string, Place>) {}

  locate(pointer: string) {
    // A field that is missing points at its nearest ancestor that exists.
    for (let p = pointer; ; p = p.slice(0, p.lastIndexOf('/'))) {
      const place = this.places.get(p);
      if (place) return { line: place.line, column: place.column };
      if (p === '') return undefined;
    }
  }

  sourceText(pointer: string) {
    return this.places.get(pointer)?.source;
  }
}

function toJs(node: YamlNode | null, pointer: string, text: string, lc: LineCounter, places: Map<string, Place>): unknown {
  if (!node) return null;
  const start = node.range?.[0] ?? 0;
  const pos = lc.linePos(start);
  const place: Place = { line: pos.line, column: pos.col };
  places.set(pointer, place);
  if (isMap(node)) {
    const out: Record<string, unknown> = {};
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
      const child = joinPointer(pointer, key);
      out[key] = toJs(pair.value as YamlNode | null, child, text, lc, places);
      if (isScalar(pair.key) && pair.key.range && !(pair.value as YamlNode | null)?.range) {
        const kp = lc.linePos(pair.key.range[0]);
        places.set(child, { line: kp.line, column: kp.col });
      }
    }
    return out;
  }
  if (isSeq(node)) {
    return node.items.map((item, i) => toJs(item as YamlNode | null, joinPointer(pointer, i), text, lc, places));
  }
  if (isScalar(node)) {
    if (typeof node.value === 'number' && node.range) {
      place.source = text.slice(node.range[0], node.range[1]).trim();
    }
    return node.value;
  }
  return null;
}

/** Line and column (1-based) of a character offset. */
export function positionOf(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

/** Offset of the first occurrence of `token` at which the text stops being a valid JSON prefix. */
function unexpectedTokenOffset(text: string, token: string): number {
  for (let i = text.indexOf(token); i >= 0; i = text.indexOf(token, i + 1)) {
    try {
      JSON.parse(text.slice(0, i) + token);
    } catch (e) {
      const msg = e instanceof Error ? e.message : '';
      if (!/end of JSON input|Unterminated|Expected/.test(msg)) return i;
    }
  }
  return text.length;
}

function jsonProblem(text: string): LoadProblem | null {
  try {
    JSON.parse(text);
    return null;
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    const m = /position (\d+)/.exec(msg);
    const token = /^Unexpected token '(.)'/.exec(msg);
    // V8 names the offending token but not always its position: find it after the last good prefix.
    const offset = m ? Number(m[1]) : token ? unexpectedTokenOffset(text, token[1] as string) : text.length;
    const { line, column } = positionOf(text, offset);
    const detail = (msg.split('\n')[0] ?? msg).replace(/, ".*$/, '');
    return {
      ruleId: 'parse-error',
      args: { detail, offset },
      location: { pointer: '', line, column },
    };
  }
}

/** Parse JSON or YAML text into one or more canonical documents. */
export function loadStructured(text: string, format: 'json' | 'yaml'): LoadResult {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (format === 'json') {
    const problem = jsonProblem(body);
    if (problem) return { documents: [], problems: [problem] };
  }
  const lc = new LineCounter();
  const docs = parseAllDocuments(body, { lineCounter: lc, prettyErrors: false, uniqueKeys: true });
  const list = Array.isArray(docs) ? docs : [docs];
  const problems: LoadProblem[] = [];
  const documents: LoadedDocument[] = [];
  list.forEach((doc, index) => {
    const err = doc.errors[0];
    if (err) {
      const offset = err.pos[0];
      const { line, col } = lc.linePos(offset);
      problems.push({
        ruleId: 'parse-error',
        args: { detail: err.message.split('\n')[0] ?? err.code, offset },
        location: { pointer: '', line, column: col },
      });
      return;
    }
    if (doc.contents === null && list.length > 1) return;
    const places = new Map<string, Place>();
    const data = toJs(doc.contents as YamlNode | null, '', body, lc, places);
    documents.push({ data, sourceMap: new PlaceMap(places), ...(list.length > 1 ? { document: { index } } : {}) });
  });
  return { documents, problems };
}
