import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { Locale } from '../catalogue';
import { createClient } from './client';
import { decideLocale, readSettings, type Settings } from './config';
import { localize } from './localize';

/**
 * The one object made in `activate` and handed to every feature's `register(ctx)`: the language
 * client, the typed settings, the locale, an output channel and the extension's disposables.
 * Features keep their state in closures over it; nothing lives at module level.
 */
export interface Context {
  readonly extensionUri: vscode.Uri;
  readonly client: LanguageClient;
  readonly output: vscode.OutputChannel;
  settings(): Settings;
  /** `lossLens.language`, else VS Code's display language: the server, the catalogue and `t` all follow it. */
  locale(): Locale;
  /** One of the extension's own strings in `locale()`. */
  t(message: string, ...args: readonly (string | number)[]): string;
  readonly subscriptions: vscode.Disposable[];
}

export function createContext(extension: vscode.ExtensionContext): Context {
  const output = vscode.window.createOutputChannel('Loss Lens');
  const settings = () => readSettings();
  const locale = () => decideLocale(settings(), vscode.env.language);
  const client = createClient(extension.extensionUri, output, locale);
  extension.subscriptions.push(output, client);
  return {
    extensionUri: extension.extensionUri,
    client,
    output,
    settings,
    locale,
    t: (message, ...args) => localize(locale(), message, ...args),
    subscriptions: extension.subscriptions,
  };
}
