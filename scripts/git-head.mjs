// Build from the committed sources: `--head` in scripts/build-web.mjs and src/action/build.mjs
// bundles git HEAD instead of the working tree, so that a dist/ file committed while others
// have edits in progress matches what is committed.
import { execFileSync } from 'node:child_process';
import { relative, sep } from 'node:path';

/** The text of a project file at git HEAD (`rel` with forward slashes). */
export function readAtHead(root, rel) {
  return execFileSync('git', ['show', `HEAD:${rel}`], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 26 });
}

/** An esbuild plugin serving the project's own sources (src/**.ts) from git HEAD; dependencies still come from node_modules. */
export function gitHeadPlugin(root) {
  return {
    name: 'git-head',
    setup(b) {
      b.onLoad({ filter: /\.ts$/ }, (args) => {
        const rel = relative(root, args.path).split(sep).join('/');
        if (!rel.startsWith('src/')) return undefined;
        return { contents: readAtHead(root, rel), loader: 'ts' };
      });
    },
  };
}
