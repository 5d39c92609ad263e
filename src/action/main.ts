/**
 * Entry point of the GitHub Action (bundled into dist/index.js by `npm run build:action`).
 * A thin wrapper: inputs from @actions/core, everything else in runAction (./run.ts).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as core from '@actions/core';
import { packageRoot } from '../node/resources.js';
import { changedFiles } from './changed.js';
import { INPUT_NAMES, runAction, type ActionInputs } from './run.js';
import { defaultSetup } from './setup.js';

function toolVersion(): string | undefined {
  try {
    return (JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version?: string }).version;
  } catch {
    return undefined;
  }
}

/** The rule pages in the action's own repository at the ref the workflow uses (uses: owner/repo@ref). */
function rulesDocsUri(env: NodeJS.ProcessEnv): string | undefined {
  const server = env.GITHUB_SERVER_URL || 'https://github.com';
  const repo = env.GITHUB_ACTION_REPOSITORY;
  const ref = env.GITHUB_ACTION_REF;
  if (!repo || !ref || !/^[\w.-]+\/[\w.-]+$/.test(repo)) return undefined;
  return `${server}/${repo}/blob/${encodeURIComponent(ref)}/docs/rules/`;
}

async function main(): Promise<void> {
  const inputs = Object.fromEntries(INPUT_NAMES.map((name) => [name, core.getInput(name)])) as unknown as ActionInputs;
  const version = toolVersion();
  const docs = rulesDocsUri(process.env);
  await runAction(inputs, {
    core: {
      error: (m, p) => core.error(m, p),
      warning: (m, p) => core.warning(m, p),
      notice: (m, p) => core.notice(m, p),
      info: (m) => core.info(m),
      setOutput: (n, v) => core.setOutput(n, v),
      setFailed: (m) => core.setFailed(m),
    },
    writeSummary: async (markdown) => {
      if (!process.env.GITHUB_STEP_SUMMARY) {
        core.info('jixiao-lint: GITHUB_STEP_SUMMARY is not set; no job summary written');
        return;
      }
      await core.summary.addRaw(markdown).write();
    },
    setup: defaultSetup,
    cwd: process.cwd(),
    changedFiles: () => changedFiles(process.env, process.cwd()),
    ...(version ? { toolVersion: version } : {}),
    ...(docs ? { rulesDocsUri: docs } : {}),
  });
}

main().catch((e: unknown) => {
  // Never a silent success: anything unexpected fails the step, in one line without internal text;
  // the stack goes to the debug log (re-run the job with debug logging to see it).
  core.debug(e instanceof Error ? (e.stack ?? e.message) : String(e));
  core.setFailed('jixiao-lint: 内部错误：运行意外中止 / internal error: the run stopped unexpectedly (re-run with debug logging for the stack)');
});
