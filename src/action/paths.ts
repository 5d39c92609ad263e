/**
 * The Action writes its report files (`outputs: sarif=results.sarif`) only inside the
 * workspace: a pull request controls both the workflow's files and what is committed, so a
 * path that leads out of the checkout — by `..`, by an absolute path, or through a folder or
 * file symlink committed in the pull request — or onto something that is not a regular file (a
 * FIFO, a device, a folder) is refused with one line, and the step fails. Checked on the path
 * as the file system resolves it: every existing part of it, links followed, must stay inside
 * the workspace's real path.
 */
import { lstatSync, realpathSync, type Stats } from 'node:fs';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import type { Lang } from '../types.js';

function inside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' ? false : !rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel);
}

function lstat(path: string): Stats | undefined {
  try {
    return lstatSync(path);
  } catch {
    return undefined;
  }
}

function kindOf(st: Stats): { zh: string; en: string } {
  if (st.isDirectory()) return { zh: '文件夹', en: 'a folder' };
  if (st.isFIFO()) return { zh: '命名管道（FIFO）', en: 'a FIFO' };
  if (st.isCharacterDevice() || st.isBlockDevice()) return { zh: '设备文件', en: 'a device' };
  if (st.isSocket()) return { zh: '套接字', en: 'a socket' };
  return { zh: '特殊文件', en: 'a special file' };
}

/**
 * Why the report file `file` (as the workflow wrote it) may not be written from the workspace
 * `workspace`, as one line in `lang`; null when it may.
 */
export function outputRefusal(workspace: string, file: string, lang: Lang): string | null {
  const say = (zh: string, en: string) => (lang === 'zh' ? `outputs：不写入 ${file}：${zh}` : `outputs: ${file} is not written: ${en}`);
  let root: string;
  try {
    root = realpathSync(workspace);
  } catch {
    return say('工作区不存在', 'the workspace does not exist');
  }
  const target = resolve(workspace, file);
  // as written: `..` and absolute paths
  if (!inside(resolve(workspace), target)) return say('路径在工作区之外', 'the path is outside the workspace');
  // as the file system resolves it: the nearest existing folder, symlinks followed
  let existing = dirname(target);
  while (lstat(existing) === undefined && dirname(existing) !== existing) existing = dirname(existing);
  let real: string;
  try {
    real = realpathSync(existing);
  } catch {
    return say('路径无法解析', 'the path cannot be resolved');
  }
  if (real !== root && !inside(root, real)) return say('路径经符号链接指向工作区之外', 'the path leads outside the workspace through a symbolic link');
  const st = lstat(target);
  if (st === undefined) return null;
  if (st.isSymbolicLink()) {
    let to: string;
    try {
      to = realpathSync(target);
    } catch {
      return say('是指向不存在位置的符号链接', 'it is a dangling symbolic link');
    }
    if (!inside(root, to)) return say('是指向工作区之外的符号链接', 'it is a symbolic link leading outside the workspace');
    const linked = lstat(to);
    if (linked && !linked.isFile()) return say(`符号链接指向的不是普通文件（是${kindOf(linked).zh}）`, `the symbolic link leads to ${kindOf(linked).en}, not a regular file`);
    return null;
  }
  if (!st.isFile()) return say(`不是普通文件（是${kindOf(st).zh}）`, `it is ${kindOf(st).en}, not a regular file`);
  return null;
}
