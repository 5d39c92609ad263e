/** The rules/ and schemas/ folders, inlined by scripts/build-web.mjs (an esbuild virtual module). */
declare module 'jixiao:resources' {
  export const ruleFiles: Array<{ name: string; text: string }>;
  export const ruleSchema: Record<string, unknown>;
  export const schemas: Array<Record<string, unknown>>;
}
