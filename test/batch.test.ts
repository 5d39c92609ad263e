/**
 * Batch runs: folders and globs with ignore patterns, a stable order whatever the
 * concurrency, the per-file summary table, and a progress bar only on a terminal.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AUTO_SUMMARY_FILES, run, type Io } from '../src/node/cli.js';
import { comparePaths, discover, UsageError } from '../src/node/files.js';
import { lintPaths } from '../src/node/lint-files.js';
import { createProgress, truncateStart } from '../src/node/progress.js';
import { displayWidth } from '../src/report/width.js';
import { formatSummaryTable } from '../src/node/summary-table.js';
import { linter } from './helpers/linter.js';

const CLEAN = readFileSync('fixtures/rules/weights-sum/valid.yaml', 'utf8');
const BAD_RATE = readFileSync('fixtures/rules/execution-rate/invalid-initial-base.yaml', 'utf8');
const WARN_ONLY = readFileSync('fixtures/rules/deduction-needs-explanation/invalid.yaml', 'utf8');

function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'jixiao-batch-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

/** A bureau's folder: n submissions spread over districts, some with findings. */
function bureau(n: number): string {
  const files: Record<string, string> = {};
  for (let i = 0; i < n; i++) {
    const district = ['东城区', '西城区', 'chaoyang', 'Haidian'][i % 4] as string;
    files[`${district}/单位${String(i).padStart(3, '0')}.yaml`] = i % 7 === 0 ? BAD_RATE : i % 5 === 0 ? WARN_ONLY : CLEAN.replace('示例单位', `单位${i}`);
  }
  return folder(files);
}

async function cli(args: string[], io: Partial<Io> = {}) {
  let out = '';
  let err = '';
  const code = await run(['node', 'jixiao-lint', ...args], { out: (s) => (out += s), err: (s) => (err += s), isTTY: false, ...io });
  return { code, out, err };
}

const rel = (dir: string, files: string[]) => files.map((f) => f.slice(dir.length + 1));

describe('discover: folders, globs, ignore', () => {
  const dir = folder({
    'b/2.yaml': CLEAN,
    'b/10.yaml': CLEAN,
    'a/x.json': '{}',
    'a/drafts/d.yaml': CLEAN,
    'a/notes.md': '# notes',
    'a/old.bak.yaml': CLEAN,
    'a/.hidden/h.yaml': CLEAN,
    'node_modules/m.yaml': CLEAN,
    'c/deep/er/z.yml': CLEAN,
  });

  it('walks folders in sorted order, skipping dot-entries, node_modules and other extensions', () => {
    expect(rel(dir, discover([dir]))).toEqual(['a/drafts/d.yaml', 'a/old.bak.yaml', 'a/x.json', 'b/10.yaml', 'b/2.yaml', 'c/deep/er/z.yml']);
  });

  it('expands globs in the same order as a walk', () => {
    expect(rel(dir, discover([`${dir}/**/*.{yaml,yml}`]))).toEqual(['a/drafts/d.yaml', 'a/old.bak.yaml', 'b/10.yaml', 'b/2.yaml', 'c/deep/er/z.yml']);
    expect(rel(dir, discover([`${dir}/*/*.yaml`]))).toEqual(['a/old.bak.yaml', 'b/10.yaml', 'b/2.yaml']);
    // a glob keeps supported extensions only (Markdown is one: a folder search skips it, a glob does not)
    expect(rel(dir, discover([`${dir}/a/*`]))).toEqual(['a/notes.md', 'a/old.bak.yaml', 'a/x.json']);
  });

  it('ignores by name (like .gitignore), by glob, relative to the folder searched', () => {
    expect(rel(dir, discover([dir], { ignore: ['drafts', '*.bak.yaml'] }))).toEqual(['a/x.json', 'b/10.yaml', 'b/2.yaml', 'c/deep/er/z.yml']);
    expect(rel(dir, discover([dir], { ignore: ['b/**', 'c/'] }))).toEqual(['a/drafts/d.yaml', 'a/old.bak.yaml', 'a/x.json']);
    expect(rel(dir, discover([`${dir}/**/*.yaml`], { ignore: ['a/**'] }))).toEqual(['b/10.yaml', 'b/2.yaml']);
    // relative to the working directory
    expect(discover(['fixtures'], { ignore: ['fixtures/rules/*/valid*.yaml', 'execution-*'] })).not.toContain('fixtures/rules/weights-sum/valid.yaml');
    expect(discover(['fixtures'], { ignore: ['fixtures/rules/*/valid*.yaml', 'execution-*'] }).some((f) => f.includes('execution-'))).toBe(false);
  });

  it('keeps the order of the paths given and each file once', () => {
    const files = discover([join(dir, 'b'), join(dir, 'a/x.json'), dir, `${dir}/b/*.yaml`]);
    expect(rel(dir, files)).toEqual(['b/10.yaml', 'b/2.yaml', 'a/x.json', 'a/drafts/d.yaml', 'a/old.bak.yaml', 'c/deep/er/z.yml']);
  });

  it('a missing path or a glob matching nothing is a usage error', () => {
    expect(() => discover([join(dir, 'nope')])).toThrow(UsageError);
    expect(() => discover([`${dir}/**/*.csv`])).toThrow(/没有与 .* 匹配的文件/);
  });

  it('comparePaths orders by path segment', () => {
    expect(['a-b/x', 'a/z', 'a/b/c'].sort(comparePaths)).toEqual(['a/b/c', 'a/z', 'a-b/x']);
  });
});

describe('lintPaths on a batch', () => {
  it('gives the same results in the same order whatever the concurrency', async () => {
    const dir = bureau(120);
    const one = await lintPaths(linter, [dir], { lang: 'zh', concurrency: 1 });
    const many = await lintPaths(linter, [dir], { lang: 'zh', concurrency: 32 });
    expect(many.files).toEqual(one.files);
    expect(many.results).toEqual(one.results);
    expect(one.results.map((r) => r.file)).toEqual(one.files);
    expect(one.files).toHaveLength(120);
  });

  it('reports progress once per file, ending at total', async () => {
    const dir = bureau(30);
    const seen: Array<[number, number]> = [];
    await lintPaths(linter, [dir], { lang: 'zh', concurrency: 4, onFile: (done, total) => seen.push([done, total]) });
    expect(seen.map(([d]) => d)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    expect(seen.every(([, t]) => t === 30)).toBe(true);
  });
});

describe('the per-file summary table', () => {
  it('has file, form, unit, errors, warnings and total score, aligned for CJK', () => {
    const dir = folder({ 'a.yaml': BAD_RATE, 'b.yaml': WARN_ONLY, '单位丙.yaml': CLEAN });
    return lintPaths(linter, [dir], { lang: 'zh' }).then((runResult) => {
      const table = formatSummaryTable(runResult.results, 'zh', dir);
      const lines = table.trimEnd().split('\n');
      expect(lines[0]).toMatch(/^文件\s+表格\s+单位\s+错误\s+警告\s+自评总分$/);
      expect(lines[1]).toMatch(/^a\.yaml\s+项目支出绩效自评表\s+示例单位\s+1\s+0\s+100$/);
      expect(lines[2]).toMatch(/^b\.yaml\s+项目支出绩效自评表\s+示例单位\s+0\s+3\s+97$/);
      expect(lines[3]).toMatch(/^单位丙\.yaml\s+项目支出绩效自评表/);
      // columns line up on screen: the "表格" column starts at the same display column
      const col = (l: string, word: string) => displayWidth(l.slice(0, l.indexOf(word)));
      expect(col(lines[1] as string, '项目支出')).toBe(col(lines[0] as string, '表格'));
      expect(col(lines[3] as string, '项目支出')).toBe(col(lines[0] as string, '表格'));
      expect(lines.at(-1)).toBe('3 个文件，3 份表格：1 份有错误，1 份只有警告，1 份无错误和警告');
    });
  });

  it('counts a file that could not be read apart from the submissions', async () => {
    const dir = folder({ 'a.yaml': BAD_RATE, 'b.yaml': 'form: [\n', 'c.pdf': '%PDF-1.4\n' });
    const runResult = await lintPaths(linter, [dir], { lang: 'zh' });
    expect(formatSummaryTable(runResult.results, 'zh', dir).trimEnd().split('\n').at(-1)).toBe('3 个文件，1 份表格：1 份有错误，0 份只有警告，0 份无错误和警告；另有 2 个文件未能读取或未找到表格');
    expect(formatSummaryTable(runResult.results, 'en', dir).trimEnd().split('\n').at(-1)).toBe(
      '3 file(s), 1 submission(s): 1 with errors, 0 with warnings only, 0 without errors or warnings; 2 file(s) could not be read or hold no form',
    );
  });

  it('--summary prints it after the report; automatic above the threshold; --no-summary turns it off', async () => {
    const small = folder({ 'a.yaml': BAD_RATE, 'b.yaml': CLEAN });
    const withFlag = await cli([small, '--summary', '--lang', 'en']);
    expect(withFlag.out).toMatch(/\nfile\s+form\s+unit\s+errors\s+warnings\s+total score\n/);
    expect(withFlag.out.indexOf('execution-rate')).toBeLessThan(withFlag.out.indexOf('total score'));
    expect((await cli([small])).out).not.toContain('自评总分');

    const big = bureau(AUTO_SUMMARY_FILES + 1);
    const auto = await cli([big]);
    expect(auto.out).toContain('自评总分');
    expect(auto.out).toContain(`${AUTO_SUMMARY_FILES + 1} 个文件`);
    expect((await cli([big, '--no-summary'])).out).not.toContain('自评总分');
    expect((await cli([bureau(AUTO_SUMMARY_FILES)])).out).not.toContain('自评总分');
  });

  it('never mixes into a machine format on stdout: --summary then goes to stderr', async () => {
    const big = bureau(AUTO_SUMMARY_FILES + 1);
    const json = await cli([big, '-f', 'json']);
    expect(() => JSON.parse(json.out) as unknown).not.toThrow();
    expect(json.err).toBe('');
    const asked = await cli([big, '-f', 'json', '--summary']);
    expect(() => JSON.parse(asked.out) as unknown).not.toThrow();
    expect(asked.err).toContain('自评总分');
  });

  it('--ignore is repeatable on the command line', async () => {
    const dir = bureau(12);
    const r = await cli([dir, '--ignore', '东城区', '--ignore', 'chaoyang/**', '--summary', '-f', 'json']);
    const doc = JSON.parse(r.out) as { files: Array<{ file: string }> };
    expect(doc.files).toHaveLength(6);
    expect(doc.files.every((f) => /西城区|Haidian/.test(f.file))).toBe(true);
  });
});

describe('progress bar', () => {
  it('nothing on stderr when it is not a terminal, even for a long run', async () => {
    const dir = bureau(AUTO_SUMMARY_FILES + 10);
    const r = await cli([dir, '--no-summary'], { errIsTTY: false, env: {} });
    expect(r.err).toBe('');
  });

  it('nothing in CI even on a terminal', async () => {
    const dir = bureau(AUTO_SUMMARY_FILES + 10);
    expect((await cli([dir], { errIsTTY: true, env: { CI: 'true' } })).err).toBe('');
    expect((await cli([dir], { errIsTTY: true, env: { GITHUB_ACTIONS: 'true' } })).err).toBe('');
  });

  it('a bar on a terminal for a long run, erased at the end', async () => {
    const dir = bureau(AUTO_SUMMARY_FILES + 10);
    const r = await cli([dir, '--no-summary'], { errIsTTY: true, env: {}, columns: 100 });
    expect(r.err).toMatch(/\r\x1b\[2K\[#+-*\] +\d+\/60 +\d+%/);
    expect(r.err).toContain('60/60 100%');
    expect(r.err.endsWith('\r\x1b[2K')).toBe(true);
    for (const frame of r.err.split('\r\x1b[2K')) expect(displayWidth(frame)).toBeLessThan(100);
  });

  it('a short run on a terminal shows nothing; a slow one shows the bar after 2 s', () => {
    let t = 0;
    let out = '';
    const p = createProgress({ write: (s) => (out += s), isTTY: true, env: {}, now: () => t });
    for (let i = 1; i <= 10; i++) p.update(i, 10, `f${i}.yaml`);
    p.finish();
    expect(out).toBe('');
    const slow = createProgress({ write: (s) => (out += s), isTTY: true, env: {}, now: () => t });
    t = 0;
    slow.update(1, 10, 'a.yaml');
    expect(out).toBe('');
    t = 2500;
    slow.update(2, 10, 'b.yaml');
    expect(out).toContain(' 2/10  20%');
    slow.finish();
    expect(out.endsWith('\r\x1b[2K')).toBe(true);
  });

  it('keeps the end of long file names', () => {
    expect(truncateStart('reports/2024/东城区/很长的单位名称.yaml', 16)).toBe('…的单位名称.yaml');
    expect(displayWidth(truncateStart('reports/2024/东城区/很长的单位名称.yaml', 16))).toBeLessThanOrEqual(16);
  });
});
