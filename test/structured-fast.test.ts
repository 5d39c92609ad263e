/**
 * The fast YAML reading (js-yaml events) against the full one (`yaml`'s document model): on
 * every YAML and JSON fixture, and on constructs it must decline, the two give the same values,
 * places and number sources — or the fast one declines and the full one answers.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fastRead, fullRead, loadStructured } from '../src/load/structured.js';
import type { LoadResult } from '../src/types.js';

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : /\.(ya?ml|json)$/.test(e.name) ? [join(dir, e.name)] : [],
  );
}

/** Every pointer of a value (the places a finding may point at). */
function pointers(value: unknown, pointer = ''): string[] {
  if (value === null || typeof value !== 'object') return [pointer];
  const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value);
  return [pointer, ...entries.flatMap(([k, v]) => pointers(v, `${pointer}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`))];
}

/** What a reading yields, as plain data: values, each pointer's place and number source. */
function view(r: LoadResult) {
  return {
    problems: r.problems,
    documents: r.documents.map((d) => ({
      data: d.data,
      document: d.document,
      protoKeys: JSON.stringify(d.data).includes('"__proto__"'),
      places: pointers(d.data).map((p) => [p, d.sourceMap.locate(p), d.sourceMap.sourceText?.(p)]),
    })),
  };
}

const FIXTURES = files(join(import.meta.dirname, '..', 'fixtures'));

describe('fast YAML reading = full reading', () => {
  it('finds the fixtures', () => {
    expect(FIXTURES.length).toBeGreaterThan(80);
  });

  it.each(FIXTURES.map((f) => [f.slice(f.indexOf('fixtures')), f]))('%s', (_name, file) => {
    const text = readFileSync(file as string, 'utf8').replace(/^\uFEFF/, '');
    const fast = fastRead(text);
    // declined: the full reading answers (with its documents, a problem, or a limit's refusal)
    if (fast) expect(view(fast)).toEqual(view(fullRead(text)));
    else expect(() => fullRead(text)).not.toThrow(TypeError);
  });

  const SAMPLES: Record<string, string> = {
    'numbers as written': 'a: 100.00\nb: [1.50, 0.0, -3]\nc: {d: 1e3, e: 0x1F}\nf: "2.00"\n',
    'empty values': 'a:\nb: ~\nc: []\nd: {}\ne: [1, {f: }, {h:}]\n"g":   \ni:  # note\n- j:\n',
    'several documents': 'a: 1\n---\nb: 2.0\n...\n---\nc: [3]\n',
    'quoted keys and values': '"a b": \'x\'\n\'c\': "y"\nlist:\n  - "q"\n  - \'r\'\n',
    'block scalars': 'a: |\n  line one\n  line two\nb: >-\n  folded\n  text\n',
    'keys with / and ~': 'a/b: 1\nc~d: 2\n',
    'a __proto__ key': '__proto__: {polluted: true}\nb: 2\n',
    'CRLF line ends': 'a: 1\r\nb:\r\n  - 2.50\r\n',
    'nested lists of maps': 'items:\n  - name: x\n    score: 10.0\n  -\n    name: y\n',
    'flow mapping across lines': 'a: {b: 1,\n  c: 2.0}\n',
  };
  it.each(Object.entries(SAMPLES))('%s', (_name, text) => {
    const fast = fastRead(text);
    expect(fast).not.toBeNull();
    expect(view(fast as LoadResult)).toEqual(view(fullRead(text)));
  });

  const DECLINED: Record<string, string> = {
    'an anchor and alias': 'a: &x 1\nb: *x\n',
    'a tag': 'a: !!str 5\n',
    'a numeric key': '1.0: a\n',
    'a null key': '~: a\n',
    'a complex key': '? [a, b]\n: c\n',
    'a duplicate key': 'a: 1\na: 2\n',
    'a syntax error': 'a: [1, 2\n',
    'a quoted key with an escape': '"a\\tb": 1\n',
    'an empty document among others': 'a: 1\n---\n---\nb: 2\n',
    'an empty text': '',
    'a comment-only text': '# nothing\n',
    'a number too large for a double': 'a: 1e400\n',
    'a comment holding | after a block indicator': 'a: | # x | y\n  text\n',
  };
  it.each(Object.entries(DECLINED))('declines %s, and loadStructured answers as the full reading', (_name, text) => {
    expect(fastRead(text)).toBeNull();
    expect(view(loadStructured(text, 'yaml'))).toEqual(view(fullRead(text)));
  });

  it('declines a list longer than the limit (the full reading names it)', () => {
    const text = `a: [${Array.from({ length: 12 }, (_, i) => i).join(', ')}]\n`;
    const limits = { maxItems: 10 } as unknown as Parameters<typeof fastRead>[1];
    expect(fastRead(text, { ...(fullLimits()), ...limits })).toBeNull();
  });
});

function fullLimits() {
  return { maxDepth: 64, maxItems: 10_000 } as unknown as NonNullable<Parameters<typeof fastRead>[1]>;
}

describe('fast reading = full reading on mutated fixtures (differential fuzz)', () => {
  // a fixed seed: the same 3,000 texts every run (mulberry32)
  let state = Number(process.env.FAST_FUZZ_SEED ?? 0x5eed);
  const random = () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)] as T;
  const TOKENS = [': ', '- ', '"', "'", '{', '}', '[', ']', ', ', '# ', '\n', '\n  ', '  ', '~', '1e3', '1e400', '0x1F', '100.00', '&a ', '*a', '!!str ', '| ', '>- ', '? ', '\t', '\r\n', '__proto__: ', '"a\\tb": ', '1.0: ', 'null', 'TRUE', '：', '　'];
  const YAML_FIXTURES = FIXTURES.filter((f) => /\.ya?ml$/.test(f)).map((f) => readFileSync(f, 'utf8'));

  it('agrees wherever the fast reading accepts a mutated text', () => {
    let accepted = 0;
    for (let n = 0; n < 3000; n++) {
      let text = pick(YAML_FIXTURES);
      for (let k = 1 + Math.floor(random() * 3); k > 0; k--) {
        const at = Math.floor(random() * text.length);
        const op = random();
        if (op < 0.4) text = text.slice(0, at) + pick(TOKENS) + text.slice(at);
        else if (op < 0.7) text = text.slice(0, at) + text.slice(at + 1 + Math.floor(random() * 4));
        else {
          const lines = text.split('\n');
          const i = Math.floor(random() * lines.length);
          lines.splice(i, 0, lines[i] as string);
          text = lines.join('\n');
        }
      }
      const fast = fastRead(text);
      if (!fast) continue;
      accepted++;
      let full: LoadResult;
      try {
        full = fullRead(text);
      } catch (e) {
        throw new Error(`the full reading throws where the fast one accepts:\n${text}\n${String(e)}`);
      }
      expect(view(fast), text).toEqual(view(full));
    }
    // most mutants stay readable YAML: the comparison is not vacuous
    expect(accepted).toBeGreaterThan(1000);
  });
});
