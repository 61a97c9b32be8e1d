import { MarkupKind, type InlayHint } from 'vscode-languageserver/node';
import { displayNumber } from '../calculator/format';
import { inlineValue, type InlineValue } from '../calculator/inline';
import type { Locale } from '../catalogue';
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
    md += `\n[${STRINGS.openCalculator[locale]}](command:${OPEN_CALCULATOR}?${encodeURIComponent(JSON.stringify([preset]))})`;
  }
  return md;
}

/** `= 0.3133` after loss calls whose arguments are literal tensors, computed by the bundled engine. */
export function register(ctx: ServerContext): void {
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
      const hints: InlayHint[] = [];
      for (const site of found.sites) {
        if (site.kind === 'construction' || site.range.end < from || site.range.start > to) continue;
        throwIfCancelled(token);
        const v = inlineValue(found.lines, site, locale);
        if (!v) continue;
        hints.push({
          position: document.positionAt(v.at - base),
          label: ` ${v.label}`,
          paddingLeft: true,
          tooltip: { kind: MarkupKind.Markdown, value: tooltip(v, site.module, locale, ctx.client.calculator) },
        });
      }
      return hints;
    }),
  );
}
