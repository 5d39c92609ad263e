/**
 * `jixiao-lint merge a.json b.json … [-f format]…`: the JSON reports of shards (`--shard i/n -f json`)
 * combined into any output format, with the same output, summary and exit code as one run over
 * all the files (test/shard.test.ts compares them byte for byte). The reports are read in the
 * order given: give them in shard order (name them shard-01.json … so a glob sorts them).
 *
 * The exit code follows the run's rules: 1 when there are errors (or more warnings than
 * --max-warnings), 2 when no file at all could be read (every file a parse-error or
 * unsupported-file without a form) or the reports list no file; else 0.
 */
import { inline } from '../../report/safe.js';
import type { Finding, FormKind, Lang, SubmissionResult, SuppressedFinding } from '../../types.js';
import type { Io } from '../cli.js';
import { loadConfig } from '../config.js';
import { displayPath, UsageError } from '../files.js';
import { planOutputs } from '../output.js';
import { ReadLog, readRegularTextSync } from '../read.js';

export interface MergeFlags {
  format?: string[];
  outputFile?: string[];
  lang: Lang;
  quiet?: boolean;
  maxWarnings?: number;
  color?: boolean;
  summary?: boolean;
  config?: string;
}

/** A JSON report may be large (a national collection's shard): read up to this many bytes. */
const MAX_REPORT_BYTES = 1024 * 1024 * 1024;

interface ReportEntry {
  file: string;
  form: FormKind | null;
  document?: { index: number; sheet?: string };
  findings: Finding[];
  suppressed?: SuppressedFinding[];
  facts?: SubmissionResult['facts'];
  layout?: SubmissionResult['layout'];
}

/** One report's entries as the results a run had (keys in the order the linter gives them). */
export function readReport(text: string, name: string): SubmissionResult[] {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new UsageError(`${name}：不是 JSON 报告（用 -f json 生成）`, `${name}: not a JSON report (write one with -f json)`);
  }
  const files = (data as { files?: unknown } | null)?.files;
  if (!Array.isArray(files)) throw new UsageError(`${name}：不是 jixiao-lint 的 JSON 报告（没有 files 列表；用 -f json 生成）`, `${name}: not a jixiao-lint JSON report (no "files" list; write one with -f json)`);
  return files.map((e: ReportEntry, i): SubmissionResult => {
    if (e === null || typeof e !== 'object' || typeof e.file !== 'string' || !Array.isArray(e.findings)) {
      throw new UsageError(`${name}：files[${i}] 不是报告条目（应含 file、form、findings）`, `${name}: files[${i}] is not a report entry (file, form, findings)`);
    }
    return {
      file: e.file,
      form: e.form ?? null,
      findings: e.findings,
      ...(e.document ? { document: e.document } : {}),
      ...(e.layout && typeof e.layout.id === 'string' && typeof e.layout.name === 'string' ? { layout: { id: e.layout.id, name: e.layout.name } } : {}),
      ...(e.facts ? { facts: e.facts } : {}),
      ...(Array.isArray(e.suppressed) && e.suppressed.length > 0 ? { suppressed: e.suppressed } : {}),
    };
  });
}

/** Nothing of the file could be read: one result without a form whose findings are reading problems (never a schema finding). */
function unreadableFile(results: readonly SubmissionResult[]): boolean {
  return results.every((r) => r.form === null && r.document === undefined && !r.findings.some((f) => f.ruleId === 'schema'));
}

export async function merge(reports: string[], flags: MergeFlags, io: Io): Promise<number> {
  const zh = flags.lang === 'zh';
  const outputs = planOutputs(flags.format, flags.outputFile, { isTTY: io.isTTY, bytes: io.outBytes !== undefined, lang: flags.lang });
  const results: SubmissionResult[] = [];
  for (const r of reports) results.push(...readReport(readRegularTextSync(r, MAX_REPORT_BYTES, ReadLog.current), displayPath(r, process.cwd())));
  const byFile = new Map<string, SubmissionResult[]>();
  for (const r of results) byFile.set(r.file, [...(byFile.get(r.file) ?? []), r]);
  if (byFile.size === 0) {
    io.err(`jixiao-lint: ${zh ? '报告中没有任何文件' : 'no submissions in the reports'}: ${reports.map(inline).join(', ')}\n`);
    return 2;
  }
  const { linter } = loadConfig(flags.config, process.cwd(), flags.lang);
  const { finishRun } = await import('../cli.js');
  // as after a run: the same reports, per-file table and exit code
  return finishRun(results, { linter, outputs, inputs: reports, files: byFile.size, nothingRead: [...byFile.values()].every(unreadableFile) }, flags, io);
}
