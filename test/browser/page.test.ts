/**
 * The self-check page (dist/jixiao-lint.html) in Debian's chromium: opened from file:// with
 * every request routed (any request but the page itself fails), the seed fixtures, seed 000 as
 * text and a generated workbook uploaded; the findings shown must be exactly those of the
 * command line, every finding's cell highlighted, a click on a finding outlines its cell and a
 * click on a cell lists its findings; English switch, a config file, downloads, keyboard-only
 * use, print styles and contrast. Screenshots go to test/browser/artifacts/.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import iconv from 'iconv-lite';
import type { FileChooser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeDocxFixtures } from '../../scripts/make-docx-fixtures.mjs';
import { makePdfFixtures } from '../../scripts/make-pdf-fixtures.mjs';
import { makeXlsFixtures } from '../../scripts/make-xls-fixtures.mjs';
import { makeXlsxFixtures } from '../../scripts/make-xlsx-fixtures.mjs';
import { loadConfig } from '../../src/node/config.js';
import { lintPaths } from '../../src/node/lint-files.js';
import { placeInWords } from '../../src/report/summary.js';
import type { Lang } from '../../src/types.js';
import { ARTIFACTS, linted, open, pageOf, PAGE_URL, shownFindings, type Session, type ShownFinding } from './browser.js';

const SEEDS = readdirSync(join(import.meta.dirname, '../../fixtures/seeds'))
  .filter((f) => f.endsWith('.yaml'))
  .sort()
  .map((f) => join(import.meta.dirname, '../../fixtures/seeds', f));
const SEED_000 = join(import.meta.dirname, '../../fixtures/import/seed-000.txt');
const TMP = mkdtempSync(join(tmpdir(), 'jixiao-web-'));
/** Config files live apart, so that the CLI oracle (which looks for a config upwards from TMP) finds none. */
const CFG = join(TMP, 'config');
mkdirSync(CFG);

/** What the command line finds in `file`, as the page shows it. */
async function cliFindings(file: string, lang: Lang = 'zh', config?: string): Promise<Finding[]> {
  const cfg = loadConfig(config, TMP);
  const run = await lintPaths(cfg.linter, [file], { lang, settingsFor: cfg.settingsFor });
  return run.results.flatMap((r) =>
    r.findings.map((f) => ({ rule: f.ruleId, severity: f.severity, place: placeInWords(f.location, lang) || (lang === 'zh' ? '整个文件' : 'whole file'), message: f.message })),
  );
}

type Finding = Omit<ShownFinding, 'target' | 'pointer'>;
const key = (f: Finding) => `${f.rule} ${f.severity} ${f.place} ${f.message}`;
const keys = (list: Finding[]) => list.map(key).sort();

let s: Session;
let xlsxFiles: string[] = [];

beforeAll(async () => {
  xlsxFiles = await makeXlsxFixtures(TMP);
  s = await open();
});

afterAll(async () => {
  await s?.close();
});

describe('the self-check page from file://', () => {
  it('opens in Chinese with a network-forbidding CSP and the file types of the CLI', async () => {
    const { page } = s;
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
    expect(await page.locator('h1').textContent()).toBe('绩效自评表自查');
    const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
    expect(csp).toMatch(/default-src 'none'/);
    expect(csp).toMatch(/connect-src 'none'/);
    // Nothing is compiled at run time (validators and rules are precompiled at build time).
    expect(csp).toMatch(/script-src 'unsafe-inline' blob:;/);
    expect(csp).not.toContain('unsafe-eval');
    expect(await page.locator('#types').textContent()).toContain('.xlsx');
    expect(await page.locator('#files').getAttribute('accept')).toContain('.yaml');
    await page.screenshot({ path: join(ARTIFACTS, '01-start.png') });
  });

  it('shows the findings of the seeds and of seed 000 as text exactly as the CLI, each at a highlighted cell', async () => {
    const { page } = s;
    const files = [...SEEDS, SEED_000];
    await linted(page, () => page.setInputFiles('#files', files));
    expect(await page.locator('#results section.file').count()).toBe(files.length);
    for (const [i, file] of files.entries()) {
      const shown = await shownFindings(page, i);
      const cli = await cliFindings(file);
      expect(cli.length, basename(file)).toBeGreaterThan(0);
      expect(keys(shown), basename(file)).toEqual(keys(cli));
      expect(await page.locator(`#file-${i} > h2`).textContent()).toBe(basename(file));
      // Every finding points at a cell (or field) of the table as read, and that cell is highlighted.
      for (const f of shown) {
        // (a missing top-level field has no field to point at: the finding is shown without a link)
        if (f.target === null && f.pointer.split('/').length === 2 && file.endsWith('.yaml')) continue;
        expect(f.target, `${basename(file)} ${key(f)}`).not.toBeNull();
        const cls = (await page.locator(`[id="${f.target}"]`).getAttribute('class')) ?? '';
        expect(cls, `${basename(file)} ${key(f)}`).toMatch(/\bhl hl-(error|warning|info)\b/);
      }
      const highlighted = await page.locator(`#file-${i} td.hl`).count();
      expect(highlighted).toBe(new Set(shown.flatMap((f) => (f.target ? [f.target] : []))).size);
    }
    // seed 000 as text: the form, unit and year; ragged-row at 第 12 行 is the first cell of line 12.
    const txt = files.length - 1;
    const facts = await page.locator(`#file-${txt} dl.facts`).first().textContent();
    expect(facts).toContain('多项目绩效自评汇总表');
    expect(facts).toContain('2021');
    const ragged = (await shownFindings(page, txt)).find((f) => f.rule === 'ragged-row' && f.place === '第 12 行');
    expect(ragged).toBeDefined();
    const line12 = readFileSync(SEED_000, 'utf8').split(/\r?\n/)[11]!.split('\t')[0]!;
    expect((await page.locator(`[id="${ragged!.target}"]`).textContent())?.trim()).toBe(line12.trim());
    expect(await page.locator(`[id="${ragged!.target}"]`).getAttribute('class')).toContain('hl-warning');
    await page.screenshot({ path: join(ARTIFACTS, '02-seeds.png') });
  });

  it('outlines the cell of a clicked finding, and lists the findings of a clicked cell', async () => {
    const { page } = s;
    const txt = SEEDS.length;
    const finding = page.locator(`#file-${txt} li.finding[data-rule="completion-vs-execution"]`).first();
    const target = await finding.getAttribute('data-target');
    await finding.locator('a.finding-link').click();
    const cell = page.locator(`[id="${target}"]`);
    await expect.poll(() => cell.getAttribute('class')).toContain('outlined');
    expect(await cell.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await page.locator('.outlined').count()).toBe(1);
    const box = await cell.boundingBox();
    expect(box).not.toBeNull();
    const message = (await finding.locator('a.finding-link').textContent())!.trim();
    expect(await page.locator(`#cellpanel-${txt}`).textContent()).toContain(message);
    await cell.screenshot({ path: join(ARTIFACTS, '03-outlined-cell.png') });
    await page.screenshot({ path: join(ARTIFACTS, '03-outlined.png') });

    // Click another highlighted cell: its findings (and only those) are listed.
    const other = page.locator(`#file-${txt} td.hl`).nth(2);
    const otherId = await other.getAttribute('id');
    await other.click();
    const expected = (await shownFindings(page, txt)).filter((f) => f.target === otherId).map((f) => f.message);
    expect(expected.length).toBeGreaterThan(0);
    const listed = await page.locator(`#cellpanel-${txt} li a`).allTextContents();
    expect(listed.map((t) => t.trim()).sort()).toEqual(expected.sort());
    expect(await other.getAttribute('class')).toContain('outlined');
    // The 「为什么/怎么改」 disclosure holds the rule's docs.
    const details = page.locator(`#file-${txt} li.finding[data-rule="ragged-row"] details.docs`).first();
    await details.locator('summary').click();
    expect(await details.textContent()).toContain('怎么改');
  });

  it('reads a generated workbook: sheet tabs, findings as the CLI, a click switches to the sheet of the cell', async () => {
    const { page } = s;
    // both generated workbooks read as the CLI reads them (the page's exceljs is its build without polyfills)
    expect(xlsxFiles.length).toBe(2);
    await linted(page, () => page.setInputFiles('#files', xlsxFiles));
    for (const [i, file] of xlsxFiles.entries()) {
      const found = await shownFindings(page, i);
      expect(found.length, basename(file)).toBeGreaterThan(0);
      expect(keys(found), basename(file)).toEqual(keys(await cliFindings(file)));
    }
    const forms = xlsxFiles.find((f) => f.endsWith('forms.xlsx'))!;
    await linted(page, () => page.setInputFiles('#files', [forms]));
    const shown = await shownFindings(page, 0);
    expect(keys(shown)).toEqual(keys(await cliFindings(forms)));
    const tabs = page.locator('#file-0 [role=tab]');
    expect(await tabs.count()).toBeGreaterThanOrEqual(3);
    expect(await tabs.allTextContents()).toEqual(expect.arrayContaining([expect.stringContaining('项目自评表'), expect.stringContaining('部门自评表')]));
    const rate = shown.find((f) => f.rule === 'execution-rate')!;
    expect(rate.place).toBe('部门自评表!F6');
    // the exact corrections, as in stylish: 「建议改为 …」 under the message and in the cell's list
    expect(await page.locator('#file-0 li.finding[data-rule="execution-rate"] .fix').textContent()).toBe('建议改为 100.00%');
    expect(await page.locator('#file-0 li.finding[data-rule="execution-score"] .fix').textContent()).toBe('建议改为 10');
    await page.locator(`#file-0 li.finding[data-rule="execution-rate"] a`).click();
    const cell = page.locator(`[id="${rate.target}"]`);
    await expect.poll(() => cell.isVisible()).toBe(true);
    expect(await cell.getAttribute('class')).toMatch(/hl-error.*outlined|outlined.*hl-error/);
    const selected = await page.locator('#file-0 [role=tab][aria-selected=true]').textContent();
    expect(selected).toContain('部门自评表');
    expect(await page.locator('#cellpanel-0').textContent()).toContain('建议改为 100.00%');
    await page.screenshot({ path: join(ARTIFACTS, '04-workbook.png') });
  });

  it('reads a generated Word document and a web page the same way: findings as the CLI, each at a highlighted cell', async () => {
    const { page } = s;
    const docx = (await makeDocxFixtures(TMP)).filter((f) => f.endsWith('.docx'));
    const files = [...docx, join(import.meta.dirname, '../../fixtures/html/seed-004.html')];
    await linted(page, () => page.setInputFiles('#files', files));
    let located = 0;
    for (const [i, file] of files.entries()) {
      const shown = await shownFindings(page, i);
      expect(keys(shown), basename(file)).toEqual(keys(await cliFindings(file)));
      for (const f of shown) {
        if (f.target === null) continue;
        located++;
        expect((await page.locator(`[id="${f.target}"]`).getAttribute('class')) ?? '', `${basename(file)} ${key(f)}`).toMatch(/\bhl hl-/);
      }
      // Findings in a table of the document point at a cell of the table as read.
      for (const f of shown.filter((x) => /^表\d+!/.test(x.place))) expect(f.target, `${basename(file)} ${key(f)}`).not.toBeNull();
    }
    expect(located).toBeGreaterThan(0);
    await page.screenshot({ path: join(ARTIFACTS, '04b-docx.png') });
  });

  it('reads text in GB18030 and UTF-16 and a web page declared GB2312 as the CLI (the page decodes without iconv-lite)', async () => {
    const { page } = s;
    const text = readFileSync(SEED_000, 'utf8');
    const html = readFileSync(join(import.meta.dirname, '../../fixtures/html/seed-004.html'), 'utf8');
    expect(html).toContain('charset=utf-8');
    const generated = [
      [join(TMP, 'seed-000-gb18030.txt'), iconv.encode(text, 'gb18030')],
      [join(TMP, 'seed-000-utf16.txt'), iconv.encode(text, 'utf-16le', { addBOM: true })],
      [join(TMP, 'seed-004-gb2312.html'), iconv.encode(html.replace('charset=utf-8', 'charset=gb2312'), 'gb18030')],
    ] as const;
    for (const [file, bytes] of generated) writeFileSync(file, bytes);
    const fixtures = ['seed-000.gb18030.txt', 'seed-000.utf16le.txt'].map((f) => join(import.meta.dirname, '../../fixtures/import', f));
    const files = [...generated.map(([f]) => f), ...fixtures];
    await linted(page, () => page.setInputFiles('#files', files));
    for (const [i, file] of files.entries()) {
      const shown = await shownFindings(page, i);
      expect(shown.length, basename(file)).toBeGreaterThan(0);
      expect(shown.some((f) => f.rule === 'parse-error'), basename(file)).toBe(false);
      expect(keys(shown), basename(file)).toEqual(keys(await cliFindings(file)));
    }
    // the text as read is the text written: the unit's name is shown as in the UTF-8 seed
    expect(await page.locator('#file-0 dl.facts').first().textContent()).toContain('多项目绩效自评汇总表');
    await page.locator('#file-2').screenshot({ path: join(ARTIFACTS, '04c-gb2312-page.png') });
  });

  it('reads .xls, .et and PDF (their readers loaded only then, from chunks inlined in the page): findings as the CLI', async () => {
    const { page } = s;
    // nothing of SheetJS or pdf.js has run before such a file is opened
    const xls = (await makeXlsFixtures(join(TMP, 'xls'))).filter((f) => /forms\.(xls|et)$/.test(f));
    const pdfs = (await makePdfFixtures(join(TMP, 'pdf'))).filter((f) => /(forms|summary|scanned|cmap-gb|cmap-cns)\.pdf$/.test(f));
    const files = [...xls, ...pdfs];
    expect(files.length).toBe(7);
    await linted(page, () => page.setInputFiles('#files', files));
    let located = 0;
    for (const [i, file] of files.entries()) {
      const shown = await shownFindings(page, i);
      expect(shown.length, basename(file)).toBeGreaterThan(0);
      expect(keys(shown), basename(file)).toEqual(keys(await cliFindings(file)));
      if (file.endsWith('scanned.pdf')) {
        expect(shown.map((f) => f.message)).toEqual([expect.stringContaining('PDF 没有文字层')]);
        continue;
      }
      // a Chinese font that is not embedded is decoded in the page too (its text read, though it holds no form);
      // one in traditional Chinese is named as such
      if (file.endsWith('cmap-gb.pdf')) {
        expect(shown.map((f) => f.message)).toEqual([expect.stringContaining('没有找到可检查的表格')]);
        continue;
      }
      if (file.endsWith('cmap-cns.pdf')) {
        expect(shown.map((f) => f.message)).toEqual([expect.stringContaining('UniCNS-UCS2-H')]);
        continue;
      }
      expect(shown.some((f) => f.rule === 'parse-error'), basename(file)).toBe(false);
      for (const f of shown) {
        if (f.target === null) continue;
        located++;
        expect((await page.locator(`[id="${f.target}"]`).getAttribute('class')) ?? '', `${basename(file)} ${key(f)}`).toMatch(/\bhl hl-/);
      }
    }
    expect(located).toBeGreaterThan(0);
    // a PDF's finding is placed on its page: 部门自评表 is page 2 of forms.pdf, its rate in F4
    const formsPdf = files.findIndex((f) => f.endsWith('forms.pdf'));
    expect((await shownFindings(page, formsPdf)).find((f) => f.rule === 'execution-rate')?.place).toBe('第 2 页!F4');
    await page.locator(`#file-${formsPdf}`).screenshot({ path: join(ARTIFACTS, '04d-pdf.png') });
    await page.locator('#file-0').screenshot({ path: join(ARTIFACTS, '04e-xls.png') });
  });

  it('gives an unsupported file the CLI message', async () => {
    const { page } = s;
    // (.pdf, .xls and .doc are read now: an OpenDocument spreadsheet is still named with what to do)
    const pdf = join(TMP, 'report.ods');
    writeFileSync(pdf, 'PK\x03\x04');
    await linted(page, () => page.setInputFiles('#files', [pdf]));
    const shown = await shownFindings(page, 0);
    expect(keys(shown)).toEqual(keys(await cliFindings(pdf)));
    expect(shown[0]?.message).toMatch(/[\u4e00-\u9fff]/);
  });

  it('switches to English and back', async () => {
    const { page } = s;
    await linted(page, () => page.setInputFiles('#files', [SEED_000]));
    await linted(page, () => page.locator('#lang').click());
    expect(await page.locator('h1').textContent()).toBe('Self-check of performance evaluation forms');
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(keys(await shownFindings(page, 0))).toEqual(keys(await cliFindings(SEED_000, 'en')));
    await page.screenshot({ path: join(ARTIFACTS, '05-english.png') });
    await linted(page, () => page.locator('#lang').click());
    expect(await page.locator('h1').textContent()).toBe('绩效自评表自查');
    expect(keys(await shownFindings(page, 0))).toEqual(keys(await cliFindings(SEED_000, 'zh')));
  });

  it('applies a config file and shows it as 「当前规则设置」; a bad one is refused with the reason', async () => {
    const { page } = s;
    const config = join(CFG, 'jixiao-lint.config.yaml');
    // shared settings and a rule option: both validated by validators compiled at build time
    writeFileSync(
      config,
      'extends: [strict, qualitative-80-50]\nsettings:\n  executionWeight: 20\nrules:\n  required-categories: off\n  near-duplicate-items: {options: {maxExtra: 6}}\n',
    );
    await linted(page, () => page.setInputFiles('#files', [SEED_000, SEEDS[1]!]));
    const before = await shownFindings(page, 0);
    expect(before.some((f) => f.rule === 'required-categories')).toBe(true);
    await linted(page, () => page.setInputFiles('#config-file', [config]));
    const body = (await page.locator('#config-body').textContent()) ?? '';
    expect(body).toContain('strict');
    expect(body).toContain('required-categories');
    expect(body).toContain('关闭');
    expect(body).toContain('executionWeight = 20');
    expect(body).toContain('near-duplicate-items');
    expect(body).toContain('maxExtra = 6');
    expect(body).toContain('qualitative-80-50');
    expect(body).toContain('定性指标分档 80% / 50%');
    expect(await page.locator('#config-title').textContent()).toBe('当前规则设置');
    for (const [i, file] of [SEED_000, SEEDS[1]!].entries()) {
      expect(keys(await shownFindings(page, i)), basename(file)).toEqual(keys(await cliFindings(file, 'zh', config)));
    }
    expect((await shownFindings(page, 0)).some((f) => f.rule === 'required-categories')).toBe(false);
    await page.locator('#config').screenshot({ path: join(ARTIFACTS, '06-config.png') });

    const bad = join(CFG, 'bad.config.yaml');
    writeFileSync(bad, 'rules:\n  no-such-rule: off\n');
    await page.setInputFiles('#config-file', [bad]);
    await expect.poll(() => page.locator('#config-body [role=alert]').textContent()).toContain('no-such-rule');
    expect(await page.locator('#config-body').textContent()).toContain('required-categories');
    // A bad option value and a bad shared setting: the page refuses them as the command line does.
    for (const [file, text] of [
      ['bad-option.config.yaml', 'rules:\n  near-duplicate-items: {options: {maxExtra: 99}}\n'],
      ['bad-setting.config.yaml', 'settings:\n  gradeBands: {excellent: -1}\n'],
    ] as const) {
      const path = join(CFG, file);
      writeFileSync(path, text);
      let cli = '';
      try {
        loadConfig(path, TMP);
      } catch (e) {
        cli = (e as Error).message;
      }
      const reason = cli.slice(cli.indexOf(`${file}: `) + file.length + 2);
      expect(reason, file).toMatch(/^(rules\.near-duplicate-items\.options\.maxExtra|settings\.gradeBands\.excellent)：取值 -?\d+ 不正确：不应(大于|小于) \d+$/);
      await page.setInputFiles('#config-file', [path]);
      await expect.poll(() => page.locator('#config-body [role=alert]').textContent()).toContain(`${file}: ${reason}`);
    }
    await page.locator('#config').screenshot({ path: join(ARTIFACTS, '06b-config-refused.png') });
    await linted(page, () => page.locator('#config-clear').click());
    expect(await page.locator('#config-body').textContent()).toContain('未加载规则设置文件');
  });

  it('downloads the report as Markdown and as JSON', async () => {
    const { page } = s;
    await linted(page, () => page.setInputFiles('#files', [SEED_000]));
    const [md] = await Promise.all([page.waitForEvent('download'), page.locator('#dl-md').click()]);
    const mdText = readFileSync((await md.path())!, 'utf8');
    expect(md.suggestedFilename()).toBe('jixiao-lint-report.md');
    expect(mdText).toContain('## jixiao-lint 检查结果');
    expect(mdText).toContain('seed-000.txt');
    const [json] = await Promise.all([page.waitForEvent('download'), page.locator('#dl-json').click()]);
    const report = JSON.parse(readFileSync((await json.path())!, 'utf8')) as { files: Array<{ findings: unknown[] }>; summary: { files: number } };
    expect(report.summary.files).toBe(1);
    expect(report.files[0]?.findings.length).toBe((await cliFindings(SEED_000)).length);
  });

  it('works by keyboard alone: choose files, follow a finding to its cell, open a cell', async () => {
    // A fresh tab: nothing focused or activated by the tests before.
    await s.page.close();
    s.page = await pageOf(s.context, s.errors);
    const { page } = s;
    // Tab from the top of the page to the file button.
    let focused = '';
    for (let i = 0; i < 10 && focused !== 'pick'; i++) {
      await page.keyboard.press('Tab');
      focused = await page.evaluate(() => document.activeElement?.id ?? '');
    }
    expect(focused).toBe('pick');
    // Enter on the button opens the file chooser. (Retried: the first key press can reach the
    // page before playwright intercepts file choosers, and then a native dialog opens and closes.)
    let chooser: FileChooser | undefined;
    for (let attempt = 0; attempt < 3 && !chooser; attempt++) {
      const wait = page.waitForEvent('filechooser', { timeout: 5_000 }).catch(() => undefined);
      await page.keyboard.press('Enter');
      chooser = await wait;
    }
    expect(chooser).toBeDefined();
    await linted(page, () => chooser!.setFiles([SEED_000]));
    // Tab on to the first finding link and follow it.
    let link = '';
    for (let i = 0; i < 40 && !link; i++) {
      await page.keyboard.press('Tab');
      link = await page.evaluate(() => (document.activeElement?.classList.contains('finding-link') ? (document.activeElement as HTMLAnchorElement).hash : ''));
    }
    expect(link).toMatch(/^#cell-/);
    await page.keyboard.press('Enter');
    const id = link.slice(1);
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe(id);
    expect(await page.locator(`[id="${id}"]`).getAttribute('class')).toContain('outlined');
    // The focused cell opens with Enter and Space.
    await page.keyboard.press(' ');
    expect(await page.locator('#cellpanel-0 li').count()).toBeGreaterThan(0);
    await page.screenshot({ path: join(ARTIFACTS, '07-keyboard.png') });
  });

  it('prints without the controls and with every table', async () => {
    const { page } = s;
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('#drop').isVisible()).toBe(false);
    expect(await page.locator('#downloads').isVisible()).toBe(false);
    expect(await page.locator('#results li.finding').first().isVisible()).toBe(true);
    await page.screenshot({ path: join(ARTIFACTS, '08-print.png'), fullPage: true, clip: { x: 0, y: 0, width: 1280, height: 1400 } });
    await page.emulateMedia({ media: 'screen' });
  });

  it('has text contrast of at least 4.5:1 (WCAG AA) everywhere', async () => {
    const { page } = s;
    const low = await page.evaluate(() => {
      const rgb = (c: string) => (c.match(/[\d.]+/g) ?? []).map(Number);
      const lum = ([r, g, b]: number[]) =>
        [r!, g!, b!].map((v) => (v / 255 <= 0.03928 ? v / 255 / 12.92 : ((v / 255 + 0.055) / 1.055) ** 2.4)).reduce((s, v, i) => s + v * [0.2126, 0.7152, 0.0722][i]!, 0);
      const background = (el: Element | null): number[] => {
        for (let e = el; e; e = e.parentElement) {
          const c = rgb(getComputedStyle(e).backgroundColor);
          if (c.length === 3 || (c.length === 4 && c[3]! > 0)) return c.slice(0, 3);
        }
        return [255, 255, 255];
      };
      const out: string[] = [];
      for (const el of Array.from(document.querySelectorAll('body *'))) {
        const own = Array.from(el.childNodes).some((n) => n.nodeType === 3 && n.textContent!.trim() !== '');
        if (!own || !(el as HTMLElement).offsetParent) continue;
        const fg = lum(rgb(getComputedStyle(el).color));
        const bg = lum(background(el));
        const ratio = (Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05);
        if (ratio < 4.5) out.push(`${el.tagName}.${el.className} ${ratio.toFixed(2)} "${el.textContent!.trim().slice(0, 20)}"`);
      }
      return out;
    });
    expect(low).toEqual([]);
  });

  it('made no request but for the page itself, and broke no rule of its CSP', () => {
    expect(s.refused).toEqual([]);
    expect(s.requests.every((u) => u === PAGE_URL || u.startsWith('blob:') || u.startsWith('data:'))).toBe(true);
    expect(s.errors).toEqual([]);
    expect(s.violations).toEqual([]);
  });

  it('would notice a CSP violation: the listener the suite relies on reports one the page makes', async () => {
    // A separate tab, so that the violation provoked here does not count against the page above.
    const errors: string[] = [];
    const before = s.violations.length;
    const page = await pageOf(s.context, errors);
    // a string handed to setTimeout is evaluated as code: the CSP (no 'unsafe-eval') refuses it
    await page.evaluate(() => setTimeout('document.title = "evaluated"' as unknown as () => void, 0));
    await expect.poll(() => s.violations.length).toBe(before + 1);
    expect(s.violations[before]).toMatch(/^script-src/);
    expect(await page.title()).not.toBe('evaluated');
    s.violations.splice(before);
    await page.close();
  });
});
