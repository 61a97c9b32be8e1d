import { LOSSES, lossById, lossByModule, type LossSignature } from '../catalogue';
import { INLINE_BUDGET, TooLargeError, workMeter, type WorkBudget } from './budget';
import { LossError } from './errors';
import type { LossImpl } from './loss';
import { LOSS_IMPLS } from './losses';
import { resolveArgs, resolveParams } from './params';
import type { Tensor } from './tensor';

export {
  CALCULATOR_BUDGET,
  INLINE_BUDGET,
  SNIPPET_ELEMENTS,
  SWEEP_MIN_POINTS,
  SWEEP_WORK,
  TooLargeError,
  tooLargeMessage,
  checkWork,
  elementsOf,
  workMeter,
  type WorkMeter,
  type WorkBudget,
  type WorkKind,
} from './budget';
export { LossError, type PyErrorType } from './errors';
export type { DistanceSpec, Params } from './loss';
export type { DType, FloatArray, Tensor, TensorLike } from './tensor';
export { numel, toTensor } from './tensor';

export interface LossSpec {
  /** The `torch.nn` class name (`'CrossEntropyLoss'`) or the loss id (`'crossEntropy'`). */
  readonly module: string;
  /** Constructor keyword arguments, with PyTorch's names. */
  readonly params?: Readonly<Record<string, unknown>>;
  /** `forward()` arguments by name. */
  readonly args: Readonly<Record<string, unknown>>;
}

export interface EvaluateOptions {
  /** Also return d(output.sum())/d(arg) for every argument PyTorch differentiates. */
  readonly grad?: boolean;
  /** The work the evaluation may do (INLINE_BUDGET unless a host allows more); beyond it, a TooLargeError. */
  readonly budget?: WorkBudget;
}

export interface Evaluation {
  readonly output: Tensor;
  readonly grad?: Readonly<Record<string, Tensor>>;
  /** The work done, in the budget's units (argument and broadcast elements, lattice cells). */
  readonly work: number;
}

const implByModule = new Map<string, LossImpl>(LOSS_IMPLS.map((l) => [l.module, l]));

/** Signatures of the losses the engine implements, in catalogue order. */
export function supportedLosses(): readonly LossSignature[] {
  return LOSSES.filter((l) => implByModule.has(l.module));
}

/**
 * Computes a loss as `torch.nn.<module>(**params)(**args)` would, and optionally the
 * gradients of `output.sum()`. Invalid input throws a LossError naming the argument; input
 * that would take more work than the budget throws a TooLargeError before anything is allocated.
 */
export function evaluate(spec: LossSpec, options: EvaluateOptions = {}): Evaluation {
  const sig = lossByModule(spec?.module) ?? lossById(spec?.module);
  const impl = sig && implByModule.get(sig.module);
  if (!sig || !impl) {
    throw new LossError(
      'ValueError',
      'module',
      `unknown loss '${String(spec?.module)}'; expected a torch.nn loss class name such as 'CrossEntropyLoss'`,
    );
  }
  const meter = workMeter(options.budget ?? INLINE_BUDGET);
  impl.checkParams?.(spec.params ?? {});
  const params = resolveParams(sig, spec.params ?? {}, meter);
  const { args, dtype } = resolveArgs(sig, spec.args ?? {}, impl.promotesIntegerArgs === true, meter);
  try {
    const r = impl.compute({ params, args, dtype, grad: options.grad === true, meter });
    return { ...r, work: meter.spent };
  } catch (e) {
    if (e instanceof LossError || e instanceof TooLargeError) throw e;
    // A bug in the engine must still reach callers as a LossError, never a raw TypeError.
    throw new LossError('RuntimeError', undefined, `internal error in ${sig.module}: ${(e as Error)?.message ?? String(e)}`);
  }
}
export { encodeNumber, tensorToJson, type TensorJson } from './json';
