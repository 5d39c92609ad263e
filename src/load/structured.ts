/**
 * Load canonical submissions written as JSON or YAML, keeping where every value stands
 * (1-based line and column) and how every number was written ("100.00", not 100).
 *
 * Two readings of the same text. The fast one (js-yaml's event parser and constructor, about
 * 3.5× faster than `yaml`'s document model) serves every ordinary file: values by the YAML 1.2
 * core schema, places and number sources from the events' offsets. Whatever it does not handle
 * exactly as the full reading would — a syntax error, an anchor, alias or tag, a key that is not
 * a plain name or a quoted string, a limit reached — sends the file to the full reading with
 * `yaml`, whose error codes we translate. `test/structured-fast.test.ts` holds the two readings
 * equal over every YAML and JSON fixture.
 */
import { constructFromEvents, EVENT_ID, parseEvents, SCALAR_STYLE, type Event as YamlEvent } from 'js-yaml';
import { DEFAULT_LIMITS, LimitError, tooDeep, tooManyDocuments, tooManyItems, type Limits } from './limits.js';
import { problem } from './problem.js';
import { isMap, isScalar, isSeq, LineCounter, parseAllDocuments, type Node as YamlNode } from 'yaml';
import { escapePointerToken, joinPointer, type LoadResult, type LoadedDocument, type LoadProblem, type SourceMap } from '../types.js';

/** Offsets of the starts of lines (0 first), for line and column of an offset. */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/** Line and column (1-based) of an offset, from the starts of lines (a binary search). */
function positionIn(starts: readonly number[], offset: number): { line: number; column: number } {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((starts[mid] as number) <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: offset - (starts[lo] as number) + 1 };
}

/** Where each value stands (character offsets, turned into line and column when asked) and how each number was written. */
class PlaceMap implements SourceMap {
  private starts: number[] | undefined;

  constructor(
    private readonly text: string,
    private readonly places: Map<string, number>,
    private readonly sources: Map<string, string>,
  ) {}

  private position(offset: number): { line: number; column: number } {
    return positionIn((this.starts ??= lineStarts(this.text)), offset);
  }

  locate(pointer: string) {
    // A field that is missing points at its nearest ancestor that exists.
    for (let p = pointer; ; p = p.slice(0, p.lastIndexOf('/'))) {
      const offset = this.places.get(p);
      if (offset !== undefined) return this.position(offset);
      if (p === '') return undefined;
    }
  }

  sourceText(pointer: string) {
    return this.sources.get(pointer);
  }
}

/** The full reading's walk over `yaml`'s nodes. */
function toJs(node: YamlNode | null, pointer: string, text: string, lc: LineCounter, places: Map<string, number>, sources: Map<string, string>, depth = 0, limits: Limits = DEFAULT_LIMITS): unknown {
  const maxDepth = limits.maxDepth;
  if (!node) return null;
  const start = node.range?.[0] ?? 0;
  if (depth > maxDepth) throw new LimitError(tooDeep(maxDepth, lc.linePos(start).line));
  places.set(pointer, start);
  if (isMap(node)) {
    const out: Record<string, unknown> = {};
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
      const child = joinPointer(pointer, key);
      // An own property even for "__proto__" (a plain assignment would set the prototype).
      Object.defineProperty(out, key, {
        value: toJs(pair.value as YamlNode | null, child, text, lc, places, sources, depth + 1, limits),
        enumerable: true,
        writable: true,
        configurable: true,
      });
      if (isScalar(pair.key) && pair.key.range && !(pair.value as YamlNode | null)?.range) places.set(child, pair.key.range[0]);
    }
    return out;
  }
  if (isSeq(node)) {
    if (node.items.length > limits.maxItems) throw new LimitError(tooManyItems(node.items.length, limits.maxItems, lc.linePos(start).line));
    return node.items.map((item, i) => toJs(item as YamlNode | null, joinPointer(pointer, i), text, lc, places, sources, depth + 1, limits));
  }
  if (isScalar(node)) {
    if (typeof node.value === 'number' && node.range) sources.set(pointer, text.slice(node.range[0], node.range[1]).trim());
    return node.value;
  }
  return null;
}

/** The fast reading declines this text: read it with `yaml`. */
const DECLINE = Symbol('decline');

/** Plain text that reads as a number: js-yaml and `yaml` differ where a double overflows. */
const NUMBER_LIKE = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$|^0x[0-9a-fA-F]+$|^0o[0-7]+$/;

const TAB_INDENT = /(?:^|\n)[ ]*\t/;

/** A plain key that the core schema reads as something other than its own text (1.0, ~, TRUE, 0x10 …). */
const PLAIN_KEY_NOT_TEXT = /^[-+.0-9~]|^(?:Null|NULL|True|TRUE|False|FALSE)$/;

/**
 * The fast reading, or null when it declines (see the file's comment). Written by hand: the
 * walk pairs js-yaml's events with the values it constructed to record each value's place.
 */
export function fastRead(body: string, limits: Limits = DEFAULT_LIMITS): LoadResult | null {
  // a tab in a line's indentation: `yaml` calls it an error where js-yaml may not
  if (TAB_INDENT.test(body)) return null;
  let events: YamlEvent[];
  let values: unknown[];
  try {
    events = parseEvents(body, { maxDepth: limits.maxDepth + 2 });
    values = constructFromEvents(events, { source: body });
  } catch {
    return null;
  }
  let e = 0;
  let places = new Map<string, number>();
  let sources = new Map<string, string>();
  /** Where a scalar starts as `yaml` counts it: at its opening quote, at its block indicator (| or >). */
  const scalarStart = (ev: YamlEvent & { type: typeof EVENT_ID.SCALAR }): number => {
    if (ev.valueStart < 0) throw DECLINE; // an empty node (not a mapping's value): the full reading
    if (ev.style === SCALAR_STYLE.PLAIN) return ev.valueStart;
    if (ev.style === SCALAR_STYLE.SINGLE_QUOTED || ev.style === SCALAR_STYLE.DOUBLE_QUOTED) return ev.valueStart - 1;
    const indicator = Math.max(body.lastIndexOf('|', ev.valueStart - 1), body.lastIndexOf('>', ev.valueStart - 1));
    // a comment on the indicator's line could hold a | or > of its own
    if (indicator < 0 || body.slice(body.lastIndexOf('\n', indicator) + 1, ev.valueStart).includes('#')) throw DECLINE;
    return indicator;
  };
  const walk = (value: unknown, pointer: string, depth: number): void => {
    if (depth > limits.maxDepth) throw DECLINE;
    const ev = events[e++] as YamlEvent;
    if (ev.type === EVENT_ID.SCALAR) {
      if (ev.anchorStart >= 0 || ev.tagStart >= 0) throw DECLINE;
      places.set(pointer, scalarStart(ev));
      if (typeof value === 'number') sources.set(pointer, body.slice(ev.valueStart, ev.valueEnd));
      // js-yaml keeps a number too large for a double (1e400) as text; `yaml` reads Infinity
      else if (typeof value === 'string' && ev.style === SCALAR_STYLE.PLAIN && NUMBER_LIKE.test(value)) throw DECLINE;
      return;
    }
    if (ev.type === EVENT_ID.SEQUENCE) {
      if (ev.anchorStart >= 0 || ev.tagStart >= 0 || !Array.isArray(value) || value.length > limits.maxItems) throw DECLINE;
      places.set(pointer, ev.start);
      for (let k = 0; (events[e] as YamlEvent).type !== EVENT_ID.POP; k++) walk(value[k], `${pointer}/${k}`, depth + 1);
      e++;
      return;
    }
    if (ev.type === EVENT_ID.MAPPING) {
      if (ev.anchorStart >= 0 || ev.tagStart >= 0 || value === null || typeof value !== 'object') throw DECLINE;
      places.set(pointer, ev.start);
      const obj = value as Record<string, unknown>;
      while ((events[e] as YamlEvent).type !== EVENT_ID.POP) {
        const k = events[e++] as YamlEvent;
        if (k.type !== EVENT_ID.SCALAR || k.anchorStart >= 0 || k.tagStart >= 0) throw DECLINE;
        if (k.style !== SCALAR_STYLE.PLAIN && k.style !== SCALAR_STYLE.SINGLE_QUOTED && k.style !== SCALAR_STYLE.DOUBLE_QUOTED) throw DECLINE;
        const raw = body.slice(k.valueStart, k.valueEnd);
        // quoted keys with escapes or line breaks, and plain keys the schema reads as numbers or null: the full reading
        if (k.style === SCALAR_STYLE.PLAIN ? PLAIN_KEY_NOT_TEXT.test(raw) : /[\\'\n]/.test(raw)) throw DECLINE;
        if (!Object.hasOwn(obj, raw)) throw DECLINE;
        const child = `${pointer}/${escapePointerToken(raw)}`;
        const v = events[e] as YamlEvent;
        if (v.type === EVENT_ID.SCALAR && v.valueStart < 0) {
          // an empty value (`key:`) stands after its colon and the spaces that follow
          e++;
          if (v.anchorStart >= 0 || v.tagStart >= 0 || obj[raw] !== null) throw DECLINE;
          // (the colon right after the key, spaces between; a key without one — `{a}`, `? a` — is left to the full reading)
          let at = k.style === SCALAR_STYLE.PLAIN ? k.valueEnd : k.valueEnd + 1;
          while (body.charCodeAt(at) === 32) at++;
          if (body.charCodeAt(at) !== 58) throw DECLINE;
          at++;
          while (body.charCodeAt(at) === 32) at++;
          if (body.charCodeAt(at) === 9) throw DECLINE;
          places.set(child, at);
        } else walk(obj[raw], child, depth + 1);
      }
      e++;
      return;
    }
    throw DECLINE; // an alias (the full reading reads it as null)
  };
  const documents: LoadedDocument[] = [];
  const count = values.length;
  try {
    for (let index = 0; index < count; index++) {
      if ((events[e++] as YamlEvent).type !== EVENT_ID.DOCUMENT) return null;
      const data = values[index];
      walk(data, '', 0);
      if ((events[e++] as YamlEvent).type !== EVENT_ID.POP) return null;
      documents.push({ data, sourceMap: new PlaceMap(body, places, sources), ...(count > 1 ? { document: { index } } : {}) });
      places = new Map();
      sources = new Map();
    }
  } catch (err) {
    if (err === DECLINE) return null;
    throw err;
  }
  // no document (an empty or comment-only text): the full reading says what it says
  return count > 0 && e === events.length ? { documents, problems: [] } : null;
}

/** Line and column (1-based) of a character offset. */
export function positionOf(text: string, offset: number): { line: number; column: number } {
  return positionIn(lineStarts(text), offset);
}

/**
 * Offset of the first character at which the text stops being a valid JSON prefix (RFC 8259),
 * or the text's length when it is a valid prefix that ends too soon. One pass with an explicit
 * stack, for the messages where V8 names the offending token but not its position. Written by
 * hand: JSON.parse gives no position there, and trying it on prefixes is quadratic.
 */
export function jsonErrorOffset(text: string): number {
  const n = text.length;
  const stack: Array<'{' | '['> = [];
  let i = 0;
  const ws = () => {
    for (let c = text.charCodeAt(i); c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d; c = text.charCodeAt(++i));
  };
  const digits = (): boolean => {
    const from = i;
    while (i < n && text.charCodeAt(i) >= 0x30 && text.charCodeAt(i) <= 0x39) i++;
    return i > from;
  };
  /** A string from its opening quote; false at a bad character (i stays on it). */
  const string = (): boolean => {
    i++;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 0x22) {
        i++;
        return true;
      }
      if (c < 0x20) return false;
      if (c === 0x5c) {
        const e = text[i + 1];
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) {
            i += 2;
            while (i < n && /[0-9a-fA-F]/.test(text[i] as string)) i++;
            return false;
          }
          i += 6;
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) i += 2;
        else {
          i++;
          return false;
        }
      } else i++;
    }
    return false;
  };
  /** A value; false at a bad character (i stays on it) or at the end. */
  const value = (): boolean => {
    const c = text[i];
    if (c === '"') return string();
    if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) {
      if (c === '-') i++;
      if (text[i] === '0') i++;
      else if (!digits()) return false;
      if (text[i] === '.') {
        i++;
        if (!digits()) return false;
      }
      if (text[i] === 'e' || text[i] === 'E') {
        i++;
        if (text[i] === '+' || text[i] === '-') i++;
        if (!digits()) return false;
      }
      return true;
    }
    for (const word of ['true', 'false', 'null']) {
      if (c === word[0]) {
        for (let k = 0; k < word.length; k++, i++) if (text[i] !== word[k]) return false;
        return true;
      }
    }
    return false;
  };
  ws();
  for (;;) {
    // a value is expected here (or, just after an opening bracket, its closing one)
    const c = text[i];
    if (c === '{' || c === '[') {
      stack.push(c);
      i++;
      ws();
      if (text[i] === (c === '{' ? '}' : ']')) {
        stack.pop();
        i++;
      } else if (c === '{') {
        if (text[i] !== '"' || !string()) return Math.min(i, n);
        ws();
        if (text[i] !== ':') return Math.min(i, n);
        i++;
        ws();
        continue;
      } else continue;
    } else if (!value()) return Math.min(i, n);
    // after a value: a comma, the closing bracket of the innermost container, or the end
    for (;;) {
      ws();
      const top = stack[stack.length - 1];
      if (top === undefined) return i >= n ? n : i;
      if (text[i] === (top === '{' ? '}' : ']')) {
        stack.pop();
        i++;
        continue;
      }
      if (text[i] !== ',') return Math.min(i, n);
      i++;
      ws();
      if (top === '{') {
        if (text[i] !== '"' || !string()) return Math.min(i, n);
        ws();
        if (text[i] !== ':') return Math.min(i, n);
        i++;
        ws();
      }
      break;
    }
  }
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
    const offset = m ? Number(m[1]) : token ? jsonErrorOffset(text) : text.length;
    const { line, column } = positionOf(text, offset);
    const end = offset >= text.length || /end of JSON input|Unterminated string/.test(msg);
    const ch = token?.[1] ?? text[offset] ?? '';
    return problem(
      end
        ? `JSON 语法错误：第 ${line} 行第 ${column} 列处内容意外结束，可能缺少右括号、右引号或逗号后的内容。`
        : `JSON 语法错误：第 ${line} 行第 ${column} 列处的「${ch}」不应出现在这里，请检查前面是否缺少逗号、冒号、引号或括号。`,
      end
        ? `JSON syntax error: the text ends unexpectedly at line ${line}, column ${column} (a missing closing bracket, quote or value?).`
        : `JSON syntax error: "${ch}" is not expected at line ${line}, column ${column} (a missing comma, colon, quote or bracket before it?).`,
      { pointer: '', line, column },
    );
  }
}

/** The yaml package's error codes in words a clerk understands (its own text is English). */
const YAML_ERRORS: Partial<Record<string, [string, string]>> = {
  DUPLICATE_KEY: ['有重复的键（同一字段写了两次）', 'a key is written twice'],
  BAD_INDENT: ['缩进不正确', 'wrong indentation'],
  TAB_AS_INDENT: ['用了制表符缩进（YAML 只能用空格缩进）', 'a tab is used for indentation (YAML needs spaces)'],
  MISSING_CHAR: ['缺少字符（如右引号、右括号或冒号）', 'a character is missing (closing quote, bracket or colon)'],
  MULTILINE_IMPLICIT_KEY: ['键不能跨行（是否缺少冒号或引号？）', 'a key cannot span lines (missing colon or quote?)'],
  BLOCK_AS_IMPLICIT_KEY: ['键的写法不正确（是否缺少冒号？）', 'a key is malformed (missing colon?)'],
  UNEXPECTED_TOKEN: ['出现了不应出现的字符', 'an unexpected character'],
  BAD_SCALAR_START: ['值的开头字符不正确（可用引号括起来）', 'a value starts with a character that needs quoting'],
  BAD_DQ_ESCAPE: ['双引号字符串中的转义写法不正确', 'a bad escape in a double-quoted string'],
  BLOCK_IN_FLOW: ['方括号或花括号内不能换行写块', 'a block inside brackets or braces'],
  KEY_OVER_1024_CHARS: ['键超过 1024 个字符', 'a key longer than 1024 characters'],
  BAD_ALIAS: ['别名（*）写法不正确', 'a malformed alias'],
  MISSING_ANCHOR: ['别名（*）引用了不存在的锚点（&）', 'an alias refers to a missing anchor'],
  ALIAS_PROPS: ['别名不能带标签或锚点', 'an alias cannot have a tag or anchor'],
  BAD_DIRECTIVE: ['指令（%）写法不正确', 'a malformed directive'],
  TAG_RESOLVE_FAILED: ['标签（!）无法识别', 'an unknown tag'],
  RESOURCE_EXHAUSTION: ['结构过于复杂（嵌套过深或别名展开过多），未读取', 'the structure is too complex (nested too deeply or too many aliases); not read'],
};

/**
 * The line where the text nests deeper than `max` levels, or null. The yaml parser recurses
 * per level and V8 dies (out of memory, not a catchable error) on `[[[[…` a hundred thousand
 * deep, so depth is measured before parsing: flow brackets outside quotes, and block
 * indentation (a level takes at least one space; no real file indents 8 × max spaces).
 * Written by hand: no YAML or JSON library offers a depth limit before it recurses.
 */
export function nestingBeyond(text: string, max: number): number | null {
  let depth = 0;
  let line = 1;
  let quote = '';
  let indent = 0;
  let lineStart = true;
  // the last character that was not a space: a bracket or quote opens something only where a
  // value may start (after : - , ? [ { or at the start of a line), not inside plain text
  let prev = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (ch === '\n') {
      line++;
      lineStart = true;
      indent = 0;
      prev = '';
      continue;
    }
    if (quote) {
      if (ch === '\\' && quote === '"') i++;
      else if (ch === quote) {
        quote = '';
        prev = ch;
      }
      continue;
    }
    if (ch === ' ' || ch === '\t' || ch === '\r') {
      if (lineStart && ch === ' ' && ++indent > 8 * max) return line;
      continue;
    }
    lineStart = false;
    const valueStart = prev === '' || ':-,?[{'.includes(prev);
    if ((ch === '"' || ch === "'") && valueStart) quote = ch;
    else if (ch === '#' && (prev === '' || /\s/.test(text[i - 1] ?? ' '))) {
      while (i + 1 < text.length && text[i + 1] !== '\n') i++;
      continue;
    } else if ((ch === '[' || ch === '{') && valueStart) {
      if (++depth > max) return line;
    } else if ((ch === ']' || ch === '}') && depth > 0) depth--;
    prev = ch;
  }
  return null;
}

/**
 * How many YAML documents the text holds at least, counted up to `stop`: a document marker
 * (`---` or `...` at the start of a line, then a space, a tab or the line's end) ends or starts
 * one wherever it stands — inside a block scalar or a quoted string too, as YAML 1.2 says —
 * so `markers + 1` bounds the documents from above, and a `...` just before a `---` is one
 * boundary. Counted before parsing: 100,000 tiny documents cost the parsers minutes and gigabytes.
 */
export function documentsAtLeast(text: string, stop: number): number {
  let count = 1;
  let endMarker = false;
  const first = text.search(/\S/);
  for (let i = 0; i < text.length && count < stop; i = text.indexOf('\n', i) + 1 || text.length) {
    const head = text.slice(i, i + 3);
    if (head !== '---' && head !== '...') continue;
    const next = text.charCodeAt(i + 3);
    if (!(Number.isNaN(next) || next === 0x20 || next === 0x09 || next === 0x0a || next === 0x0d)) continue;
    // `...` then `---`: one boundary; a `---` opening the text starts the first document
    if (head === '---' && (endMarker || i === first)) {
      endMarker = false;
      continue;
    }
    endMarker = head === '...';
    count++;
  }
  return count;
}

/** Parse JSON or YAML text into one or more canonical documents. */
export function loadStructured(text: string, format: 'json' | 'yaml', limits: Limits = DEFAULT_LIMITS): LoadResult {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (format === 'json') {
    const problem = jsonProblem(body);
    if (problem) return { documents: [], problems: [problem] };
  }
  const deep = nestingBeyond(body, limits.maxDepth);
  if (deep !== null) return { documents: [], problems: [tooDeep(limits.maxDepth, deep)] };
  if (format === 'yaml') {
    const documents = documentsAtLeast(body, limits.maxDocuments + 1);
    if (documents > limits.maxDocuments) return { documents: [], problems: [tooManyDocuments(documents, limits.maxDocuments)] };
  }
  return fastRead(body, limits) ?? fullRead(body, limits);
}

/** The full reading, with `yaml`: every construct, and its error codes in Chinese. */
export function fullRead(body: string, limits: Limits = DEFAULT_LIMITS): LoadResult {
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
      const [zh, en] = YAML_ERRORS[err.code] ?? ['格式不正确', 'the syntax is not valid'];
      problems.push(
        problem(
          `YAML 语法错误：第 ${line} 行第 ${col} 列${zh}。`,
          `YAML syntax error at line ${line}, column ${col}: ${en}.`,
          { pointer: '', line, column: col },
        ),
      );
      return;
    }
    if (doc.contents === null && list.length > 1) return;
    const places = new Map<string, number>();
    const sources = new Map<string, string>();
    const data = toJs(doc.contents as YamlNode | null, '', body, lc, places, sources, 0, limits);
    documents.push({ data, sourceMap: new PlaceMap(body, places, sources), ...(list.length > 1 ? { document: { index } } : {}) });
  });
  return { documents, problems };
}
