/**
 * The core (everything under src/ except the Node-side folders) must run in a browser:
 * no Node built-in modules, no process, no Buffer-only APIs.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const NODE_SIDE = new Set(['src/node', 'src/action']);

function coreFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return NODE_SIDE.has(p) ? [] : coreFiles(p);
    return p.endsWith('.ts') ? [p] : [];
  });
}

const BUILTINS = /from\s+['"](node:[^'"]+|fs|path|os|child_process|url|crypto|stream|zlib|util)['"]/;

describe('browser-safe core', () => {
  const files = coreFiles('src');
  it('has core files to check', () => {
    expect(files.length).toBeGreaterThan(10);
  });
  for (const file of files) {
    it(file, () => {
      const code = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
      expect(code).not.toMatch(BUILTINS);
      expect(code).not.toMatch(/\bprocess\.(env|argv|exit|cwd|stdout|stderr)\b/);
      expect(code).not.toMatch(/\bBuffer\.(from|alloc|concat)\b/);
      expect(code).not.toMatch(/\brequire\(/);
    });
  }
});
