/**
 * Mutation tests (as GovBudgetChecker guards its rules): break a rule and the fixtures must
 * notice. For every check-stage rule, three mutants of its conditions — never true, always true,
 * negated — are each run over every fixture that carries its expected findings (`# expect:`,
 * with its `# config:` and `# targets:`); a mutant is killed when some fixture's findings are no
 * longer exactly the expected ones. Every stage rule (parse-error, schema, invalid-number …) is
 * turned off the same way. A surviving mutant is a rule the fixtures do not really check.
 *
 * Mutants that cannot be told apart from the rule (equivalent mutants) are listed in
 * EQUIVALENT with the reason; the list is checked too (a listed mutant that is killed must leave it).
 * And every rule is guarded by a real document: turned off (its conditions never true), it changes
 * the findings of a published seed — as filed, transcribed, or with one defect planted
 * (fixtures/planted/, one file per rule) — except the few listed in NOT_FROM_A_REAL_DOCUMENT.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { makeDocxFixtures } from '../scripts/make-docx-fixtures.mjs';
import { makeXlsxFixtures, makeXlsxVariants } from '../scripts/make-xlsx-fixtures.mjs';
import { describe as suite, expect, it } from 'vitest';
import { truth } from '../src/check/compile.js';
import type { RuleSettings } from '../src/check/engine.js';
import type { ApprovalTable } from '../src/check/ops/targets.js';
import type { Rule } from '../src/check/rules.js';
import { Linter } from '../src/lint.js';
import { loadBytes } from '../src/load/index.js';
import type { LoadResult } from '../src/types.js';
import { describe, describeExpected, fixtureTargets, linter, parseExpectations, parseFixtureConfig } from './helpers/linter.js';

function walk(dir: string, re: RegExp): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const p = join(dir, name);
      return statSync(p).isDirectory() ? walk(p, re) : re.test(name) ? [p] : [];
    });
}

interface Case {
  file: string;
  loaded: LoadResult;
  settings?: RuleSettings;
  approvals: ApprovalTable[];
  expected: string[];
  withPlace: boolean[];
}

/**
 * Every fixture with its expected findings: the YAML/JSON fixtures (`# expect:` inside), and the
 * tables, pages and documents with a `<file>.expected` sidecar — the .xlsx/.docx ones generated
 * by their scripts, as test/import.test.ts and test/docx.test.ts do.
 */
async function cases(): Promise<Case[]> {
  const tmp = mkdtempSync(join(tmpdir(), 'jixiao-mutation-'));
  const made = [...(await makeXlsxFixtures(tmp)), ...(await makeXlsxVariants(tmp)), ...(await makeDocxFixtures(tmp))];
  const generated = new Map(made.map((f) => [basename(f), f]));
  // the documents of fixtures/corpus itself are their own suite (test/corpus.test.ts): real
  // documents whose expectations the reading does not meet yet (test/corpus-pending.json), and grid
  // reconstructions generated there; its subfolders (planted copies) are fixtures like any other.
  // fixtures/pdf holds the PDFs' expectations (places such as 「第 2 页!L1」) for test/pdf.test.ts,
  // which generates the PDFs; they are the findings of the .xlsx fixtures, which are mutated here
  const own = (f: string) => dirname(f) !== join('fixtures', 'corpus') && dirname(f) !== join('fixtures', 'pdf');
  const sources: Array<{ file: string; text: string }> = [
    ...walk('fixtures', /\.(ya?ml|json)$/).filter(own).map((file) => ({ file, text: readFileSync(file, 'utf8') })),
    ...walk('fixtures', /\.expected$/).filter(own).flatMap((sidecar) => {
      const beside = sidecar.replace(/\.expected$/, '');
      const file = existsSync(beside) ? beside : generated.get(basename(beside));
      if (file === undefined) throw new Error(`${sidecar}: neither ${beside} nor a generated file of that name`);
      return [{ file, text: readFileSync(sidecar, 'utf8') }];
    }),
  ];
  const out: Case[] = [];
  for (const { file, text } of sources) {
    const expected = parseExpectations(text);
    if (expected === null) continue;
    const settings = parseFixtureConfig(text);
    out.push({
      file,
      loaded: await loadBytes(file, readFileSync(file)),
      ...(settings ? { settings } : {}),
      approvals: await fixtureTargets(text, file),
      expected: expected.map(describeExpected),
      withPlace: expected.map((e) => e.place !== undefined),
    });
  }
  return out;
}

/** The first fixture whose findings under `mutant` are not the expected ones, or undefined. */
function killer(mutant: Linter, all: Case[], off?: string): string | undefined {
  for (const c of all) {
    const settings: RuleSettings | undefined = off ? { ...(c.settings ?? {}), [off]: { severity: 'off' } } : c.settings;
    const findings = mutant.lintLoaded(c.file, c.loaded, { lang: 'zh', ...(settings ? { settings } : {}), ...(c.approvals.length > 0 ? { approvals: c.approvals } : {}) }).flatMap((r) => r.findings);
    const got = findings.map((f, i) => describe(f, c.withPlace[i] ?? false));
    if (JSON.stringify(got) !== JSON.stringify(c.expected)) return c.file;
  }
  return undefined;
}

type Mutation = 'never' | 'always' | 'negated';

const MUTATE: Record<Mutation, (condition: (d: unknown) => unknown) => (d: unknown) => unknown> = {
  never: () => () => false,
  always: () => () => true,
  negated: (condition) => (d) => {
    const t = truth(condition(d));
    return t === true ? false : t === false ? true : t;
  },
};

function mutated(rule: Rule, how: Mutation): Linter {
  const broken: Rule = { ...rule, checks: rule.checks.map((c) => ({ ...c, condition: MUTATE[how](c.condition) })) };
  return new Linter(linter.schemas, linter.rules.map((r) => (r === rule ? broken : r)));
}

/** Mutants no fixture can kill, and why (each is checked to survive). */
const EQUIVALENT: Readonly<Record<string, string>> = {
  // Each of these lists only what its operation found (duplicates, conflicting figures, count
  // gaps, near-duplicate names, unapproved rows); the condition merely guards an element's shape,
  // so "always" fires exactly where the rule does. Their "never" and "negated" mutants are killed.
  'duplicate-indicator:always': 'each element of duplicates() is a duplicate',
  'figure-mismatch:always': 'each element of figureConflicts() is a conflict',
  'indicator-count-mismatch:always': 'each element of countGaps() is a gap',
  'item-count-mismatch:always': 'each element of itemCountGaps() is a gap',
  'problems-without-measures:always': 'each element of missingMeasures() is problems without measures',
  'near-duplicate-items:always': 'each element of nearDuplicates() is a near duplicate',
  'target-added:always': 'each element of unapproved() is an unapproved row',
  'unrecognized-label:always': 'each element of unknownCategories() is a label outside the framework',
  // The engine's own finding for a rule that throws at run time: no shipped rule does (the
  // compiler refuses what could); test/engine.test.ts plants a failing rule and checks it.
  'rule-error:off': 'no shipped rule fails at run time',
};

suite('mutation tests: every rule broken is caught by a fixture', async () => {
  const all = await cases();

  it('there are fixtures with expectations, and the rules as shipped give exactly the expected findings', () => {
    expect(all.length).toBeGreaterThan(50);
    // else every mutant would be "killed" by a fixture that fails anyway
    expect(killer(linter, all)).toBeUndefined();
  });

  for (const rule of linter.rules) {
    if (rule.stage === 'check') {
      for (const how of Object.keys(MUTATE) as Mutation[]) {
        const key = `${rule.id}:${how}`;
        it(key, () => {
          const by = killer(mutated(rule, how), all);
          if (Object.hasOwn(EQUIVALENT, key)) expect(by, `${key} is listed as equivalent but ${by} kills it`).toBeUndefined();
          else expect(by, `${key} survives every fixture`).toBeDefined();
        });
      }
    } else {
      it(`${rule.id}:off`, () => {
        const key = `${rule.id}:off`;
        const by = killer(linter, all, rule.id);
        if (Object.hasOwn(EQUIVALENT, key)) expect(by, `${key} is listed as equivalent but ${by} kills it`).toBeUndefined();
        else expect(by, `${key} survives every fixture`).toBeDefined();
      });
    }
  }
});

/** Fixtures that are published documents: as filed, transcribed, or with one planted defect. */
const REAL = /fixtures\/seeds\/|fixtures\/planted\/|fixtures\/import\/(seed-|report-003|corpus-)|seed-00\d|report-003|fixtures\/html\/seed-004|fixtures\/targets\//;

/** Rules no published document can show yet, and why (the test fails when one of them gets a real-document guard, so the list stays true). */
const NOT_FROM_A_REAL_DOCUMENT: Readonly<Record<string, string>> = {
  'damaged-cell': 'the seeds were published as text, not as workbooks (a generated .xlsx plants one: error-value.xlsx)',
  'rule-error': 'the engine\'s own finding for a rule failing at run time; no shipped rule does',
  'unknown-column': 'no published table has a column the importer does not know (fixtures/import/projects.csv plants one)',
  'unsaved-formula': 'the seeds were published as text, not as workbooks (a generated .xlsx plants one)',
  'unsupported-file': 'the seeds are kept as the text extracted from them; fixtures/rules/unsupported-file holds stand-ins',
};

suite('every rule is guarded by a real document (a published seed, as filed, transcribed or with one planted defect)', async () => {
  const all = (await cases()).filter((c) => REAL.test(c.file));
  const guarded = linter.rules.filter((rule) => (rule.stage === 'check' ? killer(mutated(rule, 'never'), all) : killer(linter, all, rule.id)) !== undefined).map((r) => r.id);
  for (const rule of linter.rules) {
    it(rule.id, () => {
      if (Object.hasOwn(NOT_FROM_A_REAL_DOCUMENT, rule.id)) expect(guarded, `${rule.id} is guarded by a real document now: take it off the list`).not.toContain(rule.id);
      else expect(guarded, `${rule.id}: breaking it changes no finding of a real document`).toContain(rule.id);
    });
  }
});
