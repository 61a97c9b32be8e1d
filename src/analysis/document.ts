import { StatementResults, VersionFacts } from './facts';
import { FileIndex } from './semantic/fileIndex';
import { ParsedDocument, type PythonGrammar, type TextChange } from './parse';
import { diffSpan } from './textSpans';
import type { SNode } from './syntax';

/**
 * What the extension keeps per open document: the syntax tree (reparsed incrementally on edits) and
 * the facts of its current version, computed lazily once per version.
 */
export class DocumentAnalysis {
  private parsed: ParsedDocument;
  private facts: VersionFacts | undefined;
  private factsVersion = -1;
  private results = new StatementResults();

  constructor(grammar: PythonGrammar, text: string) {
    this.parsed = new ParsedDocument(grammar, text);
  }

  get text(): string {
    return this.parsed.text;
  }

  get root(): SNode {
    return this.parsed.root;
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

  getFacts(): VersionFacts {
    if (!this.facts || this.factsVersion !== this.parsed.version) {
      const previous = this.facts;
      const change = this.parsed.takeChange();
      const step = previous && change ? { previous, change } : undefined;
      const index = new FileIndex(this.parsed.root, step && { index: step.previous.index, ...step.change });
      this.results.advance(step && { removed: step.change.removed, summary: index.summarize(step.previous.index, step.change.removed, step.change.added) });
      this.facts = new VersionFacts(this.parsed.root, index, this.results);
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
