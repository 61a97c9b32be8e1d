// Shared helpers for the integration suite. They work under both runtimes (code-server driven by
// scripts/integration-tests.js, and @vscode/test-electron); runner-only features (screenshots,
// reading the page) return undefined when no runner control endpoint is available.
import * as path from 'node:path';
import * as vscode from 'vscode';

export const EXTENSION_ID = 'loss-lens.loss-lens';

/** Default time a helper waits for the editor before failing with a message naming what it waited for. */
export const DEFAULT_TIMEOUT_MS = 30_000;

/** The extension under test; fails clearly when VS Code did not load it at all. */
export function extension(): vscode.Extension<unknown> {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  if (!ext) {
    const ids = vscode.extensions.all.map((e) => e.id).filter((id) => !id.startsWith('vscode.'));
    throw new Error(`extension ${EXTENSION_ID} is not loaded; non-builtin extensions present: ${ids.join(', ') || 'none'}`);
  }
  return ext;
}

/** Absolute URI of a file in the opened test workspace (a fresh copy of test/workspace per run). */
export function workspaceUri(relative: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('no workspace folder is open; the runner must open a copy of test/workspace');
  return vscode.Uri.joinPath(folder.uri, ...relative.split('/'));
}

/** Opens a workspace file in an editor and returns it once it is the active editor. */
export async function openFile(relative: string): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument(workspaceUri(relative));
  return vscode.window.showTextDocument(doc, { preview: false });
}

/** Opens an untitled Python document with the given text (for cases no workspace file covers). */
export async function openPython(content: string): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument({ language: 'python', content });
  return vscode.window.showTextDocument(doc, { preview: false });
}

export async function closeAllEditors(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

function timeoutError(what: string, ms: number, last?: string): Error {
  return new Error(`timed out after ${ms} ms waiting for ${what}${last ? `; last seen: ${last}` : ''}`);
}

/**
 * Resolves with the first event value that satisfies `accept`; `check` is tried first and after each
 * event, so a state reached before subscribing is not missed.
 */
export function waitForEvent<E, T>(
  event: vscode.Event<E>,
  check: () => T | undefined,
  what: string,
  timeoutMs = DEFAULT_TIMEOUT_MS,
  describe?: () => string,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const done = (fn: () => void) => {
      clearTimeout(timer);
      sub.dispose();
      fn();
    };
    const probe = () => {
      try {
        const value = check();
        if (value !== undefined) done(() => resolve(value));
      } catch (e) {
        done(() => reject(e));
      }
    };
    const sub = event(probe);
    const timer = setTimeout(() => done(() => reject(timeoutError(what, timeoutMs, describe?.()))), timeoutMs);
    probe();
  });
}

/** Waits until the diagnostics of `uri` satisfy `accept` (e.g. a LL101 appears, or all are gone). */
export function waitForDiagnostics(
  uri: vscode.Uri,
  accept: (diagnostics: vscode.Diagnostic[]) => boolean,
  what: string,
  timeoutMs = DEFAULT_TIMEOUT_MS,
): Promise<vscode.Diagnostic[]> {
  const current = () => vscode.languages.getDiagnostics(uri);
  return waitForEvent(
    vscode.languages.onDidChangeDiagnostics,
    () => (accept(current()) ? current() : undefined),
    `${what} in ${path.basename(uri.path)}`,
    timeoutMs,
    () => JSON.stringify(current().map((d) => `${d.code && typeof d.code === 'object' ? d.code.value : d.code}@${d.range.start.line + 1}`)),
  );
}

/** Diagnostics our extension produced (source `loss-lens`). */
export function lossLensDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'loss-lens');
}

/** The rule code of a diagnostic whether it is a plain string or a `{value, target}` link. */
export function codeOf(d: vscode.Diagnostic): string {
  return String(d.code !== null && typeof d.code === 'object' ? d.code.value : d.code);
}

/**
 * Polls a state VS Code exposes no event for (e.g. `Extension.isActive`). Prefer waitForEvent;
 * this is for the few states that have no event, never a substitute for a fixed sleep.
 */
export async function waitUntil<T>(
  probe: () => T | undefined | false | Promise<T | undefined | false>,
  what: string,
  timeoutMs = DEFAULT_TIMEOUT_MS,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw timeoutError(what, timeoutMs);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Waits for VS Code to activate the extension by itself (we never call `activate()` here). */
export function waitForActivation(timeoutMs = DEFAULT_TIMEOUT_MS): Promise<vscode.Extension<unknown>> {
  return waitUntil(() => {
    const ext = extension();
    return ext.isActive ? ext : undefined;
  }, `${EXTENSION_ID} to become active`, timeoutMs);
}

export interface ActivationTimes {
  loadCodeMs: number;
  callActivateMs: number;
  finishActivateMs: number;
  event: string;
}

/**
 * Loss Lens's row of "Extension Activation Stats" in VS Code's own Startup Performance report
 * (Developer: Startup Performance): how long loading and activating took, and which event did it.
 */
export async function activationStats(): Promise<ActivationTimes> {
  await vscode.commands.executeCommand('perfview.show');
  const report = await waitUntil(
    () => vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'perf' && d.getText().includes(`| ${EXTENSION_ID} `)),
    'Loss Lens in the Startup Performance report',
  );
  const row = report
    .getText()
    .split('\n')
    .find((l) => l.startsWith(`| ${EXTENSION_ID} `))!;
  const [, , , loadCode, callActivate, finishActivate, event] = row.split('|').map((c) => c.trim());
  return { loadCodeMs: Number(loadCode), callActivateMs: Number(callActivate), finishActivateMs: Number(finishActivate), event };
}

// ---- runner control endpoint (code-server runner only) ----

/** Base URL of the runner's loopback control server, or undefined under other runtimes. */
export function controlUrl(): string | undefined {
  return process.env.LOSS_LENS_CONTROL_URL || undefined;
}

async function control<T>(route: string, body: Record<string, unknown>): Promise<T | undefined> {
  const base = controlUrl();
  if (!base) return undefined;
  const res = await fetch(`${base}/${route}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`runner control ${route} failed (${res.status}): ${text}`);
  return JSON.parse(text) as T;
}

/**
 * Saves a PNG of the whole workbench as artifacts/<name>.png and returns its path (undefined
 * when the runtime has no control endpoint, e.g. under test:electron).
 */
export async function screenshot(name: string): Promise<string | undefined> {
  return (await control<{ path: string }>('screenshot', { name }))?.path;
}

/** Saves a PNG of the visible webview (e.g. the calculator panel) as artifacts/<name>.png. */
export async function screenshotWebview(name: string): Promise<string | undefined> {
  return (await control<{ path: string }>('screenshot', { name, target: 'webview' }))?.path;
}

/** The rendered text of the visible webviews' pages (one string per webview), via the runner. */
export async function webviewTexts(): Promise<string[] | undefined> {
  return (await control<{ texts: string[] }>('webview-text', {}))?.texts;
}

/** The text of the workbench elements matching a CSS selector, via the runner. */
export async function workbenchTexts(selector: string): Promise<string[] | undefined> {
  return (await control<{ texts: string[] }>('workbench-text', { selector }))?.texts;
}
