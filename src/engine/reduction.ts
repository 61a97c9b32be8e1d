import { valueError } from './errors';
import { allocFloat, type FloatArray, type FloatDType, type Tensor } from './tensor';

export type Reduction = 'none' | 'mean' | 'sum' | 'batchmean';

/**
 * Losses whose functional form checks `reduction` itself rather than through
 * _Reduction.get_enum: they reject 'elementwise_mean', in their own words.
 */
const OWN_CHECK: Readonly<Record<string, string>> = {
  GaussianNLLLoss: 'is not valid',
  MultiLabelSoftMarginLoss: 'is not valid',
  PoissonNLLLoss: 'is not a valid value for reduction',
  TripletMarginWithDistanceLoss: 'is not a valid value for reduction',
};

/**
 * The reduction in force, following `_Reduction.legacy_get_string`: when either legacy
 * flag is given it overrides `reduction` (reduce=False → none; size_average=False → sum; else mean).
 */
export function resolveReduction(
  params: { reduction?: unknown; size_average?: unknown; reduce?: unknown },
  choices: readonly string[],
  module?: string,
): Reduction {
  const sizeAverage = params.size_average ?? null;
  const reduce = params.reduce ?? null;
  if (sizeAverage !== null || reduce !== null) {
    if (reduce === false) return 'none';
    if (sizeAverage === false) return 'sum';
    return 'mean';
  }
  const r = params.reduction;
  const ownCheck = module === undefined ? undefined : OWN_CHECK[module];
  // _Reduction.get_enum still maps the deprecated 'elementwise_mean' to 'mean' (with a warning).
  if (r === 'elementwise_mean' && ownCheck === undefined && choices.includes('mean')) return 'mean';
  if (typeof r !== 'string' || !choices.includes(r)) {
    valueError('reduction', `${typeof r === 'string' ? r : String(r)} ${ownCheck ?? 'is not a valid value for reduction'}; expected one of ${choices.map((c) => `'${c}'`).join(', ')}`);
  }
  return r as Reduction;
}

/** Sum in float64 whatever the storage precision, so large float32 inputs stay accurate. */
export function sum(values: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < values.length; i++) s += values[i];
  return s;
}

/**
 * The total of a reduction as PyTorch's float32 kernels accumulate it: in float32, so a sum past
 * float32's range is ±inf even where the mean would fit (MSELoss of three 1.5e19 errors is inf).
 * We add in float64 for accuracy and only carry the overflow over.
 */
export function accumulated(total: number, dtype: FloatDType): number {
  return dtype === 'float32' && !Number.isFinite(Math.fround(total)) ? Math.fround(total) : total;
}

/**
 * Reduces unreduced per-element losses. For 'none' the values are returned with `shape`;
 * 'mean' divides by the element count (nan for none), 'sum' adds them.
 */
export function reduceLoss(values: FloatArray, shape: readonly number[], reduction: Reduction, dtype: FloatDType): Tensor {
  if (reduction === 'none') return { shape, dtype, data: values };
  const total = accumulated(sum(values), dtype);
  const out = allocFloat(dtype, 1);
  out[0] = reduction === 'sum' ? total : total / values.length;
  return { shape: [], dtype, data: out };
}

/** d(reduced)/d(element) for the simple reductions: 1/n for mean, 1 otherwise. */
export function reductionScale(reduction: Reduction, n: number): number {
  return reduction === 'mean' ? 1 / n : 1;
}
