/** Types of scripts/make-docx-fixtures.mjs (imported by test/docx.test.ts). */
export function makeDocxFixtures(dir: string): Promise<string[]>;
export function seed001(): Promise<Uint8Array>;
export function merges(): Promise<Uint8Array>;
export function wps(): Promise<Uint8Array>;
export function reportDocx(text: string): Promise<Uint8Array>;
export function report003(options?: { figure?: boolean }): Promise<Uint8Array>;
