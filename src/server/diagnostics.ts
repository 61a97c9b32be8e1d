import { DiagnosticRefreshRequest, DocumentDiagnosticReportKind, type Diagnostic as LspDiagnostic, type DocumentDiagnosticReport } from 'vscode-languageserver/node';
import type { ServerContext } from './context';
import { toDiagnostic } from './convert';
import { analysisFindings, documentFindings, findingsKey } from './findings';
import { documentUri, guarded, settle } from './guard';
import type { Covered } from './session';

/** Typing pause before a changed document is analysed (pushed) or answered (pulled). */
const DEBOUNCE_MS = 200;
/** The other open documents re-run once a change has settled: they may import what changed. */
const DEPENDENTS_DEBOUNCE_MS = 300;

export function lspDiagnostics(ctx: ServerContext, covered: Covered): LspDiagnostic[] {
  const locale = ctx.locale();
  return documentFindings(ctx, analysisFindings(ctx, covered.analysis), covered).map((f) => toDiagnostic(covered.document, f, covered.base, locale));
}

/**
 * Diagnostics, pushed (`publishDiagnostics`) to clients that don't pull and pulled
 * (`textDocument/diagnostic`) by those that do. A change to one file (in its buffer or on disk) then
 * re-checks the other open documents analysed before it, so an edit to `model.py` updates `train.py`.
 */
export function register(ctx: ServerContext): void {
  const { connection, session } = ctx;
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  /** The session tick each open document (file or notebook URI) was last pushed at. */
  const ranAt = new Map<string, number>();
  /** When each file or notebook last changed, for the pull debounce. */
  const changedAt = new Map<string, number>();

  const schedule = (key: string, ms: number, run: () => void) => {
    clearTimeout(timers.get(key));
    timers.set(
      key,
      setTimeout(() => {
        timers.delete(key);
        try {
          run();
        } catch (e) {
          ctx.logOnce(`diagnostics:${String(e)}`, 'diagnostics failed', e);
        }
      }, ms),
    );
  };

  const publish = (uri: string) => {
    const covered = session.covering(uri);
    if (covered) void connection.sendDiagnostics({ uri, version: covered.document.version, diagnostics: lspDiagnostics(ctx, covered) });
  };

  /** Pushes a file's findings, or every cell's of a notebook (analysed once, split by cell). */
  const push = (key: string) => {
    const nb = session.notebook(key);
    for (const uri of nb ? nb.cells.map((c) => c.uri) : [key]) publish(uri);
    ranAt.set(key, session.tick);
  };

  const openKeys = () => [...session.openFiles(), ...session.openNotebooks()];

  /** Re-checks the open documents analysed before the workspace last changed. */
  const dependentsChanged = () => {
    if (!ctx.client.pullDiagnostics) {
      schedule('dependents', DEPENDENTS_DEBOUNCE_MS, () => {
        for (const key of openKeys()) if (ranAt.get(key) !== session.tick) push(key);
      });
    } else if (ctx.client.diagnosticRefresh) {
      schedule('dependents', DEPENDENTS_DEBOUNCE_MS, () => void connection.sendRequest(DiagnosticRefreshRequest.type).catch((e: unknown) => ctx.log('diagnostic refresh failed', e)));
    }
  };

  ctx.onDocumentChanged.event(({ uri, opened }) => {
    changedAt.set(uri, Date.now());
    if (ctx.client.pullDiagnostics) return dependentsChanged();
    const run = () => {
      push(uri);
      dependentsChanged();
    };
    if (opened) run();
    else schedule(uri, DEBOUNCE_MS, run);
  });

  ctx.onWorkspaceChanged.event(() => {
    ranAt.clear();
    dependentsChanged();
  });

  ctx.onDocumentsClosed.event((uris) => {
    for (const uri of uris) {
      clearTimeout(timers.get(uri));
      timers.delete(uri);
      ranAt.delete(uri);
      changedAt.delete(uri);
      if (!ctx.client.pullDiagnostics) void connection.sendDiagnostics({ uri, diagnostics: [] });
    }
    dependentsChanged();
  });

  const empty: DocumentDiagnosticReport = { kind: DocumentDiagnosticReportKind.Full, items: [] };
  connection.languages.diagnostics.on(
    guarded(ctx, 'textDocument/diagnostic', empty, async (params, token): Promise<DocumentDiagnosticReport> => {
      const uri = documentUri(params);
      const key = session.notebookOf(uri) ?? uri;
      await settle((changedAt.get(key) ?? 0) + DEBOUNCE_MS - Date.now(), token);
      const covered = session.covering(uri);
      if (!covered) return empty;
      const resultId = findingsKey(ctx, covered.analysis);
      if (params.previousResultId === resultId) return { kind: DocumentDiagnosticReportKind.Unchanged, resultId };
      return { kind: DocumentDiagnosticReportKind.Full, resultId, items: lspDiagnostics(ctx, covered) };
    }),
  );
}
