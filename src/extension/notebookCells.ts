import * as vscode from 'vscode';

function isNotebookCell(doc: vscode.TextDocument): boolean {
  return doc.uri.scheme === 'vscode-notebook-cell';
}

function holds(nb: vscode.NotebookDocument, doc: vscode.TextDocument): boolean {
  return nb.getCells().some((c) => c.document === doc);
}

/**
 * The open notebook a cell document belongs to; undefined for a plain file. A cell's URI carries its
 * notebook's path, so the notebook is looked for there first and every notebook is searched only when
 * that misses.
 */
export function notebookOf(doc: vscode.TextDocument): vscode.NotebookDocument | undefined {
  if (!isNotebookCell(doc)) return undefined;
  const notebooks = vscode.workspace.notebookDocuments;
  return notebooks.find((nb) => nb.uri.path === doc.uri.path && holds(nb, doc)) ?? notebooks.find((nb) => holds(nb, doc));
}
