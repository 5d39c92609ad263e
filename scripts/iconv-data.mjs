// The data of the self-check page's iconv-lite (src/web/iconv-shim.ts), taken from iconv-lite
// itself at build time (scripts/build-web.mjs serves it as the virtual module 'jixiao:iconv-data';
// test/web-iconv.test.ts builds the shim with it too).
import { createRequire } from 'node:module';

/**
 * What src/web/iconv-shim.ts, the page's iconv-lite, knows (the virtual module 'jixiao:iconv-data'),
 * taken from iconv-lite itself: every encoding name it knows that the shim decodes, the
 * single-byte tables as iconv-lite decodes all 256 bytes, and its GB18030 four-byte ranges.
 */
export function iconvData() {
  const require = createRequire(import.meta.url);
  const iconv = require('iconv-lite');
  iconv.getCodec('utf-8'); // loads iconv.encodings
  const targets = [];
  const index = new Map();
  const target = (t) => {
    const k = JSON.stringify(t);
    if (!index.has(k)) index.set(k, targets.push(t) - 1);
    return index.get(k);
  };
  const sbcs = [];
  const sbcsIndex = new Map();
  const whatwg = { shiftjis: 'shift_jis', eucjp: 'euc-jp', cp936: 'gbk', gbk: 'gbk', cp949: 'euc-kr', cp950: 'big5', big5hkscs: 'big5' };
  const internal = { utf8: 'utf8', ucs2: 'utf16le', binary: 'latin1', base64: 'base64', hex: 'hex' };
  const names = {};
  for (const name of Object.keys(iconv.encodings).sort()) {
    if (name.startsWith('_')) continue;
    let key = name;
    while (typeof iconv.encodings[key] === 'string') key = iconv.encodings[key];
    const def = iconv.encodings[key];
    let t;
    if (def?.type === '_sbcs') {
      const all = iconv.decode(Buffer.from(Array.from({ length: 256 }, (_, b) => b)), name);
      if (all.length !== 256) throw new Error(`iconv-lite ${name}: not one character per byte`);
      const ascii = Array.from(all.slice(0, 128), (c) => c.charCodeAt(0)).every((c, b) => c === b);
      const table = ascii ? all.slice(128) : all;
      if (!sbcsIndex.has(table)) sbcsIndex.set(table, sbcs.push(table) - 1);
      t = { kind: 'sbcs', table: sbcsIndex.get(table) };
    } else if (def?.type === '_dbcs') {
      t = key === 'gb18030' ? { kind: 'gb18030' } : whatwg[key] ? { kind: 'whatwg', label: whatwg[key] } : undefined;
    } else if (def?.type === '_internal') {
      t = internal[key] ? { kind: internal[key] } : undefined;
    } else if (key === 'utf16be' || key === 'utf16') {
      t = { kind: key };
    }
    if (!t) continue; // UTF-32, UTF-7, CESU-8: not in the page
    // the Unicode encodings drop a leading BOM (iconv-lite's bomAware codecs; "utf16" through the one it picks)
    if (iconv.getCodec(name).bomAware || key === 'utf16') t.bomAware = true;
    names[name] = target(t);
  }
  if (!names.gb18030 || !names.utf8 || !names.windows1252) throw new Error('iconv-lite: gb18030, utf8 or windows1252 missing');
  const ranges = require('iconv-lite/encodings/tables/gb18030-ranges.json');
  const fourByte = {};
  for (const [code, chars] of require('iconv-lite/encodings/tables/gbk-added.json')) {
    if (code.length === 8) fourByte[code] = chars;
  }
  // The two-byte codes GB18030-2022 (and the WHATWG index since) maps to new characters that
  // iconv-lite maps to the private-use ones of GB18030-2005.
  const changed = {
    a6d9: 0xfe10, a6da: 0xfe12, a6db: 0xfe11, a6dc: 0xfe13, a6dd: 0xfe14, a6de: 0xfe15, a6df: 0xfe16, a6ec: 0xfe17, a6ed: 0xfe18, a6f3: 0xfe19,
    fe59: 0x9fb4, fe61: 0x9fb5, fe66: 0x9fb6, fe67: 0x9fb7, fe6d: 0x9fb8, fe7e: 0x9fb9, fe90: 0x9fba, fea0: 0x9fbb,
  };
  const twoByte2005 = {};
  for (const [code, now] of Object.entries(changed)) twoByte2005[String.fromCharCode(now)] = iconv.decode(Buffer.from(code, 'hex'), 'gb18030');
  return { targets, names, sbcs, gb18030: { uChars: ranges.uChars, gbChars: ranges.gbChars, fourByte, twoByte2005 } };
}

