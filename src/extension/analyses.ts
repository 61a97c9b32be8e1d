import * as vscode from 'vscode';
import { DocumentAnalysis, Workspace, joinCells, type JoinedCells, type PythonGrammar, type TextChange } from '../analysis';
import { isNotebookCell, notebookOf, pythonCells } from './notebookCells';
import { PythonFiles, type FileEvent } from './pythonFiles';
import { fileSystemHost, workspacePath } from './sourceHost';

interface DocEntry {
  readonly analysis: DocumentAnalysis;
  version: number;
  /** The file's path in the workspace; undefined for untitled buffers, which are analysed alone. */
  readonly path: string | undefined;
}

interface NotebookEntry {
  readonly analysis: DocumentAnalysis;
  readonly joined: JoinedCells;
  readonly cells: readonly vscode.TextDocument[];
  /** The version of each cell when `joined` was made: an unchanged notebook is not joined again. */
  readonly versions: readonly number[];
  /** Each cell's index in `cells`, so a cell finds its place without a search. */
  readonly indexOf: ReadonlyMap<vscode.TextDocument, number>;
}

function sameCells(entry: NotebookEntry, cells: readonly vscode.TextDocument[]): boolean {
  return entry.cells.length === cells.length && cells.every((c, i) => entry.cells[i] === c && entry.versions[i] === c.version);
}

/**
 * One DocumentAnalysis per open Python document, kept in step with edits (incremental reparse), and
 * one per notebook over its joined code cells. Hover and inline values ask here too, so a document is
 * parsed once for every feature. Files on disk and notebooks share one analyzer `Workspace`, so their
 * imports of workspace modules are followed, with open buffers in place of the files they edit.
 */
export class Analyses implements vscode.Disposable {
  private docs = new Map<string, DocEntry>();
  private notebooks = new Map<string, NotebookEntry>();
  private readonly files = new PythonFiles();
  private readonly workspace: Workspace;
  private readonly emitter = new vscode.EventEmitter<void>();
  /** Fires when Python files changed on disk (or the file list arrived): open documents may be stale. */
  readonly onDidChangeFiles = this.emitter.event;
  private readonly subscription: vscode.Disposable;

  constructor(readonly grammar: PythonGrammar) {
    this.workspace = this.newWorkspace();
    this.subscription = this.files.onDidChange((e) => this.fileChanged(e));
  }

  /** Grows on every change to a workspace module: a document analysed at an older tick may be stale. */
  get tick(): number {
    return this.workspace.tick;
  }

  private newWorkspace(): Workspace {
    const folders = (vscode.workspace.workspaceFolders ?? []).flatMap((f) => workspacePath(f.uri) ?? []);
    return new Workspace(this.grammar, fileSystemHost(() => this.files.list()), folders);
  }

  private fileChanged(e: FileEvent): void {
    // An open buffer wins over the disk; a change to its file is usually its own save.
    if (e.kind === 'changed' && [...this.docs.values()].some((d) => d.path === e.path)) return;
    // Results computed before the list arrived looked for callers in no other file: `created()` drops them.
    if (e.kind === 'listed') this.workspace.created();
    else if (e.kind === 'changed') this.workspace.changed(e.path);
    else this.workspace.created(e.path);
    this.emitter.fire();
  }

  /** The analysis of a plain Python document at its current version. */
  forDocument(doc: vscode.TextDocument): DocumentAnalysis {
    const key = doc.uri.toString();
    let entry = this.docs.get(key);
    if (!entry) {
      const path = workspacePath(doc.uri);
      const analysis = path ? this.workspace.open(path, doc.getText()) : new DocumentAnalysis(this.grammar, doc.getText());
      entry = { analysis, version: doc.version, path };
      this.docs.set(key, entry);
    } else if (entry.version !== doc.version) {
      this.replace(entry, doc.getText());
      entry.version = doc.version;
    }
    return entry.analysis;
  }

  /** Applies an edit event incrementally; `forDocument` would otherwise reparse the whole text. */
  applyChange(e: vscode.TextDocumentChangeEvent): void {
    const entry = this.docs.get(e.document.uri.toString());
    if (!entry || e.contentChanges.length === 0) return;
    // VS Code reports changes against the pre-edit text, last first when they don't overlap.
    const changes: TextChange[] = [...e.contentChanges]
      .sort((a, b) => b.rangeOffset - a.rangeOffset)
      .map((c) => ({ start: c.rangeOffset, end: c.rangeOffset + c.rangeLength, text: c.text }));
    if (entry.path) this.workspace.edit(entry.path, changes);
    else entry.analysis.update(changes);
    entry.version = e.document.version;
    // A cheap consistency check (getText() would copy the whole document on every keystroke).
    const doc = e.document;
    const length = doc.offsetAt(doc.lineAt(doc.lineCount - 1).range.end);
    if (entry.analysis.text.length !== length) this.replace(entry, doc.getText());
  }

  /** Through the workspace for a file, so the modules importing it see the new text. */
  private replace(entry: DocEntry, text: string): void {
    if (entry.path) this.workspace.open(entry.path, text);
    else entry.analysis.replace(text);
  }

  /**
   * The analysis of a notebook's Python code cells, joined so imports in one cell reach the others.
   * Hover, inline values and lenses ask once per cell: the cells are joined again only after a change.
   */
  forNotebook(nb: vscode.NotebookDocument): NotebookEntry {
    const cells = pythonCells(nb);
    const key = nb.uri.toString();
    const known = this.notebooks.get(key);
    if (known && sameCells(known, cells)) return known;
    const joined = joinCells(cells.map((c) => c.getText()));
    let analysis = known?.analysis;
    if (analysis) analysis.replace(joined.text);
    else {
      const path = workspacePath(nb.uri);
      analysis = new DocumentAnalysis(this.grammar, joined.text, path ? { workspace: this.workspace, path } : undefined);
    }
    const entry: NotebookEntry = { analysis, joined, cells, versions: cells.map((c) => c.version), indexOf: new Map(cells.map((c, i) => [c, i])) };
    this.notebooks.set(key, entry);
    return entry;
  }

  /**
   * The analysis covering `doc` and where `doc` starts in its text: a file's own, or for a notebook
   * cell the joined analysis of its notebook (so imports in one cell reach the others) and the cell's index.
   */
  covering(doc: vscode.TextDocument): { analysis: DocumentAnalysis; base: number; cell?: { joined: JoinedCells; index: number } } | undefined {
    if (!isNotebookCell(doc)) return { analysis: this.forDocument(doc), base: 0 };
    const nb = notebookOf(doc);
    if (!nb) return undefined;
    const { analysis, joined, indexOf } = this.forNotebook(nb);
    const index = indexOf.get(doc);
    return index === undefined ? undefined : { analysis, base: joined.starts[index] ?? 0, cell: { joined, index } };
  }

  close(uri: vscode.Uri): void {
    const key = uri.toString();
    const doc = this.docs.get(key);
    if (doc?.path) this.workspace.close(doc.path);
    else doc?.analysis.dispose();
    this.docs.delete(key);
    this.notebooks.get(key)?.analysis.dispose();
    this.notebooks.delete(key);
  }

  /** Forgets every document; the workspace frees the open files' analyses itself. */
  private clear(): void {
    for (const e of this.docs.values()) if (!e.path) e.analysis.dispose();
    for (const e of this.notebooks.values()) e.analysis.dispose();
    this.docs.clear();
    this.notebooks.clear();
    this.workspace.dispose();
  }

  dispose(): void {
    this.clear();
    this.subscription.dispose();
    this.files.dispose();
    this.emitter.dispose();
  }
}
