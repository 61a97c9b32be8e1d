import type { Diagnostic } from './diagnostic';
import { Deps, affected, type ChangeSummary } from './semantic/deps';
import { FileIndex } from './semantic/fileIndex';
import { collectLossSites, type Construction, type LossCall, type LossSites, type UninstantiatedCall } from './semantic/lossSites';
import { Semantics } from './semantic/semantics';
import { endOf, startOf, type SNode } from './syntax';
import type { ModuleContext } from './document';

/** The semantic facts rules read: the shared semantics and the loss sites in view. */
export interface Facts {
  readonly semantics: Semantics;
  readonly sites: LossSites;
}

/** An offset kept relative to the top-level statement holding it, so it follows the statement when edits shift it. */
interface Anchor {
  readonly top: SNode;
  readonly delta: number;
}

interface CachedDiagnostic {
  readonly d: Diagnostic;
  /** Start, end, then each fix edit's start and end, in order. */
  readonly anchors: readonly Anchor[];
}

/** What one top-level statement yields, with everything outside it that the result read. */
interface StatementResult {
  readonly deps: Deps;
  readonly sites: LossSites;
  /** Findings by analysis options (locale, selection, severities). */
  readonly findings: Map<string, CachedDiagnostic[]>;
  /** Other statements the findings' ranges and fix edits point into. */
  readonly anchoredTo: Set<SNode>;
}

/**
 * Results per top-level statement, kept across versions of a document: an edit drops the results
 * of the statements it replaced and of those whose dependencies (see `Deps`) it touched; every
 * other statement's loss sites and findings are reused, so a keystroke re-analyzes one statement.
 */
export class StatementResults {
  private entries = new Map<SNode, StatementResult>();

  get(top: SNode): StatementResult | undefined {
    return this.entries.get(top);
  }

  set(top: SNode, r: StatementResult): void {
    this.entries.set(top, r);
  }

  /** Drops the results that read one of `paths` (modules that changed), or looked at every file. */
  dropModules(paths: ReadonlySet<string>, own: string): void {
    if (paths.size === 0) return;
    const elsewhere = [...paths].some((p) => p !== own);
    for (const [top, r] of this.entries) {
      const read = r.deps.modules;
      if ((r.deps.anyFile && elsewhere) || (read && [...paths].some((p) => read.has(p)))) this.entries.delete(top);
    }
  }

  /** Keeps what survives a change; `undefined` (a full re-copy) drops everything. */
  advance(change: { removed: readonly SNode[]; summary: ChangeSummary } | undefined): void {
    if (!change) {
      this.entries.clear();
      return;
    }
    const removed = new Set(change.removed);
    for (const t of removed) this.entries.delete(t);
    for (const [top, r] of this.entries) {
      if (affected(r.deps, change.summary) || pointsInto(r.anchoredTo, removed)) this.entries.delete(top);
    }
  }
}

function pointsInto(anchored: ReadonlySet<SNode>, removed: ReadonlySet<SNode>): boolean {
  for (const t of anchored) if (removed.has(t)) return true;
  return false;
}

const NO_SITES: LossSites = { logCalls: [], constructions: [], calls: [], uninstantiated: [] };

/** The facts of one document version, computed lazily statement by statement. */
export class VersionFacts implements Facts {
  readonly semantics: Semantics;
  private all: LossSites | undefined;
  private starts: number[] | undefined;

  constructor(readonly root: SNode, readonly index: FileIndex, private readonly results: StatementResults, context?: ModuleContext) {
    this.semantics = new Semantics(root, index, context);
    context?.workspace.register(root, this.semantics);
  }

  /** The loss sites of the whole file, in source order. */
  get sites(): LossSites {
    if (!this.all) {
      const all = { logCalls: [] as SNode[], constructions: [] as Construction[], calls: [] as LossCall[], uninstantiated: [] as UninstantiatedCall[] };
      for (const t of this.index.tops) {
        const s = this.result(t).sites;
        if (s === NO_SITES) continue;
        all.logCalls.push(...s.logCalls);
        all.constructions.push(...s.constructions);
        all.calls.push(...s.calls);
        all.uninstantiated.push(...s.uninstantiated);
      }
      this.all = all;
    }
    return this.all;
  }

  /** The statement's result, computing its loss sites (and recording what they read) on first use. */
  result(top: SNode): StatementResult {
    let r = this.results.get(top);
    if (!r) {
      const deps = new Deps();
      // Which calls are candidates depends on the relevance of the names called, even when none is.
      for (const n of this.index.relevanceNames(top)) deps.noteCallee(n);
      const candidates = this.index.candidates(top);
      const logCalls = this.index.logCalls(top);
      const sites = candidates.length === 0 && logCalls.length === 0 ? NO_SITES : this.semantics.track(deps, () => collectLossSites(this.semantics, candidates, logCalls), true);
      r = { deps, sites, findings: new Map(), anchoredTo: new Set() };
      this.results.set(top, r);
    }
    return r;
  }

  /**
   * The statement's findings for one set of options: kept from an earlier version when still valid,
   * else computed by `run` (with what it reads recorded) and kept.
   */
  findings(top: SNode, key: string, run: (sites: LossSites) => Diagnostic[]): Diagnostic[] {
    const r = this.result(top);
    const cached = r.findings.get(key);
    if (cached) return cached.map(resolve);
    if (r.sites === NO_SITES) return [];
    const found = this.semantics.track(r.deps, () => run(r.sites), true);
    const anchored: CachedDiagnostic[] = [];
    for (const d of found) {
      const offsets = [d.start, d.end, ...d.fixes.flatMap((f) => f.edits.flatMap((e) => [e.start, e.end]))];
      const anchors = offsets.map((x) => this.anchor(x));
      // An offset between statements can't follow edits reliably: such findings are recomputed each time.
      if (anchors.some((a) => a === undefined)) return found;
      anchored.push({ d, anchors: anchors as Anchor[] });
    }
    for (const c of anchored) for (const a of c.anchors) if (a.top !== top) r.anchoredTo.add(a.top);
    r.findings.set(key, anchored);
    return found;
  }

  private anchor(x: number): Anchor | undefined {
    const tops = this.index.tops;
    const starts = (this.starts ??= tops.map(startOf));
    let lo = 0;
    let hi = starts.length - 1;
    if (hi < 0 || x < starts[0]) return undefined;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= x) lo = mid;
      else hi = mid - 1;
    }
    const top = tops[lo];
    return x <= endOf(top) ? { top, delta: x - starts[lo] } : undefined;
  }
}

function resolve(c: CachedDiagnostic): Diagnostic {
  let i = 0;
  const at = (): number => {
    const a = c.anchors[i++];
    return startOf(a.top) + a.delta;
  };
  const start = at();
  const end = at();
  const fixes = c.d.fixes.map((f) => ({ ...f, edits: f.edits.map((e) => ({ ...e, start: at(), end: at() })) }));
  return { ...c.d, start, end, fixes };
}
