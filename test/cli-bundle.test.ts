/**
 * The bundled command line (scripts/build-cli.mjs → build/cli/, what bin/jixiao-lint.js runs):
 * built afresh into a folder of its own, it finds the package's rules and schemas, loads a lazy
 * reader (HTML), starts its worker threads, and reports exactly what the library does.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLinter } from '../src/node/resources.js';
import { lintPaths } from '../src/node/lint-files.js';

const ROOT = join(import.meta.dirname, '..');
let dir = '';

beforeAll(() => {
  mkdirSync(join(ROOT, 'build'), { recursive: true });
  dir = mkdtempSync(join(ROOT, 'build', 'test-cli-'));
  execFileSync(process.execPath, [join(ROOT, 'scripts', 'build-cli.mjs'), '--outdir', dir]);
}, 60_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Run the bundle with main() as bin/jixiao-lint.js does. */
function run(args: string[]): { status: number | null; stdout: string } {
  const script = `const { main } = await import(${JSON.stringify(join(dir, 'jixiao-lint.js'))}); process.exitCode = await main(process.argv);`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script, '--', 'jixiao-lint', ...args], { cwd: ROOT, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout };
}

describe('bundled command line', () => {
  const paths = ['fixtures/seeds', 'fixtures/html/seed-004.html'];

  it('reports what the library reports, on one thread and on workers', async () => {
    const lib = await lintPaths(createLinter(), paths, { lang: 'zh', concurrency: 1 });
    const expected = lib.results.flatMap((r) => r.findings.map((f) => `${r.file} ${f.location.line ?? f.location.cell ?? ''} ${f.ruleId}`));
    expect(expected.length).toBeGreaterThan(20);
    for (const concurrency of ['1', '2']) {
      const r = run([...paths, '-f', 'json', '--concurrency', concurrency]);
      expect(r.status).toBe(1);
      const report = JSON.parse(r.stdout) as { files: Array<{ file: string; findings: Array<{ ruleId: string; location: { line?: number; cell?: string } }> }> };
      const got = report.files.flatMap((f) => f.findings.map((x) => `${f.file} ${x.location.line ?? x.location.cell ?? ''} ${x.ruleId}`));
      expect(got).toEqual(expected);
    }
  });
});
