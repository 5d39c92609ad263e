/**
 * Scale-out (issue 15): --shard i/n splits the files found into stable parts, and `merge` rebuilds
 * from the shards' JSON reports exactly what one run prints — every text format byte for byte,
 * the summary table and the exit code. Also: the checked bundle is fresh and gives the same rules.
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileRules } from '../src/check/rules.js';
import { buildRulesBundle, buildValidators, readBundle, readSources } from '../src/node/bundle.js';
import { shardOf } from '../src/node/lint-files.js';
import { createLinter, loadSchemas, packageRoot, readJson, ruleFiles } from '../src/node/resources.js';
import { SchemaSet } from '../src/validate/schemas.js';
import { cli } from './helpers/cli.js';

describe('--shard i/n', () => {
  it('splits the files into contiguous parts that cover every file once, in order', () => {
    const files = Array.from({ length: 11 }, (_, i) => `f${i}`);
    const parts = [1, 2, 3].map((index) => shardOf(files, { index, count: 3 }));
    expect(parts).toEqual([
      ['f0', 'f1', 'f2'],
      ['f3', 'f4', 'f5', 'f6'],
      ['f7', 'f8', 'f9', 'f10'],
    ]);
    expect(shardOf(files, { index: 5, count: 20 })).toEqual([]);
    expect(shardOf(files, undefined)).toEqual(files);
  });

  it('refuses a shard outside 1..n with a usage error', async () => {
    const r = await cli('fixtures/seeds', '--shard', '4/3');
    expect(r.code).toBe(2);
    expect(r.err).toContain('--shard');
    expect(r.err).toContain('1 ≤ i ≤ n');
  });
});

describe('merge', () => {
  // the per-rule fixtures, the seeds and the imported tables: findings of every severity, suppressions, unreadable files
  const dir = mkdtempSync(join(tmpdir(), 'jixiao-shard-'));
  for (const d of ['rules', 'seeds', 'import']) cpSync(join('fixtures', d), join(dir, d), { recursive: true });
  const outDir = mkdtempSync(join(tmpdir(), 'jixiao-shard-out-'));
  const out = (name: string) => join(outDir, name);

  it('n shards merged equal one run, byte for byte, in every text format, with the same exit code', async () => {
    const one = await cli(dir, '-f', 'json', '-o', out('one.json'), '--no-summary');
    const shards = [1, 2, 3].map((i) => out(`shard-${i}.json`));
    for (const [i, file] of shards.entries()) {
      const r = await cli(dir, '--shard', `${i + 1}/3`, '-f', 'json', '-o', file, '--no-summary');
      expect([0, 1]).toContain(r.code);
    }
    const merged = await cli('merge', ...shards, '-f', 'json', '-o', out('merged.json'), '--no-summary');
    expect(merged.code).toBe(one.code);
    expect(readFileSync(out('merged.json'), 'utf8')).toBe(readFileSync(out('one.json'), 'utf8'));
    const entries = (JSON.parse(readFileSync(out('one.json'), 'utf8')) as { files: unknown[] }).files.length;
    expect(entries).toBeGreaterThan(100);
    for (const format of ['stylish', 'sarif', 'junit', 'gitlab', 'markdown', 'github', 'csv', 'html']) {
      const a = await cli(dir, '-f', format, '--summary');
      const b = await cli('merge', ...shards, '-f', format, '--summary');
      // the HTML report's time (to the minute) may differ between the two runs
      const untimed = (s: string) => s.replace(/生成时间：[\d: -]+/g, '');
      expect(untimed(b.out), format).toBe(untimed(a.out));
      // a folder search lists the files it left out (.txt); a merge of reports has no folder
      expect(b.err, format).toBe(a.err.replace(/^jixiao-lint: 跳过 .*\n/gm, ''));
      expect(b.code, format).toBe(a.code);
    }
  }, 120_000);

  it('gives the exit code of the run: --max-warnings, --quiet, and 2 when nothing could be read', async () => {
    const shards = [1, 2].map((i) => out(`q-${i}.json`));
    for (const [i, file] of shards.entries()) await cli(join(dir, 'seeds'), '--shard', `${i + 1}/2`, '-f', 'json', '-o', file);
    const a = await cli(join(dir, 'seeds'), '--quiet', '--max-warnings', '0', '-f', 'stylish');
    const b = await cli('merge', ...shards, '--quiet', '--max-warnings', '0', '-f', 'stylish');
    expect(b.code).toBe(a.code);
    expect(b.out).toBe(a.out);
    const none = await cli('merge', out('none.json').replace('none', 'missing'));
    expect(none.code).toBe(2);
  });
});

describe('the checked bundle (generated/)', () => {
  const root = packageRoot();
  const sources = readSources(root);

  it('is fresh: rules.json and validators.cjs are what npm run build:bundle writes from rules/ and schemas/', () => {
    const stale = 'stale: run npm run build:bundle';
    expect(readFileSync(join(root, 'generated', 'rules.json'), 'utf8'), stale).toBe(buildRulesBundle(sources));
    expect(readFileSync(join(root, 'generated', 'validators.cjs'), 'utf8'), stale).toBe(buildValidators(sources));
    const bundle = readBundle(root, sources);
    expect(bundle.rules?.length).toBe(readdirSync(join(root, 'rules')).filter((f) => f.endsWith('.yaml')).length);
    expect(bundle.validators?.size).toBe(new SchemaSet(loadSchemas(root)).forms().length);
  });

  it('gives the same rules (ids, sources, severities, checks) as compiling the YAML at run time (fixtures.test.ts lints with it)', async () => {
    const fromBundle = createLinter();
    const schemas = new SchemaSet(loadSchemas(root));
    const fromYaml = compileRules(ruleFiles(join(root, 'rules')), readJson(join(root, 'schemas', 'rule.schema.json')), { schemas });
    expect(fromBundle.rules.map((r) => [r.id, r.source, r.severity, r.checks.length])).toEqual(fromYaml.map((r) => [r.id, r.source, r.severity, r.checks.length]));
  });
});
