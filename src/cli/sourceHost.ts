import { resolve } from 'node:path';
import type { SourceHost } from '../analysis';
import { fileSystemHost as diskHost, toWorkspacePath } from '../node/fileSystemHost';

/** A path as the analyzer's workspace sees it: absolute, `/`-separated. */
export function workspacePath(p: string): string {
  return toWorkspacePath(resolve(p));
}

/** The disk as the analyzer's `SourceHost`; `files` are the Python files of the run (where callers are looked for). */
export function fileSystemHost(files: readonly string[] = []): SourceHost {
  return diskHost(() => files);
}
