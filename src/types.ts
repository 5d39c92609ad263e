/**
 * Types shared by every stage of the pipeline (load → normalize → validate → check → report).
 * Browser-safe: nothing here touches the file system or the process.
 */

export type Severity = 'error' | 'warning' | 'info';
export type Lang = 'zh' | 'en';
export type Localized = { zh: string; en: string };

/**
 * An error whose one line is meant for the user, in Chinese (`message`) and English (`en`):
 * a config that cannot be used (ConfigError), a mistake in what was asked (UsageError).
 */
export class BilingualError extends Error {
  readonly en: string;

  constructor(zh: string, en: string = zh, options?: ErrorOptions) {
    super(zh, options);
    this.en = en;
  }

  /** The line in `lang`. */
  text(lang: 'zh' | 'en'): string {
    return lang === 'en' ? this.en : this.message;
  }
}

/** The form kinds a submission may declare in `form`. */
export const FORM_KINDS = [
  'project-self-eval',
  'department-self-eval',
  'project-summary',
  'target-table',
  'department-report',
] as const;
export type FormKind = (typeof FORM_KINDS)[number];

export function isFormKind(x: unknown): x is FormKind {
  return typeof x === 'string' && (FORM_KINDS as readonly string[]).includes(x);
}

/** Where a finding points: always a JSON pointer into the canonical submission, plus the
 * place a person would look in the file that was read. */
export interface Location {
  /** RFC 6901 pointer into the canonical submission ('' is the whole document). */
  pointer: string;
  /** 1-based line and column in a JSON/YAML file. */
  line?: number;
  column?: number;
  /** 1-based line of a delimited-text file (with column). */
  row?: number;
  /** Worksheet name and A1 cell of a spreadsheet; the table ('表2') and cell of a Word document or web page. */
  sheet?: string;
  cell?: string;
  /** 1-based paragraph of a Word document's body (text outside its tables). */
  paragraph?: number;
  /** 1-based page of a PDF (the sheet then reads 「第 3 页」). */
  page?: number;
  /**
   * Where the cell or line is drawn on that page: [left, top, right, bottom] in PDF points
   * (1/72 inch) from the page's top-left corner, as pdfplumber's bbox.
   */
  box?: [number, number, number, number];
  /** Characters of the value printed at line:column, when the reader knows them exactly (an unquoted JSON/YAML number): the span a fix replaces. */
  length?: number;
}

export interface Finding {
  ruleId: string;
  severity: Severity;
  message: string;
  location: Location;
  expected?: string;
  actual?: string;
  /** The exact value to write at the finding's place (a rate, score, total, weight or sum recomputed), when there is one. */
  suggestion?: string;
}

/** A finding a reviewer accepted, with the written reason (see src/suppress). */
export interface SuppressedFinding extends Finding {
  suppression: {
    reason: string;
    /** 'submission' when written in the submission, else the baseline file's name. */
    source: string;
  };
}

/** What the linter says about one submission (one document of a file). */
export interface SubmissionResult {
  /** The path as given by the user. */
  file: string;
  /** The declared form kind, or null when it could not be read. */
  form: string | null;
  findings: Finding[];
  /** Findings suppressed with a written reason: listed and counted by every report, never dropped. */
  suppressed?: SuppressedFinding[];
  /** Set when one file holds several submissions (YAML documents, workbook sheets). */
  document?: { index: number; sheet?: string };
  /** The printed layout the submission was read by (tables only): layouts/*.yaml id and name. */
  layout?: { id: string; name: string };
  /** Set when the document declares no form at all (a JSON/YAML file that is something else): what it looks like.
   * A folder search leaves such files out of the results and lists them as skipped. */
  notAForm?: Localized;
  /** A few facts for summaries (unit name, year, total self-score and execution rate as printed). */
  facts?: { unit?: string; year?: string; totalScore?: string; executionRate?: string };
}

/** Maps a JSON pointer of the canonical submission to its place in the source file. */
export interface SourceMap {
  locate(pointer: string): Omit<Location, 'pointer'> | undefined;
  /** The text of a scalar exactly as written in the source (e.g. "100.00" for a YAML number). */
  sourceText?(pointer: string): string | undefined;
}

/** One canonical submission as read from a file, before normalization. */
export interface LoadedDocument {
  data: unknown;
  sourceMap: SourceMap;
  /** Set when one file yields several documents. */
  document?: { index: number; sheet?: string };
  /** The printed layout a table was read by (layouts/*.yaml): its id, name and the policy it prints. */
  layout?: { id: string; name: string; policy?: Record<string, unknown>; unprinted?: readonly string[] };
}

/** A problem found while reading a file, before any rule runs (parse-error, ragged-row, …). */
export interface LoadProblem {
  ruleId: string;
  /** Message arguments, rendered with the rule's message template. */
  args: Record<string, string | number | Localized>;
  location: Location;
  /** Index of the document the problem belongs to, when a file yields several. */
  document?: number;
}

/** A table as read from a file (a worksheet, a table of a document, delimited text) as plain,
 * serialisable data for renderers such as the web page: cell texts, merged ranges (0-based,
 * inclusive) and where each cell is in the file (places[r][c], the same shape as a finding's place). */
export interface GridView {
  rows: string[][];
  /** Worksheet name, or the table's name ('表2') in a document. */
  name?: string;
  merges?: Array<{ top: number; left: number; bottom: number; right: number }>;
  places: Array<Array<Omit<Location, 'pointer'>>>;
}

export interface LoadResult {
  documents: LoadedDocument[];
  problems: LoadProblem[];
  /** The tables read from the file, for renderers (set by the table loaders). */
  grids?: GridView[];
}

export function escapePointerToken(token: string | number): string {
  if (typeof token === 'number') return String(token);
  return token.includes('~') || token.includes('/') ? token.replace(/~/g, '~0').replace(/\//g, '~1') : token;
}

export function joinPointer(base: string, ...tokens: Array<string | number>): string {
  return tokens.reduce<string>((p, t) => `${p}/${escapePointerToken(t)}`, base);
}

export function splitPointer(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
}
