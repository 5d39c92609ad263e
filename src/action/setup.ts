/**
 * Build the linter for the action: the `config` input, or else the nearest
 * jixiao-lint.config.yaml/.yml/.json from the workspace upwards (as the CLI does).
 * Any problem with the file throws, which fails the step with a one-line message.
 */
import { loadConfig } from '../node/config.js';
import type { ActionSetup } from './run.js';

export function defaultSetup(configPath: string | undefined, cwd: string = process.cwd()): ActionSetup {
  const config = loadConfig(configPath, cwd);
  return { linter: config.linter, settingsFor: config.settingsFor, ...(config.file ? { configFile: config.file } : {}), ...(config.targets.length > 0 ? { targets: config.targets } : {}), ...(config.layouts ? { layouts: config.layouts } : {}) };
}
