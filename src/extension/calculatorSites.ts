import * as vscode from 'vscode';
import { cellAt, lossSites, type DocumentAnalysis, type LossSiteInfo } from '../analysis';
import { logicalLines, type LogicalLine } from '../calculator/bindings';
import { analyses } from './diagnostics';
import { pythonGrammar } from './grammar';

export interface DocumentSites {
  /** Sites in this document, with offsets in the analyzed text (a notebook's joined cells). */
  readonly sites: readonly LossSiteInfo[];
  readonly lines: readonly LogicalLine[];
  /** Where this document starts in the analyzed text: 0 for a file, the cell's start in a notebook. */
  readonly base: number;
}

const cache = new WeakMap<vscode.TextDocument, { analysis: DocumentAnalysis; version: number; value: DocumentSites }>();

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
  const hit = cache.get(doc);
  if (hit && hit.analysis === analysis && hit.version === analysis.version) return hit.value;
  const all = lossSites(analysis);
  const sites = cell ? all.filter((s) => cellAt(cell.joined, s.range.start).cell === cell.index) : all;
  const value = { sites, lines: logicalLines(analysis.text), base };
  cache.set(doc, { analysis, version: analysis.version, value });
  return value;
}
