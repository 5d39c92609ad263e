/** Text decoding of imported tables (src/load/decode.ts). */
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeText, firstInvalidGb18030, isKnownEncoding } from '../src/load/decode.js';

const TEXT = '序号\t项目名称\t全年预算数\n1\t人大宣传\t１３０\n';

describe('decodeText', () => {
  it.each([
    ['UTF-8', Buffer.from(TEXT), 'utf-8'],
    ['UTF-8 with BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(TEXT)]), 'utf-8'],
    ['GB18030', iconv.encode(TEXT, 'gb18030'), 'gb18030'],
    ['GBK', iconv.encode(TEXT, 'gbk'), 'gb18030'],
    ['UTF-16LE with BOM', iconv.encode(TEXT, 'utf-16le', { addBOM: true }), 'utf-16le'],
    ['UTF-16LE without BOM', iconv.encode(TEXT, 'utf-16le'), 'utf-16le'],
    ['UTF-16BE with BOM', Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode(TEXT, 'utf-16be')]), 'utf-16be'],
  ])('detects %s', (_name, bytes, encoding) => {
    expect(decodeText(bytes)).toEqual({ text: TEXT, encoding });
  });

  it('an explicit encoding overrides detection', () => {
    const bytes = iconv.encode(TEXT, 'gb18030');
    expect(decodeText(bytes, 'GB18030')).toEqual({ text: TEXT, encoding: 'gb18030' });
    expect(decodeText(bytes, 'utf-8')).toMatchObject({ problem: { ruleId: 'parse-error', args: { detail: { zh: expect.stringContaining('不是有效的 UTF-8') } }, location: { line: 1, column: 1 } } });
    expect(decodeText(bytes, 'no-such-encoding')).toMatchObject({ problem: { ruleId: 'parse-error' } });
  });

  it('names the line and column of bytes no encoding accepts, in Chinese', () => {
    const bytes = Buffer.concat([Buffer.from('a\tb\nc\t'), Buffer.from([0x80, 0x41])]);
    const r = decodeText(bytes);
    expect(r).toMatchObject({ problem: { ruleId: 'parse-error', args: { detail: { zh: expect.stringContaining('无法识别文件的文字编码') } }, location: { pointer: '', line: 2, column: 3 } } });
  });

  it('a UTF-8 file with one bad byte is not read as GB18030', () => {
    const bytes = Buffer.concat([Buffer.from('项目名称\n人大'), Buffer.from([0xe5, 0xae]), Buffer.from('传\n')]);
    expect(decodeText(bytes)).toMatchObject({ problem: { args: { detail: { zh: expect.stringContaining('无效的 UTF-8') } }, location: { line: 2, column: 3 } } });
  });

  it('knows GB18030 structure and encoding names', () => {
    expect(firstInvalidGb18030(iconv.encode('年度≥95%', 'gb18030'))).toBe(iconv.encode('年度≥95%', 'gb18030').length);
    expect(firstInvalidGb18030(Buffer.from([0x41, 0xff]))).toBe(1);
    expect(isKnownEncoding('gbk')).toBe(true);
    expect(isKnownEncoding('utf-16le')).toBe(true);
    expect(isKnownEncoding('klingon')).toBe(false);
  });
});
