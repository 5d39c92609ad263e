/**
 * Benchmark (issue 15): `npm run bench [-- --big] [-- --sizes 1000,20000] [-- --mixed 2000] [-- --keep]`.
 *
 * Reports, in one run and as ratios measured side by side on this machine:
 *   - batch throughput at two corpus sizes (default 1,000 and 20,000 YAML submissions; --big:
 *     1,000 and 50,000): the floor (read + YAML parse with positions + ajv validation, in one
 *     process; parsed with `yaml` as the issue measured it, and again with js-yaml, the parser
 *     the linter reads with since), jixiao-lint on one thread, and on worker threads (one per core);
 *   - peak RSS of each run, and the ratio of the peaks at the two sizes (memory flat?);
 *   - time per file at the two sizes (linear?);
 *   - a mixed corpus (default 2,000 files: every other one an imported .csv/.txt table) against
 *     a floor that also reads, decodes and splits the tables into rows and cells;
 *   - one-file latency of the CLI against a minimal parse+validate script, and `--version`
 *     against `node -e 0` (medians of paired runs).
 *   - streamed reports (issue 26): the CLI writing every format (json, sarif, junit, csv, html,
 *     xlsx, markdown, gitlab, github, stylish, the summary table) to files over 1,000 and 10,000
 *     small synthetic submissions (`--huge`: also 100,000), peak RSS of each run and the ratios to
 *     the run of 1,000 (goal ≤ 1.3× at 100,000); `--streamed-only` runs only this part,
 *     `--streamed-sizes 1000,10000,100000` picks the sizes.
 * Each measurement runs in its own child process (`--child`), so peak RSS is that run's own.
 * The corpus: the YAML fixtures (rules/ and seeds/) copied round-robin with the unit name
 * varied, in district folders of 100 files; the mixed corpus adds fixtures/import's tables. Not a timed test: the figures depend on the machine.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LineCounter, parseAllDocuments } from 'yaml';
import { constructFromEvents, parseEvents } from 'js-yaml';
import { lintPaths } from '../src/node/lint-files.js';
import { main as cliMain } from '../src/node/cli.js';
import { createLinter, loadSchemas, packageRoot } from '../src/node/resources.js';
import { summarize } from '../src/report/summary.js';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { isFormKind } from '../src/types.js';
import { decodeText } from '../src/load/decode.js';
import { guessDelimiter, splitRecords } from '../src/load/delimited.js';
import { cellPerLineGrid, isCellPerLine } from '../src/load/cell-lines.js';

const ROOT = packageRoot();
const SELF = fileURLToPath(import.meta.url);
const BIN = join(ROOT, 'bin', 'jixiao-lint.js');

interface ChildResult {
  files: number;
  secs: number;
  maxRssMb: number;
  findings?: number;
  /** Table cells split by the floor (so that the work is not optimised away). */
  cells?: number;
}

function yamlSeeds(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((e) => (e.isDirectory() ? yamlSeeds(join(dir, e.name)) : /\.ya?ml$/.test(e.name) ? [join(dir, e.name)] : []));
}

/** Imported tables (.csv, and .txt as copied out of Word or Excel: UTF-8, GB18030, UTF-16) of fixtures/import. */
function tableSeeds(): Array<{ ext: string; bytes: Buffer }> {
  const dir = join(ROOT, 'fixtures', 'import');
  return readdirSync(dir)
    .filter((f) => /\.(csv|txt)$/.test(f))
    .sort()
    .map((f) => ({ ext: f.slice(f.lastIndexOf('.')), bytes: readFileSync(join(dir, f)) }));
}

/** `count` submissions in district folders of 100: YAML only, or (mixed) every other one an imported table. */
function makeCorpus(count: number, mixed = false): string {
  const seeds = [...yamlSeeds(join(ROOT, 'fixtures', 'rules')), ...yamlSeeds(join(ROOT, 'fixtures', 'seeds'))].map((f) => readFileSync(f, 'utf8'));
  const tables = mixed ? tableSeeds() : [];
  const dir = mkdtempSync(join(tmpdir(), 'jixiao-bench-'));
  for (let i = 0; i < count; i++) {
    const district = join(dir, `区县${String(Math.floor(i / 100)).padStart(4, '0')}`);
    if (i % 100 === 0) mkdirSync(district, { recursive: true });
    const name = join(district, `单位${String(i).padStart(6, '0')}`);
    if (mixed && i % 2 === 1) {
      const t = tables[((i - 1) / 2) % tables.length] as { ext: string; bytes: Buffer };
      writeFileSync(`${name}${t.ext}`, t.bytes);
    } else {
      const k = mixed ? i / 2 : i;
      writeFileSync(`${name}.yaml`, (seeds[k % seeds.length] as string).replace(/示例单位/g, `第${i}号预算单位`));
    }
  }
  return dir;
}

/** The paths a run is given: the folder, and for a mixed corpus its .txt files (folders are searched for every other format). */
function pathsOf(dir: string, mixed: boolean): string[] {
  return mixed ? [dir, `${dir}/**/*.txt`] : [dir];
}

/** Every file under a folder, sorted (as discovery does). */
function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]));
}

/**
 * The floor: read + parse with positions + ajv validation against the form's schema, one
 * process, one thread; a table (.csv/.txt) is read, decoded (encoding detected) and split into
 * rows and cells (by delimiter, or one cell per line) as the loader does before recognising a form.
 */
function floor(dir: string, parser: 'yaml' | 'js-yaml' = 'yaml'): ChildResult {
  const t0 = performance.now();
  const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
  ajv.addKeyword({ keyword: 'x-kind', schemaType: 'string' });
  const validators = new Map<string, (d: unknown) => boolean>();
  for (const s of loadSchemas(ROOT)) ajv.addSchema(s);
  for (const s of loadSchemas(ROOT)) {
    const form = /([a-z-]+)\.schema\.json$/.exec(String(s.$id))?.[1];
    if (isFormKind(form)) validators.set(form, ajv.getSchema(String(s.$id)) as (d: unknown) => boolean);
  }
  let files = 0;
  let cells = 0;
  for (const f of walk(dir)) {
    if (/\.(csv|txt)$/.test(f)) {
      const decoded = decodeText(readFileSync(f));
      if ('text' in decoded) {
        const text = decoded.text;
        const rows = isCellPerLine(text) ? cellPerLineGrid(text).rows : splitRecords(text, guessDelimiter(text, f.slice(f.lastIndexOf('.')))).records;
        for (const r of rows) cells += r.length;
      }
      files++;
      continue;
    }
    const text = readFileSync(f, 'utf8');
    if (parser === 'js-yaml') {
      // the events carry every node's offsets: the positions, without a line counter; a file
      // that is not YAML (the corpus holds the parse-error fixtures) is counted, as by the linter
      try {
        for (const data of constructFromEvents(parseEvents(text, {}), { source: text }) as Array<{ form?: string } | null>) validators.get(String(data?.form))?.(data);
      } catch {
        /* a syntax error: read, found wrong */
      }
    } else {
      const lines = new LineCounter();
      for (const doc of parseAllDocuments(text, { lineCounter: lines })) {
        if (!('toJS' in doc)) continue;
        const data = doc.toJS() as { form?: string } | null;
        validators.get(String(data?.form))?.(data);
      }
    }
    files++;
  }
  return { files, secs: (performance.now() - t0) / 1000, maxRssMb: process.resourceUsage().maxRSS / 1024, cells };
}

async function lint(dir: string, concurrency: number, mixed: boolean): Promise<ChildResult> {
  const t0 = performance.now();
  const linter = createLinter();
  const run = await lintPaths(linter, pathsOf(dir, mixed), { lang: 'zh', concurrency, ...(concurrency > 1 ? { workers: { cwd: process.cwd() } } : {}) });
  const s = summarize(run.results);
  return { files: run.files.length, secs: (performance.now() - t0) / 1000, maxRssMb: process.resourceUsage().maxRSS / 1024, findings: s.errors + s.warnings + s.infos };
}

/** Every format the CLI writes, each to a file of `out` (and the per-file summary table, to stdout, discarded). */
const STREAMED_FORMATS: Array<[string, string]> = [
  ['json', 'json'],
  ['sarif', 'sarif'],
  ['junit', 'xml'],
  ['csv', 'csv'],
  ['html', 'html'],
  ['xlsx', 'xlsx'],
  ['markdown', 'md'],
  ['gitlab', 'gitlab.json'],
  ['github', 'github.txt'],
  ['stylish', 'txt'],
];

/** The CLI over a folder, every format written to a file: what a bureau's national batch does. */
async function cliRun(dir: string): Promise<ChildResult> {
  const out = mkdtempSync(join(tmpdir(), 'jixiao-bench-out-'));
  const t0 = performance.now();
  let printed = 0;
  const write = process.stdout.write.bind(process.stdout);
  // the summary table goes to stdout: counted, not kept (stdout carries this child's figures)
  process.stdout.write = ((chunk: string | Uint8Array) => {
    printed += chunk.length;
    return true;
  }) as typeof process.stdout.write;
  try {
    await cliMain(['node', 'jixiao-lint', dir, '--summary', ...STREAMED_FORMATS.flatMap(([f, ext]) => ['-f', f, '-o', join(out, `report.${ext}`)])]);
  } finally {
    process.stdout.write = write;
    rmSync(out, { recursive: true, force: true });
  }
  return { files: printed, secs: (performance.now() - t0) / 1000, maxRssMb: process.resourceUsage().maxRSS / 1024 };
}

/** Small synthetic submissions for the streamed-report runs: the YAML seeds round-robin, each with its own unit, in folders of 100. */
function makeSmallCorpus(count: number): string {
  return makeCorpus(count);
}

function child(mode: string, dir: string, concurrency = 1, mixed = false): ChildResult {
  const out = execFileSync(process.execPath, [SELF, '--child', mode, dir, String(concurrency), mixed ? 'mixed' : 'yaml'], { encoding: 'utf8', maxBuffer: 1 << 24 });
  return JSON.parse(out) as ChildResult;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

/** Wall time of a command, in seconds (spawned, output discarded). */
function wall(cmd: string, args: string[]): number {
  const t0 = performance.now();
  spawnSync(cmd, args, { stdio: 'ignore' });
  return (performance.now() - t0) / 1000;
}

const MINIMAL = `// the minimal script: parse one YAML file with positions and validate it with ajv
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import { Ajv2020 } from 'ajv/dist/2020.js';
const [root, file] = process.argv.slice(2);
const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
ajv.addKeyword({ keyword: 'x-kind', schemaType: 'string' });
for (const f of readdirSync(join(root, 'schemas'))) if (f.endsWith('.schema.json') && f !== 'rule.schema.json' && f !== 'config.schema.json') ajv.addSchema(JSON.parse(readFileSync(join(root, 'schemas', f), 'utf8')));
const data = parseDocument(readFileSync(file, 'utf8'), { lineCounter: new LineCounter() }).toJS();
const v = ajv.getSchema('https://jixiao-lint.example/schemas/' + data.form + '.schema.json');
console.log(v(data) ? 'valid' : v.errors.length + ' errors');
`;

/** The same with js-yaml, the parser the linter reads with. */
const MINIMAL_JS_YAML = MINIMAL.replace("import { LineCounter, parseDocument } from 'yaml';", "import { constructFromEvents, parseEvents } from 'js-yaml';").replace(
  "const data = parseDocument(readFileSync(file, 'utf8'), { lineCounter: new LineCounter() }).toJS();",
  "const text = readFileSync(file, 'utf8');\nconst data = constructFromEvents(parseEvents(text, {}), { source: text })[0];",
);

function latency(): { cli: number; minimal: number; minimalJs: number; version: number; node: number } {
  const file = join(ROOT, 'fixtures', 'seeds', '001-project.yaml');
  const script = join(ROOT, 'build', 'bench', 'minimal.mjs');
  const scriptJs = join(ROOT, 'build', 'bench', 'minimal-js-yaml.mjs');
  writeFileSync(script, MINIMAL);
  writeFileSync(scriptJs, MINIMAL_JS_YAML);
  const runs = { cli: [] as number[], minimal: [] as number[], minimalJs: [] as number[], version: [] as number[], node: [] as number[] };
  wall(process.execPath, [BIN, file]); // warm the file cache
  for (let i = 0; i < 9; i++) {
    runs.cli.push(wall(process.execPath, [BIN, file]));
    runs.minimal.push(wall(process.execPath, [script, ROOT, file]));
    runs.minimalJs.push(wall(process.execPath, [scriptJs, ROOT, file]));
    runs.version.push(wall(process.execPath, [BIN, '--version']));
    runs.node.push(wall(process.execPath, ['-e', '0']));
  }
  return { cli: median(runs.cli), minimal: median(runs.minimal), minimalJs: median(runs.minimalJs), version: median(runs.version), node: median(runs.node) };
}

const fmt = (x: number, d = 2) => x.toFixed(d);

/**
 * Streamed reports (issue 26): peak RSS of the CLI writing every format at each size, and the
 * ratio of each to the first (the goal: ≤ 1.3× at 100,000 files against 1,000).
 */
function streamed(argv: readonly string[]): string[] {
  const i = argv.indexOf('--streamed-sizes');
  const sizes = i > 0 ? (argv[i + 1] ?? '').split(',').map(Number) : argv.includes('--huge') ? [1000, 10000, 100000] : [1000, 10000];
  const lines: string[] = [];
  const runs: Array<{ n: number; r: ChildResult }> = [];
  for (const n of sizes) {
    const dir = makeSmallCorpus(n);
    try {
      const r = child('cli', dir);
      runs.push({ n, r });
      const line = `streamed reports, ${n} files, every format to files: peak RSS ${fmt(r.maxRssMb, 0)} MB, ${fmt(r.secs, 1)} s${runs.length > 1 ? `, ${fmt(r.maxRssMb / (runs[0] as { r: ChildResult }).r.maxRssMb)}× the peak at ${(runs[0] as { n: number }).n}` : ''}`;
      lines.push(line);
      process.stderr.write(`${line}\n`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  const first = runs[0];
  const last = runs[runs.length - 1];
  if (first && last && last !== first) {
    const ratio = last.r.maxRssMb / first.r.maxRssMb;
    lines.push(`memory of streamed reports: peak RSS at ${last.n} files ${fmt(ratio)}× the peak at ${first.n}${last.n >= 100000 ? ` (goal ≤ 1.3×: ${goal(ratio <= 1.3)})` : ' (the goal is at 100,000 files: npm run bench -- --huge)'}`);
  }
  return lines;
}
const goal = (ok: boolean) => (ok ? 'met' : 'NOT met');

async function main(): Promise<void> {
  const argv = process.argv;
  if (argv[2] === '--child') {
    const [mode, dir, n, corpus] = argv.slice(3) as [string, string, string, string];
    const r = mode === 'floor' ? floor(dir) : mode === 'floor-js-yaml' ? floor(dir, 'js-yaml') : mode === 'cli' ? await cliRun(dir) : await lint(dir, Number(n), corpus === 'mixed');
    process.stdout.write(JSON.stringify(r));
    return;
  }
  if (argv.includes('--streamed-only')) {
    process.stdout.write(`\n${streamed(argv).join('\n')}\n`);
    return;
  }
  const big = argv.includes('--big');
  const i = argv.indexOf('--sizes');
  const sizes = i > 0 ? (argv[i + 1] ?? '').split(',').map(Number) : big ? [1000, 50000] : [1000, 20000];
  const cores = availableParallelism();
  const lines: string[] = [`node ${process.version}, ${cores} cores (${cpus()[0]?.model ?? '?'})`, ''];
  const say = (s: string) => {
    lines.push(s);
    process.stderr.write(`${s}\n`);
  };
  const bySize: Array<{ n: number; floor: ChildResult; floorJs: ChildResult; single: ChildResult; workers: ChildResult }> = [];
  for (const n of sizes) {
    const dir = makeCorpus(n);
    try {
      const f = child('floor', dir);
      const fj = child('floor-js-yaml', dir);
      const s = child('lint', dir, 1);
      const w = child('lint', dir, cores);
      bySize.push({ n, floor: f, floorJs: fj, single: s, workers: w });
      say(`${n} YAML files (${s.findings} findings):`);
      say(`  floor (read+parse+ajv)   ${fmt(f.files / f.secs, 0).padStart(6)} files/s   peak RSS ${fmt(f.maxRssMb, 0)} MB   (parse: yaml, as in the issue)`);
      say(`  floor with js-yaml       ${fmt(fj.files / fj.secs, 0).padStart(6)} files/s   peak RSS ${fmt(fj.maxRssMb, 0)} MB   (parse: js-yaml events, as the linter reads)`);
      say(`  jixiao-lint, 1 thread    ${fmt(s.files / s.secs, 0).padStart(6)} files/s   peak RSS ${fmt(s.maxRssMb, 0)} MB   ${fmt(s.secs / f.secs)}× the floor's time`);
      say(`  jixiao-lint, ${cores} workers   ${fmt(w.files / w.secs, 0).padStart(6)} files/s   peak RSS ${fmt(w.maxRssMb, 0)} MB   ${fmt(w.secs / f.secs)}× the floor's time, ${fmt(s.secs / w.secs)}× one thread's throughput`);
    } finally {
      if (argv.includes('--keep')) process.stderr.write(`kept ${dir}\n`);
      else rmSync(dir, { recursive: true, force: true });
    }
  }
  const m = argv.indexOf('--mixed');
  const mixedN = m > 0 ? Number(argv[m + 1]) : 2000;
  let mixed: { floor: ChildResult; floorJs: ChildResult; single: ChildResult; workers: ChildResult } | undefined;
  if (mixedN > 0) {
    const dir = makeCorpus(mixedN, true);
    try {
      const f = child('floor', dir, 1, true);
      const fj = child('floor-js-yaml', dir, 1, true);
      const s = child('lint', dir, 1, true);
      const w = child('lint', dir, cores, true);
      mixed = { floor: f, floorJs: fj, single: s, workers: w };
      say(`${mixedN} files, mixed (every other one a .csv/.txt table; ${s.findings} findings):`);
      say(`  floor (+ decode and split tables) ${fmt(f.files / f.secs, 0).padStart(6)} files/s   peak RSS ${fmt(f.maxRssMb, 0)} MB`);
      say(`  the same with js-yaml    ${fmt(fj.files / fj.secs, 0).padStart(6)} files/s   peak RSS ${fmt(fj.maxRssMb, 0)} MB`);
      say(`  jixiao-lint, 1 thread    ${fmt(s.files / s.secs, 0).padStart(6)} files/s   peak RSS ${fmt(s.maxRssMb, 0)} MB   ${fmt(s.secs / f.secs)}× the floor's time`);
      say(`  jixiao-lint, ${cores} workers   ${fmt(w.files / w.secs, 0).padStart(6)} files/s   peak RSS ${fmt(w.maxRssMb, 0)} MB   ${fmt(w.secs / f.secs)}× the floor's time, ${fmt(s.secs / w.secs)}× one thread's throughput`);
    } finally {
      if (argv.includes('--keep')) process.stderr.write(`kept ${dir}\n`);
      else rmSync(dir, { recursive: true, force: true });
    }
  }
  const small = bySize[0];
  const large = bySize[bySize.length - 1];
  say('');
  const lat = latency();
  say(`one file: CLI ${fmt(lat.cli * 1000, 0)} ms, minimal parse+validate script ${fmt(lat.minimal * 1000, 0)} ms: ${fmt(lat.cli / lat.minimal)}× (goal ≤ 1.3×: ${goal(lat.cli / lat.minimal <= 1.3)}); the script parsing with js-yaml ${fmt(lat.minimalJs * 1000, 0)} ms: ${fmt(lat.cli / lat.minimalJs)}×`);
  say(`--version ${fmt(lat.version * 1000, 0)} ms, node -e 0 ${fmt(lat.node * 1000, 0)} ms: ${fmt(lat.version / lat.node)}× (goal ≤ 2×: ${goal(lat.version / lat.node <= 2)})`);
  if (small && large) {
    const single = large.single.secs / large.floor.secs;
    say(`YAML batch, one thread: ${fmt(single)}× the floor at ${large.n} files (goal ≤ 1.5×: ${goal(single <= 1.5)}); ${fmt(large.single.secs / large.floorJs.secs)}× the floor parsing with js-yaml`);
    say(`workers vs one thread at ${large.n} files: ${fmt(large.single.secs / large.workers.secs)}× the throughput on ${cores} cores`);
    if (large !== small) {
      const rss = large.workers.maxRssMb / small.workers.maxRssMb;
      const perFile = large.workers.secs / large.n / (small.workers.secs / small.n);
      say(`memory: peak RSS at ${large.n} files ${fmt(rss)}× the peak at ${small.n} (workers; goal ≤ 1.3×: ${goal(rss <= 1.3)}); one thread ${fmt(large.single.maxRssMb / small.single.maxRssMb)}×`);
      const perFileSingle = large.single.secs / large.n / (small.single.secs / small.n);
      // "within 10%": not slower per file on the large corpus (faster is start-up spread over more files)
      say(`time per file at ${large.n} vs ${small.n} files: ${fmt(perFile)}× with workers, ${fmt(perFileSingle)}× on one thread (goal ≤ 1.10×: ${goal(Math.max(perFile, perFileSingle) <= 1.1)})`);
    }
  }
  for (const line of streamed(argv)) say(line);
  if (mixed) {
    const r = mixed.single.secs / mixed.floor.secs;
    say(`mixed corpus, one thread: ${fmt(r)}× the floor that also decodes and splits tables (goal ≤ 2.5×: ${goal(r <= 2.5)}); ${fmt(mixed.single.secs / mixed.floorJs.secs)}× that floor parsing with js-yaml; ${fmt(mixed.workers.secs / mixed.floor.secs)}× with ${cores} workers`);
  }
  process.stdout.write(`\n${lines.join('\n')}\n`);
}

main().catch((e: unknown) => {
  process.stderr.write(`bench: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exitCode = 1;
});
