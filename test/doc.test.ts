/**
 * Legacy Word (.doc) and WPS Writer (.wps), issue 24: read through LibreOffice when it is
 * installed (src/node/soffice.ts) — seed 001 and seed 003 saved as Word 97-2003 by
 * scripts/make-doc-fixtures.mjs give the findings of their .docx at the same places — and one
 * unsupported-file finding saying what to install when it is not. The conversion tests run only
 * where LibreOffice is installed (it is an optional system package: see README).
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterEach, beforeAll, describe as suite, expect, it } from 'vitest';
import { loadBytes } from '../src/load/index.js';
import '../src/node/soffice.js';
import { makeDocFixtures, soffice } from '../scripts/make-doc-fixtures.mjs';
import { makeDocxFixtures } from '../scripts/make-docx-fixtures.mjs';
import { describe, describeExpected, lintFile, parseExpectations } from './helpers/linter.js';

const tmp = mkdtempSync(join(tmpdir(), 'jixiao-doc-'));
const installed = soffice() !== null;
let files: Record<string, string> = {};

beforeAll(async () => {
  if (installed) files = Object.fromEntries((await makeDocFixtures(tmp)).map((f) => [basename(f), f]));
}, 240_000);

const saved = process.env.JIXIAO_SOFFICE;
afterEach(() => {
  if (saved === undefined) delete process.env.JIXIAO_SOFFICE;
  else process.env.JIXIAO_SOFFICE = saved;
});

function expectedFor(name: string): string[] {
  const parsed = parseExpectations(readFileSync(join('fixtures/docx', `${name}.expected`), 'utf8'));
  if (!parsed) throw new Error(`${name}.expected has no # expect: block`);
  return parsed.map(describeExpected);
}

const findings = async (path: string) => (await lintFile(path)).flatMap((r) => r.findings).map((f) => describe(f, true));

suite('.doc and .wps without LibreOffice', () => {
  it('one unsupported-file finding that says what to install or how to re-save', async () => {
    process.env.JIXIAO_SOFFICE = '';
    const cfb = Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...new Uint8Array(504)]);
    for (const name of ['a.doc', 'b.wps']) {
      const r = await loadBytes(name, cfb);
      expect(r.documents).toEqual([]);
      expect(r.problems.map((p) => p.ruleId)).toEqual(['unsupported-file']);
      expect((r.problems[0]?.args.advice as { zh: string }).zh).toBe(
        '读取此格式需要安装 LibreOffice（如 apt-get install libreoffice-writer-nogui，或设置 JIXIAO_SOFFICE 指向 soffice）；也可用 Word 或 WPS 另存为 .docx 后再检查。',
      );
    }
  });

  it('a .docx saved under .doc is read as .docx; anything else is one Chinese line', async () => {
    process.env.JIXIAO_SOFFICE = '';
    const [seed] = await makeDocxFixtures(join(tmp, 'docx-only'));
    const a = await loadBytes('seed-001.docx', readFileSync(seed as string));
    const b = await loadBytes('seed-001.doc', readFileSync(seed as string));
    expect(b.documents.map((d) => d.data)).toEqual(a.documents.map((d) => d.data));
    const bad = await loadBytes('x.wps', Buffer.from('hello'));
    expect(bad.problems.map((p) => (p.args.detail as { zh: string }).zh)).toEqual(['不是有效的 Word 97-2003 或 WPS 文字文件：文件已损坏，或并非该格式。请用 Word 或 WPS 打开后另存为 .docx 再检查。']);
  });
});

suite.skipIf(!installed)('.doc and .wps through LibreOffice', () => {
  it('seed-001.doc: the findings of seed-001.docx at the same table cells', async () => {
    expect(await findings(files['seed-001.doc'] as string)).toEqual(expectedFor('seed-001.docx'));
  }, 120_000);

  it('report-003.wps: the narrative report, the findings of report-003.docx at the same paragraphs', async () => {
    expect(await findings(files['report-003.wps'] as string)).toEqual(expectedFor('report-003.docx'));
  }, 120_000);
});
