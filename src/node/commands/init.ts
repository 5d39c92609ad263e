/**
 * `jixiao-lint init [--lang zh|en] [--dir <folder>]`: write a commented
 * jixiao-lint.config.yaml for a bureau — the national defaults active, the usual local
 * variations (execution weight 20, qualitative bands 80/50, …) written out as comments to
 * uncomment. Refuses to overwrite an existing config file (of any of the three names).
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
# 查看全部规则及其级别：jixiao-lint rules    查看某条规则的说明与选项：jixiao-lint explain <规则编号>
# 查看某个文件最终生效的设置：jixiao-lint --print-config <文件>

# 编辑器补全与校验（随 jixiao-lint 安装的配置模式）
$schema: ./node_modules/jixiao-lint/schemas/config.schema.json

# 预设：recommended（全国通用口径，财预〔2020〕10号）或 strict（“提示”级规则升为“警告”）
extends: [recommended]

# 本局自定义规则所在的文件夹（相对本文件；规则格式见 schemas/rule.schema.json）
# ruleDirs: [./本局规则]

# 按规则调整：级别写 error / warning / info / off，或 {severity: …, options: {…}}
rules:
  # —— 预算执行率权重：全国通用 10 分；本局若为 20 分，取消以下四行的注释 ——
  # execution-score: {options: {weight: 20}}
  # deduction-needs-explanation: {options: {executionWeight: 20}}
  # score-exceeds-weight: {options: {executionWeight: 20}}
  # weights-sum: {options: {indicators: 80}}

  # —— 定性指标分档：全国为 达成 80–100%、部分达成 60–80%；部分地方下限为 50% ——
  # qualitative-band: {options: {partlyMin: 50}}

  # —— 实际完成值达到目标值多少倍需说明原因（默认 1.3，即 130%）——
  # overachievement: {options: {ratio: 1.2}}

  # —— 评价等级分数线（默认 优 ≥ 90、良 ≥ 80、中 ≥ 60）——
  # grade-band: {options: {excellent: 90, good: 80, fair: 60}}

  # —— 不需要的规则可关闭，例如一级指标权重不强求 50/30/10 ——
  # category-weights: off

# 按文件夹或文件名另行设置（通配符相对本文件；后写的优先）
# overrides:
#   - files: ['2021/**']
#     rules: {grade-band: off}
`,
  en: `# jixiao-lint.config.yaml — a bureau's checking policy (written by jixiao-lint init)
# Used automatically: the nearest jixiao-lint.config.yaml from the current folder upwards; or name one with -c.
# All rules and their severities: jixiao-lint rules    One rule's reason and options: jixiao-lint explain <rule-id>
# The settings in force for one file: jixiao-lint --print-config <file>

# Completion and checks in editors (the config schema shipped with jixiao-lint)
$schema: ./node_modules/jixiao-lint/schemas/config.schema.json

# Presets: recommended (the national rules, 财预〔2020〕10号) or strict (info rules raised to warning)
extends: [recommended]

# Folders of the bureau's own rules (relative to this file; format: schemas/rule.schema.json)
# ruleDirs: [./bureau-rules]

# Per rule: a severity (error / warning / info / off) or {severity: …, options: {…}}
rules:
  # -- Execution-rate weight: 10 points nationally; where it is 20, uncomment these four lines --
  # execution-score: {options: {weight: 20}}
  # deduction-needs-explanation: {options: {executionWeight: 20}}
  # score-exceeds-weight: {options: {executionWeight: 20}}
  # weights-sum: {options: {indicators: 80}}

  # -- Qualitative bands: achieved 80–100%, partly 60–80% nationally; some provinces use 50% --
  # qualitative-band: {options: {partlyMin: 50}}

  # -- Achievement above this multiple of the target needs an explanation (default 1.3) --
  # overachievement: {options: {ratio: 1.2}}

  # -- Grade thresholds (default 优 ≥ 90, 良 ≥ 80, 中 ≥ 60) --
  # grade-band: {options: {excellent: 90, good: 80, fair: 60}}

  # -- Turn off what the bureau does not require, e.g. the 50/30/10 category split --
  # category-weights: off

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
