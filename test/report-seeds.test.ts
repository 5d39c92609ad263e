/**
 * Golden files of every output format on the five seed fixtures, linted by the real rules
 * (issue 5: "each formatter has golden-file tests on the seed fixtures").
 * After an intended change to rules or formatters:  UPDATE_GOLDEN=1 npx vitest run test/report-seeds.test.ts
 */
import { readdirSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { FORMATTERS, type ReportContext } from '../src/report/index.js';
import type { SubmissionResult } from '../src/types.js';
import { golden } from './helpers/golden.js';
import { lintFile, linter } from './helpers/linter.js';

const EXT: Record<string, string> = { stylish: 'txt', json: 'json', sarif: 'sarif', junit: 'xml', gitlab: 'json', markdown: 'md', github: 'txt' };
const SEEDS = readdirSync('fixtures/seeds').filter((f) => f.endsWith('.yaml')).sort().map((f) => `fixtures/seeds/${f}`);

describe('formats on the seed fixtures', () => {
  let results: SubmissionResult[] = [];
  beforeAll(async () => {
    results = (await Promise.all(SEEDS.map((f) => lintFile(f, 'zh')))).flat();
  });

  it('has the five seeds (six submissions)', () => {
    expect(results.map((r) => r.form)).toEqual([
      'project-summary',
      'department-self-eval',
      'project-self-eval',
      'department-report',
      'department-report',
      'target-table',
    ]);
  });

  for (const [format, ext] of Object.entries(EXT)) {
    it(format, () => {
      const ctx: ReportContext = { lang: 'zh', rules: linter.rules, cwd: process.cwd(), toolVersion: '0.0.0-test', informationUri: 'https://example.org/jixiao-lint' };
      golden(`seeds/seeds.${format}.${ext}`, FORMATTERS[format]!(results, ctx));
    });
  }
});
