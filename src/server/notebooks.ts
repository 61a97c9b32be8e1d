import { NotebookCellKind, NotebookDocuments, type NotebookDocument } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { ServerContext } from './context';

/**
 * LSP 3.17 notebook sync: a notebook's Python code cells are joined and analysed as one text (an
 * import in the first cell reaches a loss in the fifth); each cell gets its own findings.
 */
export function register(ctx: ServerContext): void {
  const { connection, session } = ctx;
  const notebooks = new NotebookDocuments(TextDocument);

  const codeCells = (nb: NotebookDocument): TextDocument[] =>
    nb.cells.flatMap((cell) => {
      const doc = cell.kind === NotebookCellKind.Code ? notebooks.getCellTextDocument(cell) : undefined;
      return doc && doc.languageId === 'python' ? [doc] : [];
    });

  const sync = (nb: NotebookDocument, opened: boolean) => {
    try {
      const before = session.notebook(nb.uri)?.cells.map((c) => c.uri) ?? [];
      const cells = codeCells(nb);
      session.syncNotebook(nb.uri, cells);
      const now = new Set(cells.map((c) => c.uri));
      const gone = before.filter((uri) => !now.has(uri));
      if (gone.length > 0) ctx.onDocumentsClosed.fire(gone);
      ctx.onDocumentChanged.fire({ uri: nb.uri, opened });
    } catch (e) {
      ctx.logOnce(`notebook:${String(e)}`, `cannot analyse notebook ${nb.uri}`, e);
    }
  };

  notebooks.onDidOpen((nb) => sync(nb, true));
  notebooks.onDidChange((e) => sync(e.notebookDocument, false));
  notebooks.onDidClose((nb) => {
    const cells = session.closeNotebook(nb.uri).map((c) => c.uri);
    ctx.onDocumentsClosed.fire(cells);
  });
  notebooks.listen(connection);
}
