// Bundle the command line (src/node/cli.ts) and its worker (src/node/worker.ts) into build/cli/,
// run by bin/jixiao-lint.js. Part of `npm run build` (and so of `npm ci`, through `prepare`).
// Why: Node loads and compiles each of the ~120 modules of build/src one by one; one bundle
// (lazy readers and formatters split off as chunks, loaded only when a run needs them) starts
// about 50 ms faster, a third of a one-file run (issue 15; `npm run bench` measures it).
// rules/ and schemas/ are not embedded: the bundle finds them by walking up from its own
// location to package.json (src/node/resources.ts), and the worker is found next to the chunk
// that starts it (src/node/lint-files.ts).
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
// --outdir <dir>: elsewhere (test/cli-bundle.test.ts); it must lie inside the package, where package.json is found
const i = process.argv.indexOf('--outdir');
const outdir = i > 0 && process.argv[i + 1] ? resolve(process.argv[i + 1]) : join(root, 'build', 'cli');
rmSync(outdir, { recursive: true, force: true });

await build({
  absWorkingDir: root,
  entryPoints: { 'jixiao-lint': 'src/node/cli.ts', worker: 'src/node/worker.ts' },
  outdir,
  bundle: true,
  splitting: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  charset: 'utf8',
  legalComments: 'none',
  logLevel: 'warning',
  // CommonJS dependencies (ajv, …) call require(): give the ESM chunks one.
  banner: {
    js: ["import { createRequire as __jixiaoCreateRequire } from 'node:module';", 'const require = __jixiaoCreateRequire(import.meta.url);'].join('\n'),
  },
});
