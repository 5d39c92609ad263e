/**
 * The page's iconv-lite (src/web/iconv-shim.ts) in Chromium, whose TextDecoder it relies on for
 * the two-byte GB18030 codes: every two-byte and four-byte code and malformed input must decode
 * as iconv-lite decodes them in Node (the command line). test/web-iconv.test.ts does the same
 * with Node's TextDecoder, and covers the other encodings.
 */
import iconv from 'iconv-lite';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { open, type Session } from './browser.js';
import { buildShim } from './iconv-shim-build.js';

let s: Session;
let page: Page;

beforeAll(async () => {
  s = await open();
  page = s.page;
  // a page of its own, without the self-check page's CSP: the shim as a classic script
  await page.setContent('<!doctype html><title>iconv shim</title>');
  await page.addScriptTag({ content: await buildShim('iife') });
});

afterAll(async () => {
  await s?.close();
});

/** Decode in Chromium with the shim (the bytes travel as a latin1 string: one character a byte). */
function decodeInBrowser(bytes: number[], encoding = 'gb18030'): Promise<string> {
  return page.evaluate(
    ([b, e]) =>
      (globalThis as unknown as { __iconvShim: { default: { decode(x: Uint8Array, e: string): string } } }).__iconvShim.default.decode(
        Uint8Array.from(b, (c) => c.charCodeAt(0)),
        e,
      ),
    [Buffer.from(bytes).toString('latin1'), encoding] as const,
  );
}

describe("the page's iconv-lite in Chromium", () => {
  it('decodes every GB18030 two-byte code as iconv-lite (the GB18030-2022 changes undone)', async () => {
    // each pair on a line of its own (a newline never continues a sequence)
    const bytes: number[] = [];
    const pairs: string[] = [];
    for (let a = 0x81; a <= 0xff; a++) {
      for (let b = 0x21; b <= 0xff; b++) {
        if (b === 0x0a) continue;
        bytes.push(a, b, 0x0a);
        pairs.push(`${a.toString(16)}${b.toString(16)}`);
      }
    }
    const shown = (await decodeInBrowser(bytes)).split('\n');
    const expected = iconv.decode(Buffer.from(bytes), 'gb18030').split('\n');
    expect(shown.length).toBe(expected.length);
    const differ = pairs.filter((_, i) => shown[i] !== expected[i]);
    expect(differ).toEqual([]);
    // the codes GB18030-2022 changed: Chromium's decoder gives the new characters, the shim iconv-lite's
    const native = await page.evaluate(() => new TextDecoder('gb18030').decode(Uint8Array.of(0xa6, 0xd9)));
    expect(shown[pairs.indexOf('a6d9')]).toBe(iconv.decode(Buffer.from([0xa6, 0xd9]), 'gb18030'));
    expect([0xfe10, 0xe78d]).toContain(native.codePointAt(0));
  });

  it('decodes every GB18030 four-byte code, and malformed bytes, as iconv-lite', async () => {
    const four: number[] = [];
    for (let a = 0x81; a <= 0xfe; a++) for (let b = 0x30; b <= 0x39; b++) for (let c = 0x81; c <= 0xfe; c++) for (let d = 0x30; d <= 0x39; d++) four.push(a, b, c, d, 0x0a);
    // in slices: one evaluate call carries a few MB at most
    const step = 5 * 400_000;
    for (let i = 0; i < four.length; i += step) {
      const part = four.slice(i, i + step);
      expect(await decodeInBrowser(part)).toBe(iconv.decode(Buffer.from(part), 'gb18030'));
    }
    let x = 7;
    const malformed: number[] = [];
    for (let i = 0; i < 20_000; i++) {
      x = (x * 1103515245 + 12345) >>> 0;
      malformed.push([0x81, 0x30, 0x39, 0xfe, 0xff, 0x80, 0x41, 0x7f, 0xa6, 0xd9, 0x84, 0x31, 0xb0, 0xa1][(x >>> 16) % 14]!);
    }
    expect(await decodeInBrowser(malformed)).toBe(iconv.decode(Buffer.from(malformed), 'gb18030'));
  });

  it('decodes Windows-1252 and well-formed Big5 as iconv-lite', async () => {
    const every = Array.from({ length: 256 }, (_, b) => b);
    expect(await decodeInBrowser(every, 'windows-1252')).toBe(iconv.decode(Buffer.from(every), 'windows-1252'));
    const big5 = [...iconv.encode('項目支出績效自評表 預算執行率 100%', 'big5hkscs')];
    expect(await decodeInBrowser(big5, 'big5hkscs')).toBe('項目支出績效自評表 預算執行率 100%');
  });

  it('made no request', () => {
    expect(s.refused).toEqual([]);
    expect(s.errors).toEqual([]);
  });
});
