/**
 * Node side of approved targets (issue 16): read the approved target tables named by
 * `--targets <path>` (repeatable) and by the config's `targets:` — files, folders or globs, in
 * any format the tool reads (YAML/JSON, .xlsx, .docx, .html, .txt …), through loadBytes like
 * the submissions. Every file must hold at least one target table (form: target-table) with a
 * unit and a year; anything else stops the run with one line saying which file and why (exit
 * 2), since checking against an approval that was not read would be silently wrong. Matching the
 * tables to the self-evaluations and comparing them is the core's business
 * (src/check/ops/targets.ts).
 */
import { resolve } from 'node:path';
import type { ApprovalTable } from '../check/ops/targets.js';
import { entityKey, yearKey } from '../check/ops/targets.js';
import type { Linter } from '../lint.js';
import { loadBytes, type LoadOptions } from '../load/index.js';
import type { Lang } from '../types.js';
import { discoverAll, displayPath, UsageError } from './files.js';
import { DEFAULT_MAX_FILE_BYTES, readRegularFileSync, refusalText } from './read.js';

export interface ReadTargetsOptions {
  lang: Lang;
  /** The folder relative paths are taken from, and file names shown relative to (default: process.cwd()). */
  cwd?: string;
  load?: LoadOptions;
  maxFileBytes?: number;
}

/**
 * Read the approved target tables at `paths` (files, folders or globs; absolute, or relative to
 * `cwd`). Returns every target-table document found, with the file it came from as shown in
 * messages. Throws UsageError naming the file when one cannot be read or holds no usable table.
 */
export async function readTargets(linter: Linter, paths: readonly string[], options: ReadTargetsOptions): Promise<ApprovalTable[]> {
  if (paths.length === 0) return [];
  const zh = options.lang === 'zh';
  const cwd = options.cwd ?? process.cwd();
  let found: { files: string[] };
  try {
    found = discoverAll(paths, { cwd });
  } catch (e) {
    if (e instanceof UsageError) throw new UsageError(zh ? `批复目标表（--targets / targets:）：${e.message}` : `approved targets (--targets / targets:): ${e.en}`);
    throw e;
  }
  if (found.files.length === 0) {
    throw new UsageError(zh ? `批复目标表（--targets / targets:）：${paths.join('、')} 中没有可读取的文件` : `approved targets (--targets / targets:): no readable file in ${paths.join(', ')}`);
  }
  const out: ApprovalTable[] = [];
  const seen = new Set<string>();
  for (const f of found.files) {
    const abs = resolve(cwd, f);
    if (seen.has(abs)) continue;
    seen.add(abs);
    const shown = displayPath(abs, cwd);
    const refuse = (zhWhy: string, enWhy: string): never => {
      throw new UsageError(zh ? `批复目标表 ${shown}：${zhWhy}` : `approved targets ${shown}: ${enWhy}`);
    };
    const bytes = readRegularFileSync(abs, options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES);
    if (!(bytes instanceof Uint8Array)) refuse(refusalText(bytes, 'zh'), refusalText(bytes, 'en'));
    const loaded = await loadBytes(abs, bytes as Uint8Array, options.load);
    if (loaded.documents.length === 0) {
      const p = loaded.problems[0];
      const why = p ? linter.stageFinding(p.ruleId, p.args, p.location, { lang: options.lang })?.message : undefined;
      refuse(why ?? '无法读取', why ?? 'cannot be read');
    }
    const tables = loaded.documents.filter((d) => (d.data as { form?: unknown } | null)?.form === 'target-table');
    if (tables.length === 0) {
      const forms = [...new Set(loaded.documents.map((d) => String((d.data as { form?: unknown } | null)?.form ?? '?')))].join('、');
      refuse(
        `不是绩效目标表（应为 form: target-table，读出的是 ${forms}）。--targets 只接受批复的绩效目标表`,
        `not a target table (form: target-table expected, read ${forms}). --targets takes approved target tables only`,
      );
    }
    for (const t of tables) {
      const data = t.data as { unit?: unknown; year?: unknown };
      if (entityKey(data.unit) === '' || yearKey(data.year) === '') {
        refuse(
          '缺少单位名称或年度，无法与自评表对应。请在表头写明「部门名称」和年度（如「2022年度」）',
          'no unit name or year, so it cannot be matched with a self-evaluation. Write the 部门名称 and the year (e.g. 2022年度) in the header',
        );
      }
      out.push({ file: shown, data: t.data });
    }
  }
  return out;
}
