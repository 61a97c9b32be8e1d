import * as vscode from 'vscode';
import { displayNumber } from '../calculator/format';
import type { InlineTooLarge, InlineValue } from '../calculator/inline';
import { InlineEvaluations, LATER } from '../calculator/inlineEvaluations';
import type { Tensor } from '../engine';
import { OPEN_CALCULATOR } from './calculatorPanel';
import { documentSites } from './calculatorSites';
import { displayLocale } from './config';
import { commandUri } from '../catalogue/render';

function enabled(): boolean {
  const c = vscode.workspace.getConfiguration('lossLens');
  return c.get<boolean>('enable', true) && c.get<boolean>('inlineValues.enable', true);
}

/** A tensor as a short nested list for a hover (first 24 values). */
function brief(t: Tensor): string {
  if (t.shape.length === 0) return displayNumber(t.data[0]);
  let i = 0;
  const cap = 24;
  const walk = (d: number): string => {
    const parts: string[] = [];
    for (let k = 0; k < t.shape[d]; k++) {
      if (i >= cap) {
        parts.push('…');
        break;
      }
      parts.push(d === t.shape.length - 1 ? displayNumber(t.data[i++]) : walk(d + 1));
    }
    return `[${parts.join(', ')}]`;
  };
  return walk(0);
}

/** The hover of an inline value: what it means, the gradient of each differentiable argument, a link to the calculator. */
function tooltip(v: InlineValue, module: string): vscode.MarkdownString {
  const md = new vscode.MarkdownString(undefined, true);
  md.isTrusted = { enabledCommands: [OPEN_CALCULATOR] };
  md.appendMarkdown(`**${module}** = \`${v.value}\`\n\n${v.explanation}\n\n`);
  const grads = Object.entries(v.grad);
  if (grads.length > 0) {
    md.appendMarkdown(`${vscode.l10n.t('Gradient of the loss')}:\n\n`);
    md.appendCodeblock(grads.map(([name, g]) => `d loss / d ${name} = ${brief(g)}`).join('\n'), 'text');
  }
  const preset = { module, params: v.params, args: v.args };
  md.appendMarkdown(`\n[$(symbol-operator) ${vscode.l10n.t('Open in Loss Calculator')}](${commandUri(OPEN_CALCULATOR, preset)})`);
  return md;
}

/** The hover of a call not evaluated inline: why, and where larger inputs are evaluated. */
function tooLargeTooltip(v: InlineTooLarge, module: string): vscode.MarkdownString {
  const md = new vscode.MarkdownString();
  md.appendText(`${module}: ${v.label}\n\n`);
  md.appendText(vscode.l10n.t('Inline values are computed in the editor while you type, within a small budget; the Loss Calculator evaluates larger inputs.'));
  return md;
}

/** `= 0.3133` after loss calls whose arguments are literal tensors, computed by the bundled engine. */
class LossValueHints implements vscode.InlayHintsProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeInlayHints = this.changed.event;
  private readonly config = vscode.workspace.onDidChangeConfiguration((e) => {
    if (e.affectsConfiguration('lossLens')) this.changed.fire();
  });
  private readonly evaluations = new InlineEvaluations();
  /** Set while the editor is to be asked again for calls a request had no time left for. */
  private askAgain: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly ctx: vscode.ExtensionContext) {}

  async provideInlayHints(doc: vscode.TextDocument, range: vscode.Range, token: vscode.CancellationToken): Promise<vscode.InlayHint[]> {
    if (!enabled()) return [];
    const found = await documentSites(this.ctx, doc);
    if (!found || token.isCancellationRequested) return [];
    const hintAfter = this.evaluations.request(displayLocale());
    const from = found.base + doc.offsetAt(range.start);
    const to = found.base + doc.offsetAt(range.end);
    const hints: vscode.InlayHint[] = [];
    let later = false;
    for (const site of found.sites) {
      if (site.kind === 'construction' || site.range.end < from || site.range.start > to) continue;
      if (token.isCancellationRequested) break;
      const v = hintAfter(found.lines, site);
      if (v === LATER) later = true;
      if (!v || v === LATER) continue;
      const hint = new vscode.InlayHint(doc.positionAt(v.at - found.base), ` ${v.label}`);
      hint.tooltip = v.kind === 'value' ? tooltip(v, site.module) : tooLargeTooltip(v, site.module);
      hint.paddingLeft = true;
      hints.push(hint);
    }
    // Yield to the editor, then let it ask again: the calls evaluated so far are remembered.
    if (later && !this.askAgain) this.askAgain = setTimeout(() => {
      this.askAgain = undefined;
      this.changed.fire();
    }, 50);
    return hints;
  }

  dispose(): void {
    clearTimeout(this.askAgain);
    this.changed.dispose();
    this.config.dispose();
  }
}

export function register(ctx: vscode.ExtensionContext): vscode.Disposable {
  const provider = new LossValueHints(ctx);
  return vscode.Disposable.from(provider, vscode.languages.registerInlayHintsProvider({ language: 'python' }, provider));
}
