// Which loss is under the cursor, per the analyzer's alias resolution, and the markdown shown for it.
import { lossAt, lossSites, type DocumentAnalysis, type LossAtCursor } from '../analysis';
import { lossById, type FormulaVariant, type Locale, type Localized } from '../catalogue';
import { commandUri, renderEntry, type Section } from '../catalogue/render';
import { OPEN_CALCULATOR } from '../protocol/server';


export const OPEN_IN_CALCULATOR: Localized = { en: 'Open in Loss Calculator', zh: '在损失计算器中打开' };

/** What "Open in Loss Calculator" passes: the loss and, for a configured criterion, its arguments as source text. */
export interface CalculatorArgs {
  readonly module: string;
  readonly params: Readonly<Record<string, string>>;
}

export interface HoverContent {
  readonly markdown: string;
  /** Offsets of the name the hover belongs to. */
  readonly range: { readonly start: number; readonly end: number };
  readonly calculator: CalculatorArgs;
}

export interface HoverOptions {
  readonly locale: Locale;
  /** Image URL (a data URI in the editor) of a rendered formula. */
  readonly formulaImage?: (id: string, variant: FormulaVariant) => string | undefined;
  /** Whether the client runs the calculator command the hover links to. */
  readonly calculatorLink: boolean;
}

/** The hover leaves out the example: it is the longest part and the hover is not a tutorial. */
const HOVER_SECTIONS: readonly Section[] = ['summary', 'formula', 'params', 'shapes', 'whenToUse', 'whenNotToUse', 'pitfalls', 'links'];


/**
 * `criterion` in `criterion = nn.CrossEntropyLoss(...)`: the analyzer resolves names where they are
 * used; on the assignment target itself, the loss is the construction on the right.
 */
function assignedLoss(doc: DocumentAnalysis, offset: number): LossAtCursor | undefined {
  const text = doc.text;
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  for (const site of lossSites(doc)) {
    if (site.kind !== 'construction' || site.range.start < offset) continue;
    const head = /^(\s*)([A-Za-z_][\w.]*)(\s*(?::[^=]*)?=\s*)$/.exec(text.slice(lineStart, site.range.start));
    if (!head) return undefined;
    const start = lineStart + head[1].length;
    const end = start + head[2].length;
    if (offset < start || offset > end) return undefined;
    // Resolve on the class name's last character: `nn` alone is a module, not a loss.
    const at = lossAt(doc, Math.max(site.range.start, text.indexOf('(', site.range.start) - 1));
    return at && { ...at, form: 'criterion', range: { start, end } };
  }
  return undefined;
}

/** `F.cross_entropy(x, y, label_smoothing=0.1)`: a functional call's options count as configured too. */
function withCallOptions(doc: DocumentAnalysis, at: LossAtCursor): LossAtCursor {
  if (at.form !== 'functional') return at;
  const call = lossSites(doc).find((s) => s.kind === 'functional' && s.range.start <= at.range.start && at.range.end <= s.range.end);
  if (!call) return at;
  return { ...at, args: Object.fromEntries(Object.entries(call.options).map(([name, arg]) => [name, arg.text])) };
}

/** Hover markdown for the loss named or held at `offset`, or undefined when there is none. */
export function hoverContent(doc: DocumentAnalysis, offset: number, opts: HoverOptions): HoverContent | undefined {
  const found = lossAt(doc, offset) ?? assignedLoss(doc, offset);
  const at = found && withCallOptions(doc, found);
  const entry = at && lossById(at.id);
  if (!at || !entry) return undefined;
  const calculator: CalculatorArgs = { module: entry.module, params: { ...at.args } };
  const markdown = renderEntry(entry, {
    locale: opts.locale,
    sections: HOVER_SECTIONS,
    formulas: 'active',
    formulaImage: opts.formulaImage,
    configured: at.args,
    links: opts.calculatorLink ? [{ title: OPEN_IN_CALCULATOR, href: commandUri(OPEN_CALCULATOR, calculator) }] : [],
  });
  return { markdown, range: at.range, calculator };
}
