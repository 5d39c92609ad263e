/**
 * Small helpers shared by the formatters: stable hashing, repo-relative paths, the place
 * of a finding, ordering by severity. Browser-safe: pure functions of their arguments.
 */
import type { Finding, Severity, SubmissionResult } from '../types.js';

const FNV128_OFFSET = 0x6c62272e07bb014262b821756295c58dn;
const FNV128_PRIME = 0x0000000001000000000000000000013bn;
const MASK128 = (1n << 128n) - 1n;

/** FNV-1a (128-bit) of the UTF-8 bytes of `text`, as 32 lowercase hex digits. Not a
 * cryptographic hash: it only has to be stable between runs and machines. */
export function fnv1a128(text: string): string {
  let h = FNV128_OFFSET;
  for (const byte of new TextEncoder().encode(text)) {
    h ^= BigInt(byte);
    h = (h * FNV128_PRIME) & MASK128;
  }
  return h.toString(16).padStart(32, '0');
}

const WINDOWS_ABSOLUTE = /^[A-Za-z]:\//;

function isAbsolute(p: string): boolean {
  return p.startsWith('/') || WINDOWS_ABSOLUTE.test(p);
}

/** Resolve '.' and '..' segments of a forward-slash path (leading '..' of a relative path stay). */
function normalizeSegments(p: string): string {
  const abs = isAbsolute(p);
  const out: string[] = [];
  for (const seg of p.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..' && out.length > 0 && out[out.length - 1] !== '..') {
      out.pop();
      continue;
    }
    if (seg === '..' && abs) continue;
    out.push(seg);
  }
  const joined = out.join('/');
  return p.startsWith('/') ? `/${joined}` : joined;
}

/**
 * The path of `file` relative to `root`, with forward slashes ("reports/2024/a.yaml").
 * A relative `file` is taken relative to `root`. A file outside `root` keeps its absolute
 * form. Without `root`, the path is only normalized.
 */
export function relativePath(file: string, root?: string): string {
  const f = file.replace(/\\/g, '/');
  if (root === undefined || root === '') return normalizeSegments(f) || '.';
  const r = normalizeSegments(root.replace(/\\/g, '/'));
  const abs = normalizeSegments(isAbsolute(f) ? f : `${r}/${f}`);
  const prefix = r.endsWith('/') ? r : `${r}/`;
  if (abs.startsWith(prefix)) return abs.slice(prefix.length);
  if (abs === r) return '.';
  return abs;
}

/** A URI reference for a path from `relativePath`: segments percent-encoded as UTF-8
 * (RFC 3986), absolute paths as file:// URIs. */
export function pathToUri(path: string): string {
  const enc = (seg: string) => encodeURIComponent(seg).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  if (WINDOWS_ABSOLUTE.test(path)) {
    return `file:///${path.slice(0, 2)}/${path.slice(3).split('/').map(enc).join('/')}`;
  }
  const encoded = path.split('/').map(enc).join('/');
  return path.startsWith('/') ? `file://${encoded}` : encoded;
}

export const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** Findings ordered errors first, then warnings, then infos; stable within a severity. */
export function bySeverity(findings: readonly Finding[]): Finding[] {
  return findings
    .map((f, i) => ({ f, i }))
    .sort((a, b) => SEVERITY_RANK[a.f.severity] - SEVERITY_RANK[b.f.severity] || a.i - b.i)
    .map(({ f }) => f);
}

export function countBySeverity(findings: readonly Finding[]): Record<Severity, number> {
  const c: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const f of findings) c[f.severity]++;
  return c;
}

/** The line a tool that only knows lines should point at: the line of a JSON/YAML value,
 * the row of delimited text, 1 for a spreadsheet cell or an unknown place. */
export function lineOf(f: Finding): number {
  return f.location.line ?? f.location.row ?? 1;
}

/** "自评表!K12" for a spreadsheet cell (or a table cell of a document), "¶4" for a paragraph, otherwise undefined. */
export function cellOf(f: Finding): string | undefined {
  const l = f.location;
  if (l.paragraph !== undefined && l.sheet === undefined) return `¶${l.paragraph}`;
  if (l.sheet === undefined && l.cell === undefined) return undefined;
  return `${l.sheet ?? ''}!${l.cell ?? ''}`;
}

/** A label for one submission: the file, plus "#2" or "[Sheet]" when the file holds several. */
export function submissionLabel(r: SubmissionResult, path: string = r.file): string {
  if (!r.document) return path;
  return r.document.sheet !== undefined ? `${path} [${r.document.sheet}]` : `${path} #${r.document.index + 1}`;
}

/** Identifies one finding across runs: rule, file, document and pointer (not the message,
 * not the line, so edits elsewhere in the file keep it). */
export function fingerprintKey(path: string, r: SubmissionResult, f: Finding): string {
  return [f.ruleId, path, r.document ? String(r.document.index) : '', f.location.pointer].join('\u0000');
}

/**
 * Fingerprints of every finding of every result, in order. Identical keys (one rule firing
 * twice at one pointer) get an occurrence suffix so that each stays distinct.
 */
export function fingerprints(
  results: readonly SubmissionResult[],
  pathOf: (r: SubmissionResult) => string,
  hash: (s: string) => string,
): string[][] {
  const seen = new Map<string, number>();
  return results.map((r) =>
    r.findings.map((f) => {
      const h = hash(fingerprintKey(pathOf(r), r, f));
      const n = (seen.get(h) ?? 0) + 1;
      seen.set(h, n);
      return n === 1 ? h : `${h}:${n}`;
    }),
  );
}
