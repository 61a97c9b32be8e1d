import { fileURLToPath, pathToFileURL } from 'node:url';
import { toWorkspacePath } from '../node/fileSystemHost';

/** A `file:` URI as the analyzer's workspace path (absolute, `/`-separated); undefined for other schemes. */
export function workspacePathOf(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return toWorkspacePath(fileURLToPath(uri));
  } catch {
    return undefined;
  }
}

/** A workspace path as a `file:` URI. */
export function uriOfPath(path: string): string {
  return pathToFileURL(path).href;
}

/** A workspace path relative to the workspace folder holding it (as editors show it), else the path itself. */
export function displayPath(path: string, folders: readonly string[]): string {
  const folder = folders.filter((f) => path.startsWith(`${f.replace(/\/$/, '')}/`)).sort((a, b) => b.length - a.length)[0];
  return folder ? path.slice(folder.replace(/\/$/, '').length + 1) : path;
}
