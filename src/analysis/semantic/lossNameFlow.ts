/**
 * Which names may hold a loss: loss names themselves (`BCELoss`, `cross_entropy`, aliases of them)
 * and every name bound from one, directly or through other names (`crit = nn.BCELoss()`,
 * `self.c = crit`, `def make(): return crit`). Kept as a graph of "read → bound" edges with counts,
 * updated statement by statement, so an edit adds and removes only its own statements' edges.
 */
export class LossNameFlow {
  private readonly edges = new Map<string, Map<string, number>>();
  private readonly seeds = new Map<string, number>();

  /** Adds (`sign` 1) or removes (-1) one statement's loss names and flows. */
  apply(lossNames: readonly string[], flows: readonly { readonly target: string; readonly reads: ReadonlySet<string> }[], sign: 1 | -1): void {
    for (const n of lossNames) bump(this.seeds, n, sign);
    for (const f of flows)
      for (const r of f.reads) {
        let out = this.edges.get(r);
        if (!out) this.edges.set(r, (out = new Map()));
        bump(out, f.target, sign);
      }
  }

  /** Every name reachable from a loss name (or from `extra`, names known to hold one). */
  reachable(extra: Iterable<string> = []): Set<string> {
    const seen = new Set<string>();
    const queue: string[] = [];
    for (const [n, c] of this.seeds) if (c > 0) (seen.add(n), queue.push(n));
    for (const n of extra) if (!seen.has(n)) (seen.add(n), queue.push(n));
    while (queue.length) {
      const out = this.edges.get(queue.pop()!);
      if (out) for (const [t, c] of out) if (c > 0 && !seen.has(t)) (seen.add(t), queue.push(t));
    }
    return seen;
  }
}

function bump(m: Map<string, number>, k: string, by: number): void {
  const v = (m.get(k) ?? 0) + by;
  if (v === 0) m.delete(k);
  else m.set(k, v);
}
