/** Types of scripts/make-pdf-fixtures.mjs (imported by test/pdf.test.ts). */
export function makePdfFixtures(dir: string): Promise<string[]>;
