// `require` form on purpose: esbuild then bundles web-tree-sitter's CommonJS build; its ESM build reads
// `import.meta.url`, which is empty in our CommonJS bundles.
import TreeSitter = require('web-tree-sitter');
import type { Point, Tree } from 'web-tree-sitter';

const { Edit, Language, Parser } = TreeSitter;
type Language = InstanceType<typeof TreeSitter.Language>;
type Parser = InstanceType<typeof TreeSitter.Parser>;
import { SyntaxCopier, type SNode } from './syntax';

/** The bytes the analyzer needs; the caller (extension or CLI) reads them, so analysis does no IO. */
export interface GrammarBytes {
  /** `web-tree-sitter.wasm`, the runtime. */
  readonly runtime: Uint8Array;
  /** `tree-sitter-python.wasm`, the Python grammar. */
  readonly python: Uint8Array;
}

/** A ready Python parser factory; create it once per process with `loadPython`. */
export interface PythonGrammar {
  readonly language: Language;
}

let runtimeReady: Promise<void> | undefined;

export async function loadPython(bytes: GrammarBytes): Promise<PythonGrammar> {
  runtimeReady ??= Parser.init({ wasmBinary: bytes.runtime } as never);
  await runtimeReady;
  const language = await Language.load(bytes.python);
  return { language };
}

/** One text change in document offsets, as editors report them. */
export interface TextChange {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

/**
 * A document's syntax kept between edits: `update` applies edits to the old tree and reparses
 * incrementally, then refreshes the plain copy, re-copying only the statements whose text changed.
 */
export class ParsedDocument {
  private parser: Parser;
  private tree: Tree | null = null;
  private copier = new SyntaxCopier();
  private _text = '';
  private _root: SNode | undefined;
  /** Bumped on every update so analyses can be cached against it. */
  version = 0;

  constructor(grammar: PythonGrammar, text = '') {
    this.parser = new Parser();
    this.parser.setLanguage(grammar.language);
    this.replace(text);
  }

  get text(): string {
    return this._text;
  }

  get root(): SNode {
    return this._root!;
  }

  /** Replaces the whole text (a fresh parse). */
  replace(text: string): void {
    this.tree?.delete();
    this.tree = null;
    this.reparse(text);
  }

  /** Applies changes in order (each in the coordinates of the text after the previous one). */
  update(changes: readonly TextChange[]): void {
    let text = this._text;
    for (const ch of changes) {
      const start = clamp(ch.start, 0, text.length);
      const end = clamp(ch.end, start, text.length);
      const next = text.slice(0, start) + ch.text + text.slice(end);
      this.tree?.edit(
        new Edit({
          startIndex: start,
          oldEndIndex: end,
          newEndIndex: start + ch.text.length,
          startPosition: pointAt(text, start),
          oldEndPosition: pointAt(text, end),
          newEndPosition: pointAt(next, start + ch.text.length),
        }),
      );
      text = next;
    }
    this.reparse(text);
  }

  dispose(): void {
    this.tree?.delete();
    this.tree = null;
    this.parser.delete();
  }

  private reparse(text: string): void {
    const old = this.tree;
    let tree: Tree | null = null;
    try {
      // A callback instead of the string: an incremental reparse then reads only the edited region
      // instead of copying the whole document into wasm memory on every keystroke.
      tree = old ? this.parser.parse((i) => (i < text.length ? text.slice(i, i + 4096) : undefined), old) : this.parser.parse(text);
    } catch {
      tree = null;
    }
    old?.delete();
    this.tree = tree;
    this._text = text;
    this.version++;
    try {
      this._root = tree ? this.copier.copy(tree, text) : emptyRoot(text);
    } catch {
      // Pathological nesting can exhaust the stack while copying; such a file gets no findings.
      this.copier = new SyntaxCopier();
      this._root = emptyRoot(text);
    }
  }
}

function clamp(x: number, lo: number, hi: number): number {
  return Math.min(Math.max(Number.isFinite(x) ? x : lo, lo), hi);
}

/** Row/column (UTF-16 units, as web-tree-sitter counts them) of an offset. */
export function pointAt(text: string, offset: number): Point {
  let row = 0;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    row++;
    lineStart = i + 1;
  }
  return { row, column: offset - lineStart };
}

function emptyRoot(text: string): SNode {
  return { type: 'module', named: true, field: null, start: 0, end: 0, children: [], parent: null, chunk: { text, base: 0, parent: null, generation: 0 } };
}
