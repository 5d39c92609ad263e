/**
 * Recomputed values shown at the precision the form prints: a score printed "7.89" makes a
 * recomputed 7.893333… read 「应为 7.89 分」, not 7.8933; a rate printed "99.98%" makes a
 * recomputed rate read with two decimals of a percent. The precision is that of the printed
 * cell(s) the value is compared with (Cell.half: half a unit of the last printed digit).
 * Browser-safe.
 *
 * Meant for message templates (src/check/template.ts): a filter `{expected|as:item.score}`
 * rendering `expected` like the printed `item.score` would call asPrinted(value, like).
 */
import { Decimal } from 'decimal.js';
import { Cell } from './value.js';

/** Is the cell shown as a percentage (99.98%, or a bare 94 read as 94%)? */
function shownAsPercent(cell: Cell): boolean {
  return (cell.kind === 'rate' || cell.kind === 'coefficient') && (cell.percent || cell.assumedPercent);
}

/** Digits after the decimal point as printed ("7.89" → 2, "8" → 0, "99.98%" → 2); null when the cell holds no number. */
export function printedDecimals(cell: Cell): number | null {
  if (cell.half === null || cell.value === null) return null;
  // half = 5 × 10^-(d+1) in the cell's units; a percentage's units are fractions (÷ 100)
  const half = shownAsPercent(cell) ? cell.half.times(100) : cell.half;
  const d = half.times(2).log(10).neg().round().toNumber();
  return Number.isFinite(d) && d > 0 ? d : 0;
}

/**
 * `value` written with as many decimals as the most precise of the printed cells `like`
 * (at least `minDecimals`), rounded half up; a percentage when the first cell is one.
 * Without a printed number to follow, up to 4 decimals with trailing zeros dropped.
 */
export function atPrintedPrecision(value: Decimal, like: readonly Cell[], minDecimals = 0): string {
  const places = like.map(printedDecimals).filter((d): d is number => d !== null);
  const percent = like[0] !== undefined && shownAsPercent(like[0]);
  const shown = percent ? value.times(100) : value;
  const text = places.length === 0 ? shown.toDecimalPlaces(4).toFixed() : shown.toFixed(Math.max(minDecimals, ...places), Decimal.ROUND_HALF_UP);
  return percent ? `${text}%` : text;
}

/**
 * For a template filter: `value` (a Decimal, a Cell or a number) at the printed precision of
 * `like` (a Cell); undefined when either is not a number, so that the caller falls back to
 * its usual formatting.
 */
export function asPrinted(value: unknown, like: unknown): string | undefined {
  const d = value instanceof Decimal ? value : value instanceof Cell ? value.value : typeof value === 'number' && Number.isFinite(value) ? new Decimal(value) : null;
  if (d === null || !(like instanceof Cell) || printedDecimals(like) === null) return undefined;
  return atPrintedPrecision(d, [like]);
}
