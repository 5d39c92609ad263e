/**
 * Node side: find the package's own rules/ and schemas/ and build a Linter from them.
 */
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compileRules, type Rule } from '../check/rules.js';
import { Linter } from '../lint.js';
import type { Lang } from '../types.js';
import { SchemaSet, type JsonSchema } from '../validate/schemas.js';
import { readRegularTextSync } from './read.js';

/** The package root (the folder holding package.json), from src/ or build/src/. */
export function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error('cannot find the jixiao-lint package root');
    dir = up;
  }
  return dir;
}

export function readJson(path: string): JsonSchema {
  return JSON.parse(readRegularTextSync(path)) as JsonSchema;
}

/** Every form schema and common.schema.json (not rule.schema.json). */
export function loadSchemas(root = packageRoot()): JsonSchema[] {
  const dir = join(root, 'schemas');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.schema.json') && f !== 'rule.schema.json' && f !== 'config.schema.json')
    .sort()
    .map((f) => readJson(join(dir, f)));
}

export function ruleFiles(dir: string): Array<{ name: string; text: string }> {
  return readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()
    // only regular files of at most MAX_SETTINGS_FILE_BYTES (a FIFO or /dev/zero named x.yaml is refused: ReadError)
    .map((f) => ({ name: join(dir, f), text: readRegularTextSync(join(dir, f)) }));
}

/** Rules from the built-in rules/ folder plus any extra folders (a bureau's own rules). */
export function loadRules(extraDirs: string[] = [], root = packageRoot(), schemas: SchemaSet = new SchemaSet(loadSchemas(root)), lang: Lang = 'zh'): Rule[] {
  const files = [join(root, 'rules'), ...extraDirs.map((d) => resolve(d))].flatMap(ruleFiles);
  return compileRules(files, readJson(join(root, 'schemas', 'rule.schema.json')), { schemas, lang });
}

export function createLinter(extraRuleDirs: string[] = [], lang: Lang = 'zh'): Linter {
  const root = packageRoot();
  const schemas = new SchemaSet(loadSchemas(root));
  return new Linter(schemas, loadRules(extraRuleDirs, root, schemas, lang));
}
