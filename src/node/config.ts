/**
 * Node side of configuration: find jixiao-lint.config.yaml (from the current folder upwards,
 * or --config), read it and what it extends, build the Linter with its ruleDirs, and give
 * the settings for each file (base rules, then every override whose globs match the file's
 * path relative to the folder of the config file that declares the override).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import picomatch from 'picomatch';
import { parse as parseYaml } from 'yaml';
import type { RuleSettings } from '../check/engine.js';
import { RuleError } from '../check/rules.js';
import {
  baseSettings,
  CONFIG_FILE_NAMES,
  ConfigError,
  flattenExtends,
  mergeSettings,
  overrideSettings,
  parseConfigShape,
  type ConfigLayer,
} from '../config/config.js';
import { policyOf, type PolicySettings } from '../config/settings.js';
import type { Linter } from '../lint.js';
import type { Lang } from '../types.js';
import { displayPath } from './files.js';
import { createLinter } from './resources.js';

export { ConfigError };

/** The nearest config file from `start` upwards, or undefined. */
export function findConfig(start: string = process.cwd()): string | undefined {
  let dir = resolve(start);
  for (;;) {
    for (const name of CONFIG_FILE_NAMES) {
      const p = join(dir, name);
      if (existsSync(p)) return p;
    }
    const up = dirname(dir);
    if (up === dir) return undefined;
    dir = up;
  }
}

/** Read and shape-check one config file. */
export function readConfigLayer(path: string, cwd: string = process.cwd()): ConfigLayer {
  const abs = resolve(cwd, path);
  const name = displayPath(abs, cwd);
  let text: string;
  try {
    text = readFileSync(abs, 'utf8');
  } catch (e) {
    throw new ConfigError(`${name}: cannot read config file: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
  let data: unknown;
  try {
    data = abs.endsWith('.json') ? JSON.parse(text) : parseYaml(text);
  } catch (e) {
    throw new ConfigError(`${name}: not valid ${abs.endsWith('.json') ? 'JSON' : 'YAML'}: ${(e as Error).message.split('\n')[0]}`);
  }
  return { shape: parseConfigShape(data, name), dir: dirname(abs) };
}

export interface LoadedConfig {
  /** The config file used (absolute), or undefined when there is none. */
  file?: string;
  linter: Linter;
  /** Absolute folders of extra rules. */
  ruleDirs: string[];
  base: RuleSettings;
  /** The shared policy settings of the config (defaults filled in), e.g. for importers. */
  policy: PolicySettings;
  /** Rule settings for one file; its shared settings are policyOf(settingsFor(file)). */
  settingsFor: (file: string) => RuleSettings;
}

/**
 * Load the configuration: `explicit` (--config) or the nearest config file from `cwd`;
 * without either, the built-in rules at their defaults.
 */
export function loadConfig(explicit?: string, cwd: string = process.cwd(), lang: Lang = 'zh'): LoadedConfig {
  const file = explicit !== undefined ? resolve(cwd, explicit) : findConfig(cwd);
  if (file === undefined) {
    const linter = createLinter([], lang);
    return { linter, ruleDirs: [], base: {}, policy: policyOf(undefined), settingsFor: () => ({}) };
  }
  const root = readConfigLayer(file, cwd);
  const entries = flattenExtends(
    root,
    (ref, from) => readConfigLayer(resolve(from.dir, ref), cwd),
    (l) => resolve(cwd, l.shape.name),
  );
  const ruleDirs: string[] = [];
  for (const e of entries) {
    if ('preset' in e) continue;
    for (const d of e.shape.ruleDirs) {
      const abs = resolve(e.dir, d);
      if (!existsSync(abs)) throw new ConfigError(`${e.shape.name}: ruleDirs: ${d}: no such folder`);
      if (!ruleDirs.includes(abs)) ruleDirs.push(abs);
    }
  }
  let linter: Linter;
  try {
    linter = createLinter(ruleDirs, lang);
  } catch (e) {
    // A rule that cannot be compiled names its own file, line and id.
    if (e instanceof RuleError) throw new ConfigError(RuleError.format(displayPath(e.file, cwd), e.line, e.ruleId, e.text[lang]));
    throw new ConfigError(`${root.shape.name}: ruleDirs: ${(e as Error).message}`);
  }
  const base = baseSettings(entries, linter.rules);
  const overrides = overrideSettings(entries, linter.rules).map((o) => ({
    ...o,
    match: picomatch(o.files, { dot: true }),
  }));
  const settingsFor = (f: string): RuleSettings => {
    const abs = resolve(cwd, f);
    const matching = overrides.filter((o) => {
      const rel = relative(o.dir, abs).split(sep).join('/');
      return !rel.startsWith('../') && o.match(rel);
    });
    return matching.length === 0 ? base : mergeSettings(base, ...matching.map((o) => o.settings));
  };
  return { file, linter, ruleDirs, base, policy: policyOf(base), settingsFor };
}
