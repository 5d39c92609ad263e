/**
 * The JSON Schemas of the four forms: validation (ajv, draft 2020-12) and the `x-kind`
 * annotations that tell the normalizer how to read each field.
 */
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import { isFormKind, type FormKind } from '../types.js';
import type { Kind } from '../normalize/value.js';

export type JsonSchema = { [key: string]: unknown };

export interface SchemaViolation {
  pointer: string;
  keyword: string;
  message: string;
  params: Record<string, unknown>;
}

export class SchemaSet {
  private readonly ajv: Ajv2020;
  private readonly validators = new Map<FormKind, ValidateFunction>();
  private readonly byId = new Map<string, JsonSchema>();

  /** `schemas`: every schema document, each with an absolute `$id`. */
  constructor(schemas: JsonSchema[]) {
    this.ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
    this.ajv.addKeyword({ keyword: 'x-kind', schemaType: 'string' });
    for (const s of schemas) {
      const id = s.$id;
      if (typeof id !== 'string') throw new Error('every schema needs an $id');
      this.byId.set(id, s);
      this.ajv.addSchema(s);
    }
    for (const s of schemas) {
      const id = s.$id as string;
      const form = /([a-z-]+)\.schema\.json$/.exec(id)?.[1];
      if (isFormKind(form)) this.validators.set(form, this.ajv.getSchema(id) as ValidateFunction);
    }
  }

  forms(): FormKind[] {
    return [...this.validators.keys()];
  }

  rootOf(form: FormKind): { schema: JsonSchema; base: string } | undefined {
    const v = this.validators.get(form);
    if (!v) return undefined;
    const schema = v.schema as JsonSchema;
    return { schema, base: schema.$id as string };
  }

  validate(form: FormKind, data: unknown): SchemaViolation[] {
    const v = this.validators.get(form);
    if (!v) return [];
    if (v(data)) return [];
    return (v.errors ?? []).filter((e) => e.keyword !== 'if').map(toViolation);
  }

  /** Follow a `$ref` (relative to `base`) to the schema it names. */
  resolve(ref: string, base: string): { schema: JsonSchema; base: string } | undefined {
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
