import { opendir } from 'node:fs/promises';
import { join } from 'node:path';
import { toWorkspacePath } from '../node/fileSystemHost';

/** Folders whose Python files are not the project's own: environments, caches, tools' and hidden folders. */
const EXCLUDED_DIRS = new Set(['site-packages', 'node_modules', '__pycache__']);
export const MAX_FILES = 20_000;

/** Whether a workspace path lies under an excluded folder of a workspace folder (the watcher reports those too). */
export function isExcluded(path: string, folders: readonly string[]): boolean {
  const folder = folders.find((f) => path.startsWith(f.endsWith('/') ? f : `${f}/`));
  const rel = folder === undefined ? path : path.slice(folder.length);
  return rel.split('/').slice(0, -1).some((part) => part.startsWith('.') || EXCLUDED_DIRS.has(part));
}

export interface Listing {
  readonly paths: string[];
  /** True when MAX_FILES stopped the walk. */
  readonly truncated: boolean;
}

/**
 * The Python files under the workspace folders, as workspace paths: the callers of a module's
 * functions are looked for among them. Unreadable folders are skipped; `onFolder` reports progress.
 */
export async function listPythonFiles(folders: readonly string[], onFolder: (done: number) => void, cancelled: () => boolean): Promise<Listing> {
  const paths: string[] = [];
  const pending = [...folders];
  let done = 0;
  while (pending.length > 0 && paths.length < MAX_FILES && !cancelled()) {
    const dir = pending.pop()!;
    try {
      for await (const entry of await opendir(dir)) {
        if (entry.name.startsWith('.')) continue;
        const full = join(dir, entry.name);
        if (entry.isDirectory() && !EXCLUDED_DIRS.has(entry.name)) pending.push(full);
        else if (entry.isFile() && entry.name.endsWith('.py') && paths.length < MAX_FILES) paths.push(toWorkspacePath(full));
      }
    } catch {
      // A folder we may not read holds nothing we can analyse.
    }
    onFolder(++done);
  }
  return { paths, truncated: paths.length >= MAX_FILES };
}
