/**
 * `jixiao-lint fix <file.xlsx> [--dry-run] [-o <copy.xlsx>]`: write a corrected copy of a
 * workbook beside it (「名称.已修正.xlsx」; never over the original, never over any existing
 * file) with every finding's exact suggestion written into its cell, and list every changed
 * cell (「工作表!单元格：旧值 → 新值」). Only a suggestion that targets one value cell is
 * applied: a finding without a cell, a cell that holds more than the value (a label beside it),
 * a formula, or one cell with two different suggestions is listed as not fixed, with why.
 * Suppressed findings (accepted with a written reason) are left alone. The copy is linted
 * again and the run says which of the fixed findings are gone and what, if anything, is new.
 * `--dry-run` does all of this in memory and writes nothing.
 *
 * Exit codes: 0 the copy was written (or listed with --dry-run), also when nothing could be
 * fixed; 2 when the file is no .xlsx, cannot be read or holds no form, or the copy's path exists.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { policyOf } from '../../config/settings.js';
import type { Linter } from '../../lint.js';
import { loadBytes } from '../../load/index.js';
import { inline } from '../../report/safe.js';
import type { Finding, Lang, LoadResult, SubmissionResult } from '../../types.js';
import { Baselines } from '../baseline.js';
import { loadConfig } from '../config.js';
import { DEFAULT_MAX_FILE_BYTES, ioText, readRegularFileSync, refusalText } from '../read.js';
import { readTargets } from '../targets.js';
import { patchWorkbook, type CellWrite } from './fix-xlsx.js';

export interface FixFlags {
  lang: Lang;
  dryRun?: boolean;
  /** Where the copy goes (default: beside the file, 「名称.已修正.xlsx」). */
  output?: string;
  config?: string;
  targets?: string[];
}

export interface FixIo {
  out: (s: string) => void;
  err: (s: string) => void;
}

/** One applied correction: the place, the text shown before and after, the rule's title. */
export interface FixedCell {
  place: string;
  old: string;
  shown: string;
  suggestion: string;
  /** Whether the cell shows the suggested value itself (else its number format rounds it). */
  exact: boolean;
  findings: Finding[];
}

export interface NotFixed {
  place: string;
  finding: Finding;
  why: string;
}

export interface FixPlan {
  fixed: FixedCell[];
  notFixed: NotFixed[];
  /** Findings with no exact correction (to be looked at by a person). */
  manual: number;
  /** The corrected workbook (null when nothing was changed). */
  bytes: Uint8Array | null;
  recalc: boolean;
}

const WORDS = {
  zh: {
    onlyXlsx: (f: string) => `jixiao-lint: 只能修正 .xlsx 工作簿；${f} 请按检查结果中的「建议改为」在原文件中修改`,
    noForm: (f: string) => `jixiao-lint: ${f} 中没有读出可检查的表格，无从修正`,
    exists: (f: string) => `jixiao-lint: ${f} 已存在，不覆盖；请删除或改名后再试，或用 -o 指定另一个文件名`,
    same: 'jixiao-lint: 修正后的副本不能写在原文件上，请用 -o 指定另一个文件名',
    cannotWrite: (f: string, why: string) => `jixiao-lint: 无法写入 ${f}：${why}`,
    head: (f: string, n: number, out: string, dry: boolean) =>
      n === 0 ? `${f}：没有可自动修正的单元格，未写入文件` : dry ? `${f}：可修正 ${n} 个单元格（试运行，未写入文件；去掉 --dry-run 写入 ${out}）` : `${f}：已修正 ${n} 个单元格，写入 ${out}（原文件未改动）`,
    change: (c: FixedCell, title: string) => `  ${c.place}：${c.old || '（空）'} → ${c.shown}${!c.exact ? `（单元格格式显示为 ${c.shown}，保存的值为 ${c.suggestion}）` : ''}　${title}`,
    fresh: (f: Finding) => `  ${f.location.sheet !== undefined ? `${f.location.sheet}!${f.location.cell ?? ''}` : '（无单元格）'}：${f.message}${f.suggestion !== undefined ? `【建议改为 ${f.suggestion}】` : ''}`,
    notFixedHead: (n: number) => `未修正 ${n} 处：`,
    notFixed: (n: NotFixed, title: string, s: string) => `  ${n.place || '（无单元格）'}：${title}，建议改为 ${s}——${n.why}`,
    taken: (f: string) => `注意：${f} 已存在，去掉 --dry-run 时不会覆盖它，请先改名或用 -o 指定另一个文件名`,
    manual: (n: number) => `另有 ${n} 个问题没有确定的建议值，须人工核对修改`,
    recalc: '工作簿含公式：已设置打开时重新计算，引用了修正单元格的公式结果在 Excel/WPS 中打开后更新',
    relint: (gone: number, all: number) => (gone === all ? `重新检查修正后的副本：已修正的 ${all} 个问题都不再出现` : `重新检查修正后的副本：已修正的 ${all} 个问题中 ${gone} 个不再出现`),
    newHead: (n: number) => `修正后仍有或新出现 ${n} 个问题（由上面的修正引起），请核对；可对副本再运行 fix：`,
    noCell: '问题没有对应的单元格',
    moreText: (t: string) => `单元格中除填报值外还有其他文字（「${t}」），请手工修改`,
    conflict: (vs: string[]) => `同一单元格有不同的建议值（${vs.join('、')}），请手工确定`,
  },
  en: {
    onlyXlsx: (f: string) => `jixiao-lint: only .xlsx workbooks can be fixed; correct ${f} by hand as the findings suggest`,
    noForm: (f: string) => `jixiao-lint: no form could be read from ${f}: nothing to fix`,
    exists: (f: string) => `jixiao-lint: ${f} exists and is not overwritten; remove or rename it, or name another file with -o`,
    same: 'jixiao-lint: the corrected copy cannot be written over the original; name another file with -o',
    cannotWrite: (f: string, why: string) => `jixiao-lint: cannot write ${f}: ${why}`,
    head: (f: string, n: number, out: string, dry: boolean) =>
      n === 0 ? `${f}: no cell can be corrected automatically; nothing written` : dry ? `${f}: ${n} cell(s) can be corrected (dry run, nothing written; without --dry-run the copy goes to ${out})` : `${f}: ${n} cell(s) corrected in ${out} (the original is unchanged)`,
    change: (c: FixedCell, title: string) => `  ${c.place}: ${c.old || '(empty)'} → ${c.shown}${!c.exact ? ` (shown so by the cell's format; the value is ${c.suggestion})` : ''}  ${title}`,
    fresh: (f: Finding) => `  ${f.location.sheet !== undefined ? `${f.location.sheet}!${f.location.cell ?? ''}` : '(no cell)'}: ${f.message}${f.suggestion !== undefined ? ` [suggested: ${f.suggestion}]` : ''}`,
    notFixedHead: (n: number) => `${n} not fixed:`,
    notFixed: (n: NotFixed, title: string, s: string) => `  ${n.place || '(no cell)'}: ${title}, suggested ${s} — ${n.why}`,
    taken: (f: string) => `note: ${f} exists; without --dry-run it is not overwritten, so rename it or name another file with -o`,
    manual: (n: number) => `${n} more finding(s) have no exact correction: check them by hand`,
    recalc: 'the workbook has formulas: it recomputes them when opened, so formulas reading a corrected cell update in Excel/WPS',
    relint: (gone: number, all: number) => (gone === all ? `the corrected copy linted again: all ${all} fixed finding(s) are gone` : `the corrected copy linted again: ${gone} of the ${all} fixed finding(s) are gone`),
    newHead: (n: number) => `${n} finding(s) remain or appear after the correction (caused by it); check them, or run fix on the copy:`,
    noCell: 'the finding has no cell',
    moreText: (t: string) => `the cell holds more than the value ("${t}"); correct it by hand`,
    conflict: (vs: string[]) => `two different suggestions for one cell (${vs.join(', ')}); decide by hand`,
  },
} as const;

/** The corrected copy's default path: 「名称.已修正.xlsx」 beside the file (「名称.fixed.xlsx」 with --lang en). */
export function fixedCopyPath(file: string, lang: Lang): string {
  const ext = extname(file);
  return join(dirname(file), `${basename(file, ext)}.${lang === 'zh' ? '已修正' : 'fixed'}${ext}`);
}

/** The value at a JSON pointer of a canonical submission. */
function at(data: unknown, pointer: string): unknown {
  let v = data;
  for (const raw of pointer.split('/').slice(1)) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string, unknown>)[key];
  }
  return v;
}

/** "工作表!K12" → the text the reader saw there. */
function cellTexts(loaded: LoadResult): Map<string, string> {
  const out = new Map<string, string>();
  for (const g of loaded.grids ?? []) {
    g.places.forEach((row, r) =>
      row.forEach((p, c) => {
        if (p.sheet !== undefined && p.cell !== undefined) out.set(`${p.sheet}!${p.cell}`, g.rows[r]?.[c] ?? '');
      }),
    );
  }
  return out;
}

interface Env {
  linter: Linter;
  settingsFor: ReturnType<typeof loadConfig>['settingsFor'];
  baselines: Baselines;
  approvals: Awaited<ReturnType<typeof readTargets>>;
  lang: Lang;
}

async function lintBytes(file: string, bytes: Uint8Array, env: Env): Promise<{ loaded: LoadResult; results: SubmissionResult[] }> {
  const settings = env.settingsFor(resolve(file));
  const loaded = await loadBytes(file, bytes, { hierarchy: policyOf(settings).hierarchy });
  const suppressions = env.baselines.for(file);
  const results = env.linter.lintLoaded(file, loaded, {
    lang: env.lang,
    settings,
    ...(suppressions.length > 0 ? { suppressions } : {}),
    ...(env.approvals.length > 0 ? { approvals: env.approvals } : {}),
  });
  return { loaded, results };
}

/** What a fix of `bytes` would change: every suggestion placed on its cell or set aside with why. */
export function planFix(bytes: Uint8Array, loaded: LoadResult, results: readonly SubmissionResult[], lang: Lang): FixPlan {
  const w = WORDS[lang];
  const texts = cellTexts(loaded);
  const notFixed: NotFixed[] = [];
  let manual = 0;
  const byCell = new Map<string, { sheet: string; cell: string; findings: Finding[] }>();
  results.forEach((r, i) => {
    const doc = loaded.documents[i];
    for (const f of r.findings) {
      if (f.suggestion === undefined) {
        manual++;
        continue;
      }
      const { sheet, cell } = f.location;
      if (sheet === undefined || cell === undefined) {
        notFixed.push({ place: '', finding: f, why: w.noCell });
        continue;
      }
      const place = `${sheet}!${cell}`;
      // a single value cell: what the reader took as the value is the whole text of the cell
      const shown = texts.get(place) ?? '';
      const value = doc ? at(doc.data, f.location.pointer) : undefined;
      if ((typeof value !== 'string' && typeof value !== 'number') || String(value).trim() !== shown.trim()) {
        notFixed.push({ place, finding: f, why: w.moreText(shown) });
        continue;
      }
      const entry = byCell.get(place) ?? { sheet, cell, findings: [] };
      entry.findings.push(f);
      byCell.set(place, entry);
    }
  });
  const writes: Array<CellWrite & { place: string; findings: Finding[] }> = [];
  for (const [place, e] of byCell) {
    const values = [...new Set(e.findings.map((f) => f.suggestion as string))];
    if (values.length > 1) {
      for (const f of e.findings) notFixed.push({ place, finding: f, why: w.conflict(values) });
      continue;
    }
    writes.push({ sheet: e.sheet, cell: e.cell, value: values[0] as string, place, findings: e.findings });
  }
  const patch = patchWorkbook(bytes, writes);
  const fixed: FixedCell[] = [];
  patch.outcomes.forEach((o, i) => {
    const wr = writes[i] as (typeof writes)[number];
    if (o.ok) fixed.push({ place: wr.place, old: texts.get(wr.place) ?? '', shown: o.shown, exact: o.exact, suggestion: wr.value, findings: wr.findings });
    else for (const f of wr.findings) notFixed.push({ place: wr.place, finding: f, why: o.why[lang] });
  });
  return { fixed, notFixed, manual, bytes: fixed.length > 0 ? patch.bytes : null, recalc: patch.recalc };
}

const findingKey = (f: Finding) => `${f.ruleId}\u0000${f.location.pointer}\u0000${f.location.sheet ?? ''}\u0000${f.location.cell ?? ''}`;

export async function fix(file: string, flags: FixFlags, io: FixIo): Promise<number> {
  const w = WORDS[flags.lang];
  if (extname(file).toLowerCase() !== '.xlsx') {
    io.err(`${w.onlyXlsx(inline(file))}\n`);
    return 2;
  }
  const output = flags.output ?? fixedCopyPath(file, flags.lang);
  if (resolve(output) === resolve(file)) {
    io.err(`${w.same}\n`);
    return 2;
  }
  const bytes = readRegularFileSync(file, DEFAULT_MAX_FILE_BYTES);
  if (!(bytes instanceof Uint8Array)) {
    io.err(`jixiao-lint: ${inline(file)}: ${refusalText(bytes, flags.lang)}\n`);
    return 2;
  }
  const { linter, settingsFor, targets, policy } = loadConfig(flags.config, process.cwd(), flags.lang);
  const approvals = await readTargets(linter, [...targets, ...(flags.targets ?? [])], { lang: flags.lang, load: { hierarchy: policy.hierarchy } });
  const env: Env = { linter, settingsFor, baselines: new Baselines(), approvals, lang: flags.lang };
  const before = await lintBytes(file, bytes, env);
  if (before.loaded.documents.length === 0) {
    io.err(`${w.noForm(inline(file))}\n`);
    return 2;
  }
  // One pass over the findings of the file as filed. A correction can make another finding (an
  // execution score corrected changes the total it adds up to): such findings are listed after the
  // re-lint with their suggestions, never applied in further rounds, since a doubtful correction
  // (which of a total and its parts is wrong?) would then carry into cells no finding named.
  const beforeKeys = new Set(before.results.flatMap((r) => r.findings.map(findingKey)));
  let plan: FixPlan;
  try {
    plan = planFix(bytes, before.loaded, before.results, flags.lang);
  } catch {
    io.err(`${w.noForm(inline(file))}\n`);
    return 2;
  }
  const { fixed, notFixed, manual, recalc } = plan;
  const titleOf = (f: Finding) => linter.rules.find((r) => r.id === f.ruleId)?.title[flags.lang] ?? f.ruleId;
  if (plan.bytes && !flags.dryRun) {
    try {
      // 'wx': never over an existing file (the original included)
      writeFileSync(output, plan.bytes, { flag: 'wx' });
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code ?? '';
      io.err(`${code === 'EEXIST' ? w.exists(inline(output)) : w.cannotWrite(inline(output), ioText(code, flags.lang))}\n`);
      return 2;
    }
  }
  const lines = [w.head(inline(file), fixed.length, inline(output), flags.dryRun === true)];
  if (flags.dryRun && plan.bytes && existsSync(output)) lines.push(w.taken(inline(output)));
  for (const c of fixed) lines.push(inline(w.change(c, [...new Set(c.findings.map(titleOf))].join('、'))));
  if (notFixed.length > 0) {
    lines.push(w.notFixedHead(notFixed.length));
    for (const n of notFixed) lines.push(inline(w.notFixed(n, titleOf(n.finding), n.finding.suggestion ?? '')));
  }
  if (manual > 0) lines.push(w.manual(manual));
  if (plan.bytes) {
    if (recalc) lines.push(w.recalc);
    // the copy linted again, under the original's name (its baseline and config apply alike)
    const now = await lintBytes(file, plan.bytes, env);
    const afterKeys = new Set(now.results.flatMap((r) => r.findings.map(findingKey)));
    const fixedFindings = fixed.flatMap((c) => c.findings);
    lines.push(w.relint(fixedFindings.filter((f) => !afterKeys.has(findingKey(f))).length, fixedFindings.length));
    // new findings, and fixed ones still there (a total that now adds up to another figure)
    const fixedKeys = new Set(fixedFindings.map(findingKey));
    const fresh = now.results.flatMap((r) => r.findings.filter((f) => !beforeKeys.has(findingKey(f)) || fixedKeys.has(findingKey(f))));
    if (fresh.length > 0) {
      lines.push(w.newHead(fresh.length));
      for (const f of fresh) lines.push(inline(w.fresh(f)));
    }
  }
  io.out(`${lines.join('\n')}\n`);
  return 0;
}
