/**
 * The self-check page, dist/jixiao-lint.html (npm run build:web), is committed like
 * dist/index.js: a fresh build must equal the committed file byte for byte, the file must be
 * self-contained (nothing loaded from elsewhere, a CSP that forbids the network) and within the
 * README's size budget. The page itself is tested in a browser by npm run test:browser.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..');
const PAGE = join(ROOT, 'dist/jixiao-lint.html');
/** The size budget stated in the README (「单位自查（网页版）」). */
const BUDGET_BYTES = 3 * 1024 * 1024;

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
    // No external script, style, image or font: the markup around the one inline script and
    // the one inline style loads nothing.
    const scripts = html.split('</script>').length - 1;
    expect(scripts).toBe(1);
    const markup = html.replace(/<script>[\s\S]*<\/script>/, '').replace(/<style>[\s\S]*?<\/style>/, '');
    expect(markup).not.toMatch(/\ssrc=|<link\b|<img\b|url\(/i);
    const style = /<style>([\s\S]*?)<\/style>/.exec(html)?.[1] ?? '';
    expect(style).not.toMatch(/url\(|@import/i);
    // The rules are inlined (every rule id of rules/ is in the page).
    expect(html).toContain('execution-rate');
    expect(html).toContain('parse-error');
  });
});
