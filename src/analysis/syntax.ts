import type { Tree, TreeCursor } from 'web-tree-sitter';

/**
 * A plain-JS copy of the tree-sitter tree. Reading nodes through web-tree-sitter crosses into wasm on
 * every property access (~1.5 µs each), so rules work on this copy instead. Statements are copied once
 * and reused by text across edits, so a keystroke only re-copies the statements it touched.
 */
export interface SNode {
  readonly type: string;
  readonly named: boolean;
  /** The field this node fills in its parent (`function`, `arguments`, `left`, …). */
  readonly field: string | null;
  /** Offsets relative to `chunk`; use `startOf`/`endOf` for document offsets. */
  readonly start: number;
  readonly end: number;
  readonly children: SNode[];
  parent: SNode | null;
  chunk: Chunk;
}

/** A reusable statement subtree: offsets inside are relative to it; `base` places it in its parent chunk. */
export interface Chunk {
  readonly text: string;
  base: number;
  parent: Chunk | null;
  generation: number;
  /** Chunk roots directly inside this chunk, so a reused chunk can hand its statements to the next copy. */
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
  return n.children.filter((c) => c.named && c.type !== 'comment');
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

/** Node types copied as reusable chunks (keyed by their text). */
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

/** Builds and caches SNode copies; one per document, reused across edits. */
export class SyntaxCopier {
  /** Statement text → copies made for it (several when the same statement text appears more than once). */
  private cache = new Map<string, SNode[]>();
  private generation = 0;

  copy(tree: Tree, text: string): SNode {
    this.generation++;
    const next = new Map<string, SNode[]>();
    const rootChunk: Chunk = { text, base: 0, parent: null, generation: this.generation };
    const cursor = tree.walk();
    try {
      const root = this.copyNode(cursor, rootChunk, 0, null, next, text);
      this.cache = next;
      return root;
    } finally {
      cursor.delete();
    }
  }

  /** Copies the cursor's node; `chunkStart` is the document offset of `chunk`. */
  private copyNode(
    cursor: TreeCursor,
    chunk: Chunk,
    chunkStart: number,
    parent: SNode | null,
    next: Map<string, SNode[]>,
    text: string,
  ): SNode {
    const type = cursor.nodeType;
    const start = cursor.startIndex;
    const end = cursor.endIndex;
    const field = cursor.currentFieldName;
    if (parent && CHUNK_TYPES.has(type) && end - start > 16) {
      const key = text.slice(start, end);
      const placed = next.get(key) ?? [];
      const hit = this.cache.get(key)?.find((n) => n.chunk.generation !== this.generation && n.field === field);
      if (hit) {
        hit.chunk.generation = this.generation;
        hit.chunk.base = start - chunkStart;
        hit.chunk.parent = chunk;
        hit.parent = parent;
        placed.push(hit);
        next.set(key, placed);
        this.keepNested(hit, next);
        if (chunk.parent !== null) (chunk.nested ??= []).push(hit);
        return hit;
      }
      const own: Chunk = { text: key, base: start - chunkStart, parent: chunk, generation: this.generation };
      const node = this.fill(cursor, own, start, parent, next, text, type, field, 0, end - start);
      if (chunk.parent !== null) (chunk.nested ??= []).push(node);
      placed.push(node);
      next.set(key, placed);
      return node;
    }
    return this.fill(cursor, chunk, chunkStart, parent, next, text, type, field, start - chunkStart, end - chunkStart);
  }

  /** Keeps the statements inside a reused chunk available, so editing one of them later re-copies only it. */
  private keepNested(n: SNode, next: Map<string, SNode[]>): void {
    for (const inner of n.chunk.nested ?? []) {
      inner.chunk.generation = this.generation;
      const list = next.get(inner.chunk.text);
      if (list) list.push(inner);
      else next.set(inner.chunk.text, [inner]);
      this.keepNested(inner, next);
    }
  }

  private fill(
    cursor: TreeCursor,
    chunk: Chunk,
    chunkStart: number,
    parent: SNode | null,
    next: Map<string, SNode[]>,
    text: string,
    type: string,
    field: string | null,
    start: number,
    end: number,
  ): SNode {
    const node: SNode = { type, named: cursor.nodeIsNamed, field, start, end, children: [], parent, chunk };
    if (!OPAQUE_TYPES.has(type) && cursor.gotoFirstChild()) {
      do node.children.push(this.copyNode(cursor, chunk, chunkStart, node, next, text));
      while (cursor.gotoNextSibling());
      cursor.gotoParent();
    }
    return node;
  }
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
