/** Parameter types as PyTorch's signatures declare them. */
export type ParamType =
  | 'float'
  | 'int'
  | 'bool'
  | 'reduction'
  /** The deprecated `size_average` / `reduce` flags: `bool | None`. */
  | 'legacy'
  /** An optional tensor such as `weight` or `pos_weight`. */
  | 'tensor'
  /** `TripletMarginWithDistanceLoss.distance_function`. */
  | 'distance';

export type ParamDefault = number | boolean | string | null;

export interface ParamSpec {
  readonly name: string;
  readonly type: ParamType;
  readonly default: ParamDefault;
  /** Allowed string values (reductions). */
  readonly choices?: readonly string[];
}

/** What a `forward()` argument holds; drives parsing, validation and which gradients exist. */
export type ArgKind =
  /** A floating tensor. */
  | 'float'
  /** Class indices (int64), or class probabilities for CrossEntropyLoss. */
  | 'classes'
  /** Integer labels such as CTC targets or length tensors. */
  | 'index'
  /** A floating tensor or a Python float (GaussianNLLLoss `var`). */
  | 'floatOrScalar';

export interface ArgSpec {
  readonly name: string;
  readonly kind: ArgKind;
}

export interface FunctionalSignature {
  readonly name: string;
  /** Names the functional form gives the forward arguments, in the same order as `forward`. */
  readonly args: readonly string[];
  /** Constructor parameter names in the functional signature's order. */
  readonly params: readonly string[];
  /** True when the parameters are keyword-only (`*` before them). */
  readonly keywordOnly?: boolean;
}

/**
 * The machine-readable facts of one `torch.nn` loss: names, constructor parameters
 * (position = index in `params`), forward arguments and the functional signature.
 * The engine reads defaults here, the analyzer reads positions.
 */
export interface LossSignature {
  /** The `nn` class name without `Loss`, lowerCamel: `CrossEntropyLoss` → `crossEntropy`. */
  readonly id: string;
  readonly module: string;
  readonly params: readonly ParamSpec[];
  /** True when the constructor takes keyword arguments only. */
  readonly keywordOnly?: boolean;
  readonly forward: readonly ArgSpec[];
  readonly functional: FunctionalSignature;
}

export const REDUCTIONS = ['none', 'mean', 'sum'] as const;

/** The display languages Loss Lens ships: English and Simplified Chinese. */
export type Locale = 'en' | 'zh';

/** User-visible text in every shipped language; a missing translation is a compile error. */
export interface Localized {
  readonly en: string;
  readonly zh: string;
}

export function localize(text: Localized, locale: Locale): string {
  return text[locale];
}

/** The analyzer's rule codes (issue #4); a pitfall names the rule that catches it. */
export type RuleCode =
  | 'LL101' | 'LL102' | 'LL103' | 'LL104' | 'LL105' | 'LL106' | 'LL107' | 'LL108' | 'LL110' | 'LL111' | 'LL112'
  | 'LL201' | 'LL202' | 'LL203' | 'LL204' | 'LL206'
  | 'LL301' | 'LL302' | 'LL303' | 'LL304' | 'LL305';

/** A constructor parameter with its meaning; `LossEntry` requires one for every parameter. */
export interface DocumentedParam extends ParamSpec {
  readonly doc: Localized;
}

/** One `forward()` argument: its shape in PyTorch's notation and what it holds. */
export interface ArgShape {
  readonly name: string;
  readonly shape: string;
  readonly holds: Localized;
}

export interface Shapes {
  /** Same order and names as `forward`. */
  readonly args: readonly ArgShape[];
  /** The output with `reduction='none'`; reduced outputs are scalars. */
  readonly output: { readonly shape: string; readonly holds: Localized };
}

/** Which formula: the unreduced loss, or one reduction of it. */
export type FormulaVariant = 'unreduced' | 'mean' | 'sum' | 'batchmean';

/** LaTeX (MathJax's TeX input) for the loss and each reduction it accepts besides `'none'`. */
export interface Formula {
  readonly unreduced: string;
  readonly mean: string;
  readonly sum: string;
  readonly batchmean?: string;
  /** What the symbols mean. */
  readonly where: Localized;
}

export interface Pitfall {
  /** The analyzer rule that detects this mistake, when one does. */
  readonly rule?: RuleCode;
  readonly text: Localized;
}

/**
 * A loss's signature plus its documentation: the catalogue entry that hover, the loss
 * picker, the CLI and the calculator all render through `render.ts`.
 */
export interface LossEntry extends LossSignature {
  readonly params: readonly DocumentedParam[];
  /** Other names people search for (Keras names, textbook names). */
  readonly aliases: readonly string[];
  readonly summary: Localized;
  readonly shapes: Shapes;
  readonly formula: Formula;
  readonly whenToUse: readonly Localized[];
  readonly whenNotToUse: readonly Localized[];
  readonly pitfalls: readonly Pitfall[];
  /** A short, runnable Python example. */
  readonly example: string;
  readonly docsUrl: string;
}

/** The variants a formula has, in display order. */
export function formulaVariants(formula: Formula): FormulaVariant[] {
  const out: FormulaVariant[] = ['unreduced', 'mean', 'sum'];
  if (formula.batchmean !== undefined) out.push('batchmean');
  return out;
}

export function formulaFor(formula: Formula, variant: FormulaVariant): string | undefined {
  return formula[variant];
}
