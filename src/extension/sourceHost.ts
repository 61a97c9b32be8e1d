import type * as vscode from 'vscode';
import { toWorkspacePath } from '../node/fileSystemHost';

export { fileSystemHost } from '../node/fileSystemHost';

/**
 * A `file:` URI as the analyzer's workspace sees it: absolute and `/`-separated (`c:\x\y.py` becomes
 * `c:/x/y.py`); undefined for other schemes (untitled buffers, diff views), which stay outside it.
 * Open editor buffers take precedence over the disk inside the analyzer's `Workspace`.
 */
export function workspacePath(uri: vscode.Uri): string | undefined {
  return uri.scheme === 'file' ? toWorkspacePath(uri.fsPath) : undefined;
}
