/**
 * The JSON Schema of jixiao-lint.config.yaml, generated from the rules (one property per rule
 * id, with that rule's option schemas), for editors' completion and validation. Written to
 * schemas/config.schema.json by `npm run docs`; test/docs.test.ts checks it is up to date.
 * The CLI validates configs itself (src/config/config.ts) so that messages name the key.
 */
import type { Rule } from '../check/rules.js';
import type { JsonSchema } from '../validate/schemas.js';
import { CONFIG_SEVERITIES, PRESETS } from './config.js';
import { SETTINGS_SCHEMA } from './settings.js';

export function configSchema(rules: readonly Rule[]): JsonSchema {
  const ruleProps: Record<string, JsonSchema> = {};
  for (const rule of [...rules].sort((a, b) => a.id.localeCompare(b.id))) {
    const options: Record<string, JsonSchema> = {};
    for (const [name, opt] of Object.entries(rule.options)) {
      options[name] = { ...opt.schema, description: `${opt.description.zh} / ${opt.description.en}`, default: opt.default };
    }
    const settingObject: JsonSchema = {
      type: 'object',
      properties: {
        severity: { $ref: '#/$defs/severity' },
        ...(Object.keys(options).length > 0
          ? { options: { type: 'object', properties: options, additionalProperties: false } }
          : {}),
      },
      additionalProperties: false,
    };
    ruleProps[rule.id] = {
      title: rule.title.zh,
      description: `${rule.title.en} (default: ${rule.severity})`,
      oneOf: [{ $ref: '#/$defs/severity' }, settingObject],
    };
  }
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: 'https://jixiao-lint.example/schemas/config.schema.json',
    title: 'jixiao-lint 配置',
    description: 'jixiao-lint.config.yaml — generated from rules/ by `npm run docs`; do not edit by hand.',
    type: 'object',
    properties: {
      $schema: { type: 'string' },
      extends: {
        title: '继承',
        description: `Presets (${PRESETS.join(', ')}) or paths of other config files, relative to this one`,
        type: 'array',
        items: { anyOf: [{ enum: [...PRESETS] }, { type: 'string' }] },
      },
      settings: { $ref: '#/$defs/settings' },
      ruleDirs: {
        title: '自定义规则目录',
        description: "Folders of a bureau's own YAML rules, relative to this file",
        type: 'array',
        items: { type: 'string' },
      },
      layoutDirs: {
        title: '自定义表样布局目录',
        description: "Folders of a bureau's own printed layouts (files in the format of layouts/*.yaml, extending the built-in ones), relative to this file",
        type: 'array',
        items: { type: 'string' },
      },
      targets: {
        title: '批复目标表',
        description: 'Approved target tables (绩效目标表, form target-table): files, folders or globs relative to this file; each self-evaluation is compared with the one of its unit (project) and year',
        type: 'array',
        items: { type: 'string' },
      },
      rules: { title: '规则设置', $ref: '#/$defs/rules' },
      overrides: {
        title: '按文件覆盖',
        type: 'array',
        items: {
          type: 'object',
          properties: {
            files: { title: '文件模式', description: 'Globs relative to the folder of this file', type: 'array', items: { type: 'string' }, minItems: 1 },
            rules: { $ref: '#/$defs/rules' },
            settings: { $ref: '#/$defs/settings' },
          },
          required: ['files'],
          additionalProperties: false,
        },
      },
    },
    additionalProperties: false,
    $defs: {
      severity: { enum: [...CONFIG_SEVERITIES] },
      settings: SETTINGS_SCHEMA,
      rules: {
        type: 'object',
        properties: ruleProps,
        // Rules from ruleDirs are not known here; the CLI checks them against the loaded rules.
        additionalProperties: {
          oneOf: [
            { $ref: '#/$defs/severity' },
            { type: 'object', properties: { severity: { $ref: '#/$defs/severity' }, options: { type: 'object' } }, additionalProperties: false },
          ],
        },
      },
    },
  };
}
