/**
 * README stays true: its rule table lists exactly the rules in rules/, each with its
 * default severity and Chinese title, and the documented commands exist.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { linter } from './helpers/linter.js';

const readme = readFileSync('README.md', 'utf8');
const table = /<!-- rules-table:start -->([\s\S]*?)<!-- rules-table:end -->/.exec(readme)?.[1] ?? '';
const rows = table.split('\n').filter((l) => /^\| \[`[a-z-]+`\]\(docs\/rules\/[a-z-]+\.md\) \|/.test(l));

describe('README', () => {
  it('lists every rule exactly once, in id order', () => {
    const ids = rows.map((l) => /^\| \[`([a-z-]+)`\]\(docs\/rules\/\1\.md\)/.exec(l)?.[1]);
    expect(ids).toEqual(linter.rules.map((r) => r.id));
  });

  for (const rule of linter.rules) {
    it(`${rule.id}: severity and title match rules/${rule.id}.yaml`, () => {
      const row = rows.find((l) => l.startsWith(`| [\`${rule.id}\`](docs/rules/${rule.id}.md) |`)) ?? '';
      expect(row).toContain(`| ${rule.severity} |`);
      expect(row).toContain(rule.title.zh);
    });
  }

  it('shows the install, lint and test commands', () => {
    expect(readme).toContain('npm ci && npx jixiao-lint fixtures/');
    expect(readme).toContain('npm test');
    const scripts = (JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> }).scripts;
    expect(scripts.test).toContain('vitest run');
  });
});
