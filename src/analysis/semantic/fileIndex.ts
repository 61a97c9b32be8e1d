import { lossByFunctional, lossByModule } from '../../catalogue';
import { child, startOf, textOf, unparen, type SNode } from '../syntax';
import type { ChangeSummary } from './deps';
import { collectImports, type ImportMap } from './imports';
import { LossNameFlow } from './lossNameFlow';
import { topLevelBindings, type Binding } from './scopes';

/**
 * What one statement subtree contains, cached by node identity. The syntax copier keeps the SNode of
 * every statement an edit didn't touch, so after a keystroke only the edited statements are indexed
 * again; everything else comes from this cache.
 */
interface ChunkIndex {
  /** The index of each chunk nested in this one (their items are not repeated here). */
  readonly nested: readonly ChunkIndex[];
  readonly calls: readonly SNode[];
  readonly imports: readonly SNode[];
  /** Assignments: the bound name (identifier or `self.x`'s `x`) and every name read on the right. */
  readonly flows: readonly { readonly target: string; readonly reads: ReadonlySet<string> }[];
  /** Function definitions with every name their `return`s read (what the function can hand out). */
  readonly defs: readonly { readonly name: string; readonly reads: ReadonlySet<string> }[];
  /** Identifiers that name a loss (`BCELoss`, `cross_entropy`), with repeats. */
  readonly lossNames: readonly string[];
}

const cache = new WeakMap<SNode, ChunkIndex>();

const isLossName = (n: string): boolean => lossByModule(n) !== undefined || lossByFunctional(n) !== undefined;

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
  const lossNames: string[] = [];
  const assignments: SNode[] = [];
  const functions: SNode[] = [];
  const nested: ChunkIndex[] = [];
  const stack: SNode[] = [root];
  while (stack.length) {
    const n = stack.pop()!;
    if (n !== root && isChunkRoot(n)) {
      nested.push(indexOf(n));
      continue;
    }
    if (STOP.has(n.type)) continue;
    switch (n.type) {
      case 'identifier': {
        const name = textOf(n);
        if (isLossName(name)) lossNames.push(name);
        break;
      }
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
    if (name && body) defs.push({ name: textOf(name), reads: returnReads(body) });
  }
  const out = { nested, calls, imports, flows, defs, lossNames };
  cache.set(root, out);
  return out;
}

function identsIn(n: SNode, out = new Set<string>()): Set<string> {
  const stack = [n];
  while (stack.length) {
    const cur = stack.pop()!;
    if (STOP.has(cur.type)) continue;
    if (cur.type === 'identifier') out.add(textOf(cur));
    for (const c of cur.children) stack.push(c);
  }
  return out;
}

const NOT_OURS = new Set(['function_definition', 'class_definition', 'lambda', 'decorated_definition', 'string', 'comment']);

/** Names read by the `return`s of a function body (not of functions nested in it). */
function returnReads(body: SNode): ReadonlySet<string> {
  const out = new Set<string>();
  const stack = [body];
  while (stack.length) {
    const cur = stack.pop()!;
    if (cur.type === 'return_statement') {
      for (const c of cur.children) if (c.named) identsIn(c, out);
      continue;
    }
    for (const c of cur.children) if (!NOT_OURS.has(c.type)) stack.push(c);
  }
  return out;
}

/** What one top-level statement holds, computed once per statement node (it survives edits elsewhere). */
export interface StatementIndex {
  readonly imports: readonly SNode[];
  /** Calls by the last name of their callee (`f`, `x.f`, `x.f()` … → `f`). */
  readonly callees: ReadonlyMap<string, readonly SNode[]>;
  /** Identifiers that name a loss, and local aliases imported for one. */
  readonly lossNames: readonly string[];
  /** Assignments and defs as name flows: what each binds and every name it reads. */
  readonly flows: readonly { readonly target: string; readonly reads: ReadonlySet<string> }[];
  /** Module-level bindings the statement makes, by name (imports aside). */
  readonly bindings: ReadonlyMap<string, readonly Binding[]>;
  readonly importMap: ImportMap;
}

/** Every chunk index in a statement (its own and all nested ones). */
function chunksOf(idx: ChunkIndex, out: ChunkIndex[] = []): ChunkIndex[] {
  out.push(idx);
  for (const n of idx.nested) chunksOf(n, out);
  return out;
}

const statements = new WeakMap<SNode, StatementIndex>();

export function statementIndex(top: SNode): StatementIndex {
  let hit = statements.get(top);
  if (hit) return hit;
  const chunks = chunksOf(indexOf(top));
  const callees = new Map<string, SNode[]>();
  const names = new Set<string>();
  const imports: SNode[] = [];
  const flows: { target: string; reads: ReadonlySet<string> }[] = [];
  for (const idx of chunks) {
    for (const c of idx.calls) {
      const name = lastName(child(c, 'function'));
      if (name === undefined) continue;
      const list = callees.get(name);
      if (list) list.push(c);
      else callees.set(name, [c]);
    }
    for (const n of idx.lossNames) names.add(n);
    imports.push(...idx.imports);
    flows.push(...idx.flows);
    for (const d of idx.defs) flows.push({ target: d.name, reads: d.reads });
  }
  const lossNames = [...names];
  for (const imp of imports)
    for (const a of imp.children) {
      if (a.type !== 'aliased_import') continue;
      const name = child(a, 'name');
      const alias = child(a, 'alias');
      if (name && alias && isLossName(textOf(name).split('.').pop()!)) lossNames.push(textOf(alias));
    }
  const bindings = new Map<string, Binding[]>();
  for (const b of topLevelBindings(top)) {
    const list = bindings.get(b.name);
    if (list) list.push(b);
    else bindings.set(b.name, [b]);
  }
  hit = { imports, callees, lossNames, flows, bindings, importMap: collectImports(imports) };
  statements.set(top, hit);
  return hit;
}

const NONE: readonly SNode[] = [];
const MAX_CHAIN = 16;

/** A step from the previous version: the top-level statements it removed and added. */
export interface IndexStep {
  readonly index: FileIndex;
  readonly removed: readonly SNode[];
  readonly added: readonly SNode[];
}

/**
 * The file seen statement by statement: which names may hold a loss (so only calls of those are
 * evaluated), calls by callee name, imports and module-level bindings. Built per version from the
 * per-statement indexes; after an edit, questions about names the edit didn't touch are passed to
 * the previous version's index (same answer, made of the same unchanged statements), so nothing
 * here rescans the whole file per keystroke.
 */
export class FileIndex {
  readonly tops: readonly SNode[];
  /** Names that may hold a loss (see `LossNameFlow`). */
  readonly relevant: ReadonlySet<string>;
  private readonly flow: LossNameFlow;
  private callsByName = new Map<string, readonly SNode[]>();
  private bindingsByName = new Map<string, readonly Binding[]>();
  private importMap: ImportMap | undefined;
  private readonly filled = new Set<Map<string, unknown>>();
  /** The previous version's index, for untouched names; a chain of at most `MAX_CHAIN`. */
  private readonly base: FileIndex | undefined;
  private readonly depth: number = 0;
  private readonly touchedBindings = new Set<string>();
  private readonly touchedCalls = new Set<string>();
  private readonly touchedImports: boolean = true;

  constructor(root: SNode, step?: IndexStep) {
    this.tops = root.children;
    if (!step) {
      this.flow = new LossNameFlow();
      for (const t of this.tops) this.apply(t, 1);
      this.relevant = this.flow.reachable();
      return;
    }
    // The graph moves to the new version (the old index keeps only its computed sets).
    this.flow = step.index.flow;
    for (const t of step.removed) this.apply(t, -1);
    for (const t of step.added) this.apply(t, 1);
    const kept = step.index.relevant;
    this.relevant = relevanceSignature(kept, step.removed) === relevanceSignature(kept, step.added) ? kept : this.flow.reachable();
    if (step.index.depth < MAX_CHAIN) {
      this.base = step.index;
      this.depth = step.index.depth + 1;
      this.touchedImports = false;
      for (const t of [...step.removed, ...step.added]) {
        const st = statementIndex(t);
        for (const n of st.bindings.keys()) this.touchedBindings.add(n);
        for (const n of st.callees.keys()) this.touchedCalls.add(n);
        if (st.imports.length > 0) this.touchedImports = true;
      }
    }
  }

  private apply(top: SNode, sign: 1 | -1): void {
    const st = statementIndex(top);
    this.flow.apply(st.lossNames, st.flows, sign);
  }

  /** Calls in `top` that may compute or build a loss (all others are skipped). */
  candidates(top: SNode): SNode[] {
    const out: SNode[] = [];
    // `partial(nn.X, …)` configures a construction made later.
    for (const [name, calls] of statementIndex(top).callees) if (this.relevant.has(name) || isLossName(name) || name === 'partial') out.push(...calls);
    return out.sort((a, b) => startOf(a) - startOf(b));
  }

  /** `torch.log(…)` / `….log()` calls in `top`. */
  logCalls(top: SNode): readonly SNode[] {
    return statementIndex(top).callees.get('log') ?? NONE;
  }

  /** Every call in the file whose callee's last name is `name`. */
  callsNamed(name: string): readonly SNode[] {
    if (this.base && !this.touchedCalls.has(name)) return this.base.callsNamed(name);
    return this.byName(this.callsByName, name, (st) => st.callees);
  }

  /** The module's bindings of `name`, in source order. */
  moduleBindings(name: string): readonly Binding[] {
    if (this.base && !this.touchedBindings.has(name)) return this.base.moduleBindings(name);
    return this.byName(this.bindingsByName, name, (st) => st.bindings);
  }

  /** `name`'s entries of a per-statement map, over the whole file, in source order (memoized in `memo`). */
  private byName<T>(memo: Map<string, readonly T[]>, name: string, of: (st: StatementIndex) => ReadonlyMap<string, readonly T[]>): readonly T[] {
    // Without a previous version to ask, one pass over the file answers every name at once.
    if (!this.base && !this.filled.has(memo)) {
      this.filled.add(memo);
      for (const t of this.tops)
        for (const [n, items] of of(statementIndex(t))) {
          const list = memo.get(n) as T[] | undefined;
          if (list) list.push(...items);
          else memo.set(n, [...items]);
        }
    }
    let hit = memo.get(name);
    if (!hit) {
      const out: T[] = [];
      if (this.base) {
        for (const t of this.tops) {
          const items = of(statementIndex(t)).get(name);
          if (items) out.push(...items);
        }
      }
      hit = out;
      memo.set(name, hit);
    }
    return hit;
  }

  /** Every import in the file (later ones win, as in Python). */
  get imports(): ImportMap {
    if (!this.importMap && this.base && !this.touchedImports) this.importMap = this.base.imports;
    if (!this.importMap) {
      const map = new Map<string, string>();
      for (const t of this.tops) for (const [k, v] of statementIndex(t).importMap) map.set(k, v);
      this.importMap = map;
    }
    return this.importMap;
  }

  /** What replacing `removed` by `added` changed, for keeping results computed on the previous version. */
  summarize(previous: FileIndex, removed: readonly SNode[], added: readonly SNode[]): ChangeSummary {
    const bound = new Set<string>();
    const reimported = new Set<string>();
    const called = new Set<string>();
    let sites = false;
    let imports = false;
    for (const t of [...removed, ...added]) {
      const st = statementIndex(t);
      for (const n of st.bindings.keys()) bound.add(n);
      for (const n of st.importMap.keys()) if (this.imports.get(n) !== previous.imports.get(n)) reimported.add(n);
      for (const n of st.callees.keys()) {
        called.add(n);
        if (isLossName(n) || this.relevant.has(n) || previous.relevant.has(n)) sites = true;
      }
      if (st.imports.length > 0) imports = true;
    }
    if (this.relevant !== previous.relevant) {
      // Calls whose relevance flipped become (or stop being) loss sites wherever they are.
      for (const n of this.relevant) if (!previous.relevant.has(n)) called.add(n);
      for (const n of previous.relevant) if (!this.relevant.has(n)) called.add(n);
    }
    const once = (n: string) => this.moduleBindings(n).length === 1 || previous.moduleBindings(n).length === 1;
    return { bound, reimported, called, sites, imports, once };
  }
}

/**
 * What the relevant set R can see of some statements: their loss names, and each flow that reads a
 * name of R, as its target with those names. When the removed and the added statements look the
 * same this way, R is closed under the new flows and every derivation of R still has its flows, so
 * R is still the least fixpoint and can be kept without a walk of the graph.
 */
function relevanceSignature(relevant: ReadonlySet<string>, stmts: readonly SNode[]): string {
  const parts: string[] = [];
  for (const t of stmts) {
    const st = statementIndex(t);
    for (const n of st.lossNames) parts.push(`!${n}`);
    for (const f of st.flows) {
      const read = [...f.reads].filter((r) => relevant.has(r));
      // A flow reading nothing in R never fired, so it doesn't matter either way.
      if (read.length > 0) parts.push(`${f.target}<${read.sort().join(',')}`);
    }
  }
  return [...new Set(parts)].sort().join(';');
}
