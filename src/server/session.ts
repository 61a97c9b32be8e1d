import type { TextDocumentContentChangeEvent } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DocumentAnalysis, Workspace, joinCells, type JoinedCells, type PythonGrammar, type TextChange } from '../analysis';
import { fileSystemHost } from '../node/fileSystemHost';
import { workspacePathOf } from './uris';

interface OpenFile {
  text: TextDocument;
  readonly analysis: DocumentAnalysis;
  /** The file's workspace path; undefined for untitled buffers, which are analysed alone. */
  readonly path: string | undefined;
}

interface OpenNotebook {
  readonly analysis: DocumentAnalysis;
  joined: JoinedCells;
  /** The notebook's Python code cells, in order. */
  cells: readonly TextDocument[];
}

/** What answers a request about one document: the analysis covering it and where the document starts in its text. */
export interface Covered {
  readonly analysis: DocumentAnalysis;
  /** The document the request is about: a file, or one notebook cell. */
  readonly document: TextDocument;
  /** Offset of the document in the analysed text: 0 for a file, the cell's start in a notebook's joined cells. */
  readonly base: number;
  readonly cell?: { readonly joined: JoinedCells; readonly index: number; readonly notebook: string };
}

/**
 * The analysis state of the workspace: one analyzer `Workspace` over the disk (open buffers in place
 * of their files), one analysis per open file and per open notebook (its code cells joined, so an
 * import in one cell reaches the others). Owned by the server context; every feature asks here.
 */
export class Session {
  private readonly files = new Map<string, OpenFile>();
  private readonly notebooks = new Map<string, OpenNotebook>();
  /** Cell URI → notebook URI. */
  private readonly cellOwners = new Map<string, string>();
  private workspace: Workspace;
  private paths: readonly string[] = [];

  constructor(
    readonly grammar: PythonGrammar,
    private folders: readonly string[],
  ) {
    this.workspace = this.newWorkspace();
  }

  private newWorkspace(): Workspace {
    return new Workspace(this.grammar, fileSystemHost(() => this.paths), this.folders);
  }

  get workspaceFolders(): readonly string[] {
    return this.folders;
  }

  /** Grows on every change to a workspace module: a document analysed at an older tick may be stale. */
  get tick(): number {
    return this.workspace.tick;
  }

  openFile(uri: string, languageId: string, version: number, text: string): void {
    this.closeFile(uri);
    const doc = TextDocument.create(uri, languageId, version, text);
    const path = workspacePathOf(uri);
    const analysis = path ? this.workspace.open(path, text) : new DocumentAnalysis(this.grammar, text);
    this.files.set(uri, { text: doc, analysis, path });
  }

  /** Applies LSP changes in order (each against the text the previous one left), reparsing incrementally. */
  editFile(uri: string, version: number, changes: readonly TextDocumentContentChangeEvent[]): boolean {
    const entry = this.files.get(uri);
    if (!entry) return false;
    let doc = entry.text;
    const edits: TextChange[] = [];
    let whole = false;
    for (const c of changes) {
      if ('range' in c) edits.push({ start: doc.offsetAt(c.range.start), end: doc.offsetAt(c.range.end), text: c.text });
      else whole = true;
      doc = TextDocument.update(doc, [c], version);
    }
    entry.text = doc;
    const text = doc.getText();
    if (whole || edits.length === 0) this.replace(entry, text);
    else if (entry.path) this.workspace.edit(entry.path, edits);
    else entry.analysis.update(edits);
    if (entry.analysis.text !== text) this.replace(entry, text);
    return true;
  }

  /** Through the workspace for a file, so the modules importing it see the new text. */
  private replace(entry: OpenFile, text: string): void {
    if (entry.path) this.workspace.open(entry.path, text);
    else entry.analysis.replace(text);
  }

  closeFile(uri: string): boolean {
    const entry = this.files.get(uri);
    if (!entry) return false;
    if (entry.path) this.workspace.close(entry.path);
    else entry.analysis.dispose();
    this.files.delete(uri);
    return true;
  }

  isOpenPath(path: string): boolean {
    return [...this.files.values()].some((f) => f.path === path);
  }

  /** A notebook opened or changed: its Python code cells, in order, are joined and analysed again. */
  syncNotebook(uri: string, cells: readonly TextDocument[]): void {
    const joined = joinCells(cells.map((c) => c.getText()));
    const old = this.notebooks.get(uri);
    for (const [cell, owner] of this.cellOwners) if (owner === uri) this.cellOwners.delete(cell);
    for (const c of cells) this.cellOwners.set(c.uri, uri);
    if (old) {
      old.analysis.replace(joined.text);
      old.joined = joined;
      old.cells = cells;
      return;
    }
    const path = workspacePathOf(uri);
    const analysis = new DocumentAnalysis(this.grammar, joined.text, path ? { workspace: this.workspace, path } : undefined);
    this.notebooks.set(uri, { analysis, joined, cells });
  }

  closeNotebook(uri: string): readonly TextDocument[] {
    const nb = this.notebooks.get(uri);
    if (!nb) return [];
    nb.analysis.dispose();
    this.notebooks.delete(uri);
    for (const [cell, owner] of this.cellOwners) if (owner === uri) this.cellOwners.delete(cell);
    return nb.cells;
  }

  /** The analysis answering requests about a file or a notebook cell. */
  covering(uri: string): Covered | undefined {
    const file = this.files.get(uri);
    if (file) return { analysis: file.analysis, document: file.text, base: 0 };
    const owner = this.cellOwners.get(uri);
    const nb = owner === undefined ? undefined : this.notebooks.get(owner);
    if (!owner || !nb) return undefined;
    const index = nb.cells.findIndex((c) => c.uri === uri);
    if (index < 0) return undefined;
    return { analysis: nb.analysis, document: nb.cells[index], base: nb.joined.starts[index] ?? 0, cell: { joined: nb.joined, index, notebook: owner } };
  }

  openFiles(): string[] {
    return [...this.files.keys()];
  }

  openNotebooks(): string[] {
    return [...this.notebooks.keys()];
  }

  /** The notebook's analysis and its Python code cells. */
  notebook(uri: string): { analysis: DocumentAnalysis; joined: JoinedCells; cells: readonly TextDocument[] } | undefined {
    return this.notebooks.get(uri);
  }

  /** The notebook holding a cell, by the cell's URI. */
  notebookOf(cellUri: string): string | undefined {
    return this.cellOwners.get(cellUri);
  }

  /** The workspace's Python files were listed: callers are now looked for among them. */
  setFiles(paths: readonly string[]): void {
    this.paths = paths;
    this.workspace.created();
  }

  /** A Python file changed on disk (an open buffer still wins), or appeared, or went away. */
  diskChanged(kind: 'created' | 'changed' | 'deleted', path: string): void {
    if (kind === 'changed') return this.workspace.changed(path);
    if (kind === 'created' && !this.paths.includes(path)) this.paths = [...this.paths, path];
    if (kind === 'deleted') this.paths = this.paths.filter((p) => p !== path);
    this.workspace.created(path);
  }

  /** The workspace folders changed: a new analyzer workspace, the open documents reopened in it. */
  setFolders(folders: readonly string[]): void {
    const files = [...this.files.values()];
    const notebooks = [...this.notebooks.entries()];
    this.clear();
    this.folders = folders;
    this.workspace = this.newWorkspace();
    for (const f of files) this.openFile(f.text.uri, f.text.languageId, f.text.version, f.text.getText());
    for (const [uri, nb] of notebooks) this.syncNotebook(uri, nb.cells);
  }

  private clear(): void {
    for (const f of this.files.values()) if (!f.path) f.analysis.dispose();
    for (const nb of this.notebooks.values()) nb.analysis.dispose();
    this.files.clear();
    this.notebooks.clear();
    this.cellOwners.clear();
    this.workspace.dispose();
  }

  dispose(): void {
    this.clear();
  }
}
