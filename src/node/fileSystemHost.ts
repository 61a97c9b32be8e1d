import { existsSync } from 'node:fs';
import { sep } from 'node:path';
import type { SourceHost } from '../analysis';
import { readRegularFile } from './readRegularFile';
import { decodeSource } from './sourceText';

/** Modules larger than this are not read for cross-file facts (generated code, vendored data). */
const MAX_MODULE_BYTES = 4 * 1024 * 1024;

/** An absolute native path as the analyzer's workspace sees it: `/`-separated (`c:\x\y.py` → `c:/x/y.py`). */
export function toWorkspacePath(absolute: string): string {
  return absolute.split(sep).join('/');
}

/**
 * The disk as the analyzer's `SourceHost`, for the CLI and the editor alike: regular files only,
 * size-capped, never throwing. `listFiles` gives the workspace's Python files, where callers of a
 * module's functions are looked for.
 */
export function fileSystemHost(listFiles: () => readonly string[]): SourceHost {
  return {
    listFiles,
    readFile(path) {
      try {
        // Decoded as Python decodes it (PEP 263), so a Latin-1 module's names read right.
        const src = decodeSource(readRegularFile(path, MAX_MODULE_BYTES));
        return src.kind === 'notText' ? undefined : src.text;
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
