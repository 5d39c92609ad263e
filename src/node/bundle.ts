/**
 * The checked bundle (issue 15): what a run would otherwise do at start-up, done at build time.
 *
 *   generated/rules.json       every rules/*.yaml parsed, validated against rule.schema.json and
 *                              compiled once (a refused rule stops the build), as JSON with the
 *                              YAML line of its nodes (for refusals and rule-error findings);
 *   generated/validators.cjs   ajv standalone validators of the form schemas (no ajv compilation,
 *                              no `new Function`, at run time).
 *
 * The self-check page (scripts/build-web.mjs) is built from the same functions, in memory: the
 * bundled rules, the form validators and the validators of what a clerk's config holds
 * (buildWebResources), so that the page compiles no code at run time and its CSP needs no
 * 'unsafe-eval'.
 *
 * The YAML rules and the JSON schemas stay the single source of truth: both files carry the
 * SHA-256 of the sources they were made from, and a run uses them only when that hash matches the
 * files on disk (reading and hashing them costs a few milliseconds); otherwise it compiles the
 * sources as before. test/bundle.test.ts fails when the committed files are stale;
 * `npm run build:bundle` rewrites them. A bureau's `ruleDirs` are never bundled: they compile at
 * run time.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import standalone from 'ajv/dist/standalone/index.js';
import { bundleLines, compileRules, createRuleValidator, parseRuleFile, type BundledRule } from '../check/rules.js';
import { CONFIG_AJV_OPTIONS, configSchemaKey } from '../config/config.js';
import { SETTINGS_SCHEMA } from '../config/settings.js';
import { isFormKind } from '../types.js';
import { AJV_OPTIONS, formValidatorsOf, SchemaSet, validatorExportName, type JsonSchema, type PrecompiledValidator } from '../validate/schemas.js';

/** Bumped when the shape of the bundle changes (part of the hash). */
const BUNDLE_FORMAT = 1;

export const BUNDLE_DIR = 'generated';
export const RULES_BUNDLE = 'rules.json';
export const VALIDATORS_BUNDLE = 'validators.cjs';

/** The sources of the package: rules/*.yaml and schemas/*.schema.json, as read from disk. */
export interface Sources {
  rules: Array<{ name: string; text: string }>;
  /** Every schema file but config.schema.json, by file name. */
  schemas: Array<{ name: string; text: string }>;
}

export function readSources(root: string): Sources {
  const list = (dir: string, re: RegExp) =>
    readdirSync(join(root, dir))
      .filter((f) => re.test(f))
      .sort()
      .map((f) => ({ name: `${dir}/${f}`, text: readFileSync(join(root, dir, f), 'utf8') }));
  return { rules: list('rules', /\.ya?ml$/), schemas: list('schemas', /\.schema\.json$/).filter((s) => s.name !== 'schemas/config.schema.json') };
}

function hashOf(parts: Array<{ name: string; text: string }>): string {
  const h = createHash('sha256');
  h.update(`jixiao-lint bundle ${BUNDLE_FORMAT}\n`);
  for (const p of parts) h.update(`${p.name}\u0000${p.text}\u0000`);
  return h.digest('hex');
}

/** The hash the rules bundle is keyed by: the rules and every schema (the compiler checks paths against the forms). */
export function rulesHash(s: Sources): string {
  return hashOf([...s.rules, ...s.schemas]);
}

/** The hash the validators are keyed by: the schemas. */
export function schemasHash(s: Sources): string {
  return hashOf(s.schemas);
}

const formSchemas = (s: Sources): JsonSchema[] => s.schemas.filter((x) => x.name !== 'schemas/rule.schema.json').map((x) => JSON.parse(x.text) as JsonSchema);

const ruleSchemaOf = (s: Sources): JsonSchema => JSON.parse(s.schemas.find((x) => x.name === 'schemas/rule.schema.json')?.text ?? '{}') as JsonSchema;

/** The text of generated/rules.json: throws RuleError when a rule is refused. */
export function buildRulesBundle(s: Sources): string {
  const ruleSchema = ruleSchemaOf(s);
  // compiled exactly as a run from the YAML would (refusals stop the build)
  compileRules(s.rules, ruleSchema, { schemas: new SchemaSet(formSchemas(s)) });
  const validate = createRuleValidator(ruleSchema);
  const rules: BundledRule[] = s.rules.map(({ name, text }) => {
    const { raw, lineOf } = parseRuleFile(name, text, validate, ruleSchema);
    return { name, rule: raw, lines: bundleLines(raw, lineOf) };
  });
  return `${JSON.stringify({ generatedBy: 'npm run build:bundle (from rules/*.yaml; do not edit)', hash: rulesHash(s), rules })}\n`;
}

/** The text of generated/validators.cjs: ajv standalone code of every form schema. */
export function buildValidators(s: Sources): string {
  const ajv = new Ajv2020({ ...AJV_OPTIONS, code: { source: true, lines: false } });
  ajv.addKeyword({ keyword: 'x-kind', schemaType: 'string' });
  const refs: Record<string, string> = {};
  for (const schema of formSchemas(s)) {
    ajv.addSchema(schema);
    const id = schema.$id as string;
    const form = /(?<![a-z-])([a-z-]+)\.schema\.json$/.exec(id)?.[1];
    if (isFormKind(form)) refs[validatorExportName(form)] = id;
  }
  const code = standaloneCode(ajv, refs);
  return `// Generated by npm run build:bundle from schemas/*.schema.json; do not edit.\n${code}\nexports.sourceHash = ${JSON.stringify(schemasHash(s))};\n`;
}

// a CommonJS module: its `default` export is the function
const standaloneCode = (standalone as unknown as { default: (ajv: Ajv2020, refs: Record<string, string>) => string }).default;

/**
 * ajv standalone code (CommonJS) of the schemas a config is checked against
 * (src/config/config.ts): SETTINGS_SCHEMA and the option schemas of the built-in rules, compiled
 * with CONFIG_AJV_OPTIONS. `exports.byKey` maps each schema's configSchemaKey to its validator.
 */
export function buildConfigValidators(s: Sources): string {
  const rules = compileRules(s.rules, ruleSchemaOf(s));
  const keyed = new Map<string, JsonSchema>([[configSchemaKey(SETTINGS_SCHEMA), SETTINGS_SCHEMA]]);
  for (const rule of rules) for (const opt of Object.values(rule.options)) keyed.set(configSchemaKey(opt.schema), opt.schema);
  const ajv = new Ajv2020({ ...CONFIG_AJV_OPTIONS, code: { source: true, lines: false } });
  const refs: Record<string, string> = {};
  const keys = [...keyed.keys()];
  keys.forEach((key, i) => {
    ajv.addSchema(keyed.get(key) as JsonSchema, `c${i}`);
    refs[`c${i}`] = `c${i}`;
  });
  const byKey = keys.map((key, i) => `${JSON.stringify(key)}: exports.c${i}`).join(',\n');
  return `// Generated from SETTINGS_SCHEMA and the option schemas of rules/*.yaml (src/node/bundle.ts).\n${standaloneCode(ajv, refs)}\nexports.byKey = {\n${byKey}\n};\n`;
}

/** What the self-check page inlines (scripts/build-web.mjs): everything it would otherwise compile at run time. */
export interface WebResources {
  /** The built-in rules, parsed, validated and checked (as generated/rules.json holds them). */
  rules: BundledRule[];
  /** ajv standalone code (CommonJS) of the form schemas (as generated/validators.cjs). */
  formValidators: string;
  /** ajv standalone code (CommonJS) of the config schemas (buildConfigValidators). */
  configValidators: string;
}

export function buildWebResources(s: Sources): WebResources {
  const { rules } = JSON.parse(buildRulesBundle(s)) as { rules: BundledRule[] };
  return { rules, formValidators: buildValidators(s), configValidators: buildConfigValidators(s) };
}

/** Write both files (npm run build:bundle). */
export function writeBundle(root: string): string[] {
  const s = readSources(root);
  mkdirSync(join(root, BUNDLE_DIR), { recursive: true });
  const out = [
    [RULES_BUNDLE, buildRulesBundle(s)],
    [VALIDATORS_BUNDLE, buildValidators(s)],
  ] as const;
  for (const [name, text] of out) writeFileSync(join(root, BUNDLE_DIR, name), text);
  return out.map(([name]) => `${BUNDLE_DIR}/${name}`);
}

/** What a run takes from the bundle: the bundled rules and the form validators, each only when fresh. */
export interface Bundle {
  rules?: BundledRule[];
  validators?: Map<string, PrecompiledValidator>;
}

/** The bundled rules and validators that match the sources on disk (nothing when missing or stale). */
export function readBundle(root: string, s: Sources): Bundle {
  const out: Bundle = {};
  const rulesFile = join(root, BUNDLE_DIR, RULES_BUNDLE);
  if (existsSync(rulesFile)) {
    try {
      const b = JSON.parse(readFileSync(rulesFile, 'utf8')) as { hash?: string; rules?: BundledRule[] };
      if (b.hash === rulesHash(s) && Array.isArray(b.rules)) out.rules = b.rules;
    } catch {
      // unreadable: compile the YAML
    }
  }
  const validatorsFile = join(root, BUNDLE_DIR, VALIDATORS_BUNDLE);
  if (existsSync(validatorsFile)) {
    try {
      const m = createRequire(import.meta.url)(validatorsFile) as Record<string, unknown>;
      if (m.sourceHash === schemasHash(s)) out.validators = formValidatorsOf(m);
    } catch {
      // unreadable: ajv compiles the schemas
    }
  }
  return out;
}
