import * as vscode from 'vscode';
import { presetForSite } from '../calculator/inline';
import { OPEN_CALCULATOR } from './calculatorPanel';
import { documentSites, type DocumentSites } from './calculatorSites';

function lensEnabled(): boolean {
  const c = vscode.workspace.getConfiguration('lossLens');
  return c.get<boolean>('enable', true) && c.get<boolean>('calculatorLens.enable', true);
}

function command(found: DocumentSites, site: DocumentSites['sites'][number]): vscode.Command {
  return { title: vscode.l10n.t('Evaluate in Loss Calculator'), command: OPEN_CALCULATOR, arguments: [presetForSite(found.lines, site)] };
}

/** A lens that knows its site; the preset is read only when VS Code resolves a visible lens. */
class SiteLens extends vscode.CodeLens {
  constructor(
    range: vscode.Range,
    readonly found: DocumentSites,
    readonly site: DocumentSites['sites'][number],
  ) {
    super(range);
  }
}

/** "Evaluate in Loss Calculator" above each loss construction and call, preset with what the code says. */
class EvaluateLens implements vscode.CodeLensProvider<SiteLens>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;
  private readonly config = vscode.workspace.onDidChangeConfiguration((e) => {
    if (e.affectsConfiguration('lossLens')) this.changed.fire();
  });

  constructor(private readonly ctx: vscode.ExtensionContext) {}

  async provideCodeLenses(doc: vscode.TextDocument): Promise<SiteLens[]> {
    if (!lensEnabled()) return [];
    const found = await documentSites(this.ctx, doc);
    if (!found) return [];
    // One lens per line; a call (which carries the inputs) wins over a construction on the same line.
    const byLine = new Map<number, DocumentSites['sites'][number]>();
    for (const site of found.sites) {
      const line = doc.positionAt(site.range.start - found.base).line;
      const prev = byLine.get(line);
      if (!prev || (prev.kind === 'construction' && site.kind !== 'construction')) byLine.set(line, site);
    }
    return [...byLine].map(([line, site]) => new SiteLens(new vscode.Range(line, 0, line, 0), found, site));
  }

  resolveCodeLens(lens: SiteLens): SiteLens {
    lens.command = command(lens.found, lens.site);
    return lens;
  }

  dispose(): void {
    this.changed.dispose();
    this.config.dispose();
  }
}

/** The same command as a code action on any loss under the cursor or selection. */
class EvaluateAction implements vscode.CodeActionProvider {
  constructor(private readonly ctx: vscode.ExtensionContext) {}

  async provideCodeActions(doc: vscode.TextDocument, range: vscode.Range): Promise<vscode.CodeAction[]> {
    const found = await documentSites(this.ctx, doc);
    if (!found) return [];
    const at = found.base + doc.offsetAt(range.start);
    const hits = found.sites.filter((s) => s.range.start <= at && at <= s.range.end);
    // `nn.MSELoss()(x, y)` holds a construction inside a call: prefer the call, which has the inputs.
    const size = (s: (typeof hits)[number]) => (s.kind === 'construction' ? 1e12 : 0) + s.range.end - s.range.start;
    const site = hits.sort((a, b) => size(a) - size(b))[0];
    if (!site) return [];
    const action = new vscode.CodeAction(vscode.l10n.t('Evaluate {0} in Loss Calculator', site.module), vscode.CodeActionKind.Empty);
    action.command = command(found, site);
    return [action];
  }
}

export function register(ctx: vscode.ExtensionContext): vscode.Disposable {
  const lens = new EvaluateLens(ctx);
  return vscode.Disposable.from(
    lens,
    vscode.languages.registerCodeLensProvider({ language: 'python' }, lens),
    vscode.languages.registerCodeActionsProvider({ language: 'python' }, new EvaluateAction(ctx)),
  );
}
