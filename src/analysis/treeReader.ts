import type { Language, Tree, TreeCursor } from 'web-tree-sitter';

/**
 * The few cursor reads the syntax copy needs. Going through web-tree-sitter's `TreeCursor` costs
 * about 1.4 µs a node (every property marshals the cursor into wasm memory with `setValue`), which
 * made copying a 5,000-line file slower than parsing it. `fastReader` calls the same exported wasm
 * functions directly, leaving the cursor in the transfer buffer between calls (the `goto_*` functions
 * write it back there); `publicReader` is the documented API, used when the fast path is unavailable.
 */
export interface CursorReader {
  typeId(): number;
  fieldId(): number;
  start(): number;
  end(): number;
  firstChild(): boolean;
  nextSibling(): boolean;
  parent(): boolean;
  /** Moves to the first child that ends after `offset`. */
  firstChildEndingAfter(offset: number): boolean;
  /**
   * Hands the position back to the `TreeCursor`. Call it before any other web-tree-sitter call (they
   * reuse the transfer buffer the fast reader keeps its cursor in) and before deleting the cursor.
   */
  release(): void;
}

/** web-tree-sitter's Emscripten module: the object passed to `Parser.init` becomes it. */
export interface WasmModule {
  HEAP32: Int32Array;
  _ts_init(): number;
  _ts_tree_cursor_goto_first_child_wasm(tree: number): number;
  _ts_tree_cursor_goto_next_sibling_wasm(tree: number): number;
  _ts_tree_cursor_goto_parent_wasm(tree: number): number;
  _ts_tree_cursor_goto_first_child_for_index_wasm(tree: number): number;
  _ts_tree_cursor_current_node_type_id_wasm(tree: number): number;
  _ts_tree_cursor_current_field_id_wasm(tree: number): number;
  _ts_tree_cursor_start_index_wasm(tree: number): number;
  _ts_tree_cursor_end_index_wasm(tree: number): number;
}

/** Internals of the pinned web-tree-sitter the fast path relies on; checked by `selfCheck` before use. */
interface CursorInternals {
  handles: number[];
}
interface TreeInternals {
  0: number;
}

const SIZE_OF_CURSOR = 4 * 4;

export function publicReader(cursor: TreeCursor): CursorReader {
  return {
    typeId: () => cursor.nodeTypeId,
    fieldId: () => cursor.currentFieldId,
    start: () => cursor.startIndex,
    end: () => cursor.endIndex,
    firstChild: () => cursor.gotoFirstChild(),
    nextSibling: () => cursor.gotoNextSibling(),
    parent: () => cursor.gotoParent(),
    firstChildEndingAfter: (offset) => cursor.gotoFirstChildForIndex(offset),
    release: () => undefined,
  };
}

export function fastReader(m: WasmModule, transfer: number, tree: Tree, cursor: TreeCursor): CursorReader {
  const t = (tree as unknown as TreeInternals)[0];
  const handles = (cursor as unknown as CursorInternals).handles;
  const at = transfer >> 2;
  // Memory growth replaces HEAP32, so it is read afresh on every sync.
  m.HEAP32.set(handles, at);
  return {
    typeId: () => m._ts_tree_cursor_current_node_type_id_wasm(t),
    fieldId: () => m._ts_tree_cursor_current_field_id_wasm(t),
    start: () => m._ts_tree_cursor_start_index_wasm(t),
    end: () => m._ts_tree_cursor_end_index_wasm(t),
    firstChild: () => m._ts_tree_cursor_goto_first_child_wasm(t) === 1,
    nextSibling: () => m._ts_tree_cursor_goto_next_sibling_wasm(t) === 1,
    parent: () => m._ts_tree_cursor_goto_parent_wasm(t) === 1,
    firstChildEndingAfter: (offset) => {
      m.HEAP32[at + SIZE_OF_CURSOR / 4] = offset;
      return m._ts_tree_cursor_goto_first_child_for_index_wasm(t) === 1;
    },
    release: () => {
      const h = m.HEAP32;
      for (let i = 0; i < 4; i++) handles[i] = h[at + i];
    },
  };
}

/** Names and namedness by type id, read once per language (so copying makes no extra wasm calls). */
export class NodeTypes {
  private readonly named: boolean[];

  constructor(private readonly language: Language) {
    this.named = language.types.map((_, id) => language.nodeTypeIsNamed(id));
  }

  name(id: number): string {
    return this.language.types[id] || 'ERROR';
  }

  field(id: number): string | null {
    return this.language.fields[id] ?? null;
  }

  isNamed(id: number): boolean {
    // ERROR (id 65535) is outside the symbol table and always named.
    return this.named[id] ?? true;
  }
}

/** A reader factory for one tree: the fast one when `selfCheck` approved it, else the public API. */
export type ReaderFactory = (tree: Tree, cursor: TreeCursor) => CursorReader;

function dump(r: CursorReader): number[] {
  const out: number[] = [];
  const visit = (): void => {
    do {
      out.push(r.typeId(), r.fieldId(), r.start(), r.end());
      if (r.firstChild()) {
        visit();
        r.parent();
      }
    } while (r.nextSibling());
  };
  visit();
  return out;
}

/**
 * Whether the fast reader sees exactly what the public API sees on a sample tree (including a
 * `firstChildEndingAfter` jump), so an upgrade that changes web-tree-sitter's internals falls back
 * to the slow path instead of misreading trees.
 */
export function selfCheck(m: WasmModule, transfer: number, tree: Tree): boolean {
  try {
    const slow = tree.walk();
    const expected = dump(publicReader(slow));
    slow.delete();
    const c = tree.walk();
    const fast = fastReader(m, transfer, tree, c);
    const got = dump(fast);
    fast.release();
    c.gotoFirstChildForIndex(0);
    const jumpSlow = c.startIndex;
    c.delete();
    const c2 = tree.walk();
    const f2 = fastReader(m, transfer, tree, c2);
    const ok2 = f2.firstChildEndingAfter(0);
    const jumpFast = f2.start();
    f2.release();
    const after = c2.startIndex; // the public cursor continues where the fast reader left it
    c2.delete();
    return ok2 && jumpFast === jumpSlow && after === jumpFast && got.length === expected.length && got.every((x, i) => x === expected[i]);
  } catch {
    return false;
  }
}
