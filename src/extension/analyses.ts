import * as vscode from 'vscode';
import { DocumentAnalysis, joinCells, type JoinedCells, type PythonGrammar } from '../analysis';

/**
 * One DocumentAnalysis per open Python document, kept in step with edits (incremental reparse), and
 * one per notebook over its joined code cells. Hover and inline values ask here too, so a document is
 * parsed once for every feature.
 */
export class Analyses implements vscode.Disposable {
  private docs = new Map<string, { analysis: DocumentAnalysis; version: number }>();
  private notebooks = new Map<string, { analysis: DocumentAnalysis; joined: JoinedCells; cells: vscode.TextDocument[] }>();

  constructor(readonly grammar: PythonGrammar) {}

  /** The analysis of a plain Python document at its current version. */
  forDocument(doc: vscode.TextDocument): DocumentAnalysis {
    const key = doc.uri.toString();
    let entry = this.docs.get(key);
    if (!entry) {
      entry = { analysis: new DocumentAnalysis(this.grammar, doc.getText()), version: doc.version };
      this.docs.set(key, entry);
    } else if (entry.version !== doc.version) {
      entry.analysis.replace(doc.getText());
      entry.version = doc.version;
    }
    return entry.analysis;
  }

  /** Applies an edit event incrementally; `forDocument` would otherwise reparse the whole text. */
  applyChange(e: vscode.TextDocumentChangeEvent): void {
    const entry = this.docs.get(e.document.uri.toString());
    if (!entry || e.contentChanges.length === 0) return;
    // VS Code reports changes against the pre-edit text, last first when they don't overlap.
    const changes = [...e.contentChanges]
      .sort((a, b) => b.rangeOffset - a.rangeOffset)
      .map((c) => ({ start: c.rangeOffset, end: c.rangeOffset + c.rangeLength, text: c.text }));
    entry.analysis.update(changes);
    entry.version = e.document.version;
    // A cheap consistency check (getText() would copy the whole document on every keystroke).
    const doc = e.document;
    const length = doc.offsetAt(doc.lineAt(doc.lineCount - 1).range.end);
    if (entry.analysis.text.length !== length) entry.analysis.replace(doc.getText());
  }

  /** The analysis of a notebook's Python code cells, joined so imports in one cell reach the others. */
  forNotebook(nb: vscode.NotebookDocument): { analysis: DocumentAnalysis; joined: JoinedCells; cells: vscode.TextDocument[] } {
    const cells = nb.getCells().filter((c) => c.kind === vscode.NotebookCellKind.Code && c.document.languageId === 'python').map((c) => c.document);
    const joined = joinCells(cells.map((c) => c.getText()));
    const key = nb.uri.toString();
    let entry = this.notebooks.get(key);
    if (!entry) entry = { analysis: new DocumentAnalysis(this.grammar, joined.text), joined, cells };
    else entry.analysis.replace(joined.text);
    entry = { ...entry, joined, cells };
    this.notebooks.set(key, entry);
    return entry;
  }

  /**
   * The analysis covering `doc` and where `doc` starts in its text: a file's own, or for a notebook
   * cell the joined analysis of its notebook (so imports in one cell reach the others) and the cell's index.
   */
  covering(doc: vscode.TextDocument): { analysis: DocumentAnalysis; base: number; cell?: { joined: JoinedCells; index: number } } | undefined {
    if (doc.uri.scheme !== 'vscode-notebook-cell') return { analysis: this.forDocument(doc), base: 0 };
    const nb = vscode.workspace.notebookDocuments.find((n) => n.getCells().some((c) => c.document === doc));
    if (!nb) return undefined;
    const { analysis, joined, cells } = this.forNotebook(nb);
    const index = cells.indexOf(doc);
    return index < 0 ? undefined : { analysis, base: joined.starts[index] ?? 0, cell: { joined, index } };
  }

  close(uri: vscode.Uri): void {
    const key = uri.toString();
    this.docs.get(key)?.analysis.dispose();
    this.docs.delete(key);
    this.notebooks.get(key)?.analysis.dispose();
    this.notebooks.delete(key);
  }

  dispose(): void {
    for (const e of this.docs.values()) e.analysis.dispose();
    for (const e of this.notebooks.values()) e.analysis.dispose();
    this.docs.clear();
    this.notebooks.clear();
  }
}
