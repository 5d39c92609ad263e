/**
 * What a formatter may know besides the results. Everything is passed in (no process.cwd()
 * or fs here): the CLI fills it from the environment, tests with fixed values.
 */
import type { Rule } from '../check/rules.js';
import type { Lang } from '../types.js';

/** The parts of a rule the formatters use (SARIF rule metadata, JUnit test cases). */
export type RuleInfo = Pick<Rule, 'id' | 'title' | 'severity' | 'docs'> & { forms?: Rule['forms'] };

export interface ReportContext {
  lang: Lang;
  color?: boolean;
  /** Every rule the linter ran, for SARIF tool.driver.rules and JUnit passing test cases. */
  rules?: readonly RuleInfo[];
  /** The folder paths are made relative to (the repository root or the working directory). */
  cwd?: string;
  /** jixiao-lint's version, for SARIF tool.driver.version. */
  toolVersion?: string;
  /** SARIF tool.driver.informationUri. */
  informationUri?: string;
  /** Absolute URI of the folder of rule pages (docs/rules/): SARIF rules get helpUri `<this><id>.md`. */
  rulesDocsUri?: string;
  /** Stable hash for fingerprints (defaults to FNV-1a 128-bit, hex). */
  hash?: (text: string) => string;
  /** When the report was made, as a reader reads it ("2026-12-07 21:30"): the HTML report prints it. */
  generatedAt?: string;
  /** Markdown: how many findings to show per file (worst first). Default 10. */
  maxFindingsPerFile?: number;
}
