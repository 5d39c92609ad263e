/**
 * Reading files from disk, for everything a run reads (submissions, config and what it extends,
 * baselines, rule files): every input is untrusted.
 *
 * - Only regular files are read. A FIFO, a device (/dev/zero), a socket or a folder is refused
 *   without blocking: the file is opened non-blocking and checked with fstat on the open handle
 *   (no race between a check and the read).
 * - Never more than a size limit is read: the size is checked before reading, and the read
 *   stops one byte past the limit (a file that grows while being read).
 * - Every file read is recorded (device + inode, and its path) in the run's ReadLog, so that an
 *   output file can never overwrite an input (src/node/output.ts).
 */
import { closeSync, constants, fstatSync, openSync, readSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { DEFAULT_LIMITS } from '../load/limits.js';

/** The default size limit of one submission file (the loaders' DEFAULT_LIMITS.maxFileBytes). */
export const DEFAULT_MAX_FILE_BYTES = DEFAULT_LIMITS.maxFileBytes;
/** The size limit of a config or rule file: far above any real one. */
export const MAX_SETTINGS_FILE_BYTES = 4 * 1024 * 1024;
/** The size limit of a baseline file (about 40,000 suppressions). */
export const MAX_BASELINE_BYTES = 8 * 1024 * 1024;

/** Why a file was not read. */
export type ReadRefusal =
  | { kind: 'not-regular'; what: Special }
  | { kind: 'too-big'; size: number; limit: number }
  | { kind: 'io'; code: string };

export class ReadError extends Error {
  constructor(
    readonly path: string,
    readonly refusal: ReadRefusal,
  ) {
    super(`${path}: ${refusalText(refusal, 'zh')}`);
  }
}

const MB = 1024 * 1024;
const mb = (n: number) => `${(n / MB).toFixed(n < 10 * MB ? 1 : 0)} MB`;

type Special = 'folder' | 'fifo' | 'device' | 'socket' | 'special';

/** What kind of thing a non-regular file is. */
function kindOf(st: { isDirectory(): boolean; isFIFO(): boolean; isCharacterDevice(): boolean; isBlockDevice(): boolean; isSocket(): boolean }): Special {
  if (st.isDirectory()) return 'folder';
  if (st.isFIFO()) return 'fifo';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'device';
  if (st.isSocket()) return 'socket';
  return 'special';
}

const SPECIAL_WORDS: Record<Special, { zh: string; en: string }> = {
  folder: { zh: '文件夹', en: 'a folder' },
  fifo: { zh: '命名管道（FIFO）', en: 'a named pipe (FIFO)' },
  device: { zh: '设备文件', en: 'a device' },
  socket: { zh: '套接字', en: 'a socket' },
  special: { zh: '特殊文件', en: 'a special file' },
};

/** What the usual error codes of opening a file mean, in words (the code kept for a search). */
const IO_WORDS: Readonly<Record<string, { zh: string; en: string }>> = {
  ENOENT: { zh: '文件不存在', en: 'no such file' },
  EACCES: { zh: '没有读取权限', en: 'permission denied' },
  EPERM: { zh: '没有读取权限', en: 'permission denied' },
  EISDIR: { zh: '这是文件夹，不是文件', en: 'a folder, not a file' },
  EMFILE: { zh: '同时打开的文件过多', en: 'too many open files' },
  EBUSY: { zh: '文件正被占用', en: 'the file is busy' },
};

/** An I/O error code in words: 「文件不存在（ENOENT）」. */
export function ioText(code: string, lang: 'zh' | 'en'): string {
  const words = Object.hasOwn(IO_WORDS, code) ? (IO_WORDS[code] as { zh: string; en: string })[lang] : undefined;
  return words ? (lang === 'zh' ? `${words}（${code}）` : `${words} (${code})`) : code;
}

/** The refusal in one line. */
export function refusalText(r: ReadRefusal, lang: 'zh' | 'en'): string {
  const zh = lang === 'zh';
  switch (r.kind) {
    case 'not-regular':
      return zh ? `不是普通文件（是${SPECIAL_WORDS[r.what].zh}），未读取` : `not a regular file (${SPECIAL_WORDS[r.what].en}); not read`;
    case 'too-big':
      return zh
        ? `文件大小 ${mb(r.size)}，超过上限 ${mb(r.limit)}（可用 --max-file-size 调整），未读取`
        : `the file is ${mb(r.size)}, over the limit of ${mb(r.limit)} (--max-file-size changes it); not read`;
    case 'io':
      return zh ? `无法读取：${ioText(r.code, 'zh')}` : `cannot be read: ${ioText(r.code, 'en')}`;
  }
}

/** One file read in a run. */
export interface ReadRecord {
  path: string;
  dev: number;
  ino: number;
}

/**
 * The files read in one run (inputs, config files, baselines, rule files). Outputs are checked
 * against it. One log per process run: `ReadLog.current` is replaced by `ReadLog.begin()` at the
 * start of each CLI run or Action run.
 */
export class ReadLog {
  private static active = new ReadLog();
  static get current(): ReadLog {
    return ReadLog.active;
  }
  static begin(): ReadLog {
    ReadLog.active = new ReadLog();
    return ReadLog.active;
  }

  /** Device → inode → the path as given (resolved when asked for): a batch reads every file once,
   * so this holds a number and a shared string per file, not a record (issue 15: memory flat). */
  private readonly byId = new Map<number, Map<number, string>>();

  add(path: string, st: { dev: number; ino: number }): void {
    let inodes = this.byId.get(st.dev);
    if (!inodes) this.byId.set(st.dev, (inodes = new Map()));
    if (!inodes.has(st.ino)) inodes.set(st.ino, path);
  }

  /** The file read in this run that is the same file (device and inode) as `st`, if any. */
  same(st: { dev: number; ino: number }): ReadRecord | undefined {
    const path = this.byId.get(st.dev)?.get(st.ino);
    return path === undefined ? undefined : { path: resolve(path), dev: st.dev, ino: st.ino };
  }

  /** Record a file read elsewhere (by a library) by its path; missing files are ignored. */
  addPath(path: string): void {
    try {
      this.add(path, statSync(path));
    } catch {
      /* not there: nothing to protect */
    }
  }

  get records(): ReadRecord[] {
    return [...this.byId].flatMap(([dev, inodes]) => [...inodes].map(([ino, path]) => ({ path: resolve(path), dev, ino })));
  }
}

const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

function ioCode(e: unknown): string {
  const code = (e as NodeJS.ErrnoException | null)?.code;
  return typeof code === 'string' ? code : 'EIO';
}

/**
 * Read a whole regular file of at most `limit` bytes, recording it in the ReadLog. Synchronous:
 * a file in the page cache is read in a few microseconds, while open/stat/read/close through
 * promises cost about 40 µs of CPU per file (issue 15). A non-blocking open and the fstat check
 * refuse a FIFO or device before any read.
 */
export function readRegularFileSync(path: string, limit: number, log: ReadLog = ReadLog.current): Uint8Array | ReadRefusal {
  let fd: number;
  try {
    fd = openSync(path, OPEN_FLAGS);
  } catch (e) {
    return { kind: 'io', code: ioCode(e) };
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) return { kind: 'not-regular', what: kindOf(st) };
    log.add(path, st);
    if (st.size > limit) return { kind: 'too-big', size: st.size, limit };
    // Read to the end, but never past limit + 1 bytes (sized to the file: no 64 KB per small file).
    let buf = new Uint8Array(Math.min(limit + 1, st.size > 0 ? st.size + 1 : 64 * 1024));
    let length = 0;
    for (;;) {
      if (length === buf.length) {
        if (buf.length > limit) break;
        const bigger = new Uint8Array(Math.min(limit + 1, buf.length * 2));
        bigger.set(buf);
        buf = bigger;
      }
      const bytesRead = readSync(fd, buf, length, buf.length - length, null);
      if (bytesRead === 0) break;
      length += bytesRead;
    }
    if (length > limit) return { kind: 'too-big', size: length, limit };
    return length === buf.length ? buf : buf.subarray(0, length);
  } catch (e) {
    return { kind: 'io', code: ioCode(e) };
  } finally {
    try {
      closeSync(fd);
    } catch {
      /* closing a file read to the end: nothing to report */
    }
  }
}

/** Read a whole regular text file (UTF-8, a BOM kept) of at most `limit` bytes, or throw a ReadError. */
export function readRegularTextSync(path: string, limit: number = MAX_SETTINGS_FILE_BYTES, log: ReadLog = ReadLog.current): string {
  const bytes = readRegularFileSync(path, limit, log);
  if (!(bytes instanceof Uint8Array)) throw new ReadError(path, bytes);
  return new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
}
