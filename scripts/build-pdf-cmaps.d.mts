export const CMAPS_FILE: string;
export const NAMES: string[];
export function cmapsSource(root?: string): string;
