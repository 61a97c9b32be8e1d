import { existsSync, readFileSync, statSync } from 'node:fs';
import { sep } from 'node:path';
import type * as vscode from 'vscode';
import type { SourceHost } from '../analysis';

/** Modules larger than this are not read for cross-file facts (generated code, vendored data). */
const MAX_MODULE_BYTES = 4 * 1024 * 1024;

/**
 * A `file:` URI as the analyzer's workspace sees it: absolute and `/`-separated (`c:\x\y.py` becomes
 * `c:/x/y.py`); undefined for other schemes (untitled buffers, diff views), which stay outside it.
 */
export function workspacePath(uri: vscode.Uri): string | undefined {
  return uri.scheme === 'file' ? uri.fsPath.split(sep).join('/') : undefined;
}

/**
 * The disk as the analyzer's `SourceHost`: regular files only, size-capped, never throwing (open
 * editor buffers take precedence inside the analyzer's `Workspace`, not here). `listFiles` gives the
 * workspace's Python files, where callers of a module's functions are looked for.
 */
export function fileSystemHost(listFiles: () => readonly string[]): SourceHost {
  return {
    listFiles,
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
