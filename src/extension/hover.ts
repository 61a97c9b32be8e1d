import * as vscode from 'vscode';
import type { FormulaVariant } from '../catalogue';
import { displayLocale, lossLensEnabled } from './config';
import { analyses } from './diagnostics';
import { pythonGrammar } from './grammar';
import { CALCULATOR_COMMAND, hoverContent } from './hoverContent';

type Theme = 'light' | 'dark';

function currentTheme(): Theme {
  const kind = vscode.window.activeColorTheme.kind;
  return kind === vscode.ColorThemeKind.Light || kind === vscode.ColorThemeKind.HighContrastLight ? 'light' : 'dark';
}

/**
 * The build renders every formula to media/formulas/<id>-<variant>-<theme>.svg. Hovers show
 * images only through data URIs (they refuse file: URIs), so each theme's set is read once.
 */
class FormulaImages {
  private readonly byTheme = new Map<Theme, Promise<Map<string, string>>>();

  constructor(private readonly extensionUri: vscode.Uri) {}

  async lookup(theme: Theme): Promise<(id: string, variant: FormulaVariant) => string | undefined> {
    let images = this.byTheme.get(theme);
    if (!images) {
      images = this.load(theme);
      this.byTheme.set(theme, images);
    }
    const map = await images;
    return (id, variant) => map.get(`${id}-${variant}`);
  }

  private async load(theme: Theme): Promise<Map<string, string>> {
    const dir = vscode.Uri.joinPath(this.extensionUri, 'media', 'formulas');
    const map = new Map<string, string>();
    const suffix = `-${theme}.svg`;
    try {
      for (const [name] of await vscode.workspace.fs.readDirectory(dir)) {
        if (!name.endsWith(suffix)) continue;
        const bytes = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(dir, name));
        map.set(name.slice(0, -suffix.length), `data:image/svg+xml;base64,${Buffer.from(bytes).toString('base64')}`);
      }
    } catch (e) {
      // Without the build's images the hover falls back to the formulas' TeX source.
      console.error('loss-lens: formula images unavailable', e);
    }
    return map;
  }
}

/** Documentation of the torch loss under the cursor, in Python files and notebook cells. */
export function register(ctx: vscode.ExtensionContext): vscode.Disposable {
  const images = new FormulaImages(ctx.extensionUri);
  const provider: vscode.HoverProvider = {
    async provideHover(doc, position) {
      if (!lossLensEnabled()) return undefined;
      try {
        // The diagnostics feature creates the shared analyses as soon as the grammar has loaded.
        await pythonGrammar(ctx.extensionUri);
        const formulaImage = await images.lookup(currentTheme());
        const target = analyses()?.covering(doc);
        if (!target) return undefined;
        const offset = target.base + doc.offsetAt(position);
        const content = hoverContent(target.analysis, offset, { locale: displayLocale(), formulaImage });
        if (!content) return undefined;
        const md = new vscode.MarkdownString(content.markdown);
        md.isTrusted = { enabledCommands: [CALCULATOR_COMMAND] };
        const range = new vscode.Range(doc.positionAt(content.range.start - target.base), doc.positionAt(content.range.end - target.base));
        return new vscode.Hover(md, range);
      } catch (e) {
        // A hover must never take the editor down; say nothing and log once per failure.
        console.error('loss-lens: hover failed', e);
        return undefined;
      }
    },
  };
  return vscode.languages.registerHoverProvider({ language: 'python' }, provider);
}
