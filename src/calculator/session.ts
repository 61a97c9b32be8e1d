import { lossById, lossByModule, lossByFunctional, type Locale, type LossSignature } from '../catalogue';
import { evaluate, INLINE_BUDGET, LossError, TooLargeError, type DType, type LossSpec, type Tensor, type WorkBudget } from '../engine';
import { explain } from './explain';
import { own } from './own';
import { parseTensorLiteral, type LiteralError } from './literal';
import { defaultParamText, parseParam } from './params';

/** What the user typed: the loss and the text of every parameter and forward argument. */
export interface CalcInputs {
  readonly module: string;
  readonly params: Readonly<Record<string, string>>;
  readonly args: Readonly<Record<string, string>>;
}

export interface ArgInfo {
  readonly shape: readonly number[];
  readonly dtype: DType;
  /** A bare Python float passed to a `floatOrScalar` argument. */
  readonly scalar: boolean;
}

export interface CalcResult {
  readonly output: Tensor;
  /** The unreduced losses (`reduction='none'`), when the loss has a reduction. */
  readonly perElement?: Tensor;
  readonly grad: Readonly<Record<string, Tensor>>;
  readonly explanation: string;
}

export interface CalcOutcome {
  readonly sig: LossSignature | undefined;
  /** Errors by parameter or forward-argument name, with offsets into that field's text. */
  readonly fieldErrors: Readonly<Record<string, LiteralError>>;
  readonly argInfo: Readonly<Record<string, ArgInfo>>;
  /** An error that belongs to no single field (an unknown loss, an engine failure). */
  readonly error?: string;
  readonly result?: CalcResult;
  /** The exact spec that produced `result`, for sweeps, plots and code generation. */
  readonly spec?: LossSpec;
  /**
   * Set when an input or the evaluation is larger than the budget: the message ("input: too
   * large to evaluate inline (25,000,000 elements; limit 100,000)") stands where the value would.
   * It is also in `fieldErrors` (for an argument) or `error`.
   */
  readonly tooLarge?: { readonly message: string; readonly elements: number; readonly limit: number };
}

export function signatureFor(module: string): LossSignature | undefined {
  return lossByModule(module) ?? lossById(module) ?? lossByFunctional(module);
}

/** The form texts a loss starts with: its defaults, and example arguments. */
export function defaultInputs(module: string, examples: (sig: LossSignature) => Record<string, string>): CalcInputs {
  const sig = signatureFor(module);
  if (!sig) return { module, params: {}, args: {} };
  const params: Record<string, string> = {};
  for (const p of sig.params) params[p.name] = defaultParamText(p);
  return { module: sig.module, params, args: examples(sig) };
}

/**
 * Parses every field, evaluates the loss with gradients, and explains the result, within
 * `budget` (inline values' by default; the calculator passes CALCULATOR_BUDGET). Never throws.
 */
export function computeSession(inputs: CalcInputs, locale: Locale, budget: WorkBudget = INLINE_BUDGET): CalcOutcome {
  const sig = signatureFor(inputs.module);
  if (!sig) return { sig, fieldErrors: {}, argInfo: {}, error: `unknown loss '${inputs.module}'` };
  const fieldErrors: Record<string, LiteralError> = {};
  const argInfo: Record<string, ArgInfo> = {};
  const args: Record<string, unknown> = {};
  let floatDType: DType | undefined;
  let tooLarge: CalcOutcome['tooLarge'];
  for (const a of sig.forward) {
    const r = parseTensorLiteral(inputs.args[a.name] ?? '', budget);
    if (!r.ok) {
      fieldErrors[a.name] = r.error;
      if (r.error.tooLarge && !tooLarge) tooLarge = { message: `${a.name}: ${r.error.message}`, ...r.error.tooLarge };
      continue;
    }
    const { tensor, pythonScalar } = r.value;
    const scalar = pythonScalar && a.kind === 'floatOrScalar';
    argInfo[a.name] = { shape: tensor.shape, dtype: tensor.dtype, scalar };
    args[a.name] = scalar ? tensor.data[0] : tensor;
    if (!floatDType && (tensor.dtype === 'float32' || tensor.dtype === 'float64')) floatDType = tensor.dtype;
  }
  const params: Record<string, unknown> = {};
  for (const p of sig.params) {
    const r = parseParam(p, inputs.params[p.name] ?? defaultParamText(p), budget);
    if (!r.ok) {
      fieldErrors[p.name] = r.error;
      if (r.error.tooLarge && !tooLarge) tooLarge = { message: `${p.name}: ${r.error.message}`, ...r.error.tooLarge };
      continue;
    }
    params[p.name] = intTensorAsFloat(r.value, floatDType ?? 'float32');
  }
  if (Object.keys(fieldErrors).length > 0) return { sig, fieldErrors, argInfo, ...(tooLarge ? { tooLarge } : {}) };
  const spec: LossSpec = { module: sig.module, params, args };
  try {
    const evaluation = evaluate(spec, { grad: true, budget });
    const perElement = unreduced(sig, spec, budget);
    const result: CalcResult = {
      output: evaluation.output,
      perElement,
      grad: evaluation.grad ?? {},
      explanation: explain({ sig, params, args, output: evaluation.output, perElement }, locale),
    };
    return { sig, fieldErrors, argInfo, result, spec };
  } catch (e) {
    if (e instanceof TooLargeError) {
      const large = { message: e.message, elements: e.elements, limit: e.limit };
      const text = e.argument === undefined ? undefined : (own(inputs.args, e.argument) ?? own(inputs.params, e.argument));
      if (e.argument && text !== undefined) return { sig, fieldErrors: { [e.argument]: { message: e.message, offset: 0, length: text.length || 1, tooLarge: large } }, argInfo, spec, tooLarge: large };
      return { sig, fieldErrors, argInfo, error: e.message, spec, tooLarge: large };
    }
    if (e instanceof LossError) {
      const field = e.argument && (sig.forward.some((a) => a.name === e.argument) || sig.params.some((p) => p.name === e.argument)) ? e.argument : undefined;
      const message = `${e.type}: ${e.message}`;
      if (field) return { sig, fieldErrors: { [field]: { message, offset: 0, length: (inputs.args[field] ?? inputs.params[field] ?? ' ').length || 1 } }, argInfo, spec };
      return { sig, fieldErrors, argInfo, error: message, spec };
    }
    return { sig, fieldErrors, argInfo, error: `internal error: ${(e as Error)?.message ?? String(e)}`, spec };
  }
}

/** A weight typed as `[1, 2]` means float weights in the inputs' dtype, not an int64 tensor PyTorch would reject. */
function intTensorAsFloat(value: unknown, dtype: DType): unknown {
  const t = value as { dtype?: unknown } | null;
  if (t && typeof t === 'object' && (t.dtype === 'int64' || t.dtype === 'int32')) return { ...t, dtype };
  return value;
}

/** The same call with `reduction='none'` (legacy flags cleared), or undefined when it is already unreduced. */
export function unreduced(sig: LossSignature, spec: LossSpec, budget: WorkBudget = INLINE_BUDGET): Tensor | undefined {
  if (!sig.params.some((p) => p.name === 'reduction')) return undefined;
  const params: Record<string, unknown> = { ...spec.params, reduction: 'none' };
  if ('size_average' in params) params.size_average = null;
  if ('reduce' in params) params.reduce = null;
  const before = spec.params?.reduction;
  const legacy = (spec.params?.size_average ?? null) !== null || (spec.params?.reduce ?? null) !== null;
  if (before === 'none' && !legacy) return undefined;
  try {
    return evaluate({ ...spec, params }, { budget }).output;
  } catch {
    return undefined;
  }
}
