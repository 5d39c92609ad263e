/** Types of scripts/make-fix-fixtures.mjs for the tests. */
export function makeFixFixtures(dir: string): Promise<string>;
