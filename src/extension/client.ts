import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions, type StaticFeature } from 'vscode-languageclient/node';
import type { Locale } from '../catalogue';
import { OPEN_CALCULATOR, SET_FORMULA_THEME, type FormulaTheme, type ServerInitializationOptions, type SetFormulaThemeParams } from '../protocol/server';
import { languageSetting } from './config';
import { ruleDocsUri } from './ruleDocsView';

function formulaTheme(): FormulaTheme {
  const kind = vscode.window.activeColorTheme.kind;
  return kind === vscode.ColorThemeKind.Light || kind === vscode.ColorThemeKind.HighContrastLight ? 'light' : 'dark';
}

/**
 * Diagnostics are pushed, not pulled: vscode-languageclient 9 pulls only for text documents it opened
 * itself, never for notebook cells. So the client neither offers pull nor registers the server's pull provider.
 */
const pushDiagnostics: StaticFeature = {
  fillClientCapabilities(capabilities) {
    if (capabilities.textDocument) delete capabilities.textDocument.diagnostic;
    if (capabilities.workspace) delete capabilities.workspace.diagnostics;
  },
  preInitialize(capabilities) {
    delete capabilities.diagnosticProvider;
  },
  initialize() {},
  getState: () => ({ kind: 'static' }),
  clear() {},
};

/** A rule code as a link to its documentation page inside the editor (`loss-lens-rule:/LL101.md`). */
function linkRuleDocs(d: vscode.Diagnostic): vscode.Diagnostic {
  const value = d.code !== null && typeof d.code === 'object' ? d.code.value : d.code;
  if (d.source === 'loss-lens' && value !== undefined) d.code = { value, target: ruleDocsUri(String(value)) };
  return d;
}

/**
 * The language server (`dist/cli.js server`, forked over Node IPC) and the client speaking to it:
 * diagnostics, quick fixes, hovers, inline values, calculator lenses and cross-file re-checks for
 * Python files and notebook cells all come from there. `locale` is the extension's locale decision;
 * the server receives it as its `lossLens.language`, so both speak the same language.
 */
export function createClient(extensionUri: vscode.Uri, output: vscode.OutputChannel, locale: () => Locale): LanguageClient {
  const module = vscode.Uri.joinPath(extensionUri, 'dist', 'cli.js').fsPath;
  // The client appends --node-ipc (and --clientProcessId) itself for the IPC transport.
  const run = { module, transport: TransportKind.ipc, args: ['server'] };
  const serverOptions: ServerOptions = { run, debug: run };
  const clientOptions: LanguageClientOptions = {
    // Any scheme, as before the server: untitled and virtual-workspace buffers are analysed alone.
    documentSelector: [{ language: 'python' }, { notebook: 'jupyter-notebook', language: 'python' }],
    // Read when the server (re)starts, so it gets the theme of that moment.
    initializationOptions: (): ServerInitializationOptions => ({ calculator: true, formulaTheme: formulaTheme() }),
    outputChannel: output,
    // Hovers and inlay-hint tooltips may run only the calculator command.
    markdown: { isTrusted: { enabledCommands: [OPEN_CALCULATOR] } },
    middleware: {
      handleDiagnostics: (uri, diagnostics, next) => next(uri, diagnostics.map(linkRuleDocs)),
      workspace: {
        configuration: async (params, token, next) => {
          const result = await next(params, token);
          if (!Array.isArray(result)) return result;
          return result.map((section, i) =>
            params.items[i]?.section === 'lossLens' && section && typeof section === 'object' ? { ...section, language: languageSetting(locale()) } : section,
          );
        },
      },
    },
  };
  const client = new LanguageClient('lossLens', 'Loss Lens', serverOptions, clientOptions);
  client.registerFeature(pushDiagnostics);
  return client;
}

/** Formula images in hovers follow the colour theme. */
export function followColourTheme(client: LanguageClient): vscode.Disposable {
  return vscode.window.onDidChangeActiveColorTheme(() => {
    if (!client.isRunning()) return;
    const params: SetFormulaThemeParams = { theme: formulaTheme() };
    client.sendNotification(SET_FORMULA_THEME, params).catch((e: unknown) => client.error('cannot send the colour theme', e));
  });
}
