/**
 * The real documents exactly as published (../shared/seeds, byte-identical copies in
 * fixtures/import): read as filed, each gives the reviewer's findings — the same rule ids,
 * severities and pointers as its hand transcription in fixtures/seeds — with no parse or
 * schema noise. The places are checked too, against fixtures/import/<file>.expected.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe as suite, expect, it } from 'vitest';
import { describe, describeExpected, lintFile, parseExpectations } from './helpers/linter.js';

const DIR = 'fixtures/import';
const SEEDS = '../shared/seeds';

const CASES = [
  { file: 'seed-001.txt', seed: '001_4b5281433b805d10.txt', yaml: ['001-department.yaml', '001-project.yaml'] },
  { file: 'seed-004.txt', seed: '004_fbc369268786ce8e.txt', yaml: ['004-target-table.yaml'] },
];

const withoutPlace = (e: string) => e.split(' ').slice(0, 3).join(' ');

for (const c of CASES) {
  suite(`${c.seed} as filed`, () => {
    it('is byte-identical to the published seed', () => {
      if (!existsSync(join(SEEDS, c.seed))) return;
      expect(readFileSync(join(DIR, c.file)).equals(readFileSync(join(SEEDS, c.seed)))).toBe(true);
    });

    it('gives the findings of its transcription, form by form', async () => {
      const results = await lintFile(join(DIR, c.file));
      expect(results.map((r) => r.form)).toEqual(c.yaml.map((y) => /^\d+-(.*)\.yaml$/.exec(y)?.[1]?.replace(/^department$/, 'department-self-eval').replace(/^project$/, 'project-self-eval')));
      results.forEach((r, i) => {
        const expected = parseExpectations(readFileSync(join('fixtures/seeds', c.yaml[i] as string), 'utf8')) ?? [];
        const got = r.findings.map((f) => describe(f, false)).sort();
        expect(got, c.yaml[i]).toEqual(expected.map((e) => withoutPlace(describeExpected(e))).sort());
      });
    });

    it('points at the lines that hold the values', async () => {
      const expected = parseExpectations(readFileSync(join(DIR, `${c.file}.expected`), 'utf8')) ?? [];
      const got = (await lintFile(join(DIR, c.file))).flatMap((r) => r.findings.map((f) => describe(f, true)));
      expect(got).toEqual(expected.map(describeExpected));
    });
  });
}
