// Generate the .doc and .wps fixtures (issue 24) from the .docx ones, with LibreOffice:
//   node scripts/make-doc-fixtures.mjs [dir]      (npm run fixtures:doc)
// scripts/make-docx-fixtures.mjs writes seed-001.docx (the seed 001 forms) and report-003.docx
// (seed 003, a narrative report); `soffice --headless --convert-to doc` saves each as Word
// 97-2003, and the same bytes under .wps (WPS Writer saves Word's binary format under that name).
// Needs LibreOffice (apt-get install libreoffice-writer-nogui): without it, makeDocFixtures
// returns [] and test/doc.test.ts checks only the finding that says LibreOffice is missing.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { makeDocxFixtures } from './make-docx-fixtures.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

export function soffice() {
  for (const name of ['soffice', 'libreoffice']) {
    const r = spawnSync(name, ['--version'], { encoding: 'utf8' });
    if (r.status === 0) return name;
  }
  return null;
}

export async function makeDocFixtures(dir) {
  const program = soffice();
  if (!program) return [];
  mkdirSync(dir, { recursive: true });
  const sources = (await makeDocxFixtures(join(dir, 'docx'))).filter((f) => /(seed-001|report-003)\.docx$/.test(f));
  const profile = mkdtempSync(join(tmpdir(), 'jixiao-soffice-profile-'));
  try {
    const r = spawnSync(program, [`-env:UserInstallation=${pathToFileURL(profile).href}`, '--headless', '--norestore', '--convert-to', 'doc:MS Word 97', '--outdir', dir, ...sources], { encoding: 'utf8', timeout: 180_000 });
    if (r.status !== 0) throw new Error(`soffice failed: ${r.stderr}`);
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
  const out = [];
  for (const src of sources) {
    const doc = join(dir, basename(src).replace(/\.docx$/, '.doc'));
    const wps = doc.replace(/\.doc$/, '.wps');
    copyFileSync(doc, wps);
    out.push(doc, wps);
  }
  return out;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const dir = resolve(process.argv[2] ?? join(ROOT, 'build/fixtures/doc'));
  const files = await makeDocFixtures(dir);
  if (files.length === 0) process.stderr.write('make-doc-fixtures: LibreOffice (soffice) is not installed; nothing written\n');
  for (const f of files) process.stdout.write(`${f}\n`);
}
