/**
 * `jixiao-lint init [--lang zh|en] [--dir <folder>]`: write a commented
 * jixiao-lint.config.yaml for a bureau — the national defaults active, the usual local
 * variations (policy presets, shared settings such as an execution weight of 20 or
 * qualitative bands 80/50, rule severities) written out as comments to uncomment. Refuses
 * to overwrite an existing config file (of any of the three names).
 */
import { existsSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CONFIG_FILE_NAMES } from '../../config/config.js';
import type { Lang } from '../../types.js';

export interface InitFlags {
  lang: Lang;
  dir?: string;
}

export interface InitIo {
  out: (s: string) => void;
  err: (s: string) => void;
}

export const INIT_FILE = 'jixiao-lint.config.yaml';

const TEMPLATE = {
  zh: `# jixiao-lint.config.yaml — 本局绩效自评表检查配置（由 jixiao-lint init 生成）
# 检查时自动使用：从当前文件夹向上查找的第一个 jixiao-lint.config.yaml；也可用 -c 指定。
# 全部规则及其级别：jixiao-lint rules    某条规则的说明与选项：jixiao-lint explain <规则编号>
# 某个文件最终生效的设置：jixiao-lint --print-config <文件>
# 取消某行开头的 “# ” 即可启用该行；未写的一律按全国通用口径（财预〔2020〕10号）。

# 编辑器补全与校验（随 jixiao-lint 安装的配置模式）
$schema: ./node_modules/jixiao-lint/schemas/config.schema.json

# 预设，可叠加：recommended（全国通用口径）、strict（“提示”级规则升为“警告”）、
# execution-weight-20（执行率 20 分、指标 80 分）、qualitative-80-50（定性分档 80/50）、
# reverse-linear（反向指标未达成时线性扣分）。例如写成 [recommended, execution-weight-20]
extends: [recommended]

# 本局自定义规则所在的文件夹（相对本文件；规则格式见 schemas/rule.schema.json）
# ruleDirs: [./本局规则]

# 共享口径：所有用到它的规则一起生效
# settings:
#   executionWeight: 20                           # 预算执行率分值（表上未填时）；全国通用 10 分
#   indicatorTotal: 80                            # 绩效指标分值合计；全国通用 90 分
#   qualitativeBands: {achieved: 80, partly: 50}  # 定性指标“达成”“部分达成”的得分下限（%）；全国通用 80 / 60
#   gradeBands: {excellent: 90, good: 80, fair: 60}  # 评价等级分数线：优 / 良 / 中

# 按规则调整：级别写 error / warning / info / off，或 {severity: …, options: {…}}
rules:
  # 实际完成值达到目标值多少倍而未说明原因时提示（默认 1.3，即 130%）
  # overachievement: {options: {ratio: 1.2}}
  # 一级指标权重不强求 50 / 30 / 10 时关闭
  # category-weights: off
  # 单位填写不一致也要求改正时升为警告
  # unit-consistency: {severity: warning}

# 按文件夹或文件名另行设置（通配符相对本文件；后写的优先）
# overrides:
#   - files: ['2021/**']
#     rules: {grade-band: off}
`,
  en: `# jixiao-lint.config.yaml — a bureau's checking policy (written by jixiao-lint init)
# Used automatically: the nearest jixiao-lint.config.yaml from the current folder upwards; or name one with -c.
# All rules and their severities: jixiao-lint rules    One rule's reason and options: jixiao-lint explain <rule-id>
# The settings in force for one file: jixiao-lint --print-config <file>
# Remove the leading "# " of a line to use it; whatever is not written follows the national scheme (财预〔2020〕10号).

# Completion and checks in editors (the config schema shipped with jixiao-lint)
$schema: ./node_modules/jixiao-lint/schemas/config.schema.json

# Presets, combinable: recommended (the national scheme), strict (info rules raised to warning),
# execution-weight-20 (execution 20 points, indicators 80), qualitative-80-50 (qualitative bands 80/50),
# reverse-linear (missed "≤" indicators score linearly). For instance [recommended, execution-weight-20]
extends: [recommended]

# Folders of the bureau's own rules (relative to this file; format: schemas/rule.schema.json)
# ruleDirs: [./bureau-rules]

# Shared policy, read by every rule that needs it
# settings:
#   executionWeight: 20                           # points of the execution rate (when the form prints none); 10 nationally
#   indicatorTotal: 80                            # what the indicator weights add up to; 90 nationally
#   qualitativeBands: {achieved: 80, partly: 50}  # lowest score (%) of an achieved / partly achieved qualitative indicator; 80 / 60 nationally
#   gradeBands: {excellent: 90, good: 80, fair: 60}  # lowest totals graded 优 / 良 / 中

# Per rule: a severity (error / warning / info / off) or {severity: …, options: {…}}
rules:
  # achievement above this multiple of the target needs an explanation (default 1.3)
  # overachievement: {options: {ratio: 1.2}}
  # turn off when the 50/30/10 category split is not required
  # category-weights: off
  # raise to warning when inconsistent units must be corrected too
  # unit-consistency: {severity: warning}

# Other settings for some folders or files (globs relative to this file; later entries win)
# overrides:
#   - files: ['2021/**']
#     rules: {grade-band: off}
`,
} as const;

/** The commented config file `init` writes. */
export function initTemplate(lang: Lang): string {
  return TEMPLATE[lang];
}

/** Returns the exit code: 0 written, 2 when a config file is already there or cannot be written. */
export function init(flags: InitFlags, io: InitIo, cwd: string = process.cwd()): number {
  const dir = resolve(cwd, flags.dir ?? '.');
  const zh = flags.lang === 'zh';
  const existing = CONFIG_FILE_NAMES.find((n) => existsSync(join(dir, n)));
  if (existing) {
    io.err(zh ? `jixiao-lint: ${existing} 已存在，未覆盖（如需重新生成，请先删除或改名）\n` : `jixiao-lint: ${existing} already exists; not overwritten (delete or rename it first)\n`);
    return 2;
  }
  const file = join(dir, INIT_FILE);
  try {
    writeFileSync(file, TEMPLATE[flags.lang], { flag: 'wx' });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? String(e);
    io.err(zh ? `jixiao-lint: 无法写入 ${file}：${code}\n` : `jixiao-lint: cannot write ${file}: ${code}\n`);
    return 2;
  }
  io.out(zh ? `已生成 ${INIT_FILE}：按本局口径取消相应行的注释即可生效。\n` : `Wrote ${INIT_FILE}: uncomment the lines that match the bureau's policy.\n`);
  return 0;
}
