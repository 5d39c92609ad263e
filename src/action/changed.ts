/**
 * The files a pull request or a push changed, for the Action's `only-changed` input.
 *
 * - pull_request / pull_request_target: `git diff base...head` with the SHAs of the event
 *   payload (needs the history: actions/checkout with `fetch-depth: 0`); failing that,
 *   `git diff base HEAD`, which is exact for the merge commit actions/checkout checks out by
 *   default when the base commit is present (`fetch-depth: 2`).
 * - push: `git diff before after` when both commits are present; otherwise the added and
 *   modified files listed in the payload's commits (GitHub lists at most 2048 commits, so a
 *   longer push is "unknown").
 * - any other event (workflow_dispatch, schedule, …), a new branch or tag, a missing payload
 *   or git failing: unknown — the caller then lints everything and says why.
 *
 * Deleted files are left out (nothing to lint). Paths are absolute. git is asked for
 * NUL-separated, unquoted names (`-z`), so Chinese file names arrive as they are.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

export type ChangedFiles = { files: string[]; how: string } | { unknown: string };

export interface ChangedEnv {
  GITHUB_EVENT_NAME?: string;
  GITHUB_EVENT_PATH?: string;
  GITHUB_WORKSPACE?: string;
}

/** Run git in `cwd`; undefined when it fails. */
export type Git = (args: string[], cwd: string) => string | undefined;

export const runGit: Git = (args, cwd) => {
  try {
    return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 1 << 28 });
  } catch {
    return undefined;
  }
};

const ZERO_SHA = /^0+$/;

interface Payload {
  pull_request?: { base?: { sha?: string }; head?: { sha?: string } };
  before?: string;
  after?: string;
  created?: boolean;
  deleted?: boolean;
  commits?: Array<{ added?: string[]; modified?: string[] }>;
}

function diff(git: Git, root: string, range: string[]): string[] | undefined {
  const out = git(['-c', 'core.quotepath=off', 'diff', '--name-only', '--no-renames', '--diff-filter=d', '-z', ...range, '--'], root);
  if (out === undefined) return undefined;
  return out
    .split('\0')
    .filter((p) => p !== '')
    .map((p) => resolve(root, p));
}

/** The files changed by the event that started the workflow, or why they cannot be known. */
export function changedFiles(env: ChangedEnv, cwd: string, git: Git = runGit): ChangedFiles {
  const event = env.GITHUB_EVENT_NAME ?? '';
  if (!env.GITHUB_EVENT_PATH) return { unknown: 'no event payload (GITHUB_EVENT_PATH)' };
  let payload: Payload;
  try {
    payload = JSON.parse(readFileSync(env.GITHUB_EVENT_PATH, 'utf8')) as Payload;
  } catch {
    return { unknown: `cannot read the event payload ${env.GITHUB_EVENT_PATH}` };
  }
  const root = git(['rev-parse', '--show-toplevel'], cwd)?.trim() || resolve(env.GITHUB_WORKSPACE ?? cwd);

  if (event === 'pull_request' || event === 'pull_request_target') {
    const base = payload.pull_request?.base?.sha;
    const head = payload.pull_request?.head?.sha;
    if (!base || !head) return { unknown: `the ${event} payload has no base/head commits` };
    const three = diff(git, root, [`${base}...${head}`]);
    if (three) return { files: three, how: `git diff ${base.slice(0, 7)}...${head.slice(0, 7)}` };
    const two = diff(git, root, [base, 'HEAD']);
    if (two) return { files: two, how: `git diff ${base.slice(0, 7)} HEAD` };
    return { unknown: `the base commit ${base.slice(0, 7)} is not in the checkout (use actions/checkout with fetch-depth: 0)` };
  }

  if (event === 'push') {
    if (payload.deleted) return { files: [], how: 'a deleted branch' };
    const { before, after } = payload;
    if (before && after && !ZERO_SHA.test(before)) {
      const files = diff(git, root, [before, after]);
      if (files) return { files, how: `git diff ${before.slice(0, 7)} ${after.slice(0, 7)}` };
    }
    if (payload.created || !before || ZERO_SHA.test(before)) return { unknown: 'a new branch or tag: no earlier commit to compare with' };
    const commits = payload.commits;
    if (!Array.isArray(commits) || commits.length === 0 || commits.length >= 2048) {
      return { unknown: `the push payload does not list the changed files (fetch the history with fetch-depth: 0)` };
    }
    const set = new Set<string>();
    for (const c of commits) for (const p of [...(c.added ?? []), ...(c.modified ?? [])]) set.add(resolve(root, p));
    return { files: [...set], how: `the ${commits.length} commit(s) of the push` };
  }

  return { unknown: `a ${event || 'local'} run has no changed files to compare` };
}
