/**
 * `jixiao-lint convert <file> [--to yaml|json]`: print the canonical submission(s) the
 * importer read from a file (a text table, a workbook, or JSON/YAML), so a user can see —
 * and fix — what was misread. Load problems (ragged rows, unknown columns, parse errors)
 * go to stderr, one line each, with their place in the file.
 */
import { stringify } from 'yaml';
import { loadBytes } from '../../load/index.js';
import { inline } from '../../report/safe.js';
import { placeOf } from '../../report/summary.js';
import { DEFAULT_MAX_FILE_BYTES, readRegularFileSync, refusalText } from '../read.js';
import type { Lang } from '../../types.js';
import { resolve } from 'node:path';
import { policyOf } from '../../config/settings.js';
import { loadConfig } from '../config.js';

export interface ConvertFlags {
  to: 'yaml' | 'json';
  encoding?: string;
  lang: Lang;
  /** -c: the config whose settings.hierarchy the readers use (default: the nearest one). */
  config?: string;
}

export interface ConvertIo {
  out: (s: string) => void;
  err: (s: string) => void;
}

/** Returns the exit code: 0 when at least one submission was read, 2 otherwise. */
export async function convert(file: string, flags: ConvertFlags, io: ConvertIo): Promise<number> {
  // a regular file of at most the size limit (never a FIFO or /dev/zero)
  const bytes = readRegularFileSync(file, DEFAULT_MAX_FILE_BYTES);
  if (!(bytes instanceof Uint8Array)) {
    io.err(`jixiao-lint: ${inline(file)}: ${refusalText(bytes, flags.lang)}\n`);
    return 2;
  }
  const { linter, settingsFor, layouts } = loadConfig(flags.config, process.cwd(), flags.lang);
  const hierarchy = policyOf(settingsFor(resolve(file))).hierarchy;
  const loaded = await loadBytes(file, bytes, { ...(flags.encoding ? { encoding: flags.encoding } : {}), hierarchy, ...(layouts ? { layouts } : {}) });
  for (const p of loaded.problems) {
    const f = linter.stageFinding(p.ruleId, p.args, p.location, { lang: flags.lang });
    if (!f) continue;
    const place = placeOf(f);
    io.err(`${inline(file)}${place ? `:${inline(place)}` : ''}  ${f.severity}  ${inline(f.message)}  ${f.ruleId}\n`);
  }
  const docs = loaded.documents;
  if (docs.length === 0) return 2;
  if (flags.to === 'json') {
    // the submission stays the JSON document; the layout read is said on stderr
    for (const d of docs) if (d.layout) io.err(`${inline(file)}  ${flags.lang === 'zh' ? '表样布局' : 'layout'}: ${d.layout.id}（${d.layout.name}）\n`);
    const value = docs.length === 1 ? docs[0]?.data : docs.map((d) => d.data);
    io.out(`${JSON.stringify(value, null, 2)}\n`);
    return 0;
  }
  const parts = docs.map((d) => {
    const layout = d.layout ? `# ${flags.lang === 'zh' ? '表样布局' : 'layout'}: ${d.layout.id}（${d.layout.name}）\n` : '';
    const head = (d.document?.sheet !== undefined ? `# sheet: ${d.document.sheet}\n` : '') + layout;
    return head + stringify(d.data, { lineWidth: 0 });
  });
  io.out(parts.join('---\n'));
  return 0;
}
