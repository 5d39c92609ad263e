/**
 * A bureau's own printed layouts: the *.yaml files of the folders its config lists under
 * `layoutDirs` (or `jixiao-lint layouts --check <dir>`), compiled over the built-in ones
 * (layouts/*.yaml) — a file may extend any built-in layout, never reuse its id.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { builtInLayouts, compileLayouts, type Layout } from '../load/layouts.js';
import { displayPath } from './files.js';
import { readRegularTextSync } from './read.js';

/** The bureau's layouts alone (in file-name order per folder). Throws LayoutError (file:line: entry: reason) or ReadError. */
export function readLayoutDirs(dirs: readonly string[], cwd: string): Layout[] {
  const files = dirs.flatMap((dir) =>
    readdirSync(dir)
      .filter((f) => /\.ya?ml$/i.test(f))
      .sort()
      .map((f) => ({ name: displayPath(join(dir, f), cwd), text: readRegularTextSync(join(dir, f)) })),
  );
  return compileLayouts(files, builtInLayouts());
}
