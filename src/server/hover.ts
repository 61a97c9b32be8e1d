import { MarkupKind, type Hover } from 'vscode-languageserver/node';
import { SET_FORMULA_THEME, type SetFormulaThemeParams } from '../protocol/server';
import type { ServerContext } from './context';
import { toRange } from './convert';
import { documentUri, guarded, guardedNotification } from './guard';
import { hoverContent } from './hoverContent';

/** The catalogue's documentation of the torch loss under the cursor, with its configured values. */
export function register(ctx: ServerContext): void {
  ctx.connection.onHover(
    guarded(ctx, 'textDocument/hover', null, (params): Hover | null => {
      const covered = ctx.session.covering(documentUri(params));
      if (!covered || !ctx.settings().enable) return null;
      const { analysis, document, base } = covered;
      const content = hoverContent(analysis, base + document.offsetAt(params.position), { locale: ctx.locale(), calculatorLink: ctx.client.calculator, formulaImage: ctx.formulaImage() });
      if (!content) return null;
      return { contents: { kind: MarkupKind.Markdown, value: content.markdown }, range: toRange(document, content.range.start, content.range.end, base) };
    }),
  );
  ctx.connection.onNotification(
    SET_FORMULA_THEME,
    guardedNotification(ctx, SET_FORMULA_THEME, (params: SetFormulaThemeParams) => {
      if (params?.theme === 'light' || params?.theme === 'dark') ctx.setFormulaTheme(params.theme);
      else ctx.log(`${SET_FORMULA_THEME}: expected { theme: "light" | "dark" }, got ${JSON.stringify(params)}`);
    }),
  );
}
