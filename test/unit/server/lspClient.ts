// A test client for the built language server: spawns `node dist/cli.js server --stdio` and speaks LSP
// to it through vscode-languageserver-protocol, recording what the server pushes and asks.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  CancellationTokenSource,
  ConfigurationRequest,
  DiagnosticRefreshRequest,
  InitializeRequest,
  InitializedNotification,
  PublishDiagnosticsNotification,
  RegistrationRequest,
  ShowDocumentRequest,
  type ShowDocumentParams,
  StreamMessageReader,
  StreamMessageWriter,
  WorkDoneProgress,
  WorkDoneProgressCreateRequest,
  createProtocolConnection,
  type ClientCapabilities,
  type Diagnostic,
  type InitializeResult,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';

export const ROOT = join(__dirname, '../../..');
export const CLI = join(ROOT, 'dist/cli.js');

export const uriOf = (path: string): string => pathToFileURL(path).href;

/** Capabilities of a plain push-diagnostics client (like Neovim's), with what a test adds. */
export function capabilities(extra: ClientCapabilities = {}): ClientCapabilities {
  return {
    ...extra,
    textDocument: {
      publishDiagnostics: { relatedInformation: true },
      hover: { contentFormat: ['markdown', 'plaintext'] },
      codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', ''] } } },
      inlayHint: {},
      ...extra.textDocument,
    },
    workspace: { configuration: true, workspaceFolders: true, ...extra.workspace },
    window: { workDoneProgress: true, ...extra.window },
  };
}

export interface Server {
  readonly connection: ProtocolConnection;
  readonly child: ChildProcess;
  /** The server's answer to `initialize`. */
  readonly initialized: InitializeResult;
  /** The `lossLens` section the server gets when it asks `workspace/configuration`. */
  settings: unknown;
  /** How many `workspace/diagnostic/refresh` requests the server sent. */
  refreshes: number;
  /** Titles of the `$/progress` begin reports, and how many progresses ended. */
  readonly progress: { titles: string[]; ended: number };
  /** Resolves once `ended` progresses have ended. */
  progressEnded(ended?: number, ms?: number): Promise<void>;
  /** The documents the server asked the client to show (window/showDocument). */
  readonly shown: ShowDocumentParams[];
  /** Everything the server logged (window/logMessage). */
  readonly logs: string[];
  /** The latest pushed diagnostics of a URI. */
  diagnostics(uri: string): Diagnostic[] | undefined;
  /** Resolves with the first push for `uri` (counting the latest one) that satisfies `accept`. */
  pushed(uri: string, accept: (d: Diagnostic[]) => boolean, what: string, ms?: number): Promise<Diagnostic[]>;
  stop(): Promise<number | null>;
}

export async function startServer(opts: { folder: string; capabilities?: ClientCapabilities; settings?: unknown; initializationOptions?: unknown; cli?: string }): Promise<Server> {
  const cli = opts.cli ?? CLI;
  if (!existsSync(cli)) throw new Error(`${cli} is missing: run \`node esbuild.js\` first`);
  // Started from the folder, so nothing of this checkout (node_modules) is found by accident.
  const child = spawn(process.execPath, [cli, 'server', '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'], cwd: opts.folder });
  let stderr = '';
  child.stderr!.on('data', (b: Buffer) => (stderr += b.toString()));
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  const latest = new Map<string, Diagnostic[]>();
  const waiters = new Set<() => void>();
  const logs: string[] = [];
  const server: Omit<Server, 'initialized'> & { initialized?: InitializeResult } = {
    connection,
    child,
    settings: opts.settings ?? {},
    refreshes: 0,
    logs,
    progress: { titles: [], ended: 0 },
    shown: [],
    progressEnded(ended = 1, ms = 20_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (server.progress.ended < ended) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve();
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`timed out waiting for ${ended} progress end(s); saw ${JSON.stringify(server.progress)}`));
        }, ms);
        waiters.add(check);
        check();
      });
    },
    diagnostics: (uri) => latest.get(uri),
    pushed(uri, accept, what, ms = 20_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const d = latest.get(uri);
          if (d && accept(d)) {
            clearTimeout(timer);
            waiters.delete(check);
            resolve(d);
          }
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`timed out waiting for ${what} on ${uri}; last pushed: ${JSON.stringify(latest.get(uri))}; server log: ${logs.join('\n')} ${stderr}`));
        }, ms);
        waiters.add(check);
        check();
      });
    },
    async stop() {
      if (child.exitCode !== null) return child.exitCode;
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      await connection.sendRequest('shutdown');
      await connection.sendNotification('exit');
      const code = await exited;
      connection.dispose();
      return code;
    },
  };
  connection.onNotification(PublishDiagnosticsNotification.type, (p: PublishDiagnosticsParams) => {
    latest.set(p.uri, p.diagnostics);
    for (const w of [...waiters]) w();
  });
  connection.onNotification('window/logMessage', (p: { message: string }) => logs.push(p.message));
  connection.onRequest(ConfigurationRequest.type, (p) => p.items.map((i) => (i.section === 'lossLens' ? server.settings : null)));
  connection.onRequest(RegistrationRequest.type, () => null);
  connection.onRequest(ShowDocumentRequest.type, (p) => {
    server.shown.push(p);
    return { success: true };
  });
  connection.onRequest(WorkDoneProgressCreateRequest.type, ({ token }) => {
    connection.onProgress(WorkDoneProgress.type, token, (value) => {
      if (value.kind === 'begin') server.progress.titles.push(value.title);
      if (value.kind === 'end') server.progress.ended++;
      for (const w of [...waiters]) w();
    });
    return null;
  });
  connection.onRequest(DiagnosticRefreshRequest.type, () => {
    server.refreshes++;
    for (const w of [...waiters]) w();
    return null;
  });
  connection.listen();
  server.initialized = await connection.sendRequest(InitializeRequest.type, {
    processId: process.pid,
    rootUri: uriOf(opts.folder),
    workspaceFolders: [{ uri: uriOf(opts.folder), name: 'ws' }],
    capabilities: opts.capabilities ?? capabilities(),
    initializationOptions: opts.initializationOptions,
    locale: 'en',
  });
  await connection.sendNotification(InitializedNotification.type, {});
  return server as Server;
}

export { CancellationTokenSource };
