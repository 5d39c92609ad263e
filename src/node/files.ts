/**
 * Node side: turn the user's paths into a sorted list of files to lint.
 *
 * A path may be a file (always linted, whatever its extension), a folder (searched for
 * files of a supported extension, skipping dot-entries, node_modules and jixiao-lint's own
 * config and baseline files) or a glob
 * (`reports/2024/**\/*.yaml`, matched with tinyglobby; only supported extensions are kept).
 * Ignore patterns (`--ignore`, picomatch syntax) drop files and whole folders: a pattern
 * is tried against the path relative to the working directory and relative to the folder
 * or glob base it was found under; a pattern without a slash (`drafts`, `*.bak.yaml`)
 * matches any file or folder of that name, as in .gitignore.
 *
 * The order is stable: the paths in the order given; inside a folder or glob, sorted by
 * path segment (the same order a sorted walk gives). A file found twice is kept once.
 *
 * Symbolic links found in a folder or by a glob are followed only when they point inside the
 * folders given (a link loop is walked once); a link pointing elsewhere, or nowhere, is listed
 * and refused (`discoverAll().refused`), never read. Files named directly are the user's choice
 * and are followed. Whether a file is a regular file is checked when it is opened (./read.ts).
 */
import { existsSync, lstatSync, readdirSync, realpathSync, statSync } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import picomatch from 'picomatch';
import { globSync, isDynamicPattern } from 'tinyglobby';
import { BASELINE_FILE, CONFIG_FILE_NAMES } from '../config/config.js';
import { BilingualError } from '../types.js';
import { extensionOf, supportedExtensions, unsupportedExtensions } from '../load/index.js';
// .doc/.wps through LibreOffice (./soffice.ts) for every Node entry (CLI, workers, Action): loaded with the discovery
import './soffice.js';

/** A mistake in what the user asked for (paths, formats, a baseline or report file): one line, in Chinese and English. */
export class UsageError extends BilingualError {}

/** A path as shown in messages: relative to `cwd` when it lies inside it, else as it is. */
export function displayPath(path: string, cwd: string): string {
  const rel = relative(cwd, path);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : path;
}

export interface DiscoverOptions {
  /** Glob patterns of files or folders to leave out. */
  ignore?: readonly string[];
  /** The folder relative paths and patterns are taken from (default: process.cwd()). */
  cwd?: string;
}

const toPosix = (p: string) => (sep === '/' ? p : p.split(sep).join('/'));

/** Compare two paths segment by segment (the order of a walk that sorts each folder). */
export function comparePaths(a: string, b: string): number {
  const sa = toPosix(a).split('/');
  const sb = toPosix(b).split('/');
  const n = Math.min(sa.length, sb.length);
  for (let i = 0; i < n; i++) {
    const c = (sa[i] as string).localeCompare(sb[i] as string);
    if (c !== 0) return c;
  }
  return sa.length - sb.length;
}

type IgnoreTest = (path: string, root: string) => boolean;

/** A test for ignore patterns: is `path` (found under `root`) or one of its folders ignored? */
export function ignoreMatcher(patterns: readonly string[], cwd: string = process.cwd()): IgnoreTest {
  const cleaned = patterns.map((p) => p.trim().replace(/^\.\//, '').replace(/\/+$/, '')).filter((p) => p !== '');
  if (cleaned.length === 0) return () => false;
  // Patterns without a slash match a file or folder name anywhere; the others match the path.
  const byName = cleaned.filter((p) => !p.includes('/'));
  const byPath = cleaned.filter((p) => p.includes('/'));
  const nameMatch = byName.length ? picomatch(byName, { dot: true }) : () => false;
  const pathMatch = byPath.length ? picomatch(byPath, { dot: true }) : () => false;
  const base = resolve(cwd);
  const keys = (path: string, root: string): string[] => {
    const abs = resolve(base, path);
    const out: string[] = [];
    const fromCwd = relative(base, abs);
    out.push(fromCwd !== '' && !fromCwd.startsWith('..') && !isAbsolute(fromCwd) ? toPosix(fromCwd) : toPosix(abs));
    const fromRoot = relative(resolve(base, root), abs);
    if (fromRoot !== '' && !fromRoot.startsWith('..') && !isAbsolute(fromRoot)) out.push(toPosix(fromRoot));
    return out;
  };
  return (path, root) =>
    keys(path, root).some((key) => {
      const segs = key.split('/');
      // the file itself and every folder above it (within the key)
      for (let i = segs.length; i >= 1; i--) {
        const name = segs[i - 1] as string;
        if (name !== '' && nameMatch(name)) return true;
        const prefix = segs.slice(0, i).join('/');
        if (prefix !== '' && pathMatch(prefix)) return true;
      }
      return false;
    });
}

/** The part of a glob before its first dynamic segment ("reports/2024" of "reports/2024/**\/*.yaml"). */
export function globBase(pattern: string): string {
  const segs = pattern.split('/');
  const fixed: string[] = [];
  for (const s of segs) {
    if (isDynamicPattern(s)) break;
    fixed.push(s);
  }
  const b = fixed.join('/');
  return b === '' ? (pattern.startsWith('/') ? '/' : '.') : b;
}

/** Extensions too generic to pick up when searching a folder (README, licence and notes files):
 * linted when named or matched by a glob (`reports/**\/*.md`). */
const FOLDER_SKIPPED = new Set(['.txt', '.md', '.markdown']);

/** jixiao-lint's own files (config, baseline) are not submissions: found by a search or a
 * glob they are left out; named directly they are linted like any file. */
const OWN_FILES = new Set([...CONFIG_FILE_NAMES, BASELINE_FILE]);
const isOwnFile = (p: string) => OWN_FILES.has(p.split(/[\\/]/).pop() ?? '');

/** Why a file found by a search is not read. */
export type Refused = { kind: 'outside'; target: string } | { kind: 'broken' };

/** Files named directly are always linted (unless ignored); folders are searched for
 * supported extensions; globs are expanded. Throws UsageError for a path that does not
 * exist or a glob that matches nothing. */
export function discover(paths: readonly string[], options: DiscoverOptions = {}): string[] {
  return discoverAll(paths, options).files;
}

function realpathOrNull(p: string): string | null {
  try {
    return realpathSync(p);
  } catch {
    return null;
  }
}

/** `inner` is `outer` or lies below it (both absolute, real paths). */
function isInside(inner: string, outer: string): boolean {
  if (inner === outer) return true;
  const rel = relative(outer, inner);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
}

/** discover(), plus the symbolic links found that are not followed (they are in `files` too, to be reported). */
export function discoverAll(paths: readonly string[], options: DiscoverOptions = {}): { files: string[]; refused: Map<string, Refused> } {
  const cwd = options.cwd ?? process.cwd();
  const refused = new Map<string, Refused>();
  // The folders given (and the bases of globs), as real paths: links are followed inside them only.
  const roots: string[] = [];
  for (const p of paths) {
    const abs = resolve(cwd, existsSync(resolve(cwd, p)) || !isDynamicPattern(p) ? p : globBase(toPosix(p)));
    const real = realpathOrNull(abs);
    if (real !== null && statSync(real, { throwIfNoEntry: false })?.isDirectory()) roots.push(real);
  }
  const insideRoots = (real: string) => roots.some((r) => isInside(real, r));
  /** Where a link leads, when it may be followed; otherwise it is recorded as refused. */
  const follow = (p: string): { real: string; dir: boolean } | null => {
    const real = realpathOrNull(resolve(cwd, p));
    const st = real === null ? undefined : statSync(real, { throwIfNoEntry: false });
    if (real === null || st === undefined) {
      refused.set(p, { kind: 'broken' });
      return null;
    }
    if (!insideRoots(real)) {
      refused.set(p, { kind: 'outside', target: real });
      return null;
    }
    return { real, dir: st.isDirectory() };
  };
  const walked = new Set<string>();
  const exts = new Set(supportedExtensions());
  // A folder may hold README.txt or LICENSE.txt: folders are searched for every supported
  // extension but .txt, which is linted only when named directly or matched by a glob.
  // Files in formats that cannot be read (.doc, .xls, .pdf …) are found too, so that each one is
  // named with what to do (rule unsupported-file) instead of being skipped silently.
  const folderExts = new Set([...exts, ...unsupportedExtensions()].filter((e) => !FOLDER_SKIPPED.has(e)));
  const unsupported = new Set(unsupportedExtensions());
  const ignored = ignoreMatcher(options.ignore ?? [], cwd);
  const out: string[] = [];
  const seen = new Set<string>();
  const add = (p: string) => {
    const key = resolve(cwd, p);
    if (seen.has(key)) return;
    seen.add(key);
    out.push(p);
  };
  const walk = (dir: string, root: string) => {
    // a folder reached twice (through a link, or a link loop) is walked once
    const real = realpathOrNull(resolve(cwd, dir));
    if (real === null || walked.has(real)) return;
    walked.add(real);
    for (const entry of readdirSync(resolve(cwd, dir), { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      // Excel/WPS lock files (~$报表.xlsx) are not documents.
      if (entry.name.startsWith('.') || entry.name.startsWith('~$') || entry.name === 'node_modules') continue;
      const p = join(dir, entry.name);
      if (entry.isSymbolicLink()) {
        if (ignored(p, root)) continue;
        const isDocument = folderExts.has(extensionOf(entry.name)) && !OWN_FILES.has(entry.name);
        const target = follow(p);
        if (target === null) {
          // a link to a folder elsewhere is not searched; a link that looks like a document is reported
          const kept = refused.get(p);
          if (isDocument) add(p);
          else if (kept) refused.delete(p);
        } else if (target.dir) walk(p, root);
        else if (isDocument) add(p);
      } else if (entry.isDirectory()) {
        if (!ignored(p, root)) walk(p, root);
      } else if (folderExts.has(extensionOf(entry.name)) && !OWN_FILES.has(entry.name) && !ignored(p, root)) {
        // regular files, and FIFOs or devices with a document's name (refused when opened)
        add(p);
      }
    }
  };
  for (const p of paths) {
    if (!existsSync(resolve(cwd, p)) && isDynamicPattern(p)) {
      const pattern = toPosix(p);
      const matches = globSync(pattern, { cwd, onlyFiles: true, expandDirectories: false, absolute: isAbsolute(p), dot: false })
        .filter((f) => !f.split('/').includes('node_modules'))
        .sort(comparePaths);
      if (matches.length === 0) throw new UsageError(`没有与 ${p} 匹配的文件`, `no files match ${p}`);
      const root = globBase(pattern);
      for (const f of matches) {
        const name = f.split('/').pop() ?? '';
        if ((exts.has(extensionOf(f)) || unsupported.has(extensionOf(f))) && !name.startsWith('~$') && !isOwnFile(f) && !ignored(f, root)) {
          // a link (or a path through a linked folder) leading out of the glob's base is refused
          const real = realpathOrNull(resolve(cwd, f));
          if (real === null) refused.set(f, { kind: 'broken' });
          else if (!insideRoots(real)) refused.set(f, { kind: 'outside', target: real });
          add(f);
        }
      }
      continue;
    }
    let st;
    try {
      st = statSync(resolve(cwd, p));
    } catch {
      throw new UsageError(`找不到文件或文件夹：${p}`, `no such file or directory: ${p}`);
    }
    if (st.isDirectory()) {
      if (!ignored(p, p)) walk(p, p);
    } else if (!ignored(p, '.')) add(p);
  }
  // a refused link found twice under another name is reported once, where it is listed
  for (const p of [...refused.keys()]) if (!out.includes(p)) refused.delete(p);
  return { files: out, refused };
}
