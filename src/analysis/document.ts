import { StatementResults, VersionFacts } from './facts';
import { FileIndex } from './semantic/fileIndex';
import { ParsedDocument, type PythonGrammar, type TextChange } from './parse';
import { diffSpan } from './textSpans';
import type { SNode } from './syntax';
import type { ImportMap } from './semantic/imports';
import type { Workspace } from './workspace/workspace';

/** Where a document sits in a workspace, so its imports of workspace modules can be followed. */
export interface ModuleContext {
  readonly workspace: Workspace;
  /** Absolute, `/`-separated path of the file (a notebook's path for its joined cells). */
  readonly path: string;
}

/**
 * What the extension keeps per open document: the syntax tree (reparsed incrementally on edits) and
 * the facts of its current version, computed lazily once per version.
 */
export class DocumentAnalysis {
  private parsed: ParsedDocument;
  private facts: VersionFacts | undefined;
  private factsVersion = -1;
  private results = new StatementResults();
  /** The workspace tick the current facts were computed at. */
  private tick = -1;

  constructor(grammar: PythonGrammar, text: string, readonly context?: ModuleContext) {
    this.parsed = new ParsedDocument(grammar, text);
    this.tick = context?.workspace.tick ?? -1;
  }

  get text(): string {
    return this.parsed.text;
  }

  get root(): SNode {
    return this.parsed.root;
  }

  /** Why the text could not be read into a syntax tree, when it could not (see `ParsedDocument.failure`). */
  get failure(): unknown {
    return this.parsed.failure;
  }

  get version(): number {
    return this.parsed.version;
  }

  /** Applies editor changes (document offsets, in order) and reparses incrementally. */
  update(changes: readonly TextChange[]): void {
    this.parsed.update(changes);
  }

  /**
   * Replaces the whole text when the caller can't describe the change (notebooks re-join their cells):
   * the differing middle becomes one edit, so the work stays incremental.
   */
  replace(text: string): void {
    const old = this.parsed.text;
    if (text === old) return;
    const span = diffSpan(old, text);
    this.parsed.update([{ start: span.start, end: span.oldEnd, text: text.slice(span.start, span.newEnd) }]);
  }

  /** Names imported from workspace modules that hold a loss there, as loss-name seeds of the index. */
  private seeds(): ((imports: ImportMap) => ReadonlySet<string>) | undefined {
    const c = this.context;
    return c ? (imports) => c.workspace.importedLossNames(c.path, imports) : undefined;
  }

  /** Frees the parser and tree of a document nobody will edit (a module read from disk); its facts stay. */
  freeze(): void {
    this.parsed.dispose();
  }

  /**
   * The index of the current text, for its text-only facts (imports, bindings, local loss names): it
   * doesn't refresh what other modules lend, so modules importing each other can read each other's
   * while one of them is refreshing (a refresh reads the others' exports).
   */
  textIndex(): FileIndex {
    return this.facts && this.factsVersion === this.parsed.version ? this.facts.index : this.getFacts().index;
  }

  getFacts(): VersionFacts {
    const ws = this.context?.workspace;
    if (this.facts && ws && ws.tick !== this.tick) {
      // Another module changed: results that read it go, and no memoized value may outlive it.
      const previous = this.facts.index;
      const index = new FileIndex(this.parsed.root, { index: previous, removed: [], added: [] }, this.seeds());
      // A file appearing or vanishing can change where any import resolves: nothing is kept then.
      if (ws.structureChangedSince(this.tick)) this.results.advance(undefined);
      else this.results.dropModules(ws.changedSince(this.tick), this.context!.path);
      this.results.advance({ removed: [], summary: index.summarize(previous, [], []) });
      this.tick = ws.tick;
      this.facts = new VersionFacts(this.parsed.root, index, this.results, this.context);
    }
    if (!this.facts || this.factsVersion !== this.parsed.version) {
      const previous = this.facts;
      const change = this.parsed.takeChange();
      const step = previous && change ? { previous, change } : undefined;
      const index = new FileIndex(this.parsed.root, step && { index: step.previous.index, ...step.change }, this.seeds());
      this.results.advance(step && { removed: step.change.removed, summary: index.summarize(step.previous.index, step.change.removed, step.change.added) });
      this.facts = new VersionFacts(this.parsed.root, index, this.results, this.context);
      this.tick = ws?.tick ?? -1;
      this.factsVersion = this.parsed.version;
    }
    return this.facts;
  }

  dispose(): void {
    this.parsed.dispose();
    this.facts = undefined;
    this.results = new StatementResults();
  }
}
