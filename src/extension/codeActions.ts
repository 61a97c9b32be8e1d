import * as vscode from 'vscode';
import { lineOf, noqaEdit } from '../analysis';
import { displayLocale } from './config';
import { relatedLocation, toWorkspaceEdit } from './convert';
import { shownFindings } from './diagnostics';

/** Quick fixes from each finding's fixes (one preferred), plus "suppress with # noqa". */
class LossLensActions implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix];

  provideCodeActions(doc: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const actions: vscode.CodeAction[] = [];
    for (const diag of context.diagnostics) {
      const shown = shownFindings.get(diag);
      if (!shown || diag.source !== 'loss-lens') continue;
      const { finding, base } = shown;
      for (const fix of finding.fixes) {
        const a = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
        a.edit = toWorkspaceEdit(doc, fix.edits, base);
        a.diagnostics = [diag];
        a.isPreferred = fix.preferred;
        actions.push(a);
      }
      // The fix belongs in the file that decided the finding: offer to go there.
      const where = relatedLocation(finding);
      if (where) {
        const file = vscode.workspace.asRelativePath(where.uri, false);
        const title = displayLocale() === 'zh' ? `打开 ${file}:${where.range.start.line + 1}（在那里修复）` : `Open ${file}:${where.range.start.line + 1} (fix it there)`;
        const open = new vscode.CodeAction(title, vscode.CodeActionKind.QuickFix);
        open.command = { title, command: 'vscode.open', arguments: [where.uri, { selection: where.range }] };
        open.diagnostics = [diag];
        actions.push(open);
      }
      const text = doc.getText();
      const line = lineOf(text, finding.start - base);
      const title = displayLocale() === 'zh' ? `用 \`# noqa: ${finding.code}\` 抑制` : `Suppress with \`# noqa: ${finding.code}\``;
      const suppress = new vscode.CodeAction(title, vscode.CodeActionKind.QuickFix);
      suppress.edit = toWorkspaceEdit(doc, [noqaEdit(text, line, finding.code)]);
      suppress.diagnostics = [diag];
      actions.push(suppress);
    }
    return actions;
  }
}

export function register(_ctx: vscode.ExtensionContext): vscode.Disposable {
  return vscode.languages.registerCodeActionsProvider({ language: 'python' }, new LossLensActions(), {
    providedCodeActionKinds: LossLensActions.kinds,
  });
}
