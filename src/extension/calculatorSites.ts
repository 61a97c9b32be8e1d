import * as vscode from 'vscode';
import { lossSites, type LossSiteInfo } from '../analysis';
import { logicalLines, type LogicalLine } from '../calculator/bindings';
import { analyses } from './diagnostics';
import { pythonGrammar } from './grammar';

export interface DocumentSites {
  readonly sites: readonly LossSiteInfo[];
  readonly lines: readonly LogicalLine[];
}

const cache = new WeakMap<vscode.TextDocument, { version: number; value: DocumentSites }>();

/** Python files only: a lone notebook cell lacks the imports made in other cells. */
export function isPythonFile(doc: vscode.TextDocument): boolean {
  return doc.languageId === 'python' && doc.uri.scheme !== 'vscode-notebook-cell';
}

/**
 * The analyzer's loss sites of a document and its logical lines, from the shared per-document
 * analysis (parsed once for every feature), cached per document version.
 */
export async function documentSites(ctx: vscode.ExtensionContext, doc: vscode.TextDocument): Promise<DocumentSites | undefined> {
  if (!isPythonFile(doc)) return undefined;
  const hit = cache.get(doc);
  if (hit && hit.version === doc.version) return hit.value;
  await pythonGrammar(ctx.extensionUri);
  const store = analyses();
  if (!store || doc.isClosed) return undefined;
  const analysis = store.forDocument(doc);
  const value = { sites: lossSites(analysis), lines: logicalLines(analysis.text) };
  cache.set(doc, { version: doc.version, value });
  return value;
}
