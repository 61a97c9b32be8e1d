import { lossByFunctional, lossByModule } from '../../catalogue';
import { child, textOf, unparen, type SNode } from '../syntax';

/**
 * What one statement subtree contains, cached by node identity. The syntax copier reuses the SNode of
 * every statement whose text didn't change, so after a keystroke only the edited statements are
 * indexed again; everything else comes from this cache.
 */
interface ChunkIndex {
  readonly calls: readonly SNode[];
  readonly imports: readonly SNode[];
  /** Assignments: the bound name (identifier or `self.x`'s `x`) and every name read on the right. */
  readonly flows: readonly { readonly target: string; readonly reads: ReadonlySet<string> }[];
  /** Function definitions with every name read in their body. */
  readonly defs: readonly { readonly name: string; readonly reads: ReadonlySet<string> }[];
  /** Every identifier in the subtree. */
  readonly idents: ReadonlySet<string>;
}

const cache = new WeakMap<SNode, ChunkIndex>();

const STOP = new Set(['string', 'comment', 'concatenated_string']);

function isChunkRoot(n: SNode): boolean {
  return n.parent !== null && n.parent.chunk !== n.chunk;
}

function lastName(n: SNode | undefined): string | undefined {
  if (!n) return undefined;
  const u = unparen(n);
  if (u.type === 'identifier') return textOf(u);
  if (u.type === 'attribute') {
    const a = child(u, 'attribute');
    return a ? textOf(a) : undefined;
  }
  if (u.type === 'subscript') return lastName(child(u, 'value'));
  if (u.type === 'call') return lastName(child(u, 'function'));
  return undefined;
}

function indexOf(root: SNode): ChunkIndex {
  const hit = cache.get(root);
  if (hit) return hit;
  const calls: SNode[] = [];
  const imports: SNode[] = [];
  const flows: { target: string; reads: ReadonlySet<string> }[] = [];
  const defs: { name: string; reads: ReadonlySet<string> }[] = [];
  const idents = new Set<string>();
  const assignments: SNode[] = [];
  const functions: SNode[] = [];
  const stack: SNode[] = [root];
  while (stack.length) {
    const n = stack.pop()!;
    if (n !== root && isChunkRoot(n)) {
      const sub = indexOf(n);
      calls.push(...sub.calls);
      imports.push(...sub.imports);
      flows.push(...sub.flows);
      defs.push(...sub.defs);
      for (const i of sub.idents) idents.add(i);
      continue;
    }
    if (STOP.has(n.type)) continue;
    switch (n.type) {
      case 'identifier':
        idents.add(textOf(n));
        break;
      case 'call':
        calls.push(n);
        break;
      case 'import_statement':
      case 'import_from_statement':
        imports.push(n);
        break;
      case 'assignment':
        assignments.push(n);
        break;
      case 'function_definition':
        functions.push(n);
        break;
    }
    for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]);
  }
  for (const a of assignments) {
    const target = lastName(child(a, 'left'));
    const right = child(a, 'right');
    if (target && right) flows.push({ target, reads: identsIn(right) });
  }
  for (const f of functions) {
    const name = child(f, 'name');
    const body = child(f, 'body');
    if (name && body) defs.push({ name: textOf(name), reads: identsIn(body) });
  }
  const out = { calls, imports, flows, defs, idents };
  cache.set(root, out);
  return out;
}

function identsIn(n: SNode): ReadonlySet<string> {
  if (isChunkRoot(n)) return indexOf(n).idents;
  const out = new Set<string>();
  const stack = [n];
  while (stack.length) {
    const cur = stack.pop()!;
    if (cur !== n && isChunkRoot(cur)) {
      for (const i of indexOf(cur).idents) out.add(i);
      continue;
    }
    if (STOP.has(cur.type)) continue;
    if (cur.type === 'identifier') out.add(textOf(cur));
    for (const c of cur.children) stack.push(c);
  }
  return out;
}

/** The file's calls and imports, and the calls that may involve a loss (to evaluate; all others are skipped). */
export interface FileIndex {
  readonly calls: readonly SNode[];
  readonly imports: readonly SNode[];
  /** Calls whose callee name is a loss name or is bound, directly or through other names, from one. */
  readonly lossCandidates: readonly SNode[];
  /** `torch.log(…)` / `….log()` calls. */
  readonly logCalls: readonly SNode[];
}

export function indexFile(root: SNode): FileIndex {
  const idx = indexOf(root);
  cache.delete(root); // the module node is new every version
  const relevant = new Set<string>();
  const isLossName = (n: string) => lossByModule(n) !== undefined || lossByFunctional(n) !== undefined;
  for (const i of idx.idents) if (isLossName(i)) relevant.add(i);
  for (const imp of idx.imports)
    for (const a of imp.children) {
      if (a.type !== 'aliased_import') continue;
      const name = child(a, 'name');
      const alias = child(a, 'alias');
      if (name && alias && isLossName(textOf(name).split('.').pop()!)) relevant.add(textOf(alias));
    }
  // Names bound from loss names, to a fixpoint: `crit = nn.BCELoss()`, `self.c = crit`, `def make(): return crit`.
  for (let changed = true, rounds = 0; changed && rounds < 20; rounds++) {
    changed = false;
    // Whether the sets meet, iterating the smaller one (function bodies read hundreds of names).
    const hits = (reads: ReadonlySet<string>) => {
      if (reads.size <= relevant.size) {
        for (const r of reads) if (relevant.has(r)) return true;
      } else {
        for (const r of relevant) if (reads.has(r)) return true;
      }
      return false;
    };
    for (const f of idx.flows) if (!relevant.has(f.target) && hits(f.reads)) (relevant.add(f.target), (changed = true));
    for (const d of idx.defs) if (!relevant.has(d.name) && hits(d.reads)) (relevant.add(d.name), (changed = true));
  }
  const lossCandidates: SNode[] = [];
  const logCalls: SNode[] = [];
  for (const c of idx.calls) {
    const name = lastName(child(c, 'function'));
    if (name === undefined) continue;
    if (relevant.has(name) || isLossName(name)) lossCandidates.push(c);
    if (name === 'log') logCalls.push(c);
  }
  return { calls: idx.calls, imports: idx.imports, lossCandidates, logCalls };
}
