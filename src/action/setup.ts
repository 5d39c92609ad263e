/**
 * Build the linter for the action, from the `config` input when one is given.
 */
import { readFileSync } from 'node:fs';
import { createLinter } from '../node/resources.js';
import type { ActionSetup } from './run.js';

export function defaultSetup(configPath: string | undefined): ActionSetup {
  if (configPath !== undefined) {
    // Fail early and clearly when the file is missing or unreadable.
    try {
      readFileSync(configPath);
    } catch (e) {
      throw new Error((e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : String((e as Error).message));
    }
    // TODO(config): src/node/config.ts (--config, another helper) did not exist when the
    // action was written. Once it does: load and validate the file here (throwing on any
    // problem, which fails the step), then return
    //   { linter: createLinter(config.ruleDirs), settings: config.rules, ignore: config.ignore }
    // runAction already passes `settings` and `ignore` to lintPaths (tested in
    // test/action.test.ts, "passes the config settings and ignore patterns to the run").
  }
  return { linter: createLinter() };
}
