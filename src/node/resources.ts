/**
 * Node side: find the package's own rules/ and schemas/ and build a Linter from them.
 */
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compileRules, type Rule, type RuleSource } from '../check/rules.js';
import { Linter } from '../lint.js';
import type { Lang } from '../types.js';
import { SchemaSet, type JsonSchema } from '../validate/schemas.js';
import { readRegularTextSync } from './read.js';
import { readBundle, readSources } from './bundle.js';

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
export function loadRules(extraDirs: string[] = [], root = packageRoot(), schemas?: SchemaSet, lang: Lang = 'zh'): Rule[] {
  return prepare(root, extraDirs, lang, schemas).rules;
}

export function createLinter(extraRuleDirs: string[] = [], lang: Lang = 'zh'): Linter {
  const { schemas, rules } = prepare(packageRoot(), extraRuleDirs, lang);
  return new Linter(schemas, rules);
}

/**
 * The schemas and rules of a run. The built-in rules and the form validators come from the
 * checked bundle (generated/, src/node/bundle.ts) when it matches rules/ and schemas/ on disk;
 * otherwise, and always for a bureau's extra folders, they are compiled here from the sources.
 */
function prepare(root: string, extraDirs: string[], lang: Lang, given?: SchemaSet): { schemas: SchemaSet; rules: Rule[] } {
  const sources = readSources(root);
  const bundle = readBundle(root, sources);
  const schemas = given ?? new SchemaSet(loadSchemas(root), bundle.validators);
  const builtIn: RuleSource[] = bundle.rules
    ? bundle.rules.map((r) => ({ ...r, name: join(root, r.name) }))
    : ruleFiles(join(root, 'rules'));
  const files = [...builtIn, ...extraDirs.map((d) => resolve(d)).flatMap(ruleFiles)];
  return { schemas, rules: compileRules(files, readJson(join(root, 'schemas', 'rule.schema.json')), { schemas, lang }) };
}
