import { buildFacts, type Facts } from './facts';
import { ParsedDocument, type PythonGrammar, type TextChange } from './parse';
import type { SNode } from './syntax';

/**
 * What the extension keeps per open document: the syntax tree (reparsed incrementally on edits) and
 * the facts of its current version, computed lazily once per version.
 */
export class DocumentAnalysis {
  private parsed: ParsedDocument;
  private facts: Facts | undefined;
  private factsVersion = -1;

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

  /** Replaces the whole text when the caller can't describe the change. */
  replace(text: string): void {
    if (text !== this.parsed.text) this.parsed.replace(text);
  }

  getFacts(): Facts {
    if (!this.facts || this.factsVersion !== this.parsed.version) {
      this.facts = buildFacts(this.parsed.root);
      this.factsVersion = this.parsed.version;
    }
    return this.facts;
  }

  dispose(): void {
    this.parsed.dispose();
    this.facts = undefined;
  }
}
