// Build step: renders every catalogue formula to media/formulas/<id>-<variant>-<light|dark>.svg
// for the hover, which can show images but cannot run a math renderer. Run by esbuild.js.
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { LOSSES, formulaFor, formulaVariants } from '../src/catalogue';
import { texToSvg, type FormulaTheme } from './formulaSvg';

const outDir = join(__dirname, '..', 'media', 'formulas');
const themes: FormulaTheme[] = ['light', 'dark'];

function main(): void {
  mkdirSync(outDir, { recursive: true });
  const written = new Set<string>();
  for (const loss of LOSSES) {
    for (const variant of formulaVariants(loss.formula)) {
      const tex = formulaFor(loss.formula, variant);
      if (tex === undefined) continue;
      for (const theme of themes) {
        const name = `${loss.id}-${variant}-${theme}.svg`;
        try {
          writeFileSync(join(outDir, name), texToSvg(tex, theme));
        } catch (e) {
          throw new Error(`formula ${loss.id}/${variant}: ${(e as Error).message}`);
        }
        written.add(name);
      }
    }
  }
  // Drop images of formulas that no longer exist, so the folder mirrors the catalogue.
  for (const f of readdirSync(outDir)) if (f.endsWith('.svg') && !written.has(f)) rmSync(join(outDir, f));
  process.stdout.write(`rendered ${written.size} formula images into media/formulas\n`);
}

main();
