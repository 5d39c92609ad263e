/** Types of scripts/make-doc-fixtures.mjs (imported by test/doc.test.ts). */
export function makeDocFixtures(dir: string): Promise<string[]>;
export function soffice(): string | null;
