import * as vscode from 'vscode';
import * as calculatorPanel from './calculatorPanel';
import { followColourTheme } from './client';
import { createContext, type Context } from './context';
import * as lossPicker from './lossPicker';
import * as ruleDocsView from './ruleDocsView';

/**
 * Makes the one context, registers what only VS Code can show (the calculator, the loss picker, the
 * rule documentation) and starts the language server, which does every analysis.
 */
export function activate(extension: vscode.ExtensionContext): void {
  const ctx = createContext(extension);
  const features: ((ctx: Context) => vscode.Disposable)[] = [calculatorPanel.register, lossPicker.register, ruleDocsView.register];
  for (const register of features) ctx.subscriptions.push(register(ctx));
  ctx.subscriptions.push(followColourTheme(ctx.client));
  // Activation doesn't wait for the server: its answers arrive when it has started.
  ctx.client.start().catch((e: unknown) => ctx.output.appendLine(`the Loss Lens language server did not start: ${e instanceof Error ? e.message : String(e)}`));
}

export function deactivate(): void {}
