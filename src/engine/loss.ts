import type { WorkMeter } from './budget';
import type { Reduction } from './reduction';
import type { FloatDType, Tensor } from './tensor';

/** `TripletMarginWithDistanceLoss.distance_function`, as a named spec (see the fixtures README). */
export type DistanceSpec =
  | { readonly name: 'pairwise_distance'; readonly p?: number; readonly eps?: number; readonly keepdim?: boolean }
  | { readonly name: 'cosine_distance'; readonly eps?: number };

export type ParamValue = number | boolean | string | null | Tensor | DistanceSpec;

/**
 * Constructor parameters after validation: every parameter of the catalogue signature is
 * present (defaults filled in), numbers are decoded, tensors converted, and `reduction`
 * already accounts for the legacy `size_average` / `reduce` flags.
 */
export interface Params {
  readonly reduction: Reduction;
  readonly [name: string]: ParamValue;
}

export interface LossInput {
  readonly params: Params;
  /** Forward arguments by their `forward()` names; GaussianNLLLoss `var` may be a plain number. */
  readonly args: Readonly<Record<string, Tensor | number>>;
  /** The floating dtype of the case: outputs and gradients use it. */
  readonly dtype: FloatDType;
  /** Whether gradients of `output.sum()` are wanted. */
  readonly grad: boolean;
  /** The work this evaluation may do; losses check it before allocating anything that grows faster than an argument. */
  readonly meter: WorkMeter;
}

export interface LossResult {
  readonly output: Tensor;
  /** d(output.sum())/d(arg) for each argument PyTorch differentiates (only when asked). */
  readonly grad?: Readonly<Record<string, Tensor>>;
}

/** One loss of the engine: `module` joins it to its catalogue signature. */
export interface LossImpl {
  readonly module: string;
  /**
   * True when torch promotes integer tensors passed as float arguments (e.g. an int64 target
   * for L1Loss); the loss must then reject the integer arguments torch rejects, and give
   * integer arguments no gradient.
   */
  readonly promotesIntegerArgs?: boolean;
  /**
   * Checks torch makes in Python on the raw constructor kwargs, before any type is enforced
   * (MultiMarginLoss rejects p=1.5 with a ValueError, not a TypeError).
   */
  checkParams?(given: Readonly<Record<string, unknown>>): void;
  compute(input: LossInput): LossResult;
}

export function tensorArg(input: LossInput, name: string): Tensor {
  return input.args[name] as Tensor;
}

export function floatParam(params: Params, name: string): number {
  return params[name] as number;
}

export function boolParam(params: Params, name: string): boolean {
  return params[name] as boolean;
}

export function tensorParam(params: Params, name: string): Tensor | null {
  return params[name] as Tensor | null;
}
