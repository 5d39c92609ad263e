/**
 * `jixiao-lint layouts [--lang zh|en] [--format text|json] [--check <dir>]`: list the printed
 * layouts the readers recognise (layouts/*.yaml): id, form, what it extends, the policy it prints
 * and its name; with --check, compile a bureau's own layout folder (extending the built-in ones)
 * and say in one line per refused file what cannot be right.
 */
import { resolve } from 'node:path';
import { builtInLayouts, LayoutError, type Layout } from '../../load/layouts.js';
import { formName } from '../../report/labels.js';
import { displayWidth } from '../../report/width.js';
import type { Lang } from '../../types.js';
import { readLayoutDirs } from '../layout-dirs.js';

export interface LayoutsFlags {
  lang: Lang;
  format: 'text' | 'json';
  check?: string;
}

export interface LayoutsIo {
  out: (s: string) => void;
  err: (s: string) => void;
}

/** A bureau's layout files (*.yaml of one folder), compiled over the built-in ones. Throws LayoutError. */
export function loadLayoutDir(dir: string): Layout[] {
  return readLayoutDirs([dir], process.cwd());
}

function pad(s: string, width: number): string {
  return s + ' '.repeat(Math.max(0, width - displayWidth(s)));
}

function policyText(l: Layout, lang: Lang): string {
  const p = l.policy;
  const parts: string[] = [];
  if (p.executionWeight !== undefined) parts.push(lang === 'zh' ? `执行率 ${p.executionWeight} 分` : `execution ${p.executionWeight} points`);
  if (p.indicatorTotal !== undefined) parts.push(lang === 'zh' ? `指标 ${p.indicatorTotal} 分` : `indicators ${p.indicatorTotal} points`);
  return parts.join(lang === 'zh' ? '，' : ', ');
}

export function listLayouts(flags: LayoutsFlags, io: LayoutsIo): number {
  let layouts: Layout[];
  try {
    layouts = flags.check !== undefined ? loadLayoutDir(resolve(flags.check)) : builtInLayouts();
  } catch (e) {
    if (e instanceof LayoutError) {
      io.err(`jixiao-lint: ${e.text(flags.lang)}\n`);
      return 1;
    }
    throw e;
  }
  if (flags.format === 'json') {
    io.out(`${JSON.stringify(layouts.map((l) => ({ id: l.id, name: l.name, form: l.form ?? null, abstract: l.abstract, extends: l.extends ?? null, policy: l.policy, file: l.file })), null, 2)}\n`);
    return 0;
  }
  const rows = layouts
    .filter((l) => !l.abstract)
    .map((l) => [l.id, l.form ? formName(l.form, flags.lang) : '', policyText(l, flags.lang), l.name]);
  const widths = [0, 1, 2].map((i) => Math.max(...rows.map((r) => displayWidth(r[i] as string))));
  for (const r of rows) io.out(`${r.map((c, i) => (i < 3 ? pad(c as string, widths[i] as number) : c)).join('  ').trimEnd()}\n`);
  if (flags.check !== undefined) io.out(flags.lang === 'zh' ? `\n${flags.check}：布局文件均可用。\n` : `\n${flags.check}: every layout file is usable.\n`);
  return 0;
}
