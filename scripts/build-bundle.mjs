// Write the checked bundle (src/node/bundle.ts): generated/rules.json (rules/*.yaml parsed,
// validated and compiled) and generated/validators.cjs (ajv standalone validators of the form
// schemas).   npm run build:bundle   (after editing a rule or a schema; test/bundle.test.ts
// fails while they are stale, and a run compiles the sources meanwhile).
import { writeBundle } from '../build/src/node/bundle.js';
import { packageRoot } from '../build/src/node/resources.js';

try {
  for (const f of writeBundle(packageRoot())) process.stdout.write(`wrote ${f}\n`);
} catch (e) {
  process.stderr.write(`build:bundle: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exitCode = 1;
}
