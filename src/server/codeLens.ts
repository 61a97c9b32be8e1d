import type { CodeLens } from 'vscode-languageserver/node';
import { presetForSite } from '../calculator/inline';
import type { LossSiteInfo } from '../analysis';
import { OPEN_CALCULATOR } from '../protocol/server';
import type { ServerContext } from './context';
import { documentUri, guarded } from './guard';
import { documentSites } from './sites';
import { STRINGS } from './strings';

/**
 * "Evaluate in Loss Calculator" above each loss construction and call, preset with what the code says.
 * The VS Code client runs the command; other clients may show or ignore it.
 */
export function register(ctx: ServerContext): void {
  ctx.connection.onCodeLens(
    guarded(ctx, 'textDocument/codeLens', [], (params): CodeLens[] => {
      const covered = ctx.session.covering(documentUri(params));
      const settings = ctx.settings();
      if (!covered || !settings.enable || !settings.calculatorLens) return [];
      const { document, base } = covered;
      const found = documentSites(ctx, covered);
      // One lens per line; a call (which carries the inputs) wins over a construction on the same line.
      const byLine = new Map<number, LossSiteInfo>();
      for (const site of found.sites) {
        const line = document.positionAt(site.range.start - base).line;
        const prev = byLine.get(line);
        if (!prev || (prev.kind === 'construction' && site.kind !== 'construction')) byLine.set(line, site);
      }
      const title = STRINGS.evaluateInCalculator[ctx.locale()];
      return [...byLine].map(([line, site]) => ({
        range: { start: { line, character: 0 }, end: { line, character: 0 } },
        command: { title, command: OPEN_CALCULATOR, arguments: [presetForSite(found.lines, site)] },
      }));
    }),
  );
}
