export const BUILTIN_FILE: string;
export function builtinSource(root?: string): string;
