/**
 * Baseline files: suppressions kept next to the submissions they apply to, for tables
 * (.xlsx/.csv/.txt) that cannot carry a `suppressions:` list themselves, or when a reviewer
 * would rather not touch the filed submission.
 *
 *   # jixiao-lint.baseline.yaml, in the folder of the submissions
 *   suppressions:
 *     - file: 001-department.xlsx       # a file of this folder
 *       sheet: 部门自评表                 # optional: one worksheet of a workbook
 *       rule: execution-rate
 *       at: /budget/rate                # JSON pointer; covers what lies below it
 *       reason: 年初预算含代编资金，经绩效科复核同意按年初预算计算。
 *
 * A malformed baseline stops the run (exit 2) with a message naming the key; an entry with a
 * blank reason is kept and reported by the suppression-reason rule instead of applying.
 */
import { existsSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { BASELINE_FILE, readSettingsData } from '../config/config.js';
import type { Suppression } from '../suppress/suppress.js';
import { displayPath, UsageError } from './files.js';
import { MAX_BASELINE_BYTES, ReadError, readRegularTextSync, refusalText } from './read.js';

export { BASELINE_FILE };

const ENTRY_KEYS = new Set(['file', 'sheet', 'rule', 'at', 'reason']);

/** Parse and check one baseline file's text; entries keyed by the file name they apply to. */
export function parseBaseline(text: string, name: string): Map<string, Suppression[]> {
  const read = readSettingsData(text, false);
  if ('problem' in read) throw new UsageError(`${name}: ${read.problem.zh}`, `${name}: ${read.problem.en}`);
  const data = read.data;
  const list = data === null || data === undefined ? [] : (data as Record<string, unknown>).suppressions;
  if (data !== null && data !== undefined && (typeof data !== 'object' || Array.isArray(data))) {
    throw new UsageError(`${name}：应为含 suppressions 列表的设置`, `${name}: must be a mapping with a suppressions list`);
  }
  for (const key of Object.keys((data as object | null) ?? {})) {
    if (key !== 'suppressions') throw new UsageError(`${name}: ${key}：不认识的设置项（应为 suppressions）`, `${name}: ${key}: unknown key (expected suppressions)`);
  }
  if (list === undefined || list === null) return new Map();
  if (!Array.isArray(list)) throw new UsageError(`${name}: suppressions：应为列表`, `${name}: suppressions: must be a list`);
  const byFile = new Map<string, Suppression[]>();
  list.forEach((e: unknown, i) => {
    const key = `suppressions[${i}]`;
    if (e === null || typeof e !== 'object' || Array.isArray(e)) throw new UsageError(`${name}: ${key}：应为含 file、rule、at 和 reason 的条目`, `${name}: ${key}: must be a mapping with file, rule, at and reason`);
    const entry = e as Record<string, unknown>;
    for (const k of Object.keys(entry)) {
      if (!ENTRY_KEYS.has(k)) throw new UsageError(`${name}: ${key}.${k}：不认识的设置项（可用 file、sheet、rule、at、reason）`, `${name}: ${key}.${k}: unknown key (expected file, sheet, rule, at or reason)`);
    }
    for (const k of ['file', 'rule', 'at'] as const) {
      if (typeof entry[k] !== 'string') throw new UsageError(`${name}: ${key}.${k}：缺少（应为文字）`, `${name}: ${key}.${k}: missing (a string)`);
    }
    const file = entry.file as string;
    if (file === '' || /[\\/]/.test(file)) throw new UsageError(`${name}: ${key}.file：应为本文件夹中的文件名`, `${name}: ${key}.file: must name a file of this folder`);
    const at = entry.at as string;
    if (at !== '' && !at.startsWith('/')) throw new UsageError(`${name}: ${key}.at：应为以 / 开头的位置，如 /budget/rate`, `${name}: ${key}.at: must be a JSON pointer such as /budget/rate`);
    for (const k of ['sheet', 'reason'] as const) {
      if (entry[k] !== undefined && entry[k] !== null && typeof entry[k] !== 'string') throw new UsageError(`${name}: ${key}.${k}：应为文字`, `${name}: ${key}.${k}: must be a string`);
    }
    const s: Suppression = {
      rule: entry.rule as string,
      at,
      reason: typeof entry.reason === 'string' ? entry.reason : '',
      ...(typeof entry.sheet === 'string' ? { sheet: entry.sheet } : {}),
      source: name,
      entry: key,
    };
    const own = byFile.get(file);
    if (own) own.push(s);
    else byFile.set(file, [s]);
  });
  return byFile;
}

/** A baseline's text: a regular file of at most MAX_BASELINE_BYTES, or a UsageError in one line. */
function readBaseline(path: string, name: string): string {
  try {
    return readRegularTextSync(path, MAX_BASELINE_BYTES);
  } catch (e) {
    if (e instanceof ReadError) throw new UsageError(`${name}: ${refusalText(e.refusal, 'zh')}`, `${name}: ${refusalText(e.refusal, 'en')}`);
    throw e;
  }
}

/** The baseline suppressions for each file, reading each folder's baseline once. */
export class Baselines {
  private readonly folders = new Map<string, Map<string, Suppression[]>>();

  constructor(private readonly cwd: string = process.cwd()) {}

  for(file: string): Suppression[] {
    const abs = resolve(this.cwd, file);
    const dir = dirname(abs);
    let entries = this.folders.get(dir);
    if (!entries) {
      const path = join(dir, BASELINE_FILE);
      const name = displayPath(path, this.cwd);
      entries = existsSync(path) ? parseBaseline(readBaseline(path, name), name) : new Map();
      this.folders.set(dir, entries);
    }
    return entries.get(basename(abs)) ?? [];
  }
}
