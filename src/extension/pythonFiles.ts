import * as vscode from 'vscode';
import { workspacePath } from './sourceHost';

/** Folders whose Python files are not the project's own: environments, caches, tools' and hidden folders. */
const EXCLUDE = '{**/.venv/**,**/site-packages/**,**/node_modules/**,**/__pycache__/**,**/.*/**}';
/** The same folders, for paths relative to a workspace folder (what the watcher reports). */
const EXCLUDED = /(?:^|\/)(?:\.[^/]*|site-packages|node_modules|__pycache__)\//;
const MAX_FILES = 20_000;

/** A Python file created, changed or deleted on disk; `listed` once, when the first search found files. */
export type FileEvent = { readonly kind: 'created' | 'changed' | 'deleted'; readonly path: string } | { readonly kind: 'listed' };

/**
 * The workspace's Python files as the analyzer's paths: searched once, then kept current by a file
 * watcher. Files under excluded folders are neither listed nor reported (a `pip install` into `.venv`
 * must not re-run the analysis of every open document thousands of times).
 */
export class PythonFiles implements vscode.Disposable {
  private readonly paths = new Set<string>();
  /** `paths` as an array, rebuilt only after a change: the analyzer asks for it on every caller lookup. */
  private snapshot: readonly string[] | undefined;
  private readonly emitter = new vscode.EventEmitter<FileEvent>();
  readonly onDidChange = this.emitter.event;
  private readonly disposables: vscode.Disposable[];
  private disposed = false;

  constructor() {
    const watcher = vscode.workspace.createFileSystemWatcher('**/*.py');
    this.disposables = [
      this.emitter,
      watcher,
      watcher.onDidCreate((uri) => this.report(uri, 'created')),
      watcher.onDidChange((uri) => this.report(uri, 'changed')),
      watcher.onDidDelete((uri) => this.report(uri, 'deleted')),
    ];
    vscode.workspace.findFiles('**/*.py', EXCLUDE, MAX_FILES).then(
      (uris) => {
        if (this.disposed || uris.length === 0) return;
        for (const uri of uris) {
          const path = workspacePath(uri);
          if (path) this.paths.add(path);
        }
        this.snapshot = undefined;
        this.emitter.fire({ kind: 'listed' });
      },
      (e) => console.error('loss-lens: cannot list the workspace Python files', e),
    );
  }

  list(): readonly string[] {
    return (this.snapshot ??= [...this.paths]);
  }

  private report(uri: vscode.Uri, kind: 'created' | 'changed' | 'deleted'): void {
    const path = workspacePath(uri);
    if (!path || EXCLUDED.test(vscode.workspace.asRelativePath(uri, false))) return;
    if (kind === 'created') this.paths.add(path);
    if (kind === 'deleted') this.paths.delete(path);
    if (kind !== 'changed') this.snapshot = undefined;
    this.emitter.fire({ kind, path });
  }

  dispose(): void {
    this.disposed = true;
    for (const d of this.disposables) d.dispose();
  }
}
