import * as vscode from 'vscode';
import { EXPLAIN_RULE, type ExplainRuleParams, type ExplainRuleResult } from '../protocol/server';
import type { Context } from './context';

/**
 * Rule documentation as read-only Markdown documents (`loss-lens-rule:/LL101.md`). Diagnostic codes
 * link here, so "what does LL101 mean?" opens inside the editor, offline, in the display language,
 * from the same metadata as `loss-lens explain` (the server renders it).
 */
export const RULE_DOCS_SCHEME = 'loss-lens-rule';

export function ruleDocsUri(code: string): vscode.Uri {
  return vscode.Uri.from({ scheme: RULE_DOCS_SCHEME, path: `/${code}.md` });
}

export function register(ctx: Context): vscode.Disposable {
  return vscode.workspace.registerTextDocumentContentProvider(RULE_DOCS_SCHEME, {
    async provideTextDocumentContent(uri, token) {
      const code = uri.path.replace(/^\//, '').replace(/\.md$/, '');
      const params: ExplainRuleParams = { code };
      try {
        const docs = await ctx.client.sendRequest<ExplainRuleResult>(EXPLAIN_RULE, params, token);
        return docs ?? `Loss Lens has no rule ${code}.\n`;
      } catch (e) {
        ctx.output.appendLine(`cannot read the documentation of ${code}: ${e instanceof Error ? e.message : String(e)}`);
        return `Loss Lens could not read the documentation of ${code}; the language server is not running (see the Loss Lens output).\n`;
      }
    },
  });
}
