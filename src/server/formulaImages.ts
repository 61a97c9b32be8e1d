import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FormulaVariant } from '../catalogue';
import type { FormulaTheme } from '../protocol/server';

export type FormulaImage = (id: string, variant: FormulaVariant) => string | undefined;

/**
 * The build renders every formula to media/formulas/<id>-<variant>-<theme>.svg (beside dist/ in the
 * .vsix). Hovers show images only through data URIs, so each theme's set is read once, on first use;
 * without the folder, hovers fall back to the formulas' TeX source.
 */
export function formulaImages(folder = join(__dirname, '..', 'media', 'formulas')): (theme: FormulaTheme) => FormulaImage {
  const byTheme = new Map<FormulaTheme, Map<string, string>>();
  const load = (theme: FormulaTheme) => {
    const map = new Map<string, string>();
    const suffix = `-${theme}.svg`;
    try {
      for (const name of readdirSync(folder)) {
        if (name.endsWith(suffix)) map.set(name.slice(0, -suffix.length), `data:image/svg+xml;base64,${readFileSync(join(folder, name)).toString('base64')}`);
      }
    } catch {
      // No rendered formulas here (a build without them, or the CLI installed alone).
    }
    return map;
  };
  return (theme) => {
    let map = byTheme.get(theme);
    if (!map) byTheme.set(theme, (map = load(theme)));
    const images = map;
    return (id, variant) => images.get(`${id}-${variant}`);
  };
}
