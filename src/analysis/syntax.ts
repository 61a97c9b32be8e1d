import type { CursorReader, NodeTypes } from './treeReader';

/**
 * A plain-JS copy of the tree-sitter tree's named nodes (punctuation and keywords are left out: no
 * rule reads them, and they are nearly half the nodes). Reading nodes through web-tree-sitter crosses into wasm on
 * every property access, so rules work on this copy instead. Statements are copied once and kept
 * across edits, so a keystroke only re-copies the top-level statement it touched (and within it,
 * only the nested statements whose text changed).
 */
export interface SNode {
  readonly type: string;
  readonly named: boolean;
  /** The field this node fills in its parent (`function`, `arguments`, `left`, …). */
  readonly field: string | null;
  /** Offsets relative to `chunk`; use `startOf`/`endOf` for document offsets. */
  readonly start: number;
  readonly end: number;
  children: SNode[];
  parent: SNode | null;
  chunk: Chunk;
}

/** A reusable statement subtree: offsets inside are relative to it; `base` places it in its parent chunk. */
export interface Chunk {
  readonly text: string;
  base: number;
  parent: Chunk | null;
  /** Chunk roots directly inside this chunk, so an edited statement can hand its unchanged parts to its next copy. */
  nested?: SNode[];
}

export function startOf(n: SNode): number {
  let off = n.start;
  for (let c: Chunk | null = n.chunk; c; c = c.parent) off += c.base;
  return off;
}

export function endOf(n: SNode): number {
  return startOf(n) + (n.end - n.start);
}

export function textOf(n: SNode): string {
  return n.chunk.text.slice(n.start, n.end);
}

export function child(n: SNode, field: string): SNode | undefined {
  for (const c of n.children) if (c.field === field) return c;
  return undefined;
}

export function namedChildren(n: SNode): SNode[] {
  // The copy holds named nodes only; most lists have no comment to drop, so no new array is needed.
  const kids = n.children;
  for (let i = 0; i < kids.length; i++) if (kids[i].type === 'comment') return kids.filter((c) => c.type !== 'comment');
  return kids;
}

/** Strips redundant parentheses: `((x))` → `x`. */
export function unparen(n: SNode): SNode {
  let cur = n;
  while (cur.type === 'parenthesized_expression') {
    const inner = namedChildren(cur);
    if (inner.length !== 1) break;
    cur = inner[0];
  }
  return cur;
}

export function isAncestor(a: SNode, n: SNode): boolean {
  for (let cur: SNode | null = n; cur; cur = cur.parent) if (cur === a) return true;
  return false;
}

/** Node types copied as reusable chunks (keyed by their text); every top-level statement is one too. */
const CHUNK_TYPES = new Set([
  'function_definition',
  'class_definition',
  'decorated_definition',
  'expression_statement',
  'if_statement',
  'for_statement',
  'while_statement',
  'with_statement',
  'try_statement',
  'return_statement',
  'import_statement',
  'import_from_statement',
]);

/** Nodes whose insides no rule needs: strings are read whole, never their pieces. */
const OPAQUE_TYPES = new Set(['string', 'comment', 'concatenated_string']);

const LEAF: SNode[] = Object.freeze([]) as unknown as SNode[];

/**
 * Earlier copies of statements an edit replaced, to reuse instead of copying again. Only statements
 * outside the changed span qualify (tree-sitter may parse the same text differently inside it, with
 * error recovery), found by their old position. A node is reused whole or not at all: taking one
 * blocks its harvested ancestors and descendants, so no node ends up in two places of the new tree.
 */
export class Reusable {
  private readonly byStart = new Map<number, SNode[]>();
  private readonly up = new Map<SNode, SNode>();
  private readonly blocked = new Set<SNode>();

  /** `[lo, hi]`: the changed span in new offsets; `delta`: how far text after it moved. */
  constructor(private readonly lo: number, private readonly hi: number, private readonly delta: number) {}

  /** Adds a statement's chunk and every chunk nested in it, at their current (old) offsets. */
  add(statement: SNode): void {
    const todo: SNode[] = [statement];
    while (todo.length > 0) {
      const n = todo.pop()!;
      const at = startOf(n);
      const list = this.byStart.get(at);
      if (list) list.push(n);
      else this.byStart.set(at, [n]);
      for (const inner of n.chunk.nested ?? []) {
        this.up.set(inner, n);
        todo.push(inner);
      }
    }
  }

  /** The old copy of the statement now at `[start, end)` with this text, type and field, if it may be reused. */
  take(start: number, end: number, key: string, type: string, field: string | null): SNode | undefined {
    const old = end < this.lo ? start : start > this.hi ? start - this.delta : undefined;
    if (old === undefined) return undefined;
    const hit = this.byStart.get(old)?.find((n) => !this.blocked.has(n) && n.type === type && n.field === field && n.chunk.text === key);
    if (!hit) return undefined;
    for (let a = this.up.get(hit); a; a = this.up.get(a)) this.blocked.add(a);
    this.blockDown(hit);
    return hit;
  }

  private blockDown(n: SNode): void {
    const todo: SNode[] = [n];
    while (todo.length > 0) {
      const cur = todo.pop()!;
      this.blocked.add(cur);
      for (const inner of cur.chunk.nested ?? []) todo.push(inner);
    }
  }
}

/** Builds SNode copies from a tree-sitter cursor, reusing copies of statements whose text didn't change. */
export class SyntaxCopier {
  constructor(private readonly types: NodeTypes) {}

  /** Copies the node under the reader as a module root; each top-level statement gets its own chunk. */
  copyRoot(r: CursorReader, text: string): SNode {
    const root = moduleRoot(text, r.start(), r.end(), this.types.name(r.typeId()));
    if (r.firstChild()) {
      do if (this.types.isNamed(r.typeId())) root.children.push(this.copyTop(r, root));
      while (r.nextSibling());
      r.parent();
    }
    return root;
  }

  /** Copies the top-level statement under the reader into `root`'s chunk tree. */
  copyTop(r: CursorReader, root: SNode, reuse?: Reusable): SNode {
    return this.copyNode(r, root.chunk, 0, root, reuse, root.chunk.text, true);
  }

  /**
   * Copies the cursor's node and its subtree; `chunkStart` is the document offset of `chunk`. The walk
   * keeps its own stack instead of recursing: CPython compiles a 2,000-term `0 + 1 + …` (a tree that
   * deep), and a recursive copy would overflow the JS stack on it.
   */
  private copyNode(r: CursorReader, chunk: Chunk, chunkStart: number, parent: SNode, reuse: Reusable | undefined, text: string, top: boolean): SNode {
    // Nodes whose children are being copied (the cursor is on one of those children), and the
    // document offset of the chunk those children go in.
    const open: SNode[] = [];
    const starts: number[] = [];
    const first = this.make(r, chunk, chunkStart, parent, reuse, text, top, open, starts);
    while (open.length > 0) {
      const p = open[open.length - 1];
      if (this.types.isNamed(r.typeId())) {
        const depth = open.length;
        p.children.push(this.make(r, p.chunk, starts[depth - 1], p, reuse, text, false, open, starts));
        if (open.length > depth) continue;
      }
      while (!r.nextSibling()) {
        r.parent();
        open.pop();
        starts.pop();
        if (open.length === 0) break;
      }
    }
    return first;
  }

  /**
   * Copies the cursor's node without its children (or takes a reusable copy). When it has children
   * to copy, moves the cursor to the first one and pushes the node on `open` (its children's chunk
   * offset on `starts`).
   */
  private make(r: CursorReader, chunk: Chunk, chunkStart: number, parent: SNode, reuse: Reusable | undefined, text: string, top: boolean, open: SNode[], starts: number[]): SNode {
    const typeId = r.typeId();
    const type = this.types.name(typeId);
    const start = r.start();
    const end = r.end();
    const field = this.types.field(r.fieldId());
    let node: SNode;
    let innerStart = chunkStart;
    if (top || (CHUNK_TYPES.has(type) && end - start > 16)) {
      const key = text.slice(start, end);
      const hit = reuse?.take(start, end, key, type, field);
      if (hit) {
        hit.chunk.base = start - chunkStart;
        hit.chunk.parent = chunk;
        hit.parent = parent;
        if (chunk.parent !== null) (chunk.nested ??= []).push(hit);
        return hit;
      }
      const own: Chunk = { text: key, base: start - chunkStart, parent: chunk };
      // Leaves share one empty array: most nodes are leaves, and nothing changes a copy's children later.
      node = { type, named: this.types.isNamed(typeId), field, start: 0, end: end - start, children: LEAF, parent, chunk: own };
      if (chunk.parent !== null) (chunk.nested ??= []).push(node);
      innerStart = start;
    } else {
      node = { type, named: this.types.isNamed(typeId), field, start: start - chunkStart, end: end - chunkStart, children: LEAF, parent, chunk };
    }
    if (!OPAQUE_TYPES.has(type) && r.firstChild()) {
      node.children = [];
      open.push(node);
      starts.push(innerStart);
    }
    return node;
  }
}

/** A root node over `text` with no statements yet (`ERROR` when tree-sitter could only recover that). */
export function moduleRoot(text: string, start: number, end: number, type = 'module'): SNode {
  return { type, named: true, field: null, start, end, children: [], parent: null, chunk: { text, base: 0, parent: null } };
}

/** Depth-first walk in source order; `visit` returning false skips the node's children. */
export function walk(n: SNode, visit: (n: SNode) => boolean | void): void {
  const stack: SNode[] = [n];
  while (stack.length) {
    const cur = stack.pop()!;
    if (visit(cur) === false) continue;
    for (let i = cur.children.length - 1; i >= 0; i--) stack.push(cur.children[i]);
  }
}

/** The innermost node whose range contains `offset` (document offsets). */
export function nodeAt(root: SNode, offset: number): SNode {
  let cur = root;
  let base = startOf(root) - root.start;
  for (;;) {
    let found: SNode | undefined;
    for (const c of cur.children) {
      const cBase = c.chunk === cur.chunk ? base : chunkBaseOf(c.chunk);
      if (c.start + cBase <= offset && offset <= c.end + cBase) {
        found = c;
        base = cBase;
        if (offset < c.end + cBase) break;
      }
    }
    if (!found) return cur;
    cur = found;
  }
}

function chunkBaseOf(chunk: Chunk): number {
  let off = 0;
  for (let c: Chunk | null = chunk; c; c = c.parent) off += c.base;
  return off;
}
