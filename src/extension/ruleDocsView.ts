import * as vscode from 'vscode';
import { explainRule, findRule } from '../analysis';
import { displayLocale } from './config';

/**
 * Rule documentation as read-only Markdown documents (`loss-lens-rule:/LL101.md`). Diagnostic codes
 * link here, so "what does LL101 mean?" opens inside the editor, offline, in the display language,
 * from the same metadata as `loss-lens explain`.
 */
export const RULE_DOCS_SCHEME = 'loss-lens-rule';

export function ruleDocsUri(code: string): vscode.Uri {
  return vscode.Uri.from({ scheme: RULE_DOCS_SCHEME, path: `/${code}.md` });
}

export function register(): vscode.Disposable {
  return vscode.workspace.registerTextDocumentContentProvider(RULE_DOCS_SCHEME, {
    provideTextDocumentContent(uri) {
      const code = uri.path.replace(/^\//, '').replace(/\.md$/, '');
      const rule = findRule(code);
      return rule ? explainRule(rule, displayLocale()) : `Loss Lens has no rule ${code}.\n`;
    },
  });
}
