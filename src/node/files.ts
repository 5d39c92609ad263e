/**
 * Node side: turn the user's paths into a sorted list of files to lint.
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { extensionOf, supportedExtensions } from '../load/index.js';

export class UsageError extends Error {}

/** Files named directly are always linted; directories are searched for supported extensions. */
export function discover(paths: string[]): string[] {
  const exts = new Set(supportedExtensions());
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
      const p = join(dir, entry.name);
      if (entry.isDirectory()) walk(p);
      else if (entry.isFile() && exts.has(extensionOf(entry.name))) out.push(p);
    }
  };
  for (const p of paths) {
    let st;
    try {
      st = statSync(p);
    } catch {
      throw new UsageError(`no such file or directory: ${p}`);
    }
    if (st.isDirectory()) walk(p);
    else out.push(p);
  }
  return [...new Set(out)];
}
