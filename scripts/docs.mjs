// Generate the documentation that is derived from rules/*.yaml (npm run docs, after a build):
// - docs/rules/<id>.md for every built-in rule (pages of removed rules are deleted);
// - schemas/config.schema.json, the JSON Schema of jixiao-lint.config.yaml;
// - the rule table of README.md (between <!-- rules-table:start --> and <!-- rules-table:end -->);
// - docs/rule-language.md, from the operations' declarations, the shared settings and presets.
// test/docs.test.ts fails when any of them is out of date.
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { configSchema } from '../build/src/config/schema.js';
import { replaceRulesTable, ruleMarkdown, rulesTable } from '../build/src/docs/rule-docs.js';
import { EXAMPLE_TYPO, ruleLanguageMarkdown } from '../build/src/docs/rule-language.js';
import { compileRules } from '../build/src/check/rules.js';
import { createLinter, loadSchemas, readJson } from '../build/src/node/resources.js';
import { SchemaSet } from '../build/src/validate/schemas.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const rules = createLinter().rules;
const changed = [];

function write(rel, text) {
  const path = join(ROOT, rel);
  let old;
  try {
    old = readFileSync(path, 'utf8');
  } catch {
    old = undefined;
  }
  if (old === text) return;
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
  changed.push(rel);
}

const pages = join(ROOT, 'docs', 'rules');
mkdirSync(pages, { recursive: true });
const wanted = new Set(rules.map((r) => `${r.id}.md`));
for (const f of readdirSync(pages)) {
  if (f.endsWith('.md') && !wanted.has(f)) {
    rmSync(join(pages, f));
    changed.push(`docs/rules/${f} (deleted)`);
  }
}
for (const rule of rules) write(`docs/rules/${rule.id}.md`, ruleMarkdown(rule));
write('schemas/config.schema.json', `${JSON.stringify(configSchema(rules), null, 2)}\n`);
write('README.md', replaceRulesTable(readFileSync(join(ROOT, 'README.md'), 'utf8'), rulesTable(rules)));
let refusal = '';
try {
  compileRules([EXAMPLE_TYPO], readJson(join(ROOT, 'schemas', 'rule.schema.json')), { schemas: new SchemaSet(loadSchemas(ROOT)) });
} catch (e) {
  refusal = e.message;
}
write('docs/rule-language.md', ruleLanguageMarkdown(refusal));

console.log(changed.length === 0 ? `docs: up to date (${rules.length} rules)` : `docs: ${rules.length} rules; updated ${changed.join(', ')}`);
