/**
 * Node side of configuration: find jixiao-lint.config.yaml (from the current folder upwards,
 * or --config), read it and what it extends, build the Linter with its ruleDirs, and give
 * the settings for each file (base rules, then every override whose globs match the file's
 * path relative to the folder of the config file that declares the override).
 */
import { existsSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import picomatch from 'picomatch';
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
  parseConfigText,
  type ConfigLayer,
} from '../config/config.js';
import { policyOf, type PolicySettings } from '../config/settings.js';
import type { Linter } from '../lint.js';
import { builtInLayouts, LayoutError, type Layout } from '../load/layouts.js';
import type { Lang } from '../types.js';
import { displayPath } from './files.js';
import { readLayoutDirs } from './layout-dirs.js';
import { ReadError, readRegularTextSync, refusalText, ioText } from './read.js';
import { createLinter } from './resources.js';

export { ConfigError };

/** How deep `extends` may go (a file extending a file … this many levels). */
export const MAX_EXTENDS_DEPTH = 10;
/** How many `extends` references are followed in all, repeats included. */
export const MAX_EXTENDS_FILES = 64;

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
    // a regular file of at most MAX_SETTINGS_FILE_BYTES: never a FIFO or /dev/zero
    text = readRegularTextSync(abs);
  } catch (e) {
    if (e instanceof ReadError && e.refusal.kind !== 'io') throw new ConfigError(`${name}: ${refusalText(e.refusal, 'zh')}`, `${name}: ${refusalText(e.refusal, 'en')}`);
    const code = e instanceof ReadError && e.refusal.kind === 'io' ? e.refusal.code : String(e);
    throw new ConfigError(`${name}：无法读取配置文件：${ioText(code, 'zh')}`, `${name}: cannot read config file: ${ioText(code, 'en')}`);
  }
  const data = parseConfigText(text, name, abs.endsWith('.json'));
  return { shape: parseConfigShape(data, name), dir: dirname(abs) };
}

export interface LoadedConfig {
  /** The config file used (absolute), or undefined when there is none. */
  file?: string;
  linter: Linter;
  /** Absolute folders of extra rules. */
  ruleDirs: string[];
  /** The printed layouts to recognise when the config lists `layoutDirs`: the built-in ones and the bureau's
   * own (undefined without layoutDirs: the readers take the built-in ones). */
  layouts?: Layout[];
  /** Approved target tables (`targets:`): absolute files, folders or globs, read by src/node/targets.ts. */
  targets: string[];
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
    return { linter, ruleDirs: [], targets: [], base: {}, policy: policyOf(undefined), settingsFor: () => ({}) };
  }
  const root = readConfigLayer(file, cwd);
  // `extends` is bounded: at most MAX_EXTENDS_DEPTH files deep and MAX_EXTENDS_FILES followed in
  // all (a diamond of extends would otherwise be visited 2^depth times); each file is read once.
  const depth = new Map<ConfigLayer, number>([[root, 0]]);
  const read = new Map<string, ConfigLayer>();
  let followed = 0;
  const entries = flattenExtends(
    root,
    (ref, from) => {
      const d = (depth.get(from) ?? 0) + 1;
      if (d > MAX_EXTENDS_DEPTH) {
        throw new ConfigError(
          `${from.shape.name}: extends: 嵌套超过 ${MAX_EXTENDS_DEPTH} 层（${ref}），请减少 extends 的层数`,
          `${from.shape.name}: extends: nested more than ${MAX_EXTENDS_DEPTH} levels deep (${ref}); use fewer levels of extends`,
        );
      }
      if (++followed > MAX_EXTENDS_FILES) {
        throw new ConfigError(
          `${root.shape.name}: extends: 引用的配置文件超过 ${MAX_EXTENDS_FILES} 个（含重复引用），请简化 extends`,
          `${root.shape.name}: extends: more than ${MAX_EXTENDS_FILES} config files followed (repeats included); simplify extends`,
        );
      }
      const abs = resolve(from.dir, ref);
      let layer = read.get(abs);
      if (!layer) read.set(abs, (layer = readConfigLayer(abs, cwd)));
      // the same file reached at two depths keeps the deeper one (a copy, so both can be told apart)
      if (depth.has(layer)) layer = { ...layer };
      depth.set(layer, d);
      return layer;
    },
    (l) => resolve(cwd, l.shape.name),
  );
  const ruleDirs: string[] = [];
  const layoutDirs: string[] = [];
  const targets: string[] = [];
  for (const e of entries) {
    if ('preset' in e) continue;
    for (const t of e.shape.targets) {
      const abs = resolve(e.dir, t);
      if (!targets.includes(abs)) targets.push(abs);
    }
    for (const d of e.shape.ruleDirs) {
      const abs = resolve(e.dir, d);
      if (!existsSync(abs)) throw new ConfigError(`${e.shape.name}: ruleDirs: ${d}：没有这个文件夹`, `${e.shape.name}: ruleDirs: ${d}: no such folder`);
      if (!ruleDirs.includes(abs)) ruleDirs.push(abs);
    }
    for (const d of e.shape.layoutDirs) {
      const abs = resolve(e.dir, d);
      if (!existsSync(abs)) throw new ConfigError(`${e.shape.name}: layoutDirs: ${d}：没有这个文件夹`, `${e.shape.name}: layoutDirs: ${d}: no such folder`);
      if (!layoutDirs.includes(abs)) layoutDirs.push(abs);
    }
  }
  let linter: Linter;
  try {
    linter = createLinter(ruleDirs, lang);
  } catch (e) {
    // A rule that cannot be compiled names its own file, line and id.
    if (e instanceof RuleError) throw new ConfigError(RuleError.format(displayPath(e.file, cwd), e.line, e.ruleId, e.text.zh), RuleError.format(displayPath(e.file, cwd), e.line, e.ruleId, e.text.en));
    if (e instanceof ReadError) throw new ConfigError(`${root.shape.name}: ruleDirs: ${e.message}`, `${root.shape.name}: ruleDirs: ${e.path}: ${refusalText(e.refusal, 'en')}`);
    // anything else is a defect of the compiler met by a rule file: one line, never its text (--debug shows it)
    throw new ConfigError(
      `${root.shape.name}: ruleDirs: 内部错误：编译规则文件时出错（${ruleDirs.map((d) => displayPath(d, cwd)).join('、')}），请用 jixiao-lint rules --check 逐个检查，或把规则文件交给维护者`,
      `${root.shape.name}: ruleDirs: internal error while compiling the rule files (${ruleDirs.map((d) => displayPath(d, cwd)).join(', ')}); check them one by one with jixiao-lint rules --check, or send them to the maintainers`,
      { cause: e },
    );
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
  return { file, linter, ruleDirs, ...(layoutDirs.length > 0 ? { layouts: bureauLayouts(layoutDirs, root.shape.name, cwd) } : {}), targets, base, policy: policyOf(base), settingsFor };
}

/** The built-in layouts and the bureau's own; a file that cannot be right is one line naming file, line and entry. */
function bureauLayouts(dirs: string[], name: string, cwd: string): Layout[] {
  try {
    return [...builtInLayouts(), ...readLayoutDirs(dirs, cwd)];
  } catch (e) {
    if (e instanceof LayoutError) throw new ConfigError(`layoutDirs: ${e.text('zh')}`, `layoutDirs: ${e.text('en')}`);
    if (e instanceof ReadError) throw new ConfigError(`${name}: layoutDirs: ${e.message}`, `${name}: layoutDirs: ${e.path}: ${refusalText(e.refusal, 'en')}`);
    throw e;
  }
}
