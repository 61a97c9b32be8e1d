import { byCell, lossSites, type LossSiteInfo } from '../analysis';
import { logicalLines, updateLogicalLines, type LogicalLine } from '../calculator/logicalLines';
import type { ServerContext } from './context';
import type { Covered } from './session';

export interface DocumentSites {
  /** Loss sites inside the covered document, with offsets in the analysed text. */
  readonly sites: readonly LossSiteInfo[];
  readonly lines: readonly LogicalLine[];
}

/**
 * The analyzer's loss sites of a file or notebook cell and the logical lines their literals are read
 * from (a notebook's cells are joined, so a literal in one cell reaches a call in another), cached per
 * analysis version.
 */
export function documentSites(ctx: ServerContext, covered: Covered): DocumentSites {
  const { analysis, cell } = covered;
  let hit = ctx.caches.sites.get(analysis);
  if (hit?.version !== analysis.version) {
    // After an edit only the logical lines it reaches are split again (a 10 MB literal is not rescanned).
    const lines = hit ? updateLogicalLines(hit, analysis.text) : logicalLines(analysis.text);
    hit = { version: analysis.version, text: analysis.text, sites: lossSites(analysis), lines };
    ctx.caches.sites.set(analysis, hit);
  }
  if (!cell) return { sites: hit.sites, lines: hit.lines };
  // Grouped once per version, as findings are: each cell of a long notebook asks in turn.
  hit.byCell ??= byCell(cell.joined, hit.sites, (s) => s.range.start);
  return { sites: hit.byCell[cell.index] ?? [], lines: hit.lines };
}
