// Build the self-check page: one self-contained file, dist/jixiao-lint.html.
//   node scripts/build-web.mjs [--outfile <path>] [--head] [--sizes]      (npm run build:web)
// esbuild bundles the core with the Web Worker (src/web/worker.ts) and the page script
// (src/web/page.ts) with the worker's code as a string (the page starts it from a Blob URL, so
// it runs from file://); both scripts and the styles (src/web/page.css) go inline into
// src/web/page.html.
// Nothing is compiled at run time, so the CSP has no 'unsafe-eval': the worker gets, as virtual
// modules made here by src/node/bundle.ts (buildWebResources) from rules/ and schemas/, the
// rules parsed, validated and checked (as generated/rules.json), ajv standalone validators of
// the form schemas (as generated/validators.cjs) and of what a config holds (shared settings,
// every rule option); ajv itself is replaced by src/web/no-ajv.ts, which refuses to compile.
// Target: Chromium 90 and later (es2020). The output is byte-for-byte reproducible:
// test/web-stale.test.ts rebuilds it to a temporary file and fails when the committed file differs.
// --head builds from the committed sources (git HEAD) instead of the working tree; --sizes
// prints what the scripts are made of.
import { build, transform } from 'esbuild';
import { iconvData } from './iconv-data.mjs';
import { gitHeadPlugin, readAtHead } from './git-head.mjs';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { deflateSync } from 'node:zlib';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const i = process.argv.indexOf('--outfile');
const outfile = i > 0 && process.argv[i + 1] ? resolve(process.argv[i + 1]) : join(root, 'dist', 'jixiao-lint.html');
const head = process.argv.includes('--head');
export const TARGET = ['chrome90', 'edge90'];

const git = (...args) => execFileSync('git', args, { cwd: root, encoding: 'utf8', maxBuffer: 1 << 26 });
/** Text of a project file (from git HEAD with --head). */
const read = (rel) => (head ? readAtHead(root, rel) : readFileSync(join(root, rel), 'utf8'));
/** File names in a project folder, sorted. */
const list = (dir) => (head ? git('ls-tree', '--name-only', 'HEAD', `${dir}/`).split('\n').filter(Boolean).map((p) => p.slice(dir.length + 1)) : readdirSync(join(root, dir))).sort();

const fromHead = gitHeadPlugin(root);

/** rules/*.yaml and schemas/*.schema.json (but config.schema.json), as src/node/bundle.ts's readSources reads them. */
const sources = {
  rules: list('rules')
    .filter((f) => /\.ya?ml$/.test(f))
    .map((f) => ({ name: `rules/${f}`, text: read(`rules/${f}`) })),
  schemas: list('schemas')
    .filter((f) => f.endsWith('.schema.json') && f !== 'config.schema.json')
    .map((f) => ({ name: `schemas/${f}`, text: read(`schemas/${f}`) })),
};

/** src/node/bundle.ts, bundled for Node into a temporary file and loaded here (a refused rule stops the build). */
async function bundleModule() {
  const dir = mkdtempSync(join(tmpdir(), 'jixiao-web-'));
  const file = join(dir, 'bundle.mjs');
  try {
    await build({
      absWorkingDir: root,
      entryPoints: ['src/node/bundle.ts'],
      outfile: file,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      logLevel: 'warning',
      // ajv is CommonJS: give the ES module a require
      banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
      plugins: head ? [fromHead] : [],
    });
    return await import(pathToFileURL(file).href);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
const web = (await bundleModule()).buildWebResources(sources);

/**
 * The virtual modules of the worker (src/web/resources.d.ts): 'jixiao:resources' (the bundled
 * rules, the form schemas), 'jixiao:form-validators' and 'jixiao:config-validators' (ajv
 * standalone code, CommonJS, requiring only ajv's small runtime helpers).
 */
const resources = {
  name: 'jixiao-resources',
  setup(b) {
    b.onResolve({ filter: /^jixiao:(resources|form-validators|config-validators)$/ }, (args) => ({ path: args.path.slice('jixiao:'.length), namespace: 'jixiao' }));
    b.onLoad({ filter: /.*/, namespace: 'jixiao' }, (args) => {
      if (args.path === 'form-validators') return { contents: web.formValidators, loader: 'js', resolveDir: root };
      if (args.path === 'config-validators') return { contents: web.configValidators, loader: 'js', resolveDir: root };
      const schemas = sources.schemas.filter((s) => s.name !== 'schemas/rule.schema.json').map((s) => JSON.parse(s.text));
      return {
        contents: [`export const rules = ${JSON.stringify(web.rules)};`, `export const schemas = ${JSON.stringify(schemas)};`].join('\n'),
        loader: 'js',
      };
    });
  },
};

/** The worker's iconv-lite is src/web/iconv-shim.ts (the command line keeps iconv-lite). */
const iconvShim = {
  name: 'iconv-shim',
  setup(b) {
    b.onResolve({ filter: /^iconv-lite$/ }, () => ({ path: join(root, 'src/web/iconv-shim.ts') }));
    b.onResolve({ filter: /^jixiao:iconv-data$/ }, () => ({ path: 'iconv-data', namespace: 'jixiao-iconv' }));
    b.onLoad({ filter: /.*/, namespace: 'jixiao-iconv' }, () => ({
      contents: Object.entries(iconvData())
        .map(([k, v]) => `export const ${k} = ${JSON.stringify(v)};`)
        .join('\n'),
      loader: 'js',
    }));
  },
};

/**
 * exceljs without its polyfills: the browser build of exceljs (its package.json "browser" field,
 * dist/exceljs.min.js) bundles core-js and regenerator for old browsers; dist/exceljs.bare.min.js
 * is the same build without them (85 KB less), enough for the build target.
 */
const exceljsBare = {
  name: 'exceljs-bare',
  setup(b) {
    b.onResolve({ filter: /^exceljs$/ }, () => ({ path: join(root, 'node_modules/exceljs/dist/exceljs.bare.min.js') }));
  },
};

/** ajv's compiler is not in the page: src/web/no-ajv.ts stands in for it (and refuses to compile). */
const noAjv = {
  name: 'no-ajv',
  setup(b) {
    b.onResolve({ filter: /^ajv(\/dist\/2020(\.js)?)?$/ }, () => ({ path: join(root, 'src/web/no-ajv.ts') }));
  },
};

/**
 * SheetJS and pdf.js are loaded lazily (src/web/chunks.ts): in the worker, src/web/lazy-xls.ts and
 * lazy-pdf.ts stand in for src/load/xls.ts and pdf.ts, and fetch their readers from the chunks.
 */
const lazyReaders = {
  name: 'lazy-readers',
  setup(b) {
    b.onResolve({ filter: /^\.\/(xls|pdf)\.js$/ }, (a) => (a.importer.endsWith(join('src', 'load', 'index.ts')) ? { path: join(root, `src/web/lazy-${a.path.slice(2, -3)}.ts`) } : undefined));
  },
};

/** In a chunk, the form readers are the worker's: the readers' import of recognize.ts is left out (only loadXls/loadPdf call it). */
const noRecognize = {
  name: 'no-recognize',
  setup(b) {
    b.onResolve({ filter: /^\.\/recognize\.js$/ }, (a) => (/src[\\/]load[\\/](xls|pdf)\.ts$/.test(a.importer) ? { path: 'recognize', namespace: 'jixiao-none' } : undefined));
    b.onLoad({ filter: /.*/, namespace: 'jixiao-none' }, () => ({ contents: "export function recognize() { throw new Error('recognize is not in the chunk'); }", loader: 'js' }));
  },
};

const common = {
  absWorkingDir: root,
  bundle: true,
  write: false,
  platform: 'browser',
  format: 'iife',
  target: TARGET,
  charset: 'utf8',
  minify: true,
  legalComments: 'none',
  sourcemap: false,
  logLevel: 'warning',
  // Node built-ins some dependencies mention but never call in a browser.
  external: [],
};

const sizes = process.argv.includes('--sizes');

async function bundle(entry, define = {}, chunk = false) {
  const plugins = chunk ? [noRecognize, iconvShim] : [resources, noAjv, lazyReaders, iconvShim, exceljsBare];
  const r = await build({ ...common, entryPoints: [entry], define, metafile: sizes, plugins: [...plugins, ...(head ? [fromHead] : [])] });
  // (the page script holds the worker as a string: its own share is in the summary line)
  if (sizes && (chunk || entry.endsWith('worker.ts'))) printSizes(entry, r.metafile);
  return r.outputFiles[0].text;
}

/**
 * A lazily loaded chunk (src/web/chunks.ts): its script deflated (zlib, level 9: the same bytes on
 * every run) and base64-encoded, to be inflated by the browser's DecompressionStream.
 */
async function packChunk(entry) {
  const js = await bundle(entry, {}, true);
  const packed = deflateSync(Buffer.from(js), { level: 9 }).toString('base64');
  chunkSizes.push(`${entry.replace(/^src\/web\/chunk-|\.ts$/g, '')} ${kb(Buffer.byteLength(js))} → ${kb(packed.length)} inlined`);
  return packed;
}
const chunkSizes = [];
const kb = (n) => `${(n / 1024).toFixed(0)} KB`;

/** --sizes: what a bundle is made of, by package (node_modules) or folder (src/…), largest first. */
function printSizes(entry, metafile) {
  const byPart = new Map();
  for (const output of Object.values(metafile.outputs)) {
    for (const [file, { bytesInOutput }] of Object.entries(output.inputs)) {
      const part = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(file)?.[1] ?? (file.includes(':') ? file : file.split('/').slice(0, 2).join('/'));
      byPart.set(part, (byPart.get(part) ?? 0) + bytesInOutput);
    }
  }
  console.log(`${entry}:`);
  for (const [part, n] of [...byPart].sort((a, b) => b[1] - a[1]).filter(([, n]) => n >= 1024)) console.log(`  ${(n / 1024).toFixed(0).padStart(5)} KB  ${part}`);
}

const chunks = { xls: await packChunk('src/web/chunk-xls.ts'), pdf: await packChunk('src/web/chunk-pdf.ts') };
const workerJs = await bundle('src/web/worker.ts', { __JIXIAO_CHUNKS__: JSON.stringify(chunks) });
const pageJs = await bundle('src/web/page.ts', { __WORKER_SOURCE__: JSON.stringify(workerJs) });
const css = (await transform(read('src/web/page.css'), { loader: 'css', minify: true, target: TARGET })).code;

const inline = (s, tag) => {
  if (new RegExp(`</${tag}`, 'i').test(s)) throw new Error(`inline ${tag} holds </${tag}`);
  return s.trim();
};
const html = read('src/web/page.html')
  .replace('/*STYLE*/', () => inline(css, 'style'))
  .replace('/*SCRIPT*/', () => inline(pageJs, 'script'));
mkdirSync(dirname(outfile), { recursive: true });
writeFileSync(outfile, html);
if (!process.argv.includes('--quiet')) {
  console.log(`${relative(process.cwd(), outfile)}: ${kb(Buffer.byteLength(html))} (worker ${kb(Buffer.byteLength(workerJs))}, page ${kb(Buffer.byteLength(pageJs) - Buffer.byteLength(workerJs))}, styles ${kb(Buffer.byteLength(css))}; chunks loaded when opened: ${chunkSizes.join(', ')})`);
}
