// TeX → standalone SVG with MathJax, in node. Shared by the build (render-formulas.ts) and the
// catalogue tests, so "every formula renders" checks exactly what ships.
import { mathjax } from 'mathjax-full/js/mathjax.js';
import { TeX } from 'mathjax-full/js/input/tex.js';
import { SVG } from 'mathjax-full/js/output/svg.js';
import { liteAdaptor } from 'mathjax-full/js/adaptors/liteAdaptor.js';
import { RegisterHTMLHandler } from 'mathjax-full/js/handlers/html.js';
import { AllPackages } from 'mathjax-full/js/input/tex/AllPackages.js';

export type FormulaTheme = 'light' | 'dark';

/** Foreground colours close to VS Code's default light and dark editor text. */
export const THEME_COLOURS: Record<FormulaTheme, string> = { light: '#1f1f1f', dark: '#d4d4d4' };

const adaptor = liteAdaptor();
RegisterHTMLHandler(adaptor);
const doc = mathjax.document('', {
  InputJax: new TeX({
    // Without 'noundefined' an unknown macro is an error rather than red text in the image.
    packages: AllPackages.filter((p: string) => p !== 'noundefined' && p !== 'bussproofs'),
    // Fail loudly instead of drawing a red error box into the SVG.
    formatError: (_jax: unknown, err: { message?: string }) => {
      throw new Error(err?.message ?? String(err));
    },
  }),
  OutputJax: new SVG({ fontCache: 'local' }),
});

/**
 * Renders display-mode TeX to an SVG document. The colour is baked in because an SVG shown
 * through <img> (all a hover can do) cannot inherit `currentColor` from the editor theme.
 */
export function texToSvg(tex: string, theme: FormulaTheme): string {
  const node = doc.convert(tex, { display: true, em: 16, ex: 8, containerWidth: 1280 });
  const svg = adaptor.innerHTML(node);
  if (!svg.startsWith('<svg')) throw new Error(`MathJax produced no SVG for: ${tex}`);
  return svg.replace(/currentColor/g, THEME_COLOURS[theme]);
}
