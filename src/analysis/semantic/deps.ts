/**
 * What a computation read beyond its own statement, so its result can be kept across edits: the
 * module-level names it looked up (bindings and imports), the functions whose call sites it scanned,
 * and whether it looked at every loss site or every import of the file. An edit elsewhere invalidates
 * it only when the changed statements bind one of those names, call one of those functions, or
 * contain a loss site or an import that it depended on.
 */
export class Deps {
  names: Set<string> | undefined;
  /** Names looked up among the file's imports. */
  imported: Set<string> | undefined;
  /** Names whose lookup only mattered if the module binds them exactly once (the parameter fallback). */
  singles: Set<string> | undefined;
  calls: Set<string> | undefined;
  /** Names the statement calls whose relevance (may they hold a loss?) decided which calls are loss sites. */
  callees: Set<string> | undefined;
  /** Other workspace modules read (their changes invalidate the result whatever they touched). */
  modules: Set<string> | undefined;
  allSites = false;
  /** Looked for callers in every file of the workspace: a change to any other file may matter. */
  anyFile = false;
  allImports = false;

  noteName(name: string): void {
    (this.names ??= new Set()).add(name);
  }

  noteImport(name: string): void {
    (this.imported ??= new Set()).add(name);
  }

  noteSingle(name: string): void {
    (this.singles ??= new Set()).add(name);
  }

  noteCalls(name: string): void {
    (this.calls ??= new Set()).add(name);
  }

  noteCallee(name: string): void {
    (this.callees ??= new Set()).add(name);
  }

  /**
   * Computations still under way that this one met in a cycle (and so saw as unknown): its result
   * holds only inside them and must not be memoized until they finish.
   */
  pending: Set<object> | undefined;

  notePending(key: object): void {
    (this.pending ??= new Set()).add(key);
  }

  noteModule(path: string): void {
    (this.modules ??= new Set()).add(path);
  }

  /** Only the modules another computation read (its names belong to another file). */
  absorbModules(o: Deps): void {
    if (o.modules) for (const p of o.modules) this.noteModule(p);
    if (o.pending) for (const k of o.pending) this.notePending(k);
    if (o.anyFile) this.anyFile = true;
  }

  absorb(o: Deps): void {
    this.absorbModules(o);
    if (o.names) for (const n of o.names) this.noteName(n);
    if (o.imported) for (const n of o.imported) this.noteImport(n);
    if (o.singles) for (const n of o.singles) this.noteSingle(n);
    if (o.calls) for (const n of o.calls) this.noteCalls(n);
    if (o.allSites) this.allSites = true;
    if (o.allImports) this.allImports = true;
  }

}

/** What an edit changed at the top level, in the terms `Deps` are checked against. */
export interface ChangeSummary {
  /** Names bound at module level by a removed or added statement. */
  readonly bound: ReadonlySet<string>;
  /** Imported names whose target changed (imports are file-wide, and files often repeat them). */
  readonly reimported: ReadonlySet<string>;
  /** Of `bound`, whether the module bound the name exactly once before or after the change. */
  once(name: string): boolean;
  /** Callee names of calls in a removed or added statement. */
  readonly called: ReadonlySet<string>;
  /** Names that became, or stopped being, names that may hold a loss (here or in an imported module). */
  readonly flipped: ReadonlySet<string>;
  readonly sites: boolean;
  readonly imports: boolean;
}

export function affected(d: Deps, c: ChangeSummary): boolean {
  if (d.allSites && c.sites) return true;
  if (d.allImports && c.imports) return true;
  if (meets(d.names, c.bound) || meets(d.imported, c.reimported) || meets(d.calls, c.called) || meets(d.callees, c.flipped)) return true;
  if (d.singles) for (const n of c.bound) if (d.singles.has(n) && c.once(n)) return true;
  return false;
}

/** Whether the sets share a name, iterating the smaller (a change touches few names, a result reads many). */
function meets(a: ReadonlySet<string> | undefined, b: ReadonlySet<string>): boolean {
  if (!a || a.size === 0 || b.size === 0) return false;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  for (const n of small) if (large.has(n)) return true;
  return false;
}
