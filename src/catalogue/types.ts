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
