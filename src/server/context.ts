import { Emitter, type Connection, type InitializeParams } from 'vscode-languageserver/node';
import type { Diagnostic, DocumentAnalysis, LossSiteInfo } from '../analysis';
import type { LogicalLine } from '../calculator/logicalLines';
import { InlineEvaluations } from '../calculator/inlineEvaluations';
import type { Locale } from '../catalogue';
import type { FormulaTheme, ServerInitializationOptions } from '../protocol/server';
import { formulaImages, type FormulaImage } from './formulaImages';
import type { Session } from './session';
import { DEFAULT_SETTINGS, localeOf, type Settings } from './settings';

/** What the client said it supports, read once from `initialize`. */
export interface ClientSupport {
  /** `textDocument/diagnostic`: the client pulls, so nothing is pushed. */
  readonly pullDiagnostics: boolean;
  readonly diagnosticRefresh: boolean;
  readonly inlayHintRefresh: boolean;
  readonly codeLensRefresh: boolean;
  readonly configuration: boolean;
  readonly configurationRegistration: boolean;
  readonly watchedFilesRegistration: boolean;
  readonly workspaceFolders: boolean;
  readonly workDoneProgress: boolean;
  readonly showDocument: boolean;
  /** `initializationOptions.calculator`: the client runs `lossLens.openCalculator` (the VS Code extension does). */
  readonly calculator: boolean;
  /** `initializationOptions.formulaTheme`: the client's hovers show images, in this theme at first. */
  readonly formulaTheme: FormulaTheme | undefined;
  readonly locale: string | undefined;
}

export function clientSupport(params: InitializeParams): ClientSupport {
  const c = params.capabilities;
  const options = (params.initializationOptions ?? {}) as ServerInitializationOptions;
  return {
    pullDiagnostics: c.textDocument?.diagnostic !== undefined,
    diagnosticRefresh: c.workspace?.diagnostics?.refreshSupport === true,
    inlayHintRefresh: c.workspace?.inlayHint?.refreshSupport === true,
    codeLensRefresh: c.workspace?.codeLens?.refreshSupport === true,
    configuration: c.workspace?.configuration === true,
    configurationRegistration: c.workspace?.didChangeConfiguration?.dynamicRegistration === true,
    watchedFilesRegistration: c.workspace?.didChangeWatchedFiles?.dynamicRegistration === true,
    workspaceFolders: c.workspace?.workspaceFolders === true,
    workDoneProgress: c.window?.workDoneProgress === true,
    showDocument: c.window?.showDocument?.support === true,
    calculator: options.calculator === true,
    formulaTheme: options.formulaTheme === 'light' || options.formulaTheme === 'dark' ? options.formulaTheme : undefined,
    locale: params.locale,
  };
}

/** A file or a notebook (by its URI) opened or changed. */
export interface DocumentChange {
  readonly uri: string;
  /** Just opened: analysed at once rather than after the typing pause. */
  readonly opened: boolean;
}

/** Results remembered per analysis (weakly: a closed document's go with it). */
export interface Caches {
  readonly findings: WeakMap<DocumentAnalysis, { key: string; findings: Diagnostic[] }>;
  readonly sites: WeakMap<DocumentAnalysis, { version: number; text: string; sites: readonly LossSiteInfo[]; lines: readonly LogicalLine[]; byCell?: LossSiteInfo[][] }>;
  /** A notebook's findings grouped by cell, once per set of findings (cells are pulled one by one). */
  readonly cellFindings: WeakMap<readonly Diagnostic[], Diagnostic[][]>;
}

/**
 * The one object every feature receives: the connection, the analysis session, what the client
 * supports, the current settings and the events features tell each other by. Nothing lives at module level.
 */
export interface ServerContext {
  readonly connection: Connection;
  readonly session: Session;
  readonly client: ClientSupport;
  readonly caches: Caches;
  /** Inline values remembered by call text, with a time budget per hint and per request. */
  readonly inlineEvaluations: InlineEvaluations;
  settings(): Settings;
  /** Bumped whenever the settings change (results computed with older settings are stale). */
  settingsVersion(): number;
  setSettings(s: Settings): void;
  locale(): Locale;
  /** Formula images for hovers, for a client that shows them (undefined: TeX source instead). */
  formulaImage(): FormulaImage | undefined;
  setFormulaTheme(theme: FormulaTheme): void;
  /** A file (its URI) or a notebook (its URI) changed: its findings, and maybe its importers', are stale. */
  readonly onDocumentChanged: Emitter<DocumentChange>;
  /** Settings, folders or files on disk changed: every open document is stale. */
  readonly onWorkspaceChanged: Emitter<void>;
  /** Documents (file or cell URIs) closed: their pushed findings go. */
  readonly onDocumentsClosed: Emitter<readonly string[]>;
  /** Logs once per key: a failing rule or file is reported, not repeated on every keystroke. */
  logOnce(key: string, message: string, error?: unknown): void;
  log(message: string, error?: unknown): void;
}

export function createContext(connection: Connection, session: Session, client: ClientSupport): ServerContext {
  let settings = DEFAULT_SETTINGS;
  let version = 0;
  let theme = client.formulaTheme;
  const images = formulaImages();
  const logged = new Set<string>();
  const log = (message: string, error?: unknown) => {
    const detail = error === undefined ? '' : `: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`;
    connection.console.error(`loss-lens: ${message}${detail}`);
  };
  return {
    connection,
    session,
    client,
    caches: { findings: new WeakMap(), sites: new WeakMap(), cellFindings: new WeakMap() },
    inlineEvaluations: new InlineEvaluations(),
    settings: () => settings,
    settingsVersion: () => version,
    setSettings: (s) => {
      settings = s;
      version++;
    },
    locale: () => localeOf(settings, client.locale),
    formulaImage: () => (theme ? images(theme) : undefined),
    setFormulaTheme: (t) => {
      theme = t;
    },
    onDocumentChanged: new Emitter<DocumentChange>(),
    onWorkspaceChanged: new Emitter<void>(),
    onDocumentsClosed: new Emitter<readonly string[]>(),
    log,
    logOnce: (key, message, error) => {
      if (logged.has(key)) return;
      logged.add(key);
      log(message, error);
    },
  };
}
