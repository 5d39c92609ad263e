/**
 * Benchmark of a bureau's batch run: `npm run bench [-- --files 5000 --concurrency 8 --keep]`.
 *
 * Generates a few thousand submissions in a temporary folder (the seed fixtures under
 * fixtures/ — YAML/JSON submissions and imported .csv/.tsv/.txt tables — each copied many
 * times with its unit name varied where the file is UTF-8, spread over district folders of
 * 100 files), lints them through lintPaths as the CLI does, and prints files/s and the
 * peak resident set size. Not a timed test: the figures depend on the machine.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { discover } from '../src/node/files.js';
import { lintPaths } from '../src/node/lint-files.js';
import { createProgress } from '../src/node/progress.js';
import { createLinter, packageRoot } from '../src/node/resources.js';
import { summarize } from '../src/report/summary.js';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = i > 0 ? Number(process.argv[i + 1]) : NaN;
  return Number.isFinite(v) && v > 0 ? v : fallback;
}

function seeds(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((e) =>
      e.isDirectory()
        ? seeds(join(dir, e.name))
        : /\.(ya?ml|json|csv|tsv|txt)$/.test(e.name) && !e.name.startsWith('jixiao-lint.') // not config or baseline files
          ? [join(dir, e.name)]
          : [],
    );
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

async function main(): Promise<void> {
  const count = arg('files', 3000);
  const concurrency = arg('concurrency', 8);
  const keep = process.argv.includes('--keep');

  const utf8 = new TextDecoder('utf-8', { fatal: true });
  const texts = seeds(join(packageRoot(), 'fixtures')).map((f) => {
    const bytes = readFileSync(f);
    let text: string | undefined;
    try {
      text = utf8.decode(bytes);
    } catch {
      text = undefined; // GB18030, UTF-16: copied as they are
    }
    return { ext: f.slice(f.lastIndexOf('.')), bytes, text };
  });
  if (texts.length === 0) throw new Error('no seed fixtures found under fixtures/');
  const dir = mkdtempSync(join(tmpdir(), 'jixiao-bench-'));
  const t0 = performance.now();
  let bytes = 0;
  for (let i = 0; i < count; i++) {
    const seed = texts[i % texts.length]!;
    const district = join(dir, `区县${String(Math.floor(i / 100)).padStart(3, '0')}`);
    if (i % 100 === 0) mkdirSync(district, { recursive: true });
    const file = join(district, `单位${String(i).padStart(5, '0')}${seed.ext}`);
    writeFileSync(file, seed.text === undefined ? seed.bytes : seed.text.replace(/示例单位/g, `第${i}号预算单位`));
    bytes += statSync(file).size;
  }
  const tGen = performance.now();
  process.stderr.write(`generated ${count} submissions (${mb(bytes)}) from ${texts.length} seeds in ${dir} (${((tGen - t0) / 1000).toFixed(1)} s)\n`);

  const linter = createLinter();
  const tDiscover0 = performance.now();
  const found = discover([dir]).length;
  const tDiscover = performance.now() - tDiscover0;

  const progress = createProgress({ write: (s) => process.stderr.write(s), isTTY: Boolean(process.stderr.isTTY), env: process.env, columns: process.stderr.columns ?? 80 });
  const rssBefore = process.memoryUsage().rss;
  const t1 = performance.now();
  const run = await lintPaths(linter, [dir], { lang: 'zh', concurrency, onFile: (d, t, f) => progress.update(d, t, f) });
  const t2 = performance.now();
  progress.finish();

  const s = summarize(run.results);
  const secs = (t2 - t1) / 1000;
  const usage = process.resourceUsage();
  const lines = [
    `files            ${run.files.length} (discover: ${found} in ${tDiscover.toFixed(0)} ms)`,
    `submissions      ${run.results.length}`,
    `findings         ${s.errors} errors, ${s.warnings} warnings, ${s.infos} infos`,
    `concurrency      ${concurrency}`,
    `lint time        ${secs.toFixed(2)} s`,
    `throughput       ${(run.files.length / secs).toFixed(0)} files/s (${(bytes / 1024 / 1024 / secs).toFixed(2)} MB/s)`,
    `rss before lint  ${mb(rssBefore)}`,
    `peak rss         ${mb(usage.maxRSS * 1024)}`,
    `heap used after  ${mb(process.memoryUsage().heapUsed)}`,
    `node             ${process.version}`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  if (keep) process.stderr.write(`kept ${dir}\n`);
  else rmSync(dir, { recursive: true, force: true });
}

main().catch((e: unknown) => {
  process.stderr.write(`bench: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exitCode = 1;
});
