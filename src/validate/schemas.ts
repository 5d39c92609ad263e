/**
 * The JSON Schemas of the four forms: validation (ajv, draft 2020-12) and the `x-kind`
 * annotations that tell the normalizer how to read each field.
 */
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import { FORM_KINDS, isFormKind, type FormKind, type Lang } from '../types.js';
import type { Kind } from '../normalize/value.js';

export type JsonSchema = { [key: string]: unknown };

/** The ajv options of the form schemas (also those of the standalone validators generated at build time). */
export const AJV_OPTIONS = { allErrors: true, strict: true, allowUnionTypes: true } as const;

export interface SchemaViolation {
  pointer: string;
  keyword: string;
  message: string;
  params: Record<string, unknown>;
}

/** JSON Schema types in words. */
const TYPE_NAMES_ZH: Readonly<Record<string, string>> = {
  number: '数值',
  integer: '整数',
  string: '文字',
  boolean: '是/否（true 或 false）',
  object: '对象（「键: 值」形式）',
  array: '列表',
  null: '空值',
};

/**
 * What a schema violation says, in words (zh/en), for submissions and config files alike:
 * ajv's own message is English, and only the last resort for a keyword not listed here.
 */
export function describeViolation(v: Pick<SchemaViolation, 'keyword' | 'message' | 'params'>, lang: Lang): string {
  const p = v.params;
  if (lang === 'en') {
    if (v.keyword === 'required') return `missing required field "${String(p.missingProperty)}"`;
    if (v.keyword === 'additionalProperties') return `unknown field "${String(p.additionalProperty)}"`;
    return v.message;
  }
  switch (v.keyword) {
    case 'required':
      return `缺少必填项「${String(p.missingProperty)}」`;
    case 'additionalProperties':
      return `未知字段「${String(p.additionalProperty)}」`;
    case 'type':
      return `类型应为${String(p.type)
        .split(',')
        .map((t) => TYPE_NAMES_ZH[t] ?? t)
        .join('或')}`;
    case 'enum':
      return `取值应为 ${(p.allowedValues as unknown[]).map(String).join('、')} 之一`;
    case 'const':
      return `取值应为 ${String(p.allowedValue)}`;
    case 'minItems':
      return `至少应有 ${String(p.limit)} 项`;
    case 'maxItems':
      return `至多应有 ${String(p.limit)} 项`;
    case 'minLength':
      return p.limit === 1 ? '不应为空' : `至少应有 ${String(p.limit)} 个字符`;
    case 'minimum':
      return `不应小于 ${String(p.limit)}`;
    case 'maximum':
      return `不应大于 ${String(p.limit)}`;
    case 'pattern':
      return `格式不符（应匹配 ${String(p.pattern)}）`;
    case 'exclusiveMinimum':
      return `应大于 ${String(p.limit)}`;
    case 'exclusiveMaximum':
      return `应小于 ${String(p.limit)}`;
    case 'maxLength':
      return `至多应有 ${String(p.limit)} 个字符`;
    case 'multipleOf':
      return `应为 ${String(p.multipleOf)} 的整数倍`;
    case 'uniqueItems':
      return `不应有重复项（第 ${Number(p.j) + 1} 项与第 ${Number(p.i) + 1} 项相同）`;
    case 'minProperties':
      return `至少应有 ${String(p.limit)} 项设置`;
    case 'maxProperties':
      return `至多应有 ${String(p.limit)} 项设置`;
    case 'propertyNames':
      return `名称「${String(p.propertyName)}」不符合要求`;
    case 'anyOf':
    case 'oneOf':
      return '不符合任何一种允许的写法';
    case 'format':
      return `格式应为 ${String(p.format)}`;
    default:
      // a keyword no schema of ours uses yet: never ajv's English in a Chinese message
      return `取值不符合要求（${v.keyword}）`;
  }
}

/** A validator compiled ahead of time (ajv standalone code, generated/validators.cjs): same calling convention as ajv's. */
export interface PrecompiledValidator {
  (data: unknown): boolean;
  errors?: ErrorObject[] | null;
}

/** The export name of a form's validator in a standalone module (generated/validators.cjs): department-report → department_report. */
export function validatorExportName(form: string): string {
  return form.replace(/-/g, '_');
}

/** The form validators a standalone module exports (generated/validators.cjs), by form. */
export function formValidatorsOf(module: Readonly<Record<string, unknown>>): Map<FormKind, PrecompiledValidator> {
  const out = new Map<FormKind, PrecompiledValidator>();
  for (const form of FORM_KINDS) {
    const v = module[validatorExportName(form)];
    if (typeof v === 'function') out.set(form, v as PrecompiledValidator);
  }
  return out;
}

export class SchemaSet {
  private ajv: Ajv2020 | undefined;
  private readonly validators = new Map<FormKind, PrecompiledValidator>();
  private readonly roots = new Map<FormKind, JsonSchema>();
  private readonly byId = new Map<string, JsonSchema>();

  /**
   * `schemas`: every schema document, each with an absolute `$id`. `precompiled`: validators of
   * the forms generated at build time from these same schemas (scripts/build-bundle.mjs); the
   * forms without one are compiled by ajv here, at run time.
   */
  constructor(
    private readonly schemas: JsonSchema[],
    precompiled: ReadonlyMap<string, PrecompiledValidator> = new Map(),
  ) {
    for (const s of schemas) {
      const id = s.$id;
      if (typeof id !== 'string') throw new Error('every schema needs an $id');
      this.byId.set(id, s);
    }
    for (const s of schemas) {
      const id = s.$id as string;
      const form = /(?<![a-z-])([a-z-]+)\.schema\.json$/.exec(id)?.[1];
      if (!isFormKind(form)) continue;
      this.roots.set(form, s);
      const v = precompiled.get(form);
      this.validators.set(form, v ?? this.compiler().getSchema(id) as ValidateFunction);
    }
  }

  /** ajv with every schema added (created only when a form has no precompiled validator). */
  private compiler(): Ajv2020 {
    if (this.ajv) return this.ajv;
    const ajv = new Ajv2020(AJV_OPTIONS);
    ajv.addKeyword({ keyword: 'x-kind', schemaType: 'string' });
    for (const s of this.schemas) ajv.addSchema(s);
    this.ajv = ajv;
    return ajv;
  }

  forms(): FormKind[] {
    return [...this.validators.keys()];
  }

  rootOf(form: FormKind): { schema: JsonSchema; base: string } | undefined {
    const schema = this.roots.get(form);
    return schema ? { schema, base: schema.$id as string } : undefined;
  }

  validate(form: FormKind, data: unknown): SchemaViolation[] {
    const v = this.validators.get(form);
    if (!v) return [];
    if (v(data)) return [];
    return (v.errors ?? []).filter((e) => e.keyword !== 'if').map(toViolation);
  }

  /** Follow a `$ref` (relative to `base`) to the schema it names. */
  resolve(ref: string, base: string): { schema: JsonSchema; base: string } | undefined {
    // memoized: the normalizer follows the same few $refs for every value of every file
    const key = `${base}\u0000${ref}`;
    if (this.resolved.has(key)) return this.resolved.get(key);
    const found = this.resolveUncached(ref, base);
    this.resolved.set(key, found);
    return found;
  }

  private readonly resolved = new Map<string, { schema: JsonSchema; base: string } | undefined>();

  private resolveUncached(ref: string, base: string): { schema: JsonSchema; base: string } | undefined {
    const url = new URL(ref, base);
    const docId = `${url.origin}${url.pathname}`;
    const doc = this.byId.get(docId);
    if (!doc) return undefined;
    let node: unknown = doc;
    for (const token of url.hash.replace(/^#\/?/, '').split('/').filter(Boolean)) {
      node = (node as Record<string, unknown> | undefined)?.[decodeURIComponent(token)];
    }
    return node && typeof node === 'object' ? { schema: node as JsonSchema, base: docId } : undefined;
  }
}

function toViolation(e: ErrorObject): SchemaViolation {
  let pointer = e.instancePath;
  if (e.keyword === 'required') pointer += `/${String(e.params.missingProperty)}`;
  if (e.keyword === 'additionalProperties') pointer += `/${String(e.params.additionalProperty)}`;
  return { pointer, keyword: e.keyword, message: e.message ?? e.keyword, params: e.params as Record<string, unknown> };
}

export type { Kind };
