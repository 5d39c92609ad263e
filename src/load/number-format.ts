/**
 * The text a spreadsheet prints for a number under its number format, shared by the .xlsx
 * (exceljs) and .xls/.et (SheetJS) readers so that both give the same printed precision.
 * Browser-safe.
 */
import { Decimal } from 'decimal.js';

/** Decimals and literal suffix of the first section of a number format ("0.00%", "#,##0.00", '0"次"'). */
export function formatNumber(value: number, numFmt: string | undefined): string {
  const fmt = (numFmt ?? 'General').split(';')[0] ?? 'General';
  if (!Number.isFinite(value)) return String(value);
  const plain = fmt.replace(/"[^"]*"/g, '').replace(/\\./g, '').replace(/\[[^\]]*\]/g, '');
  if (/general/i.test(plain) || !/[0#]/.test(plain)) return String(Number(value.toPrecision(15)));
  const decimals = /\.([0#]+)/.exec(plain)?.[1]?.length ?? 0;
  const percent = plain.includes('%');
  const grouping = /[#0],[#0]/.test(plain);
  let d = new Decimal(Number(value.toPrecision(15)));
  if (percent) d = d.times(100);
  let text = d.toFixed(decimals);
  if (grouping) {
    const [int = '', frac] = text.split('.');
    const sign = int.startsWith('-') ? '-' : '';
    const digits = int.replace('-', '').replace(/\B(?=(\d{3})+(?!\d))/g, ',');
    text = `${sign}${digits}${frac !== undefined ? `.${frac}` : ''}`;
  }
  const suffix = [...fmt.matchAll(/"([^"]*)"/g)].map((m) => m[1]).join('');
  return `${text}${percent ? '%' : ''}${suffix}`;
}

