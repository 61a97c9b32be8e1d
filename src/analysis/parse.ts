// `require` form on purpose: esbuild then bundles web-tree-sitter's CommonJS build; its ESM build reads
// `import.meta.url`, which is empty in our CommonJS bundles.
import TreeSitter = require('web-tree-sitter');
import type { Tree } from 'web-tree-sitter';

const { Edit, Language, Parser } = TreeSitter;
type Language = InstanceType<typeof TreeSitter.Language>;
type Parser = InstanceType<typeof TreeSitter.Parser>;
import { Reusable, SyntaxCopier, endOf, moduleRoot, startOf, type SNode } from './syntax';
import { advance, clamp, diffSpan, pointAt, spanOf, type Span } from './textSpans';
import { NodeTypes, fastReader, publicReader, selfCheck, type ReaderFactory, type WasmModule } from './treeReader';

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
  /** How the syntax copy reads trees (the fast path when the runtime passed its self-check). */
  readonly reader: ReaderFactory;
  readonly types: NodeTypes;
}

/** The runtime, loaded once per process; `module` is web-tree-sitter's Emscripten module (see treeReader). */
let runtime: Promise<{ module: WasmModule; transfer: number }> | undefined;

export async function loadPython(bytes: GrammarBytes): Promise<PythonGrammar> {
  runtime ??= (async () => {
    const module = { wasmBinary: bytes.runtime } as unknown as WasmModule;
    await Parser.init(module as never);
    return { module, transfer: module._ts_init() };
  })();
  const { module, transfer } = await runtime;
  const language = await Language.load(bytes.python);
  // Checked on first use rather than here: the first parse pays wasm's lazy compilation anyway.
  let fast: boolean | undefined;
  const reader: ReaderFactory = (t, c) => {
    fast ??= checkFastReader(language, module, transfer);
    return fast ? fastReader(module, transfer, t, c) : publicReader(c);
  };
  return { language, reader, types: new NodeTypes(language) };
}

function checkFastReader(language: Language, module: WasmModule, transfer: number): boolean {
  const sample = new Parser();
  try {
    sample.setLanguage(language);
    const tree = sample.parse(SAMPLE);
    const ok = tree !== null && selfCheck(module, transfer, tree);
    tree?.delete();
    return ok;
  } finally {
    sample.delete();
  }
}

/** Code with most statement kinds, fields and an error, for the fast reader's self-check. */
const SAMPLE = `import torch.nn as nn
from torch import nn as n2, optim
class M(nn.Module):
    def forward(self, x, *a, k=1, **kw):
        y = [i for i in x if i] + {"a": x[1:2]}["a"]
        return lambda z: z @ y if y else (yield -x)
for a, b in zip(x, y):
    with open(f) as g, h:
        try: pass
        except E as e: raise
def broken(:
    x = (
`;

/** One text change in document offsets, as editors report them. */
export interface TextChange {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

/** What the last update replaced at the top level: undefined when the whole tree was copied anew. */
export interface TopLevelChange {
  readonly removed: readonly SNode[];
  readonly added: readonly SNode[];
}

/**
 * A document's syntax kept between edits: `update` applies edits to the old tree and reparses
 * incrementally, then refreshes the plain copy. Only the top-level statements the edit (or
 * tree-sitter's changed ranges) touched are copied again; the others are kept, shifted.
 */
export class ParsedDocument {
  private parser: Parser;
  private tree: Tree | null = null;
  private copier: SyntaxCopier;
  private _text = '';
  private _root: SNode | undefined;
  /** Bumped on every update so analyses can be cached against it. */
  version = 0;
  private _failure: unknown;
  /** Top-level statements replaced since the last `takeChange` (undefined: the whole tree was copied anew). */
  private since: { removed: SNode[]; added: SNode[] } | undefined;

  constructor(private readonly grammar: PythonGrammar, text = '') {
    this.parser = new Parser();
    this.parser.setLanguage(grammar.language);
    this.copier = new SyntaxCopier(grammar.types);
    this.replace(text);
  }

  get text(): string {
    return this._text;
  }

  get root(): SNode {
    return this._root!;
  }

  /**
   * Why the last parse left no statements although the text may have some (the parse or the copy
   * threw, e.g. out of memory), so a host can say the file was not analysed instead of reporting it clean.
   */
  get failure(): unknown {
    return this._failure;
  }

  /** What changed at the top level since the last call (undefined: everything), accumulated over updates. */
  takeChange(): TopLevelChange | undefined {
    const c = this.since;
    this.since = { removed: [], added: [] };
    return c;
  }

  /** Replaces the whole text (a fresh parse). */
  replace(text: string): void {
    this.tree?.delete();
    this.tree = null;
    this.reparse(text, undefined);
  }

  /** Applies changes in order (each in the coordinates of the text after the previous one). */
  update(changes: readonly TextChange[]): void {
    const before = this._text;
    let text = before;
    for (const ch of changes) {
      const start = clamp(ch.start, 0, text.length);
      const end = clamp(ch.end, start, text.length);
      const next = text.slice(0, start) + ch.text + text.slice(end);
      const startPosition = pointAt(text, start);
      this.tree?.edit(
        new Edit({
          startIndex: start,
          oldEndIndex: end,
          newEndIndex: start + ch.text.length,
          startPosition,
          oldEndPosition: advance(startPosition, text, start, end),
          newEndPosition: advance(startPosition, next, start, start + ch.text.length),
        }),
      );
      text = next;
    }
    const single = changes.length === 1 ? changes[0] : undefined;
    const span = single ? spanOf(before, single) : diffSpan(before, text);
    this.reparse(text, span);
  }

  dispose(): void {
    this.tree?.delete();
    this.tree = null;
    this.parser.delete();
  }

  private reparse(text: string, span: Span | undefined): void {
    const old = this.tree;
    let tree: Tree | null = null;
    let failure: unknown;
    try {
      // A callback instead of the string: an incremental reparse then reads only the edited region
      // instead of copying the whole document into wasm memory on every keystroke.
      tree = old ? this.parser.parse((i) => (i < text.length ? text.slice(i, i + 256) : undefined), old) : this.parser.parse(text);
    } catch (e) {
      tree = null;
      failure = e;
    }
    const previous = this._root;
    this._failure = failure;
    this.tree = tree;
    this._text = text;
    this.version++;
    try {
      const kept = tree && old && previous && span ? this.copyChanged(tree, old, previous, text, span) : undefined;
      if (kept) {
        this._root = kept.root;
        this.since?.removed.push(...kept.change.removed);
        this.since?.added.push(...kept.change.added);
      } else {
        this._root = tree ? this.copyAll(tree, text) : moduleRoot(text, 0, 0);
        this.since = undefined;
      }
    } catch (e) {
      // The copy keeps its own stack, so depth alone no longer ends here; whatever does is kept to report.
      this._failure = e;
      this._root = moduleRoot(text, 0, 0);
      this.since = undefined;
    } finally {
      old?.delete();
    }
  }

  private copyAll(tree: Tree, text: string): SNode {
    const cursor = tree.walk();
    const r = this.grammar.reader(tree, cursor);
    try {
      return this.copier.copyRoot(r, text);
    } finally {
      r.release();
      cursor.delete();
    }
  }

  /**
   * Re-copies only the top-level statements between the last one before the change and the first one
   * after it; returns undefined when the new tree's top level doesn't line up with the old one there
   * (the caller then copies everything).
   */
  private copyChanged(tree: Tree, old: Tree, previous: SNode, text: string, span: Span): { root: SNode; change: TopLevelChange } | undefined {
    const delta = span.newEnd - span.oldEnd;
    let lo = span.start;
    let hi = span.newEnd;
    for (const r of old.getChangedRanges(tree)) {
      lo = Math.min(lo, r.startIndex);
      hi = Math.max(hi, r.endIndex);
    }
    const hiOld = hi - delta;
    const tops = previous.children;
    // Old statements touching [lo, hiOld] (inclusive, so typing at a statement's edge re-copies it).
    let i0 = 0;
    while (i0 < tops.length && endOf(tops[i0]) < lo) i0++;
    let i1 = i0 - 1;
    while (i1 + 1 < tops.length && startOf(tops[i1 + 1]) <= hiOld) i1++;
    const from = i0 > 0 ? endOf(tops[i0 - 1]) : 0;
    const to = i1 + 1 < tops.length ? startOf(tops[i1 + 1]) + delta : Infinity;
    const removed = tops.slice(i0, i1 + 1);
    const reuse = new Reusable(lo, hi, delta);
    for (const t of removed) reuse.add(t);

    // Read before the walk: any web-tree-sitter call overwrites the fast reader's cursor.
    const childCount = tree.rootNode.namedChildCount;
    const cursor = tree.walk();
    const r = this.grammar.reader(tree, cursor);
    try {
      const root = moduleRoot(text, r.start(), r.end(), this.grammar.types.name(r.typeId()));
      const added: SNode[] = [];
      let next: { start: number; type: string } | undefined;
      if (r.firstChildEndingAfter(from)) {
        do {
          if (!this.grammar.types.isNamed(r.typeId())) continue;
          const start = r.start();
          if (start >= to) {
            next = { start, type: this.grammar.types.name(r.typeId()) };
            break;
          }
          if (start < from || r.end() > to) return undefined;
          added.push(this.copier.copyTop(r, root, reuse));
        } while (r.nextSibling());
      }
      const suffix = tops.slice(i1 + 1);
      if (suffix.length > 0 && (next === undefined || next.start !== to || next.type !== suffix[0].type)) return undefined;
      if (suffix.length === 0 && next !== undefined) return undefined;
      if (i0 + added.length + suffix.length !== childCount || root.type !== previous.type) return undefined;
      const children = root.children;
      for (let i = 0; i < i0; i++) children.push(tops[i]);
      children.push(...added);
      for (const t of suffix) {
        t.chunk.base += delta;
        children.push(t);
      }
      for (const t of children) {
        t.parent = root;
        t.chunk.parent = root.chunk;
      }
      return { root, change: { removed, added } };
    } finally {
      r.release();
      cursor.delete();
    }
  }
}
