import { analyze, byCell, type AnalyzeOptions, type Diagnostic, type DocumentAnalysis } from '../analysis';
import type { ServerContext } from './context';
import type { Covered } from './session';

function options(ctx: ServerContext): AnalyzeOptions {
  return {
    locale: ctx.locale(),
    severities: ctx.settings().rules,
    onRuleError: (code, e) => ctx.logOnce(`rule:${code}`, `rule ${code} failed and was skipped`, e),
  };
}

/** Identifies what the findings of an analysis were computed from: its text, the workspace's state, the settings. */
export function findingsKey(ctx: ServerContext, analysis: DocumentAnalysis): string {
  return `${analysis.version}.${ctx.session.tick}.${ctx.settingsVersion()}`;
}

/**
 * Findings over a whole analysis (every cell of a notebook), remembered per analysis until its text,
 * the workspace or the settings change, so pulling each cell or asking for code actions reruns nothing.
 */
export function analysisFindings(ctx: ServerContext, analysis: DocumentAnalysis): Diagnostic[] {
  const cache = ctx.caches.findings;
  const key = findingsKey(ctx, analysis);
  const hit = cache.get(analysis);
  if (hit?.key === key) return hit.findings;
  const findings = ctx.settings().enable ? analyze(analysis, options(ctx)) : [];
  cache.set(analysis, { key, findings });
  return findings;
}

/** The findings inside the covered document: all of a file's, or those in one notebook cell. */
export function documentFindings(ctx: ServerContext, all: readonly Diagnostic[], covered: Covered): Diagnostic[] {
  const cell = covered.cell;
  if (!cell) return [...all];
  // Grouped once per set of findings: a 2,000-cell notebook's cells are each asked for in turn.
  let groups = ctx.caches.cellFindings.get(all);
  if (!groups) ctx.caches.cellFindings.set(all, (groups = byCell(cell.joined, all, (f) => f.start)));
  return [...(groups[cell.index] ?? [])];
}
