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

/** What the page's iconv-lite stand-in (src/web/iconv-shim.ts) knows, taken from iconv-lite at build time. */
declare module 'jixiao:iconv-data' {
  export type Target = { bomAware?: true } & (
    | { kind: 'utf8' | 'utf16le' | 'utf16be' | 'utf16' | 'latin1' | 'hex' | 'base64' | 'gb18030' }
    | { kind: 'sbcs'; table: number }
    | { kind: 'whatwg'; label: string }
  );
  export const targets: Target[];
  /** iconv-lite's canonical encoding names → index in targets. */
  export const names: Record<string, number>;
  /** Single-byte tables: 256 characters, or the 128 above ASCII. */
  export const sbcs: string[];
  export const gb18030: {
    /** iconv-lite's four-byte ranges (gb18030-ranges.json). */
    uChars: number[];
    gbChars: number[];
    /** Four-byte codes iconv-lite maps by table (hex of the four bytes → character). */
    fourByte: Record<string, string>;
    /** GB18030-2022 character of a two-byte code → iconv-lite's (GB18030-2005) character. */
    twoByte2005: Record<string, string>;
  };
}
