import {
  CodeActionKind,
  ErrorCodes,
  ProposedFeatures,
  ResponseError,
  TextDocumentSyncKind,
  createConnection,
  type InitializeResult,
  type ServerCapabilities,
} from 'vscode-languageserver/node';
import type { PythonGrammar } from '../analysis';
import * as codeActions from './codeActions';
import * as codeLens from './codeLens';
import { SHOW_RELATED } from '../protocol/server';
import * as configuration from './configuration';
import { clientSupport, createContext } from './context';
import * as diagnostics from './diagnostics';
import * as hover from './hover';
import * as inlayHints from './inlayHints';
import * as notebooks from './notebooks';
import * as ruleDocs from './ruleDocs';
import { Session } from './session';
import * as textSync from './textSync';
import * as watchedFiles from './watchedFiles';
import * as workspaceFolders from './workspaceFolders';

/*
 * Layout: `session.ts` owns the analysis state (the analyzer's Workspace, open files, notebooks);
 * `context.ts` makes the one object each feature receives; every other file is one LSP feature with a
 * `register(ctx)`. To add a feature: (1) write `<feature>.ts` exporting `register(ctx)`, its handlers
 * wrapped in `guarded` (never throw; InvalidParams for bad params; cancellation checked);
 * (2) announce it in CAPABILITIES below and add it to the list in `onInitialize`; (3) cover it in
 * test/unit/server/server.test.ts through the built server. Anything beyond LSP the VS Code client
 * needs is typed in src/protocol/server.ts.
 */

export const SERVER_USAGE = `usage: loss-lens server --stdio | --node-ipc

Runs the Loss Lens language server (LSP 3.17) over stdin/stdout (--stdio) or a Node IPC channel
(--node-ipc, as the VS Code client starts it). Diagnostics, hover, quick fixes, inlay hints with
inline loss values, code lenses and notebook cells; settings under the \`lossLens\` section.
`;

const CAPABILITIES: ServerCapabilities = {
  positionEncoding: 'utf-16',
  textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
  notebookDocumentSync: { notebookSelector: [{ notebook: '*', cells: [{ language: 'python' }] }] },
  diagnosticProvider: { identifier: 'loss-lens', interFileDependencies: true, workspaceDiagnostics: false },
  hoverProvider: true,
  codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, CodeActionKind.Empty] },
  inlayHintProvider: true,
  codeLensProvider: { resolveProvider: false },
  executeCommandProvider: { commands: [SHOW_RELATED] },
  workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
};

/** `--stdio` or `--node-ipc` (VS Code's client adds `--clientProcessId=N`); anything else is a usage error. */
function transportError(args: readonly string[]): string | undefined {
  const transports = args.filter((a) => a === '--stdio' || a === '--node-ipc');
  const unknown = args.filter((a) => a !== '--stdio' && a !== '--node-ipc' && !/^--clientProcessId=\d+$/.test(a));
  if (unknown.length > 0) return `unknown argument ${JSON.stringify(unknown[0])}`;
  if (transports.length !== 1) return `expected exactly one of --stdio, --node-ipc; got ${transports.length === 0 ? 'none' : transports.join(' ')}`;
  return undefined;
}

/**
 * `loss-lens server`: the language server. Resolves only if the arguments are wrong (exit code 2);
 * otherwise it runs until the client sends `exit` (or closes the stream), when the library exits the process.
 */
export function runServer(args: readonly string[], loadGrammar: () => Promise<PythonGrammar>): Promise<number> {
  if (args.length === 1 && (args[0] === '--help' || args[0] === '-h')) {
    process.stdout.write(SERVER_USAGE);
    return Promise.resolve(0);
  }
  const problem = transportError(args);
  if (problem) {
    process.stderr.write(`loss-lens server: ${problem}\n${SERVER_USAGE}`);
    return Promise.resolve(2);
  }
  // The library reads the transport from process.argv (and, for --stdio, routes console output to the client's log).
  const connection = createConnection(ProposedFeatures.all);
  let dispose: (() => void) | undefined;
  let start: (() => Promise<void>) | undefined;

  connection.onInitialize(async (params): Promise<InitializeResult> => {
    let grammar: PythonGrammar;
    try {
      grammar = await loadGrammar();
    } catch (e) {
      throw new ResponseError(ErrorCodes.InternalError, `loss-lens: cannot load the Python grammar: ${(e as Error).message}`);
    }
    const session = new Session(grammar, workspaceFolders.initialFolders(params));
    const ctx = createContext(connection, session, clientSupport(params));
    for (const feature of [textSync, notebooks, diagnostics, hover, codeActions, inlayHints, codeLens, ruleDocs]) feature.register(ctx);
    const starters = [configuration.register(ctx, params.initializationOptions), watchedFiles.register(ctx), workspaceFolders.register(ctx)];
    start = async () => {
      for (const s of starters) await s.start().catch((e: unknown) => ctx.log('startup step failed', e));
    };
    dispose = () => session.dispose();
    return { capabilities: CAPABILITIES, serverInfo: { name: 'loss-lens' } };
  });
  connection.onInitialized(() => void start?.());
  connection.onShutdown(() => dispose?.());
  connection.listen();
  return new Promise<number>(() => {});
}
