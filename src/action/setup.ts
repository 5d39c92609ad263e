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
  }
  return { linter: createLinter() };
}
