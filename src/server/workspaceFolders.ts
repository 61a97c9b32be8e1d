import type { InitializeParams, WorkspaceFolder } from 'vscode-languageserver/node';
import type { ServerContext } from './context';
import { listPythonFiles, MAX_FILES } from './pythonFiles';
import { STRINGS } from './strings';
import { workspacePathOf } from './uris';

/** The workspace folders `initialize` names (or its older root), as workspace paths. */
export function initialFolders(params: InitializeParams): string[] {
  const folders: readonly { uri: string }[] = params.workspaceFolders ?? (params.rootUri ? [{ uri: params.rootUri }] : []);
  return folders.flatMap((f) => workspacePathOf(f.uri) ?? []);
}

/**
 * The workspace-wide pass: the folders' Python files are listed (with `$/progress` when the client
 * shows it) so callers of a module's functions can be found; repeated when the folders change.
 */
export function register(ctx: ServerContext): { start(): Promise<void> } {
  const { connection, session } = ctx;
  let generation = 0;

  const list = async () => {
    const mine = ++generation;
    const progress = ctx.client.workDoneProgress ? await connection.window.createWorkDoneProgress() : undefined;
    progress?.begin(STRINGS.indexing[ctx.locale()], undefined, undefined, false);
    const listing = await listPythonFiles(session.workspaceFolders, (done) => {
      if (done % 200 === 0) progress?.report(`${done} folders`);
    }, () => mine !== generation);
    progress?.done();
    if (mine !== generation) return;
    if (listing.truncated) ctx.log(`more than ${MAX_FILES} Python files in the workspace; callers are looked for among the first ${MAX_FILES}`);
    session.setFiles(listing.paths);
    ctx.onWorkspaceChanged.fire();
  };

  const folderChange = (added: readonly WorkspaceFolder[], removed: readonly WorkspaceFolder[]) => {
    const gone = new Set(removed.flatMap((f) => workspacePathOf(f.uri) ?? []));
    const next = [...session.workspaceFolders.filter((f) => !gone.has(f)), ...added.flatMap((f) => workspacePathOf(f.uri) ?? [])];
    session.setFolders(next);
    ctx.onWorkspaceChanged.fire();
    list().catch((e) => ctx.log('cannot list the workspace Python files', e));
  };

  return {
    async start() {
      if (ctx.client.workspaceFolders) {
        connection.workspace.onDidChangeWorkspaceFolders((e) => {
          try {
            folderChange(e.added, e.removed);
          } catch (err) {
            ctx.log('workspace folder change failed', err);
          }
        });
      }
      list().catch((e) => ctx.log('cannot list the workspace Python files', e));
    },
  };
}
