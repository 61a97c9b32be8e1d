import { existsSync, readFileSync, statSync } from 'node:fs';
import { resolve, sep } from 'node:path';
import type { SourceHost } from '../analysis';

/** Modules larger than this are not read for cross-file facts (generated code, vendored data). */
const MAX_MODULE_BYTES = 4 * 1024 * 1024;

/** A path as the analyzer's workspace sees it: absolute, `/`-separated. */
export function workspacePath(p: string): string {
  return resolve(p).split(sep).join('/');
}

/**
 * The file system as the analyzer's `SourceHost`: regular files only, size-capped, never throwing.
 * `files` are the Python files of the run, where callers of a module's functions are looked for.
 */
export function fileSystemHost(files: readonly string[] = []): SourceHost {
  return {
    listFiles: () => files,
    readFile(path) {
      try {
        const st = statSync(path);
        if (!st.isFile() || st.size > MAX_MODULE_BYTES) return undefined;
        return readFileSync(path, 'utf8');
      } catch {
        return undefined;
      }
    },
    exists(path) {
      try {
        return existsSync(path);
      } catch {
        return false;
      }
    },
  };
}
