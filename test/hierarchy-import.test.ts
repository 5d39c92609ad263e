/**
 * A bureau's settings.hierarchy reaches the table readers, not only the rules: a second-level
 * name of its own (进度指标) in an extracted text table is read as a category when the config
 * names it, and misread (a ragged row, the category taken for the indicator's name) when not.
 * Mutation guard: without the hierarchy in LoadOptions the first case fails.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadBytes } from '../src/load/index.js';
import { HIERARCHY } from '../src/vocabulary.js';
import { cli, tmpFolder } from './helpers/cli.js';

const SEED = readFileSync('fixtures/import/seed-004.txt', 'utf8');
const OWN = SEED.replace('时效指标', '进度指标');

function indicatorNamed(loaded: Awaited<ReturnType<typeof loadBytes>>, name: string): Record<string, unknown> | undefined {
  const data = loaded.documents[0]?.data as { indicators?: Array<Record<string, unknown>> };
  return data.indicators?.find((i) => i.name === name);
}

describe('settings.hierarchy in the table readers', () => {
  it('reads a bureau\'s own second-level name as a category when given, and not by default', async () => {
    const bytes = new TextEncoder().encode(OWN);
    const own = await loadBytes('t.txt', bytes, { hierarchy: { ...HIERARCHY, 进度: '产出' } });
    expect(indicatorNamed(own, '工作任务完成及时率')).toMatchObject({ level1: '产出指标', level2: '进度指标' });
    expect(own.problems.filter((p) => p.ruleId === 'ragged-row')).toEqual([]);
    const plain = await loadBytes('t.txt', bytes);
    expect(indicatorNamed(plain, '工作任务完成及时率')).toBeUndefined();
    expect(plain.problems.filter((p) => p.ruleId === 'ragged-row')).toHaveLength(1);
  });

  it('the command line passes the config\'s hierarchy: the same findings as the national names', async () => {
    const dir = tmpFolder({ 'orig.txt': SEED, 'own.txt': OWN, 'jixiao-lint.config.yaml': 'settings:\n  hierarchy: {进度: 产出}\n', 'empty.yaml': 'rules: {}\n' });
    const ids = async (file: string, ...args: string[]) => {
      const r = await cli(join(dir, file), '-f', 'json', ...args);
      return (JSON.parse(r.out) as { files: Array<{ findings: Array<{ ruleId: string; location: { row?: number; column?: number } }> }> }).files[0]?.findings.map((f) => `${f.ruleId}@${f.location.row}:${f.location.column}`);
    };
    const expected = await ids('orig.txt');
    expect(expected?.length).toBeGreaterThan(0);
    expect(await ids('own.txt', '-c', join(dir, 'jixiao-lint.config.yaml'))).toEqual(expected);
    expect(await ids('own.txt', '-c', join(dir, 'empty.yaml'))).not.toEqual(expected);
  });
});
