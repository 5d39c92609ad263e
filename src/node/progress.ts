/**
 * A progress bar on stderr for long batch runs:
 *
 *   [##########----------]  512/4000  12%  38 files/s  reports/2024/区县/某单位.yaml
 *
 * Shown only when stderr is a terminal, the run is not in CI (CI or GITHUB_ACTIONS set) and
 * the run is long: more than `minFiles` files (default 50) or still running after
 * `minMillis` (default 2 s). Redrawn at most every `intervalMs` (default 100 ms); the line
 * is erased at the end so that the report starts on a clean line. Nothing is ever written
 * otherwise.
 */
import { charWidth, displayWidth } from '../report/width.js';

export interface ProgressOptions {
  write: (s: string) => void;
  isTTY: boolean;
  env?: Record<string, string | undefined>;
  /** Terminal width (default 80). */
  columns?: number;
  minFiles?: number;
  minMillis?: number;
  intervalMs?: number;
  now?: () => number;
}

export interface Progress {
  /** Report that `done` of `total` files are finished (`file` the last one). */
  update(done: number, total: number, file: string): void;
  /** Erase the bar (if it was drawn). */
  finish(): void;
}

const NOOP: Progress = { update: () => {}, finish: () => {} };

/** Keep the end of `s` (the file name matters more than the folders) within `width` columns. */
export function truncateStart(s: string, width: number): string {
  if (displayWidth(s) <= width) return s;
  if (width <= 1) return '';
  const chars = [...s];
  let w = 1;
  let i = chars.length;
  while (i > 0) {
    const cw = charWidth(chars[i - 1]!.codePointAt(0) ?? 0);
    if (w + cw > width) break;
    w += cw;
    i--;
  }
  return `…${chars.slice(i).join('')}`;
}

export function createProgress(opts: ProgressOptions): Progress {
  const env = opts.env ?? {};
  if (!opts.isTTY || env.CI || env.GITHUB_ACTIONS || env.TERM === 'dumb') return NOOP;
  const now = opts.now ?? Date.now;
  const minFiles = opts.minFiles ?? 50;
  const minMillis = opts.minMillis ?? 2000;
  const interval = opts.intervalMs ?? 100;
  const columns = Math.max(40, opts.columns ?? 80);
  const start = now();
  let lastDraw = -Infinity;
  let drawn = false;

  const render = (done: number, total: number, file: string): string => {
    const barWidth = 20;
    const filled = total > 0 ? Math.round((done / total) * barWidth) : 0;
    const bar = `[${'#'.repeat(filled)}${'-'.repeat(barWidth - filled)}]`;
    const pct = total > 0 ? Math.floor((done / total) * 100) : 0;
    const secs = (now() - start) / 1000;
    const rate = secs > 0 ? `  ${Math.round(done / secs)} files/s` : '';
    const count = `${String(done).padStart(String(total).length)}/${total}`;
    const head = `${bar} ${count} ${String(pct).padStart(3)}%${rate}  `;
    const room = columns - 1 - displayWidth(head);
    return head + truncateStart(file, room);
  };

  return {
    update(done, total, file) {
      const t = now();
      if (!drawn && total <= minFiles && t - start < minMillis) return;
      if (done < total && t - lastDraw < interval) return;
      lastDraw = t;
      drawn = true;
      opts.write(`\r\x1b[2K${render(done, total, file)}`);
    },
    finish() {
      if (drawn) opts.write('\r\x1b[2K');
      drawn = false;
    },
  };
}
