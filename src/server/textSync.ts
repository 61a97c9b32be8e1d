import type { ServerContext } from './context';
import { guardedNotification } from './guard';

/** Python buffers only: a client may send every file it opens. */
function isPython(uri: string, languageId: string): boolean {
  return languageId === 'python' || /\.pyi?$/i.test(uri);
}

/** Open / incremental change / close of plain files; notebooks come through `notebooks.ts`. */
export function register(ctx: ServerContext): void {
  const { connection, session } = ctx;
  connection.onDidOpenTextDocument(
    guardedNotification(ctx, 'textDocument/didOpen', ({ textDocument: d }) => {
      if (!isPython(d.uri, d.languageId)) return;
      session.openFile(d.uri, d.languageId, d.version, d.text);
      ctx.onDocumentChanged.fire({ uri: d.uri, opened: true });
    }),
  );
  connection.onDidChangeTextDocument(
    guardedNotification(ctx, 'textDocument/didChange', ({ textDocument, contentChanges }) => {
      if (session.editFile(textDocument.uri, textDocument.version, contentChanges)) ctx.onDocumentChanged.fire({ uri: textDocument.uri, opened: false });
    }),
  );
  connection.onDidCloseTextDocument(
    guardedNotification(ctx, 'textDocument/didClose', ({ textDocument }) => {
      if (session.closeFile(textDocument.uri)) ctx.onDocumentsClosed.fire([textDocument.uri]);
    }),
  );
}
