/**
 * The command line: jixiao-lint [paths...]
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { FORMATTERS } from '../report/index.js';
import { summarize } from '../report/summary.js';
import type { Lang } from '../types.js';
import { isKnownEncoding } from '../load/decode.js';
import { convert } from './commands/convert.js';
import { explain } from './commands/explain.js';
import { listRules } from './commands/rules.js';
import { UsageError } from './files.js';
import { lintPaths } from './lint-files.js';
import { planOutputs, writeOutputs } from './output.js';
import { createProgress } from './progress.js';
import { loadConfig } from './config.js';
import { packageRoot } from './resources.js';
import { formatSummaryTable } from './summary-table.js';

export interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
  isTTY: boolean;
  /** stderr is a terminal (progress bar for long runs). */
  errIsTTY?: boolean;
  /** Terminal width, for the progress bar. */
  columns?: number;
  env?: Record<string, string | undefined>;
}

const defaultIo: Io = {
  out: (s) => process.stdout.write(s),
  err: (s) => process.stderr.write(s),
  isTTY: Boolean(process.stdout.isTTY),
  errIsTTY: Boolean(process.stderr.isTTY),
  columns: process.stderr.columns,
  env: process.env,
};

function version(): string {
  return (JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version: string }).version;
}

function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

function formatArg(value: string, previous: string[] | undefined): string[] {
  if (!Object.hasOwn(FORMATTERS, value)) throw new InvalidArgumentError(`choose from ${Object.keys(FORMATTERS).join(', ')}`);
  return collect(value, previous);
}

function encodingArg(value: string): string {
  if (!isKnownEncoding(value)) throw new InvalidArgumentError('unknown encoding (try utf-8, gb18030, gbk, utf-16le)');
  return value;
}

function nonNegativeInt(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(n)) throw new InvalidArgumentError('must be a whole number ≥ 0');
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
}

/** Above this many files, the per-file summary table is printed without --summary. */
export const AUTO_SUMMARY_FILES = 50;

const EXAMPLES = `
Examples / 示例:
  $ jixiao-lint fixtures/                       lint every submission under a folder
  $ jixiao-lint 2021/项目自评.yaml --lang en     one file, messages in English
  $ jixiao-lint reports/ --format json > out.json
  $ jixiao-lint reports/ -f sarif -o out.sarif -f stylish   SARIF to a file, stylish to the terminal
  $ jixiao-lint reports/ --quiet --max-warnings 0
  $ jixiao-lint '2024/**/*.yaml' --ignore drafts --summary   a bureau's batch run
  $ jixiao-lint 自评汇总表.txt 自评表.xlsx          tables as units file them (findings at line:cell, Sheet!K12)
  $ jixiao-lint convert 自评表.xlsx --to yaml      what the importer read, one document per sheet
  $ jixiao-lint rules --lang en                  every rule: id, severity (after the config), forms, title
  $ jixiao-lint explain execution-rate           why a rule exists, an example, how to fix, its options
  $ jixiao-lint reports/ -c 本局.config.yaml      local policy (default: the nearest jixiao-lint.config.yaml)

Suppressions / 抑制: a finding is accepted only with a written reason, in the submission's
\`suppressions:\` or in a jixiao-lint.baseline.yaml next to it; suppressed findings are still
listed with their reasons and counted.

Exit codes / 退出码:
  0  no errors (and warnings within --max-warnings)
  1  errors found, or more warnings than --max-warnings
  2  usage error (or an invalid config/baseline file), or nothing could be read
`;

export async function run(argv: string[], io: Io = defaultIo): Promise<number> {
  let code = 0;
  const program = new Command();
  program
    .name('jixiao-lint')
    // Options after a subcommand name belong to the subcommand (convert --lang, rules -c).
    .enablePositionalOptions()
    .description('绩效自评表 / 绩效目标表 合规检查 — lint Chinese budget performance evaluation tables')
    .version(version(), '-V, --version')
    .argument('[paths...]', 'files, folders or globs (folders are searched for .json, .yaml, .yml, .xlsx, .txt, .tsv, .csv)')
    .addOption(
      new Option('-f, --format <name>', `output format, repeatable: ${Object.keys(FORMATTERS).join(', ')} (default: stylish)`).argParser(formatArg),
    )
    .addOption(new Option('-o, --output-file <path>', 'write the n-th --format to this file (repeatable; formats without a file go to stdout)').argParser(collect))
    .addOption(new Option('--lang <lang>', 'message language').choices(['zh', 'en']).default('zh'))
    .option('-q, --quiet', 'report errors only')
    .option('--max-warnings <n>', 'exit 1 when there are more warnings than this', nonNegativeInt)
    .option('--no-color', 'plain output')
    .addOption(new Option('--ignore <glob>', 'leave out files or folders matching this glob (repeatable)').argParser(collect))
    .option('--summary', `print a per-file summary table at the end (automatic above ${AUTO_SUMMARY_FILES} files)`)
    .option('--no-summary', 'never print the per-file summary table')
    .addOption(new Option('--encoding <name>', 'text encoding of .txt/.tsv/.csv files (default: detected; e.g. gb18030, utf-16le)').argParser(encodingArg))
    .option('-c, --config <file>', 'config file (default: the nearest jixiao-lint.config.yaml/.yml/.json from the current folder upwards)')
    .addHelpText('after', EXAMPLES)
    .exitOverride()
    .configureOutput({ writeOut: io.out, writeErr: io.err })
    .action(async (paths: string[], flags: LintFlags) => {
      code = await lint(paths, flags, io);
    });
  // `convert`, `rules` and `explain` are subcommands; any other first argument is a path for
  // the default lint action (a folder named like a subcommand is written ./rules).
  program
    .command('convert')
    .description('print the canonical submission read from a table, workbook or JSON/YAML file')
    .argument('<file>', 'a .xlsx, .txt, .tsv, .csv, .json or .yaml file')
    .addOption(new Option('--to <format>', 'output format').choices(['yaml', 'json']).default('yaml'))
    .addOption(new Option('--encoding <name>', 'text encoding (default: detected)').argParser(encodingArg))
    .addOption(new Option('--lang <lang>', 'message language for load problems').choices(['zh', 'en']).default('zh'))
    .action(async (file: string, flags: { to: 'yaml' | 'json'; encoding?: string; lang: Lang }) => {
      code = await convert(file, flags, io);
    });
  program
    .command('rules')
    .description('list the rules: id, severity (after the config), forms and title')
    .addOption(new Option('--lang <lang>', 'title language').choices(['zh', 'en']).default('zh'))
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .option('-c, --config <file>', 'config file (default: the nearest jixiao-lint.config.yaml/.yml/.json)')
    .action((flags: { lang: Lang; format: 'text' | 'json'; config?: string }) => {
      code = listRules(flags, io);
    });
  program
    .command('explain')
    .description('explain a rule: why, an example, how to fix it, its options')
    .argument('<id>', 'rule id (see jixiao-lint rules)')
    .addOption(new Option('--lang <lang>', 'language').choices(['zh', 'en']).default('zh'))
    .option('-c, --config <file>', "config file, for a bureau's own rules (default: the nearest jixiao-lint.config.yaml)")
    .action((id: string, flags: { lang: Lang; config?: string }) => {
      code = explain(id, flags, io);
    });
  try {
    await program.parseAsync(argv);
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : 2;
    // Bad input or configuration: one line, no stack trace.
    io.err(`jixiao-lint: ${e instanceof Error ? e.message : String(e)}\n`);
    return 2;
  }
  return code;
}

async function lint(paths: string[], flags: LintFlags, io: Io): Promise<number> {
  if (paths.length === 0) {
    io.err('jixiao-lint: no paths given (try: jixiao-lint fixtures/ or jixiao-lint --help)\n');
    return 2;
  }
  const outputs = planOutputs(flags.format, flags.outputFile);
  const { linter, settingsFor } = loadConfig(flags.config);
  const progress = createProgress({ write: io.err, isTTY: io.errIsTTY === true, env: io.env ?? {}, ...(io.columns ? { columns: io.columns } : {}) });
  let run;
  try {
    run = await lintPaths(linter, paths, {
      lang: flags.lang,
      settingsFor,
      ...(flags.ignore ? { ignore: flags.ignore } : {}),
      ...(flags.encoding ? { load: { encoding: flags.encoding } } : {}),
      onFile: (done, total, file) => progress.update(done, total, file),
    });
  } finally {
    progress.finish();
  }
  if (run.files.length === 0) {
    io.err(`jixiao-lint: no submissions found in ${paths.join(', ')}\n`);
    return 2;
  }
  for (const e of run.errors) io.err(`jixiao-lint: ${e}\n`);
  const results = run.results;
  const shown = flags.quiet ? results.map((r) => ({ ...r, findings: r.findings.filter((f) => f.severity === 'error') })) : results;
  writeOutputs(outputs, shown, { lang: flags.lang, rules: linter.rules, cwd: process.cwd(), toolVersion: version() }, {
    out: io.out,
    color: flags.color !== false && io.isTTY,
    inputs: run.files,
  });
  // The per-file table: on stdout after a human format (or when nothing else goes there),
  // on stderr when stdout carries a machine format.
  const stdoutFormat = outputs.find((o) => o.file === undefined)?.format;
  const humanStdout = stdoutFormat === undefined || stdoutFormat === 'stylish';
  if (flags.summary === true || (flags.summary === undefined && humanStdout && run.files.length > AUTO_SUMMARY_FILES)) {
    const table = formatSummaryTable(results, flags.lang, process.cwd());
    if (humanStdout) io.out(`\n${table}`);
    else io.err(table);
  }
  if (run.unreadable === run.files.length) return 2;
  const s = summarize(results);
  if (s.errors > 0) return 1;
  if (flags.maxWarnings !== undefined && s.warnings > flags.maxWarnings) return 1;
  return 0;
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
    const msg = e instanceof UsageError ? e.message : e instanceof Error ? e.message : String(e);
    process.stderr.write(`jixiao-lint: ${msg}\n`);
    return 2;
  }
}
