/** Types of scripts/make-xlsx-fixtures.mjs (imported by test/import.test.ts). */
export function makeXlsxFixtures(dir: string): Promise<string[]>;
export function makeTextFixtures(dir: string): string[];
export function makeXlsxVariants(dir: string): Promise<string[]>;
