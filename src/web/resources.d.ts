/** What scripts/build-web.mjs inlines (esbuild virtual modules), made at build time by src/node/bundle.ts (buildWebResources). */
declare module 'jixiao:resources' {
  /** The built-in rules, parsed, validated and checked at build time (generated/rules.json). */
  export const rules: Array<{ name: string; rule: unknown; lines: Record<string, number> }>;
  /** Every form schema and common.schema.json. */
  export const schemas: Array<Record<string, unknown>>;
}

/** ajv standalone validators of the form schemas (generated/validators.cjs), by export name (department_report …). */
declare module 'jixiao:form-validators' {
  const validators: Record<string, unknown>;
  export default validators;
}

/** ajv standalone validators of the config schemas (shared settings, rule options), by their JSON text. */
declare module 'jixiao:config-validators' {
  export const byKey: Record<string, import('../validate/schemas.js').PrecompiledValidator>;
}
