/**
 * Load canonical submissions written as JSON or YAML, keeping where every value stands
 * (1-based line and column) and how every number was written ("100.00", not 100).
 */
import { DEFAULT_LIMITS, LimitError, tooDeep, tooManyItems, type Limits } from './limits.js';
import { problem } from './problem.js';
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

function toJs(node: YamlNode | null, pointer: string, text: string, lc: LineCounter, places: Map<string, Place>, depth = 0, limits: Limits = DEFAULT_LIMITS): unknown {
  const maxDepth = limits.maxDepth;
  if (!node) return null;
  const start = node.range?.[0] ?? 0;
  const pos = lc.linePos(start);
  if (depth > maxDepth) throw new LimitError(tooDeep(maxDepth, pos.line));
  const place: Place = { line: pos.line, column: pos.col };
  places.set(pointer, place);
  if (isMap(node)) {
    const out: Record<string, unknown> = {};
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
      const child = joinPointer(pointer, key);
      // An own property even for "__proto__" (a plain assignment would set the prototype).
      Object.defineProperty(out, key, {
        value: toJs(pair.value as YamlNode | null, child, text, lc, places, depth + 1, limits),
        enumerable: true,
        writable: true,
        configurable: true,
      });
      if (isScalar(pair.key) && pair.key.range && !(pair.value as YamlNode | null)?.range) {
        const kp = lc.linePos(pair.key.range[0]);
        places.set(child, { line: kp.line, column: kp.col });
      }
    }
    return out;
  }
  if (isSeq(node)) {
    if (node.items.length > limits.maxItems) throw new LimitError(tooManyItems(node.items.length, limits.maxItems, pos.line));
    return node.items.map((item, i) => toJs(item as YamlNode | null, joinPointer(pointer, i), text, lc, places, depth + 1, limits));
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

/** Parse JSON or YAML text into one or more canonical documents. */
export function loadStructured(text: string, format: 'json' | 'yaml', limits: Limits = DEFAULT_LIMITS): LoadResult {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (format === 'json') {
    const problem = jsonProblem(body);
    if (problem) return { documents: [], problems: [problem] };
  }
  const deep = nestingBeyond(body, limits.maxDepth);
  if (deep !== null) return { documents: [], problems: [tooDeep(limits.maxDepth, deep)] };
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
    const places = new Map<string, Place>();
    const data = toJs(doc.contents as YamlNode | null, '', body, lc, places, 0, limits);
    documents.push({ data, sourceMap: new PlaceMap(places), ...(list.length > 1 ? { document: { index } } : {}) });
  });
  return { documents, problems };
}
