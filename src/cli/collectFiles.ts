import * as nodeFs from 'node:fs';
import { join } from 'node:path';
import { kindOf } from '../node/readRegularFile';

/** The file-system calls the walk makes; tests pass one that fails where they want. */
export interface WalkFs {
  statSync(path: string): nodeFs.Stats;
  lstatSync(path: string): nodeFs.Stats;
  readdirSync(path: string): string[];
}

/** An entry that could not be checked, with the reason in a few words. */
export interface Problem {
  readonly path: string;
  readonly message: string;
}

export interface Collected {
  readonly files: string[];
  readonly problems: Problem[];
}

const SKIP_DIRS = new Set(['node_modules', '__pycache__', '.git', '.hg', '.venv', 'venv', '.tox', '.mypy_cache', '.ipynb_checkpoints']);

function isChecked(name: string): boolean {
  return name.endsWith('.py') || name.endsWith('.ipynb');
}

function why(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  if (err.code === 'ENOENT') return 'no such file or directory';
  if (err.code === 'ELOOP') return 'symbolic link loop';
  if (err.code === 'EACCES' || err.code === 'EPERM') return `permission denied (${err.code})`;
  return err.message ?? String(e);
}

/**
 * The .py and .ipynb files under `paths` (an explicit file is taken whatever its name), in sorted
 * depth-first order. Nothing here throws: each entry that cannot be read is a problem and the walk
 * goes on. Symlinks are followed, but no folder or file is visited twice (so a link to an ancestor
 * ends there), and only regular files are listed: a FIFO or device named `x.py` is a problem, not
 * a file to block on.
 */
export function collectFiles(paths: readonly string[], fs: WalkFs = nodeFs): Collected {
  const files: string[] = [];
  const problems: Problem[] = [];
  const seen = new Set<string>();
  const firstVisit = (st: nodeFs.Stats): boolean => {
    const key = `${st.dev}:${st.ino}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  };
  const stat = (path: string): nodeFs.Stats | undefined => {
    try {
      return fs.statSync(path);
    } catch (e) {
      let dangling = false;
      try {
        dangling = (e as NodeJS.ErrnoException).code === 'ENOENT' && fs.lstatSync(path).isSymbolicLink();
      } catch {
        // Gone altogether: the first error says so.
      }
      problems.push({ path, message: dangling ? 'dangling symbolic link' : why(e) });
      return undefined;
    }
  };
  // The folders being listed, innermost last, each with the names still to visit (an explicit stack:
  // a deep tree must not overflow the call stack).
  const open: { dir: string; names: string[]; next: number }[] = [];
  const enter = (dir: string): void => {
    try {
      open.push({ dir, names: fs.readdirSync(dir).sort(), next: 0 });
    } catch (e) {
      problems.push({ path: dir, message: `cannot read folder: ${why(e)}` });
    }
  };
  const take = (path: string, st: nodeFs.Stats): void => {
    if (st.isDirectory()) {
      if (firstVisit(st)) enter(path);
    } else if (!st.isFile()) problems.push({ path, message: `${kindOf(st)}; only regular files are read` });
    else if (firstVisit(st)) files.push(path);
  };
  for (const p of paths) {
    const st = stat(p);
    if (st) take(p, st);
    while (open.length > 0) {
      const top = open[open.length - 1];
      if (top.next === top.names.length) {
        open.pop();
        continue;
      }
      const name = top.names[top.next++];
      if (SKIP_DIRS.has(name) || name.startsWith('.')) continue;
      const path = join(top.dir, name);
      const entry = stat(path);
      if (entry && (entry.isDirectory() || isChecked(name))) take(path, entry);
    }
  }
  return { files, problems };
}
