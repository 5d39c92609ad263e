/**
 * The self-check page's iconv-lite (src/web/iconv-shim.ts, with the data scripts/iconv-data.mjs
 * takes from iconv-lite): it must decode as iconv-lite does. Built here as the page builds it and
 * compared with iconv-lite byte for byte: every name iconv-lite knows, every single-byte table,
 * the Unicode encodings with and without a BOM, and GB18030 over every two-byte and four-byte
 * code and malformed input. (Node's TextDecoder is ICU's; test/browser/iconv-shim.browser.test.ts
 * repeats the GB18030 comparison with Chromium's.)
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import iconv from 'iconv-lite';
import { beforeAll, describe, expect, it } from 'vitest';
import { iconvData } from '../scripts/iconv-data.mjs';
import { buildShim } from './browser/iconv-shim-build.js';

const ROOT = resolve(import.meta.dirname, '..');

interface Shim {
  encodingExists(name: string): boolean;
  decode(bytes: Uint8Array, encoding: string, options?: { stripBOM?: boolean }): string;
}

let shim: Shim;

beforeAll(async () => {
  const file = join(mkdtempSync(join(tmpdir(), 'jixiao-iconv-shim-')), 'shim.mjs');
  writeFileSync(file, await buildShim('esm'));
  shim = ((await import(pathToFileURL(file).href)) as { default: Shim }).default;
});

/** A deterministic pseudo-random byte string. */
function randomBytes(seed: number, length: number, pick?: (r: number) => number): Uint8Array {
  let x = seed >>> 0 || 1;
  const out = new Uint8Array(length);
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    out[i] = pick ? pick(x) : x & 0xff;
  }
  return out;
}

const NOT_IN_PAGE = /^(utf32|utf32le|utf32be|ucs4|ucs4le|ucs4be|utf7|unicode11utf7|utf7imap|cesu8)$/;
const allNames = () => {
  iconv.getCodec('utf-8');
  return Object.keys((iconv as unknown as { encodings: Record<string, unknown> }).encodings).filter((n) => !n.startsWith('_'));
};
const data = iconvData();
const kindOf = (name: string) => data.targets[data.names[name] as number]?.kind;

describe("the page's iconv-lite (src/web/iconv-shim.ts)", () => {
  it('knows every encoding name iconv-lite knows, but UTF-32, UTF-7 and CESU-8', () => {
    const names = allNames();
    expect(names.length).toBeGreaterThan(400);
    for (const name of names) expect(shim.encodingExists(name), name).toBe(!NOT_IN_PAGE.test(name));
    // spelled as people and web pages spell them
    for (const label of ['UTF-8', 'utf8', 'GB18030', 'gbk', 'GB2312', 'cp936', 'Windows-1252', 'ISO-8859-1', 'latin1', 'UTF-16LE', 'Big5', 'Shift_JIS', 'EUC-KR', 'KOI8-R', 'x-no-such', '', 'constructor', '__proto__']) {
      expect(shim.encodingExists(label), label).toBe(iconv.encodingExists(label));
    }
  });

  it('decodes every single-byte encoding, latin1, base64 and hex as iconv-lite, every byte', () => {
    const every = Uint8Array.from({ length: 256 }, (_, b) => b);
    let checked = 0;
    for (const name of allNames()) {
      const kind = kindOf(name);
      if (kind !== 'sbcs' && kind !== 'latin1' && kind !== 'base64' && kind !== 'hex') continue;
      for (const bytes of [every, randomBytes(checked + 1, 1001), new Uint8Array(0), Uint8Array.of(0xef, 0xbb, 0xbf, 0x41)]) {
        expect(shim.decode(bytes, name), name).toBe(iconv.decode(Buffer.from(bytes), name));
      }
      checked++;
    }
    expect(checked).toBeGreaterThan(300);
  });

  it('decodes UTF-8, UTF-16LE/BE and UTF-16 (guessed) as iconv-lite, BOM dropped or kept as asked', () => {
    const text = '项目支出绩效自评表 ABC 123 😀\u0000';
    const cases: Array<[string, Uint8Array]> = [];
    for (const name of ['utf8', 'utf-8', 'unicode-1-1-utf-8', 'ucs2', 'utf16le', 'utf-16le', 'utf16be', 'utf-16be', 'utf16', 'utf-16']) {
      const enc = iconv.encode(text, name, { addBOM: false });
      const bom = iconv.encode(text, name, { addBOM: true });
      cases.push([name, enc], [name, bom], [name, enc.subarray(0, enc.length - 1)], [name, randomBytes(enc.length, 999)], [name, randomBytes(7, 64, (r) => (r & 1 ? 0 : r & 0x7f))]);
      // lone surrogates, odd lengths
      cases.push([name, Uint8Array.of(0x00, 0xd8, 0x41, 0x00)], [name, Uint8Array.of(0xd8, 0x00, 0x00, 0x41, 0x42)]);
    }
    // UTF-8 the loader lets through (src/load/decode.ts checks lead and continuation bytes only)
    for (const bytes of [[0xe0, 0x80, 0x80], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xef, 0xbb, 0xbf, 0xef, 0xbb, 0xbf, 0x41]]) cases.push(['utf-8', Uint8Array.from(bytes)]);
    for (const [name, bytes] of cases) {
      expect(shim.decode(bytes, name), `${name} ${Buffer.from(bytes).toString('hex')}`).toBe(iconv.decode(Buffer.from(bytes), name));
      expect(shim.decode(bytes, name, { stripBOM: true })).toBe(iconv.decode(Buffer.from(bytes), name, { stripBOM: true }));
      expect(shim.decode(bytes, name, { stripBOM: false })).toBe(iconv.decode(Buffer.from(bytes), name, { stripBOM: false }));
    }
  });

  it('decodes GB18030 as iconv-lite: every two-byte and four-byte code, malformed bytes, the seeds', () => {
    const mismatches: string[] = [];
    const compare = (bytes: Uint8Array, what: string) => {
      const a = shim.decode(bytes, 'gb18030');
      const b = iconv.decode(Buffer.from(bytes), 'gb18030');
      if (a !== b && mismatches.length < 5) mismatches.push(`${what}: ${JSON.stringify(a.slice(0, 40))} ≠ ${JSON.stringify(b.slice(0, 40))}`);
    };
    // every lead byte with every second byte, each pair alone and all of them in one text
    const pairs: number[] = [];
    for (let a = 0x80; a <= 0xff; a++) for (let b = 0; b <= 0xff; b++) pairs.push(a, b);
    for (let i = 0; i < pairs.length; i += 2) compare(Uint8Array.of(pairs[i]!, pairs[i + 1]!), `${pairs[i]!.toString(16)} ${pairs[i + 1]!.toString(16)}`);
    compare(Uint8Array.from(pairs), 'all pairs');
    // every four-byte code, each followed by a newline
    const four: number[] = [];
    for (let a = 0x81; a <= 0xfe; a++) for (let b = 0x30; b <= 0x39; b++) for (let c = 0x81; c <= 0xfe; c++) for (let d = 0x30; d <= 0x39; d++) four.push(a, b, c, d, 0x0a);
    const fourBytes = Uint8Array.from(four);
    const byLine = (s: string) => s.split('\n');
    const shimLines = byLine(shim.decode(fourBytes, 'gb18030'));
    const iconvLines = byLine(iconv.decode(Buffer.from(fourBytes), 'gb18030'));
    expect(shimLines.length).toBe(iconvLines.length);
    shimLines.forEach((l, i) => {
      if (l !== iconvLines[i] && mismatches.length < 5) mismatches.push(`four-byte #${i}: ${JSON.stringify(l)} ≠ ${JSON.stringify(iconvLines[i])}`);
    });
    // malformed and cut-short sequences, mixed with text
    for (let seed = 1; seed <= 300; seed++) {
      compare(randomBytes(seed, 200), `random ${seed}`);
      compare(randomBytes(seed, 200, (r) => [0x81, 0x30, 0x39, 0xfe, 0xff, 0x80, 0x41, 0x7f, 0xa6, 0xd9, 0x84, 0x31][r % 12]!), `structured ${seed}`);
    }
    for (const bytes of [[0x81], [0x81, 0x30], [0x81, 0x30, 0x81], [0x84, 0x31, 0x95, 0x33, 0x41], [0x81, 0x35, 0xf4, 0x37], [0xe3, 0x32, 0x9a, 0x36], [0xfe, 0x39, 0xfe, 0x39]]) compare(Uint8Array.from(bytes), Buffer.from(bytes).toString('hex'));
    // real text: the seed tables, as GB18030
    for (const f of ['fixtures/import/seed-000.txt']) compare(iconv.encode(readFileSync(join(ROOT, f), 'utf8'), 'gb18030'), f);
    expect(mismatches).toEqual([]);
  });

  it("decodes the other double-byte encodings' well-formed text as iconv-lite (by the browser's decoder)", () => {
    const samples: Record<string, string> = {
      big5hkscs: '項目支出績效自評表 預算執行率 100%',
      cp950: '項目支出績效自評表',
      shiftjis: '予算執行率 テスト ｱｲｳ',
      eucjp: '予算執行率 テスト',
      euckr: '예산 집행률 테스트',
      cp949: '예산 집행률',
      gbk: '项目支出绩效自评表 预算执行率',
      cp936: '项目支出绩效自评表',
      gb2312: '项目支出绩效自评表',
    };
    for (const [name, text] of Object.entries(samples)) {
      const bytes = iconv.encode(text, name);
      expect(shim.decode(bytes, name), name).toBe(iconv.decode(bytes, name));
      expect(shim.decode(bytes, name), name).toBe(text);
    }
  });
});
