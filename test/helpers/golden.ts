/**
 * Golden files under test/golden/. Accept intended changes with UPDATE_GOLDEN=1.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { expect } from 'vitest';

const UPDATE = process.env.UPDATE_GOLDEN === '1';

export function golden(path: string, actual: string): void {
  const file = join('test/golden', path);
  if (UPDATE || !existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, actual);
    if (!UPDATE) throw new Error(`golden file ${file} was missing and has been written: check it and run again`);
    return;
  }
  expect(actual, `${file} differs (UPDATE_GOLDEN=1 to accept)`).toBe(readFileSync(file, 'utf8'));
}
