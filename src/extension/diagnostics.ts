import * as vscode from 'vscode';
import { analyze, byCell, type Diagnostic } from '../analysis';
import { Analyses } from './analyses';
import { displayLocale, lossLensEnabled, ruleSeverities } from './config';
import { pythonGrammar } from './grammar';
import { toDiagnostic } from './convert';
import { isNotebookCell, notebookOf } from './notebookCells';

const DEBOUNCE_MS = 200;
/** The other open documents re-run once a change has settled: they may import what changed. */
const DEPENDENTS_DEBOUNCE_MS = 300;

/** What the code-action provider needs to rebuild fixes for a shown diagnostic. */
export interface Shown {
  readonly finding: Diagnostic;
  /** Offset of the cell in the joined notebook text (0 for plain files). */
  readonly base: number;
}

/** Shown diagnostics → their analysis findings, for the code actions. */
export const shownFindings = new WeakMap<vscode.Diagnostic, Shown>();

let sharedAnalyses: Analyses | undefined;
/** The per-document analyses (for hover and inline values), once the grammar has loaded. */
export function analyses(): Analyses | undefined {
  return sharedAnalyses;
}

function isPythonFile(doc: vscode.TextDocument): boolean {
  return doc.languageId === 'python' && !isNotebookCell(doc);
}

/**
 * Diagnostics for Python files and notebook cells: on open, debounced on change, cleared on close.
 * A change to one file (in its editor or on disk) then re-runs the other open documents analysed
 * before it, in one debounced pass, so an edit to `model.py` updates the findings of `train.py`.
 */
export function register(ctx: vscode.ExtensionContext): vscode.Disposable {
  const collection = vscode.languages.createDiagnosticCollection('loss-lens');
  const disposables: vscode.Disposable[] = [collection];
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  let store: Analyses | undefined;
  /** The `store.tick` each document was last analysed at. */
  const ranAt = new WeakMap<vscode.TextDocument | vscode.NotebookDocument, number>();
  const logged = new Set<string>();
  const onRuleError = (code: string, e: unknown) => {
    if (logged.has(code)) return;
    logged.add(code);
    console.error(`loss-lens: rule ${code} failed and was skipped`, e);
  };
  const options = () => ({ locale: displayLocale(), severities: ruleSeverities(), onRuleError });

  const show = (doc: vscode.TextDocument, findings: Diagnostic[], base: number) => {
    collection.set(
      doc.uri,
      findings.map((f) => {
        const d = toDiagnostic(doc, f, base);
        shownFindings.set(d, { finding: f, base });
        return d;
      }),
    );
  };

  const runFile = (doc: vscode.TextDocument) => {
    if (!store || doc.isClosed) return;
    if (!lossLensEnabled()) return collection.delete(doc.uri);
    show(doc, analyze(store.forDocument(doc), options()), 0);
    ranAt.set(doc, store.tick);
  };

  const runNotebook = (nb: vscode.NotebookDocument) => {
    if (!store || nb.isClosed) return;
    const { analysis, joined, cells } = store.forNotebook(nb);
    if (!lossLensEnabled()) return cells.forEach((c) => collection.delete(c.uri));
    const findings = byCell(joined, analyze(analysis, options()), (f) => f.start);
    cells.forEach((cell, i) => show(cell, findings[i], joined.starts[i]));
    ranAt.set(nb, store.tick);
  };

  const schedule = (key: string, run: () => void, ms = DEBOUNCE_MS) => {
    clearTimeout(timers.get(key));
    timers.set(key, setTimeout(() => {
      timers.delete(key);
      try {
        run();
      } catch (e) {
        onRuleError('analysis', e);
      }
    }, ms));
  };

  /** Re-runs the open documents analysed before the workspace last changed. */
  const runStale = () => {
    if (!store) return;
    for (const doc of vscode.workspace.textDocuments) if (isPythonFile(doc) && ranAt.get(doc) !== store.tick) runFile(doc);
    for (const nb of vscode.workspace.notebookDocuments) if (ranAt.get(nb) !== store.tick) runNotebook(nb);
  };
  const refreshDependents = () => schedule('dependents', runStale, DEPENDENTS_DEBOUNCE_MS);

  const refresh = (doc: vscode.TextDocument, immediate: boolean) => {
    const nb = notebookOf(doc);
    if (nb) return schedule(nb.uri.toString(), () => runNotebook(nb));
    if (!isPythonFile(doc)) return;
    const run = () => {
      runFile(doc);
      refreshDependents();
    };
    if (immediate) run();
    else schedule(doc.uri.toString(), run);
  };

  const refreshAll = () => {
    for (const doc of vscode.workspace.textDocuments) if (isPythonFile(doc)) refresh(doc, true);
    for (const nb of vscode.workspace.notebookDocuments) runNotebook(nb);
  };

  pythonGrammar(ctx.extensionUri).then(
    (grammar) => {
      store = new Analyses(grammar);
      sharedAnalyses = store;
      disposables.push(store, store.onDidChangeFiles(refreshDependents));
      refreshAll();
    },
    (e) => console.error('loss-lens: cannot load the Python grammar', e),
  );

  disposables.push(
    vscode.workspace.onDidOpenTextDocument((doc) => refresh(doc, true)),
    vscode.workspace.onDidChangeTextDocument((e) => {
      if (isPythonFile(e.document)) store?.applyChange(e);
      if (e.contentChanges.length > 0) refresh(e.document, false);
    }),
    vscode.workspace.onDidCloseTextDocument((doc) => {
      collection.delete(doc.uri);
      store?.close(doc.uri);
      clearTimeout(timers.get(doc.uri.toString()));
      if (isPythonFile(doc)) refreshDependents();
    }),
    vscode.workspace.onDidOpenNotebookDocument((nb) => runNotebook(nb)),
    vscode.workspace.onDidChangeNotebookDocument((e) => schedule(e.notebook.uri.toString(), () => runNotebook(e.notebook))),
    vscode.workspace.onDidCloseNotebookDocument((nb) => {
      for (const c of nb.getCells()) collection.delete(c.document.uri);
      store?.close(nb.uri);
    }),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('lossLens')) refreshAll();
    }),
    { dispose: () => timers.forEach((t) => clearTimeout(t)) },
  );
  return vscode.Disposable.from(...disposables);
}
