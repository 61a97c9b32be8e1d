import { MarkupKind, type InlayHint } from 'vscode-languageserver/node';
import { displayNumber } from '../calculator/format';
import type { InlineTooLarge, InlineValue } from '../calculator/inline';
import { LATER } from '../calculator/inlineEvaluations';
import type { Locale } from '../catalogue';
import { commandUri } from '../catalogue/render';
import type { Tensor } from '../engine';
import { OPEN_CALCULATOR } from '../protocol/server';
import type { ServerContext } from './context';
import { documentUri, guarded, throwIfCancelled } from './guard';
import { documentSites } from './sites';
import { STRINGS } from './strings';

/** A tensor as a short nested list (first 24 values). */
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

/** What an inline value means, the gradient of each differentiable argument and, for clients that run it, a calculator link. */
function tooltip(v: InlineValue, module: string, locale: Locale, calculator: boolean): string {
  let md = `**${module}** = \`${v.value}\`\n\n${v.explanation}\n\n`;
  const grads = Object.entries(v.grad);
  if (grads.length > 0) md += `${STRINGS.gradient[locale]}:\n\n\`\`\`text\n${grads.map(([name, g]) => `d loss / d ${name} = ${brief(g)}`).join('\n')}\n\`\`\`\n`;
  if (calculator) {
    const preset = { module, params: v.params, args: v.args };
    md += `\n[${STRINGS.openCalculator[locale]}](${commandUri(OPEN_CALCULATOR, preset)})`;
  }
  return md;
}

/** The hover of a call not evaluated inline: why, and where larger inputs are evaluated. */
function tooLargeTooltip(v: InlineTooLarge, module: string, locale: Locale): string {
  return `**${module}**: ${v.label}\n\n${STRINGS.inlineBudget[locale]}`;
}

/** `= 0.3133` after loss calls whose arguments are literal tensors, computed by the bundled engine. */
export function register(ctx: ServerContext): void {
  // Set while the client is to be asked again for calls a request had no time left for.
  let askAgain: ReturnType<typeof setTimeout> | undefined;
  ctx.connection.languages.inlayHint.on(
    guarded(ctx, 'textDocument/inlayHint', [], (params, token): InlayHint[] => {
      const covered = ctx.session.covering(documentUri(params));
      const settings = ctx.settings();
      if (!covered || !settings.enable || !settings.inlineValues) return [];
      const { document, base } = covered;
      const found = documentSites(ctx, covered);
      const from = base + document.offsetAt(params.range.start);
      const to = base + document.offsetAt(params.range.end);
      const locale = ctx.locale();
      const hintAfter = ctx.inlineEvaluations.request(locale);
      const hints: InlayHint[] = [];
      let later = false;
      for (const site of found.sites) {
        if (site.kind === 'construction' || site.range.end < from || site.range.start > to) continue;
        throwIfCancelled(token);
        const v = hintAfter(found.lines, site);
        if (v === LATER) later = true;
        if (!v || v === LATER) continue;
        hints.push({
          position: document.positionAt(v.at - base),
          label: ` ${v.label}`,
          paddingLeft: true,
          tooltip: { kind: MarkupKind.Markdown, value: v.kind === 'value' ? tooltip(v, site.module, locale, ctx.client.calculator) : tooLargeTooltip(v, site.module, locale) },
        });
      }
      // The request's time is spent: answer now, then let the client ask again (what was evaluated is remembered).
      if (later && ctx.client.inlayHintRefresh && !askAgain) {
        askAgain = setTimeout(() => {
          askAgain = undefined;
          ctx.connection.languages.inlayHint.refresh().catch(() => undefined);
        }, 50);
      }
      return hints;
    }),
  );
}
