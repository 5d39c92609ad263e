#!/usr/bin/env node
// `--version` alone is answered without loading the linter (start-up: about node's own).
if (process.argv.length === 3 && (process.argv[2] === '--version' || process.argv[2] === '-V')) {
  const { readFileSync } = await import('node:fs');
  process.stdout.write(`${JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version}\n`);
} else {
  // the bundled command line (scripts/build-cli.mjs, made by `npm run build`)
  const { main } = await import('../build/cli/jixiao-lint.js');
  process.exitCode = await main(process.argv);
}
