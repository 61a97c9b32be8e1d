import * as vscode from 'vscode';

export function isNotebookCell(doc: vscode.TextDocument): boolean {
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

/** A notebook's Python code cells, in order: what the analyzer joins into one text. */
export function pythonCells(nb: vscode.NotebookDocument): vscode.TextDocument[] {
  return nb.getCells().filter((c) => c.kind === vscode.NotebookCellKind.Code && c.document.languageId === 'python').map((c) => c.document);
}
