import * as vscode from 'vscode';
import { byCell, lossSites, type DocumentAnalysis, type JoinedCells, type LossSiteInfo } from '../analysis';
import { logicalLines, updateLogicalLines, type LogicalLine } from '../calculator/logicalLines';
import { analyses } from './diagnostics';
import { pythonGrammar } from './grammar';

export interface DocumentSites {
  /** Sites in this document, with offsets in the analyzed text (a notebook's joined cells). */
  readonly sites: readonly LossSiteInfo[];
  readonly lines: readonly LogicalLine[];
  /** Where this document starts in the analyzed text: 0 for a file, the cell's start in a notebook. */
  readonly base: number;
}

/** What one version of an analysis yields for every document it covers (a file, or each cell of a notebook). */
interface AnalysisSites {
  readonly version: number;
  readonly text: string;
  readonly lines: readonly LogicalLine[];
  readonly sites: readonly LossSiteInfo[];
  /** The sites of each notebook cell, grouped once per version rather than once per cell. */
  byCell?: { readonly joined: JoinedCells; readonly groups: readonly (readonly LossSiteInfo[])[] };
}

const cache = new WeakMap<DocumentAnalysis, AnalysisSites>();

/** The sites and logical lines of an analysis at its current version; the lines are updated from the last version's. */
function analysisSites(analysis: DocumentAnalysis): AnalysisSites {
  const hit = cache.get(analysis);
  if (hit && hit.version === analysis.version) return hit;
  const text = analysis.text;
  const lines = hit ? updateLogicalLines(hit, text) : logicalLines(text);
  const value: AnalysisSites = { version: analysis.version, text, lines, sites: lossSites(analysis) };
  cache.set(analysis, value);
  return value;
}

/**
 * The analyzer's loss sites of a Python file or notebook cell and the logical lines they are read
 * with, from the shared analysis (a notebook's cells are analysed joined, so a literal defined in one
 * cell reaches a loss call in another), cached per analysis version.
 */
export async function documentSites(ctx: vscode.ExtensionContext, doc: vscode.TextDocument): Promise<DocumentSites | undefined> {
  if (doc.languageId !== 'python') return undefined;
  await pythonGrammar(ctx.extensionUri);
  const store = analyses();
  if (!store || doc.isClosed) return undefined;
  const covered = store.covering(doc);
  if (!covered) return undefined;
  const { analysis, base, cell } = covered;
  const found = analysisSites(analysis);
  if (!cell) return { sites: found.sites, lines: found.lines, base };
  if (found.byCell?.joined !== cell.joined) found.byCell = { joined: cell.joined, groups: byCell(cell.joined, found.sites, (s) => s.range.start) };
  return { sites: found.byCell.groups[cell.index] ?? [], lines: found.lines, base };
}
