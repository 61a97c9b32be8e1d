import { DidChangeWatchedFilesNotification, FileChangeType } from 'vscode-languageserver/node';
import type { ServerContext } from './context';
import { guardedNotification } from './guard';
import { isExcluded } from './pythonFiles';
import { workspacePathOf } from './uris';

const KIND = { [FileChangeType.Created]: 'created', [FileChangeType.Changed]: 'changed', [FileChangeType.Deleted]: 'deleted' } as const;

/**
 * Python files changed on disk (`workspace/didChangeWatchedFiles`): the modules importing them are
 * re-checked. An open buffer wins over the disk; a change to its file is usually its own save.
 */
export function register(ctx: ServerContext): { start(): Promise<void> } {
  const { connection, session } = ctx;
  connection.onDidChangeWatchedFiles(
    guardedNotification(ctx, 'workspace/didChangeWatchedFiles', ({ changes }) => {
      let any = false;
      for (const change of changes) {
        const path = workspacePathOf(change.uri);
        const kind = KIND[change.type as FileChangeType];
        if (!path || !kind || !/\.pyi?$/.test(path) || isExcluded(path, session.workspaceFolders)) continue;
        if (kind === 'changed' && session.isOpenPath(path)) continue;
        session.diskChanged(kind, path);
        any = true;
      }
      if (any) ctx.onWorkspaceChanged.fire();
    }),
  );
  return {
    async start() {
      if (ctx.client.watchedFilesRegistration) {
        await connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/*.{py,pyi}' }] });
      }
    },
  };
}
