import { formulaFor, formulaVariants, type FormulaVariant, type Locale, type Localized, type LossEntry, type ParamDefault } from './types';

/** The parts of an entry `renderEntry` can emit, in display order. */
export type Section =
  | 'summary'
  | 'formula'
  | 'params'
  | 'shapes'
  | 'whenToUse'
  | 'whenNotToUse'
  | 'pitfalls'
  | 'example'
  | 'links';

export const ALL_SECTIONS: readonly Section[] = ['summary', 'formula', 'params', 'shapes', 'whenToUse', 'whenNotToUse', 'pitfalls', 'example', 'links'];

export interface Link {
  readonly title: Localized;
  readonly href: string;
}

export interface RenderOptions {
  readonly locale: Locale;
  readonly sections?: readonly Section[];
  /**
   * Image URL of a rendered formula. Without it (or when it returns undefined) formulas are
   * emitted as TeX in a `math` block, which markdown viewers with KaTeX render.
   */
  readonly formulaImage?: (id: string, variant: FormulaVariant) => string | undefined;
  /** `'active'` shows the unreduced loss and the reduction in effect; `'all'` every reduction. */
  readonly formulas?: 'active' | 'all';
  /** Arguments given at a construction site: Python source text by parameter name. */
  readonly configured?: Readonly<Record<string, string>>;
  /** Extra links after the PyTorch documentation link (e.g. the calculator command). */
  readonly links?: readonly Link[];
}

export const LABELS = {
  formula: { en: 'Formula', zh: '公式' },
  unreduced: { en: "per element (`reduction='none'`)", zh: "逐元素（`reduction='none'`）" },
  params: { en: 'Parameters', zh: '参数' },
  param: { en: 'parameter', zh: '参数' },
  default: { en: 'default', zh: '默认值' },
  configured: { en: 'here', zh: '此处取值' },
  meaning: { en: 'meaning', zh: '含义' },
  shapes: { en: 'Shapes', zh: '形状' },
  output: { en: 'output: ', zh: '输出：' },
  whenToUse: { en: 'When to use', zh: '适用场景' },
  whenNotToUse: { en: 'When not to use', zh: '不适用场景' },
  pitfalls: { en: 'Pitfalls', zh: '常见错误' },
  example: { en: 'Example', zh: '示例' },
  docs: { en: 'PyTorch documentation', zh: 'PyTorch 文档' },
  where: { en: 'where: ', zh: '其中：' },
  keywordOnly: { en: 'keyword-only', zh: '仅限关键字参数' },
  aliases: { en: 'Also known as: ', zh: '又称：' },
} as const satisfies Record<string, Localized>;

/** A catalogue default as Python source: `None`, `True`, `'mean'`, `1e-06`, `1.0`. */
export function pythonLiteral(value: ParamDefault, type?: string): string {
  if (value === null) return 'None';
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (typeof value === 'string') return `'${value}'`;
  if (value !== 0 && Math.abs(value) < 1e-4) {
    // Python's repr pads the exponent to two digits: 1e-06, 1e-08.
    return value.toExponential().replace(/e([+-])(\d)$/, 'e$10$2');
  }
  if (type === 'float' && Number.isInteger(value)) return value.toFixed(1);
  return String(value);
}

/**
 * Table cells may not contain raw pipes or line breaks. A pipe is a cell's own only when an odd number
 * of backslashes precedes it (marked, which VS Code renders hovers with, counts them; markdown-it looks
 * at one), so a backslash typed before a pipe in the source cannot turn the escape into a cell border.
 */
function cell(text: string): string {
  return text.replace(/\r\n?|\n/g, ' ').replace(/(\\*)\|/g, (_, slashes: string) => `${slashes}${slashes.length % 2 === 0 ? '\\' : ''}|`);
}

/**
 * A command link's target (`command:id?args`) for markdown. The arguments may carry source text from
 * the document: `encodeURIComponent` leaves `(`, `)` and a few more as they are, and a `)` would end
 * the markdown link early.
 */
export function commandUri(command: string, args: unknown): string {
  const query = encodeURIComponent(JSON.stringify([args])).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `command:${command}?${query}`;
}

/** Longest text of the document shown in one code span: a hover is not the place for a 10 MB literal. */
const MAX_SHOWN_SOURCE = 160;

/**
 * Source text from a document as one inline code span. The fence is longer than any run of backticks
 * inside, so the text cannot close the span and whatever follows (`](http://…)`, `![](…)`, HTML) stays
 * code; line breaks become spaces so the span stays on its line.
 */
export function codeSpan(source: string): string {
  const shown = source.length > MAX_SHOWN_SOURCE ? `${source.slice(0, MAX_SHOWN_SOURCE)}…` : source;
  const text = shown.replace(/\r\n?|\n/g, ' ');
  let longest = 0;
  for (let i = 0, run = 0; i < text.length; i++) {
    run = text[i] === '`' ? run + 1 : 0;
    if (run > longest) longest = run;
  }
  const fence = '`'.repeat(longest + 1);
  // CommonMark strips one space from each end when both are spaces: the padding keeps edge backticks and spaces.
  if (text === '') return '` `';
  const pad = /^[` ]|[` ]$/.test(text) ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

/** The reduction in effect at a construction site, when it is a plain string literal. */
export function activeReduction(entry: LossEntry, configured?: Readonly<Record<string, string>>): FormulaVariant {
  const given = configured?.reduction?.trim().replace(/^['"]|['"]$/g, '');
  const spec = entry.params.find((p) => p.type === 'reduction');
  const value = given ?? (typeof spec?.default === 'string' ? spec.default : 'mean');
  if (value === 'none') return 'unreduced';
  return formulaVariants(entry.formula).includes(value as FormulaVariant) ? (value as FormulaVariant) : 'mean';
}

function formulaBlock(entry: LossEntry, variant: FormulaVariant, opts: RenderOptions): string {
  const tex = formulaFor(entry.formula, variant) ?? '';
  const label = variant === 'unreduced' ? LABELS.unreduced[opts.locale] : `\`reduction='${variant}'\``;
  const url = opts.formulaImage?.(entry.id, variant);
  const body = url ? `![${variant}](${url})` : '```math\n' + tex + '\n```';
  return `${label}\n\n${body}`;
}

function formulaSection(entry: LossEntry, opts: RenderOptions): string {
  const l = opts.locale;
  const variants: FormulaVariant[] =
    opts.formulas === 'all' ? formulaVariants(entry.formula) : [...new Set<FormulaVariant>(['unreduced', activeReduction(entry, opts.configured)])];
  const blocks = variants.map((v) => formulaBlock(entry, v, opts));
  return `#### ${LABELS.formula[l]}\n\n${blocks.join('\n\n')}\n\n${LABELS.where[l]}${entry.formula.where[l]}`;
}

function paramsSection(entry: LossEntry, opts: RenderOptions): string {
  const l = opts.locale;
  const configured = opts.configured ?? {};
  const showHere = Object.keys(configured).length > 0;
  const head = [LABELS.param[l], LABELS.default[l], ...(showHere ? [LABELS.configured[l]] : []), LABELS.meaning[l]];
  const rows = entry.params.map((p) => {
    const here = configured[p.name];
    const name = here !== undefined ? `**\`${p.name}\`**` : `\`${p.name}\``;
    const cells = [name, `\`${cell(pythonLiteral(p.default, p.type))}\``];
    if (showHere) cells.push(here !== undefined ? cell(codeSpan(here)) : '');
    cells.push(cell(p.doc[l]));
    return `| ${cells.join(' | ')} |`;
  });
  const note = entry.keywordOnly ? `\n\n_${LABELS.keywordOnly[l]}_` : '';
  return `#### ${LABELS.params[l]}\n\n| ${head.join(' | ')} |\n| ${head.map(() => '---').join(' | ')} |\n${rows.join('\n')}${note}`;
}

function shapesSection(entry: LossEntry, l: Locale): string {
  const lines = entry.shapes.args.map((a) => `- \`${a.name}\`: \`${a.shape}\` — ${a.holds[l]}`);
  lines.push(`- ${LABELS.output[l]}\`${entry.shapes.output.shape}\` — ${entry.shapes.output.holds[l]}`);
  return `#### ${LABELS.shapes[l]}\n\n${lines.join('\n')}`;
}

function listSection(title: Localized, items: readonly Localized[], l: Locale): string {
  return `#### ${title[l]}\n\n${items.map((i) => `- ${i[l]}`).join('\n')}`;
}

function pitfallsSection(entry: LossEntry, l: Locale): string {
  const items = entry.pitfalls.map((p) => `- ${p.rule ? `\`${p.rule}\` ` : ''}${p.text[l]}`);
  return `#### ${LABELS.pitfalls[l]}\n\n${items.join('\n')}`;
}

function linksSection(entry: LossEntry, opts: RenderOptions): string {
  const links = [{ title: LABELS.docs, href: entry.docsUrl }, ...(opts.links ?? [])];
  return links.map((k) => `[${k.title[opts.locale]}](${k.href})`).join(' · ');
}

/** The heading line: `torch.nn.X` and `torch.nn.functional.x`. */
export function renderTitle(entry: LossEntry): string {
  return `**\`torch.nn.${entry.module}\`** · \`torch.nn.functional.${entry.functional.name}\``;
}

/**
 * An entry as markdown, in the reader's language. The one renderer behind the hover, the
 * loss picker's preview, the CLI and the calculator.
 */
export function renderEntry(entry: LossEntry, opts: RenderOptions): string {
  const l = opts.locale;
  const sections = opts.sections ?? ALL_SECTIONS;
  const parts: string[] = [renderTitle(entry)];
  for (const s of sections) {
    switch (s) {
      case 'summary': parts.push(`${entry.summary[l]}\n\n_${LABELS.aliases[l]}${entry.aliases.join(', ')}_`); break;
      case 'formula': parts.push(formulaSection(entry, opts)); break;
      case 'params': parts.push(paramsSection(entry, opts)); break;
      case 'shapes': parts.push(shapesSection(entry, l)); break;
      case 'whenToUse': parts.push(listSection(LABELS.whenToUse, entry.whenToUse, l)); break;
      case 'whenNotToUse': parts.push(listSection(LABELS.whenNotToUse, entry.whenNotToUse, l)); break;
      case 'pitfalls': parts.push(pitfallsSection(entry, l)); break;
      case 'example': parts.push(`#### ${LABELS.example[l]}\n\n\`\`\`python\n${entry.example.trimEnd()}\n\`\`\``); break;
      case 'links': parts.push(linksSection(entry, opts)); break;
      default: {
        const never: never = s;
        throw new Error(`unknown section ${String(never)}`);
      }
    }
  }
  return parts.join('\n\n');
}
