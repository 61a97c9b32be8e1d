import { startOf, type SNode } from '../syntax';
import type { ChangeSummary } from './deps';
import { STAR, type ImportMap } from './imports';
import { LossNameFlow } from './lossNameFlow';
import type { Binding } from './scopes';
import { isLossName, statementIndex, type StatementIndex } from './statementIndex';

const NONE: readonly SNode[] = [];
const NO_SEEDS: ReadonlySet<string> = new Set();

function sameSet(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  if (a.size !== b.size) return false;
  for (const x of a) if (!b.has(x)) return false;
  return true;
}
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
  /** Names that may hold a loss judged by this file alone (no other module consulted). */
  readonly localRelevant: ReadonlySet<string>;
  private readonly flow: LossNameFlow;
  private callsByName = new Map<string, readonly SNode[]>();
  private bindingsByName = new Map<string, readonly Binding[]>();
  private importMap: ImportMap | undefined;
  private stars: string[] | undefined;
  private readonly filled = new Set<Map<string, unknown>>();
  /** The previous version's index, for untouched names; a chain of at most `MAX_CHAIN`. */
  private readonly base: FileIndex | undefined;
  private readonly depth: number = 0;
  private readonly touchedBindings = new Set<string>();
  private readonly touchedCalls = new Set<string>();
  private touchedImports = true;
  private readonly seedsOf: ((imports: ImportMap) => ReadonlySet<string>) | undefined;
  private seedSet: ReadonlySet<string> | undefined;
  private relevantSet: ReadonlySet<string> | undefined;
  /** What the previous version knew, to keep its relevant set when nothing it depends on changed. */
  private readonly previous: { readonly relevant: ReadonlySet<string>; readonly seeds: ReadonlySet<string>; unchanged: boolean } | undefined;

  /**
   * `seeds` finds, among this version's imports, the names other modules say may hold a loss; it is
   * asked only when the file's loss sites are (a module read for another file's facts never asks,
   * so reading it never parses the modules it imports in turn).
   */
  constructor(root: SNode, step?: IndexStep, seeds?: (imports: ImportMap) => ReadonlySet<string>) {
    this.tops = root.children;
    this.seedsOf = seeds;
    if (!step) {
      this.flow = new LossNameFlow();
      for (const t of this.tops) this.apply(t, 1);
      this.localRelevant = this.flow.reachable();
      return;
    }
    // The previous version's sets are settled before the graph moves on to this version.
    const kept = step.index.relevant;
    this.previous = { relevant: kept, seeds: step.index.seeds, unchanged: false };
    this.flow = step.index.flow;
    for (const t of step.removed) this.apply(t, -1);
    for (const t of step.added) this.apply(t, 1);
    this.localRelevant = this.flow.reachable();
    this.previous.unchanged = relevanceSignature(kept, step.removed) === relevanceSignature(kept, step.added);
    this.base = step.index.depth < MAX_CHAIN ? step.index : undefined;
    if (this.base) {
      this.touchedImports = false;
      for (const t of [...step.removed, ...step.added]) if (statementIndex(t).imports.length > 0) this.touchedImports = true;
    }
    if (this.base) {
      this.depth = step.index.depth + 1;
      for (const t of [...step.removed, ...step.added]) {
        const st = statementIndex(t);
        for (const n of st.bindings.keys()) this.touchedBindings.add(n);
        for (const n of st.callees.keys()) this.touchedCalls.add(n);
      }
    }
  }

  /** Names imported from workspace modules where they may hold a loss (`from losses import get_criterion`). */
  get seeds(): ReadonlySet<string> {
    return (this.seedSet ??= this.seedsOf?.(this.imports) ?? NO_SEEDS);
  }

  /** Names that may hold a loss (see `LossNameFlow`), with the seeds other modules lend. */
  get relevant(): ReadonlySet<string> {
    if (!this.relevantSet) {
      const p = this.previous;
      const seeds = this.seeds;
      if (p && p.unchanged && sameSet(seeds, p.seeds)) this.relevantSet = p.relevant;
      else this.relevantSet = seeds.size === 0 ? this.localRelevant : this.flow.reachable(seeds);
    }
    return this.relevantSet;
  }

  private apply(top: SNode, sign: 1 | -1): void {
    const st = statementIndex(top);
    this.flow.apply(st.lossNames, st.flows, sign);
  }

  /** Calls in `top` that may compute or build a loss (all others are skipped). */
  /** The names whose relevance `candidates(top)` consults (a flip of one makes its calls sites, or not). */
  relevanceNames(top: SNode): IterableIterator<string> {
    return statementIndex(top).callees.keys();
  }

  candidates(top: SNode): SNode[] {
    const out: SNode[] = [];
    // `partial(nn.X, …)` configures a construction made later.
    const st = statementIndex(top);
    for (const [name, calls] of st.callees) if (this.relevant.has(name) || isLossName(name) || name === 'partial') out.push(...calls);
    if (st.passedCalls.length > 0) {
      const seen = new Set(out);
      for (const c of st.passedCalls) if (!seen.has(c)) out.push(c);
    }
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

  /** The keys of star imports (`from torch.nn import *`), which any bare name may resolve through. */
  get starImports(): readonly string[] {
    return (this.stars ??= [...this.imports.keys()].filter((k) => k.startsWith(STAR)));
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
    const flipped = new Set<string>();
    if (this.relevant !== previous.relevant) {
      // Calls whose relevance flipped become (or stop being) loss sites wherever they are.
      for (const n of this.relevant) if (!previous.relevant.has(n)) flipped.add(n);
      for (const n of previous.relevant) if (!this.relevant.has(n)) flipped.add(n);
      for (const n of flipped) called.add(n);
    }
    const once = (n: string) => this.moduleBindings(n).length === 1 || previous.moduleBindings(n).length === 1;
    return { bound, reimported, called, flipped, sites, imports, once };
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
