/**
 * Write values into cells of an .xlsx workbook and change nothing else (for `jixiao-lint fix`).
 *
 * Why not exceljs (which the reader uses): exceljs reads a workbook into its model and writes
 * the whole model back — every part is rewritten and what it does not model (charts, pictures
 * of some kinds, pivot tables, custom XML, macros, extension lists, unknown attributes) is lost
 * or changed. A corrected copy must be the clerk's file with a few values changed. So the copy
 * is the original zip with, in each worksheet part that holds a corrected cell, that cell's
 * element replaced (its style index `s` and every other attribute kept; the value written as a
 * number, or as an inline string when the cell held text), and every other part unchanged. Only
 * workbook.xml may gain `fullCalcOnLoad="1"` so that Excel/WPS recompute formulas that read a
 * corrected cell. The parts are read with fflate and fast-xml-parser (workbook, relationships,
 * styles); a cell is cut out of its worksheet with indexOf (linear on any text), since a
 * worksheet is rewritten only where it changes.
 */
import { Decimal } from 'decimal.js';
import { XMLParser } from 'fast-xml-parser';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { formatNumber } from '../../load/number-format.js';
import type { Localized } from '../../types.js';

export interface CellWrite {
  sheet: string;
  /** A1 reference. */
  cell: string;
  /** The value to write, as the finding suggests it ("7.5", "100.00%", "1,519.94"). */
  value: string;
}

export type WriteOutcome =
  /** Written: the text the cell now shows under its own number format (`shown`), and how it was stored. */
  | { ok: true; shown: string; stored: 'number' | 'text'; exact: boolean }
  | { ok: false; why: Localized };

export interface PatchResult {
  bytes: Uint8Array;
  outcomes: WriteOutcome[];
  /** Whether workbook.xml was asked to recompute formulas when opened. */
  recalc: boolean;
}

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@_', removeNSPrefix: true, parseTagValue: false, isArray: (name) => ['sheet', 'Relationship', 'xf', 'numFmt'].includes(name) });

type Node = Record<string, unknown>;
const nodes = (x: unknown): Node[] => (Array.isArray(x) ? (x as Node[]) : x && typeof x === 'object' ? [x as Node] : []);
const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Built-in number formats (ECMA-376 §18.8.30) that matter here: the percent ones and General. */
const BUILTIN_FORMATS: Readonly<Record<number, string>> = { 0: 'General', 1: '0', 2: '0.00', 3: '#,##0', 4: '#,##0.00', 9: '0%', 10: '0.00%' };

const why = (zh: string, en: string): WriteOutcome => ({ ok: false, why: { zh, en } });

/** The path of a part a relationship targets, from the folder of the part that holds the relationship. */
function partPath(from: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const parts = from.split('/').filter(Boolean);
  for (const seg of target.split('/')) {
    if (seg === '..') parts.pop();
    else if (seg !== '.' && seg !== '') parts.push(seg);
  }
  return parts.join('/');
}

/** Worksheet name → its part (xl/worksheets/sheet2.xml), from workbook.xml and its relationships. */
function sheetParts(files: Record<string, Uint8Array>): Map<string, string> {
  const out = new Map<string, string>();
  const wb = files['xl/workbook.xml'];
  const rels = files['xl/_rels/workbook.xml.rels'];
  if (!wb || !rels) return out;
  const targets = new Map<string, string>();
  const relationships = (parser.parse(strFromU8(rels)) as Node).Relationships as Node | undefined;
  for (const r of nodes(relationships?.Relationship)) {
    targets.set(String(r['@_Id']), partPath('xl', String(r['@_Target'])));
  }
  const sheets = ((((parser.parse(strFromU8(wb)) as Node).workbook as Node | undefined)?.sheets as Node | undefined)?.sheet) ?? [];
  for (const s of nodes(sheets)) {
    const target = targets.get(String(s['@_id']));
    if (target) out.set(String(s['@_name']), target);
  }
  return out;
}

/** Style index → number format code (cellXfs and numFmts of styles.xml). */
function numberFormats(files: Record<string, Uint8Array>): (style: number) => string {
  const styles = files['xl/styles.xml'];
  if (!styles) return () => 'General';
  const sheet = (parser.parse(strFromU8(styles)) as Node).styleSheet as Node | undefined;
  const custom = new Map<number, string>();
  for (const f of nodes((sheet?.numFmts as Node | undefined)?.numFmt)) custom.set(Number(f['@_numFmtId']), String(f['@_formatCode']));
  const xfs = nodes((sheet?.cellXfs as Node | undefined)?.xf);
  return (style) => {
    const id = Number(xfs[style]?.['@_numFmtId'] ?? 0);
    return custom.get(id) ?? BUILTIN_FORMATS[id] ?? 'General';
  };
}

interface CellSpan {
  start: number;
  end: number;
  /** The element's namespace prefix with its colon ('' or 'x:'). */
  prefix: string;
  /** Attributes of the start tag, as written, without `t`. */
  attrs: string;
  type: string;
  style: number;
  inner: string;
}

/** The element of cell `ref` in a worksheet's XML (indexOf only), or null when the sheet has none. */
function findCell(xml: string, ref: string): CellSpan | null {
  for (const quote of ['"', "'"]) {
    const needle = `r=${quote}${ref}${quote}`;
    for (let at = xml.indexOf(needle); at >= 0; at = xml.indexOf(needle, at + needle.length)) {
      const open = xml.lastIndexOf('<', at);
      if (open < 0 || xml.slice(open, at).includes('>')) continue;
      const name = /^<([A-Za-z_][\w.-]*:)?c\s/.exec(xml.slice(open, at));
      if (!name) continue;
      const prefix = name[1] ?? '';
      const close = xml.indexOf('>', at);
      if (close < 0) return null;
      const selfClosing = xml[close - 1] === '/';
      const startTag = xml.slice(open + name[0].length, selfClosing ? close - 1 : close);
      let end = close + 1;
      let inner = '';
      if (!selfClosing) {
        const endTag = `</${prefix}c>`;
        const e = xml.indexOf(endTag, close);
        if (e < 0) return null;
        inner = xml.slice(close + 1, e);
        end = e + endTag.length;
      }
      const attr = (n: string) => new RegExp(`(?:^|\\s)${n}\\s*=\\s*(["'])([^"']*)\\1`).exec(startTag)?.[2];
      const attrs = startTag.replace(/(?:^|\s)t\s*=\s*(["'])[^"']*\1/, '').trim();
      return { start: open, end, prefix, attrs, type: attr('t') ?? 'n', style: Number(attr('s') ?? 0), inner };
    }
  }
  return null;
}

/** "1,519.94" → "1519.94", "100.00%" → { digits: "100.00", percent: true }; null when not a plain number. */
export function plainNumber(text: string): { digits: string; percent: boolean } | null {
  const m = /^([+-]?)(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(%?)$/.exec(text.trim());
  if (!m) return null;
  return { digits: `${m[1]}${(m[2] as string).replace(/,/g, '')}${m[3] ?? ''}`, percent: m[4] === '%' };
}

/** Whether two printed numbers are the same number (「100%」 and 「100.00%」), so the cell shows the suggestion exactly. */
function sameNumber(a: string, b: string): boolean {
  const x = plainNumber(a);
  const y = plainNumber(b);
  return x !== null && y !== null && x.percent === y.percent && new Decimal(x.digits).equals(y.digits);
}

/** The new element of a cell, or why it is not written. */
function rewrite(cell: CellSpan, value: string, format: string): { xml: string; outcome: WriteOutcome } | { outcome: WriteOutcome } {
  const p = cell.prefix;
  if (new RegExp(`<${p.replace('.', '\\.')}f[\\s>/]`).test(cell.inner)) {
    return { outcome: why('该单元格是公式，请修改公式或其引用的单元格', 'the cell holds a formula: correct the formula or the cells it reads') };
  }
  if (cell.type === 'b' || cell.type === 'e') return { outcome: why('该单元格保存的不是数字或文字', 'the cell holds neither a number nor text') };
  const open = `<${p}c${cell.attrs ? ` ${cell.attrs}` : ''}`;
  if (cell.type === 'n') {
    const n = plainNumber(value);
    if (!n) return { outcome: why(`该单元格是数字，建议值「${value}」不是一个数`, `the cell holds a number and the suggestion "${value}" is not one`) };
    const percentFormat = /%/.test(format.replace(/"[^"]*"/g, ''));
    if (percentFormat !== n.percent && percentFormat) return { outcome: why('该单元格是百分比格式，建议值不是百分数', 'the cell is formatted as a percentage and the suggestion is not one') };
    // a rate in a percent-formatted cell is stored as a fraction (0.78 shows 78%); a rate typed as 78 stays 78
    const stored = percentFormat ? new Decimal(n.digits).div(100).toFixed() : new Decimal(n.digits).toFixed();
    const shown = formatNumber(Number(stored), format);
    return { xml: `${open}><${p}v>${stored}</${p}v></${p}c>`, outcome: { ok: true, shown, stored: 'number', exact: sameNumber(shown, value) } };
  }
  // text (a shared string, an inline string): written as an inline string, the shared strings left as they are
  return { xml: `${open} t="inlineStr"><${p}is><${p}t xml:space="preserve">${escapeXml(value)}</${p}t></${p}is></${p}c>`, outcome: { ok: true, shown: value, stored: 'text', exact: true } };
}

/** Elements of CT_Workbook that come after calcPr (ECMA-376 §18.2.27): calcPr is inserted before the first present. */
const AFTER_CALC_PR = ['oleSize', 'customWorkbookViews', 'pivotCaches', 'smartTagPr', 'smartTagTypes', 'webPublishing', 'fileRecoveryPr', 'webPublishObjects', 'extLst'];

/** workbook.xml asking for a full recalculation when opened, or null when it cannot be placed. */
function withRecalc(xml: string): string | null {
  const root = /<([A-Za-z_][\w.-]*:)?workbook[\s>]/.exec(xml);
  if (!root) return null;
  const p = root[1] ?? '';
  const calc = xml.indexOf(`<${p}calcPr`);
  if (calc >= 0) {
    const close = xml.indexOf('>', calc);
    if (close < 0) return null;
    const selfClosing = xml[close - 1] === '/';
    const attrs = xml.slice(calc + `<${p}calcPr`.length, selfClosing ? close - 1 : close);
    if (/\bfullCalcOnLoad\s*=\s*["'](?:1|true)["']/.test(attrs)) return xml;
    const kept = attrs.replace(/\bfullCalcOnLoad\s*=\s*["'][^"']*["']/, '').trimEnd();
    return `${xml.slice(0, calc)}<${p}calcPr${kept} fullCalcOnLoad="1"${selfClosing ? '/' : ''}>${xml.slice(close + 1)}`;
  }
  let at = -1;
  for (const name of AFTER_CALC_PR) {
    const i = xml.indexOf(`<${p}${name}`);
    if (i >= 0 && (at < 0 || i < at)) at = i;
  }
  if (at < 0) at = xml.lastIndexOf(`</${p}workbook>`);
  if (at < 0) return null;
  return `${xml.slice(0, at)}<${p}calcPr fullCalcOnLoad="1"/>${xml.slice(at)}`;
}

/**
 * Write `writes` into the workbook `bytes`. Each write gets an outcome (written, or why not);
 * two writes to one cell must agree (the caller merges them). Throws when the bytes are no
 * .xlsx package at all.
 */
export function patchWorkbook(bytes: Uint8Array, writes: readonly CellWrite[]): PatchResult {
  const files = unzipSync(bytes);
  const parts = sheetParts(files);
  const formatOf = numberFormats(files);
  const outcomes: WriteOutcome[] = [];
  const changed = new Map<string, string>();
  for (const w of writes) {
    const part = parts.get(w.sheet);
    const data = part ? files[part] : undefined;
    if (!part || !data) {
      outcomes.push(why(`工作簿中找不到工作表「${w.sheet}」`, `the workbook has no worksheet "${w.sheet}"`));
      continue;
    }
    const xml = changed.get(part) ?? strFromU8(data);
    const cell = findCell(xml, w.cell);
    if (!cell) {
      outcomes.push(why(`工作表中找不到单元格 ${w.cell}`, `the worksheet has no cell ${w.cell}`));
      continue;
    }
    const r = rewrite(cell, w.value, formatOf(cell.style));
    outcomes.push(r.outcome);
    if ('xml' in r) changed.set(part, `${xml.slice(0, cell.start)}${r.xml}${xml.slice(cell.end)}`);
  }
  if (changed.size === 0) return { bytes, outcomes, recalc: false };
  for (const [part, xml] of changed) files[part] = strToU8(xml);
  // formulas that read a corrected cell still hold their old results: Excel/WPS recompute them on opening
  const hasFormulas = [...parts.values()].some((p) => {
    const d = changed.get(p) ?? (files[p] ? strFromU8(files[p]) : '');
    return /<(?:[A-Za-z_][\w.-]*:)?f[\s>/]/.test(d);
  });
  let recalc = false;
  const wb = files['xl/workbook.xml'];
  if (hasFormulas && wb) {
    const next = withRecalc(strFromU8(wb));
    if (next !== null) {
      files['xl/workbook.xml'] = strToU8(next);
      recalc = true;
    }
  }
  return { bytes: zipSync(files, { level: 6 }), outcomes, recalc };
}
