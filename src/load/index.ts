/**
 * Load stage: bytes of a file → canonical documents + source maps + load problems.
 * Browser-safe: the caller reads the bytes.
 */
import type { LoadResult } from '../types.js';
import { loadStructured } from './structured.js';
import { decodeText } from './decode.js';
import { loadDelimitedAsync } from './delimited.js';
import { problem } from './problem.js';
import { DEFAULT_LIMITS, fileTooBig, gridTooBig, LimitError, tooDeep, type Limits } from './limits.js';
import type { Reading } from './recognize.js';

/** `hierarchy` (a bureau's settings.hierarchy, as the rules read it) and `layouts` (the built-in printed
 * layouts and a bureau's own, config `layoutDirs`): what the table readers recognise forms by. */
export interface LoadOptions extends Reading {
  /** Force a text encoding instead of detecting it. */
  encoding?: string;
  /** Limits on what one file may make the readers do (src/load/limits.ts); defaults apply to what is not given. */
  limits?: Partial<Limits>;
}

/** The options of the text-table and web-page readers. */
function textOptions(o: LoadOptions): { encoding?: string } & Reading {
  return { ...(o.encoding ? { encoding: o.encoding } : {}), ...readingOf(o) };
}

/** Only what forms are recognised by (no encoding, no limits). */
export function readingOf(o: Reading): Reading {
  return { ...(o.hierarchy ? { hierarchy: o.hierarchy } : {}), ...(o.layouts ? { layouts: o.layouts } : {}) };
}

type Loader = (bytes: Uint8Array, options: LoadOptions) => LoadResult | Promise<LoadResult>;

/** File extension (lower case, with the dot) → loader. */
const LOADERS = new Map<string, Loader>([
  ['.json', (b, o) => withText(b, o, (t) => loadStructured(t, 'json', limitsOf(o)))],
  ['.yaml', (b, o) => withText(b, o, (t) => loadStructured(t, 'yaml', limitsOf(o)))],
  ['.yml', (b, o) => withText(b, o, (t) => loadStructured(t, 'yaml', limitsOf(o)))],
  // Imported tables (src/load/delimited.ts, src/load/xlsx.ts): encoding detected, --encoding overrides.
  ['.tsv', (b, o) => loadDelimitedAsync(b, textOptions(o), '.tsv')],
  ['.csv', (b, o) => loadDelimitedAsync(b, textOptions(o), '.csv')],
  ['.txt', (b, o) => loadDelimitedAsync(b, textOptions(o), '.txt')],
  // The workbook, Word and web-page readers (exceljs, fast-xml-parser, parse5) are loaded only
  // when such a file is read: a run over YAML files never pays for them.
  ['.xlsx', async (b, o) => (await import('./xlsx.js')).loadXlsx(b, limitsOf(o), readingOf(o))],
  [
    '.docx',
    async (b, o) => {
      const { DOCX_LIMITS, loadDocxSimplified } = await import('./docx.js');
      return loadDocxSimplified(b, { maxXmlBytes: Math.min(DOCX_LIMITS.maxXmlBytes, limitsOf(o).maxEntryBytes), limits: limitsOf(o), ...readingOf(o) });
    },
  ],
  // .xls/.et (BIFF8, SheetJS; src/load/xls.ts): a file of that name that is really a .xlsx or a
  // web page (as government systems export) is read by the reader of what it is.
  ['.xls', (b, o) => loadLegacyWorkbook(b, o)],
  ['.et', (b, o) => loadLegacyWorkbook(b, o)],
  // PDF with a text layer (pdf.js; src/load/pdf.ts): tables from ruling lines or text alignment.
  ['.pdf', async (b, o) => (await import('./pdf.js')).loadPdf(b, limitsOf(o), readingOf(o))],
  // Markdown (src/load/markdown.ts): GFM tables and the report's headings and paragraphs.
  ['.md', async (b, o) => (await import('./markdown.js')).loadMarkdown(b, { ...textOptions(o), limits: limitsOf(o) })],
  ['.markdown', async (b, o) => (await import('./markdown.js')).loadMarkdown(b, { ...textOptions(o), limits: limitsOf(o) })],
  // (a .docx or a page in Traditional characters is read in Simplified, as a text is: src/load/chinese.ts)
  ['.html', async (b, o) => (await import('./html.js')).loadHtmlSimplified(b, { ...textOptions(o), limits: limitsOf(o) })],
  ['.htm', async (b, o) => (await import('./html.js')).loadHtmlSimplified(b, { ...textOptions(o), limits: limitsOf(o) })],
]);

async function loadLegacyWorkbook(bytes: Uint8Array, o: LoadOptions): Promise<LoadResult> {
  const xls = await import('./xls.js');
  const kind = xls.sniffXls(bytes);
  if (kind === 'zip') return (await import('./xlsx.js')).loadXlsx(bytes, limitsOf(o), readingOf(o));
  if (kind === 'html') return (await import('./html.js')).loadHtml(bytes, textOptions(o));
  return xls.loadXls(bytes, limitsOf(o), readingOf(o));
}

export function registerLoader(extension: string, loader: Loader): void {
  LOADERS.set(extension.toLowerCase(), loader);
}

export function supportedExtensions(): string[] {
  return [...LOADERS.keys()];
}

export function extensionOf(name: string): string {
  const m = /\.[^./\\]+$/.exec(name);
  return m ? m[0].toLowerCase() : '';
}

/** JSON and YAML are UTF-8 unless --encoding says otherwise; undecodable bytes are a parse-error. */
function withText(bytes: Uint8Array, options: LoadOptions, parse: (text: string) => LoadResult): LoadResult {
  const decoded = decodeText(bytes, options.encoding ?? 'utf-8');
  return 'problem' in decoded ? { documents: [], problems: [decoded.problem] } : parse(decoded.text);
}

/** A grid over the limits is not checked (its documents are dropped): one parse-error says which limit. */
function checkGrids(result: LoadResult, limits: Limits): LoadResult {
  for (const g of result.grids ?? []) {
    const columns = g.rows.reduce((n, r) => Math.max(n, r.length), 0);
    const tooBig = gridTooBig({ rows: g.rows.length, columns }, limits, g.name ? `「${g.name}」` : '');
    if (tooBig) return { documents: [], problems: [tooBig] };
  }
  return result;
}

/** Formats units file that cannot be read cell by cell: named in folder searches with what to do. */
const UNSUPPORTED = new Map<string, { zh: string; en: string; save: string }>([
  ['.doc', { zh: '旧版 Word（.doc）', en: 'legacy Word (.doc)', save: '.docx' }],
  ['.wps', { zh: 'WPS 文字（.wps）', en: 'WPS Writer (.wps)', save: '.docx' }],
  ['.odt', { zh: 'OpenDocument 文本（.odt）', en: 'OpenDocument text (.odt)', save: '.docx' }],
  ['.rtf', { zh: 'RTF（.rtf）', en: 'RTF (.rtf)', save: '.docx' }],
  ['.ods', { zh: 'OpenDocument 表格（.ods）', en: 'OpenDocument spreadsheet (.ods)', save: '.xlsx' }],
  ['.xlsm', { zh: '含宏的 Excel（.xlsm）', en: 'macro-enabled Excel (.xlsm)', save: '.xlsx' }],
]);

/** Extensions of files a folder search names as unsupported instead of skipping them silently. */
export function unsupportedExtensions(): string[] {
  return [...UNSUPPORTED.keys()];
}

/** The limits in force: the defaults, with what the options give. */
export function limitsOf(options: LoadOptions): Limits {
  return { ...DEFAULT_LIMITS, ...options.limits };
}

export async function loadBytes(name: string, bytes: Uint8Array, options: LoadOptions = {}): Promise<LoadResult> {
  const ext = extensionOf(name);
  const loader = LOADERS.get(ext);
  const limits = limitsOf(options);
  if (loader && bytes.length > limits.maxFileBytes) return { documents: [], problems: [fileTooBig(bytes.length, limits.maxFileBytes)] };
  if (loader) {
    try {
      const result = await loader(bytes, options);
      return checkGrids(result, limits);
    } catch (e) {
      if (e instanceof LimitError) return { documents: [], problems: [e.problem] };
      // A reader that fails on input it should have refused is a defect; the file still gets
      // one clear finding and the run goes on.
      if (e instanceof RangeError) return { documents: [], problems: [tooDeep(limits.maxDepth)] };
      return {
        documents: [],
        problems: [
          problem(
            '读取文件时发生内部错误，文件未能检查。请确认文件是否完整；如问题持续，请把文件提供给维护者。',
            'an internal error occurred while reading the file; it was not checked. Check that the file is complete; if the problem persists, send the file to the maintainers.',
          ),
        ],
      };
    }
  }
  const known = UNSUPPORTED.get(ext);
  if (known) {
    const advice = { zh: `请用 Word、Excel 或 WPS 打开，另存为 ${known.save} 后再检查。`, en: `open it in Word, Excel or WPS and save it as ${known.save}, then check it again.` };
    return { documents: [], problems: [{ ruleId: 'unsupported-file', args: { format: { zh: known.zh, en: known.en }, advice }, location: { pointer: '' } }] };
  }
  const list = [...LOADERS.keys()].join(' ');
  return {
    documents: [],
    problems: [
      problem(
        `不支持的文件类型「${ext || name}」。可检查的格式：${list}。`,
        `unsupported file type "${ext || name}"; the formats read are: ${list}.`,
      ),
    ],
  };
}
