/** Types of scripts/make-md-fixtures.mjs (imported by test/markdown.test.ts). */
export function makeMdFixtures(dir: string): Promise<string[]>;
export function reportMarkdown(text: string): string;
