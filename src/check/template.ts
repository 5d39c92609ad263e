/**
 * Message templates: "执行率填报为 {item.rate}，应为 {computed|pct}".
 * A placeholder is a dotted path into the rule's data, optionally with a filter:
 *   pct[:n]   a fraction as a percentage (default 2 decimals): 0.78123 → 78.12%
 *   fixed:n   n decimals
 *   range     a sum of printed figures in words: 「约 110（按填报的位数，可能在 105 至 115 之间）」,
 *             or just the sum when nothing was rounded (`range:<path>`: the figure it is compared with;
 *             the span is left out when that figure misses the sum by more than the span)
 *   mid       a sum of printed figures, exactly (the middle of its interval): the suggested value
 * Cells print as they were printed; {zh, en} objects print in the chosen language.
 */
import { Decimal } from 'decimal.js';
import { Cell } from '../normalize/value.js';
import type { Lang } from '../types.js';
import { interval, isInterval, middle, num, sumInWords } from './ops/decimal.js';

export function lookup(data: unknown, path: string): unknown {
  let cur: unknown = data;
  for (const key of path.split('.')) {
    if (cur === null || cur === undefined) return undefined;
    cur = (cur as Record<string, unknown>)[key];
  }
  return cur;
}

function plain(d: Decimal, places?: number): string {
  return places === undefined ? d.toDecimalPlaces(4).toFixed() : d.toFixed(places, Decimal.ROUND_HALF_UP);
}

export function formatValue(value: unknown, lang: Lang, filter?: string, against?: unknown): string {
  const [name, arg] = (filter ?? '').split(':');
  const places = arg === undefined || arg === '' ? undefined : Number(arg);
  if (name === 'range') {
    const i = interval(value);
    return i ? sumInWords(i, lang, against) : '?';
  }
  if (name === 'mid') {
    const i = interval(value);
    return i ? middle(i).toFixed() : '?';
  }
  if (name === 'pct' || name === 'fixed') {
    const d = num(value);
    if (d === null) return formatValue(value, lang);
    return name === 'pct' ? `${plain(d.times(100), places ?? 2)}%` : plain(d, places);
  }
  if (value instanceof Cell) return value.blank && value.text === '' ? (lang === 'zh' ? '（空）' : '(blank)') : value.text;
  if (value instanceof Decimal) return plain(value);
  if (isInterval(value)) return `[${value.lo.toFixed()}, ${value.hi.toFixed()})`;
  if (value === null || value === undefined) return '';
  if (typeof value === 'symbol') return '?'; // an undecided test (UNKNOWN)
  if (isLocalized(value)) return value[lang];
  return String(value);
}

function isLocalized(v: unknown): v is Record<Lang, string> {
  return typeof v === 'object' && v !== null && typeof (v as Record<string, unknown>).zh === 'string' && typeof (v as Record<string, unknown>).en === 'string';
}

/** Fill a template. A placeholder whose value is a {zh, en} pair is itself rendered (one level deep). */
export function render(template: string, data: unknown, lang: Lang, depth = 0): string {
  return template.replace(/\{([A-Za-z_][\w.]*)(?:\|([a-z]+(?::\d*)?))?\}/g, (_m, path: string, filter?: string) => {
    const value = lookup(data, path);
    if (isLocalized(value)) return depth < 2 ? render(value[lang], data, lang, depth + 1) : value[lang];
    return formatValue(value, lang, filter);
  });
}
