/**
 * Legacy Word (.doc) and WPS Writer (.wps) in the command line: no maintained JavaScript reader
 * keeps their tables (word-extractor gives the text of a .doc with its cell and row marks turned
 * into tabs and new lines: no merged cells, no empty-cell positions), so when LibreOffice is
 * installed the file is converted to .docx by `soffice --headless --convert-to docx` — in a
 * temporary folder with a profile of its own (several files convert at once), with a time limit
 * — and read by the .docx reader (src/load/docx.ts): tables with their merges, the paragraphs
 * between them; places are those of the converted document (表2!C5, ¶3).
 *
 * Without LibreOffice the file is one `unsupported-file` finding that says what to install or
 * how to re-save it: never a silent skip. A .doc that is really a .docx, a web page or RTF (Word
 * saves all three under that name) is read by the reader of what it is.
 *
 * Node only: registered with registerLoader when src/node/files.ts is loaded, so the page and
 * the browser-safe core never see it.
 */
import { spawn } from 'node:child_process';
import { accessSync, constants, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { LoadResult } from '../types.js';
import { readingOf, registerLoader, type LoadOptions } from '../load/index.js';
import { problem } from '../load/problem.js';

/** Seconds one conversion may take (LibreOffice starts in 2–5 s; a form converts in under a second). */
export const SOFFICE_TIMEOUT_MS = 60_000;

const NAMES = ['soffice', 'libreoffice'];
const DIRS = ['/usr/bin', '/usr/local/bin', '/opt/libreoffice/program', '/Applications/LibreOffice.app/Contents/MacOS', 'C:\\Program Files\\LibreOffice\\program'];

let found: string | null | undefined;

/** The LibreOffice program: $JIXIAO_SOFFICE, else soffice/libreoffice on the PATH or in the usual folders; null when none. */
export function findSoffice(env: NodeJS.ProcessEnv = process.env): string | null {
  if (env.JIXIAO_SOFFICE !== undefined) return env.JIXIAO_SOFFICE === '' ? null : env.JIXIAO_SOFFICE;
  if (found !== undefined) return found;
  const dirs = [...(env.PATH ?? '').split(delimiter).filter(Boolean), ...DIRS];
  const exts = process.platform === 'win32' ? ['.exe', '.com'] : [''];
  found = null;
  for (const dir of dirs) {
    for (const name of NAMES) {
      for (const ext of exts) {
        const path = join(dir, name + ext);
        try {
          accessSync(path, constants.X_OK);
          found = path;
          return found;
        } catch {
          // not there
        }
      }
    }
  }
  return found;
}

const FORMAT = {
  '.doc': { zh: '旧版 Word（.doc）', en: 'legacy Word (.doc)' },
  '.wps': { zh: 'WPS 文字（.wps）', en: 'WPS Writer (.wps)' },
} as const;

function unsupported(ext: '.doc' | '.wps', advice: { zh: string; en: string }): LoadResult {
  return { documents: [], problems: [{ ruleId: 'unsupported-file', args: { format: FORMAT[ext], advice }, location: { pointer: '' } }] };
}

const NO_SOFFICE = {
  zh: '读取此格式需要安装 LibreOffice（如 apt-get install libreoffice-writer-nogui，或设置 JIXIAO_SOFFICE 指向 soffice）；也可用 Word 或 WPS 另存为 .docx 后再检查。',
  en: 'reading this format needs LibreOffice (e.g. apt-get install libreoffice-writer-nogui, or JIXIAO_SOFFICE pointing at soffice); or save it as .docx in Word or WPS and check it again.',
};

/** What a file named .doc/.wps holds, from its first bytes. */
function sniff(bytes: Uint8Array): 'cfb' | 'zip' | 'rtf' | 'html' | 'unknown' {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 512));
  if (head.startsWith('\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1')) return 'cfb';
  if (head.startsWith('PK\x03\x04')) return 'zip';
  if (head.startsWith('{\\rtf')) return 'rtf';
  if (/^(\xef\xbb\xbf)?\s*<(!doctype html|html|\?xml|meta|head|body)/i.test(head)) return 'html';
  return 'unknown';
}

/** Run soffice on `input`, writing <outdir>/<name>.docx; resolves with the exit code, or 'timeout'. */
function run(soffice: string, dir: string, input: string, timeoutMs: number): Promise<number | 'timeout' | 'failed'> {
  return new Promise((resolve) => {
    const args = [`-env:UserInstallation=${pathToFileURL(join(dir, 'profile')).href}`, '--headless', '--invisible', '--norestore', '--nolockcheck', '--nodefault', '--nologo', '--convert-to', 'docx', '--outdir', join(dir, 'out'), input];
    let child;
    try {
      child = spawn(soffice, args, { stdio: 'ignore', env: { ...process.env, HOME: dir, SAL_USE_VCLPLUGIN: 'svp' } });
    } catch {
      resolve('failed');
      return;
    }
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      resolve('timeout');
    }, timeoutMs);
    child.on('error', () => {
      clearTimeout(timer);
      resolve('failed');
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve(code ?? 1);
    });
  });
}

/** Convert a Word 97-2003 / WPS / RTF file to .docx with LibreOffice; the .docx bytes, or why not. */
export async function convertToDocx(bytes: Uint8Array, kind: 'doc' | 'rtf', options: { soffice?: string | null; timeoutMs?: number } = {}): Promise<Uint8Array | 'missing' | 'timeout' | 'failed'> {
  const soffice = options.soffice === undefined ? findSoffice() : options.soffice;
  if (!soffice) return 'missing';
  const dir = mkdtempSync(join(tmpdir(), 'jixiao-soffice-'));
  try {
    const input = join(dir, `in.${kind}`);
    writeFileSync(input, bytes);
    const code = await run(soffice, dir, input, options.timeoutMs ?? SOFFICE_TIMEOUT_MS);
    if (code === 'timeout' || code === 'failed') return code;
    try {
      return new Uint8Array(readFileSync(join(dir, 'out', 'in.docx')));
    } catch {
      return 'failed';
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function loadLegacyWord(ext: '.doc' | '.wps', bytes: Uint8Array, options: LoadOptions): Promise<LoadResult> {
  const { DOCX_LIMITS, loadDocx } = await import('../load/docx.js');
  const docx = (b: Uint8Array) => loadDocx(b, { ...DOCX_LIMITS, ...readingOf(options) });
  const kind = sniff(bytes);
  if (kind === 'zip') return docx(bytes);
  if (kind === 'html') return (await import('../load/html.js')).loadHtml(bytes, { ...(options.encoding ? { encoding: options.encoding } : {}), ...readingOf(options) });
  if (kind === 'unknown') {
    return {
      documents: [],
      problems: [problem(`不是有效的 Word 97-2003 或 WPS 文字文件：文件已损坏，或并非该格式。请用 Word 或 WPS 打开后另存为 .docx 再检查。`, 'not a readable Word 97-2003 or WPS Writer file: the file is damaged or in another format. Open it in Word or WPS, save it as .docx and check it again.')],
    };
  }
  const converted = await convertToDocx(bytes, kind === 'rtf' ? 'rtf' : 'doc');
  if (converted === 'missing') return unsupported(ext, NO_SOFFICE);
  if (converted === 'timeout') {
    return { documents: [], problems: [problem(`LibreOffice 转换超过 ${SOFFICE_TIMEOUT_MS / 1000} 秒未完成，文件未能检查。请用 Word 或 WPS 另存为 .docx 后再检查。`, `LibreOffice did not convert the file within ${SOFFICE_TIMEOUT_MS / 1000} s; it was not checked. Save it as .docx in Word or WPS and check it again.`)] };
  }
  if (converted === 'failed') {
    return { documents: [], problems: [problem('LibreOffice 无法转换此文件（文件可能已损坏或设有密码），未能检查。请用 Word 或 WPS 打开后另存为 .docx 再检查。', 'LibreOffice could not convert the file (damaged or password-protected?); it was not checked. Open it in Word or WPS, save it as .docx and check it again.')] };
  }
  return docx(converted);
}

registerLoader('.doc', (b, o) => loadLegacyWord('.doc', b, o));
registerLoader('.wps', (b, o) => loadLegacyWord('.wps', b, o));
