/**
 * Web pages (.html/.htm, src/load/html.ts): the HTML table model on exact grids, the text a
 * browser shows, the page as one grid with its places, encodings, and the fixtures in
 * fixtures/html (each with its findings in <name>.html.expected): seed 004 as the government page
 * it was copied from (same findings as its YAML transcription) and a project self-evaluation
 * form full of merged cells, also read as GBK.
 */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { describe as suite, expect, it } from 'vitest';
import { declaredCharset, expandTable, htmlGrid, MAX_COLSPAN, MAX_ROWSPAN, parseNonNegativeInteger, type SourceRow } from '../src/load/html.js';
import { loadBytes } from '../src/load/index.js';
import { DEFAULT_LIMITS } from '../src/load/limits.js';
import { joinPointer, type LoadedDocument, type Localized } from '../src/types.js';
import { describe, describeExpected, lintFile, parseExpectations } from './helpers/linter.js';

const DIR = 'fixtures/html';
const tmp = mkdtempSync(join(tmpdir(), 'jixiao-html-'));

/** Rows of one-cell-per-<td> source rows: 'a' is a cell, {text, colspan, rowspan} a spanning one. */
type C = string | { t: string; cs?: string; rs?: string };
const g = (...rows: C[][]): SourceRow[] =>
  rows.map((cells) => ({ cells: cells.map((c) => (typeof c === 'string' ? { text: c } : { text: c.t, colspan: c.cs ?? null, rowspan: c.rs ?? null })) }));

async function findingsOf(path: string, withPlace = true): Promise<string[]> {
  return (await lintFile(path)).flatMap((r) => r.findings).map((f) => describe(f, withPlace));
}

function expectedFor(name: string): string[] {
  const parsed = parseExpectations(readFileSync(join(DIR, `${name}.expected`), 'utf8'));
  if (!parsed) throw new Error(`${name}.expected has no # expect: block`);
  return parsed.map(describeExpected);
}

async function documentOf(path: string): Promise<LoadedDocument> {
  const loaded = await loadBytes(path, readFileSync(path));
  expect(loaded.problems).toEqual([]);
  expect(loaded.documents).toHaveLength(1);
  return loaded.documents[0] as LoadedDocument;
}

function write(name: string, bytes: Uint8Array | string): string {
  const p = join(tmp, name);
  writeFileSync(p, bytes);
  return p;
}

suite('the HTML table model', () => {
  it('a slot taken by a rowspan from above pushes the next cell right', () => {
    expect(expandTable([g([{ t: 'a', rs: '2' }, 'b', 'c'], ['d', 'e'])])).toMatchObject({
      rows: [
        ['a', 'b', 'c'],
        ['', 'd', 'e'],
      ],
      merges: [{ top: 0, left: 0, bottom: 1, right: 0 }],
    });
    expect(expandTable([g(['a', { t: 'b', rs: '2' }, 'c'], ['d', 'e'])]).rows).toEqual([
      ['a', 'b', 'c'],
      ['d', '', 'e'],
    ]);
  });

  it('a colspan × rowspan block holds its text in the top-left slot', () => {
    const t = expandTable([g([{ t: 'a', cs: '2', rs: '2' }, 'b'], ['c'], ['d', 'e', 'f'])]);
    expect(t.rows).toEqual([
      ['a', '', 'b'],
      ['', '', 'c'],
      ['d', 'e', 'f'],
    ]);
    expect(t.merges).toEqual([{ top: 0, left: 0, bottom: 1, right: 1 }]);
  });

  it('rowspan="0" reaches the end of its row group and no further', () => {
    const t = expandTable([g([{ t: 'x', rs: '0' }, 'a'], ['b'], ['c']), g(['d', 'e'], ['f', 'g'])]);
    expect(t.rows).toEqual([
      ['x', 'a'],
      ['', 'b'],
      ['', 'c'],
      ['d', 'e'],
      ['f', 'g'],
    ]);
    expect(t.merges).toEqual([{ top: 0, left: 0, bottom: 2, right: 0 }]);
  });

  it('a rowspan past the end of its row group stops there, as browsers draw it', () => {
    const t = expandTable([g([{ t: 'x', rs: '5' }, 'a'], ['b']), g(['c', 'd'])]);
    expect(t.rows).toEqual([
      ['x', 'a'],
      ['', 'b'],
      ['c', 'd'],
    ]);
    expect(t.merges).toEqual([{ top: 0, left: 0, bottom: 1, right: 0 }]);
  });

  it('colspan is clamped to 1000', () => {
    // (a table wider than the default --max-columns of 1000: allowed here to see the clamp)
    const t = expandTable([g([{ t: 'wide', cs: '5000' }, 'next'])], { limits: { ...DEFAULT_LIMITS, maxColumns: 2000 }, used: 0 });
    expect(MAX_COLSPAN).toBe(1000);
    expect(t.rows[0]).toHaveLength(1001);
    expect(t.rows[0]?.[1000]).toBe('next');
    expect(t.merges).toEqual([{ top: 0, left: 0, bottom: 0, right: 999 }]);
  });

  it('rowspan is clamped to 65534', () => {
    const rows: C[][] = [[{ t: 'tall', rs: '100000' }]];
    for (let i = 1; i < 65536; i++) rows.push([`r${i}`]);
    const t = expandTable([g(...rows)]);
    expect(MAX_ROWSPAN).toBe(65534);
    expect(t.rows[65533]).toEqual(['', 'r65533']);
    expect(t.rows[65534]).toEqual(['r65534', '']);
    expect(t.merges).toEqual([{ top: 0, left: 0, bottom: 65533, right: 0 }]);
  });

  it('span attributes are read by the rules for parsing non-negative integers', () => {
    expect([' 2px', '+3', '0', '-0', 'abc', '-1', '', null, undefined].map(parseNonNegativeInteger)).toEqual([2, 3, 0, 0, null, null, null, null, null]);
    // colspan 0 or unreadable is 1; rowspan unreadable is 1; rowspan " 0 " grows down
    expect(expandTable([g([{ t: 'a', cs: '0' }, { t: 'b', cs: 'x' }, { t: 'c', rs: '-2' }], ['d', 'e', 'f'])]).rows).toEqual([
      ['a', 'b', 'c'],
      ['d', 'e', 'f'],
    ]);
    expect(expandTable([g([{ t: 'a', rs: ' 0 ' }, 'b'], ['c'], ['d'])]).rows).toEqual([
      ['a', 'b'],
      ['', 'c'],
      ['', 'd'],
    ]);
  });

  it('overlapping cells (a table model error): a slot keeps the cell that took it first', () => {
    const t = expandTable([g(['a', { t: 'b', rs: '2' }], [{ t: 'c', cs: '3' }])]);
    expect(t.rows).toEqual([
      ['a', 'b', ''],
      ['c', '', ''],
    ]);
    expect(t.owners[1]?.[1]?.text).toBe('b');
    expect(t.owners[1]?.[2]?.text).toBe('c');
  });

  it('short rows and rows without cells are padded to the table width', () => {
    expect(expandTable([g(['a', 'b', 'c'], [], ['d'])]).rows).toEqual([
      ['a', 'b', 'c'],
      ['', '', ''],
      ['d', '', ''],
    ]);
  });
});

suite('a page as one grid', () => {
  const page = [
    '<!DOCTYPE html><html><head><title>不显示</title></head><body>',
    '<h1>标题',
    '一</h1>',
    '<p>第一行<br>第二行  有 空格</p>',
    '<div>文字<span>接着</span> <b>粗体</b>&nbsp;</div>',
    '<script>x</script><style>p{}</style><template><p>模板</p></template><div hidden>隐藏</div><p style="color:red; display: none">也隐藏</p>',
    '<table><caption>表题</caption>',
    '<tr><td>a &amp; b</td><td rowspan=2><p>一</p><p>二</p></td></tr>',
    '<tr><td>c<br>d</td></tr>',
    '</table>',
    '  末尾',
    '</body></html>',
  ].join('\n');

  it('text blocks are rows of one cell, table rows follow in document order', () => {
    const grid = htmlGrid(page);
    expect(grid.rows).toEqual([['标题一'], ['第一行'], ['第二行 有 空格'], ['文字接着 粗体'], ['表题'], ['a & b', '一\n二'], ['c\nd', ''], ['末尾']]);
    expect(grid.positional).toBe(true);
    expect(grid.merges).toEqual([{ top: 5, left: 1, bottom: 6, right: 1 }]);
  });

  it('places text at its element (or after a <br>, at the text), cells at 表k!C5 with the line of their <td>', () => {
    const grid = htmlGrid(page);
    expect([0, 1, 2, 3, 4, 7].map((r) => grid.place(r, 0))).toEqual([
      { line: 2, column: 1 },
      { line: 4, column: 1 },
      { line: 4, column: 11 },
      { line: 5, column: 1 },
      { line: 7, column: 8 },
      { line: 11, column: 3 },
    ]);
    expect(grid.place(5, 0)).toEqual({ sheet: '表1', cell: 'A1', line: 8 });
    expect(grid.place(5, 1)).toEqual({ sheet: '表1', cell: 'B1', line: 8 });
    // a covered slot keeps its own address and the line of the cell covering it
    expect(grid.place(6, 1)).toEqual({ sheet: '表1', cell: 'B2', line: 8 });
    expect(grid.place(6, 0)).toEqual({ sheet: '表1', cell: 'A2', line: 9 });
  });

  it('tables are numbered on the page; tfoot rows come last; the parser repairs markup as browsers do', () => {
    const grid = htmlGrid(
      [
        '<table>前<tr><td>1<td>2<tr><td>3</table>',
        '<p>中间</p>',
        '<table><thead><tr><th>h</th></tr></thead><tfoot><tr><td>f</td></tr></tfoot><tbody><tr><td>b</td></tr></tbody></table>',
      ].join('\n'),
    );
    // "前" is foster-parented before its table; unclosed cells and rows are closed
    expect(grid.rows).toEqual([['前'], ['1', '2'], ['3', ''], ['中间'], ['h'], ['b'], ['f']]);
    expect([1, 2, 4, 5, 6].map((r) => grid.place(r, 0).sheet! + grid.place(r, 0).cell!)).toEqual(['表1A1', '表1A2', '表2A1', '表2A2', '表2A3']);
  });

  it('a table inside a cell joins the outer cell, one line per nested cell', () => {
    const grid = htmlGrid('<table><tr><td>外<table><tr><td>内1</td><td>内2</td></tr></table></td><td>x</td></tr><tr><td>y</td><td>z</td></tr></table>');
    expect(grid.rows).toEqual([
      ['外\n内1\n内2', 'x'],
      ['y', 'z'],
    ]);
  });

  it('a layout table framing the page is read as the page, its tables as tables of the page', () => {
    const grid = htmlGrid(
      '<table width=960><tr><td>页眉</td></tr><tr><td><p>正文标题</p><table><tr><td>a</td><td>b</td></tr><tr><td>c</td><td>d</td></tr></table></td></tr></table>',
    );
    expect(grid.rows).toEqual([['页眉'], ['正文标题'], ['a', 'b'], ['c', 'd']]);
    expect(grid.place(2, 1)).toMatchObject({ sheet: '表1', cell: 'B1' });
    expect(htmlGrid('<table role="presentation"><tr><td>框</td></tr></table>').rows).toEqual([['框']]);
  });

  it('pages saved by Word and Excel ("save as web page"): wrapped source lines, <o:p>, conditional comments, the hidden width row', () => {
    const grid = htmlGrid(
      [
        '<html xmlns:o="urn:schemas-microsoft-com:office:office"><head><meta http-equiv=Content-Type content="text/html; charset=gb2312">',
        '<style><!-- p.MsoNormal {margin:0cm} --></style></head><body lang=ZH-CN>',
        "<div class=WordSection1><p class=MsoNormal align=center><b><span style='font-size:16.0pt'>项目支出绩效</span></b><b><span",
        "style='font-size:16.0pt'>自评表<o:p></o:p></span></b></p>",
        '<table class=MsoNormalTable border=1>',
        " <tr><td rowspan=2><p class=MsoNormal><span style='font-family:宋体'>年度总体</span><span>目标<o:p></o:p></span></p></td>",
        "  <td><p class=MsoNormal><span style='font-family:宋体'>组织代表培训",
        "  8</span><span style='font-family:宋体'>场，提升代表",
        '  履职能力。<o:p></o:p></span></p></td></tr>',
        ' <tr><td><p class=MsoNormal><![if !supportEmptyParas]>&nbsp;<![endif]><o:p></o:p></p></td></tr>',
        ' <![if supportMisalignedColumns]>',
        " <tr height=0 style='display:none'><td width=72></td><td width=300></td></tr>",
        ' <![endif]>',
        '</table></div></body></html>',
      ].join('\n'),
    );
    expect(grid.rows).toEqual([['项目支出绩效自评表'], ['年度总体目标', '组织代表培训 8场，提升代表履职能力。'], ['', '']]);
  });

  it('hidden rows and cells are not laid out; <pre> keeps its lines', () => {
    const grid = htmlGrid('<table><tr><td>a</td><td style="display:none">x</td><td>b</td></tr><tr hidden><td>y</td></tr></table><pre>  一  二\n三</pre>');
    expect(grid.rows).toEqual([['a', 'b'], ['一  二'], ['三']]);
  });
});

suite('encodings', () => {
  const source = readFileSync(join(DIR, 'merges.html'), 'utf8');
  const gbk = (text: string) => {
    const bytes = iconv.encode(text, 'gbk');
    expect(iconv.decode(bytes, 'gbk')).toBe(text);
    return bytes;
  };

  it('the charset a page declares is read from its <meta> before the body', () => {
    const at = (s: string) => declaredCharset(new TextEncoder().encode(s));
    expect(at('<meta charset="GBK"><body>')).toBe('GBK');
    expect(at("<META HTTP-EQUIV='Content-Type' CONTENT='text/html; charset=gb2312'>")).toBe('gb2312');
    expect(at('<!-- <meta charset="big5"> --><meta charset=gb18030>')).toBe('gb18030');
    expect(at('<body><meta charset="gbk">')).toBeNull();
    expect(at('<p>无</p>')).toBeNull();
  });

  it('GBK declared by <meta charset="gbk">, GB2312 by http-equiv, and undeclared GBK give the same findings as UTF-8', async () => {
    const utf8 = await findingsOf(join(DIR, 'merges.html'));
    expect(source).toContain('<meta charset="utf-8">');
    const declared = write('merges.gbk.html', gbk(source.replace('<meta charset="utf-8">', '<meta charset="gbk">')));
    const httpEquiv = write('merges.gb2312.htm', gbk(source.replace('<meta charset="utf-8">', '<meta http-equiv="Content-Type" content="text/html; charset=gb2312">')));
    const undeclared = write('merges.nometa.html', gbk(source.replace('<meta charset="utf-8">', '')));
    expect(await findingsOf(declared)).toEqual(utf8);
    expect(await findingsOf(httpEquiv)).toEqual(utf8);
    expect(await findingsOf(undeclared)).toEqual(utf8);
    const base = (await documentOf(join(DIR, 'merges.html'))).data;
    expect((await documentOf(declared)).data).toEqual(base);
  });

  it('a byte order mark outweighs the declaration', async () => {
    const bom = write('bom.html', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(source.replace('<meta charset="utf-8">', '<meta charset="gbk">'))]));
    expect((await documentOf(bom)).data).toEqual((await documentOf(join(DIR, 'merges.html'))).data);
  });

  it('bytes that do not fit the declared encoding are one parse-error in Chinese, at the line; --encoding overrides', async () => {
    const bytes = gbk(source); // GBK bytes, but the page says utf-8
    const loaded = await loadBytes('wrong.html', bytes);
    expect(loaded.documents).toEqual([]);
    expect(loaded.problems).toHaveLength(1);
    const [p] = loaded.problems;
    expect(p?.ruleId).toBe('parse-error');
    const firstChinese = source.split('\n').findIndex((l) => /[^\x00-\x7f]/.test(l)) + 1;
    expect(p?.location).toMatchObject({ pointer: '', line: firstChinese });
    const detail = p?.args.detail as Localized;
    expect(detail.zh).toBe(
      `网页声明的文字编码是「utf-8」，但文件内容第 ${firstChinese} 行起不符合这种编码，无法读取。请在浏览器中打开该网页，“另存为”网页（UTF-8 编码）后再检查，或用 --encoding 指定正确的编码`,
    );
    expect(detail.zh).not.toMatch(/invalid|byte|offset|偏移/i);
    expect(detail.en).toContain('declares the encoding "utf-8"');
    const forced = await loadBytes('wrong.html', bytes, { encoding: 'gbk' });
    expect(forced.problems).toEqual([]);
    expect(forced.documents[0]?.data).toEqual((await documentOf(join(DIR, 'merges.html'))).data);
  });

  it('undeclared bytes that are neither UTF-8 nor GB18030 are one parse-error in Chinese', async () => {
    const loaded = await loadBytes('x.html', new Uint8Array([0x3c, 0x70, 0x3e, 0x0a, 0x80, 0x80, 0x80]));
    expect(loaded.problems).toHaveLength(1);
    expect(loaded.problems[0]?.location).toMatchObject({ line: 2 });
    expect((loaded.problems[0]?.args.detail as Localized).zh).toMatch(/^无法识别网页的文字编码：网页没有声明编码，文件内容第 2 行起既不是 UTF-8 也不是 GB18030\/GBK。/);
  });
});

suite('loading pages', () => {
  it('.html, .htm and upper-case names are read', async () => {
    const text = readFileSync(join(DIR, 'merges.html'));
    for (const name of ['a.html', 'b.htm', 'C.HTML', 'D.HTM']) {
      const loaded = await loadBytes(name, text);
      expect(loaded.documents, name).toHaveLength(1);
    }
  });

  it('elements nested too deeply to walk are one parse-error in Chinese, not a crash', async () => {
    const loaded = await loadBytes('deep.html', new TextEncoder().encode(`${'<div>'.repeat(50000)}深`));
    expect(loaded.documents).toEqual([]);
    expect(loaded.problems).toHaveLength(1);
    expect(loaded.problems[0]?.ruleId).toBe('parse-error');
    expect((loaded.problems[0]?.args.detail as Localized).zh).toMatch(/^网页的标签嵌套层数过多，无法读取。/);
  });

  it('a page without a recognisable table goes through the recognisers and gives their one parse-error', async () => {
    const loaded = await loadBytes('news.html', new TextEncoder().encode('<h1>新闻</h1><table><tr><td>姓名</td><td>电话</td></tr></table>'));
    expect(loaded.documents).toEqual([]);
    expect(loaded.problems).toHaveLength(1);
    expect(loaded.problems[0]?.ruleId).toBe('parse-error');
  });
});

suite('fixtures/html', () => {
  const fixtures = readdirSync(DIR).filter((f) => /\.html?$/.test(f));

  it('every page has its expected findings', () => {
    expect(fixtures.sort()).toEqual(['level-colspan.html', 'merges.html', 'seed-004.html']);
  });

  for (const name of fixtures) {
    it(`${name} gives exactly the findings of ${name}.expected`, async () => {
      expect(await findingsOf(join(DIR, name))).toEqual(expectedFor(name));
    });
  }
});

suite('seed 004 as the page it was copied from', () => {
  const PAGE = join(DIR, 'seed-004.html');
  const YAML = 'fixtures/seeds/004-target-table.yaml';

  it('gives the findings of the YAML transcription: rule ids, severities, pointers', async () => {
    const page = await findingsOf(PAGE, false);
    expect(page).toEqual(await findingsOf(YAML, false));
    expect(page).toEqual([6, 7, 8, 9, 10].map((i) => `duplicate-indicator error /indicators/${i}`));
  });

  it('reads the envelope, goals, tasks and every indicator as transcribed; 「绩效指标」 is no level', async () => {
    const page = (await documentOf(PAGE)).data as Record<string, unknown>;
    const yaml = (await documentOf(YAML)).data as Record<string, unknown>;
    expect(page).toMatchObject({ form: 'target-table', year: 2022, unit: yaml.unit, scope: 'department', goals: yaml.goals });
    const pick = (list: unknown, keys: string[]) => (list as Array<Record<string, unknown>>).map((x) => Object.fromEntries(keys.map((k) => [k, x[k]])));
    const keys = ['level1', 'level2', 'name', 'cycleValue', 'annualValue'];
    expect(pick(page.indicators, keys)).toEqual(pick(yaml.indicators, keys));
    expect((page.indicators as Array<Record<string, unknown>>).some((x) => x.level1 === '绩效指标')).toBe(false);
    expect(pick(page.tasks, ['name', 'content', 'expected']).slice(0, 3)).toEqual(pick(yaml.tasks, ['name', 'content', 'expected']).slice(0, 3));
    // the four optional tasks, each printed as one "name--content-amount" cell
    const optional = (page.tasks as Array<Record<string, unknown>>).filter((t) => t.optional === true);
    expect(optional.map((t) => String(t.name).split('--')[0])).toEqual(pick(yaml.tasks, ['name']).slice(3).map((t) => t.name));
  });

  it('locates every indicator value at the <td> that holds it', async () => {
    const lines = readFileSync(PAGE, 'utf8').split('\n');
    const doc = await documentOf(PAGE);
    const indicators = (doc.data as Record<string, unknown>).indicators as Array<Record<string, string>>;
    let checked = 0;
    indicators.forEach((ind, i) => {
      for (const [key, value] of Object.entries(ind)) {
        const at = doc.sourceMap.locate(joinPointer('/indicators', i, key));
        expect(at?.sheet).toBe('表2');
        expect(lines[(at?.line as number) - 1], `${i}/${key}`).toMatch(new RegExp(`^<td[^>]*>${value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}</td>$`));
        checked++;
      }
    });
    expect(checked).toBe(34 * 5);
    expect(doc.sourceMap.locate('/indicators/6')).toMatchObject({ sheet: '表2', cell: 'D8' });
  });
});
