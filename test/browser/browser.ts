/**
 * Chromium for the browser suite: Debian's chromium (never a downloaded browser), headless,
 * a fresh profile, and every request routed: anything but the page's own file:// URL fails the test.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const ROOT = resolve(import.meta.dirname, '../..');
export const ARTIFACTS = join(ROOT, 'test/browser/artifacts');
/** The page under test: the committed build, or JIXIAO_WEB_FILE. */
export const PAGE_FILE = resolve(process.env.JIXIAO_WEB_FILE ?? join(ROOT, 'dist/jixiao-lint.html'));
export const PAGE_URL = pathToFileURL(PAGE_FILE).href;

export function chromiumPath(): string {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  if (existsSync('/usr/bin/chromium')) return '/usr/bin/chromium';
  return execFileSync('which', ['chromium'], { encoding: 'utf8' }).trim();
}

export interface Session {
  context: BrowserContext;
  page: Page;
  /** Every request the page made, allowed or not. */
  requests: string[];
  /** Requests that were refused (anything but the page itself, blob: and data:). */
  refused: string[];
  errors: string[];
  /** Content-Security-Policy violations reported at the page's document (the page forwards its worker's). */
  violations: string[];
  close(): Promise<void>;
}

export async function open(viewport = { width: 1280, height: 900 }): Promise<Session> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const context = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'jixiao-chromium-')), {
    executablePath: chromiumPath(),
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    viewport,
    acceptDownloads: true,
  });
  const requests: string[] = [];
  const refused: string[] = [];
  const errors: string[] = [];
  const violations: string[] = [];
  // Every tab of the context reports its CSP violations here, from before the page's own script runs.
  await context.exposeBinding('__jixiaoCspViolation', (_source, text: string) => {
    violations.push(text);
  });
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      const report = (window as unknown as { __jixiaoCspViolation(text: string): void }).__jixiaoCspViolation;
      report(`${e.effectiveDirective} blocked ${e.blockedURI}${e.sample ? ` (${e.sample})` : ''}`);
    });
  });
  await context.route('**/*', async (route) => {
    const url = route.request().url();
    requests.push(url);
    if (url === PAGE_URL || url.startsWith('blob:') || url.startsWith('data:')) return route.continue();
    refused.push(url);
    return route.abort('blockedbyclient');
  });
  context.on('requestfailed', (r) => {
    const url = r.url();
    if (!refused.includes(url) && url !== PAGE_URL && !url.startsWith('blob:') && !url.startsWith('data:')) refused.push(url);
  });
  const page = await pageOf(context, errors, context.pages()[0]);
  return { context, page, requests, refused, errors, violations, close: () => context.close() };
}

/** Open the page (in a new tab unless one is given) and wait until its worker is ready. */
export async function pageOf(context: BrowserContext, errors: string[], given?: Page): Promise<Page> {
  const page = given ?? (await context.newPage());
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  await page.goto(PAGE_URL);
  await page.waitForFunction(() => !(document.getElementById('pick') as HTMLButtonElement).disabled, null, { timeout: 30_000 });
  return page;
}

/** The number of the page's last lint run (0 before any). */
export async function lastRun(page: Page): Promise<number> {
  return Number((await page.locator('#results').getAttribute('data-run')) ?? 0);
}

/** Do `action` (an upload, a language switch, a config file) and wait until the lint run it starts has finished. */
export async function linted(page: Page, action: () => Promise<unknown>): Promise<void> {
  const before = await lastRun(page);
  await action();
  await page.waitForFunction(
    (prev) => {
      const r = document.getElementById('results')!;
      return Number(r.dataset.run ?? 0) > prev && r.dataset.done === r.dataset.run;
    },
    before,
    { timeout: 60_000 },
  );
}

export interface ShownFinding {
  rule: string;
  severity: string;
  place: string;
  message: string;
  target: string | null;
  pointer: string;
}

/** The findings shown for the file at `index` (in order of the file list). */
export function shownFindings(page: Page, index: number): Promise<ShownFinding[]> {
  return page.$$eval(`#file-${index} li.finding`, (els) =>
    els.map((e) => {
      const el = e as HTMLElement;
      return {
        rule: el.dataset.rule ?? '',
        severity: el.dataset.severity ?? '',
        place: el.dataset.place ?? '',
        message: (el.querySelector('.finding-link, .finding-text')?.textContent ?? '').trim(),
        target: el.dataset.target ?? null,
        pointer: el.dataset.pointer ?? '',
      };
    }),
  );
}
