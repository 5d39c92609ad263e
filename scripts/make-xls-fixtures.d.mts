/** Types of scripts/make-xls-fixtures.mjs (imported by test/xls.test.ts). */
export function makeXlsFixtures(dir: string): Promise<string[]>;
