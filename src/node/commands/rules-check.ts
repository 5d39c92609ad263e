/**
 * `jixiao-lint rules --check <dir>`: compile a folder of a bureau's rules (with the built-in
 * ones, so that ids may not clash) without linting anything; one line per refused file,
 * naming the file, the YAML line and the rule. Exit 0 when every file compiles, 1 when some
 * are refused (a missing folder is a usage error, exit 2).
 */
import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { compileRules, RuleError } from '../../check/rules.js';
import type { Lang } from '../../types.js';
import { SchemaSet } from '../../validate/schemas.js';
import { displayPath, UsageError } from '../files.js';
import { loadSchemas, packageRoot, readJson, ruleFiles } from '../resources.js';

export interface RuleCheckReport {
  /** Ids of the folder's rules that compiled. */
  rules: string[];
  /** One per refused file. */
  errors: Array<{ file: string; line: number; rule?: string; message: string }>;
}

export interface RuleCheckIo {
  out: (s: string) => void;
}

export function checkRules(dir: string, flags: { lang: Lang; format: 'text' | 'json' }, io: RuleCheckIo, cwd: string = process.cwd()): number {
  const folder = resolve(cwd, dir);
  if (!existsSync(folder) || !statSync(folder).isDirectory()) {
    throw new UsageError(flags.lang === 'zh' ? `rules --check：找不到文件夹 ${dir}` : `rules --check: no such folder ${dir}`);
  }
  const root = packageRoot();
  const schemas = new SchemaSet(loadSchemas(root));
  const ruleSchema = readJson(join(root, 'schemas', 'rule.schema.json'));
  const builtIn = ruleFiles(join(root, 'rules'));
  const own = ruleFiles(folder).map((f) => ({ ...f, name: displayPath(f.name, cwd) }));
  const report: RuleCheckReport = { rules: [], errors: [] };
  const refuse = (e: unknown, file?: string) => {
    if (!(e instanceof RuleError)) {
      // a defect of the compiler met by this file: the file is named, never the exception's text
      if (file === undefined) throw e;
      const message =
        flags.lang === 'zh'
          ? `${file}:1: 内部错误：编译此规则文件时出错，请把它交给维护者（加 --debug 可显示详细信息）`
          : `${file}:1: internal error while compiling this rule file; please send it to the maintainers (--debug shows the details)`;
      report.errors.push({ file, line: 1, message });
      return;
    }
    report.errors.push({ file: e.file, line: e.line, ...(e.ruleId ? { rule: e.ruleId } : {}), message: e.in(flags.lang) });
  };
  for (const f of own) {
    try {
      const compiled = compileRules([...builtIn, f], ruleSchema, { schemas, lang: flags.lang });
      report.rules.push(...compiled.filter((r) => r.source === f.name).map((r) => r.id));
    } catch (e) {
      refuse(e, f.name);
    }
  }
  if (report.errors.length === 0 && own.length > 1) {
    // ids clashing between the folder's own files
    try {
      compileRules([...builtIn, ...own], ruleSchema, { schemas, lang: flags.lang });
    } catch (e) {
      refuse(e);
    }
  }
  report.rules.sort();
  if (flags.format === 'json') {
    io.out(`${JSON.stringify(report, null, 2)}\n`);
  } else {
    for (const e of report.errors) io.out(`${e.message}\n`);
    const n = own.length;
    const bad = new Set(report.errors.map((e) => e.file)).size;
    io.out(
      flags.lang === 'zh'
        ? bad === 0
          ? `${n} 个规则文件均通过检查（${dir}）\n`
          : `${n} 个规则文件中 ${bad} 个未通过检查（${dir}）\n`
        : bad === 0
          ? `${n} rule file(s) checked, all compile (${dir})\n`
          : `${n} rule file(s) checked, ${bad} refused (${dir})\n`,
    );
  }
  return report.errors.length === 0 ? 0 : 1;
}
