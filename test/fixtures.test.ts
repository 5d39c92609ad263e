/**
 * Fixture-driven tests (markdownlint style): every fixture under fixtures/ that carries an
 * `# expect:` block must yield exactly those findings (rule id, severity, pointer and, where
 * given, the position), in order, under the rule settings of its `# config:` block if any; findings
 * suppressed with a reason are listed in a `# suppressed:` block. A `# config:` block must
 * change the findings (the same file at the defaults gives others).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe as suite, expect, it } from 'vitest';
import { describe, describeExpected, lintFile, parseExpectations, parseFixtureConfig } from './helpers/linter.js';

function walk(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const p = join(dir, name);
      return statSync(p).isDirectory() ? walk(p) : /\.(ya?ml|json)$/.test(name) ? [p] : [];
    });
}

const fixtures = walk('fixtures').filter((f) => parseExpectations(readFileSync(f, 'utf8')) !== null);

suite('fixtures', () => {
  it('there are fixtures to check', () => {
    expect(fixtures.length).toBeGreaterThan(0);
  });

  for (const file of fixtures) {
    it(file, async () => {
      const text = readFileSync(file, 'utf8');
      const expected = parseExpectations(text) ?? [];
      const results = await lintFile(file, 'zh', parseFixtureConfig(text));
      const findings = results.flatMap((r) => r.findings);
      const actual = findings.map((f, i) => describe(f, expected[i]?.place !== undefined));
      expect(actual).toEqual(expected.map(describeExpected));
      // suppressed findings are listed in a `# suppressed:` block (none when there is no block)
      const hidden = parseExpectations(text, 'suppressed') ?? [];
      const suppressed = results.flatMap((r) => r.suppressed ?? []);
      expect(suppressed.map((f, i) => describe(f, hidden[i]?.place !== undefined))).toEqual(hidden.map(describeExpected));
      for (const f of suppressed) expect(f.suppression.reason.trim(), 'a suppressed finding carries its reason').not.toBe('');
      // a `# config:` block must matter: without it the findings differ
      const config = parseFixtureConfig(text);
      if (config) {
        const plain = (await lintFile(file, 'zh')).flatMap((r) => r.findings).map((f) => describe(f, false));
        expect(plain, 'the # config: block changes nothing').not.toEqual(findings.map((f) => describe(f, false)));
      }
    });
  }
});
