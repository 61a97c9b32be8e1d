import * as vscode from 'vscode';
import * as calculatorLens from './calculatorLens';
import * as calculatorPanel from './calculatorPanel';
import * as codeActions from './codeActions';
import * as diagnostics from './diagnostics';
import * as hover from './hover';
import * as inlineValues from './inlineValues';
import * as lossPicker from './lossPicker';
import * as ruleDocsView from './ruleDocsView';

/** Builds each feature and hands its disposable to VS Code; nothing else happens here. */
export function activate(context: vscode.ExtensionContext): void {
  const features: ((ctx: vscode.ExtensionContext) => vscode.Disposable)[] = [
    diagnostics.register,
    codeActions.register,
    calculatorPanel.register,
    calculatorLens.register,
    inlineValues.register,
    hover.register,
    lossPicker.register,
    ruleDocsView.register,
  ];
  for (const register of features) context.subscriptions.push(register(context));
}

export function deactivate(): void {}
