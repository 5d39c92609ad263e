/**
 * README stays true: its rule table lists exactly the rules in rules/, each with its
 * default severity and Chinese title; the documented commands, CLI options and configuration
 * example exist and work.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/node/config.js';
import { cli, tmpFolder } from './helpers/cli.js';
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

  it('documents every option of --help in the CLI table', async () => {
    const { out: help } = await cli('--help');
    const cliSection = /<!-- section:cli -->([\s\S]*?)<!-- \/section:cli -->/.exec(readme)?.[1] ?? '';
    const longOptions = [...help.matchAll(/ (--[a-z-]+)/g)].map((m) => m[1] as string);
    expect(longOptions).toContain('--config');
    for (const o of new Set(longOptions)) expect(cliSection, `README CLI table lacks ${o}`).toContain(o);
    for (const c of ['convert', 'rules', 'explain']) expect(cliSection).toContain(`| \`${c} `);
  });

  it('the configuration example is a valid config that does what its comments say', () => {
    const block = /## Configuration[\s\S]*?```yaml\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(block).toBeDefined();
    const dir = tmpFolder({ 'jixiao-lint.config.yaml': block ?? '', 'bureau-rules/.keep': '', 'bureau-layouts/.keep': '' });
    const config = loadConfig(undefined, dir);
    // layoutDirs: the built-in layouts and the bureau's own (none in an empty folder)
    expect(config.layouts?.map((l) => l.id)).toContain('national');
    expect(config.policy.qualitativeBands).toEqual({ achieved: 80, partly: 50 });
    expect(config.policy.executionWeight).toBe(20);
    expect(config.base['category-weights']).toEqual({ severity: 'off' });
    expect(config.settingsFor(join(dir, '2021/a.yaml'))['grade-band']).toEqual({ severity: 'off' });
    expect(config.settingsFor(join(dir, '2022/a.yaml'))['grade-band']).toBeUndefined();
  });
});
