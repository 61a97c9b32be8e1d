import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { isWebviewToHost, type CalculatorPreset, type HostToWebview, type ResultSummary, type WebviewToHost } from '../protocol/calculator';
import { calculatorPage } from '../protocol/calculatorPage';
import type { Context } from './context';

export const OPEN_CALCULATOR = 'lossLens.openCalculator';
/** Resolves with the panel's latest computed result (waiting for one); integration tests read values through it. */
export const CALCULATOR_RESULT = 'lossLens.calculator.result';
const VIEW_TYPE = 'lossLens.calculator';

/** The single calculator panel: owns its webview, routes typed messages, remembers where to insert. */
class CalculatorPanel implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];
  private ready = false;
  private queue: HostToWebview[] = [];
  private last: ResultSummary | undefined;
  private presetSeq = 0;
  private readonly results = new vscode.EventEmitter<ResultSummary>();

  constructor(
    readonly panel: vscode.WebviewPanel,
    private readonly ctx: Context,
    private readonly editors: () => vscode.TextEditor | undefined,
    private readonly onDispose: (panel: CalculatorPanel) => void,
  ) {
    const extensionUri = ctx.extensionUri;
    panel.webview.options = webviewOptions(extensionUri);
    panel.webview.html = this.html();
    panel.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'calculator.svg');
    this.disposables.push(
      this.results,
      panel.onDidDispose(() => this.dispose()),
      panel.webview.onDidReceiveMessage((m: unknown) => {
        if (isWebviewToHost(m)) void this.onMessage(m);
      }),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('lossLens.language')) this.post({ type: 'locale', locale: ctx.locale() });
      }),
      // A reloaded or re-shown webview starts over: wait for its next 'ready' before posting.
      panel.onDidChangeViewState(() => {
        if (!panel.visible) this.ready = false;
      }),
    );
  }

  /** A fresh nonce per render, from the OS's CSPRNG. */
  private html(): string {
    const webview = this.panel.webview;
    const uri = (...p: string[]) => webview.asWebviewUri(vscode.Uri.joinPath(this.ctx.extensionUri, ...p)).toString();
    return calculatorPage({
      cspSource: webview.cspSource,
      nonce: randomBytes(16).toString('base64'),
      scriptUri: uri('dist', 'webview.js'),
      styleUri: uri('media', 'calculator.css'),
      katexStyleUri: uri('dist', 'katex', 'katex.min.css'),
      locale: this.ctx.locale(),
    });
  }

  post(message: HostToWebview): void {
    if (this.ready) void this.panel.webview.postMessage(message);
    else this.queue.push(message);
  }

  private async onMessage(m: WebviewToHost): Promise<void> {
    switch (m.type) {
      case 'ready': {
        this.ready = true;
        const queued = this.queue;
        this.queue = [];
        for (const q of [{ type: 'locale', locale: this.ctx.locale() } as HostToWebview, ...queued]) void this.panel.webview.postMessage(q);
        return;
      }
      case 'result':
        this.last = m.summary;
        this.results.fire(m.summary);
        return;
      case 'copy':
        await vscode.env.clipboard.writeText(m.text);
        return;
      case 'insert':
        this.post({ type: 'insertResult', ...(await this.insert(m.text)) });
        return;
      default: {
        const never: never = m;
        void never;
      }
    }
  }

  private async insert(text: string): Promise<{ ok: boolean; message: string }> {
    const editor = this.editors();
    if (!editor) return { ok: false, message: this.ctx.t('Open a Python editor to insert the code into.') };
    const ok = await editor.edit((b) => {
      for (const s of editor.selections) b.replace(s, text);
    });
    return ok
      ? { ok, message: this.ctx.t('Inserted into {0}.', vscode.workspace.asRelativePath(editor.document.uri)) }
      : { ok, message: this.ctx.t('The editor did not accept the insertion.') };
  }

  /** The latest result with a value for the latest preset, or the next one to arrive. */
  nextResult(timeoutMs: number): Promise<ResultSummary | undefined> {
    const current = (r: ResultSummary | undefined) => r !== undefined && r.value !== null && r.preset === this.presetSeq;
    if (current(this.last)) return Promise.resolve(this.last);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        sub.dispose();
        resolve(this.last);
      }, timeoutMs);
      const sub = this.results.event((r) => {
        if (!current(r)) return;
        clearTimeout(timer);
        sub.dispose();
        resolve(r);
      });
    });
  }

  /** Sends a preset; results computed before the page applies it no longer count as current. */
  preset(preset: CalculatorPreset): void {
    this.post({ type: 'preset', preset, seq: ++this.presetSeq });
  }

  dispose(): void {
    this.onDispose(this);
    this.panel.dispose();
    while (this.disposables.length) this.disposables.pop()?.dispose();
  }
}

function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions {
  return {
    enableScripts: true,
    localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist'), vscode.Uri.joinPath(extensionUri, 'media')],
  };
}

function isPreset(v: unknown): v is CalculatorPreset {
  return typeof v === 'object' && v !== null && typeof (v as { module?: unknown }).module === 'string';
}

export function register(ctx: Context): vscode.Disposable {
  // The webview takes focus, so remember the last text editor for "Insert at cursor".
  let lastEditor = vscode.window.activeTextEditor;
  const editors = () => (lastEditor && !lastEditor.document.isClosed ? lastEditor : undefined);
  let current: CalculatorPanel | undefined;
  const track = (panel: vscode.WebviewPanel) => {
    current = new CalculatorPanel(panel, ctx, editors, (gone) => {
      if (current === gone) current = undefined;
    });
    return current;
  };
  const open = (preset?: unknown) => {
    let c = current;
    if (c) c.panel.reveal(vscode.ViewColumn.Beside);
    else c = track(vscode.window.createWebviewPanel(VIEW_TYPE, ctx.t('Loss Calculator'), vscode.ViewColumn.Beside, webviewOptions(ctx.extensionUri)));
    if (isPreset(preset)) c.preset(preset);
  };
  return vscode.Disposable.from(
    vscode.window.onDidChangeActiveTextEditor((e) => {
      if (e) lastEditor = e;
    }),
    vscode.commands.registerCommand(OPEN_CALCULATOR, open),
    vscode.commands.registerCommand(CALCULATOR_RESULT, (timeoutMs?: number) => current?.nextResult(typeof timeoutMs === 'number' ? timeoutMs : 20000)),
    vscode.window.registerWebviewPanelSerializer(VIEW_TYPE, {
      // The page restores its own state through getState(); the host only rewires the panel.
      async deserializeWebviewPanel(panel: vscode.WebviewPanel) {
        track(panel);
      },
    }),
    { dispose: () => current?.dispose() },
  );
}
