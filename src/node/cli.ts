/**
 * The command line: jixiao-lint [paths...]
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LayoutsFlags } from './commands/layouts.js';
import { Command, CommanderError, Help, InvalidArgumentError, Option } from 'commander';
import { displayWidth } from '../report/width.js';
import { defaultOptions } from '../check/rules.js';
import { ConfigError } from '../config/config.js';
import { policyOf } from '../config/settings.js';
import { RuleError } from '../check/rules.js';
import { inline } from '../report/safe.js';
import { FORMAT_NAMES, isFormat } from '../report/index.js';
import { BilingualError, type Lang, type Localized, type SubmissionResult } from '../types.js';
import { isKnownEncoding } from '../load/decode.js';
import { loadBytes, type LoadOptions } from '../load/index.js';
import { DEFAULT_LIMITS, type Limits } from '../load/limits.js';
import { problem } from '../load/problem.js';
import type { Linter } from '../lint.js';
import type { RuleSettings } from '../check/engine.js';
import { Baselines } from './baseline.js';
import { convert } from './commands/convert.js';
import { explain } from './commands/explain.js';
import { merge, type MergeFlags } from './commands/merge.js';
import { init } from './commands/init.js';
import { listRules } from './commands/rules.js';
import { displayPath, UsageError } from './files.js';
import { readTargets } from './targets.js';
import type { ApprovalTable } from '../check/ops/targets.js';
import { internalErrorResult, lintPathsStored, type LintRun } from './lint-files.js';
import { DEFAULT_MAX_FILE_BYTES, ReadError, ReadLog, refusalText } from './read.js';
import { planOutputs, writeOutputs } from './output.js';
import { createProgress } from './progress.js';
import { loadConfig } from './config.js';
import { packageRoot } from './resources.js';
import { writeSummaryTable } from './summary-table.js';
import { arraySource, errorsOnly, Tally, type ResultSource } from '../report/stream.js';

export interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
  isTTY: boolean;
  /** Bytes to stdout (`-f xlsx > 汇总.xlsx`); without it a binary format needs -o. */
  outBytes?: (b: Uint8Array) => void;
  /** The whole of standard input (`jixiao-lint -`), read up to `limit` + 1 bytes. */
  stdin?: (limit?: number) => Promise<Uint8Array>;
  /** stderr is a terminal (progress bar for long runs). */
  errIsTTY?: boolean;
  /** Terminal width, for the progress bar. */
  columns?: number;
  env?: Record<string, string | undefined>;
}

/** Standard input, but never more than `limit` + 1 bytes (the caller refuses more). */
async function readStdin(limit: number = DEFAULT_MAX_FILE_BYTES): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of process.stdin) {
    const bytes = typeof chunk === 'string' ? new TextEncoder().encode(chunk) : (chunk as Uint8Array);
    chunks.push(bytes.length > limit + 1 - size ? bytes.subarray(0, limit + 1 - size) : bytes);
    size += chunks[chunks.length - 1]!.length;
    if (size > limit) break;
  }
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

const defaultIo: Io = {
  out: (s) => process.stdout.write(s),
  err: (s) => process.stderr.write(s),
  isTTY: Boolean(process.stdout.isTTY),
  outBytes: (b) => process.stdout.write(b),
  stdin: readStdin,
  errIsTTY: Boolean(process.stderr.isTTY),
  columns: process.stderr.columns,
  env: process.env,
};

interface PackageJson {
  version: string;
  name?: string;
  homepage?: string;
  repository?: string | { url?: string };
}

function packageJson(): PackageJson {
  return JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as PackageJson;
}

function version(): string {
  return packageJson().version;
}

/**
 * Where the rule pages (docs/rules/<id>.md) are, as an absolute URI for SARIF's helpUri:
 * the GitHub repository of package.json's homepage or repository at the version's tag, or
 * another homepage's docs/rules/; without either, the docs/rules folder of this
 * installation as a file:// URI when it exists (a git checkout).
 */
export function rulesDocsUri(pkg: PackageJson = packageJson(), root: string = packageRoot()): string | undefined {
  const repo = typeof pkg.repository === 'string' ? pkg.repository : pkg.repository?.url;
  for (const candidate of [pkg.homepage, repo]) {
    if (!candidate) continue;
    const gh = /^(?:git\+)?(?:https?:\/\/|git:\/\/|ssh:\/\/git@)?(?:www\.)?github\.com[/:]([^/]+)\/([^/#?]+?)(?:\.git)?(?:[/#?].*)?$/.exec(candidate) ?? /^github:([^/]+)\/([^/#]+)$/.exec(candidate);
    if (gh) return `https://github.com/${gh[1]}/${gh[2]}/blob/v${pkg.version}/docs/rules/`;
    if (candidate === pkg.homepage && /^https?:\/\//.test(candidate)) return `${candidate.replace(/[#?].*$/, '').replace(/\/?$/, '/')}docs/rules/`;
  }
  // no file:// URI of this machine's checkout: a SARIF log is shared, and a path on the machine
  // that wrote it points nowhere for anyone else (the rule's help text is in the log itself)
  void root;
  return undefined;
}

/** SARIF's tool.driver.informationUri: package.json's homepage, else the package's page on npm. */
export function informationUri(pkg: PackageJson = packageJson()): string {
  if (pkg.homepage && /^https?:\/\//.test(pkg.homepage)) return pkg.homepage;
  return `https://www.npmjs.com/package/${pkg.name ?? 'jixiao-lint'}`;
}

/** The time a report was made, as a reader reads it: local time, "2026-12-07 21:30". */
export function reportTime(now: Date = new Date()): string {
  const two = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${two(now.getMonth() + 1)}-${two(now.getDate())} ${two(now.getHours())}:${two(now.getMinutes())}`;
}

/**
 * What our argument checks say when a value is wrong, in both languages: commander prints the
 * English text (it knows no language); commanderErrorZh finds it here for the Chinese line.
 */
const ARGUMENT_TEXT = {
  encoding: { en: 'unknown encoding (try utf-8, gb18030, gbk, utf-16le)', zh: '不认识的编码（可用 utf-8、gb18030、gbk、utf-16le 等）' },
  size: { en: 'must be a size such as 20MB, 500KB or 1048576', zh: '应为大小，如 20MB、500KB 或 1048576' },
  positive: { en: 'must be a whole number > 0', zh: '应为大于 0 的整数' },
  nonNegative: { en: 'must be a whole number ≥ 0', zh: '应为不小于 0 的整数' },
  shard: { en: 'must be i/n with 1 ≤ i ≤ n, e.g. 2/4', zh: '应写成 i/n（1 ≤ i ≤ n），如 2/4' },
} as const satisfies Record<string, Localized>;

function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

function formatArg(value: string, previous: string[] | undefined): string[] {
  if (!isFormat(value)) throw new InvalidArgumentError(`choose from ${FORMAT_NAMES.join(', ')}`);
  return collect(value, previous);
}

function encodingArg(value: string): string {
  if (!isKnownEncoding(value)) throw new InvalidArgumentError(ARGUMENT_TEXT.encoding.en);
  return value;
}

/** A size: bytes, or with a unit (20MB, 500KB, 1.5GB; K/M/G are powers of 1024). */
export function sizeArg(value: string): number {
  // trimmed first: a pattern with `\s*` on both sides of optional parts backtracks quadratically
  const m = /^(\d+(?:\.\d+)?)\s*([kmg]?)i?b?$/i.exec(value.trim());
  const unit = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 }[(m?.[2] ?? '').toLowerCase() as '' | 'k' | 'm' | 'g'];
  const n = m ? Math.floor(Number(m[1]) * unit) : NaN;
  if (!Number.isSafeInteger(n) || n <= 0) throw new InvalidArgumentError(ARGUMENT_TEXT.size.en);
  return n;
}

function positiveInt(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(n) || n <= 0) throw new InvalidArgumentError(ARGUMENT_TEXT.positive.en);
  return n;
}

const MiB = (n: number) => `${Math.round(n / 1024 / 1024)}MB`;

/** The reader limits (src/load/limits.ts): option name → Limits key, how its value is read, what it limits (default shown in --help). */
export const LIMIT_OPTIONS: ReadonlyArray<{ flag: string; key: keyof Limits; parse: (v: string) => number; help: string; helpZh: string }> = [
  { flag: '--max-file-size <size>', key: 'maxFileBytes', parse: sizeArg, help: `largest file read (default: ${MiB(DEFAULT_LIMITS.maxFileBytes)})`, helpZh: `读取的最大文件（默认 ${MiB(DEFAULT_LIMITS.maxFileBytes)}）` },
  { flag: '--max-cells <n>', key: 'maxCells', parse: positiveInt, help: `most cells of one table or worksheet (default: ${DEFAULT_LIMITS.maxCells})`, helpZh: `一个表格或工作表的最多单元格数（默认 ${DEFAULT_LIMITS.maxCells}）` },
  { flag: '--max-rows <n>', key: 'maxRows', parse: positiveInt, help: `most rows of one table or worksheet (default: ${DEFAULT_LIMITS.maxRows})`, helpZh: `一个表格或工作表的最多行数（默认 ${DEFAULT_LIMITS.maxRows}）` },
  { flag: '--max-columns <n>', key: 'maxColumns', parse: positiveInt, help: `most columns of one table or worksheet (default: ${DEFAULT_LIMITS.maxColumns})`, helpZh: `一个表格或工作表的最多列数（默认 ${DEFAULT_LIMITS.maxColumns}）` },
  { flag: '--max-sheets <n>', key: 'maxSheets', parse: positiveInt, help: `most worksheets of one workbook (default: ${DEFAULT_LIMITS.maxSheets})`, helpZh: `一个工作簿的最多工作表数（默认 ${DEFAULT_LIMITS.maxSheets}）` },
  {
    flag: '--max-entry-size <size>',
    key: 'maxEntryBytes',
    parse: sizeArg,
    help: `largest uncompressed part of a .xlsx/.docx, checked before inflating (default: ${MiB(DEFAULT_LIMITS.maxEntryBytes)})`, helpZh: `.xlsx/.docx 中单个部件解压后的最大大小，解压前检查（默认 ${MiB(DEFAULT_LIMITS.maxEntryBytes)}）`,
  },
  { flag: '--max-ratio <n>', key: 'maxRatio', parse: positiveInt, help: `highest compression ratio of a part of a .xlsx/.docx (default: ${DEFAULT_LIMITS.maxRatio})`, helpZh: `.xlsx/.docx 部件的最高压缩比（默认 ${DEFAULT_LIMITS.maxRatio}）` },
  { flag: '--max-depth <n>', key: 'maxDepth', parse: positiveInt, help: `deepest nesting of JSON/YAML (default: ${DEFAULT_LIMITS.maxDepth})`, helpZh: `JSON/YAML 的最大嵌套层数（默认 ${DEFAULT_LIMITS.maxDepth}）` },
  { flag: '--max-items <n>', key: 'maxItems', parse: positiveInt, help: `most items of one JSON/YAML list (default: ${DEFAULT_LIMITS.maxItems})`, helpZh: `一个 JSON/YAML 列表的最多项数（默认 ${DEFAULT_LIMITS.maxItems}）` },
  { flag: '--max-documents <n>', key: 'maxDocuments', parse: positiveInt, help: `most YAML documents of one file (default: ${DEFAULT_LIMITS.maxDocuments})`, helpZh: `一个 YAML 文件的最多文档数（默认 ${DEFAULT_LIMITS.maxDocuments}）` },
  { flag: '--max-entries <n>', key: 'maxEntries', parse: positiveInt, help: `most parts of one .xlsx/.docx zip (default: ${DEFAULT_LIMITS.maxEntries})`, helpZh: `一个 .xlsx/.docx 压缩包的最多部件数（默认 ${DEFAULT_LIMITS.maxEntries}）` },
];

export type LimitKey = keyof Limits;

/** The limits given on the command line (commander's camelCase names → Limits keys). */
export function limitsFromFlags(flags: Record<string, unknown>): Partial<Record<LimitKey, number>> {
  const out: Partial<Record<LimitKey, number>> = {};
  for (const o of LIMIT_OPTIONS) {
    const name = o.flag.replace(/^--/, '').replace(/ .*$/, '').replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
    const v = flags[name];
    if (typeof v === 'number') out[o.key] = v;
  }
  return out;
}

/** --shard 2/4: the second of four parts (1 ≤ i ≤ n). */
export function shardArg(value: string): { index: number; count: number } {
  const m = /^(\d+)\/(\d+)$/.exec(value.trim());
  const index = Number(m?.[1]);
  const count = Number(m?.[2]);
  if (!m || !Number.isSafeInteger(count) || count < 1 || index < 1 || index > count) throw new InvalidArgumentError(ARGUMENT_TEXT.shard.en);
  return { index, count };
}

function nonNegativeInt(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(n)) throw new InvalidArgumentError(ARGUMENT_TEXT.nonNegative.en);
  return n;
}

interface LintFlags {
  format?: string[];
  outputFile?: string[];
  lang: Lang;
  quiet?: boolean;
  maxWarnings?: number;
  color?: boolean;
  ignore?: string[];
  /** true: --summary, false: --no-summary, undefined: automatic. */
  summary?: boolean;
  /** Text encoding of .txt/.tsv/.csv inputs instead of detecting it. */
  encoding?: string;
  /** A config file instead of the nearest jixiao-lint.config.yaml. */
  config?: string;
  /** Approved target tables (files, folders or globs), besides the config's targets:. */
  targets?: string[];
  /** The name of what `-` reads from stdin: picks the loader by its extension, and the config overrides and baseline. */
  stdinFilename?: string;
  /** Print the effective settings for this file instead of linting. */
  printConfig?: string;
  /** Print the stack of an internal error. */
  debug?: boolean;
  /** Worker threads of a batch (default: one per core). */
  concurrency?: number;
  /** --shard i/n: lint only that part of the files found. */
  shard?: { index: number; count: number };
  /** --max-file-size and the other limits, by their camelCase names. */
  [limit: string]: unknown;
}

/** What ends a run (and a `merge`, which rebuilds one): the reports written, the per-file table, the exit code.
 * The results are an array or a source that reads them back (the CLI's run: from its temporary file, issue 26). */
export async function finishRun(
  results: SubmissionResult[] | ResultSource,
  run: { linter: Linter; outputs: ReturnType<typeof planOutputs>; inputs: string[]; files: number; nothingRead: boolean },
  flags: Pick<LintFlags, 'lang' | 'quiet' | 'color' | 'summary' | 'maxWarnings'>,
  io: Io,
): Promise<number> {
  const zh = flags.lang === 'zh';
  const all = Array.isArray(results) ? arraySource(results) : (results as ResultSource);
  const shown = flags.quiet ? errorsOnly(all) : all;
  const docs = rulesDocsUri();
  const context = { lang: flags.lang, rules: run.linter.rules, cwd: process.cwd(), toolVersion: version(), informationUri: informationUri(), generatedAt: reportTime(), ...(docs ? { rulesDocsUri: docs } : {}) };
  await writeOutputs(run.outputs, shown, context, {
    out: io.out,
    ...(io.outBytes ? { outBytes: io.outBytes } : {}),
    isTTY: io.isTTY,
    lang: flags.lang,
    color: flags.color !== false && io.isTTY,
    inputs: run.inputs,
  });
  // the totals of what was shown and of every finding (the exit code), in one pass
  const shownTally = new Tally();
  const allTally = new Tally();
  all.each((r) => {
    allTally.add(r);
    shownTally.add(flags.quiet ? { ...r, findings: r.findings.filter((f) => f.severity === 'error') } : r);
  });
  // Every report went to a file: the terminal still says what was found and where it went.
  if (run.outputs.length > 0 && run.outputs.every((o) => o.file !== undefined)) {
    const t = shownTally.summary();
    const where = run.outputs.map((o) => displayPath(o.file as string, process.cwd())).join(zh ? '、' : ', ');
    io.out(
      zh
        ? `检查了 ${t.files} 个文件：${t.errors} 个错误，${t.warnings} 个警告，${t.infos} 个提示${t.suppressed > 0 ? `，${t.suppressed} 个已抑制` : ''}；报告已写入 ${where}\n`
        : `checked ${t.files} file(s): ${t.errors} error(s), ${t.warnings} warning(s), ${t.infos} info${t.suppressed > 0 ? `, ${t.suppressed} suppressed` : ''}; reports written to ${where}\n`,
    );
  }
  // The per-file table: on stdout after a human format (or when nothing else goes there),
  // on stderr when stdout carries a machine format.
  const stdoutFormat = run.outputs.find((o) => o.file === undefined)?.format;
  const humanStdout = stdoutFormat === undefined || stdoutFormat === 'stylish';
  if (flags.summary === true || (flags.summary === undefined && humanStdout && run.files > AUTO_SUMMARY_FILES)) {
    // written in pieces, gathered a megabyte at a time
    let parts: string[] = [];
    let size = 0;
    const emit = (s: string) => (humanStdout ? io.out(s) : io.err(s));
    const flush = () => {
      if (parts.length > 0) emit(parts.join(''));
      parts = [];
      size = 0;
    };
    if (humanStdout) parts.push('\n');
    writeSummaryTable(all, flags.lang, process.cwd(), (s) => {
      parts.push(s);
      size += s.length;
      if (size >= 1 << 19) flush();
    });
    flush();
  }
  if (run.nothingRead) return 2;
  const s = allTally.summary();
  const tooManyWarnings = flags.maxWarnings !== undefined && s.warnings > flags.maxWarnings;
  if (tooManyWarnings) {
    io.err(
      zh
        ? `jixiao-lint: 警告 ${s.warnings} 个，超过了 --max-warnings 上限 ${flags.maxWarnings}\n`
        : `jixiao-lint: ${s.warnings} warning(s), more than --max-warnings ${flags.maxWarnings}\n`,
    );
  }
  return s.errors > 0 || tooManyWarnings ? 1 : 0;
}

/** Files shown by name in a skipped line; the rest are counted. */
const SKIPPED_NAMES = 5;

/**
 * What a folder search left out, one line per reason with the count and the first few names:
 * 「跳过 3 个文件：不是绩效表格（像是本工具以前输出的检查结果）：out.json、old.json、x.json」.
 */
export function skippedText(skipped: ReadonlyArray<{ file: string; reason: { zh: string; en: string } }>, lang: 'zh' | 'en'): string[] {
  const byReason = new Map<string, string[]>();
  for (const s of skipped) byReason.set(s.reason[lang], [...(byReason.get(s.reason[lang]) ?? []), displayPath(s.file, process.cwd())]);
  return [...byReason.entries()].map(([reason, files]) => {
    const shown = files.slice(0, SKIPPED_NAMES).map(inline);
    const more = files.length - shown.length;
    return lang === 'zh'
      ? `跳过 ${files.length} 个文件，${reason}：${shown.join('、')}${more > 0 ? ` 等（另有 ${more} 个）` : ''}`
      : `skipped ${files.length} file(s), ${reason}: ${shown.join(', ')}${more > 0 ? ` and ${more} more` : ''}`;
  });
}

/** Above this many files, the per-file summary table is printed without --summary. */
export const AUTO_SUMMARY_FILES = 50;

const EXAMPLES_EN = `
Examples:
  $ jixiao-lint fixtures/                       lint every submission under a folder
  $ jixiao-lint 2021/项目自评.yaml --lang en     one file, messages in English
  $ jixiao-lint reports/ --format json > out.json
  $ jixiao-lint reports/ -f sarif -o out.sarif -f stylish   SARIF to a file, stylish to the terminal
  $ jixiao-lint reports/ --quiet --max-warnings 0
  $ jixiao-lint '2024/**/*.yaml' --ignore drafts --summary   a bureau's batch run
  $ jixiao-lint 自评汇总表.txt 自评表.xlsx          tables as units file them (findings at line:cell, Sheet!K12)
  $ jixiao-lint 自评表.docx 目标批复.html           Word documents and saved web pages (表2!C5, ¶3)
  $ jixiao-lint convert 自评表.docx --to yaml      what the importer read, one document per form
  $ jixiao-lint fix 自评表.xlsx --dry-run          the cells a corrected copy would change (fix writes 自评表.fixed.xlsx)

Formats read: .xlsx .xls .et .docx .pdf .md .markdown .html .htm .txt .tsv .csv .json .yaml .yml
  (.txt: delimited text, or text extracted from Word/PDF/web pages — one cell per line, shifted rows, pipe rows)
  (.pdf: with a text layer; a scan is named as such)
  .doc .wps: converted with LibreOffice when installed, else named with what to do
  .ods .odt .rtf .xlsm: named with what to do (save them as .docx / .xlsx and lint those)
  $ jixiao-lint rules --lang en                  every rule: id, severity (after the config), forms, title
  $ jixiao-lint explain execution-rate           why a rule exists, an example, how to fix, its options
  $ jixiao-lint reports/ -c 本局.config.yaml      local policy (default: the nearest jixiao-lint.config.yaml)
  $ jixiao-lint 2022/ --targets 批复/             self-evaluations vs the approved target tables (绩效目标表)
  $ jixiao-lint 2024/ -f xlsx -o 汇总.xlsx -f html -o 报告.html   a workbook (汇总, 问题清单) and an offline HTML report
  $ cat 自评表.csv | jixiao-lint - --stdin-filename 自评表.csv   read standard input
  $ jixiao-lint --print-config reports/a.yaml    the settings in force for one file (JSON)
  $ jixiao-lint init                             write a commented jixiao-lint.config.yaml

Suppressions: a finding is accepted only with a written reason, in the submission's
\`suppressions:\` or in a jixiao-lint.baseline.yaml next to it; suppressed findings are still
listed with their reasons and counted.

Exit codes:
  0  no errors (and warnings within --max-warnings)
  1  errors found, or more warnings than --max-warnings
  2  usage error (or an invalid config/baseline file), or nothing at all could be checked

Untrusted input: a file over a limit (--max-file-size, --max-rows, …) is one
parse-error finding and the run goes on; FIFOs and devices are never read; symbolic links found
in a folder are followed only inside the folders given; -o never overwrites a file read in the run.
`;

const EXAMPLES_ZH = `
示例：
  $ jixiao-lint 材料/                           检查文件夹中的每一份表格
  $ jixiao-lint 2021/项目自评.yaml --lang en     检查一个文件，提示用英文
  $ jixiao-lint 材料/ -f json > 结果.json        结果存为 JSON（供其他程序读取）
  $ jixiao-lint 材料/ -f sarif -o 结果.sarif -f stylish   SARIF 存文件，同时在屏幕上显示
  $ jixiao-lint 材料/ --quiet --max-warnings 0   只看错误；有警告也算不通过
  $ jixiao-lint '2024/**/*.yaml' --ignore 草稿 --summary   财政局批量检查，附每个文件一行的汇总
  $ jixiao-lint 自评汇总表.txt 自评表.xlsx          按单位报送的原样检查（位置写作「第 29 行」或「自评表!K12」）
  $ jixiao-lint 自评表.docx 目标批复.html           Word 文档和保存的网页（表2!C5、第 3 段）
  $ jixiao-lint convert 自评表.docx --to yaml      查看从表格中读出的内容，每张表一份
  $ jixiao-lint fix 自评表.xlsx --dry-run          列出修正副本会改动的单元格（去掉 --dry-run 写入 自评表.已修正.xlsx）
  $ jixiao-lint rules                            列出全部规则：编号、级别（按配置）、适用表样、名称
  $ jixiao-lint explain execution-rate           一条规则的依据、示例、改法和选项
  $ jixiao-lint 材料/ -c 本局.config.yaml          本地口径（默认用最近的 jixiao-lint.config.yaml）
  $ jixiao-lint 2022/ --targets 批复/             自评表与批复的绩效目标表对照
  $ jixiao-lint 2024/ -f xlsx -o 汇总.xlsx -f html -o 报告.html   汇总工作簿（汇总、问题清单）和离线网页报告
  $ cat 自评表.csv | jixiao-lint - --stdin-filename 自评表.csv   从标准输入读取
  $ jixiao-lint --print-config 材料/a.yaml        某个文件适用的设置
  $ jixiao-lint init                             生成带说明的配置文件 jixiao-lint.config.yaml

可读取的格式：.xlsx .xls .et .docx .pdf .md .markdown .html .htm .txt .tsv .csv .json .yaml .yml
  （.txt：分隔符文本，或从 Word/PDF/网页复制出的文字；文件夹中的 .txt 和 .md 不自动检查，请直接写出文件名）
  （.pdf：须有文字层；扫描件会说明）
  .doc .wps：已安装 LibreOffice 时自动转换后检查，否则说明怎么办
  .ods .odt .rtf .xlsm：会说明怎么办（请另存为 .docx / .xlsx 后再检查）

抑制：接受某个问题必须写明理由，写在表格的 suppressions 中或同一文件夹的
jixiao-lint.baseline.yaml 中；被抑制的问题仍连同理由列出并计数。

退出码：
  0  没有错误（警告不超过 --max-warnings）
  1  有错误，或警告超过 --max-warnings
  2  命令用法有误（或配置文件、基线文件无效），或没有任何文件能够检查

不可信的文件：超过限制（--max-file-size、--max-rows 等）的文件报告一条 parse-error，其余照常检查；
不读取管道和设备文件；文件夹中的符号链接只在所给文件夹内跟随；-o 不会覆盖本次读取的文件。
`;

// eslint-disable-next-line no-control-regex
const ANSI_SGR = /\u001b\[[0-9;]*m/g;

/**
 * Wrap a help text to `width` columns: Latin words keep their spaces; each wide (CJK) character
 * is a place to break. Written by hand because commander's boxWrap breaks at spaces only.
 */
export function wrapHelp(text: string, width: number): string {
  if (width < 40) return text;
  return text
    .split(/\r\n|\n/)
    .map((line) => {
      const chunks = line.match(/\s*[^\s\u2e80-\uffef]+|\s*[\u2e80-\uffef]/g);
      if (!chunks) return '';
      const lines: string[] = [];
      let current = '';
      let used = 0;
      for (const chunk of chunks) {
        const w = displayWidth(chunk);
        if (current !== '' && used + w > width) {
          lines.push(current);
          current = chunk.trimStart();
          used = displayWidth(current);
        } else {
          current += chunk;
          used += w;
        }
      }
      lines.push(current);
      return lines.join('\n');
    })
    .join('\n');
}

/** commander's notes after an option's description — (choices: "zh", "en", default: "zh") — in Chinese. */
export function choicesZh(text: string): string {
  return text.replace(/ \((choices: [^)]*?)?(?:, )?(default: [^)]*)?\)$/, (whole, choices?: string, dflt?: string) => {
    if (!choices && !dflt) return whole;
    const parts = [choices ? `可选 ${choices.slice('choices: '.length).split(', ').join('、')}` : '', dflt ? `默认 ${dflt.slice('default: '.length)}` : ''].filter(Boolean);
    return `（${parts.join('，')}）`;
  });
}

/** commander's headings of the help, in Chinese. */
const HELP_TITLES_ZH: Readonly<Record<string, string>> = { 'Usage:': '用法：', 'Arguments:': '参数：', 'Options:': '选项：', 'Commands:': '命令：' };

export async function run(argv: string[], io: Io = defaultIo): Promise<number> {
  let code = 0;
  // --help in Chinese, or in English with --lang en (read before commander parses the arguments)
  const zh = !wantsEnglish(argv);
  const say = (zhText: string, enText: string) => (zh ? zhText : enText);
  const program = new Command();
  program
    .name('jixiao-lint')
    // Options after a subcommand name belong to the subcommand (convert --lang, rules -c).
    .enablePositionalOptions()
    .description(say('绩效自评表、自评报告、绩效目标表的合规检查', 'lint Chinese budget performance evaluation forms (绩效自评表, 绩效目标表)'))
    .configureHelp({
      styleTitle: (title: string) => (zh ? (HELP_TITLES_ZH[title] ?? title) : title),
      // commander counts characters and breaks lines at spaces only: Chinese takes two columns a
      // character and has no spaces, so the help measures display width and breaks between characters
      displayWidth: (text: string) => displayWidth(text.replace(ANSI_SGR, '')),
      boxWrap: (text: string, width: number) => wrapHelp(text, width),
      // commander's "(choices: …, default: …)" after a description, in Chinese
      optionDescription(option: Option): string {
        const text = Help.prototype.optionDescription.call(this, option);
        return zh ? choicesZh(text) : text;
      },
    })
    .helpOption('-h, --help', say('显示帮助', 'display help for command'))
    .helpCommand('help [command]', say('显示命令的帮助', 'display help for command'))
    .version(version(), '-V, --version', say('显示版本号', 'output the version number'))
    .argument('[paths...]', say('文件、文件夹或 glob（文件夹中查找 .json、.yaml、.yml、.xlsx、.xls、.et、.docx、.pdf、.html、.htm、.tsv、.csv；.txt、.md 须直接写出或用 glob）', 'files, folders or globs (folders are searched for .json, .yaml, .yml, .xlsx, .xls, .et, .docx, .pdf, .html, .htm, .tsv, .csv; .txt and .md only when named or globbed)'))
    .addOption(
      new Option('-f, --format <name>', say(`输出格式，可重复：${FORMAT_NAMES.join('、')}（默认 stylish）`, `output format, repeatable: ${FORMAT_NAMES.join(', ')} (default: stylish)`)).argParser(formatArg),
    )
    .addOption(new Option('-o, --output-file <path>', say('把第 n 个 --format 写入此文件（可重复；没有文件的格式输出到屏幕）', 'write the n-th --format to this file (repeatable; formats without a file go to stdout)')).argParser(collect))
    .addOption(new Option('--lang <lang>', say('提示语言（英文：en）', 'message language')).choices(['zh', 'en']).default('zh'))
    .option('-q, --quiet', say('只报告错误', 'report errors only'))
    .option('--max-warnings <n>', say('警告多于此数时退出码为 1', 'exit 1 when there are more warnings than this'), nonNegativeInt)
    .option('--no-color', say('不用颜色', 'plain output'))
    .addOption(new Option('--ignore <glob>', say('跳过与此 glob 匹配的文件或文件夹（可重复）', 'leave out files or folders matching this glob (repeatable)')).argParser(collect))
    .option('--summary', say(`最后打印逐个文件的汇总表（超过 ${AUTO_SUMMARY_FILES} 个文件时自动打印）`, `print a per-file summary table at the end (automatic above ${AUTO_SUMMARY_FILES} files)`))
    .option('--no-summary', say('不打印汇总表', 'never print the per-file summary table'))
    .addOption(new Option('--encoding <name>', say('.txt/.tsv/.csv 文件的文字编码（默认自动识别；如 gb18030、utf-16le）', 'text encoding of .txt/.tsv/.csv files (default: detected; e.g. gb18030, utf-16le)')).argParser(encodingArg))
    .option('-c, --config <file>', say('配置文件（默认：从当前文件夹向上最近的 jixiao-lint.config.yaml/.yml/.json）', 'config file (default: the nearest jixiao-lint.config.yaml/.yml/.json from the current folder upwards)'))
    .addOption(
      new Option('--targets <path>', say('批复的绩效目标表：文件、文件夹或 glob，可重复，与配置的 targets: 一并使用；每份自评表与其单位（项目）和年度的目标表对照', "approved target tables (绩效目标表, form target-table): a file, folder or glob, repeatable, besides the config's targets:; each self-evaluation is compared with the table of its unit (project) and year")).argParser(collect),
    )
    .option('--stdin-filename <name>', say('与路径 - 一起使用：标准输入的文件名（扩展名决定读取方式；按此路径适用配置和基线）', 'with the path -: the file name of standard input (its extension picks the reader; config overrides and baseline apply as for that path)'))
    .option('--print-config <file>', say('打印此文件适用的设置（JSON：配置文件、每条规则的级别和选项）后退出', 'print the settings in force for this file (JSON: config file, every rule with its severity and options) and exit'))
    .option('--debug', say('内部错误时打印调用栈', 'print the stack trace of an internal error'))
    .option('--concurrency <n>', say('检查文件的工作线程数（默认每个 CPU 核一个）', 'worker threads linting the files (default: one per core)'), positiveInt)
    .option('--shard <i/n>', say('只检查所找到文件稳定划分的 n 份中的第 i 份（CI 矩阵）；各份 JSON 报告用 jixiao-lint merge 合并', 'lint only the i-th of n stable parts of the files found (CI matrix); combine the JSON reports with jixiao-lint merge'), shardArg);
  for (const o of LIMIT_OPTIONS) program.addOption(new Option(o.flag, say(o.helpZh, o.help)).argParser(o.parse));
  program
    .addHelpText('after', zh ? EXAMPLES_ZH : EXAMPLES_EN)
    .exitOverride()
    .configureOutput({ writeOut: io.out, writeErr: io.err, outputError: (text, write) => write(wantsEnglish(argv) ? text : commanderErrorZh(text)) })
    .action(async (paths: string[], flags: LintFlags) => {
      code = await lint(paths, flags, io);
    });
  // `convert`, `rules`, `init` and `explain` are subcommands; any other first argument is a path for
  // the default lint action (a folder named like a subcommand is written ./rules).
  program
    .command('convert')
    .description(say('打印从表格、工作簿或 JSON/YAML 文件读出的规范提交', 'print the canonical submission read from a table, workbook or JSON/YAML file'))
    .argument('<file>', say('.xlsx、.xls、.et、.docx、.pdf、.md、.html、.txt、.tsv、.csv、.json 或 .yaml 文件', 'a .xlsx, .xls, .et, .docx, .pdf, .md, .html, .txt, .tsv, .csv, .json or .yaml file'))
    .addOption(new Option('--to <format>', say('输出格式', 'output format')).choices(['yaml', 'json']).default('yaml'))
    .addOption(new Option('--encoding <name>', say('文字编码（默认自动识别）', 'text encoding (default: detected)')).argParser(encodingArg))
    .addOption(new Option('--lang <lang>', say('读取问题的提示语言', 'message language for load problems')).choices(['zh', 'en']).default('zh'))
    .option('-c, --config <file>', say('配置文件，表格读取使用其 settings.hierarchy（默认：最近的 jixiao-lint.config.yaml）', 'config file whose settings.hierarchy the table readers use (default: the nearest jixiao-lint.config.yaml)'))
    .action(async (file: string, flags: { to: 'yaml' | 'json'; encoding?: string; lang: Lang; config?: string }) => {
      code = await convert(file, flags, io);
    });
  program
    .command('fix')
    .description(say('在原文件旁写一份修正后的 .xlsx 副本（「名称.已修正.xlsx」，不覆盖任何文件），把每个问题的建议值写入其单元格，并列出每个改动的单元格', 'write a corrected copy of an .xlsx beside it (「名称.fixed.xlsx」, never over any file) with each finding\'s suggested value in its cell, listing every changed cell'))
    .argument('<file>', say('.xlsx 工作簿', 'an .xlsx workbook'))
    .option('--dry-run', say('只列出会改动的单元格，不写文件', 'list the cells that would change; write nothing'))
    .option('-o, --output <file>', say('副本的文件名（默认：原文件名加「.已修正」；已存在时不覆盖）', 'name of the copy (default: the file\'s name with .fixed; an existing file is never overwritten)'))
    .addOption(new Option('--lang <lang>', say('语言', 'language')).choices(['zh', 'en']).default('zh'))
    .option('-c, --config <file>', say('配置文件（默认：最近的 jixiao-lint.config.yaml/.yml/.json）', 'config file (default: the nearest jixiao-lint.config.yaml/.yml/.json)'))
    .addOption(new Option('--targets <path>', say('批复的绩效目标表（可重复）', 'approved target tables (repeatable)')).argParser(collect))
    .action(async (file: string, flags: { dryRun?: boolean; output?: string; lang: Lang; config?: string; targets?: string[] }) => {
      code = await (await import('./commands/fix.js')).fix(file, flags, io);
    });
  program
    .command('rules')
    .description(say('列出规则：编号、级别（按配置）、适用表样和名称', 'list the rules: id, severity (after the config), forms and title'))
    .addOption(new Option('--lang <lang>', say('名称的语言', 'title language')).choices(['zh', 'en']).default('zh'))
    .addOption(new Option('--format <format>', say('输出格式', 'output format')).choices(['text', 'json']).default('text'))
    .option('-c, --config <file>', say('配置文件（默认：最近的 jixiao-lint.config.yaml/.yml/.json）', 'config file (default: the nearest jixiao-lint.config.yaml/.yml/.json)'))
    .option('--check <dir>', say('检查某财政局自己的规则文件夹（只编译规则，不检查文件）；有规则被拒绝时退出码为 1', "check a folder of a bureau's rule files (compile them, lint nothing); exit 1 when one is refused"))
    .action((flags: { lang: Lang; format: 'text' | 'json'; config?: string; check?: string }) => {
      code = listRules(flags, io);
    });
  program
    .command('layouts')
    .description(say('列出能识别的表样布局（layouts/*.yaml）：编号、表样、所印的分值政策和名称', 'list the printed layouts the readers recognise (layouts/*.yaml): id, form, the policy it prints and its name'))
    .addOption(new Option('--lang <lang>', say('语言', 'language')).choices(['zh', 'en']).default('zh'))
    .addOption(new Option('--format <format>', say('输出格式', 'output format')).choices(['text', 'json']).default('text'))
    .option('--check <dir>', say('检查某财政局自己的布局文件夹（继承内置布局；在配置文件的 layoutDirs 中列出后，检查时一并读入）；有文件被拒绝时退出码为 1', "check a folder of a bureau's own layout files (extending the built-in ones; listed under layoutDirs in the config, they are read by every run); exit 1 when one is refused"))
    .action(async (flags: LayoutsFlags) => {
      code = (await import('./commands/layouts.js')).listLayouts(flags, io);
    });
  program
    .command('init')
    .description(say('为财政局写一份带注释的 jixiao-lint.config.yaml（不覆盖已有文件）', 'write a commented jixiao-lint.config.yaml for a bureau (never overwrites one)'))
    .addOption(new Option('--lang <lang>', say('注释的语言', 'language of the comments')).choices(['zh', 'en']).default('zh'))
    .option('--dir <folder>', say('写到哪个文件夹（默认当前文件夹）', 'where to write it (default: the current folder)'))
    .action((flags: { lang: Lang; dir?: string }) => {
      code = init(flags, io);
    });
  program
    .command('merge')
    .description(say('把各分片的 JSON 报告（--shard i/n -f json）合并为任一格式：输出、汇总和退出码与一次运行相同', 'combine the JSON reports of shards (--shard i/n -f json) into any format: the same output, summary and exit code as one run'))
    .argument('<reports...>', say('JSON 报告，按分片顺序', 'JSON reports, in shard order'))
    .addOption(new Option('-f, --format <name>', say(`输出格式，可重复：${FORMAT_NAMES.join('、')}（默认 stylish）`, `output format, repeatable: ${FORMAT_NAMES.join(', ')} (default: stylish)`)).argParser(formatArg))
    .addOption(new Option('-o, --output-file <path>', say('把第 n 个 --format 写入此文件（可重复）', 'write the n-th --format to this file (repeatable)')).argParser(collect))
    .addOption(new Option('--lang <lang>', say('问题之外输出文字的语言（与各分片运行时相同）', 'message language of the output around the findings (as the shards were run)')).choices(['zh', 'en']).default('zh'))
    .option('-q, --quiet', say('只报告错误', 'report errors only'))
    .option('--max-warnings <n>', say('警告多于此数时退出码为 1', 'exit 1 when there are more warnings than this'), nonNegativeInt)
    .option('--no-color', say('不用颜色', 'plain output'))
    .option('--summary', say('最后打印逐个文件的汇总表（超过 50 个文件时自动打印）', 'print the per-file summary table at the end (automatic above 50 files)'))
    .option('--no-summary', say('不打印汇总表', 'never print the per-file summary table'))
    .option('-c, --config <file>', say('配置文件，用于 SARIF 中财政局自己的规则（默认：最近的 jixiao-lint.config.yaml）', "config file, for a bureau's own rules in SARIF (default: the nearest jixiao-lint.config.yaml)"))
    .action(async (reports: string[], flags: MergeFlags) => {
      code = await merge(reports, flags, io);
    });
  program
    .command('explain')
    .description(say('解释一条规则：依据、示例、改法和选项', 'explain a rule: why, an example, how to fix it, its options'))
    .argument('<id>', say('规则编号（见 jixiao-lint rules）', 'rule id (see jixiao-lint rules)'))
    .addOption(new Option('--lang <lang>', say('语言', 'language')).choices(['zh', 'en']).default('zh'))
    .option('-c, --config <file>', say('配置文件，用于财政局自己的规则（默认：最近的 jixiao-lint.config.yaml）', "config file, for a bureau's own rules (default: the nearest jixiao-lint.config.yaml)"))
    .action((id: string, flags: { lang: Lang; config?: string }) => {
      code = explain(id, flags, io);
    });
  // Every file read from here on is recorded: -o never overwrites one of them.
  ReadLog.begin();
  try {
    await program.parseAsync(argv);
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : 2;
    io.err(`${failureLine(e, argv.includes('--debug'), wantsEnglish(argv))}\n`);
    return 2;
  }
  return code;
}

/** An error the user can act on (bad arguments, config, baseline or rule file): its message is for them. */
function isExpected(e: unknown): e is Error {
  return e instanceof UsageError || e instanceof ConfigError || e instanceof RuleError || e instanceof ReadError;
}

/** The one line for an error that stops the run: its message when it is meant for the user; otherwise
 * 「内部错误」 without the library's text (and the stack with --debug). */
/** Our argument checks' English (InvalidArgumentError) and commander's list of choices, in Chinese. */
/** Why a value is wrong, in Chinese: one of our checks (ARGUMENT_TEXT), or a list of choices. */
function argumentZh(why: string): string {
  const own = Object.values(ARGUMENT_TEXT).find((t) => t.en === why);
  if (own) return own.zh;
  const choices = /^(?:choose from (.*)|Allowed choices are (.*)\.)$/.exec(why);
  return choices ? `可用 ${((choices[1] ?? choices[2]) as string).split(', ').join('、')}` : why;
}

/**
 * commander's error lines (English, sometimes on two lines) as one Chinese line: the usual
 * mistakes on a command line, in words a clerk reads; anything else keeps commander's text
 * after a Chinese lead.
 */
export function commanderErrorZh(text: string): string {
  const s = text.replace(/^error:\s*/, '').replace(/\s+/g, ' ').trim();
  let m: RegExpExecArray | null;
  if ((m = /^unknown option '([^']+)'(?: \(Did you mean (\S+?)\?\))?/.exec(s))) {
    return `jixiao-lint: 不认识的选项 ${m[1]}${m[2] ? `（是不是 ${m[2]}？）` : ''}，jixiao-lint --help 列出全部选项\n`;
  }
  if ((m = /^option '([^']+)' argument '([^']*)' is invalid\. ?(.*)$/.exec(s))) {
    return `jixiao-lint: 选项 ${(m[1] as string).replace(/ <.*$/, '')} 的值「${m[2]}」不正确：${argumentZh(m[3] as string)}\n`;
  }
  if ((m = /^option '([^']+)' argument missing/.exec(s))) return `jixiao-lint: 选项 ${(m[1] as string).replace(/ <.*$/, '')} 后缺少取值\n`;
  if ((m = /^missing required argument '([^']+)'/.exec(s))) return `jixiao-lint: 缺少参数 ${m[1]}（--help 显示用法）\n`;
  if (/^too many arguments/.test(s)) return 'jixiao-lint: 参数过多（--help 显示用法）\n';
  if ((m = /^unknown command '([^']+)'/.exec(s))) return `jixiao-lint: 没有命令 ${m[1]}（--help 列出全部命令）\n`;
  return `jixiao-lint: 命令行参数有误：${s}\n`;
}

/** --lang en among the arguments (read before commander has parsed them, for a failure line). */
function wantsEnglish(argv: readonly string[]): boolean {
  return argv.some((a, i) => a === '--lang=en' || (a === '--lang' && argv[i + 1] === 'en'));
}

export function failureLine(e: unknown, debug: boolean, en = false): string {
  if (isExpected(e)) {
    const cause = debug && e.cause !== undefined ? `\n${e.cause instanceof Error ? (e.cause.stack ?? e.cause.message) : String(e.cause)}` : '';
    return `jixiao-lint: ${inline(e instanceof BilingualError ? e.text(en ? 'en' : 'zh') : e.message)}${cause}`;
  }
  const head = en
    ? 'jixiao-lint: internal error: the run stopped unexpectedly; please report it with the files checked'
    : 'jixiao-lint: 内部错误：运行意外中止，请把所检查的文件和此提示交给维护者';
  if (!debug) return `${head}${en ? ' (--debug shows the details)' : '（加 --debug 可显示详细信息）'}`;
  return `${head}\n${e instanceof Error ? (e.stack ?? e.message) : String(e)}`;
}

/** The settings in force for one file: the config file, the shared policy settings, then every rule with its severity and options. */
export function effectiveConfig(linter: Linter, settingsFor: (file: string) => RuleSettings, file: string, configFile: string | undefined): unknown {
  const settings = settingsFor(file);
  const rules = Object.fromEntries(
    [...linter.rules]
      .sort((a, b) => a.id.localeCompare(b.id))
      .map((r) => {
        const s = settings[r.id] ?? {};
        return [r.id, { severity: s.severity ?? r.severity, options: { ...defaultOptions(r), ...(s.options ?? {}) } }];
      }),
  );
  return { file, config: configFile === undefined ? null : displayPath(configFile, process.cwd()), settings: policyOf(settings), rules };
}

/** The LoadOptions of a run: --encoding and the limits given. */
function loadOptionsOf(flags: LintFlags): LoadOptions {
  const limits = limitsFromFlags(flags);
  // `limits` is LoadOptions.limits (Partial<Limits>, src/load/limits.ts)
  const options: LoadOptions = {
    ...(flags.encoding ? { encoding: flags.encoding } : {}),
    ...(Object.keys(limits).length > 0 ? { limits } : {}),
  };
  return options;
}

function maxFileBytesOf(flags: LintFlags): number {
  return typeof flags.maxFileSize === 'number' ? flags.maxFileSize : DEFAULT_MAX_FILE_BYTES;
}

/** `jixiao-lint -`: lint standard input as the file `name` (its extension picks the loader). */
async function lintStdin(
  linter: Linter,
  bytes: Uint8Array,
  name: string,
  flags: LintFlags,
  settingsFor: (file: string) => RuleSettings,
  approvals: readonly ApprovalTable[] = [],
): Promise<SubmissionResult[]> {
  const max = maxFileBytesOf(flags);
  let loaded;
  if (bytes.length > max) {
    const r = { kind: 'too-big', size: bytes.length, limit: max } as const;
    loaded = { documents: [], problems: [problem(`标准输入：${refusalText(r, 'zh')}。`, `standard input: ${refusalText(r, 'en')}.`)] };
  } else {
    try {
      loaded = await loadBytes(name, bytes, { ...loadOptionsOf(flags), hierarchy: policyOf(settingsFor(name)).hierarchy });
    } catch (e) {
      if (flags.debug) process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
      loaded = internalErrorResult();
    }
  }
  if (loaded.documents.length === 0 && loaded.problems.length === 0) loaded = { documents: [], problems: [problem('标准输入为空，或其中没有可检查的内容。', 'standard input is empty or holds nothing to check.')] };
  const suppressions = flags.stdinFilename !== undefined ? new Baselines().for(name) : [];
  return linter.lintLoaded(flags.stdinFilename ?? '<stdin>', loaded, {
    lang: flags.lang,
    settings: settingsFor(name),
    ...(suppressions.length > 0 ? { suppressions } : {}),
    ...(approvals.length > 0 ? { approvals } : {}),
  });
}

async function lint(paths: string[], flags: LintFlags, io: Io): Promise<number> {
  const zh = flags.lang === 'zh';
  if (flags.printConfig !== undefined) {
    const { linter, settingsFor, file } = loadConfig(flags.config, process.cwd(), flags.lang);
    io.out(`${JSON.stringify(effectiveConfig(linter, settingsFor, flags.printConfig, file), null, 2)}\n`);
    return 0;
  }
  if (paths.length === 0) {
    io.err(zh ? 'jixiao-lint: 没有给出要检查的文件或文件夹（例如 jixiao-lint 2024/；jixiao-lint --help 显示用法）\n' : 'jixiao-lint: no paths given (try: jixiao-lint fixtures/ or jixiao-lint --help)\n');
    return 2;
  }
  const fromStdin = paths.includes('-');
  if (fromStdin && paths.length > 1) throw new UsageError(zh ? '- （标准输入）不能与其他路径同时使用' : '- (standard input) cannot be combined with other paths');
  if (!fromStdin && flags.stdinFilename !== undefined) throw new UsageError(zh ? '--stdin-filename 只能与路径 - 一起使用' : '--stdin-filename needs the path - (standard input)');
  const outputs = planOutputs(flags.format, flags.outputFile, { isTTY: io.isTTY, bytes: io.outBytes !== undefined, lang: flags.lang });
  const { linter, settingsFor, targets, policy, layouts } = loadConfig(flags.config, process.cwd(), flags.lang);
  // approved target tables: the config's targets: and --targets (read once, before the files)
  const approvals = await readTargets(linter, [...targets, ...(flags.targets ?? [])], {
    lang: flags.lang,
    load: { ...loadOptionsOf(flags), hierarchy: policy.hierarchy, ...(layouts ? { layouts } : {}) },
    maxFileBytes: maxFileBytesOf(flags),
  });
  let run: { files: string[]; source: ResultSource; unreadable: number; errors: string[]; skipped?: LintRun['skipped']; close?: () => void };
  if (fromStdin) {
    if (!io.stdin) throw new UsageError(zh ? '无法读取标准输入' : 'standard input cannot be read');
    const name = flags.stdinFilename ?? 'stdin.yaml';
    const results = await lintStdin(linter, await io.stdin(maxFileBytesOf(flags)), name, flags, settingsFor, approvals);
    run = { files: [flags.stdinFilename ?? '<stdin>'], source: arraySource(results), unreadable: results.every((r) => r.form === null) ? 1 : 0, errors: [] };
  } else {
    const progress = createProgress({ write: io.err, isTTY: io.errIsTTY === true, env: io.env ?? {}, ...(io.columns ? { columns: io.columns } : {}) });
    try {
      run = await lintPathsStored(linter, paths, {
        lang: flags.lang,
        settingsFor,
        ...(flags.ignore ? { ignore: flags.ignore } : {}),
        load: { ...loadOptionsOf(flags), ...(layouts ? { layouts } : {}) },
        maxFileBytes: maxFileBytesOf(flags),
        ...(flags.concurrency !== undefined ? { concurrency: flags.concurrency } : {}),
        ...(flags.shard ? { shard: flags.shard } : {}),
        ...(approvals.length > 0 ? { approvals } : {}),
        workers: { ...(flags.config !== undefined ? { config: flags.config } : {}), cwd: process.cwd(), ...(flags.debug ? { debug: true } : {}) },
        onFile: (done, total, file) => progress.update(done, total, file),
        onInternalError: (file, e) => {
          if (flags.debug) io.err(`jixiao-lint: ${zh ? '内部错误' : 'internal error'}: ${inline(file)}\n${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
        },
      });
    } finally {
      progress.finish();
    }
  }
  try {
    const skippedLines = skippedText(run.skipped ?? [], flags.lang);
    if (run.files.length === 0) {
      io.err(zh ? `jixiao-lint: ${paths.join('、')} 中没有找到可检查的文件\n` : `jixiao-lint: no submissions found in ${paths.join(', ')}\n`);
      for (const line of skippedLines) io.err(`jixiao-lint: ${line}\n`);
      return 2;
    }
    for (const e of run.errors) io.err(`jixiao-lint: ${inline(e)}\n`);
    for (const line of skippedLines) io.err(`jixiao-lint: ${line}\n`);
    return await finishRun(run.source, { linter, outputs, inputs: fromStdin ? [] : run.files, files: run.files.length, nothingRead: run.unreadable === run.files.length }, flags, io);
  } finally {
    // the run's temporary file of results
    run.close?.();
  }
}

/** Entry point of bin/jixiao-lint.js: never lets a stack trace reach the user. */
export async function main(argv: string[]): Promise<number> {
  // `jixiao-lint rules | head`: a reader that stops early is not an error.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
  try {
    return await run(argv);
  } catch (e) {
    process.stderr.write(`${failureLine(e, argv.includes('--debug'), wantsEnglish(argv))}\n`);
    return 2;
  }
}
