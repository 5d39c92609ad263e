/**
 * The GitHub Action: the committed bundle is up to date, and dist/index.js run with a
 * simulated runner environment (INPUT_* variables, GITHUB_STEP_SUMMARY and GITHUB_OUTPUT
 * files, captured stdout) annotates, summarizes, sets outputs and fails the step as it should.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { changedFiles, type ChangedFiles } from '../src/action/changed.js';
import { parseOutputs, runAction, selectAnnotations, splitList, type ActionCore, type ActionInputs, type Annotation } from '../src/action/run.js';
import { buildSummary } from '../src/action/summary.js';
import { discover } from '../src/node/files.js';
import { lintPaths } from '../src/node/lint-files.js';
import type { SubmissionResult } from '../src/types.js';
import { linter } from './helpers/linter.js';

const ROOT = resolve(import.meta.dirname, '..');
const CLEAN = readFileSync(join(ROOT, 'fixtures/rules/weights-sum/valid.yaml'), 'utf8');
const BAD_RATE = readFileSync(join(ROOT, 'fixtures/rules/execution-rate/invalid-initial-base.yaml'), 'utf8');
const WARN_ONLY = readFileSync(join(ROOT, 'fixtures/rules/deduction-needs-explanation/invalid.yaml'), 'utf8');

function tmp(prefix = 'jixiao-action-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

function folder(files: Record<string, string>): string {
  const dir = tmp();
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

interface Step {
  status: number | null;
  stdout: string;
  stderr: string;
  summary: string;
  outputs: Record<string, string>;
  commands: Array<{ command: string; props: Record<string, string>; message: string }>;
}

/** Parse the GITHUB_OUTPUT file (name<<delimiter / value / delimiter). */
function readOutputs(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const re = /^([^\n<]+)<<(\S+)\n([\s\S]*?)\n\2$/gm;
  for (const m of text.matchAll(re)) out[m[1] as string] = m[3] as string;
  return out;
}

const unescape = (s: string) => s.replace(/%0A/g, '\n').replace(/%0D/g, '\r').replace(/%3A/g, ':').replace(/%2C/g, ',').replace(/%25/g, '%');

/** Workflow commands (::error file=…,line=…::message) printed on stdout. */
function readCommands(stdout: string): Step['commands'] {
  const out: Step['commands'] = [];
  for (const line of stdout.split('\n')) {
    const m = /^::(\w+)(?: ([^:]*))?::(.*)$/.exec(line);
    if (!m) continue;
    const props: Record<string, string> = {};
    for (const kv of (m[2] ?? '').split(',').filter(Boolean)) {
      const i = kv.indexOf('=');
      props[kv.slice(0, i)] = unescape(kv.slice(i + 1));
    }
    out.push({ command: m[1] as string, props, message: unescape(m[3] as string) });
  }
  return out;
}

/** Run dist/index.js as the runner would: inputs as INPUT_<NAME> variables. */
function runStep(inputs: Record<string, string>, cwd = ROOT): Step {
  const dir = tmp('jixiao-runner-');
  const summaryFile = join(dir, 'step_summary.md');
  const outputFile = join(dir, 'output.txt');
  writeFileSync(summaryFile, '');
  writeFileSync(outputFile, '');
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    GITHUB_STEP_SUMMARY: summaryFile,
    GITHUB_OUTPUT: outputFile,
    GITHUB_WORKSPACE: cwd,
    GITHUB_ACTIONS: 'true',
  };
  for (const [k, v] of Object.entries(inputs)) env[`INPUT_${k.replace(/ /g, '_').toUpperCase()}`] = v;
  const r = spawnSync(process.execPath, [join(ROOT, 'dist/index.js')], { cwd, env, encoding: 'utf8' });
  return {
    status: r.status,
    stdout: r.stdout,
    stderr: r.stderr,
    summary: readFileSync(summaryFile, 'utf8'),
    outputs: readOutputs(readFileSync(outputFile, 'utf8')),
    commands: readCommands(r.stdout),
  };
}

const annotations = (s: Step) => s.commands.filter((c) => ['error', 'warning', 'notice'].includes(c.command) && c.props.file !== undefined);
const failures = (s: Step) => s.commands.filter((c) => c.command === 'error' && c.props.file === undefined);

describe('dist/index.js', () => {
  it('is up to date with src/ (rebuild: npm run build:action)', () => {
    const out = join(tmp('jixiao-build-'), 'index.js');
    const r = spawnSync(process.execPath, [join(ROOT, 'src/action/build.mjs'), '--outfile', out], { cwd: ROOT, encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    const fresh = readFileSync(out);
    const committed = readFileSync(join(ROOT, 'dist/index.js'));
    expect(committed.equals(fresh), 'dist/index.js is stale: run `npm run build:action` and commit dist/').toBe(true);
  });

  it('action.yml runs dist/index.js on node24 and declares the inputs and outputs', () => {
    const meta = parseYaml(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as {
      runs: { using: string; main: string };
      inputs: Record<string, { default?: string }>;
      outputs: Record<string, unknown>;
    };
    expect(meta.runs).toEqual({ using: 'node24', main: 'dist/index.js' });
    expect(Object.keys(meta.inputs).sort()).toEqual(['config', 'fail-on', 'ignore', 'lang', 'max-annotations', 'only-changed', 'outputs', 'paths']);
    expect(meta.inputs['only-changed']?.default).toBe('false');
    expect(Object.keys(meta.outputs).sort()).toEqual(['errors', 'files', 'suppressed', 'warnings']);
  });
});

describe('the action on the seed fixtures', () => {
  it('annotates the most severe findings first, writes a summary, sets outputs and fails the step', async () => {
    const expected = await lintPaths(linter, ['fixtures'], { lang: 'zh' });
    const count = (sev: string) => expected.results.reduce((n, r) => n + r.findings.filter((f) => f.severity === sev).length, 0);
    const total = count('error') + count('warning') + count('info');
    const hidden = expected.results.reduce((n, r) => n + (r.suppressed?.length ?? 0), 0);

    const step = runStep({ paths: 'fixtures', 'max-annotations': '5' });
    expect(step.status).toBe(1);
    const ann = annotations(step);
    expect(ann).toHaveLength(5);
    // errors first; every annotation names a repo-relative file, a line when the finding has one
    // (a file that cannot be read at all is annotated as a whole), a column and the rule
    expect(ann.every((a) => a.command === 'error')).toBe(true);
    for (const a of ann) {
      expect(a.props.file).toMatch(/^fixtures\/[^:]+\.\w+$/);
      if (a.props.line !== undefined) expect(Number(a.props.line)).toBeGreaterThan(0);
      expect(a.props.title).toMatch(/^[a-z-]+$/);
    }
    expect(ann.some((a) => Number(a.props.col) > 0)).toBe(true);
    expect(ann[0]?.message).not.toContain('%25');

    expect(step.outputs).toEqual({ errors: String(count('error')), warnings: String(count('warning')), files: String(expected.files.length), suppressed: String(hidden) });
    expect(hidden).toBeGreaterThan(0);
    expect(failures(step)).toHaveLength(1);
    expect(failures(step)[0]?.message).toContain(`${count('error')} error(s)`);

    expect(step.summary).toContain('## jixiao-lint 检查结果');
    expect(step.summary).toContain(`| ${expected.files.length} | ${count('error')} | ${count('warning')} | ${count('info')} |`);
    expect(step.summary).toContain(`另有 ${total - 5} 个未标注`);
    expect(step.summary).toContain('| fixtures/rules/total-score/invalid.yaml | 项目支出绩效自评表 | 示例单位 | 1 | 0 | 0 | 95 |');
    // the findings table lists every finding, errors before warnings
    const section = (title: string) => step.summary.slice(step.summary.indexOf(title)).split('\n\n#')[0] ?? '';
    const rowsOf = (text: string) => text.split('\n').filter((l) => /^\| (错误|警告|提示) \|/.test(l));
    const rows = rowsOf(section('### 问题清单'));
    expect(rows).toHaveLength(total);
    // each exact correction is shown with its finding, as in the Markdown report (total-score/invalid.yaml: 95 printed, 100 added up)
    expect(rows.filter((l) => l.includes('fixtures/rules/total-score/invalid.yaml')).map((l) => /\*\*(建议改为 [^*]+)\*\*/.exec(l)?.[1])).toEqual(['建议改为 100']);
    // the suppressed findings are listed too, each with its reason
    expect(rowsOf(section('### 已抑制的问题'))).toHaveLength(hidden);
    const lastError = rows.map((l) => l.startsWith('| 错误')).lastIndexOf(true);
    expect(rows.findIndex((l) => l.startsWith('| 警告'))).toBeGreaterThan(lastError);
    // the full report is in the log
    expect(step.stdout).toContain('fixtures/rules/weights-sum/invalid.yaml:23:3');
  });

  it('never sends more than 10 annotations of one type (GitHub shows no more); 9 errors when the step fails', () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 14; i++) files[`r${String(i).padStart(2, '0')}.yaml`] = BAD_RATE;
    for (let i = 0; i < 3; i++) files[`w${i}.yaml`] = WARN_ONLY;
    const dir = folder(files);
    // the step fails: 9 error annotations, the failure message is the 10th
    const step = runStep({ paths: dir, 'max-annotations': '50' });
    expect(step.status).toBe(1);
    const ann = annotations(step);
    expect(ann.filter((a) => a.command === 'error')).toHaveLength(9);
    expect(ann.filter((a) => a.command === 'warning')).toHaveLength(9);
    expect(ann.findIndex((a) => a.command === 'warning')).toBe(9);
    expect(failures(step)).toHaveLength(1);
    expect(step.commands.filter((c) => c.command === 'error').at(-1)?.props.file).toBeUndefined();
    expect(step.summary).toContain('已在文件中标注 18 个问题');
    expect(step.summary).toContain('另有 5 个未标注');
    // the step passes: 10 error annotations
    const never = runStep({ paths: dir, 'max-annotations': '50', 'fail-on': 'never' });
    expect(never.status).toBe(0);
    expect(annotations(never).filter((a) => a.command === 'error')).toHaveLength(10);
  });

  it('fail-on decides whether findings fail the step', () => {
    const dir = folder({ 'w.yaml': WARN_ONLY });
    const onError = runStep({ paths: dir });
    expect(onError.status).toBe(0);
    expect(annotations(onError).map((a) => a.command)).toEqual(['warning', 'warning', 'warning']);
    expect(onError.outputs).toMatchObject({ errors: '0', warnings: '3', files: '1' });

    const onWarning = runStep({ paths: dir, 'fail-on': 'warning' });
    expect(onWarning.status).toBe(1);
    expect(failures(onWarning)[0]?.message).toContain('0 error(s) and 3 warning(s)');

    const bad = folder({ 'bad.yaml': BAD_RATE });
    const never = runStep({ paths: bad, 'fail-on': 'never' });
    expect(never.status).toBe(0);
    expect(annotations(never)).toHaveLength(1);
  });

  it('a clean repository passes with no annotations', () => {
    const dir = folder({ 'a/ok.yaml': CLEAN, 'b/ok.yaml': CLEAN });
    const step = runStep({ paths: '.' }, dir);
    expect(step.status).toBe(0);
    expect(step.commands.filter((c) => c.command === 'error' || c.command === 'warning')).toEqual([]);
    expect(step.outputs).toMatchObject({ errors: '0', warnings: '0', files: '2' });
    expect(step.summary).toContain('未发现问题');
    expect(step.summary).toContain('| a/ok.yaml | 项目支出绩效自评表 |');
  });

  it('writes the requested reports (SARIF for code scanning), paths relative to the workspace', () => {
    const dir = folder({ 'reports/2024/bad.yaml': BAD_RATE, 'reports/drafts/x.yaml': BAD_RATE, 'reports/ok.yaml': CLEAN });
    const step = runStep({ paths: 'reports/**/*.yaml', ignore: 'drafts', outputs: 'sarif=out/results.sarif\njunit: out/junit.xml', 'fail-on': 'never' }, dir);
    expect(step.status).toBe(0);
    const sarif = JSON.parse(readFileSync(join(dir, 'out/results.sarif'), 'utf8')) as {
      version: string;
      runs: Array<{ results: Array<{ ruleId: string; locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }> }> }>;
    };
    expect(sarif.version).toBe('2.1.0');
    const results = sarif.runs[0]?.results ?? [];
    expect(results.map((r) => [r.ruleId, r.locations[0]?.physicalLocation.artifactLocation.uri])).toEqual([['execution-rate', 'reports/2024/bad.yaml']]);
    expect(readFileSync(join(dir, 'out/junit.xml'), 'utf8')).toContain('<testsuite');
    expect(annotations(step).map((a) => a.props.file)).toEqual(['reports/2024/bad.yaml']);
    expect(step.outputs.files).toBe('2');
  });
});

describe('the action reads the config and the baselines of the workspace', () => {
  it('the nearest jixiao-lint.config.yaml sets the policy; the config input names another', () => {
    const dir = folder({ 'reports/bad.yaml': BAD_RATE, 'jixiao-lint.config.yaml': 'rules:\n  execution-rate: warning\n', 'strict.yaml': 'rules:\n  execution-rate: error\n' });
    const nearest = runStep({ paths: 'reports' }, dir);
    expect(nearest.status).toBe(0);
    expect(nearest.outputs).toMatchObject({ errors: '0', warnings: '1' });
    expect(nearest.stdout).toContain('jixiao-lint: config jixiao-lint.config.yaml');
    const named = runStep({ paths: 'reports', config: 'strict.yaml' }, dir);
    expect(named.status).toBe(1);
    expect(named.outputs).toMatchObject({ errors: '1', warnings: '0' });
  });

  it('an invalid config fails the step with a message naming the key', () => {
    const dir = folder({ 'ok.yaml': CLEAN, 'jixiao-lint.config.yaml': 'rules:\n  execution-rat: off\n' });
    const step = runStep({ paths: '.' }, dir);
    expect(step.status).toBe(1);
    expect(failures(step)[0]?.message).toContain('rules.execution-rat：没有这条规则');
  });

  it('suppressed findings are counted in an output and listed with their reasons in the summary', () => {
    const dir = folder({
      'reports/bad.yaml': BAD_RATE,
      'reports/jixiao-lint.baseline.yaml': 'suppressions:\n  - {file: bad.yaml, rule: execution-rate, at: /budget/rate, reason: 年初预算含代编资金，经绩效科同意}\n',
    });
    const step = runStep({ paths: '.' }, dir);
    expect(step.status).toBe(0);
    expect(step.outputs).toMatchObject({ errors: '0', files: '1', suppressed: '1' });
    expect(annotations(step)).toEqual([]);
    expect(step.summary).toContain('| 文件 | 错误 | 警告 | 提示 | 已抑制 |');
    expect(step.summary).toContain('### 已抑制的问题（不计入上表）');
    expect(step.summary).toMatch(/\| 错误 \| reports\/bad\.yaml:16:9 \| execution-rate \| .* \| 年初预算含代编资金，经绩效科同意 \|/);
  });
});

describe('failures of the action itself fail the step', () => {
  it('no files matched', () => {
    const step = runStep({ paths: 'no-such-folder/**/*.yaml', 'fail-on': 'never' });
    expect(step.status).toBe(1);
    expect(failures(step)[0]?.message).toContain('没有与 no-such-folder/**/*.yaml 匹配的文件');
    const en = runStep({ paths: 'no-such-folder/**/*.yaml', 'fail-on': 'never', lang: 'en' });
    expect(failures(en)[0]?.message).toContain('no files match no-such-folder/**/*.yaml');
  });

  it('a folder without submissions', () => {
    const dir = folder({ 'README.md': '# nothing here' });
    const step = runStep({ paths: '.', 'fail-on': 'never' }, dir);
    expect(step.status).toBe(1);
    expect(failures(step)[0]?.message).toContain('中没有找到可检查的文件');
  });

  it('an unreadable config file', () => {
    const dir = folder({ 'ok.yaml': CLEAN });
    const step = runStep({ paths: '.', config: 'missing-config.yaml' }, dir);
    expect(step.status).toBe(1);
    expect(failures(step)[0]?.message).toContain('无法使用配置 missing-config.yaml：missing-config.yaml：无法读取配置文件：文件不存在（ENOENT）');
  });

  it('bad inputs', () => {
    const dir = folder({ 'ok.yaml': CLEAN });
    expect(failures(runStep({ paths: '.', 'fail-on': 'sometimes' }, dir))[0]?.message).toContain('fail-on must be error, warning or never');
    expect(failures(runStep({ paths: '.', outputs: 'pdf=out.pdf' }, dir))[0]?.message).toContain('unknown format "pdf"');
    expect(failures(runStep({ paths: '.', 'max-annotations': 'lots' }, dir))[0]?.message).toContain('max-annotations');
  });

  it('a file that is not a submission at all (parse error) fails even with fail-on: never', () => {
    const dir = folder({ 'broken.yaml': 'form: [unclosed\n' });
    const step = runStep({ paths: '.', 'fail-on': 'never' }, dir);
    expect(step.status).toBe(1);
    expect(annotations(step)[0]).toMatchObject({ command: 'error', props: { file: 'broken.yaml', title: 'parse-error' } });
  });
});

describe('runAction (in process)', () => {
  function fakeCore() {
    const calls: Array<[string, string, Annotation?]> = [];
    const core: ActionCore = {
      error: (m, p) => calls.push(['error', m, p]),
      warning: (m, p) => calls.push(['warning', m, p]),
      notice: (m, p) => calls.push(['notice', m, p]),
      info: () => {},
      setOutput: (n, v) => calls.push(['output', `${n}=${v}`]),
      setFailed: (m) => calls.push(['failed', m]),
    };
    return { core, calls };
  }
  const inputs = (over: Partial<ActionInputs>): ActionInputs => ({ paths: '', ignore: '', config: '', 'fail-on': '', outputs: '', 'max-annotations': '', lang: '', ...over });

  it('when the step fails, annotates at most 9 errors and the failure message comes last (the 10th)', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 12; i++) files[`r${String(i).padStart(2, '0')}.yaml`] = BAD_RATE;
    const dir = folder(files);
    const failing = fakeCore();
    const outcome = await runAction(inputs({ paths: dir, 'max-annotations': '50' }), { core: failing.core, cwd: dir, writeSummary: async () => {}, setup: () => ({ linter }) });
    expect(outcome.status).toBe('failed');
    const errs = failing.calls.filter(([k]) => k === 'error' || k === 'failed');
    expect(errs.map(([k]) => k)).toEqual([...Array.from({ length: 9 }, () => 'error'), 'failed']);
    expect(errs.at(-1)?.[1]).toBe(`jixiao-lint: 12 error(s) in 12 file(s) (fail-on: error)`);
    const passing = fakeCore();
    await runAction(inputs({ paths: dir, 'max-annotations': '50', 'fail-on': 'never' }), { core: passing.core, cwd: dir, writeSummary: async () => {}, setup: () => ({ linter }) });
    expect(passing.calls.filter(([k]) => k === 'error')).toHaveLength(10);
    expect(passing.calls.some(([k]) => k === 'failed')).toBe(false);
  });

  describe('only-changed', () => {
    const tree = () => folder({ 'reports/a.yaml': BAD_RATE, 'reports/b.yaml': BAD_RATE, 'reports/c.yaml': WARN_ONLY, 'drafts/d.yaml': BAD_RATE });
    async function step(dir: string, changed: ChangedFiles | undefined, over: Partial<ActionInputs> = {}) {
      const { core, calls } = fakeCore();
      let summary = '';
      const info: string[] = [];
      const outcome = await runAction(inputs({ paths: join(dir, 'reports'), 'only-changed': 'true', ...over }), {
        core: { ...core, info: (m) => info.push(m) },
        cwd: dir,
        writeSummary: async (md) => {
          summary = md;
        },
        setup: () => ({ linter }),
        ...(changed ? { changedFiles: () => changed } : {}),
      });
      return { outcome, calls, summary, info };
    }

    it('lints only the changed files of paths (deleted and outside files ignored) and says so', async () => {
      const dir = tree();
      const r = await step(dir, { files: [join(dir, 'reports/c.yaml'), join(dir, 'drafts/d.yaml'), join(dir, 'reports/gone.yaml'), join(dir, 'README.md')], how: 'git diff abc1234...def5678' });
      expect(r.outcome).toMatchObject({ status: 'passed', files: 1, errors: 0, warnings: 3 });
      expect(r.calls.filter(([k]) => k === 'warning').every(([, , p]) => p?.file === 'reports/c.yaml')).toBe(true);
      expect(r.summary).toContain('only-changed：只检查了本次改动的 1 个文件（共 3 个；依据 git diff abc1234...def5678）。');
      expect(r.info).toContain('jixiao-lint: only-changed：只检查了本次改动的 1 个文件（共 3 个；依据 git diff abc1234...def5678）。');
    });

    it('nothing of paths changed: passes with nothing linted', async () => {
      const dir = tree();
      const r = await step(dir, { files: [join(dir, 'drafts/d.yaml')], how: 'the 1 commit(s) of the push' });
      expect(r.outcome).toMatchObject({ status: 'passed', files: 0, errors: 0 });
      expect(r.summary).toContain('未发现问题');
      expect(r.calls).toContainEqual(['output', 'files=0']);
    });

    it('lints everything, and says why, when the changed files are unknown or the policy changed', async () => {
      const dir = tree();
      const unknown = await step(dir, { unknown: 'a workflow_dispatch run has no changed files to compare' }, { lang: 'en' });
      expect(unknown.outcome).toMatchObject({ status: 'failed', files: 3, errors: 2 });
      expect(unknown.summary).toContain('only-changed: the changed files cannot be known (a workflow\\_dispatch run has no changed files to compare); every file was linted.');
      const policy = await step(dir, { files: [join(dir, 'jixiao-lint.config.yaml'), join(dir, 'reports/c.yaml')], how: 'x' });
      expect(policy.outcome.files).toBe(3);
      expect(policy.summary).toContain('only-changed：配置或基线文件有改动（jixiao-lint.config.yaml），已检查全部文件。');
    });

    it('only-changed must be true or false; off by default', async () => {
      const dir = tree();
      const bad = await step(dir, undefined, { 'only-changed': 'sometimes' });
      expect(bad.calls).toEqual([['failed', 'jixiao-lint: only-changed must be true or false (not "sometimes")']]);
      const off = await step(dir, { files: [], how: 'x' }, { 'only-changed': '' });
      expect(off.outcome.files).toBe(3);
      expect(off.summary).not.toContain('only-changed');
    });
  });

  it('reports an exception of the config loader as a failure, not a crash', async () => {
    const { core, calls } = fakeCore();
    const outcome = await runAction(inputs({ paths: 'fixtures', config: 'x.yaml' }), {
      core,
      cwd: ROOT,
      writeSummary: async () => {},
      setup: () => {
        throw new Error('rules: unknown rule "nope"');
      },
    });
    expect(outcome.status).toBe('failed');
    expect(calls).toEqual([['failed', 'jixiao-lint: 无法使用配置 x.yaml：rules: unknown rule "nope"']]);
  });

  it('passes the config settings and the ignore input to the run', async () => {
    const { core, calls } = fakeCore();
    let summary = '';
    const outcome = await runAction(inputs({ paths: 'fixtures/rules', lang: 'en', ignore: 'total-score weights-sum' }), {
      core,
      cwd: ROOT,
      writeSummary: async (md) => {
        summary = md;
      },
      setup: () => ({ linter, settingsFor: () => ({ 'execution-rate': { severity: 'off' } }) }),
    });
    expect(calls.some(([, m]) => m.includes('execution-rate'))).toBe(false);
    expect(calls.some(([, , p]) => p?.file?.includes('total-score'))).toBe(false);
    expect(outcome.files).toBe(discover(['fixtures/rules'], { ignore: ['total-score', 'weights-sum'] }).length);
    expect(summary).toContain('## jixiao-lint results');
  });
});

describe('changedFiles (only-changed) from the event payload and git', () => {
  const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, encoding: 'utf8', env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@t', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@t' } }).trim();
  function repo() {
    const dir = folder({ 'reports/a.yaml': CLEAN, 'reports/b.yaml': CLEAN, 'reports/old.yaml': CLEAN });
    git(dir, 'init', '-q', '-b', 'main');
    git(dir, 'add', '.');
    git(dir, 'commit', '-q', '-m', 'base');
    const base = git(dir, 'rev-parse', 'HEAD');
    writeFileSync(join(dir, 'reports/b.yaml'), BAD_RATE);
    writeFileSync(join(dir, 'reports/单位丙 2024.yaml'), CLEAN);
    git(dir, 'rm', '-q', 'reports/old.yaml');
    git(dir, 'add', '.');
    git(dir, 'commit', '-q', '-m', 'change');
    const head = git(dir, 'rev-parse', 'HEAD');
    return { dir, base, head };
  }
  const payload = (dir: string, data: unknown) => {
    const p = join(dir, '..', `event-${Math.random().toString(36).slice(2)}.json`);
    writeFileSync(p, JSON.stringify(data));
    return p;
  };

  it('pull_request: git diff base...head; deleted files left out; Chinese names and spaces kept', () => {
    const { dir, base, head } = repo();
    const r = changedFiles({ GITHUB_EVENT_NAME: 'pull_request', GITHUB_EVENT_PATH: payload(dir, { pull_request: { base: { sha: base }, head: { sha: head } } }) }, dir);
    expect(r).toEqual({ files: [join(dir, 'reports/b.yaml'), join(dir, 'reports/单位丙 2024.yaml')], how: `git diff ${base.slice(0, 7)}...${head.slice(0, 7)}` });
    const missing = changedFiles({ GITHUB_EVENT_NAME: 'pull_request', GITHUB_EVENT_PATH: payload(dir, { pull_request: { base: { sha: 'f'.repeat(40) }, head: { sha: head } } }) }, dir);
    expect(missing).toEqual({ unknown: `the base commit fffffff is not in the checkout (use actions/checkout with fetch-depth: 0)` });
  });

  it('push: git diff before after, else the files listed in the payload', () => {
    const { dir, base, head } = repo();
    const r = changedFiles({ GITHUB_EVENT_NAME: 'push', GITHUB_EVENT_PATH: payload(dir, { before: base, after: head, commits: [] }) }, dir);
    expect('files' in r && r.files).toEqual([join(dir, 'reports/b.yaml'), join(dir, 'reports/单位丙 2024.yaml')]);
    const shallow = changedFiles(
      { GITHUB_EVENT_NAME: 'push', GITHUB_EVENT_PATH: payload(dir, { before: 'e'.repeat(40), after: head, commits: [{ added: ['reports/新.yaml'], modified: ['reports/b.yaml'], removed: ['reports/old.yaml'] }] }) },
      dir,
    );
    expect(shallow).toEqual({ files: [join(dir, 'reports/新.yaml'), join(dir, 'reports/b.yaml')], how: 'the 1 commit(s) of the push' });
    const created = changedFiles({ GITHUB_EVENT_NAME: 'push', GITHUB_EVENT_PATH: payload(dir, { before: '0'.repeat(40), after: head, created: true, commits: [] }) }, dir);
    expect('unknown' in created).toBe(true);
  });

  it('other events and a missing payload are unknown', () => {
    const { dir } = repo();
    expect(changedFiles({ GITHUB_EVENT_NAME: 'workflow_dispatch', GITHUB_EVENT_PATH: payload(dir, {}) }, dir)).toEqual({ unknown: 'a workflow_dispatch run has no changed files to compare' });
    expect(changedFiles({ GITHUB_EVENT_NAME: 'push' }, dir)).toEqual({ unknown: 'no event payload (GITHUB_EVENT_PATH)' });
  });
});

describe('pieces', () => {
  it('splitList: lines, spaces, comments', () => {
    expect(splitList('a b\n  c\n# no\n\nd e  f')).toEqual(['a', 'b', 'c', 'd', 'e', 'f']);
    expect(splitList('年度 报告/a.yaml\nb', (l) => l.startsWith('年度'))).toEqual(['年度 报告/a.yaml', 'b']);
  });

  it('parseOutputs: format=path or format: path, one or several per line', () => {
    expect(parseOutputs('sarif=a.sarif junit: b.xml\n  markdown : c.md\n')).toEqual([
      { format: 'sarif', file: 'a.sarif' },
      { format: 'junit', file: 'b.xml' },
      { format: 'markdown', file: 'c.md' },
    ]);
    expect(() => parseOutputs('a.sarif')).toThrow(/format=path/);
    expect(() => parseOutputs('sarif=a\njson=a')).toThrow(/twice/);
  });

  const result = (file: string, sevs: string): SubmissionResult => ({
    file,
    form: 'project-self-eval',
    findings: [...sevs].map((c, i) => ({
      ruleId: `r${i}`,
      severity: c === 'e' ? 'error' : c === 'w' ? 'warning' : 'info',
      message: `m${i}`,
      location: { pointer: `/p${i}`, line: i + 1, column: 1 },
    })),
  });

  it('selectAnnotations: errors, then warnings, then notices; stable; capped', () => {
    const rs = [result('a.yaml', 'iwe'), result('b.yaml', 'we')];
    const sel = selectAnnotations(rs, 4).map((s) => `${s.result.file}:${s.finding.ruleId}`);
    expect(sel).toEqual(['a.yaml:r2', 'b.yaml:r1', 'a.yaml:r1', 'b.yaml:r0']);
    expect(selectAnnotations(rs, 0)).toEqual([]);
    // at most maxErrors errors (9 when the step fails)
    const errs = Array.from({ length: 12 }, (_, i) => result(`e${i}.yaml`, 'e'));
    expect(selectAnnotations(errs, 50)).toHaveLength(10);
    expect(selectAnnotations(errs, 50, 9)).toHaveLength(9);
  });

  it('the job summary stays within its byte budget and says how much it left out', () => {
    const many = Array.from({ length: 3000 }, (_, i) => result(`reports/单位${String(i).padStart(4, '0')}.yaml`, 'eewwi'));
    const md = buildSummary(many, { lang: 'zh', annotated: 20, budget: 200_000 });
    expect(new TextEncoder().encode(md).length).toBeLessThanOrEqual(200_000);
    expect(md).toMatch(/另有 \d+ 行未列出（任务摘要不能超过 1 MiB）/);
    const full = buildSummary(many, { lang: 'en', annotated: 20 });
    expect(new TextEncoder().encode(full).length).toBeLessThan(1024 * 1024);
    expect(full).toContain('| 3000 | 6000 | 6000 | 3000 |');
  });
});
