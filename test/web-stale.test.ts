/**
 * The self-check page, dist/jixiao-lint.html (npm run build:web), is committed like
 * dist/index.js: a fresh build must equal the committed file byte for byte, the file must be
 * self-contained (nothing loaded from elsewhere, a CSP that forbids the network) and within the
 * README's size budget. The page itself is tested in a browser by npm run test:browser.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { CONFIG_AJV_OPTIONS, configSchemaKey } from '../src/config/config.js';
import { SETTINGS_SCHEMA } from '../src/config/settings.js';
import { buildConfigValidators, readSources } from '../src/node/bundle.js';
import { loadRules } from '../src/node/resources.js';
import type { PrecompiledValidator } from '../src/validate/schemas.js';

const ROOT = resolve(import.meta.dirname, '..');
const PAGE = join(ROOT, 'dist/jixiao-lint.html');
/** The size budget stated in the README (「单位自查（网页版）」). */
// 2 MiB until opencc-js (Traditional → Simplified, ≈160 KB) and the Markdown parser (≈70 KB) joined the page;
// 2.2 MiB until SheetJS (.xls/.et, 184 KB deflated) and pdf.js (704 KB deflated, and 186 KB more for the CMaps of
// Chinese fonts that are not embedded, src/load/pdf-cmaps.ts) were inlined as chunks loaded when opened
const BUDGET_BYTES = 3.2 * 1024 * 1024;

describe('dist/jixiao-lint.html', () => {
  it('is up to date with src/, rules/ and schemas/ (rebuild: npm run build:web)', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'jixiao-web-build-')), 'jixiao-lint.html');
    const r = spawnSync(process.execPath, [join(ROOT, 'scripts/build-web.mjs'), '--outfile', out, '--quiet'], { cwd: ROOT, encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    const fresh = readFileSync(out);
    const committed = readFileSync(PAGE);
    expect(committed.equals(fresh), 'dist/jixiao-lint.html is stale: run `npm run build:web` and commit dist/').toBe(true);
  });

  it('is one self-contained file within the size budget, with a CSP that forbids the network', () => {
    const html = readFileSync(PAGE, 'utf8');
    expect(Buffer.byteLength(html)).toBeLessThan(BUDGET_BYTES);
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1] ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("connect-src 'none'");
    expect(csp).not.toMatch(/https?:/);
    // Nothing is compiled at run time: no 'unsafe-eval', and ajv's compiler is not in the page.
    expect(csp).not.toContain('unsafe-eval');
    expect(html).not.toContain('Error compiling schema');
    // No external script, style, image or font: the markup around the one inline script and
    // the one inline style loads nothing.
    const scripts = html.split('</script>').length - 1;
    expect(scripts).toBe(1);
    const markup = html.replace(/<script>[\s\S]*<\/script>/, '').replace(/<style>[\s\S]*?<\/style>/, '');
    expect(markup).not.toMatch(/\ssrc=|<link\b|<img\b|url\(/i);
    const style = /<style>([\s\S]*?)<\/style>/.exec(html)?.[1] ?? '';
    expect(style).not.toMatch(/url\(|@import/i);
    // SheetJS and pdf.js are inlined compressed, run only when a .xls/.et or a PDF is opened (src/web/chunks.ts):
    // none of their code is in the page as script
    expect(html).not.toContain('getOperatorList');
    expect(html).not.toContain('SheetJS');
    expect(html).toContain('DecompressionStream');
    // The rules are inlined (every rule id of rules/ is in the page).
    expect(html).toContain('execution-rate');
    expect(html).toContain('parse-error');
  });
});

describe("the page's precompiled config validators (src/node/bundle.ts, buildConfigValidators)", () => {
  // the CommonJS module, run here (its requires are ajv's runtime helpers, resolved from the project)
  const module = { exports: {} as { byKey: Record<string, PrecompiledValidator> } };
  new Function('module', 'exports', 'require', buildConfigValidators(readSources(ROOT)))(module, module.exports, createRequire(import.meta.url));
  const { byKey } = module.exports;
  const rules = loadRules();
  const schemas = [SETTINGS_SCHEMA, ...rules.flatMap((r) => Object.values(r.options).map((o) => o.schema))];
  const ajv = new Ajv2020(CONFIG_AJV_OPTIONS);
  /** Values every schema sees: each option's default, and values of every JSON type. */
  const samples = [null, true, -1, 0, 0.5, 1, 7, 99, 1e9, '', 'x', 'linear', [], [1], ['产出'], [{ name: '产出', weight: 50 }], {}, { a: 1 }, { excellent: -1 }, { achieved: 80, partly: 60 }];

  it('cover the shared settings and every option of every built-in rule', () => {
    expect(schemas.length).toBeGreaterThan(20);
    for (const schema of schemas) expect(typeof byKey[configSchemaKey(schema)], configSchemaKey(schema)).toBe('function');
  });

  it('accept and refuse exactly what ajv compiling at run time does, with the same first error', () => {
    let refused = 0;
    for (const [i, schema] of schemas.entries()) {
      const pre = byKey[configSchemaKey(schema)]!;
      const run = ajv.compile(schema);
      const values = [...samples, ...(i > 0 ? [rules.flatMap((r) => Object.values(r.options)).find((o) => o.schema === schema)?.default] : [])];
      for (const v of values) {
        const ok = run(v);
        expect(pre(v), `${configSchemaKey(schema)} ${JSON.stringify(v)}`).toBe(ok);
        if (!ok) {
          refused++;
          const strip = (e: unknown) => JSON.parse(JSON.stringify(e)) as unknown;
          expect(strip(pre.errors?.[0])).toEqual(strip(run.errors?.[0]));
        }
      }
    }
    expect(refused).toBeGreaterThan(100);
  });
});
