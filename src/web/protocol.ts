/**
 * Messages between the page (src/web/page.ts) and its Web Worker (src/web/worker.ts). Plain
 * data only: everything crosses the worker boundary by structured clone.
 */
import type { GridView, Lang, Localized, Severity, SubmissionResult } from '../types.js';
import type { FieldRow } from './fields.js';

/** What the page shows of a rule: its title and the 「为什么/怎么改」 text. */
export interface RuleView {
  id: string;
  title: Localized;
  severity: Severity;
  why: Localized;
  fix: Localized;
  example?: Localized;
}

/** One document of a file, with the facts the page heads it with. */
export interface DocumentView {
  result: SubmissionResult;
  year?: string;
  title?: string;
}

/** One file as linted: its documents and what to draw of it. */
export interface FileView {
  name: string;
  documents: DocumentView[];
  /** The tables as read (worksheets, document tables, delimited text). */
  grids: GridView[];
  /** For JSON/YAML: the canonical fields of each document (index = document index). */
  fields: FieldRow[][];
}

/** A rule setting as shown under 「当前规则设置」. */
export interface SettingView {
  id: string;
  severity?: string;
  options?: Record<string, unknown>;
}

export interface ConfigView {
  name: string;
  presets: Array<{ name: string; description?: Localized }>;
  /** Shared policy settings (`settings:` and those of policy presets), as JSON text. */
  policy: Array<{ key: string; value: string }>;
  settings: SettingView[];
  /** Parts of the file the page does not apply (overrides by path). */
  ignored: string[];
}

export type ToWorker =
  | { type: 'lint'; id: number; lang: Lang; files: Array<{ name: string; bytes: Uint8Array }> }
  | { type: 'config'; name: string; text: string | null }
  | { type: 'report'; format: 'markdown' | 'json'; lang: Lang; results: SubmissionResult[] };

export type FromWorker =
  | { type: 'ready'; extensions: string[]; rules: RuleView[] }
  | { type: 'progress'; id: number; done: number; total: number; name: string }
  | { type: 'file'; id: number; index: number; file: FileView }
  | { type: 'done'; id: number }
  | { type: 'config'; ok: true; config: ConfigView | null }
  | { type: 'config'; ok: false; name: string; error: Localized }
  | { type: 'report'; format: 'markdown' | 'json'; text: string }
  | { type: 'failed'; error: string }
  /** Something the CSP blocked in the worker (there should be nothing: the page compiles no code at run time). */
  | { type: 'csp-violation'; directive: string; blocked: string; sample: string };
